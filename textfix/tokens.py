"""Token shapes shared by the fixers: what a word is, and what must never be touched.

Word fixers look only at *plain words* (letters, optionally one inner apostrophe) and leave
protected tokens alone: URLs, e-mail addresses, paths, numbers (with currency or units), code
identifiers (snake_case, camelCase, dotted.names, --options) and ALL-CAPS acronyms.

>>> is_protected("https://example.com/a-b"), is_protected("snake_case"), is_protected("Merkelnoted")
(True, True, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import compress, count
from typing import NamedTuple

import regex

# Every pattern here is linear: no nested quantifiers over overlapping classes. And none repeats a
# group: ``regex`` keeps a record per repetition of a group, so ``(?:['’][^\W\d_]+)*`` over a token
# of millions of pieces (``a'a'a'…``, 12 MB) ran out of memory. A chain of pieces is read instead by
# a lazy ``.*?`` that stops where the chain ends (atomic: it never reads on past that point), the
# same match as the chain of groups, in constant memory.
WORD = regex.compile(r"[^\W\d_]++(?:['’](?=[^\W\d_])(?>.*?(?![^\W\d_]|['’][^\W\d_])))?+")
"""A run of letters (with inner apostrophes: ``Merkel’s`` is one word, not ``Merkel`` and ``s``),
the unit of the document's vocabulary."""

SUSPENSION_WORDS = frozenset({"and", "or", "nor", "to"})
"""Words after a suspended hyphen (``pre- and post-war``, ``10- to 20-year``): the hyphen stays."""

CHUNK = regex.compile(r"\S+")
"""A whitespace-delimited chunk of text (a token with its punctuation)."""



# URL and EMAIL are for ``search`` (and ``finditer``). Written plainly, ``\b[a-z][a-z0-9+.-]*://``
# and ``[\w.+-]+@`` retry from every position of a long run of such characters that no ``://``
# or ``@`` ends (a megabyte-long dotted token): quadratic. A run's every start reaches the same
# run end, so the run is tried once, from its start (``\G``: or from where the search resumes),
# and ``\K`` puts the URL's start at the first letter after a word boundary, where the plain
# pattern finds it. The matches are the same; only ``URL.match`` at a position inside a run
# differs (it reports the URL that starts later in the run). EMAIL's domain,
# ``[\w-]+(?:\.[\w-]+)+``, is read without repeating a group (see WORD).
URL = regex.compile(r"(?i)(?:(?:\G|(?<![a-z0-9+.-]))(?>[a-z0-9+.-]*?\b(?=[a-z]))\K[a-z][a-z0-9+.-]*+://|\bwww\.)\S+")
EMAIL = regex.compile(r"(?:\G|(?<![\w.+-]))[\w.+-]++@[\w-]++\.[\w-](?>.*?(?![\w-]|\.[\w-]))")
_PATHLIKE = regex.compile(r"[/\\]|^~")
_DOTTED = regex.compile(r"\w\.\w")
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
_DIGIT = regex.compile(r"\d")
_OPTION = regex.compile(r"^--?\w")
_ACRONYM = regex.compile(r"^\p{Lu}{2,}s?$")


def split_punctuation(chunk: str) -> tuple[str, str, str]:
    """``'"Merkelnoted,'`` -> ``('"', 'Merkelnoted', ',')``.

    Done with string scans rather than a regex: ``^(\\p{P}*)(.*?)(\\p{P}*)$`` is quadratic on a
    long run of punctuation inside a chunk.
    """
    if chunk[:1].isalnum() and chunk[-1:].isalnum():
        # Fast path, the common case: no letter or digit is punctuation (category P).
        return "", chunk, ""
    start, end = 0, len(chunk)
    while start < end and _is_punctuation(chunk[start]):
        start += 1
    while end > start and _is_punctuation(chunk[end - 1]):
        end -= 1
    return chunk[:start], chunk[start:end], chunk[end:]


def _is_punctuation(character: str) -> bool:
    return unicodedata.category(character).startswith("P")



def is_protected(core: str) -> bool:
    """True for tokens that are not ordinary words and must never be re-spelled or split."""
    if core.isalpha():
        # Fast path: letters alone hold no '.', ':', '@', '/', '~', '_', '-' or digit, so only the
        # case patterns can match; and lower-case ASCII matches none.
        if core.isascii() and core.islower():
            return False
        return bool(_CAMEL.search(core) or _ACRONYM.match(core))
    return bool(
        URL.search(core)
        or EMAIL.search(core)
        or _PATHLIKE.search(core)
        or _DOTTED.search(core)
        or _DIGIT.search(core)
        or "_" in core
        or _OPTION.match(core)
        or _CAMEL.search(core)
        or _ACRONYM.match(core)
    )



class Shape(NamedTuple):
    """A chunk cut into punctuation and core, and whether the core is a plain word."""

    lead: str
    core: str
    trail: str
    plain: bool  # letters only and not protected: a word that the word fixers may examine
    numeric: bool  # holds a digit: a word after it is likelier a unit ('40 lm') than a fragment


