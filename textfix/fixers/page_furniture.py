"""page_furniture: running headers, footers, page numbers and page breaks.

>>> from textfix import fix
>>> pages = ["Annual Report\\nThe year began well and the\\n- 1 -",
...          "Annual Report\\nsales grew in every region.\\n- 2 -"]
>>> fix("\\f".join(pages))
'Annual Report\\n\\nThe year began well and the sales grew in every region.\\n'

Extractors mark a page break with a form feed (pdftotext, pdfminer, OCR page by page). On each
page, the first and the last few non-blank lines are the places where furniture sits; a line there
is furniture when

- its shape (white space dropped, every digit run read as ``#``, case folded) recurs at the same
  edge on at least two pages and on at least two in five of the pages (running heads alternate
  between left and right pages), or
- it is a page number (``3``, ``- 3 -``, ``Page 3 of 9``, ``[3]``, ``iv``) whose value rises from
  page to page, or
- it heads a later page and repeats the start of the document's first line (three words or
  more): running heads repeat the title, which is how a two-page document shows its head.

A heading that occurs once is therefore never furniture, and neither is the top of the first
page, where the title that a running head repeats usually stands (page numbers excepted). Each page break, with the furniture
around it, becomes one line break, so that ``unwrap_lines`` can rejoin a paragraph cut by the
page (or keep the break, on its own evidence); every removal is an edit that quotes what it
removed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, count

import regex

from textfix.edits import Change
from textfix.layout import remembered_for_short_lines

NAME = "page_furniture"

EDGE_LINES = 3  # furniture sits within the first and last three non-blank lines of a page
MIN_SHARE = 0.4  # share of pages a running head must appear on
MIN_PAGE_LINES = 12  # without form feeds, page numbers stand at least this many lines apart

_DIGITS = regex.compile(r"\d+")
_NUMBER_MARK = regex.compile(r"[#\d]")  # what makes a '#' in a line's shape
_SPACE = regex.compile(r"\s+")
# White space is taken possessively: each run stands before a mark, a number or a word that is
# never white space, so no match is lost, and a line of spaces costs one pass instead of the
# cubic number of ways three adjacent runs could share it. Without a word before it, a match
# starts only where white space starts (or where the search does, ``\G``): from inside a run it
# would reach the same end, so a search over a long run of spaces stays linear too.
_PAGE_NUMBER = regex.compile(
    r"(?i)(?:page|p\.|seite|pág\.?|página|\G|(?<!\s))\s*+[-–—(\[]?\s*+(?P<n>\d{1,4}|[ivxlc]{1,7})\s*+[-–—)\]]?"
    r"(?:\s*+(?:of|/|von|de)\s*+\d{1,4})?"
)


@dataclass
class _Line:
    start: int
    end: int  # excluding its line break
    text: str

    _known_shape: str | None = field(default=None, repr=False, compare=False)

    @property
    def shape(self) -> str:
        if self._known_shape is None:  # (computed once, and only for the lines a rule looks at)
            self._known_shape = _shape(self.text)
        return self._known_shape


@remembered_for_short_lines
def _shape(text: str) -> str:
    """White space dropped, every digit run read as ``#``, case folded."""
    return _DIGITS.sub("#", _SPACE.sub("", text)).casefold()


