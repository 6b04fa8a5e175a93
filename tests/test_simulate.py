"""Tests of the damage simulator, textfix.simulate."""

from __future__ import annotations

import hashlib
import math
import os
import re
import subprocess
import sys
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textfix.corpus import load_corpus
from textfix.simulate import (
    CHANNELS,
    FOOTER_STYLES,
    LIGATURE_STYLES,
    LIGATURES,
    OCR_CONFUSIONS,
    OCR_DIGIT_CONFUSIONS,
    Damage,
    Pair,
    main,
    pairs,
    simulate,
    simulate_channel,
)

RATE_FIELDS = ("delete_space", "insert_space", "ocr", "ligature", "hyphenate", "stray_indent")
WORD_CHANNELS = ("delete_space", "insert_space", "ocr", "ligature")


def _corpus_texts() -> dict[str, str]:
    """The clean seed texts (the top manifest's own), each without its final newline (tests join them)."""
    return {d.name: d.text().rstrip("\n") for d in load_corpus().clean() if "/" not in d.name}


CORPUS = _corpus_texts()
CORPUS_NAMES = sorted(CORPUS)

# A clean text in textfix's output convention, with things that must be protected.
PROTECTED_TOKENS = (
    "https://www.themoscowtimes.com/2019/06/05/xi-putin-a65899",
    "www.example.org/path",
    "editor@globaltimes.cn",
    "2025-05-09",
    "$25bln",
    "1931-45",
    "116",
    "18:19",
    "3.5",
    "COVID-19",
)
SAMPLE = (
    "China and Russia Upgrade Relations\n"
    "\n"
    "The official significance of the efficient cooperation was affirmed in 2019 by both sides; "
    "read https://www.themoscowtimes.com/2019/06/05/xi-putin-a65899 or write to editor@globaltimes.cn "
    "for the full text. Trade grew by 116 percent to $25bln over ten years.\n"
    "\n"
    "- The first item of a list, with a China-Russia comprehensive strategic partnership.\n"
    "- Another item from 1931-45, updated 18:19 on 2025-05-09, rate 3.5 percent after COVID-19, see www.example.org/path today.\n"
    "\n"
    "They know their family. He reports the officials' offer of fluffy waffles in a difficult year.\n"
)


def _tokens(text: str) -> list[str]:
    return re.split(r"[ \t\n\f]+", text.strip())


def _no_space(text: str) -> str:
    return re.sub(r"\s", "", text)


# --------------------------------------------------------------------------------------------------
# Determinism


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_same_seed_same_output(channel):
    for text in CORPUS.values():
        assert simulate_channel(text, channel, seed=7) == simulate_channel(text, channel, seed=7)


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_different_seeds_differ(channel):
    text = "\n\n".join(CORPUS.values())
    scale = 0.5 if channel == "ligature" else 1.0  # at rate 1 every ligature is lost whatever the seed
    outputs = {simulate_channel(text, channel, seed=seed, scale=scale) for seed in range(4)}
    assert len(outputs) == 4


