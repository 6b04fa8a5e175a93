"""Loaders that turn each freely licensed source into a list of *blocks*.

A block is a small dict that both the reference writer (``reference_text``) and the groff
writer (``typeset.py``) understand:

``{"kind": "title", "text": ...}``            the document title (its own paragraph)
``{"kind": "heading", "text": ...}``          a section heading (its own paragraph)
``{"kind": "subheading", "text": ...}``       a subsection heading (its own paragraph)
``{"kind": "para", "text": ..., "label": None|str, "indent": int}``
                                              a paragraph; ``label`` (a verse number, say) is
                                              written before the text, separated by one space
``{"kind": "attribution", "text": ...}``      a fortune's "-- Author" line (its own paragraph)
``{"kind": "list", "items": [(level, label, text), ...]}``
                                              list items: one line each, no blank line between
``{"kind": "deflist", "tag": ..., "body": [text, ...], "indent": int}``
                                              a man page's tagged paragraph: the tag, then the
                                              body, one line each, no blank line between
``{"kind": "verbatim", "lines": [...]}``      preformatted lines (code, a diagram): typeset
                                              as they are in a fixed-width font; in the
                                              reference one line each with runs of white space
                                              squeezed to one space and blank lines dropped

Every loader is deterministic: it reads only installed files (Debian packages, the Python
standard library, the project's seed files) and sorts or slices them in a fixed way.
"""

from __future__ import annotations

import gzip
import inspect
import importlib
import os
import re
import subprocess
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_DIR = REPO / "corpus"
FORTUNE_DIR = Path("/usr/share/games/fortunes")
MAN_DIR = Path("/usr/share/man")

_SPACES = re.compile(r"[ \t]+")


def squeeze(text: str) -> str:
    """Runs of spaces/tabs to one space, no space at either end (no-break spaces are kept)."""
    return _SPACES.sub(" ", text).strip(" \t")


# --------------------------------------------------------------------------- reference text


def reference_groups(blocks: list[dict]) -> list[list[str]]:
    """The blocks as groups of lines: groups are separated by one blank line in the reference."""
    groups: list[list[str]] = []
    for block in blocks:
        kind = block["kind"]
        if kind in ("title", "heading", "subheading", "attribution"):
            groups.append([squeeze(block["text"])])
        elif kind == "para":
            label = block.get("label")
            text = squeeze(block["text"])
            groups.append([f"{label} {text}" if label else text])
        elif kind == "list":
            groups.append([squeeze(f"{label} {text}" if label else text) for _level, label, text in block["items"]])
        elif kind == "deflist":
            groups.append([squeeze(block["tag"])] + [squeeze(line) for line in block["body"]])
        elif kind == "verbatim":
            lines = [squeeze(line) for line in block["lines"]]
            groups.append([line for line in lines if line])
        else:  # pragma: no cover - a programming error
            raise ValueError(f"unknown block kind {kind!r}")
    return [group for group in groups if group]


def reference_text(blocks: list[dict]) -> str:
    return "\n\n".join("\n".join(group) for group in reference_groups(blocks)) + "\n"


# --------------------------------------------------------------------------- the seeds


