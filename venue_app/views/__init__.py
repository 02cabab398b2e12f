"""Read models: what each screen shows, read from the replica by the core and handed over as plain
dicts and tuples. The GUI calls these on its ``read`` lane (each thread's read-only connection) and
runs no SQL itself; the CLI and the benchmarks may call them too.

One module per screen:

* :mod:`venue_app.views.desk`: the desk: search results with their check-in state, the arrivals
  count, categories, a person's check-in, delegations and their members.
* :mod:`venue_app.views.attendee`: the attendee page: the person, their check-in, badges and history.
* :mod:`venue_app.views.door`: a door's room: count, capacity, state and the rule in force.
* :mod:`venue_app.views.dashboard`: the dashboard snapshot: rooms, totals, stations, charts, conflicts.
* :mod:`venue_app.views.status`: what the status bar and the self-test read: the outbox, the print
  counts of one printer, the check-ins in the log, a replica file's integrity.
"""

from __future__ import annotations

__all__: list[str] = []
