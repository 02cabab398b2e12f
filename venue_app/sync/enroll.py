"""Enrolling a new station with a registry, then its first full pull (resumable page by page)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from venue_app.errors import ConfigError, ReplicaError
from venue_app.fsutil import atomic_write
from venue_app.keys import PublicKey, SigningKey
from venue_app.paths import Paths
from venue_app.replica import Replica
from venue_app.station import Station
from venue_app.sync.client import RegistryClient
from venue_app.sync.engine import SyncEngine
from venue_app.transport import is_loopback

__all__ = ["enroll", "parse_enrolment"]

_PIN = re.compile(r"[A-Za-z0-9_-]{43}")


def parse_enrolment(text: str) -> tuple[str | None, str]:
    """The registry URL (if the text carries one) and the one-time code, from what was typed or
    scanned: the bare code, ``VENUE-ENROL:CODE``, or the registry's QR link
    ``venue-desk://enroll?registry=URL&code=CODE&pin=PIN``. A pin (the registry certificate's, see
    :mod:`venue_app.registry.tls`) stays with the code as ``CODE#PIN``, which is also how it is typed."""
    text = text.strip()
    if text.lower().startswith("venue-desk://enroll"):
        query = parse_qs(urlsplit(text).query)
        code = (query.get("code") or [""])[0].strip()
        pin = (query.get("pin") or [""])[0].strip()
        return (query.get("registry") or [None])[0], f"{code}#{pin}" if pin and code else code
    if text.upper().startswith(("VENUE-ENROL:", "VENUE-ENROLL:")):
        return None, text.split(":", 1)[1].strip()
    return None, text


def enroll(paths: Paths, url: str, code: str, *, name: str | None = None,
           progress: Callable[[int, int], None] | None = None, client: RegistryClient | None = None,
           index: bool = True) -> Station:
    """Enrol with the one-time ``code``; returns the opened station after its first pull.

    ``index=False`` returns as soon as the data is in (scans work, search finds everyone through a
    plain scan of the not-yet-indexed rows); the sync engine builds the search index afterwards."""
    linked, code = parse_enrolment(code)
    code, _, pin = code.partition("#")
    code, pin = code.strip(), pin.strip()
    url = url.strip() or linked or ""
    if not url.startswith(("http://", "https://")):
        raise ConfigError("the registry URL starts with http:// or https://")
    if not code:
        raise ConfigError("the enrolment code is missing")
    loopback = is_loopback(urlsplit(url).hostname or "")
    if url.startswith("https://") and not pin and not loopback:
        raise ConfigError("this enrolment code carries no certificate pin, so the station cannot tell the registry "
                          "from an impostor on the network: scan the registry's QR code, or type the code with its "
                          "pin (CODE#PIN, as `registry enroll` prints it)")
    if pin and not _PIN.fullmatch(pin):
        raise ConfigError(f"the certificate pin {pin!r} is not valid (43 letters, digits, - or _)")
    # loopback without a pin: the first certificate seen is pinned (nobody on the network can intercept it)
    pins: list[str] = [pin] if pin else []
    paths.ensure()
    replica = Replica(paths.replica)
    try:
        if replica.get_meta("station_id"):
            raise ReplicaError(f"{paths.root} already holds a station; run `venue-app station sync` to finish its "
                               "first pull")
        key = SigningKey.generate()
        with client or RegistryClient(url, pins=pins if url.startswith("https://") else None) as http:
            response = http.enroll(code, key.public.text, name)
        key.save(paths.station_key)
        atomic_write(paths.keys_dir / "registry.token", response.token.encode("utf-8"), mode=0o600)
        event = response.event
        registry_key = PublicKey.from_text(response.registry_key.public_key)
        with replica.transaction() as conn:
            conn.execute("INSERT INTO event(id, name, tag, timezone, starts, ends, languages, data)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (event["id"], event["name"], event["tag"], event.get("timezone") or "UTC", event.get("starts"),
                          event.get("ends"), json.dumps(event.get("languages") or []),
                          json.dumps(event.get("data") or {})))
            conn.execute("INSERT INTO stations(id, name, role, room_id, public_key, key_id) VALUES (?, ?, ?, ?, ?, ?)",
                         (response.station_id, response.name, response.role, response.room_id, key.public.text,
                          key.key_id))
            conn.execute("INSERT INTO keys(key_id, public_key, owner, kind) VALUES (?, ?, 'registry', 'registry')",
                         (registry_key.key_id, registry_key.text))
            conn.execute("INSERT INTO keys(key_id, public_key, owner, kind) VALUES (?, ?, ?, 'station')",
                         (key.key_id, key.public.text, response.station_id))
            for k, v in {"station_id": response.station_id, "station_name": response.name, "role": response.role,
                         "room_id": response.room_id, "event_id": event["id"], "mode": "registry",
                         "registry_url": url.rstrip("/"), "feed_cursor": 0, "feed_head": response.feed_head,
                         # every address of the registry (several hosts, one database): the others are where
                         # the station goes when this one does not answer (venue_app.sync.client)
                         "registry_urls": [url.rstrip("/"), *(u for u in response.registry_urls
                                                               if u.rstrip("/") != url.rstrip("/"))],
                         "registry_pins": pins if url.startswith("https://") else []}.items():
                replica.set_meta(conn, k, v)
    finally:
        replica.close()
    station = Station.open(paths)
    engine = SyncEngine(station)
    try:
        engine.run_once(progress, index=index)
    finally:
        engine.client.close()
        station.outbox_listeners.clear()
    return station
