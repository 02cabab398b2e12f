"""``venue-app report --data DIR --out F.pdf|F.csv``: the operations report of a station replica
(attendance per session and room, check-ins by category/country/hour, no-shows, conflicts)."""

from __future__ import annotations

import argparse
from typing import Any

from venue_desk.cli import add_data_arg, add_json_arg, emit

__all__ = ["register"]


def register(groups: dict[str, Any]) -> None:
    from printing.report import SECTIONS

    report = groups[""].add_parser("report", help="attendance / check-in report as PDF (with charts) or CSV")
    add_data_arg(report)
    report.add_argument("--out", required=True, metavar="FILE", help="F.pdf or F.csv")
    report.add_argument("--section", action="append", choices=list(SECTIONS), metavar="NAME",
                        help=f"CSV only: just these sections ({', '.join(SECTIONS)}); repeatable")
    add_json_arg(report)
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from printing.report import write_report
    from venue_app.paths import Paths
    from venue_app.station import Station

    station = Station.open(Paths.at(args.data))
    try:
        result = write_report(station, args.out, sections=args.section)
    finally:
        station.close()
    s = result.summary
    emit({"out": str(args.out), **s}, args.json,
         f"{args.out}: {s['checked_in']}/{s['registered']} checked in, {s['no_shows']} no-shows, "
         f"{s['sessions']} sessions, {s['rooms']} rooms, {s['conflicts']} conflicts")
    return 0
