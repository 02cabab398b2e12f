"""Attendee import: formats, header detection, validation report, idempotency, bad input, export."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from venue_app.countries import country_code
from venue_app.importer import (
    EXPORT_COLUMNS,
    MAX_CELL_CHARS,
    csv_safe,
    detect_mapping,
    export_csv,
    import_file,
)
from venue_app.replica import Replica
from venue_desk import demodata


@pytest.fixture
def replica(tmp_path: Path) -> Replica:
    rep = Replica(tmp_path / "station.sqlite3")
    yield rep
    rep.close()


@pytest.fixture(scope="module")
def demo_rows() -> list[dict[str, str]]:
    return demodata.generate(1500, seed=8)


def count(replica: Replica) -> int:
    return replica.one("SELECT count(*) FROM attendees")[0]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def exported(replica: Replica) -> bytes:
    buf = io.StringIO(newline="")
    export_csv(replica.conn, buf)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# -- round trip and idempotency ----------------------------------------------------------------------
def test_demo_file_round_trips_exactly(tmp_path: Path, replica: Replica,
                                       demo_rows: list[dict[str, str]]) -> None:
    src = tmp_path / "demo.csv"
    demodata.write_csv(src, demo_rows)
    progress: list[tuple[int, int]] = []
    report = import_file(replica, src, progress=lambda done, total: progress.append((done, total)))
    assert report.ok and not report.problems, report.problems[:3]
    assert (report.inserted, report.updated, report.rejected) == (len(demo_rows), 0, 0)
    assert report.encoding == "utf-8-sig" and report.delimiter == ","
    assert progress and progress[-1][0] == progress[-1][1]
    assert exported(replica) == src.read_bytes()
    # codes are normalised for lookups, master records carry no HLC on a bare replica
    row = replica.one("SELECT code, code_norm, master_hlc FROM attendees LIMIT 1")
    assert row["code_norm"] == row["code"].upper() and row["master_hlc"] == ""


def test_reimport_is_idempotent_updates_changes_and_reports_missing(
        tmp_path: Path, replica: Replica, demo_rows: list[dict[str, str]]) -> None:
    src = tmp_path / "demo.csv"
    demodata.write_csv(src, demo_rows)
    assert import_file(replica, src).inserted == len(demo_rows)
    again = import_file(replica, src)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, len(demo_rows))
    assert again.missing_from_file == 0

    # next export of the registration system: one name corrected, two people gone, no ids column
    changed = [dict(r) for r in demo_rows[2:]]
    changed[0]["family_name"] = "Corrected"
    for r in changed:
        del r["id"]
    src2 = tmp_path / "demo2.csv"
    demodata.write_csv(src2, changed, columns=[c for c in EXPORT_COLUMNS if c != "id"])
    report = import_file(replica, src2)
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, len(changed) - 1)
    assert report.missing_from_file == 2
    assert {m["code"] for m in report.missing_sample} == {demo_rows[0]["code"], demo_rows[1]["code"]}
    assert count(replica) == len(demo_rows)  # reported, never deleted
    fixed = replica.one("SELECT id, family_name FROM attendees WHERE code = ?", (changed[0]["code"],))
    assert fixed["family_name"] == "Corrected" and fixed["id"] == demo_rows[2]["id"]


def test_match_on_email_when_there_is_no_code(tmp_path: Path, replica: Replica) -> None:
    write(tmp_path / "a.csv", "First name,Last name,Email,Company\nAna,Lima,ana@x.org,City of Lisbon\n")
    assert import_file(replica, tmp_path / "a.csv").inserted == 1
    write(tmp_path / "b.csv", "First name,Last name,Email,Company\nAna,Lima,ANA@x.org,Lisboa City Council\n")
    report = import_file(replica, tmp_path / "b.csv")
    assert (report.inserted, report.updated) == (0, 1)
    assert replica.one("SELECT organisation FROM attendees")[0] == "Lisboa City Council"


# -- formats and header detection ----------------------------------------------------------------------
def test_utf16_semicolon_and_multilingual_headers(tmp_path: Path, replica: Replica) -> None:
    text = ("Prénom;Nom;Société;Courriel;Pays;Catégorie;Référence;Délégation\r\n"
            "José;Núñez;Ayuntamiento de Barcelona;jose@bcn.cat;Espagne;DEL;BCN001;Barcelona\r\n"
            "秀英;王;广州市人民政府;wang@gz.gov.cn;CN;HOD;GZ0001;Guangzhou\r\n")
    # "Espagne" is not an English name: reported, the other row imports
    path = tmp_path / "excel-unicode.csv"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    report = import_file(replica, path)
    assert report.encoding == "utf-16" and report.delimiter == ";"
    assert report.columns == {"Prénom": "given_name", "Nom": "family_name", "Société": "organisation",
                              "Courriel": "email", "Pays": "country", "Catégorie": "category",
                              "Référence": "code", "Délégation": "delegation"}
    assert report.inserted == 1 and [(p.row, p.column) for p in report.problems] == [(2, "Pays")]
    row = replica.one("SELECT * FROM attendees")
    assert (row["family_name"], row["country"], row["name_order"]) == ("王", "CN", "family-first")
    assert row["code_norm"] == "GZ0001"


def test_chinese_and_german_headers_tab_delimited(tmp_path: Path, replica: Replica) -> None:
    write(tmp_path / "zh.tsv", "姓名\t单位\t邮箱\t国家\t编号\n王伟\t广州大学\twei@gzhu.edu.cn\t中国\tA1\n")
    report = import_file(replica, tmp_path / "zh.tsv")
    assert report.ok and report.inserted == 1, report
    row = replica.one("SELECT given_name, family_name, organisation, country FROM attendees")
    assert tuple(row) == ("", "王伟", "广州大学", "CN")  # a full name without spaces stays whole
    assert detect_mapping(["Vorname", "Nachname", "Firma", "E-Mail-Adresse", "Land", "Ticket-Typ",
                           "Buchungsnummer"]) == {0: "given_name", 1: "family_name", 2: "organisation",
                                                  3: "email", 4: "country", 5: "category", 6: "code"}


def test_mapping_file_overrides_detection(tmp_path: Path, replica: Replica) -> None:
    write(tmp_path / "a.csv", "Vorname,Zuname,Ticket,Internal,Secret\nAnna,Berg,VIP,xyz,K-77\n")
    mapping = tmp_path / "m.json"
    columns = {"Zuname": "family_name", "Internal": None, "Ticket": "category", "Secret": "code"}
    mapping.write_text(json.dumps({"columns": columns, "defaults": {"country": "DE"}}), encoding="utf-8")
    report = import_file(replica, tmp_path / "a.csv", mapping=mapping)
    assert report.ok and report.inserted == 1 and report.ignored_columns == ["Internal"]
    row = replica.one("SELECT given_name, family_name, category, code, country FROM attendees")
    assert tuple(row) == ("Anna", "Berg", "VIP", "K-77", "DE")
    assert replica.one("SELECT label FROM categories WHERE code = 'VIP'") is not None
    bad = tmp_path / "bad.json"
    bad.write_text('{"columns": {"Zuname": "surname_field"}}', encoding="utf-8")
    assert "unknown attendee field" in import_file(replica, tmp_path / "a.csv", mapping=bad).error


def test_xlsx_import(tmp_path: Path, replica: Replica) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Registration code", "Given name", "Family name", "Native name", "Organization", "Country",
               "E-mail", "Phone"])
    ws.append(["X1", "Sergei", "Ivanov", "Сергей Иванов", "City of Moscow", "RUS", "s.ivanov@mos.ru",
               8613800000000])
    ws.append([None, None, None, None, None, None, None, None])
    ws.append([12345, "Mei", "Sato", "佐藤 芽衣", "Tokyo Metropolitan Government", "Japan", "mei@tokyo.jp",
               None])
    book.save(tmp_path / "a.xlsx")
    report = import_file(replica, tmp_path / "a.xlsx")
    assert report.format == "xlsx" and report.inserted == 2 and report.empty_rows == 1, report
    rows = {r["code"]: r for r in replica.query("SELECT * FROM attendees")}
    assert rows["X1"]["country"] == "RU" and rows["X1"]["phone"] == "8613800000000"
    assert rows["12345"]["native_name"] == "佐藤 芽衣" and rows["12345"]["name_order"] == "family-first"


# -- the bad-input list of the issue -------------------------------------------------------------------
def test_mixed_encodings_reject_only_the_undecodable_rows(tmp_path: Path, replica: Replica) -> None:
    data = (b"code,first name,last name,email\n"
            + "C1,José,Núñez,jose@x.org\n".encode()
            + "C2,François,Lefèvre,f@x.org\n".encode("cp1252")
            + "C3,Zoë,Ng,z@x.org\n".encode())
    (tmp_path / "mixed.csv").write_bytes(data)
    report = import_file(replica, tmp_path / "mixed.csv")
    assert report.inserted == 2
    assert [(p.row, "UTF-8" in p.problem) for p in report.problems] == [(3, True)]
    assert any("mixed encodings" in w for w in report.warnings)
    names = {r[0] for r in replica.query("SELECT given_name FROM attendees")}
    assert names == {"José", "Zoë"}


def test_legacy_windows_file_is_read_with_a_warning(tmp_path: Path, replica: Replica) -> None:
    (tmp_path / "legacy.csv").write_bytes("code;Prénom;Nom\nL1;Hélène;Dupré\n".encode("cp1252"))
    report = import_file(replica, tmp_path / "legacy.csv")
    assert report.inserted == 1 and report.encoding == "cp1252" and report.warnings
    assert replica.one("SELECT given_name FROM attendees")[0] == "Hélène"


def test_missing_required_columns_import_nothing(tmp_path: Path, replica: Replica) -> None:
    write(tmp_path / "a.csv", "Company,Country\nACME,FR\n")
    report = import_file(replica, tmp_path / "a.csv")
    assert not report.ok and "missing required columns" in report.error
    assert "name" in report.error and "code or e-mail" in report.error
    write(tmp_path / "b.csv", "first name,last name\nAna,Lima\n")
    assert "code or e-mail" in import_file(replica, tmp_path / "b.csv").error
    assert count(replica) == 0


def test_row_problems_are_reported_and_only_valid_rows_written(tmp_path: Path, replica: Replica) -> None:
    long_cell = "x" * 10_000
    rows = [
        ["code", "given name", "family name", "email", "country", "organisation", "status"],
        ["D1", "Ana", "Lima", "ana@x.org", "BR", "City of São Paulo", ""],
        ["D1", "Ana", "Lima", "ana2@x.org", "BR", "duplicate code", ""],
        ["", "", "", "", "", "", ""],
        ["E1", "Bob", "Stone", "not-an-email", "US", "", ""],
        ["F1", "", "", "f@x.org", "FR", "", ""],
        ["G1", "Gia", "Long", "g@x.org", "Atlantis", "", ""],
        ["H1", "Hu", "Bo", "h@x.org", "CN", long_cell, ""],
        ["I1", "Ida", "Berg", "i@x.org", "SE", "", "maybe"],
        ["J1", "=HYPERLINK(\"http://evil\",\"click\")", "+cmd|' /C calc'!A0", "j@x.org", "GB", "@SUM(A1)",
         ""],
        ["", "Kim", "Noh", "", "KR", "", ""],
        ["d1", "Dup", "Case", "dc@x.org", "BR", "same code, other case", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    write(tmp_path / "bad.csv", buf.getvalue())
    report = import_file(replica, tmp_path / "bad.csv")
    problems = {(p.row, p.column): p.problem for p in report.problems}
    # three people share code D1 (case does not matter): all three kept, none with the code
    assert (2, "code") not in problems and (3, "code") not in problems and (12, "code") not in problems
    assert [(r["row"], r["name"]) for r in report.shared_codes[0]["rows"]] == [
        (2, "Ana Lima"), (3, "Ana Lima"), (12, "Dup Case")]
    assert "e-mail" in problems[(5, "email")]
    assert "name" in problems[(6, "")]
    assert "country" in problems[(7, "country")]
    assert "10,000 characters" in problems[(8, "organisation")]
    assert "status" in problems[(9, "status")]
    assert "code or an e-mail" in problems[(11, "")]
    assert report.empty_rows == 1 and report.rows == 10
    assert report.inserted == 4 and report.rejected == 6
    assert replica.one("SELECT count(*) FROM attendees WHERE code_norm = 'D1'")[0] == 0
    # formula injection: stored as typed, escaped in the export
    row = replica.one("SELECT given_name, family_name, organisation FROM attendees WHERE code = 'J1'")
    assert row["given_name"].startswith("=HYPERLINK")
    export = exported(replica).decode("utf-8-sig")
    assert "'=HYPERLINK" in export and "'+cmd" in export and "'@SUM" in export
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in csv.reader(io.StringIO(export))
                   for cell in line)


def test_truncated_xlsx_is_a_clear_error(tmp_path: Path, replica: Replica) -> None:
    book = openpyxl.Workbook()
    book.active.append(["code", "given name", "family name"])
    for i in range(200):
        book.active.append([f"T{i}", "Ana", "Lima"])
    book.save(tmp_path / "full.xlsx")
    data = (tmp_path / "full.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    report = import_file(replica, tmp_path / "cut.xlsx")
    assert not report.ok and "damaged or truncated" in report.error
    (tmp_path / "notzip.xlsx").write_bytes(b"PK\x03\x04garbage")
    assert not import_file(replica, tmp_path / "notzip.xlsx").ok
    with zipfile.ZipFile(tmp_path / "empty.xlsx", "w") as z:
        z.writestr("hello.txt", "not a workbook")
    assert not import_file(replica, tmp_path / "empty.xlsx").ok
    assert count(replica) == 0


def test_file_level_errors_never_raise(tmp_path: Path, replica: Replica) -> None:
    assert "cannot read" in import_file(replica, tmp_path / "missing.csv").error
    write(tmp_path / "empty.csv", "")
    assert "empty" in import_file(replica, tmp_path / "empty.csv").error
    (tmp_path / "broken16.csv").write_bytes(b"\xff\xfe" + "code,name\n".encode("utf-16-le") + b"\x00")
    assert not import_file(replica, tmp_path / "broken16.csv").ok
    (tmp_path / "nul.csv").write_bytes(b"code,first name\nA\x00B,Ann\n")
    report = import_file(replica, tmp_path / "nul.csv")
    assert report.ok and replica.one("SELECT code FROM attendees")[0] == "AB"


def test_code_match_wins_over_a_different_id(tmp_path: Path, replica: Replica) -> None:
    write(tmp_path / "a.csv", "id,code,given name,email\n"
          "0b7a2f8e-0d7f-4a57-9a53-5b1d1f2b9c01,P1,Ann,a@x.org\n")
    assert import_file(replica, tmp_path / "a.csv").inserted == 1
    # the next export carries another id for code P1: the code decides, the attendee keeps its id
    write(tmp_path / "b.csv", "id,code,given name,email\n"
          "5c3e9d7a-1f4b-4c8e-8a2d-6e7f8a9b0c1d,p1,Eve,e@x.org\n"
          ",Q1,Quinn,q@x.org\n")
    report = import_file(replica, tmp_path / "b.csv")
    assert report.inserted == 1 and report.updated == 1
    row = replica.one("SELECT id, given_name FROM attendees WHERE code_norm = 'P1'")
    assert tuple(row) == ("0b7a2f8e-0d7f-4a57-9a53-5b1d1f2b9c01", "Eve")


def test_dry_run_writes_nothing(tmp_path: Path, replica: Replica, demo_rows: list[dict[str, str]]) -> None:
    src = tmp_path / "demo.csv"
    demodata.write_csv(src, demo_rows[:50])
    report = import_file(replica, src, dry_run=True)
    assert report.ok and report.rows == 50 and count(replica) == 0


def test_csv_safe_and_country_codes() -> None:
    assert csv_safe("=1+1") == "'=1+1" and csv_safe("@cmd") == "'@cmd" and csv_safe("-2") == "'-2"
    assert csv_safe("\t=x") == "'\t=x" and csv_safe("＝1") == "'＝1"
    assert csv_safe("+86 20 8888 0000") == "+86 20 8888 0000" and csv_safe("+1+cmd") == "'+1+cmd"
    assert csv_safe(None) == "" and csv_safe("Ana") == "Ana"
    names = ("cn", "CHN", "China", "côte d'ivoire", "South Korea", "Türkiye", "xx", "")
    assert [country_code(v) for v in names] == ["CN", "CN", "CN", "CI", "KR", "TR", None, None]
    assert MAX_CELL_CHARS == 1000


# -- rows that share a code ------------------------------------------------------------------------------
SHARED = ("code,first name,last name,email,organisation,notes\n"
          "K1,Ana,Lima,ana@x.org,City of São Paulo,\n"
          "K2,Bo,Ek,bo@x.org,Malmö,\n"
          "k1,Chen,Wei,,Guangzhou,interpreter booked\n"
          "K3,Dana,Ross,dana@x.org,Toronto,\n"
          "K3,Dana,Ross,DANA@x.org,Toronto (again),\n"
          "K4,Eve,Ng,office@x.org,Delegation A,\n"
          "K4,Fay,Ng,office@x.org,Delegation A,\n")


def people(replica: Replica) -> dict[str, dict]:
    rows = replica.conn.execute("SELECT * FROM attendees").fetchall()
    return {f"{r['given_name']} {r['family_name']}": dict(r) for r in rows}


def test_rows_sharing_a_code_keep_their_people_not_the_code(tmp_path: Path, replica: Replica) -> None:
    src = write(tmp_path / "shared.csv", SHARED)
    report = import_file(replica, src)
    assert report.ok and not report.clean
    # every person is there; the shared codes are on nobody; a same person listed twice keeps the code
    found = people(replica)
    assert sorted(found) == ["Ana Lima", "Bo Ek", "Chen Wei", "Dana Ross", "Eve Ng", "Fay Ng"]
    assert {n: p["code"] for n, p in found.items()} == {
        "Ana Lima": None, "Bo Ek": "K2", "Chen Wei": None, "Dana Ross": "K3", "Eve Ng": None, "Fay Ng": None}
    assert replica.one("SELECT count(*) FROM attendees WHERE code_norm IN ('K1', 'K4')")[0] == 0
    assert found["Dana Ross"]["organisation"] == "Toronto"  # the first row of the pair
    # the report names both rows of each shared code, row numbers as the spreadsheet shows them
    assert [(e["code"], [(r["row"], r["name"]) for r in e["rows"]], e["withdrawn_from"])
            for e in report.shared_codes] == [
        ("K1", [(2, "Ana Lima"), (4, "Chen Wei")], None), ("K4", [(7, "Eve Ng"), (8, "Fay Ng")], None)]
    assert [(p.row, p.column) for p in report.problems] == [(6, "code")]
    assert "same person and code as row 5 (Dana Ross)" in report.problems[0].problem
    assert (report.inserted, report.rejected) == (6, 1)
    # the desk sees why: a note on each person, after what the file said
    assert found["Chen Wei"]["notes"].startswith("interpreter booked\nRegistration code K1 was also given to Ana")
    assert "Chen Wei" in found["Ana Lima"]["notes"] and "checks nobody in" in found["Ana Lima"]["notes"]

    # importing the same file again adds nobody and changes nothing (the code-less people have an id
    # made from their e-mail and name)
    again = import_file(replica, src)
    assert (again.inserted, again.updated, again.unchanged, again.missing_from_file) == (0, 0, 6, 0)
    assert people(replica) == found


def test_a_code_held_here_that_the_file_shares_is_withdrawn(tmp_path: Path, replica: Replica) -> None:
    write(tmp_path / "day1.csv", "code,first name,last name,email\nK1,Ana,Lima,ana@x.org\nK5,Ole,Dahl,\n")
    assert import_file(replica, tmp_path / "day1.csv").inserted == 2
    ana_id = people(replica)["Ana Lima"]["id"]
    # the next export gives K1 to Ana and to Chen: Ana keeps her record (same e-mail) without it;
    # K5 goes to two other people: Ole, who held it here and is neither, loses it too
    write(tmp_path / "day2.csv", "code,first name,last name,email\nK1,Ana,Lima,ana@x.org\nK1,Chen,Wei,\n"
          "K5,Per,Sand,per@x.org\nK5,Liv,Sand,liv@x.org\n")
    report = import_file(replica, tmp_path / "day2.csv")
    found = people(replica)
    assert found["Ana Lima"]["id"] == ana_id and found["Ana Lima"]["code"] is None
    assert found["Ole Dahl"]["code"] is None and "K5 was withdrawn" in found["Ole Dahl"]["notes"]
    assert report.shared_codes[1]["withdrawn_from"] == {"id": found["Ole Dahl"]["id"], "name": "Ole Dahl"}
    assert replica.one("SELECT count(*) FROM attendees WHERE code_norm IN ('K1', 'K5')")[0] == 0
    assert (report.inserted, report.updated) == (3, 2)
    again = import_file(replica, tmp_path / "day2.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 4)
    # the registration system fixes it: each person gets a code of their own, nobody is added twice
    write(tmp_path / "day3.csv", "code,first name,last name,email\nK1,Ana,Lima,ana@x.org\nK9,Chen,Wei,\n"
          "K5,Per,Sand,per@x.org\nK6,Liv,Sand,liv@x.org\n")
    fixed = import_file(replica, tmp_path / "day3.csv")
    assert fixed.clean and fixed.inserted == 0 and fixed.updated == 4
    found = people(replica)
    assert len(found) == 5 and found["Ana Lima"]["id"] == ana_id
    assert {n: p["code"] for n, p in found.items()} == {
        "Ana Lima": "K1", "Chen Wei": "K9", "Per Sand": "K5", "Liv Sand": "K6", "Ole Dahl": None}


def test_people_left_without_a_shared_code_get_new_codes_without_being_added_twice(tmp_path: Path,
                                                                                    replica: Replica) -> None:
    write(tmp_path / "day1.csv", "code,first name,last name,email\nK1,Ana,Lima,ana@x.org\nK5,Ole,Dahl,\n")
    import_file(replica, tmp_path / "day1.csv")
    ids = {n: p["id"] for n, p in people(replica).items()}
    # K1 shared by Ana (kept her record, lost the code) and Chen; K5 given to two others (Ole loses it)
    write(tmp_path / "day2.csv", "code,first name,last name,email\nK1,Ana,Lima,ana@x.org\nK1,Chen,Wei,\n"
          "K5,Per,Sand,per@x.org\nK5,Liv,Sand,liv@x.org\n")
    import_file(replica, tmp_path / "day2.csv")
    # every one of them gets a code they never had: the records they have are found, nobody twice
    write(tmp_path / "day3.csv", "code,first name,last name,email\nK7,Ana,Lima,ana@x.org\nK9,Chen,Wei,\n"
          "K2,Per,Sand,per@x.org\nK6,Liv,Sand,liv@x.org\nK8,Ole,Dahl,\n")
    fixed = import_file(replica, tmp_path / "day3.csv")
    assert fixed.inserted == 0 and fixed.updated == 5
    found = people(replica)
    assert len(found) == 5
    assert found["Ana Lima"]["id"] == ids["Ana Lima"] and found["Ole Dahl"]["id"] == ids["Ole Dahl"]
    assert {n: p["code"] for n, p in found.items()} == {
        "Ana Lima": "K7", "Chen Wei": "K9", "Per Sand": "K2", "Liv Sand": "K6", "Ole Dahl": "K8"}


def test_dry_run_reports_shared_codes_and_writes_nothing(tmp_path: Path, replica: Replica) -> None:
    report = import_file(replica, write(tmp_path / "shared.csv", SHARED), dry_run=True)
    assert [e["code"] for e in report.shared_codes] == ["K1", "K4"] and count(replica) == 0


def test_a_holder_without_e_mail_is_found_again_by_the_note(tmp_path: Path, replica: Replica) -> None:
    write(tmp_path / "day1.csv", "code,first name,last name\nK7,Ole,Dahl\n")
    import_file(replica, tmp_path / "day1.csv")
    ole = people(replica)["Ole Dahl"]["id"]
    write(tmp_path / "day2.csv", "code,first name,last name\nK7,Ole,Dahl\nK7,Kim,Lee\n")
    for _ in range(2):  # the second import finds Ole by the code his note names, not by a code or an id
        import_file(replica, tmp_path / "day2.csv")
        assert people(replica)["Ole Dahl"]["id"] == ole and count(replica) == 2
    assert people(replica)["Ole Dahl"]["code"] is None
    write(tmp_path / "day3.csv", "code,first name,last name\nK7,Ole,Dahl\nK8,Kim,Lee\n")
    assert import_file(replica, tmp_path / "day3.csv").inserted == 0
    assert {n: (p["code"], p["id"] == ole) for n, p in people(replica).items()} == {
        "Ole Dahl": ("K7", True), "Kim Lee": ("K8", False)}


def test_a_large_import_rebuilds_the_bulk_indexes_and_finds_everyone(tmp_path: Path, replica: Replica) -> None:
    """From BULK_ROWS rows on, the e-mail and delegation indexes are dropped for the load and built again
    in the same transaction: they are there afterwards, used, and the rows are found by them."""
    from venue_app.importer import BULK_ROWS
    from venue_app.replica import BULK_INDEXES
    from venue_app.search import search

    n = BULK_ROWS + 10
    lines = ["id,code,first name,last name,email,delegation,country,status,name order"]
    for i in range(n):
        ident = f"0000{i:04x}-0000-4000-8000-{i:012x}" if i % 2 else f"{{0000{i:04X}-0000-4000-8000-{i:012X}}}"
        lines.append(f"{ident},BULK{i:05d},Given{i},Family{i % 97},p{i}@bulk.example,Delegation {i % 7},"
                     f"{['cn', 'France', 'BR'][i % 3]},{['active', 'Cancelled'][i % 2]},")
    report = import_file(replica, write(tmp_path / "bulk.csv", "\n".join(lines) + "\n"))
    assert report.inserted == n and not report.problems and not report.error
    names = {r[0] for r in replica.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(BULK_INDEXES) <= names
    plan = " ".join(str(tuple(r)) for r in replica.query(
        "EXPLAIN QUERY PLAN SELECT id FROM attendees WHERE email = ? AND email != ''", ("p5@bulk.example",)))
    assert "attendees_email" in plan
    assert replica.one("PRAGMA integrity_check")[0] == "ok"
    row = replica.one("SELECT id, country, status, name_order FROM attendees WHERE code = 'BULK00004'")
    # braces and capitals made canonical; country names to ISO codes; statuses and name orders normalised
    assert tuple(row) == ("00000004-0000-4000-8000-000000000004", "FR", "active", "given-first")
    assert tuple(replica.one("SELECT id, country, status, name_order FROM attendees WHERE code = 'BULK00003'")) == (
        "00000003-0000-4000-8000-000000000003", "CN", "cancelled", "family-first")
    assert search(replica.reader(), "family96 given96")[0]["code"] == "BULK00096"
    assert replica.one("SELECT count(*) FROM attendee_fts_pending")[0] == 0
