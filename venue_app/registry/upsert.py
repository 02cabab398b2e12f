"""Attendees pushed by another registration system: one upsert, idempotent by external id.

Another system of record (pretix through :mod:`venue_app.registry.link`, or any script through
``POST /api/v1/admin/attendees``) sends records ``{"external_id": …, <attendee fields>…}`` under a
``source`` name (``pretix:ORG/EVENT``, ``cvent``…). Each record is matched to our attendee by
``(source, external_id)`` (table ``external_ids``); a record seen for the first time whose code an
attendee already holds (a CSV import of the same people) is tied to that attendee rather than added
twice. Only the fields a record carries change (a partial update); ``status: cancelled`` is a
cancellation; the same record sent again changes nothing.

The records become master data exactly as an import's rows do (:meth:`venue_app.registry.store.Store.import_attendees`):
the attendee row with the registry's current hlc as ``master_hlc`` and an ``attendee`` feed item,
which stations apply with the same code as an import's; station edits newer than the record still
win (:func:`venue_app.rules.overlay`). There is no second applier. Values are checked and normalised
by the import's rules (e-mail, country, status and name-order words, codes without spaces or control
characters, the cell size limit); a record that breaks one is refused with the reason in words and
the others of the batch are kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa

from venue_app import rules
from venue_app.codes import normalise_code
from venue_app.countries import FAMILY_FIRST_COUNTRIES, country_code, fold
from venue_app.events import ATTENDEE_FIELDS, now_iso
from venue_app.ids import new_id
from venue_app.importer import BAD_CODE_RE, CONTROL_RE, EMAIL_RE, MAX_CELL_CHARS
from venue_app.registry.errors import InvalidInput
from venue_app.registry.tickets import attendees_v, link_codes

__all__ = ["MAX_RECORDS", "OUTCOMES", "RecordOutcome", "UpsertResult", "check_record", "upsert_attendees"]

#: the most records one call takes (an API batch; the pretix pull sends pages of 50)
MAX_RECORDS = 5000
OUTCOMES = ("created", "updated", "unchanged", "refused")
_MAX_EXTERNAL_ID = 255
_MAX_SOURCE = 128
_STATUS_WORDS = {
    "active": "active", "ok": "active", "confirmed": "active", "registered": "active", "paid": "active",
    "cancelled": "cancelled", "canceled": "cancelled", "annule": "cancelled", "storniert": "cancelled",
    "blocked": "blocked", "bloque": "blocked", "gesperrt": "blocked",
}
_GIVEN_FIRST = {"givenfirst", "western", "gf", "given"}
_FAMILY_FIRST = {"familyfirst", "eastern", "ff", "family", "surnamefirst", "lastfirst"}
_NAMES = ("given_name", "family_name", "native_name")
# views of the store's tables (declared in venue_app.registry.store, which calls this module)
external_ids_t = sa.table("external_ids", *(sa.column(c) for c in ("source", "external_id", "attendee_id", "updated",
                                                                      "who")))
attendee_edits_v = sa.table("attendee_edits", sa.column("attendee_id"), sa.column("field"))


@dataclass
class RecordOutcome:
    """What became of one record: ``outcome`` is created, updated, unchanged or refused."""

    index: int
    external_id: str | None
    outcome: str
    attendee_id: str | None = None
    changed: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class UpsertResult:
    source: str
    results: list[RecordOutcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def created(self) -> int:
        return self.count("created")

    @property
    def updated(self) -> int:
        return self.count("updated")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def refused(self) -> int:
        return self.count("refused")

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "refused": self.refused,
                "results": [asdict(r) for r in self.results]}


def _clean(value: str) -> str:
    # the import's cleaning: NFC (the same name typed on two systems compares equal), no outer blanks
    return value.strip() if value.isascii() else unicodedata.normalize("NFC", value).strip()


def _encodable(value: str, what: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from JSON "\ud800": no database stores it
        raise ValueError(f"{what} is not valid Unicode text") from None


def _check_id(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be non-empty text")
    _encodable(value, what)
    if len(value) > limit:
        raise ValueError(f"{what} must be at most {limit} characters, not {len(value)}")
    if CONTROL_RE.search(value) or "\x00" in value:
        raise ValueError(f"{what} contains control characters")
    return value.strip()


def check_record(record: Any) -> tuple[str, dict[str, str]]:
    """The external id and the normalised fields of one record; :class:`ValueError` says what is wrong.

    A field given as null is cleared (set to empty text); ``status`` and ``name_order`` cannot be cleared.
    """
    if not isinstance(record, Mapping):
        raise ValueError("a record must be an object with external_id and attendee fields")
    external_id = _check_id(record.get("external_id"), "external_id", _MAX_EXTERNAL_ID)
    unknown = [k for k in record if k != "external_id" and (k not in ATTENDEE_FIELDS)]
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r} (fields: external_id, {', '.join(ATTENDEE_FIELDS)})")
    fields: dict[str, str] = {}
    for name in ATTENDEE_FIELDS:
        if name not in record:
            continue
        raw = record[name]
        if raw is None:
            if name in ("status", "name_order"):
                raise ValueError(f"{name} cannot be cleared (give one of its values)")
            fields[name] = ""
            continue
        if not isinstance(raw, str):
            raise ValueError(f"{name} must be text or null, not {type(raw).__name__}")
        if len(raw) > MAX_CELL_CHARS:
            raise ValueError(f"{name} has {len(raw):,} characters (limit {MAX_CELL_CHARS:,})")
        _encodable(raw, name)
        value = _clean(raw)
        if CONTROL_RE.search(value) or "\x00" in value:
            raise ValueError(f"{name} contains control characters")
        fields[name] = _normalise(name, value)
    return external_id, fields


def _normalise(name: str, value: str) -> str:
    if not value:
        if name in ("status", "name_order"):
            raise ValueError(f"{name} cannot be empty")
        return value
    if name == "email" and not EMAIL_RE.match(value):
        raise ValueError(f"not a valid e-mail address: {value[:60]!r}")
    if name == "code" and (len(value) > 128 or BAD_CODE_RE.search(value)):
        raise ValueError("the registration code contains spaces or control characters, or is over 128 characters")
    if name == "country":
        code = country_code(value)
        if code is None:
            raise ValueError(f"unknown country {value[:40]!r} (use an ISO 3166 code such as CN, FR, BR)")
        return code
    if name == "status":
        status = _STATUS_WORDS.get(fold(value))
        if status is None:
            raise ValueError(f"status must be active, cancelled or blocked, not {value[:40]!r}")
        return status
    if name == "name_order":
        key = fold(value)
        if key in _GIVEN_FIRST:
            return "given-first"
        if key in _FAMILY_FIRST:
            return "family-first"
        raise ValueError(f"name order must be given-first or family-first, not {value[:40]!r}")
    return value


def upsert_attendees(store: Any, source: str, records: Sequence[Any], *, who: str) -> UpsertResult:
    """Create or update the attendees ``records`` describe, in one registry transaction (``store`` is the
    :class:`venue_app.registry.store.Store`, which calls this); see the module."""
    try:
        source = _check_id(source, "the source", _MAX_SOURCE)
    except ValueError as exc:
        raise InvalidInput(str(exc), code="invalid_source") from exc
    if len(records) > MAX_RECORDS:
        raise InvalidInput(f"at most {MAX_RECORDS:,} records a call, not {len(records):,}", code="too_many_records")
    result = UpsertResult(source)
    checked: list[tuple[int, str, dict[str, str]]] = []
    for index, record in enumerate(records):
        try:
            external_id, fields = check_record(record)
        except ValueError as exc:
            raw = record.get("external_id") if isinstance(record, Mapping) else None
            result.results.append(RecordOutcome(index, raw if isinstance(raw, str) else None, "refused",
                                                reason=str(exc)))
            continue
        checked.append((index, external_id, fields))
    if checked:
        with store.write() as tx:
            batch = _Batch(tx, source, who, str(store.clock.now()), checked)
            result.results.extend(batch.one(index, external_id, fields) for index, external_id, fields in checked)
            batch.flush()
    result.results.sort(key=lambda r: r.index)
    return result


_IN_CHUNK = 500
_ITEM_COLUMNS = ("id", *ATTENDEE_FIELDS, "master_hlc")


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield list(values[start:start + _IN_CHUNK])


class _Batch:
    """One call's records against the database: what they need read in a few queries up front, judged
    one by one in memory (each seeing the ones before it), written at the end in one statement per kind
    (SQLAlchemy costs more per statement than the statement itself)."""

    def __init__(self, tx: Any, source: str, who: str, master_hlc: str,
                 checked: Sequence[tuple[int, str, dict[str, str]]]) -> None:
        self.tx, self.source, self.who, self.master_hlc = tx, source, who[:200], master_hlc
        self.now = now_iso()
        conn = tx.conn
        self.links: dict[str, str] = {}   # external id -> attendee id (this source)
        for chunk in _chunks(list(dict.fromkeys(e for _, e, _ in checked))):
            self.links.update(conn.execute(sa.select(external_ids_t.c.external_id, external_ids_t.c.attendee_id)
                                           .where(external_ids_t.c.source == source,
                                                  external_ids_t.c.external_id.in_(chunk))).all())
        codes = list(dict.fromkeys(normalise_code(f["code"]) for _, _, f in checked if f.get("code")))
        self.rows: dict[str, dict[str, Any]] = {}
        for column, keys in ((attendees_v.c.id, list(dict.fromkeys(self.links.values()))),
                             (attendees_v.c.code_norm, codes)):
            for chunk in _chunks(keys):
                for row in conn.execute(sa.select(attendees_v).where(column.in_(chunk))).mappings():
                    self.rows[row["id"]] = dict(row)
        self.by_code = {r["code_norm"]: i for i, r in self.rows.items() if r["code_norm"]}
        self.tied: dict[str, str] = {}   # attendee id -> external id (this source)
        for chunk in _chunks(list(self.rows)):
            self.tied.update((a, e) for e, a in conn.execute(
                sa.select(external_ids_t.c.external_id, external_ids_t.c.attendee_id).where(
                    external_ids_t.c.source == source, external_ids_t.c.attendee_id.in_(chunk))))
        self.inserts: list[dict[str, Any]] = []
        self.updates: list[tuple[str, dict[str, Any]]] = []
        self.new_links: dict[str, str] = {}
        self.moved_links: dict[str, str] = {}
        self.emit_order: list[str] = []
        self.coded: list[str] = []  # attendees whose code is new or changed

    def one(self, index: int, external_id: str, fields: dict[str, str]) -> RecordOutcome:
        linked = self.links.get(external_id)
        row = self.rows.get(linked) if linked is not None else None
        code_norm = normalise_code(fields["code"]) if fields.get("code") else None
        if row is None and code_norm and code_norm in self.by_code:
            # the same person imported before from a file (or sent under another source): tie, don't duplicate
            found = self.rows[self.by_code[code_norm]]
            other = self.tied.get(found["id"])
            if other is not None and other != external_id:
                return RecordOutcome(index, external_id, "refused", reason=(
                    f"the registration code is already held by the attendee of {self.source} record {other!r}"))
            row = found
        if code_norm:
            holder = self.by_code.get(code_norm)
            if holder is not None and (row is None or holder != row["id"]):
                return RecordOutcome(index, external_id, "refused",
                                     reason="the registration code is already held by another attendee")
        if row is None:
            return self._create(index, external_id, fields, code_norm)
        attendee_id = str(row["id"])
        changed = {k: v for k, v in fields.items() if (row[k] or "") != v}
        if any(n in changed for n in _NAMES) and not any((changed.get(n, row[n]) or "") for n in _NAMES):
            return RecordOutcome(index, external_id, "refused", attendee_id,
                                 reason="the update would leave the attendee without any name")
        self._tie(external_id, attendee_id, linked)
        if not changed:
            return RecordOutcome(index, external_id, "unchanged", attendee_id)
        update: dict[str, Any] = dict(changed)
        if "code" in update:
            update["code"] = update["code"] or None
            update["code_norm"] = code_norm
            if row["code_norm"]:
                self.by_code.pop(row["code_norm"], None)
            if code_norm:
                self.by_code[code_norm] = attendee_id
                self.coded.append(attendee_id)
        row.update(update, master_hlc=self.master_hlc)
        self.updates.append((attendee_id, {**update, "master_hlc": self.master_hlc}))
        self.emit_order.append(attendee_id)
        return RecordOutcome(index, external_id, "updated", attendee_id, sorted(changed))

    def _create(self, index: int, external_id: str, fields: dict[str, str], code_norm: str | None) -> RecordOutcome:
        if not any(fields.get(n) for n in _NAMES):
            return RecordOutcome(index, external_id, "refused",
                                 reason="a new attendee needs a name (given_name, family_name or native_name)")
        attendee_id = new_id()
        values: dict[str, Any] = {f: "" for f in ATTENDEE_FIELDS}
        values.update(status="active")
        values["name_order"] = "family-first" if fields.get("country") in FAMILY_FIRST_COUNTRIES else "given-first"
        values.update(fields)
        values.update(id=attendee_id, code=values["code"] or None, code_norm=code_norm, master_hlc=self.master_hlc)
        self.inserts.append(values)
        self.rows[attendee_id] = values
        if code_norm:
            self.by_code[code_norm] = attendee_id
            self.coded.append(attendee_id)
        self._tie(external_id, attendee_id, self.links.get(external_id))
        self.emit_order.append(attendee_id)
        return RecordOutcome(index, external_id, "created", attendee_id, sorted(fields))

    def _tie(self, external_id: str, attendee_id: str, linked: str | None) -> None:
        if linked == attendee_id:
            return
        if linked is None or external_id in self.new_links:  # not in the database yet
            self.new_links[external_id] = attendee_id
        else:
            self.moved_links[external_id] = attendee_id
        self.links[external_id] = attendee_id
        self.tied[attendee_id] = external_id

    def flush(self) -> None:
        tx, conn = self.tx, self.tx.conn
        # a code changes hands in record order (one record may free a code the next one takes); the
        # other updates go in one statement per set of changed columns
        grouped: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for attendee_id, update in self.updates:
            if "code_norm" in update:
                conn.execute(attendees_v.update().where(attendees_v.c.id == attendee_id).values(**update))
            else:
                grouped.setdefault(tuple(sorted(update)), []).append(
                    {"b_id": attendee_id, **{f"b_{k}": v for k, v in update.items()}})
        for columns, params in grouped.items():
            conn.execute(attendees_v.update().where(attendees_v.c.id == sa.bindparam("b_id"))
                         .values({c: sa.bindparam(f"b_{c}") for c in columns}), params)
        if self.inserts:
            conn.execute(attendees_v.insert(), self.inserts)
        if self.new_links:
            conn.execute(external_ids_t.insert(), [
                {"source": self.source, "external_id": e, "attendee_id": a, "updated": self.now, "who": self.who}
                for e, a in self.new_links.items()])
        if self.moved_links:
            conn.execute(external_ids_t.update().where(external_ids_t.c.source == self.source,
                                                       external_ids_t.c.external_id == sa.bindparam("b_e"))
                         .values(attendee_id=sa.bindparam("b_a"), updated=self.now, who=self.who),
                         [{"b_e": e, "b_a": a} for e, a in self.moved_links.items()])
        # station edits newer than these records still win (last writer by hlc, per field)
        updated = list(dict.fromkeys(a for a, _ in self.updates))
        edited: set[str] = set()
        for chunk in _chunks(updated):
            edited.update(r[0] for r in conn.execute(sa.select(attendee_edits_v.c.attendee_id).distinct()
                                                     .where(attendee_edits_v.c.attendee_id.in_(chunk))))
        db = tx.rules() if edited else None
        for attendee_id in sorted(edited):
            rules.overlay(db, attendee_id)
        for attendee_id in dict.fromkeys(self.emit_order):
            if attendee_id in edited:
                tx.emit("attendee", tx.attendee_item(attendee_id))
            else:
                row = self.rows[attendee_id]
                tx.emit("attendee", {k: row[k] for k in _ITEM_COLUMNS})
        link_codes(tx, [(a, self.rows[a]["code"]) for a in dict.fromkeys(self.coded)])
