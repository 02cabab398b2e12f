"""``venue-app --self-test`` unfrozen, in a child process as congress IT and CI run it: every check
passes on a working installation, and a broken one (a missing Qt platform plugin, a corrupt replica,
a hang) fails with the reason in plain words and exit code 3."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from printing.fonts import SCRIPT_SAMPLES
from venue_desk.cli import main
from venue_desk.selftest import CHECKS, EXIT_FAILED


def self_test(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "venue_desk", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
                          stdin=subprocess.DEVNULL)


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_self_test_passes_and_reports_every_check(tmp_path: Path) -> None:
    data = tmp_path / "st"
    run = self_test("--self-test", "--data", str(data), "--json")
    assert run.returncode == 0, run.stdout + run.stderr
    *checks, summary = json_lines(run.stdout)
    assert [c["check"] for c in checks] == list(CHECKS)
    assert all(c["ok"] for c in checks), checks
    assert summary["self_test"] == "passed" and summary["failed"] == [] and summary["frozen"] is False
    assert summary["checks"] == len(CHECKS) and summary["version"] != "0.0.0"
    by_name = {c["check"]: c["detail"] for c in checks}
    assert "Noto Sans Arabic" in by_name["fonts"] and "WenQuanYi Micro Hei" in by_name["fonts"]
    # it lists the scripts it can print (issue 16): every one of printing.fonts.SCRIPT_SAMPLES
    assert f"badges and windows show {len(SCRIPT_SAMPLES)} scripts: " in by_name["fonts"]
    listed = by_name["fonts"].split(" scripts: ", 1)[1].split(", ")
    assert listed == list(SCRIPT_SAMPLES) and {"Bengali", "Gujarati", "Tibetan", "Ethiopic"} <= set(listed)
    assert "green verdict painted" in by_name["desk-scan"]
    assert "offscreen" in by_name["qt-platform"]
    # --data DIR keeps what the test built: the station, its badge PDFs and the one check-in
    assert (data / "badges" / "self-test.pdf").read_bytes().startswith(b"%PDF")
    assert list((data / "badges" / "desk").glob("*.pdf"))
    with contextlib.closing(sqlite3.connect(data / "station.sqlite3")) as conn:
        assert conn.execute("SELECT COUNT(*) FROM log WHERE type = 'checkin'").fetchone()[0] == 1

    # run again on the same folder, which now holds a station: it is only read, never scanned into
    again = self_test("self-test", "--data", str(data))
    assert again.returncode == 0, again.stdout + again.stderr
    lines = again.stdout.splitlines()
    assert [line.split()[1] for line in lines if line.startswith(("PASS", "FAIL"))] == list(CHECKS)
    assert all(line.startswith("PASS") for line in lines[:-1]) and lines[-1].startswith("self-test passed")
    replica = next(line for line in lines if line.split()[1] == "replica")
    assert f"{data / 'station.sqlite3'} ok (read-only)" in replica
    with contextlib.closing(sqlite3.connect(data / "station.sqlite3")) as conn:
        assert conn.execute("SELECT COUNT(*) FROM log WHERE type = 'checkin'").fetchone()[0] == 1


def test_missing_qt_platform_plugin_fails_clearly_instead_of_aborting(tmp_path: Path) -> None:
    run = self_test("--self-test", env={"QT_QPA_PLATFORM": "nosuchplatform"})
    assert run.returncode == EXIT_FAILED, run.stdout + run.stderr
    lines = {line.split()[1]: line for line in run.stdout.splitlines() if line.startswith(("PASS", "FAIL"))}
    assert lines["qt-platform"].startswith("FAIL")
    assert "no Qt platform plugin 'nosuchplatform'" in lines["qt-platform"] and "offscreen" in lines["qt-platform"]
    for dependent in ("qt-plugins", "fonts", "badge", "desk-scan", "sounds"):
        assert lines[dependent].startswith("FAIL") and "not run: qt-platform failed" in lines[dependent]
    # what does not need Qt still ran and passed
    for independent in ("runtime", "resources", "station", "processes", "replica"):
        assert lines[independent].startswith("PASS"), lines[independent]
    assert run.stdout.splitlines()[-1].startswith("self-test FAILED (qt-platform, qt-plugins")


def test_corrupt_station_replica_fails_the_self_test(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    assert main(["station", "init", "--data", str(data), "--standalone", "--event-name", "Corrupt"]) == 0
    replica = data / "station.sqlite3"
    with contextlib.closing(sqlite3.connect(replica)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # everything in the main file, no WAL beside it
    raw = bytearray(replica.read_bytes())
    page = 4096
    assert len(raw) > 4 * page
    raw[2 * page:4 * page] = b"\xa5" * (2 * page)  # two pages of b-tree turned into noise
    replica.write_bytes(bytes(raw))
    run = self_test("--self-test", "--data", str(data), "--json")
    assert run.returncode == EXIT_FAILED, run.stdout + run.stderr
    *checks, summary = json_lines(run.stdout)
    assert summary["self_test"] == "failed" and summary["failed"] == ["replica"]
    replica_check = next(c for c in checks if c["check"] == "replica")
    assert not replica_check["ok"]
    assert str(replica) in replica_check["detail"] and "integrity_check says" in replica_check["detail"]
    assert "restore it from the registry" in replica_check["detail"]


def test_fonts_check_names_a_script_the_badges_cannot_print(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import printing.fonts
    from venue_desk.selftest import CheckFailed, SelfTest, check_fonts

    monkeypatch.setitem(printing.fonts.SCRIPT_SAMPLES, "Linear B", "\U00010000\U00010001 \U00010002")
    with pytest.raises(CheckFailed, match=r"badges cannot print Linear B$"):
        check_fonts(SelfTest())


def test_a_hung_check_ends_the_run_with_a_reason() -> None:
    run = self_test("--self-test", "--timeout", "0.3")
    assert run.returncode == EXIT_FAILED, run.stdout + run.stderr
    assert "timed out after 0.3 s" in run.stdout
    assert run.stdout.splitlines()[-1].startswith("self-test FAILED (")


@pytest.mark.parametrize("argv", [["--self-test", "--help"], ["--log-level", "INFO", "--self-test", "--help"],
                                  ["--log-level=INFO", "--self-test", "--help"], ["self-test", "--help"]])
def test_flag_and_command_spellings_reach_the_self_test(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: venue-app self-test") and "--on-screen" in out and "--json" in out


def test_disk_check_warns_on_an_unencrypted_data_folder_where_the_os_can_tell(tmp_path: Path) -> None:
    """The ``disk`` line on this machine's real /proc and /sys (parsing is tested with recorded tables in
    tests/venue_app/test_volumes.py): it names the data folder, warns in words when its disk is not
    encrypted, and never fails the self-test for it."""
    from venue_app.volumes import check_folder
    from venue_desk.selftest import SelfTest, check_disk

    test = SelfTest(out=lambda line: None)
    test.ctx["data"] = str(tmp_path / "station")
    assert test.run("disk", check_disk)
    detail = test.results[-1].detail
    found = check_folder(tmp_path / "station")
    assert str(tmp_path / "station") in detail and found.detail in detail
    assert detail.startswith("WARNING: ") == (found.encrypted is False)
