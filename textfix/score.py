"""Score a candidate text against a clean reference: WER, CER and paragraph-boundary F1.

The reference scorer of textfix: every figure is defined here, in one place, and every edit
distance and alignment comes from rapidfuzz.

>>> s = score("for anew worldin a bid", "for a new world in a bid")
>>> round(s.wer, 3), s.reference_words
(0.571, 7)
>>> s.differences[0].candidate, s.differences[0].reference
('anew worldin', 'a new world in')
>>> word_edits("Merkelnoted that", "Merkel noted that")
2
>>> print(format_score(score("a b\\n\\nc", "a b c")).splitlines()[-1])
  @2  'a b ¶ c'

Definitions
-----------
- **words**: ``text.split()`` -- whitespace tokens, punctuation kept attached, case-sensitive.
- **WER**: Levenshtein distance between the candidate's and the reference's word lists, divided
  by the number of reference words (it can exceed 1 when the candidate has many extra words).
- **CER**: Levenshtein distance between the whitespace-normalised texts (each run of white space
  is one space, edges stripped), divided by the length of the normalised reference.
- For an empty reference, WER and CER are 0.0 if the candidate is empty too and 1.0 otherwise:
  there is no denominator, and a non-empty candidate is entirely wrong.
- **paragraphs**: every line that holds a word is a paragraph (lines end at ``\n``, ``\r\n``
  or ``\r``), as in textfix's output convention of one paragraph per line; blank lines only
  separate. So a text hard-wrapped into lines scores as many false boundaries, which is the
  damage, and a heading, a list item or a line of code is a paragraph of its own. A **boundary**
  is the word index where a paragraph other than the first starts. The reference's boundaries are projected into
  candidate word indices through the word alignment (see `project_boundaries`) and compared with
  the candidate's as sets; index 0 and the index past the last candidate word are never
  boundaries. Precision = hits / candidate boundaries, recall = hits / projected reference
  boundaries, F1 their harmonic mean. An empty set scores 1.0 on its own side (nothing claimed
  wrongly, nothing to find): two empty sets are perfect, one empty set gives F1 0.0.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from itertools import groupby

from rapidfuzz.distance import Levenshtein


REFERENCE_FORMATS = ("text", "markdown")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_PARAGRAPH_MARK = "¶"
_CONTEXT_WORDS = 4
_MAX_QUOTE_CHARS = 100


@dataclass(frozen=True)
class WordDifference:
    """One run of words where candidate and reference disagree.

    ``kind`` is 'replace' (both sides have words), 'insert' (the reference has words the
    candidate lacks) or 'delete' (the candidate has extra words). Indices are word indices where
    the run starts in each text.
    """

    kind: str
    candidate: str  # the candidate's words joined by one space ('' for insert)
    reference: str  # the reference's words ('' for delete)
    candidate_index: int
    reference_index: int


@dataclass(frozen=True)
class Score:
    """The figures of one comparison; `as_dict` gives a JSON-ready form."""

    wer: float
    cer: float
    paragraph_precision: float
    paragraph_recall: float
    paragraph_f1: float
    candidate_words: int
    reference_words: int
    differences: tuple[WordDifference, ...]
    missed_boundaries: tuple[int, ...]  # projected reference boundaries the candidate lacks
    extra_boundaries: tuple[int, ...]  # candidate boundaries the reference lacks
    # The candidate's words, kept only so that reports can quote the context of a boundary.
    candidate_tokens: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def as_dict(self) -> dict:
        """Every figure, difference and boundary, as plain JSON types (no candidate words)."""
        data = asdict(self)
        del data["candidate_tokens"]
        data["differences"] = [asdict(d) for d in self.differences]
        data["missed_boundaries"] = list(self.missed_boundaries)
        data["extra_boundaries"] = list(self.extra_boundaries)
        return data


def score(
    candidate: str,
    reference: str,
    *,
    reference_format: str = "text",
    double_escaped: bool = False,
) -> Score:
    """Compare ``candidate`` with ``reference`` (definitions in the module docstring).

    ``reference_format='markdown'`` reads the reference as the text it renders to
    (`textfix.markdown_text.markdown_to_text`, passing ``double_escaped``).
    """
    reference = _read_reference(reference, reference_format, double_escaped)
    candidate_words, reference_words = candidate.split(), reference.split()
    alignment = Levenshtein.opcodes(candidate_words, reference_words)
    candidate_breaks = _interior(paragraph_boundaries(candidate), len(candidate_words))
    projected_breaks = _interior(
        project_boundaries(paragraph_boundaries(reference), alignment), len(candidate_words)
    )
    precision, recall, f1 = _precision_recall_f1(candidate_breaks, projected_breaks)
    word_distance = Levenshtein.distance(candidate_words, reference_words)
    return Score(
        wer=_rate(word_distance, len(candidate_words), len(reference_words)),
        cer=_character_error_rate(candidate, reference),
        paragraph_precision=precision,
        paragraph_recall=recall,
        paragraph_f1=f1,
        candidate_words=len(candidate_words),
        reference_words=len(reference_words),
        differences=tuple(word_differences(candidate_words, reference_words, alignment)),
        missed_boundaries=tuple(sorted(projected_breaks - candidate_breaks)),
        extra_boundaries=tuple(sorted(candidate_breaks - projected_breaks)),
        candidate_tokens=tuple(candidate_words),
    )


def word_edits(before: str, after: str) -> int:
    """How many words a repair changed: Levenshtein distance of the whitespace-split word lists.

    >>> word_edits("a new worldin a bid", "a new world in a bid")
    2
    """
    return Levenshtein.distance(before.split(), after.split())


def lines_as_paragraphs(text: str) -> str:
    """A text written one paragraph per line, in the convention of blank lines between paragraphs.

    >>> lines_as_paragraphs("First.\\nSecond.\\n\\nThird.\\n")
    'First.\\n\\nSecond.\\n\\nThird.\\n'
    """
    lines = [line.strip() for line in _LINE_BREAK.split(text) if line.strip()]
    return "\n\n".join(lines) + "\n" if lines else ""


def _read_reference(reference: str, reference_format: str, double_escaped: bool) -> str:
    if reference_format == "markdown":
        from textfix.markdown_text import markdown_to_text  # the Markdown parser loads only when needed

        return markdown_to_text(reference, double_escaped=double_escaped)
    if reference_format == "text":
        return reference
    raise ValueError(
        f"unknown reference_format {reference_format!r}; expected one of {REFERENCE_FORMATS}"
    )


def _rate(distance: int, candidate_length: int, reference_length: int) -> float:
    """Distance per reference unit; with an empty reference, 0.0 or 1.0 (see module docstring)."""
    if reference_length == 0:
        return 0.0 if candidate_length == 0 else 1.0
    return distance / reference_length


def _character_error_rate(candidate: str, reference: str) -> float:
    candidate, reference = " ".join(candidate.split()), " ".join(reference.split())
    return _rate(Levenshtein.distance(candidate, reference), len(candidate), len(reference))


def paragraph_boundaries(text: str) -> list[int]:
    """Word indices where each paragraph after the first starts.

    >>> paragraph_boundaries("a b\\n  \\nc\\nd\\n\\n\\ne")
    [2, 3, 4]
    """
    starts: list[int] = []
    words_so_far = 0
    # Lines end only at \n, \r\n or \r: a form feed (a PDF page break) does not end a line.
    # Line breaks are white space to str.split(), so counting words per line agrees with it.
    for line in _LINE_BREAK.split(text):
        line_words = len(line.split())
        if line_words:
            starts.append(words_so_far)
        words_so_far += line_words
    return starts[1:]


def project_boundaries(reference_boundaries: list[int], alignment) -> set[int]:
    """Map reference word indices to candidate word indices through a word alignment.

    ``alignment`` is rapidfuzz ``Levenshtein.opcodes(candidate_words, reference_words)``. A
    reference word aligned with a candidate word ('equal' or 'replace') maps to that word's
    index; a reference word the candidate lacks ('insert', or the surplus of an uneven
    'replace') maps to where the candidate would receive it. So a paragraph that only the
    reference has (a byline, say) projects onto the boundary that follows it, at no cost.

    >>> from rapidfuzz.distance import Levenshtein
    >>> sorted(project_boundaries([2, 4], Levenshtein.opcodes(["a", "b", "c"], ["a", "b", "X", "Y", "c"])))
    [2]
    """
    to_candidate = {}
    for _tag, cand_start, cand_end, ref_start, ref_end in alignment:
        for ref_index in range(ref_start, ref_end):
            offset = ref_index - ref_start
            # An 'insert' has no candidate words, so its words all land at cand_end.
            aligned = offset < cand_end - cand_start
            to_candidate[ref_index] = cand_start + offset if aligned else cand_end
    # Past the last reference word lies the end of the candidate.
    return {to_candidate.get(index, alignment.src_len) for index in reference_boundaries}


def _interior(boundaries, candidate_length: int) -> set[int]:
    """Drop the start and the end of the text: they are not boundaries."""
    return {index for index in boundaries if 0 < index < candidate_length}


def _precision_recall_f1(found: set[int], expected: set[int]) -> tuple[float, float, float]:
    """Set precision/recall/F1; an empty set scores 1.0 on its own side (nothing claimed wrongly,
    nothing to find), so two empty sets are perfect and one empty set gives F1 0.0."""
    hits = len(found & expected)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(expected) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def word_differences(
    candidate_words: list[str], reference_words: list[str], alignment
) -> list[WordDifference]:
    """Merge each run of adjacent non-equal opcodes into one `WordDifference`.

    rapidfuzz reports 'anew worldin' -> 'a new world in' as an insert next to a replace; a reader
    wants the one phrase.
    """
    differences = []
    for is_equal, run in groupby(alignment, key=lambda op: op.tag == "equal"):
        if is_equal:
            continue
        run = list(run)
        cand_start, cand_end = run[0].src_start, run[-1].src_end
        ref_start, ref_end = run[0].dest_start, run[-1].dest_end
        differences.append(
            WordDifference(
                kind=_difference_kind(cand_end > cand_start, ref_end > ref_start),
                candidate=" ".join(candidate_words[cand_start:cand_end]),
                reference=" ".join(reference_words[ref_start:ref_end]),
                candidate_index=cand_start,
                reference_index=ref_start,
            )
        )
    return differences


def _difference_kind(has_candidate_words: bool, has_reference_words: bool) -> str:
    if has_candidate_words and has_reference_words:
        return "replace"
    return "delete" if has_candidate_words else "insert"


def format_score(s: Score, *, max_differences: int = 50) -> str:
    """A human-readable report: the figures, one line per difference, then the boundaries.

    A boundary line quotes a few candidate words on each side, with ``¶`` where the paragraph
    break is missing (or extra).
    """
    lines = [
        f"WER {s.wer:.4f}  CER {s.cer:.4f}  "
        f"(candidate {s.candidate_words} words, reference {s.reference_words} words)",
        f"paragraph boundaries: precision {s.paragraph_precision:.3f}  "
        f"recall {s.paragraph_recall:.3f}  F1 {s.paragraph_f1:.3f}",
        f"differences: {len(s.differences)}",
    ]
    lines += [_format_difference(d) for d in s.differences[:max_differences]]
    if len(s.differences) > max_differences:
        lines.append(f"  ... and {len(s.differences) - max_differences} more")
    for title, boundaries in (("missed", s.missed_boundaries), ("extra", s.extra_boundaries)):
        lines.append(f"{title} boundaries: {len(boundaries)}")
        lines += [f"  @{index}  {_boundary_context(s.candidate_tokens, index)}" for index in boundaries]
    return "\n".join(lines)


def _format_difference(d: WordDifference) -> str:
    if d.kind == "insert":
        change = f"+ {_quote(d.reference)}"
    elif d.kind == "delete":
        change = f"- {_quote(d.candidate)}"
    else:
        change = f"{_quote(d.candidate)} -> {_quote(d.reference)}"
    return f"{d.kind:<8} {change}  @{d.candidate_index}"


def _quote(text: str) -> str:
    if len(text) > _MAX_QUOTE_CHARS:
        text = text[: _MAX_QUOTE_CHARS - 1] + "…"
    return repr(text)


def _boundary_context(words: tuple[str, ...], index: int) -> str:
    if not words:
        return ""
    before = words[max(0, index - _CONTEXT_WORDS) : index]
    after = words[index : index + _CONTEXT_WORDS]
    return _quote(" ".join([*before, _PARAGRAPH_MARK, *after]))
