"""Attendee import from CSV or XLSX exports of registration systems, and CSV export.

Reading
-------
* CSV: delimiter sniffed among ``, ; TAB |``; UTF-8 with or without BOM, UTF-16 with BOM (Excel's
  "Unicode text"). A file that is not UTF-8 at all is read as Windows-1252 with a file-level
  warning. A file that mixes encodings (some rows UTF-8, some not) imports its valid rows and
  rejects the undecodable ones, row by row: guessing would write wrong names.
* XLSX: the first sheet (or ``"sheet"`` of the mapping file), read-only, cell values as shown.

Column mapping
--------------
The first non-empty row is the header. Each header is matched, after folding case, accents,
spaces and punctuation, against :data:`HEADER_ALIASES` (English, French, German, Spanish,
Portuguese, Italian, Dutch, Chinese, Japanese, Korean, Russian and common registration-system
labels). A mapping file overrides or completes the detection::

    {"columns": {"Vorname": "given_name", "Ticket": "category", "Internal": null},
     "defaults": {"category": "DEL"}, "sheet": "Attendees"}

(a plain ``{"header": "field"}`` object is accepted too). Fields are the columns of the
``attendees`` table plus ``full_name`` (split at the last space when there is no given/family
column). Required: a name column, and a ``code`` or ``email`` column (re-imports match on them).

Validation and writing
----------------------
Every row is checked (missing name, no code and no e-mail, bad e-mail, duplicate e-mail among
rows without a code, cell over :data:`MAX_CELL_CHARS`, unknown country, bad status or name order, ID
not a UUID); the report lists row number (as a spreadsheet shows it), column and problem. Valid rows
are written in one transaction; a file-level problem writes nothing.

A code the file gives to several people never checks anyone in, and keeps the people: each is
imported without it (with a note saying why, and an id made from their e-mail and name so that
re-imports find them), and ``report.shared_codes`` names the rows. A person already here with that
code keeps their record and loses the code; so does a holder the file no longer lists under it.
The same person listed twice with one code (same name and e-mail) is imported once, with the code.

Re-importing is idempotent: a row matches an attendee by ``code``, else by e-mail when neither
side has a code; changed rows are updated (fields edited at a station keep the station's value),
unchanged ones are left alone, and attendees absent from the file are reported, never deleted.

Values starting with ``= + - @`` are stored as typed; anything that writes CSV for a spreadsheet
must pass values through :func:`csv_safe` (as :func:`export_csv` does).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sqlite3
import time
import unicodedata
import uuid
import warnings
import zipfile
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from venue_app import search
from venue_app.codes import normalise_code
from venue_app.countries import FAMILY_FIRST_COUNTRIES, country_code, fold
from venue_app.errors import VenueError
from venue_app.ids import new_id
from venue_app.replica import BULK_INDEXES, ensure_indexes
from venue_app.settings import CATEGORY_COLOR

__all__ = [
    "ATTENDEE_FIELDS",
    "BAD_CODE_RE",
    "CONTROL_RE",
    "EMAIL_RE",
    "EXPORT_COLUMNS",
    "HEADER_ALIASES",
    "MAX_CELL_CHARS",
    "ImportFailed",
    "ImportPlan",
    "ImportReport",
    "RowProblem",
    "SharedCodeMatcher",
    "csv_safe",
    "detect_mapping",
    "export_csv",
    "identity_id",
    "import_file",
    "plan_import",
    "read_table",
    "report_missing",
    "row_name",
    "same_person",
]

#: writable attendee columns (``code_norm`` and ``master_hlc`` are derived)
ATTENDEE_FIELDS = (
    "id", "code", "given_name", "family_name", "native_name", "name_order", "honorific", "organisation",
    "job_title", "city", "country", "category", "delegation", "email", "phone", "language", "accessibility",
    "status", "notes",
)
#: columns of exported CSV files and of the demo data, in this order
EXPORT_COLUMNS = ATTENDEE_FIELDS
MAX_CELL_CHARS = 1000
_MAX_FILE_CELL = 1_000_000  # csv field limit: bigger cells are a broken file, not an attendee
_STATUS_WORDS = {
    "active": "active", "ok": "active", "confirmed": "active", "registered": "active", "paid": "active",
    "cancelled": "cancelled", "canceled": "cancelled", "annule": "cancelled", "storniert": "cancelled",
    "blocked": "blocked", "bloque": "blocked", "gesperrt": "blocked",
}
BAD_CODE_RE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# a column holds a few dozen distinct countries, statuses and name orders: looked up once each
_country_code = functools.lru_cache(maxsize=4096)(country_code)
_fold = functools.lru_cache(maxsize=4096)(fold)
EMAIL_RE = re.compile(r"^[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"'.]{2,}$")


class ImportFailed(VenueError):
    """The file cannot be imported at all (unreadable, not a table, no usable header)."""


# -- header detection ------------------------------------------------------------------------------
#: attendee field → header spellings (compared after :func:`_key` folding)
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "attendee id", "uuid", "attendee uuid", "participant id"),
    "code": ("code", "registration code", "reg code", "secret", "ticket code", "ticket secret",
             "reference", "ref", "booking reference", "order reference", "confirmation code", "barcode",
             "qr code", "registration number", "registration id", "ticket number", "ticket id",
             "badge code", "code d'inscription", "référence", "buchungsnummer", "referenz", "código",
             "codigo", "referencia", "codice", "riferimento", "报名编号", "注册码", "参会编号", "编号",
             "受付番号", "등록번호", "код", "номер регистрации"),
    "given_name": ("given name", "first name", "firstname", "forename", "given", "first", "prénom",
                   "prenom", "vorname", "nombre", "nome", "voornaam", "名", "名字", "이름", "имя"),
    "family_name": ("family name", "last name", "lastname", "surname", "family", "last", "nom",
                    "nom de famille", "nachname", "familienname", "apellido", "apellidos", "sobrenome",
                    "cognome", "achternaam", "姓", "姓氏", "성", "фамилия"),
    "full_name": ("name", "full name", "fullname", "attendee name", "participant", "participant name",
                  "nom complet", "vollständiger name", "nombre completo", "nome completo", "姓名",
                  "氏名", "성명", "фио", "полное имя"),
    "native_name": ("native name", "name in native script", "native", "local name", "original name",
                    "name local script", "name (native)", "nom natif", "中文名", "中文姓名", "漢字氏名",
                    "현지 이름", "имя на родном языке"),
    "name_order": ("name order", "order of names"),
    "honorific": ("title", "honorific", "salutation", "prefix", "civility", "civilité", "civilite",
                  "anrede", "titel", "tratamiento", "título", "titolo", "称谓", "敬称", "호칭",
                  "обращение"),
    "organisation": ("organisation", "organization", "company", "institution", "employer", "org",
                     "affiliation", "entity", "société", "societe", "organisme", "firma",
                     "organisation name", "empresa", "organización", "organizacion", "organização",
                     "azienda", "ente", "单位", "机构", "工作单位", "所属", "会社", "소속",
                     "организация"),
    "job_title": ("job title", "position", "function", "role", "job", "designation", "fonction",
                  "poste", "position title", "funktion", "cargo", "puesto", "ruolo", "职务", "职位",
                  "役職", "직책", "должность"),
    "city": ("city", "town", "ville", "stadt", "ciudad", "cidade", "città", "citta", "城市", "市",
             "都市", "도시", "город"),
    "country": ("country", "country code", "nation", "nationality", "country iso", "pays", "land",
                "país", "pais", "paese", "国家", "国家地区", "国", "국가", "страна"),
    "category": ("category", "ticket type", "ticket", "ticket-typ", "teilnehmertyp", "attendee type",
                 "participant type", "registration type", "type", "badge type", "catégorie",
                 "categorie", "kategorie", "categoría", "categoria", "类别", "类型", "区分", "구분",
                 "категория"),
    "delegation": ("delegation", "délégation", "delegacion", "delegación", "delegação", "delegazione",
                   "代表团", "代表団", "대표단", "делегация"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "e-mail-adresse",
              "email adresse", "courriel", "adresse e-mail", "correo", "correo electrónico",
              "posta elettronica", "邮箱", "电子邮件", "电子邮箱", "メール", "メールアドレス", "이메일",
              "электронная почта", "почта"),
    "phone": ("phone", "telephone", "tel", "mobile", "cell", "phone number", "mobile phone",
              "téléphone", "telefon", "handy", "teléfono", "telefone", "telefono", "电话", "手机",
              "電話", "전화", "телефон"),
    "language": ("language", "interpretation", "interpretation language", "langue", "sprache", "idioma",
                 "lingua", "语言", "言語", "언어", "язык"),
    "accessibility": ("accessibility", "accessibility needs", "special needs", "access needs",
                      "accessibilité", "barrierefreiheit", "accesibilidad", "无障碍", "バリアフリー",
                      "접근성"),
    "status": ("status", "registration status", "statut", "estado", "stato", "状态", "状態", "상태",
               "статус"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "remarques", "bemerkungen", "notas",
              "备注", "備考", "비고", "примечания"),
}
_ALIAS_LOOKUP: dict[str, str] = {}
for _field, _aliases in HEADER_ALIASES.items():
    for _alias in (_field, *_aliases):
        _ALIAS_LOOKUP.setdefault(fold(_alias), _field)


def detect_mapping(headers: Sequence[str],
                   overrides: Mapping[str, str | None] | None = None) -> dict[int, str]:
    """Column index → attendee field for a header row; ``overrides`` maps header text → field or None."""
    folded_overrides = {fold(h): f for h, f in (overrides or {}).items()}
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        key = fold(header or "")
        if not key:
            continue
        if key in folded_overrides:
            target = folded_overrides[key]
            if target is None or target == "":
                continue
            if target not in HEADER_ALIASES:
                raise ImportFailed(f"mapping file: unknown attendee field {target!r} for column {header!r}")
        else:
            target = _ALIAS_LOOKUP.get(key)
        if target is None or target in taken:
            continue  # unknown or second column for the same field: reported as ignored
        mapping[index] = target
        taken.add(target)
    return mapping


# -- report ----------------------------------------------------------------------------------------
@dataclass
class RowProblem:
    row: int          # as a spreadsheet numbers it: the header is row 1 (0: the whole file)
    column: str       # header text ('' when it concerns the row)
    problem: str
    value: str = ""


@dataclass
class ImportReport:
    file: str
    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    columns: dict[str, str] = field(default_factory=dict)   # header → field
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0             # data rows read (empty rows not counted)
    empty_rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    station_edits_superseded: int = 0   # field edits made here, older than this import
    missing_from_file: int = 0
    missing_sample: list[dict[str, str]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # codes the file gives to several people: {"code", "rows": [{"row", "name"}], "withdrawn_from"}
    # (those people are imported without the code; "withdrawn_from": an attendee already here that
    # held the code and matches none of the rows, {"id", "name"}, or None)
    shared_codes: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""           # file-level: nothing was written
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def clean(self) -> bool:
        """Nothing to look at: no file error, no rejected row, no shared code."""
        return not (self.error or self.problems or self.shared_codes)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data


Progress = Callable[[int, int], None]


# -- reading ---------------------------------------------------------------------------------------
@dataclass
class _Table:
    format: str
    encoding: str
    delimiter: str
    rows: list[tuple[int, list[str]]]        # (spreadsheet row number, cells)
    bad_rows: dict[int, str]                 # row number → why it could not be decoded
    warnings: list[str]


def read_table(path: Path, sheet: str | None = None) -> _Table:
    """Rows of a CSV or XLSX file as text cells; raises :class:`ImportFailed` for unreadable files."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from exc
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, sheet)
    return _read_csv(path)


