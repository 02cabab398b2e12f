"""A door or dashboard replica made before role minimisation (issue 19) loses the personal fields it held.

Such a station received every attendee's e-mail, phone, notes and accessibility needs. Its role
never shows them, so they are cleared here, once, where the file is opened: attendee rows, winning
field edits, the attendee payloads of the log and the search index (its documents hold e-mails).
``secure_delete`` zeroes the old values in the file's free space as they are overwritten. A desk
replica is left as it is.
"""

import json
import sqlite3

from venue_app import search
from venue_app.roles import scrub_replica, withheld


def apply(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'role'").fetchone()
    if row is None:
        return  # a replica being created: nothing to clear
    drop = withheld(str(json.loads(row[0])))
    if not drop:
        return
    station = conn.execute("SELECT value FROM meta WHERE key = 'station_id'").fetchone()
    conn.execute("PRAGMA secure_delete = ON")
    changed = scrub_replica(conn, drop, keep_unpushed_of=json.loads(station[0]) if station else None)
    if changed["attendees"] or changed["log"] or changed["edits"]:
        search.rebuild(conn)
