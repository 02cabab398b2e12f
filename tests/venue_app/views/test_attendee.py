"""The attendee page's read model (venue_app.views.attendee): the person, their check-in, badges
newest first, and the events about them newest first with the station's name."""

from __future__ import annotations

import json
from typing import Any

from venue_app.ops.badges import issue_badge
from venue_app.ops.people import edit_attendee
from venue_app.views.attendee import attendee_page


def test_the_page_holds_person_checkin_badges_and_history(station: Any) -> None:
    jose = station.attendee("MWC-ES-002")
    assert attendee_page(station, "no-such-id") is None
    empty = attendee_page(station, jose["id"])
    assert empty == {"person": jose, "checkin": None, "history": [], "badges": []}
    station.scan("MWC-ES-002")
    first = issue_badge(station, jose["id"])
    second = issue_badge(station, jose["id"], reason="lost")
    edit_attendee(station, jose["id"], {"job_title": "Deputy Mayor"})
    page = attendee_page(station, jose["id"])
    assert page is not None and page["person"]["job_title"] == "Deputy Mayor"
    assert page["checkin"]["station"] == "Desk A"
    assert [b["serial"] for b in page["badges"]] == [second.serial, first.serial]
    assert page["badges"][1]["revoked_hlc"] is not None and page["badges"][0]["revoked_hlc"] is None
    assert [h["type"] for h in page["history"]] == ["attendee_updated", "badge_issued", "badge_issued", "checkin"]
    assert {h["station"] for h in page["history"]} == {"Desk A"}
    assert json.loads(page["history"][1]["payload"])["reason"] == "lost"
