"""Administration shared by the CLI and the admin API: registry creation, attendee import,
program files, enrolment codes (text, URL, QR).

Program files
-------------
JSON: the shape :func:`venue_app.program.program` returns (``{"event", "categories", "rooms",
"sessions"}``; see :class:`~venue_app.registry.protocol.ProgramDoc`). CSV: one row per item with a
``kind`` column (``category``, ``room`` or ``session``) and the columns of that kind::

    kind,id,name,capacity,policy,zone,label,color,rooms,room_id,title,starts,ends,categories
    category,DEL,,,,,Delegate,#1565c0,plenary hall-a,,,,,
    room,plenary,Plenary Hall,2000,warn,Level 1,,,,,,,,
    session,d1-open,,,,,,,,plenary,Opening ceremony,2026-12-01T09:00,2026-12-01T10:30,DEL HOD

(for a category ``id`` is its code; list cells are separated by spaces, ``;`` or ``|``; an empty
``rooms`` means every room; a session ``capacity`` overrides the room's). ``write_demo_program``
writes the demo congress program as JSON.

Attendee import
---------------
The registry imports with the station importer's reading and validation
(:mod:`venue_app.importer`: header detection, row report) and writes with the same matching
rules into its own database (:meth:`venue_app.registry.store.Store.import_attendees`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import secrets
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from pydantic import ValidationError

from venue_app.keys import SigningKey
from venue_app.registry.config import RegistryConfig, normalise_db_url
from venue_app.registry.errors import ConflictError, InvalidInput
from venue_app.registry.protocol import ProgramDoc
from venue_app.registry.store import Store, utc_iso
from venue_app.settings import CATEGORY_COLOR

__all__ = [
    "certificate_pin",
    "create_enrollment",
    "enrollment_url",
    "import_file",
    "init_registry",
    "load_program_file",
    "open_registry",
    "postgres_schema",
    "qr_png",
    "qr_text",
    "write_demo_program",
]


@contextlib.contextmanager
def postgres_schema(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty schema on the PostgreSQL server ``server_url`` for one registry, as a database URL
    (its ``search_path``); dropped with everything in it afterwards. For tests and benchmarks that
    share one server."""
    import sqlalchemy as sa

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(normalise_db_url(server_url))
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        yield f"{server_url}{'&' if '?' in server_url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()


def init_registry(root: Path, *, event_name: str, db_url: str | None = None, timezone: str = "UTC",
                  public_url: str | None = None, names: list[str] | None = None, cert: str | Path | None = None,
                  key: str | Path | None = None) -> tuple[RegistryConfig, dict[str, Any], str]:
    """Create the event, its signing key, its TLS certificate (self-signed for ``names`` and the host of
    ``public_url``, or IT's ``cert``/``key``) and the admin token; returns (config, event, admin token)."""
    from venue_app.registry import tls

    root = Path(root)
    config = RegistryConfig(root=root)
    if config.file.exists():
        raise ConflictError(f"{root} already holds a registry", code="already_initialised")
    if bool(cert) != bool(key):
        raise InvalidInput("give both --cert and --key (IT's certificate and its private key)", code="bad_certificate")
    if cert and key:
        tls.install_certificate(root, cert, key)  # checked before anything else is created
    config.db_url = normalise_db_url(db_url) if db_url else RegistryConfig.default_db_url(root)
    if public_url:
        config.public_url = public_url.rstrip("/")
    root.mkdir(parents=True, exist_ok=True)
    key = SigningKey.generate()
    admin_token = "adm_" + secrets.token_urlsafe(32)
    with Store.open(config.db_url, create=True) as store:
        event = store.init_event(name=event_name, timezone=timezone, key=key, admin_token=admin_token)
    key.save(config.key_file)
    if not cert:
        host = urlsplit(config.public_url).hostname or ""
        tls.ensure_certificate(root, [*(names or []), host])
    config.event_id = event["id"]
    config.save()
    return config, event, admin_token


def certificate_pin(config: RegistryConfig) -> str | None:
    """The SPKI pin stations must trust (None: the registry has no certificate yet)."""
    from venue_app.registry.tls import spki_pin

    try:
        return spki_pin(config.tls_files[0].read_bytes())
    except (OSError, ValueError):
        return None


def open_registry(root: str | Path | None) -> tuple[RegistryConfig, Store]:
    config = RegistryConfig.load(root)
    return config, Store.open(config.db_url)


def load_key(config: RegistryConfig) -> SigningKey:
    return SigningKey.load(config.key_file)


# -- attendees -----------------------------------------------------------------------------------

