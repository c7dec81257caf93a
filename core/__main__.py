"""``python -m core``: the administration CLI (see :mod:`core.cli`)."""
import sys

from core.cli import main

sys.exit(main())
