"""Batches: decoding, folders, outputs, resume, interrupts, workers, the report, fix_many."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

import textfix
from textfix.batch import fix_many, ordered_map
from textfix.cli import main
from textfix.inputs import InputError, decode
from textfix.lexicon import default_lexicon

SEED = Path(__file__).resolve().parent.parent / "corpus" / "000_f32b139c04c6e74f.txt"

FRENCH = ("Le développement économique de la région a été très rapide cette année. Les élèves étaient "
          "déçus par les résultats, mais le maître leur a expliqué qu’il fallait persévérer.\n"
          "Où est la gare ? À côté du théâtre, près de l'hôpital.\n")
GERMAN = "Die Größe der Straße überrascht die Bürger. Schöne Grüße aus München.\n"
SPANISH = "El niño comió una piña en la mañana; ¿qué más quería? ¡Mucho más!\n"
SWEDISH = "Räksmörgås är gott. Åsa och Örjan åt smörgåsar på ön.\n"
PORTUGUESE = "A informação não está disponível; coração e ação são palavras comuns.\n"
POLISH = "Zażółć gęślą jaźń. Władysław mieszka w Łodzi i pracuje w szkole.\n"
RUSSIAN = "Привет, как дела? Это пример текста на русском языке для проверки.\n"


def _fix_with_report(tmp_path, *paths, extra=()):
    report = tmp_path / "report.jsonl"
    status = main(["fix", *map(str, paths), "-o", str(tmp_path / "out"), "--report", str(report), "-q", *extra])
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    return status, records


# --- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, encoding", [
    (FRENCH, "cp1252"), (FRENCH.replace("’", "'"), "latin-1"), (GERMAN, "latin-1"), (SPANISH, "latin-1"),
    (SWEDISH, "latin-1"), (PORTUGUESE, "cp1252"), (GERMAN, "cp1252"),
], ids=["fr-cp1252", "fr-latin1", "de-latin1", "es-latin1", "sv-latin1", "pt-cp1252", "de-cp1252"])
def test_short_western_files_in_cp1252_or_latin1_decode_exactly(tmp_path, text, encoding):
    # charset-normalizer alone reads several of these as cp1250, cp1257 or hp_roman8.
    source = tmp_path / "in.txt"
    source.write_bytes(text.encode(encoding))
    status, records = _fix_with_report(tmp_path, source, extra=["--profile", "minimal"])
    assert status == 0
    assert records[0]["encoding"] == "cp1252"  # latin-1's printable characters are cp1252's
    assert (tmp_path / "out" / "in.txt").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("text, encoding", [(POLISH, "cp1250"), (RUSSIAN, "cp1251")], ids=["pl", "ru"])
def test_other_code_pages_are_not_forced_into_cp1252(text, encoding):
    decoded = decode(text.encode(encoding), "x")
    assert (decoded.text, decoded.encoding, decoded.guessed) == (text, encoding, True)


@pytest.mark.parametrize("data, encoding", [
    (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "utf-8-sig"),
    (FRENCH.encode("utf-16"), "utf-16"),
    (b"\xfe\xff" + FRENCH.encode("utf-16-be"), "utf-16"),
    (FRENCH.encode("utf-32"), "utf-32"),
    (FRENCH.encode("utf-16-le"), "utf-16-le"),  # no byte-order mark: recognised all the same
    (FRENCH.encode("utf-8"), "utf-8"),
], ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom", "utf-16-le-no-bom", "utf-8"])
def test_unicode_encodings_and_byte_order_marks(data, encoding):
    decoded = decode(data, "x")
    assert (decoded.text, decoded.encoding) == (FRENCH, encoding)


def test_binary_and_undecodable_files_get_one_line_each_and_the_batch_goes_on(tmp_path, capsys):
    (tmp_path / "doc.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (tmp_path / "bad16.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8")  # a lone surrogate
    (tmp_path / "good.txt").write_text("A wrapped\nline.", encoding="utf-8")
    status = main(["fix", str(tmp_path), "-o", str(tmp_path / "out")])
    errors = capsys.readouterr().err.splitlines()
    assert status == 1
    assert errors == [
        f"textfix: error: {tmp_path / 'bad16.txt'}: starts with a byte-order mark but is not valid utf-16 "
        "(byte 0x00 at offset 2)",
        f"textfix: error: {tmp_path / 'doc.txt'}: looks like a PDF file (extract its text first, for example "
        "with pdftotext), not text",
        f"textfix: error: {tmp_path / 'image.txt'}: looks like a binary file (it holds NUL bytes), not text",
    ]
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == "A wrapped line.\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.txt"]


def test_empty_files_are_fine(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    status, records = _fix_with_report(tmp_path, tmp_path / "empty.txt")
    assert status == 0 and records[0]["status"] == "unchanged"
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""


def test_a_named_encoding_wins_and_a_wrong_one_is_a_clear_error(tmp_path, capsys):
    source = tmp_path / "tr.txt"
    source.write_bytes("Türkçe: ğüşı İstanbul.\n".encode("cp1254"))
    assert main(["fix", str(source), "--encoding", "cp1254", "--profile", "minimal"]) == 0
    assert capsys.readouterr().out == "Türkçe: ğüşı İstanbul.\n"
    assert main(["fix", str(source), "--encoding", "utf-8"]) == 1
    assert capsys.readouterr().err == f"textfix: error: {source}: is not valid utf-8 (byte 0xfc at offset 1)\n"
    assert main(["fix", str(source), "--encoding", "klingon"]) == 1
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def test_a_guessed_encoding_is_noted_unless_quiet(tmp_path, capsys):
    source = tmp_path / "fr.txt"
    source.write_bytes(FRENCH.encode("cp1252"))
    assert main(["fix", str(source), "--profile", "minimal"]) == 0
    assert capsys.readouterr().err == f"textfix: note: {source}: not UTF-8; read as cp1252\n"
    assert main(["fix", str(source), "--profile", "minimal", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_decode_raises_input_error_naming_the_input():
    with pytest.raises(InputError, match=r"^name\.txt: looks like a binary file"):
        decode(b"a\x00b", "name.txt")


# --- folders and outputs ----------------------------------------------------------------------


def _tree(root: Path) -> None:
    files = {
        "a.txt": "A wrapped\nline.",
        "sub/b.txt": "Clean text.\n",
        "sub/deeper/c.txt": "The econo-\nmic ties.",
        "sub/notes.md": "not taken by default\n",
        "drafts/d.txt": "excluded\n",
        ".hidden/e.txt": "hidden folder\n",
        ".f.txt": "hidden file\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_folder_is_walked_and_mirrored_and_never_modified(tmp_path):
    source = tmp_path / "in"
    _tree(source)
    before = _digest(source)
    assert main(["fix", str(source), "-o", str(tmp_path / "out"), "--exclude", "drafts"]) == 0
    assert _digest(source) == before
    out = tmp_path / "out"
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [
        "a.txt", "sub/b.txt", "sub/deeper/c.txt"]
    assert (out / "sub" / "deeper" / "c.txt").read_text(encoding="utf-8") == "The economic ties.\n"


def test_include_and_exclude_match_names_and_paths(tmp_path, capsys):
    source = tmp_path / "in"
    _tree(source)
    assert main(["fix", str(source), "--include", "*.md", "--include", "drafts/*", "--profile", "minimal"]) == 0
    assert capsys.readouterr().out == "excluded\nnot taken by default\n"  # drafts/d.txt, then sub/notes.md
    assert main(["fix", str(source), "--exclude", "sub/deeper", "--exclude", "d.txt", "--profile", "minimal"]) == 0
    assert capsys.readouterr().out == "A wrapped\nline.\nClean text.\n"


def test_output_folder_inside_the_input_folder_is_not_walked(tmp_path):
    source = tmp_path / "in"
    _tree(source)
    assert main(["fix", str(source), "-o", str(source / "fixed")]) == 0
    assert main(["fix", str(source), "-o", str(source / "fixed")]) == 0  # a second run sees no fixed/fixed
    assert not (source / "fixed" / "fixed").exists()


def test_symbolic_links_inside_a_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("outside\n", encoding="utf-8")
    source = tmp_path / "in"
    source.mkdir()
    (source / "real.txt").write_text("inside\n", encoding="utf-8")
    (source / "link.txt").symlink_to(outside / "secret.txt")
    (source / "linked").symlink_to(outside, target_is_directory=True)
    assert main(["fix", str(source), "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").rglob("*")) == ["real.txt"]


def test_nothing_is_written_outside_the_output_folder_through_a_symbolic_link(tmp_path, capsys):
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "x.txt").write_text("x\n", encoding="utf-8")
    (source / "y.txt").write_text("y\n", encoding="utf-8")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("precious\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(victim, target_is_directory=True)  # out/sub leads outside
    (out / "y.txt").symlink_to(victim / "keep.txt")  # a link in place of an output
    status = main(["fix", str(source), "-o", str(out)])
    assert status == 1
    assert capsys.readouterr().err == (
        f"textfix: error: {out / 'sub' / 'x.txt'}: refused: a symbolic link would take it outside {out.resolve()}\n")
    assert sorted(p.name for p in victim.iterdir()) == ["keep.txt"]
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "precious\n"
    assert not (out / "y.txt").is_symlink() and (out / "y.txt").read_text(encoding="utf-8") == "y\n"


def test_an_output_that_would_replace_its_input_is_refused(tmp_path, capsys):
    source = tmp_path / "a.txt"
    source.write_text("A wrapped\nline.", encoding="utf-8")
    assert main(["fix", str(source), "-o", str(tmp_path)]) == 1
    assert "refused: it is the input itself (use --in-place" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == "A wrapped\nline."
    with pytest.raises(SystemExit) as exit_:
        main(["fix", str(tmp_path), "-o", str(tmp_path)])
    assert exit_.value.code == 2
    assert "is also the output folder; use --in-place" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["--check", "-o", "out"], "--check writes nothing"),
    (["--resume"], "--resume needs -o DIR or --in-place"),
    (["--resume", "--in-place"], "--resume --in-place needs the --report"),
    (["-j", "0"], "-j needs a number of worker processes of 1 or more"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path, capsys, argv, message):
    source = tmp_path / "a.txt"
    source.write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["fix", str(source), *argv])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_in_place_rewrites_atomically_keeps_the_mode_and_leaves_unchanged_files_alone(tmp_path, capsys):
    changed = tmp_path / "changed.txt"
    changed.write_bytes("The econo-\nmic ties.".encode("cp1252"))
    changed.chmod(0o640)
    clean = tmp_path / "clean.txt"
    clean.write_text("Clean text.\n", encoding="utf-8")
    old = time.time() - 1000
    os.utime(clean, (old, old))
    link = tmp_path / "link.txt"
    link.symlink_to(changed)
    status = main(["fix", str(changed), str(clean), str(link), "--in-place"])
    assert status == 1
    assert capsys.readouterr().err == (f"textfix: error: {link}: is a symbolic link; --in-place does not write "
                                       "through links (name the file it points to)\n")
    assert changed.read_bytes() == b"The economic ties.\n"
    assert changed.stat().st_mode & 0o777 == 0o640
    assert clean.stat().st_mtime == pytest.approx(old)  # not rewritten: its bytes would not change
    assert link.is_symlink()
    assert not list(tmp_path.glob(".*.tmp"))


def test_check_exits_1_when_a_file_would_change_and_writes_nothing(tmp_path, capsys):
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("A wrapped\nline.", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("Clean text.\n", encoding="utf-8")
    before = _digest(tmp_path)
    assert main(["fix", str(clean), "--check"]) == 0
    assert main(["fix", str(tmp_path), "--check"]) == 1
    captured = capsys.readouterr()
    assert f"would change: {dirty}" in captured.err and str(clean) not in captured.err.replace("unchanged", "")
    assert captured.out == ""
    assert _digest(tmp_path) == before


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, capsys):
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("A wrapped\nline.", encoding="utf-8")
    assert main(["fix", str(dirty), "--diff"]) == 0
    assert capsys.readouterr().out == (
        f"--- a/{dirty}\n+++ b/{dirty}\n@@ -1,2 +1 @@\n-A wrapped\n-line.\n\\ No newline at end of file\n"
        "+A wrapped line.\n")
    assert main(["fix", str(dirty), "--diff", "--check"]) == 1
    assert dirty.read_text(encoding="utf-8") == "A wrapped\nline."


def test_resume_with_an_output_folder_skips_outputs_not_older_than_their_input(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    for name in ("a", "b", "c"):
        (source / f"{name}.txt").write_text(f"Text {name} wrapped\nhere.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["fix", str(source), "-o", str(out)]) == 0
    (out / "b.txt").unlink()  # as if the run had been interrupted before b
    later = time.time() + 100
    os.utime(source / "c.txt", (later, later))  # c changed since it was done
    (out / "a.txt").write_text("sentinel\n", encoding="utf-8")  # done: must not be redone
    report = tmp_path / "r.jsonl"
    assert main(["fix", str(source), "-o", str(out), "--resume", "--report", str(report), "-v"]) == 0
    err = capsys.readouterr().err
    assert f"{source / 'a.txt'}: skipped (done before)" in err
    assert [json.loads(line)["status"] for line in report.read_text().splitlines()] == ["skipped", "changed", "changed"]
    assert (out / "a.txt").read_text(encoding="utf-8") == "sentinel\n"
    assert (out / "b.txt").read_text(encoding="utf-8") == "Text b wrapped here.\n"


def test_resume_in_place_uses_the_report_of_the_earlier_run(tmp_path):
    files = [tmp_path / f"{name}.txt" for name in ("a", "b")]
    for path in files:
        path.write_text("A wrapped\nline.", encoding="utf-8")
    report = tmp_path / "r.jsonl"
    assert main(["fix", str(files[0]), "--in-place", "--report", str(report)]) == 0
    first = json.loads(report.read_text())
    files[0].write_text(files[0].read_text() + "", encoding="utf-8")  # rewritten: a new mtime, same text
    os.utime(files[0], ns=(first["mtime_ns"], first["mtime_ns"]))  # ... but put back: still done
    assert main(["fix", *map(str, files), "--in-place", "--report", str(report), "--resume"]) == 0
    records = [json.loads(line) for line in report.read_text().splitlines()]
    assert [(r["path"], r["status"]) for r in records] == [(str(files[0]), "changed"), (str(files[1]), "changed")]
    assert records[0] == first  # the earlier record, kept
    assert files[1].read_text(encoding="utf-8") == "A wrapped line.\n"


# --- workers, order, progress, the report -----------------------------------------------------


def test_results_keep_the_input_order_with_several_workers(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    for i in range(24):  # sizes differ, so that workers finish out of order
        (source / f"{i:02d}.txt").write_text(f"Document {i} is\nwrapped. " + "word " * (i * 300) + "\n",
                                             encoding="utf-8")
    assert main(["fix", str(source), "-j", "2", "--profile", "layout"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines()] == [str(i) for i in range(24)]


def test_the_report_has_one_record_per_input_in_order(tmp_path):
    (tmp_path / "a.txt").write_text("The econo-\nmic ties of the US-\nMexico partners.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00binary")
    (tmp_path / "c.txt").write_bytes(FRENCH.encode("cp1252"))
    status, records = _fix_with_report(tmp_path, tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt",
                                       tmp_path / "missing.txt", extra=["-j", "2"])
    assert status == 1
    assert [(Path(r["path"]).name, r["status"]) for r in records] == [
        ("a.txt", "changed"), ("b.txt", "error"), ("c.txt", "changed"), ("missing.txt", "error")]
    a, b, c, missing = records
    assert set(a) == {"path", "status", "error", "output", "encoding", "chars_in", "chars_out", "edits",
                      "edits_by_fixer", "seconds", "mtime_ns", "assessment"}
    assert (a["encoding"], a["chars_in"], a["chars_out"], a["error"]) == ("utf-8", 47, 45, None)
    assert a["edits_by_fixer"]["dehyphenate"] == 2 and a["edits"] == sum(a["edits_by_fixer"].values())
    assert a["assessment"]["hyphenated_line_ends_before"] == 1 and a["assessment"]["hyphenated_line_ends_after"] == 0
    assert a["output"] == str(tmp_path / "out" / "a.txt") and a["seconds"] >= 0
    assert b["error"] == f"{tmp_path / 'b.txt'}: looks like a binary file (it holds NUL bytes), not text"
    assert c["encoding"] == "cp1252"
    assert missing["error"] == f"{tmp_path / 'missing.txt'}: no such file"


def test_no_progress_bar_when_standard_error_is_not_a_terminal(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("A wrapped\nline.", encoding="utf-8")
    completed = subprocess.run([sys.executable, "-m", "textfix", "fix", str(tmp_path), "-o", str(tmp_path / "o")],
                               capture_output=True)
    assert completed.returncode == 0 and completed.stderr == b""


def test_a_progress_bar_on_a_terminal(tmp_path):
    pytest.importorskip("tqdm")
    pty = pytest.importorskip("pty")
    fcntl, termios = pytest.importorskip("fcntl"), pytest.importorskip("termios")
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text("A wrapped\nline.", encoding="utf-8")
    controller, terminal = pty.openpty()
    # A terminal of 100 columns (a new pseudo-terminal has none, and a bar of no width is empty).
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "textfix", "fix", str(tmp_path), "-o", str(tmp_path / "o")],
                               stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait() == 0
    assert b"file" in shown and b"%" in shown  # tqdm's "n/6 [..., file/s]" line


def _many_files(folder: Path, count: int) -> None:
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(seed, encoding="utf-8")


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_batch_leaves_only_whole_files(tmp_path, sent):
    source = tmp_path / "in"
    _many_files(source, 120)
    expected = textfix.fix(SEED.read_text(encoding="utf-8"))
    out = tmp_path / "out"
    # A test runner started in the background of a shell without job control inherits SIGINT
    # ignored, and Python then keeps ignoring it: give the command the default a terminal gives.
    process = subprocess.Popen([sys.executable, "-m", "textfix", "fix", str(source), "-o", str(out), "-j", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.txt"))) < 5:
        time.sleep(0.05)
    # The whole process group, as a terminal's Ctrl-C (or a `kill` of the group) does.
    os.killpg(process.pid, sent)
    _, err = process.communicate(timeout=300)  # a guard against a hang, not a timing: the machine may be busy
    done = sorted(out.glob("*.txt"))
    assert process.returncode == 128 + sent, err
    assert err.decode().strip().endswith("textfix: interrupted")
    assert 5 <= len(done) < 120
    assert all(path.read_text(encoding="utf-8") == expected for path in done)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
    # --resume finishes the job.
    subprocess.run([sys.executable, "-m", "textfix", "fix", str(source), "-o", str(out), "--resume"], check=True)
    assert len(list(out.glob("*.txt"))) == 120


# --- fix_many ---------------------------------------------------------------------------------

TEXTS = [f"Text {i} is hard-\nwrapped over\nlines." + " More words." * (i % 7) for i in range(40)]


@pytest.mark.parametrize("jobs, chunksize", [(1, 1), (2, 1), (2, 5)])
def test_fix_many_gives_the_repairs_in_input_order(jobs, chunksize):
    results = list(fix_many(TEXTS, jobs=jobs, chunksize=chunksize))
    assert [r.text for r in results] == [textfix.fix(text) for text in TEXTS]
    assert all(isinstance(r, textfix.Repair) and r.original == text for r, text in zip(results, TEXTS))


def test_fix_many_with_assessments():
    pairs = list(fix_many(TEXTS[:3], jobs=2, assess=True))
    assert [type(a).__name__ for _, a in pairs] == ["Assessment"] * 3
    assert pairs[0][1] == textfix.assess(TEXTS[0])


def test_fix_many_reads_ahead_a_bounded_window_of_an_endless_iterator():
    pulled = 0

    def endless():
        nonlocal pulled
        while True:
            pulled += 1
            yield f"line {pulled} of an endless\nstream"

    results = fix_many(endless(), jobs=2, window=3, chunksize=2)
    first = next(results)
    assert first.text == "line 1 of an endless stream\n"
    assert pulled <= 3 * 2 + 2  # the window, and the chunk being gathered
    for _, result in zip(range(50), results):
        pass
    assert pulled <= 52 + 3 * 2 + 2
    results.close()  # the workers are stopped; nothing hangs


def test_fix_many_without_workers_runs_in_this_process():
    assert [r.text for r in fix_many(["a\nb"], jobs=1)] == ["a b\n"]
    assert multiprocessing.active_children() == []


def test_fix_many_refuses_what_is_not_text_at_its_index():
    with pytest.raises(TypeError, match="item 1 is bytes"):
        list(fix_many(["ok", b"bytes"], jobs=1))
    with pytest.raises(ValueError):
        fix_many(["ok"], jobs=0)


def _lexicon_loads(_item):
    return os.getpid(), default_lexicon.cache_info().misses


def test_each_worker_loads_the_lexicon_once():
    seen = dict(ordered_map(_lexicon_loads, range(40), jobs=2))
    assert 1 <= len(seen) <= 2
    assert set(seen.values()) == {1}  # one load in each worker (or inherited, loaded at most once)
