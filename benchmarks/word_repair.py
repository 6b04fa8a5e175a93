"""Word repair, side by side in one run: textfix against symspellpy and wordninja (issue 4, section 7).

    python benchmarks/word_repair.py                                  # prints the Markdown report
    python benchmarks/word_repair.py --write benchmarks/WORD_REPAIR.md  # ... and writes it there

One table, one row per channel:

- **real** damage: every damaged document of the corpus (``corpus/manifest.json`` and what it
  includes: the seed 'pdf-print' article and ``corpus/real``'s pdftotext, pdftotext-layout,
  pdfminer, pypdf and tesseract-100/150/300 extractions), scored against its clean reference;
- **sim** damage: every distinct clean text of the corpus damaged by each channel of
  ``textfix.simulate.CHANNELS`` with a few fixed seeds, scored against the clean text;
- **clean**: the distinct clean texts themselves; the figure there is word edits per 10,000 words
  (false positives), not WER.

Systems:

- ``textfix``: ``textfix.fix(text)`` (default profile); ``layout only``: ``textfix.fix(text,
  Config(profile="layout"))``, shown for reference (it never changes a word);
- ``lookup_compound``: symspellpy, ``SymSpell(max_dictionary_edit_distance=2, prefix_length=7)``
  with the bundled ``frequency_dictionary_en_82_765.txt`` (term 0, count 1) and
  ``frequency_bigramdictionary_en_243_342.txt`` (term 0, count 2), then
  ``lookup_compound(line, max_edit_distance=2)[0].term`` (its defaults otherwise, as documented);
- ``word_segmentation``: symspellpy as its documentation's word-segmentation example sets it up,
  ``SymSpell(max_dictionary_edit_distance=0, prefix_length=7)`` with the unigram dictionary, then
  ``word_segmentation(line).corrected_string``;
- ``wordninja``: ``" ".join(wordninja.split(line))``.

The peers run line by line and keep the line structure (a blank line stays blank), so only
word-level differences count (WER is computed on ``text.split()``, see ``textfix.score``). Each
peer is also run *layout-fair*: textfix's layout-only profile first, then the peer on each line
(= each paragraph) of its output, so that a peer is not charged for line wraps and hyphens it never
attempts.

WER of a channel is pooled over its documents (sum of word-level Levenshtein distances / sum of
reference words). The best system of each row (lowest WER, or fewest edits on clean text) is
**bold**.

Time: the peers are slow (``lookup_compound`` and ``word_segmentation`` take about half a
millisecond a word, more on long lines). The script first times every system on a fixed sample and
prints its estimate of the whole run. It then runs the clean texts, and the damaged documents in
``ROUNDS`` rounds: each channel's documents, in the order of a BLAKE2 digest of their names, are cut
into ``ROUNDS`` slices and round j runs slice j of every channel. When ``--budget`` seconds (for the
whole command, default 540) would be passed, it stops and keeps only the complete rounds: every
channel then has its first ceil(k/ROUNDS x n) documents, the same for every system, and the notes
and the 'docs' column say so. Every figure printed is measured, never extrapolated. The documents
are spread over ``--jobs`` worker processes (default: every core), forked after the dictionaries
are loaded.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.resources
import math
import multiprocessing
import os
import platform
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textfix  # noqa: E402
from textfix.corpus import load_corpus  # noqa: E402
from textfix.score import score, word_edits  # noqa: E402
from textfix.simulate import CHANNELS, simulate_channel  # noqa: E402

REAL_CHANNEL_ORDER = (
    "pdf-print",
    "pdftotext",
    "pdftotext-layout",
    "pdfminer",
    "pypdf",
    "tesseract-100",
    "tesseract-150",
    "tesseract-300",
)
DEFAULT_SEEDS = (1, 2)
DEFAULT_BUDGET = 540.0  # seconds for the whole command: under ten minutes on the project's 2-core machine
ROUNDS = 10
PEERS = ("lookup_compound", "word_segmentation", "wordninja")
FAIR = " (layout-fair)"
#: The systems compared (table order); the rows also have "before" (the input) and "layout only".
COMPETITORS = ("textfix", *(label for peer in PEERS for label in (peer, peer + FAIR)))

# Targets of issue 4, section 7.
PDFMINER_TARGETS = (("real", "pdfminer"), ("sim", "pdfminer"))
OCR_TARGETS = (("real", "tesseract-100"), ("real", "tesseract-150"), ("real", "tesseract-300"), ("sim", "ocr"))
PDFMINER_REDUCTION, OCR_REDUCTION, CLEAN_EDITS_PER_10K = 0.85, 0.70, 1.0

LAYOUT = textfix.Config(profile="layout")

# --------------------------------------------------------------------------------------------------
# The peers, set up as their documentation shows


_loaded: dict[str, Callable[[str], str]] = {}


def _symspell_file(name: str) -> str:
    return str(importlib.resources.files("symspellpy") / name)


def load_peer(name: str) -> Callable[[str], str]:
    """The peer's function of one line (loaded once per process)."""
    if name in _loaded:
        return _loaded[name]
    if name == "lookup_compound":
        from symspellpy import SymSpell

        sym_spell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        sym_spell.load_dictionary(_symspell_file("frequency_dictionary_en_82_765.txt"), term_index=0, count_index=1)
        sym_spell.load_bigram_dictionary(
            _symspell_file("frequency_bigramdictionary_en_243_342.txt"), term_index=0, count_index=2
        )

        def line_fix(line: str) -> str:
            suggestions = sym_spell.lookup_compound(line, max_edit_distance=2)
            return suggestions[0].term if suggestions else line

    elif name == "word_segmentation":
        from symspellpy import SymSpell

        sym_spell = SymSpell(max_dictionary_edit_distance=0, prefix_length=7)
        sym_spell.load_dictionary(_symspell_file("frequency_dictionary_en_82_765.txt"), term_index=0, count_index=1)

        def line_fix(line: str) -> str:
            return sym_spell.word_segmentation(line).corrected_string

    elif name == "wordninja":
        import wordninja

        def line_fix(line: str) -> str:
            return " ".join(wordninja.split(line))

    else:
        raise ValueError(f"unknown peer {name!r}; valid peers: {', '.join(PEERS)}")
    _loaded[name] = line_fix
    return line_fix


