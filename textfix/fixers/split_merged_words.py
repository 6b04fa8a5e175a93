"""split_merged_words: words run together where the extractor lost the space glyph.

>>> from textfix import fix
>>> fix("Merkel spoke first. Merkelnoted that theyknowtheir limits, Merkel said.")
'Merkel spoke first. Merkel noted that they know their limits, Merkel said.\\n'

Only tokens that are not known words are searched: a plain run of letters (no digits, no inner
capitals, not all capitals, not a URL, e-mail, path or code identifier) that neither the lexicon
nor the document (used more than once) knows; or one the document repeats but writes more often
as two words (``thepipe`` 3×, ``the pipe`` 14×). For such a token the best cut into known pieces is
found with a bigram language model of English interpolated with the document's own words and
phrases (:mod:`textfix.language_model`). The cut is taken only when

- it is at least ``MARGIN`` (in log10) likelier than the token left whole, in its context, and
- every adjacent pair of pieces is attested: a common English pair, a phrase of the document, a
  name the document uses (capitalised, absent from the lexicon, seen more than once) next to an
  English word of three letters or more (``Merkel`` + ``noted``), or two common English words
  that the document also writes (``sound`` + ``development``: the pair table lacks most pairs).

When the token's neighbour is a plain English word, the neighbour and the token are also cut
together (``anew`` + ``worldin`` -> ``a new world in``, when the document speaks of ``a new world``); that reading replaces both when it is
``MARGIN`` likelier than the neighbour kept whole plus the token's own best cut. Case and
punctuation are kept: pieces are slices of the original characters.

A cut supported by the document itself (a phrase it says twice or more, a name it uses) is taken
on that evidence. A cut that only the lexicon supports is taken only where the document shows
lost spaces systematically: at least one distinct such cut per ``1 / DAMAGE_RATE`` tokens, and
``MIN_COMMON_CUTS`` for the weakest evidence (two common words). Clean text has rare solid
compounds (``filesystems``, ``hotwater``) that split just as well; damaged text has many. A word
the document repeats, or a lexicon word, is cut only on such systematic evidence too (see
:func:`_repeated_merge`).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass
from functools import lru_cache

import regex

from textfix.document import Document
from textfix.edits import Change
from textfix.language_model import LanguageModel, occurrence, segmentations
from textfix.tokens import Chunks, is_protected, shape

NAME = "split_merged_words"

MARGIN = 2.0  # log10: a cut must be a hundred times likelier than the alternative
DAMAGE_RATE = 1 / 200  # lexicon-only cuts need the document to show lost spaces this often
MAX_TOKEN = 40  # longer letter runs are not ordinary merged words: left alone (and linear cost)
MIN_TOKEN = 3
COMMON_WORD = 30_000  # lexicon count of about the 72,000 commonest words (of 82,800)
VERY_COMMON_WORD = 300_000  # ... and of the 37,500 commonest
MIN_COMMON_CUTS = 3  # distinct lexicon-only cuts before weaker evidence (common words, case) counts
OWN, PAIR, COMMON = "own", "pair", "common"  # the evidence of a cut, strongest first
ENDING_FAMILY = 3  # distinct tokens cut before the same last piece: a word-forming ending
PAIR_DOMINANCE = 30  # a lexicon word English writes this much more often as two words is suspect


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
    chunks = Chunks(text)
    tokens = _Tokens(chunks)
    # Each distinct chunk is judged once; only the occurrences of candidates are visited.
    distinct = chunks.distinct()
    known = document.known_lowercase(distinct)
    repeated_words = {word: why for word in document.derived(_written_apart_twice)
                      if word.isalpha() and (why := _repeated_merge(word, document))}
    distinct.difference_update(known)
    candidates = {chunk for chunk in distinct if _is_candidate(shape(chunk).core, document)
                  and not shape(chunk).lead.endswith("-")}  # '-nogroup': a command-line option
    # The same words with punctuation attached ('twocountries'') are the same merges.
    repeated = {chunk: why for chunk in distinct if shape(chunk).plain and shape(chunk).core.islower()
                and (why := repeated_words.get(shape(chunk).core))}
    repeated.update((word, repeated_words[word]) for word in repeated_words.keys() & known)
    if not candidates and not repeated:
        return sorted(_case_boundary_splits(chunks, distinct, document, systematic=False))
    model = LanguageModel(document)
    segment = _segmenter(model, document)
    changes = _cuts(chunks.locate(candidates), tokens, text, model, document, segment)
    # Known words after unknown ones: a re-cut across a neighbour ('anew eraina') is the unknown
    # token's to make. A word the document repeats (or the lexicon has) is evidence for itself,
    # which only systematic damage outweighs: its cut never counts as the document's own
    # ('theweek' is a parameter name in code that also says 'the week').
    for change, evidence in _cuts(chunks.locate(repeated), tokens, text, model, document, segment):
        if not _overlaps(change, changes):
            insort(changes, (change, PAIR if evidence == OWN else evidence), key=lambda found: found[0].start)
    changes = _without_word_endings(changes, text)
    # Distinct tokens, not occurrences: a term cut everywhere it occurs is one piece of evidence.
    lexicon_only = len({text[c.start:c.end] for c, evidence in changes if evidence != OWN})
    systematic = lexicon_only >= DAMAGE_RATE * len(tokens)
    # Two common words without a pair count are the weakest evidence: a cut or two alone, in a
    # short text, are likelier solid compounds ('zerowidth', 'softhyphen') than damage.
    kept = [change for change, evidence in changes
            if evidence == OWN or (systematic and (evidence == PAIR or lexicon_only >= MIN_COMMON_CUTS))]
    return sorted(kept + _case_boundary_splits(chunks, distinct, document, systematic and lexicon_only >= MIN_COMMON_CUTS))


def _without_word_endings(changes: list[tuple[Change, str]], text: str) -> list[tuple[Change, str]]:
    """Drop the cuts on common-word evidence whose last piece ends ``ENDING_FAMILY`` distinct
    tokens or more (``pass eth``, ``turn eth``, ``walk eth``): lost spaces cut a text at random,
    between varied words; one piece after many is a word-forming ending of the text's language
    (archaic '-eth' here), which the lexicon does not list."""
    tails: dict[str, set[str]] = {}
    for change, evidence in changes:
        if evidence == COMMON:
            tails.setdefault(change.replacement.rsplit(" ", 1)[-1].lower(), set()).add(text[change.start:change.end].lower())
    endings = {tail for tail, tokens in tails.items() if len(tokens) >= ENDING_FAMILY}
    if not endings:
        return changes
    return [(c, e) for c, e in changes if not (e == COMMON and c.replacement.rsplit(" ", 1)[-1].lower() in endings)]


def _overlaps(change: Change, changes: list[tuple[Change, str]]) -> bool:
    """Does ``change`` overlap one of ``changes`` (sorted, none overlapping another)? Only its
    neighbours in start order can (a scan of all was quadratic: 8 M tests per MB of text)."""
    k = bisect_left(changes, change.start, key=lambda found: found[0].start)
    return any(change.start < c.end and c.start < change.end for c, _ in changes[max(0, k - 1) : k + 1])


def _cuts(indices, tokens: "_Tokens", text: str, model: LanguageModel, document: Document,
          segment) -> list[tuple[Change, str]]:
    """The cuts of the tokens at ``indices`` (in order), each with its evidence; none overlapping."""
    changes: list[tuple[Change, str]] = []
    taken_until = 0  # a neighbour re-cut consumes the next token too
    for i in indices:
        if tokens[i].start < taken_until:
            continue
        found = _repair(tokens, i, text, model, document, segment)
        if found is None or (changes and found[0].start < changes[-1][0].end):
            continue
        changes.append(found)
        taken_until = found[0].end
    return changes


_CASE_BOUNDARY = regex.compile(r"(\p{L}\p{Ll}*+)(\p{Lu}\p{Ll}*+|\p{Lu}{2,}+s?+)")


def _case_boundary_splits(chunks: Chunks, distinct: set[str], document: Document, systematic: bool) -> list[Change]:
    """``theIran`` -> ``the Iran``, ``PresidentXi`` -> ``President Xi``: a lost space before a
    capital leaves a camelCase shape, which code also has (``maxRetries``, ``BaseServer``).

    Taken when the whole token occurs once, the part before the boundary is a lower-case English
    word, and the part after it is a capitalised word that the document writes on its own at
    least twice. Two capitalised English words (``PermitTunnel``) are how code and settings are
    named: taken only where lost spaces are systematic, unless the second is a name the document
    uses (``PresidentXi``).
    Where lost spaces are systematic (``systematic``), once is enough, the part after may be
    an acronym the document writes on its own (``theUN``, ``aFIFO``) or ``I`` (``thoughI``), an
    English word of one letter (``a``) may stand before it, and a token that occurs again counts
    when the document writes its two words apart more often."""
    found = {}
    alone_needed = 1 if systematic else 2
    for chunk in distinct:
        lead, core, trail, *_ = shape(chunk)
        match = _CASE_BOUNDARY.fullmatch(core)
        if match is None:
            continue
        left, right = match.groups()
        repeats = document.count(core)
        if repeats > 1 and not (systematic and document.pairs.get((left.lower(), right.lower()), 0) > repeats):
            continue
        if right == "I" and systematic and len(left) >= 2 and document.in_lexicon(left):
            found[chunk] = Change(len(lead), len(lead) + len(core), f"{left} I", f"a lost space before 'I' after the English word {left!r}")
            continue
        if len(right) < 2:
            continue
        pascal_case = left[0].isupper() and not document.is_name(right)
        if (right[1].isupper() or len(left) == 1 or pascal_case) and not systematic:
            continue  # 'PermitTunnel', 'NewReno': PascalCase is how code and settings are named
        if (len(left) == 1 and left != "a") or not document.in_lexicon(left):
            continue
        alone = document.cased_words.get(right, 0)
        if alone < alone_needed:
            continue
        found[chunk] = Change(len(lead), len(lead) + len(core), f"{left} {right}",
                              f"a lost space before a capital: {right!r} stands alone in the document "
                              f"{alone}×, {left!r} is an English word")
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


def _written_apart_twice(document: Document) -> set[str]:
    """The document's words that it also writes as two words at least twice: the only ones
    :func:`_repeated_merge` can accept (it wants the pair more often than the word, which the
    document writes at least once), found with set operations instead of a test of every cut of
    every word."""
    apart = {first + second for (first, second), n in document.pairs.items() if n >= 2}
    return apart.intersection(document.words)


def _repeated_merge(word: str, document: Document) -> str | None:
    """Why a known word may still be a merge: ``"document"``, ``"lexicon"`` or None.

    A frequent phrase loses its space more than once, so the document repeats the merged form;
    it may be a merge when the document writes the two words apart more often than together
    (``thepipe`` 3×, ``the pipe`` 14×): "document". A term the document repeats (``filesystem``
    8×, ``namespace``) or a name (``Okonkwo``) is not written apart more often. A lexicon word
    qualifies on the same count, and only when English itself writes it ``PAIR_DOMINANCE`` times
    more often as the two words (``ina``/``in a``, ``anew``/``a new``; not ``along``/``a long``,
    ``into``/``in to``): "lexicon". Either way the word is evidence for itself: its cut must win
    in its context and counts only where lost spaces are systematic."""
    if not MIN_TOKEN <= len(word) <= MAX_TOKEN:
        return None
    lexicon = document.lexicon
    in_lexicon = word in lexicon
    repeats = document.count(word)
    pairs = document.pairs
    for cut in range(1, len(word)):
        first, second = word[:cut], word[cut:]
        if pairs.get((first, second), 0) <= repeats:
            continue
        if not in_lexicon:
            return "document"
        english = lexicon.bigram_count(first, second) / lexicon.bigram_total
        if english > PAIR_DOMINANCE * lexicon.count(word) / lexicon.total:
            return "lexicon"
    return None


def _repair(tokens: list[_Token], i: int, text: str, model: LanguageModel, document: Document, segment):
    """(change, whether the document's own words or phrases support it), or None."""
    token = tokens[i]
    before = tokens.chunks.plain_beside(i - 1, left=True) if not token.lead else None
    after = tokens.chunks.plain_beside(i + 1, left=False) if not token.trail else None
    cuts = segment(token.core, before, after)
    cuts = [(score, pieces) for score, pieces in cuts if _attested(pieces, before, after, model, document)]
    if not cuts:
        return None
    score, pieces = cuts[0]
    whole = model.sequence_logp([token.core], before=before, after=after, exclude=occurrence(token.core))
    best = None
    if score - whole >= MARGIN:
        best = (token.core_start, token.core_end, pieces, f"{token.core!r} is not a known word")
    neighbour_cut = _neighbour_recut(tokens, i, model, document, pieces, segment, before, after)
    if neighbour_cut is not None:
        best = neighbour_cut
    if best is None:
        return None
    start, end, cut, why = best
    original = text[start:end]
    replacement = _slices(original, cut)
    notes, evidence = _evidence(cut, model, document)
    return Change(start, end, replacement, f"{why}; read as {replacement!r} ({notes})"), evidence


def _neighbour_recut(tokens, i, model, document, pieces, segment, left, right):
    """Re-cut the token together with a plain neighbouring word (``left`` or ``right``, the words
    beside it with no punctuation between), when context demands it."""
    token = tokens[i]
    options = []
    if left is not None and left.islower():
        outer_before = tokens.chunks.plain_beside(i - 2, left=True) if not tokens[i - 1].lead else None
        options.append((tokens[i - 1].core_start, token.core_end, left, left + token.core, [left, *pieces], outer_before, right))
    if right is not None and right.islower():
        outer_after = tokens.chunks.plain_beside(i + 2, left=False) if not tokens[i + 1].trail else None
        options.append((token.core_start, tokens[i + 1].core_end, right, token.core + right, [*pieces, right], left, outer_after))
    best = None
    for start, end, neighbour, letters, kept, before, after in options:
        cuts = segment(letters, before, after)
        cuts = [(s, p) for s, p in cuts if neighbour not in p and _attested(p, before, after, model, document)]
        if not cuts:
            continue
        score, cut = cuts[0]
        kept_score = model.sequence_logp(kept, before=before, after=after, exclude=occurrence(neighbour, token.core))
        if score - kept_score >= MARGIN and (best is None or score - kept_score > best[0]):
            best = (score - kept_score, (start, end, cut, f"{letters!r} re-read across the neighbouring word {neighbour!r}"))
    return best[1] if best else None


def _segmenter(model: LanguageModel, document: Document):
    """``segment(letters, before, after)``: :func:`segmentations` into the pieces this fixer
    allows, remembered for the fixer call (a merge the text repeats in the same context is cut
    once; every cut of every candidate asks about the same pieces)."""
    lexicon = document.lexicon

    @lru_cache(maxsize=65536)
    def is_piece(piece: str) -> bool:
        lower = piece.lower()
        if len(piece) == 1:
            return lower == "a" or piece == "I"
        return lower in lexicon or document.is_name(piece) or document.count(piece) >= 2

    @lru_cache(maxsize=16384)
    def segment(letters: str, before: str | None, after: str | None) -> list[tuple[float, list[str]]]:
        return segmentations(letters, model, before=before, after=after, is_piece=is_piece)

    return segment


def _attested(pieces: list[str], before: str | None, after: str | None, model: LanguageModel,
              document: Document) -> bool:
    """Every adjacent pair of pieces is a known phrase, or a document name beside an anchored word."""
    context = [before, *pieces, after]
    for k in range(1, len(context) - 2):
        first, second = context[k], context[k + 1]
        if model.pair_probability(first, second) > 0.0 or _common_words(first, second, document):
            continue
        if document.is_name(first) and _anchored(second, context[k + 2], model, document, right=True):
            continue
        if document.is_name(second) and _anchored(first, context[k - 1], model, document, right=False):
            continue
        return False
    return True


def _common_words(first: str, second: str, document: Document) -> bool:
    """Two common English words side by side: the pair table holds only the most frequent pairs
    (``sound development`` is missing), so such a pair needs no count of its own.

    Common means among the ~72,000 commonest words and written on its own elsewhere in the
    document, or among the ~37,500 commonest and four letters or more. Word-forming endings
    look like short common words (``walk`` + ``eth``, ``look`` + ``ups``) but a document never
    writes them alone, while lost spaces cut a text at random, between the words it uses.
    Lexicon evidence all the same: such a cut counts only where lost spaces are systematic
    (``DAMAGE_RATE``), so a clean text's solid compounds (``datagrams``) are never cut; in a
    damaged one they may be."""
    return _is_common(first, document) and _is_common(second, document)


def _is_common(word: str, document: Document) -> bool:
    if len(word) < 2 or not word.islower():
        return False
    count = document.lexicon.count(word)
    if count >= VERY_COMMON_WORD and len(word) >= 4:
        return True
    return count >= COMMON_WORD and document.count(word) >= 1


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


def _evidence(pieces: list[str], model: LanguageModel, document: Document) -> tuple[str, str]:
    """The reason's evidence, and its kind: OWN when any of it is the document's own, else PAIR
    when every pair is a known English pair, else COMMON."""
    notes = []
    own = False
    common = False
    for first, second in zip(pieces, pieces[1:]):
        pair = (first.lower(), second.lower())
        said = document.pairs.get(pair, 0)
        if said >= 2:  # once may be the token's own context ('-nogroup' / 'No group')
            own = True
            notes.append(f"the document says {first + ' ' + second!r} {said}×")
        elif document.lexicon.bigram_count(*pair):
            notes.append(f"{first + ' ' + second!r} is a common English pair")
        elif _common_words(first, second, document):
            common = True
            notes.append(f"{first!r} and {second!r} are common English words")
        elif said:
            notes.append(f"the document says {first + ' ' + second!r} once")
        else:
            name = first if document.is_name(first) else second
            own = True
            notes.append(f"{name!r} is a name the document uses {document.cased_words.get(name, 0)}×")
    return "; ".join(notes), OWN if own else COMMON if common else PAIR
