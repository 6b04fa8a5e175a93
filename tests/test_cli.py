from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from textfix.cli import main

SEED = str(Path(__file__).resolve().parent.parent / "corpus" / "000_f32b139c04c6e74f.txt")


def test_fix_prints_the_repair(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text("The econo-\nmic  ties.  ", encoding="utf-8")
    assert main(["fix", str(source)]) == 0
    assert capsys.readouterr().out == "The economic ties.\n"


def test_fix_writes_into_a_folder_and_never_touches_the_input(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("a wrapped\nline", encoding="utf-8")
    assert main(["fix", str(source), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "in.txt").read_text(encoding="utf-8") == "a wrapped line\n"
    assert source.read_text(encoding="utf-8") == "a wrapped\nline"


def test_fix_decodes_other_encodings(tmp_path, capsys):
    source = tmp_path / "latin.txt"
    text = "The committee\u2019s report \u201cwas clear\u201d \u2014 the caf\u00e9 closed at noon.\n"
    source.write_bytes(text.encode("cp1252"))
    assert main(["fix", str(source)]) == 0
    assert capsys.readouterr().out == text


def test_missing_and_binary_inputs_get_one_clear_line_and_the_batch_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("fine text", encoding="utf-8")
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 10)
    status = main(["fix", str(tmp_path / "missing.txt"), str(binary), str(good)])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == "fine text\n"
    errors = captured.err.strip().splitlines()
    assert errors == [
        f"textfix: error: {tmp_path / 'missing.txt'}: no such file",
        f"textfix: error: {binary}: looks like a binary file (it holds NUL bytes), not text",
    ]


def test_two_inputs_with_one_name_are_refused_before_anything_is_written(tmp_path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["fix", str(tmp_path / "a" / "same.txt"), str(tmp_path / "b" / "same.txt"), "-o", str(tmp_path / "out")])
    assert exit_.value.code == 2
    assert "same file name" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_fixer_is_a_usage_error_listing_valid_names(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["fix", SEED, "--disable", "nope"])
    assert exit_.value.code == 2
    assert "unknown fixer 'nope'; valid fixers: unicode" in capsys.readouterr().err


def test_explain_lists_line_column_fixer_change_and_reason(capsys):
    assert main(["explain", SEED]) == 0
    lines = capsys.readouterr().out.splitlines()
    ocr = [line for line in lines if "\tocr_confusions\t" in line]
    assert len(ocr) == 1
    position, fixer, change, reason = ocr[0].split("\t")
    assert position == "100:83" and change == "'BIn' -> 'Bln'" and "unit" in reason


def test_score_reports_figures_and_differences(tmp_path, capsys):
    candidate = tmp_path / "c.txt"
    candidate.write_text("for anew eraina bid\n", encoding="utf-8")
    reference = tmp_path / "r.md"
    reference.write_text("for **a new era** in a bid\n", encoding="utf-8")
    assert main(["score", str(candidate), str(reference), "--markdown", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reference_words"] == 7
    assert data["differences"][0]["reference"] == "a new era in a"


def test_stdin_and_python_dash_m(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "textfix", "fix", "-"], input="A wrapped\nline.".encode(),
                               capture_output=True, check=True)
    assert completed.stdout.decode() == "A wrapped line.\n"


def test_a_closed_pipe_is_not_an_error(tmp_path):
    source = tmp_path / "big.txt"
    source.write_text("A wrapped\nline.\n\n" * 20000, encoding="utf-8")
    completed = subprocess.run(f"{sys.executable} -m textfix fix {source} | head -1", shell=True,
                               capture_output=True)
    assert completed.stdout == b"A wrapped line.\n"
    assert completed.stderr == b""


def test_every_command_is_listed_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("fix", "explain", "diff", "assess", "score"):
        assert f"    {command} " in out
