"""`textfix diff --html`: one self-contained page, input and repair side by side."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

import textfix
from textfix.cli import main
from textfix.html_diff import html_diff

HOSTILE = ('Annual <Report> & "Notes" \'q\'\n'
           "The year began well and the econo-\nmic outlook was bright; Merkel spoke.\n"
           "Merkelnoted that <script>alert(1)</script> was\nharmless.\f\n\n"
           "Sales grew in every   region.\x07\n")
REFERENCE = ('By Reuters\n\nAnnual <Report> & "Notes" \'q\'\n\nThe year began well and the economic outlook was bright; '
             "Merkel spoke. Merkel noted that <script>alert(1)</script> was harmless indeed.\n\n"
             "Sales grew in each region.\n")


class _Page(HTMLParser):
    """The text of each cell as the page shows it, with the drawn white space turned back, and
    the title of every highlighted stretch."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells: list[list[str]] = []
        self.titles: list[str] = []
        self.tags: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "div" and attrs.get("class") == "cell":
            self.cells.append([])
            self.stack.append("cell")
        elif tag == "span":
            classes = attrs.get("class", "").split()
            if "title" in attrs:
                self.titles.append(attrs["title"])
            kind = "gap" if "gap" in classes else "ctl" if "ctl" in classes else "edit" if "data-e" in attrs else "span"
            self.stack.append(kind)
        else:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        if "cell" not in self.stack or self.stack[-1] == "gap":
            return
        if self.stack[-1] == "ctl":  # caret notation: ^G is BEL
            data = chr(ord(data[1]) ^ 0x40)
        elif "edit" in self.stack:
            data = data.replace("↵\n", "\n").replace("·", " ").replace("→\t", "\t").replace("^M", "\r")
        self.cells[-1].append(data.replace("⇟\n", "\f"))

    def sides(self) -> tuple[str, str]:
        return ("".join("".join(cell) for cell in self.cells[0::2]),
                "".join("".join(cell) for cell in self.cells[1::2]))


def _parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    return parsed


@pytest.mark.parametrize("text", [HOSTILE, "", "\n\n\n", "already clean\n", "a\n\nb  \n\n\nc"])
def test_both_sides_show_exactly_the_input_and_the_repair(text):
    result = textfix.repair(text)
    assert _parse(html_diff(result)).sides() == (text, result.text)


def test_the_corpus_pages_show_exactly_the_input_and_the_repair(corpus):
    for document in [*corpus.damaged()[:8], *corpus.clean()[:3]]:
        result = textfix.repair(document.text())
        parsed = _parse(html_diff(result))
        assert parsed.sides() == (result.original, result.text), document.name
        assert len(parsed.cells) > 2  # rows follow the paragraphs


def test_every_edit_is_highlighted_with_its_fixer_and_reason():
    result = textfix.repair(HOSTILE)
    titles = _parse(html_diff(result)).titles
    for edit in result.edits:
        assert sum(title.startswith(f"{edit.fixer}: {edit.reason}") for title in titles) >= 2  # both sides


def test_everything_is_escaped_and_nothing_is_loaded():
    page = html_diff(textfix.repair(HOSTILE), reference=REFERENCE, title='<b>"title"</b>')
    assert "<script>alert" not in page and "<Report>" not in page and "<b>" not in page
    assert page.count("<script") == 2  # the page's own: its data and its code
    assert "default-src 'none'" in page
    assert not re.search(r"""\b(?:src|href)\s*=|@import|url\(""", page)
    assert "</script>" not in page.split('<script type="application/json" id="edits">')[1].split("</script>")[0]


def test_a_reference_marks_the_differences_left():
    page = html_diff(textfix.repair(HOSTILE), reference=REFERENCE)
    titles = _parse(page).titles
    assert "the reference has: 'each'" in titles
    assert "the reference has: 'harmless indeed.'" in titles
    assert "the reference has here: 'By Reuters'" in titles  # words only the reference has
    assert "word error rate" in page


def test_the_command_writes_the_page(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    reference = tmp_path / "ref.md"
    reference.write_text("The **year** began\n", encoding="utf-8")
    out = tmp_path / "page.html"
    assert main(["diff", str(source), "--reference", str(reference), "--markdown", "--html", str(out)]) == 0
    assert "the reference has" in out.read_text(encoding="utf-8")
    assert main(["diff", str(source)]) == 0  # without --html: a unified diff
    assert capsys.readouterr().out.startswith(f"--- a/{source}\n+++ b/{source}\n")
    assert main(["diff", str(tmp_path / "missing.txt"), "--html", str(out)]) == 1
    assert capsys.readouterr().err == f"textfix: error: {tmp_path / 'missing.txt'}: no such file\n"


# --- in a real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(*args: str) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp()
    try:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *args],
            capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _png_pixels(path: Path) -> tuple[int, int, set[tuple[int, int, int]]]:
    """Width, height and the set of colours of an 8-bit RGB(A) PNG: enough of a PNG reader to
    check what a screenshot shows, without an imaging library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    channels = 4 if colour == 6 else 3
    raw, stride = zlib.decompress(idat), width * channels
    previous, colours = bytearray(stride), set()
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):  # undo the row filter (PNG specification, section 9)
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        colours.update(tuple(line[i:i + 3]) for i in range(0, stride, channels))
        previous = line
    return width, height, colours


def _near(colours: set, hex_colour: str, tolerance: int = 6) -> bool:
    target = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return any(all(abs(a - b) <= tolerance for a, b in zip(colour, target)) for colour in colours)


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)")
def test_the_page_renders_in_chromium(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(html_diff(textfix.repair(HOSTILE), reference=REFERENCE, title="hostile.txt"), encoding="utf-8")
    url = page.as_uri()

    # The DOM the browser built: the hostile text stayed text, the script ran without error.
    dom = _chromium("--dump-dom", url).stdout.decode()
    assert dom.count("<script") == 2
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert dom.count('class="cell"') == len(_parse(page.read_text(encoding="utf-8")).cells)

    # What it looks like: the highlights and the red marks are painted.
    shot = tmp_path / "page.png"
    completed = _chromium(f"--screenshot={shot}", "--window-size=1400,900", url)
    assert shot.exists(), completed.stderr.decode()[-2000:]
    width, height, colours = _png_pixels(shot)
    assert (width, height) == (1400, 900)
    assert _near(colours, "#b2f2bb")  # unwrap_lines' green
    assert _near(colours, "#ffec99")  # dehyphenate's yellow
    assert _near(colours, "#e03131", tolerance=40)  # a wavy red underline (anti-aliased)
    assert _near(colours, "#212529")  # the bar at the foot of the page
    if os.environ.get("TEXTFIX_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["TEXTFIX_KEEP_SCREENSHOT"])
