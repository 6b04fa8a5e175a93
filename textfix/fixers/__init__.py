"""The fixer chain, in the order it runs.

Each fixer repairs one kind of damage and lives in the module named for it. A module has a
``NAME`` (stable: used by the configuration, the CLI and the reports) and
``propose(text, document) -> list[Change]``, which proposes changes to the text as the fixers
before it left it. The order matters: encoding first, so that every later rule sees real
characters; page furniture and link lines out before wraps and hyphens are judged; wraps before
hyphens, so that every line is judged at its printed length (``unwrap_lines`` leaves a break after
a hyphen to ``dehyphenate``); words last, once paragraphs are whole.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

FIXER_NAMES: tuple[str, ...] = (
    "unicode",
    "layout_columns",
    "page_furniture",
    "link_lines",
    "unwrap_lines",
    "dehyphenate",
    "whitespace",
    "broken_ligatures",
    "join_split_words",
    "punctuation_spacing",
    "split_merged_words",
    "ocr_confusions",
)

WORD_FIXERS = frozenset(
    {"broken_ligatures", "join_split_words", "punctuation_spacing", "split_merged_words", "ocr_confusions"}
)
"""Fixers that change words (as opposed to layout): off where the lexicon does not fit the text."""


@cache  # (import_module's look-up, a dozen a repair, was a tenth of an empty text's repair)
def fixer_module(name: str):
    if name not in FIXER_NAMES:
        raise ValueError(f"unknown fixer {name!r}; valid fixers: {', '.join(FIXER_NAMES)}")
    return import_module(f"textfix.fixers.{name}")
