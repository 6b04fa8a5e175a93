"""Evidence about one document, computed once and shared by every fixer.

The document is the strongest evidence about itself: the report that prints ``Merkelnoted`` once
says ``Merkel`` a dozen times, and the one that breaks ``state-of-the-`` / ``art`` across a line
also writes ``state-of-the-art`` whole. Each property is computed on first use only, so a fixer
that needs nothing costs nothing.
"""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, count, repeat

import regex

from textfix.lexicon import Lexicon, default_lexicon
from textfix.tokens import WORD

# What the document's counts are defined as (the properties below compute the same from one
# scan). Patterns start only at a word's first letter and never give letters back (possessive),
# so a megabyte-long "word" costs one linear scan, not a quadratic number of retries.
_COMPOUND = regex.compile(r"(?<![^\W\d_])[^\W\d_]++(?:-[^\W\d_]++)+")
# Two words with only spaces between them (no line break, no punctuation): a phrase of the text.
_WORD_PAIR = regex.compile(
    r"(?<![^\W\d_'’])([^\W\d_]++(?:['’][^\W\d_]++)*+) ++(?=([^\W\d_]++(?:['’][^\W\d_]++)*+))"
)
_WORD_SPLIT = regex.compile(f"({WORD.pattern})")  # the words, and the text between them
_APOSTROPHE = regex.compile(r"['’]")


@dataclass(frozen=True)
class Counts:
    """A whole document's counts, for repairing it a block at a time (:mod:`textfix.stream`):
    each block is judged with the vocabulary of the whole, as if it were read at once. Complete
    before first use: ``derived`` remembers what the blocks' documents derive from them."""

    cased_words: Counter
    pairs: Counter
    compounds: Counter
    derived: dict = field(default_factory=dict, compare=False, repr=False)


class Document:
    def __init__(self, text: str, lexicon: Lexicon | None = None, counts: Counts | None = None):
        self.text = text
        self._lexicon = lexicon
        self._derived: dict = {}
        if counts is not None:  # the cached properties below, taken from the whole document
            self.__dict__.update(cased_words=counts.cased_words, pairs=counts.pairs, compounds=counts.compounds)
            self._derived = counts.derived

    def derived(self, compute):
        """``compute(self)``, a value of the vocabulary alone (the counts and the lexicon, never
        the text), computed once per vocabulary: the blocks of a streamed document share theirs,
        and each block, each round, would otherwise derive it again (for a vocabulary of 300,000
        words, 0.6 s a block: four times the repair of the block itself)."""
        key = (compute, self.lexicon)
        value = self._derived.get(key, _MISSING)
        if value is _MISSING:
            value = self._derived[key] = compute(self)
        return value

    @cached_property
    def lexicon(self) -> Lexicon:
        return self._lexicon or default_lexicon()

    @cached_property
    def _word_stream(self) -> tuple[list[str], list[str]]:
        """The words in order (:data:`WORD`), and the text between each and the next: one regex
        scan, from which the counts below are taken at C speed (three scans cost three times it)."""
        parts = _WORD_SPLIT.split(self.text)
        return parts[1::2], parts[2:-1:2]

    @cached_property
    def cased_words(self) -> Counter[str]:
        """Every word form exactly as written."""
        return Counter(self._word_stream[0])

    @cached_property
    def words(self) -> Counter[str]:
        """Word counts by lower-case form: the document's own vocabulary."""
        return self.derived(_lower_case_counts)

    @cached_property
    def word_total(self) -> int:
        return self.derived(_word_total)

    @cached_property
    def pairs(self) -> Counter[tuple[str, str]]:
        """Adjacent lower-case word pairs within a line: the document's own phrases.

        The pairs :data:`_WORD_PAIR` finds: neighbouring words with spaces alone between them.
        """
        words, between = self._word_stream
        lower = list(map(str.lower, words))
        spaces_only = map(operator.not_, map(str.strip, between, repeat(" ")))  # (never empty)
        return Counter(compress(zip(lower, lower[1:]), spaces_only))

    @cached_property
    def compounds(self) -> Counter[str]:
        """Hyphenated compounds written whole on one line (``state-of-the-art``), lower-case.

        The compounds :data:`_COMPOUND` finds: runs of letters joined by single hyphens. They are
        chains of words with one hyphen between each and the next, where an apostrophe inside a
        word ends one compound and starts the next (``rock'n-roll`` holds ``n-roll``).
        """
        words, between = self._word_stream
        compounds: Counter[str] = Counter()
        runs: list[str] = []  # the compound being read
        previous = -2
        for i in compress(count(), map("-".__eq__, between)):  # words i and i + 1 are hyphenated
            if i != previous + 1:  # a new chain
                self._add_compound(compounds, runs)
                runs = [_APOSTROPHE.split(words[i])[-1]]
            pieces = _APOSTROPHE.split(words[i + 1])
            runs.append(pieces[0])
            if len(pieces) > 1:
                self._add_compound(compounds, runs)
                runs = [pieces[-1]]
            previous = i
        self._add_compound(compounds, runs)
        return compounds

    @staticmethod
    def _add_compound(compounds: Counter[str], runs: list[str]) -> None:
        if len(runs) >= 2:
            compounds["-".join(runs).lower()] += 1

    @cached_property
    def distinct_lowercase_words(self) -> frozenset[str]:
        return self.derived(_distinct_lowercase_words)

    @cached_property
    def longest_known(self) -> int:
        """No longer word :meth:`is_known` (lower-casing never shortens a word): a fixer need not
        build candidates longer than this, which keeps a megabyte-long "word" linear."""
        return self.derived(_longest_known)

    def known_lowercase(self, chunks: set[str]) -> set[str]:
        """The chunks that are lower-case ASCII words the document knows (:meth:`is_known`).

        Most of a text's distinct chunks are such words; a fixer that only examines unknown words
        sets them aside in bulk (C-level filters and set operations) instead of one by one.
        """
        simple = set(filter(str.isascii, filter(str.islower, filter(str.isalpha, chunks))))
        # (Filtered, not ``simple.intersection(unigrams)``: set.intersection walks a dict argument
        # whole, 83,000 words, ~3 ms a call, more than a short document's whole repair.)
        known = set(filter(self.lexicon.unigrams.__contains__, simple))
        words = self.words
        known.update(word for word in simple.difference(known) if words.get(word, 0) >= 2)
        return known

    def count(self, word: str) -> int:
        return self.words.get(word.lower(), 0)

    def in_lexicon(self, word: str) -> bool:
        return word.lower() in self.lexicon

    def is_known(self, word: str) -> bool:
        """A lexicon word, or one the document itself uses more than once."""
        return self.in_lexicon(word) or self.count(word) >= 2

    def is_name(self, word: str) -> bool:
        """A capitalised form the lexicon lacks but the document uses more than once (``Merkel``)."""
        return (
            word[:1].isupper()
            and not self.in_lexicon(word)
            and self.cased_words.get(word, 0) >= 2
        )


_MISSING = object()


# What Document derives from its vocabulary (see Document.derived).

def _lower_case_counts(document: Document) -> Counter[str]:
    counts: Counter[str] = Counter()
    for word, n in document.cased_words.items():
        counts[word.lower()] += n
    return counts


def _word_total(document: Document) -> int:
    return sum(document.words.values()) or 1


def _distinct_lowercase_words(document: Document) -> frozenset[str]:
    return frozenset(word for word in document.cased_words if word.islower())


def _longest_known(document: Document) -> int:
    own = (len(word) for word, n in document.words.items() if n >= 2)
    return max(document.lexicon.longest, max(own, default=0))
