"""Search index triggers in plain SQL: writing an attendee queues it, Python indexes it.

Before, the triggers called Python functions (``venue_search_col``, ``venue_search_mode``) that only
a connection of ours had registered: any other SQLite tool that wrote an attendee failed with "no
such function". Now every insert and every change of an indexed column queues the row in
``attendee_fts_pending`` (plain SQL), and the station builds the documents in Python: at the end of
each of its write transactions while the queue is short (:meth:`venue_app.replica.Replica.transaction`),
else a batch at a time in the background (the first sync, :meth:`venue_app.sync.engine.SyncEngine.index_pending`).
A row written by another tool is found by search after the station's next write.
"""

_COLUMNS = "given_name, family_name, native_name, organisation, job_title, city, country, delegation, email, code"
# no conflict clause: an outer INSERT OR REPLACE / OR IGNORE would override it (see m0002)
_QUEUE = """INSERT INTO attendee_fts_pending(rid) SELECT NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM attendee_fts_pending WHERE rid = NEW.rowid);"""

SQL = f"""
DROP TRIGGER IF EXISTS attendees_fts_insert;
DROP TRIGGER IF EXISTS attendees_fts_update;
DROP TRIGGER IF EXISTS attendees_fts_insert_deferred;
DROP TRIGGER IF EXISTS attendees_fts_update_deferred;
CREATE TRIGGER attendees_fts_queue_insert AFTER INSERT ON attendees BEGIN
    {_QUEUE}
END;
CREATE TRIGGER attendees_fts_queue_update AFTER UPDATE OF {_COLUMNS} ON attendees BEGIN
    {_QUEUE}
END;
"""

