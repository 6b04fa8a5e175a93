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

# The word after the mark is only looked at, not consumed: 'board,however,not' has two gaps.
_AFTER_SENTENCE = regex.compile(r"(?<![\w.@/])(\p{Ll}{3,}+)([.!?])(?=(\p{Lu}\p{Ll}++)(?:[\s\p{P}]|\Z))")
_AFTER_CLAUSE = regex.compile(r"(?<![\w.@/])(\p{Ll}{3,}+)([,;:])(?=(\p{Ll}{2,}+)(?:[\s\p{P}]|\Z))")
_SKIP = regex.compile(r"\S*(?:://|@|www\.)\S*")


def propose(text: str, document: Document) -> list[Change]:
    lexicon = document.lexicon
    skipped = [(m.start(), m.end()) for m in _SKIP.finditer(text) if URL.search(m.group()) or EMAIL.search(m.group())]
    changes = []
    for pattern, right_must_be_word in ((_AFTER_SENTENCE, False), (_AFTER_CLAUSE, True)):
        for match in pattern.finditer(text):
            left, mark, right = match.groups()
            if left not in lexicon or any(a <= match.start() < b for a, b in skipped):
                continue
            if right_must_be_word and right not in lexicon:
                continue
            if not right_must_be_word and right.lower() in {"js", "py", "txt", "com", "org", "net"}:
                continue
            position = match.start(3)
            changes.append(Change(position, position, " ", f"space lost after {mark!r} between {left!r} and {right!r}"))
    return sorted(changes)
