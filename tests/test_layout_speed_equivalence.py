"""The fast paths of the layout fixers find exactly what their former patterns found."""

from __future__ import annotations

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from textfix.fixers import unwrap_lines, whitespace
from textfix.layout import _BLANK_LINE_GAP, _wrapped_line_lengths

# Lines, blanks and the characters the patterns turn on: letters of each case (ª is lower case
# but no lower-case letter, ǅ a title-case one), a comma, a hyphen, other white space.
TEXTS = st.text(st.sampled_from(list(" \n\n\t\r\xa0\u2028\x0caAbBé,-.1ªǅʰß”")), max_size=60)

# The former patterns, kept as the definition.
_CERTAIN_WRAP = regex.compile(r"(?m)^([^\n]*?[\p{L},\-])[ \t]*+\n[ \t]*+(?=\p{Ll})")
_FORMER_BLANK_LINE_GAP = regex.compile(r"\S[^\S\n]*+\n[^\S\n]*+\n\s*+(?=\S)")
_FORMER_LINE_BREAK = regex.compile(r"(?<!\s)[^\S\n]*+\n\s*+(?=\S)")


@settings(max_examples=3000, derandomize=True)
@given(TEXTS)
@example("ab\n a\na\n")  # an indented line after a measured one: the pattern resumed past its blanks
@example("ab\n a\n\tb\n c\nd\n")  # a run of them: every other one is measured
def test_wrapped_line_lengths_match_the_pattern(text):
    assert _wrapped_line_lengths(text) == [len(m.group(1).strip()) for m in _CERTAIN_WRAP.finditer(text)]


@settings(max_examples=3000, derandomize=True)
@given(TEXTS)
def test_blank_line_gaps_match_the_pattern(text):
    assert len(_BLANK_LINE_GAP.findall(text)) == len(_FORMER_BLANK_LINE_GAP.findall(text))


# Texts of lines that the rules of unwrap_lines turn on: words of each case, sentence ends, commas,
# hyphens, list marks, numbers, capitals headings and code, indented or not, blank lines between.
_LINE_PARTS = st.sampled_from(["the", "river", "Rose", "NAME", "SEE ALSO", "x = 1", "f(x)", "2.", "-", "•", "12",
                               "over", "banks,", "end.", "Again", "co-", "a", "“Quote”", "ﬁ", "é"])
_LINES = st.lists(st.tuples(st.sampled_from(["", " ", "   ", "\t", "\xa0"]), st.lists(_LINE_PARTS, max_size=9),
                            st.sampled_from(["", " ", "\t", "\r", "\u2028"])), max_size=14)


@st.composite
def line_texts(draw):
    lines = [indent + " ".join(words) + end for indent, words, end in draw(_LINES)]
    return "".join(line + draw(st.sampled_from(["\n", "\n", "\n", "\n\n", "\n \n"])) for line in lines)


@settings(max_examples=3000, derandomize=True)
@given(TEXTS)
def test_line_breaks_match_the_pattern(text):
    lines = unwrap_lines._Lines(text)
    spans = [(start, end) for _, start, end in lines.breaks()]
    former = [m.span() for m in _FORMER_LINE_BREAK.finditer(text)]
    assert spans == [(start, end) for start, end in former if text[text.rfind("\n", 0, start) + 1 : start].strip()]


@settings(max_examples=3000, derandomize=True)
@given(st.one_of(TEXTS, line_texts()))
def test_unwrap_lines_by_line_lists_decides_as_by_offsets(text):
    assert unwrap_lines.propose(text, None) == _former_unwrap(text)


# ---- the former unwrap_lines.propose, which searched the text around each line break ------------

_FORMER_FROM_LINE_BREAK = regex.compile(r"(?<=(?:^|\S)[^\S\n]*+)\n\s*+(?=\S)")
_FORMER_BLANKS_BEFORE = regex.compile(r"(?r)[^\S\n]*+")


def _former_unwrap(text):
    u = unwrap_lines
    column = u.Column.measure(text)
    changes, in_heading = [], False
    for match in _FORMER_FROM_LINE_BREAK.finditer(text):
        start, after = match.span()
        if start and text[start - 1].isspace():
            start = _FORMER_BLANKS_BEFORE.match(text, 0, start).start()
        gap = text[start:after]
        if gap.count("\n") > 1:
            change = _former_false_blank_line(text, start, after, column)
            if change is not None:
                changes.append(change)
            continue
        if text[start - 1 : start] in u._HYPHEN_CHARS and u._HYPHEN_AT_END.search(text, max(0, start - 2), start):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        above = text[line_start:start].strip()
        if not above:
            continue
        line_end = text.find("\n", after)
        below = text[after : len(text) if line_end < 0 else line_end].strip()
        previous = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1] if line_start else ""
        first_of_block = line_start == 0 or previous.strip() == ""
        if column.width is not None and _former_short_run(text, line_start, after, above, below, column.width * u.SHORT_LINE):
            changes.append(u.Change(start, after, "\n\n", "a run of short lines (verse, code, a table): line kept"))
            in_heading = False
            continue
        indent_above = len(text[line_start:start]) - len(text[line_start:start].lstrip(" "))
        if (above[-1] in u._SENTENCE_END and (below[0].isupper() or below[0] in "\"“‘'(")
                and len(gap) - gap.rfind("\n") - 1 >= indent_above + 2):
            changes.append(u.Change(start, after, "\n\n", "indented line after a sentence end: a new paragraph"))
            in_heading = False
            continue
        join, reason, in_heading = u.decide(above, below, column, heading_rules=first_of_block or in_heading)
        changes.append(u.Change(start, after, " " if join else "\n\n", reason))
    return changes


def _former_short_run(text, above_start, below_start, above, below, limit):
    if len(above) >= limit or len(below) >= limit:
        return False
    before_start = text.rfind("\n", 0, max(0, above_start - 1)) + 1
    before = text[before_start : max(before_start, above_start - 1)].strip() if above_start else ""
    below_end = text.find("\n", below_start)
    next_start = len(text) if below_end < 0 else below_end + 1
    next_end = text.find("\n", next_start)
    following = text[next_start : len(text) if next_end < 0 else next_end].strip()
    return (0 < len(before) < limit) or (0 < len(following) < limit)


def _former_false_blank_line(text, above_end, below_start, column):
    u = unwrap_lines
    if column.width is None or not u._LOWER_START.match(text, below_start):
        return None
    above = text[text.rfind("\n", 0, above_end) + 1 : above_end].strip()
    if len(above) < u.SHORT_LINE * column.width or u._looks_like_code(above) or u._is_capitals_heading(above):
        return None
    if u._HYPHEN_AT_END.search(text, max(0, above_end - 2), above_end):
        return u.Change(above_end, below_start, "\n", "blank line inside a hyphenated word: removed")
    if u._INSIDE_SENTENCE_END.search(text, max(0, above_end - 2), above_end):
        return u.Change(above_end, below_start, " ", "blank line inside a sentence: joined")
    return None


@settings(max_examples=3000, derandomize=True)
@given(TEXTS)
def test_whitespace_sites_find_every_match_of_the_rules(text):
    expected = [(m.span(), m.lastgroup) for m in whitespace._RULES.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in whitespace._matches(text, 0, len(text))] == expected
