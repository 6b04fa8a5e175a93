"""The English frequency lexicon: symspellpy's bundled unigram and bigram dictionaries.

The dictionaries ship inside the symspellpy package (82,765 words and 242,342 word pairs, with
counts from a large web corpus), so nothing is ever downloaded. Parsing the text files costs about
0.6 s, so the parsed tables are cached once, in ``marshal`` form, under the user's cache folder
(``$TEXTFIX_CACHE`` or ``$XDG_CACHE_HOME/textfix``); a cache that cannot be written is skipped,
never an error. Bigrams load lazily: most documents need them only for a few suspicious tokens.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
_CACHE_FORMAT = 1


class Lexicon:
    """Word and word-pair counts; all look-ups are by lower-case form."""

    def __init__(self, unigrams: dict[str, int], bigram_loader=None, bigrams: dict[str, int] | None = None):
        self.unigrams = unigrams
        self.total = sum(unigrams.values()) or 1
        self._bigram_loader = bigram_loader
        if bigrams is not None:
            self.__dict__["bigrams"] = bigrams

    @cached_property
    def bigrams(self) -> dict[str, int]:
        """Counts keyed by ``"first second"``."""
        return self._bigram_loader() if self._bigram_loader else {}

    @cached_property
    def bigram_total(self) -> int:
        # The pair counts come from a bigger sample than the word counts; each table is
        # normalised by its own total so that P(a b) / P(a) is a usable conditional estimate.
        return sum(self.bigrams.values()) or 1

    @cached_property
    def longest(self) -> int:
        """The length of the longest word: no longer string can be a lexicon word."""
        return max(map(len, self.unigrams), default=0)

    def count(self, word: str) -> int:
        return self.unigrams.get(word, 0)

    def __contains__(self, word: str) -> bool:
        return word in self.unigrams

    def bigram_count(self, first: str, second: str) -> int:
        return self.bigrams.get(first + " " + second, 0)


@cache
def default_lexicon() -> Lexicon:
    """The process-wide English lexicon (loaded on first use)."""
    return Lexicon(_cached_table(_UNIGRAMS), bigram_loader=lambda: _cached_table(_BIGRAMS))


def _source(name: str) -> Path:
    return Path(str(resources.files("symspellpy") / name))


def _cache_folder() -> Path:
    if env := os.environ.get("TEXTFIX_CACHE"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "textfix"


def _cached_table(name: str) -> dict[str, int]:
    source = _source(name)
    stat = source.stat()
    cached = _cache_folder() / f"{name}.{_CACHE_FORMAT}.{stat.st_size}.{int(stat.st_mtime)}.marshal"
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    table = _parse(source)
    _write_atomically(cached, marshal.dumps(table))
    return table


def _parse(source: Path) -> dict[str, int]:
    """Lines are ``word count`` or ``first second count``; keys keep the words' single spaces."""
    table: dict[str, int] = {}
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            key, _, count = line.rstrip("\n").rpartition(" ")
            if key and count.isdigit():
                table[key] = int(count)
    return table


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only home or full disk only costs the next process the parse
