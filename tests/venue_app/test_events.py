"""The event schemas at the boundary: every kind's valid and invalid payloads; the station refuses to
record a malformed event and skips one pulled from a feed; the registry (SQLite and PostgreSQL, in the
store and over HTTP) refuses it with ``invalid_payload`` and neither stores nor forwards it."""

from __future__ import annotations

import ast
import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.venue_app.registry.conftest import (
    BACKENDS,
    _skip_without_pg,
    database,
    enroll_in_store,
    enroll_station,
    make_registry,
    read_feed,
    running_server,
)
from venue_app import eventlog, events
from venue_app.errors import ConfigError
from venue_app.events import (
    INVALID_PAYLOAD,
    SCHEMAS,
    AttendeeKey,
    Choice,
    EventId,
    FieldEdits,
    Flag,
    InvalidEvent,
    Key,
    ListOf,
    Nullable,
    Record,
    Spec,
    Text,
    Whole,
)
from venue_app.hlc import Clock
from venue_app.ids import uuid7
from venue_app.ops.override import override
from venue_app.ops.rooms import adjust_count
from venue_app.ops.undo import undo_checkin
from venue_app.program import program as demo_program
from venue_app.registry.protocol import FeedItem, FeedPage
from venue_app.sync.apply import apply_page

ROOT = Path(__file__).resolve().parents[2]
EVENT = str(uuid.UUID("01938a5e-0000-7000-8000-000000000001"))

#: per kind: payloads as the code records them (valid) and broken ones with the path refused
VALID: dict[str, list[dict[str, Any]]] = {
    "checkin": [{"attendee_id": "a-1"}, {"badge_serial": "AAAABBBBCCCCD", "category": "DELEGATE"},
                {"attendee_id": "a-1", "badge_serial": "AAAABBBBCCCCD"}, {"attendee_id": "a-1", "override": EVENT},
                {"attendee_id": "a-1", "manual": True, "on_behalf": "Li Na"}, {"attendee_id": "a-1", "walk_in": True}],
    "checkin_voided": [{"checkin_event_id": EVENT, "attendee_id": "a-1", "reason": "undone at the desk"},
                       {"checkin_event_id": EVENT, "attendee_id": None, "reason": ""}],
    "room_entry": [{"attendee_id": "a-1", "room_id": "plenary"},
                   {"badge_serial": "S1", "room_id": "ws-1", "session_id": "d1-ws-1-0900", "from_room": "expo"},
                   {"attendee_id": "a-1", "room_id": "unknown-room", "direction": "in"}],
    "room_exit": [{"attendee_id": "a-1", "room_id": "plenary"},
                  {"badge_serial": "S1", "room_id": "x", "not_inside": True},
                  {"attendee_id": "a-1", "room_id": "plenary", "reason": "session ended", "direction": "out"}],
    "occupancy_adjust": [{"room_id": "plenary", "delta": 1}, {"room_id": "r", "delta": -events.MAX_ADJUST},
                         {"room_id": "r", "delta": events.MAX_ADJUST, "reason": "recount", "anonymous": False}],
    "badge_issued": [{"serial": "S2", "attendee_id": "a-1"},
                     {"serial": "S2", "attendee_id": "a-1", "category": "DEL", "key_id": "k", "token": "T" * 180,
                      "supersedes": ["S1", "S0"], "reason": "reprint"},
                     {"serial": "S1", "attendee_id": "a-1", "supersedes": ["S1"]}],
    "badge_revoked": [{"serial": "S1"}, {"serial": "S1", "attendee_id": "a-1", "reason": "lost"}],
    "attendee_created": [{"attendee": {"id": "w-1"}},
                         {"attendee": {"id": "w-1", "given_name": "José", "native_name": "王伟", "status": "active",
                                       "name_order": "family-first", "code": "WALK-1", "notes": "n" * 2000}},
                         {"attendee": {"id": "w-1", "status": None, "email": None}}],
    "attendee_updated": [{"attendee_id": "a-1", "fields": {"organisation": "City of Lyon"}},
                         {"attendee_id": "a-1", "fields": {"status": "cancelled", "notes": "cancelled: left"},
                          "reason": "left"},
                         {"attendee_id": "unknown-person", "fields": {"code": None, "email": ""}}],
    "override": [{"attendee_id": "a-1", "reason": "protocol office", "verdict": "not_allowed"}],
    "print_job": [{"job_id": "j-1", "outcome": "done"},
                  {"job_id": "j-1", "attendee_id": "a-1", "outcome": "failed", "reason": "paper out", "serial": "",
                   "backend": "pdf", "backend_ref": None, "attempts": 3, "template": "a6", "target": "",
                   "printer_state": "", "printer_reason": ""}],
}

