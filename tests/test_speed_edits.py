"""EditLog.record's fast merge gives exactly what the plain span-by-span merge gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.edits import Change, Edit, EditLog, apply_edits

# ---- the reference: the span-by-span merge that EditLog.record replaced ---------------------

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


class ReferenceEditLog:
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



def _check_sorted(edits):
    for before, after in zip(edits, edits[1:]):
        if after.start < before.end:
            raise AssertionError(f"edit log out of order: {before!r} then {after!r}")


# ---- the comparison ---------------------------------------------------------------------------


@st.composite
def fixer_changes(draw, text: str):
    """Sorted, non-overlapping changes to ``text`` (sometimes an overlapping pair, to test errors)."""
    n = len(text)
    points = sorted(draw(st.lists(st.integers(0, n), max_size=12)))
    changes = []
    for start, end in zip(points[::2], points[1::2]):
        replacement = draw(st.sampled_from(["", "x", "yz", " ", "\n", "abc"]))
        changes.append(Change(start, end, replacement, draw(st.sampled_from(["r1", "r2"]))))
    if changes and draw(st.integers(0, 20)) == 0:
        changes.append(changes[0]._replace(end=changes[0].end + 1))
    return draw(st.permutations(changes))


@settings(max_examples=400, deadline=None)
@given(st.text("ab \n", min_size=0, max_size=30), st.data())
def test_record_matches_the_reference(text, data):
    new, old = EditLog(text), ReferenceEditLog(text)
    current = text
    for fixer in ("f1", "f2", "f1+f3", "f4"):
        changes = data.draw(fixer_changes(current))
        try:
            expected = old.record(current, list(changes), fixer)
        except ValueError:
            with pytest.raises(ValueError):
                new.record(current, list(changes), fixer)
            return
        assert new.record(current, list(changes), fixer) == expected
        assert new.edits == old.edits
        current = expected
        assert apply_edits(text, new.edits) == current
