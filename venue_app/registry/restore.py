"""A registry rebuilt from station replicas, when the registry's machine (or its folder) is lost.

Every station holds the event log it made (pushed or not) and the events it pulled from the feed,
the attendee master records, the program and the stations it knows. ``venue-app registry restore
--from-station DIR …`` reads those replicas (read-only: a copy of a station folder will do) and
builds a new registry folder:

* the event (same id and badge tag: every badge printed stays valid), the program, the access grants;
* the attendee master records, the newest copy of each (``master_hlc``; a desk's copy before a door's
  or a dashboard's, which hold no personal data);
* every station event any given replica holds, once, through the registry's own ingest
  (:meth:`Store.ingest`: idempotent by event id, derived state by the one rule set of
  :mod:`venue_app.rules`). Of an event several replicas hold, the copy of the station that made it
  is used (a door's copy of a desk's walk-in lacks the personal fields);
* the stations the replicas know. A station restored from keeps its token (its folder holds it), so
  it reconnects as it is; any other station is known (its events and badge key) but its token is
  not: it gets "enrol it again", or is added later by running ``restore`` again on the same folder
  with its replica (``--from-station``: a second run adds what the first lacked, nothing twice).

Keys. With ``--key-from`` (a backup of the old registry folder, or of its ``keys/`` and ``tls/``) the
new registry keeps the signing key and the TLS certificate, hence the pin the stations hold: they
reconnect without anyone touching them. Without it the registry gets a new key and certificate: every
station refuses it ("the registry's certificate changed: not the one this station was enrolled with")
until it is enrolled again with a new code (``registry enroll``), which is the only safe answer (a
station cannot tell a rebuilt registry from an impostor unless someone it trusts says so).

The feed is new. A restored registry carries a new *epoch* (``meta.epoch``, sent with every answer in
the ``X-Venue-Registry-Epoch`` header). A station that sees another epoch than the one it synced with
knows its feed position means nothing now: it re-pulls from the start (applying is idempotent, so
nothing is doubled) and queues its own events again for pushing (the registry answers ``duplicate``
for those it has, and takes those it lacks), see :meth:`venue_app.sync.engine.SyncEngine.pull_once`.
"""

from __future__ import annotations

import json
import secrets
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from venue_app.events import ATTENDEE_FIELDS, now_iso
from venue_app.ids import new_id
from venue_app.keys import SigningKey
from venue_app.paths import Paths
from venue_app.registry.config import RegistryConfig, normalise_db_url
from venue_app.registry.errors import ConflictError, InvalidInput
from venue_app.registry.protocol import MAX_BATCH, ProgramDoc, hash_secret, sign_certificate
from venue_app.registry.store import Store, attendees_t, meta_t, stations_t
from venue_app.replica import connect

__all__ = ["RestoreReport", "StationSource", "epoch", "read_station", "restore"]


@dataclass
class StationSource:
    """What one station replica holds, read for a restore."""

    root: Path
    station_id: str
    name: str
    role: str
    token: str | None
    event: dict[str, Any]
    registry_key: str | None
    events: list[dict[str, Any]]
    unpushed: int
    attendees: list[dict[str, Any]]
    categories: list[dict[str, Any]]
    rooms: list[dict[str, Any]]
    sessions: list[dict[str, Any]]
    grants: list[dict[str, str]]
    stations: list[dict[str, Any]]
    #: when the registry revoked this station itself, if it heard so (it wiped itself then)
    revoked_at: str | None = None


@dataclass
class RestoreReport:
    data: str = ""
    created: bool = True
    epoch: str = ""
    key_kept: bool = False
    admin_token: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    events_read: int = 0
    events_accepted: int = 0
    events_duplicate: int = 0
    events_rejected: int = 0
    attendees: int = 0
    stations_reconnect: list[str] = field(default_factory=list)
    stations_reenrol: list[str] = field(default_factory=list)
    stations_revoked: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql)]