INVALID: dict[str, list[tuple[dict[str, Any], str]]] = {
    "checkin": [({}, "payload"), ({"attendee_id": ""}, "payload.attendee_id"),
                ({"attendee_id": 42}, "payload.attendee_id"), ({"attendee_id": None}, "payload.attendee_id"),
                ({"attendee_id": "badge:S1"}, "payload.attendee_id"),
                ({"badge_serial": ["S1"]}, "payload.badge_serial"),
                ({"attendee_id": "a", "override": "yes"}, "payload.override"),
                ({"attendee_id": "a", "manual": 1}, "payload.manual"), ({"attendee_id": "a", "atendee": "b"},
                                                                       "payload.atendee")],
    "checkin_voided": [({}, "payload.checkin_event_id"), ({"checkin_event_id": "e1"}, "payload.checkin_event_id"),
                       ({"checkin_event_id": EVENT.upper()}, "payload.checkin_event_id"),
                       ({"checkin_event_id": 7}, "payload.checkin_event_id")],
    "room_entry": [({"attendee_id": "a"}, "payload.room_id"), ({"room_id": "r"}, "payload"),
                   ({"attendee_id": "a", "room_id": 3}, "payload.room_id"),
                   ({"attendee_id": "a", "room_id": ["r"]}, "payload.room_id"),
                   ({"attendee_id": "a", "room_id": {"id": "r"}}, "payload.room_id"),
                   ({"attendee_id": "a", "room_id": None}, "payload.room_id"),
                   ({"attendee_id": "a", "room_id": "r" * 129}, "payload.room_id"),
                   ({"attendee_id": "a", "room_id": "r\x00"}, "payload.room_id"),
                   ({"attendee_id": "a", "room_id": "r", "direction": "out"}, "payload.direction")],
    "room_exit": [({"attendee_id": "a", "room_id": "r", "not_inside": "yes"}, "payload.not_inside"),
                  ({"badge_serial": 5, "room_id": "r"}, "payload.badge_serial")],
    "occupancy_adjust": [({"room_id": "r", "delta": 1_000_000}, "payload.delta"),
                         ({"room_id": "r", "delta": -events.MAX_ADJUST - 1}, "payload.delta"),
                         ({"room_id": "r", "delta": 0}, "payload.delta"),
                         ({"room_id": "r", "delta": True}, "payload.delta"),
                         ({"room_id": "r", "delta": 1.0}, "payload.delta"),
                         ({"room_id": "r", "delta": "1"}, "payload.delta"),
                         ({"room_id": "r"}, "payload.delta"), ({"delta": 1}, "payload.room_id"),
                         ({"room_id": 1, "delta": 1}, "payload.room_id")],
    "badge_issued": [({"serial": "S", "attendee_id": "a", "supersedes": "S0"}, "payload.supersedes"),
                     ({"serial": "S", "attendee_id": "a", "supersedes": [1]}, "payload.supersedes[0]"),
                     ({"serial": "S", "attendee_id": "a", "supersedes": ["S0", None]}, "payload.supersedes[1]"),
                     ({"serial": "S", "attendee_id": "a", "supersedes": {"S0": True}}, "payload.supersedes"),
                     ({"serial": "S", "attendee_id": "a", "supersedes": ["s"] * 101}, "payload.supersedes"),
                     ({"serial": "S", "attendee_id": "a", "category": None}, "payload.category"),
                     ({"serial": "S"}, "payload.attendee_id"), ({"serial": 12, "attendee_id": "a"}, "payload.serial")],
    "badge_revoked": [({"serial": 12345}, "payload.serial"), ({"serial": ["S1"]}, "payload.serial"),
                      ({"serial": ""}, "payload.serial"), ({}, "payload.serial"),
                      ({"serial": "S1", "reason": 5}, "payload.reason")],
    "attendee_created": [({}, "payload.attendee"), ({"attendee": {"given_name": "A"}}, "payload.attendee.id"),
                         ({"attendee": "w-1"}, "payload.attendee"),
                         ({"attendee": {"id": "w", "shoe_size": "44"}}, "payload.attendee.shoe_size"),
                         ({"attendee": {"id": "w", "status": "gone"}}, "payload.attendee.status"),
                         ({"attendee": {"id": "w", "phone": 123}}, "payload.attendee.phone"),
                         ({"attendee": {"id": "w", "notes": "n" * 2001}}, "payload.attendee.notes")],
    "attendee_updated": [({"attendee_id": "a", "fields": {"shoe_size": "44"}}, "payload.fields.shoe_size"),
                         ({"attendee_id": "a", "fields": {"first name": "x"}}, "payload.fields['first name']"),
                         ({"attendee_id": "a", "fields": {}}, "payload.fields"),
                         ({"attendee_id": "a", "fields": [["organisation", "x"]]}, "payload.fields"),
                         ({"attendee_id": "a", "fields": {"status": None}}, "payload.fields.status"),
                         ({"attendee_id": "a", "fields": {"name_order": "last-first"}}, "payload.fields.name_order"),
                         ({"attendee_id": "a", "fields": {"organisation": True}}, "payload.fields.organisation"),
                         ({"fields": {"organisation": "x"}}, "payload.attendee_id")],
    "override": [({"attendee_id": "a", "reason": "  "}, "payload.reason"), ({"attendee_id": "a"}, "payload.reason")],
    "print_job": [({"job_id": "j", "outcome": "done", "attempts": "3"}, "payload.attempts"),
                  ({"outcome": "done"}, "payload.job_id")],
}


