"""unwrap_lines: join the hard-wrapped lines of a paragraph; keep (and mark) real breaks.

>>> from textfix import fix
>>> fix("Rivers Rise Again Across\\nthe Northern Plains\\n Heavy rain on Monday sent the rivers\\n"
...     "over their banks in three towns and\\nclosed two bridges.\\n")
'Rivers Rise Again Across the Northern Plains\\n\\nHeavy rain on Monday sent the rivers over their banks in three towns and closed two bridges.\\n'

Blank lines are real paragraph breaks and stay, unless they cut a sentence (the line above ends
in a word or a comma, the line below goes on in lower case: text boxes or pages split by the
extractor); a break after a hyphenated word is left to ``dehyphenate``, which runs next. Every other line break is decided from evidence about the two
lines around it (A above, B below):

- B starts with a list marker: a break (a list is never glued into a paragraph).
- A ends inside a sentence and B goes on in lower case: a wrap, joined.
- A ends a sentence and B goes on in lower case: joined (an abbreviation, a quotation).
- A is heading-shaped (short, no sentence punctuation, title case or capitals): joined to a
  heading-shaped B (a title broken over two lines), else a break after it.
- The document shows no wrapping at all (too few certainly-wrapped lines to measure a column):
  every other line break is meant, and kept.
- B indented two spaces or more deeper than A, after a sentence end, opens a paragraph (the
  typesetter's indent, kept by layout-preserving extractors).
- A number alone on a line (a verse number, an item number set apart) belongs to the line
  after it; after a sentence, it starts a new item.
- A heading in capitals (``NAME``, ``SEE ALSO``) starts its own line; so does a line of code
  (``heappush(heap, item)``, ``x = 1``, ``$ ls``) after code or after a colon.
- Three short lines in a row (under ``SHORT_LINE`` of the column) are verse, code or a table,
  not wrapped prose (which fills its lines): their breaks are kept.
- Otherwise A's length against the column width: when B's first word would have fitted on A and
  A ends a sentence, or A is shorter than nine in ten wrapped lines, A ended its paragraph (a
  break); else a wrap. Where the document marks its paragraphs with blank lines, only the second
  holds: a sentence that ends a line by chance is common in proportional type.

A break inside a block becomes a paragraph break (a blank line), per the output convention.
"""

from __future__ import annotations

import re
from itertools import count
from operator import add, eq, sub

import regex

from textfix.document import Document
from textfix.edits import Change
from textfix.fixers.dehyphenate import LINE_END_HYPHENS
from textfix.layout import Column, remembered_for_short_lines

NAME = "unwrap_lines"

_LOWER_START = regex.compile(r"\p{Ll}")
_INSIDE_SENTENCE_END = regex.compile(r"[\p{L},]\Z")
_BULLET = regex.compile(r"(?:[•·▪◦‣∙*]|[-–—])\s")
_NUMBERED = regex.compile(r"\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]\s")
_CODE = regex.compile(r"\w\((?!\d\))|\s=\s|\s#\s|^(?:\$|>>>|#)\s")
SHORT_LINE = 0.6  # share of the column width below which a line is short
_LABEL = regex.compile(r"\(?\d{1,3}[.)]?")
_HYPHEN_AT_END = regex.compile(rf"[^\W\d_][{LINE_END_HYPHENS}]\Z")
_HYPHEN_CHARS = frozenset(LINE_END_HYPHENS)  # (a quick test before the pattern: most lines end otherwise)
_SENTENCE_END = ".!?:;\"”’»"
_SMALL_WORDS = frozenset(
    "a an and as at but by en for from if in into nor of on or per the to vs via with".split()
)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")


