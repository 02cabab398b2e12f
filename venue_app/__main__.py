"""``python -m venue_app``."""

import sys

from venue_app.cli import main

sys.exit(main())
