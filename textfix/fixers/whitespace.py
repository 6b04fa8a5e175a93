"""whitespace: the white space the output convention allows, and no other.

>>> from textfix import fix
>>> fix("  A line  with   runs of spaces.   \\n\\n\\n\\n Next paragraph.\\t \\n\\n")
'A line with runs of spaces.\\n\\nNext paragraph.\\n'

- white space at the start of a line (stray indentation left by the extractor) and at its end;
- runs of spaces between words (one space; no-break and other special spaces are kept);
- a space between a word and the full stop or comma after it when a sentence or a clause goes on
  (``file . The``, ``file , and``: extractors read the kerning before punctuation as a space;
  an ellipsis `` ...`` keeps its space, and so does a path ``ls .`` at the end of a line);
- a space before a closing curly quote that ends a quotation (``agreed, ” he``): ``”`` never
  opens an English quotation, and where it opens one (Swedish ``”Ja”``) a letter follows it;
- runs of blank lines (one blank line separates paragraphs);
- nothing before the first line, exactly one newline after the last.

Runs after ``unwrap_lines``, which has already consumed the white space around the breaks it
joined. Every pattern starts only at the first character of a white-space run, so a long run
costs one scan.
"""

from __future__ import annotations

import regex

from textfix.edits import Change

NAME = "whitespace"

_RULES = regex.compile(
    # blank lines, with their spaces: a line break, another one ahead, and the rest of the white space
    # (as ``(?:[^\S\n]*+\n)++[^\S\n]*+``, ``regex`` kept a record per line: out of memory at 6 M lines)
    r"(?P<gap>(?<![^\S\n])[^\S\n]*+\n(?=[^\S\n]*+\n)\s*+)"
    r"|(?P<trailing>(?<![^\S\n])[^\S\n]++(?=\n))"  # white space before a line break
    r"|(?P<leading>(?<=\n)[^\S\n]++)"  # white space after a line break
    r"|(?P<run>(?<=\S) {2,}+(?=\S))"  # a run of spaces between words
    r"|(?P<before_stop>(?<=\p{L}\p{L}) ++(?=(?:\.[ \t]++\(?\p{Lu}|,[ \t]++\p{L})))"  # 'file . The': kerning read as a space
    r"|(?P<before_quote>(?<=[\p{L},.!?]) ++(?=”(?:[ \t]|$)))"  # 'flourished, ” he said': a closing quote set apart
)
# Every rule consumes white space only, inside one run of it, and none can match a lone space
# that a word or other punctuation follows: the runs that may hold a match are those with a
# character other than a space, of two spaces or more, or followed by '.', ',' or '”'. Trying the
# rules only there skips the single spaces between words, nearly all of a text's white space
# (_RULES tried at every position cost 0.3 s per MB; this scan costs a tenth of that).
_RULE_SITE = regex.compile(r"[^\S ]\s*+| \s++| (?=[.,”])")
_REPLACEMENT = {
    "gap": ("\n\n", "blank lines collapsed to one"),
    "trailing": ("", "trailing white space removed"),
    "leading": ("", "leading white space removed"),
    "run": (" ", "run of spaces collapsed"),
    "before_stop": ("", "space before a full stop or comma removed"),
    "before_quote": ("", "space before a closing quotation mark removed"),
}


def propose(text: str, document=None) -> list[Change]:
    body_start = len(text) - len(text.lstrip())
    body_end = len(text.rstrip())
    if body_end <= body_start:
        return [Change(0, len(text), "", "text is only white space")] if text else []
    changes = []
    if body_start:
        changes.append(Change(0, body_start, "", "white space before the first line removed"))
    for match in _matches(text, body_start, body_end):
        kind = match.lastgroup
        replacement, reason = _REPLACEMENT[kind]
        if match.group() != replacement:
            changes.append(Change(match.start(), match.end(), replacement, reason))
    if text[body_end:] != "\n":
        changes.append(Change(body_end, len(text), "\n", "text ends with one newline"))
    return changes


def _matches(text: str, start: int, end: int):
    """The matches of ``_RULES`` in ``text[start:end]``, as its ``finditer`` finds them, tried
    only in the white-space runs that may hold one (:data:`_RULE_SITE`)."""
    for site in _RULE_SITE.finditer(text, start, end):
        position = site.start()
        while position < site.end():
            match = _RULES.match(text, position, end)
            if match is None:
                position += 1
            else:
                yield match
                position = match.end()
