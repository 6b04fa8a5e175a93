"""benchmarks/word_repair.py still works: its core on one short document per system, and the whole
command on a two-document corpus (the peers' dictionaries take a few seconds to load)."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

pytest.importorskip("wordninja")
pytest.importorskip("symspellpy")

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "word_repair.py"
CLEAN = "They know their economic ties are strong.\n\nAlso the modern world is here.\n"
DAMAGED = "Theyknowtheir econo-\nmic ties are strong.\n\nAIso the rnodern world is here.\n"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("word_repair_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.mark.parametrize("peer", ["lookup_compound", "word_segmentation", "wordninja"])
def test_core_scores_every_system_on_one_short_document(bench, peer):
    result = bench.run_unit(bench.Unit("sim", "test", "short", DAMAGED, CLEAN), peers=(peer,))
    assert set(result.errors) == {"before", "textfix", "layout only", peer, peer + bench.FAIR}
    assert not result.failures
    assert all(math.isfinite(value) and value >= 0 for value in result.errors.values())
    assert result.errors["before"] > 0
    clean = bench.run_unit(bench.Unit("clean", "clean", "clean", CLEAN, CLEAN), peers=(peer,))
    assert clean.errors["before"] == 0


def test_peers_keep_the_lines(bench):
    wordninja = bench.load_peer("wordninja")
    assert bench.per_line(wordninja, "theyknow\n\n  their\n") == "they know\n\ntheir\n"


def test_one_job_and_a_deadline_keep_only_complete_rounds(bench):
    units = [bench.Unit("real", "c", f"d{i}", DAMAGED, CLEAN) for i in range(3)]
    rounds = bench.plan_rounds(units, 3)
    results, complete = bench.run_rounds([], rounds, 1, ("wordninja",), deadline=0.0)
    assert complete == 1 and len(results) == 1  # the first round always runs, nothing after the deadline
    results, complete = bench.run_rounds([], rounds, 1, ("wordninja",), deadline=float("inf"))
    assert complete == 3 and len(results) == 3


def test_rounds_take_the_same_documents_whatever_the_budget(bench):
    units = [bench.Unit("real", "c", f"d{i}", "a b", "a b") for i in range(12)]
    rounds = bench.plan_rounds(units, 10)
    assert sorted(len(r) for r in rounds) == [1] * 8 + [2] * 2
    assert len(rounds[0]) == 2  # ceil(12/10)
    assert sorted(u.name for r in rounds for u in r) == sorted(u.name for u in units)
    assert rounds == bench.plan_rounds(list(reversed(units)), 10)


def test_whole_command_on_a_tiny_corpus(bench, tmp_path, capsys):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "damaged.txt").write_text(DAMAGED, encoding="utf-8")
    manifest = {"documents": [
        {"file": "clean.txt", "role": "clean"},
        {"file": "damaged.txt", "role": "damaged", "reference": "clean.txt", "channel": "pdfminer"},
    ]}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    out = tmp_path / "WORD_REPAIR.md"
    assert bench.main(["--corpus", str(tmp_path), "--seeds", "1", "--jobs", "2", "--budget", "0", "--write", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| real | pdfminer | 1 |" in printed
    assert "| sim | ocr | 1 |" in printed
    assert "no damage" in printed and "## Targets" in printed
    assert "Every document of every channel was run" in printed
    written = out.read_text(encoding="utf-8")
    assert "python benchmarks/word_repair.py --corpus" in written and printed.strip() in written
