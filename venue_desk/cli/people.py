"""People commands: demo data, import/export, search, walk-in registration and edits.

``venue-app demo-data``, ``venue-app station import|export|search|register|checkin|edit``.
``register``, ``checkin`` and ``edit`` wrap the core operations of :mod:`venue_app.ops`, which the
desk window calls too: one validation, the same refusals.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from venue_app.errors import ConfigError
from venue_app.paths import Paths
from venue_desk.cli import add_data_arg, add_json_arg, emit

__all__ = ["import_exit_status", "import_report_lines", "register"]

#: fields ``station register`` takes as options (``--job-title`` → job_title)
_REGISTER_FIELDS = ("given", "family", "native", "honorific", "organisation", "job_title", "city", "country",
                    "category", "delegation", "email", "phone", "language", "accessibility", "code", "notes",
                    "name_order")
_OPTION_TO_FIELD = {"given": "given_name", "family": "family_name", "native": "native_name"}


def register(groups: dict[str, Any]) -> None:
    station, top = groups["station"], groups[""]

    p = top.add_parser("demo-data", help="write a realistic multilingual congress attendee CSV")
    p.add_argument("--attendees", type=int, default=1000, metavar="N")
    p.add_argument("--seed", type=int, default=13, metavar="S")
    p.add_argument("--out", required=True, metavar="FILE.csv")
    p.add_argument("--program", metavar="FILE.json", help="also write the rooms and sessions")
    add_json_arg(p)
    p.set_defaults(handler=cmd_demo_data)

    p = station.add_parser("import", help="import attendees from a CSV or XLSX file")
    add_data_arg(p)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--mapping", metavar="F", help="JSON column mapping (see venue_app.importer)")
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    add_json_arg(p)
    p.set_defaults(handler=cmd_import)

    p = station.add_parser("export", help="export attendees as CSV (formula-safe)")
    add_data_arg(p)
    p.add_argument("--out", metavar="FILE.csv", help="default: standard output")
    p.set_defaults(handler=cmd_export)

    p = station.add_parser("search", help="find attendees by name (any script), code, e-mail, city…")
    add_data_arg(p)
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("query", metavar="QUERY", nargs="+")
    add_json_arg(p)
    p.set_defaults(handler=cmd_search)

    p = station.add_parser("register", help="register a walk-in (event attendee_created)")
    add_data_arg(p)
    for name in _REGISTER_FIELDS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, default=None)
    p.add_argument("--check-in", action="store_true", help="also check the person in (they stand at the desk)")
    p.add_argument("--operator", default=None)
    add_json_arg(p)
    p.set_defaults(handler=cmd_register)

    p = station.add_parser("checkin", help="check someone in by hand, without their code "
                                           "(the rules of a scan; exit 1 if refused)")
    add_data_arg(p)
    p.add_argument("attendee", metavar="ATTENDEE", help="attendee id or registration code")
    p.add_argument("--on-behalf", default="", metavar="NAME", help="who collected the badge for them")
    p.add_argument("--operator", default=None)
    add_json_arg(p)
    p.set_defaults(handler=cmd_checkin)

    p = station.add_parser("edit", help="correct fields, cancel or block (event attendee_updated)")
    add_data_arg(p)
    p.add_argument("attendee", metavar="ATTENDEE", help="attendee id or registration code")
    p.add_argument("--set", dest="assignments", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--status", choices=("active", "cancelled", "blocked"))
    p.add_argument("--reason", default="", help="why (kept in the attendee's notes and the event)")
    p.add_argument("--operator", default=None)
    add_json_arg(p)
    p.set_defaults(handler=cmd_edit)


# -- helpers ---------------------------------------------------------------------------------------
def _open_station(args: argparse.Namespace) -> Any:
    from venue_app.station import Station

    return Station.open(Paths.at(args.data))


class _Progress:
    """A one-line progress bar on stderr (only on a terminal, at most ~10 redraws a second)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.last = 0.0
        self.phase = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


