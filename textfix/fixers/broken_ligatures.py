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
a font that lost its ligatures lost them everywhere. For the same reason a document that spells
``fi``, ``fl`` and ``ff`` out in more than ``INTACT_PER_REPAIR`` words per repair found (``file``,
``offset``) has its ligatures: there ``uid`` is an identifier, not ``fluid``. Only the lexicon vouches for the text as it stands: one font map damages every ``fi`` of a
document alike, so the document repeats its own fragments and cannot vouch for them.

The readings are weighed by the language model in their context (:mod:`textfix.language_model`);
the best is taken only when it is ``word_gaps.MARGIN`` likelier than the text as it stands and than every
other reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, count, filterfalse
from weakref import WeakKeyDictionary

from textfix.document import Document
from textfix.edits import Change
from textfix.language_model import LanguageModel
from textfix.tokens import Chunks, shape
from textfix.word_gaps import best_reading, choose_by_gain

NAME = "broken_ligatures"

LIGATURES = ("fi", "fl", "ff", "ffi", "ffl")
MIN_FRAGMENT = 3  # a fragment that takes a ligature at its edge has this many letters ('rst', not 'rm')
SYSTEMATIC = 2  # distinct repaired words needed: a font map loses every 'fi' of a document
INTACT_PER_REPAIR = 2  # more intact ligature words than this per repair: the ligatures are not lost
_READINGS_PER_SUSPECT = 2  # candidates a suspect gives at most: its gap, and a ligature dropped inside it


@dataclass
class _Word:
    start: int
    end: int
    text: str
    joined_left: bool  # nothing but one space separates it from the previous word
    joined_right: bool


def propose(text: str, document: Document) -> list[Change]:
    model = LanguageModel(document)
    chunks = Chunks(text)
    suspects = _suspects(chunks, document)
    intact = document.derived(_intact_ligature_words)
    if intact > INTACT_PER_REPAIR * _READINGS_PER_SUSPECT * len(suspects):
        # Even a repair at every suspect would be outweighed by the ligatures the document spells
        # out (the test below): the common case of clean text, settled before any reading is weighed.
        return []
    words = _Words(chunks)
    candidates = []
    readings_of: dict[str, list[list[str]]] = {}  # a word's readings, made once however often it occurs
    for i in suspects:
        word = words[i]
        if word is None:
            continue
        previous = words[i - 1] if word.joined_left else None
        following = words[i + 1] if word.joined_right else None
        if following is not None:
            after = words[i + 2] if following.joined_right else None
            candidates.append(_gap_repair(word, following, previous, after, document, model))
        candidates.append(_dropped(word, previous, following, document, model, readings_of))
    # Best gain first, never two repairs of one word: in 'and ef cient' the gap 'and ef' could
    # take a ligature too, but 'efficient' gains far more than 'and fief'.
    chosen = choose_by_gain(candidates)
    if len({c.replacement.lower() for c in chosen}) < SYSTEMATIC:
        return []  # one lone candidate is likelier a rare word or a command name than lost glyphs
    if intact > INTACT_PER_REPAIR * len(chosen):
        return []  # the font's map has its ligatures: the 'fluid' in 'uid' is a coincidence
    return chosen


def _intact_ligature_words(document: Document) -> int:
    """How many word occurrences of the document spell a ligature out (``file``, ``offset``)."""
    return sum(n for word, n in document.words.items() if "fi" in word or "fl" in word or "ff" in word)


class _Words:
    """The plain words of a text by chunk index (None for a chunk that is not one), built only
    where asked: letters only, not protected, not a unit after a number (``40 lm``); joined to a
    neighbour when one space alone, and no punctuation, separates them."""

    def __init__(self, chunks: Chunks):
        self.chunks = chunks
        self._made: dict[int, _Word | None] = {}

    def __getitem__(self, i: int) -> _Word | None:
        if i not in self._made:
            self._made[i] = self._make(i)
        return self._made[i]

    def _make(self, i: int) -> _Word | None:
        if not self._is_word(i):
            return None
        lead, text, *_ = shape(self.chunks.strings[i])
        start = self.chunks.start(i) + len(lead)
        return _Word(start, start + len(text), text, self._joined(i - 1, i), self._joined(i, i + 1))

    def _is_word(self, i: int) -> bool:
        strings = self.chunks.strings
        return 0 <= i < len(strings) and shape(strings[i]).plain and (i == 0 or not shape(strings[i - 1]).numeric)

    def _joined(self, i: int, j: int) -> bool:
        strings = self.chunks.strings
        return (
            self._is_word(i) and self._is_word(j) and not shape(strings[i]).trail and not shape(strings[j]).lead
            and self.chunks.text[self.chunks.end(i) : self.chunks.start(j)] == " "
        )


