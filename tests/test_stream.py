"""textfix.stream: large texts a block of paragraphs at a time, with the whole text's vocabulary."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textfix
from textfix import batch, stream
from textfix.cli import main
from textfix.inputs import InputError

PARAGRAPHS = st.lists(st.text(alphabet="ab \n-.", max_size=30), max_size=30).map("\n\n".join)


@settings(max_examples=200, deadline=None)
@given(PARAGRAPHS, st.integers(1, 40))
def test_blocks_lose_nothing(text, size):
    assert "".join(stream.blocks([text[:7], text[7:]], size)) == text


def test_blocks_end_at_paragraph_breaks():
    text = "".join(f"Paragraph {i} has a few words in it.\n\n" for i in range(200))
    pieces = list(stream.blocks([text], 500))
    assert len(pieces) > 5
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])


def test_a_word_broken_before_a_blank_line_is_not_cut_apart():
    text = "word " * 100 + "econo-\n\nmic " + "word " * 100
    assert all(not piece.endswith("-\n\n") for piece in stream.blocks([text], 300))


def test_without_blank_lines_a_block_ends_after_a_sentence():
    text = "".join(f"Line {i} is a sentence.\nand this one goes on\n" for i in range(100))
    pieces = list(stream.blocks([text], 300))
    assert len(pieces) > 3
    assert all(piece.endswith(".\n") for piece in pieces[:-1])


def test_one_enormous_line_is_cut_anyway():
    assert max(map(len, stream.blocks(["x" * 10_000], 1_000))) <= 2_000


def test_a_small_text_comes_out_as_fix_gives_it():
    text = "The econo-\nmic ties are strong.\n\nMerkel spoke. Merkelnoted that, Merkel said.\n"
    assert "".join(stream.fix_blocks(lambda: [text])) == textfix.fix(text)


def test_each_block_is_judged_with_the_whole_texts_vocabulary():
    # 'Merkel' is said in the first blocks only; the merged form is in the last.
    text = "Merkel spoke first.\n\n" * 40 + "Then Merkelnoted that the talks went well.\n"
    out = "".join(stream.fix_blocks(lambda: [text], block_size=100))
    assert out.endswith("Then Merkel noted that the talks went well.\n")
    alone = textfix.fix("Then Merkelnoted that the talks went well.\n")
    assert "Merkelnoted" in alone  # the last block by itself has no such evidence


def test_the_blocks_derive_what_the_vocabulary_implies_once():
    """Every block's document reads the whole text's counts; what is derived from them alone (the
    lower-case counts, a fixer's sets) is computed for the first block and shared by the rest."""
    from textfix.document import Document
    from textfix.fixers.split_merged_words import _written_apart_twice

    text = "Merkel spoke first, said the pipe.\n\n" * 40
    counts = stream.vocabulary(lambda: [text], block_size=100)
    first, second = Document("Merkel spoke.", counts=counts), Document("The pipe.", counts=counts)
    assert first.words is second.words and first.longest_known == second.longest_known
    assert first.derived(_written_apart_twice) is second.derived(_written_apart_twice)
    alone = Document("Merkel spoke.")  # its own vocabulary: its own derivations
    assert alone.words is not first.words and alone.words == {"merkel": 1, "spoke": 1}


def test_paragraphs_stay_apart_across_blocks():
    text = "".join(f"Paragraph {i} is here.\n\n" for i in range(50))
    out = "".join(stream.fix_blocks(lambda: [text], block_size=100))
    assert out == textfix.fix(text)


def test_the_phrase_table_keeps_repeated_phrases_when_it_is_pruned(monkeypatch):
    monkeypatch.setattr(stream, "MAX_PAIRS", 50)
    text = "".join(f"the pipe holds word{i} now\n\n" for i in range(200))
    counts = stream.vocabulary(lambda: [text], block_size=500)
    assert len(counts.pairs) <= 50
    assert counts.pairs[("the", "pipe")] >= 100


def test_fix_file_reads_and_writes_a_block_at_a_time(tmp_path):
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    text = "Caf\u00e9 econo-\nmic ties.\n\n" * 300
    source.write_bytes(text.encode("cp1252"))
    assert stream.fix_file(source, target, block_size=1000) == "cp1252"
    assert target.read_text(encoding="utf-8") == textfix.fix(text)


def test_fix_file_names_the_byte_that_does_not_decode_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "READ_SIZE", 64)
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_bytes(b"plain text\n" * 20 + b"\xff\xfe broken")
    with pytest.raises(InputError, match=r"in\.txt: is not valid utf-8 \(byte 0xff at offset 220\)"):
        stream.fix_file(source, target, encoding="utf-8")
    assert list(tmp_path.iterdir()) == [source]


def test_the_command_repairs_a_large_file_in_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "STREAM_ABOVE", 1000)
    monkeypatch.setattr(stream, "BLOCK_SIZE", 500)
    folder = tmp_path / "in"
    folder.mkdir()
    text = "The econo-\nmic ties are strong.\n\n" * 100
    (folder / "big.txt").write_text(text, encoding="utf-8")
    report = tmp_path / "report.jsonl"
    assert main(["fix", str(folder), "-o", str(tmp_path / "out"), "--report", str(report), "-q"]) == 0
    assert (tmp_path / "out" / "big.txt").read_text(encoding="utf-8") == textfix.fix(text)
    record = json.loads(report.read_text().splitlines()[0])
    assert record["status"] == "changed" and record["edits"] >= 100 and record["chars_in"] == len(text)
