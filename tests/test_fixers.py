"""Focused unit tests, fixer by fixer: what each must change and what it must leave alone."""

from __future__ import annotations

import pytest

from textfix.document import Document
from textfix.layout import Column
from textfix.edits import apply_edits
from textfix.fixers import FIXER_NAMES, fixer_module
from textfix.fixers import dehyphenate, unwrap_lines


def run(name: str, text: str) -> str:
    changes = fixer_module(name).propose(text, Document(text))
    return apply_edits(text, sorted(changes))


def reasons(name: str, text: str) -> list[str]:
    return [c.reason for c in fixer_module(name).propose(text, Document(text))]


def test_every_fixer_module_names_itself_and_documents_an_example():
    for name in FIXER_NAMES:
        module = fixer_module(name)
        assert module.NAME == name
        assert ">>> " in module.__doc__, f"{name} needs a before/after example"


# unicode ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("caf\u00c3\u00a9", "caf\u00e9"),
    ("\ufeffBOM at the start", "BOM at the start"),
    ("bell\x07 removed", "bell removed"),
    ("\ufb00 \ufb01 \ufb02 \ufb03 \ufb04", "ff fi fl ffi ffl"),
    ("in\u00adside", "inside"),
    ("a\u200bb", "ab"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
])
def test_unicode_repairs(text, expected):
    assert run("unicode", text) == expected


@pytest.mark.parametrize("text", [
    "\u201ccurly\u201d \u2018quotes\u2019 \u2014 dashes \u2013 and no\u00a0break",
    "\uff21 full width and \u2460 circled stay (no NFKC)",
    "emoji joiner \U0001F468\u200d\U0001F469 stays",
    "Persian \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 keeps its non-joiner",
    "plain ASCII text",
])
def test_unicode_leaves_clean_text(text):
    assert run("unicode", text) == text


def test_unicode_leaves_a_line_end_soft_hyphen_for_dehyphenate():
    assert run("unicode", "coop\u00ad\neration") == "coop\u00ad\neration"


def test_unicode_skips_the_lines_it_has_settled():
    from textfix.fixers import unicode

    text = "caf\u00c3\u00a9 one\ncaf\u00c3\u00a9 two\n"
    changes = unicode.propose(text, settled={"caf\u00c3\u00a9 one"})
    assert [(c.start, c.replacement) for c in changes] == [(text.index("two") - 3, "\u00e9")]


def test_unicode_repairs_are_fixed_points_of_the_fixer():
    """The pipeline's last pass skips lines the fixer has already repaired: that is exact only
    because a repaired line is left as it is by a second repair."""
    import itertools

    pieces = ["caf\u00c3\u00a9", "\ufb01", "\u00ad", "Schr\u00a8odinger", "\x9d", "\u00e2\u20ac\u0153",
              "\ud800", "\u200b", "na\u00a8\u0131ve", "\x1b[1m", " ", "a"]
    for combo in itertools.product(pieces, repeat=3):
        line = "".join(combo)
        once = run("unicode", line)
        assert run("unicode", once) == once, repr(line)


def test_unicode_reasons_name_what_happened():
    assert reasons("unicode", "\ufb01 caf\u00c3\u00a9") == ["ligature code point expanded", "mojibake repaired (ftfy)"]


# link_lines -------------------------------------------------------------------------------------

def test_link_line_between_paragraphs_is_removed_with_its_reason():
    text = "First paragraph.\n\nhttps://example.com/a/b-c\n\nSecond paragraph.\n"
    assert run("link_lines", text) == "First paragraph.\n\n\nSecond paragraph.\n"
    assert "link annotation" in reasons("link_lines", text)[0]


@pytest.mark.parametrize("text", [
    "Original url:\n\nhttps://example.com/story\n\nMore text.\n",  # introduced by a colon
    "Last paragraph.\n\nhttps://example.com/story\n",  # ends the document
    "https://example.com/story\n\nFirst paragraph.\n",  # starts the document
    "Read https://example.com/story today.\n",  # part of a sentence
    "First line\nhttps://example.com/story\nthird line\n",  # inside a paragraph
])
def test_link_lines_keeps_urls_that_are_content(text):
    assert run("link_lines", text) == text


