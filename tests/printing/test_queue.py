"""The print queue on a real station: issued only when the printer accepted; reprints revoke."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from badge_helpers import LINEAR_B, NAMES, decode_qr, norm, pdf_text, pdftotext

from printing.backends import Accepted, PdfFolderBackend, PrintJobSpec
from printing.errors import BackendError, QueueError
from printing.queue import PrintQueue

PEOPLE = [
    {
        "code": "ZH-1",
        "given_name": "Xiaoming",
        "family_name": "Wang",
        "native_name": "王小明",
        "name_order": "family-first",
        "honorific": "Mayor",
        "category": "delegate",
        "country": "CN",
    },
    {
        "code": "AR-2",
        "given_name": "Fatima",
        "family_name": "Al-Zahra",
        "native_name": "فاطمة الزهراء",
        "category": "speaker",
        "country": "SA",
    },
    {"code": "EMO-3", "given_name": "🌸", "family_name": "🎉", "category": "delegate"},
]


class FlakyBackend:
    """A printer that refuses the first ``failures`` jobs (unplugged), then prints into a folder."""

    name = "flaky"

    def __init__(self, folder: Path, failures: int) -> None:
        self.inner = PdfFolderBackend(folder)
        self.failures = failures
        self.calls = 0

    def describe(self) -> dict[str, str]:
        return {"backend": self.name, "target": "test"}

    def submit(self, job: PrintJobSpec) -> Accepted:
        self.calls += 1
        if self.calls <= self.failures:
            raise BackendError("printer 'Desk' disappeared (USB unplugged)")
        return self.inner.submit(job)


def _valid_badges(st, attendee_id):
    return [b for b in st.badges(attendee_id) if b["revoked_hlc"] is None]


def test_job_prints_then_issues_and_the_badge_scans(station, tmp_path):
    station.add_attendees(PEOPLE)
    queue = PrintQueue(station, PdfFolderBackend(tmp_path / "out"))
    job_id = queue.enqueue("ZH-1", operator="anna")
    assert queue.job(job_id).status == "queued"
    (job,) = queue.run_pending()
    assert job.status == "done" and job.attempts == 1
    pdf = Path(job.backend_ref).read_bytes()
    attendee = station.attendee("ZH-1")
    (issued,) = _valid_badges(station, attendee["id"])
    assert issued["serial"] == job.badge_serial
    (token,) = decode_qr(pdf)
    verdict = station.scan(token)
    assert verdict.status == "ok" and verdict.attendee["id"] == attendee["id"]
    assert "WangXiaoming" in norm(pdf_text(pdf)) and "王小明" in pdf_text(pdf)
    log_types = [r["type"] for r in station.replica.query("SELECT type FROM log ORDER BY hlc")]
    assert "badge_issued" in log_types and "print_job" in log_types


@pytest.mark.parametrize(("label", "given", "family", "native", "order"), NAMES, ids=[n[0] for n in NAMES])
def test_badge_in_every_script_prints_reads_back_and_checks_the_person_in(
    station, tmp_path, label, given, family, native, order
):
    station.add_attendees([{"code": f"P-{label}", "given_name": given, "family_name": family,
                            "native_name": native, "name_order": order, "category": "delegate"}])
    queue = PrintQueue(station, PdfFolderBackend(tmp_path / "out"))
    job = queue.process(queue.enqueue(f"P-{label}"))
    assert (job.status, job.reason) == ("done", ""), job.reason
    pdf = Path(job.backend_ref).read_bytes()
    attendee = station.attendee(f"P-{label}")
    # poppler reads shaped runs through their ActualText (test_render checks what pypdf reads)
    text = norm(pdftotext(pdf))
    for name in (native, given, family):
        assert norm(name) in text, (label, name, text)
    (token,) = decode_qr(pdf)  # from the page rasterised at 300 dpi
    verdict = station.scan(token)
    assert verdict.status == "ok" and verdict.attendee["id"] == attendee["id"], verdict


def test_name_in_a_script_without_any_font_prints_without_it_and_says_so(station, tmp_path):
    """Bad input (issue 16): a native name in Linear B. The badge prints, the job says what it lacks."""
    station.add_attendees([{"code": "LB-1", "given_name": "Eumedes", "family_name": "Pylios",
                            "native_name": LINEAR_B, "category": "delegate"}])
    queue = PrintQueue(station, PdfFolderBackend(tmp_path / "out"))
    job = queue.process(queue.enqueue("LB-1"))
    assert job.status == "done"
    assert job.reason == "printed without the native name: no font for Linear B"
    pdf = Path(job.backend_ref).read_bytes()
    assert "EumedesPylios" in norm(pdf_text(pdf))
    (token,) = decode_qr(pdf)
    assert station.scan(token).status == "ok"
    outcome = station.replica.one("SELECT payload FROM log WHERE type = 'print_job'")
    assert "no font for Linear B" in outcome["payload"]
    # a complete badge says nothing
    station.add_attendees(PEOPLE[:1])
    assert queue.process(queue.enqueue("ZH-1")).reason == ""


def test_reprint_revokes_the_previous_badge(station, tmp_path):
    station.add_attendees(PEOPLE)
    queue = PrintQueue(station, PdfFolderBackend(tmp_path / "out"))
    first = queue.process(queue.enqueue("AR-2"))
    second = queue.process(queue.enqueue("AR-2"))
    old_token = decode_qr(Path(first.backend_ref).read_bytes())[0]
    new_token = decode_qr(Path(second.backend_ref).read_bytes())[0]
    assert station.scan(old_token).status == "revoked"
    assert station.scan(new_token).status in ("ok", "already_checked_in")
    attendee = station.attendee("AR-2")
    assert [b["serial"] for b in _valid_badges(station, attendee["id"])] == [second.badge_serial]


def test_printer_failing_mid_job_retries_then_fails_and_issues_nothing(station, tmp_path):
    station.add_attendees(PEOPLE)
    backend = FlakyBackend(tmp_path / "out", failures=10)
    queue = PrintQueue(station, backend, backoff_s=0)
    job_id = queue.enqueue("ZH-1", max_attempts=3)
    queue.run_pending()
    job = queue.job(job_id)
    assert job.status == "failed" and job.attempts == 3 and "disappeared" in job.reason
    attendee = station.attendee("ZH-1")
    assert station.badges(attendee["id"]) == []
    # the printer is back: retry prints and issues
    backend.failures = 0
    queue.retry(job_id)
    (done,) = queue.run_pending()
    assert done.status == "done" and len(_valid_badges(station, attendee["id"])) == 1


def test_a_printer_that_says_too_much_is_recorded_clipped(station, tmp_path):
    """A driver's error text can be a whole trace: the job fails in words and the audit event is
    still recorded (the event schema takes at most MAX_TEXT_CHARS of text)."""
    from venue_app.events import MAX_TEXT_CHARS

    station.add_attendees(PEOPLE)
    backend = FlakyBackend(tmp_path / "out", failures=10)
    queue = PrintQueue(station, backend, backoff_s=0)
    job_id = queue.enqueue("ZH-1", max_attempts=1)
    backend.submit = lambda job: (_ for _ in ()).throw(BackendError("printer jammed: " + "x" * 5000))
    queue.run_pending()
    job = queue.job(job_id)
    assert job.status == "failed" and job.reason.startswith("printer jammed")
    (event,) = [json.loads(r["payload"]) for r in station.replica.query(
        "SELECT payload FROM log WHERE type = 'print_job'")]
    assert event["outcome"] == "failed" and len(event["reason"]) == MAX_TEXT_CHARS
    assert event["reason"].endswith("…")


def test_transient_failure_is_retried(station, tmp_path):
    station.add_attendees(PEOPLE)
    queue = PrintQueue(station, FlakyBackend(tmp_path / "out", failures=1), backoff_s=0)
    job_id = queue.enqueue("ZH-1")
    queue.run_pending()
    job = queue.job(job_id)
    assert job.status == "done" and job.attempts == 2


def test_unprintable_name_fails_at_once_with_reason(station, tmp_path):
    station.add_attendees(PEOPLE)
    backend = FlakyBackend(tmp_path / "out", failures=0)
    queue = PrintQueue(station, backend)
    job = queue.process(queue.enqueue("EMO-3"))
    assert job.status == "failed" and "nothing printable" in job.reason
    assert backend.calls == 0
    assert station.badges(station.attendee("EMO-3")["id"]) == []


def test_cancel_and_state_rules(station, tmp_path):
    station.add_attendees(PEOPLE)
    queue = PrintQueue(station, PdfFolderBackend(tmp_path / "out"))
    job_id = queue.enqueue("ZH-1")
    assert queue.cancel(job_id).status == "cancelled"
    assert queue.run_pending() == []
    assert queue.counts()["cancelled"] == 1
    done = queue.process(queue.enqueue("ZH-1"))
    with pytest.raises(QueueError, match="cannot be cancelled"):
        queue.cancel(done.id)
    with pytest.raises(QueueError, match="no attendee"):
        queue.enqueue("NOPE")


def test_queue_survives_restart_and_recovers_interrupted_jobs(station, tmp_path):
    station.add_attendees(PEOPLE)
    queue = PrintQueue(station, PdfFolderBackend(tmp_path / "out"))
    pending = queue.enqueue("ZH-1")
    # simulate crashes: one job was at the printer, unconfirmed; one was accepted but not yet recorded
    lost = queue.enqueue("AR-2")
    accepted = queue.enqueue("AR-2")
    draft = station.new_badge(station.attendee("AR-2")["id"])
    with station.replica.transaction() as conn:
        conn.execute("UPDATE print_jobs SET status = 'printing' WHERE id = ?", (lost,))
        conn.execute(
            "UPDATE print_jobs SET status = 'printing', accepted = 1, badge_serial = ?, badge_token = ?,"
            " badge_key_id = ?, badge_category = ? WHERE id = ?",
            (draft.serial, draft.token, draft.key_id, draft.category, accepted),
        )
    again = PrintQueue(station, PdfFolderBackend(tmp_path / "out"))
    assert again.job(lost).status == "failed" and "interrupted" in again.job(lost).reason
    assert again.job(accepted).status == "done"
    assert station.scan(draft.token).status == "ok"
    assert again.job(pending).status == "queued"
