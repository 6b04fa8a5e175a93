"""Plain words with the gaps between them, and the choice among competing readings.

Shared by the fixers that re-read a gap between two words (``join_split_words``,
``broken_ligatures``): each proposes readings of a span, the language model weighs them in their
context, and the best non-overlapping repairs are kept by decreasing gain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textfix.edits import Change
from textfix.language_model import LanguageModel, occurrence
from textfix.tokens import CHUNK, shape

_FAST_CHUNK = re.compile(r"\S+")  # tokens.CHUNK's chunks, faster to scan, unless the text holds U+001C..U+001F
MARGIN = 2.0  # log10: a repair must be a hundred times likelier than the text and any rival


@dataclass(slots=True)
class Word:
    start: int
    end: int
    text: str
    joined_left: bool  # only one space separates it from the previous plain word
    joined_right: bool
    trail: str  # punctuation right after it


def plain_words(text: str) -> list[Word]:
    """Words of letters only (not protected, not a unit after a number), in order."""
    words: list[Word] = []
    append = words.append
    previous_end = -1  # where the last plain word ends, when no punctuation follows it; else -1
    after_number = False
    chunks = CHUNK if any(space in text for space in "\x1c\x1d\x1e\x1f") else _FAST_CHUNK
    for chunk in chunks.finditer(text):
        lead, core, trail, plain, numeric = shape(chunk.group())  # judged once per distinct chunk
        if not plain or after_number:
            previous_end = -1
            after_number = numeric  # '40 lm': a unit, not a fragment
            continue
        start = chunk.start() + len(lead)
        joined = previous_end >= 0 and not lead and start == previous_end + 1 and text[previous_end] == " "
        if joined:
            words[-1].joined_right = True
        end = start + len(core)
        append(Word(start, end, core, joined, False, trail))
        previous_end = -1 if trail else end
    return words


def context(words: list[Word], first: int, last: int) -> tuple[str | None, str | None]:
    """The words just before ``words[first]`` and after ``words[last]``, when joined to them."""
    before = words[first - 1].text if first > 0 and words[first].joined_left else None
    after = words[last + 1].text if words[last].joined_right and last + 1 < len(words) else None
    return before, after


def best_reading(readings: list[list[str]], original: list[str], model: LanguageModel,
                 before: str | None, after: str | None):
    """(gain, reading) for the reading that beats the text as it stands and every rival by
    ``MARGIN``, or None. The original tokens are no evidence for themselves."""
    if not readings:
        return None
    exclude = occurrence(*original)
    scored = sorted(((model.sequence_logp(r, before, after, exclude=exclude), r) for r in readings), reverse=True)
    best_score, best = scored[0]
    as_is = model.sequence_logp(original, before, after, exclude=exclude)
    if best_score - as_is < MARGIN:
        return None
    if len(scored) > 1 and best_score - scored[1][0] < MARGIN:
        return None
    return best_score - as_is, best


def choose_by_gain(candidates) -> list[Change]:
    """The non-overlapping changes, best gain first, from (gain, change) pairs (or None)."""
    chosen: list[Change] = []
    taken: dict[int, None] = {}  # offsets the chosen changes cover: a check costs a change's length,
    for _, change in sorted((c for c in candidates if c), key=lambda c: -c[0]):  # not the chosen count
        span = range(change.start, max(change.end, change.start + 1))
        if not any(offset in taken for offset in span):
            chosen.append(change)
            taken.update(dict.fromkeys(span))
    return sorted(chosen)