# dehyphenate ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("econo-\nmic", "economic"),
    ("US-\nMexico", "US-Mexico"),
    ("state-of-the-\nart", "state-of-the-art"),
    ("pre-\nand post-war", "pre- and post-war"),
    ("face-\nto-face", "face-to-face"),
    ("Su-\n35", "Su-35"),
    ("disc\u00ad\nretionary", "discretionary"),
    ("Trennungs\u00ac\nzeichen", "Trennungszeichen"),
    ("two-\nway  ", "two-way  "),  # both pieces are words and 'twoway' is none: a compound
    ("e-\nmail", "e-mail"),  # one-letter piece: never a syllable break
])
def test_dehyphenate(text, expected):
    assert run("dehyphenate", text) == expected


def test_dehyphenate_follows_the_document_over_the_lexicon():
    text = "A non-blocking call. The non-\nblocking call returns."
    assert run("dehyphenate", text) == "A non-blocking call. The non-blocking call returns."
    text = "Nonblocking calls. A non-\nblocking call returns."
    assert run("dehyphenate", text) == "Nonblocking calls. A nonblocking call returns."


@pytest.mark.parametrize("text", [
    "a dash - \nthen more",  # a spaced dash is no hyphenation
    "well-known words inline",
    "ends with a hyphen-\n\nnew paragraph",  # a blank line: no word continues
])
def test_dehyphenate_leaves_alone(text):
    assert run("dehyphenate", text) == text


def test_dehyphenate_keeps_the_hyphen_when_unsure():
    keep, reason = dehyphenate.decide("Jin", "-", "ping", "ping", Document(""))
    assert keep and "hyphen kept" in reason


# unwrap_lines -----------------------------------------------------------------------------------

WRAPPED = (
    "The river rose again on Monday and closed the\n"
    "two bridges that link the old town with the\n"
    "station, the council said in a statement that\n"
    "was read out by the mayor.\n"
    "Schools stay shut.\n"
    "Residents were told to stay away from the\n"
    "banks of the river until the water falls.\n"
)


def test_unwrap_joins_wraps_and_breaks_after_a_short_line():
    out = run("unwrap_lines", WRAPPED)
    assert out.split("\n\n") == [
        "The river rose again on Monday and closed the two bridges that link the old town with the "
        "station, the council said in a statement that was read out by the mayor.",
        "Schools stay shut.",
        "Residents were told to stay away from the banks of the river until the water falls.\n",
    ]


def test_unwrap_keeps_list_items_and_headings_on_their_own_lines():
    text = "Annual Report\nThe year was good and the\nsales grew.\n- first item\n- second item\n"
    out = run("unwrap_lines", text)
    assert out == "Annual Report\n\nThe year was good and the sales grew.\n\n- first item\n\n- second item\n"


def test_unwrap_keeps_every_line_when_the_text_shows_no_wrapping():
    text = "One paragraph per line.\nAnother paragraph.\nA Third One\n"
    assert run("unwrap_lines", text) == "One paragraph per line.\n\nAnother paragraph.\n\nA Third One\n"


def test_unwrap_never_touches_blank_line_breaks():
    text = "First paragraph.\n\nSecond paragraph.\n"
    assert run("unwrap_lines", text) == text


def test_unwrap_reads_a_line_of_control_characters_as_blank():
    """An information separator (U+001C-U+001F) alone on a line is white space to ``str.strip``;
    a sentence end above it made unwrap_lines read the first character of an empty line (an
    IndexError) when the unicode fixer, which removes such characters, was not run first."""
    text = "The line ends here.\n\x1c\nthe next one goes on.\n"
    assert run("unwrap_lines", text) == text


