"""dehyphenate: words broken across a line end with a hyphen.

>>> from textfix import fix
>>> fix("the econo-\\nmic ties of the US-\\nMexico partners, a state-of-the-\\nart plan\\n")
'the economic ties of the US-Mexico partners, a state-of-the-art plan\\n'

The line break always goes; the question is whether the hyphen goes with it. Evidence, in order:

1. A soft hyphen (U+00AD) or ``¬`` marks a discretionary break: the word has no hyphen.
2. A hyphen before a digit or a symbol belongs to the token (``Su-`` / ``35``); one before
   ``and``/``or``/``nor``/``to`` is a suspended hyphen (``pre-`` / ``and post-war``): hyphen and
   space both stay.
3. The document itself: if it writes the compound whole elsewhere (``state-of-the-art``) or the
   joined word (``economic``), follow it.
4. Shape: a capital after the break (``US-`` / ``Mexico``), a compound that already has a hyphen
   (``state-of-the-``; unless the next line starts with a fragment that is no word and completes
   its last part, ``non-tar-`` / ``geting``), or a one-letter piece (typesetters never split off
   one letter) keep it.
5. The lexicon: a joined form that is an English word is joined, unless both pieces are words and
   the pair is more common than the joined word; two words that do not join into one stay a
   compound; a fragment that is no word at all (``-tion``) is a syllable break and is joined,
   unless it is long and follows a whole word (``well-`` / ``roundedness``: the lexicon lacks
   a spelling; not sure, so the hyphen stays).
6. Otherwise keep the hyphen: a kept hyphen is a small error, a lost one can merge two words.

Some extractors remove line-end hyphens themselves (pdftotext prints ``nonblocking`` where the
page says ``non-`` / ``blocking``). A word that the lexicon lacks, that occurs once, and whose
hyphenated form the document writes elsewhere gets its hyphen back.
"""

from __future__ import annotations

import regex

from textfix.document import Document
from textfix.edits import Change
from textfix.tokens import SUSPENSION_WORDS

NAME = "dehyphenate"

LONG_FRAGMENT = 8  # letters: a line-end fragment this long after a whole word may be a word itself
# The hyphens a line may end with (unwrap_lines leaves a break after one of them to this fixer).
LINE_END_HYPHENS = "-\u00ad\u2010\u2011¬"
_DISCRETIONARY = "\u00ad¬"
# A hyphen after a letter, the line break, and the next line's word. The word before the hyphen,
# letters with inner hyphens (``state-of-the``), is read backwards from it (:func:`_left_start`):
# written into the pattern, ``[^\W\d_]++(?:[-\u2010\u2011][^\W\d_]++)*+`` retried from every word
# of a long chain that no line break ends (quadratic), and ``regex`` keeps a record per repeated
# piece, so a chain of millions (``a-a-a-…``, 12 MB) ran out of memory.
_BREAK = regex.compile(
    rf"(?<=[^\W\d_])(?P<hyphen>[{LINE_END_HYPHENS}])(?P<gap>[ \t]*+\n[ \t]*+)(?=(?P<right>[^\s]++))"
)
_LETTERS_BEFORE = regex.compile(r"(?r)[^\W\d_]++")  # reversed: the letters that end where it is matched
_INNER_HYPHENS = "-\u2010\u2011"
_LEADING_LETTERS = regex.compile(r"[^\W\d_]*")
_INNER_HYPHEN = regex.compile(f"[{_INNER_HYPHENS}]")
_PLAIN_WORD_LENGTH = 4
_PLAIN_WORD_AMONG = r"(?<![\w'’-])\L<restorable>(?![\w'’-])"  # a word of the list, standing alone


def propose(text: str, document: Document) -> list[Change]:
    return sorted(_line_end_hyphens(text, document) + _restored_compounds(text, document))


def _restored_compounds(text: str, document: Document) -> list[Change]:
    spelled, restorable = document.derived(_restorable_words)
    if not restorable:
        return []
    changes = []
    for match in regex.finditer(_PLAIN_WORD_AMONG, text, restorable=restorable):
        word = match.group()
        compound = spelled[word.lower()]
        restored = _with_hyphens(word, compound)
        changes.append(Change(match.start(), match.end(), restored,
                              f"the document writes {compound!r} ({document.compounds[compound]}×); "
                              f"the extractor dropped its line-end hyphen"))
    return changes


def _restorable_words(document: Document) -> tuple[dict[str, str], list[str]]:
    """The document's hyphenated compounds keyed by their letters alone (``nonblocking``), and
    the words it writes once, unhyphenated, that are such letters and no lexicon word. Judged
    once per distinct word of the vocabulary (set operations), and only those words looked for
    in the text (a scan of every word cost 0.3 s per MB)."""
    spelled = {compound.replace("-", ""): compound for compound in document.compounds}
    words = document.words
    if not any(words[letters] == 1 for letters in spelled.keys() & words.keys()):
        return spelled, []
    lexicon = document.lexicon
    restorable = [word for word in document.cased_words if len(word) >= _PLAIN_WORD_LENGTH
                  and (lower := word.lower()) in spelled and words[lower] == 1 and lower not in lexicon]
    return spelled, restorable