def _decode(data: bytes) -> tuple[str, str, dict[int, str], list[str]]:
    """(text, encoding, physical line number → problem, warnings)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
    else:
        bom = False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (not bom and len(data) >= 4 and (
            (data[1:2] == b"\x00" and data[3:4] == b"\x00")
            or (data[0:1] == b"\x00" and data[2:3] == b"\x00"))):
        try:
            return data.decode("utf-16"), "utf-16", {}, []
        except UnicodeDecodeError as exc:
            raise ImportFailed(f"the file looks like UTF-16 but is damaged ({exc.reason} at byte "
                               f"{exc.start})") from exc
    try:
        return data.decode("utf-8"), "utf-8-sig" if bom else "utf-8", {}, []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    good_non_ascii = 0
    bad: dict[int, str] = {}
    decoded: list[str] = []
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8")
            good_non_ascii += not raw.isascii()
        except UnicodeDecodeError as exc:
            text = raw.decode("utf-8", errors="replace")
            bad[number] = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at position {exc.start + 1})"
        decoded.append(text)
    if good_non_ascii == 0 and not bom:
        # a legacy export (Excel "CSV" on Windows): every non-ASCII line is cp1252, none is UTF-8
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            return text, "latin-1", {}, ["the file is not UTF-8; it was read as Latin-1: check accents"]
        return text, "cp1252", {}, ["the file is not UTF-8; it was read as Windows-1252: check accents"]
    return "\n".join(decoded), "utf-8 (mixed)", bad, [
        f"mixed encodings: {len(bad)} line(s) are not UTF-8 and were rejected; save the file as UTF-8"]


def _read_csv(path: Path) -> _Table:
    data = path.read_bytes()
    text, encoding, bad_lines, warns = _decode(data)
    text = text.replace("\x00", "")
    sample = text[:65536]
    delimiter = ","
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        counts = {d: first.count(d) for d in ",;\t|"}
        if max(counts.values()) > 0:
            delimiter = max(counts, key=lambda d: counts[d])
    csv.field_size_limit(_MAX_FILE_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    bad_rows: dict[int, str] = {}
    line_before = 0
    record = 0
    try:
        for cells in reader:
            record += 1
            first_line, last_line = line_before + 1, reader.line_num
            line_before = reader.line_num
            # rows are numbered by record like a spreadsheet would, not by physical line
            for line in range(first_line, last_line + 1):
                if line in bad_lines:
                    bad_rows[record] = bad_lines[line]
                    break
            rows.append((record, cells))
    except csv.Error as exc:
        raise ImportFailed(f"the CSV file is malformed near line {reader.line_num}: {exc}") from exc
    return _Table("csv", encoding, "\t" if delimiter == "\t" else delimiter, rows, bad_rows, warns)


def _read_xlsx(path: Path, sheet: str | None) -> _Table:
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, styles); irrelevant here
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                if sheet:
                    if sheet not in book.sheetnames:
                        raise ImportFailed(f"no sheet named {sheet!r} (sheets: {', '.join(book.sheetnames)})")
                    ws = book[sheet]
                else:
                    ws = book.worksheets[0]
                rows = [(number, [_cell_text(v) for v in values])
                        for number, values in enumerate(ws.iter_rows(values_only=True), start=1)]
            finally:
                book.close()
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, TypeError, IndexError) as exc:
        raise ImportFailed(f"the Excel file is damaged or truncated ({type(exc).__name__}: {exc}); "
                           "open it in Excel and save it again") from exc
    except Exception as exc:  # openpyxl raises many XML parser types on broken files
        raise ImportFailed(f"the Excel file cannot be read ({type(exc).__name__}: {exc})") from exc
    return _Table("xlsx", "", "", rows, {}, [])


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores every number as a float: 12345 not 12345.0
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# -- validation ------------------------------------------------------------------------------------
def _load_mapping_file(mapping: str | Path | Mapping[str, Any] | None) -> dict[str, Any]:
    if mapping is None:
        return {}
    if isinstance(mapping, Mapping):
        data: Any = dict(mapping)
    else:
        try:
            data = json.loads(Path(mapping).read_text("utf-8-sig"))
        except (OSError, ValueError) as exc:
            raise ImportFailed(f"mapping file {mapping}: {exc}") from exc
    if not isinstance(data, dict):
        raise ImportFailed("mapping file: expected a JSON object")
    if "columns" in data or "defaults" in data or "sheet" in data:
        return data
    return {"columns": data}


def _clean(value: str) -> str:
    # normalise to NFC so that the same name typed on two systems compares equal; trim blanks
    if value.isascii():
        return value.strip()
    return unicodedata.normalize("NFC", value).strip()


def _validate(table: _Table, options: dict[str, Any], report: ImportReport,
              progress: Progress | None) -> list[tuple[int, dict[str, str]]]:
    """Valid rows as (row number, attendee fields); problems go to the report."""
    rows = table.rows
    header_at = next((i for i, (_, cells) in enumerate(rows) if any(c.strip() for c in cells)), None)
    if header_at is None:
        raise ImportFailed("the file is empty")
    _, headers = rows[header_at]
    headers = [_clean(h) for h in headers]
    mapping = detect_mapping(headers, options.get("columns"))
    report.columns = {headers[i]: f for i, f in mapping.items()}
    report.ignored_columns = [h for i, h in enumerate(headers) if h and i not in mapping]
    fields = set(mapping.values())
    defaults = {k: str(v) for k, v in (options.get("defaults") or {}).items() if k in HEADER_ALIASES}
    missing = []
    if not fields & {"given_name", "family_name", "full_name", "native_name"} and not (
            set(defaults) & {"given_name", "family_name"}):
        missing.append("a name column (given name, family name, full name or native name)")
    if not fields & {"code", "email"}:
        missing.append("a code or e-mail column (re-imports match attendees on them)")
    if missing:
        raise ImportFailed("missing required columns: " + "; ".join(missing)
                           + f". Columns found: {', '.join(h for h in headers if h) or 'none'}")
    header_of = {f: headers[i] for i, f in mapping.items()}
    valid: list[tuple[int, dict[str, str]]] = []
    codes: dict[str, list[int]] = {}
    emails: dict[str, list[int]] = {}
    data_rows = rows[header_at + 1:]
    columns = list(mapping.items())
    total = len(data_rows)
    for done, (number, cells) in enumerate(data_rows, start=1):
        if progress and done % 2000 == 0:
            progress(done, total)
        if not any(c.strip() for c in cells):
            report.empty_rows += 1
            continue
        report.rows += 1
        if number in table.bad_rows:
            report.problems.append(RowProblem(number, "", table.bad_rows[number]))
            continue
        problems: list[RowProblem] = []
        row: dict[str, str] = dict(defaults)
        width = len(cells)
        for index, target in columns:
            raw = cells[index] if index < width else ""
            if len(raw) > MAX_CELL_CHARS:
                problems.append(RowProblem(number, headers[index],
                                           f"cell has {len(raw):,} characters (limit {MAX_CELL_CHARS:,})",
                                           raw[:40] + "…"))
                continue
            # _clean, inline: two million cells in a 100,000-row file
            value = raw.strip() if raw.isascii() else unicodedata.normalize("NFC", raw).strip()
            if value or target not in row:
                row[target] = value
        if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers):]):
            report.warnings.append(f"row {number}: values beyond the last column were ignored")
        problems.extend(_check_row(number, row, header_of))
        if problems:
            report.problems.extend(problems)
            continue
        valid.append((number, row))
        if row.get("code"):
            codes.setdefault(normalise_code(row["code"]), []).append(number)
    duplicate_rows: dict[int, RowProblem] = {}
    by_number = dict(valid)
    for code_norm, numbers in codes.items():
        if len(numbers) > 1:
            _share_code(code_norm, [(n, by_number[n]) for n in numbers], report, duplicate_rows,
                        header_of.get("code", "code"))
    for number, row in valid:
        if not row.get("code") and row.get("email") and "_shared_code" not in row and number not in duplicate_rows:
            emails.setdefault(row["email"].lower(), []).append(number)
    # rows without a code that share an e-mail: re-imports could not tell them apart, nobody can say
    # which one is right, so every occurrence is rejected
    for value, numbers in emails.items():
        if len(numbers) > 1:
            for n in numbers:
                others = ", ".join(str(o) for o in numbers if o != n)
                duplicate_rows[n] = RowProblem(
                    n, header_of.get("email", "email"),
                    f"duplicate e-mail (rows without a code) in the file (also row {others})", value)
    if duplicate_rows:
        report.problems.extend(duplicate_rows.values())
        valid = [(n, r) for n, r in valid if n not in duplicate_rows]
    report.problems.sort(key=lambda p: (p.row, p.column))
    report.rejected = len({p.row for p in report.problems})
    if progress:
        progress(total, total)
    return valid


# -- rows that share a registration code -----------------------------------------------------------
# The export gives one code to several people: the ambiguity is in the code, not in the people. Each
# person is imported without the code (found by name at the desk), the code checks nobody in, and the
# report names the rows. No row keeps it: an export carries nothing that says which person the code was
# really sent to (row order is the system's, not the truth), and admitting the wrong person under a
# code costs more than a name search. Only rows that are the same person (same name and e-mail) listed
# twice keep it: that person is imported once.
_LOST_CODE_RE = re.compile(r"Registration code (\S+) was (?:also given to|withdrawn)")
_IDENTITY_NS = uuid.UUID("4f1d6c2e-8a57-4d0b-9e0c-6f3a2b1c5d7e")


def _name_key(given: str | None, family: str | None, native: str | None) -> str:
    return fold(" ".join(filter(None, (given, family, native))))


def _identity(row: Mapping[str, Any]) -> tuple[str, str]:
    return ((row.get("email") or "").casefold(),
            _name_key(row.get("given_name"), row.get("family_name"), row.get("native_name")))


def identity_id(row: Mapping[str, Any]) -> str:
    """The attendee id a person imported without a code gets: the same for the same e-mail and name,
    so importing the file again finds them instead of adding them twice."""
    email, name = _identity(row)
    return str(uuid.uuid5(_IDENTITY_NS, f"{email}\x1f{name}"))


def same_person(row: Mapping[str, Any], record: Mapping[str, Any]) -> bool:
    """Whether an import row describes an attendee record: the same e-mail when both have one, else
    the same name (case, accents and spacing ignored)."""
    a, b = (row.get("email") or "").casefold(), (record.get("email") or "").casefold()
    if a and b:
        return a == b
    return _identity(row)[1] == _name_key(record.get("given_name"), record.get("family_name"),
                                          record.get("native_name"))


def row_name(row: Mapping[str, Any]) -> str:
    """A person's name as the report shows it."""
    return " ".join(filter(None, (row.get("given_name"), row.get("family_name")))) or row.get("native_name") or ""


