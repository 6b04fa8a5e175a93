"""Document's counts, taken from one scan, equal their definitions by regex."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.document import _COMPOUND, _WORD_PAIR, Document
from textfix.tokens import WORD

TEXTS = st.text(st.sampled_from(list("abAéΣ中") + ["\u0301"] + list("'’-–_ 0\n\t.,")), max_size=60)


@settings(max_examples=1000)
@given(TEXTS)
def test_counts_match_their_regex_definitions(text):
    document = Document(text)
    assert list(document.cased_words.items()) == list(Counter(WORD.findall(text)).items())
    pairs = Counter((a.lower(), b.lower()) for a, b in _WORD_PAIR.findall(text))
    assert list(document.pairs.items()) == list(pairs.items())
    compounds = Counter(m.lower() for m in _COMPOUND.findall(text))
    assert list(document.compounds.items()) == list(compounds.items())


def test_compounds_around_apostrophes():
    text = "rock'n-roll, a-b'c-d, well-known's and state-of-the-art, x-'y"
    assert Document(text).compounds == Counter(m.lower() for m in _COMPOUND.findall(text))