def _own_cuts(document: Document) -> "_Cuts":
    """The cuts of the words the document uses more than once and that hold an ``f``."""
    return _Cuts(word for word, n in document.words.items() if n >= 2 and "f" in word)


def _suspects(chunks: Chunks, document: Document) -> list[int]:
    """Chunk indices where a word, or the gap after it, may take a ligature: a superset of where
    :func:`_dropped` or :func:`_gap_repair` finds a reading, found without judging each word.

    Every reading puts a ligature into a known word, so it needs a way of reading a known word as
    ``before + ligature + after`` (:class:`_Cuts`): ``(a, b)`` for the gap ``a b``, ``(a, '')`` and
    ``('', b)`` for a ligature at the edge of ``a`` or ``b``, and some ``(token[:i], token[i:])``
    for a ligature dropped inside ``token``. Each distinct chunk is judged once, and only the
    occurrences of the few that can start such a reading are visited. Cuts are of lower-case
    words, and a reading is judged by its lower-case form, which for a word of any script is its
    pieces' lower-case forms joined (``str.lower`` keeps a lower-case letter as it is and never
    shortens a word), but for a capital sigma, which it lowers by its neighbours: so a word in
    Cyrillic or with accents is judged as an ASCII one is, and only a word with a capital sigma
    is examined everywhere, with both its gaps (every word outside ASCII was: 1.7-4.7 s per MB
    of French or Russian text, for readings that cannot be known).
    """
    lexicon = document.lexicon
    known, own = _lexicon_cuts(lexicon), document.derived(_own_cuts)

    def cut(before: str, after: str) -> bool:
        return (before, after) in known.pairs or (before, after) in own.pairs

    longest = max(known.longest, own.longest)  # (a longer run of letters has no cut: linear cost)

    def phrase(a: str, b: str) -> bool:  # a phrase the lexicon knows keeps its space
        return a in lexicon and b in lexicon and lexicon.bigram_count(a, b) > 0

    def may_have_dropped(word: str) -> bool:  # (for a lower-case word of MIN_FRAGMENT letters or more)
        return word not in lexicon and len(word) <= longest and any(cut(word[:i], word[i:]) for i in range(len(word) + 1))

    # Most chunks are lower-case ASCII words, with no punctuation: they are judged in bulk, by set
    # operations; the others one by one.
    distinct = chunks.distinct()
    simple = set(filter(str.isascii, filter(str.islower, filter(str.isalpha, distinct))))
    lefts: dict[str, str] = dict(zip(simple, simple))  # chunk -> its word, lower-case, when it may end a gap
    rights: dict[str, str] = dict(lefts)  # chunk -> its word, when it may start a gap
    # a word that a ligature may follow (the left of a suspect gap)
    begins: set[str] = simple.intersection(known.befores) | simple.intersection(own.befores)
    # a word that a ligature may precede at its edge ('a rm': 'a firm')
    ends: set[str] = simple.intersection(known.edge_afters) | simple.intersection(own.edge_afters)
    # a word that may have lost a ligature inside ('signicant')
    dropped: set[str] = {w for w in filterfalse(lexicon.unigrams.__contains__, simple) if len(w) >= MIN_FRAGMENT and may_have_dropped(w)}
    unsure: set[str] = set()  # a capital sigma: see below
    for chunk in distinct.difference(simple):
        lead, core, trail, plain, _ = shape(chunk)
        if not plain:
            continue
        if "Σ" in core:  # str.lower reads it by its neighbours ('ΟΔΟΣ' ends in 'ς'): examined everywhere
            unsure.add(chunk)
            continue
        long_enough = len(core) >= MIN_FRAGMENT
        if not trail:
            lower = lefts[chunk] = core.lower()
            if lower in known.befores or lower in own.befores:
                begins.add(chunk)
        if core.islower():
            if not lead:
                rights[chunk] = core
                if long_enough and cut("", core):
                    ends.add(chunk)
            if long_enough and may_have_dropped(core):
                dropped.add(chunk)

    strings = chunks.strings
    marked: set[int] = set()
    anchors: set[str] = set()  # chunks whose offsets are found; their neighbours' follow
    for i in compress(count(), map((begins | ends | dropped | unsure).__contains__, strings)):
        chunk = strings[i]
        if chunk in unsure:
            marked.update((i - 1, i) if i else (i,))
            anchors.add(chunk)
            continue
        if chunk in dropped:
            marked.add(i)
            anchors.add(chunk)
        if chunk in begins and i + 1 < len(strings):  # 'a b' read as 'a' + ligature + 'b', or 'a' + ligature
            a, b = lefts[chunk], rights.get(strings[i + 1])
            if b is not None and (cut(a, b) or (len(a) >= MIN_FRAGMENT and cut(a, ""))) and not phrase(a, b):
                marked.add(i)
                anchors.add(chunk)
        if chunk in ends and i > 0:  # 'a b' read as 'a' + ligature + 'b'
            a, b = lefts.get(strings[i - 1]), rights[chunk]
            if a is not None and not phrase(a, b):
                marked.add(i - 1)
                anchors.add(chunk)
    chunks.locate(anchors)
    return sorted(marked)