def _share_code(code_norm: str, rows: list[tuple[int, dict[str, str]]], report: ImportReport,
                duplicate_rows: dict[int, RowProblem], column: str) -> None:
    people: dict[tuple[str, str], tuple[int, dict[str, str]]] = {}
    for number, row in rows:
        first = people.setdefault(_identity(row), (number, row))
        if first[0] != number:
            duplicate_rows[number] = RowProblem(
                number, column, f"the same person and code as row {first[0]} ({row_name(first[1])}): "
                                "imported once", row["code"])
    if len(people) < 2:
        return
    listed = [{"row": number, "name": row_name(row)} for number, row in people.values()]
    code = rows[0][1]["code"]
    report.shared_codes.append({"code": code, "rows": listed, "withdrawn_from": None})
    for number, row in people.values():
        others = ", ".join(f"{p['name'] or 'row ' + str(p['row'])}" for p in listed if p["row"] != number)
        row["_shared_code"] = code_norm  # read by the writers (station and registry), never stored
        row["code"] = ""
        row["id"] = row.get("id") or identity_id(row)
        note = (f"Registration code {code} was also given to {others} in the import file: it checks nobody in. "
                "Find this person by name.")
        row["notes"] = f"{row['notes']}\n{note}" if row.get("notes") else note


def _check_row(number: int, row: dict[str, str], header_of: Mapping[str, str]) -> list[RowProblem]:
    problems: list[RowProblem] = []

    def bad(column: str, problem: str, value: str = "") -> None:
        problems.append(RowProblem(number, header_of.get(column, column), problem, value))

    full = row.pop("full_name", "")
    if full and not row.get("given_name") and not row.get("family_name"):
        given, _, family = full.rpartition(" ")
        row["given_name"], row["family_name"] = (given, family) if given else ("", family)
    if not (row.get("given_name") or row.get("family_name") or row.get("native_name")):
        bad("", "missing required value: a name")
    if not row.get("code") and not row.get("email"):
        bad("", "missing required value: a code or an e-mail")
    email = row.get("email", "")
    if email:
        if not EMAIL_RE.match(email):
            bad("email", "not a valid e-mail address", email)
        else:
            row["email"] = email
    code = row.get("code", "")
    if code and (len(code) > 128 or BAD_CODE_RE.search(code)):
        bad("code", "registration code contains spaces or control characters", code[:40])
    country = row.get("country", "")
    if country:
        cc = _country_code(country)
        if cc is None:
            bad("country", "unknown country (use an ISO 3166 code such as CN, FR, BR)", country)
        else:
            row["country"] = cc
    status = row.get("status", "")
    if status:
        norm = _STATUS_WORDS.get(_fold(status))
        if norm is None:
            bad("status", "status must be active, cancelled or blocked", status)
        else:
            row["status"] = norm
    order = row.get("name_order", "")
    if order:
        k = _fold(order)
        if k in {"givenfirst", "western", "gf", "given"}:
            row["name_order"] = "given-first"
        elif k in {"familyfirst", "eastern", "ff", "family", "surnamefirst", "lastfirst"}:
            row["name_order"] = "family-first"
        else:
            bad("name_order", "name order must be given-first or family-first", order)
    else:
        row["name_order"] = "family-first" if row.get("country") in FAMILY_FIRST_COUNTRIES else "given-first"
    ident = row.get("id", "")
    if ident and not _CANONICAL_UUID.fullmatch(ident):  # canonical already: what str(UUID(...)) gives
        try:
            row["id"] = str(uuid.UUID(ident))
        except ValueError:
            bad("id", "not a UUID", ident[:40])
    if CONTROL_RE.search("\n".join(row.values())):
        # rare: find which column to name it in the report
        for key, value in row.items():
            if CONTROL_RE.search(value):
                bad(key, "contains control characters", value[:40])
                break
    return problems