def test_every_kind_is_declared_once_for_both_sides() -> None:
    from venue_app import rules
    from venue_app.registry import store

    # one rule per kind, which the station and the registry both apply
    assert set(SCHEMAS) == set(eventlog.EVENT_TYPES) == set(rules.APPLIERS)
    assert not hasattr(eventlog, "_APPLIERS") and not hasattr(store, "_APPLIERS")
    assert set(VALID) == set(INVALID) == set(SCHEMAS)


def test_every_kind_the_code_records_has_a_schema() -> None:
    """Event types our code passes as literals to ``record`` / ``new_event`` (core, ui, printing)."""
    recorded: set[str] = set()
    for package in ("venue_app", "ui", "printing", "devices"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr in ("record", "new_event") and node.args
                        and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                    recorded.add(node.args[0].value)
    assert {"checkin", "checkin_voided", "badge_issued", "override", "occupancy_adjust", "print_job"} <= recorded
    assert recorded <= set(SCHEMAS), recorded - set(SCHEMAS)


@pytest.mark.parametrize(("kind", "payload"), [(k, p) for k, ps in VALID.items() for p in ps])
def test_valid_payloads_pass_unchanged(kind: str, payload: dict[str, Any]) -> None:
    before = json.dumps(payload, ensure_ascii=False)
    assert events.check(kind, payload) is None
    events.validate(kind, payload)
    assert json.dumps(payload, ensure_ascii=False) == before  # checking never normalises


@pytest.mark.parametrize(("kind", "payload", "path"), [(k, p, path) for k, cases in INVALID.items()
                                                       for p, path in cases])
def test_invalid_payloads_are_refused_with_the_field(kind: str, payload: dict[str, Any], path: str) -> None:
    problem = events.check(kind, payload)
    assert problem is not None and problem.code == INVALID_PAYLOAD
    assert problem.path == path, str(problem)
    assert str(problem).startswith(f"{path}: ") and len(problem.message) > 8
    with pytest.raises(InvalidEvent) as raised:
        events.validate(kind, payload)
    assert raised.value.code == INVALID_PAYLOAD and path in str(raised.value) and kind in str(raised.value)


def test_unknown_types_and_non_objects() -> None:
    for kind in ("teleport", "", None, 5):
        problem = events.check(kind, {})  # type: ignore[arg-type]
        assert problem is not None and (problem.code, problem.path) == (events.UNKNOWN_TYPE, "type")
    for payload in (None, [], "checkin", 5):
        problem = events.check("checkin", payload)
        assert problem is not None and (problem.code, problem.path) == (INVALID_PAYLOAD, "payload")


# -- strategies derived from the declaration ---------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=40)


def strategy(spec: Spec) -> st.SearchStrategy[Any]:
    """Valid values of ``spec``, read from the declaration itself."""
    if isinstance(spec, Nullable):
        return st.none() | strategy(spec.spec)
    if isinstance(spec, Choice):
        return st.sampled_from(spec.values)
    if isinstance(spec, Key):
        keys = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1,
                       max_size=spec.max_chars) | st.just("k" * spec.max_chars)
        return keys.filter(lambda k: k.strip() and not (isinstance(spec, AttendeeKey) and k.startswith("badge:")))
    if isinstance(spec, Text):
        return (_TEXT | st.just("t" * spec.max_chars)).filter(lambda t: spec.blank or t.strip())
    if isinstance(spec, EventId):
        return st.uuids().map(str)
    if isinstance(spec, Flag):
        return st.booleans()
    if isinstance(spec, Whole):
        return st.integers(spec.low, spec.high).filter(lambda n: spec.zero or n != 0)
    if isinstance(spec, ListOf):
        return st.lists(strategy(spec.item), max_size=min(spec.max_items, 4)) | st.just(["s"] * spec.max_items)
    if isinstance(spec, Record):
        optional = {n: strategy(s) for n, s in spec.fields.items() if n not in spec.required}
        return st.fixed_dictionaries({n: strategy(spec.fields[n]) for n in spec.required}, optional=optional).filter(
            lambda d: all(any(n in d for n in names) for names in spec.any_of))
    if isinstance(spec, FieldEdits):
        return st.fixed_dictionaries({}, optional={n: strategy(s) for n, s in spec.values.items()}).filter(bool)
    raise AssertionError(f"no strategy for {spec!r}")


