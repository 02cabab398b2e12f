"""Core schema: event configuration, master data, the event log and the state derived from it."""

SQL = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL            -- JSON
);

CREATE TABLE event (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    tag       TEXT NOT NULL,       -- 8 hex chars carried in badge tokens
    timezone  TEXT NOT NULL DEFAULT 'UTC',
    starts    TEXT,
    ends      TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    data      TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE categories (
    code  TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    color TEXT NOT NULL DEFAULT '#607d8b',
    rooms TEXT NOT NULL DEFAULT '["*"]'   -- room ids this category may enter; "*" = all
);

CREATE TABLE rooms (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    policy   TEXT NOT NULL DEFAULT 'warn' CHECK (policy IN ('warn', 'block')),
    zone     TEXT NOT NULL DEFAULT '',
    data     TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    room_id    TEXT NOT NULL,
    title      TEXT NOT NULL,
    starts     TEXT NOT NULL,
    ends       TEXT NOT NULL,
    categories TEXT NOT NULL DEFAULT '[]',
    capacity   INTEGER,
    data       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX sessions_room ON sessions(room_id, starts);

CREATE TABLE stations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    room_id    TEXT,
    public_key TEXT,
    key_id     TEXT
);

-- public keys trusted to sign badges: the registry's and the stations' (certified by it)
CREATE TABLE keys (
    key_id     TEXT NOT NULL,
    public_key TEXT NOT NULL,
    owner      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('registry', 'station')),
    PRIMARY KEY (key_id, public_key)
);

-- Attendees: master data (import / registry) overlaid with field edits from the log.
CREATE TABLE attendees (
    id            TEXT PRIMARY KEY,
    code          TEXT,
    code_norm     TEXT,
    given_name    TEXT NOT NULL DEFAULT '',
    family_name   TEXT NOT NULL DEFAULT '',
    native_name   TEXT NOT NULL DEFAULT '',
    name_order    TEXT NOT NULL DEFAULT 'given-first',
    honorific     TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT '',
    job_title     TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    country       TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL DEFAULT '',
    delegation    TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled', 'blocked')),
    notes         TEXT NOT NULL DEFAULT '',
    master_hlc    TEXT NOT NULL DEFAULT ''   -- hlc of the master record ('' = before any event)
);
CREATE UNIQUE INDEX attendees_code ON attendees(code_norm) WHERE code_norm IS NOT NULL;
CREATE INDEX attendees_email ON attendees(email) WHERE email != '';
CREATE INDEX attendees_delegation ON attendees(delegation) WHERE delegation != '';

-- The log: every fact a station created or received. Immutable.
CREATE TABLE log (
    id         TEXT PRIMARY KEY,       -- UUIDv7
    hlc        TEXT NOT NULL,
    station_id TEXT NOT NULL,
    operator   TEXT NOT NULL DEFAULT '',
    type       TEXT NOT NULL,
    payload    TEXT NOT NULL,          -- JSON
    wall       TEXT NOT NULL,          -- ISO time at the creating station
    received   TEXT NOT NULL,          -- ISO time it entered this replica
    outbox     INTEGER NOT NULL DEFAULT 0,   -- 1 until a registry acknowledged it
    flags      TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE INDEX log_hlc ON log(hlc);
CREATE INDEX log_outbox ON log(hlc) WHERE outbox = 1;

-- Derived state (rebuildable from the log) ----------------------------------------------------
CREATE TABLE checkins (
    attendee_id TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL,     -- the earliest check-in by hlc
    hlc         TEXT NOT NULL,
    at          TEXT NOT NULL,
    station_id  TEXT NOT NULL,
    operator    TEXT NOT NULL DEFAULT '',
    count       INTEGER NOT NULL DEFAULT 1,
    stations    TEXT NOT NULL DEFAULT '[]'   -- distinct stations that recorded a check-in
);

-- check-ins made with a valid badge whose issue has not reached this replica yet
CREATE TABLE pending_checkins (
    event_id     TEXT PRIMARY KEY,
    badge_serial TEXT NOT NULL
);
CREATE INDEX pending_checkins_serial ON pending_checkins(badge_serial);

CREATE TABLE presence (
    attendee_id TEXT PRIMARY KEY,
    room_id     TEXT,                -- NULL: not inside any room
    hlc         TEXT NOT NULL,
    event_id    TEXT NOT NULL
);
CREATE INDEX presence_room ON presence(room_id) WHERE room_id IS NOT NULL;

CREATE TABLE room_counts (
    room_id TEXT PRIMARY KEY,
    present INTEGER NOT NULL DEFAULT 0,  -- identified people inside
    adjust  INTEGER NOT NULL DEFAULT 0   -- sum of anonymous / manual signed deltas
);

CREATE TABLE badges (
    serial         TEXT PRIMARY KEY,
    attendee_id    TEXT NOT NULL,
    category       TEXT NOT NULL DEFAULT '',
    key_id         TEXT NOT NULL,
    token          TEXT NOT NULL,
    issued_hlc     TEXT NOT NULL,
    event_id       TEXT NOT NULL,
    revoked_hlc    TEXT,
    revoked_reason TEXT
);
CREATE INDEX badges_attendee ON badges(attendee_id, issued_hlc);

-- winning field edits (last writer by hlc) from attendee_created / attendee_updated
CREATE TABLE attendee_edits (
    attendee_id TEXT NOT NULL,
    field       TEXT NOT NULL,
    value       TEXT,
    hlc         TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    PRIMARY KEY (attendee_id, field)
) WITHOUT ROWID;

-- Local audit of every scan, including garbage; never synced.
CREATE TABLE scans (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    source   TEXT NOT NULL DEFAULT '',
    raw      TEXT NOT NULL,
    status   TEXT NOT NULL,
    event_id TEXT
);
"""
