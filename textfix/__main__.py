"""``python -m textfix`` is the ``textfix`` command."""

import sys

from textfix.cli import main

sys.exit(main())