def _with_hyphens(word: str, compound: str) -> str:
    """``word`` with hyphens where ``compound`` has them, keeping the word's own letters (case)."""
    out, position = [], 0
    for part in compound.split("-"):
        out.append(word[position : position + len(part)])
        position += len(part)
    return "-".join(out)


def _left_start(text: str, end: int) -> int:
    """Where the word that ends at ``end`` starts: a run of letters, and before it, as long as
    there is one, an inner hyphen with letters before it (``state-of-the``)."""
    start = _LETTERS_BEFORE.match(text, 0, end).start()
    while start >= 2 and text[start - 1] in _INNER_HYPHENS and (piece := _LETTERS_BEFORE.match(text, 0, start - 1)):
        start = piece.start()
    return start


def _line_end_hyphens(text: str, document: Document) -> list[Change]:
    changes = []
    for match in _BREAK.finditer(text):
        start, end = match.start("hyphen"), match.end("gap")
        left = text[_left_start(text, start) : start]
        right_word = _LEADING_LETTERS.match(match["right"]).group()
        keep, reason = decide(left, match["hyphen"], right_word, match["right"], document)
        replacement = match["hyphen"] if keep else ""
        if keep and _is_suspension(right_word, match["right"]):
            replacement += " "
        changes.append(Change(start, end, replacement, reason))
    return changes


def decide(left: str, hyphen: str, right_word: str, right_token: str, document: Document) -> tuple[bool, str]:
    """(keep the hyphen?, why) for ``left`` + hyphen + line break + ``right_word``."""
    last = _INNER_HYPHEN.split(left)[-1]
    joined = last + right_word
    compound = f"{left}-{right_word}"
    if hyphen in _DISCRETIONARY:
        return False, "discretionary hyphen at a line end: joined"
    if not right_word:
        return True, f"hyphen before {right_token[:1]!r} belongs to the token: line break removed"
    if _is_suspension(right_word, right_token):
        return True, f"suspended hyphen before {right_word!r}: hyphen and space kept"
    in_compound = document.compounds.get(compound.lower(), 0)
    in_words = document.count(joined)
    if in_compound != in_words:
        if in_compound > in_words:
            return True, f"the document writes {compound!r} ({in_compound}×): hyphen kept"
        return False, f"the document writes {joined!r} ({in_words}×): joined"
    if right_word[0].isupper():
        return True, "capitalised word after the break: a compound, hyphen kept"
    if len(last) < 2 or len(right_word) < 2:
        return True, "a one-letter piece is never a syllable break: hyphen kept"
    lexicon = document.lexicon
    last_is_word, right_is_word = last.lower() in lexicon, right_word.lower() in lexicon
    if last != left:
        # 'state-of-the-' / 'art' is one more part of the compound; 'non-tar-' / 'geting' is a
        # syllable break inside its last part: only a fragment that is no word proves it.
        if joined.lower() in lexicon and not right_is_word:
            return False, f"{right_word!r} is no word and {joined!r} is: a syllable break inside a compound"
        return True, f"{left!r} is already a hyphenated compound: hyphen kept"
    if joined.lower() in lexicon:
        if last_is_word and right_is_word and _pair_beats_word(last, right_word, joined, document):
            return True, f"{last!r} {right_word!r} is more common than {joined!r}: hyphen kept"
        return False, f"{joined!r} is an English word: joined"
    if last_is_word and right_is_word:
        return True, "two words that do not form one word: a compound, hyphen kept"
    if not right_is_word:
        if last_is_word and len(right_word) >= LONG_FRAGMENT:
            # 'well-' / 'roundedness': a word, then a long unknown one (the lexicon lacks a
            # spelling) is a compound as likely as a syllable break.
            return True, f"{last!r} is a word and {right_word!r} too long for a syllable: not sure, hyphen kept"
        return False, f"{right_word!r} is no word, so the break is a syllable break: joined"
    return True, "not sure: hyphen kept"


def _is_suspension(right_word: str, right_token: str) -> bool:
    """``pre-`` / ``and post-war``; but ``face-`` / ``to-face`` is one compound."""
    return right_word in SUSPENSION_WORDS and right_token == right_word


def _pair_beats_word(first: str, second: str, joined: str, document: Document) -> bool:
    lexicon = document.lexicon
    pair = lexicon.bigram_count(first.lower(), second.lower()) / lexicon.bigram_total
    word = lexicon.count(joined.lower()) / lexicon.total
    return pair > word
