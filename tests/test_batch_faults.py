"""Batch faults: kill -9 in mid-batch, a read-only output folder, a full disk, files that go or
change during the run, outputs that would escape the output folder.

The signal tests run ``textfix`` as a subprocess; the others call ``textfix.cli.main`` with
``-j 1`` (everything in this process) so that a fault can be planted with monkeypatch.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import textfix
import textfix.batch
import textfix.cli
from textfix.batch import OutputError, write_inside
from textfix.cli import main

SEED = Path(__file__).resolve().parent.parent / "corpus" / "000_f32b139c04c6e74f.txt"
LEFTOVER = re.compile(r"\..+\.textfix-[^.]+\.tmp")  # write_atomically's temporary files
BATCH = 40  # files in the killed batches: enough that a kill after the first outputs is mid-batch


def _variants() -> list[str]:
    """Four different damaged texts (the seed document, its lines rotated)."""
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    step = len(lines) // 4
    return [f"Part {k} of the report.\n\n" + "".join(lines[k * step:] + lines[: k * step]) for k in range(4)]


@pytest.fixture(scope="module")
def texts() -> dict[str, tuple[str, bytes]]:
    """name -> (the damaged text, the bytes a full run writes for it)."""
    variants = _variants()
    repaired = [textfix.fix(text).encode("utf-8") for text in variants]
    assert all(fixed != text.encode("utf-8") for text, fixed in zip(variants, repaired))
    return {f"{i:03d}.txt": (variants[i % 4], repaired[i % 4]) for i in range(BATCH)}


def _write_inputs(folder: Path, texts: dict[str, tuple[str, bytes]]) -> None:
    folder.mkdir()
    for name, (text, _) in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


def _listing(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _hidden(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".*"))


def _textfix(log: Path, *args: str) -> subprocess.Popen:
    # A session of its own: the test can kill the whole process group (the command and its workers).
    with open(log, "wb") as stderr:
        return subprocess.Popen([sys.executable, "-m", "textfix", *args], stdout=subprocess.DEVNULL,
                                stderr=stderr, start_new_session=True)


def _wait_until(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def _live_members(group: int) -> list[int]:
    """The processes of a process group that still run (a zombie has stopped: it waits only to be
    reaped, which a container's first process may never do)."""
    members = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == group and fields[0] not in ("Z", "X"):
                members.append(int(entry))
    return members


def _kill(process: subprocess.Popen, whom: str) -> None:
    if whom == "command":  # kill -9 PID: the workers get no notice from their parent
        process.kill()
    else:  # kill -9 -PGID: everything at once, workers perhaps in the middle of a write
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


def _reap_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)  # a failed test must not leave workers behind
    except ProcessLookupError:
        pass


# --- 1. kill -9 in mid-batch ------------------------------------------------------------------


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")


@needs_proc
@pytest.mark.parametrize("whom", ["command", "group"])
def test_kill_9_in_mid_batch_leaves_whole_outputs_and_resume_completes_the_batch(tmp_path, texts, whom):
    source, out = tmp_path / "in", tmp_path / "out"
    _write_inputs(source, texts)
    full_run = {name: fixed for name, (_, fixed) in texts.items()}
    log = tmp_path / "stderr"
    process = _textfix(log, "fix", str(source), "-o", str(out), "-j", "2")
    try:
        assert _wait_until(lambda: len(list(out.glob("*.txt"))) >= 2), log.read_text()
        _kill(process, whom)
        # The workers die with the command: none goes on writing, none waits for work forever.
        assert _wait_until(lambda: not _live_members(process.pid), seconds=10), _live_members(process.pid)
    finally:
        _reap_group(process.pid)
    done = {name: data for name, data in _listing(out).items() if not name.startswith(".")}
    assert 2 <= len(done) < BATCH  # killed in mid-batch
    assert all(data == full_run[name] for name, data in done.items())  # whole files only
    assert all(LEFTOVER.fullmatch(name) for name in _hidden(out))  # at most temporary files, hidden
    resumed = subprocess.run([sys.executable, "-m", "textfix", "fix", str(source), "-o", str(out), "--resume",
                              "-j", "2"], capture_output=True)
    assert resumed.returncode == 0, resumed.stderr
    assert _listing(out) == full_run  # and no temporary file left


