"""Repair of texts too large to hold at once: a block of whole paragraphs at a time.

Repairing a text at once keeps it, its words, its phrases and its edits in memory: tens of bytes
for every character, gigabytes for a 50 MB file. Here the source is read twice, in blocks of about
``BLOCK_SIZE`` characters that end at a paragraph break:

1. every block (its encoding repaired first, as the chain does) adds its words, phrases and
   hyphenated compounds to the counts of the whole document (:class:`textfix.document.Counts`);
2. every block goes through the chain (:func:`textfix.pipeline.repair`) judged with those counts,
   as if the whole document had been read at once: a name said on page 1 vouches for its merged
   form on page 900.

Memory is the lexicon, one block and the whole document's vocabulary. The phrase table is the only
part that grows with the text's size rather than its vocabulary, so phrases seen once are dropped
whenever it passes ``MAX_PAIRS`` entries (a phrase the document repeats is what counts as its
evidence; a lossy count of the kind of Manku and Motwani, 2002).

A block ends at a blank line (a paragraph break), never inside a paragraph; a text without blank
lines is cut after a line that ends a sentence. The repaired blocks are joined by a blank line, the
output convention between paragraphs. The result equals :func:`textfix.fix` of the whole text
except where evidence crosses a block boundary (a line wrap decided from the column width of one
block, page furniture repeated in another); the edits of each block are reported with offsets into
that block.

>>> import io
>>> text = "Merkel spoke first.\\n\\n" * 3 + "Merkelnoted that the talks went well.\\n"
>>> "".join(fix_blocks(lambda: [text], block_size=40))
'Merkel spoke first.\\n\\nMerkel spoke first.\\n\\nMerkel spoke first.\\n\\nMerkel noted that the talks went well.\\n'
"""

from __future__ import annotations

import codecs
import os
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Iterator

import regex

from textfix.config import Config
from textfix.document import Counts, Document
from textfix.edits import EditLog
from textfix.fixers import fixer_module
from textfix.inputs import InputError, decode, write_atomically
from textfix.lexicon import Lexicon
from textfix.pipeline import Repair, repair

BLOCK_SIZE = 256 * 1024  # characters: a block costs about a hundred bytes a character while repaired
MAX_PAIRS = 400_000  # phrase-table entries kept before the phrases seen once are dropped
READ_SIZE = 1 << 20  # bytes read at a time
_PARAGRAPH_BREAK = regex.compile(r"(?<![-\u00ad\u2010\u2011¬])\n[^\S\n]*+\n\s*+")  # not after a broken word
_SENTENCE_LINE_END = regex.compile(r"[.!?:;\"”’)]\n(?=\S)")

Source = Callable[[], Iterable[str]]  # opens the text anew each call: it is read twice


def blocks(pieces: Iterable[str], block_size: int = BLOCK_SIZE) -> Iterator[str]:
    """The text that ``pieces`` hold, in blocks of about ``block_size`` characters that end at a
    paragraph break (which stays with the block before it). Nothing is lost: the blocks joined
    are the text."""
    pending = ""
    for piece in pieces:
        pending += piece
        while len(pending) >= 2 * block_size:
            cut = _cut(pending, block_size)
            yield pending[:cut]
            pending = pending[cut:]
    while len(pending) > block_size:
        cut = _cut(pending, block_size)
        yield pending[:cut]
        pending = pending[cut:]
    if pending:
        yield pending