@lru_cache(maxsize=1 << 16)
def shape(chunk: str) -> Shape:
    """:func:`split_punctuation` and :func:`is_protected` of a chunk, remembered: a text repeats
    its words, and a fixer that looks each distinct chunk up once costs almost nothing per word."""
    lead, core, trail = split_punctuation(chunk)
    plain = core.isalpha() and not is_protected(core)
    return Shape(lead, core, trail, plain, not plain and any(c.isdigit() for c in core))


# Characters that str.split() takes for white space but CHUNK's \s does not.
_SPLIT_ONLY_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f")
_SPLIT_CHUNK = re.compile(r"\S+")  # re's \s is str.isspace(): the chunks of str.split()


class Chunks:
    """The chunks of a text (what :data:`CHUNK` finds), for fixers that examine only a few of them.

    The strings come from ``str.split()`` (four times faster than a regex scan, and the same
    chunks unless the text holds U+001C..U+001F); start offsets are found only for the chunks a
    fixer asks about (:meth:`locate`) and their neighbours (:meth:`start`), so a fixer judges each
    distinct chunk once and visits only the occurrences that matter.
    """

    _NEAR = 8  # a neighbour this close to a located chunk is reached by stepping over the chunks between

    def __init__(self, text: str):
        self.text = text
        self._starts: dict[int, int] = {}
        if not any(space in text for space in _SPLIT_ONLY_SPACE):  # (a fast substring scan each)
            self.strings: list[str] = text.split()
        else:
            matches = list(CHUNK.finditer(text))
            self.strings = [m.group() for m in matches]
            self._starts = {i: m.start() for i, m in enumerate(matches)}

    def __len__(self) -> int:
        return len(self.strings)

    def distinct(self) -> set[str]:
        return set(self.strings)

    def locate(self, wanted: set[str] | dict[str, object]) -> list[int]:
        """The indices of every chunk whose string is in ``wanted``, in order, with their offsets found.

        Each is found with ``str.find`` from the end of the one before; a hit that is not a whole
        chunk (``the`` inside ``other``) is skipped. That is exact because every occurrence of a
        wanted string is wanted: none can lie between two consecutive located chunks. When a
        string hits inside other chunks too often (a one-letter chunk), the chunks in between are
        stepped over instead, so the cost never exceeds two finds per chunk.
        """
        indices = list(compress(count(), map(wanted.__contains__, self.strings)))
        strings = self.strings
        position, previous = 0, -1
        for i in indices:
            start = self._starts.get(i)
            if start is None:
                start = self._find_whole(strings[i], position, budget=i - previous)
                if start is None:
                    start = self._step(previous, i)
                self._starts[i] = start
            position, previous = start + len(strings[i]), i
        return indices

    def start(self, i: int) -> int:
        """The start offset of chunk ``i`` (cheap next to a located chunk)."""
        start = self._starts.get(i)
        if start is not None:
            return start
        for distance in range(1, self._NEAR + 1):
            if i - distance in self._starts:
                return self._step(i - distance, i)
            if i + distance in self._starts:
                return self._step_back(i + distance, i)
        # Far from every located chunk (no fixer asks this): all offsets, in one scan.
        self._starts = {j: m.start() for j, m in enumerate(_SPLIT_CHUNK.finditer(self.text))}
        return self._starts[i]

    def end(self, i: int) -> int:
        return self.start(i) + len(self.strings[i])

    def plain_beside(self, j: int, *, left: bool) -> str | None:
        """The plain word of chunk ``j`` beside a token, when no punctuation stands between them
        (``left``: chunk ``j`` is the token's left neighbour, so its trailing punctuation would);
        None past either end of the text."""
        if not 0 <= j < len(self.strings):
            return None
        lead, core, trail, plain, _ = shape(self.strings[j])
        return core if plain and not (trail if left else lead) else None

    def _find_whole(self, string: str, position: int, budget: int) -> int | None:
        text, n = self.text, len(string)
        while budget >= 0:
            found = text.find(string, position)
            if found < 0:
                return None
            if (found == 0 or text[found - 1].isspace()) and (found + n == len(text) or text[found + n].isspace()):
                return found
            position, budget = found + 1, budget - 1
        return None

    def _step(self, known: int, i: int) -> int:
        """Offsets from chunk ``known`` (-1: the text's start) forward to chunk ``i``: the next
        occurrence of a chunk's string after the previous chunk's end is that chunk (an earlier
        one would begin in the white space between them)."""
        text, strings = self.text, self.strings
        position = 0 if known < 0 else self._starts[known] + len(strings[known])
        for j in range(known + 1, i + 1):
            start = self._starts.get(j)
            if start is None:
                start = self._starts[j] = text.find(strings[j], position)
            position = start + len(strings[j])
        return self._starts[i]

    def _step_back(self, known: int, i: int) -> int:
        """Offsets from chunk ``known`` back to chunk ``i``: the last occurrence of a chunk's string
        that ends before the next chunk's start is that chunk."""
        text, strings = self.text, self.strings
        for j in range(known - 1, i - 1, -1):
            if j not in self._starts:
                self._starts[j] = text.rfind(strings[j], 0, self._starts[j + 1])
        return self._starts[i]
