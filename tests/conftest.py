from __future__ import annotations

import json
from pathlib import Path

import pytest

from textfix.corpus import load_corpus
from hypothesis import settings

# The same examples on every run: CI must not pass or fail by the luck of a random seed. (Run
# with --hypothesis-seed or another profile to explore.)
settings.register_profile("deterministic", derandomize=True)
settings.load_profile("deterministic")

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()
