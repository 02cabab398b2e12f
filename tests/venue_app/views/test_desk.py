"""The desk's read model (venue_app.views.desk) on a real replica: what the search, the progress
line, the person's check-in and the delegation panel show."""

from __future__ import annotations

from typing import Any

from venue_app.views.desk import arrivals, categories, checkin_state, delegation_members, delegations, search_people


def test_search_marks_who_checked_in(station: Any) -> None:
    assert station.scan("MWC-ZH-001").status == "ok"
    found = {r["code"]: r["checked_in"] for r in search_people(station, "mwc")}
    assert found["MWC-ZH-001"] is True and found["MWC-ES-002"] is False
    assert search_people(station, "王") and search_people(station, "王")[0]["code"] == "MWC-ZH-001"
    assert search_people(station, "nobody-at-all") == []


def test_arrivals_count_active_registrations_and_checkins(station: Any) -> None:
    assert arrivals(station) == (0, 3)  # one cancelled, one blocked of five
    station.scan("MWC-RU-003")
    assert arrivals(station) == (1, 3)


def test_checkin_state_says_when_and_where(station: Any) -> None:
    ivan = station.attendee("MWC-RU-003")
    assert checkin_state(station, ivan["id"]) is None
    assert station.scan("MWC-RU-003").status == "ok"
    state = checkin_state(station, ivan["id"])
    assert state is not None and (state["station"], state["count"]) == ("Desk A", 1)
    assert state["station_id"] == station.station_id and state["at"].startswith("20")


def test_categories_and_delegations(station: Any) -> None:
    cats = categories(station)
    assert set(cats) >= {"MAYOR", "DELEGATE", "PRESS", "SPEAKER"}
    label, color = cats["MAYOR"]
    assert label == "Mayor" and color.startswith("#")
    station.scan("MWC-ZH-001")
    assert {d["name"]: (d["members"], d["arrived"]) for d in delegations(station)} == {"Barcelona": (1, 0),
                                                                                       "Guangzhou": (1, 1)}
    members = delegation_members(station, "Guangzhou")
    assert [(m["code"], m["arrived"], m["badges"]) for m in members] == [("MWC-ZH-001", 1, 0)]
    assert delegation_members(station, "Atlantis") == []
