"""One self-contained HTML page that shows a repair: input and repair side by side.

Every edit is highlighted on both sides in its fixer's colour, with the fixer and the reason in
its tooltip (the ``title`` attribute, so it works without script) and in the bar at the foot of
the page when the pointer rests on it (a few lines of inline script, which also light up the
edit's other side). Changes of white space are drawn: ``↵`` for a line break, ``·`` for a space,
``⇟`` for a page break. With a clean reference, the words where the repair still differs from
it are underlined in red (``textfix.score``'s word alignment), with the reference's words in
their tooltip, and the page heads with the figures before and after repair.

Rows follow the line breaks the repair left alone, so that paragraphs stay side by side. The
page loads nothing: its Content-Security-Policy forbids every outside resource. All text is
escaped, in content and in attributes; data for the script is JSON with ``<`` escaped.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from html import escape
from itertools import accumulate

import regex

from textfix.fixers import FIXER_NAMES
from textfix.pipeline import Repair

_SEPARATOR = regex.compile(r"\n(?:[ \t\n]*\n)?")  # a line break and any blank lines after it
_WORD = regex.compile(r"\S+")  # the words of str.split(), with their offsets
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # drawn as their Unicode pictures
FULL_SCORE_LIMIT = 200_000  # characters; see _score_rows
_PALETTE = (  # light enough to read black text on; one per fixer, in chain order
    "#ffd8a8", "#d0bfff", "#ffc9c9", "#a5d8ff", "#b2f2bb", "#ffec99",
    "#e9ecef", "#fcc2d7", "#99e9f2", "#c0eb75", "#eebefa", "#ffe8cc",
)


@dataclass(frozen=True)
class _Mark:
    """A highlighted stretch of one side: an edit (``edit`` >= 0) or a residual difference."""

    start: int
    end: int
    css: str
    title: str
    edit: int = -1


def html_diff(result: Repair, *, reference: str | None = None, reference_format: str = "text",
              double_escaped: bool = False, title: str = "textfix") -> str:
    """The page for ``result`` (a :func:`textfix.repair`), optionally against a clean ``reference``
    (``reference_format`` 'text' or 'markdown', as for :func:`textfix.score`)."""
    left, right = _edit_marks(result)
    residual: list[_Mark] = []
    summary = ""
    if reference is not None:
        from textfix.markdown_text import markdown_to_text

        if reference_format == "markdown":
            reference = markdown_to_text(reference, double_escaped=double_escaped)
        residual = _residual_marks(result.text, reference)
        summary = _score_summary(result, reference)
    left_layers, right_layers = [_Layer(left)], [_Layer(right), _Layer(residual)]
    cells = []
    for (left_from, left_to), (right_from, right_to) in _rows(result):
        cells.append(f'<div class="cell">{_render(result.original, left_layers, left_from, left_to)}</div>')
        cells.append(f'<div class="cell">{_render(result.text, right_layers, right_from, right_to)}</div>')
    edits = [{"fixer": e.fixer, "reason": e.reason, "before": result.original[e.start:e.end],
              "after": e.replacement} for e in result.edits]
    return _PAGE.format(
        title=escape(title),
        heading=escape(title),
        counts=_fixer_counts(result),
        summary=summary,
        style=_STYLE + _fixer_colours(),
        cells="\n".join(cells),
        data=json.dumps(edits, ensure_ascii=False).replace("<", "\\u003c"),
        script=_SCRIPT,
    )


def _edit_marks(result: Repair) -> tuple[list[_Mark], list[_Mark]]:
    """Each edit's stretch in the input and in the repair (offsets shifted by the edits before)."""
    left, right = [], []
    shift = 0
    for index, edit in enumerate(result.edits):
        css = f"e fx-{_css_name(edit.fixer.split('+')[0])}"
        before = result.original[edit.start:edit.end]
        title = f"{edit.fixer}: {edit.reason}\n{_quote(before)} → {_quote(edit.replacement)}"
        left.append(_Mark(edit.start, edit.end, css + (" gap" if edit.start == edit.end else ""), title, index))
        start = edit.start + shift
        right_css = css + ("" if edit.replacement else " gap")
        right.append(_Mark(start, start + len(edit.replacement), right_css, title, index))
        shift += len(edit.replacement) - (edit.end - edit.start)
    return left, right


def _residual_marks(text: str, reference: str) -> list[_Mark]:
    """The repair's words that still differ from the reference's, as word alignment finds them."""
    from rapidfuzz.distance import Levenshtein

    from textfix.score import word_differences

    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [text[s:e] for s, e in spans]
    reference_words = reference.split()
    marks = []
    for difference in word_differences(words, reference_words, Levenshtein.opcodes(words, reference_words)):
        first = difference.candidate_index
        if difference.kind == "insert":  # words only the reference has: a mark between words
            at = spans[first][0] if first < len(spans) else len(text)
            marks.append(_Mark(at, at, "r gap", f"the reference has here: {_quote(difference.reference)}"))
            continue
        last = first + len(difference.candidate.split()) - 1
        wanted = _quote(difference.reference) if difference.reference else "nothing (extra words)"
        marks.append(_Mark(spans[first][0], spans[last][1], "r", f"the reference has: {wanted}"))
    return marks


