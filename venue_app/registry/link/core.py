"""The live pretix link: settings, lease, pull, outbound queue, status, and the thread ``registry serve`` runs.

Settings live in the registry database (table ``link_state``, one row named ``pretix``), the API token in
``keys/pretix.token`` of the registry's data directory (mode 600, like the registry's signing key): it is
never printed, logged or put in the database. Every registry process runs a :class:`LinkRunner`; each
round it takes (or renews) the lease in ``link_state`` with one conditional ``UPDATE``, so exactly one
process pulls and sends even with ``serve --workers N`` or several registry hosts on one PostgreSQL.

Pull: the first pull reads every order (``orders/`` pages, oldest first); later ones ask for
``modified_since`` the ``X-Page-Generated`` time of the previous pull's *first* page, so an order changed
while a pull was paging is read again next time (a page changing under a pull loses nothing). Each page of
positions becomes attendee records (:mod:`venue_app.registry.link.mapping`) written by the registry's one
upsert (:meth:`~venue_app.registry.store.Store.upsert_attendees`, source ``pretix:ORG/EVENT``); stations get
the changes through the normal feed.

Check-ins back: a cursor over the registry's feed (``link_state.out_cursor``) turns each station event
(check-in, room entry, room exit, undo) of an attendee who came from pretix into a row of ``link_outbox``
in the same transaction that moves the cursor; rows are sent in order (``checkinrpc/redeem`` with
``nonce`` = our event id, ``datetime`` = when it happened, ``force: true``, or ``checkinrpc/annul``) and
marked sent, refused (pretix's reason, in words) or retried with backoff. A row leaves the queue only on
pretix's answer, so no check-in is lost while pretix is down, slow or answering garbage.

Failures never reach stations: the registry keeps serving; :func:`status` (``registry link status``) and
the registry summary say what is wrong, in words, and since when. The stations hear the link's state too:
when it changes (working → failing, failing → working, the first full pull done; not on every pull), the
runner appends one ``link_status`` feed item (:data:`STATUS_KIND`: the state, words, since when, check-ins
waiting and refused; no token, no address with credentials), which stations keep in their replica and the
dashboard shows.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import random
import re
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from venue_app import linkstatus
from venue_app.events import now_iso
from venue_app.fsutil import atomic_write
from venue_app.hlc import HLC, parse_hlc
from venue_app.keys import SigningKey
from venue_app.registry.errors import InvalidInput, NotFound
from venue_app.registry.link.mapping import map_position, source_name
from venue_app.registry.link.pretix import PretixClient, PretixError
from venue_app.registry.protocol import hash_secret, sign_certificate
from venue_app.registry.store import (
    Store,
    attendees_t,
    badges_t,
    external_ids_t,
    feed_t,
    link_checkins_t,
    link_outbox_t,
    link_state_t,
    meta_t,
    stations_t,
    ticket_serials_t,
)

__all__ = ["LINK", "STATUS_KIND", "Link", "LinkRunner", "LinkSettings", "connect", "link_summary", "status",
           "token_file"]

log = logging.getLogger(__name__)

LINK = "pretix"
#: how often the link pulls changed orders, and looks for check-ins to send (seconds)
PULL_EVERY_S = 2.0
SEND_EVERY_S = 0.5
#: how often the signed-ticket key and the revoked and blocked secrets are read again (besides each full pull)
TRUST_EVERY_S = 30.0
#: the lease: renewed every round, taken over when its holder has been silent this long
LEASE_S = 15.0
#: retries wait 1, 2, 4 … seconds, at most this long (a revoked token: this long every time)
BACKOFF_MAX_S = 60.0
_BATCH = 200  # feed items turned into queue rows per round, queue rows sent per round
_SENDS = ("checkin", "room_entry", "room_exit", "checkin_voided")
#: the feed item that tells the stations the link's state (they keep it in the replica's meta: venue_app.linkstatus)
STATUS_KIND = linkstatus.KIND
#: while the link fails, the check-ins waiting are counted again at most this often (a new number is sent)
STATUS_RECOUNT_S = 60.0
_STATUS_META = f"link_status:{LINK}"  # the registry's meta row holding the last link_status item sent
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]*@")


@dataclass
class LinkSettings:
    url: str
    organizer: str
    event: str
    lists: list[int]
    category_map: dict[str, str] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return source_name(self.organizer, self.event)

    @classmethod
    def from_json(cls, text: str) -> LinkSettings:
        data = json.loads(text or "{}")
        return cls(url=str(data["url"]), organizer=str(data["organizer"]), event=str(data["event"]),
                   lists=[int(x) for x in data.get("lists") or []],
                   category_map={str(k): str(v) for k, v in (data.get("category_map") or {}).items()})


def token_file(root: str | os.PathLike[str]) -> Path:
    return Path(root) / "keys" / "pretix.token"


def _read_token(root: str | os.PathLike[str]) -> str | None:
    try:
        return token_file(root).read_text("utf-8").strip() or None
    except OSError:
        return None


def load_category_map(path: str | os.PathLike[str] | None) -> dict[str, str]:
    """A category map file: JSON ``{"item name or id": "CATEGORY", …}``, or CSV lines ``item,CATEGORY``."""
    if not path:
        return {}
    try:
        text = Path(path).read_text("utf-8-sig")
    except OSError as exc:
        raise InvalidInput(f"cannot read the category map {path}: {exc.strerror or exc}", code="bad_category_map") \
            from exc
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InvalidInput(f"the category map {path} is not valid JSON: {exc}", code="bad_category_map") from exc
        if not all(isinstance(v, str) and v.strip() for v in data.values()):
            raise InvalidInput("the category map must map item names to category codes (text)",
                               code="bad_category_map")
        return {str(k): v.strip() for k, v in data.items()}
    out: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item, sep, code = line.rpartition(",")
        if not sep or not item.strip() or not code.strip():
            raise InvalidInput(f"the category map {path}, line {number}: write `item name,CATEGORY`",
                               code="bad_category_map")
        out[item.strip().strip('"')] = code.strip()
    return out


def connect(store: Store, root: str | os.PathLike[str], *, url: str, token: str, organizer: str, event: str,
            checkin_list: int | None = None, category_map: Mapping[str, str] | None = None,
            transport: Any = None) -> dict[str, Any]:
    """Check the settings against pretix (token, organizer, event, check-in list), then store them: the
    token in ``keys/pretix.token``, the rest in the database. Nothing is stored when pretix refuses.
    Changing the URL, organizer or event starts over with a full pull."""
    token = token.strip()
    if not token or any(ch.isspace() for ch in token):
        raise InvalidInput("the pretix API token is empty or contains spaces", code="bad_token")
    try:
        with PretixClient(url, token, organizer, event, transport=transport) as client:
            detail = client.event_detail()
            lists = client.checkin_lists()
    except PretixError as exc:
        raise InvalidInput(f"pretix refused the link: {exc}", code="pretix_refused") from exc
    ids = {int(row["id"]): row for row in lists if isinstance(row, dict) and isinstance(row.get("id"), int)}
    if checkin_list is None:
        every = [i for i, row in ids.items() if row.get("all_products")] or sorted(ids)
        if not every:
            raise InvalidInput(f"the pretix event {event!r} has no check-in list; make one in pretix first",
                               code="no_checkin_list")
        checkin_list = sorted(every)[0]
    elif checkin_list not in ids:
        names = ", ".join(f"{i} ({_name(row)})" for i, row in sorted(ids.items())) or "none"
        raise InvalidInput(f"the pretix event {event!r} has no check-in list {checkin_list}; it has: {names}",
                           code="no_checkin_list")
    settings = LinkSettings(url=url.strip().rstrip("/"), organizer=organizer, event=event, lists=[checkin_list],
                            category_map=dict(category_map or {}))
    atomic_write(token_file(root), (token + "\n").encode("utf-8"), mode=0o600)
    with store.write() as tx:
        row = tx.conn.execute(sa.select(link_state_t.c.config).where(link_state_t.c.name == LINK)).first()
        config = json.dumps(asdict(settings), ensure_ascii=False)
        if row is None:
            head = tx.head  # check-ins from now on go back (earlier ones happened before the link)
            tx.conn.execute(link_state_t.insert().values(name=LINK, config=config, out_cursor=head, updated=now_iso()))
        else:
            old = LinkSettings.from_json(row[0])
            values: dict[str, Any] = {"config": config, "updated": now_iso(), "last_error": "", "error_since": "",
                                      "failures": 0}
            if (old.url, old.organizer, old.event) != (settings.url, settings.organizer, settings.event):
                values.update(modified_since="", full_pull_at="")
            tx.conn.execute(link_state_t.update().where(link_state_t.c.name == LINK).values(**values))
    return {"linked": True, "url": settings.url, "organizer": organizer, "event": event,
            "event_name": _name(detail), "checkin_list": checkin_list, "checkin_list_name": _name(ids[checkin_list]),
            "category_map": settings.category_map, "signed_tickets": bool((detail.get("valid_keys") or {})
                                                                          .get("pretix_sig1"))}


def _name(row: Mapping[str, Any]) -> str:
    name = row.get("name")
    if isinstance(name, dict):
        return str(name.get("en") or next(iter(name.values()), ""))
    return str(name or "")


def _settings(store: Store) -> tuple[LinkSettings, dict[str, Any]] | None:
    with store.read() as conn:
        row = conn.execute(sa.select(link_state_t).where(link_state_t.c.name == LINK)).mappings().first()
    if row is None:
        return None
    return LinkSettings.from_json(row["config"]), dict(row)


def status(store: Store, *, now: float | None = None) -> dict[str, Any]:
    """The link's state in words and numbers (``registry link status --json``)."""
    found = _settings(store)
    if found is None:
        return {"linked": False, "state": "not linked", "words": "no registration system is linked "
                                                                 "(`venue-app registry connect pretix …`)"}
    settings, row = found
    now = time.time() if now is None else now
    with store.read() as conn:
        counts = dict(conn.execute(sa.select(link_outbox_t.c.state, sa.func.count()).where(
            link_outbox_t.c.link == LINK).group_by(link_outbox_t.c.state)).all())
        oldest = conn.execute(sa.select(sa.func.min(link_outbox_t.c.enqueued)).where(
            link_outbox_t.c.link == LINK, link_outbox_t.c.state == "pending")).scalar()
        refused = [dict(r) for r in conn.execute(sa.select(
            link_outbox_t.c.event_id, link_outbox_t.c.attendee_id, link_outbox_t.c.action, link_outbox_t.c.last_error,
            link_outbox_t.c.done_at).where(link_outbox_t.c.link == LINK, link_outbox_t.c.state == "refused")
            .order_by(link_outbox_t.c.seq.desc()).limit(20)).mappings()]
    pending = int(counts.get("pending", 0))
    lease_alive = bool(row["lease_owner"]) and float(row["lease_until"]) > now
    if row["last_error"]:
        state = "failing"
        words = f"pretix link failing since {row['error_since']}: {row['last_error']}"
    elif not lease_alive:
        state = "stopped"
        words = "no registry process runs the link (is `registry serve` running?)"
    elif not row["full_pull_at"]:
        state = "starting"
        words = "first pull from pretix in progress"
    else:
        state = "ok"
        words = f"pulled from pretix at {row['last_pull_at']}; {pending} check-ins waiting to be sent"
    return {
        "linked": True, "state": state, "words": words, "url": settings.url, "organizer": settings.organizer,
        "event": settings.event, "checkin_lists": settings.lists, "category_map": settings.category_map,
        "source": settings.source, "last_pull_at": row["last_pull_at"] or None,
        "full_pull_at": row["full_pull_at"] or None, "last_pull_s": round(float(row["last_pull_s"]), 3),
        "last_changed": int(row["last_changed"]), "modified_since": row["modified_since"] or None,
        "last_error": row["last_error"] or None, "error_since": row["error_since"] or None,
        "failures": int(row["failures"]), "lease_owner": row["lease_owner"] if lease_alive else None,
        "outbound": {"pending": pending, "sent": int(counts.get("sent", 0)), "refused": int(counts.get("refused", 0)),
                     "oldest_pending": oldest or None, "refusals": refused},
    }


