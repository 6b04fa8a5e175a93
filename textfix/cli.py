"""The ``textfix`` command.

    textfix fix FILE... | -  [-o DIR] [--profile NAME] [--enable FIXER] [--disable FIXER]
    textfix explain FILE     each edit: line:column, fixer, before -> after, reason
    textfix score CANDIDATE REFERENCE [--markdown [--double-escaped]] [--json]

Errors are one line naming the input and the reason; the exit status is 0 on success, 1 when an
input failed, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from textfix.config import PROFILES, Config
from textfix.fixers import FIXER_NAMES
from textfix.inputs import InputError, read_input, write_atomically
from textfix.pipeline import Repair, repair


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `textfix fix big.txt | head`: not an error
        return 0
    except KeyboardInterrupt:
        print("textfix: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="textfix", description="Repair text damaged by PDF extraction and OCR.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    fix = commands.add_parser("fix", help="repair files (to stdout, or into -o DIR)")
    fix.add_argument("inputs", nargs="+", metavar="FILE", help="input files, or - for standard input")
    fix.add_argument("-o", "--output-dir", type=Path, help="write each repaired file into this folder")
    _chain_options(fix)
    fix.set_defaults(run=_run_fix)

    explain = commands.add_parser("explain", help="list every edit textfix makes to a file")
    explain.add_argument("input", metavar="FILE", help="input file, or - for standard input")
    _chain_options(explain)
    explain.set_defaults(run=_run_explain)

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


def _run_fix(args) -> int:
    config = _config(args)
    if args.output_dir is None and args.inputs.count("-") > 1:
        _fail_usage("standard input (-) can be read only once")
    targets = {}
    if args.output_dir is not None:
        if "-" in args.inputs:
            _fail_usage("-o DIR needs named files; standard input goes to standard output")
        for path in args.inputs:
            target = args.output_dir / Path(path).name
            if target in targets.values():
                _fail_usage(f"{path}: another input has the same file name; it would overwrite {target}")
            targets[path] = target
    failed = 0
    for path in args.inputs:
        try:
            text = read_input(path).text
        except InputError as error:
            _error(str(error))
            failed += 1
            continue
        repaired = repair(text, config).text
        if path in targets:
            try:
                write_atomically(targets[path], repaired)
            except OSError as error:
                _error(f"{targets[path]}: cannot be written: {error.strerror or error}")
                failed += 1
        else:
            sys.stdout.write(repaired)
    return 1 if failed else 0


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