def _rows(result: Repair) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Cut both texts where a line break stands on both sides: after each line break (and the
    blank lines after it) that no edit touches, and after each edit that only changes one run of
    line breaks into another (a paragraph break made from a line break). The lines on either side
    of a cut correspond. Returns ((input from, to), (repair from, to)) per row."""
    edits = result.edits
    starts = [edit.start for edit in edits]
    shifts = list(accumulate(len(edit.replacement) - (edit.end - edit.start) for edit in edits))
    cuts = {(0, 0), (len(result.original), len(result.text))}
    for match in _SEPARATOR.finditer(result.original):
        k = bisect_left(starts, match.end())  # edits[:k] lie before the cut
        if not k or edits[k - 1].end <= match.start():  # else an edit rewrites this separator
            cuts.add((match.end(), match.end() + (shifts[k - 1] if k else 0)))
    for k, edit in enumerate(edits):
        if _is_break(result.original[edit.start:edit.end]) and _is_break(edit.replacement):
            cuts.add((edit.end, edit.end + shifts[k]))
    ordered = sorted(cuts)
    rows = [((a0, b0), (a1, b1)) for (a0, a1), (b0, b1) in zip(ordered, ordered[1:]) if a0 < b0 or a1 < b1]
    return rows or [((0, 0), (0, 0))]


def _is_break(text: str) -> bool:
    return "\n" in text and not text.strip()


def _render(text: str, layers: list["_Layer"], start: int, end: int) -> str:
    """HTML for ``text[start:end]`` with its marks. Marks of one layer are sorted and disjoint (the
    edits; the residual differences); an edit and a residual difference may overlap, and then the
    text is cut where either begins or ends. An empty mark (a deletion, a missing word) is drawn as
    a symbol at its point; one at the very end of the text belongs to the last row."""
    last = end == len(text)
    nearby = [layer.near(start, end) for layer in layers]
    inside = [[m for m in marks if m.start < end and m.end > start] for marks in nearby]
    empty: dict[int, list[_Mark]] = {}
    for marks in nearby:
        for mark in marks:
            if mark.start == mark.end and (start <= mark.start < end or (last and mark.start == end)):
                empty.setdefault(mark.start, []).append(mark)
    points = sorted({start, end, *empty, *(p for layer in inside for m in layer for p in (m.start, m.end)
                                           if start < p < end)})
    pieces = []
    cursor = [0] * len(inside)
    for a, b in zip(points, points[1:] + [None]):
        pieces += [_tag(m.css, m.title, m.edit, "⌫" if m.edit >= 0 else "‸") for m in empty.get(a, ())]
        if b is None:
            break
        covering = []
        for i, layer in enumerate(inside):
            while cursor[i] < len(layer) and layer[cursor[i]].end <= a:
                cursor[i] += 1
            if cursor[i] < len(layer) and layer[cursor[i]].start <= a:
                covering.append(layer[cursor[i]])
        pieces.append(_marked(text[a:b], covering))
    return "".join(pieces)


class _Layer:
    """Marks that never overlap, in order, with what a row needs found by bisection (a long text
    has thousands of rows and edits: scanning every mark for every row would be quadratic)."""

    def __init__(self, marks: list[_Mark]):
        self.marks = marks
        self.starts = [mark.start for mark in marks]
        self.ends = [mark.end for mark in marks]

    def near(self, start: int, end: int) -> list[_Mark]:
        """The marks that touch [start, end]."""
        return self.marks[bisect_left(self.ends, start):bisect_right(self.starts, end)]


def _marked(segment: str, covering: list[_Mark]) -> str:
    if not covering:
        return _text(segment)
    css = " ".join(dict.fromkeys(c for m in covering for c in m.css.split()))
    edit = next((m.edit for m in covering if m.edit >= 0), -1)
    return _tag(css, "\n".join(m.title for m in covering), edit, _text(segment, visible=edit >= 0))


def _tag(css: str, title: str, edit: int, content: str) -> str:
    data = f' data-e="{edit}"' if edit >= 0 else ""
    return f'<span class="{escape(css)}" title="{escape(title)}"{data}>{content}</span>'


def _text(segment: str, visible: bool = False) -> str:
    """Escaped text; inside an edit, white space is drawn so that a joined line shows. A page
    break is drawn ``⇟`` and another control character in caret notation (``^G``): the Unicode
    control pictures are missing from common fonts."""
    if visible:
        segment = segment.replace(" ", "·").replace("\t", "→\t").replace("\n", "↵\n").replace("\r", "^M")
    segment = escape(segment.replace("\f", "⇟\n").replace("\r", ""), quote=False)
    return _CONTROL.sub(lambda m: f'<span class="ctl">^{chr(ord(m.group()) ^ 0x40)}</span>', segment)


def _quote(text: str, limit: int = 80) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


def _css_name(fixer: str) -> str:
    return regex.sub(r"[^a-z0-9_]", "_", fixer.lower())


def _fixer_colours() -> str:
    rules = [f".fx-{name} {{ background: {_PALETTE[i % len(_PALETTE)]}; }}" for i, name in enumerate(FIXER_NAMES)]
    return "\n".join(rules)


def _fixer_counts(result: Repair) -> str:
    counts = result.edits_by_fixer()
    if not counts:
        return '<p class="counts">no edits: the text comes through unchanged</p>'
    items = [f'<span class="e fx-{_css_name(name)}">{escape(name)} {n}</span>'
             for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    return f'<p class="counts">{len(result.edits)} edits: {" ".join(items)}</p>'


def _score_summary(result: Repair, reference: str) -> str:
    rows = _score_rows(result.original, result.text, reference)
    body = "".join(f"<tr><th>{name}</th><td>{a}</td><td>{b}</td></tr>" for name, a, b in rows)
    return (f'<table class="score"><tr><th>against the reference</th><th>input</th><th>repair</th></tr>{body}</table>'
            '<p class="legend">Underlined in red: words where the repair still differs from the reference '
            '(‸ marks words only the reference has).</p>')


def _score_rows(original: str, repaired: str, reference: str) -> list[tuple[str, str, str]]:
    """The figures of textfix.score for input and repair. Past FULL_SCORE_LIMIT characters only the
    word error rate is given: the character alignment grows with the square of the length (a
    megabyte takes a minute)."""
    from textfix.score import score, word_edits

    if max(len(original), len(reference)) > FULL_SCORE_LIMIT:
        words = len(reference.split()) or 1
        before, after = word_edits(original, reference) / words, word_edits(repaired, reference) / words
        return [("word error rate", f"{before:.4f}", f"{after:.4f}")]
    before, after = score(original, reference), score(repaired, reference)
    return [
        ("word error rate", f"{before.wer:.4f}", f"{after.wer:.4f}"),
        ("character error rate", f"{before.cer:.4f}", f"{after.cer:.4f}"),
        ("paragraph F1", f"{before.paragraph_f1:.3f}", f"{after.paragraph_f1:.3f}"),
        ("word differences", str(len(before.differences)), str(len(after.differences))),
    ]


_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #212529; background: #fff; }
header { padding: 12px 20px; border-bottom: 1px solid #dee2e6; }
h1 { font-size: 18px; margin: 0 0 6px; word-break: break-all; }
.counts .e { padding: 1px 6px; margin-right: 4px; border-radius: 3px; white-space: nowrap; }
table.score { border-collapse: collapse; margin: 6px 0; }
table.score th, table.score td { padding: 2px 10px; text-align: right; border-bottom: 1px solid #eee; }
table.score th:first-child { text-align: left; }
.legend { color: #495057; margin: 4px 0; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; padding: 0 20px 60px; }
.colhead { position: sticky; top: 0; background: #f8f9fa; font-weight: 600; padding: 6px 8px;
           border-bottom: 1px solid #dee2e6; z-index: 1; }
.cell { font: 14px/1.5 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre-wrap;
        overflow-wrap: anywhere; padding: 6px 8px; border-bottom: 1px dashed #e9ecef; }
.e { border-radius: 2px; cursor: help; outline: 1px solid rgba(0,0,0,.15); }
.e.hot { outline: 2px solid #1c7ed6; }
.gap { display: inline-block; min-width: .6em; text-align: center; color: #495057; font-size: 12px; }
.ctl { color: #868e96; background: #f1f3f5; font-size: 11px; padding: 0 1px; }
.r { text-decoration: underline wavy #e03131; text-underline-offset: 3px; cursor: help; }
.r.gap { color: #e03131; text-decoration: none; font-weight: 700; }
#inspector { position: fixed; left: 0; right: 0; bottom: 0; background: #212529; color: #f8f9fa;
             font: 13px/1.4 ui-monospace, monospace; padding: 6px 20px; white-space: pre-wrap;
             min-height: 1.4em; }
"""

_SCRIPT = """
(function () {
  var edits = JSON.parse(document.getElementById("edits").textContent);
  var bar = document.getElementById("inspector");
  var lit = [];
  document.addEventListener("mouseover", function (event) {
    var node = event.target.closest ? event.target.closest("[data-e]") : null;
    lit.forEach(function (n) { n.classList.remove("hot"); });
    lit = [];
    if (!node) { return; }
    var k = node.getAttribute("data-e");
    lit = Array.prototype.slice.call(document.querySelectorAll('[data-e="' + k + '"]'));
    lit.forEach(function (n) { n.classList.add("hot"); });
    var e = edits[Number(k)];
    bar.textContent = e.fixer + ": " + e.reason + "\\n" +
      JSON.stringify(e.before) + " \\u2192 " + JSON.stringify(e.after);
  });
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — textfix</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>{heading}</h1>
{counts}
{summary}
</header>
<main class="grid">
<div class="colhead">input</div><div class="colhead">repair</div>
{cells}
</main>
<div id="inspector">Rest the pointer on a highlighted edit to see its fixer and reason.</div>
<script type="application/json" id="edits">{data}</script>
<script>{script}</script>
</body>
</html>
"""