def per_line(line_fix: Callable[[str], str], text: str) -> str:
    """Apply a peer to every non-blank line, keeping the lines (blank lines stay blank)."""
    return "\n".join(line_fix(line.strip()) if line.strip() else "" for line in text.split("\n"))


# --------------------------------------------------------------------------------------------------
# One unit of work: a document through every system


@dataclass(frozen=True)
class Unit:
    """One input: ``kind`` is 'real' or 'sim' (scored against ``reference``) or 'clean' (word
    edits counted against the input itself)."""

    kind: str
    channel: str
    name: str
    text: str
    reference: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def reference_words(self) -> int:
        return len(self.reference.split())

    @property
    def order_key(self) -> str:
        """Deterministic pseudo-random order for subsampling (stable across processes)."""
        return hashlib.blake2b(f"{self.kind}\x1f{self.channel}\x1f{self.name}".encode(), digest_size=8).hexdigest()


@dataclass
class UnitResult:
    unit_kind: str
    channel: str
    name: str
    reference_words: int
    errors: dict[str, float] = field(default_factory=dict)  # label -> word distance, or word edits on clean
    seconds: dict[str, float] = field(default_factory=dict)  # system -> CPU seconds
    failures: dict[str, str] = field(default_factory=dict)  # label -> exception text


def outputs(text: str, peers: Iterable[str] = PEERS) -> tuple[dict[str, str], dict[str, float], dict[str, str]]:
    """Every system's output for ``text``: (label -> text, system -> seconds, label -> failure).

    A system that raises is recorded as a failure and its output is the input unchanged."""
    result: dict[str, str] = {"before": text}
    seconds: dict[str, float] = defaultdict(float)
    failures: dict[str, str] = {}

    def run(label: str, system: str, function: Callable[[], str], fallback: str) -> str:
        start = time.process_time()
        try:
            out = function()
        except Exception as error:  # a fixer being edited elsewhere may break; say so, go on
            failures[label] = f"{type(error).__name__}: {error}"
            out = fallback
        seconds[system] += time.process_time() - start
        result[label] = out
        return out

    run("textfix", "textfix", lambda: textfix.fix(text), text)
    layout = run("layout only", "textfix layout", lambda: textfix.fix(text, LAYOUT), text)
    for peer in peers:
        line_fix = load_peer(peer)
        run(peer, peer, lambda: per_line(line_fix, text), text)
        run(peer + FAIR, peer, lambda: per_line(line_fix, layout), layout)
    return result, dict(seconds), failures


