from __future__ import annotations

import json
from pathlib import Path

import pytest

from textfix.corpus import load_corpus

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()
