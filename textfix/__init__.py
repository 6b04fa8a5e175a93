"""textfix: repair text damaged by PDF extraction and OCR, explain every edit, score the repair.

>>> import textfix
>>> textfix.fix("Merkel said the econo-\\nmic ties are strong.")
'Merkel said the economic ties are strong.\\n'
"""

from textfix.config import PROFILES, Config
from textfix.edits import Edit, apply_edits
from textfix.fixers import FIXER_NAMES
from textfix.pipeline import Repair, fix, repair

__version__ = "0.1.0"

__all__ = ["Config", "Edit", "FIXER_NAMES", "PROFILES", "Repair", "apply_edits", "fix", "repair", "score", "__version__"]


def score(candidate: str, reference: str, **options):
    """Score a repair against a clean reference: see :func:`textfix.score.score`."""
    from textfix.score import score as _score

    return _score(candidate, reference, **options)
