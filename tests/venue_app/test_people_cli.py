"""People commands end to end through ``venue_app.cli.main``: import, search, walk-ins, edits, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from venue_app import demodata
from venue_app.cli import main
from venue_app.paths import Paths
from venue_app.station import Station


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
    assert code == 1 and report["inserted"] == 0 and report["rejected"] == 3
    assert {(p["row"], p["column"]) for p in report["problems"]} == {(2, "code"), (3, "code"), (4, "email")}
    code = main(["station", "import", "--data", station_dir, str(bad)])
    text = capsys.readouterr().out
    assert code == 1 and "row 2, code: duplicate code" in text and "row 4, email" in text
    empty = tmp_path / "cols.csv"
    empty.write_text("Company\nACME\n", encoding="utf-8")
    code, (report,) = run(capsys, "station", "import", "--data", station_dir, str(empty), "--json")
    assert code == 2 and "missing required columns" in report["error"]
    code, (report,) = run(capsys, "station", "import", "--data", station_dir, str(tmp_path / "none.xlsx"),
                          "--json")
    assert code == 2 and report["error"]


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
