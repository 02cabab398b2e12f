"""What the status bar, the print service and the self-test read (venue_app.views.status)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from venue_app.ops.undo import undo_checkin
from venue_app.views.status import integrity, logged_checkins, outbox_count, printer_states


def test_outbox_and_logged_checkins_follow_the_log(station: Any) -> None:
    assert (outbox_count(station), logged_checkins(station)) == (0, 0)
    verdict = station.scan("MWC-ZH-001")
    undo_checkin(station, verdict.event_id)
    assert (outbox_count(station), logged_checkins(station)) == (2, 1)  # the voided check-in is still logged


def test_printer_states_count_only_this_printer(station: Any) -> None:
    assert printer_states(station, "pdf:/tmp/out") == {"sent": 0, "held": 0}


def test_integrity_of_a_good_and_of_a_damaged_file(station: Any, tmp_path: Path) -> None:
    assert integrity(station.paths.replica) == "ok"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert integrity(junk).startswith("unreadable (")
