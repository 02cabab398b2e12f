"""Registry schema migrations, on SQLite and PostgreSQL: ``registry init`` runs them from empty, an older
database is upgraded in place when opened (one transaction, exactly one process of several), a newer one
is refused in words and left untouched.

A database of the first registry (version 1, filled by this code limited to its first migration) is
upgraded through every real migration; the generic upgrade path is also exercised with one more defined
here (``_add_room_notes``: a new column with a default, the usual kind of change) put after the real
ones by replacing :data:`venue_app.registry.migrations.STEPS` for the test.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.venue_app.registry.conftest import database, enroll_in_store, python_cmd
from tests.venue_app.registry.test_store import write_people
from venue_app.program import program as demo_program
from venue_app.registry import admin, migrations
from venue_app.registry import store as store_module
from venue_app.registry.config import normalise_db_url
from venue_app.registry.errors import ConflictError, StorageUnavailable
from venue_app.registry.migrations import r0001_initial
from venue_app.registry.store import Store

LATEST = migrations.latest()


# -- helpers ---------------------------------------------------------------------------------------

@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    """A plain engine on the test database, for looking at it from outside the store."""
    eng = sa.create_engine(normalise_db_url(db_url))
    try:
        yield eng
    finally:
        eng.dispose()


def schema_of(eng: sa.Engine) -> dict[str, Any]:
    """Every table as the database describes it: columns (type, nullability, default), key, indexes, uniques."""
    insp = sa.inspect(eng)
    out: dict[str, Any] = {}
    for table in sorted(insp.get_table_names()):
        columns = [(c["name"], str(c["type"].compile(eng.dialect)), c["nullable"], str(c.get("default")))
                   for c in insp.get_columns(table)]
        indexes = sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(table))
        uniques = sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table))
        out[table] = {"columns": columns, "pk": insp.get_pk_constraint(table)["constrained_columns"],
                      "indexes": indexes, "uniques": uniques}
    return out


def rows_of(eng: sa.Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted (a snapshot to compare)."""
    meta = sa.MetaData()
    meta.reflect(eng)
    with eng.connect() as conn:
        return {name: sorted((tuple(r) for r in conn.execute(sa.select(table))), key=repr)
                for name, table in sorted(meta.tables.items())}


def version_row(eng: sa.Engine) -> str | None:
    with eng.connect() as conn:
        return conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema'")).scalar()


def build_first_registry_schema(eng: sa.Engine) -> None:
    """The database as the first registry's ``create_schema`` made it, before numbered migrations existed:
    ``create_all`` of its tables, then the feed counter and ``meta.schema = "1"`` in a second transaction
    (the tables are the frozen copy in r0001, which test_migrated_schema_is_the_declared_one keeps equal to
    the store's declarations while version 1 is the latest)."""
    r0001_initial.metadata.create_all(eng)
    with eng.begin() as conn:
        conn.execute(sa.text("INSERT INTO counters (name, value) VALUES ('feed', 0)"))
        conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('schema', '1')"))


def fill_first(engine: sa.Engine, db_url: str, tmp_path: Path) -> dict[str, Any]:
    """A registry of version 1 holding what :func:`fill` puts in, and a door's room entry in its log as the
    first registry logged it: filled by this code, then taken back to version 1's tables (what r0002 adds
    is dropped; :func:`test_first_registry_database_is_version_1_and_is_upgraded_intact` checks the result
    is r0001's schema)."""
    held = fill(tmp_path / "registry", db_url, tmp_path)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE room_visits"))
        conn.execute(sa.text("DROP TABLE audit"))  # r0003
        for table in ("external_ids", "ticket_serials", "issuers", "issuer_secrets"):  # r0004
            conn.execute(sa.text(f"DROP TABLE {table}"))
        for table in ("link_state", "link_outbox", "link_checkins"):  # r0005
            conn.execute(sa.text(f"DROP TABLE {table}"))
        conn.execute(sa.text("ALTER TABLE room_counts DROP COLUMN last_event_at"))
        conn.execute(sa.text("UPDATE meta SET value = '1' WHERE key = 'schema'"))
        conn.execute(sa.text("INSERT INTO log(id, hlc, station_id, operator, type, payload, wall, received, flags)"
                             " VALUES ('e-entry', :hlc, :station, '', 'room_entry', :payload, :wall, :wall, '[]')"),
                     {"hlc": "0001792000000000-0000-door", "station": held["desk"].id, "wall": "2026-12-04T09:00:00",
                      "payload": json.dumps({"attendee_id": held["person"]["id"], "room_id": "plenary",
                                             "session_id": "s-opening"})})
    return held


