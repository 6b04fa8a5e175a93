"""link_lines: remove a printed link annotation, a bare URL on a line of its own between paragraphs.

>>> from textfix import fix
>>> fix("The end of a paragraph.\\n\\nhttps://example.com/story-123\\n\\nThe next paragraph.\\n")
'The end of a paragraph.\\n\\nThe next paragraph.\\n'

Browsers and PDF printers insert the address of a link after it; in the extracted text it stands
alone between two paragraphs of running text. A URL is kept when it is content instead: when the
line before introduces it (ends with ``:``, as in ``Original url:``), when it ends the document
or starts it (no paragraph follows or precedes), or when it shares its line with other words.
Every removal is an edit with its reason.
"""

from __future__ import annotations

import regex

from textfix.edits import Change

NAME = "link_lines"

# A whole line holding one URL (optionally in angle brackets), plus the line break after it.
# (Possessive throughout: a URL never starts with a space, and a long line of spaces is read once.)
_URL_LINE = regex.compile(r"(?m)^[ \t]*+<?(?:https?://|www\.)[^\s<>]++>?[ \t]*+(?:\n|\Z)")
_PREVIOUS_TEXT = regex.compile(r"(\S)[ \t]*+\n[\s]*+\Z")
_BLANK_LINE_AT_END = regex.compile(r"\n[ \t]*+\n[ \t]*+\Z")
_LAST_VISIBLE = regex.compile(r"(?r)\S")  # searched backwards: the last character that is not white space


def propose(text: str, document=None) -> list[Change]:
    changes = []
    for line in _URL_LINE.finditer(text):
        # Bounded context: the decision needs only the neighbouring lines. Before the URL, only the
        # last visible character and the white space after it count (both patterns end at the URL
        # and match nothing else): searching the whole window cost a millisecond per URL line.
        window = max(0, line.start() - 4096)
        last = _LAST_VISIBLE.search(text, window, line.start())
        before = text[last.start() : line.start()] if last is not None else ""
        after = text[line.end() : line.end() + 4096]
        if _stands_between_paragraphs(before, after):
            url = line.group().strip()
            changes.append(Change(line.start(), line.end(), "", f"link annotation {url[:60]!r} alone between paragraphs"))
    return changes


def _stands_between_paragraphs(before: str, after: str) -> bool:
    """A blank line (or more) on each side, running text on each side, not introduced by ':'."""
    previous = _PREVIOUS_TEXT.search(before)
    blank_before = _BLANK_LINE_AT_END.search(before) is not None
    head = after.lstrip(" \t")
    blank_after = head.startswith("\n") or head == ""
    return (
        previous is not None
        and previous.group(1) != ":"
        and blank_before
        and blank_after
        and after.strip() != ""
    )
