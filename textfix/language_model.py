"""A small bigram language model over the lexicon, interpolated with the document itself.

Probabilities mix the English lexicon with the document's own counts, half and half: a *cache
language model* (Kuhn & De Mori, 1990), because a document repeats its own words and names far
more often than general English does. ``Merkel`` is absent from the lexicon, but a report that
says it a dozen times makes ``Merkel noted`` likely. Unseen pairs back off to the unigram estimate with a
fixed discount (*stupid backoff*, Brants et al. 2007).

:func:`segmentations` finds the best ways to cut a run of letters into known words (a Viterbi
search whose states are the last word, so that bigrams count), for the few tokens that need it.
"""

from __future__ import annotations

import math

from textfix.document import Document

BACKOFF = 0.4  # stupid-backoff discount for an unseen pair
LEXICON_WEIGHT = 0.5  # interpolation weight of the lexicon against the document
MAX_WORD = 24  # longest word considered inside a run of letters (longer English words are rare)


class LanguageModel:
    def __init__(self, document: Document):
        self.document = document
        self.lexicon = document.lexicon
        # A segmentation asks for the same words and pairs again and again (every cut of every
        # candidate token): each is computed once per model, i.e. once per fixer call. Plain
        # dicts, not lru_cache over bound methods: those make a reference cycle that keeps each
        # model, its caches and its document alive until the cyclic collector runs.
        self._word_logps: dict[str, float] = {}
        self._pair_logps: dict[tuple[str | None, str], float] = {}

    def word_probability(self, word: str, exclude: frozenset[str] = frozenset()) -> float:
        """P(word), 0.0 when neither the lexicon nor the document has it.

        ``exclude``: lower-case words under judgement, whose document counts are ignored: a
        damaged token is no evidence for itself, and systematic damage (one font map breaks
        every ``fi`` alike) repeats a fragment without making it a word.
        """
        word = word.lower()
        lexical = self.lexicon.count(word) / self.lexicon.total
        own = 0 if word in exclude else self.document.words.get(word, 0) / self.document.word_total
        return LEXICON_WEIGHT * lexical + (1 - LEXICON_WEIGHT) * own

    def is_word(self, word: str) -> bool:
        return self.word_probability(word) > 0.0

    def word_logp(self, word: str, exclude: frozenset[str] = frozenset()) -> float:
        word = word.lower()
        if word in exclude:
            return self._compute_word_logp(word, exclude)
        found = self._word_logps.get(word)
        if found is None:
            found = _remember(self._word_logps, word, self._compute_word_logp(word))
        return found

    def _compute_word_logp(self, word: str, exclude: frozenset[str] = frozenset()) -> float:
        p = self.word_probability(word, exclude)
        if p > 0.0:
            return math.log10(p)
        # An unknown word: less likely the longer it is (Norvig's estimate for unseen words).
        return math.log10(10.0 / self.lexicon.total) - len(word)

    def pair_probability(self, first: str, second: str, exclude: frozenset[str] = frozenset()) -> float:
        """P(second | first) from the pair tables alone; 0.0 for a pair neither has seen."""
        first, second = first.lower(), second.lower()
        lexical = 0.0
        pair_count = self.lexicon.bigram_count(first, second)
        first_count = self.lexicon.count(first)
        if pair_count and first_count:
            lexical = min(1.0, (pair_count / self.lexicon.bigram_total) / (first_count / self.lexicon.total))
        own = 0.0
        own_pairs = 0 if first in exclude or second in exclude else self.document.pairs.get((first, second), 0)
        if own_pairs:
            own = own_pairs / max(1, self.document.words.get(first, 0))
        return LEXICON_WEIGHT * lexical + (1 - LEXICON_WEIGHT) * own

    def conditional_logp(self, first: str | None, second: str, exclude: frozenset[str] = frozenset()) -> float:
        """log10 P(second | first), backing off to the word's own probability."""
        if exclude:
            return self._compute_conditional_logp(first, second, exclude)
        found = self._pair_logps.get((first, second))
        if found is None:
            found = _remember(self._pair_logps, (first, second), self._compute_conditional_logp(first, second))
        return found

    def _compute_conditional_logp(self, first: str | None, second: str, exclude: frozenset[str] = frozenset()) -> float:
        if first is not None:
            p = self.pair_probability(first, second, exclude)
            if p > 0.0:
                return math.log10(p)
            return math.log10(BACKOFF) + self.word_logp(second, exclude)
        return self.word_logp(second, exclude)

    def sequence_logp(self, words: list[str], before: str | None = None, after: str | None = None,
                      *, exclude: frozenset[str] = frozenset()) -> float:
        """log10 P(words), conditioned on the word ``before`` them and predicting the word ``after``.

        ``exclude``: the damaged tokens under judgement (lower case), which the document's counts
        cannot vouch for.
        """
        total = 0.0
        previous = before
        for word in words:
            total += self.conditional_logp(previous, word, exclude)
            previous = word
        if after is not None and previous is not None:
            total += self.conditional_logp(previous, after, exclude)
        return total


def _remember(cache: dict, key, value: float) -> float:
    if len(cache) >= _CACHE_SIZE:  # (bounded: a long text asks about ever more words)
        cache.clear()
    cache[key] = value
    return value


_CACHE_SIZE = 262_144


def occurrence(*tokens: str) -> frozenset[str]:
    """The ``exclude`` set for tokens of the text under judgement."""
    return frozenset(t.lower() for t in tokens)


def segmentations(letters: str, model: LanguageModel, *, before: str | None = None, after: str | None = None,
                  is_piece=None) -> list[tuple[float, list[str]]]:
    """The best cuts of ``letters`` into two or more known pieces, best first, with log10 scores.

    ``is_piece(piece)`` says which pieces are allowed (default: any word the model knows).
    Cost: O(len × MAX_WORD × states); callers pass only short, suspicious tokens.
    """
    is_piece = is_piece or model.is_word
    logp = model.conditional_logp
    n = len(letters)
    # best[i]: last piece ending at i -> (score, previous state's key, piece start)
    best: list[dict[tuple[int, str], tuple[float, tuple[int, str] | None]]] = [dict() for _ in range(n + 1)]
    best[0][(0, before or "")] = (0.0, None)
    # From each reachable start, every piece that begins there: the states of a start are read
    # once, not once per piece (the same order of updates, so ties resolve as before).
    for start in range(n):
        if not best[start]:
            continue
        previous = [(key, key[1] or None, score) for key, (score, _) in best[start].items()]
        for end in range(start + 1, min(n, start + MAX_WORD) + 1):
            piece = letters[start:end]
            if not is_piece(piece):
                continue
            state, states = (start, piece), best[end]
            for key, word, score in previous:
                candidate = score + logp(word, piece)
                held = states.get(state)
                if held is None or candidate > held[0]:
                    states[state] = (candidate, key)
    results = []
    for state, (score, back) in best[n].items():
        pieces = _trace(best, n, state)
        if len(pieces) < 2:
            continue
        if after is not None:
            score += logp(pieces[-1], after)
        results.append((score, pieces))
    results.sort(key=lambda r: (-r[0], r[1]))
    return results


def _trace(best, end: int, state) -> list[str]:
    pieces = []
    while state is not None and state[1] and end > 0:
        start, piece = state
        pieces.append(piece)
        _, back = best[end][state]
        state, end = back, start
    return pieces[::-1]
