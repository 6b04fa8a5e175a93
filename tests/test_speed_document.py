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


class _WatchedTable(dict):
    """A lexicon table that counts the times it is walked whole (look-ups are free)."""

    walks = 0

    def __iter__(self):
        _WatchedTable.walks += 1
        return super().__iter__()

    def keys(self):
        _WatchedTable.walks += 1
        return super().keys()

    def items(self):
        _WatchedTable.walks += 1
        return super().items()

    def values(self):
        _WatchedTable.walks += 1
        return super().values()


def test_a_repair_never_walks_the_lexicon():
    """What a fixer derives from the whole lexicon it derives once per lexicon: walking its
    83,000 words (``set.intersection(dict)`` does, ~3 ms) on every call cost more than a short
    document's whole repair."""
    from textfix import repair
    from textfix.lexicon import Lexicon, default_lexicon
    from textfix.simulate import simulate_channel

    english = default_lexicon()
    lexicon = Lexicon(_WatchedTable(english.unigrams), bigrams=_WatchedTable(english.bigrams))
    prose = ("The committee met on Tuesday to discuss the final report. Its members agreed that "
             "the official figures were significant, and that the effects of the flood would "
             "last for several years. Offices reopened in the afternoon.\n") * 12
    text = simulate_channel(prose, "mixed", seed=3) + simulate_channel(prose, "ocr", seed=4)
    repair(text, lexicon=lexicon)  # (what is derived once per lexicon is derived here)
    _WatchedTable.walks = 0
    repaired = repair(text, lexicon=lexicon)
    assert _WatchedTable.walks == 0
    word_fixers = ("broken_ligatures", "join_split_words", "split_merged_words", "ocr_confusions")
    assert any(name in edit.fixer for edit in repaired.edits for name in word_fixers)  # they had work to do


@settings(max_examples=1000)
@given(TEXTS)
def test_lower_case_counts_sum_the_cased_forms_in_order_of_first_use(text):
    """``words`` is the cased counts summed by lower-case form, its keys in the order the text
    first uses each (what a loop over the cased forms gives): a fixer that walks the vocabulary
    breaks its ties in that order."""
    expected: Counter[str] = Counter()
    for word in WORD.findall(text):
        expected[word.lower()] += 1
    assert list(Document(text).words.items()) == list(expected.items())


def test_lower_case_counts_of_forms_that_differ_in_case():
    words = Document("The cat and the Cat. THE end, the END; Σ σ").words
    assert list(words.items()) == [("the", 4), ("cat", 2), ("and", 1), ("end", 2), ("σ", 2)]