def fill(root: Path, db_url: str, tmp_path: Path) -> dict[str, Any]:
    """A registry with an event, the demo program, attendees, a station and a check-in; returns what it holds."""
    _, event, _ = admin.init_registry(root, event_name="Upgrade Congress", db_url=db_url, timezone="Asia/Shanghai")
    with Store.open(db_url) as store:
        store.apply_program(admin.program_doc(demo_program()))
        admin.import_file(store, write_people(tmp_path / "people.csv"))
        desk = enroll_in_store(store, "Desk 1")
        person = store.attendee("MWC-ES-002")
        assert person is not None
        response = store.ingest(desk.id, [desk.event("checkin", {"attendee_id": person["id"]})])
        assert response.accepted == 1, response
        return {"event": event, "person": person, "desk": desk, "summary": store.summary()}


def _add_room_notes(conn: sa.Connection) -> None:
    conn.execute(sa.text("ALTER TABLE rooms ADD COLUMN notes TEXT NOT NULL DEFAULT ''"))


ROOM_NOTES = migrations.Migration(LATEST + 1, f"r{LATEST + 1:04d}_room_notes", "rooms get a notes column",
                                  _add_room_notes)


def with_steps(monkeypatch: pytest.MonkeyPatch, *extra: migrations.Migration) -> None:
    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, *extra))


# -- creating --------------------------------------------------------------------------------------

def test_init_runs_every_migration_from_empty(db_url: str, engine: sa.Engine) -> None:
    with Store.open(db_url, create=True) as store:
        assert [m.number for m in store.upgrade_schema(create=True)] == []  # a second run has nothing to do
        assert store.schema_upgrade == f"created the registry schema (version {LATEST})"
    assert version_row(engine) == str(LATEST)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT value FROM counters WHERE name = 'feed'")).scalar() == 0
    with Store.open(db_url) as again:  # opening a current database changes nothing and says nothing
        assert again.schema_upgrade == ""


def test_migrated_schema_is_the_declared_one(backend: str, db_url: str, engine: sa.Engine, tmp_path: Path) -> None:
    """The migrations build exactly the tables ``store.metadata`` declares: a change to the declarations
    without a migration fails here. (While version 1 is the latest this also holds r0001's frozen tables
    equal to the declarations the first registry's ``create_all`` used.)"""
    Store.open(db_url, create=True).close()
    migrated = schema_of(engine)
    assert "attendees" in migrated and "meta" in migrated
    with database(backend, tmp_path / "declared") as other_url:
        other = sa.create_engine(normalise_db_url(other_url))
        try:
            store_module.metadata.create_all(other)
            assert schema_of(other) == migrated
        finally:
            other.dispose()


def test_open_refuses_a_database_without_registry(db_url: str, engine: sa.Engine) -> None:
    with pytest.raises(StorageUnavailable, match="holds no registry; run `registry init`") as info:
        Store.open(db_url)
    assert info.value.code == "not_initialised"
    assert sa.inspect(engine).get_table_names() == []  # nothing created


# -- a database of the first registry ----------------------------------------------------------------

