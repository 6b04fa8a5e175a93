"""``repair`` runs the fixer chain and keeps the edit log; ``fix`` is ``repair(...).text``.

>>> r = repair("Merkel spoke. Merkelnoted that the US-\\nMexico ties are strong, Merkel said.")
>>> r.text
'Merkel spoke. Merkel noted that the US-Mexico ties are strong, Merkel said.\\n'
"""

from __future__ import annotations

from dataclasses import dataclass

from textfix.config import Config
from textfix.document import Counts, Document
from textfix.edits import Edit, EditLog
from textfix.coverage import foreign_spans
from textfix.fixers import WORD_FIXERS, fixer_module
from textfix.lexicon import Lexicon


@dataclass(frozen=True)
class Repair:
    """The repaired ``text`` and the ``edits`` (offsets into ``original``) that produce it."""

    original: str
    text: str
    edits: tuple[Edit, ...]

    def edits_by_fixer(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for edit in self.edits:
            for name in edit.fixer.split("+"):
                counts[name] = counts.get(name, 0) + 1
        return counts


def repair(text: str, config: Config | None = None, *, lexicon: Lexicon | None = None,
           counts: Counts | None = None) -> Repair:
    """Run the chain over ``text``. ``counts``: the vocabulary of a larger document that ``text``
    is one block of (:mod:`textfix.stream`); by default the text's own."""
    if not isinstance(text, str):
        raise TypeError(f"textfix.repair expects str, got {type(text).__name__}; decode bytes first")
    config = config or Config()
    log = EditLog(text)
    current = text
    document: Document | None = None
    after_unicode: str | None = None  # the text as the unicode fixer left it
    words = _WordFixerStep(log)
    for name in config.fixers:
        if document is None and name != "unicode":
            # The shared analysis reads the text once encoding damage is gone (a ligature or
            # mojibake inside a word would hide it from the vocabulary).
            document = Document(current, lexicon, counts)
        if name in WORD_FIXERS:
            current = words.run(name, current, document)
        else:
            current = log.record(current, fixer_module(name).propose(current, document), name)
            if name == "unicode":
                after_unicode = current
    word_fixers = [name for name in config.fixers if name in WORD_FIXERS]
    for _ in range(WORD_ROUNDS):
        if not words.changed:
            break
        # The word fixers weigh the document's own words and phrases, and their repairs change
        # them ('two countries' is said once more): read again until nothing moves, so that a
        # second run of textfix over its own output finds nothing to do. Text whose words need no
        # repair never gets here.
        document = Document(current, lexicon, counts)
        words.new_round()
        for name in word_fixers:
            current = words.run(name, current, document)
    if "unicode" in config.fixers and current != text:
        # ftfy judges mojibake by its neighbours, and joined lines give it new ones
        # ('á\x86' / 'a' joined is read again): once more over the lines the chain has made.
        settled = frozenset(after_unicode.split("\n")) if after_unicode is not None else frozenset()
        current = log.record(current, fixer_module("unicode").propose(current, document, settled=settled), "unicode")
    return Repair(text, current, tuple(log.edits))


class _WordFixerStep:
    """Runs a word fixer: its changes inside foreign paragraphs are dropped (English word repair
    would "correct" French toward English), and whether any word changed in this round is noted."""

    def __init__(self, log: EditLog):
        self.log = log
        self.changed = False
        self.foreign: list[tuple[int, int]] = []
        self.foreign_in: str | None = None  # the text self.foreign was found in
        self.verdicts: dict[str, bool] = {}  # foreign_spans's, by paragraph: most stay the same

    def new_round(self) -> None:
        self.changed = False

    def run(self, name: str, text: str, document: Document) -> str:
        if text is not self.foreign_in:  # a repair before a foreign paragraph moves it
            self.foreign, self.foreign_in = foreign_spans(text, document.lexicon, self.verdicts), text
        changes = _outside(fixer_module(name).propose(text, document), self.foreign)
        self.changed = self.changed or bool(changes)
        return self.log.record(text, changes, name)


WORD_ROUNDS = 3  # more rounds of the word fixers after the chain, while they still change the text


def _outside(changes: list, spans: list[tuple[int, int]]) -> list:
    """The changes that touch none of the spans (both sorted; one merge pass)."""
    if not spans:
        return changes
    kept, k = [], 0
    for change in sorted(changes):
        while k < len(spans) and spans[k][1] <= change.start:
            k += 1
        if k < len(spans) and spans[k][0] < change.end and change.start < spans[k][1]:
            continue
        kept.append(change)
    return kept


def fix(text: str, config: Config | None = None, *, lexicon: Lexicon | None = None) -> str:
    return repair(text, config, lexicon=lexicon).text