# -- writing ---------------------------------------------------------------------------------------
_WRITE_FIELDS = tuple(f for f in ATTENDEE_FIELDS if f != "id")


def _replica_of(target: Any) -> Any:
    return getattr(target, "replica", target)


def import_file(target: Any, path: str | Path, mapping: str | Path | Mapping[str, Any] | None = None,
                progress: Progress | None = None, *, dry_run: bool = False) -> ImportReport:
    """Import attendees from a CSV or XLSX file into a station (or a bare replica).

    Never raises for bad input: a file-level problem is ``report.error`` with nothing written;
    row problems are ``report.problems`` and only those rows are skipped. ``progress(done, total)``
    is called while reading and while writing. With a station, imported records get the
    station's current HLC as ``master_hlc`` (last writer wins, like ``Station.add_attendees``).
    """
    started = time.perf_counter()
    path = Path(path)
    report = ImportReport(file=str(path))
    try:
        options = _load_mapping_file(mapping)
        table = read_table(path, options.get("sheet"))
        report.format, report.encoding, report.delimiter = table.format, table.encoding, table.delimiter
        report.warnings.extend(table.warnings)
        valid = _validate(table, options, report, progress)
        if not dry_run:
            clock = getattr(target, "clock", None)
            _write(_replica_of(target), valid, report, progress, lambda: str(clock.now()) if clock else "")
    except ImportFailed as exc:
        report.error = str(exc)
        report.inserted = report.updated = report.unchanged = 0
    report.seconds = round(time.perf_counter() - started, 3)
    return report


