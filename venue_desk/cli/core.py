"""Core station commands: init, scan, undo, override, status, rebuild, badge issue, bench, and the headless demo."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from venue_app.errors import ConfigError
from venue_app.paths import Paths
from venue_desk.cli import add_data_arg, add_json_arg, emit

__all__ = ["register"]


def register(groups: dict[str, Any]) -> None:
    station, badge, top = groups["station"], groups["badge"], groups[""]

    p = station.add_parser("init", help="create a station (standalone: its own small event)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--standalone", action="store_true", help="no registry: the station is its own authority")
    p.add_argument("--registry", metavar="URL", help="enrol with this registry (with --code)")
    p.add_argument("--code", help="the one-time enrolment code shown by the registry")
    p.add_argument("--event-name", help="name of the standalone event")
    p.add_argument("--name", default="Desk 1", help="station name shown to other stations")
    p.add_argument("--timezone", default="Asia/Shanghai", help="event time zone (IANA name)")
    p.set_defaults(handler=cmd_init)

    p = station.add_parser("scan", help="judge and record scans, one verdict per payload")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--operator", help="operator name recorded with the check-ins")
    p.add_argument("--room", help="door scanning: the room id")
    p.add_argument("--direction", choices=("in", "out"), default="in", help="door scanning: in or out")
    p.add_argument("payloads", nargs="*", metavar="PAYLOAD", help="scanned texts (default: one per stdin line)")
    p.set_defaults(handler=cmd_scan)

    p = station.add_parser("status", help="what this station holds")
    add_data_arg(p)
    add_json_arg(p)
    p.set_defaults(handler=cmd_status)

    p = station.add_parser("rebuild", help="recompute derived state from the event log and report differences")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--check", action="store_true", help="only report, change nothing")
    p.set_defaults(handler=cmd_rebuild)

    p = station.add_parser("override", help="supervisor: admit an attendee against a verdict")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--attendee", required=True, help="attendee id or registration code")
    p.add_argument("--operator", required=True, help="the supervisor's name")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_override)

    p = station.add_parser("undo", help="take back a check-in (it stays in the log, marked void)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("event_id", help="the check-in's event id (as `station scan --json` prints it)")
    p.add_argument("--operator", help="operator name recorded with the undo")
    p.add_argument("--reason", default="", help="why (default: undone at the desk)")
    p.set_defaults(handler=cmd_undo)

    p = badge.add_parser("issue", help="sign a new badge token for an attendee (a reprint: revokes older badges)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--attendee", required=True, help="attendee id or registration code")
    p.add_argument("--reason", default="", help="why (required for a reprint: lost, damaged…)")
    p.set_defaults(handler=cmd_badge_issue)

    p = top.add_parser("bench", help="performance figures (DESIGN.md targets)")
    add_json_arg(p)
    p.add_argument("--attendees", type=int, default=100_000)
    p.add_argument("--scans", type=int, default=2_000)
    p.add_argument("--only", action="append", default=[], help="run only this benchmark group (repeatable)")
    p.set_defaults(handler=cmd_bench)


def open_station(args: argparse.Namespace) -> Any:
    from venue_app.station import Station

    return Station.open(Paths.at(args.data))


def cmd_init(args: argparse.Namespace) -> int:
    from venue_app.station import Station

    if args.registry or args.code:
        linked = bool(args.code) and args.code.strip().lower().startswith("venue-desk://")
        if not (args.code and (args.registry or linked)):
            raise ConfigError("enrolment needs both --registry URL and --code CODE (or the registry's QR link "
                              "as --code)")
        return _enroll(args)
    if not args.standalone:
        raise ConfigError("give --standalone, or --registry URL --code CODE to enrol with a registry")
    if not args.event_name:
        raise ConfigError("a standalone station needs --event-name")
    with Station.init_standalone(Paths.at(args.data), event_name=args.event_name, station_name=args.name,
                                 timezone=args.timezone) as st:
        status = st.status()
    emit(status, args.json, f"station {status['station_id']} ready for {status['event']['name']}")
    return 0


def _enroll(args: argparse.Namespace) -> int:
    from venue_app.sync.enroll import enroll

    def progress(cursor: int, head: int) -> None:
        if not args.json and head:
            sys.stderr.write(f"\rfirst sync: {cursor}/{head} ({100 * cursor // head}%)")
            sys.stderr.flush()

    name = None if args.name == "Desk 1" else args.name
    with enroll(Paths.at(args.data), args.registry or "", args.code, name=name, progress=progress) as st:
        status = st.status()
    if not args.json:
        sys.stderr.write("\n")
    emit(status, args.json, f"station {status['station_name']} enrolled: {status['attendees']} attendees")
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    payloads = args.payloads or (line.rstrip("\r\n") for line in sys.stdin)
    with open_station(args) as st:
        for payload in payloads:
            result = st.scan(payload, operator=args.operator, room=args.room, direction=args.direction,
                             source="cli")
            name = result.attendee and " ".join(
                filter(None, (result.attendee["given_name"], result.attendee["family_name"])))
            emit(result.as_dict(), args.json, f"{result.status.upper():20} {result.message}"
                 + (f"  [{name}]" if name else ""))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with open_station(args) as st:
        status = st.status()
    emit(status, args.json)
    return 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    with open_station(args) as st:
        report = st.rebuild(fix=not args.check)
    out = report.as_dict()
    text = f"{report.events} events replayed; " + (
        "derived state matches the log" if report.clean else
        ("differences " + ("found: " if args.check else "repaired: ")
         + ", ".join(f"{k} ({len(v)})" for k, v in report.differences.items())))
    emit(out, args.json, text)
    return 0 if report.clean or not args.check else 1


def cmd_override(args: argparse.Namespace) -> int:
    from venue_app.ops.override import override

    with open_station(args) as st:
        done = override(st, args.attendee, reason=args.reason, supervisor=args.operator)
    emit({"event_id": done.checkin_event_id, "override_event_id": done.event_id, "attendee_id": done.attendee_id},
         args.json, f"override recorded ({done.checkin_event_id})")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from venue_app.ops.undo import undo_checkin

    with open_station(args) as st:
        done = undo_checkin(st, args.event_id, operator=args.operator, reason=args.reason)
    emit({"event_id": done.event_id, "checkin_event_id": done.checkin_event_id, "attendee_id": done.attendee_id},
         args.json, f"check-in {done.checkin_event_id} undone ({done.event_id})")
    return 0


def cmd_badge_issue(args: argparse.Namespace) -> int:
    from venue_app.ops.badges import issue_badge

    with open_station(args) as st:
        draft = issue_badge(st, args.attendee, reason=args.reason)
    emit({"serial": draft.serial, "token": draft.token, "attendee_id": draft.attendee_id}, args.json,
         f"badge {draft.serial}\n{draft.token}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from venue_desk.bench import BenchOptions, run_all

    report = run_all(BenchOptions(attendees=args.attendees, scans=args.scans, only=args.only, progress=True))
    emit(report, args.json, json.dumps(report, indent=2))
    return 0
