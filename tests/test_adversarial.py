"""Adversarial inputs: bounded time and memory, shown structurally (issue 7, part 2).

Nothing here is timed. Each input is big enough that a quadratic step would take minutes to
hours (a few were, before issue 7: see the regression tests at the end), while the linear chain
repairs it in about a second; a per-test alarm (:data:`HANG_GUARD`) turns such a regression into a
failure instead of a hung suite. The assertions are about the output: it is a string, the edits
reproduce it, and the text is kept (all non-white-space characters, except the ones a named
repair is for: a line-end hyphen, an invisible or control character).

The full sizes (a 10 MB line, 1 M lines, …), with timings and peak memory, are
``benchmarks/adversarial.py``; its results are in ``benchmarks/ADVERSARIAL.md``.
"""

from __future__ import annotations

import random
import signal
import string

import pytest

import textfix
from textfix.edits import apply_edits

HANG_GUARD = 120  # seconds; every test here takes about a second


class Hung(Exception):
    pass


@pytest.fixture(autouse=True)
def hang_guard():
    """Fail a test that runs past HANG_GUARD seconds (``regex`` and ``re`` both check signals)."""

    def expire(signum, frame):
        raise Hung(f"still running after {HANG_GUARD} s: super-linear cost?")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(HANG_GUARD)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def squeeze(text: str) -> str:
    """The text without its white space (what no repair of layout may change)."""
    return "".join(text.split())


def repaired(text: str):
    result = textfix.repair(text)
    assert isinstance(result.text, str)
    assert apply_edits(text, result.edits) == result.text
    return result


def _random(alphabet: str, n: int, seed: int) -> str:
    return "".join(random.Random(seed).choices(alphabet, k=n))


WORDS = ("economic", "partnership", "strategic", "agreement", "cooperation", "development", "relations",
         "important", "president", "government", "international", "statement", "community", "security")


def _hyphen_lines(lines: int) -> str:
    """Every line ends in a word broken at a hyphen; the next line starts with its rest."""
    out, rest = [], "the"
    for i in range(lines):
        word = WORDS[i % len(WORDS)]
        cut = len(word) // 2
        out.append(f"{rest} and the {word[:cut]}-\n")
        rest = word[cut:]
    return "".join(out) + rest + ".\n"


MIXED = ("Президент России провёл переговоры в Москве, стороны подписали заявление. ",
         "中国国家主席在莫斯科与俄罗斯总统举行会谈，双方签署了联合声明。",
         "وقع الرئيسان بيانا مشتركا بشأن تعميق الشراكة الشاملة ",
         "\u200fהנשיאים חתמו על הצהרה משותפת\u200e ",
         "\u202bمرحبا\u202c \u2067שלום\u2069 \u202aHello\u202c \u202eevil\u202c \u200e123\u200f ",
         "The two leaders signed a joint statement on deepening the partnership. ")


def _mixed_scripts(n: int) -> str:
    rng = random.Random(5)
    out, line, size = [], 0, 0
    while size < n:
        for word in rng.choice(MIXED).split(" "):
            gap = "\n" if line + len(word) > 70 else " "
            line = 0 if gap == "\n" else line + len(word) + 1
            out.append(gap + word)
            size += len(word) + 1
    return "".join(out)


# (name, text, what may change in the non-white-space text: None for nothing, else a function
# that maps both the input and the output to what must agree)


def NO_HYPHENS(text: str) -> str:  # a line-end hyphen may go (``econo-`` / ``mic``)
    return text.replace("-", "")


def NO_URL(text: str) -> str:  # a link annotation between paragraphs goes
    return text.replace("https://example.com/a", "")


