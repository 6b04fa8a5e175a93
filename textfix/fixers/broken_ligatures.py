"""broken_ligatures: words whose ligature glyph (fi, fl, ff, ffi, ffl) the extractor lost.

>>> from textfix import fix
>>> fix("A signi cant and ef cient o ce, con rmed by the signicant staff.")
'A significant and efficient office, confirmed by the significant staff.\\n'

A PDF font draws ``fi`` as one glyph; when the font's map to Unicode lacks that glyph, extractors
print a space in its place (``signi cant``), or nothing (``signicant``). The repair puts back
the one ligature that makes a known word (lexicon, or used by the document more than once):

- two letter runs separated by one space, unless the lexicon knows them as a phrase:
  joined through a ligature (``signi cant``), or the ligature put at the edge of either word
  (``a rm`` is ``a firm``, not ``affirm``);
- a lower-case run of letters that the lexicon lacks: a ligature put inside it or at either end.

A fragment that takes a ligature at its edge, or inside, has at least ``MIN_FRAGMENT`` letters
(``rm``, ``ls`` and ``n`` are commands and variables far more often than ``firm``, ``fils``,
``fin``), and the fixer acts only when it finds at least ``SYSTEMATIC`` distinct words to repair:
a font that lost its ligatures lost them everywhere. Only the lexicon vouches for the text as it stands: one font map damages every ``fi`` of a
document alike, so the document repeats its own fragments and cannot vouch for them.

The readings are weighed by the language model in their context (:mod:`textfix.language_model`);
the best is taken only when it is ``MARGIN`` likelier than the text as it stands and than every
other reading.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from textfix.document import Document
from textfix.edits import Change
from textfix.language_model import LanguageModel, occurrence
from textfix.tokens import CHUNK, is_protected, split_punctuation

NAME = "broken_ligatures"

LIGATURES = ("fi", "fl", "ff", "ffi", "ffl")
MARGIN = 2.0  # log10: the repair must be a hundred times likelier than the text and any rival
MIN_FRAGMENT = 3  # a fragment that takes a ligature at its edge has this many letters ('rst', not 'rm')
SYSTEMATIC = 2  # distinct repaired words needed: a font map loses every 'fi' of a document


@dataclass
class _Word:
    start: int
    end: int
    text: str
    joined_left: bool  # nothing but one space separates it from the previous word
    joined_right: bool


def propose(text: str, document: Document) -> list[Change]:
    model = LanguageModel(document)
    words = _words(text)
    candidates = []
    for i, word in enumerate(words):
        previous = words[i - 1] if i and word.joined_left else None
        following = words[i + 1] if word.joined_right and i + 1 < len(words) else None
        if following is not None:
            candidates.append(_gap_repair(word, following, previous, words, i, document, model))
        candidates.append(_dropped(word, previous, following, document, model))
    # Best gain first, never two repairs of one word: in 'and ef cient' the gap 'and ef' could
    # take a ligature too, but 'efficient' gains far more than 'and fief'.
    chosen: list[Change] = []
    for gain, change in sorted((c for c in candidates if c), key=lambda c: -c[0]):
        if all(change.end <= c.start or c.end <= change.start for c in chosen):
            chosen.append(change)
    if len({c.replacement.lower() for c in chosen}) < SYSTEMATIC:
        return []  # one lone candidate is likelier a rare word or a command name than lost glyphs
    return sorted(chosen)


def _words(text: str) -> list[_Word]:
    """Plain words (letters only, not protected), and whether one space alone joins neighbours."""
    words: list[_Word] = []
    previous: tuple[int, str] | None = None  # (end, trailing punctuation) of the last plain word
    after_number = False
    for chunk in CHUNK.finditer(text):
        lead, core, trail = split_punctuation(chunk.group())
        if not core.isalpha() or is_protected(core) or after_number:
            previous = None
            after_number = any(c.isdigit() for c in core)  # '40 lm': a unit, not a fragment
            continue
        after_number = False
        start = chunk.start() + len(lead)
        joined = previous is not None and not previous[1] and not lead and text[previous[0] : start] == " "
        if joined:
            words[-1].joined_right = True
        words.append(_Word(start, start + len(core), core, joined, False))
        previous = (start + len(core), trail)
    return words


def _known(word: str, document: Document) -> bool:
    return len(word) > 1 and _plain_case(word) and document.is_known(word)


def _plain_case(word: str) -> bool:
    return word.islower() or (word[0].isupper() and word[1:].islower())


def _best(readings: list[list[str]], original: list[str], model: LanguageModel, before, after):
    """(gain, reading) for the reading that beats the text as it stands and every rival by
    ``MARGIN``, or None."""
    if not readings:
        return None
    exclude = occurrence(*original)  # the fragments are not their own evidence
    scored = sorted(((model.sequence_logp(r, before, after, exclude=exclude), r) for r in readings), reverse=True)
    best_score, best = scored[0]
    as_is = model.sequence_logp(original, before, after, exclude=exclude)
    if best_score - as_is < MARGIN:
        return None
    if len(scored) > 1 and best_score - scored[1][0] < MARGIN:
        return None
    return best_score - as_is, best


def _gap_repair(left: _Word, right: _Word, previous, words, i, document: Document, model: LanguageModel):
    """(gain, change) for the best ligature repair of the gap between two words, or None."""
    a, b = left.text, right.text
    # The lexicon alone vouches for the text as it stands: one font map damages every 'fi' of a
    # document alike, so the document repeats its own fragments ('con dent' twice).
    lexicon = document.lexicon
    if not b.islower() or (a.lower() in lexicon and b in lexicon and lexicon.bigram_count(a.lower(), b)):
        return None
    readings = [[a + ligature + b] for ligature in LIGATURES if _known(a + ligature + b, document)]
    # The glyph may have stood at the edge of either word instead ('a rm' for 'a firm').
    if len(b) >= MIN_FRAGMENT:
        readings += [[a, ligature + b] for ligature in LIGATURES if _known(ligature + b, document)]
    if len(a) >= MIN_FRAGMENT:
        readings += [[a + ligature, b] for ligature in LIGATURES if _known(a + ligature, document)]
    after = words[i + 2].text if right.joined_right and i + 2 < len(words) else None
    found = _best(readings, [a, b], model, previous.text if previous else None, after)
    if found is None:
        return None
    gain, best = found
    repaired = " ".join(best)
    return gain, Change(left.start, right.end, repaired, f"{a + ' ' + b!r} has lost a ligature glyph: {repaired!r} is known")


def _dropped(word: _Word, previous, following, document: Document, model: LanguageModel):
    """(gain, change) for a word that lost a ligature without a trace (``signicant``), or None."""
    token = word.text
    # Lower case only: typesetters join 'fi', not 'Fi'; and, as above, the lexicon alone vouches.
    if len(token) < MIN_FRAGMENT or not token.islower() or token in document.lexicon:
        return None
    readings = [
        [token[:i] + ligature + token[i:]]
        for i in range(len(token) + 1)
        for ligature in LIGATURES
        if _known(token[:i] + ligature + token[i:], document)
    ]
    found = _best(readings, [token], model, previous.text if previous else None,
                  following.text if following else None)
    if found is None:
        return None
    gain, (best,) = found
    return gain, Change(word.start, word.end, best, f"{token!r} is not a known word; its ligature glyph was lost: {best!r}")
