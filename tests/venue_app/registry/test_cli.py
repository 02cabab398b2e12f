"""``venue-app registry …`` end to end (SQLite and PostgreSQL); ``serve`` runs as a real process."""

from __future__ import annotations

import csv
import json
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import PEOPLE
from tests.venue_app.registry.conftest import python_cmd, tls_context
from venue_app.keys import SigningKey


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``venue-app ARGS`` in this process (the CLI's imports cost seconds per subprocess)."""
    from venue_desk.cli import main

    def invoke(*args: str, ok: bool = True) -> Result:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        if ok:
            assert code == 0, err
        return Result(code, out, err)

    return invoke


def test_registry_cli_end_to_end(db_url: str, tmp_path: Path, run: Callable[..., Result]) -> None:
    def as_json(*args: str) -> Any:
        return json.loads(run(*args, "--json").stdout)

    data = str(tmp_path / "registry")
    init = as_json("registry", "init", "--data", data, "--event-name", "CLI Congress", "--db", db_url,
                   "--timezone", "Asia/Shanghai", "--url", "http://registry.local:8765")
    assert init["event"]["name"] == "CLI Congress" and init["admin_token"].startswith("adm_")
    assert len(init["event"]["tag"]) == 8 and "password" not in init["db"]
    assert (tmp_path / "registry" / "keys" / "registry.ed25519").stat().st_mode & 0o077 == 0
    assert run("registry", "init", "--data", data, "--event-name", "again", ok=False).returncode == 2

    demo = tmp_path / "program.json"
    run("registry", "program", "--data", data, "--write-demo", str(demo))
    loaded = as_json("registry", "program", "--data", data, str(demo))
    assert loaded["rooms"] == 13 and loaded["sessions"] > 50
    assert as_json("registry", "program", "--data", data, "--demo")["unchanged"] > 0

    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["code", "given_name", "family_name", "native_name", "category",
                                                "country"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(PEOPLE)
        writer.writerow({"code": "NO NAME"})
    imported = run("registry", "import", "--data", data, str(people), "--json", ok=False)
    report = json.loads(imported.stdout)  # exit status 1: imported, with a rejected row to look at
    assert imported.returncode == 1 and report["inserted"] == 5 and report["rejected"] == 1 and report["problems"]

    qr = tmp_path / "enrol.png"
    code = as_json("registry", "enroll", "--data", data, "--name", "Door 1", "--role", "door", "--room", "plenary",
                   "--qr", str(qr))
    assert set(code) >= {"code", "url"} and code["url"].startswith("venue-desk://enroll?registry=http%3A%2F%2F")
    assert qr.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    terminal = run("registry", "enroll", "--data", data, "--name", "Desk 2", "--qr", "-")
    assert "█" in terminal.stdout or "▀" in terminal.stdout

    serve = subprocess.Popen(python_cmd("registry", "serve", "--data", data, "--port", "0", "--json"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert serve.stdout is not None
        url = json.loads(serve.stdout.readline())["url"]
        for _ in range(200):
            try:
                if httpx.get(f"{url}/api/v1/health", verify=tls_context(data)).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        key = SigningKey.generate()
        r = httpx.post(f"{url}/api/v1/enroll", json={"code": code["code"], "public_key": key.public.text},
                       verify=tls_context(data))
        assert r.status_code == 200, r.text
        station_id = r.json()["station_id"]
    finally:
        serve.terminate()
        _, log = serve.communicate(timeout=20)
    assert '"GET /api/v1/health" 200' in log and '"POST /api/v1/enroll" 200' in log

    stations = as_json("registry", "stations", "--data", data)["stations"]
    assert [s["name"] for s in stations] == ["Door 1"] and stations[0]["room_id"] == "plenary"
    revoked = as_json("registry", "revoke", "--data", data, "Door 1", "--reason", "lost")
    assert revoked["id"] == station_id and revoked["revoked_at"]
    assert as_json("registry", "stations", "--data", data)["stations"][0]["revoked_reason"] == "lost"
    assert run("registry", "revoke", "--data", data, "nobody", ok=False).returncode == 2
    summary = as_json("registry", "summary", "--data", data)
    assert summary["attendees"] == 5 and summary["stations_revoked"] == 1


def test_commands_without_a_registry_say_so(tmp_path: Path, run: Callable[..., Result]) -> None:
    proc = run("registry", "stations", "--data", str(tmp_path / "nothing"), ok=False)
    assert proc.returncode == 2 and "registry init" in proc.stderr