def test_column_needs_evidence():
    assert Column([80, 81]).width is None
    column = Column([70, 72, 75, 78, 80, 80, 81, 82, 82, 83])
    assert column.width == int(1.1 * 80) and column.short == 72  # median plus a tenth; 10th percentile


def test_heading_shape():
    column = Column([])
    assert unwrap_lines._is_heading("Rivers Rise Again Across the Plains", column)
    assert not unwrap_lines._is_heading("The river rose again on Monday.", column)
    assert not unwrap_lines._is_heading("the station, the council said", column)


# whitespace -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("  lead\ntrail  \n", "lead\ntrail\n"),
    ("a   b", "a b\n"),
    ("a\n\n\n\n b", "a\n\nb\n"),
    ("a\n \t \n\nb", "a\n\nb\n"),
    ("\n\n a", "a\n"),
    ("a\u00a0 \n", "a\n"),
    ("", ""),
    (" \n\t ", ""),
])
def test_whitespace(text, expected):
    assert run("whitespace", text) == expected


def test_whitespace_keeps_no_break_spaces_inside_a_line():
    assert run("whitespace", "a\u00a0\u00a0b\n") == "a\u00a0\u00a0b\n"


# split_merged_words -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Both sides agreed that theyknowtheir limits.", "Both sides agreed that they know their limits."),
    ("Merkel spoke. Merkelnoted that, Merkel said.", "Merkel spoke. Merkel noted that, Merkel said."),
    ("Then Thecommittee met.", "Then The committee met."),
])
def test_split_merged_words(text, expected):
    assert run("split_merged_words", text) == expected


@pytest.mark.parametrize("text", [
    "Merkel and Merkel again. Merkelbach is a town.",  # a longer name, not a name plus a word
    "The roundedness of Okonkwo and Kazan.",  # unknown, but no attested cut
    "Call getUserName or read_file or example.com now.",
    "NATO and UNESCO and WHO.",
    "An anew era begins.",  # known words are never searched
    "Zusammenarbeit und Handlungsträger.",
])
def test_split_merged_words_leaves_alone(text):
    assert run("split_merged_words", text) == text


# ocr_confusions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The rnodern plant", "The modern plant"),
    ("It was AIso there", "It was Also there"),
    ("$3.1BIn in sales", "$3.1Bln in sales"),
    ("the vvorld", "the world"),
    ("a cloor", "a door"),
])
def test_ocr_confusions(text, expected):
    assert run("ocr_confusions", text) == expected


@pytest.mark.parametrize("text", [
    "corn and modern and burn",  # known words are never changed
    "Illinois and lilly",
    "Q3 2024 at 50Hz, 10km and 3x",  # numbers and units
    "IBM and ILO",  # acronyms
    "https://example.com/rn0d",
    "Kazan and Okonkwo",
])
def test_ocr_confusions_leaves_alone(text):
    assert run("ocr_confusions", text) == text


def test_ocr_unit_needs_a_single_candidate():
    # 'Il' -> 'll' or 'I1': no unit either way, so nothing changes.
    assert run("ocr_confusions", "5Il of water") == "5Il of water"


def test_dehyphenate_restores_a_compound_the_extractor_joined():
    text = "A non-blocking call. The nonblocking call returns."
    assert run("dehyphenate", text) == "A non-blocking call. The non-blocking call returns."


@pytest.mark.parametrize("text", [
    "A non-blocking call. Nonblocking calls and nonblocking reads.",  # the joined form recurs: meant
    "The co-operate form and cooperate.",  # the lexicon knows the joined word
])
def test_dehyphenate_leaves_joined_words_with_their_own_evidence(text):
    assert run("dehyphenate", text) == text


# unicode: typesetting glyphs ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Schr\u00a8odinger and na\u00a8\u0131ve", "Schrödinger and naïve"),
    ("Espa\u02dcna", "España"),
    ("\u02dc/.bashrc and 2\u02c610", "~/.bashrc and 2^10"),
])
def test_unicode_typesetting_glyphs(text, expected):
    assert run("unicode", text) == expected