@needs_proc
def test_kill_9_of_an_in_place_batch_then_resume_with_its_report(tmp_path, texts):
    source, report = tmp_path / "in", tmp_path / "report.jsonl"
    _write_inputs(source, texts)
    original = {name: text.encode("utf-8") for name, (text, _) in texts.items()}
    full_run = {name: fixed for name, (_, fixed) in texts.items()}

    def recorded() -> int:  # whole lines of the report
        return report.read_bytes().count(b"\n") if report.exists() else 0

    log = tmp_path / "stderr"
    process = _textfix(log, "fix", str(source), "--in-place", "--report", str(report), "-j", "2")
    try:
        assert _wait_until(lambda: recorded() >= 2), log.read_text()
        _kill(process, "group")
        assert _wait_until(lambda: not _live_members(process.pid), seconds=10)
    finally:
        _reap_group(process.pid)
    recorded_at_kill = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines(keepends=True)
                        if line.endswith("\n")]
    assert len(recorded_at_kill) >= 2
    files = {name: data for name, data in _listing(source).items() if not name.startswith(".")}
    assert files.keys() == original.keys()
    assert all(data in (original[name], full_run[name]) for name, data in files.items())  # never half of one
    assert sum(data == original[name] for name, data in files.items()) > 0  # killed in mid-batch
    assert all(LEFTOVER.fullmatch(name) for name in _hidden(source))
    resumed = subprocess.run([sys.executable, "-m", "textfix", "fix", str(source), "--in-place", "--report",
                              str(report), "--resume", "-j", "2", "-v"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert _listing(source) == full_run
    skipped = [line.removesuffix(": skipped (done before)") for line in resumed.stderr.splitlines()
               if line.endswith(": skipped (done before)")]
    assert skipped == [record["path"] for record in recorded_at_kill]
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["path"]).name for r in records] == sorted(original)
    assert records[: len(recorded_at_kill)] == recorded_at_kill  # a skipped input keeps its record
    # Done but killed before its record was written: repaired again, which changes nothing
    # (repairs are idempotent). The rest: changed.
    assert {r["status"] for r in records[len(recorded_at_kill):]} <= {"unchanged", "changed"}


def test_leftover_temporary_files_are_ignored_by_resume_and_removed_by_the_next_run(tmp_path):
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    for name in ("a", "b"):
        (source / f"{name}.txt").write_text(f"Text {name} wrapped\nhere.", encoding="utf-8")
    assert main(["fix", str(source), "-o", str(out), "-j", "1"]) == 0
    # What kill -9 leaves: b's output not yet renamed into place; a rewrite of a, done before, cut short.
    (out / "b.txt").unlink()
    (out / ".b.txt.textfix-k1ll3d_x.tmp").write_text("Text b wra", encoding="utf-8")
    (out / ".a.txt.textfix-0a1b2c3d.tmp").write_text("Te", encoding="utf-8")
    # Hidden files that are not textfix's, or not of this batch's outputs, are left alone.
    for other in (".keep", ".a.txt.swp", ".a.txt.0a1b2c3d.tmp", ".c.txt.textfix-0a1b2c3d.tmp"):
        (out / other).write_text("not ours to remove\n", encoding="utf-8")
    report = tmp_path / "r.jsonl"
    assert main(["fix", str(source), "-o", str(out), "--resume", "--report", str(report), "-j", "1"]) == 0
    assert [json.loads(line)["status"] for line in report.read_text().splitlines()] == ["skipped", "changed"]
    assert (out / "b.txt").read_text(encoding="utf-8") == "Text b wrapped here.\n"
    assert _hidden(out) == [".a.txt.0a1b2c3d.tmp", ".a.txt.swp", ".c.txt.textfix-0a1b2c3d.tmp", ".keep"]


def test_leftover_temporary_files_beside_in_place_inputs_are_removed_and_never_taken_as_inputs(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("A wrapped\nline.", encoding="utf-8")
    (source / ".a.txt.textfix-k1ll3d00.tmp").write_text("A wrapped li", encoding="utf-8")
    report = tmp_path / "r.jsonl"
    assert main(["fix", str(source), "--in-place", "--include", "*", "--report", str(report), "-j", "1"]) == 0
    assert [json.loads(line)["path"] for line in report.read_text().splitlines()] == [str(source / "a.txt")]
    assert _listing(source) == {"a.txt": b"A wrapped line.\n"}


def test_leftovers_are_not_removed_through_a_symbolic_link_out_of_the_output_folder(tmp_path):
    source, out, victim = tmp_path / "in", tmp_path / "out", tmp_path / "victim"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "x.txt").write_text("x\n", encoding="utf-8")
    victim.mkdir()
    (victim / ".x.txt.textfix-abcd1234.tmp").write_text("someone else's\n", encoding="utf-8")
    out.mkdir()
    (out / "sub").symlink_to(victim, target_is_directory=True)
    assert main(["fix", str(source), "-o", str(out), "-j", "1"]) == 1  # refused: see test_batch.py
    assert _listing(victim) == {".x.txt.textfix-abcd1234.tmp": b"someone else's\n"}


