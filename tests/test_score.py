"""The reference scorer: exact figures on small cases, boundary projection, reports, the corpus."""

import json
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.corpus import load_corpus
from textfix.score import (
    Score,
    WordDifference,
    format_score,
    paragraph_boundaries,
    score,
    word_edits,
)

SEED_DAMAGED = "000_f32b139c04c6e74f.txt"
SEED_REFERENCE = "001_b6afe49ff503ef9c.txt"


def assert_perfect(s: Score) -> None:
    assert (s.wer, s.cer) == (0.0, 0.0)
    assert (s.paragraph_precision, s.paragraph_recall, s.paragraph_f1) == (1.0, 1.0, 1.0)
    assert (s.differences, s.missed_boundaries, s.extra_boundaries) == ((), (), ())


# --- WER and CER -----------------------------------------------------------------------------


def test_identical_texts_are_perfect():
    assert_perfect(score("a b\n\nc d\n", "a b\n\nc d\n"))


def test_one_substituted_word():
    s = score("a x c d", "a b c d")
    assert s.wer == pytest.approx(1 / 4)
    assert s.cer == pytest.approx(1 / 7)
    assert s.differences == (WordDifference("replace", "x", "b", 1, 1),)


def test_merged_words_count_every_word_edit_and_report_one_difference():
    s = score("for anew eraina bid", "for a new era in a bid")
    assert s.wer == pytest.approx(5 / 7)  # 2 substitutions + 3 insertions
    assert s.cer == pytest.approx(3 / 22)  # three spaces lost
    assert s.differences == (WordDifference("replace", "anew eraina", "a new era in a", 1, 1),)


def test_insert_and_delete_kinds():
    inserted = score("a d", "a b c d")
    assert inserted.wer == pytest.approx(2 / 4)
    assert inserted.differences == (WordDifference("insert", "", "b c", 1, 1),)
    deleted = score("a x y d", "a d")
    assert deleted.wer == pytest.approx(2 / 2)
    assert deleted.differences == (WordDifference("delete", "x y", "", 1, 1),)


def test_words_are_case_sensitive_and_keep_punctuation():
    assert score("The end", "the end.").wer == pytest.approx(1.0)


def test_cer_ignores_white_space_layout():
    s = score("  a  b\n\n c\t", "a b c")
    assert s.cer == 0.0 and s.wer == 0.0


def test_empty_reference():
    assert score("", "").wer == 0.0 and score("", "").cer == 0.0
    assert score("a b", "").wer == 1.0 and score("a b", "").cer == 1.0
    assert score("", "a b").wer == 1.0 and score("", "a b").cer == 1.0


def test_word_edits_counts_changed_words():
    assert word_edits("Okonkwonoted that\nit", "Okonkwo noted that it") == 2
    assert word_edits("same words", "same\n\nwords ") == 0


# --- paragraph boundaries --------------------------------------------------------------------


def test_every_line_with_words_starts_a_paragraph():
    assert paragraph_boundaries("a b\nc\n \t\n\nd\n\ne f\n") == [2, 3, 4]
    assert paragraph_boundaries("\n\na b\n\n") == []
    assert paragraph_boundaries("a\r\n\r\nb\r\rc") == [1, 2]


def test_a_form_feed_page_break_does_not_end_a_line():
    assert paragraph_boundaries("end of page\x0cTop of next\n\nNew") == [6]


def test_extra_boundary():
    s = score("a b\n\nc d\n\ne f", "a b\n\nc d e f")
    assert (s.paragraph_precision, s.paragraph_recall) == (0.5, 1.0)
    assert s.paragraph_f1 == pytest.approx(2 / 3)
    assert (s.missed_boundaries, s.extra_boundaries) == ((), (4,))


def test_missed_mid_paragraph_split():
    # The reference splits a sentence in two; the candidate keeps it whole.
    s = score("of the two countries and the world", "of the two countries\n\nand the world")
    assert s.wer == 0.0
    assert (s.paragraph_precision, s.paragraph_recall, s.paragraph_f1) == (1.0, 0.0, 0.0)
    assert s.missed_boundaries == (4,)
    assert s.extra_boundaries == ()


def test_inserted_reference_paragraph_costs_nothing_at_the_boundaries():
    s = score("Title here\n\nBody text", "Title here\n\nBy Reuters\n\nBody text")
    assert s.wer == pytest.approx(2 / 6)
    assert s.differences == (WordDifference("insert", "", "By Reuters", 2, 2),)
    assert s.paragraph_f1 == 1.0
    assert (s.missed_boundaries, s.extra_boundaries) == ((), ())


def test_boundaries_inside_an_inserted_region_map_to_its_insertion_point():
    s = score("a b\n\nc d", "a b\n\nX Y\n\nZ W\n\nc d")
    assert s.paragraph_f1 == 1.0
    assert (s.missed_boundaries, s.extra_boundaries) == ((), ())


def test_boundary_projected_on_a_replaced_word():
    s = score("a b\n\nC d", "a b\n\nc d")
    assert s.paragraph_f1 == 1.0


