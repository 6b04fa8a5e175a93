"""Tests as data: cases that must change, cases that must not, and documented known failures."""

from __future__ import annotations

import pytest
from conftest import load_cases

import textfix
from textfix.edits import apply_edits
from textfix.score import word_edits

MUST_CHANGE = load_cases("must_change.json")
NEGATIVE = load_cases("negative.json")
KNOWN_FAILURES = load_cases("known_failures.json")


@pytest.mark.parametrize("case", MUST_CHANGE, ids=[c["label"] for c in MUST_CHANGE])
def test_must_change(case):
    result = textfix.repair(case["input"])
    assert result.text == case["expected"]
    assert apply_edits(case["input"], result.edits) == result.text
    assert all(edit.reason and edit.fixer for edit in result.edits)


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["label"] for c in NEGATIVE])
def test_negative_keeps_every_word(case):
    assert word_edits(case["input"], textfix.fix(case["input"])) == 0


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["label"] for c in NEGATIVE])
def test_negative_is_stable_once_in_convention(case):
    once = textfix.fix(case["input"])
    assert textfix.fix(once) == once


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c.get("why", "not implemented yet"))) for c in KNOWN_FAILURES],
    ids=[c["label"] for c in KNOWN_FAILURES],
)
def test_known_failure(case):
    """A known limit; strict, so that a fix is noticed and the case moves to must_change.json."""
    assert textfix.fix(case["input"]) == case["expected"]