@st.composite
def valid_events(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(sorted(SCHEMAS)))
    schema = SCHEMAS[kind]
    payload = draw(strategy(schema.payload).filter(lambda p: all(rule(p) is None for rule in schema.rules)))
    return kind, payload


#: values of the wrong type or range for most fields
_WRONG = [None, True, 0, 1_000_000, -1.5, "", " ", "x" * 2001, "a\x00b", [], ["x", 1], {}, {"id": 1}]


@given(valid_events())
def test_generated_valid_events_pass_and_survive_the_wire(event: tuple[str, dict[str, Any]]) -> None:
    kind, payload = event
    assert events.check(kind, payload) is None
    wire = json.loads(json.dumps(payload, ensure_ascii=False))
    assert wire == payload and events.check(kind, wire) is None


@given(valid_events(), st.text(min_size=1, max_size=20), st.data())
def test_an_unknown_field_or_a_wrong_value_is_refused(event: tuple[str, dict[str, Any]], name: str,
                                                      data: st.DataObject) -> None:
    kind, payload = event
    schema = SCHEMAS[kind]
    if name not in schema.payload.fields:
        problem = events.check(kind, {**payload, name: "x"})
        assert problem is not None and problem.code == INVALID_PAYLOAD
        assert problem.path in (f"payload.{name}", f"payload[{name[:64]!r}]"), (name, str(problem))
    field = data.draw(st.sampled_from(sorted(schema.payload.fields)))
    spec = schema.payload.fields[field]
    for wrong in _WRONG:
        if spec.problem(wrong) is None:
            continue  # a value this field accepts (e.g. null where null means "not set")
        problem = events.check(kind, {**payload, field: wrong})
        assert problem is not None and problem.code == INVALID_PAYLOAD
        assert problem.path.startswith(f"payload.{field}"), (kind, field, wrong, str(problem))


