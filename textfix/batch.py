"""Many texts, or many files, at once: worker processes, results in input order.

>>> [r.text for r in fix_many(["The econo-\\nmic ties.", "A wrapped\\nline."], jobs=1)]
['The economic ties.\\n', 'A wrapped line.\\n']

Two users share this module. An ingestion job calls :func:`fix_many` over an iterator of texts,
possibly endless: a bounded window of texts is in flight at any time, so memory stays flat, and
each worker process loads the lexicon once. The ``textfix fix`` and ``textfix assess`` commands
turn paths into :class:`Task` objects (:func:`collect_inputs`, :func:`plan_tasks`) and run
:func:`run_task` on each through the same :func:`ordered_map`; a task reads, decodes, repairs,
assesses and writes one file in a worker and returns an :class:`Outcome`, whose
:meth:`Outcome.record` is a line of the JSONL report.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import os
import signal
import stat
import sys
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePath
from typing import Callable, Iterable, Iterator

from textfix.assess import Assessment, assess_repair
from textfix.config import Config
from textfix.inputs import InputError, decode, read_file, write_atomically
from textfix.lexicon import default_lexicon
from textfix.pipeline import repair
from textfix import stream

DEFAULT_INCLUDE = ("*.txt",)
WINDOW_PER_JOB = 4  # work items in flight per worker: enough to keep every worker busy


# --- running work in worker processes ---------------------------------------------------------


def default_jobs() -> int:
    """The cores this process may use (the container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _init_worker() -> None:
    # Ctrl-C reaches every process of the terminal's group. The parent alone decides what it
    # means (hand out no more work); a worker finishes the file it has started, so no output is
    # ever left half done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A plain `kill` of the whole group must still unwind through write_atomically, which removes
    # its temporary file.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    _die_with_parent()
    default_lexicon()  # once per worker, before the first task


def _die_with_parent() -> None:
    # `kill -9` of textfix (or the OOM killer) gives it no chance to stop its workers: left alone,
    # they would go on with the files queued for them, then wait for work forever. On Linux the
    # kernel kills them with their parent. SIGKILL, not SIGTERM: the pool's worker loop catches the
    # SystemExit of a task and takes the next one. A temporary file a worker leaves behind is
    # hidden, and the next run removes it (inputs.remove_leftovers).
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: workers outlive a killed parent, as elsewhere
        pass


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _exit_on_signal(number, _frame):
    raise SystemExit(128 + number)


def ordered_map(function: Callable, items: Iterable, jobs: int, *, window: int | None = None,
                mp_context=None) -> Iterator:
    """``function(item)`` for each item, computed in ``jobs`` worker processes and yielded in the
    order of ``items``.

    At most ``window`` items (default ``4 * jobs``) are read ahead of the one being yielded, so
    an endless iterator runs in bounded memory. With ``jobs == 1`` everything runs in this
    process: no start-up cost, and tracebacks stay readable. An exception raised by ``function``
    is raised here, at its item.
    """
    if jobs <= 1:
        for item in items:
            yield function(item)
        return
    window = window or WINDOW_PER_JOB * jobs
    pool = ProcessPoolExecutor(jobs, mp_context=mp_context, initializer=_init_worker)
    pending: deque = deque()
    try:
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # Interrupted, failed or abandoned by the caller: drop what has not started; what has
        # started runs to its end (a file being written is completed, never cut).
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def fix_many(texts: Iterable[str], jobs: int | None = None, *, config: Config | None = None,
             assess: bool = False, chunksize: int = 1, window: int | None = None,
             mp_context=None) -> Iterator:
    """Repair each text of ``texts`` in ``jobs`` worker processes (default: the cores available).

    Yields a :class:`~textfix.pipeline.Repair` per text, in input order, or a
    ``(Repair, Assessment)`` pair with ``assess=True``. ``texts`` may be any iterable, endless
    included: at most ``window`` chunks of ``chunksize`` texts are in flight. For many short
    texts a ``chunksize`` of 16 to 64 saves most of the cost of passing them between processes.
    Each worker loads the lexicon once. ``jobs=1`` runs in this process, without workers.

    On Linux and Python < 3.14 the workers are forked (multiprocessing's default context), which
    works from any script or notebook; pass ``mp_context=multiprocessing.get_context("spawn")``
    (or "forkserver") when this process runs threads of its own.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1 or chunksize < 1:
        raise ValueError("jobs and chunksize must be at least 1")
    work = partial(_repair_chunk, config=config or Config(), with_assessment=assess)
    return _flatten(ordered_map(work, _chunks(texts, chunksize), jobs, window=window, mp_context=mp_context))


def _repair_chunk(texts: list[str], config: Config, with_assessment: bool) -> list:
    results = []
    for text in texts:
        result = repair(text, config)
        results.append((result, assess_repair(result)) if with_assessment else result)
    return results


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk = []
    for index, text in enumerate(texts):
        if not isinstance(text, str):  # fail here, at the item, not inside a worker
            raise TypeError(f"fix_many expects str texts; item {index} is {type(text).__name__}")
        chunk.append(text)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _flatten(chunks) -> Iterator:
    try:
        for chunk in chunks:
            yield from chunk
    finally:
        chunks.close()  # a caller that stops early stops the workers now, not at garbage collection


# --- finding the files ----------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """A file to process: ``path`` as the user will see it, ``relative`` its place under ``-o DIR``
    (its path inside the folder that was named, or its bare name when it was named itself)."""

    path: str
    relative: PurePath | None  # None for standard input


def collect_inputs(paths: Iterable[str], include: Iterable[str] = DEFAULT_INCLUDE,
                   exclude: Iterable[str] = (), skip: str | None = None) -> tuple[list[Input], list[str]]:
    """The inputs that ``paths`` name, and an error line for each folder that cannot be read.

    A file named on the command line is always taken, whatever the patterns. A folder is walked
    recursively, in sorted order: a file is taken when its name or its path inside the folder
    matches an ``include`` pattern and no ``exclude`` pattern; a sub-folder is skipped when it
    matches an ``exclude`` pattern. Hidden files and folders (``.name``), symbolic links inside
    the folder and the folder ``skip`` (the output folder) are never entered.
    """
    include, exclude = tuple(include), tuple(exclude)
    inputs: list[Input] = []
    errors: list[str] = []
    for path in paths:
        if path == "-":
            inputs.append(Input("-", None))
        elif os.path.isdir(path):
            inputs += _walk(path, include, exclude, skip, errors)
        else:  # a file, or nothing at all: reading it will say which
            inputs.append(Input(path, PurePath(os.path.basename(path))))
    return inputs, errors


def _walk(top: str, include, exclude, skip: str | None, errors: list[str]) -> Iterator[Input]:
    def unreadable(error: OSError) -> None:
        errors.append(f"{error.filename}: cannot be read: {error.strerror or error}")

    skip_real = os.path.realpath(skip) if skip else None
    for folder, folders, files in os.walk(top, onerror=unreadable):
        here = PurePath(os.path.relpath(folder, top))
        folders[:] = sorted(
            name for name in folders
            if not name.startswith(".")
            and not os.path.islink(os.path.join(folder, name))
            and not _matches(here / name, exclude)
            and os.path.realpath(os.path.join(folder, name)) != skip_real
        )
        for name in sorted(files):
            relative = here / name
            full = os.path.join(folder, name)
            if name.startswith(".") or os.path.islink(full):
                continue
            if _matches(relative, include) and not _matches(relative, exclude):
                yield Input(full, relative)


def _matches(relative: PurePath, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(relative.name, p) or fnmatch.fnmatch(relative.as_posix(), p) for p in patterns)


# --- one file: read, decode, repair, assess, write ------------------------------------------

ACTIONS = ("print", "write", "in-place", "check", "diff", "assess")


@dataclass(frozen=True)
class Settings:
    """What every task of a batch does (``action`` is one of :data:`ACTIONS`)."""

    config: Config
    action: str
    encoding: str | None = None  # None: detect
    assess: bool = False
    output_root: str | None = None  # the real path of -o DIR


@dataclass(frozen=True)
class Task:
    path: str
    target: str | None = None  # the output file, for the "write" action
    data: bytes | None = None  # standard input, read once by the parent


@dataclass
class Outcome:
    """What became of one input. ``status``: changed, unchanged (the output bytes equal the
    input's), error, or skipped (``--resume``)."""

    path: str
    status: str = "unchanged"
    error: str | None = None
    output: str | None = None
    encoding: str | None = None
    guessed: bool = False  # the encoding was guessed (no byte-order mark, not UTF-8)
    chars_in: int = 0
    chars_out: int = 0
    edits: int = 0
    edits_by_fixer: dict = field(default_factory=dict)
    seconds: float = 0.0
    mtime_ns: int | None = None  # the input's, once done: how --resume --in-place knows it
    assessment: Assessment | None = None
    text: str | None = None  # the repair, when the parent prints it
    diff: str | None = None  # the unified diff, for --diff

    def record(self) -> dict:
        """The JSONL report's record (the texts themselves are left out)."""
        record = {
            "path": self.path, "status": self.status, "error": self.error, "output": self.output,
            "encoding": self.encoding, "chars_in": self.chars_in, "chars_out": self.chars_out,
            "edits": self.edits, "edits_by_fixer": self.edits_by_fixer, "seconds": self.seconds,
            "mtime_ns": self.mtime_ns,
        }
        record["assessment"] = self.assessment.as_dict() if self.assessment else None
        return record


class OutputError(Exception):
    """An output that must not or cannot be written; the message names it and the reason."""


def run_task(task: Task, settings: Settings) -> Outcome:
    """Process one input. Every failure becomes an error outcome: the batch goes on."""
    started = time.perf_counter()
    outcome = Outcome(task.path, output=task.target)
    try:
        _process(task, settings, outcome)
    except (InputError, OutputError) as error:
        outcome.status, outcome.error = "error", str(error)
    except OSError as error:  # writing failed: disk full, permissions ...
        name = task.target or task.path
        outcome.status, outcome.error = "error", f"{name}: cannot be written: {error.strerror or error}"
    except Exception as error:  # a bug in textfix: still one line, and the other files go on
        outcome.status = "error"
        outcome.error = f"{_shown(task.path)}: internal error ({type(error).__name__}: {error}); please report it"
    outcome.seconds = round(time.perf_counter() - started, 4)
    return outcome


def _process(task: Task, settings: Settings, outcome: Outcome) -> None:
    if settings.action == "in-place" and os.path.islink(task.path):
        raise OutputError(f"{task.path}: is a symbolic link; --in-place does not write through links "
                          "(name the file it points to)")
    if task.data is None and settings.action in ("write", "in-place") and _size(task.path) > STREAM_ABOVE:
        return _process_in_blocks(task, settings, outcome)
    if task.data is not None:
        data, read_status = task.data, None
    else:
        data, read_status = read_file(task.path)
    decoded = decode(data, _shown(task.path), settings.encoding)
    result = repair(decoded.text, settings.config)
    changed = result.text.encode("utf-8") != data  # a new encoding or a dropped BOM is a change
    outcome.status = "changed" if changed else "unchanged"
    outcome.encoding, outcome.guessed = decoded.encoding, decoded.guessed
    outcome.chars_in, outcome.chars_out = len(decoded.text), len(result.text)
    outcome.edits, outcome.edits_by_fixer = len(result.edits), result.edits_by_fixer()
    if settings.assess:
        outcome.assessment = assess_repair(result)
    # The input may have changed (or gone) since it was read: its repair is then out of date, and
    # --in-place would overwrite (or recreate) the new content. Checked just before the rename.
    check = partial(_check_unchanged, task.path, read_status) if read_status is not None else None
    if settings.action == "write":
        write_inside(settings.output_root, task.target, result.text, task.path, check=check)
    elif settings.action == "in-place" and changed:
        write_atomically(Path(task.path), result.text, mode=stat.S_IMODE(read_status.st_mode), check=check)
    elif settings.action == "print":
        outcome.text = result.text
    elif settings.action == "diff":
        outcome.diff = unified_diff(decoded.text, result.text, task.path)
    if read_status is not None and settings.action in ("write", "in-place"):
        rewritten = settings.action == "in-place" and changed
        outcome.mtime_ns = os.stat(task.path).st_mtime_ns if rewritten else read_status.st_mtime_ns


STREAM_ABOVE = 16 << 20  # bytes: larger files are repaired a block at a time (textfix.stream)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the read will say what is wrong


def _process_in_blocks(task: Task, settings: Settings, outcome: Outcome) -> None:
    """A large file, repaired a block of paragraphs at a time with the whole file's vocabulary, so
    that memory stays bounded (:mod:`textfix.stream`); written as it is repaired."""
    read_status = os.stat(task.path)
    codec = settings.encoding or stream.detect_encoding(task.path)
    by_fixer: dict[str, int] = {}

    def source():
        return stream.read_text(task.path, codec)

    def pieces():
        for result in stream.repair_blocks(source, settings.config):
            outcome.chars_in += len(result.original)
            outcome.chars_out += len(result.text)
            outcome.edits += len(result.edits)
            for name, n in result.edits_by_fixer().items():
                by_fixer[name] = by_fixer.get(name, 0) + n
            yield result.text
    texts = stream.joined(pieces())
    check = partial(_check_unchanged, task.path, read_status)
    if settings.action == "write":
        write_inside(settings.output_root, task.target, texts, task.path, check=check)
    else:
        write_atomically(Path(task.path), texts, mode=stat.S_IMODE(read_status.st_mode), check=check)
    outcome.encoding, outcome.edits_by_fixer = codec, by_fixer
    outcome.status = "changed" if outcome.edits or codec != "utf-8" else "unchanged"
    outcome.mtime_ns = os.stat(task.path).st_mtime_ns


def _check_unchanged(path: str, read_status: os.stat_result) -> None:
    """Raise an :class:`OutputError` if ``path`` is no longer the file that was read."""
    try:
        now = os.stat(path)
    except FileNotFoundError:
        raise OutputError(f"{path}: deleted while it was being repaired; nothing written") from None
    if _identity(now) != _identity(read_status):
        raise OutputError(f"{path}: changed while it was being repaired; nothing written (run again to repair it)")


def _identity(status: os.stat_result) -> tuple:
    # Not st_ctime: a chmod changes it, and leaves the text as it was.
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def _shown(path: str) -> str:
    return "<stdin>" if path == "-" else path


def write_inside(root: str, target: str, text: str, source: str,
                 check: Callable[[], None] | None = None) -> None:
    """Write ``target`` atomically, refusing anything that would land outside the folder
    ``root`` (a real path) or replace the input ``source`` itself; ``check`` as for
    :func:`~textfix.inputs.write_atomically`."""
    # The parent's real path settles ".." and symbolic links; a last part ".." or "." (that no
    # input gives, but a caller of this function could) would name a folder, not a file in it.
    parent = os.path.realpath(os.path.dirname(target))
    if os.path.basename(target) in ("", os.curdir, os.pardir):
        raise OutputError(f"{target}: refused: it names no file inside {root}")
    if os.path.commonpath([parent, root]) != root:
        raise OutputError(f"{target}: refused: a symbolic link would take it outside {root}")
    if os.path.lexists(target) and os.path.exists(source) and os.path.samefile(target, source):
        raise OutputError(f"{target}: refused: it is the input itself (use --in-place to rewrite inputs)")
    write_atomically(Path(target), text, check=check)


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff (``a/PATH``, ``b/PATH``) that marks a last line without a newline as
    ``diff`` and ``patch`` do."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


# --- planning a batch -----------------------------------------------------------------------


class UsageError(Exception):
    """A command line that cannot run as asked; nothing has been written."""


def plan_targets(inputs: list[Input], output_dir: str) -> dict[str, str]:
    """Each input's output file under ``output_dir``; two inputs that would share one output are
    a usage error, raised before anything is written."""
    targets: dict[str, str] = {}
    owners: dict[str, str] = {}
    for item in inputs:
        if item.relative is None:
            raise UsageError("-o DIR needs named files; standard input goes to standard output")
        target = os.path.join(output_dir, *item.relative.parts)
        if target in owners:
            raise UsageError(f"{item.path}: another input ({owners[target]}) has the same file name "
                             f"under the output folder; both would be written to {target}")
        owners[target] = item.path
        targets[item.path] = target
    return targets


def already_done(item: Input, target: str | None, previous: dict[str, dict]) -> bool:
    """``--resume``: is this input done?

    With ``-o DIR``: its output exists and is not older than the input (outputs are written
    whole or not at all, so an existing one is complete). In place: the earlier report records
    it as done, with the modification time the file still has.
    """
    try:
        if target is not None:
            return os.stat(target).st_mtime_ns >= os.stat(item.path).st_mtime_ns
        record = previous.get(item.path)
        return (record is not None and record.get("status") in ("changed", "unchanged")
                and record.get("mtime_ns") == os.stat(item.path).st_mtime_ns)
    except OSError:
        return False


def read_report(path: str) -> dict[str, dict]:
    """The records of an earlier JSONL report, by path (a missing or torn report gives what it has)."""
    records: dict[str, dict] = {}
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as report:
            for line in report:
                try:
                    record = json.loads(line)
                except ValueError:  # the last line of a killed run may be cut short
                    continue
                if isinstance(record, dict) and "path" in record:
                    records[record["path"]] = record
    except OSError:
        pass
    return records


class Report:
    """The JSONL report, written as the batch goes, one flushed line per input: a run that is
    interrupted keeps the records of everything it finished."""

    def __init__(self, path: str):
        # backslashreplace: a file name that is not valid UTF-8 is written as a JSON \\u escape.
        self._file = open(path, "w", encoding="utf-8", errors="backslashreplace")

    def write(self, record: dict) -> None:
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()
