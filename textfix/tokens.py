"""Token shapes shared by the fixers: what a word is, and what must never be touched.

Word fixers look only at *plain words* (letters, optionally one inner apostrophe) and leave
protected tokens alone: URLs, e-mail addresses, paths, numbers (with currency or units), code
identifiers (snake_case, camelCase, dotted.names, --options) and ALL-CAPS acronyms.

>>> is_protected("https://example.com/a-b"), is_protected("snake_case"), is_protected("Merkelnoted")
(True, True, False)
"""

from __future__ import annotations

import unicodedata

import regex

# Every pattern here is linear: no nested quantifiers over overlapping classes.
WORD = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A run of letters (with inner apostrophes: ``China’s`` is one word, not ``China`` and ``s``),
the unit of the document's vocabulary."""

CHUNK = regex.compile(r"\S+")
"""A whitespace-delimited chunk of text (a token with its punctuation)."""


PLAIN_WORD = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

URL = regex.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+")
EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
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
    start, end = 0, len(chunk)
    while start < end and _is_punctuation(chunk[start]):
        start += 1
    while end > start and _is_punctuation(chunk[end - 1]):
        end -= 1
    return chunk[:start], chunk[start:end], chunk[end:]


def _is_punctuation(character: str) -> bool:
    return unicodedata.category(character).startswith("P")


def is_plain_word(core: str) -> bool:
    return PLAIN_WORD.fullmatch(core) is not None


def is_protected(core: str) -> bool:
    """True for tokens that are not ordinary words and must never be re-spelled or split."""
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


def is_capitalized(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()
