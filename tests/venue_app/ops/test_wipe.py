"""Wiping a station (venue_app.ops.wipe and ``venue-app station wipe``): personal data leaves the file, the
proof of the station's own events stays, and unpushed events are never wiped silently."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from venue_app import eventlog
from venue_app.ops import edit_attendee, register_walkin
from venue_app.ops.wipe import WipeRefused, unpushed, wipe
from venue_app.paths import Paths
from venue_app.station import Station

SECRETS = ["zz.wipe.h1@example.org", "+86 20 5555 0142", "jose@example.org", "Núñez", "王伟", "MWC-ZH-001",
           "Zyxwipe", "needs a ramp", "+33 6 12 34 56 78"]


def _files(root: Path) -> bytes:
    """Every byte of the replica as it is on disk, with its write-ahead log."""
    return b"".join(p.read_bytes() for p in sorted(root.glob("station.sqlite3*")))


def _busy_station(root: Path, station_factory: Any) -> tuple[str, str]:
    """A desk that registered a walk-in, checked people in, edited a phone, printed a badge and received an
    event of another station; returns (the walk-in's id, the other station's event id)."""
    st = station_factory(root)
    try:
        walkin = register_walkin(st, {"given_name": "Zyxwipe", "family_name": "Walkin", "category": "DELEGATE",
                                      "email": "zz.wipe.h1@example.org", "phone": "+86 20 5555 0142",
                                      "accessibility": "needs a ramp"}, check_in=True)
        assert st.scan("MWC-ZH-001").status == "ok"
        edit_attendee(st, "MWC-ES-002", {"phone": "+33 6 12 34 56 78"})
        other = Station.init_standalone(Paths(root.parent / "other"), event_name="Other", station_name="Desk B")
        try:
            other.add_attendees([{"code": "MWC-ES-002", "given_name": "José", "family_name": "Núñez"}])
            other.scan("MWC-ES-002")
            remote = other.replica.query("SELECT * FROM log")[-1]
        finally:
            other.close()
        event = eventlog.Event(remote["id"], remote["hlc"], remote["station_id"], remote["type"],
                               json.loads(remote["payload"]), remote["operator"], remote["wall"])
        with st.replica.transaction() as conn:
            assert eventlog.append(conn, event, outbox=False)
        st.paths.badges_dir.mkdir(parents=True, exist_ok=True)
        (st.paths.badges_dir / "badge-Zyxwipe.pdf").write_bytes(b"%PDF-1.4 Zyxwipe")
        return walkin.attendee["id"], event.id
    finally:
        st.close()


def test_a_wipe_refuses_while_events_wait_then_deletes_personal_data_and_keeps_the_proof(
        data_dir: Path, station_factory: Any) -> None:
    walkin_id, remote_id = _busy_station(data_dir, station_factory)
    assert all(s.encode() in _files(data_dir) for s in ("zz.wipe.h1@example.org", "Zyxwipe"))  # the control
    with Station.open(Paths(data_dir)) as st:
        own = {r["id"]: r for r in st.replica.query("SELECT * FROM log WHERE station_id = ?", (st.station_id,))}
        assert unpushed(st) == len(own) == 4  # walk-in, its check-in, a check-in, an edit
        with pytest.raises(WipeRefused) as refused:
            wipe(st)
        assert refused.value.waiting == 4 and "4 events" in str(refused.value)
        assert st.replica.one("SELECT count(*) FROM attendees")[0] == 6  # nothing was touched
        # the registry acknowledged them: now the wipe goes ahead
        with st.replica.transaction() as conn:
            conn.execute("UPDATE log SET outbox = 0")
        report = wipe(st, reason="by hand")
        assert (report.attendees, report.own_events, report.other_events, report.unpushed, report.files) == \
               (6, 4, 1, 0, 1)
        assert "6 people deleted" in report.words() and "4 events" in report.words()
        assert st.replica.one("SELECT count(*) FROM attendees")[0] == 0
        for table in ("attendee_edits", "attendee_fts", "checkins", "presence", "badges", "scans", "print_jobs"):
            assert st.replica.one(f"SELECT count(*) FROM {table}")[0] == 0, table
        kept = {r["id"]: r for r in st.replica.query("SELECT * FROM log")}
        assert set(kept) == set(own) and remote_id not in kept  # own events stay, ids and hlc unchanged
        assert all(kept[i]["hlc"] == own[i]["hlc"] and kept[i]["type"] == own[i]["type"] for i in own)
        created = next(json.loads(r["payload"]) for r in kept.values() if r["type"] == "attendee_created")
        assert created == {"attendee": {"id": walkin_id}}
        edit = next(json.loads(r["payload"]) for r in kept.values() if r["type"] == "attendee_updated")
        assert edit["fields"] == {"phone": None} and edit["attendee_id"]  # which field changed, not to what
        assert all(json.loads(r["payload"]).get("attendee_id") for r in kept.values() if r["type"] == "checkin")
        assert st.replica.get_meta("wiped")["attendees"] == 6
        assert wipe(st).attendees == 0  # a second wipe finds nothing
    leaked = [s for s in SECRETS if s.encode() in _files(data_dir)]
    assert leaked == [], f"the wiped replica still holds {leaked}"
    assert not list((data_dir / "badges").glob("*.pdf"))


def _venue(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "venue_desk", *args], capture_output=True, text=True, timeout=120)


def test_station_wipe_by_hand_says_what_waits_and_what_it_deleted(data_dir: Path, station_factory: Any) -> None:
    _busy_station(data_dir, station_factory)
    refused = _venue("station", "wipe", "--data", str(data_dir))
    assert refused.returncode == 2
    assert "4 events of this station have not reached the registry yet" in refused.stderr
    assert "--force" in refused.stderr and b"Zyxwipe" in _files(data_dir)

    done = _venue("station", "wipe", "--data", str(data_dir), "--force")
    assert done.returncode == 0, done.stderr
    assert "Personal data wiped (by hand): 6 people deleted" in done.stdout
    assert "4 of them had not reached the registry and lost their details (forced wipe)" in done.stdout
    with Station.open(Paths(data_dir)) as st:
        rows = st.replica.query("SELECT outbox, flags FROM log")
        # no longer sent (they lost their details), kept and marked
        assert len(rows) == 4 and all(r["outbox"] == 2 and "wiped_before_push" in r["flags"] for r in rows)
    assert [s for s in SECRETS if s.encode() in _files(data_dir)] == []

    again = _venue("station", "wipe", "--data", str(data_dir), "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["attendees"] == 0
