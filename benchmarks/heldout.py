"""Word repair on text no rule was tuned on: this machine's manual pages and Python's docstrings.

    python benchmarks/heldout.py                 # prints a Markdown report
    python benchmarks/heldout.py --limit 40000   # characters read from each text (default)

The corpus (``corpus/``) is what textfix's rules were developed against; a figure measured there
can flatter them. This benchmark takes texts from elsewhere, made on the spot from what the machine
has: manual pages rendered by ``man`` (one paragraph per line: ``MANWIDTH`` wide) and ``pydoc``
text of standard-library modules (docstrings; not Python's HTML documentation, which is kept for
an independent evaluation). Technical text is the hard case for word repair: identifiers, options,
terms the lexicon lacks (``filesystem``, ``tty``), one-letter variables.

It reports, per text and in total:

- **clean**: word edits (edits by ``join_split_words``, ``punctuation_spacing``,
  ``split_merged_words``, ``ocr_confusions``, ``broken_ligatures``) per 10,000 words of the text
  as it is; the target is at most 1;
- **damaged**: WER before and after ``textfix.fix`` on the manual pages damaged by the simulator's
  ``pdfminer`` and ``ocr`` channels (seed 1), scored against the clean page put through the
  layout-only profile (so that only word damage counts).

Texts a machine lacks are skipped and named. Nothing is written.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textfix  # noqa: E402
from textfix.simulate import simulate_channel  # noqa: E402

MAN_PAGES = (
    "tar.1 grep.1 sed.1 find.1 ssh.1 rsync.1 curl.1 bash.1 cron.8 mount.8 signal.7 socket.7 tcp.7 unix.7 "
    "regex.7 locale.7 environ.7 hier.7 boot.7 ascii.7 credentials.7 epoll.7 inotify.7 namespaces.7 "
    "cgroups.7 ip.7 udp.7 path_resolution.7 capabilities.7 futex.7"
).split()
PYDOC_MODULES = (
    "json argparse collections functools itertools logging pathlib subprocess threading csv textwrap "
    "difflib string datetime calendar"
).split()
WORD_FIXERS = ("join_split_words", "punctuation_spacing", "split_merged_words", "ocr_confusions", "broken_ligatures")
CHANNELS = ("pdfminer", "ocr")


def man_page(name: str) -> str | None:
    page, section = name.rsplit(".", 1)
    if shutil.which("man") is None:
        return None
    env = {**os.environ, "MANWIDTH": "2000", "MAN_KEEP_FORMATTING": "0"}
    done = subprocess.run(["man", "-P", "cat", section, page], capture_output=True, text=True, env=env)
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return "".join(c for c in _strip_overstrike(done.stdout))


def _strip_overstrike(text: str) -> str:
    # man's bold and underline as 'c\bc' and '_\bc' when col is absent
    out: list[str] = []
    for character in text:
        if character == "\b" and out:
            out.pop()
        elif character != "\b":
            out.append(character)
    return "".join(out)


def pydoc_text(module: str) -> str | None:
    done = subprocess.run([sys.executable, "-m", "pydoc", module], capture_output=True, text=True,
                          env={**os.environ, "PAGER": "cat", "MANPAGER": "cat"})
    return done.stdout if done.returncode == 0 and done.stdout.strip() else None


def word_edits(text: str) -> list[tuple[str, str, str]]:
    result = textfix.repair(text)
    return [(edit.fixer, text[edit.start:edit.end], edit.replacement) for edit in result.edits
            if any(name in edit.fixer.split("+") for name in WORD_FIXERS)]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")[:30]


def wer_before_after(clean: str, channel: str) -> tuple[float, float, int]:
    damaged = simulate_channel(clean, channel, seed=1)
    reference = textfix.fix(clean, textfix.Config(profile="layout"))
    before, after = textfix.score(damaged, reference), textfix.score(textfix.fix(damaged), reference)
    return before.wer, after.wer, after.reference_words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=40_000, help="characters read from each text")
    args = parser.parse_args(argv)
    texts, missing = [], []
    for name in MAN_PAGES:
        text = man_page(name)
        (texts.append((f"man {name}", text[: args.limit])) if text else missing.append(f"man {name}"))
    for module in PYDOC_MODULES:
        text = pydoc_text(module)
        (texts.append((f"pydoc {module}", text[: args.limit])) if text else missing.append(f"pydoc {module}"))

    print("## Clean text: word edits\n")
    print("| text | words | word edits | per 10,000 words | edits |")
    print("|---|---:|---:|---:|---|")
    total_words = total_edits = 0
    for name, text in texts:
        edits = word_edits(text)
        words = len(text.split())
        total_words += words
        total_edits += len(edits)
        shown = "; ".join(f"`{_cell(before)}` → `{_cell(after)}`" for _, before, after in edits[:4])
        print(f"| {name} | {words:,} | {len(edits)} | {len(edits) / words * 1e4:.2f} | {shown} |")
    print(f"| **all** | {total_words:,} | {total_edits} | **{total_edits / max(1, total_words) * 1e4:.2f}** | |")

    print("\n## Simulated damage of the manual pages: WER before → after\n")
    print("| channel | WER before | WER after | change |")
    print("|---|---:|---:|---:|")
    for channel in CHANNELS:
        before = after = words = 0.0
        for name, text in texts:
            if not name.startswith("man "):
                continue
            b, a, n = wer_before_after(text, channel)
            before, after, words = before + b * n, after + a * n, words + n
        if words:
            print(f"| {channel} | {before / words:.4f} | {after / words:.4f} | {(after - before) / before * 100:+.1f}% |")
    if missing:
        print(f"\nNot on this machine (skipped): {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
