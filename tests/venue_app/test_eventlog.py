"""The event log: order independence, idempotence, and rebuild from the log."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from venue_app import eventlog
from venue_app.eventlog import DERIVED_TABLES, Event, snapshot
from venue_app.hlc import HLC, format_hlc
from venue_app.replica import connect, migrate

ATTENDEES = [f"a{i}" for i in range(5)]
ROOMS = ["plenary", "hall-b", "lounge"]
STATIONS = ["s-desk", "s-door", "s-door2"]
SERIALS = [f"SERIAL{i}" for i in range(4)]


def _template() -> sqlite3.Connection:
    conn = connect(":memory:")
    migrate(conn)
    conn.executemany("INSERT INTO attendees(id, code, code_norm, given_name, master_hlc) VALUES (?, ?, ?, ?, '')",
                     [(a, a.upper(), a.upper(), f"name-{a}") for a in ATTENDEES])
    return conn


TEMPLATE = _template()


def fresh() -> sqlite3.Connection:
    conn = connect(":memory:")
    TEMPLATE.backup(conn)
    return conn


@st.composite
def events(draw: st.DrawFn) -> list[Event]:
    out = []
    n = draw(st.integers(1, 40))
    hlcs = draw(st.lists(st.tuples(st.integers(1_000, 1_050), st.integers(0, 3), st.sampled_from(STATIONS)),
                         min_size=n, max_size=n, unique=True))
    for i, (ms, counter, station) in enumerate(hlcs):
        hlc = format_hlc(HLC(ms, counter, station))
        kind = draw(st.sampled_from(["checkin", "checkin_badge", "room_entry", "room_exit", "occupancy_adjust",
                                     "badge_issued", "badge_revoked", "attendee_updated", "attendee_created",
                                     "checkin_voided"]))
        attendee = draw(st.sampled_from(ATTENDEES))
        payload: dict[str, Any]
        type_ = kind
        if kind == "checkin":
            payload = {"attendee_id": attendee}
        elif kind == "checkin_voided":  # an undo, possibly of a check-in that arrives later
            payload = {"checkin_event_id": f"e{draw(st.integers(0, n - 1)):03d}", "reason": "undo"}
        elif kind == "checkin_badge":
            type_, payload = "checkin", {"badge_serial": draw(st.sampled_from(SERIALS))}
        elif kind in ("room_entry", "room_exit"):
            payload = {"attendee_id": attendee, "room_id": draw(st.sampled_from(ROOMS))}
        elif kind == "occupancy_adjust":
            payload = {"room_id": draw(st.sampled_from(ROOMS)), "delta": draw(st.integers(-3, 3)), "reason": "t"}
        elif kind == "badge_issued":
            serial = draw(st.sampled_from(SERIALS))  # a serial belongs to one attendee, forever
            payload = {"serial": serial, "attendee_id": ATTENDEES[SERIALS.index(serial)], "category": "X",
                       "key_id": "k", "token": "t", "supersedes": draw(st.lists(st.sampled_from(SERIALS),
                                                                                 max_size=2))}
        elif kind == "badge_revoked":
            payload = {"serial": draw(st.sampled_from(SERIALS)), "reason": draw(st.sampled_from(["lost", "x"]))}
        elif kind == "attendee_updated":
            field = draw(st.sampled_from(["given_name", "organisation", "status", "code", "name_order"]))
            value = draw(st.sampled_from(["active", "cancelled", "Alpha", "Beta", "Z9", "family-first"]))
            if field == "code":
                # codes are unique: a clash resolves first-come (documented), so keep them distinct here
                value = f"{attendee}-{value}"
            payload = {"attendee_id": attendee, "fields": {field: value}}
        else:
            payload = {"attendee": {"id": f"walkin{draw(st.integers(0, 2))}", "given_name": draw(
                st.sampled_from(["Ana", "Bo"])), "category": "WALKIN"}}
        out.append(Event(f"e{i:03d}", hlc, station, type_, payload, "op", f"2026-11-28T10:{ms % 60:02d}:00"))
    return out


def state(conn: sqlite3.Connection) -> dict[str, Any]:
    return {t: snapshot(conn, t) for t in (*DERIVED_TABLES, "attendees")}


def apply_all(evs: list[Event]) -> sqlite3.Connection:
    conn = fresh()
    for ev in evs:
        eventlog.append(conn, ev, outbox=False)
    return conn


def final_state(evs: list[Event]) -> dict[str, Any]:
    with closing(apply_all(evs)) as conn:
        return state(conn)


@settings(max_examples=200)
@given(events(), st.randoms(use_true_random=False))
def test_any_order_gives_the_same_state(evs: list[Event], rnd: Any) -> None:
    shuffled = evs[:]
    rnd.shuffle(shuffled)
    assert final_state(evs) == final_state(shuffled)


@settings(max_examples=150)
@given(events())
def test_applying_twice_changes_nothing(evs: list[Event]) -> None:
    with closing(apply_all(evs)) as conn:
        before = state(conn)
        for ev in evs:
            assert eventlog.append(conn, ev, outbox=False) is False
        assert state(conn) == before


@settings(max_examples=100)
@given(events())
def test_rebuild_of_a_consistent_replica_is_clean(evs: list[Event]) -> None:
    with closing(apply_all(evs)) as conn:
        report = eventlog.rebuild(conn, fix=False)
    assert report.clean, report.differences
    assert report.events == len(evs)


def test_counts_never_go_negative_and_exits_do_not_subtract_blindly() -> None:
    with closing(fresh()) as conn:
        _exits_and_moves(conn)


def _exits_and_moves(conn: sqlite3.Connection) -> None:
    mk = lambda i, t, p: Event(f"x{i}", format_hlc(HLC(2000 + i, 0, "s")), "s", t, p, "", "")  # noqa: E731
    eventlog.append(conn, mk(1, "room_entry", {"attendee_id": "a1", "room_id": "hall-b"}), outbox=False)
    eventlog.append(conn, mk(2, "room_exit", {"attendee_id": "a1", "room_id": "hall-b"}), outbox=False)
    eventlog.append(conn, mk(3, "room_exit", {"attendee_id": "a1", "room_id": "hall-b"}), outbox=False)
    eventlog.append(conn, mk(4, "room_exit", {"attendee_id": "a2", "room_id": "hall-b"}), outbox=False)
    row = conn.execute("SELECT present FROM room_counts WHERE room_id = 'hall-b'").fetchone()
    assert row["present"] == 0
    # moving between rooms: plenary +1 then hall-b takes the person over
    eventlog.append(conn, mk(5, "room_entry", {"attendee_id": "a3", "room_id": "plenary"}), outbox=False)
    eventlog.append(conn, mk(6, "room_entry", {"attendee_id": "a3", "room_id": "hall-b"}), outbox=False)
    counts = {r["room_id"]: r["present"] for r in conn.execute("SELECT * FROM room_counts")}
    assert counts == {"hall-b": 1, "plenary": 0}


def test_rebuild_reports_and_repairs_tampered_state(station: Any) -> None:
    station.scan("MWC-ZH-001")
    station.issue_badge("MWC-ES-002")
    with station.replica.transaction() as conn:
        conn.execute("DELETE FROM checkins")
        conn.execute("UPDATE badges SET revoked_hlc = 'x', revoked_reason = 'tampered'")
    report = station.rebuild(fix=True)
    assert set(report.differences) == {"checkins", "badges"}
    assert station.rebuild(fix=False).clean
    assert station.scan("MWC-ZH-001").status == "already_checked_in"