_COLUMNS = ("id", *_WRITE_FIELDS)
_AT = {name: i for i, name in enumerate(_COLUMNS)}


@dataclass
class ImportPlan:
    """What an import does to the attendees a replica (a station's or the registry's) holds.

    ``inserts`` and ``updates`` are whole records (``id``, every attendee field, ``code_norm``);
    ``matched`` the attendees here that rows of the file describe."""

    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)


def plan_import(valid: Sequence[tuple[int, Mapping[str, str]]], existing: Mapping[str, Mapping[str, Any]],
                report: ImportReport, progress: Progress | None = None) -> ImportPlan:
    """Match validated rows to the attendees here (``existing``: id → record with ``code_norm``), the
    same rules on every replica. A row matches an attendee by code, else by id, else around a shared
    code (:class:`SharedCodeMatcher`), else by e-mail when neither side has a code; rows that would
    take another's code or id, or match someone twice, are rejected into ``report``."""
    by_code: dict[str, str] = {}
    by_email: dict[str, list[str]] = {}
    for attendee_id, record in existing.items():
        if record.get("code_norm"):
            by_code[record["code_norm"]] = attendee_id
        elif record.get("email"):
            by_email.setdefault(str(record["email"]).lower(), []).append(attendee_id)
    plan = ImportPlan()
    matched = plan.matched
    ids_in_file: set[str] = set()
    codes_in_file: set[str] = set()
    shared = SharedCodeMatcher(existing, existing.__getitem__, by_code)
    total = len(valid)

    def reject(number: int, column: str, message: str, value: str = "") -> None:
        report.problems.append(RowProblem(number, column, message, value))
        report.rejected += 1

    for done, (number, row) in enumerate(valid, start=1):
        if progress and done % 5000 == 0:
            progress(done, total)
        code_norm = normalise_code(row["code"]) if row.get("code") else None
        attendee_id = by_code.get(code_norm) if code_norm else None
        rid = row.get("id")
        if attendee_id is None and rid in existing and (code_norm is None or not existing[rid]["code"]):
            attendee_id = rid
        if attendee_id is None:
            attendee_id = shared.match(row, code_norm, matched)
        if attendee_id is None and not code_norm and row.get("email"):
            # e-mail only when neither side has a code: one protocol office often registers a
            # whole delegation under one address, with a code per person
            candidates = [c for c in by_email.get(row["email"].lower(), []) if c not in matched]
            if len(candidates) == 1:
                attendee_id = candidates[0]
        if attendee_id is not None and attendee_id in matched:
            reject(number, "", "matches the same attendee as an earlier row")
            continue
        if code_norm:
            holder = by_code.get(code_norm)
            if (holder is not None and holder != attendee_id) or code_norm in codes_in_file:
                reject(number, "code", "code already used by another attendee", row["code"])
                continue
            codes_in_file.add(code_norm)
        if attendee_id is None:
            new = rid or new_id()
            if new in existing or new in ids_in_file:
                reject(number, "id", "ID already used by another attendee", new)
                continue
            ids_in_file.add(new)
            record = {f: row.get(f, "") for f in _WRITE_FIELDS}
            record.update(code=row.get("code") or None, status=record["status"] or "active",
                          name_order=record["name_order"] or "given-first")
            plan.inserts.append({"id": new, **record, "code_norm": code_norm})
            continue
        matched.add(attendee_id)
        old = existing[attendee_id]
        # a column the file does not have keeps what we know
        record = {f: (row[f] if f in row else old[f]) for f in _WRITE_FIELDS}
        record.update(code=record["code"] or None, status=record["status"] or "active")
        if all(record[f] == old[f] for f in _WRITE_FIELDS):
            report.unchanged += 1
            continue
        record["code_norm"] = normalise_code(record["code"]) if record["code"] else None
        plan.updates.append({"id": attendee_id, **record})
    for attendee_id, note in shared.withdraw(report, matched):
        # held here a code the file gives to others, and is none of them: the code goes all the same
        old = existing[attendee_id]
        record = {f: old[f] for f in _WRITE_FIELDS}
        record.update(code=None, code_norm=None, notes=f"{old['notes'] or ''}\n{note}".strip())
        plan.updates.append({"id": attendee_id, **record})
    return plan


