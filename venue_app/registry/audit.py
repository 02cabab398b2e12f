"""The registry's audit log: who did what to the registry, from where, when.

The server records every admin API request that changes something (any method but GET) and every
admin request it refused (401, 403, 429), with the holder of the token (``admin``, a station's name
when a station token knocked on an admin endpoint, or ``unauthenticated``), the client address, the
method and path (never a token, a body or a query string that may carry personal data) and the answer's
status. The CLI records its own admin commands the same way (actor ``cli:<user>``, address ``local``).
``venue-app registry audit [--json]`` reads it.
"""

from __future__ import annotations

import getpass
from typing import Any

import sqlalchemy as sa

from venue_app.events import now_iso
from venue_app.registry.store import Store, audit_t

__all__ = ["cli_actor", "entries", "record", "wanted"]


def wanted(method: str, status: int) -> bool:
    """Whether an admin request is recorded: it changed something, or it was refused."""
    return method != "GET" or status in (401, 403, 429)


def record(store: Store, *, actor: str, address: str, method: str, path: str, status: int,
           detail: str = "") -> None:
    with store.write() as tx:
        tx.conn.execute(audit_t.insert().values(at=now_iso(), actor=actor[:200], address=address[:100],
                                                method=method[:10], path=path[:500], status=int(status),
                                                detail=detail[:1000]))


def entries(store: Store, *, limit: int = 200) -> list[dict[str, Any]]:
    """The newest ``limit`` entries, oldest first."""
    with store.read() as conn:
        rows = conn.execute(sa.select(audit_t).order_by(audit_t.c.id.desc()).limit(limit)).mappings().all()
    return [dict(r) for r in reversed(rows)]


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name for this uid (containers)
        return "cli:unknown"
