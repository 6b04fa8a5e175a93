"""The fast paths of the layout fixers find exactly what their former patterns found."""

from __future__ import annotations

import regex
from hypothesis import given, settings
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
def test_wrapped_line_lengths_match_the_pattern(text):
    assert _wrapped_line_lengths(text) == [len(m.group(1).strip()) for m in _CERTAIN_WRAP.finditer(text)]


@settings(max_examples=3000, derandomize=True)
@given(TEXTS)
def test_blank_line_gaps_match_the_pattern(text):
    assert len(_BLANK_LINE_GAP.findall(text)) == len(_FORMER_BLANK_LINE_GAP.findall(text))


@settings(max_examples=3000, derandomize=True)
@given(TEXTS)
def test_line_breaks_match_the_pattern(text):
    assert list(unwrap_lines._line_breaks(text)) == [m.span() for m in _FORMER_LINE_BREAK.finditer(text)]


@settings(max_examples=3000, derandomize=True)
@given(TEXTS)
def test_whitespace_sites_find_every_match_of_the_rules(text):
    expected = [(m.span(), m.lastgroup) for m in whitespace._RULES.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in whitespace._matches(text, 0, len(text))] == expected
