"""Layout evidence: how wide the column is, and how the document marks its paragraphs.

Measured by ``unwrap_lines`` on the text it is given, after page furniture is gone (a running
head or a page number would otherwise pose as a short line or a paragraph gap).
"""

from __future__ import annotations

import regex

# A line that is certainly wrapped: it ends inside a sentence (a letter, comma or hyphen) and the
# next line goes on in lower case. The line is read lazily: only its last character before spaces
# can be followed by the line break, so the lazy and the greedy reading find the same one, but
# ``regex`` backtracks a greedy ``[^\n]*`` before a class in quadratic time on a long line.
_CERTAIN_WRAP = regex.compile(r"(?m)^([^\n]*?[\p{L},\-])[ \t]*+\n[ \t]*+(?=\p{Ll})")


_BLANK_LINE_GAP = regex.compile(r"\S[^\S\n]*+\n[^\S\n]*+\n\s*+(?=\S)")


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
        return cls([len(m.group(1).strip()) for m in _CERTAIN_WRAP.finditer(text)],
                   blank_line_gaps=len(_BLANK_LINE_GAP.findall(text)))
