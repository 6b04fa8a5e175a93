"""ocr_confusions: letters that OCR and broken font maps mistake for one another.

>>> from textfix import fix
>>> fix("Revenue reached $3.1BIn. The rnodern plant.")
'Revenue reached $3.1Bln. The modern plant.\\n'

Classic confusions: capital I / small l / digit 1, O / 0, rn / m, cl / d, vv / w. Only a token
that is not a known word is examined, and a candidate is accepted only when it is the single
candidate that is a known word (or, after a number, a known unit), or that the document itself
uses. Names, acronyms, code and URLs are never touched (see :mod:`textfix.tokens`).

Weaker letter confusions (``thc`` -> ``the``, ``tban`` -> ``than``, ``iuto`` -> ``into``:
:data:`LETTER_CONFUSIONS`) give an unknown word several readings; the likeliest in its context
(bigram language model times the confusion's weight) is taken when it beats every other reading
by ``CONTEXT_MARGIN``, and only where the document has at least ``SYSTEMATIC`` such words (and
one per ``1 / DAMAGE_RATE`` words): scanned pages are damaged throughout, a clean text's unknown
words are names and terms.

Two token shapes are examined:

- a plain word (``rnodern`` -> ``modern``, ``AIso`` -> ``Also``, ``recy`` -> ``recv`` where
  the document knows ``recv``);
- a word with a capital I read for a small l inside it (``aIso``, ``shelI``);
- a word with digits read for letters inside it (``l0ve`` -> ``love``; codes in capitals such
  as ``G20``, names ending in a number such as ``tel1``, and anything that starts with a digit
  are never touched);
- a hexadecimal number read with the letter O (``Ox1OFFFF`` -> ``0x10FFFF``);
- an amount with a unit suffix (``$3.1BIn`` -> ``$3.1Bln``): the digits are never changed, the
  suffix must become a unit from :data:`UNITS` or a suffix the document writes after a number
  elsewhere (as in a URL ``…-for-31bln``).
"""

from __future__ import annotations

import math
from functools import cached_property
from itertools import filterfalse

import regex

from textfix.document import Document
from textfix.edits import Change
from textfix.language_model import LanguageModel
from textfix.tokens import Chunks, shape

NAME = "ocr_confusions"

# (seen, meant): what the scanner or a broken font map printed, and what it stood for.
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("I", "l"), ("l", "I"), ("1", "l"), ("l", "1"), ("0", "O"), ("0", "o"), ("O", "0"),
    ("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("vv", "w"),
    ("5", "S"), ("S", "5"), ("8", "B"), ("y", "v"),  # 'recy' for 'recv'
    # Not é -> e: 'café', 'résumé' are English spellings the lexicon lacks, and stripping an
    # accent from a word that has it is worse than leaving an OCR accent on one that has not.
)
# Letter shapes OCR engines confuse in running text at low resolution, weighted roughly by how
# often OCR error studies report them (e read as c the most). Weaker evidence than the classic
# confusions above, whose shapes are near-identical: a repair by one of these is taken only where
# the document shows OCR damage systematically (``SYSTEMATIC``), and is weighed in its context.
LETTER_CONFUSIONS: dict[tuple[str, str], float] = {
    ("c", "e"): 3.0, ("e", "c"): 2.0, ("u", "n"): 1.0, ("n", "u"): 1.0, ("b", "h"): 1.0,
    ("h", "b"): 1.0, ("h", "li"): 1.0, ("o", "a"): 1.0, ("f", "t"): 1.0, ("t", "f"): 0.5,
    ("q", "g"): 0.5, ("l", "i"): 1.0, ("ii", "u"): 0.5, ("c", "o"): 0.5, ("tl", "d"): 0.5,
    ("lll", "ll"): 1.0,  # no English word has a letter three times: 'alll' is 'all'
}
SYSTEMATIC = 3  # distinct words repaired by letter confusions before any is taken
DAMAGE_RATE = 1 / 300  # ... and at least this share of the document's words
OUTVOTE = 10  # a repeated unknown word is damage when its reading is this much more frequent
CONTEXT_MARGIN = 1.0  # log10: the best reading in context beats the next by ten times

