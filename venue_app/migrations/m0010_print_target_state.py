"""Print queue: each job's target printer and what the printer did with it (issue 20).

``target``         the printer URL the job was queued for (``cups:Badge``, ``pdf:/…``, ``zpl://…``); a job is
                   printed only there. Empty for jobs queued before this migration (any printer may take them).
``printer_state``  once the printer accepted the job (status ``done``): ``sent`` (in the spooler's or
                   printer's hands), ``held`` (the printer is paused or stopped), ``printed`` or ``failed``
                   (aborted or cancelled after acceptance). Empty before acceptance.
``printer_reason`` the printer's own words for held and failed (``out of cards``, ``Paused``).
``checked``        when the printer was last asked about the job.
"""

import sqlite3


def apply(conn: sqlite3.Connection) -> None:
    # idempotent (a column already there is left alone): safe whatever number this ends up with
    columns = {row[1] for row in conn.execute("PRAGMA table_info(print_jobs)")}
    for name in ("target", "printer_state", "printer_reason", "checked"):
        if name not in columns:
            conn.execute(f"ALTER TABLE print_jobs ADD COLUMN {name} TEXT NOT NULL DEFAULT ''")
    conn.execute("CREATE INDEX IF NOT EXISTS print_jobs_target ON print_jobs(target, status, printer_state)")
