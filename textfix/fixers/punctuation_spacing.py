"""punctuation_spacing: the space lost after sentence or clause punctuation.

>>> from textfix import fix
>>> fix("He left his family.He reports to the board,however,not to us.")
'He left his family. He reports to the board, however, not to us.\\n'

Extractors drop the space glyph after a full stop as readily as between words. A space goes back
after a mark glued between an English word (three letters or more, the lexicon's) and

- after ``.``, ``!`` or ``?``: a capitalised word, ``I`` or ``A`` (``family.Hereports``: the next
  fixer then splits ``Hereports``; ``trip.I``);
- after ``!`` or ``?``: also a lower-case English word (``king?even``: old texts go on after a
  question in lower case);
- after ``,``, ``;`` or ``:``: a lower-case English word, ``a``, ``I``, or a capitalised word
  (``said,The``, ``unstable,Merkel``).

A capitalised word before a full stop or a colon (``God.This``) counts only before one of the
commonest English words (``This``, ``He``): ``System.Console`` and ``Foo.Bar`` are code. Abbreviations (``e.g.``,
``U.S.``: pieces under three letters), numbers (``3.11``), domains and code (``example.com``,
``os.path``, ``self.Parent``: lower case, or no English word before the dot) do not have that
shape, and URLs, e-mails and paths are skipped whole.
"""

from __future__ import annotations

import regex

from textfix.coverage import commonest_words
from textfix.document import Document
from textfix.edits import Change
from textfix.tokens import EMAIL, URL

NAME = "punctuation_spacing"

# A mark glued between letters is rare in clean prose, so the scan looks for that first (one fast
# pass) and judges the few places it finds; the words around a mark are read from a short window.
_GLUED_MARK = regex.compile(r"(?<=\p{L}\p{Ll}\p{Ll})[.!?,;:](?=\p{L})")
_WORD_BEFORE = regex.compile(r"(?<![\w.@/])\p{Lu}?+\p{Ll}++\Z")
_WORD_AFTER = regex.compile(r"\p{L}++(?=[\s\p{P}]|\Z)")
_CHUNK_AROUND = regex.compile(r"\S*+")
_SENTENCE_MARKS = ".!?"
_FILE_SUFFIXES = frozenset({"js", "py", "txt", "com", "org", "net", "html", "pdf"})
_ONE_LETTER_WORDS = frozenset({"I", "A", "a"})
# Paths, calls ('help(x)'), settings, brackets, a quoted list ('"remount,bind"').
_CODE_CHUNK = regex.compile(r"[/\\_=<>\[\]{}]|\w\(|^[\"'`].*[\"'`]\W*$")


def propose(text: str, document: Document) -> list[Change]:
    lexicon = document.lexicon
    changes = []
    for mark in _GLUED_MARK.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, mark.start() - 40), mark.start())
        after = _WORD_AFTER.match(text, mark.end(), min(len(text), mark.end() + 40))
        if before is None or after is None or before.group().lower() not in lexicon:
            continue
        left, right = before.group(), after.group()
        if left[0].isupper() and mark.group() in ".:" and right.lower() not in commonest_words(lexicon):
            continue  # 'System.Console': code names its parts with capitals
        if left.lower() == right.lower() or (mark.group() == ":" and right.islower() and right not in commonest_words(lexicon)):
            continue  # 'decimal.Decimal' names a class; 'host:port', 'name:password' are notation
        if _space_lost(mark.group(), right, lexicon) and not _inside_address(text, mark.start()):
            changes.append(Change(mark.end(), mark.end(), " ",
                                  f"space lost after {mark.group()!r} between {left!r} and {right!r}"))
    return changes


def _space_lost(mark: str, right: str, lexicon) -> bool:
    capitalised = right in _ONE_LETTER_WORDS or (len(right) >= 2 and right[0].isupper() and right[1:].islower())
    lower_word = right.islower() and (len(right) >= 2 or right in _ONE_LETTER_WORDS) and right in lexicon
    if mark == ".":
        return capitalised and right != "a" and right.lower() not in _FILE_SUFFIXES
    if mark in "!?":
        return (capitalised and right != "a") or (lower_word and len(right) >= 2)
    return capitalised or lower_word


def _inside_address(text: str, position: int) -> bool:
    """Is the mark part of a URL, an e-mail address, a path or code (its whole chunk judged)?"""
    start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
    chunk = _CHUNK_AROUND.match(text, start).group()
    return bool(URL.search(chunk) or EMAIL.search(chunk) or _CODE_CHUNK.search(chunk))
