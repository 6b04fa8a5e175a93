"""markdown_to_text: each construct on its own, the output convention, and the seed reference."""

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.markdown_text import markdown_to_text, undo_double_escapes

SEED_REFERENCE = Path(__file__).resolve().parent.parent / "corpus" / "001_b6afe49ff503ef9c.txt"


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        pytest.param("# Title *here*\n", "Title here\n", id="atx-heading"),
        pytest.param("Title\n=====\n", "Title\n", id="setext-heading"),
        pytest.param("*a* _b_ **c** __d__ ***e***\n", "a b c d e\n", id="emphasis"),
        pytest.param("By [Reuters](#) and [AP](http://ap.org \"t\")\n", "By Reuters and AP\n", id="link"),
        pytest.param("see [*the* page][ref]\n\n[ref]: http://x.org\n", "see the page\n", id="reference-link"),
        pytest.param("<https://x.org/a?b=1>\n", "https://x.org/a?b=1\n", id="autolink"),
        pytest.param("a ![the *alt* text](img.png) b\n", "a the alt text b\n", id="image"),
        pytest.param("run `x = 1` now\n", "run x = 1 now\n", id="code-span"),
        pytest.param(r"\*not em\* \$5 \[x\]" + "\n", "*not em* $5 [x]\n", id="backslash-escape"),
        pytest.param("&amp; &copy; &#65; &#x42;\n", "& © A B\n", id="entities"),
        pytest.param("a <b>bold</b> <!-- c --> <br/>z\n", "a bold z\n", id="inline-html"),
        pytest.param("one\ntwo\n", "one two\n", id="soft-break"),
        pytest.param("one  \ntwo\\\nthree\n", "one two three\n", id="hard-breaks"),
        pytest.param("- a\n- b\n\n1. c\n   d\n", "a\n\nb\n\nc d\n", id="lists"),
        pytest.param("> quoted\n> line\n>\n> next\n", "quoted line\n\nnext\n", id="blockquote"),
        pytest.param("    x = 1\n    y = 2\n", "x = 1 y = 2\n", id="indented-code"),
        pytest.param("```py\nx = 1\n\ny = 2\n```\n", "x = 1 y = 2\n", id="fenced-code"),
        pytest.param("| a | b |\n|---|---|\n| 1 | *2* |\n", "a b\n\n1 2\n", id="table"),
        pytest.param("a\n\n---\n\nb\n", "a\n\nb\n", id="thematic-break"),
        pytest.param("<div>\nhi <b>there</b>\n</div>\n", "hi there\n", id="html-block"),
        pytest.param("a\n\n\n\n   \nb   \n", "a\n\nb\n", id="blank-lines-and-trailing-space"),
        pytest.param("", "", id="empty"),
        pytest.param("\n  \n", "", id="only-white-space"),
    ],
)
def test_construct(markdown, text):
    assert markdown_to_text(markdown) == text


def test_double_escaped_resolves_the_doubled_backslash():
    assert markdown_to_text(r"for \\$2.5Bln", double_escaped=True) == "for $2.5Bln\n"


def test_without_double_escaped_a_doubled_backslash_is_a_literal_backslash():
    assert markdown_to_text(r"for \\$2.5Bln") == "for \\$2.5Bln\n"


def test_undo_double_escapes_leaves_backslashes_before_letters_and_runs_alone():
    assert undo_double_escapes(r"C:\\dir \\_x") == r"C:\\dir \_x"
    # The pair before another backslash is left alone, so runs are not halved in a chain.
    assert undo_double_escapes("\\\\\\\\$") == "\\\\\\$"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return markdown_to_text(SEED_REFERENCE.read_text(encoding="utf-8"), double_escaped=True)


@pytest.mark.parametrize(
    "line",
    [
        "China, Russia Say They Will Upgrade Relations for New Era",
        "By Reuters",
        "Kremlin.ru",
        "Related article: China's Panda Diplomacy Puts a Smile on 'Best Friend' Putin's Face",
        "https://www.themoscowtimes.com/2019/06/05/china-russia-say-they-will-upgrade-relations-for-new-era-a65895",
    ],
)
def test_seed_reference_has_the_line(seed_text, line):
    assert line in seed_text.splitlines()


def test_seed_reference_dollar_is_unescaped(seed_text):
    assert "for $2.5Bln" in seed_text
    assert "\\" not in seed_text


def test_seed_reference_follows_the_output_convention(seed_text):
    assert _follows_output_convention(seed_text)
    assert seed_text.startswith("China, Russia Say")


def _follows_output_convention(text: str) -> bool:
    if text == "":
        return True
    blocks = text[:-1].split("\n\n")
    return (
        text.endswith("\n")
        and all(block and "\n" not in block for block in blocks)
        and all(block == block.strip() for block in blocks)
    )


@given(st.text())
def test_any_input_renders_to_the_output_convention(markdown):
    assert _follows_output_convention(markdown_to_text(markdown))


def test_runs_of_spaces_collapse_but_no_break_spaces_stay():
    assert markdown_to_text("a  \t b\u00a0c\n") == "a b\u00a0c\n"


_WORDS = st.lists(st.text(alphabet=string.ascii_letters, min_size=1, max_size=8), min_size=1, max_size=6)


@settings(max_examples=50)
@given(st.lists(_WORDS, min_size=1, max_size=4))
def test_plain_paragraphs_render_unchanged(paragraphs):
    plain = "\n\n".join(" ".join(words) for words in paragraphs) + "\n"
    assert markdown_to_text(plain) == plain