def _json(text: Any, default: Any) -> Any:
    if not isinstance(text, str) or not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def read_station(root: Path | str) -> StationSource:
    """Read a station folder (its replica read-only, its registry token if it has one)."""
    paths = Paths(Path(root))
    if not paths.replica.exists():
        raise InvalidInput(f"{paths.root} holds no station replica ({paths.replica.name} is missing)",
                           code="not_a_station")
    try:
        conn = connect(paths.replica, readonly=True)
    except sqlite3.Error as exc:
        raise InvalidInput(f"cannot read the station replica in {paths.root}: {exc}", code="not_a_station") from exc
    try:
        meta = {r["key"]: _json(r["value"], r["value"]) for r in conn.execute("SELECT key, value FROM meta")}
        station_id = meta.get("station_id")
        event = conn.execute("SELECT * FROM event LIMIT 1").fetchone()
        if not station_id or event is None:
            raise InvalidInput(f"{paths.root} holds no enrolled station (no station id or event)",
                               code="not_a_station")
        key = conn.execute("SELECT public_key FROM keys WHERE kind = 'registry' LIMIT 1").fetchone()
        events = []
        unpushed = 0
        for r in conn.execute("SELECT id, hlc, station_id, operator, type, payload, wall, flags, outbox FROM log"):
            unpushed += r["outbox"] == 1 and r["station_id"] == station_id
            events.append({"id": r["id"], "hlc": r["hlc"], "station_id": r["station_id"], "type": r["type"],
                           "payload": _json(r["payload"], {}), "operator": r["operator"] or "",
                           "wall": r["wall"] or "",
                           "flags": [f for f in _json(r["flags"], []) if not str(f).startswith("rejected:")]})
        # replicas of before migration m0014 do not record revocations (read-only: not migrated here)
        has_revoked = any(r[1] == "revoked_at" for r in conn.execute("PRAGMA table_info(stations)"))
        revoked = "revoked_at" if has_revoked else "NULL AS revoked_at"
        columns = ", ".join(("id", "master_hlc", *ATTENDEE_FIELDS))
        attendees = _rows(conn, f"SELECT {columns} FROM attendees")
        grants = [{"attendee": r["attendee_id"], "scope": r["scope"]}
                  for r in conn.execute("SELECT attendee_id, scope FROM access_grants")]
        source = StationSource(
            root=paths.root, station_id=str(station_id), name=str(meta.get("station_name") or ""),
            role=str(meta.get("role") or "desk"), token=None, event=dict(event),
            registry_key=key[0] if key else None, events=events, unpushed=int(unpushed), attendees=attendees,
            categories=_rows(conn, "SELECT * FROM categories"), rooms=_rows(conn, "SELECT * FROM rooms"),
            sessions=_rows(conn, "SELECT * FROM sessions"), grants=grants,
            stations=_rows(conn, f"SELECT id, name, role, room_id, public_key, key_id, {revoked} FROM stations"))
        wiped = meta.get("wiped")
        if isinstance(wiped, dict) and "revoked" in str(wiped.get("reason") or ""):
            source.revoked_at = str(wiped.get("at") or now_iso())
    except sqlite3.Error as exc:
        raise InvalidInput(f"cannot read the station replica in {paths.root}: {exc}", code="not_a_station") from exc
    finally:
        conn.close()
    token_file = paths.keys_dir / "registry.token"
    if token_file.exists():
        source.token = token_file.read_text("utf-8").strip() or None
    return source


def epoch(store: Store) -> str:
    """The registry's feed epoch ("" for a registry never restored: stations treat both alike)."""
    with store.read() as conn:
        return store.meta(conn, "epoch") or ""