# -- commands --------------------------------------------------------------------------------------
def cmd_demo_data(args: argparse.Namespace) -> int:
    from venue_desk import demodata

    if args.attendees < 0:
        raise ConfigError("--attendees must be 0 or more")
    started = time.perf_counter()
    rows = demodata.generate(args.attendees, args.seed)
    count = demodata.write_csv(Path(args.out), rows)
    result: dict[str, Any] = {"attendees": count, "seed": args.seed, "out": args.out,
                              "countries": len({r["country"] for r in rows}),
                              "delegations": len({r["delegation"] for r in rows} - {""}),
                              "seconds": round(time.perf_counter() - started, 2)}
    if args.program:
        Path(args.program).write_text(json.dumps(demodata.program(args.seed), ensure_ascii=False, indent=2),
                                      encoding="utf-8")
        result["program"] = args.program
    emit(result, args.json, f"wrote {count:,} attendees from {result['countries']} countries to {args.out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from venue_app.importer import import_file

    with _open_station(args) as st:
        report = import_file(st, args.file, mapping=args.mapping, progress=_Progress("import"),
                             dry_run=args.dry_run)
    emit(report.as_dict(), args.json, None if args.json else "\n".join(
        import_report_lines(report, dry_run=args.dry_run, where="on this station")))
    return import_exit_status(report)


def import_exit_status(report: Any) -> int:
    """``station import`` and ``registry import``: 0 everything imported; 1 imported, with something
    to look at (rejected rows, a code shared by several people); 2 nothing imported (the file)."""
    if report.error:
        return 2
    return 0 if report.clean else 1


def import_report_lines(report: Any, *, dry_run: bool = False, where: str = "here") -> list[str]:
    """The human report of an import: counts, then every shared code and rejected row."""
    lines = []
    if report.error:
        lines.append(f"nothing imported: {report.error}")
    else:
        lines.append(f"{report.rows:,} rows: {report.inserted:,} new, {report.updated:,} updated, "
                     f"{report.unchanged:,} unchanged, {report.rejected:,} rejected"
                     + (" (dry run: nothing written)" if dry_run else ""))
        if report.missing_from_file:
            lines.append(f"{report.missing_from_file:,} attendees {where} are not in the file (kept; check them)")
        if report.station_edits_superseded:
            lines.append(f"{report.station_edits_superseded:,} field edits older than this file were replaced "
                         "by the file")
    lines.extend(f"warning: {w}" for w in report.warnings[:20])
    for entry in report.shared_codes:
        rows = " and ".join(f"row {p['row']} ({p['name']})" for p in entry["rows"])
        line = (f"code {entry['code']} is shared by {rows}: "
                f"{'they would be' if dry_run else 'all'} imported without it; scanning it checks nobody in")
        if entry.get("withdrawn_from"):
            line += f"; also withdrawn from {entry['withdrawn_from']['name']}, who held it {where}"
        lines.append(line)
    for problem in report.problems[:200]:
        where_row = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
        lines.append(f"{where_row}: {problem.problem}" + (f" ({problem.value})" if problem.value else ""))
    if len(report.problems) > 200:
        lines.append(f"… and {len(report.problems) - 200:,} more problems (use --json for all)")
    return lines


def cmd_export(args: argparse.Namespace) -> int:
    from venue_app.importer import export_csv

    with _open_station(args) as st:
        conn = st.replica.reader()
        if args.out:
            with Path(args.out).open("w", encoding="utf-8-sig", newline="") as fh:
                count = export_csv(conn, fh)
            sys.stderr.write(f"exported {count:,} attendees to {args.out}\n")
        else:
            export_csv(conn, sys.stdout)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from venue_app.search import search

    query = " ".join(args.query)
    with _open_station(args) as st:
        results = search(st.replica.reader(), query, limit=args.limit)
    if args.json:
        # one JSON array, best first
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
        return 0
    if not results:
        print("no match")
    for r in results:
        name = f"{r['honorific']} {r['given_name']} {r['family_name']}".strip()
        native = f" ({r['native_name']})" if r["native_name"] else ""
        print(f"{r['code'] or '-':<12} {name}{native} — {r['organisation']} [{r['category']}] "
              f"{r['status'] if r['status'] != 'active' else ''} ← {r['match']}: {', '.join(r['matched'])}")
    return 0


def _field(name: str) -> str:
    return _OPTION_TO_FIELD.get(name, name)


def cmd_register(args: argparse.Namespace) -> int:
    from venue_app.names import display_name
    from venue_app.ops import register_walkin

    fields = {_field(n): getattr(args, n) for n in _REGISTER_FIELDS if getattr(args, n) is not None}
    with _open_station(args) as st:
        walk_in = register_walkin(st, fields, operator=args.operator, check_in=args.check_in)
    saved = walk_in.attendee
    emit({"event_id": walk_in.event_id, "checkin_event_id": walk_in.checkin_event_id, "attendee": saved},
         args.json, f"registered {display_name(saved)} ({saved['id']})"
         + (", checked in" if walk_in.checkin_event_id else ""))
    return 0


def cmd_checkin(args: argparse.Namespace) -> int:
    """Exit 0 checked in now; 1 refused (already checked in, cancelled, blocked: the verdict says why)."""
    from venue_app.ops import check_in_by_hand

    with _open_station(args) as st:
        person = st.attendee(args.attendee)
        if person is None:
            raise ConfigError(f"no attendee with id or code {args.attendee!r}")
        result = check_in_by_hand(st, person["id"], operator=args.operator, on_behalf=args.on_behalf)
    emit(result.as_dict(), args.json, f"{result.status.upper():20} {result.message}")
    return 0 if result.ok else 1


def cmd_edit(args: argparse.Namespace) -> int:
    from venue_app.ops import edit_attendee

    fields: dict[str, Any] = {}
    for assignment in args.assignments:
        name, sep, value = assignment.partition("=")
        if not sep:
            raise ConfigError(f"--set expects FIELD=VALUE, got {assignment!r}")
        fields[name.strip()] = value
    if args.status:
        fields["status"] = args.status
    if not fields:
        raise ConfigError("nothing to change: give --set FIELD=VALUE or --status")
    with _open_station(args) as st:
        edit = edit_attendee(st, args.attendee, fields, reason=args.reason, operator=args.operator)
    saved = edit.attendee
    emit({"event_id": edit.event_id, "attendee": saved, "changed": sorted(edit.previous)}, args.json,
         f"updated {saved['id']}: {', '.join(sorted(edit.previous))}" if edit.previous
         else f"no change: {saved['id']} already has these values")
    return 0
