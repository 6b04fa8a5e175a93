"""Adversarial inputs at full size: time, throughput, cost per character against prose, peak RSS.

    python benchmarks/adversarial.py                  # full sizes (several minutes)
    python benchmarks/adversarial.py --scale 0.01     # every size a hundredth: a quick run
    python benchmarks/adversarial.py --only no-space,digits --timeout 300

Each input (:data:`CASES`) is made deterministically and repaired by ``textfix.repair`` (default
profile) in a fresh subprocess of its own, after a warm-up (import, lexicon, one small repair), so
that its time and its peak RSS (``VmHWM``, ``bench_inputs.peak_rss_mib``) are its own. Each
fixer's ``propose`` is timed on the way (the pipeline itself is unchanged), so that a case that
runs past ``--timeout`` still names the fixer it was stuck in.

Cost per character is compared with ordinary prose *of the same size, measured in the same run*:
the corpus's clean texts repeated to that size (``bench_inputs.text("clean", n)``). ``× prose``
is (seconds / characters) of the input over that of prose; the last column names every fixer
that costs more than twice its own prose cost per character (and at least 0.1 s).

Prints a Markdown table (recorded in ``benchmarks/ADVERSARIAL.md``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

MB = 1_000_000

# ---------------------------------------------------------------------------------------------
# The inputs. Each maker takes a size (in characters, or in lines where the case says so) and
# returns the text; all are deterministic.


def _no_space(n: int) -> str:
    """One line of letters without a single space (a text whose spaces the extractor lost)."""
    return ("abcdefghijklmnopqrstuvwxyz" * (n // 26 + 1))[:n]


def _long_word(n: int) -> str:
    """One pseudo-word of random lower-case letters inside a sentence of prose."""
    rng = random.Random(1)
    return "The word " + "".join(rng.choices(string.ascii_lowercase, k=n)) + " is long.\n"


def _dotted_token(n: int) -> str:
    """One token of letters joined by dots and hyphens (``a.b-c.d``): URL- and e-mail-like shapes."""
    rng = random.Random(2)
    pieces = [rng.choice(string.ascii_lowercase) + rng.choice(".-") for _ in range(n // 2)]
    return "See " + "".join(pieces) + "z for details.\n"


def _one_char_lines(lines: int) -> str:
    return "a\n" * lines


def _hyphen_lines(lines: int) -> str:
    """Lines that each end in a word broken at a hyphen, continued on the next line (corpus words:
    ``… the econo-`` / ``mic ties of the inter-`` / ``national …``)."""
    import bench_inputs

    words = sorted({w for w in bench_inputs.text("clean", 200_000).split() if w.isalpha() and w.islower() and len(w) >= 4})
    out = []
    for i in range(lines):
        before, after = words[i % len(words)], words[(i * 7 + 1) % len(words)]
        out.append(f"{before[len(before) // 2 :]} of the {after[: len(after) // 2]}-\n")
    return "".join(out)


def _digits(n: int) -> str:
    """Random digits, without a single space or line break."""
    rng = random.Random(3)
    return "".join(rng.choices(string.digits, k=n))


def _digit_lines(n: int) -> str:
    """Random digits in lines of 60 (a table of numbers)."""
    text = _digits(n)
    return "\n".join(text[i : i + 60] for i in range(0, len(text), 60))


def _punctuation(n: int) -> str:
    """Random ASCII punctuation, without a single space or line break."""
    rng = random.Random(4)
    return "".join(rng.choices(string.punctuation, k=n))


def _run(character: str):
    def make(n: int) -> str:
        return character * n

    make.__doc__ = f"{character!r} repeated"
    return make


_SCRIPTS = {
    "cyrillic": "Президент России Владимир Путин провёл переговоры с председателем КНР в Москве, "
                "стороны подписали совместное заявление о партнёрстве",
    "cjk": "中国国家主席习近平在莫斯科与俄罗斯总统普京举行会谈双方签署了关于新时代全面战略协作伙伴关系的联合声明",
    "arabic": "وقع الرئيسان بيانا مشتركا بشأن تعميق الشراكة الشاملة والتنسيق الاستراتيجي في العصر الجديد",
    "hebrew": "\u200fהנשיאים חתמו על הצהרה משותפת בדבר העמקת השותפות האסטרטגית\u200e",
    "bidi": "\u202bمرحبا\u202c \u2067שלום\u2069 \u202aHello\u202c \u202eevil\u202c \u200e123\u200f",
    "latin": "The two leaders signed a joint statement on deepening the partnership",
}


def _mixed_scripts(n: int) -> str:
    """Sentences in Cyrillic, CJK, Arabic, Hebrew (with directional marks and embeddings) and
    English, shuffled, wrapped at about 70 characters, with a line-end hyphen now and then."""
    rng = random.Random(5)
    names = sorted(_SCRIPTS)
    out, size, line = [], 0, 0
    while size < n:
        sentence = _SCRIPTS[rng.choice(names)]
        for word in sentence.split(" "):
            if line + len(word) > 70:
                piece = "\n" if rng.random() < 0.9 else "-\n"
                line = 0
            else:
                piece = " " if line else ""
            out.append(piece + word)
            line += len(word) + 1
            size += len(word) + 1
        if rng.random() < 0.1:
            out.append("\n\n")
            line = 0
    return "".join(out)[:n]


# name: (maker, size at scale 1, unit of the size, description)
CASES: dict[str, tuple] = {
    "no-space": (_no_space, 10 * MB, "chars", "a 10 MB line without a space"),
    "long-word": (_long_word, 1 * MB, "chars", "a 1 MB word (random letters) in a sentence"),
    "dotted-token": (_dotted_token, 1 * MB, "chars", "a 1 MB token of letters, dots and hyphens"),
    "one-char-lines": (_one_char_lines, 1_000_000, "lines", "1 M lines of one character"),
    "hyphen-lines": (_hyphen_lines, 100_000, "lines", "100 k lines ending in a hyphen"),
    "digits": (_digits, 10 * MB, "chars", "10 MB of digits, no white space"),
    "digit-lines": (_digit_lines, 10 * MB, "chars", "10 MB of digits in lines of 60"),
    "punctuation": (_punctuation, 10 * MB, "chars", "10 MB of ASCII punctuation, no white space"),
    "run-letter": (_run("a"), 10 * MB, "chars", "10 MB of 'a'"),
    "run-space": (_run(" "), 10 * MB, "chars", "10 MB of spaces"),
    "run-newline": (_run("\n"), 10 * MB, "chars", "10 MB of line breaks"),
    "run-hyphen": (_run("-"), 10 * MB, "chars", "10 MB of '-'"),
    "run-dot": (_run("."), 10 * MB, "chars", "10 MB of '.'"),
    "run-formfeed": (_run("\f"), 1 * MB, "chars", "1 MB of form feeds (a million empty pages)"),
    "mixed-scripts": (_mixed_scripts, 10 * MB, "chars", "10 MB of mixed scripts with bidi marks"),
}


def make_case(name: str, scale: float) -> str:
    maker, size, _, _ = CASES[name]
    return maker(max(1, int(size * scale)))


def make_prose(chars: int) -> str:
    import bench_inputs

    return bench_inputs.text("clean", chars)


# ---------------------------------------------------------------------------------------------
# The worker: one input, in a fresh process; one JSON line per fixer, then the summary.


def worker(kind: str, name: str, scale: float, chars: int) -> None:
    import textfix
    from bench_inputs import peak_rss_mib
    from textfix.fixers import FIXER_NAMES, fixer_module

    textfix.repair("Merkelnoted a signi cant rnodern step.\nThe econo-\nmic ties.\n")  # lexicon, pairs
    rss_before = peak_rss_mib()
    text = make_prose(chars) if kind == "prose" else make_case(name, scale)
    for fixer in FIXER_NAMES:
        module = fixer_module(fixer)
        original = module.propose

        def timed(current, document, _original=original, _fixer=fixer, **options):
            print(json.dumps({"start": _fixer}), flush=True)
            started = time.perf_counter()
            changes = _original(current, document, **options)
            print(json.dumps({"fixer": _fixer, "seconds": time.perf_counter() - started}), flush=True)
            return changes

        module.propose = timed
    started = time.perf_counter()
    result = textfix.repair(text)
    seconds = time.perf_counter() - started
    rss = peak_rss_mib()
    print(json.dumps({"chars": len(text), "seconds": seconds, "rss_mib": rss, "rss_before_mib": rss_before,
                      "output_chars": len(result.text), "edits": len(result.edits)}), flush=True)


def run_worker(kind: str, name: str, scale: float, chars: int, timeout: float) -> dict:
    command = [sys.executable, __file__, "--worker", kind, name, "--scale", repr(scale), "--chars", str(chars)]
    try:
        output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout, cwd=ROOT).stdout
        finished = True
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout or ""
        output = output.decode() if isinstance(output, bytes) else output
        finished = False
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    fixers: dict[str, float] = {}
    running = None  # the fixer that started last and has not finished (the word fixers run in rounds)
    for line in lines:
        if "start" in line:
            running = line["start"]
        if "fixer" in line:
            fixers[line["fixer"]] = fixers.get(line["fixer"], 0.0) + line["seconds"]
            running = None
    summary = next((line for line in lines if "chars" in line), None)
    return {"finished": finished and summary is not None, "summary": summary, "fixers": fixers, "running": running}


# ---------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (e.g. 0.01 for a quick run)")
    parser.add_argument("--only", help="comma-separated case names (default: all): " + ", ".join(CASES))
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds allowed per input")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "NAME"), help=argparse.SUPPRESS)
    parser.add_argument("--chars", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], args.worker[1], args.scale, args.chars)
        return 0

    names = args.only.split(",") if args.only else list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s) {', '.join(unknown)}; cases: {', '.join(CASES)}")
    sizes = {name: len(make_case(name, args.scale)) for name in names}
    prose: dict[int, dict] = {}
    started = time.perf_counter()
    print(f"# Adversarial inputs (Python {sys.version.split()[0]}, {os.cpu_count()} cores, scale {args.scale:g})\n")
    print("| input | characters | seconds | M chars/s | × prose per char | peak RSS (MiB) | fixers over 2 × their prose cost per char |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name in names:
        chars = sizes[name]
        if chars not in prose:  # prose of the same size, in this run
            prose[chars] = run_worker("prose", "prose", args.scale, chars, args.timeout)
            base = prose[chars]
            if base["finished"]:
                s = base["summary"]
                print(f"| *prose, {chars:,} chars* | {s['chars']:,} | {s['seconds']:.2f} | {s['chars'] / s['seconds'] / 1e6:.3f} "
                      f"| 1.00 | {s['rss_mib']:.0f} | — |", flush=True)
        base = prose[chars]
        result = run_worker("case", name, args.scale, chars, args.timeout)
        description = CASES[name][3]
        if not result["finished"]:
            where = result["running"] or "outside the fixers"
            print(f"| {description} | {chars:,} | > {args.timeout:.0f} | — | — | — | **did not finish: in {where}** |", flush=True)
            continue
        s = result["summary"]
        ratio, slow = "—", []
        if base["finished"]:
            b = base["summary"]
            ratio = f"{(s['seconds'] / s['chars']) / (b['seconds'] / b['chars']):.2f}"
            for fixer, spent in result["fixers"].items():
                prose_spent = base["fixers"].get(fixer, 0.0)
                if prose_spent > 0 and spent > 0.1:
                    over = (spent / s["chars"]) / (prose_spent / b["chars"])
                    if over > 2:
                        slow.append(f"{fixer} {over:.1f} ({spent:.1f} s)")
            other = s["seconds"] - sum(result["fixers"].values())
            prose_other = b["seconds"] - sum(base["fixers"].values())
            if prose_other > 0 and other > 0.1 and (other / s["chars"]) / (prose_other / b["chars"]) > 2:
                slow.append(f"outside the fixers {(other / s['chars']) / (prose_other / b['chars']):.1f} ({other:.1f} s)")
        print(f"| {description} | {s['chars']:,} | {s['seconds']:.2f} | {s['chars'] / s['seconds'] / 1e6:.3f} | {ratio} "
              f"| {s['rss_mib']:.0f} | {', '.join(slow) or '—'} |", flush=True)
    print(f"\n(total {time.perf_counter() - started:.0f} s; peak RSS includes the interpreter, the lexicon and the input)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
