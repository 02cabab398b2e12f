"""``venue-app scanners`` and ``venue-app station listen``, end to end.

The listen test is the issue's acceptance path: bytes written into a pty become verdicts on stdout
and check-ins in the station replica, through the real ``venue-app`` executable.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main


def venue_app_cmd() -> list[str]:
    script = Path(sys.executable).with_name("venue-app")
    return [str(script)] if script.exists() else [sys.executable, "-m", "venue_desk"]


@pytest.fixture
def station_dir(tmp_path: Path) -> Path:
    data = tmp_path / "station"
    st = Station.init_standalone(Paths.at(data), event_name="Metropolis World Congress",
                                 station_name="Door 1")
    try:
        st.add_attendees([
            {"code": "MWC-0001-LIWEI", "given_name": "Wei", "family_name": "Li", "category": "delegate"},
            {"code": "MWC-0002-AMINA", "given_name": "Amina", "family_name": "Haddad", "category": "press"},
        ])
    finally:
        st.close()
    return data


def test_scanners_json_lists_ports() -> None:
    proc = subprocess.run([*venue_app_cmd(), "scanners", "--json"], capture_output=True, text=True,
                          timeout=60, check=True)
    report = json.loads(proc.stdout)
    assert isinstance(report["ports"], list) and "auto" in report
    for port in report["ports"]:
        assert {"device", "vid", "pid", "vendor", "product", "looks_like_scanner"} <= set(port)


def test_scanners_lists_keyboard_mode_scanners_found_as_input_devices(monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # a scanner's /dev/input node cannot exist in this sandbox (no /dev/input, no uinput): the
    # device lookup answers as it would with a Honeywell plugged in
    from devices import evdev

    found = evdev.FoundDevice("/dev/input/event7", "Honeywell Imaging Voyager 1470g", 0x0C2E, 0x0B6A, "Honeywell")
    monkeypatch.setattr(evdev, "find_scanners", lambda: [found])
    assert main(["scanners", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["input_devices"] == [{"spec": "evdev:///dev/input/event7", "name": found.name,
                                        "maker": "Honeywell", "vid": 0x0C2E, "pid": 0x0B6A}]
    assert main(["scanners"]) == 0
    assert "evdev:///dev/input/event7" in capsys.readouterr().out


def test_scanners_listen_prints_codes(capsys) -> None:
    assert main(["scanners", "--listen", "sim://?rate=100&code=RAW-1,RAW-2&loop=0", "--json",
                 "--max-scans", "2", "--timeout", "10"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["text"] for line in lines] == ["RAW-1", "RAW-2"]


def test_station_listen_with_the_simulator(station_dir: Path, capsys) -> None:
    rc = main(["station", "listen", "--data", str(station_dir), "--scanner",
               "sim://?rate=100&code=MWC-0001-LIWEI,NOT-A-BADGE&loop=0", "--json", "--max-scans", "2",
               "--timeout", "10"])
    assert rc == 0
    captured = capsys.readouterr()
    verdicts = [json.loads(line) for line in captured.out.splitlines()]
    assert [v["status"] for v in verdicts] == ["ok", "unknown"]
    assert verdicts[0]["scan"]["text"] == "MWC-0001-LIWEI" and verdicts[0]["scan"]["source"] == "sim"
    assert "connected" in captured.err


def test_station_listen_bad_spec_is_a_usage_error(station_dir: Path, capsys) -> None:
    assert main(["station", "listen", "--data", str(station_dir), "--scanner", "gopher://x"]) == 2
    assert "scheme" in capsys.readouterr().err


def _lines(stream, sink: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        sink.put(line)
    sink.put(None)


def test_station_listen_on_a_pty_end_to_end(station_dir: Path, ptys) -> None:
    pty = ptys(link="door-scanner")
    proc = subprocess.Popen(
        [*venue_app_cmd(), "station", "listen", "--data", str(station_dir), "--scanner", pty.path,
         "--json", "--max-scans", "3", "--timeout", "30", "--source", "door-1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    err: queue.Queue = queue.Queue()
    out: queue.Queue = queue.Queue()
    threads = [threading.Thread(target=_lines, args=(proc.stderr, err), daemon=True),
               threading.Thread(target=_lines, args=(proc.stdout, out), daemon=True)]
    for t in threads:
        t.start()
    try:
        while True:  # write only once the port is open (and in raw mode)
            line = err.get(timeout=30)
            assert line is not None, "venue-app exited before the scanner connected"
            if ": connected" in line:
                break
        pty.write(b"MWC-0001-LIWEI\r\n")
        pty.write(b"\x00\xff\xfe\x13\x01\r")  # line noise: rejected, not a verdict
        pty.write(b"MWC-0002-")
        pty.write(b"AMINA\r")  # split across writes
        pty.write(b"UNKNOWN-CODE-9\r")
        verdicts = [json.loads(out.get(timeout=30)) for _ in range(3)]
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for t in threads:
            t.join(5)
        proc.stdout.close()
        proc.stderr.close()
    assert [v["status"] for v in verdicts] == ["ok", "ok", "unknown"]
    assert [v["scan"]["text"] for v in verdicts] == ["MWC-0001-LIWEI", "MWC-0002-AMINA", "UNKNOWN-CODE-9"]
    assert all(v["scan"]["source"] == "door-1" for v in verdicts)
    stderr_rest = []
    while (line := err.get(timeout=5)) is not None:
        stderr_rest.append(line)
    assert any("rejected" in line and "binary" in line for line in stderr_rest)
    with Station.open(Paths.at(station_dir)) as st:
        assert st.status()["checked_in"] == 2
        # a scan now is a repeat: the check-ins are durable in the replica
        assert st.scan("MWC-0001-LIWEI", source="test").status == "already_checked_in"
