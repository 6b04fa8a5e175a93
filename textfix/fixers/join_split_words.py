"""join_split_words: words torn apart by a space the extractor inserted.

>>> from textfix import fix
>>> fix("He will retur n the book, giv en the r elationship, as it w as agreed.")
'He will return the book, given the relationship, as it was agreed.\\n'

Extractors read wide kerning as a space (``giv en``, ``r elationship``, ``w as``), and a hyphen
broken mid-line leaves ``in- stall``. Two plain words separated by one space are joined when

- the joined form is a known word (lexicon, or used by the document more than once), and
- the two pieces are not a phrase the lexicon knows (``in to`` stays), and
- the language model finds the joined word ``MARGIN`` likelier, in its context, than the pieces.

The pieces themselves are no evidence: kerning damage repeats (``ar e`` in every paragraph).
The fixer acts only where it finds two joins or more (kerning damage repeats; a lone ``q to``
is a variable and a word), or a join whose pieces are no words, one of them three letters or
more and not used elsewhere in the document (``b ytes``: a torn word proves itself). A single
letter the document uses more than twice counts as a word (``if n or c``: a variable); such a join
is looked for only where the document shows torn words systematically. A hyphen set apart inside a word (``par -
ticularly``, the glyph placed on its own at a line end) is joined on its own proof, even alone:
the fragment after it is no word, the two together are. Joins of two real words are looked for only where the document shows
torn words systematically (one per ``1 / DAMAGE_RATE`` words); clean text has many pairs of real
words that happen to join into a third (``a part``).
"""

from __future__ import annotations

import regex

from textfix.document import Document
from textfix.edits import Change
from textfix.language_model import LanguageModel
from textfix.tokens import SUSPENSION_WORDS
from textfix.word_gaps import best_reading, choose_by_gain, context, plain_words

NAME = "join_split_words"

DAMAGE_RATE = 1 / 200
_BROKEN_HYPHEN = regex.compile(r"(?<![\w-])([^\W\d_]++)- ([^\W\d_]++)(?![\w-])")
_SPACED_HYPHEN = regex.compile(r"(?<![\w-])(\p{Ll}{2,}+) - (\p{Ll}{2,}+)(?![\w-])")
_PIECES = regex.compile(r"[^\W\d_]+")


def propose(text: str, document: Document) -> list[Change]:
    model = LanguageModel(document)
    words = plain_words(text)
    # Once per distinct word, and the lexicon alone: kerning damage repeats its fragments ('ar e'
    # in every paragraph), so the document cannot vouch that a piece is a word.
    # A single letter that the document uses again and again is a variable ('if n or c', 'for t
    # in'): a word here. One seen once or twice is a fragment ('w as', 'the y').
    known = {text_: document.count(text_) > 2 if len(text_) == 1 else document.in_lexicon(text_)
             for text_ in {w.text for w in words}}
    gaps = [i for i in range(len(words) - 1) if words[i].joined_right]
    # A torn word leaves at least one piece that is no word: those gaps first (few, in any text).
    torn = [i for i in gaps if not (known[words[i].text] and known[words[i + 1].text])]
    found = [c for c in (_join(words, i, model, document) for i in torn) if c]
    found += [c for c in (_broken_hyphen(m, model, document) for m in _BROKEN_HYPHEN.finditer(text)) if c]
    spaced = [c for c in (_spaced_hyphen(m, document) for m in _SPACED_HYPHEN.finditer(text)) if c]
    if len(found) + len(spaced) < 2:
        # Kerning damage repeats; a lone join is likelier a variable or a name, unless it proves itself.
        lone = [change for _, change in found if _is_torn(text[change.start:change.end], document)]
        return sorted(lone + [change for _, change in spaced])
    found += spaced
    if len(found) >= DAMAGE_RATE * max(1, len(words)):
        # Systematic damage: two real words may be one torn word too ('a part' for 'apart').
        whole = [i for i in gaps if known[words[i].text] and known[words[i + 1].text]]
        found += [c for c in (_join(words, i, model, document) for i in whole) if c]
    return choose_by_gain(found)


def _join(words, i: int, model: LanguageModel, document: Document):
    left, right = words[i], words[i + 1]
    a, b = left.text, right.text
    if not b.islower() or not (a.islower() or (a[0].isupper() and a[1:].islower())):
        return None
    joined = a + b
    if not document.is_known(joined) or document.lexicon.bigram_count(a.lower(), b):
        return None
    before, after = context(words, i, i + 1)
    found = best_reading([[joined]], [a, b], model, before, after)
    if found is None:
        return None
    return found[0], Change(left.start, right.end, joined, f"{a + ' ' + b!r}: a space inside the word {joined!r}")


def _broken_hyphen(match: regex.Match, model: LanguageModel, document: Document):
    """``in- stall``: a line-end hyphen left in the middle of a line, with its space."""
    a, b = match.group(1), match.group(2)
    if b in SUSPENSION_WORDS or not b.islower():
        return None  # 'pre- and post-war': a suspended hyphen
    joined = a + b
    compound = f"{a}-{b}".lower()
    if document.compounds.get(compound, 0) or not document.is_known(joined):
        return None
    found = best_reading([[joined]], [a, b], model, None, None)
    if found is None:
        return None
    return found[0], Change(match.start(), match.end(), joined, f"{match.group()!r}: a broken line-end hyphen inside {joined!r}")


def _spaced_hyphen(match: regex.Match, document: Document):
    """``par - ticularly``: a fragment that is no word after a hyphen set apart, completing a word."""
    a, b = match.group(1), match.group(2)
    joined = a + b
    if document.in_lexicon(b) or not document.in_lexicon(joined):
        return None  # any other ' - ' is a dash
    return 1.0, Change(match.start(), match.end(), joined, f"{match.group()!r}: a hyphen set apart inside {joined!r}")


def _is_torn(span: str, document: Document) -> bool:
    """No piece is a word, and one is three letters or more and written nowhere else in the
    document: a torn word proves itself (``b ytes``; but ``a tty`` is a word and a term)."""
    pieces = _PIECES.findall(span)
    return not any(document.in_lexicon(piece) for piece in pieces) and any(
        len(piece) >= 3 and document.count(piece) == 1 for piece in pieces)
