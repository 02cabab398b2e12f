"""The station CLI of the foundation, end to end through ``venue_app.cli.main``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from venue_app.cli import main
from venue_app.paths import Paths
from venue_app.station import Station


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
    exe = [sys.executable, "-m", "venue_app"]
    subprocess.run([*exe, "station", "init", "--data", data, "--standalone", "--event-name", "S"], check=True,
                   capture_output=True)
    out = subprocess.run([*exe, "station", "scan", "--data", data, "--json"], input="one\r\ntwo\n",
                         capture_output=True, text=True, check=True).stdout
    assert [json.loads(x)["status"] for x in out.splitlines()] == ["unknown", "unknown"]
