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

from itertools import compress
from operator import not_

import regex

from textfix.document import Document
from textfix.edits import Change
from textfix.language_model import LanguageModel
from textfix.tokens import SUSPENSION_WORDS
from textfix.word_gaps import PlainWords, best_reading, choose_by_gain

NAME = "join_split_words"

DAMAGE_RATE = 1 / 200
# 'in- stall' and 'par - ticularly': the patterns `(?<![\w-])([^\W\d_]++)- ([^\W\d_]++)(?![\w-])`
# and `(?<![\w-])(\p{Ll}{2,}+) - (\p{Ll}{2,}+)(?![\w-])`, each started on its hyphen, the first
# piece read backwards: the regex engine then skips ahead to each '- ' instead of testing every
# position of the text (a hundred times faster). See _hyphen_matches.
_BROKEN_HYPHEN = regex.compile(r"(?<=(?<![\w-])([^\W\d_]++))- ([^\W\d_]++)(?![\w-])")
_SPACED_HYPHEN = regex.compile(r"(?<=(?<![\w-])(\p{Ll}{2,}+)) - (\p{Ll}{2,}+)(?![\w-])")
_PIECES = regex.compile(r"[^\W\d_]+")


def propose(text: str, document: Document) -> list[Change]:
    model = LanguageModel(document)
    words = PlainWords(text)
    cores = words.cores
    # Once per distinct word, and the lexicon alone: kerning damage repeats its fragments ('ar e'
    # in every paragraph), so the document cannot vouch that a piece is a word.
    # A single letter that the document uses again and again is a variable ('if n or c', 'for t
    # in'): a word here. One seen once or twice is a fragment ('w as', 'the y').
    gaps = words.gaps
    pieces = {cores[j] for j in gaps} | {cores[j + 1] for j in gaps}
    known = {piece for piece in pieces if (document.count(piece) > 2 if len(piece) == 1 else document.in_lexicon(piece))}
    both_known = [cores[j] in known and cores[j + 1] in known for j in gaps]
    # A torn word leaves at least one piece that is no word: those gaps first (few, in any text).
    torn = list(compress(gaps, map(not_, both_known)))
    found = _joins(words, torn, model, document)
    found += [c for c in (_broken_hyphen(*m, model, document) for m in _hyphen_matches(_BROKEN_HYPHEN, text)) if c]
    spaced = [c for c in (_spaced_hyphen(*m, document) for m in _hyphen_matches(_SPACED_HYPHEN, text)) if c]
    if len(found) + len(spaced) < 2:
        # Kerning damage repeats; a lone join is likelier a variable or a name, unless it proves itself.
        lone = [change for _, change in found if _is_torn(text[change.start:change.end], document)]
        return sorted(lone + [change for _, change in spaced])
    found += spaced
    if len(found) >= DAMAGE_RATE * max(1, len(words)):
        # Systematic damage: two real words may be one torn word too ('a part' for 'apart').
        found += _joins(words, list(compress(gaps, both_known)), model, document)
    return choose_by_gain(found)


def _hyphen_matches(pattern: regex.Pattern, text: str):
    """(start, end, first piece, second piece) of each match, as ``finditer`` of the pattern that
    starts on the first piece finds them: never one that overlaps the match before."""
    end = 0
    for match in pattern.finditer(text):
        if match.start(1) >= end:
            end = match.end()
            yield match.start(1), end, match.group(1), match.group(2)


def _joins(words: PlainWords, gaps: list[int], model: LanguageModel, document: Document) -> list:
    """(gain, change) of each gap after chunk ``j`` in ``gaps`` whose two words are one word.

    The pair of words alone decides whether they may be one (most may not), and a text repeats
    its pairs: each distinct pair is judged once, and only the gaps of those that may are weighed
    in their context."""
    cores = words.cores
    pairs = [(cores[j], cores[j + 1]) for j in gaps]
    may_join = {pair for pair in set(pairs) if _may_join(*pair, document)}
    candidates = compress(gaps, map(may_join.__contains__, pairs))
    return [c for c in (_join(words, j, model) for j in candidates) if c]


def _may_join(a: str, b: str, document: Document) -> bool:
    """Whether ``a b`` may be a torn word: of plain case, known once joined, and no phrase."""
    if not b.islower() or not (a.islower() or (a[0].isupper() and a[1:].islower())):
        return False
    return document.is_known(a + b) and not document.lexicon.bigram_count(a.lower(), b)


def _join(words: PlainWords, j: int, model: LanguageModel):
    """(gain, change) for joining the words of chunks ``j`` and ``j + 1`` (a pair that
    :func:`_may_join`), when the language model prefers it, or None."""
    a, b = words.cores[j], words.cores[j + 1]
    joined = a + b
    before, after = words.context(j, j + 1)
    found = best_reading([[joined]], [a, b], model, before, after)
    if found is None:
        return None
    return found[0], Change(words.start(j), words.end(j + 1), joined, f"{a + ' ' + b!r}: a space inside the word {joined!r}")


def _broken_hyphen(start: int, end: int, a: str, b: str, model: LanguageModel, document: Document):
    """``in- stall``: a line-end hyphen left in the middle of a line, with its space."""
    if b in SUSPENSION_WORDS or not b.islower():
        return None  # 'pre- and post-war': a suspended hyphen
    joined = a + b
    compound = f"{a}-{b}".lower()
    if document.compounds.get(compound, 0) or not document.is_known(joined):
        return None
    found = best_reading([[joined]], [a, b], model, None, None)
    if found is None:
        return None
    return found[0], Change(start, end, joined, f"{a + '- ' + b!r}: a broken line-end hyphen inside {joined!r}")


def _spaced_hyphen(start: int, end: int, a: str, b: str, document: Document):
    """``par - ticularly``: a fragment that is no word after a hyphen set apart, completing a word."""
    joined = a + b
    if document.in_lexicon(b) or not document.in_lexicon(joined):
        return None  # any other ' - ' is a dash
    return 1.0, Change(start, end, joined, f"{a + ' - ' + b!r}: a hyphen set apart inside {joined!r}")


def _is_torn(span: str, document: Document) -> bool:
    """No piece is a word, and one is three letters or more and written nowhere else in the
    document: a torn word proves itself (``b ytes``; but ``a tty`` is a word and a term)."""
    pieces = _PIECES.findall(span)
    return not any(document.in_lexicon(piece) for piece in pieces) and any(
        len(piece) >= 3 and document.count(piece) == 1 for piece in pieces)