def _digest(texts: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(texts):
        for channel in sorted(CHANNELS):
            digest.update(simulate_channel(texts[name], channel, seed=11).encode("utf-8"))
    return digest.hexdigest()


_DIGEST_SCRIPT = """
import hashlib, sys
from textfix.simulate import CHANNELS, simulate_channel
texts = [sys.stdin.read()]
digest = hashlib.sha256()
for text in texts:
    for channel in sorted(CHANNELS):
        digest.update(simulate_channel(text, channel, seed=11).encode("utf-8"))
print(digest.hexdigest())
"""


@pytest.mark.parametrize("hashseed", ["0", "4242"])
def test_same_output_in_another_process_and_hash_seed(hashseed):
    text = SAMPLE + "\n" + "\n\n".join(CORPUS[name] for name in CORPUS_NAMES)
    env = {**os.environ, "PYTHONHASHSEED": hashseed, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-c", _DIGEST_SCRIPT], input=text.encode("utf-8"), env=env, capture_output=True, check=True
    )
    assert result.stdout.decode().strip() == _digest({"all": text})


def test_command_line_matches_the_function():
    text = CORPUS[CORPUS_NAMES[-1]]
    env = {**os.environ, "PYTHONHASHSEED": "99"}
    result = subprocess.run(
        [sys.executable, "-m", "textfix.simulate", "mixed", "--seed", "5", "--scale", "2"],
        input=text.encode("utf-8"),
        env=env,
        capture_output=True,
        check=True,
    )
    assert result.stdout.decode("utf-8") == simulate_channel(text, "mixed", seed=5, scale=2)


def test_command_line_lists_and_rejects(capsys):
    assert main(["--list"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in CHANNELS)
    with pytest.raises(SystemExit) as exit_info:
        main(["nonesuch", "--seed", "1"])
    assert exit_info.value.code == 2


def test_a_channel_s_choices_do_not_depend_on_another_channel():
    text = SAMPLE + CORPUS[CORPUS_NAMES[-1]]
    alone = simulate(text, Damage(delete_space=0.3, wrap_width=70), seed=3)
    with_glyphs = simulate(text, Damage(delete_space=0.3, wrap_width=70, ligature=1.0, ligature_style="glyph"), seed=3)
    assert with_glyphs != alone
    assert unicodedata.normalize("NFKC", with_glyphs) == unicodedata.normalize("NFKC", alone)


# --------------------------------------------------------------------------------------------------
# Identity at rate 0


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_no_damage_is_identity(name):
    text = CORPUS[name]
    assert simulate(text, Damage(), seed=1) == text
    assert simulate(text, Damage(protect=False, ligature_style="glyph", hyphen_lang="de_DE"), seed=1) == text


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_scale_zero_leaves_only_layout(channel):
    text = SAMPLE
    layout_only = CHANNELS[channel].scaled(0.0)
    assert all(getattr(layout_only, field) == 0.0 for field in RATE_FIELDS)
    assert simulate_channel(text, channel, seed=2, scale=0.0) == simulate(text, layout_only, seed=2)
    if CHANNELS[channel].wrap_width is None and not CHANNELS[channel].furniture:
        assert simulate_channel(text, channel, seed=2, scale=0.0) == text


# --------------------------------------------------------------------------------------------------
# Each channel does its damage


def test_delete_space_everywhere_without_protection():
    for text in [SAMPLE, *CORPUS.values()]:
        out = simulate(text, Damage(delete_space=1.0, protect=False), seed=1)
        assert re.search(r"\S +\S", out) is None  # no space left between two words of a line
        assert out.replace(" ", "") == text.replace(" ", "")  # nothing else changed
        assert out.count("\n") == text.count("\n")


def test_delete_space_keeps_spaces_only_next_to_protected_tokens():
    out = simulate(SAMPLE, Damage(delete_space=1.0), seed=1)
    assert out.replace(" ", "") == SAMPLE.replace(" ", "")
    assert "theyknowtheir".lower() in out.lower() and "family.Hereports" in out  # also after a full stop
    for match in re.finditer(r"(\S+) +(?=(\S+))", out):
        assert any(re.search(r"\d|://|@|www\.", side) for side in match.groups()), match.group(0)
    for token in PROTECTED_TOKENS:
        assert re.search(rf"(?:^|\s){re.escape(token)}(?=[\s.,;]|$)", out, re.MULTILINE), token


def test_delete_space_rate_is_about_right():
    text = "\n\n".join(CORPUS.values())
    out = simulate(text, Damage(delete_space=0.2, protect=False), seed=4)
    before, after = len(re.findall(r"\S +\S", text)), len(re.findall(r"\S +(?=\S)", out))
    assert 0.15 < 1 - after / before < 0.25


def test_insert_space_only_adds_spaces_inside_words():
    for text in [SAMPLE, *CORPUS.values()]:
        out = simulate(text, Damage(insert_space=1.0), seed=2)
        assert out.replace(" ", "") == text.replace(" ", "")
        assert len(_tokens(out)) > len(_tokens(text))
    out = simulate(SAMPLE, Damage(insert_space=1.0), seed=2)
    assert "cooperation" not in out and "significance" not in out  # every 4+-letter word broken
    for token in PROTECTED_TOKENS:  # but never a URL, an e-mail or a number
        assert token in out, token


def _one_confusion_apart(clean: str, damaged: str, table) -> bool:
    for source, target, _ in table:
        start = clean.find(source)
        while start != -1:
            if clean[:start] + target + clean[start + len(source) :] == damaged:
                return True
            start = clean.find(source, start + 1)
    return False


def test_ocr_applies_one_table_confusion_per_word():
    text = SAMPLE + "\n" + "\n\n".join(CORPUS.values())
    out = simulate(text, Damage(ocr=1.0), seed=3)
    clean_tokens, damaged_tokens = _tokens(text), _tokens(out)
    assert len(clean_tokens) == len(damaged_tokens)  # OCR confusions add or remove no space
    changed = 0
    for clean, damaged in zip(clean_tokens, damaged_tokens):
        if clean == damaged:
            continue
        changed += 1
        is_number = re.search(r"\d", clean) is not None
        assert not re.search(r"://|@|www\.", clean), clean  # URLs and e-mails untouched
        assert _one_confusion_apart(clean, damaged, OCR_DIGIT_CONFUSIONS if is_number else OCR_CONFUSIONS), (
            clean,
            damaged,
        )
    assert changed > 0.8 * len(clean_tokens)
    assert "https://www.themoscowtimes.com/2019/06/05/xi-putin-a65899" in out


def test_ocr_numbers_only_by_digit_letter_confusions():
    text = "Figures 2025 150 1931 4242 0.5 and 10,000 people\n"
    outs = {simulate(text, Damage(ocr=1.0), seed=s) for s in range(30)}
    for out in outs:
        for clean, damaged in zip(_tokens(text), _tokens(out)):
            if re.search(r"\d", clean) and clean != damaged:
                assert _one_confusion_apart(clean, damaged, OCR_DIGIT_CONFUSIONS)
    assert any("4242" in out for out in outs)  # no confusion exists for 2 and 4


@pytest.mark.parametrize(
    ("style", "ligatures", "expected"),
    [
        ("space", LIGATURES, "The signi cant and e cient o cials, ba ed sta; ne\n"),
        ("space", ("fi", "fl", "ff"), "The signi cant and ef cient of cials, baf ed sta; ne\n"),
        ("space", ("fi",), "The signi cant and ef cient of cials, baffled staff; ne\n"),
        ("glyph", LIGATURES, "The signi\ufb01cant and e\ufb03cient o\ufb03cials, ba\ufb04ed sta\ufb00; \ufb01ne\n"),
        ("glyph", ("fi", "ff"), "The signi\ufb01cant and ef\ufb01cient of\ufb01cials, ba\ufb00led sta\ufb00; \ufb01ne\n"),
        ("drop", LIGATURES, "The signicant and ecient ocials, baed sta; ne\n"),
        ("drop", (), "The significant and efficient officials, baffled staff; fine\n"),
    ],
)
def test_ligature_styles(style, ligatures, expected):
    text = "The significant and efficient officials, baffled staff; fine\n"
    damage = Damage(ligature=1.0, ligature_style=style, ligature_set=ligatures)
    assert simulate(text, damage, seed=0) == expected


def test_ligature_glyphs_are_the_only_change():
    for text in [SAMPLE, *CORPUS.values()]:
        out = simulate(text, Damage(ligature=1.0, ligature_style="glyph"), seed=0)
        assert unicodedata.normalize("NFKC", out) == unicodedata.normalize("NFKC", text)
        assert not re.search(r"f[fil]", out.replace("https://www.themoscowtimes.com", ""))
    mixed = simulate(SAMPLE, Damage(ligature=1.0, ligature_style="mixed"), seed=0)
    assert any(glyph in mixed for glyph in "\ufb00\ufb01\ufb02\ufb03\ufb04")  # some kept as glyphs,
    assert unicodedata.normalize("NFKC", mixed) != unicodedata.normalize("NFKC", SAMPLE)  # some lost


def test_ligature_rate_per_occurrence():
    text = "efficient " * 2000 + "\n"
    out = simulate(text, Damage(ligature=0.3), seed=1)
    lost = 2000 - out.count("efficient")
    assert out.count("e cient") == lost
    assert 0.25 * 2000 < lost < 0.35 * 2000


@pytest.mark.parametrize("width", [20, 37, 60, 80])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_wrap_width_and_content(width, name):
    text = CORPUS[name]
    out = simulate(text, Damage(wrap_width=width), seed=0)
    for line in out.split("\n"):
        assert len(line) <= width or " " not in line.strip(), line  # only an unbreakable word is longer
    assert _no_space(out) == _no_space(text)  # a pure layout channel loses no content
    assert out.count("\n") > text.count("\n")


def test_wrap_keeps_no_break_spaces_together():
    text = "word " * 10 + "15\u00a0000 people " + "word " * 10 + "\n"
    out = simulate(text, Damage(wrap_width=18), seed=0)
    assert "15\u00a0000" in out


def test_hyphenation_breaks_at_syllables_and_compounds():
    import pyphen

    dictionary = pyphen.Pyphen(lang="en_US", left=2, right=3)
    text = "\n\n".join(CORPUS.values()) + "\n"
    width = 40
    out = simulate(text, Damage(wrap_width=width, hyphenate=1.0), seed=0)
    lines = out.split("\n")
    assert all(len(line) <= width or " " not in line.strip() for line in lines)
    assert _no_space(out).replace("-", "") == _no_space(text).replace("-", "")
    syllable_breaks = compound_breaks = 0
    for line, following in zip(lines, lines[1:]):
        if not line.endswith("-") or not following:
            continue
        last, first = line.split()[-1], following.split()[0]
        if last + first in text:
            compound_breaks += 1  # a compound broken at its own hyphen: 'China-' / 'Russia'
        else:
            assert last[:-1] + first in text, (line, following)
            head = re.search(r"\w+$", last[:-1]).group()
            word = head + re.match(r"\w*", first).group()
            assert len(head) in dictionary.positions(word), (head, word)  # at a syllable boundary
            syllable_breaks += 1
    assert syllable_breaks > 10 and compound_breaks > 0


def test_hyphenation_examples():
    text = "Cooperation between China-Russia partners.\n"
    assert simulate(text, Damage(wrap_width=16, hyphenate=1.0), seed=0) == (
        "Cooperation be-\ntween China-\nRussia partners.\n"
    )
    assert simulate(text, Damage(wrap_width=16, hyphenate=0.0), seed=0) == (
        "Cooperation\nbetween\nChina-Russia\npartners.\n"
    )
    numbers = "aaaa 2025-05-09 https://example.com/a-very-long-path-name editor@example.com\n"
    out = simulate(numbers, Damage(wrap_width=12, hyphenate=1.0), seed=0)
    assert out == "aaaa\n2025-05-09\nhttps://example.com/a-very-long-path-name\neditor@example.com\n"


def test_paragraph_gap_single_newline():
    for text in [SAMPLE, *CORPUS.values()]:
        out = simulate(text, Damage(paragraph_gap="\n"), seed=0)
        assert "\n\n" not in out.strip("\n")
        assert out == re.sub(r"\n(?:[ \t]*\n)+", "\n", text)
        wrapped = simulate(text, Damage(paragraph_gap="\n", wrap_width=50), seed=0)
        assert "\n\n" not in wrapped.strip("\n") and _no_space(wrapped) == _no_space(text)


def test_stray_indent():
    out = simulate(SAMPLE, Damage(stray_indent=1.0, wrap_width=40), seed=0)
    lines = [line for line in out.split("\n") if line.strip()]
    assert all(line.startswith(" ") for line in lines)
    assert re.sub(r"^ +", "", out, flags=re.MULTILINE) == simulate(SAMPLE, Damage(wrap_width=40), seed=0)


def _remove_furniture(out: str, header: str) -> str:
    """The text without running headers (first line of every page but the first) and footers."""
    pages = []
    for number, page in enumerate(out.split("\f")):
        lines = page.rstrip("\n").split("\n")
        if number > 0 and lines[0] == header:
            lines = lines[1:]
        assert re.fullmatch(r"- \d+ -|Page \d+ of \d+|\d+", lines[-1]), lines[-1]
        pages.append("\n".join(lines[:-1]))
    return "\n".join(pages)


@pytest.mark.parametrize("style", FOOTER_STYLES)
def test_furniture_pages_headers_footers(style):
    text = "\n\n".join(CORPUS[name] for name in CORPUS_NAMES) + "\n"
    damage = Damage(wrap_width=70, furniture=True, lines_per_page=30, footer_style=style, header="Running Head")
    out = simulate(text, damage, seed=0)
    pages = out.split("\f")
    assert len(pages) > 3
    total = len(pages)
    for number, page in enumerate(pages, 1):
        lines = page.strip("\n").split("\n")
        footer = {"dash": f"- {number} -", "page_of": f"Page {number} of {total}", "plain": str(number)}[style]
        assert lines[-1] == footer
        assert (lines[0] == "Running Head") == (number > 1)  # no running header on the first page
        body = lines[2:-1] if number > 1 else lines[:-1]
        assert body[0].strip() and body[-2].strip() and not body[-1].strip()  # blank line only before the footer
        assert len([line for line in body if line.strip()]) <= 30
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert _no_space(_remove_furniture(out, "Running Head")) == _no_space(text)  # no content lost


def test_furniture_default_header_and_style_from_seed():
    text = "\n\n".join(CORPUS[name] for name in CORPUS_NAMES) + "\n"
    styles = set()
    for seed in range(12):
        out = simulate(text, Damage(wrap_width=70, furniture=True, lines_per_page=40), seed=seed)
        first_line = text.split("\n", 1)[0]
        header = out.split("\f")[1].split("\n")[0]
        assert header and first_line.startswith(header) and len(header) <= 60
        last = out.rstrip("\n").split("\n")[-1]
        styles.add(re.sub(r"\d+", "N", last))
        assert _no_space(_remove_furniture(out, header)) == _no_space(text)
    assert styles == {"- N -", "Page N of N", "N"}


# --------------------------------------------------------------------------------------------------
# Presets


def test_presets_exist_and_do_their_damage():
    assert set(CHANNELS) >= {"pdfminer", "pdftotext", "ocr", "ligature", "mixed"}
    text = "\n\n".join(CORPUS[name] for name in CORPUS_NAMES) + "\n" + SAMPLE
    words = set(_tokens(text))

    pdfminer = simulate_channel(text, "pdfminer", seed=1)
    assert all(len(line) <= 90 or " " not in line for line in pdfminer.split("\n")) and "\n\n" in pdfminer
    assert len(_tokens(pdfminer)) < 0.97 * len(_tokens(text))  # words glued

    pdftotext = simulate_channel(text, "pdftotext", seed=1)
    assert "\f" in pdftotext and "\n\n" in pdftotext  # only around the furniture
    assert re.search(r"[a-z]-\n[a-z]", pdftotext)
    assert _no_space(_remove_furniture(pdftotext, text.split("\n")[0])).replace("-", "") == _no_space(text).replace(
        "-", ""
    )

    ocr = simulate_channel(text, "ocr", seed=1)
    assert sum(token not in words for token in _tokens(ocr)) > 0.03 * len(words)

    ligature = simulate_channel(text, "ligature", seed=1)
    assert "signi cant" in ligature and "ef cient" in ligature

    mixed = simulate_channel(text, "mixed", seed=1)
    assert "\f" in mixed and mixed != text


def test_simulate_channel_unknown_name_lists_valid_ones():
    with pytest.raises(ValueError) as error:
        simulate_channel(SAMPLE, "pdfplumber", seed=0)
    assert all(name in str(error.value) for name in CHANNELS)


def test_scale_multiplies_and_caps_rates():
    scaled = CHANNELS["mixed"].scaled(2.0)
    assert scaled.delete_space == pytest.approx(2 * CHANNELS["mixed"].delete_space)
    assert scaled.wrap_width == CHANNELS["mixed"].wrap_width
    assert CHANNELS["ligature"].scaled(3.0).ligature == 1.0
    for bad in (-1.0, math.nan, math.inf):
        with pytest.raises(ValueError):
            simulate_channel(SAMPLE, "ocr", seed=0, scale=bad)


# --------------------------------------------------------------------------------------------------
# Validation


@pytest.mark.parametrize("field", RATE_FIELDS)
@pytest.mark.parametrize("value", [-0.01, 1.01, math.nan, "0.5", None, True])
def test_rates_are_validated(field, value):
    with pytest.raises(ValueError, match=field) as error:
        Damage(**{field: value})
    assert repr(value) in str(error.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("wrap_width", 0),
        ("wrap_width", -5),
        ("wrap_width", 7.5),
        ("wrap_width", True),
        ("lines_per_page", 0),
        ("paragraph_gap", ""),
        ("paragraph_gap", " "),
        ("paragraph_gap", "\nx\n"),
        ("furniture", 1),
        ("ligature_style", "vanish"),
        ("footer_style", "roman"),
        ("ligature_set", "fi"),
        ("ligature_set", ("fi", "st")),
        ("header", "two\nlines"),
    ],
)
def test_other_fields_are_validated(field, value):
    with pytest.raises(ValueError, match=field):
        Damage(**{field: value})


def test_arguments_are_checked():
    assert set(LIGATURE_STYLES) == {"space", "glyph", "drop", "mixed"}
    with pytest.raises(TypeError):
        simulate(SAMPLE, Damage(), seed="1")
    with pytest.raises(TypeError):
        simulate(SAMPLE.encode(), Damage(), seed=1)
    with pytest.raises(TypeError):
        simulate(SAMPLE, "ocr", seed=1)
    with pytest.raises(ValueError, match="hyphen_lang"):
        simulate(SAMPLE, Damage(wrap_width=20, hyphenate=1.0, hyphen_lang="xx_NOPE"), seed=1)


# --------------------------------------------------------------------------------------------------
# Protection of URLs, e-mails and numbers


@pytest.mark.parametrize("channel", ["pdfminer", "pdftotext", "ligature", "mixed"])
def test_protected_tokens_survive_space_damage(channel):
    text = SAMPLE * 3
    for seed in range(5):
        out = simulate_channel(text, channel, seed=seed, scale=20.0)
        tokens = set(_tokens(out))
        for token in PROTECTED_TOKENS:
            if channel == "mixed" and re.search(r"[015]", token) and not token.startswith(("http", "www", "editor")):
                continue  # OCR may confuse 0/1/5 in a number (checked elsewhere)
            assert any(t.strip(".,;()") == token for t in tokens), (channel, seed, token)


def test_protection_can_be_switched_off():
    out = simulate(SAMPLE, Damage(delete_space=1.0, insert_space=1.0, protect=False), seed=0)
    assert "2019by" in out or "in2019" in out
    assert all(token not in _tokens(out) for token in ("editor@globaltimes.cn", "116"))


# --------------------------------------------------------------------------------------------------
# Pairs


def test_pairs_reproducible_and_lazy():
    texts = [CORPUS[name] for name in CORPUS_NAMES]
    channels = ["pdfminer", "ocr", "ligature"]
    result = list(pairs(iter(texts), channels, seed=9))
    assert len(result) == len(texts) * len(channels)
    assert [(p.clean, p.channel) for p in result] == [(t, c) for t in texts for c in channels]
    assert len({p.seed for p in result}) == len(result)
    for pair in result:
        assert isinstance(pair, Pair)
        assert pair.damaged == simulate_channel(pair.clean, pair.channel, seed=pair.seed)
    assert result == list(pairs(texts, channels, seed=9))
    assert result != list(pairs(texts, channels, seed=10))

    def endless():
        while True:
            yield SAMPLE

    first = next(pairs(endless(), ["ocr"], seed=1))
    assert first.clean == SAMPLE and first.channel == "ocr"


def test_pairs_rejects_unknown_channel_before_work():
    consumed = []

    def texts():
        consumed.append(1)
        yield SAMPLE

    with pytest.raises(ValueError, match="valid channels"):
        next(pairs(texts(), ["ocr", "scanner"], seed=0))
    assert not consumed


# --------------------------------------------------------------------------------------------------
# Property tests on generated convention texts

_word = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéfflirnmdwSBOI", min_size=1, max_size=14),
    st.sampled_from(["significant", "efficient", "China-Russia", "cooperation", "“Quoted”", "end.", "2025", "https://a.io/x"]),
)
_paragraph = st.lists(_word, min_size=1, max_size=40).map(" ".join)
_text = st.lists(_paragraph, min_size=1, max_size=6).map(lambda ps: "\n\n".join(ps) + "\n")
_damage = st.builds(
    Damage,
    delete_space=st.floats(0, 1),
    insert_space=st.floats(0, 1),
    ocr=st.floats(0, 1),
    ligature=st.floats(0, 1),
    wrap_width=st.one_of(st.none(), st.integers(10, 100)),
    hyphenate=st.floats(0, 1),
    paragraph_gap=st.sampled_from(["\n", "\n\n"]),
    furniture=st.booleans(),
    lines_per_page=st.integers(1, 60),
    stray_indent=st.floats(0, 1),
    ligature_style=st.sampled_from(LIGATURE_STYLES),
)

