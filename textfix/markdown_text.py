"""The plain text a Markdown document renders to, in textfix's output convention.

Clean references are often saved as Markdown; to compare them with repaired plain text we read
them as the text a reader sees, walking markdown-it-py's token stream (never regexes over the
markup). Every block -- paragraph, heading, list item, quote, code block, table row -- becomes
one line; blocks are separated by one blank line; the text ends with one newline.

>>> markdown_to_text("# A *new* era\\n\\nBy [Reuters](#)\\nand `AP`.\\n")
'A new era\\n\\nBy Reuters and AP.\\n'
>>> markdown_to_text("<https://example.com/a>")
'https://example.com/a\\n'
>>> markdown_to_text(r"for \\\\$3.1bn", double_escaped=True)
'for $3.1bn\\n'
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from functools import cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

# A doubled backslash before ASCII punctuation (a backslash itself excluded, so that a run of
# backslashes is not rewritten pairwise in a chain).
_DOUBLED_ESCAPE = re.compile(
    r"\\\\(?=[" + re.escape(string.punctuation.replace("\\", "")) + r"])"
)

# Layout white space of the source; other white space (a no-break space) is content and kept.
_SPACE_RUN = re.compile(r"[ \t]+")
_BREAKS = frozenset({"softbreak", "hardbreak"})


@cache
def _parser() -> MarkdownIt:
    """CommonMark plus GitHub-style tables, built once per process."""
    return MarkdownIt("commonmark").enable("table")


def markdown_to_text(source: str, *, double_escaped: bool = False) -> str:
    """Render Markdown ``source`` to plain text, one block per line.

    Inline markup is dropped: emphasis marks, link targets (a link reads as its text, an
    autolink as its URL), image syntax (an image reads as its alt text), code-span backticks and
    inline HTML tags. Backslash escapes are resolved and entities decoded. Soft and hard line
    breaks, the lines of a code block and runs of spaces or tabs become single spaces. Table
    cells are joined by one space. Thematic breaks vanish; an HTML block reads as its text
    content. Empty input gives ``""``.

    ``double_escaped=True`` undoes a converter that escaped punctuation twice: ``\\\\$`` (two
    backslashes) before ASCII punctuation is read as ``\\$`` (one), so ``\\\\$2.5Bln`` is ``$2.5Bln``.
    """
    if double_escaped:
        source = undo_double_escapes(source)
    blocks = [block for block in _blocks(_parser().parse(source)) if block]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def undo_double_escapes(source: str) -> str:
    r"""Turn each doubled backslash before ASCII punctuation into one: ``\\$`` -> ``\$``.

    >>> undo_double_escapes(r"\\$5 and \\_x_ but C:\\dir")
    '\\$5 and \\_x_ but C:\\\\dir'
    """
    return _DOUBLED_ESCAPE.sub(r"\\", source)


def _blocks(tokens: Sequence[Token]) -> Iterator[str]:
    """One line of text per block-level token that carries text."""
    row: list[str] | None = None  # the cells of the table row being read
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            yield " ".join(cell for cell in row if cell)
            row = None
        elif token.type == "inline":
            text = _one_line(_inline_text(token.children or []))
            if row is not None:
                row.append(text)
            else:
                yield text
        elif token.type in ("fence", "code_block"):
            yield _one_line(token.content)
        elif token.type == "html_block":
            yield _one_line(_html_text(token.content))


def _inline_text(children: Sequence[Token]) -> str:
    """What a reader sees of an inline token's children."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in _BREAKS:
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
        # Everything else (emphasis and link open/close, html_inline) is markup only.
    return "".join(parts)


def _one_line(text: str) -> str:
    """Join the non-blank lines of ``text`` with single spaces; runs of spaces become one."""
    lines = (_SPACE_RUN.sub(" ", line).strip() for line in text.splitlines())
    return " ".join(line for line in lines if line)


class _HTMLTextCollector(HTMLParser):
    """Collects the character data of an HTML fragment, skipping scripts and styles."""

    _HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._HIDDEN:
            self._hidden_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def _html_text(fragment: str) -> str:
    """The text content of an HTML block: ``<p>Hi <b>there</b></p>`` -> ``Hi there``."""
    collector = _HTMLTextCollector()
    collector.feed(fragment)
    collector.close()
    return "".join(collector.parts)
