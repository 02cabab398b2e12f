"""The desk against a real CUPS (issue 20 item 6): a paused queue holds the badge and the verdict panel
says whose, with the printer's reason; the desk follows the job until CUPS printed it; a rejecting
queue fails it naming the person; a printer chosen in Station setup is used at once, no restart.

Real widgets offscreen, the private cupsd of tests/printing/cupsd.py (fixture ``cupsd``)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from printing.backends import open_backend

PERSON = {"code": "ZH-1", "given_name": "Xiaoming", "family_name": "Wang", "native_name": "王小明",
          "name_order": "family-first", "category": "delegate", "country": "CN"}


@pytest.fixture
def cups_desk(qapp: Any, qtbot: Any, station: Any, cupsd: Any) -> Any:
    from ui.desk import create_desk
    from ui.shots import dispose

    station.settings["sounds"] = False
    station.settings["verdict_dim_s"] = 0
    station.settings["printer"] = "cups:Badge"
    station.add_attendees([PERSON])
    window = create_desk(station, backend=open_backend("cups:Badge"), sounds=False, open_scanner=False)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    with contextlib.suppress(Exception):
        dispose(window)


def _wait_job(qtbot: Any, desk: Any, predicate: Any, timeout: int = 20_000) -> Any:
    """The next ``job_done`` whose job satisfies ``predicate`` (the desk follows CUPS every 3 s)."""
    seen: list[Any] = []

    def check(job: Any) -> bool:
        seen.append(job)
        return bool(predicate(job))
    with qtbot.waitSignal(desk.ctx.printer.job_done, timeout=timeout, check_params_cb=check) as blocker:
        pass
    return blocker.args[0]


def test_paused_cups_holds_the_badge_and_the_panel_names_whose(cups_desk: Any, qtbot: Any, cupsd: Any,
                                                                tmp_path: Path) -> None:
    desk, st = cups_desk, cups_desk.ctx.station
    cupsd.run("cupsdisable", "-r", "out of ribbon", "Badge")
    with qtbot.waitSignal(desk.ctx.printer.job_done, timeout=20_000) as held:
        desk.ctx.printer.enqueue(st.attendee("ZH-1")["id"])
    job = held.args[0]
    assert job.status == "done" and job.printer_state == "held" and job.printer_reason == "out of ribbon"
    texts = desk.panel.texts()
    assert "BADGE OF WANG XIAOMING HELD BY THE PRINTER" in texts.upper() and "out of ribbon" in texts, texts
    assert desk.panel.color == "amber"
    qtbot.waitUntil(lambda: "1 held by the printer" in desk.status.printer.text(), timeout=5000)
    desk.grab().save(str(tmp_path / "desk-held.png"))  # looked at while writing this test
    # the ribbon is changed: the desk's own follow-up sees CUPS print it
    cupsd.run("cupsenable", "Badge")
    printed = _wait_job(qtbot, desk, lambda j: j.id == job.id and j.printer_state == "printed")
    assert printed.state == "printed" and len(cupsd.printer.jobs) == 1
    dialog = desk.open_print_queue()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "printed",
                    timeout=5000)
    assert dialog.table.item(0, 2).text() == "this desk (cups:Badge)"
    dialog.grab().save(str(tmp_path / "print-queue.png"))
    dialog.close()


def test_rejecting_cups_fails_naming_the_person(cups_desk: Any, qtbot: Any, cupsd: Any) -> None:
    desk, st = cups_desk, cups_desk.ctx.station
    desk.ctx.printer.queue.backoff_s = 0
    cupsd.run("cupsreject", "-r", "out of cards", "Badge")
    desk.ctx.printer.enqueue(st.attendee("ZH-1")["id"])
    job = _wait_job(qtbot, desk, lambda j: j.status == "failed")
    assert "out of cards" in job.reason
    texts = desk.panel.texts()
    assert "BADGE OF WANG XIAOMING NOT PRINTED" in texts.upper() and "out of cards" in texts, texts
    assert st.badges(job.attendee_id) == [] and cupsd.printer.jobs == []


def test_printer_chosen_in_setup_is_used_at_once(cups_desk: Any, qtbot: Any, tmp_path: Path) -> None:
    from ui.setup import SettingsDialog

    desk, st = cups_desk, cups_desk.ctx.station
    folder = tmp_path / "new-printer"
    dialog = SettingsDialog(st, desk)
    dialog.printer.printer.setEditText(f"pdf:{folder}")
    dialog.accept()  # what Save does; open_setup then applies it
    desk._apply_printer()
    assert desk.ctx.printer.queue.target == f"pdf:{folder}"
    assert f"pdf:{folder}" in desk.status.printer.text() or folder.name in desk.status.printer.text()
    with qtbot.waitSignal(desk.ctx.printer.job_done, timeout=20_000) as done:
        desk.ctx.printer.enqueue(st.attendee("ZH-1")["id"])
    job = done.args[0]
    assert job.target == f"pdf:{folder}" and job.state == "printed" and Path(job.backend_ref).parent == folder
