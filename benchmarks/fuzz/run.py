"""Fuzz textfix's repair with damage-like text; report and keep what fails (issue 7, part 3).

    python benchmarks/fuzz/run.py --examples 20000             # hypothesis (default engine)
    python benchmarks/fuzz/run.py --examples 2000 --seed 7     # another stream of inputs
    python benchmarks/fuzz/run.py --engine atheris --examples 100000   # coverage-guided (pip install atheris)
    python benchmarks/fuzz/run.py --replay                     # re-run every saved crash

Every input is checked for these properties (``check``):

1. ``textfix.repair`` returns, within ``--hang`` seconds, a Repair whose text is a ``str``;
2. its edits are sorted, disjoint, inside the input, each with a fixer and a reason, and
   ``apply_edits(input, edits)`` reproduces the output;
3. every non-white-space character that the output lacks lies inside an edit: the text between
   two edits appears unchanged in the output, at the offset the edits before it shift it to
   (checked on its own, without ``apply_edits``);
4. the output encodes as UTF-8 (the ``unicode`` fixer replaces lone surrogates; with it disabled,
   only surrogates may fail to encode).

Profiles vary: mostly ``default``, sometimes ``layout`` or ``minimal``, or the default with a fixer
or two disabled (``Config(disable=...)``: the fixers after it then see damage it would have
repaired).

Inputs (hypothesis strategies, reusing ``tests/test_invariants.py``'s ``TEXT`` and ``AWKWARD``) are
biased toward damaged text: line breaks of every kind, line-end hyphens, form feeds and page
numbers, digits, control and invisible characters, bidi marks, mixed scripts, mojibake and
ligatures, URLs and code, two-column lines, repeated lines, fragments of the corpus (clean and
damaged) and the damage simulator's channels applied to corpus fragments.

Each distinct failure (exception type and the innermost textfix frame, or the property broken) is
shrunk (delta debugging over characters, bounded) and saved once to ``benchmarks/fuzz/crashes/``
as JSON (``text`` keeps lone surrogates via JSON escapes). The run prints how many inputs were
tried and what failed; it exits 1 when something did.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import signal
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

CRASHES = HERE / "crashes"
# A profile name, or "-name,name" for the default profile with those fixers disabled (a user may
# switch any fixer off, and the ones after it then see text that it would have repaired).
PROFILES = ("default",) * 6 + ("layout", "minimal", "-unicode", "-page_furniture", "-unwrap_lines",
                                 "-unicode,unwrap_lines", "-whitespace", "-dehyphenate,unwrap_lines")


def _config(profile: str):
    import textfix

    if profile.startswith("-"):
        return textfix.Config(disable=tuple(profile[1:].split(",")))
    return textfix.Config(profile=profile)


# ---------------------------------------------------------------------------------------------
# The properties


class Hang(Exception):
    pass


def _on_alarm(signum, frame):
    raise Hang()


def check(text: str, profile: str = "default", hang: float = 10.0) -> str | None:
    """None when every property holds, else a one-line description of what failed (its first
    line is the failure's signature, used to tell distinct failures apart)."""
    import textfix
    from textfix.edits import apply_edits

    config = _config(profile)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, hang)
    try:
        result = textfix.repair(text, config)
    except Hang:
        return f"hang: repair took more than {hang:.0f} s"
    except Exception as error:  # noqa: BLE001 (a crash is what we look for)
        return f"raises {type(error).__name__} at {_innermost(error)}\n{''.join(traceback.format_exception(error))}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    out = result.text
    if not isinstance(out, str):
        return f"output is {type(out).__name__}, not str"
    position = 0
    for edit in result.edits:
        if not (position <= edit.start <= edit.end <= len(text)):
            return f"edits unsorted, overlapping or outside the input: {edit!r}"
        if not edit.fixer or not edit.reason:
            return f"edit without a fixer or a reason: {edit!r}"
        position = edit.end
    try:
        reproduced = apply_edits(text, result.edits)
    except Exception as error:  # noqa: BLE001
        return f"apply_edits raises {type(error).__name__}: {error}"
    if reproduced != out:
        return "edits do not reproduce the output"
    # Property 3, on its own: the text between edits is in the output, where the edits put it.
    position, shift = 0, 0
    for edit in [*result.edits, None]:
        start = len(text) if edit is None else edit.start
        kept = text[position:start]
        if out[position + shift : position + shift + len(kept)] != kept:
            lost = next((c for c in kept if not c.isspace()), None)
            return f"text outside every edit changed (near offset {position}; first non-space {lost!r})"
        if edit is not None:
            shift += len(edit.replacement) - (edit.end - edit.start)
            position = edit.end
    if len(out) != len(text) + shift:
        return "the output is longer or shorter than the edits account for"
    try:
        out.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = out[error.start : error.end]
        if "unicode" in config.fixers or not all(0xD800 <= ord(c) <= 0xDFFF for c in bad):
            return f"output not UTF-8 encodable: {bad!r} ({profile} profile)"
    return None


