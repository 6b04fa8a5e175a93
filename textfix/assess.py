"""How damaged is a text? An estimate without a reference, before and after repair.

>>> a = assess("Merkel spoke. The econo-\\nmic ties are\\nstrong, Merkelnoted that.\\nMerkel said so.")
>>> a.before.hyphenated_line_ends, a.before.wrapped_lines, a.before.merged_words
(1, 1, 1)
>>> a.after.hyphenated_line_ends, a.after.wrapped_lines, a.after.merged_words
(0, 0, 0)

Each figure is a shape count that means the same on any text, so the input (``before``) and the
repair (``after``) are measured alike and can be compared; a pipeline can route on them, for
example send a document whose ``after.unknown_share`` stays high to OCR again.

- ``words``, ``unknown_words``, ``unknown_share``: lower-case words (names are unknown in every
  lexicon, so capitalised words are not counted) and the share the English lexicon does not know.
  OCR damage and text in another language both raise it.
- ``wrapped_lines``: a line that runs on into the next, which starts with a lower-case letter:
  a hard wrap in mid-sentence (verse and lists in lower case count too: it is an estimate).
- ``hyphenated_line_ends``: a line that ends in ``letter-`` and runs on in lower case.
- ``merged_words``: a word unknown to the lexicon that cuts into two or three known words whose
  every pair is an attested English bigram (``theyknow``), or into a name the text uses on its
  own and a known word (``Merkelnoted`` where the text says ``Merkel``).
- ``furniture_lines``: page numbers alone on a line (``12``, ``- 12 -``, ``Page 3 of 9``) and
  short lines, not sentences, that recur three times or more with only their numbers changed
  (running heads and feet).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import regex

from textfix.config import Config
from textfix.lexicon import Lexicon, default_lexicon
from textfix.pipeline import Repair, repair
from textfix.tokens import WORD

_LINE_BREAK = regex.compile(r"\r\n?|\n")
_HYPHEN_END = regex.compile(r"\p{L}(?:-|\xad)$")
_RUNS_ON = regex.compile(r"[\p{L}\p{N},)\]”’\"']$")  # a line end that does not close a sentence
_LOWER_START = regex.compile(r"^\p{Ll}")
_PAGE_NUMBER = regex.compile(
    r"(?i)(?:page\s*+)?[-–—(\[]?\s*+\d{1,4}\s*+[-–—)\]]?(?:\s*+(?:of|/)\s*+\d{1,4})?"  # possessive: linear
)
_DIGITS = regex.compile(r"\d+")
_SPACE = regex.compile(r"\s+")
_HAS_LETTER = regex.compile(r"\p{L}")
_APOSTROPHE = str.maketrans("’", "'")

RUNNING_HEAD_REPEATS = 3  # a short line seen this often (numbers aside) is a running head or foot
RUNNING_HEAD_WORDS = 10  # ... when it has at most this many words
MERGED_MIN_LETTERS = 5  # shorter unknown words are abbreviations or fragments, not merges
MERGED_MAX_LETTERS = 40  # longer ones are not worth the search


@dataclass(frozen=True)
class Damage:
    """Shape counts of one text (see the module docstring for each definition)."""

    words: int
    unknown_words: int
    unknown_share: float
    wrapped_lines: int
    hyphenated_line_ends: int
    merged_words: int
    furniture_lines: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Assessment:
    """The damage ``before`` and ``after`` repair, and how many ``edits`` the repair made."""

    before: Damage
    after: Damage
    edits: int

    def as_dict(self) -> dict:
        """One flat dict (``unknown_share_before``, ``unknown_share_after`` ...): a JSON record
        or a row of table columns."""
        flat = {}
        for name, value in self.before.as_dict().items():
            flat[f"{name}_before"] = value
            flat[f"{name}_after"] = getattr(self.after, name)
        flat["edits"] = self.edits
        return flat


def assess(text: str, config: Config | None = None, *, lexicon: Lexicon | None = None) -> Assessment:
    """Repair ``text`` and measure its damage before and after."""
    return assess_repair(repair(text, config, lexicon=lexicon), lexicon=lexicon)


def assess_repair(result: Repair, *, lexicon: Lexicon | None = None) -> Assessment:
    """The assessment of a repair already made (the batch jobs repair once and reuse it)."""
    lexicon = lexicon or default_lexicon()
    return Assessment(measure(result.original, lexicon), measure(result.text, lexicon), len(result.edits))


def measure(text: str, lexicon: Lexicon | None = None) -> Damage:
    """The damage figures of one text, without repairing it (cheap: a few linear scans)."""
    lexicon = lexicon or default_lexicon()
    words = WORD.findall(text)
    lower = [word.translate(_APOSTROPHE) for word in words if word.islower()]
    unknown = sum(1 for word in lower if word not in lexicon)
    lines = _LINE_BREAK.split(text)
    wrapped, hyphenated = _line_ends(lines)
    return Damage(
        words=len(lower),
        unknown_words=unknown,
        unknown_share=round(unknown / len(lower), 4) if lower else 0.0,
        wrapped_lines=wrapped,
        hyphenated_line_ends=hyphenated,
        merged_words=_merged_words(words, lexicon),
        furniture_lines=_furniture_lines(lines),
    )


def _line_ends(lines: list[str]) -> tuple[int, int]:
    """(wrapped lines, hyphenated line ends): lines that run on into a next line in lower case."""
    wrapped = hyphenated = 0
    for line, following in zip(lines, lines[1:]):
        line, following = line.rstrip(), following.lstrip()
        if not line or not _LOWER_START.match(following):
            continue
        if _HYPHEN_END.search(line):
            hyphenated += 1
        elif _RUNS_ON.search(line):
            wrapped += 1
    return wrapped, hyphenated


def _merged_words(words: list[str], lexicon: Lexicon) -> int:
    counts = Counter(words)
    merged = 0
    for word, n in counts.items():
        if not MERGED_MIN_LETTERS <= len(word) <= MERGED_MAX_LETTERS or word.isupper():
            continue
        lower = word.lower().translate(_APOSTROPHE)
        if lower in lexicon:
            continue
        # A capitalised word the text repeats is one of its names (Johnson), not a merge.
        if _cuts_into_words(lower, lexicon) or (n == 1 and _name_and_word(word, counts, lexicon)):
            merged += n
    return merged


def _cuts_into_words(word: str, lexicon: Lexicon) -> bool:
    """Two or three known pieces (of two letters or more, or 'a'/'i'), each pair an attested bigram."""
    for i in range(1, len(word)):
        first, rest = word[:i], word[i:]
        if not _piece(first, lexicon):
            continue
        if _piece(rest, lexicon) and lexicon.bigram_count(first, rest):
            return True
        for j in range(1, len(rest)):
            second, third = rest[:j], rest[j:]
            if (_piece(second, lexicon) and _piece(third, lexicon)
                    and lexicon.bigram_count(first, second) and lexicon.bigram_count(second, third)):
                return True
    return False


def _piece(piece: str, lexicon: Lexicon) -> bool:
    return (len(piece) >= 2 or piece in ("a", "i")) and piece in lexicon


def _name_and_word(word: str, counts: Counter, lexicon: Lexicon) -> bool:
    """``Merkelnoted``: a capitalised name the text uses on its own, then a known word."""
    for i in range(2, len(word) - 2):
        name, rest = word[:i], word[i:]
        if name[0].isupper() and counts.get(name) and rest.islower() and rest in lexicon:
            return True
    return False


def _furniture_lines(lines: list[str]) -> int:
    shapes = Counter()
    short = []
    page_numbers = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if _PAGE_NUMBER.fullmatch(stripped):
            page_numbers += 1
        elif (_HAS_LETTER.search(stripped) and not stripped.endswith((".", "!", "?"))
              and len(stripped.split()) <= RUNNING_HEAD_WORDS):  # a head is no sentence
            shape = _DIGITS.sub("#", _SPACE.sub("", stripped)).casefold()
            shapes[shape] += 1
            short.append(shape)
    running = sum(1 for shape in short if shapes[shape] >= RUNNING_HEAD_REPEATS)
    return page_numbers + running
