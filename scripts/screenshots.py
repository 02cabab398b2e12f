"""Screenshots of the desk's main states, for the docs and for looking at the GUI.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR] [--data DIR]

Builds (or reuses) a demo station, drives the real window through its states (idle, ok, already
checked in, refused, search in several scripts, attendee, delegation, walk-in, offline, setup) and
saves one PNG per state into OUT_DIR (default docs/screenshots).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--data", default=None)
    args = parser.parse_args()
    from ui.app import ensure_app
    from ui.shots import demo_screenshots
    from venue_app.cli.gui import build_demo_station
    from venue_app.paths import Paths

    ensure_app()
    data = Path(args.data or tempfile.mkdtemp(prefix="venue-shots-"))
    paths = Paths.at(data)
    build_demo_station(paths, attendees=2000, seed=13)
    for path in demo_screenshots(paths, Path(args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
