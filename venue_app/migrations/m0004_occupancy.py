"""Occupancy: access grants, per-room last event, per-station freshness, per-minute history."""

SQL = """
-- explicit access for one attendee to a room or a session (from the program)
CREATE TABLE access_grants (
    attendee_id TEXT NOT NULL,
    scope       TEXT NOT NULL,     -- a room id or a session id
    PRIMARY KEY (attendee_id, scope)
) WITHOUT ROWID;

ALTER TABLE room_counts ADD COLUMN last_event_at TEXT NOT NULL DEFAULT '';

-- the newest fact this replica holds from each station (how fresh its numbers are)
CREATE TABLE station_seen (
    station_id TEXT PRIMARY KEY,
    last_hlc   TEXT NOT NULL,
    last_wall  TEXT NOT NULL
);

-- observed room counts, one row per room and minute in which the count changed here;
-- an observation log (not derived state): minutes without a row carry the previous count
CREATE TABLE occupancy_history (
    room_id TEXT NOT NULL,
    minute  TEXT NOT NULL,        -- UTC 'YYYY-MM-DDTHH:MM'
    count   INTEGER NOT NULL,
    PRIMARY KEY (room_id, minute)
) WITHOUT ROWID;

-- derived: the first entry of each person into each room and session (re-entry rules)
CREATE TABLE room_visits (
    attendee_id TEXT NOT NULL,
    scope       TEXT NOT NULL,     -- room id or session id
    first_hlc   TEXT NOT NULL,
    PRIMARY KEY (attendee_id, scope)
) WITHOUT ROWID;
"""
