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
from itertools import accumulate, chain, compress, count, repeat, zip_longest
from operator import add, attrgetter, gt, lt, or_, sub
from typing import Iterable, NamedTuple


class Change(NamedTuple):
    """A fixer's proposal: replace ``text[start:end]`` of the text the fixer was given."""

    start: int
    end: int
    replacement: str
    reason: str


class Edit(NamedTuple):
    """One edit of a repair, in the original's coordinates: ``original[start:end]`` became
    ``replacement``; ``fixer`` names the fixers that made it (``"unicode+dehyphenate"`` when
    their changes overlap), ``reason`` says why. An immutable record, like :class:`Change` (a
    tuple: a repair of a text of short lines makes an edit per line, and a tuple is made in half
    the time of a frozen dataclass)."""

    start: int
    end: int
    replacement: str
    fixer: str
    reason: str

    def as_dict(self) -> dict:
        return self._asdict()


_START, _END, _REPLACEMENT, _REASON = attrgetter("start"), attrgetter("end"), attrgetter("replacement"), attrgetter("reason")
_START_END = attrgetter("start", "end")


def apply_edits(text: str, edits: Iterable[Edit | Change]) -> str:
    """Apply edits (sorted, non-overlapping, offsets into ``text``) and return the new text."""
    edits = list(edits)
    starts, ends = list(map(_START, edits)), list(map(_END, edits))
    # (Checked and joined with C-level maps: a repair of a text of short lines has an edit per line.)
    bad = _first_bad(starts, ends, [0, *ends[:-1]], len(text))
    if bad is not None:
        raise ValueError(f"edit {edits[bad]!r} overlaps an earlier one or lies outside the text")
    kept = map(text.__getitem__, map(slice, [0, *ends], [*starts, len(text)]))
    return "".join(chain.from_iterable(zip_longest(kept, map(_REPLACEMENT, edits), fillvalue="")))


def _first_bad(starts: list[int], ends: list[int], previous_ends: list[int], length: int | None = None) -> int | None:
    """The first span that starts before the previous one ends, ends before it starts, or ends
    past ``length``; None when all are sound."""
    bad = map(or_, map(lt, starts, previous_ends), map(lt, ends, starts))
    if length is not None:
        bad = map(or_, bad, map(gt, ends, repeat(length)))
    return next(compress(count(), bad), None)


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
        changes = sorted(changes, key=_START_END)
        change_starts, change_ends = list(map(_START, changes)), list(map(_END, changes))
        bad = _first_bad(change_starts, change_ends, [-1, *change_ends[:-1]])
        if bad is not None:  # (a bug in the fixer)
            raise ValueError(f"{fixer}: overlapping or reversed changes near offset {changes[bad].start}")
        starts, ends, shifts = self._positions()
        # Where each change falls among the old edits: ``before``, the edits wholly before it,
        # and ``group_end``, the edits before its end. Equal for every change (the common case:
        # each fixer repairs what no fixer before it touched), the new edits go between the old
        # ones, all found with C-level maps; else the merge below.
        befores = list(map(bisect_right, repeat(ends), change_starts))
        if befores == list(map(bisect_left, repeat(starts), change_ends, befores)):
            self.edits = _interleave(self.edits, changes, befores, shifts, fixer)
        else:
            self.edits = self._merge(current, changes, fixer, starts, ends, shifts)
        _check_sorted(self.edits)
        return apply_edits(current, changes)

    def _merge(self, current: str, changes: list[Change], fixer: str, starts: list[int], ends: list[int],
               shifts: list[int]) -> list[Edit]:
        edits = self.edits
        merged: list[Edit] = []
        i = 0  # the next old edit
        pending: _Merge | None = None

        def flush() -> None:
            nonlocal pending
            if pending is not None:
                merged.append(pending.edit(current))
                pending = None

        for change in changes:
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
        return merged

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


def _interleave(edits: list[Edit], changes: list[Change], befores: list[int], shifts: list[int],
                fixer: str) -> list[Edit]:
    """The old edits and a new edit per change, in order; ``befores[k]``: the old edits before
    change ``k``, none of which it touches."""
    offsets = list(map(shifts.__getitem__, befores))  # current minus original offset there
    # (Made by tuple.__new__, which Edit._make calls, without a Python frame per edit: a text of
    # short lines has a million.)
    new = list(map(tuple.__new__, repeat(Edit), zip(map(sub, map(_START, changes), offsets), map(sub, map(_END, changes), offsets),
                                                    map(_REPLACEMENT, changes), repeat(fixer), map(_REASON, changes))))
    if not edits:
        return new
    if len(edits) < len(new):
        # A Python step per edit of the shorter list (either may hold a million): step through the
        # old edits instead, each after the new edits that go before it.
        edits, new, befores = new, edits, list(map(bisect_right, repeat(befores), range(len(edits))))
    merged, i = [], 0
    for edit, before in zip(new, befores):
        if before > i:
            merged.extend(edits[i:before])
            i = before
        merged.append(edit)
    merged.extend(edits[i:])
    return merged


def _check_sorted(edits: list[Edit]) -> None:
    """The merge above emits edits in order; a violation is a bug in this module, never in input."""
    out_of_order = list(compress(count(), map(lt, map(_START, edits[1:]), map(_END, edits))))  # (at C speed)
    if out_of_order:
        before, after = edits[out_of_order[0]], edits[out_of_order[0] + 1]
        raise AssertionError(f"edit log out of order: {before!r} then {after!r}")
