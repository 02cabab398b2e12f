"""Walk-in → badge PDF, reprint revokes, edits and undo, supervisor-only cancellation, delegation batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt

from devices.events import ScanEvent
from ui.supervisor import Approval


def _pdf_text(path: str) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _open(desk: Any, qtbot: Any, code: str) -> dict[str, Any]:
    person = desk.ctx.station.attendee(code)
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.open_attendee(person["id"])
    return person


def test_walkin_registers_checks_in_and_prints_a_badge_pdf(desk: Any, qtbot: Any) -> None:
    dialog = desk.open_walkin()
    dialog.register()
    assert "A name is needed" in dialog.problems.text()  # validation before anything is written
    dialog.f["given_name"].setText("Amélie")
    dialog.f["family_name"].setText("Durand")
    dialog.f["organisation"].setText("Ville de Lyon")
    dialog.f["country"].setText("France")
    dialog.f["email"].setText("not-an-email")
    dialog.register()
    assert "e-mail" in dialog.problems.text()
    dialog.f["email"].setText("amelie.durand@lyon.fr")
    dialog.category.setCurrentIndex(max(0, dialog.category.findData("DELEGATE")))
    with qtbot.waitSignal(desk.ctx.printer.job_done, timeout=20_000) as done:
        dialog.register()
    job = done.args[0]
    assert job.status == "done", job.reason
    pdf = Path(job.backend_ref)
    assert pdf.exists() and pdf.parent == desk.ctx.printer.backend.folder
    assert "Durand" in _pdf_text(str(pdf))
    person = desk.ctx.station.attendee(job.attendee_id)
    assert person["country"] == "FR" and person["organisation"] == "Ville de Lyon"
    assert desk.ctx.station.replica.one("SELECT 1 FROM checkins WHERE attendee_id = ?", (person["id"],))
    qtbot.waitUntil(lambda: desk.attendee.attendee_id == person["id"] and desk.attendee.data is not None)


def test_walkin_shows_possible_duplicates(desk: Any, qtbot: Any) -> None:
    dialog = desk.open_walkin()
    with qtbot.waitSignal(dialog.duplicates_checked, timeout=5000,
                          check_params_cb=lambda n: n > 0) as checked:
        dialog.f["email"].setText("jose@example.org")
    assert checked.args[0] >= 1
    assert "Núñez" in dialog.dupes.item(0).text()
    dialog.close()


def test_reprint_asks_why_and_revokes_the_old_badge(desk: Any, qtbot: Any) -> None:
    person = _open(desk, qtbot, "MWC-ES-002")
    with qtbot.waitSignal(desk.ctx.printer.job_done, timeout=20_000):
        desk.attendee.print_badge()
    first = desk.ctx.station.badges(person["id"])
    assert len(first) == 1 and first[0]["revoked_hlc"] is None
    old_token = desk.ctx.station.replica.one("SELECT token FROM badges WHERE serial = ?", (first[0]["serial"],))[0]
    qtbot.waitUntil(lambda: desk.attendee.data is not None and len(desk.attendee.data["badges"]) == 1)
    desk.ctx.asker.texts.append("lost")
    with qtbot.waitSignal(desk.ctx.printer.job_done, timeout=20_000) as done:
        desk.attendee.print_badge()
    assert done.args[0].status == "done"
    assert "Reprint badge" in desk.ctx.asker.asked
    badges = {b["serial"]: b for b in desk.ctx.station.badges(person["id"])}
    assert badges[first[0]["serial"]]["revoked_hlc"] is not None
    assert badges[first[0]["serial"]]["revoked_reason"] == "lost"
    assert sum(1 for b in badges.values() if b["revoked_hlc"] is None) == 1
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        desk.handle_scan(ScanEvent("test", old_token.encode(), old_token, 0.0))
    assert shown.args == ["revoked"] and desk.panel.color == "red"
    assert "lost" in desk.panel.texts()
    # a second reprint needs the supervisor: without approval nothing happens
    qtbot.waitUntil(lambda: desk.attendee.data is not None and len(desk.attendee.data["badges"]) == 2)
    desk.ctx.asker.texts.append("damaged")
    desk.attendee.print_badge()
    assert "Reprint #2" in desk.ctx.asker.asked
    assert len(desk.ctx.station.badges(person["id"])) == 2


def test_edit_and_undo_with_ctrl_z(desk: Any, qtbot: Any) -> None:
    person = _open(desk, qtbot, "MWC-RU-003")
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.attendee.edit({"organisation": "Moscow City Duma", "job_title": "Journalist"})
    assert desk.ctx.station.attendee(person["id"])["organisation"] == "Moscow City Duma"
    with qtbot.waitSignal(desk.undone, timeout=5000) as undone:
        qtbot.keyClick(desk.home, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone.args[0] == "the edit"
    assert desk.ctx.station.attendee(person["id"])["organisation"] == ""
    assert desk.panel.headline.text() == "UNDONE"


def test_ctrl_z_takes_back_the_last_checkin(desk: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        desk.handle_scan(ScanEvent("test", b"MWC-RU-003", "MWC-RU-003", 0.0))
    assert shown.args == ["ok"]
    with qtbot.waitSignal(desk.undone, timeout=5000):
        qtbot.keyClick(desk.home, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    station = desk.ctx.station
    assert station.status()["checked_in"] == 0
    assert station.replica.one("SELECT count(*) FROM log WHERE type = 'checkin_voided'")[0] == 1
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as again:
        desk.handle_scan(ScanEvent("test", b"MWC-RU-003", "MWC-RU-003", 0.0))
    assert again.args == ["ok"]


def test_cancel_needs_the_supervisor_and_then_scans_are_refused(desk: Any, qtbot: Any) -> None:
    person = _open(desk, qtbot, "MWC-ES-002")
    desk.attendee.set_status("cancelled")  # no approval given: nothing changes
    assert desk.ctx.station.attendee(person["id"])["status"] == "active"
    desk.ctx.asker.approvals.append(Approval("Sam Supervisor", "duplicate registration"))
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.attendee.set_status("cancelled")
    after = desk.ctx.station.attendee(person["id"])
    assert after["status"] == "cancelled" and "duplicate registration" in after["notes"]
    op = desk.ctx.station.replica.one("SELECT operator FROM log WHERE type = 'attendee_updated' ORDER BY hlc DESC")
    assert op[0] == "Sam Supervisor"
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        desk.handle_scan(ScanEvent("test", b"MWC-ES-002", "MWC-ES-002", 0.0))
    assert shown.args == ["cancelled"]


def test_manual_checkin_by_name(desk: Any, qtbot: Any) -> None:
    _open(desk, qtbot, "MWC-RU-003")
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        qtbot.keyClick(desk.home, Qt.Key.Key_F5)
    assert shown.args == ["ok"] and "Checked in by hand." in desk.panel.texts()


def test_delegation_checkin_on_behalf_and_batch_print(desk: Any, qtbot: Any) -> None:
    st = desk.ctx.station
    st.add_attendees([{"code": f"MWC-GZ-{i}", "given_name": f"Member{i}", "family_name": "Li",
                       "native_name": f"李{'一二三'[i]}", "category": "DELEGATE", "delegation": "Guangzhou"}
                      for i in range(3)])
    with qtbot.waitSignal(desk.delegation.loaded, timeout=5000):
        desk.open_delegation("Guangzhou")
    assert len(desk.delegation.members) == 4
    assert "0 arrived" in desk.delegation.summary.text()
    with qtbot.waitSignal(desk.delegation.batch_done, timeout=30_000) as done:
        desk.delegation.run_batch(collector="Protocol officer Chen")
    result = done.args[0]
    assert len(result["checked_in"]) == 4 and len(result["jobs"]) == 4
    qtbot.waitUntil(lambda: desk.ctx.printer.queue.counts()["done"] == 4, timeout=30_000)
    rows = st.replica.query("SELECT payload FROM log WHERE type = 'checkin'")
    assert sum("Protocol officer Chen" in r[0] for r in rows) == 4  # one check-in per person
    with qtbot.waitSignal(desk.delegation.loaded, timeout=5000):
        desk.delegation.show_delegation("Guangzhou")
    assert "4 arrived · 4 badges printed" in desk.delegation.summary.text()


def test_supervisor_override_admits_a_refused_person_with_the_reason(desk: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        desk.handle_scan(ScanEvent("test", b"MWC-KR-005", "MWC-KR-005", 0.0))
    assert shown.args == ["blocked"]
    qtbot.keyClick(desk.home, Qt.Key.Key_F9)  # no approval given by the supervisor: nothing recorded
    assert desk.ctx.station.replica.one("SELECT count(*) FROM log WHERE type = 'override'")[0] == 0
    desk.ctx.asker.approvals.append(Approval("Sam Supervisor", "cleared by security"))
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        qtbot.keyClick(desk.home, Qt.Key.Key_F9)
    assert shown.args == ["override"] and desk.panel.color == "green"
    row = desk.ctx.station.replica.one("SELECT operator, payload FROM log WHERE type = 'override'")
    assert row["operator"] == "Sam Supervisor" and "cleared by security" in row["payload"]
    person = desk.ctx.station.attendee("MWC-KR-005")
    assert desk.ctx.station.replica.one("SELECT 1 FROM checkins WHERE attendee_id = ?", (person["id"],))


def test_print_queue_shows_a_failed_job_and_retries_it(desk: Any, qtbot: Any, tmp_path: Path) -> None:
    from printing.backends import PdfFolderBackend
    from printing.errors import BackendError

    printer = desk.ctx.printer
    good = printer.backend

    class Jammed:
        name = "jammed"

        def describe(self) -> dict[str, str]:
            return {"backend": "jammed", "target": "test"}

        def submit(self, job: Any) -> Any:
            raise BackendError("paper jam in tray 1")

    printer.queue.backend = Jammed()
    person = desk.ctx.station.attendee("MWC-RU-003")
    job_id = printer.queue.enqueue(person["id"], operator="t", max_attempts=1)
    with qtbot.waitSignal(printer.job_done, timeout=10_000) as done:
        printer.kick()
    assert done.args[0].status == "failed"
    qtbot.waitUntil(lambda: "failed" in desk.status.printer.text(), timeout=5000)
    dialog = desk.open_print_queue()
    qtbot.waitUntil(lambda: any(j.id == job_id for j, _ in dialog.jobs), timeout=5000)
    assert "paper jam" in dialog.table.item(0, 5).text()  # the reason column (after the printer's)
    assert isinstance(good, PdfFolderBackend)
    printer.queue.backend = good
    with qtbot.waitSignal(printer.job_done, timeout=10_000, check_params_cb=lambda j: j.id == job_id) as done:
        dialog.retry_job(job_id)
    assert done.args[0].status == "done" and Path(done.args[0].backend_ref).exists()
    dialog.close()