# -- the station -------------------------------------------------------------------------------------

#: the review's cases: each was applied by one side and ignored by the other, or left a phantom row
REVIEW_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("occupancy_adjust", {"room_id": "plenary", "delta": 1_000_000, "reason": "typo"}, "payload.delta"),
    ("badge_issued", {"serial": "NEWSERIAL0001", "attendee_id": "a-1", "supersedes": "XYZ"}, "payload.supersedes"),
    ("badge_issued", {"serial": "NEWSERIAL0002", "attendee_id": "a-1", "supersedes": ["OLD", 7]},
     "payload.supersedes[1]"),
    ("room_entry", {"attendee_id": "a-1", "room_id": 12}, "payload.room_id"),
    ("room_exit", {"attendee_id": "a-1", "room_id": ["plenary"]}, "payload.room_id"),
    ("occupancy_adjust", {"room_id": {"id": "plenary"}, "delta": 2}, "payload.room_id"),
    ("badge_revoked", {"serial": 12345, "reason": "lost"}, "payload.serial"),
    ("attendee_updated", {"attendee_id": "a-1", "fields": {"shoe_size": "44"}}, "payload.fields.shoe_size"),
    ("attendee_created", {"attendee": {"id": "w-9", "given_name": "W", "favourite_colour": "red"}},
     "payload.attendee.favourite_colour"),
]


def _derived(conn: Any) -> dict[str, Any]:
    return {table: eventlog.snapshot(conn, table) for table in eventlog.DERIVED_TABLES}


@pytest.mark.parametrize(("kind", "payload", "path"), REVIEW_CASES)
def test_the_station_refuses_to_record_a_malformed_event(station: Any, kind: str, payload: dict[str, Any],
                                                         path: str) -> None:
    conn = station.replica.reader()
    before, logged = _derived(conn), conn.execute("SELECT count(*) FROM log").fetchone()[0]
    with pytest.raises(InvalidEvent) as raised:
        station._record(kind, payload)  # the append under every desk command, given what no command would
    assert raised.value.code == INVALID_PAYLOAD and raised.value.problem.path == path
    conn = station.replica.reader()
    assert conn.execute("SELECT count(*) FROM log").fetchone()[0] == logged
    assert _derived(conn) == before  # no phantom badge rows, no count moved


def test_user_input_gets_a_clear_error_before_it_becomes_an_event(station: Any) -> None:
    station.load_program(demo_program())
    with pytest.raises(ConfigError, match="at most 100,000"):
        adjust_count(station, "plenary", 1_000_000, reason="typo")
    assert adjust_count(station, "plenary", 3, reason="recount").count == 3


