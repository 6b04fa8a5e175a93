"""The ``textfix`` command.

    textfix fix PATH... | -  [-o DIR | --in-place | --check | --diff] [-j N] [--report FILE.jsonl]
    textfix explain FILE     each edit: line:column, fixer, before -> after, reason
    textfix diff FILE [--reference REF] [--html OUT.html]
    textfix assess PATH... [--json]
    textfix score CANDIDATE REFERENCE [--markdown [--double-escaped]] [--json]

Errors are one line naming the input and the reason; the exit status is 0 on success, 1 when an
input failed (or, with ``--check``, would change), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

from textfix.batch import (
    DEFAULT_INCLUDE,
    Input,
    Outcome,
    Report,
    Settings,
    Task,
    UsageError,
    already_done,
    collect_inputs,
    default_jobs,
    ordered_map,
    plan_targets,
    read_report,
    run_task,
    unified_diff,
)
from textfix.config import PROFILES, Config
from textfix.fixers import FIXER_NAMES
from textfix.inputs import InputError, read_bytes, read_input, remove_leftovers, write_atomically
from textfix.pipeline import Repair, repair


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    previous = _on_sigterm(_terminate)
    try:
        return args.run(args)
    except BrokenPipeError:  # `textfix fix big.txt | head`: not an error
        _silence_stdout()
        return 0
    except KeyboardInterrupt as interrupt:  # Ctrl-C, or kill (SIGTERM): see _terminate
        print("textfix: interrupted", file=sys.stderr)
        return 128 + getattr(interrupt, "signal", signal.SIGINT)
    except BrokenProcessPool:
        _error("a worker process died (killed, or out of memory?); the batch stopped (--resume goes on from here)")
        return 1
    except OSError as error:  # standard output or the report on a full disk, and the like
        _error(f"{error.filename or 'standard output'}: cannot be written: {error.strerror or error}")
        return 1
    finally:
        _on_sigterm(previous)


class _Terminated(KeyboardInterrupt):
    signal = signal.SIGTERM


def _terminate(_number, _frame):
    # A plain `kill` takes the path of Ctrl-C: no more work is handed out, files being written are
    # finished, the report keeps every finished record.
    raise _Terminated()


def _on_sigterm(handler):
    try:
        return signal.signal(signal.SIGTERM, handler)
    except (ValueError, TypeError):  # not the main thread, or no handler to restore
        return None


def _silence_stdout() -> None:
    # The interpreter flushes stdout once more at exit; point it at /dev/null so that a closed
    # pipe does not print a second error (the recipe of Python's signal documentation).
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="textfix", description="Repair text damaged by PDF extraction and OCR.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    fix = commands.add_parser("fix", help="repair files and folders (to stdout, into -o DIR, or in place)")
    fix.add_argument("inputs", nargs="+", metavar="PATH",
                     help="files, folders (walked recursively), or - for standard input")
    where = fix.add_mutually_exclusive_group()
    where.add_argument("-o", "--output-dir", metavar="DIR",
                       help="write the repaired files into DIR (UTF-8), mirroring the folders named")
    where.add_argument("--in-place", action="store_true",
                       help="rewrite the input files themselves (atomically; file mode kept)")
    where.add_argument("--diff", action="store_true", help="print a unified diff of each change; write nothing")
    fix.add_argument("--check", action="store_true",
                     help="write nothing; exit 1 when any file would change, 0 when none would")
    fix.add_argument("--resume", action="store_true",
                     help="skip inputs already done: with -o, an output not older than its input; "
                          "with --in-place, a file the --report of the earlier run records as done")
    _batch_options(fix)
    _chain_options(fix)
    fix.set_defaults(run=_run_fix)

    explain = commands.add_parser("explain", help="list every edit textfix makes to a file")
    explain.add_argument("input", metavar="FILE", help="input file, or - for standard input")
    _chain_options(explain)
    explain.set_defaults(run=_run_explain)

    diff = commands.add_parser("diff", help="show a repair: a unified diff, or a side-by-side HTML page")
    diff.add_argument("input", metavar="FILE", help="input file, or - for standard input")
    diff.add_argument("--html", metavar="OUT.html",
                      help="write one self-contained page: input and repair side by side, each edit "
                           "highlighted with its fixer and reason on hover")
    diff.add_argument("--reference", metavar="REF", help="a clean copy: mark the differences the repair leaves")
    diff.add_argument("--markdown", action="store_true", help="read the reference as Markdown")
    diff.add_argument("--double-escaped", action="store_true",
                      help="the Markdown reference escapes punctuation twice (\\\\$ for $)")
    diff.add_argument("--encoding", metavar="NAME", help="the input's encoding (default: detect)")
    _chain_options(diff)
    diff.set_defaults(run=_run_diff)

    assess = commands.add_parser("assess", help="estimate the damage of files, before and after repair")
    assess.add_argument("inputs", nargs="+", metavar="PATH",
                        help="files, folders (walked recursively), or - for standard input")
    assess.add_argument("--json", action="store_true", help="print one JSON object per file (JSON Lines)")
    _batch_options(assess)
    _chain_options(assess)
    assess.set_defaults(run=_run_assess)

    score = commands.add_parser("score", help="score a candidate against a clean reference")
    score.add_argument("candidate", metavar="CANDIDATE")
    score.add_argument("reference", metavar="REFERENCE")
    score.add_argument("--markdown", action="store_true", help="read the reference as Markdown (the text it renders to)")
    score.add_argument("--double-escaped", action="store_true",
                       help="the Markdown reference escapes punctuation twice (\\\\$ for $)")
    score.add_argument("--json", action="store_true", help="print the figures as JSON")
    score.add_argument("--max-differences", type=int, default=50, metavar="N")
    score.set_defaults(run=_run_score)
    return parser


def _batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--include", action="append", default=[], metavar="GLOB",
                         help="in folders, take files whose name or path matches "
                              f"(default: {' '.join(DEFAULT_INCLUDE)})")
    command.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                         help="in folders, leave files and sub-folders whose name or path matches")
    command.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                         help=f"worker processes (default: the cores available, here {default_jobs()})")
    command.add_argument("--report", metavar="FILE.jsonl",
                         help="write one JSON record per input: status, error, encoding, sizes, edits, "
                              "seconds and the damage assessment")
    command.add_argument("--encoding", metavar="NAME", help="the inputs' encoding (default: detect for each file)")
    command.add_argument("-q", "--quiet", action="store_true",
                         help="no notes (such as a guessed encoding); errors only")
    command.add_argument("-v", "--verbose", action="store_true", help="one line per file on standard error")


def _chain_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--profile", choices=sorted(PROFILES), default="default")
    command.add_argument("--enable", action="append", default=[], metavar="FIXER",
                         help=f"switch a fixer on ({', '.join(FIXER_NAMES)})")
    command.add_argument("--disable", action="append", default=[], metavar="FIXER", help="switch a fixer off")


def _config(args) -> Config:
    try:
        return Config.for_profile(args.profile, enable=args.enable, disable=args.disable)
    except ValueError as error:
        _fail_usage(str(error))


def _fail_usage(message: str):
    print(f"textfix: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _error(message: str) -> None:
    print(f"textfix: error: {message}", file=sys.stderr)


# --- textfix fix ------------------------------------------------------------------------------


def _run_fix(args) -> int:
    config = _config(args)
    action = _fix_action(args)
    _check_stdin(args.inputs, action)
    output_root = _output_root(args) if action == "write" else None
    inputs, failed = _collect(args, skip=args.output_dir)
    targets = _targets(inputs, args.output_dir) if action == "write" else {}
    previous = read_report(args.report) if args.resume and args.report else {}
    skipped = {item.path for item in inputs if args.resume and already_done(item, targets.get(item.path), previous)}
    if action == "write":  # what a run killed with SIGKILL left: hidden, and never taken for an output
        remove_leftovers(targets.values(), root=output_root)
    elif action == "in-place":
        remove_leftovers(item.path for item in inputs)
    settings = Settings(config, action, args.encoding, assess=bool(args.report), output_root=output_root)
    progress = _Progress(len(inputs), enabled=_show_progress(action))
    report = _open_report(args.report)
    counts = {"changed": 0, "unchanged": 0, "error": 0, "skipped": 0}
    outcomes = _outcomes(inputs, skipped, targets, settings, _jobs(args))
    try:
        for item, outcome in outcomes:
            counts[outcome.status] += 1
            _tell(progress, outcome, args)
            if outcome.text is not None:
                sys.stdout.write(outcome.text)
            if outcome.diff:
                sys.stdout.write(outcome.diff)
            if args.check and outcome.status == "changed":
                progress.write(f"would change: {outcome.path}")
            if report:  # a skipped input keeps the record of the run that did it
                skipped_record = previous.get(item.path) if outcome.status == "skipped" else None
                report.write(skipped_record or outcome.record())
            progress.update()
    finally:
        outcomes.close()  # an interrupt stops the workers here, before the summary
        progress.close()
        if report:
            report.close()
    failed += counts["error"]
    if args.check or args.verbose:
        _summary(counts, failed, would=args.check)
    return 1 if failed or (args.check and counts["changed"]) else 0


def _fix_action(args) -> str:
    if args.check and (args.output_dir or args.in_place):
        _fail_usage("--check writes nothing; leave out -o/--in-place (add --diff to see the changes)")
    if args.resume and not (args.output_dir or args.in_place):
        _fail_usage("--resume needs -o DIR or --in-place: there is nothing to resume otherwise")
    if args.resume and args.in_place and not args.report:
        _fail_usage("--resume --in-place needs the --report of the earlier run: it records which files are done")
    if args.output_dir:
        return "write"
    if args.in_place:
        return "in-place"
    if args.diff:
        return "diff"
    return "check" if args.check else "print"


def _check_stdin(paths: list[str], action: str) -> None:
    if paths.count("-") > 1:
        _fail_usage("standard input (-) can be read only once")
    if "-" in paths and action in ("write", "in-place"):
        _fail_usage("-o DIR and --in-place need named files; standard input goes to standard output")


def _output_root(args) -> str:
    """The real path of -o DIR; a folder named as an input cannot also be the output."""
    if os.path.exists(args.output_dir) and not os.path.isdir(args.output_dir):
        _fail_usage(f"{args.output_dir}: is not a folder")
    root = os.path.realpath(args.output_dir)
    for path in args.inputs:
        if os.path.isdir(path) and os.path.realpath(path) == root:
            _fail_usage(f"{path}: is also the output folder; use --in-place to rewrite the files where they are")
    return root


def _targets(inputs: list[Input], output_dir: str) -> dict[str, str]:
    try:
        return plan_targets(inputs, output_dir)
    except UsageError as error:
        _fail_usage(str(error))


def _collect(args, skip: str | None = None) -> tuple[list[Input], int]:
    """The inputs, after printing an error line for each folder that cannot be read."""
    inputs, errors = collect_inputs(args.inputs, args.include or DEFAULT_INCLUDE, args.exclude, skip=skip)
    for message in errors:
        _error(message)
    if not inputs and not errors and not args.quiet:
        print(f"textfix: no files to process (folders are searched for {' '.join(args.include or DEFAULT_INCLUDE)})",
              file=sys.stderr)
    return inputs, len(errors)


def _jobs(args) -> int:
    if args.jobs is not None and args.jobs < 1:
        _fail_usage("-j needs a number of worker processes of 1 or more")
    return args.jobs or default_jobs()


def _outcomes(inputs: list[Input], skipped: set[str], targets: dict[str, str], settings: Settings, jobs: int):
    """(input, outcome) in input order: skipped inputs as they are, the others through workers."""
    stdin = _read_stdin() if any(item.path == "-" for item in inputs) else None
    tasks = [Task(item.path, targets.get(item.path), stdin if item.path == "-" else None)
             for item in inputs if item.path not in skipped]
    results = ordered_map(partial(run_task, settings=settings), tasks, min(jobs, len(tasks)))
    try:
        for item in inputs:
            if item.path in skipped:
                yield item, Outcome(item.path, status="skipped", output=targets.get(item.path))
            else:
                yield item, next(results)
    finally:
        results.close()


def _read_stdin() -> bytes:
    """Standard input, read here: worker processes have none."""
    try:
        return read_bytes("-")
    except InputError as error:
        _error(str(error))
        raise SystemExit(1) from None


def _tell(progress: "_Progress", outcome: Outcome, args) -> None:
    """The lines standard error gets for one outcome: its error, a guessed encoding, -v."""
    if outcome.error:
        progress.write(f"textfix: error: {outcome.error}")
    elif outcome.guessed and not args.quiet:
        progress.write(f"textfix: note: {outcome.path}: not UTF-8; read as {outcome.encoding}")
    if args.verbose and outcome.status == "skipped":
        progress.write(f"{outcome.path}: skipped (done before)")
    elif args.verbose and not outcome.error:
        where = f" -> {outcome.output}" if outcome.output else ""
        edits = f"{outcome.edits} edit{'' if outcome.edits == 1 else 's'}"
        progress.write(f"{outcome.path}: {outcome.status}, {edits}, {outcome.encoding}, {outcome.seconds:.2f} s{where}")


def _summary(counts: dict[str, int], failed: int, would: bool) -> None:
    changed = "would change" if would else "changed"
    parts = [f"{counts['changed']} {changed}", f"{counts['unchanged']} unchanged"]
    if counts["skipped"]:
        parts.append(f"{counts['skipped']} skipped (done before)")
    parts.append(f"{failed} failed")
    print(f"textfix: {', '.join(parts)}", file=sys.stderr)


def _show_progress(action: str) -> bool:
    """A bar on a terminal only, and not on the terminal that is receiving the texts."""
    if not sys.stderr.isatty():
        return False
    return not (action in ("print", "diff") and sys.stdout.isatty())


def _open_report(path: str | None) -> Report | None:
    if not path:
        return None
    try:
        return Report(path)
    except OSError as error:
        _fail_usage(f"{path}: the report cannot be written: {error.strerror or error}")


class _Progress:
    """A tqdm bar on standard error, or nothing; lines written through it keep the bar whole."""

    def __init__(self, total: int, enabled: bool):
        self._bar = None
        if enabled and total > 1:
            try:
                from tqdm import tqdm
            except ImportError:  # the bar is a comfort, not a requirement
                return
            tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked from this one
            self._bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)

    def write(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def update(self) -> None:
        if self._bar is not None:
            self._bar.update()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# --- textfix assess ---------------------------------------------------------------------------


def _run_assess(args) -> int:
    config = _config(args)
    _check_stdin(args.inputs, "assess")
    inputs, failed = _collect(args)
    settings = Settings(config, "assess", args.encoding, assess=True)
    progress = _Progress(len(inputs), enabled=sys.stderr.isatty() and not sys.stdout.isatty())
    report = _open_report(args.report)
    outcomes = _outcomes(inputs, set(), {}, settings, _jobs(args))
    try:
        for _item, outcome in outcomes:
            _tell(progress, outcome, args)
            if outcome.error:
                failed += 1
            elif args.json:
                print(json.dumps({"path": outcome.path, "encoding": outcome.encoding, **outcome.assessment.as_dict()},
                                 ensure_ascii=False))
            else:
                print(format_assessment(outcome.path, outcome.assessment))
            if report:
                report.write(outcome.record())
            progress.update()
    finally:
        outcomes.close()
        progress.close()
        if report:
            report.close()
    return 1 if failed else 0


def format_assessment(path: str, assessment) -> str:
    """A small table: each figure before and after repair."""
    before, after = assessment.before, assessment.after
    rows = [
        ("unknown words", f"{before.unknown_share:.1%}", f"{after.unknown_share:.1%}",
         f"of {before.words} lower-case words"),
        ("wrapped lines", before.wrapped_lines, after.wrapped_lines, ""),
        ("hyphenated line ends", before.hyphenated_line_ends, after.hyphenated_line_ends, ""),
        ("merged words", before.merged_words, after.merged_words, ""),
        ("furniture lines", before.furniture_lines, after.furniture_lines, ""),
    ]
    edits = f"{assessment.edits} edit{'' if assessment.edits == 1 else 's'}"
    lines = [f"{path}  ({edits})", f"  {'':22}{'before':>8}  {'after':>8}"]
    lines += [f"  {name:22}{str(b):>8}  {str(a):>8}  {note}".rstrip() for name, b, a, note in rows]
    return "\n".join(lines)


# --- textfix diff -----------------------------------------------------------------------------


def _run_diff(args) -> int:
    config = _config(args)
    if args.double_escaped and not args.markdown:
        _fail_usage("--double-escaped applies to a Markdown reference; add --markdown")
    if args.markdown and not args.reference:
        _fail_usage("--markdown describes the reference; add --reference REF")
    if args.reference and not args.html:
        _fail_usage("--reference marks the page of --html; for the figures use: textfix score")
    try:
        decoded = read_input(args.input, args.encoding)
        reference = read_input(args.reference).text if args.reference else None
    except InputError as error:
        _error(str(error))
        return 1
    result = repair(decoded.text, config)
    if not args.html:
        sys.stdout.write(unified_diff(decoded.text, result.text, args.input))
        return 0
    from textfix.html_diff import html_diff

    page = html_diff(result, reference=reference, reference_format="markdown" if args.markdown else "text",
                     double_escaped=args.double_escaped, title=args.input)
    try:
        write_atomically(Path(args.html), page)
    except OSError as error:
        _error(f"{args.html}: cannot be written: {error.strerror or error}")
        return 1
    return 0


# --- textfix explain --------------------------------------------------------------------------


def _run_explain(args) -> int:
    config = _config(args)
    try:
        text = read_input(args.input).text
    except InputError as error:
        _error(str(error))
        return 1
    for line in explain_lines(repair(text, config)):
        print(line)
    return 0


def explain_lines(result: Repair) -> list[str]:
    """One line per edit: ``line:column  fixer  'before' -> 'after'  reason``."""
    lines = []
    line_starts = _line_starts(result.original)
    for edit in result.edits:
        line, column = _position(line_starts, edit.start)
        before = result.original[edit.start : edit.end]
        lines.append(f"{line}:{column}\t{edit.fixer}\t{_show(before)} -> {_show(edit.replacement)}\t{edit.reason}")
    return lines


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _position(line_starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    index = bisect_right(line_starts, offset) - 1
    return index + 1, offset - line_starts[index] + 1


def _show(text: str, limit: int = 60) -> str:
    shown = repr(text if len(text) <= limit else text[: limit - 1] + "…")
    return shown


def _run_score(args) -> int:
    from textfix.score import format_score, score

    try:
        candidate = read_input(args.candidate).text
        reference = read_input(args.reference).text
    except InputError as error:
        _error(str(error))
        return 1
    if args.double_escaped and not args.markdown:
        _fail_usage("--double-escaped applies to a Markdown reference; add --markdown")
    result = score(candidate, reference, reference_format="markdown" if args.markdown else "text",
                   double_escaped=args.double_escaped)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_score(result, max_differences=args.max_differences))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
