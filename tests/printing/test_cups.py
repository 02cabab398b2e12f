"""The print queue against a real CUPS (issue 20 item 6): a private cupsd (tests/printing/cupsd.py) with
a raw queue delivering to a fake port-9100 printer, driven by CUPS's own admin commands.

Printed normally (the PDF CUPS delivered read back), paused (``cupsdisable``: held, with the reason),
rejecting (``cupsreject -r "out of cards"``: refused with the printer's reason, job kept, nothing
issued), the service stopped ("not running", not "no such printer") and frozen (SIGSTOP: a timeout in
words, job kept, printed once it thaws). Each job is printed only on its own printer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from badge_helpers import decode_qr, norm, pdf_text

from printing.backends import CupsBackend, open_backend
from printing.queue import PrintQueue, follow_all
from venue_desk.cli import main

PEOPLE = [
    {"code": "ZH-1", "given_name": "Xiaoming", "family_name": "Wang", "native_name": "王小明",
     "name_order": "family-first", "category": "delegate", "country": "CN"},
    {"code": "AR-2", "given_name": "Fatima", "family_name": "Al-Zahra", "native_name": "فاطمة الزهراء",
     "category": "speaker", "country": "SA"},
]


def _until(predicate, timeout: float = 20.0, what: str = "condition"):
    """Poll a real outside process (cupsd) until ``predicate()`` is truthy; fail with ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _settled(queue: PrintQueue, job_id: str):
    def check():
        queue.follow([job_id])
        job = queue.job(job_id)
        return job if job.printer_state != "sent" else None
    return _until(check, what=f"job {job_id} to leave 'sent'")


def _valid(station, code):
    return [b for b in station.badges(station.attendee(code)["id"]) if b["revoked_hlc"] is None]


def test_printed_normally_the_pdf_reaches_the_printer(station, cupsd):
    station.add_attendees(PEOPLE)
    queue = PrintQueue(station, open_backend("cups:Badge"))
    assert queue.target == "cups:Badge"
    job = queue.process(queue.enqueue("ZH-1"))
    assert job.status == "done" and job.target == "cups:Badge" and job.backend_ref.startswith("Badge-")
    assert job.printer_state in ("sent", "printed")  # CUPS may finish before we ask
    job = _settled(queue, job.id)
    assert job.state == "printed", job.state
    (sent,) = cupsd.printer.jobs  # the raw queue hands the very PDF to the printer
    assert sent.startswith(b"%PDF")
    assert "WangXiaoming" in norm(pdf_text(sent)) or "XiaomingWang" in norm(pdf_text(sent))
    (token,) = decode_qr(sent)
    assert station.scan(token).status == "ok"
    assert [b["serial"] for b in _valid(station, "ZH-1")] == [job.badge_serial]


