"""Does the chain's cost per MB stay flat as a document grows? Each fixer at two sizes, side by side.

    python benchmarks/scaling.py                        # the corpus inputs at 0.5 and 4 MB
    python benchmarks/scaling.py --shapes               # shaped texts (tables, many pages, ...) at n and 8 n
    python benchmarks/scaling.py --rounds               # where the time goes, round by round (1 MB inputs);
                                                        # and what the later rounds change, document by document
    python benchmarks/scaling.py --kinds clean --sizes 1,8

The adversarial inputs (``adversarial.py``) are single strange strings; the inputs here are
ordinary documents made long: many pages, many table rows, a growing vocabulary. A step that is
quadratic in pages or lines, or a per-block cost that grows with the vocabulary, shows as a fixer
whose CPU seconds per MB rise with the size (flagged ``<- grows`` past 1.5 ×). One process, CPU
time (``time.process_time``), each fixer's ``propose`` timed on the way; no timing is asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_inputs  # noqa: E402  (puts the repository first on the path)
from textfix import pipeline  # noqa: E402
from textfix.config import Config  # noqa: E402
from textfix.fixers import fixer_module  # noqa: E402

GROWS = 1.5  # a fixer whose cost per MB rises more than this between the sizes is flagged

_seconds: dict[str, float] = {}


def _time_every_fixer() -> None:
    """Wrap each fixer's ``propose`` so that its CPU seconds add up in ``_seconds``."""
    for name in Config().fixers:
        module = fixer_module(name)
        original = module.propose

        def timed(*args, _original=original, _name=name, **options):
            started = time.process_time()
            try:
                return _original(*args, **options)
            finally:
                _seconds[_name] = _seconds.get(_name, 0.0) + time.process_time() - started

        module.propose = timed


