"""Add the live link with a registration system (pretix): its state, lease and outbound check-in queue.

``link_state``: one row per link (its settings without the token, which stays in the data directory;
the lease that lets exactly one registry process pull; when it last pulled, how many records changed,
the last error in words; the feed position up to which check-ins were queued for sending).
``link_outbox``: every check-in, exit and undo to send back, with its retry state: durable, so a check-in
is never lost while the registration system is away. ``link_checkins``: check-ins made by the
registration system's own scanners that were brought in (each once).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

__all__ = ["upgrade"]

_T = sa.Text


def _col(name: str, default: str | None = "", *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, _T, nullable=nullable, server_default=None if default is None else sa.text(f"'{default}'"))


def _zero(name: str, type_: Any) -> sa.Column[Any]:
    return sa.Column(name, type_, nullable=False, server_default=sa.text("0"))


def upgrade(conn: Connection) -> None:
    """Create the three tables (empty: no link until `registry connect`)."""
    local = sa.MetaData()
    sa.Table("link_state", local, sa.Column("name", sa.String(32), primary_key=True), _col("config", "{}"),
             _col("lease_owner"), _zero("lease_until", sa.Float), _col("modified_since"), _col("last_pull_at"),
             _col("full_pull_at"), _zero("last_pull_s", sa.Float), _zero("last_changed", sa.Integer),
             _col("last_error"), _col("error_since"), _zero("failures", sa.Integer), _zero("out_cursor", sa.BigInteger),
             _col("updated"))
    outbox = sa.Table("link_outbox", local, sa.Column("event_id", sa.String(64), primary_key=True),
                      sa.Column("link", sa.String(32), nullable=False), sa.Column("seq", sa.BigInteger, nullable=False),
                      sa.Column("action", sa.String(16), nullable=False), _col("attendee_id"), _col("body", "{}"),
                      sa.Column("state", sa.String(16), nullable=False), _zero("attempts", sa.Integer),
                      _zero("next_at", sa.Float), _col("last_error"), _col("enqueued"), _col("done_at"))
    sa.Index("ix_link_outbox_seq", outbox.c.seq)
    sa.Index("ix_link_outbox_state", outbox.c.state)
    sa.Table("link_checkins", local, sa.Column("link", sa.String(32), primary_key=True),
             sa.Column("ref", sa.String(128), primary_key=True), _col("attendee_id"), _col("event_id"), _col("at"))
    local.create_all(conn)
