"""Layout evidence: how wide the column is, and how the document marks its paragraphs.

Measured by ``unwrap_lines`` on the text it is given, after page furniture is gone (a running
head or a page number would otherwise pose as a short line or a paragraph gap).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, wraps

import regex

# A line that is certainly wrapped: it ends inside a sentence (a letter, comma or hyphen) and the
# next line goes on in lower case (see _wrapped_line_lengths).
_WRAPPED_LINE_END = ",-"  # besides a letter


# A blank line between lines of text, found from its first line break: a literal that ``regex``
# finds at C speed (a pattern starting with the text before it is tried at every position).
_BLANK_LINE_GAP = regex.compile(r"(?<=\S[^\S\n]*+)\n[^\S\n]*+\n\s*+(?=\S)")


class Column:
    """Line lengths of the certainly-wrapped lines of a document.

    ``width`` is their median plus a tenth (the column's capacity) and ``short`` their 10th
    percentile (a line shorter than that ended early). Both are None when fewer than three wrapped lines show that
    the text was wrapped at all: then every line break is taken as meant.

    ``blank_line_paragraphs``: the document separates its paragraphs with blank lines (three or
    more blank-line gaps between lines of text), so a single line break inside a block is
    rarely a paragraph break and needs stronger evidence.
    """

    MIN_EVIDENCE = 3

    def __init__(self, lengths: list[int], blank_line_gaps: int = 0):
        self.blank_line_paragraphs = blank_line_gaps >= self.MIN_EVIDENCE
        lengths = sorted(lengths)
        self.evidence = len(lengths)
        if len(lengths) >= self.MIN_EVIDENCE:
            # The median wrapped line plus a tenth: robust to the lines an extractor runs
            # together (pdftotext prints some pairs of lines as one), and to proportional type.
            self.width: int | None = int(1.1 * lengths[len(lengths) // 2])
            self.short: int | None = lengths[int(0.10 * len(lengths))]
        else:
            self.width = self.short = None

    @classmethod
    def measure(cls, text: str) -> "Column":
        return cls(_wrapped_line_lengths(text), blank_line_gaps=len(_BLANK_LINE_GAP.findall(text)))


def _wrapped_line_lengths(text: str) -> list[int]:
    """Lengths of the certainly-wrapped lines, white space stripped.

    Only a line whose next line starts with a letter can be one: those line breaks are found by
    one C-level scan from each ``\\n`` (a pattern that read every line was tried at every
    position, 0.2 s per MB; a split read every line in Python, 4.6 s for ten million blank ones).
    A line whose predecessor was measured and that starts with spaces or tabs is not measured:
    the pattern this replaced resumed after those blanks, and the figures stay as they were.
    """
    lengths, measured = [], -2  # where the line break after the last measured line is
    for match in _BEFORE_A_LETTER.finditer(text):
        if not _starts_lower_case(text[match.end()]):
            continue
        line_break = match.start()
        line_start = text.rfind("\n", 0, line_break) + 1
        if measured == line_start - 1 and text[line_start : line_start + 1] in (" ", "\t"):
            continue
        end = text[line_start:line_break].rstrip(" \t")
        if end and (end[-1].isalpha() or end[-1] in _WRAPPED_LINE_END):
            lengths.append(len(end.strip()))
            measured = line_break
    return lengths


# A line break, the spaces and tabs after it, and a letter next (re's \w: letters, digits, '_').
_BEFORE_A_LETTER = re.compile(r"\n[ \t]*+(?=\w)")


def _starts_lower_case(first: str) -> bool:
    """Is ``first`` a lower-case letter (general category Ll; ``ª`` is lower case but no letter of it)?"""
    return first.islower() and (first.isascii() or unicodedata.category(first) == "Ll")


def remembered_for_short_lines(function):
    """``function`` of a line, its answers remembered for lines of up to ``_CACHED_LINE``
    characters: short lines recur (verse, tables, one-character lines), and a long one would
    only push them out of the cache."""
    cached = lru_cache(maxsize=4096)(function)

    @wraps(function)
    def answer(line: str):
        return cached(line) if len(line) <= _CACHED_LINE else function(line)

    return answer


_CACHED_LINE = 80