CASES = [
    ("a line without a space", ("abcdefghijklmnopqrstuvwxyz" * 40_000)[:1_000_000], None),
    ("a long word in a sentence", "The word " + _random(string.ascii_lowercase, 300_000, 1) + " is long.\n", None),
    ("a long dotted token", "See " + _random("ab.-", 300_000, 2) + "z here.\n", NO_HYPHENS),
    ("a long token of digits before an @", "Write to " + "7" * 300_000 + "@x for details.\n", None),
    ("many lines of one character", "a\n" * 30_000, None),
    ("many lines of one digit", "7\n" * 30_000, None),
    ("many lines ending in a hyphen", _hyphen_lines(10_000), NO_HYPHENS),
    ("a chain of hyphenated letters", "a-" * 100_000 + "\nb and more text.\n", NO_HYPHENS),
    ("pure digits", _random(string.digits, 1_000_000, 3), None),
    ("digits in lines", "\n".join(_random(string.digits, 60, k) for k in range(3_000)), None),
    ("punctuation only", _random(string.punctuation, 300_000, 4), None),
    ("punctuation with spaces and lines", _random(string.punctuation + "  \n", 200_000, 5), None),
    ("text, then a million line breaks", "The end of the text.\n" + "\n" * 1_000_000, None),
    ("text, then spaces and line breaks", "The end.\n" + " \n\t" * 300_000, None),
    ("mixed scripts with bidi marks", _mixed_scripts(100_000), NO_HYPHENS),
    ("URL lines between paragraphs", "A paragraph of text.\n\nhttps://example.com/a\n\n" * 5_000, NO_URL),
]
RUNS = ["a", "A", "é", "中", "7", ".", "-", "'", "’", "@", "/", "•", "¬", "|", "\u0301", "\u200f", "\u202e",
        " ", "\t", "\n", "\xa0", "\u3000", "\x1c"]


@pytest.mark.parametrize("name,text,normalise", CASES, ids=[c[0] for c in CASES])
def test_adversarial_input_is_repaired_and_keeps_its_text(name, text, normalise):
    result = repaired(text)
    before, after = squeeze(text), squeeze(result.text)
    if normalise is not None:
        before, after = normalise(before), normalise(after)
    assert after == before
    assert result.text == "" or (result.text.endswith("\n") and not result.text.endswith("\n\n"))


@pytest.mark.parametrize("character", RUNS, ids=[repr(c) for c in RUNS])
def test_a_long_run_of_one_character_is_kept(character):
    text = character * 200_000
    result = repaired(text)
    assert squeeze(result.text) == squeeze(text)


# Characters that the unicode fixer removes or replaces, a run of each: (character, what one becomes).
REPLACED = [("\u200b", ""), ("\ufeff", ""), ("\x00", ""), ("\xad", ""), ("\ud800", "\ufffd"), ("ﬁ", "fi"),
            ("\r", ""), ("\u2028", ""), ("\r\n", "")]


@pytest.mark.parametrize("character,becomes", REPLACED, ids=[repr(c) for c, _ in REPLACED])
def test_a_long_run_of_a_repaired_character_is_repaired_once_each(character, becomes):
    text = "Start " + character * 30_000 + " end.\n"
    result = repaired(text)
    assert squeeze(result.text) == squeeze("Start " + becomes * 30_000 + " end.\n")


def test_many_empty_pages():
    result = repaired("Text.\f" + "\f" * 50_000 + "More text.\n")
    assert squeeze(result.text) == "Text.Moretext."


# ---------------------------------------------------------------------------------------------
# Regressions: each of these steps was quadratic (or worse) on exactly this shape of input.


def test_page_number_pattern_on_a_line_of_spaces():
    """``page_furniture._PAGE_NUMBER`` took cubic time on white space (three adjacent ``\\s*``)."""
    bodies = ["The river rose on Monday and closed two bridges.", "Schools stay shut until the water falls.",
              "The army has sent boats to the villages upstream."]
    result = repaired("\f".join("1" + " " * 100_000 + f"x\n{body}\n" for body in bodies))
    assert all(body in result.text for body in bodies)


def test_column_measure_on_a_long_line_of_spaced_letters():
    """``layout.Column``: a pattern (``[^\\n]*`` before a class) backtracked quadratically on it."""
    from textfix.layout import Column

    column = Column.measure("a \t" * 1_000_000 + "\nb\n")
    assert column.evidence == 1


