"""Badge commands: ``badge render|batch|print|templates|test-page``, ``badge queue list|retry|cancel``
and the top-level ``printers``.

``badge print`` follows the job until the printer reports it printed (``--wait``): it exits 0 only then
(or when the printer cannot report more than "sent"), and 3 with the printer's words when the badge is
held (a paused CUPS queue), refused (``out of cards``) or failed — never "done" while the badge waits.

A rendered PDF carries a real, signed token: the attendee's current valid badge when there is one
(re-rendering does not revoke anything), otherwise a new badge that is recorded as issued only after
the PDF was written (``--new`` forces a new badge, which revokes the earlier ones).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from venue_app.errors import ConfigError
from venue_app.paths import Paths
from venue_desk.cli import add_data_arg, add_json_arg, emit

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
    p.add_argument("--printer", default="", metavar="URL", help=PRINTER_HELP)
    p.add_argument("--template", default="congress-a6")
    p.add_argument("--operator", default="")
    p.add_argument("--wait", type=float, default=30.0, metavar="S",
                   help="seconds to follow a sent job until the printer reports it printed (default 30; 0: no wait)")
    p.set_defaults(handler=cmd_print)

    q = badge.add_parser("queue", help="the print queue: list, retry or cancel badge jobs")
    qs = q.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    p = qs.add_parser("list", help="recent jobs with their printer and state (asks the printers first)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--state", choices=("queued", "sent", "held", "printed", "failed", "cancelled"),
                   help="only jobs in this state")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--no-check", action="store_true", help="show the last known states, do not ask the printers")
    p.set_defaults(handler=cmd_queue_list)
    p = qs.add_parser("retry", help="print a queued, failed or cancelled job again, now")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("job", help="job id (or its first characters, as `list` shows them)")
    p.add_argument("--printer", default="", metavar="URL", help="move the job to this printer (default: its own)")
    p.add_argument("--later", action="store_true", help="only queue it again; the desk printing on its printer "
                   "takes it")
    p.add_argument("--wait", type=float, default=30.0, metavar="S", help="as for `badge print`")
    p.set_defaults(handler=cmd_queue_retry)
    p = qs.add_parser("cancel", help="cancel a job that has not reached the printer")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("job", help="job id (or its first characters)")
    p.set_defaults(handler=cmd_queue_cancel)

    p = badge.add_parser("templates", help="list the built-in badge templates")
    add_json_arg(p)
    p.set_defaults(handler=cmd_templates)

    p = badge.add_parser("test-page", help="a ruler page to check a printer's scale and orientation")
    add_json_arg(p)
    p.add_argument("--template", default="congress-a6", help="page size of this template")
    p.add_argument("--out", metavar="F.pdf", help="write the PDF here")
    p.add_argument("--printer", metavar="URL", help="or print it: " + PRINTER_HELP)
    p.add_argument("--wait", type=float, default=30.0, metavar="S", help="as for `badge print`")
    p.set_defaults(handler=cmd_test_page)

    p = top.add_parser("printers", help="printers this computer can print badges on")
    add_json_arg(p)
    p.add_argument("--no-qt", action="store_true", help="CUPS only (do not start Qt)")
    p.set_defaults(handler=cmd_printers)


PRINTER_HELP = (
    "pdf:DIR (PDF files), cups:NAME (a CUPS queue; cups: the default), qt:NAME (a system printer through Qt),"
    " brother-ql://HOST[:PORT]?model=QL-820NWB&label=62 or brother-ql:///dev/usb/lp0?model=…&label=… (Brother QL),"
    " zpl://HOST[:9100]?dpi=203&width_mm=101.6 (Zebra ZPL); default: PDF files in the data folder's badges/"
)


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


def _backend(st: Any, spec: str) -> Any:
    from printing.backends import PdfFolderBackend, open_backend

    spec = spec.strip()
    return open_backend(spec) if spec and spec != "pdf" else PdfFolderBackend(st.paths.badges_dir)


def _follow(queue: Any, job: Any, wait: float) -> Any:
    """Ask the printer about a sent job until it is printed, held or failed, or ``wait`` s passed."""
    deadline = time.monotonic() + max(0.0, wait)
    while job.status == "done" and job.printer_state == "sent" and hasattr(queue.backend, "job_state"):
        if time.monotonic() >= deadline:
            break
        time.sleep(0.25)  # a person waits at the command line: CUPS needs a moment per job
        queue.follow([job.id])
        job = queue.job(job.id)
    return job


def _job_text(job: Any, can_follow: bool, wait: float) -> str:
    state = job.state
    if job.status == "done" and job.printer_state == "sent":
        state = (f"sent, not confirmed printed within {wait:g} s (see `venue-app badge queue list`)"
                 if can_follow else "sent (this printer does not report when a badge is printed)")
    if job.status == "queued" and job.reason:
        state = f"not printed: {job.reason}; it stays queued for {job.target} (`venue-app badge queue retry "\
                f"{job.id[:8]}` prints it now)"
    if job.status == "done" and job.reason:  # what the badge lacks (issue 16)
        state = job.reason if state == "printed" and job.reason.startswith("printed ") else f"{state} ({job.reason})"
    text = f"job {job.id[:8]} for {job.target}: {state}"
    if job.status == "done" and job.backend_ref:
        text += f" → {job.backend_ref}"
    return text


def _print_result(queue: Any, job: Any, args: argparse.Namespace) -> int:
    job = _follow(queue, job, args.wait)
    can_follow = hasattr(queue.backend, "job_state")
    emit(job.as_dict(), args.json, _job_text(job, can_follow, args.wait))
    if job.status == "done" and (job.printer_state == "printed" or (job.printer_state == "sent" and not can_follow)):
        return 0
    return 3  # held, refused, failed, not confirmed: the badge is not in the person's hand


def cmd_print(args: argparse.Namespace) -> int:
    from printing.queue import PrintQueue

    with _station(args) as st:
        queue = PrintQueue(st, _backend(st, args.printer), template=args.template)
        job_id = queue.enqueue(args.attendee, operator=args.operator)
        return _print_result(queue, queue.process(job_id), args)


def _find_job(st: Any, text: str) -> str:
    from printing.errors import QueueError

    rows = st.replica.query("SELECT id FROM print_jobs WHERE id LIKE ? LIMIT 2", (text.strip() + "%",))
    if len(rows) != 1:
        raise QueueError(f"no print job {text!r}" if not rows else f"{text!r} matches several jobs: give more of it")
    return str(rows[0]["id"])


def cmd_queue_list(args: argparse.Namespace) -> int:
    from printing.queue import PrintQueue, follow_all

    with _station(args) as st:
        if not args.no_check:
            follow_all(st)
        queue = PrintQueue(st, _backend(st, ""), recover=False)
        jobs = queue.jobs(limit=max(1, args.limit) if not args.state else 10_000)
        if args.state:
            jobs = [j for j in jobs if j.state.split(":")[0].split(" ")[0] == args.state
                    or (args.state == "held" and j.state.startswith("held"))][: args.limit]
        rows = []
        for job in jobs:
            person = st.attendee(job.attendee_id)
            name = " ".join(filter(None, (person.get("given_name"), person.get("family_name")))) if person else ""
            rows.append((job, name))
    if args.json:
        for job, name in rows:
            emit({**job.as_dict(), "name": name}, True)
    elif not rows:
        sys.stdout.write("the print queue is empty\n")
    else:
        for job, name in rows:
            sys.stdout.write(f"{job.created[:19].replace('T', ' ')}  {job.id[:8]}  {name[:28]:<28}  "
                             f"{job.target or '(any printer)'}  {job.state}\n")
    return 0


def cmd_queue_retry(args: argparse.Namespace) -> int:
    from printing.queue import PrintQueue

    with _station(args) as st:
        job_id = _find_job(st, args.job)
        target = args.printer.strip() or PrintQueue(st, _backend(st, ""), recover=False).job(job_id).target
        queue = PrintQueue(st, _backend(st, target), recover=False)
        job = queue.retry(job_id, target=queue.target)
        if args.later:
            emit(job.as_dict(), args.json, f"job {job.id[:8]} queued again for {job.target}")
            return 0
        return _print_result(queue, queue.process(job_id), args)


def cmd_queue_cancel(args: argparse.Namespace) -> int:
    from printing.queue import PrintQueue

    with _station(args) as st:
        job_id = _find_job(st, args.job)
        job = PrintQueue(st, _backend(st, ""), recover=False).cancel(job_id)
    emit(job.as_dict(), args.json, f"job {job.id[:8]} cancelled")
    return 0


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
    from printing.backends import PrintJobSpec, follow_job, open_backend
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
        backend = open_backend(args.printer)
        receipt = backend.submit(
            PrintJobSpec(pdf, "test page", template.width_mm, template.height_mm, name_hint="test-page")
        )
        state, reason = receipt.state, receipt.reason
        deadline = time.monotonic() + max(0.0, args.wait)
        while state == "sent" and hasattr(backend, "job_state") and time.monotonic() < deadline:
            time.sleep(0.25)
            state, reason = follow_job(backend, receipt.ref)
            state = state or "sent"  # the printer could not be asked this time: ask again
        result.update(printer=args.printer, ref=receipt.ref, state=state, reason=reason)
        result["printed"] = receipt.ref  # kept for scripts written against earlier versions
    text = " ".join(f"{k}={v}" for k, v in result.items() if k not in ("printed", "reason"))
    if result.get("state") == "held":
        text += f"\nheld by the printer: {result['reason'] or 'paused'}"
    elif result.get("state") == "failed":
        text += f"\nfailed: {result['reason']}"
    emit(result, args.json, text)
    return 3 if result.get("state") in ("held", "failed") else 0


def cmd_printers(args: argparse.Namespace) -> int:
    from printing.backends import cups_available, discover_printers, label_devices, qt_usable

    printers = discover_printers(qt=not args.no_qt)  # Qt only where it can start: never an abort headless
    labels = label_devices()
    if args.json:
        emit({"cups": cups_available(), "qt": (not args.no_qt) and qt_usable(),
              "printers": [p.as_dict() for p in printers], "label_devices": labels}, True)
        return 0
    if not printers:
        sys.stdout.write("no system printers found (CUPS or Qt)\n")
    for p in printers:
        sys.stdout.write(f"{'*' if p.default else ' '} {p.backend}:{p.name}  {p.state}  {p.description}\n")
    for device in labels:
        sys.stdout.write(f"  brother-ql://{device}?model=QL-820NWB&label=62  (a USB label printer device; "
                         "set its model and roll)\n")
    sys.stdout.write("  pdf:DIR  PDF files in a folder (always available)\n"
                     "  network label printers: brother-ql://HOST?model=QL-820NWB&label=62, "
                     "zpl://HOST:9100?dpi=203&width_mm=101.6\n")
    if not args.no_qt and not qt_usable():
        sys.stdout.write("  (no display: Qt's printer list skipped; CUPS lists the same printers)\n")
    return 0
