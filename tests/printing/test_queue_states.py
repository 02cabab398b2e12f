"""The print queue's target and printer state for the back-ends without CUPS (issue 20 item 6): a PDF
file is printed once written; a Brother QL reports "printed"; a Zebra's sent label is followed with ``~HS``
(held while the printer is paused, printed once its buffer is empty); a printer that cannot report stays
"sent". The CUPS cases are in test_cups.py. Label printers are the fake network printers of
labelprinter.py (no such hardware here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from labelprinter import LabelPrinter

from printing.backends import Accepted, PdfFolderBackend, PrintJobSpec, open_backend, target_of
from printing.errors import QueueError
from printing.queue import PrintQueue

PERSON = {"code": "ZH-1", "given_name": "Xiaoming", "family_name": "Wang", "category": "delegate"}


class Blind:
    """A printer that takes every job and cannot say more (like a label printer with ``status=off``)."""

    name = "blind"

    def describe(self) -> dict[str, str]:
        return {"backend": self.name, "target": "desk"}

    def submit(self, job: PrintJobSpec) -> Accepted:
        return Accepted(self.name, "ref-1")


def test_pdf_job_records_its_target_and_is_printed(station, tmp_path):
    station.add_attendees([PERSON])
    queue = PrintQueue(station, open_backend(f"pdf:{tmp_path}"))
    job = queue.process(queue.enqueue("ZH-1"))
    assert job.target == f"pdf:{tmp_path}" and job.printer_state == "printed" and job.state == "printed"
    assert job.as_dict()["state"] == "printed" and job.settled
    assert queue.counts()["printed"] == 1 and queue.follow() == []


def test_a_printer_that_cannot_report_stays_sent(station):
    station.add_attendees([PERSON])
    queue = PrintQueue(station, Blind())
    job = queue.process(queue.enqueue("ZH-1"))
    assert target_of(Blind()) == "blind:desk" and job.target == "blind:desk"
    assert job.state == "sent" and not job.settled and queue.follow() == []
    with pytest.raises(QueueError, match="badge is already issued"):
        queue.retry(job.id)


def test_zebra_label_followed_with_host_status(station):
    station.add_attendees([PERSON])
    with LabelPrinter("zpl") as printer:
        queue = PrintQueue(station, open_backend(f"zpl://{printer.spec_host}?dpi=203&width_mm=101.6"),
                           template="label-4x6")
        job = queue.process(queue.enqueue("ZH-1"))
        assert job.status == "done" and job.printer_state == "sent", job.state
        printer.zebra.paused = True  # someone pressed pause before it came out
        (job,) = queue.follow()
        assert job.state == "held by the printer: the printer is paused: press its pause button"
        printer.zebra.paused = False
        (job,) = queue.follow()
        assert job.state == "printed" and queue.follow() == []


def test_brother_reports_printed(station):
    pytest.importorskip("brother_ql", reason="the optional brother-ql-next package is not installed")
    station.add_attendees([PERSON])
    with LabelPrinter("brother") as printer:
        queue = PrintQueue(station, open_backend(f"brother-ql://{printer.spec_host}?model=QL-820NWB&label=62"))
        job = queue.process(queue.enqueue("ZH-1"))
        assert job.state == "printed", job.state


def test_jobs_stay_with_their_printer_unless_a_person_moves_them(station, tmp_path: Path):
    station.add_attendees([PERSON])
    a = PrintQueue(station, PdfFolderBackend(tmp_path / "a"))
    b = PrintQueue(station, PdfFolderBackend(tmp_path / "b"))
    job_id = a.enqueue("ZH-1")
    assert b.run_pending() == []
    with pytest.raises(QueueError, match="is for pdf:"):
        b.process(job_id)
    moved = b.retry(job_id, target=b.target)
    assert moved.target == b.target and b.process(job_id).state == "printed"
    assert [p.name for p in (tmp_path / "b").iterdir()] and not (tmp_path / "a").exists()