def _innermost(error: BaseException) -> str:
    """The innermost frame of the traceback inside textfix: where the failure happened."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if "/textfix/" in f.filename.replace("\\", "/")] or frames
    frame = inside[-1] if inside else None
    return f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})" if frame else "?"


def signature(problem: str) -> str:
    return problem.splitlines()[0]


# ---------------------------------------------------------------------------------------------
# Inputs


def strategies():
    """The hypothesis strategy of (text, profile) pairs."""
    from hypothesis import strategies as st

    from test_invariants import AWKWARD, TEXT  # noqa: E402 (tests/ is on the path)
    from textfix.corpus import load_corpus
    from textfix.simulate import CHANNELS, simulate_channel

    corpus = [d.text() for d in load_corpus().documents]
    channels = sorted(CHANNELS)

    @st.composite
    def fragment(draw):
        text = corpus[draw(st.integers(0, len(corpus) - 1))]
        start = draw(st.integers(0, max(0, len(text) - 1)))
        return text[start : start + draw(st.integers(1, 600))]

    @st.composite
    def damaged_fragment(draw):
        clean = draw(fragment())
        return simulate_channel(clean, draw(st.sampled_from(channels)), seed=draw(st.integers(0, 10_000)))

    damage = st.sampled_from([
        "-\n", "-\n\n", "¬\n", "\u00ad\n", "\u2010\n", " -\n", "\f", "\f\f", "\n\f\n", "\r\n", "\r", "\u2028", "\u2029",
        "\x85", "\x0b", "\n\n\n", "   ", "\t\t", "\xa0", "\u3000", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
        "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
        "\x00", "\x01", "\x1b[31m", "\x1c", "\x1f", "\x7f", "\x80", "\x9d", "\ud800", "\udfff", "\ud83d", "\U0001F600",
        "\u0301", "e\u0301", "´e", "¨o", "˜/", "ˆ2", "ﬁ", "ﬂ", "ﬀ", "ﬃ", "ﬄ", "ﬅ", "Ã©", "â€™", "â€œ", "Ã¼",
        "- 3 -", "Page 3 of 9", "[12]", "iv", "\n12\n", "\n- 4 -\n", "Chapter 2", "ANNUAL REPORT",
        "https://example.com/a-b", "\nhttps://x.org/story-1\n\n", "www.x.org", "me@example.org", "~/.bashrc",
        "snake_case", "camelCase", "--option", "x = 1", "$ ls -l", ">>> f(x)", "• ", "\n1. ", "\n(a) ", "* ",
        "$3.1BIn", "rnodern", "AIso", "l0ve", "Ox1OFFFF", "signi cant", "o ce", "theyknow", "Merkelnoted",
        "retur n", "in- stall", "family.He", "file . The", "U.S.", "e.g.", "3.11", "1,000", "2019", "0" * 30,
        "Привет, мир", "Москва", "中文文本", "。", "مرحبا", "שלום", "ελληνικά", "हिन्दी", "ﾃｽﾄ", "ǅ", "İı", "ß",
        "left column text      right column text\n", "----", "....", "!!!!", "''''", "’’", "\"\"", "«»", "…",
    ])
    word = st.sampled_from(["the", "and", "economic", "partnership", "Xi", "Putin", "Russia", "signed",
                            "econo", "mic", "state-of-the-art", "China-", "a", "I", "of", "to"])
    atom = st.one_of(damage, AWKWARD, word.map(lambda w: w + " "), fragment(), damaged_fragment(),
                     st.text(max_size=8), st.from_regex(r"[0-9]{1,12}", fullmatch=True),
                     st.sampled_from(["\n", " ", "\n\n"]))
    repeated = st.tuples(st.lists(atom, min_size=1, max_size=6).map("".join), st.integers(2, 30)).map(
        lambda pair: pair[0] * pair[1])  # running heads, columns, verse: the same line again and again
    text = st.one_of(
        st.lists(atom, max_size=60).map("".join),
        st.lists(st.one_of(atom, repeated), max_size=12).map("".join),
        fragment(), damaged_fragment(), TEXT,
        st.lists(fragment(), min_size=1, max_size=4).map("\f".join),  # pages
    )
    return st.tuples(text, st.sampled_from(PROFILES))


# ---------------------------------------------------------------------------------------------
# Shrinking and saving


def shrink(text: str, profile: str, wanted: str, budget: float = 60.0) -> str:
    """A smaller input with the same failure signature (delta debugging over characters, then
    single characters; stops after ``budget`` seconds)."""
    deadline = time.monotonic() + budget

    def fails(candidate: str) -> bool:
        problem = check(candidate, profile, hang=20.0 if wanted.startswith("hang") else 10.0)
        return problem is not None and signature(problem) == wanted

    chunks = 2
    while len(text) >= 2 and time.monotonic() < deadline:
        size = max(1, len(text) // chunks)
        reduced = False
        for start in range(0, len(text), size):
            candidate = text[:start] + text[start + size :]
            if fails(candidate):
                text, chunks, reduced = candidate, max(chunks - 1, 2), True
                break
            if time.monotonic() >= deadline:
                break
        if not reduced:
            if size == 1:
                break
            chunks = min(len(text), chunks * 2)
    return text


def save(text: str, profile: str, problem: str, original: str) -> Path:
    CRASHES.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(signature(problem).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    path = CRASHES / f"{key}.json"
    path.write_text(json.dumps({"signature": signature(problem), "profile": profile, "text": text,
                                "original_text": original, "problem": problem}, indent=1) + "\n", encoding="ascii")
    return path


# ---------------------------------------------------------------------------------------------
# Engines


class Tally:
    def __init__(self, shrink_budget: float, hang: float):
        self.tried = 0
        self.failures: dict[str, tuple[str, str, str]] = {}  # signature -> (text, profile, problem)
        self.counts: dict[str, int] = {}
        self.shrink_budget = shrink_budget
        self.hang = hang
        self.started = time.monotonic()

    def run(self, text: str, profile: str) -> str | None:
        self.tried += 1
        problem = check(text, profile, self.hang)
        if problem is not None:
            key = signature(problem)
            self.counts[key] = self.counts.get(key, 0) + 1
            if key not in self.failures:
                small = shrink(text, profile, key, self.shrink_budget)
                self.failures[key] = (small, profile, check(small, profile, self.hang) or problem)
                path = save(small, profile, self.failures[key][2], text)
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                print(f"  new failure after {self.tried} inputs: {key}\n    saved {shown} "
                      f"(shrunk {len(text)} -> {len(small)} characters)", flush=True)
        if self.tried % 1000 == 0:
            print(f"  {self.tried} inputs, {len(self.failures)} distinct failures, "
                  f"{time.monotonic() - self.started:.0f} s", flush=True)
        return problem


def run_hypothesis(tally: Tally, examples: int, seed: int, time_budget: float | None) -> None:
    from hypothesis import HealthCheck, given, seed as hypothesis_seed, settings

    deadline = None if time_budget is None else time.monotonic() + time_budget

    class Enough(Exception):
        pass

    @hypothesis_seed(seed)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), phases=["generate"])
    @given(strategies())
    def fuzz(case):
        if deadline is not None and time.monotonic() > deadline:
            raise Enough()
        tally.run(*case)  # never raises: failures are tallied

    try:
        fuzz()
    except Enough:
        print(f"  time budget of {time_budget:.0f} s reached", flush=True)


def run_atheris(tally: Tally, examples: int, seed: int, time_budget: float | None) -> None:
    """libFuzzer through atheris, over textfix instrumented for coverage, from a seed corpus of
    corpus fragments. libFuzzer ends the process itself when done ("Done N runs"); every new
    failure is shrunk and saved as it is found."""
    import tempfile

    import atheris

    with atheris.instrument_imports():
        import textfix  # noqa: F401 (instrumented: imported here first)
        import textfix.fixers  # noqa: F401
        from textfix.fixers import FIXER_NAMES, fixer_module

        for name in FIXER_NAMES:
            fixer_module(name)
    from textfix.corpus import load_corpus

    textfix.repair("Warm up: the lexicon loads once. Merkelnoted a signi cant step.\n")

    def one(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        profile = PROFILES[provider.ConsumeIntInRange(0, len(PROFILES) - 1)]
        tally.run(provider.ConsumeUnicode(len(data)), profile)  # (lone surrogates included)

    seeds = Path(tempfile.mkdtemp(prefix="textfix-fuzz-seeds-"))  # libFuzzer adds what it finds here
    rng = random.Random(seed)
    for k, document in enumerate(load_corpus().documents):
        text = document.text()
        start = rng.randrange(max(1, len(text) - 400))
        # (the first bytes choose the profile and the string width: 0 = default, 1 = 8-bit strings)
        (seeds / f"{k:03d}").write_bytes(b"\x00\x01" + text[start : start + 400].encode("utf-8"))
    argv = [sys.argv[0], f"-runs={examples}", f"-seed={seed or 1}", "-max_len=4096", str(seeds)]
    if time_budget is not None:
        argv.insert(1, f"-max_total_time={int(time_budget)}")
    print(f"  seed corpus in {seeds}", flush=True)
    atheris.Setup(argv, one)
    atheris.Fuzz()


def replay() -> int:
    failed = 0
    for path in sorted(CRASHES.glob("*.json")):
        case = json.loads(path.read_text(encoding="ascii"))
        problem = check(case["text"], case["profile"])
        status = "still fails: " + signature(problem) if problem else "fixed"
        failed += problem is not None
        print(f"{path.name}: {status}")
    return 1 if failed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=1000, help="inputs to try")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--engine", choices=("hypothesis", "atheris"), default="hypothesis")
    parser.add_argument("--time-budget", type=float, help="stop after this many seconds")
    parser.add_argument("--hang", type=float, default=10.0, help="seconds after which one repair counts as hung")
    parser.add_argument("--shrink-budget", type=float, default=60.0, help="seconds spent shrinking each new failure")
    parser.add_argument("--replay", action="store_true", help="re-run the saved crashes and say which still fail")
    args = parser.parse_args(argv)
    if args.replay:
        return replay()
    tally = Tally(args.shrink_budget, args.hang)
    if args.engine == "hypothesis":
        import textfix

        textfix.repair("Warm up: the lexicon loads once. Merkelnoted a signi cant step.\n")
    started = time.monotonic()
    (run_atheris if args.engine == "atheris" else run_hypothesis)(tally, args.examples, args.seed, args.time_budget)
    elapsed = time.monotonic() - started
    print(f"\n{tally.tried} inputs tried in {elapsed:.0f} s ({args.engine}, seed {args.seed}); "
          f"{len(tally.failures)} distinct failure(s)")
    for key, (text, profile, problem) in tally.failures.items():
        print(f"- {key} ({tally.counts[key]}×, {profile} profile): smallest input {text[:120]!r}")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
