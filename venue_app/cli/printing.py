"""Badge commands: ``badge render|batch|print|templates|test-page`` and the top-level ``printers``.

A rendered PDF carries a real, signed token: the attendee's current valid badge when there is one
(re-rendering does not revoke anything), otherwise a new badge that is recorded as issued only after
the PDF was written (``--new`` forces a new badge, which revokes the earlier ones).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from venue_app.cli import add_data_arg, add_json_arg, emit
from venue_app.errors import ConfigError
from venue_app.paths import Paths

__all__ = ["register"]


def register(groups: dict[str, Any]) -> None:
    badge, top = groups["badge"], groups[""]

    p = badge.add_parser("render", help="render one attendee's badge to a PDF file")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--attendee", required=True, help="attendee id or registration code")
    p.add_argument("--out", required=True, metavar="F.pdf")
    p.add_argument(
        "--template", default="congress-a6", help="built-in name or JSON file (default congress-a6)"
    )
    p.add_argument("--new", action="store_true", help="issue a new badge (revokes the current one)")
    p.set_defaults(handler=cmd_render)

    p = badge.add_parser("batch", help="render many badges into one PDF (pre-printing on sheets)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--category", help="only this category code")
    p.add_argument("--delegation", help="only this delegation")
    p.add_argument("--template", default="a4-4up", help="sheet or badge template (default a4-4up)")
    p.add_argument("--out", required=True, metavar="F.pdf")
    p.add_argument("--limit", type=int, help="at most this many attendees")
    p.set_defaults(handler=cmd_batch)

    p = badge.add_parser("print", help="queue a badge for an attendee and print it")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--attendee", required=True, help="attendee id or registration code")
    p.add_argument(
        "--printer",
        default="",
        help="pdf:DIR, cups:NAME or qt:NAME (default: PDF into the data folder's badges/)",
    )
    p.add_argument("--template", default="congress-a6")
    p.add_argument("--operator", default="")
    p.set_defaults(handler=cmd_print)

    p = badge.add_parser("templates", help="list the built-in badge templates")
    add_json_arg(p)
    p.set_defaults(handler=cmd_templates)

    p = badge.add_parser("test-page", help="a ruler page to check a printer's scale and orientation")
    add_json_arg(p)
    p.add_argument("--template", default="congress-a6", help="page size of this template")
    p.add_argument("--out", metavar="F.pdf", help="write the PDF here")
    p.add_argument("--printer", help="or print it: pdf:DIR, cups:NAME or qt:NAME")
    p.set_defaults(handler=cmd_test_page)

    p = top.add_parser("printers", help="printers this computer can print badges on")
    add_json_arg(p)
    p.add_argument("--no-qt", action="store_true", help="CUPS only (do not start Qt)")
    p.set_defaults(handler=cmd_printers)


def _station(args: argparse.Namespace) -> Any:
    from venue_app.station import Station

    return Station.open(Paths.at(args.data))


def _current_badge(st: Any, attendee_id: str) -> tuple[str, str] | None:
    row = st.replica.one(
        "SELECT serial, token FROM badges WHERE attendee_id = ? AND revoked_hlc IS NULL"
        " ORDER BY issued_hlc DESC LIMIT 1",
        (attendee_id,),
    )
    return (row["serial"], row["token"]) if row else None


def cmd_render(args: argparse.Namespace) -> int:
    from printing.queue import badge_data_for
    from printing.render import render_pdf
    from printing.templates import load_template

    template = load_template(args.template)
    with _station(args) as st:
        attendee = st.attendee(args.attendee)
        if attendee is None:
            raise ConfigError(f"no attendee {args.attendee!r}")
        current = None if args.new else _current_badge(st, attendee["id"])
        draft = None
        if current:
            serial, token = current
        else:
            draft = st.new_badge(attendee["id"])
            serial, token = draft.serial, draft.token
        data = badge_data_for(st, attendee, token, serial)
        _, report = render_pdf([data], template, args.out, title=f"badge {serial}")
        if draft is not None:
            st.record_badge(draft, reason="rendered to PDF")  # only now: the file exists
    result = {
        "out": str(args.out),
        "attendee_id": attendee["id"],
        "serial": serial,
        "new_badge": draft is not None,
        "template": template.name,
        "warnings": report.warnings,
    }
    emit(
        result,
        args.json,
        f"{args.out}: badge {serial}" + "".join(f"\n  warning: {w}" for w in report.warnings),
    )
    return 0


def _progress(done: int, total: int) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_batch(args: argparse.Namespace) -> int:
    from printing.queue import badge_data_for
    from printing.render import render_pdf
    from printing.templates import load_template

    template = load_template(args.template)
    with _station(args) as st:
        sql = "SELECT id FROM attendees WHERE status = 'active'"
        params: list[Any] = []
        if args.category:
            sql += " AND category = ?"
            params.append(args.category)
        if args.delegation:
            sql += " AND delegation = ?"
            params.append(args.delegation)
        sql += " ORDER BY delegation, family_name, given_name"
        if args.limit:
            sql += f" LIMIT {int(args.limit)}"
        ids = [r["id"] for r in st.replica.query(sql, tuple(params))]
        if not ids:
            raise ConfigError("no active attendee matches")
        drafts = []
        badges = []
        for attendee_id in ids:
            attendee = st.attendee(attendee_id)
            current = _current_badge(st, attendee_id)
            if current:
                serial, token = current
            else:
                draft = st.new_badge(attendee_id)
                drafts.append(draft)
                serial, token = draft.serial, draft.token
            badges.append(badge_data_for(st, attendee, token, serial))
        progress = _progress if sys.stderr.isatty() or not args.json else None
        _, report = render_pdf(badges, template, args.out, progress=progress, title="badges")
        for draft in drafts:  # the sheet exists: these badges are now issued
            st.record_badge(draft, reason="pre-printed")
    result = {
        "out": str(args.out),
        "badges": report.badges,
        "pages": report.pages,
        "new_badges": len(drafts),
        "template": template.name,
        "warnings": report.warnings,
    }
    emit(
        result,
        args.json,
        f"{args.out}: {report.badges} badges on {report.pages} pages "
        f"({len(drafts)} new)" + "".join(f"\n  warning: {w}" for w in report.warnings),
    )
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from printing.backends import PdfFolderBackend, open_backend
    from printing.queue import PrintQueue

    with _station(args) as st:
        backend = open_backend(args.printer) if args.printer else PdfFolderBackend(st.paths.badges_dir)
        queue = PrintQueue(st, backend, template=args.template)
        job_id = queue.enqueue(args.attendee, operator=args.operator)
        job = queue.process(job_id)
    emit(
        job.as_dict(),
        args.json,
        f"job {job.id}: {job.status}"
        + (f" ({job.reason})" if job.reason else "")
        + (f" → {job.backend_ref}" if job.backend_ref else ""),
    )
    return 0 if job.status == "done" else 3


def cmd_templates(args: argparse.Namespace) -> int:
    from printing.templates import list_templates

    rows = [
        {
            "name": t.name,
            "title": t.title,
            "width_mm": t.width_mm,
            "height_mm": t.height_mm,
            "per_page": t.sheet.per_page if t.sheet else 1,
            "badge": t.badge.name,
            **t.info,
        }
        for t in list_templates()
    ]
    if args.json:
        for row in rows:
            emit(row, True)
    else:
        for row in rows:
            sys.stdout.write(
                f"{row['name']:<14} {row['width_mm']:g}×{row['height_mm']:g} mm"
                f"{'  ' + str(row['per_page']) + '-up' if row['per_page'] > 1 else ''}  {row['title']}\n"
            )
    return 0


def cmd_test_page(args: argparse.Namespace) -> int:
    from printing.backends import PrintJobSpec, open_backend
    from printing.templates import load_template
    from printing.testpage import ruler_page_pdf

    if not args.out and not args.printer:
        raise ConfigError("give --out F.pdf or --printer")
    template = load_template(args.template)
    pdf = ruler_page_pdf(template.width_mm, template.height_mm)
    result: dict[str, Any] = {"width_mm": template.width_mm, "height_mm": template.height_mm}
    if args.out:
        Path(args.out).write_bytes(pdf)
        result["out"] = args.out
    if args.printer:
        receipt = open_backend(args.printer).submit(
            PrintJobSpec(pdf, "test page", template.width_mm, template.height_mm, name_hint="test-page")
        )
        result["printed"] = receipt.ref
    emit(result, args.json, " ".join(f"{k}={v}" for k, v in result.items()))
    return 0


def cmd_printers(args: argparse.Namespace) -> int:
    from printing.backends import cups_available, discover_printers

    printers = discover_printers(qt=not args.no_qt)
    if args.json:
        emit({"cups": cups_available(), "printers": [p.as_dict() for p in printers]}, True)
    elif not printers:
        sys.stdout.write("no printers found; badges can still be written as PDF files (pdf:DIR)\n")
    else:
        for p in printers:
            sys.stdout.write(
                f"{'*' if p.default else ' '} {p.backend}:{p.name}  {p.state}  {p.description}\n"
            )
    return 0