# --- 2. a read-only output folder -------------------------------------------------------------


def _denied(path) -> PermissionError:
    return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))


def _deny_writes_in(monkeypatch, folder: Path, step: str) -> None:
    """Writing into ``folder`` fails as in a read-only folder: creating the temporary file (what
    really fails first) or renaming it into place (which must then remove it)."""
    folder = os.path.realpath(folder)
    if step == "create":
        real_mkstemp = tempfile.mkstemp

        def mkstemp(*args, dir=None, **kwargs):
            if dir is not None and os.path.realpath(dir) == folder:
                raise _denied(Path(dir) / "tmpXXXX")
            return real_mkstemp(*args, dir=dir, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    else:
        real_replace = os.replace

        def replace(source, target, **kwargs):
            if os.path.realpath(os.path.dirname(target)) == folder:
                raise _denied(source)
            return real_replace(source, target, **kwargs)

        monkeypatch.setattr(os, "replace", replace)


def _tree_with_a_read_only_folder(tmp_path: Path) -> tuple[Path, Path]:
    source, out = tmp_path / "in", tmp_path / "out"
    for name in ("a.txt", "ro/b.txt", "ro/c.txt", "z.txt"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(f"{name} wrapped\nover lines.", encoding="utf-8")
    (out / "ro").mkdir(parents=True)
    return source, out


def _assert_only_the_read_only_folder_failed(status: int, err: str, out: Path) -> None:
    assert status == 1
    assert err.splitlines() == [f"textfix: error: {out / 'ro' / name}: cannot be written: Permission denied"
                                for name in ("b.txt", "c.txt")]
    assert _listing(out) == {"a.txt": b"a.txt wrapped over lines.\n", "z.txt": b"z.txt wrapped over lines.\n"}


@pytest.mark.parametrize("step", ["create", "replace"])
def test_a_read_only_output_folder_fails_its_files_only_simulated(tmp_path, capsys, monkeypatch, step):
    # Always runs, as root too (root writes into a folder of mode 0555 all the same).
    source, out = _tree_with_a_read_only_folder(tmp_path)
    _deny_writes_in(monkeypatch, out / "ro", step)
    status = main(["fix", str(source), "-o", str(out), "-j", "1"])
    _assert_only_the_read_only_folder_failed(status, capsys.readouterr().err, out)


def test_a_read_only_output_folder_fails_its_files_only(tmp_path, capsys):
    source, out = _tree_with_a_read_only_folder(tmp_path)
    (out / "ro").chmod(0o555)
    try:
        if _writes_all_the_same(out / "ro"):
            pytest.skip("this user writes into a folder of mode 0555 all the same (root, or CAP_DAC_OVERRIDE); "
                        "the simulated variant covers it")
        status = main(["fix", str(source), "-o", str(out), "-j", "1"])
    finally:
        (out / "ro").chmod(0o755)
    _assert_only_the_read_only_folder_failed(status, capsys.readouterr().err, out)


def _writes_all_the_same(folder: Path) -> bool:
    try:
        (folder / "probe").mkdir()
    except PermissionError:
        return False
    (folder / "probe").rmdir()
    return True


def test_in_place_in_a_read_only_folder_leaves_its_files_as_they_are(tmp_path, capsys, monkeypatch):
    source, _ = _tree_with_a_read_only_folder(tmp_path)
    before = _listing(source)
    _deny_writes_in(monkeypatch, source / "ro", "create")
    assert main(["fix", str(source), "--in-place", "-j", "1"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"textfix: error: {source / 'ro' / name}: cannot be written: Permission denied" for name in ("b.txt", "c.txt")]
    after = _listing(source)
    assert after == {**before, "a.txt": b"a.txt wrapped over lines.\n", "z.txt": b"z.txt wrapped over lines.\n"}


# --- 3. a full disk ---------------------------------------------------------------------------


class _FullDisk:
    """A file whose write gets part of the text onto the disk, then fails for want of space."""

    def __init__(self, file):
        self._file = file

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self._file.close()

    def write(self, text: str) -> int:
        self._file.write(text[: len(text) // 2])
        self._file.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _fill_the_disk_for(monkeypatch, name: str) -> None:
    """The disk fills up while the temporary file of the output ``name`` is being written."""
    real_mkstemp, real_fdopen = tempfile.mkstemp, os.fdopen
    victims = set()

    def mkstemp(*args, prefix=None, **kwargs):
        handle, path = real_mkstemp(*args, prefix=prefix, **kwargs)
        if prefix and prefix.startswith(f".{name}."):
            victims.add(handle)
        return handle, path

    def fdopen(handle, *args, **kwargs):
        file = real_fdopen(handle, *args, **kwargs)
        if handle in victims:
            victims.remove(handle)  # the number is free again once the file is closed
            return _FullDisk(file)
        return file

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "fdopen", fdopen)


@pytest.mark.parametrize("mode", ["-o", "--in-place"])
def test_a_full_disk_fails_that_file_only_and_leaves_no_partial_file(tmp_path, capsys, monkeypatch, mode):
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    for name in ("a", "b", "c"):
        (source / f"{name}.txt").write_text(f"Text {name} wrapped\nover lines.", encoding="utf-8")
    _fill_the_disk_for(monkeypatch, "b.txt")
    where = ["-o", str(out)] if mode == "-o" else ["--in-place"]
    assert main(["fix", str(source), *where, "-j", "1"]) == 1
    failed = out / "b.txt" if mode == "-o" else source / "b.txt"
    assert capsys.readouterr().err == f"textfix: error: {failed}: cannot be written: No space left on device\n"
    done = {f"{name}.txt": f"Text {name} wrapped over lines.\n".encode() for name in ("a", "c")}
    if mode == "-o":
        assert _listing(out) == done  # no b.txt, whole or half, and no temporary file
    else:  # b.txt as it was, and no temporary file beside it
        assert _listing(source) == {**done, "b.txt": b"Text b wrapped\nover lines."}


# --- 4. files that go or change during the run ------------------------------------------------


@pytest.mark.parametrize("mode", ["-o", "--in-place"])
def test_a_file_deleted_between_the_folder_walk_and_its_read(tmp_path, capsys, monkeypatch, mode):
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    for name in ("a", "b", "c"):
        (source / f"{name}.txt").write_text(f"{name} wrapped\nline.", encoding="utf-8")
    real_collect = textfix.cli.collect_inputs

    def collect_then_delete(*args, **kwargs):
        found = real_collect(*args, **kwargs)
        (source / "b.txt").unlink()
        return found

    monkeypatch.setattr(textfix.cli, "collect_inputs", collect_then_delete)
    where = ["-o", str(out)] if mode == "-o" else ["--in-place"]
    assert main(["fix", str(source), *where, "-j", "1"]) == 1
    assert capsys.readouterr().err == f"textfix: error: {source / 'b.txt'}: no such file\n"
    done = {"a.txt": b"a wrapped line.\n", "c.txt": b"c wrapped line.\n"}
    assert _listing(out if mode == "-o" else source) == done


def _change(path: Path, how: str) -> bytes | None:
    """Change ``path`` as another program would; its new bytes (None: deleted)."""
    read = path.stat()
    new = path.read_bytes().upper()  # the same size
    if how == "rewritten":  # written over, in place
        path.write_bytes(new)
        os.utime(path, ns=(read.st_atime_ns, read.st_mtime_ns + 10**9))  # later, however coarse the clock
    elif how == "replaced":  # an editor's save: a new file renamed over it, even with the old time
        fresh = path.with_name("new.part")
        fresh.write_bytes(new)
        os.utime(fresh, ns=(read.st_atime_ns, read.st_mtime_ns))
        os.replace(fresh, path)
    else:
        path.unlink()
        return None
    return new


@pytest.mark.parametrize("how", ["rewritten", "replaced", "deleted"])
@pytest.mark.parametrize("mode", ["-o", "--in-place"])
def test_a_file_that_changes_between_its_read_and_its_write_is_not_written(tmp_path, capsys, monkeypatch,
                                                                           mode, how):
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    texts = {name: f"Text {name} wrapped\nover lines." for name in ("a", "b", "c")}
    for name, text in texts.items():
        (source / f"{name}.txt").write_text(text, encoding="utf-8")
    real_repair, changed = textfix.batch.repair, {}

    def repair_while_it_changes(text, config):
        if text == texts["b"]:  # b has been read; another program changes it now
            changed["b"] = _change(source / "b.txt", how)
        return real_repair(text, config)

    monkeypatch.setattr(textfix.batch, "repair", repair_while_it_changes)
    where = ["-o", str(out)] if mode == "-o" else ["--in-place"]
    report = tmp_path / "r.jsonl"
    assert main(["fix", str(source), *where, "--report", str(report), "-j", "1"]) == 1
    reason = ("deleted while it was being repaired; nothing written" if how == "deleted" else
              "changed while it was being repaired; nothing written (run again to repair it)")
    assert capsys.readouterr().err == f"textfix: error: {source / 'b.txt'}: {reason}\n"
    done = {"a.txt": b"Text a wrapped over lines.\n", "c.txt": b"Text c wrapped over lines.\n"}
    if mode == "-o":
        assert _listing(out) == done  # no output of the earlier content
    else:  # the new content is kept (a deleted file is not recreated), and no temporary file is left
        assert _listing(source) == {**done, **({} if how == "deleted" else {"b.txt": changed["b"]})}
    if how != "deleted":  # the next run repairs the new content
        monkeypatch.setattr(textfix.batch, "repair", real_repair)
        assert main(["fix", str(source), *where, "--report", str(report), "--resume", "-j", "1", "-q"]) == 0
        fixed = (out if mode == "-o" else source) / "b.txt"
        assert fixed.read_bytes() == textfix.fix(changed["b"].decode()).encode()


# --- 5. outputs that would escape the output folder -------------------------------------------


def test_inputs_named_with_dotdot_or_absolute_paths_land_inside_the_output_folder(tmp_path, monkeypatch):
    for name in ("x/file.txt", "y/other.txt", "tree/sub/c.txt", "tree2/deep/d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("A wrapped\nline.", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = _listing(tmp_path)
    assert main(["fix", "../x/file.txt", str(tmp_path / "y" / "other.txt"), "../tree", "../tree2/deep/..",
                 "-o", "out", "-j", "1"]) == 0
    written = {name: data for name, data in _listing(tmp_path).items() if name not in before}
    assert written == {f"work/out/{name}": b"A wrapped line.\n"
                       for name in ("file.txt", "other.txt", "sub/c.txt", "deep/d.txt")}
    assert _listing(tmp_path) == {**before, **written}  # the inputs untouched, nothing else written


def test_a_named_path_ending_in_dotdot_writes_nothing_outside(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["fix", str(tmp_path / "missing" / ".."), "-o", str(out), "-j", "1"]) == 1
    assert capsys.readouterr().err == f"textfix: error: {tmp_path / 'missing' / '..'}: no such file\n"
    assert _listing(tmp_path) == {}


@pytest.mark.parametrize("target", [
    "out/../escaped.txt", "out/sub/../../escaped.txt", "elsewhere/escaped.txt", "out/..", "out/sub/..", "out/.",
])
def test_write_inside_refuses_targets_outside_the_output_folder(tmp_path, target):
    # What the command line cannot produce, an API caller (plan_targets given an absolute or
    # ".." relative path, say) could: the last guard holds all the same.
    source = tmp_path / "in.txt"
    source.write_text("x\n", encoding="utf-8")
    (tmp_path / "out" / "sub").mkdir(parents=True)
    root = str((tmp_path / "out").resolve())
    with pytest.raises(OutputError, match=r"refused: (a symbolic link would take it outside|it names no file inside)"):
        write_inside(root, str(tmp_path / target), "text\n", str(source))
    assert _listing(tmp_path) == {"in.txt": b"x\n"}


def test_a_dangling_symbolic_link_in_the_output_folder_is_not_followed_out(tmp_path, capsys):
    source, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    (source / "sub" / "deeper").mkdir(parents=True)
    (source / "sub" / "x.txt").write_text("x\n", encoding="utf-8")
    (source / "sub" / "deeper" / "y.txt").write_text("y\n", encoding="utf-8")
    (source / "z.txt").write_text("z\n", encoding="utf-8")
    out.mkdir()
    (out / "sub").symlink_to(elsewhere / "new", target_is_directory=True)  # leads to a folder not made yet
    assert main(["fix", str(source), "-o", str(out), "-j", "1"]) == 1
    real = out.resolve()
    assert capsys.readouterr().err.splitlines() == [
        f"textfix: error: {out / 'sub' / 'x.txt'}: refused: a symbolic link would take it outside {real}",
        f"textfix: error: {out / 'sub' / 'deeper' / 'y.txt'}: refused: a symbolic link would take it outside {real}",
    ]
    assert not elsewhere.exists()
    assert (out / "z.txt").read_text(encoding="utf-8") == "z\n"
