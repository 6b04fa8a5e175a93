"""Reading input files: bytes to text, with a clear error naming the file and the reason.

How the encoding is chosen, in order:

1. a byte-order mark (UTF-8, UTF-16 or UTF-32) says it outright;
2. UTF-16 without a byte-order mark, when its NUL bytes are the high bytes of mostly-ASCII text
   (see :func:`_bomless_utf16`);
3. UTF-8, since nearly all extracted text is UTF-8 and other bytes are very rarely valid UTF-8;
4. otherwise the encoding is guessed. charset-normalizer ranks the candidates by how "messy"
   each decoding reads, but on a few sentences of French or German every Latin code page reads
   equally clean and its first choice is close to arbitrary (cp1250, cp1257, hp_roman8 ...). So
   cp1252 — the Windows Western code page, a superset of latin-1's printable characters, and what
   the web reads a "latin-1" label as — is taken whenever it decodes, reads plausibly (no symbol
   such as ``³`` or ``¿`` wedged between two letters, which is what Polish or Czech bytes look
   like in it) and is not clearly messier than charset-normalizer's best candidate (Cyrillic or
   Greek bytes read as cp1252 are all accented capitals, which the mess detector flags).
   Otherwise charset-normalizer's best candidate is taken.

A latin-1 file is therefore reported as cp1252, with the same text. Known limit: a short cp1254
(Turkish) or cp1250 (Hungarian) file can read plausibly as cp1252; the CLI's ``--encoding``
names the encoding outright.

A file with NUL bytes (and no UTF-16/32 byte-order mark) or the signature of a known binary format
(PDF, ZIP, PNG ...) is refused as binary.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import regex

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of binary formats that turn up in folders of extracted text, with a helpful name.
_SIGNATURES = (
    (b"%PDF-", "a PDF file (extract its text first, for example with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub document)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "a program (ELF executable)"),
)
_SNIFF = 8192  # how much of the start is examined for NUL bytes

# cp1252 reads badly when a character that is neither a letter, a mark nor ordinary punctuation
# sits between two letters (Polish "Zażółć" in cp1252 bytes reads "Za¿ó³æ"); the ordinal signs
# ª º are letters to Unicode but stand after numbers, never inside words (Romanian ş reads º).
_WEDGED = regex.compile(r"(?<=\p{L})[^\p{L}\p{M}\x00-\x7f’‘·–—\xad](?=\p{L})|(?<=\p{L})[ªº]|[ªº](?=\p{L})")
_UNTEXTLIKE = regex.compile(r"[^\P{C}\t\n\r\f\u200b-\u200f\u2028\u2029\u2060\ufeff\xad]")
_UTF16_MIN_ASCII = 0.5
_CP1252_TOLERANCE = 0.1  # how much messier than the best candidate cp1252 may read


class InputError(Exception):
    """An input that cannot be read as text; the message names the input and the reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name: utf-8, utf-8-sig, utf-16, cp1252 ...
    guessed: bool = False  # True when no byte-order mark or valid UTF-8 said so