@pytest.mark.parametrize("text", ["John\u00b4s book", "don\u00b4t", "a `quoted` word"])
def test_unicode_keeps_accents_that_are_not_set_apart_from_a_letter(text):
    assert run("unicode", text) == text


# page_furniture ---------------------------------------------------------------------------------

def _paginate(bodies, header="The Annual Report", footer="- {} -"):
    pages = []
    for number, body in enumerate(bodies, 1):
        head = f"{header}\n\n" if number > 1 else ""
        pages.append(f"{head}{body}\n\n{footer.format(number)}\n")
    return "\f".join(pages)


BODIES = [
    "The Annual Report\n\nThe year began well and the",
    "sales grew in every region of the",
    "country. A new plant opened.",
    "The end.",
]


def test_page_furniture_removes_heads_and_numbers_and_leaves_one_break():
    out = run("page_furniture", _paginate(BODIES)).rstrip("\n") + "\n"
    assert out == ("The Annual Report\n\nThe year began well and the\nsales grew in every region of the\n"
                   "country. A new plant opened.\nThe end.\n")


@pytest.mark.parametrize("footer", ["Page {} of 4", "{}", "[{}]"])
def test_page_furniture_page_number_styles(footer):
    out = run("page_furniture", _paginate(BODIES, footer=footer))
    assert "Page" not in out and "[" not in out and not any(line.strip().isdigit() for line in out.split("\n"))


def test_page_furniture_keeps_a_heading_that_occurs_once_and_text_without_pages():
    text = "Chapter One\n\nSome text.\n\n3\n\nMore text.\n"
    assert run("page_furniture", text) == text
    paged = "Intro\nText one.\fMethods\nText two.\fResults\nText three.\f"
    assert "Methods" in run("page_furniture", paged) and "Results" in run("page_furniture", paged)


def test_page_furniture_reasons_quote_what_was_removed():
    assert any("'- 2 -'" in r for r in reasons("page_furniture", _paginate(BODIES)))


# broken_ligatures -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The signi cant and ef cient o ce.", "The significant and efficient office."),
    ("They con rmed the signicant gure.", "They confirmed the significant figure."),
])
def test_broken_ligatures(text, expected):
    assert run("broken_ligatures", text) == expected


@pytest.mark.parametrize("text", [
    "The cross-border e-commerce of example.org and a 40 lm lamp.",
    "a big fish and a small fry",
    "The Kazan plant in Ufa and Oslo.",
    "the back fire and the fire place",
])
def test_broken_ligatures_leaves_alone(text):
    assert run("broken_ligatures", text) == text


def test_broken_ligatures_reads_words_of_any_script_by_their_cuts():
    from textfix.fixers.broken_ligatures import _suspects
    from textfix.tokens import Chunks

    def suspects(text):
        chunks = Chunks(text)
        return [chunks.strings[i] for i in _suspects(chunks, Document(text))]

    assert suspects("Городской совет собрался во вторник. " * 20) == []  # no reading of these can be known
    # an accented word that lost its ligature is found as an ASCII one is: 'réflexion' is the document's
    assert suspects("La réflexion, la réflexion et la ré exion.") == ["ré", "exion."]
    # a capital sigma is lowered by its neighbours ('ΟΔΟΣ' ends in 'ς'): a word with one is examined with both gaps
    assert suspects("με Σπίτι και") == ["με", "Σπίτι"]


# join_split_words -------------------------------------------------------------------------------

def test_join_split_words():
    text = "He will retur n the book, giv en the r elationship, as it w as agreed."
    assert run("join_split_words", text) == "He will return the book, given the relationship, as it was agreed."


@pytest.mark.parametrize("text", [
    "He came in to the room and went a part of the way.",  # phrases the lexicon knows
    "Set q to 5 and n to 3.",  # variables; and a single join is no systematic damage
    "Pre- and post-war Europe, in- and output.",
])
def test_join_split_words_leaves_alone(text):
    assert run("join_split_words", text) == text


