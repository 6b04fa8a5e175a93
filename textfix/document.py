"""Evidence about one document, computed once and shared by every fixer.

The document is the strongest evidence about itself: the report that prints ``Merkelnoted`` once
says ``Merkel`` a dozen times, and the one that breaks ``state-of-the-`` / ``art`` across a line
also writes ``state-of-the-art`` whole. Each property is computed on first use only, so a fixer
that needs nothing costs nothing.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property

import regex

from textfix.lexicon import Lexicon, default_lexicon
from textfix.tokens import WORD

# Patterns start only at a word's first letter and never give letters back (possessive), so a
# megabyte-long "word" costs one linear scan, not a quadratic number of retries.
_COMPOUND = regex.compile(r"(?<![^\W\d_])[^\W\d_]++(?:-[^\W\d_]++)+")
# Two words with only spaces between them (no line break, no punctuation): a phrase of the text.
_WORD_PAIR = regex.compile(
    r"(?<![^\W\d_'’])([^\W\d_]++(?:['’][^\W\d_]++)*+) ++(?=([^\W\d_]++(?:['’][^\W\d_]++)*+))"
)


class Document:
    def __init__(self, text: str, lexicon: Lexicon | None = None):
        self.text = text
        self._lexicon = lexicon

    @cached_property
    def lexicon(self) -> Lexicon:
        return self._lexicon or default_lexicon()

    @cached_property
    def cased_words(self) -> Counter[str]:
        """Every word form exactly as written."""
        return Counter(WORD.findall(self.text))

    @cached_property
    def words(self) -> Counter[str]:
        """Word counts by lower-case form: the document's own vocabulary."""
        counts: Counter[str] = Counter()
        for word, n in self.cased_words.items():
            counts[word.lower()] += n
        return counts

    @cached_property
    def word_total(self) -> int:
        return sum(self.words.values()) or 1

    @cached_property
    def pairs(self) -> Counter[tuple[str, str]]:
        """Adjacent lower-case word pairs within a line: the document's own phrases."""
        return Counter((a.lower(), b.lower()) for a, b in _WORD_PAIR.findall(self.text))

    @cached_property
    def compounds(self) -> Counter[str]:
        """Hyphenated compounds written whole on one line (``state-of-the-art``), lower-case."""
        return Counter(m.lower() for m in _COMPOUND.findall(self.text))

    @cached_property
    def distinct_lowercase_words(self) -> frozenset[str]:
        return frozenset(word for word in self.cased_words if word.islower())

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
