"""``repair`` runs the fixer chain and keeps the edit log; ``fix`` is ``repair(...).text``.

>>> r = repair("Merkel spoke. Merkelnoted that the US-\\nMexico ties are strong, Merkel said.")
>>> r.text
'Merkel spoke. Merkel noted that the US-Mexico ties are strong, Merkel said.\\n'
"""

from __future__ import annotations

from dataclasses import dataclass

from textfix.config import Config
from textfix.document import Document
from textfix.edits import Edit, EditLog
from textfix.fixers import fixer_module
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


def repair(text: str, config: Config | None = None, *, lexicon: Lexicon | None = None) -> Repair:
    if not isinstance(text, str):
        raise TypeError(f"textfix.repair expects str, got {type(text).__name__}; decode bytes first")
    config = config or Config()
    log = EditLog(text)
    current = text
    document: Document | None = None
    for name in config.fixers:
        module = fixer_module(name)
        if document is None and name != "unicode":
            # The shared analysis reads the text once encoding damage is gone (a ligature or
            # mojibake inside a word would hide it from the vocabulary).
            document = Document(current, lexicon)
        current = log.record(current, module.propose(current, document), name)
    return Repair(text, current, tuple(log.edits))


def fix(text: str, config: Config | None = None, *, lexicon: Lexicon | None = None) -> str:
    return repair(text, config, lexicon=lexicon).text