@dataclass
class _Page:
    start: int
    end: int
    lines: list[_Line]

    def top(self) -> list[_Line]:
        return self.lines[: min(EDGE_LINES, (len(self.lines) + 1) // 2)]

    def bottom(self) -> list[_Line]:
        """The last lines, never overlapping the top ones on a short page."""
        return self.lines[max(len(self.top()), len(self.lines) - EDGE_LINES) :]


def propose(text: str, document=None) -> list[Change]:
    if "\f" not in text:
        return _unpaged_changes(text)
    pages = _pages(text)
    furniture = _running_heads(pages) | _page_numbers(pages) | _repeated_titles(pages)
    return _changes(text, pages, furniture)


def _unpaged_changes(text: str) -> list[Change]:
    """Furniture in text whose pages were joined without form feeds (pypdf, copy and paste).

    The page numbers are the anchor: a short line whose shape recurs with a number that rises
    by one or two each time, at least ``MIN_PAGE_LINES`` lines apart (verse and item numbers
    come far more often), and that is either a page number alone (``- 3 -``, ``Page 3``) or has
    a running head beside it on every page but one (``Chapter 2`` has neither: it is a heading). Lines
    beside an anchor whose shape recurs only beside anchors are the running heads. Each run of
    furniture becomes one line break.
    """
    groups = _rising_numbers(list(filter(None, map(str.strip, text.split("\n")))))
    if not groups:
        return []  # (no page number: the common case, found without a record per line)
    lines = _lines(text, 0, len(text))
    candidates = {i for group in groups for i in group}
    recurring = {shape for shape, n in Counter(line.shape for line in lines).items() if n >= 2}
    anchors = set()
    for group in groups:
        lone = [i for i in group
                if not (_PAGE_NUMBER.fullmatch(lines[i].text) or _has_recurring_neighbour(lines, i, recurring, candidates))]
        if len(lone) <= 1:  # the last page has no running head after its footer
            anchors.update(group)
    if not anchors:
        return []
    # (Sets, not a test of every line against every anchor and of every occurrence of a shape
    # against all the others: both were quadratic, 39 s for 4,000 pages.)
    near_anchor = {a + d for a in anchors for d in range(1 - EDGE_LINES, EDGE_LINES)}
    beside: dict[str, list[bool]] = {}
    for index, line in enumerate(lines):
        beside.setdefault(line.shape, []).append(index in near_anchor)
    only_beside = {shape for shape, flags in beside.items() if len(flags) >= 2 and all(flags)}
    furniture = set(anchors)
    furniture.update(index for index, line in enumerate(lines) if line.shape in only_beside and len(line.text) <= 80)
    changes, index = [], 0
    while index < len(lines):
        if index not in furniture:
            index += 1
            continue
        end = index
        while end + 1 < len(lines) and end + 1 in furniture:
            end += 1
        removed = ", ".join(repr(lines[i].text[:40]) for i in range(index, end + 1))
        start = lines[index - 1].end if index > 0 else lines[index].start
        stop = lines[end + 1].start if end + 1 < len(lines) else len(text)
        replacement = "\n" if 0 < index and end + 1 < len(lines) else ""
        changes.append(Change(start, stop, replacement, f"page break without a form feed; removed {removed}"))
        index = end + 1
    return changes


def _has_recurring_neighbour(lines: list[_Line], index: int, recurring: set[str], anchors: set[int]) -> bool:
    for other in range(max(0, index - EDGE_LINES + 1), min(len(lines), index + EDGE_LINES)):
        if other != index and other not in anchors and lines[other].shape in recurring:
            return True
    return False


def _rising_numbers(texts: list[str]) -> list[list[int]]:
    """Groups of indexes of ``texts`` (the non-blank lines, stripped) sharing a shape whose number
    rises slowly, far apart. Only lines whose shape holds a ``#`` (a digit, or the character
    itself) can share one: the others are passed over by a C-level search."""
    by_shape: dict[str, list[int]] = {}
    for index in compress(count(), map(_NUMBER_MARK.search, texts)):
        line = texts[index]
        if len(line) <= 80:
            by_shape.setdefault(_shape(line), []).append(index)
    groups: list[list[int]] = []
    for indexes in by_shape.values():
        if len(indexes) < 2:
            continue
        numbers = [int(_DIGITS.findall(texts[i])[-1]) if _DIGITS.findall(texts[i]) else -1 for i in indexes]
        steps = list(zip(indexes, indexes[1:], numbers, numbers[1:]))
        if all(0 < b - a <= 2 and later - first >= MIN_PAGE_LINES for first, later, a, b in steps):
            groups.append(indexes)
    return groups


def _pages(text: str) -> list[_Page]:
    pages, start = [], 0
    for end in [m.start() for m in regex.finditer(r"\f", text)] + [len(text)]:
        pages.append(_Page(start, end, _lines(text, start, end)))
        start = end + 1
    return pages


def _lines(text: str, start: int, end: int) -> list[_Line]:
    lines, position = [], start
    for raw in text[start:end].split("\n"):
        stripped = raw.strip()
        if stripped:
            lines.append(_Line(position, position + len(raw), stripped))
        position += len(raw) + 1
    return lines


def _running_heads(pages: list[_Page]) -> set[int]:
    """Start offsets of lines whose shape recurs at the same page edge across pages."""
    furniture: set[int] = set()
    for edge in (_Page.top, _Page.bottom):
        shapes: Counter[str] = Counter()
        for page in pages:
            if page.lines:  # (an empty page has no edge: a run of form feeds costs little)
                shapes.update({line.shape for line in edge(page)})
        needed = max(2, MIN_SHARE * len(pages))
        recurring = {shape for shape, n in shapes.items() if n >= needed}
        for index, page in enumerate(pages):
            if (index == 0 and edge is _Page.top) or not page.lines:
                continue  # the first page's head is often the title that the running head repeats
            furniture.update(line.start for line in edge(page) if line.shape in recurring)
    return furniture


def _repeated_titles(pages: list[_Page]) -> set[int]:
    if not pages[0].lines:
        return set()
    title = _SPACE.sub(" ", pages[0].lines[0].text).casefold()
    found = set()
    for page in pages[1:]:
        for line in page.top() if page.lines else ():
            head = _SPACE.sub(" ", line.text).casefold()
            if len(head.split()) >= 3 and title.startswith(head):
                found.add(line.start)
    return found


def _page_numbers(pages: list[_Page]) -> set[int]:
    """Lines at a page edge holding only a number that rises from page to page."""
    found: list[tuple[int, int, int]] = []  # (page index, value, line start)
    for index, page in enumerate(pages):
        for line in page.top() + page.bottom() if page.lines else ():
            match = _PAGE_NUMBER.fullmatch(line.text)
            if match is not None:
                found.append((index, _value(match["n"]), line.start))
    rising = set()
    for (i, value, start), (j, later, later_start) in zip(found, found[1:]):
        if j > i and later > value and later - value <= 2 * (j - i):
            rising.update((start, later_start))
    return rising


def _value(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total, previous = 0, 0
    for character in reversed(numeral.lower()):
        value = values[character]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total


def _changes(text: str, pages: list[_Page], furniture: set[int]) -> list[Change]:
    """One change per page break (the break and the furniture around it become one line break),
    and one per furniture line elsewhere (above the first page's text, below the last page's)."""
    kept = [line for page in pages for line in page.lines if line.start not in furniture]
    removed = [line for page in pages for line in page.lines if line.start in furniture]
    removed_starts = [line.start for line in removed]  # (in order, as the lines are)
    changes: list[Change] = []
    k = 0  # kept lines before the current page break
    for page in pages[:-1]:
        while k < len(kept) and kept[k].start < page.end:
            k += 1
        if k == 0 or k == len(kept):
            continue  # nothing kept before or after: the edges below take the furniture
        gap_start, gap_end = kept[k - 1].end, kept[k].start
        if changes and changes[-1].start == gap_start:
            continue  # empty pages: this break lies inside the gap already taken
        inside = [line.text for line in removed[bisect_left(removed_starts, gap_start) : bisect_left(removed_starts, gap_end)]]
        what = "; removed " + ", ".join(repr(t[:40]) for t in inside) if inside else ""
        changes.append(Change(gap_start, gap_end, "\n", f"page break{what}"))
    # The page breaks taken so far are in order and disjoint: the one that may hold an offset is the
    # last that starts at or before it (found by bisection: a scan of them all for every line and
    # every page was quadratic, 41 s for 20,000 pages).
    covered_starts, covered_ends = [c.start for c in changes], [c.end for c in changes]

    def covered(offset: int) -> bool:
        i = bisect_right(covered_starts, offset) - 1
        return i >= 0 and offset < covered_ends[i]

    for line in removed:
        if covered(line.start):
            continue
        end = line.end + 1 if text[line.end : line.end + 1] == "\n" else line.end
        changes.append(Change(line.start, end, "", f"running header, footer or page number {line.text[:40]!r}"))
    for page in pages:
        if page.end < len(text) and not covered(page.end):
            changes.append(Change(page.end, page.end + 1, "\n", "page break"))
    return _disjoint(changes)


def _disjoint(changes: list[Change]) -> list[Change]:
    """Keep changes disjoint: a form feed inside a removed line's span is already gone."""
    result: list[Change] = []
    for change in sorted(changes, key=lambda c: (c.start, -c.end)):
        if result and change.start < result[-1].end:
            continue
        result.append(change)
    return result