def run_unit(unit: Unit, peers: Iterable[str] = PEERS) -> UnitResult:
    """Score every system on one unit: WER numerators for damaged input, word edits for clean."""
    texts, seconds, failures = outputs(unit.text, peers)
    result = UnitResult(unit.kind, unit.channel, unit.name, unit.reference_words, seconds=seconds, failures=failures)
    for label, out in texts.items():
        if unit.kind == "clean":
            result.errors[label] = word_edits(unit.text, out)
        else:
            result.errors[label] = score(out, unit.reference).wer * unit.reference_words
    return result


# --------------------------------------------------------------------------------------------------
# The units of a run


def distinct_clean_texts(corpus) -> list[tuple[str, str]]:
    """(name, text) of the corpus's clean texts, each distinct word sequence once (the seed news
    articles 002 and 003 are also in corpus/real/sources)."""
    seen, out = set(), []
    for document in corpus.clean():
        text = document.text()
        key = tuple(text.split())
        if key not in seen:
            seen.add(key)
            out.append((document.name, text))
    return out


def build_units(corpus, seeds: Iterable[int]) -> tuple[list[Unit], list[Unit], list[Unit]]:
    real = [
        Unit("real", damaged.channel or "-", damaged.name, damaged.text(), reference.text())
        for damaged, reference in corpus.pairs()
    ]
    clean_texts = distinct_clean_texts(corpus)
    sim = [
        Unit("sim", channel, f"{name}#seed{seed}", simulate_channel(text, channel, seed=seed), text)
        for channel in CHANNELS
        for seed in seeds
        for name, text in clean_texts
    ]
    clean = [Unit("clean", "clean", name, text, text) for name, text in clean_texts]
    return real, sim, clean


def plan_rounds(units: list[Unit], rounds: int) -> list[list[Unit]]:
    """Split every channel's units, in BLAKE2-digest order of their names, into ``rounds`` slices
    of (nearly) equal size; round j holds slice j of every channel. Running the first k rounds runs
    the first ceil(k * n / rounds) units of a channel of n: the same subset whatever the machine."""
    groups: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for unit in units:
        groups[unit.kind, unit.channel].append(unit)
    out: list[list[Unit]] = [[] for _ in range(rounds)]
    for members in groups.values():
        members.sort(key=lambda u: u.order_key)
        n = len(members)
        for j in range(rounds):
            out[j] += members[math.ceil(j * n / rounds) : math.ceil((j + 1) * n / rounds)]
    return out


# --------------------------------------------------------------------------------------------------
# Calibration: what each system costs, measured on a fixed sample


def line_stats(text: str) -> tuple[int, int]:
    """(sum of w, sum of w squared) over the lines of ``text``, w = words on the line: the peers'
    cost grows faster than linearly with the length of a line (``lookup_compound`` takes about three
    times as long a word on a 200-word paragraph as on a 10-word line)."""
    counts = [len(line.split()) for line in text.split("\n")]
    return sum(counts), sum(w * w for w in counts)


@dataclass(frozen=True)
class Costs:
    """Seconds per input word of textfix (default and layout profiles), and for each peer the
    coefficients of ``a * w + b * w**2`` seconds per line of w words."""

    textfix: float
    layout: float
    peers: dict[str, tuple[float, float]]
    sample_words: int

    def unit(self, text_stats: tuple[int, int], layout_stats: tuple[int, int], words: int) -> float:
        total = words * (self.textfix + self.layout)
        for a, b in self.peers.values():
            total += a * text_stats[0] + b * text_stats[1] + a * layout_stats[0] + b * layout_stats[1]
        return total

    def describe(self) -> str:
        parts = [f"textfix {1000 * self.textfix:.2f} s", f"textfix layout profile {1000 * self.layout:.2f} s"]
        for peer, (a, b) in self.peers.items():
            parts.append(f"{peer} {1000 * (a + 10 * b):.2f} s on 10-word lines, {1000 * (a + 100 * b):.2f} s on "
                         f"100-word paragraphs")
        return ", ".join(parts)