def propose(text: str, document: Document) -> list[Change]:
    column = Column.measure(text)  # this text: page furniture is gone by now
    lines = _Lines(text)
    stripped, adjacent = lines.stripped, lines.adjacent
    short = SHORT_LINE * column.width if column.width is not None else 0  # (no line is short then)
    changes = []
    in_heading = False
    decided: dict[tuple[str, str, bool], tuple[bool, str, bool]] = {}
    for k, start, after in lines.breaks():  # between lines k (A, above) and k + 1 (B, below)
        above, below = stripped[k], stripped[k + 1]
        if not adjacent[k]:  # blank lines between
            change = _false_blank_line(above, below, start, after, column)
            if change is not None:
                changes.append(change)
            continue
        if above[-1] in _HYPHEN_CHARS and _HYPHEN_AT_END.search(above[-2:]):
            continue  # a word broken at a hyphen: dehyphenate joins it, with or without the hyphen
        if len(above) < short and len(below) < short and _in_run_of_short_lines(lines, k, short):
            changes.append(Change(start, after, "\n\n", "a run of short lines (verse, code, a table): line kept"))
            in_heading = False
            continue
        if above[-1] in _SENTENCE_END and _indented_start(lines, k):
            changes.append(Change(start, after, "\n\n", "indented line after a sentence end: a new paragraph"))
            in_heading = False
            continue
        heading_rules = in_heading or k == 0 or not adjacent[k - 1]  # A continues a heading, or opens its block
        if len(above) + len(below) <= _MEMO_LINES:
            key = (above, below, heading_rules)
            decision = decided.get(key)
            if decision is None:
                decision = decided[key] = decide(above, below, column, heading_rules=heading_rules)
                if len(decided) > _MEMO_SIZE:
                    decided.clear()
        else:
            decision = decide(above, below, column, heading_rules=heading_rules)
        join, reason, in_heading = decision
        changes.append(Change(start, after, " " if join else "\n\n", reason))
    return changes


# Short pairs of lines recur (verse, tables, one-character lines): their decision, a function of the
# two lines alone once the column is measured, is remembered within one call.
_MEMO_LINES = 40
_MEMO_SIZE = 4096

# A line (between two '\n') that holds text: re's \s is str.isspace(), the white space of str.strip.
_TEXT_LINE = re.compile(r"(?m)^.*\S.*$")


class _Lines:
    """The lines that hold text (the rest are blank), each as written and stripped, where its text
    begins and ends, and whether the next follows it directly (else blank lines are between).

    Found by C-level scans and maps instead of a search around every line break (a text of short
    lines has one every few characters), and only for lines with text (a text of ten million line
    breaks has none). White space is what ``str.strip`` takes, ``U+001C``-``U+001F`` included
    (the ``unicode`` fixer removes those control characters first)."""

    def __init__(self, text: str):
        self.raw = raw = _TEXT_LINE.findall(text)
        starts = list(map(re.Match.start, _TEXT_LINE.finditer(text)))
        self.stripped = list(map(str.strip, raw))
        raw_ends = list(map(add, starts, map(len, raw)))
        self.ends = list(map(add, starts, map(len, map(str.rstrip, raw))))  # (trailing blanks are the break's)
        self.begins = list(map(sub, raw_ends, map(len, map(str.lstrip, raw))))
        self.adjacent = list(map(eq, map((1).__add__, raw_ends[:-1]), starts[1:]))  # one '\n' between

    def breaks(self):
        """(k, start, end) for each line k but the last: the white space from the end of its text
        to the beginning of the next line's."""
        return zip(count(), self.ends[:-1], self.begins[1:])

    def before(self, k: int) -> str:
        """The line just above line ``k``, stripped: empty when it is blank or there is none."""
        return self.stripped[k - 1] if k > 0 and self.adjacent[k - 1] else ""

    def after(self, k: int) -> str:
        """The line just below line ``k``, stripped: empty when it is blank or there is none."""
        return self.stripped[k + 1] if k + 1 < len(self.stripped) and self.adjacent[k] else ""


def _indented_start(lines: _Lines, k: int) -> bool:
    """B indented deeper than A, A ending a sentence, B opening one: a paragraph's first line
    (layout-preserving extractors keep the typesetter's paragraph indent)."""
    above, below = lines.stripped[k], lines.stripped[k + 1]
    if above[-1] not in _SENTENCE_END or not (below[0].isupper() or below[0] in "\"“‘'("):
        return False
    line_above, line_below = lines.raw[k], lines.raw[k + 1]
    indent_above = len(line_above) - len(line_above.lstrip(" "))
    indent_below = len(line_below) - len(line_below.lstrip())
    return indent_below >= indent_above + 2


def _in_run_of_short_lines(lines: _Lines, k: int, limit: float) -> bool:
    """Are A, B and the line before A or after B all short (under ``limit``)? Wrapped prose fills
    its lines; only the last line of a paragraph is short, so three short lines in a row are not
    prose."""
    if len(lines.stripped[k]) >= limit or len(lines.stripped[k + 1]) >= limit:
        return False
    before, following = lines.before(k), lines.after(k + 1)
    return (0 < len(before) < limit) or (0 < len(following) < limit)


