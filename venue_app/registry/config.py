"""Where a registry keeps its things, and its tunables.

A registry data directory holds ``registry.json`` (database URL, public URL, event id), the
signing key ``keys/registry.ed25519`` (mode 600) and, by default, the SQLite database
``registry.sqlite3``. With ``--db postgresql://…`` the data lives in PostgreSQL and the directory
only holds the key and the configuration. The admin token is stored hashed in the database.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from venue_app.fsutil import atomic_write
from venue_app.paths import Paths
from venue_app.registry.errors import InvalidInput, RegistryError

__all__ = ["DEFAULT_PORT", "Limits", "RegistryConfig", "normalise_db_url"]

DEFAULT_PORT = 8765
CONFIG_NAME = "registry.json"


@dataclass(frozen=True)
class Limits:
    """Server limits and pacing (defaults fit 200 stations on a small machine)."""

    max_body: int = 8 * 1024 * 1024            # push/enrol/admin JSON bodies
    max_import_body: int = 256 * 1024 * 1024   # attendee files uploaded to the admin API
    max_header: int = 32 * 1024                # all request headers together (431 beyond)
    body_timeout_s: float = 60.0               # a body must arrive within this (an import: ten times it), else 408
    # a station's long-poll is answered again after (stations long-polling) / feed_answers_per_s seconds,
    # at most feed_pace_s (see venue_app.registry.feed): 200 stations get an answer every 50 ms
    feed_pace_s: float = 0.5
    feed_answers_per_s: float = 4000.0
    feed_coalesce_s: float = 0.002             # commits within this time wake the long-polls once
    feed_poll_s: float = 0.5                   # how often waiters look for writes made by other processes
    auth_cache_s: float = 2.0                  # the token table is reloaded this often (revoked elsewhere)
    # a station's feed requests record that it is alive at most this often; each record is one feed item
    # for every station (200 stations: 10 items/s). Dashboards flag a station silent for 60 s (a station
    # setting): a live station is heard at least every heartbeat + long-poll (20 s) seconds.
    heartbeat_s: float = 20.0
    # wrong enrolment codes one client address may try in the window before it must wait (429, Retry-After)
    enrol_failures: int = 10
    enrol_window_s: float = 60.0

    @classmethod
    def from_json(cls, data: Any) -> Limits:
        """Limits from the ``limits`` object of ``registry.json`` (unknown keys and bad values refused)."""
        if data is None:
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        if not isinstance(data, dict) or any(k not in known for k in data):
            raise RegistryError(f"registry.json: limits take {', '.join(known)}", code="bad_config")
        try:
            return cls(**{k: (int if known[k] in (int, "int") else float)(v) for k, v in data.items()})
        except (TypeError, ValueError) as exc:
            raise RegistryError(f"registry.json: bad limits: {exc}", code="bad_config") from exc


def _urls(value: Any, file: Path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(u, str) and u.startswith(("https://", "http://"))
                                              for u in value):
        raise RegistryError(f"{file}: urls is a list of http(s):// addresses of this registry", code="bad_config")
    return [u.rstrip("/") for u in value]


def normalise_db_url(url: str) -> str:
    """``postgresql://`` means psycopg 3; ``sqlite:///path`` stays; a bare path is a SQLite file."""
    url = url.strip()
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("postgresql+", "sqlite:")):
        return url
    if "://" in url:
        raise InvalidInput(f"unsupported database URL {url!r}: use sqlite:///FILE or postgresql://…",
                           code="bad_db_url")
    return f"sqlite:///{Path(url).resolve()}"


@dataclass
class RegistryConfig:
    root: Path
    db_url: str = ""
    public_url: str = f"https://127.0.0.1:{DEFAULT_PORT}"
    event_id: str = ""
    limits: Limits = field(default_factory=Limits)
    # every address stations may use when the registry runs on several hosts over one PostgreSQL database
    # (registry.json "urls", or `registry serve --public-url` repeated); empty: public_url alone
    urls: list[str] = field(default_factory=list)

    def addresses(self) -> list[str]:
        """The registry's addresses, as enrolment hands them to a station (``public_url`` first unless listed)."""
        return list(dict.fromkeys(u.rstrip("/") for u in self.urls)) or [self.public_url]

    @property
    def paths(self) -> Paths:
        return Paths(self.root)

    @property
    def file(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def key_file(self) -> Path:
        return self.root / "keys" / "registry.ed25519"

    @property
    def tls_files(self) -> tuple[Path, Path]:
        """The certificate and key ``registry serve`` speaks HTTPS with (:mod:`venue_app.registry.tls`)."""
        return self.root / "tls" / "registry.crt", self.root / "tls" / "registry.key"

    @classmethod
    def default_db_url(cls, root: Path) -> str:
        return f"sqlite:///{(Path(root) / 'registry.sqlite3').resolve()}"

    @classmethod
    def load(cls, root: str | os.PathLike[str] | None) -> RegistryConfig:
        paths = Paths.at(root)
        file = paths.root / CONFIG_NAME
        if not file.exists():
            raise RegistryError(f"no registry in {paths.root}; run `venue-app registry init` first",
                                code="not_initialised")
        try:
            data: dict[str, Any] = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise RegistryError(f"cannot read {file}: {exc}", code="bad_config") from exc
        env_url = os.environ.get("VENUE_REGISTRY_DB")
        return cls(root=paths.root, db_url=normalise_db_url(env_url or data.get("db_url") or
                                                             cls.default_db_url(paths.root)),
                   public_url=str(data.get("public_url") or cls.public_url),
                   event_id=str(data.get("event_id", "")), limits=Limits.from_json(data.get("limits")),
                   urls=_urls(data.get("urls"), file))

    def save(self) -> None:
        data = {k: v for k, v in asdict(self).items() if k in ("db_url", "public_url", "event_id")
                or (k == "urls" and v)}
        changed = {k: v for k, v in asdict(self.limits).items() if v != getattr(Limits(), k)}
        if changed:
            data["limits"] = changed
        self.root.mkdir(parents=True, exist_ok=True)
        atomic_write(self.file, (json.dumps(data, indent=2) + "\n").encode("utf-8"), mode=0o600)