# Digits that OCR reads inside words, and the letters they stand for (never the other way round
# inside a number: a digit is never turned into a letter in a token that starts with one).
DIGIT_LETTERS = {"0": "oO", "1": "lI", "5": "sS", "8": "B"}

UNITS = frozenset(
    # Magnitudes as news and finance abbreviate them, then SI and common units.
    "k K m M bn Bn BN bln Bln mn Mn mln Mln tn trn trln Trln "
    "mm cm m km kg g mg t kt Mt l ml L mL s ms h min Hz kHz MHz GHz W kW MW GW kWh MWh GWh V mV kV A mA "
    "B KB MB GB TB PB KiB MiB GiB TiB b kb Mb Gb bps kbps Mbps Gbps px pt em dpi ppm ppb mph kph km/h "
    "st nd rd th s".split()
)

# Letters on both sides of the digits: 'tel1', 'file2' are names that end in a number.
_WORD_WITH_DIGITS = regex.compile(r"\p{L}(?=[\p{L}0158]*[0158])[\p{L}0158]*+(?<=\p{L})")
# A word whose only capitals inside are I ('aIso', 'shelI'): code has inner capitals too, but an
# identifier whose every I read as l is an English word is rare ('getIndex' is no 'getlndex').
_INNER_CAPITAL_I = regex.compile(r"\p{L}(?=\p{Ll}*+I)[\p{Ll}I]*+")  # (fullmatch; no record per I)
_HEX_WITH_LETTER_O = regex.compile(r"[0O][xX](?=[0-9A-Fa-fOo]*[0-9])(?=[0-9A-Fa-f]*[Oo])[0-9A-Fa-fOo]++")
_UNITS_ANY_CASE = frozenset(u.lower() for u in UNITS if len(u) > 1)  # 'BLN' is 'bln'; 'M' is not 'm'
_AMOUNT = regex.compile(r"(?P<number>[$€£¥]?\d[\d,.]*+)(?P<suffix>\p{L}++)")
# Letters right after a digit. (The same as r"(?<=\d)\p{L}++", ten times faster: the regex
# engine looks for a digit first instead of trying a look-behind at every position.)
_SUFFIX_AFTER_NUMBER = regex.compile(r"\d(\p{L}++)")


def propose(text: str, document: Document) -> list[Change]:
    evidence = _Evidence(document)
    chunks = Chunks(text)
    # Almost every chunk is a known word or no word at all: each distinct chunk is judged once
    # (the same answer wherever it stands), and only occurrences of the few that may change are
    # visited, in order.
    distinct = chunks.distinct()
    known = document.known_lowercase(distinct)
    distinct.difference_update(known)
    repairs = {chunk: found for chunk in distinct if (found := _chunk_repairs(chunk, evidence)) is not None}
    # Tokens no classic confusion explains: read through the weaker letter confusions, in context;
    # and the damage a scan repeats ('thc' for 'the' on every page), which the document outvotes.
    letters = {chunk: found for chunk in distinct.difference(repairs)
               if (found := _letter_candidates(chunk, evidence)) is not None}
    # (known words the lexicon lacks: filtered, never a set operation with the lexicon's table)
    letters.update((chunk, found) for chunk in set(filterfalse(document.lexicon.unigrams.__contains__, known))
                   if (found := _letter_candidates(chunk, evidence, repeated=True)) is not None)
    changes = []
    for i in chunks.locate(repairs):
        mid_sentence = i > 0 and _continues_sentence(chunks.strings[i - 1])
        change = repairs[chunks.strings[i]][0 if mid_sentence else 1]
        if change is not None:
            changes.append(_at(change, chunks.start(i)))
    return sorted(changes + _letter_repairs(chunks, letters, evidence))


def _at(change: Change, offset: int) -> Change:
    return change._replace(start=change.start + offset, end=change.end + offset)


