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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, count
from operator import add, attrgetter, lt, sub
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


_START, _END, _REPLACEMENT = attrgetter("start"), attrgetter("end"), attrgetter("replacement")


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

    def absorb_edit(self, edit: Edit, current_end: int) -> None:
        self.current_end = max(self.current_end, current_end)
        self.original_end = max(self.original_end, edit.end)
        self._name(edit.fixer, edit.reason)

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

        Runs in one pass over the new changes (sorted); the old edits between two changes are
        found by bisection and copied as a slice, so the cost is linear in the number of changes
        plus one pass at C speed over the old edits.
        """
        if not changes:
            return current
        changes = sorted(changes, key=lambda c: (c.start, c.end))
        edits = self.edits
        starts, ends, shifts = self._positions()
        merged: list[Edit] = []
        i = 0  # the next old edit
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
            # Earlier edits wholly before this change stay as they are, unless they touch a merge.
            before = bisect_right(ends, change.start, i)
            while i < before and pending is not None and starts[i] < pending.current_end:
                pending.absorb_edit(edits[i], ends[i])
                i += 1
            if i < before:
                flush()
                merged.extend(edits[i:before])
                i = before
            # The earlier edits whose replacement this change rewrites (touching is not overlap).
            group_end = bisect_left(starts, change.end, i)
            if pending is not None and change.start < pending.current_end:
                for k in range(i, group_end):
                    pending.absorb_edit(edits[k], ends[k])
            else:
                flush()
                if i == group_end:
                    merged.append(Edit(change.start - shifts[i], change.end - shifts[i], change.replacement, fixer, change.reason))
                    continue
                if change.start < starts[i]:
                    pending = _Merge(change.start, change.start - shifts[i])
                else:
                    pending = _Merge(starts[i], edits[i].start)
                for k in range(i, group_end):
                    pending.absorb_edit(edits[k], ends[k])
            i = group_end
            pending.absorb_change(change, fixer, shifts[i])
        flush()
        merged.extend(edits[i:])
        _check_sorted(merged)
        self.edits = merged
        return apply_edits(current, changes)

    def _positions(self) -> tuple[list[int], list[int], list[int]]:
        """Where each edit's replacement starts and ends in the current text, and ``shifts[i]``:
        current minus original offset in the untouched text before edit ``i`` (one more entry
        than edits). Computed with C-level maps: a log holds an edit per joined line."""
        edits = self.edits
        original_starts = list(map(_START, edits))
        lengths = list(map(len, map(_REPLACEMENT, edits)))
        growth = map(sub, lengths, map(sub, map(_END, edits), original_starts))
        shifts = list(accumulate(growth, initial=0))
        starts = list(map(add, original_starts, shifts))
        return starts, list(map(add, starts, lengths)), shifts


def _check_sorted(edits: list[Edit]) -> None:
    """The merge above emits edits in order; a violation is a bug in this module, never in input."""
    out_of_order = list(compress(count(), map(lt, map(_START, edits[1:]), map(_END, edits))))  # (at C speed)
    if out_of_order:
        before, after = edits[out_of_order[0]], edits[out_of_order[0] + 1]
        raise AssertionError(f"edit log out of order: {before!r} then {after!r}")
