"""Keep external ids, trusted ticket issuers and their revoked or blocked secrets.

``external_ids`` ties a record of another registration system (``source``, e.g. ``pretix:ORG/EVENT``,
and its own id) to our attendee, so that sending the same record again updates that attendee instead
of adding a second one (:mod:`venue_app.registry.upsert`). ``ticket_serials`` names the attendee whose
registration code is a signed ticket, by the serial a station records when it admits the ticket
before the attendee reached it (:mod:`venue_app.issuers`). ``issuers`` holds the public keys of the
systems whose signed tickets stations verify offline; ``issuer_secrets`` the secrets such a system
revoked or blocked.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

__all__ = ["upgrade"]

_T = sa.Text


def _text(name: str, default: str | None = "", *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, _T, nullable=nullable, server_default=None if default is None else sa.text(f"'{default}'"))


def upgrade(conn: Connection) -> None:
    """Create the four tables (empty: nothing before held them)."""
    local = sa.MetaData()
    external = sa.Table("external_ids", local, sa.Column("source", sa.String(128), primary_key=True),
                        sa.Column("external_id", sa.String(255), primary_key=True),
                        sa.Column("attendee_id", sa.String(64), nullable=False), _text("updated"), _text("who"))
    sa.Index("external_ids_attendee", external.c.attendee_id)
    sa.Table("ticket_serials", local, sa.Column("serial", sa.String(64), primary_key=True),
             sa.Column("attendee_id", sa.String(64), nullable=False))
    sa.Table("issuers", local, sa.Column("scheme", sa.String(32), primary_key=True),
             sa.Column("ref", sa.String(255), primary_key=True),
             sa.Column("public_key", sa.String(255), primary_key=True),
             _text("items", "{}"), _text("added"), _text("who"), _text("removed_at", None, nullable=True))
    sa.Table("issuer_secrets", local, sa.Column("secret", sa.String(512), primary_key=True),
             sa.Column("ref", sa.String(255), nullable=False), sa.Column("state", sa.String(16), nullable=False),
             _text("reason"), _text("updated"))
    local.create_all(conn)