def _program(sources: Sequence[StationSource]) -> ProgramDoc:
    categories: dict[str, dict[str, Any]] = {}
    rooms: dict[str, dict[str, Any]] = {}
    sessions: dict[str, dict[str, Any]] = {}
    grants: dict[tuple[str, str], dict[str, str]] = {}
    for src in sources:
        for c in src.categories:
            categories.setdefault(c["code"], {"code": c["code"], "label": c["label"], "color": c["color"],
                                              "rooms": _json(c["rooms"], ["*"])})
        for r in src.rooms:
            rooms.setdefault(r["id"], {"id": r["id"], "name": r["name"], "capacity": r["capacity"],
                                       "policy": r["policy"], "zone": r["zone"], "data": _json(r["data"], {})})
        for s in src.sessions:
            sessions.setdefault(s["id"], {"id": s["id"], "room_id": s["room_id"], "title": s["title"],
                                          "starts": s["starts"], "ends": s["ends"],
                                          "categories": _json(s["categories"], []), "capacity": s["capacity"],
                                          "data": _json(s["data"], {})})
        for g in src.grants:
            grants.setdefault((g["attendee"], g["scope"]), g)
    first = sources[0].event
    event = {k: first[k] for k in ("timezone", "starts", "ends") if first.get(k)}
    event["languages"] = _json(first.get("languages"), [])
    return ProgramDoc.model_validate({"event": event, "categories": list(categories.values()),
                                      "rooms": list(rooms.values()), "sessions": list(sessions.values()),
                                      "grants": list(grants.values())})


def _install_keys(root: Path, key_from: Path, registry_key: str | None) -> SigningKey:
    """The old registry's signing key and TLS certificate, from a backup of its folder."""
    config = RegistryConfig(root=root)
    backup = RegistryConfig(root=key_from)
    key_file = backup.key_file if backup.key_file.exists() else key_from / "registry.ed25519"
    if not key_file.exists():
        raise InvalidInput(f"{key_from} holds no registry key (expected keys/registry.ed25519 from the old "
                           "registry folder)", code="no_key")
    key = SigningKey.load(key_file)
    if registry_key and key.public.text != registry_key:
        raise InvalidInput(f"the key in {key_from} is not the key of the registry these stations were enrolled "
                           "with; give the backup of that registry's folder, or restore without --key-from "
                           "(the stations then enrol again)", code="wrong_key")
    cert, tls_key = backup.tls_files
    if not (cert.exists() and tls_key.exists()):
        raise InvalidInput(f"{key_from} holds the signing key but not the TLS certificate (tls/registry.crt and "
                           "tls/registry.key): without it the stations' pin would not match", code="no_certificate")
    key.save(config.key_file)
    target_cert, target_key = config.tls_files
    target_cert.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cert, target_cert)
    shutil.copyfile(tls_key, target_key)
    target_key.chmod(0o600)
    return key