def test_what_the_station_records_in_a_day_matches_the_schemas(station: Any) -> None:
    """Real operations (desk, reprint, undo, override, door, adjust, sweep) record valid events."""
    station.load_program(demo_program())
    wang, jose = station.attendee("MWC-ZH-001"), station.attendee("MWC-ES-002")
    checked = station.scan("MWC-ZH-001")
    undo_checkin(station, checked.event_id, reason="wrong person")
    first = station.issue_badge(jose["id"])
    station.issue_badge(jose["id"], reason="lost")  # supersedes the first
    station.scan(first.token, room="plenary")  # revoked: no event
    station.scan("MWC-ES-002", room="plenary")
    station.scan("MWC-ES-002", room="expo")
    station.scan("MWC-ES-002", room="expo", direction="out")
    station.scan("MWC-ES-002", room="expo", direction="out")  # not inside
    override(station, wang["id"], reason="protocol office", supervisor="Li Na", verdict="already_checked_in")
    adjust_count(station, "plenary", 2, reason="clicker", anonymous=True)
    rows = station.replica.query("SELECT type, payload FROM log")
    kinds = {r["type"] for r in rows}
    assert {"checkin", "checkin_voided", "badge_issued", "room_entry", "room_exit", "override",
            "occupancy_adjust"} <= kinds
    for row in rows:
        assert events.check(row["type"], json.loads(row["payload"])) is None, dict(row)
    supersedes = [json.loads(r["payload"])["supersedes"] for r in rows if r["type"] == "badge_issued"]
    assert supersedes == [[], [first.serial]]


def _feed_item(seq: int, station_id: str, kind: str, payload: dict[str, Any], clock: Clock) -> FeedItem:
    ts = clock.now()
    return FeedItem(seq=seq, kind="station_event", data={
        "id": str(uuid7(ts.ms)), "hlc": str(ts), "station_id": station_id, "type": kind, "payload": payload,
        "operator": "old registry", "wall": "2026-12-01T09:00:00.000+00:00", "flags": []})