def link_summary(store: Store) -> dict[str, Any] | None:
    """The few lines of :func:`status` a dashboard shows (``None`` when no link)."""
    full = status(store)
    if not full["linked"]:
        return None
    return {k: full[k] for k in ("state", "words", "last_pull_at", "last_error", "error_since")} | {
        "pending": full["outbound"]["pending"], "refused": full["outbound"]["refused"]}


def _count(conn: Any, state: str) -> int:
    """How many check-ins of the link's queue are in ``state`` (``pending``, ``refused``)."""
    return int(conn.execute(sa.select(sa.func.count()).select_from(link_outbox_t).where(
        link_outbox_t.c.link == LINK, link_outbox_t.c.state == state)).scalar() or 0)


def _json_object(text: Any) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _serial_owner(conn: Any, serial: Any) -> str | None:
    """The attendee a badge or signed-ticket serial belongs to, when the registry knows it."""
    if not serial:
        return None
    owner = conn.execute(sa.select(badges_t.c.attendee_id).where(badges_t.c.serial == str(serial),
                                                                 badges_t.c.attendee_id != "")).scalar()
    if owner is None:
        owner = conn.execute(sa.select(ticket_serials_t.c.attendee_id).where(
            ticket_serials_t.c.serial == str(serial))).scalar()
    return str(owner) if owner else None


