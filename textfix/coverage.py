"""Where the English lexicon covers the text, and where it does not.

Word repair is English: in a paragraph of French, German or Russian most words are unknown to
the lexicon, and every fixer that re-reads unknown words would "correct" them toward English.
A paragraph of ``MIN_WORDS`` lower-case words or more (names are unknown in every language) is English when the lexicon knows ``MIN_HIT_RATE`` of
its words, or when English function words (the lexicon's ``FUNCTION_WORDS`` most frequent
words: the, of, and, to ...) make up ``MIN_FUNCTION_SHARE`` of it: damage breaks content words
into unknown fragments (``signi cant``) but leaves the short function words, which any English
paragraph is full of and other languages share few of. Other paragraphs are left to the
script-independent layout repairs.

>>> foreign_spans("Le développement économique de la région a été très rapide cette année.\\n")
[(0, 71)]
>>> foreign_spans("The economic development of the region was very fast this year.\\n")
[]
"""

from __future__ import annotations

import heapq

import regex

from textfix.lexicon import Lexicon, default_lexicon
from textfix.tokens import WORD

MIN_HIT_RATE = 0.6
MIN_FUNCTION_SHARE = 0.15
FUNCTION_WORDS = 60
MIN_WORDS = 5
_PARAGRAPH = regex.compile(r"[^\n]++")


def foreign_spans(text: str, lexicon: Lexicon | None = None, verdicts: dict[str, bool] | None = None
                  ) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (line) the English lexicon does not cover.

    ``verdicts``: each paragraph's verdict by its text, kept between calls by a caller that asks
    again about a text it has changed in a few places (``pipeline.repair``'s rounds).
    """
    lexicon = lexicon or default_lexicon()
    verdicts = {} if verdicts is None else verdicts
    spans = []
    for paragraph in _PARAGRAPH.finditer(text):
        line = paragraph.group()
        foreign = verdicts.get(line)
        if foreign is None:
            foreign = verdicts[line] = _is_foreign(line, lexicon)
        if foreign:
            spans.append((paragraph.start(), paragraph.end()))
    return spans


def _is_foreign(paragraph: str, lexicon: Lexicon) -> bool:
    # Lower-case words only: names are unknown to the lexicon in every language.
    words = list(filter(str.islower, WORD.findall(paragraph)))
    if len(words) < MIN_WORDS:
        return False
    # (map over C-level look-ups: this runs over every word of every text)
    if sum(map(commonest_words(lexicon).__contains__, words)) >= MIN_FUNCTION_SHARE * len(words):
        return False  # the common case, settled by the cheaper count
    return sum(map(lexicon.unigrams.__contains__, words)) < MIN_HIT_RATE * len(words)


def commonest_words(lexicon: Lexicon) -> frozenset[str]:
    """The lexicon's ``FUNCTION_WORDS`` most frequent words (the, of, and ...), computed once."""
    cached = getattr(lexicon, "_function_words", None)
    if cached is None:
        top = heapq.nlargest(FUNCTION_WORDS, lexicon.unigrams.items(), key=lambda item: item[1])
        cached = frozenset(word for word, _ in top)
        lexicon._function_words = cached
    return cached
