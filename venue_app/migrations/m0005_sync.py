"""Sync: feed items of kinds this version does not know, kept for a later version."""

SQL = """
CREATE TABLE feed_unknown (
    seq  INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    data TEXT NOT NULL
);
"""
