"""The ``venue-app`` command line.

The CLI is the composition root: it may import every package (lazily, inside commands). Each
module of this package contributes its commands through ``register(groups)`` where ``groups``
maps a group name (``station``, ``registry``, ``badge``) to its argparse sub-parsers and ``""``
to the top level.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from venue_app.errors import EnvironmentFault, VenueError

__all__ = ["emit", "main"]

#: modules of this package that contribute commands, in help order
COMMAND_MODULES = ("core", "people", "devices", "printing", "registry", "sync", "occupancy", "report", "gui",
                   "selftest")
GROUPS = {
    "station": "a station without the GUI",
    "registry": "the reference central registry",
    "badge": "badge tokens and PDFs",
}

log = logging.getLogger("venue_app")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="venue-app", description="Venue desk: congress check-in and rooms.")
    parser.add_argument("--log-level", default="WARNING", help=argparse.SUPPRESS)
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation and exit (same as the self-test command)")
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    groups: dict[str, Any] = {"": top}
    for name, help_text in GROUPS.items():
        group = top.add_parser(name, help=help_text)
        groups[name] = group.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"venue_desk.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"venue_desk.cli.{module_name}":
                continue  # that capability is not built yet
            raise
        module.register(groups)
    return parser


def add_data_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", help="data directory (default: the user data folder)")


def add_json_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output, one JSON object per line")


def emit(obj: Any, as_json: bool, text: str | None = None) -> None:
    """Print one result: a JSON line, or the given human text."""
    if as_json:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    else:
        sys.stdout.write((text if text is not None else json.dumps(obj, ensure_ascii=False, indent=2,
                                                                  default=str)) + "\n")
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    if argv is None and getattr(sys, "frozen", False) and sys.argv[1:3] == ["-m", "venue_desk"]:
        # the bundle is its own interpreter: `sys.executable -m venue_desk …` (demo registry, bench) = `venue-desk …`
        argv = sys.argv[3:]
    if "--self-test" in (words := list(sys.argv[1:] if argv is None else argv)):
        # the flag spelling of `venue-app self-test [--data DIR] [--json]` (after a leading --log-level)
        words.remove("--self-test")
        lead = 2 if words[:1] == ["--log-level"] else int(bool(words) and words[0].startswith("--log-level="))
        words.insert(lead, "self-test")
        argv = words
    args = parser.parse_args(argv)
    logging.basicConfig(level=getattr(logging, str(args.log_level).upper(), logging.WARNING),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler = getattr(args, "handler", None)
    if handler is None:
        if args.command is None:
            # no command: the desktop app (or the demo once it exists)
            args = parser.parse_args(["gui", *(argv or [])]) if _has_command(parser, "gui") else args
            handler = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return 2
    try:
        result = handler(args)
    except EnvironmentFault as exc:
        sys.stderr.write(f"venue-app: {exc}\n")
        return 3
    except VenueError as exc:
        sys.stderr.write(f"venue-app: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    return int(result or 0)


def _has_command(parser: argparse.ArgumentParser, name: str) -> bool:
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return True
    return False
