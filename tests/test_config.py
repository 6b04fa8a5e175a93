from __future__ import annotations

import dataclasses

import pytest

import textfix
from textfix import FIXER_NAMES, PROFILES, Config


def test_default_runs_every_fixer_in_chain_order():
    assert Config().fixers == FIXER_NAMES


def test_unknown_fixer_lists_the_valid_names():
    with pytest.raises(ValueError) as error:
        Config(disable=("ocr",))
    message = str(error.value)
    assert "'ocr'" in message
    assert all(name in message for name in FIXER_NAMES)


def test_unknown_profile_lists_the_valid_profiles():
    with pytest.raises(ValueError, match="valid profiles: " + ", ".join(PROFILES)):
        Config(profile="fast")


def test_config_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Config().profile = "layout"


def test_enable_and_disable_adjust_a_profile_keeping_chain_order():
    config = Config.for_profile("minimal", enable=["dehyphenate"], disable=["unicode"])
    assert config.fixers == ("dehyphenate", "whitespace")


def test_layout_profile_changes_no_word():
    text = "Merkel spoke. Merkelnoted that theyknowtheir rnodern limits.\n"
    assert textfix.fix(text, Config.for_profile("layout")) == text


def test_disabled_fixer_makes_no_edit():
    text = "The rnodern plant.\n"
    result = textfix.repair(text, Config(disable=("ocr_confusions",)))
    assert result.text == text and not result.edits


def test_fix_is_repair_text():
    text = "A wrapped\nline and the econo-\nmic  case.  "
    assert textfix.fix(text) == textfix.repair(text).text


def test_repair_rejects_bytes_with_a_clear_error():
    with pytest.raises(TypeError, match="expects str, got bytes"):
        textfix.repair(b"bytes")


def test_score_stays_callable_after_the_submodule_is_imported():
    import textfix.score  # noqa: F401  (importing the submodule must not shadow the function)

    assert textfix.score("a b", "a c").wer == 0.5
    assert textfix.score("a b", "a b").wer == 0.0
