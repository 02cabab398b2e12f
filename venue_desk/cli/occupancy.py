"""Room commands: program loading, the occupancy view and history, clicker counts, adjustments, sweeps."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from venue_app.clock import EventClock
from venue_app.errors import ConfigError
from venue_desk.cli import add_data_arg, add_json_arg, emit
from venue_desk.cli.core import open_station

__all__ = ["register"]


def register(groups: dict[str, Any]) -> None:
    station = groups["station"]

    p = station.add_parser("program", help="load rooms, sessions, categories and grants from a JSON file")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("file", help="program JSON (see docs/program.md)")
    p.set_defaults(handler=cmd_program)

    p = station.add_parser("occupancy", help="rooms: count against capacity, state, trend, freshness")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--history", metavar="ROOM", help="the per-minute series of one room instead")
    p.add_argument("--csv", action="store_true", help="with --history: CSV output")
    p.set_defaults(handler=cmd_occupancy)

    p = station.add_parser("count", help="clicker mode: +1 / -1 for a room without scanning")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--room", required=True)
    p.add_argument("delta", choices=("+1", "-1"))
    p.set_defaults(handler=cmd_count)

    p = station.add_parser("adjust", help="correct a room's count by a signed delta, with a reason")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--room", required=True)
    p.add_argument("--delta", type=int, required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--operator")
    p.set_defaults(handler=cmd_adjust)

    p = station.add_parser("sweep", help="move everyone out of rooms whose session ended (rooms that ask for it)")
    add_data_arg(p)
    add_json_arg(p)
    p.set_defaults(handler=cmd_sweep)


def cmd_program(args: argparse.Namespace) -> int:
    try:
        program = json.loads(Path(args.file).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the program {args.file}: {exc}") from exc
    if not isinstance(program, dict):
        raise ConfigError("a program is a JSON object with categories, rooms, sessions, grants")
    with open_station(args) as st:
        counts = st.load_program(program)
    emit(counts, args.json, ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def cmd_occupancy(args: argparse.Namespace) -> int:
    from venue_app import occupancy

    with open_station(args) as st:
        if args.history:
            series = occupancy.history(st.replica.reader(), args.history)
            clock = EventClock.of(st.event)  # "minute" stays UTC (the stored key); staff read event time
            if args.csv:
                sys.stdout.write(occupancy.history_csv(series, clock))
            else:
                emit([{"minute": m, "minute_event": clock.stamp(m, seconds=False), "count": c} for m, c in series],
                     args.json)
            return 0
        rooms = st.occupancy()
    if args.json:
        emit(rooms, True)
    else:
        for r in rooms:
            emit(r, False, f"{r['name'][:28]:28} {r['count']:>5}/{r['capacity']:<5} {r['state']:9} {r['trend_arrow']}")
    return 0


def cmd_count(args: argparse.Namespace) -> int:
    from venue_app.ops.rooms import adjust_count

    with open_station(args) as st:
        result = adjust_count(st, args.room, int(args.delta), reason="clicker", anonymous=True)
    emit(asdict(result), args.json, f"{args.room}: {result.count}")
    return 0


def cmd_adjust(args: argparse.Namespace) -> int:
    from venue_app.ops.rooms import adjust_count

    with open_station(args) as st:
        result = adjust_count(st, args.room, args.delta, reason=args.reason, operator=args.operator)
    emit(asdict(result), args.json, f"{args.room}: {result.count}")
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    from venue_app.ops.rooms import sweep

    with open_station(args) as st:
        moved = sweep(st)
    emit({"moved_out": moved}, args.json, f"{moved} people moved out of finished sessions")
    return 0
