"""pytest-benchmark suite: the whole chain and each fixer on clean English, PDF-extraction damage
and OCR damage, from the corpus and from the damage simulator (see bench_inputs.py).

    python -m pytest benchmarks/test_bench_chain.py                          # about 1 MB per input
    TEXTFIX_BENCH_LARGE=1 python -m pytest benchmarks/test_bench_chain.py    # 50 MB per input
    python -m pytest benchmarks/test_bench_chain.py -q --benchmark-disable   # quick: proves it works

With ``--benchmark-disable`` (or ``TEXTFIX_BENCH_QUICK=1``) every benchmark runs once on a tiny
input, so CI can run the suite in a few seconds; no timing is asserted anywhere. A fixer is timed
on the text exactly as the chain hands it over (the fixers before it applied), with the shared
document analysis already done; that analysis is timed on its own (``document``). The chain also
runs over the corpus's documents one call each (``chain, a call per document``), the case of an
ingestion job, where a cost paid per call shows.
"""

from __future__ import annotations

import os

import pytest

import bench_inputs
from textfix.config import Config
from textfix.document import Document
from textfix.edits import EditLog
from textfix.fixers import fixer_module
from textfix.lexicon import default_lexicon
from textfix.pipeline import fix

FIXERS = Config().fixers


@pytest.fixture(scope="session")
def size(request) -> int:
    if os.environ.get("TEXTFIX_BENCH_QUICK") or request.config.getoption("benchmark_disable", False):
        return 5_000
    return 50_000_000 if os.environ.get("TEXTFIX_BENCH_LARGE") else 1_000_000


@pytest.fixture(scope="session")
def inputs(size):
    default_lexicon().bigrams  # loaded once, outside every timing
    fix("Merkelnoted a signi cant rnodern step.\n")
    return {kind: bench_inputs.text(kind, size) for kind in bench_inputs.KINDS}


@pytest.fixture(scope="session")
def handovers(inputs):
    """For each input: what each fixer receives in the chain, (its text, the document's text)."""
    out = {}
    for kind, text in inputs.items():
        log, current, document, seen = EditLog(text), text, None, {}
        for name in FIXERS:
            if document is None and name != "unicode":
                document = Document(current)
            seen[name] = (current, document.text if document is not None else None)
            current = log.record(current, fixer_module(name).propose(current, document), name)
        out[kind] = seen
    return out


def _rounds(size: int) -> int:
    return 1 if size > 10_000_000 else 3


@pytest.mark.parametrize("kind", bench_inputs.KINDS)
def test_chain(benchmark, inputs, size, kind):
    benchmark.group = "chain"
    benchmark.extra_info["characters"] = len(inputs[kind])
    result = benchmark.pedantic(fix, args=(inputs[kind],), rounds=_rounds(size), iterations=1)
    assert result.endswith("\n")


@pytest.mark.parametrize("kind", bench_inputs.KINDS)
def test_chain_document_by_document(benchmark, size, kind):
    """The corpus's documents as they are (a few kilobytes each), a call each: an ingestion job's
    case, where a cost paid once per call (not per character) shows."""
    benchmark.group = "chain, a call per document"
    documents = list(bench_inputs.documents(kind))
    if size < 1_000_000:
        documents = [document[:1_000] for document in documents[:5]]
    benchmark.extra_info["characters"] = sum(map(len, documents))
    benchmark.extra_info["documents"] = len(documents)
    results = benchmark.pedantic(lambda: [fix(document) for document in documents], rounds=_rounds(size), iterations=1)
    assert len(results) == len(documents)


@pytest.mark.parametrize("kind", bench_inputs.KINDS)
def test_document_analysis(benchmark, handovers, size, kind):
    """The shared analysis: vocabulary, phrases and compounds of the document."""
    benchmark.group = "document"
    text = handovers[kind][FIXERS[1]][1]

    def analyse():
        document = Document(text)
        return document.words, document.pairs, document.compounds

    benchmark.pedantic(analyse, rounds=_rounds(size), iterations=1)


@pytest.mark.parametrize("fixer", FIXERS)
@pytest.mark.parametrize("kind", bench_inputs.KINDS)
def test_fixer(benchmark, handovers, size, kind, fixer):
    benchmark.group = f"fixer {fixer}"
    text, document_text = handovers[kind][fixer]
    benchmark.extra_info["characters"] = len(text)
    module = fixer_module(fixer)

    def setup():
        if document_text is None:
            return (text, None), {}
        document = Document(document_text)
        document.words, document.pairs, document.compounds  # shared analysis: timed on its own
        return (text, document), {}

    benchmark.pedantic(module.propose, setup=setup, rounds=_rounds(size), iterations=1)


def test_scaling_script_runs():
    """``scaling.py`` at a tiny size, each of its modes: it still works (no timing is judged)."""
    import subprocess
    import sys
    from pathlib import Path

    script = str(Path(__file__).resolve().parent / "scaling.py")
    for options in (["--shapes", "--units", "20"], ["--sizes", "0.01,0.02", "--kinds", "clean"], ["--rounds", "--kinds", "clean"]):
        output = subprocess.run([sys.executable, script, *options], check=True, capture_output=True, text=True).stdout
        assert "clean" in output or "table rows" in output


def test_speed_script_runs():
    """``speed.py --quick`` prints its tables, the targets against the design's floor included
    (no timing is judged). Its peers are wordninja and symspellpy: skipped where wordninja is
    not installed (it is in the ``bench`` extra, not ``test``)."""
    import subprocess
    import sys
    from pathlib import Path

    pytest.importorskip("wordninja")
    script = str(Path(__file__).resolve().parent / "speed.py")
    output = subprocess.run([sys.executable, script, "--quick"], check=True, capture_output=True, text=True).stdout
    assert "## The targets against the design's floor" in output
    floor = output.split("## The targets against the design's floor")[1]
    assert floor.count("| pdf |") == 1 and floor.count("| clean |") == 1


def test_linear_cost_table(capsys):
    """The linear-cost table at its reduced size: each case, its edits, and the edit log's share."""
    import speed  # (beside this file, as bench_inputs is)

    speed.print_linear_cost(full=False, timeout=120)
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| one-character lines")]
    assert len(rows) == 1
    assert "| 99,999 |" in rows[0]  # a joined line break per line but the last, each an edit
