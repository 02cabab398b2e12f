"""Create the registry's tables (the schema of the first registry).

The tables the first registry made with ``metadata.create_all`` (marking ``meta.schema = "1"``), as a
frozen copy: spelled out here, not taken from :mod:`venue_app.registry.store`, so that later changes to
the store's declarations never change what version 1 is. A database created before numbered migrations
existed holds exactly these tables and is recognised as version 1.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

__all__ = ["metadata", "upgrade"]

metadata = sa.MetaData()
_T = sa.Text


def _text(name: str, default: str | None = "", *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, _T, nullable=nullable, server_default=None if default is None else sa.text(f"'{default}'"))


def _key(name: str, length: int) -> sa.Column[Any]:
    return sa.Column(name, sa.String(length), primary_key=True)


sa.Table("meta", metadata, _key("key", 64), sa.Column("value", _T))
sa.Table("counters", metadata, _key("name", 32), sa.Column("value", sa.BigInteger, nullable=False))
sa.Table("feed", metadata, sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
         sa.Column("kind", sa.String(32), nullable=False), sa.Column("data", _T, nullable=False),
         sa.Column("created", _T, nullable=False))
sa.Table("event", metadata, _key("id", 64), _text("name"), _text("tag"), _text("timezone", "UTC"),
         _text("starts", None, nullable=True), _text("ends", None, nullable=True), _text("languages", "[]"),
         _text("data", "{}"))
sa.Table("categories", metadata, _key("code", 64), _text("label"), _text("color", "#607d8b"),
         _text("rooms", '["*"]'))
sa.Table("rooms", metadata, _key("id", 64), _text("name"), sa.Column("capacity", sa.Integer, nullable=False),
         _text("policy", "warn"), _text("zone"), _text("data", "{}"))
sa.Table("sessions", metadata, _key("id", 128), _text("room_id"), _text("title"), _text("starts"), _text("ends"),
         _text("categories", "[]"), sa.Column("capacity", sa.Integer, nullable=True), _text("data", "{}"))
sa.Table("stations", metadata, _key("id", 64), _text("name"), _text("role"), _text("room_id", None, nullable=True),
         _text("public_key"), _text("key_id"), _text("certificate"),
         sa.Column("token_hash", sa.String(64), nullable=False, unique=True), _text("enrolled_at"),
         _text("revoked_at", None, nullable=True), _text("revoked_reason"), _text("last_seen", None, nullable=True))
sa.Table("enrollments", metadata, _key("code_hash", 64), _text("name"), _text("role"),
         _text("room_id", None, nullable=True), _text("created"), sa.Column("expires_at", sa.Float, nullable=False),
         _text("used_at", None, nullable=True), _text("station_id", None, nullable=True))
sa.Table("attendees", metadata, _key("id", 64), _text("code", None, nullable=True),
         sa.Column("code_norm", sa.String(255), nullable=True, unique=True),
         *(_text(f) for f in ("given_name", "family_name", "native_name")), _text("name_order", "given-first"),
         *(_text(f) for f in ("honorific", "organisation", "job_title", "city", "country", "category", "delegation",
                              "email", "phone", "language", "accessibility")),
         _text("status", "active"), _text("notes"), _text("master_hlc"))
sa.Table("attendee_edits", metadata, _key("attendee_id", 64), _key("field", 32), _text("value", None, nullable=True),
         _text("hlc"), _text("event_id"))
_log = sa.Table("log", metadata, _key("id", 64), sa.Column("hlc", sa.String(128)),
                sa.Column("station_id", sa.String(64), nullable=False), _text("operator"),
                sa.Column("type", sa.String(32), nullable=False), _text("payload"), _text("wall"), _text("received"),
                _text("flags", "[]"))
sa.Index("log_hlc", _log.c.hlc)
sa.Index("log_station", _log.c.station_id)
sa.Table("checkins", metadata, _key("attendee_id", 128), _text("event_id"), _text("hlc"), _text("at"),
         _text("station_id"), _text("operator"), sa.Column("count", sa.Integer, nullable=False),
         _text("stations", "[]"))
sa.Table("voided_checkins", metadata, _key("event_id", 64), _text("void_hlc"), _text("reason"))
sa.Table("pending_checkins", metadata, _key("event_id", 64),
         sa.Column("badge_serial", sa.String(64), nullable=False, index=True))
sa.Table("presence", metadata, _key("attendee_id", 128), _text("room_id", None, nullable=True), _text("hlc"),
         _text("event_id"))
sa.Table("room_counts", metadata, _key("room_id", 128),
         sa.Column("present", sa.Integer, nullable=False, server_default=sa.text("0")),
         sa.Column("adjust", sa.Integer, nullable=False, server_default=sa.text("0")))
sa.Table("badges", metadata, _key("serial", 64), sa.Column("attendee_id", sa.String(64), nullable=False, index=True),
         _text("category"), _text("key_id"), _text("token"), _text("issued_hlc"), _text("event_id"),
         _text("revoked_hlc", None, nullable=True), _text("revoked_reason", None, nullable=True))
sa.Table("access_grants", metadata, _key("attendee_id", 64), _key("scope", 128))
sa.Table("conflicts", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         _text("attendee_id"), _text("kind"), sa.Column("event_id", sa.String(64), unique=True), _text("station_id"),
         _text("hlc"), _text("other_event_id"), _text("other_station_id"), _text("other_hlc"), _text("detected_at"))


def upgrade(conn: Connection) -> None:
    """Create every table of version 1 and the feed counter (at 0)."""
    metadata.create_all(conn)
    conn.execute(sa.insert(metadata.tables["counters"]).values(name="feed", value=0))