def test_dehyphenate_on_a_long_chain_of_hyphenated_words():
    """``dehyphenate``'s pattern restarted inside a chain of hyphenated words at every word."""
    from textfix.document import Document
    from textfix.fixers import dehyphenate

    text = "ab-" * 100_000 + "\ncd\n"
    changes = dehyphenate.propose(text, Document(text))
    assert [(c.start, c.end) for c in changes] == [(len(text) - 5, len(text) - 3)]  # '-\n' before 'cd'


def test_protected_token_checks_on_long_dotted_and_numeric_tokens():
    """``tokens.URL`` and ``tokens.EMAIL`` retried from every position of a long run."""
    from textfix.tokens import is_protected

    assert is_protected("a." * 500_000 + "!http://x")  # (a URL at its end)
    assert is_protected("a-" * 500_000 + "!://x")  # (no URL: '!' ends the scheme; but a '/')
    assert not is_protected("a-" * 500_000 + "!")
    assert is_protected("1" * 1_000_000 + "@")  # (a digit)
    assert is_protected("x+" * 500_000 + "@example.org")  # (an e-mail address)
    assert not is_protected("x+" * 500_000 + "@")


def test_unwrap_on_trailing_line_breaks():
    """``unwrap_lines``'s line-break pattern tried every position of a white-space run that no text follows."""
    from textfix.document import Document
    from textfix.fixers import unwrap_lines

    text = "Text.\n" + " \n" * 500_000
    assert unwrap_lines.propose(text, Document(text)) == []


def test_link_lines_read_only_the_end_of_the_text_before_a_url():
    """``link_lines`` searched a 4 KB window before every URL line (a millisecond each)."""
    from textfix.fixers import link_lines

    text = "A paragraph of text.\n\nhttps://example.com/a\n\n" * 100_000  # (was over two minutes)
    changes = link_lines.propose(text)
    assert len(changes) == 100_000 - 1  # the last URL ends the document: content, kept


def test_no_pattern_keeps_a_record_per_line_or_piece():
    """``regex`` keeps a record per repetition of a group, and raised MemoryError past about five
    million: on 10 MB of line breaks (``unwrap_lines``, ``whitespace``), on a token of millions of
    apostrophe-joined pieces (``tokens.WORD``, the document's word scan) or of domain labels
    (``tokens.EMAIL``)."""
    from textfix.document import Document
    from textfix.fixers import unwrap_lines, whitespace
    from textfix.tokens import EMAIL, WORD, is_protected

    text = "x" + "\n" * 6_000_000 + "y"
    assert [c.replacement for c in whitespace.propose(text)] == ["\n\n", "\n"]
    assert unwrap_lines.propose(text, Document(text)) == []
    assert unwrap_lines.propose("\n" * 6_000_000, None) == []
    token = "a'" * 6_000_000 + "a"
    assert WORD.fullmatch(token)
    assert Document(token + " b").cased_words[token] == 1
    assert EMAIL.fullmatch("x@" + "a." * 6_000_000 + "b")
    assert is_protected("x@" + "a." * 6_000_000 + "b")


def test_page_furniture_without_form_feeds_on_many_pages():
    """``page_furniture`` tested every line against every page-number anchor, and every line
    against every other line of its shape (39 s for 4,000 pages of a book joined without form
    feeds; this input, 30,000 short pages, would take hours)."""
    from textfix.fixers import page_furniture

    pages = ["Field Notes\n" + "word\n" * 12 + f"- {n} -" for n in range(1, 30_001)]
    changes = page_furniture.propose("\n".join(pages))
    assert len(changes) == 30_000  # each page number (the head stays: the first page's is the title)


def test_unwrap_lines_keeps_no_record_per_blank_line():
    """``unwrap_lines`` and its column measure read the text's lines from one split, with a few
    numbers per line, blank ones included: 1.4 GB of memory for 10 MB of line breaks. They now
    keep records only for lines that hold text."""
    import tracemalloc

    from textfix.fixers import unwrap_lines

    text = "Some text.\n" + "\n" * 2_000_000 + "more text.\n"
    tracemalloc.start()
    try:
        changes = unwrap_lines.propose(text, None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert changes == [] and peak < 4 * len(text)  # (the former code: over 100 bytes per line break)