_WORDS = "the river rose over its banks and closed two bridges while the council met to discuss repairs".split()


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def _book_without_form_feeds(n: int, rng: random.Random) -> str:
    pages = ["Annual Report\n" + "\n".join(_prose(rng, 9) for _ in range(20)) + f"\n- {page} -" for page in range(1, n // 10 + 2)]
    return "\n".join(pages)


# Documents of n units (rows, lines, paragraphs, pages / 10), deterministic.
SHAPES = {
    "table rows": lambda n, rng: "\n".join(f"Item {i}  {rng.randint(1, 999)}  {rng.randint(1, 99)}.{rng.randint(0, 99)}  Acme{i % 97}" for i in range(n)),
    "hyphenated wraps": lambda n, rng: "\n".join(_prose(rng, 9) + " recon-\nstruction " + _prose(rng, 3) for _ in range(n)),
    "distinct names": lambda n, rng: "\n\n".join(f"Name{i}x said {_prose(rng, 8)}. Name{i}x noted {_prose(rng, 5)}." for i in range(n)),
    "link lines": lambda n, rng: "\n\n".join(_prose(rng, 12) + f"\nhttps://example.org/page/{i}" for i in range(n)),
    "lost spaces": lambda n, rng: "\n\n".join(_prose(rng, 12).replace(" the ", "the ") + "." for _ in range(n)),
    "spaced letters": lambda n, rng: "\n\n".join(_prose(rng, 10).replace("river", "riv er").replace("bridges", "b ridges") + "." for _ in range(n)),
    "one-word paragraphs": lambda n, rng: "\n\n".join(rng.choice(_WORDS).capitalize() + "." for _ in range(n)),
    "pages without form feeds": _book_without_form_feeds,
    "pages with form feeds": lambda n, rng: _book_without_form_feeds(n, rng).replace("\nAnnual Report", "\n\fAnnual Report"),
}


def per_mb(text: str) -> tuple[float, dict[str, float]]:
    """(the chain's CPU seconds per MB, each fixer's)."""
    pipeline.repair(text[:20_000])  # (warm: lexicon, caches)
    _seconds.clear()
    started = time.process_time()
    pipeline.repair(text)
    megabytes = len(text) / 1e6
    return (time.process_time() - started) / megabytes, {name: s / megabytes for name, s in _seconds.items()}


def compare(name: str, small: str, large: str) -> None:
    (total_small, fixers_small), (total_large, fixers_large) = per_mb(small), per_mb(large)
    print(f"{name}: {len(small) / 1e6:.2f} -> {len(large) / 1e6:.2f} MB, s/MB {total_small:.2f} -> {total_large:.2f} "
          f"({total_large / total_small:.2f} ×)")
    for fixer in Config().fixers:
        before, after = fixers_small.get(fixer, 0.0), fixers_large.get(fixer, 0.0)
        flag = "  <- grows" if before > 0.02 and after > GROWS * before else ""
        print(f"    {fixer:22s} {before:7.3f} -> {after:7.3f}{flag}")


def rounds(kinds: list[str]) -> None:
    """CPU s per MB of the chain (round 1) and of each later round, and how many word fixers
    changed anything in each later round."""
    marks: list[list] = []
    new_round, run = pipeline._WordFixerStep.new_round, pipeline._WordFixerStep.run

    def counting_new_round(step):
        marks.append([time.process_time(), 0])
        new_round(step)

    def counting_run(step, name, text, document):
        result = run(step, name, text, document)
        if result is not text and marks:
            marks[-1][1] += 1
        return result

    pipeline._WordFixerStep.new_round, pipeline._WordFixerStep.run = counting_new_round, counting_run
    try:
        print("| input | chain (round 1) | later rounds | word fixers changing anything, per later round |")
        print("|---|---:|---:|---|")
        for kind in kinds:
            text = bench_inputs.text(kind, 1_000_000)
            pipeline.repair(text[:20_000])
            marks.clear()
            started = time.process_time()
            pipeline.repair(text)
            times = [started] + [mark[0] for mark in marks] + [time.process_time()]
            spans = [b - a for a, b in zip(times, times[1:])]
            later = ", ".join(f"{s:.2f}" for s in spans[1:]) or "—"
            changed = ", ".join(str(mark[1]) for mark in marks) or "—"
            print(f"| {kind} | {spans[0]:.2f} | {later} | {changed} |")
    finally:
        pipeline._WordFixerStep.new_round, pipeline._WordFixerStep.run = new_round, run
    print()
    without_later_rounds(kinds)


def without_later_rounds(kinds: list[str]) -> None:
    """What the later rounds cost and what they change: each kind's documents one call each, with
    the rounds and without (``pipeline.WORD_ROUNDS`` set to 0), and how many outputs differ."""
    print("| documents | count | CPU s with later rounds | without | outputs that differ without |")
    print("|---|---:|---:|---:|---:|")
    rounds_allowed = pipeline.WORD_ROUNDS
    try:
        for kind in kinds:
            documents = bench_inputs.documents(kind)
            outputs, seconds = {}, {}
            for allowed in (rounds_allowed, 0):
                pipeline.WORD_ROUNDS = allowed
                started = time.process_time()
                outputs[allowed] = [pipeline.fix(document) for document in documents]
                seconds[allowed] = time.process_time() - started
            differ = sum(a != b for a, b in zip(outputs[rounds_allowed], outputs[0]))
            print(f"| {kind} | {len(documents)} | {seconds[rounds_allowed]:.2f} | {seconds[0]:.2f} | {differ} |")
    finally:
        pipeline.WORD_ROUNDS = rounds_allowed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", help="bench_inputs kinds, comma-separated (default: clean, pdf-corpus and "
                                        "ocr-simulated; with --rounds, the five kinds, manpages-pdf and foreign)")
    parser.add_argument("--sizes", default="0.5,4", help="two sizes in MB")
    parser.add_argument("--shapes", action="store_true", help="the shaped texts instead of the corpus inputs")
    parser.add_argument("--units", type=int, default=2000, help="units of a shaped text at the small size (8 × at the large)")
    parser.add_argument("--rounds", action="store_true", help="time per round instead (1 MB inputs)")
    args = parser.parse_args(argv)
    if args.rounds:
        rounds(args.kinds.split(",") if args.kinds else
               ["clean", "pdf-corpus", "pdf-simulated", "ocr-corpus", "manpages", "manpages-pdf", "foreign"])
        return 0
    _time_every_fixer()
    if args.shapes:
        for name, make in SHAPES.items():
            compare(name, make(args.units, random.Random(5)), make(8 * args.units, random.Random(5)))
        return 0
    small, large = (float(size) for size in args.sizes.split(","))
    for kind in (args.kinds or "clean,pdf-corpus,ocr-simulated").split(","):
        compare(kind, bench_inputs.text(kind, int(small * 1e6)), bench_inputs.text(kind, int(large * 1e6)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