def test_a_pulled_event_that_breaks_its_schema_is_kept_aside_not_applied(station: Any,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    """A registry that checks pushes never sends such an event; these feed items stand in for an
    older registry that accepted them (the review found one that did)."""
    station.load_program(demo_program())
    other = str(uuid.uuid4())
    clock = Clock(other)
    items = [_feed_item(1, other, "occupancy_adjust", {"room_id": "plenary", "delta": 5}, clock)]
    items += [_feed_item(2 + n, other, kind, payload, clock) for n, (kind, payload, _) in enumerate(REVIEW_CASES)]
    before = _derived(station.replica.reader())
    with caplog.at_level(logging.WARNING, logger="venue_app.sync.apply"):
        result = apply_page(station, FeedPage(items=items, next=len(items), head=len(items), more=False))
    assert (result.events, result.invalid) == (1, len(REVIEW_CASES))
    conn = station.replica.reader()
    assert [r[0] for r in conn.execute("SELECT id FROM log WHERE station_id = ?", (other,))] == [items[0].data["id"]]
    after = _derived(conn)
    assert after["badges"] == before["badges"] and after["attendee_edits"] == before["attendee_edits"]
    adjusted = {r["room_id"]: r["adjust"] for r in conn.execute("SELECT * FROM room_counts") if r["adjust"]}
    assert adjusted == {"plenary": 5}
    kept = conn.execute("SELECT seq, kind, data FROM feed_unknown ORDER BY seq").fetchall()
    assert [(r["seq"], r["kind"]) for r in kept] == [(n, "station_event:invalid_payload")
                                                    for n in range(2, 2 + len(REVIEW_CASES))]
    assert json.loads(kept[0]["data"])["payload"] == REVIEW_CASES[0][1]  # kept as received
    assert int(station.replica.get_meta("feed_cursor")) == len(items)
    warned = [r.getMessage() for r in caplog.records if "not applied" in r.getMessage()]
    assert len(warned) == len(REVIEW_CASES) and "payload.delta" in warned[0]


# -- the registry ------------------------------------------------------------------------------------

@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    _skip_without_pg(request.param)
    with database(request.param, tmp_path / "db") as url:
        opened = make_registry(tmp_path / "registry", url).store()
        try:
            yield opened
        finally:
            opened.close()


def _feed(store: Any) -> list[dict[str, Any]]:
    items, _ = store.feed_page(0, 100_000)
    return [{"seq": s, "kind": k, "data": json.loads(d)} for s, k, d in items]


def test_the_registry_refuses_at_the_door_and_forwards_nothing(store: Any) -> None:
    desk = enroll_in_store(store, "Desk A")
    person = str(uuid.uuid4())
    good = [desk.event("badge_issued", {"serial": "OLDSERIAL0001", "attendee_id": person, "supersedes": []}),
            desk.event("occupancy_adjust", {"room_id": "plenary", "delta": 4, "reason": "clicker « ✓ »"}),
            desk.event("attendee_updated", {"attendee_id": "nobody-yet", "fields": {"organisation": "Ville de Lyon",
                                                                                    "notes": "王伟\n"}})]
    bad = [desk.event(kind, payload) for kind, payload, _ in REVIEW_CASES]
    head = store.head()
    result = store.ingest(desk.id, [good[0], *bad, good[1], good[2]])
    assert [r.status for r in result.results] == ["accepted", *["rejected"] * len(bad), "accepted", "accepted"]
    for r, (_, _, path) in zip(result.results[1:-2], REVIEW_CASES, strict=True):
        assert r.code == "invalid_payload" and r.message.startswith(f"{path}: "), r
    assert (result.accepted, result.rejected) == (3, len(bad))
    logged = store.event_ids()
    assert all(e["id"] in logged for e in good) and not any(e["id"] in logged for e in bad)
    forwarded = {i["data"]["id"]: i["data"] for i in _feed(store) if i["kind"] == "station_event"}
    assert set(forwarded) == {e["id"] for e in good}
    for e in good:  # byte-identical payloads: same keys, same order, same values
        assert json.dumps(forwarded[e["id"]]["payload"], ensure_ascii=False) == json.dumps(e["payload"],
                                                                                            ensure_ascii=False)
    assert {i["seq"] for i in _feed(store) if i["seq"] > head and i["data"].get("id") in {e["id"] for e in bad}} \
        == set()
    counts = {r["room_id"]: r["adjust"] for r in store.table_rows("room_counts") if r["adjust"]}
    assert counts == {"plenary": 4}
    assert {r["serial"] for r in store.table_rows("badges")} == {"OLDSERIAL0001"}  # no X, Y, Z, OLD or 7
    again = store.ingest(desk.id, bad)  # sending them again: still refused, not "duplicate"
    assert [r.code for r in again.results] == ["invalid_payload"] * len(bad)


def test_the_registry_checks_the_envelope_before_the_payload(store: Any) -> None:
    desk, other = enroll_in_store(store, "Desk A"), enroll_in_store(store, "Desk B")
    bad = {"room_id": "plenary", "delta": 1_000_000}
    result = store.ingest(desk.id, [desk.event("levitate", bad), other.event("occupancy_adjust", bad),
                                    desk.event("occupancy_adjust", bad, hlc="garbage")])
    assert [r.code for r in result.results] == ["unknown_type", "wrong_station", "malformed"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_real_registry_answers_invalid_payload_over_http(backend: str, tmp_path: Path) -> None:
    _skip_without_pg(backend)
    with database(backend, tmp_path / "db") as url, running_server(make_registry(tmp_path / "reg", url)) as server:
        desk = enroll_station(server, "Desk HTTP")
        ok = desk.event("checkin", {"attendee_id": str(uuid.uuid4())})
        bad = [desk.event(kind, payload) for kind, payload, _ in REVIEW_CASES]
        with server.client(desk.token) as client:
            r = client.post("/api/v1/events", json={"events": [ok, *bad]})
            assert r.status_code == 200, r.text
            results = r.json()["results"]
            assert [(x["status"], x["code"]) for x in results] == [("accepted", None)] + [
                ("rejected", "invalid_payload")] * len(bad)
            assert [x["message"].split(":")[0] for x in results[1:]] == [path for _, _, path in REVIEW_CASES]
            ids = [i["data"]["id"] for i in read_feed(client) if i["kind"] == "station_event"]
        assert ids == [ok["id"]]
        with server.client(server.registry.admin_token) as admin:
            summary = admin.get("/api/v1/admin/summary").json()
        assert summary["events"] == 1 and all(room["adjust"] == 0 for room in summary["rooms"])
