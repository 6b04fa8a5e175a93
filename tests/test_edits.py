from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.edits import Change, Edit, EditLog, apply_edits


def test_apply_edits_in_order():
    edits = [Edit(0, 1, "A", "f", "r"), Edit(2, 2, "-", "f", "r"), Edit(3, 5, "", "f", "r")]
    assert apply_edits("abcde", edits) == "Ab-c"


def test_apply_edits_rejects_overlap():
    with pytest.raises(ValueError, match="overlaps"):
        apply_edits("abcdef", [Edit(0, 3, "x", "f", "r"), Edit(2, 4, "y", "f", "r")])


def test_later_change_inside_earlier_edit_is_merged_and_names_both():
    log = EditLog("ab\ufb01c")
    current = log.record("ab\ufb01c", [Change(2, 3, "fi", "ligature")], "unicode")
    current = log.record(current, [Change(3, 4, "i ", "split")], "split")
    assert current == "abfi c"
    assert log.edits == [Edit(2, 3, "fi ", "unicode+split", "ligature; split")]


def test_change_beside_an_edit_stays_separate():
    log = EditLog("a-\nb c")
    current = log.record("a-\nb c", [Change(1, 3, "", "join")], "dehyphenate")
    current = log.record(current, [Change(2, 3, "  ", "wider")], "other")
    assert current == "ab  c"
    assert [e.fixer for e in log.edits] == ["dehyphenate", "other"]
    assert apply_edits("a-\nb c", log.edits) == current


def test_overlapping_changes_from_one_fixer_are_a_bug():
    log = EditLog("abcdef")
    with pytest.raises(ValueError, match="overlapping"):
        log.record("abcdef", [Change(0, 3, "", "r"), Change(2, 4, "", "r")], "f")


@st.composite
def changes_for(draw, text: str):
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    changes = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        if draw(st.booleans()):
            end = start
        if changes and start < changes[-1].end:
            continue
        if changes and start == end == changes[-1].start == changes[-1].end:
            continue
        changes.append(Change(start, end, draw(st.text("xy \n", max_size=3)), "r"))
    return changes


@settings(max_examples=400, deadline=None)
@given(st.data(), st.text("abc\n-", max_size=20), st.integers(1, 4))
def test_edit_log_reproduces_any_chain(data, original, rounds):
    """Applying the log's edits to the original always gives what the chain of changes gave."""
    log = EditLog(original)
    current = original
    for round_number in range(rounds):
        changes = data.draw(changes_for(current))
        current = log.record(current, changes, f"fixer{round_number}")
        assert apply_edits(original, log.edits) == current
        assert all(a.end <= b.start for a, b in zip(log.edits, log.edits[1:]))
