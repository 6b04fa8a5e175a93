"""The fast paths of textfix.tokens give exactly what the plain definitions give."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from textfix import tokens
from textfix.tokens import CHUNK, Chunks, is_protected, shape, split_punctuation

# Characters that exercise every branch: letters of several cases and scripts, digits, marks,
# punctuation of several kinds, every sort of white space (including U+001C..U+001F, where
# str.split() and the regex \s disagree), and the characters the protection patterns look for.
ALPHABET = st.sampled_from(
    list("aAbZzéÉßǅΣσςİı中ー") + list("0123٣") + list(".,;:!?'’\"()[]{}-–—/\\~@_+#%$€")
    + list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u3000") + ["\u0301", "\u200b"]
)
TEXTS = st.text(ALPHABET, max_size=80)


def reference_split_punctuation(chunk: str) -> tuple[str, str, str]:
    start, end = 0, len(chunk)
    while start < end and unicodedata.category(chunk[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(chunk[end - 1]).startswith("P"):
        end -= 1
    return chunk[:start], chunk[start:end], chunk[end:]


def reference_is_protected(core: str) -> bool:
    return bool(
        tokens.URL.search(core) or tokens.EMAIL.search(core) or tokens._PATHLIKE.search(core)
        or tokens._DOTTED.search(core) or tokens._DIGIT.search(core) or "_" in core
        or tokens._OPTION.match(core) or tokens._CAMEL.search(core) or tokens._ACRONYM.match(core)
    )


@settings(max_examples=500)
@given(TEXTS)
def test_split_punctuation_and_is_protected_match_their_definitions(text):
    for chunk in text.split() + [text]:
        assert split_punctuation(chunk) == reference_split_punctuation(chunk)
        assert is_protected(chunk) == reference_is_protected(chunk)
        lead, core, trail = reference_split_punctuation(chunk)
        plain = core.isalpha() and not reference_is_protected(core)
        assert shape(chunk) == (lead, core, trail, plain, any(c.isdigit() for c in core))


@settings(max_examples=500)
@given(TEXTS, st.data())
def test_chunks_match_the_regex_scan(text, data):
    matches = list(CHUNK.finditer(text))
    chunks = Chunks(text)
    assert chunks.strings == [m.group() for m in matches]
    if not matches:
        return
    wanted = set(data.draw(st.lists(st.sampled_from(chunks.strings), max_size=3)))
    located = chunks.locate(wanted)
    assert located == [i for i, m in enumerate(matches) if m.group() in wanted]
    for i in located:
        assert chunks.start(i) == matches[i].start()
    for i in data.draw(st.lists(st.integers(0, len(matches) - 1), max_size=5)):
        assert chunks.start(i) == matches[i].start()
        assert chunks.end(i) == matches[i].end()


def test_a_short_wanted_chunk_inside_many_others_is_still_found_exactly():
    text = "e " + " ".join(["eeee"] * 50 + ["e", "ee e"] * 3) + " e"
    matches = list(CHUNK.finditer(text))
    chunks = Chunks(text)
    located = chunks.locate({"e"})
    assert [chunks.start(i) for i in located] == [m.start() for m in matches if m.group() == "e"]
