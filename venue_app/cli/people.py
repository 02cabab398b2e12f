"""People commands: demo data, import/export, search, walk-in registration and edits.

``venue-app demo-data``, ``venue-app station import|export|search|register|edit``.
:func:`register_walk_in` and :func:`edit_attendee` are the Python API behind ``register`` and
``edit`` (plain functions of a ``Station``, so the GUI can call them too).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

from venue_app.cli import add_data_arg, add_json_arg, emit
from venue_app.errors import ConfigError, VenueError
from venue_app.paths import Paths

__all__ = ["edit_attendee", "import_exit_status", "import_report_lines", "register", "register_walk_in"]

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
    p.add_argument("--operator", default=None)
    add_json_arg(p)
    p.set_defaults(handler=cmd_register)

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
    from venue_app import demodata

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


def register_walk_in(station: Any, fields: dict[str, Any], operator: str | None = None) -> tuple[str, dict]:
    """Create an attendee at this station (event ``attendee_created``, a UUID made here, works offline).

    ``fields`` are attendee columns; values are checked like an import row. Returns
    ``(event_id, attendee)``. Raises :class:`ConfigError` with a plain message on bad input.
    """
    from venue_app.ids import new_id

    attendee = _validated(fields)
    if not (attendee.get("given_name") or attendee.get("family_name") or attendee.get("native_name")):
        raise ConfigError("a walk-in needs a name: given, family or native name")
    if attendee.get("code") and station.attendee(attendee["code"]) is not None:
        raise ConfigError(f"code {attendee['code']} already belongs to another attendee")
    attendee["id"] = new_id()
    attendee.setdefault("status", "active")
    family_first = attendee.get("country") in _FAMILY_FIRST
    attendee.setdefault("name_order", "family-first" if family_first else "given-first")
    event_id = station.record("attendee_created", {"attendee": attendee}, operator=operator)
    return event_id, station.attendee(attendee["id"])


def edit_attendee(station: Any, id_or_code: str, fields: dict[str, Any], *, reason: str = "",
                  operator: str | None = None) -> tuple[str, dict]:
    """Correct fields, cancel or block (event ``attendee_updated``, field-level last writer wins).

    Cancelling or blocking needs a ``reason``; it is appended to the attendee's notes and kept in
    the event. Returns ``(event_id, attendee)``.
    """
    if not fields:
        raise ConfigError("nothing to change")
    fields = _validated(fields)
    if fields.get("status") in ("cancelled", "blocked") and not reason:
        raise ConfigError(f"status {fields['status']} needs a reason")
    current = station.attendee(id_or_code)
    if current is None:
        raise VenueError(f"no attendee with id or code {id_or_code!r}")
    if fields.get("code"):
        holder = station.attendee(fields["code"])
        if holder is not None and holder["id"] != current["id"]:
            raise ConfigError(f"code {fields['code']} already belongs to another attendee")
    if reason:
        stamp = f"{fields.get('status', 'note')}: {reason}"
        notes = fields.get("notes", current.get("notes") or "")
        fields["notes"] = f"{notes}\n{stamp}".strip()
    payload: dict[str, Any] = {"attendee_id": current["id"], "fields": fields}
    if reason:
        payload["reason"] = reason
    event_id = station.record("attendee_updated", payload, operator=operator)
    return event_id, station.attendee(current["id"])


def cmd_register(args: argparse.Namespace) -> int:
    fields = {_field(n): getattr(args, n) for n in _REGISTER_FIELDS if getattr(args, n)}
    with _open_station(args) as st:
        event_id, saved = register_walk_in(st, fields, operator=args.operator)
    emit({"event_id": event_id, "attendee": saved}, args.json,
         f"registered {saved['given_name']} {saved['family_name']} ({saved['id']})" if saved else event_id)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
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
        event_id, saved = edit_attendee(st, args.attendee, fields, reason=args.reason, operator=args.operator)
    emit({"event_id": event_id, "attendee": saved}, args.json, f"updated {saved['id']}: {', '.join(fields)}")
    return 0


_FAMILY_FIRST = frozenset({"CN", "TW", "HK", "MO", "JP", "KR", "KP", "HU", "VN"})
_EDITABLE = frozenset({"code", "given_name", "family_name", "native_name", "name_order", "honorific",
                       "organisation", "job_title", "city", "country", "category", "delegation", "email",
                       "phone", "language",
                       "accessibility", "status", "notes"})


def _validated(fields: dict[str, Any]) -> dict[str, Any]:
    """Check field names and values the way the importer does; raise ConfigError with a plain message."""
    from venue_app.importer import MAX_CELL_CHARS, country_code

    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in _EDITABLE:
            raise ConfigError(f"unknown field {name!r}; fields: {', '.join(sorted(_EDITABLE))}")
        value = unicodedata.normalize("NFC", str(value)).strip()  # as the importer stores names
        if len(value) > MAX_CELL_CHARS and name != "notes":
            raise ConfigError(f"{name}: longer than {MAX_CELL_CHARS} characters")
        if name == "country" and value:
            code = country_code(value)
            if code is None:
                raise ConfigError(f"unknown country {value!r} (use an ISO code such as CN, FR, BR)")
            value = code
        if name == "email" and value and ("@" not in value or " " in value):
            raise ConfigError(f"not a valid e-mail address: {value!r}")
        if name == "status" and value not in ("active", "cancelled", "blocked"):
            raise ConfigError("status must be active, cancelled or blocked")
        if name == "name_order" and value not in ("given-first", "family-first"):
            raise ConfigError("name order must be given-first or family-first")
        out[name] = value
    return out