def report_missing(report: ImportReport, existing: Mapping[str, Mapping[str, Any]], missing: Sequence[str]) -> None:
    """Say how many attendees here the file leaves out (never deleted), with a sample."""
    report.missing_from_file = len(missing)
    for attendee_id in missing[:50]:
        old = existing[attendee_id]
        report.missing_sample.append({"id": attendee_id, "code": old["code"] or "",
                                      "name": f"{old['given_name']} {old['family_name']}".strip()})


#: an import inserting this many attendees drops and rebuilds the bulk indexes (one sort beats 100,000 inserts)
BULK_ROWS = 5000


def _write(replica: Any, valid: list[tuple[int, dict[str, str]]], report: ImportReport,
           progress: Progress | None, master_hlc: Callable[[], str]) -> None:
    from venue_app import eventlog

    with replica.transaction() as conn:
        existing = {row[0]: dict(zip((*_COLUMNS, "code_norm"), row, strict=True)) for row in conn.execute(
            f"SELECT {', '.join(_COLUMNS)}, code_norm FROM attendees")}
        total = len(valid)
        plan = plan_import(valid, existing, report, progress)
        hlc = master_hlc()
        columns = (*_COLUMNS, "code_norm")
        inserts = [(*(r[c] for c in columns), hlc) for r in plan.inserts]
        updates = [(*(r[c] for c in columns[1:]), hlc, r["id"]) for r in plan.updates]
        placeholders = ", ".join("?" for _ in range(len(columns) + 1))
        updated_set = {r["id"] for r in plan.updates}
        try:
            # one batch for the search index instead of one FTS flush per row (see search.bulk)
            with search.bulk(conn):
                if len(inserts) >= BULK_ROWS:
                    # a large import: the secondary indexes are built once at the end, in this transaction
                    for name in BULK_INDEXES:
                        conn.execute(f"DROP INDEX IF EXISTS {name}")
                conn.executemany(f"INSERT INTO attendees ({', '.join(columns)}, master_hlc) "
                                 f"VALUES ({placeholders})", inserts)
                assignments = ", ".join(f"{f} = ?" for f in _WRITE_FIELDS)
                conn.executemany(f"UPDATE attendees SET {assignments}, code_norm = ?, master_hlc = ? "
                                 "WHERE id = ?", updates)
                # station edits newer than this master record still win (last writer by HLC)
                edits = conn.execute("SELECT attendee_id, hlc FROM attendee_edits").fetchall()
                report.station_edits_superseded = sum(1 for a, h in edits if a in updated_set and h <= hlc)
                eventlog.overlay_edits(conn, sorted({a for a, _ in edits if a in updated_set}))
                ensure_indexes(conn)
        except sqlite3.IntegrityError as exc:
            raise ImportFailed(f"the import conflicts with attendees on this station ({exc})") from exc
        report.inserted, report.updated = len(inserts), len(updates)
        _add_categories(conn, {row.get("category", "") for _, row in valid} - {""})
        walk_ins = {r[0] for r in conn.execute(
            "SELECT json_extract(payload, '$.attendee.id') FROM log WHERE type = 'attendee_created'")}
        report_missing(report, existing, [a for a in existing if a not in plan.matched and a not in walk_ins])
        if progress:
            progress(total, total)