def _letter_candidates(chunk: str, evidence: _Evidence, *, repeated: bool = False) -> tuple[int, str, dict[str, float]] | None:
    """(core offset, core, {known reading: confusion weight}) for a plain unknown word that the
    letter confusions turn into known words; None otherwise.

    ``repeated``: a word the lexicon lacks but the document repeats, three letters or more; its
    readings must be words the document uses ``OUTVOTE`` times as often (``the`` 400×, ``thc`` 6×:
    a repeated name or term has no such twin)."""
    lead, core, trail, plain, _ = shape(chunk)
    document = evidence.document
    if not plain or len(core) < 2 or len(core) - 1 > document.longest_known:
        return None
    if repeated and len(core) < 3 or (not repeated and document.is_known(core)):
        return None
    readings: dict[str, float] = {}
    for (seen, meant), weight in LETTER_CONFUSIONS.items():
        position = core.find(seen)
        while position >= 0:
            reading = core[:position] + meant + core[position + len(seen):]
            if reading[:1].isupper() == core[:1].isupper() and _plausible_case(reading) and document.in_lexicon(reading):
                if not repeated or document.count(reading) >= OUTVOTE * document.count(core):
                    readings[reading] = max(weight, readings.get(reading, 0.0))
            position = core.find(seen, position + 1)
    return (len(lead), core, readings) if readings else None


def _letter_repairs(chunks: Chunks, letters: dict, evidence: _Evidence) -> list[Change]:
    """Each occurrence read as its likeliest known word in context, by ``CONTEXT_MARGIN`` over any
    other reading; taken only where such repairs are systematic."""
    if not letters:
        return []
    model = LanguageModel(evidence.document)
    changes = []
    for i in chunks.locate(letters):
        offset, core, readings = letters[chunks.strings[i]]
        before, after = chunks.plain_beside(i - 1, left=True), chunks.plain_beside(i + 1, left=False)
        scored = sorted(((model.sequence_logp([r], before=before, after=after) + math.log10(w), r)
                         for r, w in readings.items()), reverse=True)
        if len(scored) > 1 and scored[0][0] - scored[1][0] < CONTEXT_MARGIN:
            continue
        meant = scored[0][1]
        start = chunks.start(i) + offset
        changes.append(Change(start, start + len(core), meant,
                              f"{core!r} is not a known word; OCR letter confusion for {meant!r} (likeliest in its context)"))
    distinct = {c.replacement.lower() for c in changes}
    if len(distinct) < max(SYSTEMATIC, DAMAGE_RATE * len(chunks)):
        return []  # a few unknown words are names and terms; OCR damage is everywhere
    return changes


def _chunk_repairs(chunk: str, evidence: _Evidence) -> tuple[Change | None, Change | None] | None:
    """The change to a chunk (offsets within it) after a lower-case word that ends without
    punctuation, and elsewhere; None when it has none either way."""
    lead, core, trail, plain, _ = shape(chunk)
    if plain:
        if evidence.document.is_known(core):  # the common case, decided by one look-up
            return None
        found = (_repair_word(core, len(lead), evidence, not lead), _repair_word(core, len(lead), evidence, False))
    elif (amount := _AMOUNT.fullmatch(core)) is not None:  # (a plain word holds no digit)
        change = _repair_unit(amount, len(lead), evidence)
        found = (change, change)
    elif _INNER_CAPITAL_I.fullmatch(core) and evidence.document.in_lexicon(meant := core[0] + core[1:].replace("I", "l")):
        change = Change(len(lead), len(lead) + len(core), meant, f"{core!r} has a capital I read for a small l: {meant!r}")
        found = (change, change)
    elif _HEX_WITH_LETTER_O.fullmatch(core):
        meant = "0" + core[1] + core[2:].replace("O", "0").replace("o", "0")
        change = Change(len(lead), len(lead) + len(core), meant, f"{core!r} is a hexadecimal number read with the letter O for 0")
        found = (change, change)
    elif _WORD_WITH_DIGITS.fullmatch(core) and sum(c.isalpha() for c in core) >= 2 and not core.isupper():
        change = _repair_digits(core, len(lead), evidence)
        found = (change, change)
    else:
        return None
    return found if found != (None, None) else None


