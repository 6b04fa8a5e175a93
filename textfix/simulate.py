"""Seeded, deterministic damage simulator: make (damaged, clean) pairs from clean text.

Tests and benchmarks use it to measure repairs; users use it to make training and test data.
The clean input follows textfix's output convention (one paragraph per line, paragraphs separated
by one blank line, headings and list items on their own lines, one final newline), but any text is
accepted: every non-blank line is a *unit* (a paragraph, a heading, a list item) and every run of
blank lines is a paragraph gap.

>>> simulate("They know their family. He reports.\\n", Damage(delete_space=1.0), seed=1)
'Theyknowtheirfamily.Hereports.\\n'
>>> print(simulate("Cooperation between US-Mexico partners.\\n",
...                Damage(wrap_width=16, hyphenate=1.0), seed=0), end="")
Cooperation be-
tween US-Mexico
partners.

The damage is done in the order a PDF is made and read back:

1. **layout** -- each unit is hard-wrapped at ``wrap_width`` on the *clean* words (as a typesetter
   would), optionally breaking a long word at a syllable boundary (``pyphen``'s LibreOffice
   patterns) or a compound at its own hyphen;
2. **extraction** -- spaces between words lost (``delete_space``), spaces inserted inside words
   (``insert_space``), ligature glyphs lost (``ligature``), OCR confusions (``ocr``); each channel
   draws from its own random stream and decides whether to act on the clean token, so changing one
   channel's rate does not reshuffle another's choices;
3. ``stray_indent`` (leading spaces on lines), ``paragraph_gap`` and ``furniture`` (pages with a
   running header, a page-number footer and a form feed between pages). Furniture is added last and
   is never damaged itself, so a test can recognise and remove it exactly.

Determinism: every random choice comes from a ``random.Random`` seeded with a BLAKE2 digest of the
seed and the channel's name (never ``hash()``), so the output is the same for the same
``(text, damage, seed)`` in any process, on any machine, under any ``PYTHONHASHSEED``; and one
channel's choices do not change when another channel's rate does.

Protection (``Damage.protect``, on by default): URLs, e-mail addresses and numbers (any token with a
digit) are never split by ``insert_space``, never glued to a neighbour by ``delete_space``, never
hyphenated, and URLs and e-mails get neither OCR nor ligature damage. Numbers get OCR damage only
through the digit/letter confusions OCR really makes (0->O, 1->l, 5->S).

Command line::

    python -m textfix.simulate CHANNEL --seed N [--scale S] < clean.txt > damaged.txt
    python -m textfix.simulate --list
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import math
import random
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = [
    "CHANNELS",
    "FOOTER_STYLES",
    "LIGATURES",
    "LIGATURE_STYLES",
    "OCR_CONFUSIONS",
    "OCR_DIGIT_CONFUSIONS",
    "Damage",
    "Pair",
    "main",
    "pairs",
    "simulate",
    "simulate_channel",
]

# --------------------------------------------------------------------------------------------------
# Tables

#: (source, replacement, weight): the confusions OCR engines make on words, weighted roughly by how
#: often they are reported in OCR error studies. One is drawn per damaged word, in proportion to
#: weight x number of places it applies.
OCR_CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    ("l", "I", 5.0),
    ("I", "l", 5.0),
    ("l", "1", 2.0),
    ("i", "l", 1.0),
    ("rn", "m", 4.0),
    ("m", "rn", 4.0),
    ("cl", "d", 2.0),
    ("d", "cl", 2.0),
    ("w", "vv", 1.0),
    ("O", "0", 2.0),
    ("S", "5", 1.0),
    ("B", "8", 1.0),
    ("e", "c", 3.0),
    ("c", "e", 2.0),
    ("h", "b", 1.0),
    ("b", "h", 1.0),
    ("li", "h", 1.0),
    ("n", "u", 1.0),
    ("u", "n", 1.0),
    ("a", "o", 1.0),
    ("t", "f", 1.0),
    ("f", "t", 0.5),
    ("g", "q", 0.5),
    ("é", "e", 3.0),
    ("è", "e", 2.0),
    ("ê", "e", 1.0),
    ("á", "a", 1.0),
    ("à", "a", 1.0),
    ("ä", "a", 1.0),
    ("ö", "o", 1.0),
    ("ü", "u", 1.0),
    ("ç", "c", 1.0),
    (",", ".", 0.3),
)

#: The only confusions applied to the digits of a number (a token containing a digit).
OCR_DIGIT_CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    ("0", "O", 2.0),
    ("1", "l", 2.0),
    ("5", "S", 1.0),
)

_LIGATURE_GLYPHS = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04"}

#: The ligatures a font may have. A font without 'ffi' sets 'efficient' as 'ef' + 'ﬁ' + 'cient', so
#: losing its ligatures gives 'ef cient'; one with 'ffi' gives 'e cient'.
LIGATURES = ("ff", "fi", "fl", "ffi", "ffl")

#: How a lost ligature comes out: "space" ('signi cant', 'ef cient': the glyph's letters removed and
#: its gap read as a space), "glyph" ('signiﬁcant': the ligature code point kept), "drop"
#: ('signicant'), or "mixed" (each occurrence "space" or "glyph" at random).
LIGATURE_STYLES = ("space", "glyph", "drop", "mixed")

#: Page-number footers: "dash" ('- 3 -'), "page_of" ('Page 3 of 9'), "plain" ('3').
FOOTER_STYLES = ("dash", "page_of", "plain")

_RATE_FIELDS = ("delete_space", "insert_space", "ocr", "ligature", "hyphenate", "stray_indent")

# --------------------------------------------------------------------------------------------------
# Patterns (all linear-time)

_BLOCK_SEPARATOR = re.compile(r"\n(?:[ \t]*\n)+")
_GAP = re.compile(r"(?<!\S)([^\s]+)( +)(?=([^\s]+))")  # token, the spaces after it, the next token
_URL_OR_EMAIL = regex.compile(
    r"://|^[\p{P}]*www\.|[\w.+-]@[\w-]+\.\w|\w\.(?:com|org|net|gov|edu|int|info|io|ru|cn|uk|de|fr|eu)\b",
    regex.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_LETTER_RUN = regex.compile(r"\p{L}{4,}")
_COMPOUND_HYPHEN = regex.compile(r"(?<=\p{L}{2})-(?=\p{L}{2})")
_HYPHENATABLE = regex.compile(r"^(\p{P}*)(\p{L}{5,})(.*)$", regex.DOTALL)
_SPACES = re.compile(r"[ \t]+")
_LINE_START = re.compile(r"^(?=[^\s])", re.MULTILINE)
_FOOTER_FORMATS = {"dash": "- {n} -", "page_of": "Page {n} of {total}", "plain": "{n}"}


# --------------------------------------------------------------------------------------------------
# The damage description


@dataclass(frozen=True)
class Damage:
    """What to do to a clean text. Rates are per-opportunity probabilities in [0, 1].

    - ``delete_space``: per space between two words, the space is lost ('theyknowtheir', also after
      sentence punctuation: 'family.Hereports'), as pdfminer does.
    - ``insert_space``: per word of 4+ letters, a space inserted inside it ('retur n',
      'cooper ation'), half the time at a syllable boundary.
    - ``ocr``: per word, one confusion from :data:`OCR_CONFUSIONS` (numbers: only
      :data:`OCR_DIGIT_CONFUSIONS`); a word where no confusion applies is left alone.
    - ``ligature``: per occurrence of ff/fi/fl/ffi/ffl, the ligature is lost, as ``ligature_style``
      says.
    - ``wrap_width``: hard-wrap every unit at this many characters (code points); a word that cannot
      be broken and is longer than the width stands alone on an over-long line.
    - ``hyphenate``: when wrapping, per word that does not fit at the end of a line, the probability
      of breaking it with a hyphen at a syllable boundary ('econo-' / 'mic'); a compound is broken
      only at its own hyphen ('US-' / 'Mexico'). Ignored without ``wrap_width``.
    - ``paragraph_gap``: what separates blocks after damage (``"\\n"`` is pdftotext's default mode).
      The default ``"\\n\\n"`` keeps the input's own blank-line separators unchanged.
    - ``furniture``: paginate every ``lines_per_page`` lines, with a running header on every page but
      the first, a footer with the page number in one of :data:`FOOTER_STYLES` and a form feed
      between pages.
    - ``stray_indent``: per line, the probability of 1-3 stray leading spaces.
    - ``protect``: keep URLs, e-mails and numbers whole (see the module docstring).
    - ``ligature_style``: one of :data:`LIGATURE_STYLES`.
    - ``ligature_set``: the ligatures the simulated font has (a subset of :data:`LIGATURES`, any
      order); the longest one that matches is used, and without 'ffi' ('ffl') the 'fi' ('fl') wins
      over 'ff', as in most fonts. The presets other than 'ligature' keep all five.
    - ``hyphen_lang``: the ``pyphen`` dictionary used for syllable boundaries.
    - ``header``: the running header; ``None`` takes the text's first line (cut to 60 characters),
      ``""`` puts none.
    - ``footer_style``: one of :data:`FOOTER_STYLES`; ``None`` draws one per document from the seed.
    """

    delete_space: float = 0.0
    insert_space: float = 0.0
    ocr: float = 0.0
    ligature: float = 0.0
    wrap_width: int | None = None
    hyphenate: float = 0.0
    paragraph_gap: str = "\n\n"
    furniture: bool = False
    lines_per_page: int = 50
    stray_indent: float = 0.0
    protect: bool = True
    ligature_style: str = "space"
    ligature_set: tuple[str, ...] = LIGATURES
    hyphen_lang: str = "en_US"
    header: str | None = None
    footer_style: str | None = None

    def __post_init__(self) -> None:
        for name in _RATE_FIELDS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"Damage.{name} must be a number in [0, 1], got {value!r}")
            if not (0.0 <= value <= 1.0):  # also rejects NaN
                raise ValueError(f"Damage.{name} must be in [0, 1], got {value!r}")
        if self.wrap_width is not None and (
            isinstance(self.wrap_width, bool) or not isinstance(self.wrap_width, int) or self.wrap_width < 1
        ):
            raise ValueError(f"Damage.wrap_width must be None or a positive int, got {self.wrap_width!r}")
        if isinstance(self.lines_per_page, bool) or not isinstance(self.lines_per_page, int) or self.lines_per_page < 1:
            raise ValueError(f"Damage.lines_per_page must be a positive int, got {self.lines_per_page!r}")
        gap = self.paragraph_gap
        if not isinstance(gap, str) or "\n" not in gap or gap.strip(" \t\n") or not gap.startswith("\n"):
            raise ValueError(
                f"Damage.paragraph_gap must be white space starting with a newline, such as '\\n' or '\\n\\n', got {gap!r}"
            )
        for name in ("furniture", "protect"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"Damage.{name} must be a bool, got {getattr(self, name)!r}")
        if self.ligature_style not in LIGATURE_STYLES:
            raise ValueError(f"Damage.ligature_style must be one of {LIGATURE_STYLES}, got {self.ligature_style!r}")
        if isinstance(self.ligature_set, str) or not isinstance(self.ligature_set, Iterable) or not all(
            lig in LIGATURES for lig in self.ligature_set
        ):
            raise ValueError(f"Damage.ligature_set must be a collection of {LIGATURES}, got {self.ligature_set!r}")
        object.__setattr__(self, "ligature_set", tuple(sorted(set(self.ligature_set), key=LIGATURES.index)))
        if self.footer_style is not None and self.footer_style not in FOOTER_STYLES:
            raise ValueError(f"Damage.footer_style must be None or one of {FOOTER_STYLES}, got {self.footer_style!r}")
        if self.header is not None and (not isinstance(self.header, str) or "\n" in self.header or "\f" in self.header):
            raise ValueError(f"Damage.header must be None or a one-line string, got {self.header!r}")
        if not isinstance(self.hyphen_lang, str) or not self.hyphen_lang:
            raise ValueError(f"Damage.hyphen_lang must be a pyphen language code, got {self.hyphen_lang!r}")

    def scaled(self, factor: float) -> Damage:
        """The same damage with every rate multiplied by ``factor`` (capped at 1); layout unchanged."""
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not (0.0 <= factor < math.inf):
            raise ValueError(f"scale must be a finite number >= 0, got {factor!r}")
        return dataclasses.replace(self, **{name: min(1.0, getattr(self, name) * factor) for name in _RATE_FIELDS})


#: Named presets. Rates are modest, as in real extractions; ``simulate_channel(scale=...)`` turns
#: them up or down.
CHANNELS: dict[str, Damage] = {
    # pdfminer / pdfplumber: spaces lost between words, hard wraps, a blank line between text boxes.
    "pdfminer": Damage(delete_space=0.06, wrap_width=90, stray_indent=0.03),
    # pdftotext -raw-ish default: hard wraps, hyphenation, single-newline paragraphs, page furniture.
    "pdftotext": Damage(wrap_width=80, hyphenate=0.5, paragraph_gap="\n", furniture=True, lines_per_page=50),
    # an OCR engine's text layer: confusions, broken and merged words, hard wraps.
    "ocr": Damage(ocr=0.04, insert_space=0.01, delete_space=0.01, wrap_width=75, stray_indent=0.02),
    # a font without ToUnicode for its ligatures (fi, fl, ff; no ffi/ffl): every ligature lost, its
    # gap read as a space ('signi cant', 'ef cient').
    "ligature": Damage(ligature=1.0, ligature_set=("ff", "fi", "fl")),
    # a bit of everything.
    "mixed": Damage(
        delete_space=0.03,
        insert_space=0.005,
        ocr=0.01,
        ligature=0.5,
        ligature_style="mixed",
        wrap_width=85,
        hyphenate=0.3,
        furniture=True,
        lines_per_page=45,
        stray_indent=0.05,
    ),
}


# --------------------------------------------------------------------------------------------------
# Seeds


def _derive_seed(seed: int, *labels: object) -> int:
    """A 64-bit seed from ``seed`` and labels, through BLAKE2 (stable across processes)."""
    key = "\x1f".join([str(int(seed)), *map(str, labels)]).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")


def _rng(seed: int, channel: str) -> random.Random:
    return random.Random(_derive_seed(seed, "textfix.simulate", channel))


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an int, got {seed!r}")
    return seed


# --------------------------------------------------------------------------------------------------
# Tokens


@lru_cache(maxsize=1 << 16)
def _classify(token: str) -> tuple[bool, bool, bool, tuple[tuple[int, int], ...]]:
    """(URL or e-mail, number, has a letter or digit, spans of its 4+-letter runs), cached: a text's
    vocabulary repeats."""
    url = ("." in token or "@" in token or ":" in token) and _URL_OR_EMAIL.search(token) is not None
    return (
        url,
        _DIGIT.search(token) is not None,
        _ALNUM.search(token) is not None,
        tuple(m.span() for m in _LETTER_RUN.finditer(token)),
    )


def _is_protected(token: str) -> bool:
    """URLs, e-mails and numbers: never split, glued or hyphenated."""
    url, number, _, _ = _classify(token)
    return url or number


@lru_cache(maxsize=8)
def _hyphenator(lang: str):
    try:
        import pyphen
    except ImportError as error:  # pragma: no cover - pyphen is a dependency
        raise ImportError("textfix.simulate needs 'pyphen' for hyphenation (pip install pyphen)") from error
    if lang not in pyphen.LANGUAGES:
        fallback = pyphen.language_fallback(lang)
        if fallback is None:
            raise ValueError(f"Damage.hyphen_lang: pyphen has no dictionary for {lang!r}")
        lang = fallback
    return pyphen.Pyphen(lang=lang, left=2, right=3)


@lru_cache(maxsize=65536)
def _syllable_positions(word: str, lang: str) -> tuple[int, ...]:
    return tuple(_hyphenator(lang).positions(word))


# --------------------------------------------------------------------------------------------------
# Layout: wrapping and hyphenation


def _break_word(word: str, room: int, damage: Damage) -> tuple[str, str] | None:
    """Split ``word`` into (head ending in a hyphen, tail) with ``len(head) <= room``, or None."""
    if room < 3 or _is_protected(word):  # URLs, e-mails and numbers are never hyphenated
        return None
    hyphens = [m.end() for m in _COMPOUND_HYPHEN.finditer(word)]
    if hyphens:  # a real compound breaks only at its own hyphen
        fitting = [end for end in hyphens if end <= room]
        return (word[: fitting[-1]], word[fitting[-1] :]) if fitting else None
    if "-" in word:
        return None
    match = _HYPHENATABLE.match(word)
    if match is None:
        return None
    lead, core, rest = match.groups()
    if core.isupper():  # acronyms are not hyphenated
        return None
    fitting = [p for p in _syllable_positions(core, damage.hyphen_lang) if len(lead) + p + 1 <= room]
    if not fitting:
        return None
    cut = len(lead) + fitting[-1]
    return word[:cut] + "-", word[cut:]


def _wrap(unit: str, damage: Damage, rng: random.Random) -> str:
    width = damage.wrap_width
    assert width is not None
    if len(unit) <= width:
        return unit
    words = _SPACES.split(unit.strip(" \t"))  # only spaces and tabs: a no-break space does not break
    if words == [""]:
        return unit
    indent = unit[: len(unit) - len(unit.lstrip(" \t"))]
    words[0] = indent + words[0]
    lines: list[str] = []
    current = ""
    for word in words:
        while True:
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= width:
                current = candidate
                break
            room = width - len(current) - (1 if current else 0)
            pieces = _break_word(word, room, damage) if damage.hyphenate and rng.random() < damage.hyphenate else None
            if pieces is not None:
                head, word = pieces
                lines.append(f"{current} {head}" if current else head)
                current = ""
                continue
            if current:
                lines.append(current)
                current = ""
                continue
            current = word  # unbreakable and longer than the width: an over-long line
            break
    if current:
        lines.append(current)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Extraction damage on tokens


def _weighted_confusion(token: str, table: tuple[tuple[str, str, float], ...], rng: random.Random) -> str:
    candidates: list[tuple[int, str, str, float]] = []
    for source, target, weight in table:
        start = token.find(source)
        while start != -1:
            candidates.append((start, source, target, weight))
            start = token.find(source, start + 1)
    if not candidates:
        return token
    pick = rng.random() * sum(c[3] for c in candidates)
    for start, source, target, weight in candidates:
        pick -= weight
        if pick < 0:
            break
    return token[:start] + target + token[start + len(source) :]


@lru_cache(maxsize=32)
def _ligature_pattern(ligatures: tuple[str, ...]) -> re.Pattern | None:
    """Longest first; without an 'ffi' ('ffl') glyph, 'ffi' is set as f + 'fi' ('fl') where the font
    has that, which is how 'efficient' comes out as 'ef cient'."""
    if not ligatures:
        return None
    parts = []
    for ligature in sorted(ligatures, key=len, reverse=True):
        if ligature == "ff":
            avoid = "".join(x for x in "il" if "ff" + x not in ligatures and "f" + x in ligatures)
            ligature = f"ff(?![{avoid}])" if avoid else ligature
        parts.append(ligature)
    return re.compile("|".join(parts))


def _lose_ligatures(token: str, damage: Damage, rng: random.Random) -> str:
    pattern = _ligature_pattern(damage.ligature_set)
    if pattern is None:
        return token
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(token):
        if rng.random() >= damage.ligature:
            continue
        style = damage.ligature_style
        if style == "mixed":
            style = "space" if rng.random() < 0.5 else "glyph"
        start, end = match.span()
        if style == "glyph":
            replacement = _LIGATURE_GLYPHS[match.group()]
        elif style == "drop":
            replacement = ""
        else:  # "space": inside a word the glyph's gap reads as a space; at its edge it merges with the word gap
            at_edge = start == 0 or end == len(token) or not token[start - 1].isalpha() or not token[end].isalpha()
            replacement = "" if at_edge else " "
        pieces.append(token[last:start])
        pieces.append(replacement)
        last = end
    if not pieces:
        return token
    pieces.append(token[last:])
    return "".join(pieces)


def _insert_spaces(token: str, runs: tuple[tuple[int, int], ...], damage: Damage, rng: random.Random) -> str:
    """A space inside each 4+-letter run (spans ``runs``) with probability ``damage.insert_space``."""
    cuts: list[int] = []
    for start, end in runs:
        if rng.random() >= damage.insert_space:
            continue
        run = token[start:end]
        syllables = _syllable_positions(run, damage.hyphen_lang) if rng.random() < 0.5 else ()
        offset = rng.choice(syllables) if syllables else rng.randint(1, len(run) - 1)
        cuts.append(start + offset)
    for cut in reversed(cuts):
        token = token[:cut] + " " + token[cut:]
    return token


def _damage_words(text: str, damage: Damage, seed: int) -> str:
    """delete_space, then insert_space, ligature and ocr, each decided on the clean tokens."""
    joiner = next(c for c in map(chr, range(0xE000, 0xF8FF)) if c not in text)
    if damage.delete_space:
        rng = _rng(seed, "delete_space")
        rate, protect = damage.delete_space, damage.protect

        def glue(match: re.Match) -> str:
            left, _, right = match.groups()
            if protect and (_is_protected(left) or _is_protected(right)):
                return match.group(0)
            return left + joiner if rng.random() < rate else match.group(0)

        text = _GAP.sub(glue, text)

    if damage.ligature or damage.ocr or damage.insert_space:
        lig_rng, ocr_rng, ins_rng = _rng(seed, "ligature"), _rng(seed, "ocr"), _rng(seed, "insert_space")

        def damage_token(match: re.Match) -> str:
            token = match.group()
            url, number, alnum, runs = _classify(token)
            if url and damage.protect:
                return token
            # insert_space first, on the clean token's letter runs; then the glyph-level channels
            if runs and damage.insert_space and not (damage.protect and number):
                token = _insert_spaces(token, runs, damage, ins_rng)
            if damage.ligature and not number:
                token = _lose_ligatures(token, damage, lig_rng)
            if damage.ocr and alnum and ocr_rng.random() < damage.ocr:
                token = _weighted_confusion(token, OCR_DIGIT_CONFUSIONS if number else OCR_CONFUSIONS, ocr_rng)
            return token

        text = re.sub(rf"[^\s{joiner}]+", damage_token, text)
    return text.replace(joiner, "")


# --------------------------------------------------------------------------------------------------
# Page furniture


def _default_header(clean: str) -> str:
    for line in clean.splitlines():
        line = " ".join(line.split())
        if line:
            if len(line) <= 60:
                return line
            cut = line.rfind(" ", 0, 61)
            return line[: cut if cut > 0 else 60]
    return ""


def _paginate(body: str, damage: Damage, header: str, rng: random.Random) -> str:
    pages: list[list[str]] = [[]]
    for line in body.split("\n"):
        page = pages[-1]
        if len(page) >= damage.lines_per_page:
            page = []
            pages.append(page)
        if page or line.strip():  # no blank line at the top of a page
            page.append(line)
    for page in pages:
        while page and not page[-1].strip():
            page.pop()
    if len(pages) > 1 and not pages[-1]:
        pages.pop()
    style = damage.footer_style or rng.choice(FOOTER_STYLES)
    total = len(pages)
    out = []
    for number, lines in enumerate(pages, 1):
        top = [header, ""] if header and number > 1 else []
        footer = _FOOTER_FORMATS[style].format(n=number, total=total)
        out.append("\n".join([*top, *lines, "", footer]))
    return "\n\f".join(out)


# --------------------------------------------------------------------------------------------------
# Public functions


def simulate(clean: str, damage: Damage, *, seed: int) -> str:
    """Return ``clean`` damaged as ``damage`` says; the same for the same (clean, damage, seed)."""
    if not isinstance(clean, str):
        raise TypeError(f"clean must be a str, got {type(clean).__name__}")
    if not isinstance(damage, Damage):
        raise TypeError(f"damage must be a Damage, got {type(damage).__name__}")
    _check_seed(seed)
    stripped = clean.lstrip("\n")
    lead = clean[: len(clean) - len(stripped)]
    body = stripped.rstrip("\n")
    tail = stripped[len(body) :]
    if not body:
        return clean

    # 1. layout: wrap units, separate blocks
    if damage.wrap_width is not None:
        rng = _rng(seed, "layout")
        parts = _BLOCK_SEPARATOR.split(body)
        separators = _BLOCK_SEPARATOR.findall(body)
        blocks = ["\n".join(_wrap(unit, damage, rng) for unit in part.split("\n")) for part in parts]
        gaps = separators if damage.paragraph_gap == "\n\n" else [damage.paragraph_gap] * len(separators)
        body = "".join(x for pair in zip(blocks, [*gaps, ""]) for x in pair)
    elif damage.paragraph_gap != "\n\n":
        body = _BLOCK_SEPARATOR.sub(lambda _: damage.paragraph_gap, body)

    # 2. extraction damage on words
    body = _damage_words(body, damage, seed)

    # 3. stray indentation, page furniture
    if damage.stray_indent:
        rng = _rng(seed, "stray_indent")
        rate = damage.stray_indent
        body = _LINE_START.sub(lambda _: " " * rng.choice((1, 1, 1, 2, 3)) if rng.random() < rate else "", body)
    if damage.furniture:
        header = _default_header(clean) if damage.header is None else damage.header
        body = _paginate(body, damage, header, _rng(seed, "furniture"))
        tail = tail or "\n"
    return lead + body + tail


def _channel(name: str) -> Damage:
    try:
        return CHANNELS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown channel {name!r}; valid channels: {', '.join(sorted(CHANNELS))}") from None


def simulate_channel(clean: str, channel: str, *, seed: int, scale: float = 1.0) -> str:
    """Damage ``clean`` with the preset ``channel`` of :data:`CHANNELS`, its rates times ``scale``."""
    damage = _channel(channel)
    if scale != 1.0:
        damage = damage.scaled(scale)
    return simulate(clean, damage, seed=seed)


@dataclass(frozen=True)
class Pair:
    """A damaged text and the clean text it came from.

    ``simulate_channel(pair.clean, pair.channel, seed=pair.seed, scale=...)`` reproduces
    ``pair.damaged``.
    """

    damaged: str
    clean: str
    channel: str
    seed: int


def pairs(texts: Iterable[str], channels: Iterable[str], *, seed: int, scale: float = 1.0) -> Iterator[Pair]:
    """Every text through every channel, lazily, each pair with its own seed derived from ``seed``,
    the text's position and the channel (so pairs do not share their damage)."""
    _check_seed(seed)
    channels = tuple(channels)
    for name in channels:
        _channel(name)
    if scale != 1.0:
        Damage().scaled(scale)  # validate early
    for index, text in enumerate(texts):
        for name in channels:
            pair_seed = _derive_seed(seed, "pair", index, name)
            yield Pair(simulate_channel(text, name, seed=pair_seed, scale=scale), text, name, pair_seed)


def main(argv: list[str] | None = None) -> int:
    """``python -m textfix.simulate CHANNEL --seed N [--scale S] < clean.txt > damaged.txt``"""
    parser = argparse.ArgumentParser(
        prog="python -m textfix.simulate", description="Damage clean text (stdin) as a PDF extractor or OCR would."
    )
    parser.add_argument("channel", nargs="?", help=f"one of: {', '.join(sorted(CHANNELS))}")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the channel's rates (default 1)")
    parser.add_argument("--list", action="store_true", help="list the channels and their settings")
    args = parser.parse_args(argv)
    if args.list:
        for name in sorted(CHANNELS):
            print(f"{name}: {CHANNELS[name]}")
        return 0
    if args.channel is None:
        parser.error("a channel is required (or --list)")
    try:  # check the arguments before waiting on standard input
        damage = _channel(args.channel)
        if args.scale != 1.0:
            damage = damage.scaled(args.scale)
    except ValueError as error:
        parser.error(str(error))
    clean = sys.stdin.buffer.read().decode("utf-8")
    damaged = simulate(clean, damage, seed=args.seed)
    sys.stdout.buffer.write(damaged.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
