"""Walk-ins and edits through the core operations (venue_app.ops.people, fields, problems): every
refusal names its field and writes nothing; what is accepted is stored clean and searchable."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest

from venue_app.errors import ConfigError
from venue_app.ops import InvalidInput, check_walkin, edit_attendee, register_walkin
from venue_app.search import search


def _log_size(station: Any) -> int:
    return int(station.replica.one("SELECT count(*) FROM log")[0])


def _refused(station: Any, fields: dict[str, Any], **kwargs: Any) -> dict[str, str]:
    """field → problem code of a refused walk-in, after checking nothing was written."""
    before = (_log_size(station), station.status()["attendees"])
    with pytest.raises(InvalidInput) as refused:
        register_walkin(station, fields, **kwargs)
    assert (_log_size(station), station.status()["attendees"]) == before
    assert isinstance(refused.value, ConfigError)  # the CLI exits with the usage/data code
    return {p.field: p.code for p in refused.value.problems}


def test_a_walk_in_is_stored_clean_with_the_name_order_of_the_country(station: Any) -> None:
    walk_in = register_walkin(station, {"given_name": " Xiuying ", "family_name": "Wang", "native_name": "王秀英",
                                        "country": "China", "category": "DELEGATE", "email": "xy.wang@gzhu.edu.cn",
                                        "name_order": ""}, operator="desk-anna", check_in=True)
    a = walk_in.attendee
    assert (a["given_name"], a["country"], a["name_order"], a["status"]) == ("Xiuying", "CN", "family-first", "active")
    created = station.replica.one("SELECT type, operator, payload FROM log WHERE id = ?", (walk_in.event_id,))
    assert (created["type"], created["operator"]) == ("attendee_created", "desk-anna")
    # created and checked in together, the check-in marked as a walk-in
    checkin = station.replica.one("SELECT payload FROM log WHERE id = ?", (walk_in.checkin_event_id,))
    assert json.loads(checkin[0]) == {"attendee_id": a["id"], "walk_in": True}
    assert station.replica.one("SELECT 1 FROM checkins WHERE attendee_id = ?", (a["id"],)) is not None
    assert [r["id"] for r in search(station.replica.reader(), "王秀英")][:1] == [a["id"]]
    # a French walk-in keeps given name first; an explicit order wins over the country
    fr = register_walkin(station, {"given_name": "Anne", "family_name": "Roux", "country": "fr",
                                   "category": "PRESS"}).attendee
    assert (fr["country"], fr["name_order"]) == ("FR", "given-first")
    assert fr["id"] and station.replica.one("SELECT 1 FROM checkins WHERE attendee_id = ?", (fr["id"],)) is None
    hu = register_walkin(station, {"family_name": "Nagy", "country": "HU", "name_order": "given-first",
                                   "category": "PRESS"}).attendee
    assert hu["name_order"] == "given-first"


def test_names_are_stored_in_one_unicode_form(station: Any) -> None:
    decomposed = unicodedata.normalize("NFD", "Amélie Núñez")
    given, family = decomposed.split(" ")
    a = register_walkin(station, {"given_name": given, "family_name": family, "category": "PRESS"}).attendee
    assert a["given_name"] == "Amélie" and a["family_name"] == "Núñez"
    assert unicodedata.is_normalized("NFC", a["given_name"] + a["family_name"])
    assert a["id"] in [r["id"] for r in search(station.replica.reader(), "amelie nunez")]


def test_every_problem_is_named_by_its_field_and_nothing_is_written(station: Any) -> None:
    assert _refused(station, {}) == {"name": "name_missing", "category": "category_missing"}
    assert _refused(station, {"given_name": "  ", "family_name": "", "category": "PRESS"}) == {"name": "name_missing"}
    assert _refused(station, {"given_name": "Eve\x07", "category": "PRESS"}) == {"given_name": "control_characters"}
    assert _refused(station, {"given_name": "Ana", "country": "Atlantis", "email": "ana@", "category": "NOPE",
                              "honorific": "x" * 1001}) == {
        "country": "unknown_country", "email": "bad_email", "category": "unknown_category", "honorific": "too_long"}
    assert _refused(station, {"given_name": "Ana", "category": "PRESS", "code": "AB 12"}) == {"code": "bad_code"}
    assert _refused(station, {"given_name": "Ana", "category": "PRESS", "shoe_size": "42"}) == {
        "shoe_size": "unknown_field"}
    # a walk-in is registered active: cancel or block them afterwards, with a reason
    assert _refused(station, {"given_name": "Ana", "category": "PRESS", "status": "blocked"}) == {
        "status": "unknown_field"}
    # a code that belongs to someone is refused under the writer, whatever its case or spacing
    assert _refused(station, {"given_name": "Ana", "category": "PRESS", "code": "mwc-zh-001"}) == {
        "code": "code_taken"}
    with pytest.raises(InvalidInput) as refused:
        register_walkin(station, {"given_name": "Eve", "country": "Atlantis"})
    text = str(refused.value)
    assert text.startswith("walk-in not registered:") and "country: unknown country 'Atlantis'" in text
    assert "category: a walk-in needs a category" in text


def test_a_form_gets_the_same_answer_before_anything_is_written() -> None:
    record, problems = check_walkin({"given_name": "Ana", "country": "Brazil", "category": "PRESS"}, {"PRESS"})
    assert problems == [] and record == {"given_name": "Ana", "country": "BR", "category": "PRESS",
                                         "name_order": "given-first"}
    _record, problems = check_walkin({"native_name": "王伟", "category": "MAYOR"}, {"PRESS"})
    assert [(p.field, p.code) for p in problems] == [("category", "unknown_category")]
    # a station without a program knows no categories yet: any category is taken
    assert check_walkin({"native_name": "王伟", "category": "MAYOR"}, set())[1] == []


def test_an_edit_records_only_what_changes_and_cancelling_needs_a_reason(station: Any) -> None:
    before = _log_size(station)
    edit = edit_attendee(station, "MWC-RU-003", {"organisation": "TASS", "category": "PRESS", "country": "ru"})
    assert edit.previous == {"organisation": ""} and edit.attendee["organisation"] == "TASS"
    payload = json.loads(station.replica.one("SELECT payload FROM log WHERE id = ?", (edit.event_id,))[0])
    assert payload["fields"] == {"organisation": "TASS"}
    again = edit_attendee(station, "MWC-RU-003", {"organisation": " TASS "})
    assert again.event_id is None and again.previous == {} and _log_size(station) == before + 1

    for status in ("cancelled", "blocked"):
        with pytest.raises(InvalidInput) as refused:
            edit_attendee(station, "MWC-RU-003", {"status": status}, reason="   ")
        assert [(p.field, p.code) for p in refused.value.problems] == [("reason", "reason_missing")]
        assert f"status {status} needs a reason" in str(refused.value)
    assert station.attendee("MWC-RU-003")["status"] == "active" and _log_size(station) == before + 1

    cancelled = edit_attendee(station, "MWC-RU-003", {"status": "cancelled"}, reason="left early",
                              operator="Sam Supervisor")
    assert cancelled.attendee["status"] == "cancelled" and cancelled.attendee["notes"] == "cancelled: left early"
    row = station.replica.one("SELECT operator, payload FROM log WHERE id = ?", (cancelled.event_id,))
    assert row["operator"] == "Sam Supervisor" and json.loads(row["payload"])["reason"] == "left early"
    assert station.scan("MWC-RU-003").status == "cancelled"
    # undo: the previous values are an edit of their own; back to active needs no reason
    restored = edit_attendee(station, "MWC-RU-003", cancelled.previous)
    assert restored.attendee["status"] == "active" and restored.attendee["notes"] == ""


def test_an_edit_refuses_unknown_fields_bad_values_a_taken_code_and_unknown_people(station: Any) -> None:
    before = _log_size(station)
    with pytest.raises(InvalidInput) as refused:
        edit_attendee(station, "MWC-RU-003", {"shoe_size": "42", "email": "nope", "name_order": "sideways",
                                              "status": "gone"})
    assert {p.field: p.code for p in refused.value.problems} == {
        "shoe_size": "unknown_field", "email": "bad_email", "name_order": "bad_name_order", "status": "bad_status"}
    with pytest.raises(InvalidInput) as refused:
        edit_attendee(station, "MWC-RU-003", {"code": "MWC-ZH-001"})
    assert [p.code for p in refused.value.problems] == ["code_taken"]
    with pytest.raises(InvalidInput):
        edit_attendee(station, "MWC-RU-003", {})
    with pytest.raises(ConfigError, match="no attendee"):
        edit_attendee(station, "NOPE", {"notes": "x"})
    assert _log_size(station) == before
    # one's own code again (another spelling) is not "taken"
    assert edit_attendee(station, "MWC-RU-003", {"code": "MWC-RU-003"}).event_id is None
