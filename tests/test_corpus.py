"""The corpus, run as data: every damaged input against its reference, every clean text unchanged."""

from __future__ import annotations

import pytest

import textfix
from textfix.corpus import CorpusError, load_corpus
from textfix.edits import apply_edits
from textfix.score import score, word_edits

from conftest import load_cases

CORPUS = load_corpus()
SEED_INPUT = "000_f32b139c04c6e74f.txt"


def test_manifest_describes_every_seed(corpus):
    roles = {d.name: d.role for d in corpus.documents}
    assert roles[SEED_INPUT] == "damaged"
    assert {roles[n] for n in ("001_b6afe49ff503ef9c.txt", "002_3086c8488f3bd921.txt",
                               "003_a4b204e386b93760.txt", "004_2f2129dd3d24a781.txt")} == {"clean"}
    assert corpus.get("001_b6afe49ff503ef9c.txt").format == "markdown"
    assert corpus.get(SEED_INPUT).reference == "001_b6afe49ff503ef9c.txt"


@pytest.mark.parametrize("document", CORPUS.clean(), ids=lambda d: d.name)
def test_clean_text_comes_through_with_zero_word_edits(document):
    text = document.text()
    assert word_edits(text, textfix.fix(text)) == 0


KNOWN_F1_FAILURES = {case["document"]: case["why"] for case in load_cases("corpus_known_failures.json")}


@pytest.mark.parametrize("pair", CORPUS.pairs(), ids=lambda p: p[0].name)
def test_repair_lowers_the_word_error_rate_and_accounts_for_every_change(pair):
    damaged, reference = pair
    text = damaged.text()
    result = textfix.repair(text)
    assert apply_edits(text, result.edits) == result.text
    assert score(result.text, reference.text()).wer < score(text, reference.text()).wer


@pytest.mark.parametrize(
    "pair",
    [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=KNOWN_F1_FAILURES[p[0].name]))
     if p[0].name in KNOWN_F1_FAILURES else p for p in CORPUS.pairs()],
    ids=lambda p: p[0].name,
)
def test_repair_never_lowers_paragraph_f1(pair):
    damaged, reference = pair
    before = score(damaged.text(), reference.text())
    after = score(textfix.fix(damaged.text()), reference.text())
    assert after.paragraph_f1 >= before.paragraph_f1


def test_seed_article_differs_from_its_reference_only_where_the_damaged_copy_never_had_the_text(corpus):
    damaged, reference = corpus.get(SEED_INPUT), corpus.get("001_b6afe49ff503ef9c.txt")
    result = score(textfix.fix(damaged.text()), reference.text())
    assert [d.kind for d in result.differences] == ["insert", "insert"]
    assert result.differences[0].reference == "By Reuters June 05, 2019 Kremlin.ru"
    assert result.differences[1].reference.startswith("Original url: https://www.themoscowtimes.com/")
    # Every paragraph matches, except the two the reference splits in mid-sentence.
    assert result.paragraph_precision == 1.0
    assert len(result.missed_boundaries) == 2
    words = textfix.fix(damaged.text()).split()
    for boundary in result.missed_boundaries:
        assert words[boundary][0].islower(), "a missed boundary must be a mid-sentence split"


def test_seed_article_edits_name_their_fixers(corpus):
    result = textfix.repair(corpus.get(SEED_INPUT).text())
    word_fixers = {name for e in result.edits for name in e.fixer.split("+")}
    assert {"split_merged_words", "dehyphenate", "ocr_confusions", "link_lines", "unwrap_lines", "whitespace"} <= word_fixers
    assert all(e.reason for e in result.edits)


def test_loader_reports_a_missing_reference(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        '{"documents": [{"file": "a.txt", "role": "damaged", "reference": "b.txt"}]}', encoding="utf-8")
    with pytest.raises(CorpusError, match="a.txt: its reference 'b.txt' is not in the corpus"):
        load_corpus(tmp_path)


def test_loader_reports_a_missing_file(tmp_path):
    (tmp_path / "manifest.json").write_text('{"documents": [{"file": "gone.txt", "role": "clean"}]}', encoding="utf-8")
    with pytest.raises(CorpusError, match="gone.txt: no such file"):
        load_corpus(tmp_path)


def test_loader_follows_includes(tmp_path):
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "c.txt").write_text("clean", encoding="utf-8")
    (sub / "manifest.json").write_text('{"documents": [{"file": "c.txt", "role": "clean"}]}', encoding="utf-8")
    (tmp_path / "manifest.json").write_text('{"documents": [], "include": ["more/manifest.json"]}', encoding="utf-8")
    assert [d.name for d in load_corpus(tmp_path).documents] == ["more/c.txt"]
