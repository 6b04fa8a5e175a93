"""The whole chain's CPU time at two commits, side by side, on the same inputs.

    python benchmarks/compare_commits.py OLD              # OLD against the working tree
    python benchmarks/compare_commits.py OLD NEW          # two commits
    python benchmarks/compare_commits.py OLD --size 0.2   # smaller inputs (MB each)

Each commit is checked out into a temporary ``git worktree``; the inputs (``bench_inputs.py``'s
kinds, the manual pages, and the half-and-half "pdf" input of ``speed.py``) are written once, by
this tree's code, so both commits read the same bytes. For each input the two run in turn, each in
a fresh process that imports textfix from its own tree, and the best of ``--repeat`` runs of
``textfix.repair`` counts (CPU seconds, ``time.process_time``: a neighbour on the machine's other
core disturbs it less than wall time). Speed changes are meant to leave outputs alone: check that
with ``output_fingerprint.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import bench_inputs

ROOT = Path(__file__).resolve().parent.parent
_TIMER = """
import json, sys, time
import textfix
assert textfix.__file__.startswith(sys.argv[1]), textfix.__file__
text = open(sys.argv[2], encoding="utf-8").read()
textfix.fix("A first call loads the lexicon.")
best = float("inf")
for _ in range(int(sys.argv[3])):
    started = time.process_time()
    textfix.repair(text)
    best = min(best, time.process_time() - started)
print(json.dumps({"seconds": best, "chars": len(text)}))
"""


def write_inputs(folder: Path, size: int) -> list[Path]:
    """Every input kind as a file, ``size`` characters each."""
    texts = {kind: bench_inputs.text(kind, size) for kind in bench_inputs.KINDS}
    try:
        texts.update({kind: bench_inputs.text(kind, size) for kind in bench_inputs.VARIED_KINDS})
    except ValueError as error:
        print(f"(manual-page inputs left out: {error})", file=sys.stderr)
    half = size // 2
    texts["pdf-mixed"] = bench_inputs.text("pdf-corpus", half) + bench_inputs.text("pdf-simulated", size - half)
    paths = []
    for kind, text in texts.items():
        path = folder / f"{kind}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def checkout(commit: str, folder: Path) -> Path:
    tree = folder / commit.replace("/", "_")
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), commit], check=True)
    return tree


def seconds(tree: Path, path: Path, repeat: int) -> float:
    done = subprocess.run([sys.executable, "-c", _TIMER, str(tree / "textfix"), str(path), str(repeat)],
                          env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}, cwd=tree,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", help="a commit")
    parser.add_argument("new", nargs="?", help="a commit (default: the working tree)")
    parser.add_argument("--size", type=float, default=1.0, help="MB (millions of characters) per input")
    parser.add_argument("--repeat", type=int, default=2, help="runs per input and commit (the best counts)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        trees = []
        try:
            trees.append(checkout(args.old, folder))
            trees.append(checkout(args.new, folder) if args.new else ROOT)
            inputs = write_inputs(folder, int(args.size * 1_000_000))
            print(f"| input | {args.old} (s) | {args.new or 'working tree'} (s) | faster |")
            print("|---|---:|---:|---:|")
            for path in inputs:
                old, new = (seconds(tree, path, args.repeat) for tree in trees)
                print(f"| {path.stem} | {old:.2f} | {new:.2f} | {old / new:.2f} × |", flush=True)
        finally:
            for tree in trees:
                if tree != ROOT:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
