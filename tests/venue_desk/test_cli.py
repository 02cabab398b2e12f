"""The station CLI of the foundation, end to end through ``venue_desk.cli.main``."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict]]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


def test_init_scan_status_issue_rebuild(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    code, (status,) = run(capsys, "station", "init", "--data", data, "--standalone", "--event-name", "CLI Congress",
                          "--json")
    assert code == 0 and status["event"]["name"] == "CLI Congress" and status["attendees"] == 0
    with Station.open(Paths.at(data)) as st:
        st.add_attendees([{"code": "ABC123", "given_name": "Ana", "family_name": "Lima", "category": "DELEGATE"}])

    code, (badge,) = run(capsys, "badge", "issue", "--data", data, "--attendee", "ABC123", "--json")
    assert code == 0 and badge["token"].startswith("VD1") and len(badge["serial"]) == 13

    code, verdicts = run(capsys, "station", "scan", "--data", data, "--json", badge["token"], "abc123", "zzz",
                         "\x00garbage")
    assert code == 0
    assert [v["status"] for v in verdicts] == ["ok", "already_checked_in", "unknown", "unknown"]
    assert set(verdicts[0]) >= {"status", "color", "message", "attendee", "event_id"}
    assert verdicts[0]["attendee"]["given_name"] == "Ana" and verdicts[2]["attendee"] is None

    code, (status,) = run(capsys, "station", "status", "--data", data, "--json")
    assert {k: status[k] for k in ("attendees", "checked_in", "outbox")} == {
        "attendees": 1, "checked_in": 1, "outbox": 2}
    assert status["station_id"]

    code, (report,) = run(capsys, "station", "rebuild", "--data", data, "--json", "--check")
    assert code == 0 and report["clean"] and report["events"] == 2


def test_errors_are_plain_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["station", "status", "--data", str(tmp_path / "none"), "--json"]) == 2
    assert "station init" in capsys.readouterr().err
    assert main(["station", "init", "--data", str(tmp_path / "x"), "--event-name", "E"]) == 2
    assert "--standalone" in capsys.readouterr().err


def test_console_script_reads_stdin(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    exe = [sys.executable, "-m", "venue_desk"]
    subprocess.run([*exe, "station", "init", "--data", data, "--standalone", "--event-name", "S"], check=True,
                   capture_output=True)
    out = subprocess.run([*exe, "station", "scan", "--data", data, "--json"], input="one\r\ntwo\n",
                         capture_output=True, text=True, check=True).stdout
    assert [json.loads(x)["status"] for x in out.splitlines()] == ["unknown", "unknown"]


def test_registry_import_keeps_people_of_a_shared_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from venue_app.registry.admin import open_registry

    data = str(tmp_path / "reg")
    assert main(["registry", "init", "--data", data, "--event-name", "CLI Congress", "--json"]) == 0
    src = tmp_path / "export.csv"
    src.write_text("code,given name,family name,email\nR1,Ana,Lima,ana@x.org\nR2,Bo,Ek,bo@x.org\n"
                   "r1,Chen,Wei,\n", encoding="utf-8")
    capsys.readouterr()
    code, (report,) = run(capsys, "registry", "import", "--data", data, str(src), "--json")
    assert code == 1 and report["inserted"] == 3 and report["rejected"] == 0
    assert [(r["row"], r["name"]) for r in report["shared_codes"][0]["rows"]] == [(2, "Ana Lima"), (4, "Chen Wei")]
    code = main(["registry", "import", "--data", data, str(src)])
    text = capsys.readouterr().out
    assert code == 1 and "0 new, 0 updated, 3 unchanged" in text
    assert "code R1 is shared by row 2 (Ana Lima) and row 4 (Chen Wei)" in text
    _, store = open_registry(data)
    try:
        assert store.attendee("R1") is None and store.attendee("R2")["given_name"] == "Bo"
        # what stations receive: both people, neither with the shared code
        items, _ = store.feed_page(0, 1000)
        sent = [json.loads(d) for _, kind, d in items if kind == "attendee"]
        assert sorted(a["given_name"] for a in sent) == ["Ana", "Bo", "Chen"]
        assert {a["given_name"]: a["code"] for a in sent} == {"Ana": None, "Bo": "R2", "Chen": None}
    finally:
        store.close()
    # nothing imported (a file error) is 2
    code, (report,) = run(capsys, "registry", "import", "--data", data, str(tmp_path / "missing.csv"), "--json")
    assert code == 2 and "cannot read" in report["error"]


def test_a_withdrawn_shared_code_reaches_the_stations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg, desk = str(tmp_path / "reg"), str(tmp_path / "desk")
    assert main(["registry", "init", "--data", reg, "--event-name", "CLI Congress"]) == 0
    day1, day2 = tmp_path / "day1.csv", tmp_path / "day2.csv"
    day1.write_text("code,given name,family name,email\nS1,Ana,Lima,ana@x.org\n", encoding="utf-8")
    day2.write_text("code,given name,family name,email\nS1,Ana,Lima,ana@x.org\nS1,Chen,Wei,\n", encoding="utf-8")
    assert main(["registry", "import", "--data", reg, str(day1)]) == 0
    capsys.readouterr()
    assert main(["registry", "enroll", "--data", reg, "--name", "Desk 1", "--json"]) == 0
    code = json.loads(capsys.readouterr().out)["code"]
    serve = subprocess.Popen([sys.executable, "-m", "venue_desk", "registry", "serve", "--data", reg, "--port", "0",
                              "--json", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert serve.stdout is not None
        url = json.loads(serve.stdout.readline())["url"]  # printed once it listens
        assert main(["station", "init", "--data", desk, "--registry", url, "--code", code]) == 0
        with Station.open(Paths.at(desk)) as st:
            assert st.attendee("S1")["given_name"] == "Ana"
        # the next export gives S1 to a second person: the registry withdraws it, the desk learns it
        assert main(["registry", "import", "--data", reg, str(day2)]) == 1

        def withdrawn() -> bool:
            # as the desk window does: a long-poll of the feed (the server looks for writes of other
            # processes, like this CLI import, while a station waits; `sync --once` does not wait)
            from venue_app.sync import SyncEngine

            with Station.open(Paths.at(desk)) as st:
                engine = SyncEngine(st)
                try:
                    engine.pull_once(wait=5)
                finally:
                    engine.client.close()
                return st.attendee("S1") is None

        deadline = time.monotonic() + 30
        while not withdrawn():
            assert time.monotonic() < deadline, "the withdrawn code never reached the desk"
        with Station.open(Paths.at(desk)) as st:
            names = {r["given_name"]: r["code"] for r in st.replica.conn.execute("SELECT * FROM attendees")}
            assert sorted(names) == ["Ana", "Chen"] and not any(names.values())
        capsys.readouterr()
        _, verdicts = run(capsys, "station", "scan", "--data", desk, "--json", "S1")
        assert [v["status"] for v in verdicts] == ["unknown"] and verdicts[0]["event_id"] is None
    finally:
        serve.terminate()
        serve.wait(30)
        serve.stdout.close()  # type: ignore[union-attr]
