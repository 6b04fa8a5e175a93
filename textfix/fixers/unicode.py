"""unicode: encoding damage and invisible characters.

>>> from textfix import fix
>>> fix("The ï¬\\x81rst â€œsigniﬁcantâ€\\x9d step\\u00ad.")
'The first “significant” step.\\n'

- Line breaks: ``\\r\\n``, ``\\r``, U+2028 and U+2029 become ``\\n``.
- Mojibake, C0/C1 control characters, terminal escapes and the byte-order mark, via ftfy with
  conservative settings: curly quotes, dashes and no-break spaces stay as they are, no HTML
  unescaping, no width folding and no NFKC normalisation, so clean text comes through unchanged.
- Latin ligature code points (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) are expanded: PDF fonts emit them, no English
  text means them.
- Soft hyphens inside a line and zero-width spaces are removed (they are invisible in print).
  A soft hyphen at a line end after a letter is left for ``dehyphenate``, which needs it as
  evidence.
  Zero-width (non-)joiners are removed only between two ASCII letters: in Indic and Arabic
  scripts and in emoji they are meaningful.
- Lone surrogates (which no encoder accepts) become U+FFFD.
- Typesetters' glyphs for ASCII: the spacing modifier letters ``˜`` (U+02DC) and ``ˆ`` (U+02C6)
  that TeX and groff fonts draw for ``~`` and ``^`` (``˜/.bashrc``, ``2ˆ10``) become ASCII.
- A spacing accent that TeX set as a glyph of its own before a vowel, ``n`` or ``c``
  (``Schr¨odinger``, ``na¨ıve``, ``Espa˜na``) is combined with it (``Schrödinger``).

Only lines that hold a character outside printable ASCII are examined, so ASCII text costs one
regex scan.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex
from rapidfuzz.distance import Levenshtein

from textfix.edits import Change

NAME = "unicode"


@cache
def _ftfy_fix():
    """``ftfy.fix_text`` with this fixer's settings. Imported on the first line that needs it:
    ftfy's import (its character tables) is a third of textfix's cold start, and ASCII text,
    which this fixer reads with one regex scan, never needs it."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        fix_latin_ligatures=False,  # done below, so that the edit log can name it
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,  # done below: ftfy would also turn U+0085 into a line break
        normalization=None,
        explain=False,
    )
    return lambda segment: ftfy.fix_text(segment, config)


_LINE_BREAK = regex.compile(r"\r\n?|[\u2028\u2029]")
_SUSPECT = regex.compile(r"[^\x20-\x7e\n\t\r]")
_BREAK_INSIDE_LINE = regex.compile(r"([\r\u2028\u2029\f\v])")  # ftfy judges each line apart: a page break ends one
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_INVISIBLE = regex.compile(
    r"(?<![^\W\d_])\u00ad|\u00ad(?![ \t]*+(?:[\r\n]|\Z))|[\u200b\u2060\u180e]|(?<=[A-Za-z])[\u200c\u200d](?=[A-Za-z])"
)
_LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# Spacing accents and the combining marks they stand for.
_COMBINING = {"´": "\u0301", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303", "¸": "\u0327",
              "˚": "\u030a", "ˇ": "\u030c", "˝": "\u030b"}
_SPACING_ACCENT = regex.compile(r"(?P<accent>[´¨ˆ˜¸˚ˇ˝])(?P<letter>[aeiouyncAEIOUYNCı])")
_MODIFIER_TO_ASCII = str.maketrans({"˜": "~", "ˆ": "^"})
_TYPESET_CHARS = frozenset("´¨ˆ˜¸˚ˇ˝")
_LIGATURE_CHARS = frozenset(_LIGATURES)
_INVISIBLE_CHARS = frozenset("\u00ad\u200b\u2060\u180e\u200c\u200d")


def propose(text: str, document=None, *, settled: frozenset[str] | set[str] = frozenset()) -> list[Change]:
    """``settled``: lines this fixer has already repaired (its own output), which it skips: a
    repair of a line is a fixed point of it (ftfy repeats its steps until nothing changes), so
    only lines that other fixers made since are read again."""
    changes = [Change(m.start(), m.end(), "\n", "line break normalised to \\n") for m in _LINE_BREAK.finditer(text)]
    for start, end in _suspect_lines(text):
        line = text[start:end]
        if line not in settled:
            changes.extend(_line_changes(line, start))
    return sorted(changes)