def test_first_registry_database_is_version_1_and_is_upgraded_intact(backend: str, db_url: str, engine: sa.Engine,
                                                                     tmp_path: Path) -> None:
    held = fill_first(engine, db_url, tmp_path)
    assert version_row(engine) == "1"
    with database(backend, tmp_path / "first") as first_url:  # the tables the first registry made
        first = sa.create_engine(normalise_db_url(first_url))
        try:
            build_first_registry_schema(first)
            assert schema_of(engine) == schema_of(first)
        finally:
            first.dispose()
    before = rows_of(engine)
    assert "room_visits" not in before
    with Store.open(db_url) as store:
        assert store.schema_upgrade == (f"upgraded the registry database from schema version 1 to {LATEST}: "
                                        f"{migrations.describe(migrations.STEPS[1:])}")
        assert store.summary() == {**held["summary"], "events": held["summary"]["events"] + 1}  # + the entry
        assert store.attendee(held["person"]["id"])["given_name"] == held["person"]["given_name"]
    after = rows_of(engine)
    assert version_row(engine) == str(LATEST)
    # r0002: the visits and the room's newest event time, derived from the log as the rules would
    person = held["person"]["id"]
    assert after["room_visits"] == [(person, "plenary", "0001792000000000-0000-door"),
                                    (person, "s-opening", "0001792000000000-0000-door")]
    assert ("plenary", 0, 0, "2026-12-04T09:00:00") in after["room_counts"]
    kept = {name for name in before if name not in ("meta", "room_counts")}
    assert {name: after[name] for name in kept} == {name: before[name] for name in kept}


