"""``venue-app registry purge --personal-data --before DATE`` on a real registry database (SQLite, and
PostgreSQL when one is reachable): who is purged, what is blanked where, and what is refused."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.venue_app.registry.conftest import Registry, enroll_in_store
from venue_app.hlc import HLC, format_hlc
from venue_app.ids import uuid7
from venue_app.registry import admin

N = 20


def _purge(registry: Registry, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "venue_desk", "registry", "purge", "--data", str(registry.root),
                           *args], capture_output=True, text=True, timeout=120)


def _fill(registry: Registry, tmp_path: Path) -> dict[str, str]:
    """N imported people, a walk-in, an edit with a reason, and one person checked in two hours from now
    (still active after the cut-off); returns the ids by role in the story."""
    path = tmp_path / "people.csv"
    rows = ["code,given_name,family_name,category,country,email,phone,notes,accessibility"]
    rows += [f"PRG{i:04d},Given{i},Purgefamily{i},DEL,FR,p{i}.purge.h1@example.org,+33 1 55 01 {i:04d},"
             f"note-purge-{i},ramp-purge-{i}" for i in range(N)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with registry.store() as store:
        assert not admin.import_file(store, path).error
        ids = {r["code"]: r["id"] for r in store.table_rows("attendees")}
        desk = enroll_in_store(store, "Desk")
        walkin = str(uuid.uuid4())
        later = time.time_ns() // 1_000_000 + 2 * 3600 * 1000
        events = [desk.event("attendee_created", {"attendee": {"id": walkin, "given_name": "Zyxpurge",
                                                               "family_name": "Walkin", "category": "DEL",
                                                               "email": "walkin.purge.h1@example.org"}}),
                  desk.event("attendee_updated", {"attendee_id": ids["PRG0000"], "reason": "asked by Mr Purgeson",
                                                  "fields": {"phone": "+33 6 00 00 00 99"}}),
                  desk.event("checkin", {"attendee_id": ids["PRG0001"]}, hlc=format_hlc(HLC(later, 0, desk.id)),
                             id=str(uuid7(later)))]
        result = store.ingest(desk.id, events)
        assert result.accepted == 3, result
    return {"edited": ids["PRG0000"], "active": ids["PRG0001"], "walkin": walkin, "other": ids["PRG0002"]}


def test_purge_blanks_people_inactive_since_the_date_everywhere_and_keeps_the_rest(
        registry: Registry, tmp_path: Path) -> None:
    who = _fill(registry, tmp_path)
    cutoff = (datetime.now(UTC) + timedelta(hours=1)).isoformat(timespec="seconds")

    refused = _purge(registry, "--personal-data", "--before", cutoff)  # in the future: the event may still run
    assert refused.returncode == 2 and "is in the future" in refused.stderr and "--yes" in refused.stderr
    bad = _purge(registry, "--personal-data", "--before", "after the congress")
    assert bad.returncode == 2 and "is not a date" in bad.stderr
    with registry.store() as store:
        assert sum(1 for r in store.table_rows("attendees") if r["email"]) == N + 1  # nothing was touched

    done = _purge(registry, "--personal-data", "--before", cutoff, "--yes")
    assert done.returncode == 0, done.stderr
    assert f"Personal data purged for {N} people with no activity since" in done.stdout
    assert "1 people kept (active since then" in done.stdout

    with registry.store() as store:
        people = {r["id"]: r for r in store.table_rows("attendees")}
        log = {r["id"]: r for r in store.table_rows("log")}
        feed = store.table_rows("feed")
    active = people.pop(who["active"])
    assert active["email"] == "p1.purge.h1@example.org" and active["code"] == "PRG0001"  # active after the date
    for person in people.values():
        assert person["code"] is None and person["code_norm"] is None
        assert [person[f] for f in ("given_name", "family_name", "email", "phone", "notes", "accessibility")] == \
               [""] * 6
        assert person["category"] == "DEL"  # the statistics stay
    assert people[who["other"]]["country"] == "FR"
    payloads = {json.loads(r["payload"]).get("attendee_id") or json.loads(r["payload"])["attendee"]["id"]:
                json.loads(r["payload"]) for r in log.values()}
    assert payloads[who["walkin"]] == {"attendee": {"id": who["walkin"], "category": "DEL"}}
    assert payloads[who["edited"]] == {"attendee_id": who["edited"], "fields": {"phone": None}}  # no value, reason
    assert payloads[who["active"]] == {"attendee_id": who["active"]}  # the check-in stays as it was
    text = json.dumps(feed)
    assert "purge.h1@example.org" in text  # the active person's items
    leaked = [s for s in ("p0.purge.h1", "p2.purge.h1", "walkin.purge.h1", "Zyxpurge", "Mr Purgeson",
                          "+33 6 00 00 00 99", "note-purge-3", "Purgefamily4", "PRG0005") if s in text]
    assert leaked == [], leaked
    if registry.db_url.startswith("sqlite"):  # the file itself: no blanked value left in free pages
        db = Path(registry.db_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
        assert b"p1.purge.h1@example.org" in raw
        assert [s for s in (b"p0.purge.h1", b"walkin.purge.h1", b"Mr Purgeson", b"Purgefamily4") if s in raw] == []

    again = _purge(registry, "--personal-data", "--before", cutoff, "--yes", "--json")
    assert again.returncode == 0 and json.loads(again.stdout.splitlines()[-1])["people"] == 0
