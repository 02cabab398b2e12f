"""Add the audit table: every admin action (and every refused admin attempt) with who, from where and when.

``registry audit`` reads it (:mod:`venue_app.registry.audit`); the server writes one row per admin
request that changes something or is refused.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

__all__ = ["upgrade"]


def upgrade(conn: Connection) -> None:
    local = sa.MetaData()
    text = sa.Text
    table = sa.Table("audit", local, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                     *(sa.Column(name, text, nullable=False, server_default=sa.text("''"))
                       for name in ("at", "actor", "address", "method", "path")),
                     sa.Column("status", sa.Integer, nullable=False),
                     sa.Column("detail", text, nullable=False, server_default=sa.text("''")))
    sa.Index("audit_at", table.c.at)
    table.create(conn)
