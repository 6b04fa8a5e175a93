"""Reading input files: bytes to text, with a clear error naming the file and the reason.

UTF-8 (with or without a byte-order mark) is tried first, since nearly all extracted text is
UTF-8; anything else is decoded with the encoding charset-normalizer detects. A file that holds
NUL bytes outside a UTF-16/32 byte-order mark is taken as binary and refused.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class InputError(Exception):
    """An input that cannot be read as text; the message names the input and the reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, name: str) -> Decoded:
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8", errors="strict"), "utf-8-sig") if _is_utf8(data[3:]) else _detect(data, name)
    if _is_utf8(data):
        return Decoded(data.decode("utf-8"), "utf-8")
    return _detect(data, name)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data[:8192]


def _detect(data: bytes, name: str) -> Decoded:
    if b"\x00" in data[:8192] and not data.startswith(_BOMS) and not data.startswith(b"\x00\x00\xfe\xff"):
        raise InputError(f"{name}: looks like a binary file (it holds NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot be decoded as text in any known encoding")
    return Decoded(str(best), best.encoding)


def read_input(path: str) -> Decoded:
    """Read a file, or standard input for ``-``."""
    name = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot be read: {error.strerror or error}") from None
    return decode(data, name)


def write_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text through a temporary file and a rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