def import_file(store: Store, path: str | Path, mapping: str | Path | Mapping[str, Any] | None = None, *,
                dry_run: bool = False) -> Any:
    """Import attendees from CSV/XLSX; returns an :class:`venue_app.importer.ImportReport` (never raises
    for bad input: a file-level problem is ``report.error`` with nothing written)."""
    from venue_app import importer

    started = time.perf_counter()
    report = importer.ImportReport(file=str(path))
    try:
        # Adapter: the importer's reading and validation are reused as they are; its writer
        # targets a station replica, so the registry writes with its own (same rules).
        options = importer._load_mapping_file(mapping)
        table = importer.read_table(Path(path), options.get("sheet"))
        report.format, report.encoding, report.delimiter = table.format, table.encoding, table.delimiter
        report.warnings.extend(table.warnings)
        valid = importer._validate(table, options, report, None)
        if not dry_run:
            store.import_attendees(valid, report)
    except (importer.ImportFailed, InvalidInput) as exc:
        report.error = str(exc)
        report.inserted = report.updated = report.unchanged = 0
    report.seconds = round(time.perf_counter() - started, 3)
    return report


# -- program -------------------------------------------------------------------------------------

_LIST_SPLIT = re.compile(r"[;| ,]+")


def _split(cell: str) -> list[str]:
    return [x for x in _LIST_SPLIT.split(cell.strip()) if x]


def load_program_file(path: str | Path) -> ProgramDoc:
    """A program from a JSON or CSV file (see the module documentation)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}", code="invalid_program") from exc
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InvalidInput(f"{path} is not valid JSON: {exc}", code="invalid_program") from exc
    else:
        data = _program_from_csv(text)
    return program_doc(data)


def program_doc(data: Any) -> ProgramDoc:
    try:
        return ProgramDoc.model_validate(data)
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:20]]
        raise InvalidInput("the program file has problems: " + "; ".join(problems), code="invalid_program",
                           detail=problems) from exc


def _program_from_csv(text: str) -> dict[str, Any]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or "kind" not in [f.strip().lower() for f in reader.fieldnames]:
        raise InvalidInput("a program CSV needs a `kind` column (category, room or session)",
                           code="invalid_program")
    out: dict[str, list[dict[str, Any]]] = {"categories": [], "rooms": [], "sessions": []}
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        kind = row.get("kind", "").lower()
        if kind == "category":
            out["categories"].append({"code": row.get("id") or row.get("code", ""), "label": row.get("label", ""),
                                      "color": row.get("color") or CATEGORY_COLOR,
                                      "rooms": _split(row.get("rooms", "")) or ["*"]})
        elif kind == "room":
            out["rooms"].append({"id": row.get("id", ""), "name": row.get("name", ""),
                                 "capacity": row.get("capacity") or "0", "policy": row.get("policy") or "warn",
                                 "zone": row.get("zone", "")})
        elif kind == "session":
            out["sessions"].append({"id": row.get("id", ""), "room_id": row.get("room_id", ""),
                                    "title": row.get("title") or row.get("name", ""),
                                    "starts": row.get("starts", ""), "ends": row.get("ends", ""),
                                    "categories": _split(row.get("categories", "")),
                                    "capacity": row.get("capacity") or None})
        elif any(row.values()):
            raise InvalidInput(f"row {number}: kind must be category, room or session, not {kind!r}",
                               code="invalid_program")
    return out


def write_demo_program(path: str | Path, seed: int = 13) -> Path:
    """Write the demo congress program (:func:`venue_app.program.program`) as a registry program file."""
    from venue_app.program import program

    path = Path(path)
    path.write_text(json.dumps(program(seed), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path


# -- enrolment -----------------------------------------------------------------------------------

def enrollment_url(public_url: str, code: str, pin: str | None = None) -> str:
    """What the QR carries: the registry URL, the code and (https) the certificate's SPKI pin, for a
    station to enrol by scanning and then trust exactly that registry."""
    link = f"venue-desk://enroll?registry={quote(public_url, safe='')}&code={code}"
    return f"{link}&pin={pin}" if pin else link


def create_enrollment(store: Store, config: RegistryConfig, *, name: str, role: str, room_id: str | None = None,
                      ttl_s: float = 24 * 3600, public_url: str | None = None) -> dict[str, Any]:
    code, expires = store.create_enrollment(name=name, role=role, room_id=room_id, ttl_s=ttl_s)
    url = public_url or config.public_url
    pin = certificate_pin(config) if url.startswith("https://") else None
    return {"code": code, "url": enrollment_url(url, code, pin), "expires": utc_iso(expires),
            "name": name.strip(), "role": role, "room_id": room_id, "pin": pin}


def _qr(text: str) -> Any:
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    qr.add_data(text)
    qr.make(fit=True)
    return qr


def qr_png(text: str, path: str | Path) -> Path:
    path = Path(path)
    _qr(text).make_image().save(str(path))
    return path


def qr_text(text: str) -> str:
    """The QR as text for a terminal (two rows per line, half blocks)."""
    out = io.StringIO()
    _qr(text).print_ascii(out=out, invert=True)
    return out.getvalue()
