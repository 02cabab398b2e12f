"""What the status bar, the print service and the self-test read: the outbox, one printer's sent
and held jobs, the check-ins in the log, and a replica file's integrity."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["integrity", "logged_checkins", "outbox_count", "printer_states"]


def outbox_count(station: Station) -> int:
    """Local events not yet accepted by the registry, on the calling thread's read-only connection:
    a status poll must never queue behind the writer."""
    row = station.replica.reader().execute("SELECT count(*) FROM log WHERE outbox = 1").fetchone()
    return int(row[0]) if row else 0


def printer_states(station: Station, target: str) -> dict[str, int]:
    """``{"sent": n, "held": n}``: jobs handed to the printer ``target`` that it has not confirmed
    printed yet (another printer's jobs are not counted)."""
    rows = station.replica.query(
        "SELECT printer_state, count(*) AS n FROM print_jobs WHERE status = 'done' AND target = ?"
        " AND printer_state IN ('sent', 'held') GROUP BY printer_state", (target,))
    mine = {r["printer_state"]: int(r["n"]) for r in rows}
    return {"sent": mine.get("sent", 0), "held": mine.get("held", 0)}


def logged_checkins(station: Station) -> int:
    """Check-in events in the log (voided ones included)."""
    row = station.replica.one("SELECT COUNT(*) AS n FROM log WHERE type = 'checkin'")
    return int(row["n"]) if row else 0


def integrity(path: Path) -> str:
    """SQLite's ``integrity_check`` of the database file at ``path``, opened read-only: "ok", the
    first five problems, or "unreadable (…)"."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"unreadable ({exc})"
    return "; ".join(str(r[0]) for r in rows[:5])
