"""Edits and the edit log.

An :class:`Edit` replaces ``original[start:end]`` by ``replacement``; offsets always point into
the ORIGINAL input, so that applying a repair's edits to the input reproduces its output exactly:

>>> edits = [Edit(0, 8, "they know", "split_merged_words", "bigrams agree")]
>>> apply_edits("theyknow it", edits)
'they know it'

Each fixer sees the text as the fixers before it left it and proposes :class:`Change` objects in
that text's coordinates. :class:`EditLog` maps them back onto the original: a change in an
untouched region becomes a new edit; a change that overlaps an earlier edit is merged with it
into one edit that names both fixers (``"unicode+dehyphenate"``) and both reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple


class Change(NamedTuple):
    """A fixer's proposal: replace ``text[start:end]`` of the text the fixer was given."""

    start: int
    end: int
    replacement: str
    reason: str


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    replacement: str
    fixer: str
    reason: str

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "replacement": self.replacement,
            "fixer": self.fixer,
            "reason": self.reason,
        }


def apply_edits(text: str, edits: Iterable[Edit | Change]) -> str:
    """Apply edits (sorted, non-overlapping, offsets into ``text``) and return the new text."""
    pieces: list[str] = []
    position = 0
    for edit in edits:
        if edit.start < position or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edit {edit!r} overlaps an earlier one or lies outside the text")
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


class _Span:
    """An edit of the log, with where its replacement lies in the current text."""

    __slots__ = ("edit", "current_start", "current_end")

    def __init__(self, edit: Edit, current_start: int):
        self.edit = edit
        self.current_start = current_start
        self.current_end = current_start + len(edit.replacement)


class _Merge:
    """Earlier edits and new changes that overlap, collected into one edit."""

    def __init__(self, current_start: int, original_start: int):
        self.current_start = current_start
        self.current_end = current_start
        self.original_start = original_start
        self.original_end = original_start
        self.changes: list[Change] = []
        self.fixers: list[str] = []
        self.reasons: list[str] = []

    def absorb_edit(self, span: _Span) -> None:
        self.current_end = max(self.current_end, span.current_end)
        self.original_end = max(self.original_end, span.edit.end)
        self._name(span.edit.fixer, span.edit.reason)

    def absorb_change(self, change: Change, fixer: str, shift: int) -> None:
        self.changes.append(change)
        if change.end > self.current_end:
            self.current_end = change.end
            self.original_end = change.end - shift
        self._name(fixer, change.reason)

    def _name(self, fixer: str, reason: str) -> None:
        for name in fixer.split("+"):
            if name not in self.fixers:
                self.fixers.append(name)
        if reason not in self.reasons:
            self.reasons.append(reason)

    def edit(self, current: str) -> Edit:
        region = current[self.current_start : self.current_end]
        local = [c._replace(start=c.start - self.current_start, end=c.end - self.current_start) for c in self.changes]
        return Edit(
            self.original_start,
            self.original_end,
            apply_edits(region, local),
            "+".join(self.fixers),
            "; ".join(self.reasons),
        )


class EditLog:
    """The edits made so far to ``original``: sorted, disjoint, in original coordinates."""

    def __init__(self, original: str):
        self.original = original
        self.edits: list[Edit] = []

    def record(self, current: str, changes: list[Change], fixer: str) -> str:
        """Record one fixer's ``changes`` to ``current`` (the text so far); return the new text.

        Runs in one pass over the old edits and the new changes (both sorted), so the cost is
        linear in their number, not quadratic.
        """
        if not changes:
            return current
        changes = sorted(changes, key=lambda c: (c.start, c.end))
        spans = self._spans()
        merged: list[Edit] = []
        shift = 0  # current offset minus original offset, in the untouched text before index i
        i = 0
        pending: _Merge | None = None

        def flush() -> None:
            nonlocal pending
            if pending is not None:
                merged.append(pending.edit(current))
                pending = None

        previous_end = -1
        for change in changes:
            if change.start < previous_end or change.end < change.start:
                raise ValueError(f"{fixer}: overlapping or reversed changes near offset {change.start}")
            previous_end = change.end
            # Earlier edits wholly before this change stay as they are.
            while i < len(spans) and spans[i].current_end <= change.start and not _overlaps(spans[i], change):
                if pending is not None and spans[i].current_start < pending.current_end:
                    pending.absorb_edit(spans[i])
                else:
                    flush()
                    merged.append(spans[i].edit)
                shift += len(spans[i].edit.replacement) - (spans[i].edit.end - spans[i].edit.start)
                i += 1
            group: list[_Span] = []
            while i < len(spans) and _overlaps(spans[i], change):
                group.append(spans[i])
                i += 1
            if pending is not None and change.start < pending.current_end:
                for span in group:
                    pending.absorb_edit(span)
            else:
                flush()
                if not group:
                    merged.append(Edit(change.start - shift, change.end - shift, change.replacement, fixer, change.reason))
                    continue
                first = group[0]
                if change.start < first.current_start:
                    pending = _Merge(change.start, change.start - shift)
                else:
                    pending = _Merge(first.current_start, first.edit.start)
                for span in group:
                    pending.absorb_edit(span)
            for span in group:
                shift += len(span.edit.replacement) - (span.edit.end - span.edit.start)
            pending.absorb_change(change, fixer, shift)
        flush()
        for span in spans[i:]:
            merged.append(span.edit)
        _check_sorted(merged)
        self.edits = merged
        return apply_edits(current, changes)

    def _spans(self) -> list[_Span]:
        spans = []
        shift = 0
        for edit in self.edits:
            spans.append(_Span(edit, edit.start + shift))
            shift += len(edit.replacement) - (edit.end - edit.start)
        return spans


def _overlaps(span: _Span, change: Change) -> bool:
    """True when the change rewrites text inside the span's replacement (touching is not overlap)."""
    return span.current_start < change.end and change.start < span.current_end


def _check_sorted(edits: list[Edit]) -> None:
    """The merge above emits edits in order; a violation is a bug in this module, never in input."""
    for before, after in zip(edits, edits[1:]):
        if after.start < before.end:
            raise AssertionError(f"edit log out of order: {before!r} then {after!r}")
