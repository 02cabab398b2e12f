"""Full-text search over attendees: the FTS5 table and the triggers that keep it in sync.

The triggers call ``venue_search_col`` and ``venue_search_mode`` (Python functions, see
:mod:`venue_app.search`), so every connection that writes ``attendees`` must have run
:func:`venue_app.search.install`. Documents are keyed by the attendee's rowid;
:func:`venue_app.search.rebuild` re-creates them all.

Why two sets of triggers: FTS5 flushes its in-memory buffer at every statement savepoint, so
indexing row by row from a trigger costs several times a batched insert. Single writes (walk-in, edit,
one synced record) index immediately; bulk writes (import, first sync) run inside
:func:`venue_app.search.bulk`, where the triggers only queue the rowid and the index is built in
one batch before the transaction commits.
"""

from __future__ import annotations

import sqlite3

from venue_app import search

# Frozen here rather than built from venue_app.search: a released migration must not change.
_FIELDS = "{r}.given_name, {r}.family_name, {r}.native_name, {r}.organisation, {r}.job_title, {r}.city, " \
          "{r}.country, {r}.delegation, {r}.email, {r}.code"
# No conflict clauses inside the triggers: an outer INSERT OR IGNORE / OR REPLACE / upsert would
# override them (SQLite uses the outer statement's policy), so stale rows are deleted explicitly.
_INSERT = """
    DELETE FROM attendee_fts WHERE rowid = NEW.rowid;
    INSERT INTO attendee_fts(rowid, names, org, place, ident, fuzzy) VALUES (NEW.rowid,
        venue_search_col(0, {f}), venue_search_col(1, {f}), venue_search_col(2, {f}),
        venue_search_col(3, {f}), venue_search_col(4, {f}));
""".format(f=_FIELDS.format(r="NEW"))

SQL = f"""
-- prefix indexes for 1 and 2 characters (as-you-type "c"*, "ma"* would otherwise merge thousands
-- of terms per keystroke: p99 29 ms instead of 14 at 100k); 3+ character prefixes match few terms
-- and are merged at query time. '1 2 3' costs ~1 s more per 100k imported for no measurable gain.
CREATE VIRTUAL TABLE attendee_fts USING fts5(
    names, org, place, ident, fuzzy,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2'
);

-- attendees changed while a bulk write deferred indexing (see venue_app.search.bulk)
CREATE TABLE attendee_fts_pending (rid INTEGER PRIMARY KEY);

CREATE TRIGGER attendees_fts_insert AFTER INSERT ON attendees WHEN venue_search_mode() = 0 BEGIN
    {_INSERT}
END;

CREATE TRIGGER attendees_fts_delete AFTER DELETE ON attendees BEGIN
    DELETE FROM attendee_fts WHERE rowid = OLD.rowid;
    DELETE FROM attendee_fts_pending WHERE rid = OLD.rowid;
END;

-- only the indexed columns: a status change or a note does not rebuild the document
CREATE TRIGGER attendees_fts_update AFTER UPDATE OF given_name, family_name, native_name, organisation,
    job_title, city, country, delegation, email, code ON attendees WHEN venue_search_mode() = 0 BEGIN
    DELETE FROM attendee_fts WHERE rowid = OLD.rowid;
    {_INSERT}
END;

CREATE TRIGGER attendees_fts_insert_deferred AFTER INSERT ON attendees WHEN venue_search_mode() = 1 BEGIN
    INSERT INTO attendee_fts_pending(rid) SELECT NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM attendee_fts_pending WHERE rid = NEW.rowid);
END;

CREATE TRIGGER attendees_fts_update_deferred AFTER UPDATE OF given_name, family_name, native_name,
    organisation, job_title, city, country, delegation, email, code ON attendees
    WHEN venue_search_mode() = 1 BEGIN
    INSERT INTO attendee_fts_pending(rid) SELECT NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM attendee_fts_pending WHERE rid = NEW.rowid);
END;
"""


def apply(conn: sqlite3.Connection) -> None:
    search.install(conn)
    for statement in _statements(SQL):
        conn.execute(statement)
    search.rebuild(conn)  # attendees that existed before this migration


def _statements(script: str) -> list[str]:
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer)
            buffer = ""
    return out