def _pretix_code(conn: Any, settings: LinkSettings, attendee_id: str) -> str | None:
    """The pretix secret of an attendee who came from this link's event (None for anyone else)."""
    linked = conn.execute(sa.select(external_ids_t.c.external_id).where(
        external_ids_t.c.source == settings.source, external_ids_t.c.attendee_id == attendee_id)).first()
    if linked is None:
        return None
    code = conn.execute(sa.select(attendees_t.c.code).where(attendees_t.c.id == attendee_id)).scalar()
    return str(code) if code else None


def _pretix_station_id(settings: LinkSettings) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.source}/station"))


def _epoch(text: Any) -> float:
    try:
        when = datetime.fromisoformat(str(text))
    except ValueError:
        return 0.0
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


def _iso_from_wall(wall: str, hlc: str) -> str:
    if wall:
        try:
            return datetime.fromisoformat(wall).isoformat()
        except ValueError:
            pass
    try:
        return datetime.fromtimestamp(parse_hlc(hlc).ms / 1000, UTC).isoformat(timespec="milliseconds")
    except ValueError:
        return now_iso()


class Link:
    """One registry process's side of the link: lease, pull, queue, send. :class:`LinkRunner` calls
    :meth:`round` in a loop; tests and the benchmark call the steps directly."""

    def __init__(self, store: Store, root: str | os.PathLike[str], *, owner: str | None = None,
                 transport: Any = None, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.root = Path(root)
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.transport = transport
        self.clock = clock
        self._client: PretixClient | None = None
        self._client_key: tuple[str, ...] = ()
        self._items: dict[int, str] | None = None
        self._next_pull = 0.0
        self._next_send = 0.0
        self._lease_until = 0.0
        self._next_trust = 0.0
        self._blocked: frozenset[str] | None = None  # the blocked secrets at the last pull
        self._stations: set[str] = set()
        self._failing = True  # until a round succeeds, the stored error (if any) may be old
        # the state last told to the stations (state, words), the check-ins waiting then, when to count again
        self._said: tuple[str, str] | None = None
        self._said_pending = -1
        self._recount_at = 0.0

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # -- lease ---------------------------------------------------------------------------------
    def take_lease(self, ttl: float = LEASE_S) -> bool:
        """Take or renew the lease; True when this process holds it now."""
        now = self.clock()
        if now < self._lease_until - ttl / 2:
            return True  # renewed recently: no write (and fsync) every round
        with self.store.write() as tx:
            done = tx.conn.execute(link_state_t.update().where(
                link_state_t.c.name == LINK,
                sa.or_(link_state_t.c.lease_owner == self.owner, link_state_t.c.lease_until < now))
                .values(lease_owner=self.owner, lease_until=now + ttl))
        self._lease_until = now + ttl if done.rowcount == 1 else 0.0
        return done.rowcount == 1

    def release(self) -> None:
        self._lease_until = 0.0
        with self.store.write() as tx:
            tx.conn.execute(link_state_t.update().where(link_state_t.c.name == LINK,
                                                        link_state_t.c.lease_owner == self.owner)
                            .values(lease_owner="", lease_until=0))

    # -- the client ----------------------------------------------------------------------------
    def client(self, settings: LinkSettings) -> PretixClient:
        token = _read_token(self.root)
        if token is None:
            raise PretixError(f"the pretix token file {token_file(self.root)} is missing; run `registry connect "
                              "pretix` on this host", "config")
        key = (settings.url, settings.organizer, settings.event, token)
        if self._client is None or key != self._client_key:
            self.close()
            self._client = PretixClient(settings.url, token, settings.organizer, settings.event,
                                        transport=self.transport)
            self._client_key = key
            self._items = None
        return self._client

    # -- pull ----------------------------------------------------------------------------------
    def pull(self) -> dict[str, Any]:
        """Pull what changed in pretix (everything the first time); returns what it did."""
        found = _settings(self.store)
        if found is None:
            raise NotFound("no pretix link", code="not_linked")
        settings, row = found
        client = self.client(settings)
        t0 = time.perf_counter()
        if self._items is None:
            self._items = client.items()
        blocked = frozenset(client.secrets("blocked"))
        since = row["modified_since"] or None
        full = not since or not row["full_pull_at"]
        if full or self.clock() >= self._next_trust:
            self._refresh_trust(client, settings, blocked)
            self._next_trust = self.clock() + TRUST_EVERY_S
        first_generated = ""
        changed = seen = refused = came_in = 0
        scanned: list[tuple[str, Mapping[str, Any]]] = []
        problems: list[str] = []
        categories: set[str] = set()
        pages = client.orders(None if full else since)
        if not full and self._blocked is not None and blocked != self._blocked:
            # a block set or lifted in pretix need not touch its order: read those orders again too
            pages = itertools.chain(pages, [(self._orders_of(client, blocked ^ self._blocked), "")])
        for orders, generated in pages:
            first_generated = first_generated or generated
            records = []
            for order in orders:
                if not isinstance(order, dict):
                    continue
                for position in order.get("positions") or []:
                    if not isinstance(position, dict) or not position.get("secret"):
                        continue
                    mapped = map_position(position, order, organizer=settings.organizer, event=settings.event,
                                          items=self._items, category_map=settings.category_map,
                                          blocked_secrets=blocked)
                    fields = dict(mapped["fields"])
                    if not (fields["given_name"] or fields["family_name"] or fields["native_name"]):
                        # pretix allows nameless tickets; the registry needs a name to show
                        fields["given_name"] = f"pretix {mapped['order']}-{position.get('positionid', '')}"
                    records.append({"external_id": mapped["external_id"], **fields, "status": mapped["status"]})
                    categories.add(fields["category"])
                    scanned += [(mapped["external_id"], c) for c in mapped["checkins"]
                                if c.get("list") in settings.lists and c.get("type", "entry") == "entry"]
            if not records:
                continue
            self._ensure_categories(categories)
            result = self.store.upsert_attendees(settings.source, records, who="pretix link")
            seen += len(records)
            changed += result.created + result.updated
            refused += result.refused
            problems += [f"position {r.external_id}: {r.reason}" for r in result.results if r.outcome == "refused"]
            attendees = {r.external_id: r.attendee_id for r in result.results if r.attendee_id}
            came_in += self._bring_in(settings, [(attendees[x], c) for x, c in scanned if x in attendees])
            scanned = []
        if not first_generated:
            raise PretixError("pretix answered orders without an X-Page-Generated time", "garbage")
        self._blocked = blocked
        elapsed = time.perf_counter() - t0
        now = now_iso()
        with self.store.write() as tx:
            values: dict[str, Any] = {"modified_since": first_generated, "last_pull_at": now, "last_pull_s": elapsed,
                                      "last_changed": changed}
            if full:
                values["full_pull_at"] = now
            tx.conn.execute(link_state_t.update().where(link_state_t.c.name == LINK).values(**values))
        if problems:
            log.warning("pretix link: %d positions refused, e.g. %s", len(problems), problems[0])
        return {"full": full, "positions": seen, "changed": changed, "refused": refused, "problems": problems[:20],
                "pretix_checkins": came_in, "seconds": round(elapsed, 3)}

    def _bring_in(self, settings: LinkSettings, checkins: list[tuple[str, Mapping[str, Any]]]) -> int:
        """Check-ins made by pretix's own scanners become check-ins here, from the station "pretix" (each once;
        the ones we sent are recognised by their time and skipped): a person admitted at a pretix scanner is
        "already checked in" at our stations, and one admitted at both is a conflict, as between two desks."""
        if not checkins:
            return 0
        refs = {str(c.get("id")): (attendee, c) for attendee, c in checkins if c.get("id") is not None}
        with self.store.read() as conn:
            known = {r[0] for r in conn.execute(sa.select(link_checkins_t.c.ref).where(
                link_checkins_t.c.link == LINK, link_checkins_t.c.ref.in_(list(refs))))}
            fresh = {ref: v for ref, v in refs.items() if ref not in known}
            ours: dict[str, list[float]] = {}
            if fresh:
                for attendee_id, body in conn.execute(sa.select(link_outbox_t.c.attendee_id, link_outbox_t.c.body)
                                                      .where(link_outbox_t.c.action == "redeem",
                                                             link_outbox_t.c.attendee_id.in_(
                                                                 list({a for a, _ in fresh.values()})))):
                    ours.setdefault(attendee_id, []).append(_epoch(json.loads(body).get("datetime")))
        if not fresh:
            return 0
        station = self._pretix_station(settings)
        events = []
        rows = []
        for ref, (attendee_id, checkin) in fresh.items():
            at = _epoch(checkin.get("datetime"))
            mine = any(abs(at - t) < 1.5 for t in ours.get(attendee_id, []))
            event_id = "" if mine else str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.source}/checkin/{ref}"))
            rows.append({"link": LINK, "ref": ref, "attendee_id": attendee_id, "event_id": event_id,
                         "at": str(checkin.get("datetime") or "")})
            if not mine:
                ms = int(at * 1000) if at else time.time_ns() // 1_000_000
                events.append({"id": event_id, "hlc": str(HLC(ms, 0, station)), "station_id": station,
                               "type": "checkin", "payload": {"attendee_id": attendee_id}, "operator": "pretix",
                               "wall": datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds"),
                               "flags": []})
        if events:  # idempotent by event id: a crash before the rows below are written re-sends the same events
            self.store.ingest(station, events)
        with self.store.write() as tx:
            tx.conn.execute(link_checkins_t.insert(), rows)
        return len(events)

    def _pretix_station(self, settings: LinkSettings) -> str:
        """The station pretix's own check-ins are recorded from (made once; it never gets a usable token)."""
        station_id = _pretix_station_id(settings)
        if station_id in self._stations:
            return station_id
        with self.store.write() as tx:
            found = tx.conn.execute(sa.select(stations_t.c.id).where(stations_t.c.id == station_id)).first()
            if found is None:
                # a key pair like any station's, so stations accept its certificate and show its name; the
                # private half is thrown away: nothing is ever signed as this station
                public = SigningKey.generate().public
                certificate = sign_certificate(SigningKey.load(self.root / "keys" / "registry.ed25519"), station_id,
                                               public.text)
                tx.conn.execute(stations_t.insert().values(
                    id=station_id, name="pretix", role="desk", public_key=public.text, key_id=public.key_id,
                    certificate=certificate, token_hash=hash_secret(secrets.token_hex(32)), enrolled_at=now_iso(),
                    revoked_reason=""))
                tx.emit("station", self.store._station_item(tx.conn, station_id))
        self._stations.add(station_id)
        return station_id

    def _orders_of(self, client: PretixClient, secrets_: set[str]) -> list[dict[str, Any]]:
        codes = set()
        for secret in sorted(secrets_)[:200]:
            found = client.get(f"{client.event_path}/orderpositions/", {"secret": secret})
            codes |= {str(p["order"]) for p in (found.get("results") or []) if isinstance(p, dict) and p.get("order")}
        return [client.get(f"{client.event_path}/orders/{code}/", {"include_canceled_positions": "true"})
                for code in sorted(codes)]

    def _refresh_trust(self, client: PretixClient, settings: LinkSettings, blocked: frozenset[str]) -> None:
        """Hand the event's signed-ticket key (``pretix_sig1``) and its revoked and blocked secrets to the
        registry's trusted issuers, so stations verify pretix tickets offline, even ones whose order has not
        arrived yet (:mod:`venue_app.registry.tickets`)."""
        from venue_app.issuers import SCHEME
        from venue_app.registry.link.mapping import category_code
        from venue_app.registry.tickets import issuer_secrets_t, issuers

        keys = [str(k) for k in ((client.event_detail().get("valid_keys") or {}).get(SCHEME) or []) if k]
        trusted = [i for i in issuers(self.store) if i["ref"] == settings.source and not i.get("removed_at")]
        if not keys and not trusted:
            return  # an event with random secrets: nothing to verify offline
        items = {str(i): category_code(name, settings.category_map, i) for i, name in (self._items or {}).items()}
        self.store.set_trusted_issuer(SCHEME, settings.source, keys, items, who="pretix link")
        entries = [(secret, "revoked", "replaced in pretix") for secret in client.secrets("revoked")]
        entries += [(secret, "blocked", "blocked in pretix") for secret in blocked]
        with self.store.read() as conn:  # a block lifted in pretix lifts it here
            was = {r[0] for r in conn.execute(sa.select(issuer_secrets_t.c.secret).where(
                issuer_secrets_t.c.ref == settings.source, issuer_secrets_t.c.state == "blocked"))}
        entries += [(secret, "ok", "unblocked in pretix") for secret in sorted(was - blocked)]
        if entries:
            self.store.set_issuer_secrets(settings.source, entries)

    def _ensure_categories(self, codes: set[str]) -> None:
        from venue_app.registry.protocol import CategoryIn, ProgramDoc
        from venue_app.registry.store import categories_t

        with self.store.read() as conn:
            known = {r[0] for r in conn.execute(sa.select(categories_t.c.code))}
        missing = sorted(c for c in codes if c and c not in known)
        if missing:
            self.store.apply_program(ProgramDoc(categories=[CategoryIn(code=c, label=c.replace("_", " ").title())
                                                            for c in missing]))

    # -- check-ins back ------------------------------------------------------------------------
    def enqueue(self) -> int:
        """Turn the station events since the cursor into queue rows (one transaction); returns how many."""
        found = _settings(self.store)
        if found is None:
            return 0
        settings, row = found
        with self.store.read() as conn:  # most rounds find nothing new: no write then
            newer = conn.execute(sa.select(feed_t.c.seq).where(feed_t.c.seq > int(row["out_cursor"])).limit(1)).first()
        if newer is None:
            return 0
        added = 0
        with self.store.write() as tx:
            conn = tx.conn
            cursor = int(conn.execute(sa.select(link_state_t.c.out_cursor).where(link_state_t.c.name == LINK))
                         .scalar_one())
            rows = conn.execute(sa.select(feed_t.c.seq, feed_t.c.data).where(
                feed_t.c.seq > cursor, feed_t.c.kind == "station_event").order_by(feed_t.c.seq).limit(_BATCH)).all()
            last = conn.execute(sa.select(sa.func.max(feed_t.c.seq)).where(feed_t.c.seq > cursor)).scalar()
            if len(rows) == _BATCH:
                last = rows[-1][0]
            enqueued = now_iso()
            for seq, data in rows:
                try:
                    ev = json.loads(data)
                except ValueError:
                    continue
                row = self._queue_row(conn, settings, ev)
                if row is None:
                    continue
                exists = conn.execute(sa.select(link_outbox_t.c.event_id)
                                      .where(link_outbox_t.c.event_id == ev["id"])).first()
                if exists is None:
                    conn.execute(link_outbox_t.insert().values(event_id=ev["id"], link=LINK, seq=int(seq),
                                                               state="pending", enqueued=enqueued, **row))
                    added += 1
            if last is not None and int(last) > cursor:
                conn.execute(link_state_t.update().where(link_state_t.c.name == LINK).values(out_cursor=int(last)))
        return added

    def _queue_row(self, conn: Any, settings: LinkSettings, ev: Mapping[str, Any]) -> dict[str, Any] | None:
        kind = ev.get("type")
        if kind not in _SENDS or not isinstance(ev.get("payload"), dict) or ev.get("station_id") == \
                _pretix_station_id(settings):
            return None  # not a station's move, or pretix's own check-in coming back
        payload = ev["payload"]
        if kind == "checkin_voided":
            target = payload.get("checkin_event_id")
            sent = conn.execute(sa.select(link_outbox_t.c.attendee_id, link_outbox_t.c.action).where(
                link_outbox_t.c.event_id == str(target))).first() if target else None
            if sent is None or sent[1] != "redeem":
                return None  # not a check-in of a pretix ticket: nothing to undo there
            return {"action": "annul", "attendee_id": sent[0],
                    "body": json.dumps({"lists": settings.lists, "nonce": str(target)})}
        body = {"lists": settings.lists, "nonce": str(ev["id"]),
                "datetime": _iso_from_wall(str(ev.get("wall") or ""), str(ev.get("hlc") or "")),
                "type": "exit" if kind == "room_exit" else "entry"}
        attendee_id = payload.get("attendee_id") or _serial_owner(conn, payload.get("badge_serial"))
        if not attendee_id:
            if not payload.get("badge_serial"):
                return None
            # a signed ticket admitted before its order arrived: resolved when it does (see send)
            return {"action": "redeem", "attendee_id": "",
                    "body": json.dumps({**body, "serial": str(payload["badge_serial"])}, ensure_ascii=False)}
        code = _pretix_code(conn, settings, str(attendee_id))
        if code is None:
            return None  # not a pretix ticket (a walk-in, an imported attendee)
        return {"action": "redeem", "attendee_id": str(attendee_id),
                "body": json.dumps({**body, "secret": code}, ensure_ascii=False)}

    def send(self, *, limit: int = _BATCH) -> dict[str, int]:
        """Send the due queue rows in order; stops at the first that pretix could not take (it is retried
        with backoff and keeps its place, so an undo never overtakes its check-in)."""
        found = _settings(self.store)
        if found is None:
            return {"sent": 0, "refused": 0}
        settings, _ = found
        with self.store.read() as conn:
            rows = conn.execute(sa.select(link_outbox_t).where(
                link_outbox_t.c.link == LINK, link_outbox_t.c.state == "pending")
                .order_by(link_outbox_t.c.seq).limit(limit)).mappings().all()
        sent = refused = 0
        if not rows:
            return {"sent": 0, "refused": 0}
        now = self.clock()
        client = self.client(settings)
        for row in rows:
            if float(row["next_at"]) > now:
                break  # waits out its backoff, and keeps its place
            body = json.loads(row["body"])
            ready = self._ready(settings, row, body)
            if ready is None:
                continue  # waits for its ticket's order (or its check-in), without holding up the others
            if not ready:
                refused += 1
                continue
            try:
                if row["action"] == "annul":
                    answer = client.annul(lists=body["lists"], nonce=body["nonce"])
                else:
                    answer = client.redeem(secret=body["secret"], lists=body["lists"], nonce=body["nonce"],
                                           when=body["datetime"], kind=body["type"], force=True)
            except PretixError as exc:
                attempts = int(row["attempts"]) + 1
                wait = min(BACKOFF_MAX_S, 2 ** min(attempts, 10) / 2) * (0.8 + 0.4 * random.random())
                with self.store.write() as tx:
                    tx.conn.execute(link_outbox_t.update().where(link_outbox_t.c.event_id == row["event_id"])
                                    .values(attempts=attempts, next_at=self.clock() + wait, last_error=str(exc)))
                raise
            if answer.ok:
                self._done(row["event_id"], "sent", "", int(row["attempts"]) + 1)
                sent += 1
            else:
                self._done(row["event_id"], "refused", answer.words, int(row["attempts"]) + 1)
                refused += 1
        return {"sent": sent, "refused": refused}

    def _ready(self, settings: LinkSettings, row: Mapping[str, Any], body: dict[str, Any]) -> bool | None:
        """Whether a queue row can be sent now: True (``body`` completed), None (not yet), False (it never
        will: marked skipped, with the reason)."""
        if row["action"] == "annul":
            with self.store.read() as conn:
                target = conn.execute(sa.select(link_outbox_t.c.state).where(
                    link_outbox_t.c.event_id == body["nonce"])).scalar()
            if target == "pending":
                return None
            if target != "sent":
                self._done(row["event_id"], "skipped", "its check-in never reached pretix", int(row["attempts"]))
                return False
            return True
        if body.get("secret"):
            return True
        with self.store.read() as conn:
            attendee_id = _serial_owner(conn, body.get("serial"))
            code = _pretix_code(conn, settings, attendee_id) if attendee_id else None
        if attendee_id is None:
            return None
        if code is None:
            self._done(row["event_id"], "skipped", "not a pretix ticket", int(row["attempts"]))
            return False
        body["secret"] = code
        with self.store.write() as tx:
            tx.conn.execute(link_outbox_t.update().where(link_outbox_t.c.event_id == row["event_id"]).values(
                attendee_id=attendee_id, body=json.dumps(body, ensure_ascii=False)))
        return True

    def _done(self, event_id: str, state: str, words: str, attempts: int) -> None:
        with self.store.write() as tx:
            tx.conn.execute(link_outbox_t.update().where(link_outbox_t.c.event_id == event_id).values(
                state=state, last_error=words, attempts=attempts, done_at=now_iso()))

    # -- one round -----------------------------------------------------------------------------
    def round(self, *, force_pull: bool = False) -> dict[str, Any]:
        """What the runner does every tick: lease, then (when due) pull, queue and send; records errors."""
        found = _settings(self.store)
        if found is None:
            return {"linked": False}
        if not self.take_lease():
            return {"linked": True, "lease": False}
        now = self.clock()
        out: dict[str, Any] = {"linked": True, "lease": True}
        try:
            out["queued"] = self.enqueue()
            if now >= self._next_send:
                out["sent"] = self.send()
            if force_pull or now >= self._next_pull:
                out["pull"] = self.pull()
                self._next_pull = self.clock() + PULL_EVERY_S
        except PretixError as exc:
            out["error"] = str(exc)
            self._failed(exc)
            return out
        sent = out.get("sent") or {}
        if "pull" in out or sent.get("sent") or sent.get("refused"):
            self._ok()  # pretix answered: whatever was wrong is over (a round that waits out a backoff says nothing)
        if self._failing:
            return out
        pulled = bool(found[1]["full_pull_at"]) or bool(out.get("pull", {}).get("full"))
        self.publish("ok" if pulled else "starting", settings=found[0])
        return out

    def _ok(self) -> None:
        if not self._failing:
            return
        self._failing = False
        with self.store.write() as tx:
            tx.conn.execute(link_state_t.update().where(link_state_t.c.name == LINK, link_state_t.c.failures != 0)
                            .values(last_error="", error_since="", failures=0))

    def _failed(self, exc: PretixError) -> None:
        self._failing = True
        with self.store.write() as tx:
            row = tx.conn.execute(sa.select(link_state_t.c.failures, link_state_t.c.error_since)
                                  .where(link_state_t.c.name == LINK)).first()
            failures = (int(row[0]) if row else 0) + 1
            tx.conn.execute(link_state_t.update().where(link_state_t.c.name == LINK).values(
                last_error=str(exc), error_since=(row[1] if row and row[1] else now_iso()), failures=failures))
        wait = BACKOFF_MAX_S if exc.kind == "auth" else min(BACKOFF_MAX_S, 2 ** min(failures, 10) / 2)
        wait *= 0.8 + 0.4 * random.random()
        self._next_pull = max(self._next_pull, self.clock() + wait)
        self._next_send = self.clock() + wait
        log.warning("pretix link: %s (retrying in %.0f s)", exc, wait)
        self.publish("failing", str(exc))

    # -- the stations hear the link's state ----------------------------------------------------
    def publish(self, state: str, error: str = "", *, settings: LinkSettings | None = None) -> bool:
        """Tell the stations the link's state (``ok``, ``starting``, ``failing`` with ``error``) with one
        :data:`STATUS_KIND` feed item, when it differs from the last one told; True when an item was
        appended. Costs nothing when the state is the same (compared in memory), but for a count of the
        check-ins waiting every :data:`STATUS_RECOUNT_S` while failing (a new number is told). The last
        item is kept in the registry's ``meta`` table, in the transaction that appends it: a restarted
        process, or the next lease holder, does not tell it again."""
        words = error if state == "failing" else self._state_words(state, settings)
        key = (state, words)
        now = self.clock()
        if key == self._said:
            if state != "failing" or now < self._recount_at:
                return False
            self._recount_at = now + STATUS_RECOUNT_S
            with self.store.read() as conn:
                if _count(conn, "pending") == self._said_pending:
                    return False
        with self.store.write() as tx:
            conn = tx.conn
            said = _json_object(conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == _STATUS_META)).scalar())
            pending, refused = _count(conn, "pending"), _count(conn, "refused")
            words = self._public(words)
            same = (said.get("state"), said.get("words")) == (state, words)
            if same and (state != "failing" or said.get("pending") == pending):
                item = None  # told already (by this process before a restart, or by another lease holder)
                pending = int(said.get("pending") or 0)
            else:
                since = said.get("since") if same else None
                if state == "failing":
                    since = conn.execute(sa.select(link_state_t.c.error_since).where(
                        link_state_t.c.name == LINK)).scalar() or since
                item = {"system": LINK, "state": state, "words": words, "since": since or now_iso(),
                        "pending": pending, "refused": refused}
                tx.emit(STATUS_KIND, item)
                value = json.dumps(item, ensure_ascii=False)
                if not conn.execute(meta_t.update().where(meta_t.c.key == _STATUS_META).values(value=value)).rowcount:
                    conn.execute(meta_t.insert().values(key=_STATUS_META, value=value))
        self._said, self._said_pending, self._recount_at = key, pending, now + STATUS_RECOUNT_S
        if item is not None:
            log.info("pretix link: told the stations it is %s%s", state, f" ({words})" if words else "")
        return item is not None

    def _state_words(self, state: str, settings: LinkSettings | None) -> str:
        if state == "starting":
            return "first pull from pretix in progress"
        if settings is None:
            found = _settings(self.store)
            if found is None:
                return "not linked"
            settings = found[0]
        return f"linked with the pretix event {settings.organizer}/{settings.event}"

    def _public(self, words: str) -> str:
        """``words`` as stations may read them: no credentials in an address, never the API token."""
        words = _URL_CREDENTIALS.sub(r"\1", words)
        token = _read_token(self.root)
        return words.replace(token, "…") if token else words


class LinkRunner:
    """The link in a background thread of a registry process (``registry serve`` starts one per process)."""

    def __init__(self, store: Store, root: str | os.PathLike[str], *, tick_s: float = SEND_EVERY_S) -> None:
        self.link = Link(store, root)
        self.tick_s = tick_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pretix-link", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout)
        with contextlib.suppress(Exception):  # the database is away: the lease runs out by itself
            self.link.release()
        self.link.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.link.round()
            except Exception as exc:  # the database is away, a bug: never take the registry down; say so, retry
                log.exception("pretix link round failed")
                with contextlib.suppress(Exception):
                    self.link._failed(PretixError(f"the link itself failed ({type(exc).__name__}: {exc}); see the "
                                                  "registry's log", "internal"))
                self._stop.wait(5.0)
            self._stop.wait(self.tick_s)
