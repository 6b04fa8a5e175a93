"""punctuation_spacing: the space lost after sentence or clause punctuation.

>>> from textfix import fix
>>> fix("He left his family.He reports to the board,however,not to us.")
'He left his family. He reports to the board, however, not to us.\\n'

Extractors drop the space glyph after a full stop as readily as between words. A space goes back
between a lower-case English word of three letters or more and

- after ``.``, ``!`` or ``?``: a capitalised word (``family.Hereports``: the next fixer then
  splits ``Hereports``);
- after ``,``, ``;`` or ``:``: a lower-case English word.

Abbreviations (``e.g.``, ``U.S.``: pieces under three letters), numbers (``3.11``), domains and
code (``example.com``, ``os.path``, ``self.Parent``: lower case, or no English word before the
dot) do not have that shape, and URLs, e-mails and paths are skipped whole.
"""

from __future__ import annotations

import regex

from textfix.document import Document
from textfix.edits import Change
from textfix.tokens import EMAIL, URL

NAME = "punctuation_spacing"

# A mark glued between letters is rare in clean prose, so the scan looks for that first (one fast
# pass) and judges the few places it finds; the words around a mark are read from a short window.
_GLUED_MARK = regex.compile(r"(?<=\p{Ll}\p{Ll}\p{Ll})[.!?,;:](?=\p{L})")
_WORD_BEFORE = regex.compile(r"(?<![\w.@/])\p{Ll}++\Z")
_WORD_AFTER = regex.compile(r"\p{L}++(?=[\s\p{P}]|\Z)")
_CHUNK_AROUND = regex.compile(r"\S*+")
_SENTENCE_MARKS = ".!?"
_FILE_SUFFIXES = frozenset({"js", "py", "txt", "com", "org", "net", "html", "pdf"})


def propose(text: str, document: Document) -> list[Change]:
    lexicon = document.lexicon
    changes = []
    for mark in _GLUED_MARK.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, mark.start() - 40), mark.start())
        after = _WORD_AFTER.match(text, mark.end(), min(len(text), mark.end() + 40))
        if before is None or after is None or before.group() not in lexicon:
            continue
        left, right = before.group(), after.group()
        if mark.group() in _SENTENCE_MARKS:
            good = right[0].isupper() and right[1:].islower() and right.lower() not in _FILE_SUFFIXES
        else:
            good = right.islower() and len(right) >= 2 and right in lexicon
        if good and not _inside_address(text, mark.start()):
            changes.append(Change(mark.end(), mark.end(), " ",
                                  f"space lost after {mark.group()!r} between {left!r} and {right!r}"))
    return changes


def _inside_address(text: str, position: int) -> bool:
    """Is the mark part of a URL, an e-mail address or a path (its whole chunk judged)?"""
    start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
    chunk = _CHUNK_AROUND.match(text, start).group()
    return bool(URL.search(chunk) or EMAIL.search(chunk) or "/" in chunk)