def calibrate(units: list[Unit], peers: Iterable[str]) -> Costs:
    """Time every system on a fixed sample: the first 40 lines of the first real document (in digest
    order) of pdfminer, tesseract-150 and pdftotext as extracted (short lines), and the first 12
    paragraphs of the same documents after textfix's layout profile (long lines)."""
    sample_units = []
    for channel in ("pdfminer", "tesseract-150", "pdftotext"):
        members = sorted((u for u in units if u.channel == channel), key=lambda u: u.order_key)
        sample_units += members[:1]
    sample_units = sample_units or sorted(units, key=lambda u: u.order_key)[:3]
    textfix.fix("Warm the lexicon up: theyknowtheir econo-\nmic ties.")
    short = "\n".join(line for u in sample_units for line in u.text.split("\n")[:40])
    long = "\n".join(
        line for u in sample_units for line in [x for x in textfix.fix(u.text, LAYOUT).split("\n") if x.strip()][:12]
    )
    words = max(1, len(short.split()))
    start = time.process_time()
    textfix.fix(short)
    tf = (time.process_time() - start) / words
    start = time.process_time()
    textfix.fix(short, LAYOUT)
    layout = (time.process_time() - start) / words
    fitted = {}
    for peer in peers:
        line_fix = load_peer(peer)
        timings = []
        for sample in (short, long):
            start = time.process_time()
            per_line(line_fix, sample)
            timings.append((time.process_time() - start, *line_stats(sample)))
        fitted[peer] = _fit(timings)
    return Costs(tf, layout, fitted, words + len(long.split()))


def _fit(timings: list[tuple[float, int, int]]) -> tuple[float, float]:
    """Solve t = a * W1 + b * W2 for the two samples; a per-word rate if that fails."""
    (t1, x1, y1), (t2, x2, y2) = timings
    det = x1 * y2 - x2 * y1
    if det:
        a, b = (t1 * y2 - t2 * y1) / det, (x1 * t2 - x2 * t1) / det
        if a >= 0 and b >= 0:
            return a, b
    return max(t1 / max(1, x1), t2 / max(1, x2)), 0.0


# --------------------------------------------------------------------------------------------------
# Running


def run_rounds(
    first: list[Unit],
    rounds: list[list[Unit]],
    jobs: int,
    peers: tuple[str, ...],
    deadline: float,
    cost: Callable[[Unit], float] = lambda u: u.words,
    progress: Callable[[str], None] = lambda message: None,
) -> tuple[list[UnitResult], int]:
    """Run ``first`` and then ``rounds`` in order over ``jobs`` forked workers (the peers'
    dictionaries are loaded before the fork and shared) until ``time.perf_counter()`` reaches
    ``deadline``. ``first`` and the first round always run to the end; after that, work stops at
    the deadline, or as soon as the next round is not expected to end before it (at the pace
    measured so far, ``cost`` being the estimated cost of a unit), and only complete rounds are
    kept. Returns (results, number of complete rounds)."""
    tasks = [(0, unit) for unit in sorted(first, key=lambda u: -cost(u))]
    for index, members in enumerate(rounds, 1):
        tasks += [(index, unit) for unit in sorted(members, key=lambda u: -cost(u))]
    pending: dict[int, int] = defaultdict(int)
    left: dict[int, float] = defaultdict(float)  # estimated cost of a round's units not yet done
    for index, unit in tasks:
        pending[index] += 1
        left[index] += cost(unit)
    last = len(rounds)
    done: list[tuple[int, UnitResult]] = []
    complete = -1  # highest index such that it and every lower one are complete
    start, cost_done = time.perf_counter(), 0.0

    def record(position: int, result: UnitResult) -> None:
        nonlocal complete, cost_done
        index, unit = tasks[position]
        done.append((index, result))
        pending[index] -= 1
        left[index] -= cost(unit)
        cost_done += cost(unit)
        while complete < last and pending[complete + 1] == 0:
            complete += 1
            if complete > 0:
                progress(f"round {complete}/{last} complete")

    def go_on() -> bool:
        if complete < 1 or complete == last:
            return True
        now = time.perf_counter()
        pace = cost_done / max(1e-9, now - start)
        return now < deadline and now + left[complete + 1] / max(1e-9, pace) <= deadline

    while complete < last and pending[complete + 1] == 0:  # nothing to run in them
        complete += 1
    if jobs <= 1:
        for position, (_, unit) in enumerate(tasks):
            if not go_on():
                break
            record(position, run_unit(unit, peers))
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:  # leaving the block terminates it
            results = pool.imap_unordered(_run_task, [(p, u, peers) for p, (_, u) in enumerate(tasks)], chunksize=1)
            for _ in tasks:
                if not go_on():
                    break
                timeout = None if complete < 1 or deadline == math.inf else deadline - time.perf_counter()
                try:
                    position, result = results.next(timeout)
                except multiprocessing.TimeoutError:
                    break
                record(position, result)
    if complete < last:
        progress(f"stopped: round {complete + 1} would not end before the deadline")
    return [result for index, result in done if index <= complete], max(0, complete)