def decode(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """Decode ``data`` read from ``name`` (see the module docstring); ``encoding`` forces one."""
    if encoding is not None:
        return _decode_as(data, name, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, name, codec, because="starts with a byte-order mark but is not valid")
    if b"\x00" in data[:_SNIFF] and (utf16 := _bomless_utf16(data)) is not None:
        return utf16
    _refuse_binary(data, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return _guess(data, name)


def _decode_as(data: bytes, name: str, codec: str, because: str = "is not valid") -> Decoded:
    try:
        canonical = codecs.lookup(codec).name
    except LookupError:
        raise InputError(f"{name}: unknown encoding {codec!r}") from None
    try:
        return Decoded(data.decode(canonical), canonical)
    except UnicodeDecodeError as error:
        where = f"byte {data[error.start]:#04x} at offset {error.start}"
        raise InputError(f"{name}: {because} {canonical} ({where})") from None


def _refuse_binary(data: bytes, name: str) -> None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: looks like {kind}, not text")
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{name}: looks like a binary file (it holds NUL bytes), not text")


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark, as Windows tools write it: NUL bytes (the high bytes of
    ASCII characters) that decode, in one byte order, to text that is mostly ASCII and holds no
    NUL, control, unassigned or private character. Binary data fails one test or the other at
    once. (UTF-16 text in other scripts needs its byte-order mark, or --encoding.)"""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        ascii_share = sum(1 for char in text if char < "\x80") / (len(text) or 1)
        if ascii_share >= _UTF16_MIN_ASCII and not _UNTEXTLIKE.search(text):
            return Decoded(text, codec, guessed=True)
    return None


def _guess(data: bytes, name: str) -> Decoded:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    matches = from_bytes(data)
    best = matches.best()
    western = _plausible_cp1252(data)
    if western is not None:
        listed = [match.chaos for match in matches if match.encoding == "cp1252"]
        chaos = listed[0] if listed else mess_ratio(western, maximum_threshold=1.0)
        if best is None or chaos <= best.chaos + _CP1252_TOLERANCE:
            return Decoded(western, "cp1252", guessed=True)
    if best is None:
        raise InputError(f"{name}: cannot be decoded as text in any known encoding")
    return Decoded(str(best), codecs.lookup(best.encoding).name, guessed=True)


def _plausible_cp1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes 0x81, 0x8d, 0x8f, 0x90, 0x9d have no cp1252 character
        return None
    return None if _WEDGED.search(text) else text


def read_bytes(path: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``; an :class:`InputError` otherwise."""
    if path != "-":
        return read_file(path)[0]
    with _reading("<stdin>"):
        return sys.stdin.buffer.read()


def read_file(path: str) -> tuple[bytes, os.stat_result]:
    """The bytes of a file and its status as it was read: a batch compares it with the file's
    status before it writes, to notice a file that changed (or went) in the meantime."""
    with _reading(path), open(path, "rb") as file:
        status = os.fstat(file.fileno())  # before the read: a change during the read shows too
        return file.read(), status


@contextmanager
def _reading(name: str):
    try:
        yield
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot be read: {error.strerror or error}") from None


def read_input(path: str, encoding: str | None = None) -> Decoded:
    """Read and decode a file, or standard input for ``-``."""
    return decode(read_bytes(path), "<stdin>" if path == "-" else path, encoding)


# A temporary file is named ".NAME.textfix-XXXXXXXX.tmp" beside NAME: hidden, so a folder walk never
# takes it for an input, and recognisably textfix's, so that remove_leftovers can tell it apart.
_TEMPORARY = ".textfix-"
_LEFTOVER = re.compile(r"\.(?P<name>.+)\.textfix-[^.]+\.tmp", re.DOTALL)


def write_atomically(path: Path, text: str | Iterable[str], mode: int | None = None,
                     check: Callable[[], None] | None = None) -> None:
    """Write UTF-8 text (a string, or its pieces one after another) through a temporary file and
    a rename: never a half-written file.

    ``mode`` sets the permission bits (``--in-place`` keeps the input's); otherwise the new file
    gets the usual ones for the user's umask, not mkstemp's private 0600. ``check``, called when
    the temporary file is complete, just before the rename, may raise to abandon the write.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}{_TEMPORARY}", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text) if isinstance(text, str) else out.writelines(text)
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_UMASK)
        if check is not None:
            check()
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def remove_leftovers(paths: Iterable[str], root: str | None = None) -> None:
    """Remove the temporary files of :func:`write_atomically` for ``paths`` that a killed run left.

    A run killed with SIGKILL (``kill -9``, the OOM killer) or cut by a power failure has no
    chance to remove them; they are hidden and never taken for outputs, and the next run that
    writes those paths removes them before it starts. (Two runs writing the same file at once
    would race anyway.) With ``root`` (a real path), folders outside it, reached through a
    symbolic link, are left alone.
    """
    names_by_folder: dict[str, set[str]] = {}
    for path in paths:
        folder, name = os.path.split(path)
        names_by_folder.setdefault(folder or os.curdir, set()).add(name)
    for folder, names in names_by_folder.items():
        if root is not None and os.path.commonpath([os.path.realpath(folder), root]) != root:
            continue
        try:
            entries = os.listdir(folder)
        except OSError:  # not made yet, or unreadable: writing there will say so
            continue
        for entry in entries:
            leftover = _LEFTOVER.fullmatch(entry)
            if leftover and leftover["name"] in names:
                try:
                    os.unlink(os.path.join(folder, entry))
                except OSError:
                    pass


def _read_umask() -> int:
    # The only portable way to read the umask is to set it; done once, at import.
    current = os.umask(0)
    os.umask(current)
    return current


_UMASK = _read_umask()
