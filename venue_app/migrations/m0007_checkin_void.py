"""Voided check-ins: a check-in undone at the desk (Ctrl+Z) stays in the log and stops counting."""

SQL = """
CREATE TABLE voided_checkins (
    event_id  TEXT PRIMARY KEY,      -- the check-in event that no longer counts
    void_hlc  TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
"""
