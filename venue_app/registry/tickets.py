"""The registry's side of signed tickets from another system (see :mod:`venue_app.issuers`).

The registry keeps the trusted issuers and their revoked or blocked secrets and publishes every change
as a feed item (``issuer``, ``issuer_secret``) that stations apply. It also closes the loop of a ticket
admitted offline before its attendee reached the station: the station recorded a check-in under the
ticket's serial (:func:`venue_app.issuers.ticket_serial`), which stays pending until someone owns that
serial. When the attendee whose code is that secret arrives (the upsert) or the pending check-in
arrives after the attendee (a push), the registry records a ``badge_issued`` event of its own (station
id ``registry``) giving the serial to that attendee: the one rule set then resolves the pending
check-in on the registry and on every station, as it does for a badge printed offline. A ``badge_revoked``
follows at once: the serial names a ticket, not a printed badge, and must not count as one (badge counts,
reprints); the check-in it resolved stays.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from venue_app import rules
from venue_app.events import ATTENDEE_FIELDS, Event, now_iso
from venue_app.ids import uuid7
from venue_app.issuers import SCHEME, SECRET_STATES, SERIAL_PREFIX, looks_like_sig1, parse_public_key, ticket_serial
from venue_app.registry.errors import InvalidInput

__all__ = ["REGISTRY_STATION", "attendees_v", "issuers", "link_codes", "link_serials", "set_issuer_secrets",
           "set_trusted_issuer"]

#: the station id of the events the registry records itself
REGISTRY_STATION = "registry"
_MAX_SECRET = 512

# views of the store's tables (declared in venue_app.registry.store, which calls this module: no import back)
_ATTENDEE_COLUMNS = ("id", "code", "code_norm", "master_hlc", *ATTENDEE_FIELDS)
attendees_v = sa.table("attendees", *(sa.column(c) for c in dict.fromkeys(_ATTENDEE_COLUMNS)))
issuers_t = sa.table("issuers", *(sa.column(c) for c in ("scheme", "ref", "public_key", "items", "added", "who",
                                                         "removed_at")))
issuer_secrets_t = sa.table("issuer_secrets", *(sa.column(c) for c in ("secret", "ref", "state", "reason", "updated")))
ticket_serials_t = sa.table("ticket_serials", sa.column("serial"), sa.column("attendee_id"))
pending_t = sa.table("pending_checkins", sa.column("event_id"), sa.column("badge_serial"))
badges_t = sa.table("badges", sa.column("serial"), sa.column("attendee_id"))


def _issuer_item(row: Mapping[str, Any]) -> dict[str, Any]:
    items = row["items"]
    return {"scheme": row["scheme"], "ref": row["ref"], "public_key": row["public_key"],
            "items": json.loads(items) if isinstance(items, str) else dict(items or {}),
            "removed_at": row.get("removed_at")}


def set_trusted_issuer(store: Any, scheme: str, ref: str, public_keys: Sequence[str],
                       items: Mapping[str, str] | None = None, *, who: str = "admin") -> list[dict[str, Any]]:
    """Trust exactly ``public_keys`` for the issuer ``ref`` (``pretix:ORG/EVENT``): new keys are added,
    keys no longer listed are withdrawn (an event's key rotated), ``items`` (issuer item id → category)
    replaces the mapping when given. Returns the issuer's keys as stations get them."""
    if scheme != SCHEME:
        raise InvalidInput(f"unknown ticket scheme {scheme!r} (known: {SCHEME})", code="invalid_issuer")
    if not ref or len(ref) > 255:
        raise InvalidInput("the issuer needs a name of at most 255 characters (e.g. pretix:ORG/EVENT)",
                           code="invalid_issuer")
    try:
        keys = list(dict.fromkeys(parse_public_key(k) for k in public_keys))
    except ValueError as exc:
        raise InvalidInput(f"issuer {ref}: {exc}", code="invalid_public_key") from exc
    mapping = None if items is None else _dumps({str(k): str(v) for k, v in items.items()})
    now = now_iso()
    with store.write() as tx:
        conn = tx.conn
        rows = {r["public_key"]: dict(r) for r in conn.execute(
            sa.select(issuers_t).where(issuers_t.c.scheme == scheme, issuers_t.c.ref == ref)).mappings()}
        for key in keys:
            old = rows.get(key)
            values = {"items": mapping if mapping is not None else (old["items"] if old else "{}"),
                      "removed_at": None}
            if old is None:
                conn.execute(issuers_t.insert().values(scheme=scheme, ref=ref, public_key=key, added=now, who=who,
                                                       **values))
            elif old["items"] == values["items"] and old["removed_at"] is None:
                continue
            else:
                conn.execute(issuers_t.update().where(issuers_t.c.scheme == scheme, issuers_t.c.ref == ref,
                                                      issuers_t.c.public_key == key).values(who=who, **values))
            tx.emit("issuer", _issuer_item({"scheme": scheme, "ref": ref, "public_key": key, **values}))
        for key, old in rows.items():
            if key not in keys and old["removed_at"] is None:
                conn.execute(issuers_t.update().where(issuers_t.c.scheme == scheme, issuers_t.c.ref == ref,
                                                      issuers_t.c.public_key == key).values(removed_at=now, who=who))
                tx.emit("issuer", _issuer_item({**old, "removed_at": now}))
    return [i for i in issuers(store) if i["ref"] == ref and i["scheme"] == scheme]


def issuers(store: Any) -> list[dict[str, Any]]:
    """Every trusted issuer key (withdrawn ones too, with ``removed_at``)."""
    with store.read() as conn:
        return [_issuer_item(r) for r in conn.execute(sa.select(issuers_t).order_by(
            issuers_t.c.ref, issuers_t.c.public_key)).mappings()]


def set_issuer_secrets(store: Any, ref: str, entries: Iterable[tuple[str, str, str]]) -> int:
    """Record what the issuer ``ref`` says of secrets: ``(secret, state, reason)`` with state revoked,
    blocked or ok (a block lifted). Only changes are published; returns how many changed."""
    wanted: dict[str, tuple[str, str]] = {}
    for secret, state, reason in entries:
        if state not in SECRET_STATES:
            raise InvalidInput(f"a secret's state is one of {', '.join(SECRET_STATES)}, not {state!r}",
                               code="invalid_secret_state")
        if not secret or len(secret) > _MAX_SECRET:
            raise InvalidInput(f"a secret is 1 to {_MAX_SECRET} characters", code="invalid_secret")
        wanted[secret] = (state, reason or "")
    changed = 0
    now = now_iso()
    with store.write() as tx:
        conn = tx.conn
        held: dict[str, tuple[str, str]] = {}
        keys = list(wanted)
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            held.update({r.secret: (r.state, r.reason) for r in conn.execute(
                sa.select(issuer_secrets_t.c.secret, issuer_secrets_t.c.state, issuer_secrets_t.c.reason)
                .where(issuer_secrets_t.c.secret.in_(chunk)))})
        for secret, (state, reason) in wanted.items():
            old = held.get(secret)
            if old == (state, reason) or (old is None and state == "ok"):
                continue
            values = {"ref": ref, "state": state, "reason": reason, "updated": now}
            if old is None:
                conn.execute(issuer_secrets_t.insert().values(secret=secret, **values))
            else:
                conn.execute(issuer_secrets_t.update().where(issuer_secrets_t.c.secret == secret).values(**values))
            tx.emit("issuer_secret", {"secret": secret, **values})
            changed += 1
    return changed


def link_codes(tx: Any, attendees: Iterable[tuple[str, str | None]]) -> None:
    """Attendees whose code is a signed ticket: remember the ticket's serial as theirs, and resolve a
    check-in a station already made under it (inside the caller's write transaction)."""
    serials: list[str] = []
    for attendee_id, code in attendees:
        if not code or not looks_like_sig1(code):
            continue
        serial = ticket_serial(code)
        ins = tx.upsert(ticket_serials_t).values(serial=serial, attendee_id=attendee_id)
        tx.conn.execute(ins.on_conflict_do_update(index_elements=["serial"],
                                                  set_={"attendee_id": ins.excluded.attendee_id}))
        serials.append(serial)
    link_serials(tx, serials)


def link_serials(tx: Any, serials: Sequence[str]) -> None:
    """For each ticket serial with a pending check-in and a known attendee but no owner yet, record the
    registry's ``badge_issued`` that gives it to the attendee (the rules resolve the check-in), then its
    ``badge_revoked`` (a ticket is no printed badge: it must not count as one)."""
    serials = [s for s in dict.fromkeys(serials) if s.startswith(SERIAL_PREFIX)]
    if not serials:
        return
    conn = tx.conn
    pending = {r[0] for r in conn.execute(sa.select(pending_t.c.badge_serial).where(
        pending_t.c.badge_serial.in_(serials)))}
    if not pending:
        return
    owned = {r[0] for r in conn.execute(sa.select(badges_t.c.serial).where(
        badges_t.c.serial.in_(sorted(pending)), badges_t.c.attendee_id != ""))}
    owners = dict(conn.execute(sa.select(ticket_serials_t.c.serial, ticket_serials_t.c.attendee_id).where(
        ticket_serials_t.c.serial.in_(sorted(pending - owned)))).all())
    if not owners:
        return
    categories = dict(conn.execute(sa.select(attendees_v.c.id, attendees_v.c.category).where(
        attendees_v.c.id.in_(set(owners.values())))).all())
    store = tx.store
    db = tx.rules()
    for serial in sorted(owners):
        attendee_id = owners[serial]
        # the serial given to its attendee (the rules then count the waiting check-in for them), and at once
        # taken out of the valid badges: it is a ticket, not a printed badge (badge counts, reprints)
        for type_, payload in (
                ("badge_issued", {"serial": serial, "attendee_id": attendee_id, "key_id": SCHEME,
                                  "category": categories.get(attendee_id) or "",
                                  "reason": "signed ticket of the registration system"}),
                ("badge_revoked", {"serial": serial, "attendee_id": attendee_id,
                                   "reason": "a signed ticket of the registration system, not a printed badge"})):
            stamp = store.clock.now()
            wall = now_iso()
            event = Event(str(uuid7(stamp.ms)), str(stamp), REGISTRY_STATION, type_, payload, "registry", wall)
            tx.run_sql("log_add", {"id": event.id, "hlc": event.hlc, "station_id": REGISTRY_STATION,
                                   "operator": event.operator, "type": event.type,
                                   "payload": json.dumps(event.payload, ensure_ascii=False, separators=(",", ":")),
                                   "wall": wall, "received": wall, "flags": "[]"})
            tx.emit("station_event", event.as_dict())
            rules.apply(db, event)

def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
