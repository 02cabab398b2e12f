"""``python -m venue_desk``."""

import multiprocessing
import sys

from venue_desk.cli import main

if __name__ == "__main__":
    # the frozen bundle: a spawned worker (ui.taskman's process lane) re-runs this executable;
    # freeze_support makes it run the worker instead of the CLI (a no-op when not frozen)
    multiprocessing.freeze_support()
    sys.exit(main())
