"""``venue-app self-test`` (and ``--self-test``): the installation check of :mod:`venue_desk.selftest`.

The CLI is the composition root: the checks (Qt plugins, fonts, a scan in the desk window) live in
the ``ui`` package and are imported when the command runs.
"""

from __future__ import annotations

import argparse
from typing import Any

from venue_desk.cli import add_data_arg, add_json_arg

__all__ = ["register"]


def register(groups: dict[str, Any]) -> None:
    p = groups[""].add_parser(
        "self-test", help="check this installation: fonts, badge PDF, Qt plugins, a scan in the desk window",
        description="Same as `venue-app --self-test`. Exit 0 when every check passed, 3 otherwise.")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--on-screen", action="store_true",
                   help="use this computer's display instead of offscreen (the window shows for a moment)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="give up (and fail) after this many seconds (default 60)")
    p.set_defaults(handler=cmd_self_test)


def cmd_self_test(args: argparse.Namespace) -> int:
    from venue_desk.selftest import run_self_test

    return run_self_test(data=args.data, as_json=args.json, on_screen=args.on_screen, timeout=args.timeout)