_settings = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(_text, _damage, st.integers(0, 2**40))
def test_property_deterministic(text, damage, seed):
    out = simulate(text, damage, seed=seed)
    assert simulate(text, damage, seed=seed) == out
    assert out.endswith("\n")


@_settings
@given(_text)
def test_property_identity(text):
    assert simulate(text, Damage(), seed=0) == text


@_settings
@given(_text, st.integers(10, 100), st.sampled_from(["\n", "\n\n"]), st.integers(0, 1000))
def test_property_layout_keeps_content(text, width, gap, seed):
    out = simulate(text, Damage(wrap_width=width, paragraph_gap=gap), seed=seed)
    assert _no_space(out) == _no_space(text)
    assert all(len(line) <= width or " " not in line for line in out.split("\n"))
    hyphenated = simulate(text, Damage(wrap_width=width, hyphenate=1.0), seed=seed)
    assert _no_space(hyphenated).replace("-", "") == _no_space(text).replace("-", "")
    assert all(len(line) <= width or " " not in line for line in hyphenated.split("\n"))


@_settings
@given(_text, st.floats(0, 1), st.floats(0, 1), st.integers(0, 1000))
def test_property_space_channels_touch_only_spaces(text, delete, insert, seed):
    out = simulate(text, Damage(delete_space=delete, insert_space=insert), seed=seed)
    assert out.replace(" ", "") == text.replace(" ", "")
    assert "https://a.io/x" in out or "https://a.io/x" not in text


# --------------------------------------------------------------------------------------------------
# Speed


def test_a_megabyte_in_seconds():
    text = ("\n\n".join(CORPUS.values()) + "\n\n") * 40
    assert len(text) > 700_000
    start = time.perf_counter()
    simulate_channel(text, "mixed", seed=0, scale=3.0)
    assert time.perf_counter() - start < 8.0  # about 1 s here; a quadratic step would take minutes
