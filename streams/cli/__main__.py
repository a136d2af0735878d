"""``python -m streams.cli``: the ``newsalert`` command without its console script."""

import sys

from streams.cli import main

sys.exit(main())