def restore(data: Path | str, station_dirs: Sequence[Path | str], *, key_from: Path | str | None = None,
            db_url: str | None = None, public_url: str | None = None) -> RestoreReport:
    """Rebuild a registry in ``data`` from the replicas in ``station_dirs`` (see the module's text).

    ``data`` may hold a registry restored before (of the same event): what the replicas add to it is
    added, nothing twice, and its key and epoch stay."""
    from venue_app.registry import tls

    if not station_dirs:
        raise InvalidInput("give at least one station folder (--from-station DIR)", code="no_station")
    sources = [read_station(d) for d in station_dirs]
    event_ids = {s.event["id"] for s in sources}
    if len(event_ids) > 1:
        raise InvalidInput("the station folders belong to different events: "
                           + ", ".join(f"{s.root} ({s.event['name']})" for s in sources), code="mixed_events")
    keys = {s.registry_key for s in sources if s.registry_key}
    if len(keys) > 1:
        raise InvalidInput("the stations were enrolled with different registry keys (different registries)",
                           code="mixed_registries")
    registry_key = next(iter(keys), None)
    root = Path(data)
    report = RestoreReport(data=str(root))
    config = RegistryConfig(root=root)
    if config.file.exists():
        config = RegistryConfig.load(root)
        report.created = False
        if config.event_id and config.event_id not in event_ids:
            raise ConflictError(f"{root} holds the registry of another event", code="other_event")
        key = SigningKey.load(config.key_file)
        store = Store.open(config.db_url)
    else:
        if root.exists() and any(root.iterdir()):
            raise ConflictError(f"{root} is not empty and holds no registry: give an empty or new folder",
                                code="not_empty")
        root.mkdir(parents=True, exist_ok=True)
        config.db_url = normalise_db_url(db_url) if db_url else RegistryConfig.default_db_url(root)
        if public_url:
            config.public_url = public_url.rstrip("/")
        if key_from is not None:
            key = _install_keys(root, Path(key_from), registry_key)
            old = Path(key_from) / "registry.json"
            if old.exists() and not public_url:
                config.public_url = str(_json(old.read_text("utf-8"), {}).get("public_url") or config.public_url)
            report.key_kept = True
        else:
            key = SigningKey.generate()
            key.save(config.key_file)
            from urllib.parse import urlsplit
            tls.ensure_certificate(root, [urlsplit(config.public_url).hostname or ""])
        store = Store.open(config.db_url, create=True)
        report.admin_token = "adm_" + secrets.token_urlsafe(32)
        first = sources[0].event
        store.init_event(name=first["name"], timezone=first.get("timezone") or "UTC", key=key,
                         admin_token=report.admin_token, event_id=first["id"])
        with store.write() as tx:
            tx.conn.execute(meta_t.insert().values(key="epoch", value=new_id()))
        config.event_id = first["id"]
        config.save()
    try:
        report.key_kept = report.key_kept or (registry_key is not None and key.public.text == registry_key)
        _restore_into(store, key, sources, report)
        report.epoch = epoch(store)
    finally:
        store.close()
    _next_steps(report)
    return report


def _restore_into(store: Store, key: SigningKey, sources: Sequence[StationSource], report: RestoreReport) -> None:
    # master records: the newest copy of each attendee; at equal age a desk's (it holds every field)
    order = sorted(sources, key=lambda s: s.role != "desk")
    people: dict[str, dict[str, Any]] = {}
    for src in order:
        for a in src.attendees:
            if not a.get("master_hlc"):
                continue  # a walk-in: its attendee_created event makes it
            held = people.get(a["id"])
            if held is None or str(a["master_hlc"]) > str(held["master_hlc"]):
                people[a["id"]] = a
    from venue_app.codes import normalise_code

    with store.write() as tx:
        known = {r[0] for r in tx.conn.execute(sa.select(attendees_t.c.id))}
        rows = []
        for a in people.values():
            if a["id"] in known:
                continue
            row = {k: a.get(k) for k in ("id", "master_hlc", *ATTENDEE_FIELDS)}
            row["code"] = row["code"] or None
            row["code_norm"] = normalise_code(row["code"]) if row["code"] else None
            rows.append(row)
        if rows:
            tx.conn.execute(attendees_t.insert(), rows)
            for row in rows:
                tx.emit("attendee", {k: v for k, v in row.items() if k != "code_norm"})
        report.attendees = len(known) + len(rows)
    store.apply_program(_program(sources))
    _stations(store, key, sources, report)
    # each event once: the copy of the station that made it, else a desk's, else any
    best: dict[str, tuple[int, dict[str, Any]]] = {}
    for src in sources:
        for ev in src.events:
            rank = 0 if ev["station_id"] == src.station_id else 1 if src.role == "desk" else 2
            held = best.get(ev["id"])
            if held is None or rank < held[0]:
                best[ev["id"]] = (rank, ev)
    by_station: dict[str, list[dict[str, Any]]] = {}
    for _, ev in best.values():
        by_station.setdefault(ev["station_id"], []).append(ev)
    report.events_read = len(best)
    for station_id, events in sorted(by_station.items()):
        events.sort(key=lambda e: e["hlc"])
        for start in range(0, len(events), MAX_BATCH):
            answer = store.ingest(station_id, events[start:start + MAX_BATCH])
            report.events_accepted += answer.accepted
            report.events_duplicate += answer.duplicate
            report.events_rejected += answer.rejected
    report.sources = [{"folder": str(s.root), "station": s.name, "role": s.role, "events": len(s.events),
                       "unpushed": s.unpushed, "token": s.token is not None} for s in sources]


