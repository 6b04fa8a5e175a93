"""The one immutable configuration object.

>>> Config().fixers[:3]                       # every fixer, in chain order
('unicode', 'layout_columns', 'page_furniture')
>>> Config.for_profile("layout").fixers
('unicode', 'layout_columns', 'page_furniture', 'link_lines', 'unwrap_lines', 'dehyphenate', 'whitespace')
>>> Config(disable=("ocr_confusions",)).fixers[-1]
'split_merged_words'
>>> Config(disable=("ocr",))
Traceback (most recent call last):
...
ValueError: unknown fixer 'ocr'; valid fixers: unicode, layout_columns, page_furniture, link_lines, unwrap_lines, dehyphenate, whitespace, broken_ligatures, join_split_words, punctuation_spacing, split_merged_words, ocr_confusions
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textfix.fixers import FIXER_NAMES, WORD_FIXERS

PROFILES: dict[str, tuple[str, ...]] = {
    # Everything: PDF extraction and OCR damage.
    "default": FIXER_NAMES,
    # Layout only (line wraps, hyphens, links, white space, encoding): script-independent, safe
    # for text in any language; no word is ever re-spelled or split.
    "layout": tuple(name for name in FIXER_NAMES if name not in WORD_FIXERS),
    # Encoding and white space only.
    "minimal": ("unicode", "whitespace"),
}


@dataclass(frozen=True)
class Config:
    """Which fixers run. ``enable``/``disable`` adjust the chosen profile; order is always the
    chain's own order (each fixer relies on the ones before it having run)."""

    profile: str = "default"
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    fixers: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        if self.profile not in PROFILES:
            raise ValueError(f"unknown profile {self.profile!r}; valid profiles: {', '.join(PROFILES)}")
        for name in (*self.enable, *self.disable):
            if name not in FIXER_NAMES:
                raise ValueError(f"unknown fixer {name!r}; valid fixers: {', '.join(FIXER_NAMES)}")
        chosen = (set(PROFILES[self.profile]) | set(self.enable)) - set(self.disable)
        object.__setattr__(self, "enable", tuple(self.enable))
        object.__setattr__(self, "disable", tuple(self.disable))
        object.__setattr__(self, "fixers", tuple(name for name in FIXER_NAMES if name in chosen))

    @classmethod
    def for_profile(cls, profile: str, *, enable=(), disable=()) -> "Config":
        return cls(profile=profile, enable=tuple(enable), disable=tuple(disable))