class _Cuts:
    """Every way of reading the given words as ``before + ligature + after``."""

    def __init__(self, words):
        self.pairs: set[tuple[str, str]] = set()
        for word in words:
            for ligature in LIGATURES:
                position = word.find(ligature)
                while position >= 0:
                    self.pairs.add((word[:position], word[position + len(ligature) :]))
                    position = word.find(ligature, position + 1)
        self.befores = {before for before, _ in self.pairs}
        self.edge_afters = {after for before, after in self.pairs if not before and len(after) >= MIN_FRAGMENT}
        self.longest = max((len(before) + len(after) for before, after in self.pairs), default=0)


_LEXICON_CUTS: WeakKeyDictionary = WeakKeyDictionary()


def _lexicon_cuts(lexicon) -> _Cuts:
    """The cuts of the lexicon's words, made once per lexicon."""
    if lexicon not in _LEXICON_CUTS:
        _LEXICON_CUTS[lexicon] = _Cuts(word for word in lexicon.unigrams if "f" in word)
    return _LEXICON_CUTS[lexicon]


def _known(word: str, document: Document) -> bool:
    return len(word) > 1 and _plain_case(word) and document.is_known(word)


def _plain_case(word: str) -> bool:
    return word.islower() or (word[0].isupper() and word[1:].islower())


def _gap_repair(left: _Word, right: _Word, previous, following, document: Document, model: LanguageModel):
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
    found = best_reading(readings, [a, b], model, previous.text if previous else None,
                  following.text if following else None)
    if found is None:
        return None
    gain, best = found
    repaired = " ".join(best)
    return gain, Change(left.start, right.end, repaired, f"{a + ' ' + b!r} has lost a ligature glyph: {repaired!r} is known")


def _dropped(word: _Word, previous, following, document: Document, model: LanguageModel,
             readings_of: dict[str, list[list[str]]]):
    """(gain, change) for a word that lost a ligature without a trace (``signicant``), or None.
    ``readings_of`` remembers each word's readings (they depend on the word alone)."""
    token = word.text
    # Lower case only: typesetters join 'fi', not 'Fi'; and, as above, the lexicon alone vouches.
    if len(token) < MIN_FRAGMENT or not token.islower() or token in document.lexicon:
        return None
    if len(token) + 2 > document.longest_known:
        return None  # no reading can be known (and a megabyte-long "word" stays linear)
    readings = readings_of.get(token)
    if readings is None:
        readings = readings_of[token] = [
            [token[:i] + ligature + token[i:]]
            for i in range(len(token) + 1)
            for ligature in LIGATURES
            if _known(token[:i] + ligature + token[i:], document)
        ]
    found = best_reading(readings, [token], model, previous.text if previous else None,
                  following.text if following else None)
    if found is None:
        return None
    gain, (best,) = found
    return gain, Change(word.start, word.end, best, f"{token!r} is not a known word; its ligature glyph was lost: {best!r}")
