"""Plain words with the gaps between them, and the choice among competing readings.

Shared by the fixers that re-read a gap between two words (``join_split_words``,
``broken_ligatures``): each proposes readings of a span, the language model weighs them in their
context, and the best non-overlapping repairs are kept by decreasing gain.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress, count
from operator import and_

import regex

from textfix.edits import Change
from textfix.language_model import LanguageModel, occurrence
from textfix.tokens import CHUNK, shape

# The white space before the first chunk, and each chunk with the white space after it: re's \s is
# str.isspace(), the white space of str.split(); regex's is CHUNK's, for a text that holds U+001C..U+001F.
_LEADING_SPACE = re.compile(r"\s*")
_SPACED_CHUNK = re.compile(r"\S+\s*")
_CHUNK_LEADING_SPACE = regex.compile(r"\s*")
_CHUNK_SPACED = regex.compile(r"\S+\s*")
MARGIN = 2.0  # log10: a repair must be a hundred times likelier than the text and any rival


class PlainWords:
    """The plain words of a text (letters only, not protected, not a unit after a number: ``40
    lm``), by chunk index, and the gaps where one space alone, and no punctuation, joins two.

    Built in bulk, not word by word (a loop that made an object per word cost most of a
    second per megabyte): the chunks and their separators come from C-level splits, each
    distinct chunk is judged once, and the per-chunk flags are combined with ``map``. Offsets are
    worked out only when a caller asks for one.
    """

    def __init__(self, text: str):
        if any(space in text for space in "\x1c\x1d\x1e\x1f"):  # (str.split() splits there, CHUNK does not)
            strings, leading, spaced = CHUNK.findall(text), _CHUNK_LEADING_SPACE, _CHUNK_SPACED
        else:
            strings, leading, spaced = text.split(), _LEADING_SPACE, _SPACED_CHUNK
        self.strings = strings
        self._leading = len(leading.match(text).group())
        self._spaced: list[str] = spaced.findall(text)  # each chunk with the white space after it
        shapes = {chunk: shape(chunk) for chunk in set(strings)}  # judged once per distinct chunk
        plain = {chunk for chunk, s in shapes.items() if s.plain}
        self.cores: list[str | None] = list(map({chunk: shapes[chunk].core for chunk in plain}.get, strings))
        self.is_word: list[bool] = list(map(plain.__contains__, strings))
        # a gap after chunk j: words j and j + 1, no punctuation between them, one space
        open_right = {chunk for chunk in plain if not shapes[chunk].trail}
        open_right_and_space = {s for s in set(self._spaced) if s[-1:] == " " and s[:-1] in open_right}
        open_left = {chunk for chunk in plain if not shapes[chunk].lead}
        self.joined_right: list[bool] = list(map(and_, map(open_right_and_space.__contains__, self._spaced),
                                                 map(open_left.__contains__, strings[1:])))
        numeric = {chunk for chunk, s in shapes.items() if s.numeric}
        if numeric:
            for j in compress(count(1), map(numeric.__contains__, strings[:-1])):  # '40 lm': a unit, not a word
                self.is_word[j] = False
                if j < len(self.joined_right):
                    self.joined_right[j] = False
        self.gaps: list[int] = list(compress(count(), self.joined_right))
        self._starts: list[int] | None = None

    def __len__(self) -> int:
        """How many plain words."""
        return sum(self.is_word)

    def joined(self, j: int) -> bool:
        """Whether chunk ``j`` is a word joined to the next."""
        return 0 <= j < len(self.joined_right) and self.joined_right[j]

    def start(self, j: int) -> int:
        """Where the word of chunk ``j`` starts (after its leading punctuation)."""
        return self._chunk_start(j) + len(shape(self.strings[j]).lead)

    def end(self, j: int) -> int:
        return self.start(j) + len(self.cores[j])

    def context(self, first: int, last: int) -> tuple[str | None, str | None]:
        """The words just before chunk ``first`` and after chunk ``last``, when joined to them."""
        before = self.cores[first - 1] if self.joined(first - 1) else None
        after = self.cores[last + 1] if self.joined(last) else None
        return before, after

    def _chunk_start(self, j: int) -> int:
        if self._starts is None:  # all at once, from the lengths of the chunks with their white space
            self._starts = list(accumulate(map(len, self._spaced), initial=self._leading))
        return self._starts[j]


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
