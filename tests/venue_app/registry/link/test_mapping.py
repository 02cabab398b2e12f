"""pretix positions → attendee records: name schemes, statuses, categories (pure functions, shapes as pretix
2026.8.0 answers them on ``orders/``)."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from venue_app.registry.link.core import load_category_map
from venue_app.registry.link.mapping import category_code, map_position
from venue_app.registry.upsert import check_record

ITEMS = {1: "Delegate", 2: "Speaker", 3: "Press & Media", 4: "Staff"}


def position(parts: dict[str, Any] | None, name: str = "", **extra: Any) -> dict[str, Any]:
    return {"id": 17, "positionid": 1, "item": 1, "attendee_name": name, "attendee_name_parts": parts,
            "secret": "r2amyyv57e6b4mq2huxgd2x7tbu97p7f", "company": None, "country": None, "city": None,
            "attendee_email": "a@wc13.example", "canceled": False, "blocked": None, "checkins": [], **extra}


def order(status: str = "p", **extra: Any) -> dict[str, Any]:
    return {"code": "UDLAX", "status": status, "email": "buyer@wc13.example", "locale": "zh", "phone": None,
            "valid_if_pending": False, **extra}


def mapped(pos: dict[str, Any], od: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    return map_position(pos, od or order(), organizer="metropolis", event="wc13", items=ITEMS, **kw)


@pytest.mark.parametrize(("parts", "full", "expect"), [
    ({"_scheme": "given_family", "given_name": "Zoë", "family_name": "Müller"}, "Zoë Müller",
     {"given_name": "Zoë", "family_name": "Müller", "name_order": "given-first", "native_name": ""}),
    ({"_scheme": "family_nospace_given", "given_name": "伟", "family_name": "张"}, "张伟",
     {"given_name": "伟", "family_name": "张", "name_order": "family-first"}),
    ({"_scheme": "full_transcription", "full_name": "山田花子", "latin_transcription": "Yamada Hanako"}, "山田花子",
     {"native_name": "山田花子", "given_name": "Yamada Hanako", "family_name": ""}),
    ({"_scheme": "full", "full_name": "Dr. Wolfgang Amadeus Mozart"}, "Dr. Wolfgang Amadeus Mozart",
     {"given_name": "Dr. Wolfgang Amadeus Mozart", "family_name": ""}),
    ({"_scheme": "salutation_title_given_family", "salutation": "Mr", "title": "H.E.", "given_name": "Kwame",
      "family_name": "Mensah"}, "Mr H.E. Kwame Mensah",
     {"honorific": "Mr H.E.", "given_name": "Kwame", "family_name": "Mensah"}),
    ({"_scheme": "given_family", "given_name": "Suharto"}, "Suharto", {"given_name": "Suharto", "family_name": ""}),
    (None, "", {"given_name": "", "family_name": "", "native_name": ""}),
])
def test_names_follow_the_positions_own_scheme(parts: dict[str, Any] | None, full: str,
                                               expect: dict[str, str]) -> None:
    fields = mapped(position(parts, full))["fields"]
    assert {k: fields[k] for k in expect} == expect


def test_decomposed_accents_stay_as_sent_and_the_upsert_normalises_them() -> None:
    nfd = unicodedata.normalize("NFD", "Zoë")
    rec = mapped(position({"_scheme": "given_family", "given_name": nfd, "family_name": "Renée"}))
    _, fields = check_record({"external_id": "17", **rec["fields"], "status": rec["status"]})
    assert fields["given_name"] == "Zoë"  # NFC: the same name typed elsewhere compares equal


@pytest.mark.parametrize(("pos_extra", "od", "status"), [
    ({}, order("p"), "active"),
    ({}, order("n"), "blocked"),
    ({}, order("n", valid_if_pending=True), "active"),
    ({}, order("c"), "cancelled"),
    ({}, order("e"), "cancelled"),
    ({"canceled": True}, order("p"), "cancelled"),
    ({"blocked": ["admin"]}, order("p"), "blocked"),
    ({"canceled": True, "blocked": ["admin"]}, order("p"), "cancelled"),
])
def test_order_and_position_states(pos_extra: dict[str, Any], od: dict[str, Any], status: str) -> None:
    assert mapped(position({"_scheme": "given_family", "given_name": "A"}, **pos_extra), od)["status"] == status


def test_a_secret_on_the_blocked_list_is_blocked() -> None:
    pos = position({"_scheme": "given_family", "given_name": "A"})
    assert mapped(pos, blocked_secrets=frozenset({pos["secret"]}))["status"] == "blocked"


def test_fields_code_category_and_external_id() -> None:
    pos = position({"_scheme": "given_family", "given_name": "Minh", "family_name": "Khai"}, item=3,
                   company="서울교통공사", country="kr", attendee_email=None)
    rec = mapped(pos)
    assert (rec["source"], rec["external_id"]) == ("pretix:metropolis/wc13", "17")
    assert rec["fields"]["code"] == "r2amyyv57e6b4mq2huxgd2x7tbu97p7f"
    assert rec["fields"]["organisation"] == "서울교통공사" and rec["fields"]["country"] == "KR"
    assert rec["fields"]["email"] == "buyer@wc13.example"  # the order's address when the position has none
    assert rec["fields"]["category"] == "PRESS_MEDIA"
    # every field is one the registry's upsert takes, and passes its checks
    external_id, fields = check_record({"external_id": "17", **rec["fields"], "status": rec["status"]})
    assert external_id == "17" and fields["status"] == "active"


def test_category_map_by_name_or_item_id(tmp_path) -> None:
    assert category_code("Delegate", {"Delegate": "DEL"}, 1) == "DEL"
    assert category_code("Speaker", {"2": "SPK"}, 2) == "SPK"
    assert category_code("Staff", {"Delegate": "DEL"}, 4) == "STAFF"
    assert category_code("Presse & Médias", None, 9) == "PRESSE_MÉDIAS"
    assert category_code("!!!", None, 9) == "ITEM_9"
    json_map = tmp_path / "map.json"
    json_map.write_text('{"Delegate": "DEL", "Press & Media": "PRESS"}', "utf-8")
    assert load_category_map(json_map) == {"Delegate": "DEL", "Press & Media": "PRESS"}
    csv_map = tmp_path / "map.csv"
    csv_map.write_text("# item,category\nDelegate,DEL\n\"Press, Media\",PRESS\n", "utf-8")
    assert load_category_map(csv_map) == {"Delegate": "DEL", "Press, Media": "PRESS"}


def test_a_bad_category_map_is_refused_in_words(tmp_path) -> None:
    from venue_app.registry.errors import InvalidInput

    bad = tmp_path / "bad.csv"
    bad.write_text("Delegate\n", "utf-8")
    with pytest.raises(InvalidInput, match="line 1"):
        load_category_map(bad)
    with pytest.raises(InvalidInput, match="cannot read"):
        load_category_map(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", "utf-8")
    with pytest.raises(InvalidInput, match="not valid JSON"):
        load_category_map(broken)

