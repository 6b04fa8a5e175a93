"""The bulk paths of word_gaps and join_split_words give exactly what the plain loops gave."""

from __future__ import annotations

import re
from itertools import compress, count

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.fixers.join_split_words import _BROKEN_HYPHEN, _SPACED_HYPHEN, _hyphen_matches
from textfix.tokens import CHUNK, shape
from textfix.word_gaps import PlainWords

# Pieces that exercise every branch: plain words of several cases and scripts, words with
# punctuation around them, numbers and units, protected tokens, hyphens set apart or left at a
# word's end, and every sort of white space (U+001C..U+001F: str.split() and CHUNK disagree).
PIECES = st.sampled_from(
    ["the", "book", "in", "stall", "a", "I", "Going", "naïve", "ΣΟΦΙΑ", "par", "ticularly", "ab",
     '"quoted', "end.", "(both)", "it's", "40", "lm", "3.5", "x_y", "camelCase", "NASA", "a-b",
     "-", "- ", " - ", "word-", ",", "'"]
)
SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\xa0", "\u3000", "\x1c", "\x1f", ""])
TEXTS = st.lists(st.tuples(PIECES, SPACES), max_size=30).map(lambda pairs: "".join(a + b for a, b in pairs))
LETTERS = st.text(st.sampled_from(list("abAB -\n\x1c1_é")), max_size=40)

_FAST_CHUNK = re.compile(r"\S+")


def reference_plain_words(text: str) -> list[tuple]:
    """The word loop that :class:`PlainWords` replaced."""
    words: list[list] = []
    previous_end = -1
    after_number = False
    chunks = CHUNK if any(space in text for space in "\x1c\x1d\x1e\x1f") else _FAST_CHUNK
    for chunk in chunks.finditer(text):
        lead, core, trail, plain, numeric = shape(chunk.group())
        if not plain or after_number:
            previous_end = -1
            after_number = numeric
            continue
        start = chunk.start() + len(lead)
        joined = previous_end >= 0 and not lead and start == previous_end + 1 and text[previous_end] == " "
        if joined:
            words[-1][4] = True
        end = start + len(core)
        words.append([start, end, core, joined, False, trail])
        previous_end = -1 if trail else end
    return [tuple(word) for word in words]


def as_tuples(words: PlainWords) -> list[tuple]:
    """Every plain word: (start, end, text, joined left, joined right, trailing punctuation)."""
    return [(words.start(j), words.end(j), words.cores[j], words.joined(j - 1), words.joined(j), shape(words.strings[j]).trail)
            for j in compress(count(), words.is_word)]


@settings(max_examples=1000)
@given(st.one_of(TEXTS, LETTERS))
def test_plain_words_match_the_word_loop(text):
    expected = reference_plain_words(text)
    words = PlainWords(text)
    assert as_tuples(words) == expected
    assert len(words) == len(expected)
    gaps = [(words.start(j), words.end(j + 1)) for j in words.gaps]
    assert gaps == [(a[0], b[1]) for a, b in zip(expected, expected[1:]) if a[4]]


REFERENCE_BROKEN_HYPHEN = regex.compile(r"(?<![\w-])([^\W\d_]++)- ([^\W\d_]++)(?![\w-])")
REFERENCE_SPACED_HYPHEN = regex.compile(r"(?<![\w-])(\p{Ll}{2,}+) - (\p{Ll}{2,}+)(?![\w-])")


@settings(max_examples=1000)
@given(st.one_of(TEXTS, LETTERS))
def test_hyphen_matches_match_the_patterns_read_forwards(text):
    for fast, reference in ((_BROKEN_HYPHEN, REFERENCE_BROKEN_HYPHEN), (_SPACED_HYPHEN, REFERENCE_SPACED_HYPHEN)):
        expected = [(m.start(), m.end(), m.group(1), m.group(2)) for m in reference.finditer(text)]
        assert list(_hyphen_matches(fast, text)) == expected


def test_a_dash_between_two_spaced_hyphens_is_matched_once():
    text = "ab - cd - ef"
    assert list(_hyphen_matches(_SPACED_HYPHEN, text)) == [(0, 7, "ab", "cd")]
