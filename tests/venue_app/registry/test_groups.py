"""Group commit: the batches of many stations commit together, yet a batch the database refuses
fails alone. The refusal is real: a trigger in the test database rejects one operator's events."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from tests.venue_app.registry.conftest import enroll_in_store

_TRIGGERS = {
    "sqlite": ["CREATE TRIGGER poison BEFORE INSERT ON log WHEN NEW.operator = 'poison'"
               " BEGIN SELECT RAISE(ABORT, 'poisoned'); END"],
    "postgresql": ["CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN IF NEW.operator = 'poison' THEN"
                   " RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                   "CREATE TRIGGER poison BEFORE INSERT ON log FOR EACH ROW EXECUTE FUNCTION poison()"],
}


def test_a_refused_batch_fails_alone_in_its_group(store: Any, backend: str) -> None:
    with store.engine.begin() as conn:
        for statement in _TRIGGERS[backend]:
            conn.exec_driver_sql(statement)
    a, b, c = (enroll_in_store(store, f"Door {n}", role="door") for n in "ABC")
    batch_a = [a.event("room_entry", {"attendee_id": "p-1", "room_id": "expo"})]
    batch_b = [b.event("room_entry", {"attendee_id": "p-2", "room_id": "expo"}),
               b.event("room_entry", {"attendee_id": "p-3", "room_id": "expo"}, operator="poison")]
    batch_c = [c.event("room_entry", {"attendee_id": "p-4", "room_id": "expo"}),
               c.event("room_entry", {"attendee_id": "p-4", "room_id": "expo"})]
    batch_c[1]["id"] = batch_c[0]["id"]  # sent twice within one batch
    # the writer cannot take any of them before all three are queued: one group
    with store._pending_cond:
        futures = [store.submit(a.id, batch_a), store.submit(b.id, batch_b), store.submit(c.id, batch_c)]
    ra = futures[0].result(30)
    with pytest.raises(Exception, match="poisoned"):
        futures[1].result(30)
    rc = futures[2].result(30)
    assert [r.status for r in ra.results] == ["accepted"]
    assert [r.status for r in rc.results] == ["accepted", "duplicate"]
    logged = store.event_ids()
    assert batch_a[0]["id"] in logged and batch_c[0]["id"] in logged
    assert not {e["id"] for e in batch_b} & logged  # the refused batch left nothing behind
    with store.read() as conn:
        feed = [r[0] for r in conn.execute(sa.text("SELECT data FROM feed WHERE kind = 'station_event'"))]
    assert sum(batch_a[0]["id"] in d for d in feed) == 1 and sum(batch_c[0]["id"] in d for d in feed) == 1
    assert not any(e["id"] in d for e in batch_b for d in feed)
    counts = {r["room_id"]: r["present"] for r in store.table_rows("room_counts")}
    assert counts["expo"] == 2  # p-1 and p-4; p-2 went with the refused batch