def load_seed(filename: str, title_first_line: bool = False) -> list[dict]:
    """A seed of the project's corpus, read as it is: every non-blank line is a paragraph.

    Only white space is normalised (leading/trailing spaces, blank lines); the words, the
    punctuation, the no-break spaces and page furniture such as a 'Search Trends' widget stay.
    """
    text = (SEED_DIR / filename).read_text(encoding="utf-8")
    lines = [squeeze(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    blocks = []
    for index, line in enumerate(lines):
        kind = "title" if (index == 0 and title_first_line) else "para"
        blocks.append({"kind": kind, "text": line} if kind == "title" else {"kind": "para", "text": line})
    return blocks


# --------------------------------------------------------------------------- the KJV bible

_VERSE = re.compile(r"^(?P<book>[1-3]?[A-Za-z]+)(?P<chapter>\d+):(?P<verse>\d+) (?P<text>.*)$")


def load_bible(spec: str, book_title: str, chapter_word: str = "Chapter") -> list[dict]:
    """Verses from the 'bible' program of bible-kjv (data: bible-kjv-text's /usr/lib/bible.data).

    One paragraph per verse, its number as the paragraph's label; a heading per chapter.
    """
    out = subprocess.run(
        ["bible", "-f", "-l4000", spec],
        check=True,
        capture_output=True,
        text=True,
        env=_c_env(),
    ).stdout
    blocks: list[dict] = [{"kind": "title", "text": book_title}]
    chapter = None
    for line in out.splitlines():
        line = line.strip()
        if not line:
            continue
        match = _VERSE.match(line)
        if not match:
            raise RuntimeError(f"bible: unexpected line {line!r}")
        if match["chapter"] != chapter:
            chapter = match["chapter"]
            blocks.append({"kind": "heading", "text": f"{chapter_word} {chapter}"})
        blocks.append({"kind": "para", "text": squeeze(match["text"]), "label": match["verse"], "indent": 0})
    return blocks


# --------------------------------------------------------------------------- fortunes

# Hard hyphenations that the fortune files themselves contain at a line end ("Circum-/stances"):
# the only ones in the selected cookies; every other line-final hyphen is a compound's own.
_FORTUNE_SOFT_HYPHENS = {"Circum-"}
_ATTRIBUTION = re.compile(r"^\s+--\s*(?P<who>\S.*)$")


def _fortune_is_prose(cookie: str) -> bool:
    lines = [line for line in cookie.split("\n") if line.strip()]
    body = [line for line in lines if not _ATTRIBUTION.match(line)]
    if len(cookie.split()) < 80 or not body:
        return False
    if any(line.startswith((" ", "\t")) for line in body):
        return False  # poems, dialogues laid out with indentation, ASCII art
    if not re.match(r"""^[A-Za-z"'.]""", body[0]):
        return False  # banners such as '****  GROWTH CENTER ...'
    return sum(len(line) > 45 for line in body) >= 0.8 * len(body)


_OVERSTRIKE_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308"}


def _overstrike(text: str) -> str:
    """Typewriter accents of the fortune files ("fl'<BS>echettes") as the letters they make."""
    def accent(match: re.Match) -> str:
        return unicodedata.normalize("NFC", match[2] + _OVERSTRIKE_ACCENTS[match[1]])

    text = re.sub(r"([\'`^\"])\x08(\w)", accent, text)
    if "\x08" in text:
        raise RuntimeError(f"an overstrike that is not an accent: {text!r}")
    return text


def _join_wrapped(lines: list[str]) -> str:
    text = ""
    for line in lines:
        line = line.strip()
        if not text:
            text = line
        elif text.split(" ")[-1] in _FORTUNE_SOFT_HYPHENS:
            text = text[:-1] + line
        else:
            text = f"{text} {line}"
    return squeeze(_overstrike(text))


def load_fortunes(file: str, title: str, max_words: int = 2400) -> list[dict]:
    """The long prose cookies of one fortune file, in file order, up to ``max_words`` words."""
    text = (FORTUNE_DIR / file).read_text(encoding="utf-8")
    blocks: list[dict] = [{"kind": "title", "text": title}]
    words = 0
    for cookie in text.split("\n%\n"):
        cookie = cookie.strip("\n")
        if not _fortune_is_prose(cookie):
            continue
        count = len(cookie.split())
        if words + count > max_words:
            break
        words += count
        paragraph: list[str] = []
        for line in cookie.split("\n") + [""]:
            match = _ATTRIBUTION.match(line)
            if not line.strip() or match:
                if paragraph:
                    blocks.append({"kind": "para", "text": _join_wrapped(paragraph), "indent": 0})
                    paragraph = []
                if match:
                    blocks.append({"kind": "attribution", "text": "-- " + squeeze(match["who"])})
            else:
                paragraph.append(line)
    return blocks


# --------------------------------------------------------------------------- man pages

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-", "\u00ad": ""})


def render_man(section: str, page: str) -> str:
    """A man page rendered by groff to plain UTF-8 text, every paragraph on one long line."""
    source = MAN_DIR / f"man{section}" / f"{page}.{section}.gz"
    roff = gzip.decompress(source.read_bytes())
    out = subprocess.run(
        ["groff", "-t", "-man", "-Tutf8", "-rLL=4000n", "-rHY=0", "-P-c", "-P-b", "-P-u", "-P-o"],
        input=roff,
        check=True,
        capture_output=True,
        env=_c_env(),
    ).stdout.decode("utf-8")
    return out.translate(_DASHES)


def load_man(section: str, page: str) -> list[dict]:
    """A man page as blocks: headings by their indentation, paragraphs, tagged paragraphs, examples.

    The page header and footer lines of the rendering are dropped.
    """
    lines = render_man(section, page).split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    header, footer = nonblank[0], nonblank[-1]
    title = f"{page}({section})"
    blocks: list[dict] = [{"kind": "title", "text": title}]
    group: list[tuple[int, str]] = []

    def flush() -> None:
        if not group:
            return
        indents = [indent for indent, _ in group]
        texts = [text for _, text in group]
        base = 7
        if len(group) == 1:
            blocks.append({"kind": "para", "text": squeeze(texts[0]), "indent": max(0, (indents[0] - base + 3) // 4)})
        elif indents[0] < min(indents[1:]) and all(len(t) < 120 for t in texts[:1]):
            blocks.append({
                "kind": "deflist",
                "tag": squeeze(texts[0]),
                "body": [squeeze(t) for t in texts[1:]],
                "indent": max(0, (indents[0] - base + 3) // 4),
            })
        else:
            least = min(indents)
            blocks.append({"kind": "verbatim", "lines": [" " * (i - least) + t.rstrip() for i, t in group]})
        group.clear()

    for number, line in enumerate(lines):
        if number in (header, footer):
            continue
        if not line.strip():
            flush()
            continue
        indent = len(line) - len(line.lstrip(" "))
        text = line.strip()
        if indent == 0:
            flush()
            blocks.append({"kind": "heading", "text": text})
        elif indent == 3:
            flush()
            blocks.append({"kind": "subheading", "text": text})
        else:
            group.append((indent, text))
    flush()
    return blocks


# --------------------------------------------------------------------------- docstrings

_LIST_ITEM = re.compile(r"^(?P<indent>\s*)- (?P<text>.*)$")


def _is_code(lines: list[str]) -> bool:
    for line in lines:
        if line.startswith((" ", "\t")) or ">>>" in line or "  #" in line:
            return True
        if re.fullmatch(r"-{4,}|[+|].*", line.strip()):
            return True
    return False


def docstring_blocks(doc: str, title_first: bool = True) -> list[dict]:
    """A docstring as blocks: prose paragraphs re-joined, '- ' lists, indented code kept as is."""
    text = inspect.cleandoc(doc)
    groups: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            groups[-1].append(line.rstrip())
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    blocks: list[dict] = []
    previous_code = False
    for number, group in enumerate(groups):
        if number == 0 and title_first and len(group) == 1:
            blocks.append({"kind": "title", "text": squeeze(group[0])})
            continue
        # Leading prose lines, then maybe a '- ' list.
        after_code, previous_code = previous_code, False
        first_item = next((i for i, line in enumerate(group) if _LIST_ITEM.match(line)), None)
        prose = group if first_item is None else group[:first_item]
        if prose:
            if _is_code(prose) and first_item is None:
                if blocks and blocks[-1]["kind"] == "verbatim" and after_code and group[0][:1] in (" ", "\t"):
                    blocks[-1]["lines"].extend([""] + prose)  # one diagram with blank rows
                else:
                    blocks.append({"kind": "verbatim", "lines": prose})
                previous_code = True
                continue
            blocks.append({"kind": "para", "text": squeeze(" ".join(line.strip() for line in prose)), "indent": 0})
        if first_item is None:
            continue
        items: list[list] = []
        indents: list[int] = []
        for line in group[first_item:]:
            match = _LIST_ITEM.match(line)
            if match:
                width = len(match["indent"])
                if width not in indents:
                    indents.append(width)
                    indents.sort()
                items.append([width, "-", match["text"].strip()])
            else:
                items[-1][2] += " " + line.strip()
        blocks.append({
            "kind": "list",
            "items": [(indents.index(width), label, squeeze(body)) for width, label, body in items],
        })
    return blocks


def load_docstrings(parts: list[tuple[str, str, str | None]]) -> list[dict]:
    """Docstrings of standard-library modules: (module, attribute, cut-before-this-text or None)."""
    blocks: list[dict] = []
    for index, (module, attribute, cut) in enumerate(parts):
        doc = getattr(importlib.import_module(module), attribute)
        if cut:
            if cut not in doc:
                raise RuntimeError(f"{module}.{attribute}: the text {cut!r} to cut at is missing")
            doc = doc[: doc.index(cut)]
        part = docstring_blocks(doc)
        if index > 0 and part and part[0]["kind"] == "title":
            part[0] = {"kind": "heading", "text": part[0]["text"]}
        blocks.extend(part)
    return blocks


def _c_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME")}
    env.update(LC_ALL="C.UTF-8", TZ="UTC", COLUMNS="4000")
    return env