def _run_task(task: tuple[int, Unit, tuple[str, ...]]) -> tuple[int, UnitResult]:
    position, unit, peers = task
    return position, run_unit(unit, peers)


@dataclass
class Row:
    kind: str
    channel: str
    documents: int
    documents_total: int
    words: int  # reference words (clean: words)
    values: dict[str, float]  # label -> pooled WER (clean: edits per 10,000 words)


def pool_rows(results: list[UnitResult], totals: dict[tuple[str, str], int]) -> list[Row]:
    groups: dict[tuple[str, str], list[UnitResult]] = defaultdict(list)
    for result in results:
        groups[result.unit_kind, result.channel].append(result)
    rows = []
    for (kind, channel), members in groups.items():
        words = sum(r.reference_words for r in members)
        scale = 10_000 if kind == "clean" else 1
        values = {
            label: scale * sum(r.errors[label] for r in members) / max(1, words) for label in members[0].errors
        }
        rows.append(Row(kind, channel, len(members), totals[kind, channel], words, values))
    sim_order = list(CHANNELS)
    rank = {"real": 0, "sim": 1, "clean": 2}

    def key(row: Row):
        order = REAL_CHANNEL_ORDER if row.kind == "real" else sim_order
        return (rank[row.kind], order.index(row.channel) if row.channel in order else len(order), row.channel)

    return sorted(rows, key=key)


# --------------------------------------------------------------------------------------------------
# Report


def _reduction(row: Row) -> float:
    before = row.values["before"]
    return 1 - row.values["textfix"] / before if before else 0.0


def ahead_of_peers(row: Row) -> list[str]:
    """The peer columns textfix is not strictly ahead of (lower) on this row."""
    mine = row.values["textfix"]
    return [label for label in COMPETITORS[1:] if label in row.values and not mine < row.values[label]]


def format_table(rows: list[Row]) -> str:
    """The Markdown table: one row per channel, a column per system the rows have figures for."""
    competitors = [label for label in COMPETITORS if all(label in row.values for row in rows)]
    header = ["corpus", "channel", "docs", "ref. words", "WER before", "textfix", "textfix Δ", "layout only",
              *competitors[1:], "textfix ahead of every peer"]
    lines = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 3) + "---|"]
    for row in rows:
        best = min(row.values[label] for label in competitors)
        digits = 2 if row.kind == "clean" else 4

        def cell(label: str) -> str:
            value = row.values[label]
            text = f"{value:.{digits}f}"
            return f"**{text}**" if label in competitors and math.isclose(value, best, abs_tol=1e-12) else text

        behind = ahead_of_peers(row)
        verdict = "yes" if not behind else "no: " + ", ".join(behind)
        if row.kind == "clean":
            channel = "no damage — **word edits per 10,000 words** (not WER)"
            delta = "—"
        else:
            channel = row.channel + (" (seed article)" if row.channel == "pdf-print" else "")
            delta = f"{-100 * _reduction(row):+.0f}%"
        docs = f"{row.documents}" if row.documents == row.documents_total else f"{row.documents} of {row.documents_total}"
        cells = [row.kind, channel, docs, str(row.words), cell("before"), cell("textfix"), delta, cell("layout only"),
                 *(cell(label) for label in competitors[1:]), verdict]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(rows: list[Row]) -> tuple[str, bool]:
    by_key = {(r.kind, r.channel): r for r in rows}
    lines = ["| target | figure | met |", "|---|---|---|"]
    all_met = True

    def add(target: str, figure: str, met: bool | None) -> None:
        nonlocal all_met
        all_met = all_met and bool(met)
        lines.append(f"| {target} | {figure} | {'n/a' if met is None else ('yes' if met else '**no**')} |")

    for kind, channel in PDFMINER_TARGETS:
        row = by_key.get((kind, channel))
        if row:
            r = _reduction(row)
            add(f"{kind} {channel} (lost spaces): WER reduced by ≥ {PDFMINER_REDUCTION:.0%}",
                f"{row.values['before']:.4f} → {row.values['textfix']:.4f} ({r:.1%})", r >= PDFMINER_REDUCTION)
    for kind, channel in OCR_TARGETS:
        row = by_key.get((kind, channel))
        if row:
            r = _reduction(row)
            add(f"{kind} {channel} (OCR): WER reduced by ≥ {OCR_REDUCTION:.0%}",
                f"{row.values['before']:.4f} → {row.values['textfix']:.4f} ({r:.1%})", r >= OCR_REDUCTION)
    clean = by_key.get(("clean", "clean"))
    if clean:
        value = clean.values["textfix"]
        add(f"clean text: ≤ {CLEAN_EDITS_PER_10K:g} word edit per 10,000 words", f"{value:.2f} per 10,000 ({clean.words} words)",
            value <= CLEAN_EDITS_PER_10K)
    damaged_rows = [r for r in rows if r.kind != "clean"]
    failing = [f"{r.kind} {r.channel} ({', '.join(ahead_of_peers(r))})" for r in damaged_rows if ahead_of_peers(r)]
    add("textfix ahead of every peer row (plain and layout-fair) on every channel",
        f"ahead on {len(damaged_rows) - len(failing)} of {len(damaged_rows)} channels"
        + (f"; behind or tied on: {'; '.join(failing)}" if failing else ""),
        not failing)
    return "\n".join(lines), all_met


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=Path(__file__).resolve().parent,
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


