"""Print queue: badge print jobs, persistent so a crash or a printer outage loses none.

A job holds the signed draft it is printing (serial, token…) from the moment it is sent, so that a
station restarted between "the printer accepted it" and "badge_issued recorded" can finish the
record (``accepted`` = 1) instead of leaving a printed badge unknown to the log.
"""

SQL = """
CREATE TABLE print_jobs (
    id             TEXT PRIMARY KEY,
    attendee_id    TEXT NOT NULL,
    template       TEXT NOT NULL,
    copies         INTEGER NOT NULL DEFAULT 1 CHECK (copies >= 1),
    status         TEXT NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'printing', 'done', 'failed', 'cancelled')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    max_attempts   INTEGER NOT NULL DEFAULT 3,
    next_try       TEXT NOT NULL DEFAULT '',     -- ISO time before which a retry waits
    reason         TEXT NOT NULL DEFAULT '',     -- why it failed (last error), in plain words
    backend        TEXT NOT NULL DEFAULT '',
    backend_ref    TEXT NOT NULL DEFAULT '',     -- file path or spooler request id
    accepted       INTEGER NOT NULL DEFAULT 0,   -- 1 once the back-end accepted the job
    badge_serial   TEXT,
    badge_token    TEXT,
    badge_key_id   TEXT,
    badge_category TEXT,
    operator       TEXT NOT NULL DEFAULT '',
    created        TEXT NOT NULL,
    updated        TEXT NOT NULL
);
CREATE INDEX print_jobs_status ON print_jobs(status, next_try, created);
CREATE INDEX print_jobs_attendee ON print_jobs(attendee_id, created);
"""