def _suspect_lines(text: str):
    """(start, end) of each line holding a character outside printable ASCII, in one scan."""
    position = 0
    while (found := _SUSPECT.search(text, position)) is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.start())
        end = len(text) if end < 0 else end
        yield start, end
        position = end


def _repair_line(line: str) -> str:
    """The line repaired until a repair changes nothing more: one repair can expose another (a
    soft hyphen that mojibake ``â€œ\xad`` hid after a letter stands after ``“`` once ftfy has
    read it), and the pipeline's last pass relies on repaired lines being fixed points."""
    for _ in range(_MAX_PASSES):
        repaired = _repair_once(line)
        if repaired == line:
            break
        line = repaired
    return line


_MAX_PASSES = 4


def _repair_once(line: str) -> str:
    line = _LONE_SURROGATE.sub("\ufffd", line)
    line = _INVISIBLE.sub("", line)
    # Line breaks other than '\n' are normalised separately; keep them out of ftfy's hands. (The
    # split keeps each break at an odd index; an empty segment, between two breaks, stays empty.)
    return "".join(
        part if k % 2 or not part else _repair_segment(part)
        for k, part in enumerate(_BREAK_INSIDE_LINE.split(line))
    )


def _repair_segment(segment: str) -> str:
    segment = _ftfy_fix()(segment)
    if _LIGATURE_CHARS.intersection(segment):
        segment = "".join(_LIGATURES.get(c, c) for c in segment)
    if _TYPESET_CHARS.intersection(segment):
        segment = _SPACING_ACCENT.sub(_combine_accent, segment)
        segment = segment.translate(_MODIFIER_TO_ASCII)
    return segment


def _combine_accent(match: regex.Match) -> str:
    letter = "i" if match["letter"] == "ı" else match["letter"]
    combined = unicodedata.normalize("NFC", letter + _COMBINING[match["accent"]])
    return combined if len(combined) == 1 else match.group()


def _line_changes(line: str, offset: int) -> list[Change]:
    repaired = _repair_line(line)
    if repaired == line:
        return []
    # A line break inside the line (\r, U+2028, U+2029) is kept by the repair and normalised by a
    # change of its own: the line is compared segment by segment, so that no change spans one.
    before_parts, after_parts = _BREAK_INSIDE_LINE.split(line), _BREAK_INSIDE_LINE.split(repaired)
    if len(before_parts) > 1 and len(before_parts) == len(after_parts):
        changes, position = [], offset
        for before, after in zip(before_parts, after_parts):
            if before != after:
                changes.extend(_diff_changes(before, after, position))
            position += len(before)
        return changes
    return _diff_changes(line, repaired, offset)


def _diff_changes(line: str, repaired: str, offset: int) -> list[Change]:
    spans: list[list[int]] = []  # [src_start, src_end, dest_start, dest_end], touching ops merged
    for op in Levenshtein.opcodes(line, repaired):
        if op.tag == "equal":
            continue
        if spans and spans[-1][1] == op.src_start:
            spans[-1][1], spans[-1][3] = op.src_end, op.dest_end
        else:
            spans.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    changes = []
    for src_start, src_end, dest_start, dest_end in spans:
        before, after = line[src_start:src_end], repaired[dest_start:dest_end]
        changes.append(Change(offset + src_start, offset + src_end, after, _reason(before, after)))
    return changes


def _reason(before: str, after: str) -> str:
    if all(c in _LIGATURES for c in before):
        return "ligature code point expanded"
    if not after and all(c in _INVISIBLE_CHARS for c in before):
        return "invisible character removed (soft hyphen or zero-width)"
    if _LONE_SURROGATE.search(before):
        return "lone surrogate replaced by U+FFFD"
    if _TYPESET_CHARS.intersection(before) and not _TYPESET_CHARS.intersection(after):
        return "typesetter's accent or modifier glyph repaired"
    if not after:
        return "control character removed (ftfy)"
    return "mojibake repaired (ftfy)"