# --------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="corpus folder (default: the repository's corpus/, with what it includes)")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(DEFAULT_SEEDS),
                        help=f"simulator seeds (default: {' '.join(map(str, DEFAULT_SEEDS))})")
    parser.add_argument("--budget", type=float, default=DEFAULT_BUDGET,
                        help="wall-clock seconds for the whole command; the damaged documents run in rounds of "
                             f"1/{ROUNDS} of every channel and the rounds that do not fit are left out "
                             f"(default {DEFAULT_BUDGET:.0f}; 0 = no limit)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: every core)")
    parser.add_argument("--write", metavar="FILE", help="also write the report, with the command, to FILE")
    args = parser.parse_args(argv)
    wall_start = time.perf_counter()
    peers = PEERS
    jobs = max(1, args.jobs)

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - wall_start:5.0f} s] {message}", file=sys.stderr, flush=True)

    corpus = load_corpus(args.corpus)
    real, sim, clean = build_units(corpus, args.seeds)
    damaged = real + sim
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for unit in (*damaged, *clean):
        totals[unit.kind, unit.channel] += 1

    load_start = time.perf_counter()
    for peer in peers:
        load_peer(peer)
    load_seconds = time.perf_counter() - load_start
    calibrate_start = time.perf_counter()
    costs = calibrate(real or sim, peers)
    cost = {
        unit: costs.unit(line_stats(unit.text), line_stats(textfix.fix(unit.text, LAYOUT)), unit.words)
        for unit in (*damaged, *clean)
    }
    calibrate_seconds = time.perf_counter() - calibrate_start
    estimate = sum(cost.values()) / jobs
    progress(f"dictionaries loaded, sample timed: about {estimate:.0f} s of work for everything on {jobs} "
             f"worker(s) if they have the cores to themselves; budget {args.budget:.0f} s in all")

    deadline = wall_start + args.budget - 5 if args.budget else math.inf  # 5 s to pool, score and print
    rounds = plan_rounds(damaged, ROUNDS)
    run_start = time.perf_counter()
    results, complete = run_rounds(clean, rounds, jobs, peers, deadline, cost.__getitem__, progress)
    run_seconds = time.perf_counter() - run_start
    rows = pool_rows(results, totals)

    seconds: dict[str, float] = defaultdict(float)
    failures = []
    for result in results:
        for system, value in result.seconds.items():
            seconds[system] += value
        failures += [f"{result.name}: {label}: {text}" for label, text in result.failures.items()]
    run_names = {(r.unit_kind, r.channel, r.name) for r in results}
    run_words = sum(u.words for u in damaged if (u.kind, u.channel, u.name) in run_names)
    all_words = sum(u.words for u in damaged)
    clean_words = sum(u.words for u in clean)

    table = format_table(rows)
    target_table, all_met = targets(rows)
    wall = time.perf_counter() - wall_start
    notes = [
        "WER: word-level Levenshtein distance / reference words (`textfix.score`), pooled over a channel's documents; "
        "lower is better; the best of textfix and the six peer columns is **bold**. 'textfix Δ' is textfix's change of "
        "WER against the input. 'layout only' is `textfix.fix(text, Config(profile=\"layout\"))`, which never changes "
        "a word.",
        "Peers run line by line, keeping the lines (blank lines stay blank). '(layout-fair)' = textfix's layout-only "
        "profile first, then the peer on each line (one paragraph per line) of its output.",
        "lookup_compound: `SymSpell(max_dictionary_edit_distance=2, prefix_length=7)`, bundled unigram + bigram "
        "dictionaries, `lookup_compound(line, max_edit_distance=2)` with its default options (it lowercases and drops "
        "punctuation: that is its documented default behaviour, not a set-up choice of this benchmark). "
        "word_segmentation: `SymSpell(max_dictionary_edit_distance=0, prefix_length=7)` + unigram dictionary, as in "
        "symspellpy's word-segmentation example, `word_segmentation(line).corrected_string`. "
        "wordninja: `' '.join(wordninja.split(line))`.",
        f"real: every damaged document of the corpus ({len(real)}); sim: the {len(clean)} distinct clean texts of the "
        f"corpus x channels {', '.join(CHANNELS)} x seeds {', '.join(map(str, args.seeds))} "
        f"(`textfix.simulate.simulate_channel`); clean: the same distinct clean texts, undamaged ({clean_words} words).",
        (f"Every document of every channel was run ({all_words} damaged-input words)."
         if complete == ROUNDS else
         f"**Subsampled to fit the time budget** ({args.budget:.0f} s for the command): each channel's documents, in "
         f"BLAKE2-digest order of their names, were run in {ROUNDS} rounds of 1/{ROUNDS}; {complete} of {ROUNDS} rounds "
         f"were complete at the deadline, so each channel keeps its first ceil({complete}/{ROUNDS} x n) documents (the "
         f"'docs' column says 'k of n'), the same documents for every system: {run_words} of {all_words} damaged-input "
         f"words. Every figure is measured on those documents, none extrapolated; the clean texts always run in full. "
         f"`--budget 0` runs everything."),
        f"Timing sample, measured first ({costs.sample_words} words of real pdfminer, tesseract-150 and pdftotext "
        "text, as extracted (short lines) and as paragraphs (long lines); CPU time per 1,000 input words, one process): "
        + costs.describe() + f". Estimated work for everything: {estimate:.0f} s of wall time on {jobs} uncontended "
        "worker(s).",
        "CPU seconds spent per system in this run (plain + layout-fair for the peers): "
        + ", ".join(f"{name} {value:.0f}" for name, value in sorted(seconds.items(), key=lambda kv: -kv[1])) + ".",
        f"Wall time: {wall:.0f} s in all ({load_seconds:.0f} s loading the peers' dictionaries, {calibrate_seconds:.0f} s "
        f"timing the sample and estimating, {run_seconds:.0f} s running and scoring on {jobs} worker process(es)); "
        f"machine: {os.cpu_count()} cores (shared with other work: load average {os.getloadavg()[0]:.1f} at the end), "
        f"Python {platform.python_version()}.",
        f"Versions: textfix {textfix.__version__} (commit {_commit()} plus the working tree at run time; its fixers are "
        f"being changed, so its figures move), symspellpy {_version('symspellpy')}, wordninja {_version('wordninja')}, "
        f"rapidfuzz {_version('rapidfuzz')}.",
    ]
    if failures:
        notes.append("Failures (the system's output counted as its input unchanged): " + "; ".join(failures[:10])
                     + (f"; and {len(failures) - 10} more" if len(failures) > 10 else ""))

    report = "\n".join([
        "## Word repair: textfix vs symspellpy and wordninja\n",
        table,
        "\n## Targets (issue 4, §7)\n",
        target_table,
        f"\nAll targets met: {'yes' if all_met else 'no'}.",
        "\n## Notes\n",
        *(f"- {note}" for note in notes),
    ])
    print(report)
    if args.write:
        command = "python benchmarks/word_repair.py" + "".join(f" {a}" for a in (sys.argv[1:] if argv is None else argv))
        Path(args.write).write_text(
            "# Word repair benchmark\n\n"
            "Produced by one command, from the root of the repository:\n\n"
            f"```sh\n{command}\n```\n\n"
            f"Run on {time.strftime('%Y-%m-%d')}; its output follows verbatim.\n\n"
            + report + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
