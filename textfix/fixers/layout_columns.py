"""layout_columns: two columns printed side by side (``pdftotext -layout``) read one after the other.

>>> from textfix import fix
>>> left = ["The river rose on Monday", "and closed two bridges in", "the old town, the council",
...         "said in a statement read", "out by the mayor in the", "evening."]
>>> right = ["Schools stay shut until", "the water falls, and the", "army has sent boats to",
...          "the villages upstream of", "the town to bring food", "and water."]
>>> print(fix("\\n".join(f"{a:<30}{b}" for a, b in zip(left, right))), end="")
The river rose on Monday and closed two bridges in the old town, the council said in a statement read out by the mayor in the evening.
<BLANKLINE>
Schools stay shut until the water falls, and the army has sent boats to the villages upstream of the town to bring food and water.

Layout-preserving extractors print a two-column page line by line across both columns. The
gutter is a character position that, on a page, falls inside a gap of two spaces or more between
text on at least ``MIN_SHARE`` of the lines (and at least ``MIN_LINES`` of them), and that almost
no line crosses with text. Each run of lines that the gutter splits is rewritten as its left
column followed by its right column; a line that crosses the gutter (a title over both columns)
ends the run and stays where it is. Justified single-column text has gaps too, but never aligned
at one position on a third of the lines.
"""

from __future__ import annotations

import regex

from textfix.edits import Change

NAME = "layout_columns"

MIN_SHARE = 0.3
MIN_LINES = 5
MAX_CROSSING = 0.05
_INNER_GAP = regex.compile(r"(?<=\S)[ ]{2,}+(?=\S)")


def propose(text: str, document=None) -> list[Change]:
    if "   " not in text:
        return []  # no line holds a gap wide enough for a gutter: the common case costs one scan
    changes = []
    start = 0
    for end in [m.start() for m in regex.finditer(r"\f", text)] + [len(text)]:
        changes.extend(_page_changes(text, start, end))
        start = end + 1
    return changes


def _page_changes(text: str, start: int, end: int) -> list[Change]:
    lines = text[start:end].split("\n")
    gutter = _gutter(lines)
    if gutter is None:
        return []
    changes = []
    offsets = []
    position = start
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    index = 0
    while index < len(lines):
        if _crosses(lines[index], gutter):
            index += 1
            continue
        first = index
        while index < len(lines) and not _crosses(lines[index], gutter):
            index += 1
        run = lines[first:index]
        if sum(1 for line in run if line[gutter:].strip() and line[:gutter].strip()) < MIN_LINES:
            continue
        run_start = offsets[first]
        run_end = offsets[index - 1] + len(lines[index - 1])
        left = "\n".join(line[:gutter].rstrip() for line in run).strip("\n")
        right_parts = [line[gutter:].rstrip() for line in run]
        margin = min((len(p) - len(p.lstrip()) for p in right_parts if p.strip()), default=0)
        # Keep each column's own indentation: it marks where paragraphs start.
        right = "\n".join(p[margin:] for p in right_parts).strip("\n")
        changes.append(Change(run_start, run_end, f"{left}\n{right}",
                              f"two columns side by side (gutter at column {gutter}): left column, then right"))
    return changes


def _crosses(line: str, gutter: int) -> bool:
    return len(line) > gutter and not line[gutter].isspace() and bool(line[:gutter].strip())


def _gutter(lines: list[str]) -> int | None:
    """The position inside an aligned gap on enough lines, crossed by almost none."""
    text_lines = [line for line in lines if line.strip()]
    if len(text_lines) < MIN_LINES:
        return None
    votes: dict[int, int] = {}
    for line in text_lines:
        for gap in _INNER_GAP.finditer(line):
            for position in range(gap.start() + 1, gap.end()):
                votes[position] = votes.get(position, 0) + 1
    needed = max(MIN_LINES, MIN_SHARE * len(text_lines))
    best = None
    for position, count in sorted(votes.items(), key=lambda item: (-item[1], item[0])):
        if count < needed:
            break
        crossing = sum(1 for line in text_lines if _crosses(line, position))
        if crossing <= MAX_CROSSING * len(text_lines):
            best = position
            break
    return best
