"""Every regular expression in textfix, fed its worst case for backtracking (issue 7, part 3).

The patterns are collected, not listed by hand: every module-level ``re``/``regex`` Pattern of every
module under ``textfix/`` (:func:`module_patterns`), plus the few compiled inside a function or
used inline (``regex.finditer(r"\\f", text)``), which :data:`INLINE` names. A completeness test
reads the source and fails when a ``compile`` or an inline call appears that neither covers, so a
new pattern cannot slip past this review.

Each pattern gets long runs (:data:`SIZE` characters) of the characters its quantifiers can match
(:func:`worst_cases`): one character repeated, and short units repeated (``a-``, ``a'``, `` \\n``,
and every literal character of the pattern after a letter, a digit or a space), each followed by
nothing or by a character that makes the match fail, and runs ``finditer`` (a search from every
position) and ``fullmatch`` over it. Nothing is timed: each pattern's inputs run in a forked
child, and an input that takes longer than :data:`HANG_GUARD` seconds fails the test (a
catastrophic pattern fails, rather than hanging the suite).

``python tests/test_regex_worst_case.py [N]`` prints, for every pattern, the worst case whose time
grows most from N to 4 N characters (default 5,000; a linear pattern grows about 4×, a quadratic
one 16×): the review tool behind the fixes, not an assertion.
"""

from __future__ import annotations

import importlib
import inspect
import multiprocessing
import pkgutil
import re
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex

import textfix

SIZE = 20_000  # characters per worst case
HANG_GUARD = 10.0  # seconds one input may take before the pattern counts as catastrophic

PATTERN_TYPES = (re.Pattern, regex.Pattern)


@dataclass(frozen=True)
class Subject:
    name: str  # where it is defined: module.NAME, or module:function for inline ones
    pattern: re.Pattern | regex.Pattern


def _inline(name: str, pattern) -> Subject:
    return Subject(name, pattern)


# Patterns compiled inside a function or passed to re/regex functions inline: the source line is
# what the completeness test looks for, the pattern is what runs.
INLINE: dict[str, tuple[str, object]] = {
    # source file: (the exact call text in the source, a pattern equivalent to the one it runs)
    "textfix.fixers.layout_columns:propose": ('regex.finditer(r"\\f", text)', regex.compile(r"\f")),
    "textfix.fixers.page_furniture:_pages": ('regex.finditer(r"\\f", text)', regex.compile(r"\f")),
    # The words a document may have lost a compound's hyphen from, as a named list.
    "textfix.fixers.dehyphenate:_restored_compounds": (
        "regex.finditer(_PLAIN_WORD_AMONG, text, restorable=restorable)",
        regex.compile(r"(?<![\w'’-])\L<restorable>(?![\w'’-])", restorable=["aaaa", "abab", "abcd" * 50])),
    "textfix.html_diff:_css_name": ('regex.sub(r"[^a-z0-9_]", "_", fixer.lower())', regex.compile(r"[^a-z0-9_]")),
    # The ligature channel's pattern, for the longest set of ligatures it is ever built from.
    "textfix.simulate:_ligature_pattern": ('return re.compile("|".join(parts))', None),
    # The token pattern of the damage channels, with its joiner (a private-use character).
    "textfix.simulate:channel": ('re.sub(rf"[^\\s{joiner}]+", damage_token, text)', re.compile("[^\\s\ue000]+")),
}


def _ligature_patterns() -> list[Subject]:
    from textfix.simulate import _ligature_pattern

    out = []
    for ligatures in (("ff", "fi", "fl", "ffi", "ffl"), ("ff", "fi"), ("ff", "fl"), ("fi",)):
        out.append(Subject(f"textfix.simulate:_ligature_pattern{ligatures}", _ligature_pattern(ligatures)))
    return out


def _modules():
    for info in pkgutil.walk_packages(textfix.__path__, "textfix."):
        if info.name.endswith("__main__"):
            continue  # (runs the command line)
        yield importlib.import_module(info.name)


