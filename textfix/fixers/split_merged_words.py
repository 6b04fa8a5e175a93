"""split_merged_words: words run together where the extractor lost the space glyph.

>>> from textfix import fix
>>> fix("Merkel spoke first. Merkelnoted that theyknowtheir limits, Merkel said.")
'Merkel spoke first. Merkel noted that they know their limits, Merkel said.\\n'

Only tokens that are not known words are searched: a plain run of letters (no digits, no inner
capitals, not all capitals, not a URL, e-mail, path or code identifier) that neither the lexicon
nor the document (used more than once) knows. For such a token the best cut into known pieces is
found with a bigram language model of English interpolated with the document's own words and
phrases (:mod:`textfix.language_model`). The cut is taken only when

- it is at least ``MARGIN`` (in log10) likelier than the token left whole, in its context, and
- every adjacent pair of pieces is attested: a common English pair, a phrase of the document, or
  a name the document uses (capitalised, absent from the lexicon, seen more than once) next to an
  English word of three letters or more (``Merkel`` + ``noted``).

When the token's neighbour is a plain English word, the neighbour and the token are also cut
together (``anew`` + ``worldin`` -> ``a new world in``, when the document speaks of ``a new world``); that reading replaces both when it is
``MARGIN`` likelier than the neighbour kept whole plus the token's own best cut. Case and
punctuation are kept: pieces are slices of the original characters.

A cut supported by the document itself (a phrase it uses, a name it uses) is taken on that
evidence. A cut that only the lexicon supports is taken only where the document shows lost
spaces systematically: at least one such cut per ``1 / DAMAGE_RATE`` tokens. Clean text has rare
solid compounds (``filesystems``, ``hotwater``) that split just as well; damaged text has many.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from textfix.document import Document
from textfix.edits import Change
from textfix.language_model import LanguageModel, occurrence, segmentations
from textfix.tokens import Chunks, is_protected, shape

NAME = "split_merged_words"

MARGIN = 2.0  # log10: a cut must be a hundred times likelier than the alternative
DAMAGE_RATE = 1 / 200  # lexicon-only cuts need the document to show lost spaces this often
MAX_TOKEN = 40  # longer letter runs are not ordinary merged words: left alone (and linear cost)
MIN_TOKEN = 4


@dataclass
class _Token:
    start: int
    end: int
    lead: str
    core: str
    trail: str

    @property
    def core_start(self) -> int:
        return self.start + len(self.lead)

    @property
    def core_end(self) -> int:
        return self.core_start + len(self.core)


def propose(text: str, document: Document) -> list[Change]:
    model: LanguageModel | None = None
    chunks = Chunks(text)
    tokens = _Tokens(chunks)
    # Each distinct chunk is judged once; only the occurrences of candidates are visited.
    distinct = chunks.distinct()
    distinct.difference_update(document.known_lowercase(distinct))
    candidates = {chunk for chunk in distinct if _is_candidate(shape(chunk).core, document)}
    changes: list[tuple[Change, bool]] = []
    taken_until = 0  # a neighbour re-cut consumes the next token too
    for i in chunks.locate(candidates):
        token = tokens[i]
        if token.start < taken_until:
            continue
        model = model or LanguageModel(document)
        found = _repair(tokens, i, text, model, document)
        if found is not None:
            change, _ = found
            if changes and change.start < changes[-1][0].end:
                continue
            changes.append(found)
            taken_until = change.end
    lexicon_only = sum(1 for _, own_evidence in changes if not own_evidence)
    systematic = lexicon_only >= DAMAGE_RATE * len(tokens)
    kept = [change for change, own_evidence in changes if own_evidence or systematic]
    return sorted(kept + _case_boundary_splits(chunks, distinct, document))


_CASE_BOUNDARY = regex.compile(r"(\p{L}\p{Ll}*+)(\p{Lu}\p{Ll}*+)")


def _case_boundary_splits(chunks: Chunks, distinct: set[str], document: Document) -> list[Change]:
    """``theIran`` -> ``the Iran``, ``PresidentXi`` -> ``President Xi``: a lost space before a
    capital leaves a camelCase shape, which code also has (``maxRetries``). Taken only when the
    part after the boundary is a capitalised word that the document writes on its own at least
    twice, the part before is an English word, and the whole token occurs once."""
    found = {}
    for chunk in distinct:
        lead, core, trail, *_ = shape(chunk)
        match = _CASE_BOUNDARY.fullmatch(core)
        if match is None or document.count(core) > 1:
            continue
        left, right = match.groups()
        if not document.in_lexicon(left) or document.cased_words.get(right, 0) < 2 or len(right) < 2:
            continue
        found[chunk] = Change(len(lead), len(lead) + len(core), f"{left} {right}",
                              f"a lost space before a capital: {right!r} stands alone in the document "
                              f"{document.cased_words[right]}×, {left!r} is an English word")
    changes = []
    for i in chunks.locate(found):
        change, offset = found[chunks.strings[i]], chunks.start(i)
        changes.append(change._replace(start=change.start + offset, end=change.end + offset))
    return changes


class _Tokens:
    """The chunks of the text as tokens, built only where asked: at a candidate and its neighbours."""

    def __init__(self, chunks: Chunks):
        self.chunks = chunks

    def __len__(self) -> int:
        return len(self.chunks)

    def __getitem__(self, i: int) -> _Token:
        if not 0 <= i < len(self.chunks):
            raise IndexError(i)
        lead, core, trail, *_ = shape(self.chunks.strings[i])
        return _Token(self.chunks.start(i), self.chunks.end(i), lead, core, trail)


def _is_candidate(core: str, document: Document) -> bool:
    if not (MIN_TOKEN <= len(core) <= MAX_TOKEN) or not core.isalpha() or is_protected(core):
        return False
    if not (core.islower() or (core[0].isupper() and core[1:].islower())):
        return False
    return not document.is_known(core)


def _context_word(tokens: list[_Token], j: int, *, left: bool) -> str | None:
    """The word next to the token, when no punctuation stands between them."""
    if not 0 <= j < len(tokens):
        return None
    neighbour = tokens[j]
    separated = neighbour.trail if left else neighbour.lead
    plain = neighbour.core.isalpha() and not is_protected(neighbour.core)
    return neighbour.core if plain and not separated else None


def _repair(tokens: list[_Token], i: int, text: str, model: LanguageModel, document: Document):
    """(change, whether the document's own words or phrases support it), or None."""
    token = tokens[i]
    before = _context_word(tokens, i - 1, left=True) if not token.lead else None
    after = _context_word(tokens, i + 1, left=False) if not token.trail else None
    is_piece = _piece_test(model, document)
    cuts = segmentations(token.core, model, before=before, after=after, is_piece=is_piece)
    cuts = [(score, pieces) for score, pieces in cuts if _attested(pieces, before, after, model, document)]
    if not cuts:
        return None
    score, pieces = cuts[0]
    whole = model.sequence_logp([token.core], before=before, after=after, exclude=occurrence(token.core))
    best = None
    if score - whole >= MARGIN:
        best = (token.core_start, token.core_end, pieces, f"{token.core!r} is not a known word")
    neighbour_cut = _neighbour_recut(tokens, i, model, document, pieces, is_piece)
    if neighbour_cut is not None:
        best = neighbour_cut
    if best is None:
        return None
    start, end, cut, why = best
    original = text[start:end]
    replacement = _slices(original, cut)
    evidence, own = _evidence(cut, model, document)
    return Change(start, end, replacement, f"{why}; read as {replacement!r} ({evidence})"), own


def _neighbour_recut(tokens, i, model, document, pieces, is_piece):
    """Re-cut the token together with a plain neighbouring word, when context demands it."""
    token = tokens[i]
    options = []
    left = _context_word(tokens, i - 1, left=True) if not token.lead else None
    if left is not None and left.islower():
        outer_before = _context_word(tokens, i - 2, left=True) if not tokens[i - 1].lead else None
        after = _context_word(tokens, i + 1, left=False) if not token.trail else None
        options.append((tokens[i - 1].core_start, token.core_end, left, left + token.core, [left, *pieces], outer_before, after))
    right = _context_word(tokens, i + 1, left=False) if not token.trail else None
    if right is not None and right.islower():
        before = _context_word(tokens, i - 1, left=True) if not token.lead else None
        outer_after = _context_word(tokens, i + 2, left=False) if not tokens[i + 1].trail else None
        options.append((token.core_start, tokens[i + 1].core_end, right, token.core + right, [*pieces, right], before, outer_after))
    best = None
    for start, end, neighbour, letters, kept, before, after in options:
        cuts = segmentations(letters, model, before=before, after=after, is_piece=is_piece)
        cuts = [(s, p) for s, p in cuts if neighbour not in p and _attested(p, before, after, model, document)]
        if not cuts:
            continue
        score, cut = cuts[0]
        kept_score = model.sequence_logp(kept, before=before, after=after, exclude=occurrence(neighbour, token.core))
        if score - kept_score >= MARGIN and (best is None or score - kept_score > best[0]):
            best = (score - kept_score, (start, end, cut, f"{letters!r} re-read across the neighbouring word {neighbour!r}"))
    return best[1] if best else None


def _piece_test(model: LanguageModel, document: Document):
    lexicon = document.lexicon

    def is_piece(piece: str) -> bool:
        lower = piece.lower()
        if len(piece) == 1:
            return lower == "a" or piece == "I"
        return lower in lexicon or document.is_name(piece) or document.count(piece) >= 2

    return is_piece


def _attested(pieces: list[str], before: str | None, after: str | None, model: LanguageModel,
              document: Document) -> bool:
    """Every adjacent pair of pieces is a known phrase, or a document name beside an anchored word."""
    context = [before, *pieces, after]
    for k in range(1, len(context) - 2):
        first, second = context[k], context[k + 1]
        if model.pair_probability(first, second) > 0.0:
            continue
        if document.is_name(first) and _anchored(second, context[k + 2], model, document, right=True):
            continue
        if document.is_name(second) and _anchored(first, context[k - 1], model, document, right=False):
            continue
        return False
    return True


def _anchored(word: str, outer: str | None, model: LanguageModel, document: Document, *, right: bool) -> bool:
    """An English word next to a name needs its own evidence: the document uses it elsewhere, or
    it forms a known pair with the word on its other side (``noted that``). Without it, a name
    followed by a word is as likely a longer name (``Merkelbach``)."""
    if len(word) < 3 or not word.islower() or word not in document.lexicon:
        return False
    if word in document.distinct_lowercase_words:
        return True
    if outer is None:
        return False
    pair = (word, outer) if right else (outer, word)
    return model.pair_probability(*pair) > 0.0


def _slices(original: str, pieces: list[str]) -> str:
    """The original characters, cut where the pieces end (keeps case; drops the old spaces)."""
    letters = original.replace(" ", "")
    out, position = [], 0
    for piece in pieces:
        out.append(letters[position : position + len(piece)])
        position += len(piece)
    return " ".join(out)


def _evidence(pieces: list[str], model: LanguageModel, document: Document) -> tuple[str, bool]:
    """The reason's evidence, and whether any of it is the document's own."""
    notes = []
    own = False
    for first, second in zip(pieces, pieces[1:]):
        pair = (first.lower(), second.lower())
        if document.pairs.get(pair):
            own = True
            notes.append(f"the document says {first + ' ' + second!r} {document.pairs[pair]}×")
        elif document.lexicon.bigram_count(*pair):
            notes.append(f"{first + ' ' + second!r} is a common English pair")
        else:
            name = first if document.is_name(first) else second
            own = True
            notes.append(f"{name!r} is a name the document uses {document.cased_words.get(name, 0)}×")
    return "; ".join(notes), own