def test_text_start_and_end_are_not_boundaries():
    # The reference-only paragraphs project onto index 0 and onto the candidate's end.
    s = score("a b", "X\n\na b\n\nY")
    assert (s.paragraph_precision, s.paragraph_recall, s.paragraph_f1) == (1.0, 1.0, 1.0)


def test_candidate_without_paragraphs_against_reference_with_them():
    s = score("a b c", "a\n\nb\n\nc")
    assert (s.paragraph_precision, s.paragraph_recall) == (1.0, 0.0)
    assert s.missed_boundaries == (1, 2)


# --- reference formats -----------------------------------------------------------------------


def test_markdown_reference_is_read_as_rendered_text():
    s = score("Title\n\nBy Reuters\n", "# Title\n\nBy [Reuters](#)\n", reference_format="markdown")
    assert_perfect(s)


def test_double_escaped_is_passed_to_the_markdown_reader():
    reference = r"for \\$2.5Bln"
    assert score("for $2.5Bln", reference, reference_format="markdown", double_escaped=True).wer == 0.0
    assert score("for $2.5Bln", reference, reference_format="markdown").wer == 0.5


def test_unknown_reference_format_is_named_in_the_error():
    with pytest.raises(ValueError, match="'html'"):
        score("a", "a", reference_format="html")


# --- reports ---------------------------------------------------------------------------------


def test_as_dict_is_json_ready():
    s = score("a x\n\nb", "a y b")
    data = json.loads(json.dumps(s.as_dict()))
    assert data["wer"] == pytest.approx(1 / 3)
    assert data["differences"] == [
        {"kind": "replace", "candidate": "x", "reference": "y", "candidate_index": 1, "reference_index": 1}
    ]
    assert data["extra_boundaries"] == [2]
    assert "candidate_tokens" not in data


def test_format_score_lists_figures_differences_and_boundaries():
    report = format_score(score("By Reuters anew eraina\n\nbid to take stray", "a new era in a bid to take"))
    lines = report.splitlines()
    assert lines[0].startswith("WER ") and "CER " in lines[0]
    assert "F1 " in lines[1]
    assert "replace  'By Reuters anew eraina' -> 'a new era in a'  @0" in lines
    assert "delete   - 'stray'  @7" in lines
    assert "extra boundaries: 1" in lines
    assert "  @4  'By Reuters anew eraina ¶ bid to take stray'" in lines


def test_format_score_shows_inserts_and_caps_the_differences():
    report = format_score(score("a c e", "a b c d e f"), max_differences=2)
    assert "insert   + 'b'  @1" in report.splitlines()
    assert "... and 1 more" in report
    assert "'f'" not in report


# --- the corpus ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_seed_reference_rendered_scores_perfect_against_itself(corpus):
    reference = corpus.get(SEED_REFERENCE)
    s = score(reference.text(), reference.raw_text(), reference_format="markdown", double_escaped=True)
    assert_perfect(s)
    assert s.reference_words > 1000


def test_seed_damaged_copy_shows_its_known_damage(corpus):
    damaged, reference = corpus.get(SEED_DAMAGED), corpus.get(SEED_REFERENCE)
    s = score(damaged.raw_text(), reference.raw_text(), reference_format="markdown", double_escaped=True)
    changes = {(d.candidate, d.reference) for d in s.differences}
    assert {("anew eraina", "a new era in a"), ("Xinoted", "Xi noted"), ("$2.5BIn", "$2.5Bln")} <= changes
    assert 0 < s.wer < 0.05
    assert 0.5 < s.paragraph_f1 < 1.0


# --- properties ------------------------------------------------------------------------------

_WORD = st.text(alphabet=string.ascii_letters[:6] + ".,", min_size=1, max_size=4)
_SEPARATOR = st.sampled_from([" ", "\n", "\n\n", " \n \n", "\t"])
_TEXT = st.lists(st.tuples(_WORD, _SEPARATOR), max_size=12).map(
    lambda pairs: "".join(word + separator for word, separator in pairs)
)


@settings(max_examples=50)
@given(_TEXT)
def test_a_text_scores_perfect_against_itself(text):
    assert_perfect(score(text, text))


@settings(max_examples=50)
@given(_TEXT, _TEXT)
def test_wer_lies_between_the_length_difference_and_the_longer_length(candidate, reference):
    s = score(candidate, reference)
    if s.reference_words:
        assert abs(s.candidate_words - s.reference_words) / s.reference_words <= s.wer
        assert s.wer <= max(s.candidate_words, s.reference_words) / s.reference_words
    assert 0.0 <= s.paragraph_f1 <= 1.0
    assert word_edits(candidate, reference) == word_edits(reference, candidate)


@given(st.text())
def test_paragraph_boundaries_agree_with_str_split(text):
    boundaries = paragraph_boundaries(text)
    assert boundaries == sorted(set(boundaries))
    assert all(0 < index < len(text.split()) for index in boundaries)
