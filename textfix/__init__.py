"""textfix: repair text damaged by PDF extraction and OCR, explain every edit, score the repair.

>>> import textfix
>>> textfix.fix("Merkel said the econo-\\nmic ties are strong.")
'Merkel said the economic ties are strong.\\n'
"""

from textfix.config import PROFILES, Config
from textfix.edits import Edit, apply_edits
from textfix.fixers import FIXER_NAMES
from textfix.pipeline import Repair, fix, repair
from textfix.assess import Assessment, assess
from textfix.html_diff import html_diff

# Bound after the submodule is imported, so that ``textfix.score`` is the function, for good.
from textfix.score import score

__version__ = "0.1.0"

__all__ = ["Config", "Edit", "FIXER_NAMES", "PROFILES", "Repair", "apply_edits", "fix", "repair", "score", "__version__"]
__all__ += ["Assessment", "assess", "fix_many", "html_diff"]


def __getattr__(name: str):
    # fix_many's module brings multiprocessing (a tenth of the cold start) that ``textfix.fix``
    # never needs: imported when first asked for. (``assess``, ``score`` and ``html_diff`` are
    # bound eagerly: each shares its name with its module, which an import would bind instead.)
    if name == "fix_many":
        from textfix.batch import fix_many

        return fix_many
    raise AttributeError(f"module 'textfix' has no attribute {name!r}")