def _cut(text: str, block_size: int) -> int:
    """Where a block of ``text`` ends: after the last paragraph break before ``2 × block_size``,
    preferring one past ``block_size / 2``; else after a line that ends a sentence; else anywhere
    (a text that is one enormous line)."""
    window = min(len(text), 2 * block_size)
    best = None
    for match in _PARAGRAPH_BREAK.finditer(text, block_size // 2, window):
        best = match.end()
        if best >= block_size:
            break
    if best is None:
        for match in _SENTENCE_LINE_END.finditer(text, block_size // 2, window):
            best = match.end()
            if best >= block_size:
                break
    return best if best else window


def vocabulary(source: Source, *, block_size: int = BLOCK_SIZE, lexicon: Lexicon | None = None) -> Counts:
    """The whole document's counts, read a block at a time (its encoding repaired first)."""
    counts = Counts(Counter(), Counter(), Counter())
    unicode = fixer_module("unicode")
    for block in blocks(source(), block_size):
        fixed = EditLog(block).record(block, unicode.propose(block, None), "unicode")
        document = Document(fixed, lexicon)
        counts.cased_words.update(document.cased_words)
        counts.pairs.update(document.pairs)
        counts.compounds.update(document.compounds)
        if len(counts.pairs) > MAX_PAIRS:
            _drop_rare(counts.pairs)
    return counts


def _drop_rare(pairs: Counter) -> None:
    floor = 1
    while len(pairs) > MAX_PAIRS // 2:
        for pair in [pair for pair, n in pairs.items() if n <= floor]:
            del pairs[pair]
        floor += 1


def repair_blocks(source: Source, config: Config | None = None, *, block_size: int = BLOCK_SIZE,
                  lexicon: Lexicon | None = None) -> Iterator[Repair]:
    """The repair of each block of the text, judged with the whole document's counts."""
    counts = vocabulary(source, block_size=block_size, lexicon=lexicon)
    for block in blocks(source(), block_size):
        yield repair(block, config, lexicon=lexicon, counts=counts)


def fix_blocks(source: Source, config: Config | None = None, *, block_size: int = BLOCK_SIZE,
               lexicon: Lexicon | None = None) -> Iterator[str]:
    """The repaired text, piece by piece: each block's repair, a blank line between blocks."""
    return joined(result.text for result in repair_blocks(source, config, block_size=block_size, lexicon=lexicon))


def joined(texts: Iterable[str]) -> Iterator[str]:
    """Repaired blocks as one text: each ends with one newline, and paragraphs are apart by a
    blank line, so one more newline goes between them (none around an empty block)."""
    first = True
    for text in texts:
        if not text:
            continue
        if not first:
            yield "\n"
        first = False
        yield text


def fix_file(source: str | os.PathLike, target: str | os.PathLike, config: Config | None = None, *,
             encoding: str | None = None, block_size: int = BLOCK_SIZE) -> str:
    """Repair the file ``source`` into ``target`` (UTF-8, written atomically), a block at a time;
    return the encoding it was read in. ``encoding`` forces one; else it is detected as
    :func:`textfix.inputs.decode` does, from the file's first megabyte."""
    source = os.fspath(source)
    codec = encoding or detect_encoding(source)

    def text() -> Iterator[str]:
        yield from read_text(source, codec)

    write_atomically(Path(target), fix_blocks(text, config, block_size=block_size))
    return codec


def read_text(path: str, codec: str) -> Iterator[str]:
    """The decoded text of a file, a megabyte at a time; an error names the file and the byte."""
    decoder = codecs.getincrementaldecoder(codec)()
    offset = 0
    try:
        with open(path, "rb") as file:
            while data := file.read(READ_SIZE):
                try:
                    yield decoder.decode(data)
                except UnicodeDecodeError as error:
                    where = offset + error.start
                    raise InputError(f"{path}: is not valid {codec} (byte {data[error.start]:#04x} at offset {where})") from None
                offset += len(data)
            yield decoder.decode(b"", final=True)
    except OSError as error:
        raise InputError(f"{path}: cannot be read: {error.strerror or error}") from None


def detect_encoding(path: str) -> str:
    """The encoding :func:`textfix.inputs.decode` finds in the file's first megabyte."""
    try:
        with open(path, "rb") as file:
            head = file.read(READ_SIZE)
    except OSError as error:
        raise InputError(f"{path}: cannot be read: {error.strerror or error}") from None
    if len(head) == READ_SIZE:  # end the sample at a line end: never inside a character
        head = head[: head.rfind(b"\n") + 1] or head
    return decode(head, path).encoding
