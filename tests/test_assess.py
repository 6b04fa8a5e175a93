"""textfix.assess and `textfix assess`: damage figures without a reference, before and after."""

from __future__ import annotations

import dataclasses
import json

import pytest

import textfix
from textfix.assess import Assessment, Damage, assess_repair, measure
from textfix.cli import main


def test_clean_prose_shows_no_layout_damage(corpus):
    # The seed articles: prose. (Manual pages and code show "wrapped" lines and compounds such as
    # 'filesystem' among the merged words: the figures are estimates.)
    for document in (d for d in corpus.clean() if not d.name.startswith("real/")):
        figures = measure(document.text())
        assert (figures.wrapped_lines, figures.hyphenated_line_ends, figures.merged_words,
                figures.furniture_lines) == (0, 0, 0, 0), document.name
        assert figures.unknown_share < 0.03, document.name


def test_the_damaged_seed_is_damaged_before_and_repaired_after(corpus):
    document = corpus.damaged()[0]
    a = textfix.assess(document.text())
    assert a.before.wrapped_lines > 40 and a.after.wrapped_lines == 0
    assert a.before.hyphenated_line_ends >= 1 and a.after.hyphenated_line_ends == 0
    assert a.before.merged_words >= 2 and a.after.merged_words == 0  # 'eraina', 'Xinoted'
    assert a.after.unknown_share < a.before.unknown_share
    assert a.edits == len(textfix.repair(document.text()).edits)


def test_furniture_lines_page_numbers_and_running_heads():
    pages = [f"ACME Corp Annual Report 2024\nPage {n} begins with its own words.\nThanks.\n- {n} -\n"
             for n in range(1, 5)]
    figures = measure("\f".join(pages))
    assert figures.furniture_lines == 8  # four running heads and four page numbers; "Thanks." is a sentence
    assert measure("Chapter one.\n\n12\n\nMore text.\n").furniture_lines == 1
    assert measure("A heading\n\nOnce only.\n").furniture_lines == 0


def test_wrapped_lines_and_hyphenated_line_ends():
    figures = measure("This line runs on\ninto the next, and a word is bro-\nken here.\nA new sentence.\n")
    assert (figures.wrapped_lines, figures.hyphenated_line_ends) == (1, 1)
    # A line ending a sentence, or followed by a capital, is not a wrap.
    assert measure("One sentence.\nanother line\nThen Capital.\n").wrapped_lines == 0


def test_merged_words_need_attested_bigrams_or_a_name_of_the_text():
    assert measure("they said theyknow it well").merged_words == 1
    assert measure("Merkel spoke. Merkelnoted it.").merged_words == 1
    # Unknown words that are no merge: a compound, an American spelling, a repeated name.
    assert measure("biosecurity traveled multipolar").merged_words == 0
    assert measure("John met Johnson; Johnson left.").merged_words == 0


def test_unknown_share_counts_lower_case_words_only():
    figures = measure("Xiaoping and Merkelova met the zzzqx delegation")
    assert (figures.words, figures.unknown_words, figures.unknown_share) == (5, 1, 0.2)
    assert measure("Le développement économique de la région a été très rapide").unknown_share > 0.5
    assert measure("").unknown_share == 0.0


def test_assessment_is_a_small_frozen_dataclass_with_a_flat_dict():
    a = textfix.assess("A wrapped\nline.")
    assert isinstance(a, Assessment) and isinstance(a.before, Damage)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.edits = 3
    flat = a.as_dict()
    assert flat["wrapped_lines_before"] == 1 and flat["wrapped_lines_after"] == 0 and flat["edits"] == a.edits
    names = [field.name for field in dataclasses.fields(Damage)]
    assert set(flat) == {f"{name}_{when}" for name in names for when in ("before", "after")} | {"edits"}
    json.dumps(flat)
    assert hash(a) == hash(textfix.assess("A wrapped\nline."))


def test_assess_repair_reuses_a_repair():
    result = textfix.repair("The econo-\nmic ties.")
    assert assess_repair(result) == textfix.assess("The econo-\nmic ties.")


def test_the_command_prints_a_table_or_json_lines(tmp_path, capsys):
    source = tmp_path / "a.txt"
    source.write_text("The econo-\nmic ties of the US-\nMexico partners are strong.", encoding="utf-8")
    assert main(["assess", str(source)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{source}  (3 edits)"
    assert out[4].split() == ["hyphenated", "line", "ends", "1", "0"]  # "US-" runs on in upper case
    assert main(["assess", str(source), str(tmp_path / "missing.txt"), "--json"]) == 1
    captured = capsys.readouterr()
    record = json.loads(captured.out)
    assert record["path"] == str(source) and record["encoding"] == "utf-8"
    assert record["hyphenated_line_ends_before"] == 1 and record["hyphenated_line_ends_after"] == 0
    assert captured.err == f"textfix: error: {tmp_path / 'missing.txt'}: no such file\n"