class SharedCodeMatcher:
    """Matching rules of the station and registry writers for people around a shared code.

    ``record(id)`` gives an existing attendee as a mapping of its columns; ``by_code`` maps normalised
    codes to attendee ids. A row of a shared code (imported without it) matches, after its id: the
    attendee that holds the code here if it is the same person, else the same person among those an
    earlier import left without this code (the note it wrote says which code). A row with a code
    nobody holds matches such a person too (by :func:`identity_id` or the note): the registration
    system has given them a code of their own since. "The same person": :func:`same_person`.
    """

    def __init__(self, existing: Collection[str], record: Callable[[str], Mapping[str, Any]],
                 by_code: Mapping[str, str]) -> None:
        self.existing, self.record, self.by_code = existing, record, by_code
        self._lost: dict[str, list[str]] | None = None
        self._any_codeless: bool | None = None

    def match(self, row: Mapping[str, Any], code_norm: str | None, matched: set[str]) -> str | None:
        shared = row.get("_shared_code")
        if shared:
            holder = self.by_code.get(shared)
            if holder is not None and holder not in matched and same_person(row, self.record(holder)):
                return holder
            # a person who lost this code to an earlier import (the holder keeps their own id)
            return self._one_left_behind(row, shared, matched) if self._codeless() else None
        if code_norm and code_norm not in self.by_code and self._codeless():
            # the registration system has given a person of a shared code a code of their own since:
            # a new one, so whichever code they lost (Ana lost K1, now has K7)
            return self._one_left_behind(row, None, matched)
        return None

    def _one_left_behind(self, row: Mapping[str, Any], code_norm: str | None, matched: set[str]) -> str | None:
        """The one code-less person here this row describes: its own id, or someone an earlier import
        left without ``code_norm`` (None: without any code)."""
        left = self._left_behind()
        lost = left.get(code_norm, ()) if code_norm is not None else [a for ids in left.values() for a in ids]
        candidates = {identity_id(row), *lost}
        found = [a for a in candidates if a in self.existing and a not in matched
                 and not self.record(a).get("code") and same_person(row, self.record(a))]
        return found[0] if len(found) == 1 else None

    def withdraw(self, report: ImportReport, matched: set[str]) -> list[tuple[str, str]]:
        """(attendee id, note) of attendees here that hold a shared code and match none of its rows."""
        out: list[tuple[str, str]] = []
        for entry in report.shared_codes:
            holder = self.by_code.get(normalise_code(entry["code"]))
            if holder is None or holder in matched:
                continue
            record = self.record(holder)
            entry["withdrawn_from"] = {"id": holder, "name": row_name(record)}
            rows = ", ".join(f"row {p['row']} ({p['name']})" for p in entry["rows"])
            out.append((holder, f"Registration code {entry['code']} was withdrawn: an import gave it to "
                                f"{rows}. Find this person by name."))
            matched.add(holder)
        return out

    def _codeless(self) -> bool:
        """Whether any attendee here has no code (else no row can be one left behind by a shared code)."""
        if self._any_codeless is None:
            self._any_codeless = len(self.existing) > len(set(self.by_code.values()))
        return self._any_codeless

    def _left_behind(self) -> dict[str, list[str]]:
        """Code-less attendees by the shared code they lost (from the note the import wrote)."""
        if self._lost is None:
            held = set(self.by_code.values())
            self._lost = {}
            for attendee_id in (a for a in self.existing if a not in held):
                for code in _LOST_CODE_RE.findall(self.record(attendee_id).get("notes") or ""):
                    self._lost.setdefault(normalise_code(code), []).append(attendee_id)
        return self._lost