def test_old_database_is_upgraded_in_place_without_data_loss(db_url: str, engine: sa.Engine, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    held = fill(tmp_path / "registry", db_url, tmp_path)
    before = rows_of(engine)
    assert sum(map(len, before.values())) > 100  # a real registry's worth of rows, not an empty shell
    with_steps(monkeypatch, ROOM_NOTES)
    caplog.set_level("WARNING", logger="venue_app.registry.store")
    with Store.open(db_url) as store:
        said = (f"upgraded the registry database from schema version {LATEST} to {ROOM_NOTES.number}: "
                f"{ROOM_NOTES.number} (rooms get a notes column)")
        assert store.schema_upgrade == said
        assert [r.getMessage() for r in caplog.records if said in r.getMessage()] != []
    assert version_row(engine) == str(ROOM_NOTES.number)
    after = rows_of(engine)
    # every row kept as it was: the rooms with the new column's default, meta with the new version
    expected = {**before, "rooms": [(*r, "") for r in before["rooms"]],
                "meta": sorted((("schema", str(ROOM_NOTES.number)) if r[0] == "schema" else r
                                for r in before["meta"]), key=repr)}
    assert after == expected
    with Store.open(db_url) as store:  # the next open finds it current, and the registry works on
        assert store.schema_upgrade == "" and store.summary() == held["summary"]
        desk, other = held["desk"], store.attendee("MWC-ZH-001")
        assert store.ingest(desk.id, [desk.event("checkin", {"attendee_id": other["id"]})]).accepted == 1
        assert store.summary()["checked_in"] == held["summary"]["checked_in"] + 1
        assert store.summary()["feed_head"] > held["summary"]["feed_head"]


def test_a_failing_upgrade_leaves_the_database_as_it_was(db_url: str, engine: sa.Engine, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """All steps are one transaction: the earlier steps' new columns and tables go when the last step fails."""
    fill_first(engine, db_url, tmp_path)
    before_rows, before_schema = rows_of(engine), schema_of(engine)

    def broken(conn: sa.Connection) -> None:
        conn.execute(sa.text("UPDATE attendees SET notes = 'half-done'"))
        conn.execute(sa.text("SELECT no_such_column FROM attendees"))

    with_steps(monkeypatch, ROOM_NOTES, migrations.Migration(ROOM_NOTES.number + 1, "broken", "breaks", broken))
    with pytest.raises(StorageUnavailable) as info:
        Store.open(db_url)
    assert info.value.code == "upgrade_failed"
    assert str(info.value).startswith("upgrading the registry database ")
    assert (f"from schema version 1 to {ROOM_NOTES.number + 1} failed, migration {ROOM_NOTES.number + 1} (breaks) "
            "failed: ") in str(info.value)
    assert "no_such_column" in str(info.value)
    assert str(info.value).endswith("Nothing was changed: the database is still at version 1")
    assert schema_of(engine) == before_schema and rows_of(engine) == before_rows
    assert version_row(engine) == "1"


# -- a database newer than this code -------------------------------------------------------------

def _fingerprint(eng: sa.Engine, db_url: str) -> Any:
    eng.dispose()
    file = store_module._sqlite_file(normalise_db_url(db_url))
    digest = hashlib.sha256(Path(file).read_bytes()).hexdigest() if file else None
    return schema_of(eng), rows_of(eng), digest


def test_newer_database_is_refused_and_left_untouched(db_url: str, engine: sa.Engine, tmp_path: Path) -> None:
    fill(tmp_path / "registry", db_url, tmp_path)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema'"), {"v": str(LATEST + 2)})
    before = _fingerprint(engine, db_url)
    with pytest.raises(StorageUnavailable) as info:
        Store.open(db_url)
    assert info.value.code == "schema_too_new"
    message = str(info.value)
    assert f"has schema version {LATEST + 2}, newer than this venue-app" in message
    assert f"understands (up to {LATEST})" in message and "has changed nothing in the database" in message
    assert ":venue_test@" not in message  # the PostgreSQL password is never shown
    assert _fingerprint(engine, db_url) == before


def test_serve_refuses_a_newer_database_before_listening(db_url: str, engine: sa.Engine, tmp_path: Path) -> None:
    """``registry serve`` (the real command, a process) ends with exit status 3 and the reason in words."""
    fill(tmp_path / "registry", db_url, tmp_path)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema'"), {"v": str(LATEST + 1)})
    before = _fingerprint(engine, db_url)
    proc = subprocess.run(python_cmd("registry", "serve", "--data", str(tmp_path / "registry"), "--port", "0",
                                     "--json", "--workers", "2"),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout == ""  # never said it was listening
    assert f"has schema version {LATEST + 1}, newer than this venue-app" in proc.stderr
    assert _fingerprint(engine, db_url) == before


def test_unreadable_schema_version_is_refused(db_url: str, engine: sa.Engine, tmp_path: Path) -> None:
    fill(tmp_path / "registry", db_url, tmp_path)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM meta WHERE key = 'schema'"))
    before = rows_of(engine)
    with pytest.raises(ConflictError, match="not a registry database this program can use: its table `meta` "
                                            "holds no schema version") as info:
        Store.open(db_url)
    assert info.value.code == "unknown_schema"
    assert rows_of(engine) == before


# -- several processes at once -----------------------------------------------------------------------

def _in_lock(thread: threading.Thread) -> bool:
    """Whether ``thread`` is waiting for the schema lock: SQLite's ``BEGIN IMMEDIATE`` (the store engine's
    ``_begin`` on a connection marked ``venue_write``; a plain ``BEGIN`` never waits) or PostgreSQL's
    advisory lock (:func:`migrations.lock`)."""
    frame = sys._current_frames().get(thread.ident or -1)
    while frame is not None:
        code = frame.f_code
        if code is migrations.lock.__code__:
            return True
        if code.co_name == "_begin" and code.co_filename == store_module.__file__:
            conn = frame.f_locals.get("conn")
            return bool(conn is not None and conn.get_execution_options().get("venue_write"))
        frame = frame.f_back
    return False


@pytest.mark.parametrize("start", ["empty", "version 1"])
def test_two_opens_at_once_migrate_once(start: str, db_url: str, engine: sa.Engine, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two stores open one database at once (``serve --workers``, a CLI command beside it): the one that
    migrates holds the schema lock while the other waits for it, then finds the database current."""
    if start == "version 1":
        fill_first(engine, db_url, tmp_path)
    threads: dict[str, threading.Thread] = {}
    ran: list[str] = []
    errors: list[BaseException] = []
    last = migrations.STEPS[-1] if start == "empty" else ROOM_NOTES

    def last_step(conn: sa.Connection) -> None:
        ran.append(threading.current_thread().name)
        last.apply(conn)
        other = threads["b" if threading.current_thread().name == "a" else "a"]
        deadline = time.monotonic() + 30
        while not _in_lock(other):  # hold the lock until the other store is seen waiting for it
            assert time.monotonic() < deadline, "the other store never waited for the schema lock; it is at\n" + \
                "".join(traceback.format_stack(sys._current_frames().get(other.ident or -1)))
            time.sleep(0.005)

    steps = list(migrations.STEPS[:-1] if start == "empty" else migrations.STEPS)
    monkeypatch.setattr(migrations, "STEPS", (*steps, migrations.Migration(last.number, last.name,
                                                                           last.description, last_step)))
    stores: dict[str, Store] = {}
    barrier = threading.Barrier(2)

    def open_it() -> None:
        try:
            barrier.wait(30)
            stores[threading.current_thread().name] = Store.open(db_url, create=start == "empty")
        except BaseException as exc:
            errors.append(exc)

    threads.update({name: threading.Thread(target=open_it, name=name) for name in ("a", "b")})
    for thread in threads.values():
        thread.start()
    for thread in threads.values():
        thread.join(120)
    try:
        assert errors == [], "\n".join(map(str, errors))
        assert len(ran) == 1
        said = sorted(bool(s.schema_upgrade) for s in stores.values())
        assert said == [False, True]  # one migrated, the other found it done
        assert version_row(engine) == str(last.number)
    finally:
        for s in stores.values():
            s.close()


# -- the command line --------------------------------------------------------------------------------

def test_cli_command_upgrades_and_says_so(db_url: str, engine: sa.Engine, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                          caplog: pytest.LogCaptureFixture) -> None:
    from venue_desk.cli import main

    fill_first(engine, db_url, tmp_path)
    with_steps(monkeypatch, ROOM_NOTES)
    capsys.readouterr()
    assert main(["registry", "summary", "--data", str(tmp_path / "registry"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["checked_in"] == 1
    assert any(f"upgraded the registry database from schema version 1 to {ROOM_NOTES.number}" in r.getMessage()
               and r.levelname == "WARNING" for r in caplog.records)
    assert version_row(engine) == str(ROOM_NOTES.number)


def test_migration_numbers_are_contiguous() -> None:
    assert [m.number for m in migrations.STEPS] == list(range(1, LATEST + 1))
    assert all(m.description and not m.description.endswith(".") for m in migrations.STEPS)



def _in_wal_switch(thread: threading.Thread) -> bool:
    frame = sys._current_frames().get(thread.ident or -1)
    while frame is not None:
        if frame.f_code is store_module._journal_wal.__code__:
            return True
        frame = frame.f_back
    return False


def test_new_sqlite_file_locked_by_another_opening_waits(tmp_path: Path) -> None:
    """Switching a new file to WAL is the one SQLite lock that does not wait for the busy timeout: while
    another connection holds the file's write lock (another process creating the registry), it says
    "database is locked" at once. The store waits for the lock like everywhere else, then creates the schema."""
    import sqlite3

    file = tmp_path / "new.sqlite3"
    other = sqlite3.connect(file, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    opened: list[str] = []
    errors: list[BaseException] = []

    def open_new() -> None:
        try:
            with Store.open(f"sqlite:///{file}", create=True) as store:
                opened.append(store.schema_upgrade)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=open_new)
    thread.start()
    deadline = time.monotonic() + 30
    while not _in_wal_switch(thread) and thread.is_alive():
        assert time.monotonic() < deadline
        time.sleep(0.005)
    other.execute("COMMIT")
    other.close()
    thread.join(60)
    assert errors == [], "\n".join(map(str, errors))
    assert opened == [f"created the registry schema (version {LATEST})"]
