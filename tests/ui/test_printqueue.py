"""The print queue window (F10) and the desk's verdict panel say when a badge printed without the
native name (issue 16: a name in a script no font has, e.g. Linear B, is never a silent "done")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

#: Mycenaean Greek in Linear B: no bundled font (and no font on most machines) has it
LINEAR_B = "\U00010000\U00010001 \U00010002"


def test_badge_without_the_native_name_is_said_on_the_verdict_and_in_the_queue(
    desk: Any, qtbot: Any, tmp_path: Path
) -> None:
    st = desk.ctx.station
    assert st.settings["auto_print"]
    st.add_attendees([{"code": "LINB-7", "given_name": "Eumedes", "family_name": "Pylios",
                       "native_name": LINEAR_B, "category": st.replica.one("SELECT code FROM categories")["code"]}])
    desk.home.setFocus()
    with qtbot.waitSignal(desk.ctx.printer.job_done, timeout=15000) as printed:
        qtbot.keyClicks(desk.home, "LINB-7")
        qtbot.keyClick(desk.home, Qt.Key.Key_Return)
    job = printed.args[0]
    assert job.status == "done" and job.reason == "printed without the native name: no font for Linear B"
    assert Path(job.backend_ref).read_bytes().startswith(b"%PDF")
    # the check-in verdict stays (green, the person's name) and says what the badge lacks
    assert desk.panel.status == "ok" and desk.panel.color == "green"
    texts = desk.panel.texts()
    assert "Eumedes Pylios" in texts
    assert "Badge printed without the native name: no font for Linear B." in texts
    assert "Badge printed without the native name" in desk.panel.accessibleDescription()

    dialog = desk.open_print_queue()
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 1, timeout=5000)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 1).text() == "Eumedes Pylios")
    assert dialog.table.item(row, 2).text().startswith("this desk (pdf:")  # the printer it was queued for
    assert dialog.table.item(row, 3).text() == "printed, incomplete"  # a PDF folder: the file is the badge
    detail = dialog.table.item(row, 5).text()
    assert detail.startswith("printed without the native name: no font for Linear B → ")
    assert detail.endswith(".pdf")
    dialog.grab().save(str(tmp_path / "print-queue.png"))  # looked at by hand while writing this test
    dialog.close()


def test_a_note_for_someone_else_never_lands_on_the_current_verdict(desk: Any, qtbot: Any) -> None:
    desk.home.setFocus()
    with qtbot.waitSignal(desk.panel.painted, timeout=5000):
        qtbot.keyClicks(desk.home, "MWC-RU-003")
        qtbot.keyClick(desk.home, Qt.Key.Key_Return)
    before = desk.panel.texts()
    assert desk.panel.add_note("someone-else", "Badge printed without the native name: no font for Linear B.") is False
    assert desk.panel.texts() == before