def _stations(store: Store, key: SigningKey, sources: Iterable[StationSource], report: RestoreReport) -> None:
    tokens = {s.station_id: s.token for s in sources if s.token}
    known: dict[str, dict[str, Any]] = {}
    # a revocation any replica heard of stays: a revoked (lost, stolen) station's token must not come back
    revoked: dict[str, str] = {s.station_id: s.revoked_at for s in sources if s.revoked_at}
    for src in sources:
        for st in src.stations:
            if st.get("public_key"):
                known.setdefault(st["id"], st)
            if st.get("revoked_at"):
                revoked.setdefault(st["id"], str(st["revoked_at"]))
    with store.write() as tx:
        rows = {r.id: r for r in tx.conn.execute(sa.select(stations_t.c.id, stations_t.c.token_hash))}
        for station_id, st in sorted(known.items()):
            token = tokens.get(station_id)
            token_hash = hash_secret(token) if token else f"unknown:{station_id}"  # matches no token
            if station_id in rows:
                if token and rows[station_id].token_hash != token_hash:
                    tx.conn.execute(stations_t.update().where(stations_t.c.id == station_id)
                                    .values(token_hash=token_hash))
            else:
                tx.conn.execute(stations_t.insert().values(
                    id=station_id, name=st["name"], role=st["role"] or "desk", room_id=st.get("room_id"),
                    public_key=st["public_key"], key_id=st["key_id"],
                    certificate=sign_certificate(key, station_id, st["public_key"]), token_hash=token_hash,
                    enrolled_at=now_iso(), revoked_reason=""))
                tx.emit("station", store._station_item(tx.conn, station_id))
        for station_id, at in sorted(revoked.items()):
            done = tx.conn.execute(stations_t.update()
                                   .where(stations_t.c.id == station_id, stations_t.c.revoked_at.is_(None))
                                   .values(revoked_at=at, revoked_reason="revoked before the registry was restored"))
            if done.rowcount:
                tx.emit("station", store._station_item(tx.conn, station_id))
        for r in tx.conn.execute(sa.select(stations_t.c.name, stations_t.c.token_hash, stations_t.c.revoked_at)
                                 .order_by(stations_t.c.name)):
            if r.revoked_at:
                report.stations_revoked.append(r.name)
            else:
                (report.stations_reenrol if r.token_hash.startswith("unknown:") else report.stations_reconnect
                 ).append(r.name)


def _next_steps(report: RestoreReport) -> None:
    steps = report.next_steps
    if report.admin_token:
        steps.append("This registry has a new admin token (printed once, above): keep it.")
    if report.stations_revoked:
        steps.append("These stations were revoked before the registry was lost and stay revoked: "
                     + ", ".join(report.stations_revoked) + ".")
    if report.key_kept:
        steps.append("The registry kept its key and certificate: start `registry serve` on the old address and "
                     "port; the stations restored from reconnect by themselves, re-pull the feed and push again "
                     "what this registry lacks.")
        if report.stations_reenrol:
            steps.append("These stations are known but their tokens were not in any folder given: "
                         + ", ".join(report.stations_reenrol) + ". Run `registry restore` again on this folder "
                         "with their station folders (their events are added, nothing twice), or enrol them again.")
    else:
        steps.append("The registry has a new key and certificate (no --key-from): every station refuses it "
                     "(\"the registry's certificate changed\") until it is enrolled again with a new code "
                     "from `registry enroll`.")
