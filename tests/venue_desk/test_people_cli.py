"""People commands end to end through ``venue_desk.cli.main``: import, search, walk-ins, edits, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk import demodata
from venue_desk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def station_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    data = str(tmp_path / "station")
    code, _ = run(capsys, "station", "init", "--data", data, "--standalone", "--event-name", "Metropolis",
                  "--json")
    assert code == 0
    return data


def test_import_search_export(tmp_path: Path, station_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = demodata.generate(400, seed=9)
    src = tmp_path / "demo.csv"
    demodata.write_csv(src, rows)
    code, (report,) = run(capsys, "station", "import", "--data", station_dir, str(src), "--json")
    assert code == 0 and report["ok"] and report["inserted"] == 400 and report["problems"] == []
    with Station.open(Paths.at(station_dir)) as st:
        assert st.attendee(rows[0]["code"])["id"] == rows[0]["id"]
        # imported master records carry the station's clock (last writer wins against edits)
        assert st.replica.one("SELECT master_hlc FROM attendees LIMIT 1")[0] != ""
    code, (again,) = run(capsys, "station", "import", "--data", station_dir, str(src), "--json")
    assert code == 0 and (again["inserted"], again["unchanged"]) == (0, 400)

    target = next(r for r in rows if r["country"] == "CN" and r["native_name"])
    code, (results,) = run(capsys, "station", "search", "--data", station_dir, "--limit", "5", "--json",
                           target["code"].lower())
    assert code == 0 and results[0]["id"] == target["id"] and results[0]["match"] == "code"
    assert set(results[0]) >= {"id", "given_name", "family_name", "native_name", "organisation", "category",
                               "code", "match", "matched"}
    code, (results,) = run(capsys, "station", "search", "--data", station_dir, "--json", "--limit", "50",
                           target["native_name"][:2])
    assert target["id"] in [r["id"] for r in results] and len(results) <= 50
    code, (results,) = run(capsys, "station", "search", "--data", station_dir, "--json", 'NEAR("x" *', "%")
    assert code == 0 and isinstance(results, list)

    out = tmp_path / "export.csv"
    assert main(["station", "export", "--data", station_dir, "--out", str(out)]) == 0
    assert out.read_bytes() == src.read_bytes()


def test_import_reports_problems_and_errors(tmp_path: Path, station_dir: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("code,first name,last name,email\nA1,Ana,Lima,ana@x.org\nA1,Bo,Ek,bo@x.org\n"
                   "B2,=cmd(),X,nope\n", encoding="utf-8")
    code, (report,) = run(capsys, "station", "import", "--data", station_dir, str(bad), "--json")
    # exit status 1: imported, with something to look at (a rejected row, a shared code)
    assert code == 1 and report["inserted"] == 2 and report["rejected"] == 1
    assert {(p["row"], p["column"]) for p in report["problems"]} == {(4, "email")}
    code = main(["station", "import", "--data", station_dir, str(bad)])
    text = capsys.readouterr().out
    assert code == 1 and "code A1 is shared by row 2 (Ana Lima) and row 3 (Bo Ek)" in text and "row 4, email" in text
    empty = tmp_path / "cols.csv"
    empty.write_text("Company\nACME\n", encoding="utf-8")
    code, (report,) = run(capsys, "station", "import", "--data", station_dir, str(empty), "--json")
    assert code == 2 and "missing required columns" in report["error"]
    code, (report,) = run(capsys, "station", "import", "--data", station_dir, str(tmp_path / "none.xlsx"),
                          "--json")
    assert code == 2 and report["error"]


def test_shared_code_through_the_cli_keeps_people_and_checks_nobody_in(
        tmp_path: Path, station_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    # a third-party export (semicolons, Excel's BOM) where two people got the same secret
    src = tmp_path / "export.csv"
    src.write_text("\ufeffTicket secret;First name;Last name;E-mail;Company\n"
                   "QX7Y2;Ana;Lima;ana@x.org;City of São Paulo\n"
                   "TT91K;Bo;Ek;bo@x.org;Malmö\n"
                   "qx7y2;俊賢;王;;Taipei City\n", encoding="utf-8")
    code = main(["station", "import", "--data", station_dir, str(src)])
    text = capsys.readouterr().out
    assert code == 1, text
    assert "3 rows: 3 new, 0 updated, 0 unchanged, 0 rejected" in text
    assert "code QX7Y2 is shared by row 2 (Ana Lima) and row 4 (俊賢 王)" in text and "checks nobody in" in text
    # the shared code checks nobody in: a refusal, no event; the code of its own still works
    code, verdicts = run(capsys, "station", "scan", "--data", station_dir, "--json", "QX7Y2", "qx7y2", "TT91K")
    assert code == 0 and [v["status"] for v in verdicts] == ["unknown", "unknown", "ok"]
    assert verdicts[0]["event_id"] is None and verdicts[0]["attendee"] is None
    assert "Search the person by name" in verdicts[0]["message"]
    with Station.open(Paths.at(station_dir)) as st:
        assert st.replica.one("SELECT count(*) FROM checkins")[0] == 1
    # both people can be found at the desk by name
    code, (results,) = run(capsys, "station", "search", "--data", station_dir, "--json", "ana lima")
    assert results[0]["given_name"] == "Ana" and results[0]["code"] is None
    code, (results,) = run(capsys, "station", "search", "--data", station_dir, "--json", "俊賢")
    assert results and results[0]["given_name"] == "俊賢"
    # the same file again: nobody added twice; the report still names the rows
    code, (again,) = run(capsys, "station", "import", "--data", station_dir, str(src), "--json")
    assert code == 1 and (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert [(r["row"], r["name"]) for r in again["shared_codes"][0]["rows"]] == [(2, "Ana Lima"), (4, "俊賢 王")]
    # a clean file exits 0
    clean = tmp_path / "clean.csv"
    clean.write_text("code,first name,last name\nZZ1,Ida,Berg\n", encoding="utf-8")
    code, (report,) = run(capsys, "station", "import", "--data", station_dir, str(clean), "--json")
    assert code == 0 and report["shared_codes"] == [] and report["problems"] == []


def test_walk_in_and_edits(station_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, (created,) = run(capsys, "station", "register", "--data", station_dir, "--given", "Xiuying",
                           "--family", "Wang", "--native", "王秀英", "--country", "China",
                           "--category", "DEL",
                           "--organisation", "Guangzhou University", "--email", "xy.wang@gzhu.edu.cn",
                           "--operator", "desk-anna", "--json")
    assert code == 0
    attendee = created["attendee"]
    assert attendee["native_name"] == "王秀英" and attendee["country"] == "CN"
    assert attendee["name_order"] == "family-first" and attendee["status"] == "active"
    with Station.open(Paths.at(station_dir)) as st:
        event = st.replica.one("SELECT type, operator, payload FROM log WHERE id = ?", (created["event_id"],))
        assert (event["type"], event["operator"]) == ("attendee_created", "desk-anna")
        assert json.loads(event["payload"])["attendee"]["id"] == attendee["id"]

    # searchable at once, by any form
    for query in ("秀英", "wang xiuying", "xiuying", "guangzhou univ", "xy.wang@gzhu.edu.cn"):
        code, (results,) = run(capsys, "station", "search", "--data", station_dir, "--json", query)
        assert [r["id"] for r in results][:1] == [attendee["id"]], query

    code, (edited,) = run(capsys, "station", "edit", "--data", station_dir, attendee["id"], "--set",
                          "family_name=Zeng", "--set", "native_name=曾秀英", "--json")
    assert code == 0 and edited["attendee"]["family_name"] == "Zeng"
    code, (results,) = run(capsys, "station", "search", "--data", station_dir, "--json", "曾")
    assert [r["id"] for r in results] == [attendee["id"]]
    code, (results,) = run(capsys, "station", "search", "--data", station_dir, "--json", "王秀英")
    assert results == []

    code, (cancelled,) = run(capsys, "station", "edit", "--data", station_dir, attendee["id"], "--status",
                             "cancelled", "--reason", "left early", "--json")
    assert code == 0 and cancelled["attendee"]["status"] == "cancelled"
    assert "left early" in cancelled["attendee"]["notes"]
    with Station.open(Paths.at(station_dir)) as st:
        payload = json.loads(st.replica.one("SELECT payload FROM log WHERE id = ?",
                                            (cancelled["event_id"],))["payload"])
        assert payload["fields"]["status"] == "cancelled" and payload["reason"] == "left early"
        assert st.scan("whatever-code").status == "unknown"

    assert main(["station", "edit", "--data", station_dir, attendee["id"], "--status", "blocked"]) == 2
    assert main(["station", "edit", "--data", station_dir, attendee["id"], "--set", "shoe_size=42"]) == 2
    assert main(["station", "edit", "--data", station_dir, "NOPE", "--set", "notes=x"]) == 2
    assert main(["station", "register", "--data", station_dir, "--country", "Atlantis", "--given", "A"]) == 2
    assert main(["station", "register", "--data", station_dir, "--category", "DEL"]) == 2
    capsys.readouterr()


def test_edit_then_reimport_follows_last_writer(tmp_path: Path, station_dir: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.csv"
    src.write_text("code,first name,last name,email\nR1,Jose,Nunez,j@x.org\n", encoding="utf-8")
    assert main(["station", "import", "--data", station_dir, str(src), "--json"]) == 0
    assert main(["station", "edit", "--data", station_dir, "R1", "--set", "given_name=José", "--json"]) == 0
    capsys.readouterr()
    # re-importing the old file: the file is newer than the edit, its value wins and it is reported
    code, (report,) = run(capsys, "station", "import", "--data", station_dir, str(src), "--json")
    assert code == 0 and report["updated"] == 1 and report["station_edits_superseded"] == 1
    with Station.open(Paths.at(station_dir)) as st:
        assert st.attendee("R1")["given_name"] == "Jose"
        buf = io.StringIO()
        from venue_app.importer import export_csv

        export_csv(st.replica.reader(), buf)
    assert list(csv.reader(io.StringIO(buf.getvalue())))[1][2] == "Jose"