def _add_categories(conn: sqlite3.Connection, categories: set[str]) -> None:
    """Categories the file uses but the event does not define yet get a grey default (as add_attendees)."""
    known = {r[0] for r in conn.execute("SELECT code FROM categories")}
    conn.executemany("INSERT OR IGNORE INTO categories(code, label, color) VALUES (?, ?, ?)",
                     [(c, c.replace("_", " ").title(), CATEGORY_COLOR)
                      for c in sorted(categories - known)])


# -- export ----------------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PHONE_RE = re.compile(r"^\+[0-9][0-9 ()./-]*$")


def csv_safe(value: Any) -> str:
    """A cell value that a spreadsheet will show as text, never evaluate as a formula.

    Values starting with ``= + - @`` (or TAB/CR, or their full-width forms) get a leading
    apostrophe, the OWASP recommendation. Phone numbers like ``+86 20 1234 5678`` stay as they
    are: digits cannot form a formula that does anything.
    """
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PHONE_RE.match(text):
        return "'" + text
    return text


def export_csv(conn: sqlite3.Connection, out: io.TextIOBase | Any,
               columns: Sequence[str] = EXPORT_COLUMNS) -> int:
    """Write every attendee as CSV (in import order), each value through :func:`csv_safe`."""
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for row in _iter_rows(conn, columns):
        writer.writerow([csv_safe(v) for v in row])
        count += 1
    return count


def _iter_rows(conn: sqlite3.Connection, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    unknown = [c for c in columns if c not in ATTENDEE_FIELDS]
    if unknown:
        raise VenueError(f"unknown attendee columns: {', '.join(unknown)}")
    cur = conn.execute(f"SELECT {', '.join(columns)} FROM attendees ORDER BY rowid")
    while batch := cur.fetchmany(2000):
        yield from (tuple(r) for r in batch)