def module_patterns() -> list[Subject]:
    """Every Pattern assigned at module level in textfix (named where it is assigned; a pattern
    imported into another module, or interned by ``regex``'s cache, is run once)."""
    found: dict[tuple, Subject] = {}
    for module in _modules():
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            if isinstance(value, PATTERN_TYPES) and re.search(rf"^{re.escape(name)}\s*[:=]", source, re.M):
                key = (type(value), value.pattern, value.flags)
                found.setdefault(key, Subject(f"{module.__name__}.{name}", value))
    return list(found.values())


def all_subjects() -> list[Subject]:
    subjects = module_patterns()
    subjects += [_inline(name, pattern) for name, (_, pattern) in INLINE.items() if pattern is not None]
    subjects += _ligature_patterns()
    return subjects


# ---------------------------------------------------------------------------------------------
# Worst cases

# One character of each class the patterns quantify over: letters (lower, upper, accented, title
# case, CJK, Arabic), digits (ASCII and Arabic-Indic), marks, every kind of white space, controls,
# and punctuation of every kind the patterns name.
REPRESENTATIVES = (
    "a", "A", "é", "ǅ", "中", "ب", "1", "٣", "_", "\u0301",
    " ", "\t", "\n", "\r", "\f", "\v", "\xa0", "\u2028", "\u3000", "\x1c", "\x85",
    "\x00", "\x7f", "\u200b", "\u200f", "\ufeff", "\xad", "\ud800", "\ufffd",
    ".", ",", ";", ":", "!", "?", "-", "–", "—", "'", "’", '"', "“", "(", ")", "[", "]",
    "/", "\\", "@", "#", "$", "%", "*", "+", "=", "<", ">", "~", "`", "|", "•", "¬", "ﬁ", "ª",
)
# Short units whose repetition drives the usual nested or adjacent quantifiers: words with inner
# apostrophes or hyphens, white space around line breaks, numbers with separators.
UNITS = (
    "a ", "ab ", "a-", "a'", "a’", "a.", "a,", "a\n", "a-\n", " \n", "\n ", "\t\n", "\n\n ",
    "1.", "1,", "1 ", "a1", "aA", "Aa", "AB ", "ab-", "-a", "a_", "a@", "a/", ".a", "0x", "IO",
    "rn", "ab\u0301", "\u200fa", "中 ", "a\f", "\f\n", "-\n", " -", "- ", "a\xad", "ﬁ ",
)
TAILS = ("", "\x00", "!", "\n")  # nothing, a character that (almost) every pattern refuses, a line end