def test_paused_queue_is_held_with_its_reason_and_the_cli_says_so(station, cupsd, capsys):
    station.add_attendees(PEOPLE)
    cupsd.run("cupsdisable", "-r", "ribbon jam at desk 3", "Badge")
    data = str(station.paths.root)
    code = main(["badge", "print", "--data", data, "--attendee", "ZH-1", "--printer", "cups:Badge", "--wait", "0"])
    out = capsys.readouterr().out
    assert code == 3, out  # never "done" / 0 while the badge waits in CUPS
    assert "held by the printer: ribbon jam at desk 3" in out and "done" not in out
    # accepted by CUPS: issued (as before), and it waits there
    queue = PrintQueue(station, open_backend("cups:Badge"), recover=False)
    (job,) = queue.jobs()
    assert job.state == "held by the printer: ribbon jam at desk 3" and len(_valid(station, "ZH-1")) == 1
    assert cupsd.printer.jobs == []
    assert main(["badge", "queue", "list", "--data", data, "--json"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["target"] == "cups:Badge" and row["state"].startswith("held by the printer") and row["name"]
    # the queue is resumed: the follow-up sees the badge printed
    cupsd.run("cupsenable", "Badge")
    job = _settled(queue, job.id)
    assert job.state == "printed" and len(cupsd.printer.jobs) == 1
    assert main(["badge", "queue", "list", "--data", data, "--state", "printed"]) == 0
    assert "printed" in capsys.readouterr().out


def test_rejecting_queue_shows_the_printers_reason_and_keeps_the_job(station, cupsd, capsys):
    station.add_attendees(PEOPLE)
    cupsd.run("cupsreject", "-r", "out of cards", "Badge")
    queue = PrintQueue(station, open_backend("cups:Badge"), backoff_s=0)
    job = queue.process(queue.enqueue("AR-2", max_attempts=2))
    assert job.status == "queued" and "out of cards" in job.reason and "refuses jobs" in job.reason, job.reason
    job = queue.process(job.id)
    assert job.status == "failed" and job.state.startswith("failed: ") and "out of cards" in job.state
    assert _valid(station, "AR-2") == [] and cupsd.printer.jobs == []  # nothing issued, nothing printed
    # cards loaded: the same job, retried from the command line, prints
    cupsd.run("cupsaccept", "Badge")
    code = main(["badge", "queue", "retry", job.id[:8], "--data", str(station.paths.root), "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["id"] == job.id and result["state"] == "printed", result
    assert len(_valid(station, "AR-2")) == 1 and len(cupsd.printer.jobs) == 1


def test_stopped_cups_is_not_a_missing_printer(station, cupsd):
    station.add_attendees(PEOPLE)
    cupsd.stop()
    queue = PrintQueue(station, open_backend("cups:Badge"), backoff_s=0)
    job = queue.process(queue.enqueue("ZH-1"))
    assert job.status == "queued" and "the print service (CUPS) is not running" in job.reason, job.reason
    assert "does not exist" not in job.reason and _valid(station, "ZH-1") == []
    cupsd.start()  # started again: the same job prints
    job = queue.process(queue.retry(job.id).id)
    assert job.status == "done" and _settled(queue, job.id).state == "printed"


def test_frozen_cups_times_out_in_words_then_prints_once_thawed(station, cupsd):
    station.add_attendees(PEOPLE)
    queue = PrintQueue(station, CupsBackend("Badge", timeout=3), backoff_s=0)
    cupsd.freeze()
    try:
        job = queue.process(queue.enqueue("ZH-1"))
    finally:
        cupsd.thaw()
    assert job.status == "queued" and "did not answer within 3 s" in job.reason, job.reason
    assert _valid(station, "ZH-1") == []
    job = queue.process(queue.retry(job.id).id)
    assert job.status == "done" and _settled(queue, job.id).state == "printed"
    # the frozen attempt never reached the printer: exactly one badge came out, and it is the valid one
    (sent,) = cupsd.printer.jobs
    (token,) = decode_qr(sent)
    assert station.scan(token).status == "ok" and [b["serial"] for b in _valid(station, "ZH-1")] == [job.badge_serial]


def test_a_job_is_printed_only_on_its_own_printer(station, cupsd, tmp_path, capsys):
    station.add_attendees(PEOPLE)
    lobby = PrintQueue(station, open_backend("cups:Badge"), recover=False)
    for_lobby = lobby.enqueue("ZH-1")
    desk = PrintQueue(station, open_backend(f"pdf:{tmp_path / 'desk'}"))
    mine = desk.enqueue("AR-2")
    (done,) = desk.run_pending()  # the desk prints its own job only
    assert done.id == mine and lobby.job(for_lobby).status == "queued"
    assert not list((tmp_path / "desk").glob("*.pdf"))[1:] and cupsd.printer.jobs == []
    # a person may move it on purpose
    data = str(station.paths.root)
    code = main(["badge", "queue", "retry", for_lobby, "--data", data, "--printer", f"pdf:{tmp_path / 'desk'}",
                 "--json"])
    moved = json.loads(capsys.readouterr().out)
    assert code == 0 and moved["target"] == f"pdf:{tmp_path / 'desk'}" and moved["state"] == "printed"
    # cancel: only what has not reached a printer
    waiting = lobby.enqueue("ZH-1")
    assert main(["badge", "queue", "cancel", waiting, "--data", data]) == 0
    assert lobby.job(waiting).state == "cancelled"
    assert main(["badge", "queue", "cancel", mine, "--data", data]) == 2
    assert "cannot be cancelled" in capsys.readouterr().err


def test_follow_all_asks_each_target(station, cupsd):
    station.add_attendees(PEOPLE)
    cupsd.run("cupsdisable", "Badge")
    queue = PrintQueue(station, open_backend("cups:Badge"))
    job = queue.process(queue.enqueue("ZH-1"))
    assert job.printer_state == "held" and job.state.startswith("held by the printer: ")
    cupsd.run("cupsenable", "Badge")
    _until(lambda: (follow_all(station), queue.job(job.id).printer_state == "printed")[1], what="printed")
    assert queue.job(job.id).state == "printed"


def test_printers_lists_cups_without_a_display(cupsd, tmp_path):
    """`venue-app printers` with no display and no Qt platform set: no abort (was exit 134)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["CUPS_SERVER"] = cupsd.sock
    cupsd.run("cupsdisable", "-r", "ribbon jam", "Badge")
    for extra in ([], ["--json"]):
        done = subprocess.run([sys.executable, "-m", "venue_desk", "printers", *extra], env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "cups" in done.stdout and "Badge" in done.stdout and "paused: ribbon jam" in done.stdout
    listing = json.loads(done.stdout)
    assert {"backend": "cups", "name": "Badge"}.items() <= listing["printers"][0].items()
    assert listing["qt"] is False
    # and the Qt side itself (rasterising, Qt's printer list) starts offscreen instead of aborting
    code = ("from printing.qtprinter import qt_printers, rasterise; from printing.testpage import ruler_page_pdf;"
            " qt_printers(); print(rasterise(ruler_page_pdf(105, 148), 30)[0].width())")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "124", done.stderr


@pytest.mark.parametrize("spec", ["cups:Badge", "pdf"])
def test_test_page_reports_the_printers_state(station, cupsd, tmp_path, capsys, spec):
    if spec == "pdf":
        spec = f"pdf:{tmp_path}"
    else:
        cupsd.run("cupsdisable", "-r", "door open", "Badge")
    code = main(["badge", "test-page", "--printer", spec, "--wait", "0", "--json"])
    result = json.loads(capsys.readouterr().out)
    if spec.startswith("cups"):
        assert code == 3 and result["state"] == "held" and result["reason"] == "door open"
    else:
        assert code == 0 and result["state"] == "printed"


def test_a_held_job_stays_held_while_cups_cannot_be_asked(station, cupsd):
    station.add_attendees(PEOPLE)
    cupsd.run("cupsdisable", "-r", "lid open", "Badge")
    queue = PrintQueue(station, open_backend("cups:Badge"))
    job = queue.process(queue.enqueue("ZH-1"))
    assert job.state == "held by the printer: lid open"
    cupsd.stop()
    assert queue.follow() == [] and queue.job(job.id).state == "held by the printer: lid open"
    cupsd.start()  # CUPS keeps its queue and its jobs over a restart
    cupsd.run("cupsenable", "Badge")
    assert _settled(queue, job.id).state == "printed" and len(cupsd.printer.jobs) == 1