def _continues_sentence(chunk: str) -> bool:
    """A lower-case word with no punctuation after it: the next word stands inside a sentence."""
    _, core, trail, *_ = shape(chunk)
    return core.isalpha() and core.islower() and not trail


class _Evidence:
    def __init__(self, document: Document):
        self.document = document

    @cached_property
    def suffixes_after_numbers(self) -> frozenset[str]:
        return frozenset(s.lower() for s in _SUFFIX_AFTER_NUMBER.findall(self.document.text))

    @cached_property
    def longest_unit(self) -> int:
        return max(max(map(len, UNITS)), max(map(len, self.suffixes_after_numbers), default=0))

    def is_unit(self, suffix: str, *, document_counts: bool) -> bool:
        if suffix in UNITS or suffix.lower() in _UNITS_ANY_CASE:
            return True
        return document_counts and suffix.lower() in self.suffixes_after_numbers


def _repair_unit(amount: regex.Match, start: int, evidence: _Evidence) -> Change | None:
    suffix = amount["suffix"]
    if evidence.is_unit(suffix, document_counts=False) or len(suffix) - 1 > evidence.longest_unit:
        return None  # (a confusion changes the length by one at most: linear cost on a long run)
    candidates = {c for c in _variants(suffix) if evidence.is_unit(c, document_counts=True)}
    if len(candidates) != 1:
        return None
    (meant,) = candidates
    offset = start + amount.start("suffix")
    return Change(offset, offset + len(suffix), meant, f"{suffix!r} after a number is no unit; OCR confusion for the unit {meant!r}")


def _repair_word(word: str, start: int, evidence: _Evidence, mid_sentence: bool) -> Change | None:
    document = evidence.document
    if document.is_known(word) or len(word) - 1 > document.longest_known:
        return None  # (a confusion changes the length by one at most: linear cost on a long run)
    candidates = {c for c in _variants(word) if c.isalpha() and _plausible_case(c) and document.is_known(c)}
    # Never a capital where the text has a small letter ('ls' is a command, not 'Is'), but for
    # the pronoun ('l' for 'I').
    candidates = {c for c in candidates if c == "I" or not (c[0].isupper() and word[0].islower())}
    if not mid_sentence:
        # 'Iain' -> 'lain' would turn a capitalised word (a name, a sentence start) into a
        # lower-case one: only plausible inside a sentence, where OCR read 'Iittle' for 'little'.
        candidates = {c for c in candidates if c[0].isupper() == word[0].isupper()}
    if len(candidates) != 1:
        return None
    (meant,) = candidates
    return Change(start, start + len(word), meant, f"{word!r} is not a known word; OCR confusion for {meant!r}")


def _repair_digits(token: str, start: int, evidence: _Evidence) -> Change | None:
    """``l0ve`` -> ``love``: a word with digits that OCR reads for letters (0 1 5 8), when exactly
    one reading of those digits is a known word. Codes in capitals (``G20``) never reach here."""
    if token.count("0") + token.count("1") + token.count("5") + token.count("8") > 3:
        return None
    readings = [""]
    for character in token:
        options = DIGIT_LETTERS.get(character, character)
        readings = [r + o for r in readings for o in options]
    candidates = {r for r in readings if _plausible_case(r) and evidence.document.is_known(r)}
    if len(candidates) != 1:
        return None
    (meant,) = candidates
    return Change(start, start + len(token), meant, f"{token!r} has digits OCR read for letters: {meant!r}")


def _variants(token: str) -> set[str]:
    """Every token reachable by one confusion at one place."""
    variants = set()
    for seen, meant in CONFUSIONS:
        position = token.find(seen)
        while position >= 0:
            variants.add(token[:position] + meant + token[position + len(seen) :])
            position = token.find(seen, position + 1)
    return variants


def _plausible_case(word: str) -> bool:
    """Lower case, Capitalised or ALL CAPS: a confusion must not leave a capital inside a word."""
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