@pytest.mark.parametrize("text, expected", [
    ("The file . The next file , and more.", "The file. The next file, and more.\n"),
    ("Run tar c . and find . -name x\n", "Run tar c . and find . -name x\n"),
])
def test_whitespace_space_before_stop(text, expected):
    assert run("whitespace", text) == expected


# coverage: word repair only where the English lexicon covers the text ---------------------------

def test_word_fixers_stay_out_of_foreign_paragraphs():
    import textfix

    text = ("Le développement économique de la région a été très rapide cette anneé.\n\n"
            "The modern plant, the rnodern plant.\n")
    assert textfix.fix(text) == text.replace("rnodern", "modern")


def test_foreign_paragraph_stays_protected_after_earlier_repairs_move_it():
    """Repairs before a foreign paragraph shift its offsets: each word fixer must see where it
    is now (the spans were once computed for the first word fixer and kept for the rest)."""
    import textfix

    english = "He will retur n the book, giv en the r elationship, as it w as agreed. " * 3
    french = "Paris,Lyon et Marseille: le développement économique de la région a été très rapide cette année.\n"
    assert textfix.fix(french) == french
    assert textfix.fix(english + "\n\n" + french).endswith("\n\n" + french)


def test_damaged_english_still_counts_as_english():
    from textfix.coverage import foreign_spans

    assert foreign_spans("A signi cant and ef cient o ce, con rmed by the signicant staff.\n") == []


# punctuation_spacing ----------------------------------------------------------------------------

def test_punctuation_spacing():
    assert run("punctuation_spacing", "his family.Here and the board,however,not") == \
        "his family. Here and the board, however, not"


@pytest.mark.parametrize("text", [
    "See example.com, os.path, e.g.The, U.S.Army, 3.11 and www.example.org/a.B",
    "write to first.Last@example.org or x,y and a,b",
])
def test_punctuation_spacing_leaves_alone(text):
    assert run("punctuation_spacing", text) == text


@pytest.mark.parametrize("text, expected", [
    ("We l0ve the w0rld", "We love the world"),
    ("code point Ox1OFFFF", "code point 0x10FFFF"),
])
def test_ocr_confusions_with_digits(text, expected):
    assert run("ocr_confusions", text) == expected


@pytest.mark.parametrize("text", ["cp tel tel1 and file2", "the G20 and mp3", "1st and 5th and 3D", "0x10FFFF and Oxford"])
def test_ocr_confusions_leave_numbers_and_names_with_digits(text):
    assert run("ocr_confusions", text) == text


def test_split_merged_words_at_a_lost_space_before_a_capital():
    text = "Iran and Iran again. Talks with theIran side; PresidentXi met Xi and Xi."
    assert run("split_merged_words", text) == "Iran and Iran again. Talks with the Iran side; President Xi met Xi and Xi."


@pytest.mark.parametrize("text", [
    "Set maxRetries and getUserName here.",  # code: 'Retries' never stands alone in the text
    "McDonald and iPhone and YouTube.",
    "Donald met McDonald; Donald left.",  # 'Mc' is no English word
])
def test_split_merged_words_keeps_camel_case_code_and_names(text):
    assert run("split_merged_words", text) == text


def test_split_merged_words_leaves_a_family_of_word_endings_alone():
    from textfix.edits import Change
    from textfix.fixers.split_merged_words import COMMON, PAIR, _without_word_endings
    text = "passeth turneth walketh sounddevelopment"
    cuts = [(Change(0, 7, "pass eth", ""), COMMON), (Change(8, 15, "turn eth", ""), COMMON),
            (Change(16, 23, "walk eth", ""), COMMON), (Change(24, 40, "sound development", ""), COMMON)]
    kept = _without_word_endings(cuts, text)
    assert [c.replacement for c, _ in kept] == ["sound development"]
    assert _without_word_endings([(c, PAIR) for c, _ in cuts], text) == [(c, PAIR) for c, _ in cuts]