# The worst cases of patterns that were once super-linear (issue 7), kept as regressions: each was
# quadratic or worse on exactly this input (at this size, seconds to hours), and is linear now.
KNOWN_WORST: dict[str, list[str]] = {
    "textfix.fixers.page_furniture._PAGE_NUMBER": ["1" + " " * SIZE + "x", " \n" * (SIZE // 2), "\t" * SIZE + "!"],
    "textfix.fixers.dehyphenate._BREAK": ["a-" * (SIZE // 2) + "\n", "ab-" * (SIZE // 3) + "x-\n"],
    "textfix.fixers.unwrap_lines._FROM_LINE_BREAK": ["\n" * SIZE, "x" + " \n" * (SIZE // 2)],
    "textfix.layout._BLANK_LINE_GAP": ["a" + " " * SIZE + "\n\n", "\n \n" * (SIZE // 3) + "!"],
    "textfix.tokens.URL": ["a." * (SIZE // 2), "a." * (SIZE // 2) + "!://x", "a-" * (SIZE // 2) + "_b://x"],
    "textfix.tokens.EMAIL": ["1" * SIZE + "@", "a." * (SIZE // 2) + "@", "a+" * (SIZE // 2) + "@x", "x@" + "a." * (SIZE // 2)],
    "textfix.tokens.WORD": ["a'" * (SIZE // 2), "a’" * (SIZE // 2) + "'"],
}


def _literals(pattern) -> set[str]:
    """The literal characters of a pattern's source (outside escapes): the punctuation it names."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else ""
    source = re.sub(r"\\[pPN]\{[^}]*\}|\\.", "", source)  # escapes and property classes
    return {c for c in source if not c.isalnum() and c not in "()[]{}?*+|^$\\" or c.isalpha() and not c.isascii()}


def worst_cases(pattern, size: int = SIZE, name: str = "") -> list[tuple[str, str]]:
    """(label, text) pairs: long runs of what the pattern may match, then a failing character
    (and the pattern's own known worst cases, when ``name`` has any)."""
    known = [(f"known worst case {k}: {text[:12]!r}…", text) for k, text in enumerate(KNOWN_WORST.get(name, []))]
    units = list(REPRESENTATIVES) + list(UNITS)
    for literal in sorted(_literals(pattern)):
        units += [literal, "a" + literal, "1" + literal, " " + literal, literal + " ", literal + "\n"]
    cases, seen = [], set()
    for unit in units:
        run = unit * (size // len(unit))
        for tail in TAILS:
            text = run + tail
            if text not in seen:
                seen.add(text)
                cases.append((f"{unit!r} × {size // len(unit)} + {tail!r}", text))
    return known + cases


# Patterns that textfix only ever anchors (``fullmatch``, or ``match`` at one position, in a
# window of a few dozen characters at most): a search from every position is not how they run, and
# some are quadratic that way (``\p{L}(?=[\p{L}0158]*[0158])`` rescans a long word from each
# letter), so they get ``fullmatch`` and ``match`` only.
ANCHORED = {
    "textfix.fixers.ocr_confusions._WORD_WITH_DIGITS": "fullmatch(core)",
    "textfix.fixers.ocr_confusions._AMOUNT": "fullmatch(core)",
    "textfix.fixers.ocr_confusions._INNER_CAPITAL_I": "fullmatch(core)",
    "textfix.fixers.ocr_confusions._HEX_WITH_LETTER_O": "fullmatch(core)",
    "textfix.fixers.split_merged_words._CASE_BOUNDARY": "fullmatch(core)",
    "textfix.fixers.punctuation_spacing._WORD_AFTER": "match(text, end, end + 40)",
    "textfix.fixers.unwrap_lines._LABEL": "fullmatch(line)",
    "textfix.inputs._LEFTOVER": "fullmatch(file name)",
    "textfix.assess._PAGE_NUMBER": "fullmatch(line)",
}

# Patterns outside the files issue 7 could change that are quadratic in the way they are used,
# on inputs that the library's repair never gives them; they run at a fraction of the size, so that
# the suite stays fast and a catastrophic (worse than quadratic) change is still caught. Each is
# reported in benchmarks/ADVERSARIAL.md with its reproducer.
KNOWN_QUADRATIC = {
    # _GAP.sub(glue, text): each start inside a long token without a space rescans the token.
    # Used by the damage simulator on corpus text (short tokens) only.
    "textfix.simulate._GAP": SIZE // 50,
    # fullmatch('1' + ' ' * n + 'x'): two adjacent \s* share the run. Used by `textfix assess`.
    "textfix.assess._PAGE_NUMBER": SIZE // 10,
}


def exercise(pattern, text: str, anchored: bool = False) -> None:
    """Search from every position (finditer) and match the whole text (fullmatch); or, for an
    anchored pattern, match at the start and match the whole."""
    if anchored:
        pattern.match(text)
    else:
        for _ in pattern.finditer(text):
            pass
    pattern.fullmatch(text)


# ---------------------------------------------------------------------------------------------
# The hang guard: a forked child runs one pattern's cases and reports each one as it starts.


def _child(subject: Subject, size: int, connection) -> None:
    try:
        size = min(size, KNOWN_QUADRATIC.get(subject.name, size))
        anchored = subject.name in ANCHORED
        for label, text in worst_cases(subject.pattern, size, subject.name):
            connection.send(("start", label))
            exercise(subject.pattern, text, anchored)
        connection.send(("done", None))
    except BaseException:  # noqa: BLE001 (reported to the parent, which fails the test)
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()


def run_guarded(subject: Subject, size: int = SIZE, guard: float = HANG_GUARD) -> str | None:
    """None when every case finished, else what went wrong (the case that hung, or the error)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(subject, size, sender), daemon=True)
    child.start()
    sender.close()
    label = "(before the first case)"
    try:
        while True:
            if not receiver.poll(guard):
                return f"{subject.name}: still running after {guard:.0f} s on {label}"
            try:
                kind, value = receiver.recv()
            except EOFError:
                return f"{subject.name}: the child died (exit code {child.exitcode}) on {label}"
            if kind == "start":
                label = value
            elif kind == "done":
                return None
            else:
                return f"{subject.name}: raised on {label}:\n{value}"
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


SUBJECTS = all_subjects()


@pytest.mark.skipif(sys.platform == "win32", reason="the hang guard forks")
@pytest.mark.parametrize("subject", SUBJECTS, ids=[s.name for s in SUBJECTS])
def test_pattern_finishes_on_its_worst_cases(subject):
    problem = run_guarded(subject)
    assert problem is None, problem


def test_every_pattern_in_the_source_is_collected():
    """Each ``compile(`` in textfix's source is a module-level pattern collected above or an
    :data:`INLINE` entry; each inline ``re.``/``regex.`` call with a pattern is an INLINE entry."""
    collected = {s.name.rsplit(".", 1)[1] for s in module_patterns()}
    # (patterns that regex interns share one object: every name bound to a collected pattern counts)
    for module in _modules():
        for name, value in vars(module).items():
            if isinstance(value, PATTERN_TYPES):
                collected.add(name)
    inline_calls = {call for call, _ in INLINE.values()}
    root = Path(textfix.__file__).parent
    missing = []
    call = re.compile(r"\b(?:re|regex)\.(?:compile|sub|subn|search|match|fullmatch|finditer|findall|split)\(")
    for path in sorted(root.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not call.search(line) or line.lstrip().startswith("#"):
                continue
            assignment = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]*)?=\s*(?:re|regex)\.compile\(", line)
            if assignment and assignment.group(1) in collected:
                continue
            if any(inline in line for inline in inline_calls):
                continue
            missing.append(f"{path.relative_to(root.parent)}:{number}: {line.strip()}")
    assert not missing, "patterns not under test (add them to INLINE):\n" + "\n".join(missing)


# ---------------------------------------------------------------------------------------------
# The review tool: how each pattern's slowest worst case grows.


def _review(size: int) -> None:
    """For each pattern, the case whose time grows most from ``size`` to ``4 × size`` characters
    (among cases that take a millisecond or more), printed as it goes."""
    print(f"| pattern | case | seconds at {size:,} | × at {4 * size:,} |")
    print("|---|---|---:|---:|")
    for subject in SUBJECTS:
        anchored = subject.name in ANCHORED
        n = min(size, KNOWN_QUADRATIC.get(subject.name, size))  # (marked * in the table)
        small_cases = worst_cases(subject.pattern, n)
        large_cases = worst_cases(subject.pattern, 4 * n)
        worst = (0.0, "—", 0.0)
        for (label, small), (_, large) in zip(small_cases, large_cases):
            started = time.perf_counter()
            exercise(subject.pattern, small, anchored)
            small_seconds = time.perf_counter() - started
            if small_seconds < 0.001:
                continue
            started = time.perf_counter()
            exercise(subject.pattern, large, anchored)
            growth = (time.perf_counter() - started) / small_seconds
            if growth > worst[0]:
                worst = (growth, label.split(" × ")[0] + " + " + label.rsplit(" + ", 1)[-1], small_seconds)
        mark = f" (*{n:,} and {4 * n:,})" if n != size else ""
        print(f"| {subject.name}{mark} | {worst[1]} | {worst[2]:.4f} | {worst[0]:.1f} |", flush=True)


if __name__ == "__main__":
    _review(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