def _false_blank_line(above: str, below: str, above_end: int, below_start: int, column: Column) -> Change | None:
    """A blank line inside a sentence (text boxes split by the extractor, a page break): the line
    above is a full line of prose that ends in a word or a comma, and the line below goes on in
    lower case. (A short line above is verse, code or a heading, whose breaks are meant: this
    rule never undoes a break that the rules below make.)"""
    if column.width is None or not _LOWER_START.match(below):
        return None
    if len(above) < SHORT_LINE * column.width or _looks_like_code(above) or _is_capitals_heading(above):
        return None
    if _HYPHEN_AT_END.search(above[-2:]):
        return Change(above_end, below_start, "\n", "blank line inside a hyphenated word: removed")
    if _INSIDE_SENTENCE_END.search(above[-2:]):
        return Change(above_end, below_start, " ", "blank line inside a sentence: joined")
    return None


def decide(above: str, below: str, column: Column, *, heading_rules: bool) -> tuple[bool, str, bool]:
    """(join?, why, is ``below`` part of a heading?) for the break between two lines.

    ``heading_rules``: ``above`` opens its block or continues a heading, so it may be one.
    """
    ends_sentence = above[-1] in _SENTENCE_END
    if _is_capitals_heading(below) or _is_capitals_heading(above):
        return False, "a heading in capitals stands on its own line", False
    if _looks_like_code(below) and (_looks_like_code(above) or above[-1] == ":"):
        return False, "a line of code: kept", False
    if _LABEL.fullmatch(above):
        return True, "a number alone on its line labels the text after it (a verse, an item): joined", False
    if _starts_list_item(below, above, ends_sentence):
        return False, "list item starts a line", False
    if _LABEL.fullmatch(below) and ends_sentence:
        return False, "a number alone on its line after a sentence starts an item", False
    if below[0].islower():
        if ends_sentence:
            return True, "next line goes on in lower case: joined", False
        return True, "wrapped line: joined", False
    if (heading_rules or _is_capitals_heading(above)) and _is_heading(above, column):
        if not ends_sentence and _is_heading(below, column) and not _starts_list_item(below, above, False):
            return True, "title broken over two lines: joined", True
        return False, "heading ends here", False
    if column.width is None:
        return False, "the text shows no hard wrapping: line break kept as a paragraph break", False
    first_word = below.split(maxsplit=1)[0]
    would_fit = len(above) + 1 + len(first_word) <= column.width
    if would_fit and (len(above) < column.short or (ends_sentence and not column.blank_line_paragraphs)):
        return False, f"{first_word!r} would have fitted on the line ({len(above)} of {column.width}): paragraph break", False
    return True, "wrapped line: joined", False


def _starts_list_item(below: str, above: str, above_ends_sentence: bool) -> bool:
    """A bullet always starts an item; a number or letter (``2.``, ``b)``, ``II.``) only after a
    line that ends a sentence or a colon, or after another item: inside a sentence it is text
    (``... the end of World War`` / ``II. — …``)."""
    if _BULLET.match(below):
        return True
    if _NUMBERED.match(below):
        return above_ends_sentence or bool(_BULLET.match(above) or _NUMBERED.match(above))
    return False


def _looks_like_code(line: str) -> bool:
    """Code syntax, not prose: a call ``name(arg``, an assignment `` = ``, a comment `` # ``, a
    shell or Python prompt at the start. (``pipe(2)``, a manual reference, is prose.)"""
    # Each form holds one of these characters; most lines of prose hold none, and a substring
    # test costs far less than the pattern's search.
    return any(mark in line for mark in _CODE_MARKS) and bool(_CODE.search(line))


_CODE_MARKS = "(=#$>"


def _is_capitals_heading(line: str) -> bool:
    """A line of one to four words in capitals (``DESCRIPTION``, ``SEE ALSO``): a heading
    wherever it stands."""
    if line.islower():
        return False  # (fast path: such a heading has a capital, and every line is asked twice)
    return _capitals_heading(line)


@remembered_for_short_lines
def _capitals_heading(line: str) -> bool:
    words = _WORD.findall(line)
    return 0 < len(words) <= 4 and len(words) == len(line.split()) and all(
        w.isalpha() and w.isupper() and len(w) > 1 for w in words)


def _is_heading(line: str, column: Column) -> bool:
    """Short, without sentence punctuation at its end, and in title case or capitals (a single
    word in capitals, as manual pages head their sections: ``NAME``, ``SEE ALSO``)."""
    if len(line) > 120 or line[-1] in ".,;:" or (column.width and len(line) > 0.85 * column.width):
        return False
    if _is_capitals_heading(line):
        return True
    words = _WORD.findall(line)
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(content) < 2:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capitalised / len(content) >= 0.75
