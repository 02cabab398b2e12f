"""The attendee page calls the core's operations: cancelling or blocking without a reason is refused
(as ``venue-app station edit`` refuses it), the edit form names bad values under their fields, and a
check-in by hand gets the engine's refusals."""

from __future__ import annotations

from typing import Any

from devices.events import ScanEvent
from ui.attendee import EditDialog
from ui.supervisor import Approval
from ui.walkin import PROBLEM_WORDS


def _open(desk: Any, qtbot: Any, code: str) -> dict[str, Any]:
    person = desk.ctx.station.attendee(code)
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.open_attendee(person["id"])
    return person


def _log_size(station: Any) -> int:
    return int(station.replica.one("SELECT count(*) FROM log")[0])


def test_cancel_or_block_without_a_reason_is_refused_in_words(desk: Any, qtbot: Any) -> None:
    person = _open(desk, qtbot, "MWC-ES-002")
    station = desk.ctx.station
    before = _log_size(station)
    for status in ("cancelled", "blocked"):
        # an approval whose reason is blank (another asker, a script): the core still says no
        with qtbot.waitSignal(desk.attendee.refused, timeout=5000) as refused:
            desk.attendee.set_status(status, approval=Approval("Sam Supervisor", "  "))
        assert refused.args[0] == PROBLEM_WORDS["reason_missing"]
        assert "NOT SAVED" in desk.panel.texts() and PROBLEM_WORDS["reason_missing"] in desk.panel.texts()
    assert station.attendee(person["id"])["status"] == "active" and _log_size(station) == before
    assert desk.ctx.tasks.errors == []
    # with a reason: recorded in the event and the notes, and undone with Ctrl+Z
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.attendee.set_status("blocked", approval=Approval("Sam Supervisor", "threatened staff"))
    after = station.attendee(person["id"])
    assert after["status"] == "blocked" and after["notes"] == "blocked: threatened staff"
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        desk.handle_scan(ScanEvent("test", b"MWC-ES-002", "MWC-ES-002", 0.0))
    assert shown.args == ["blocked"]
    with qtbot.waitSignal(desk.undone, timeout=5000):
        desk.undo_last()
    assert station.attendee(person["id"])["status"] == "active"


def test_the_edit_form_names_bad_values_under_their_fields(desk: Any, qtbot: Any) -> None:
    person = _open(desk, qtbot, "MWC-RU-003")
    dialog = EditDialog(person, desk.ctx.categories, desk)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["email"].setText("ivan@")
    dialog.fields["country"].setText("Atlantis")
    dialog.fields["organisation"].setText("TASS\x07")
    dialog.accept()
    shown = {k: h.text() for k, h in dialog.hints.items() if h.isVisibleTo(dialog)}
    assert shown == {"email": PROBLEM_WORDS["bad_email"], "country": PROBLEM_WORDS["unknown_country"],
                     "organisation": PROBLEM_WORDS["control_characters"]}
    assert dialog.isVisible() and dialog.result() == 0  # still open: nothing to save yet
    dialog.fields["email"].setText("ivan@tass.ru")
    dialog.fields["country"].setText("Russia")
    dialog.fields["organisation"].setText("TASS")
    dialog.accept()
    assert dialog.result() == 1 and not any(h.isVisibleTo(dialog) for h in dialog.hints.values())
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.attendee.edit(dialog.values())
    saved = desk.ctx.station.attendee(person["id"])
    assert (saved["email"], saved["country"], saved["organisation"]) == ("ivan@tass.ru", "RU", "TASS")


def test_an_edit_the_core_refuses_is_said_and_not_saved(desk: Any, qtbot: Any) -> None:
    person = _open(desk, qtbot, "MWC-RU-003")
    before = _log_size(desk.ctx.station)
    with qtbot.waitSignal(desk.attendee.refused, timeout=5000) as refused:
        desk.attendee.edit({"email": "not an address", "category": "NO-SUCH"})
    assert refused.args[0] == f"{PROBLEM_WORDS['bad_email']} {PROBLEM_WORDS['unknown_category']}"
    assert _log_size(desk.ctx.station) == before
    assert desk.ctx.station.attendee(person["id"])["email"] == ""


def test_by_hand_a_blocked_person_gets_the_verdict_of_a_scan(desk: Any, qtbot: Any) -> None:
    _open(desk, qtbot, "MWC-KR-005")
    before = _log_size(desk.ctx.station)
    with qtbot.waitSignal(desk.attendee.verdict, timeout=5000) as shown:
        desk.attendee.check_in()
    assert shown.args[0].status == "blocked" and _log_size(desk.ctx.station) == before
