from __future__ import annotations

import subprocess
import sys

from textfix import lexicon as lexicon_module
from textfix.lexicon import Lexicon, _cached_table


def test_default_lexicon_has_words_and_pairs():
    lexicon = lexicon_module.default_lexicon()
    assert lexicon.count("the") > lexicon.count("era") > 0
    assert "xyzzyq" not in lexicon
    assert lexicon.bigram_count("new", "era") > 0


def test_cache_is_written_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTFIX_CACHE", str(tmp_path))
    first = _cached_table(lexicon_module._UNIGRAMS)
    cached = list(tmp_path.glob("*.marshal"))
    assert len(cached) == 1
    assert _cached_table(lexicon_module._UNIGRAMS) == first


def test_a_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTFIX_CACHE", str(tmp_path))
    _cached_table(lexicon_module._UNIGRAMS)
    (cached,) = tmp_path.glob("*.marshal")
    cached.write_bytes(b"not marshal data")
    assert _cached_table(lexicon_module._UNIGRAMS)["the"] > 0


def test_an_unwritable_cache_folder_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = "import textfix; print(textfix.fix('Both sides agreed that theyknowtheir limits.'), end='')"
    env = {"TEXTFIX_CACHE": str(blocker / "sub"), "PATH": ""}
    completed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert completed.stdout == "Both sides agreed that they know their limits.\n"


def test_bigrams_load_only_when_asked():
    lexicon = Lexicon({"a": 1}, bigram_loader=lambda: {"a a": 5})
    assert "bigrams" not in lexicon.__dict__
    assert lexicon.bigram_count("a", "a") == 5
