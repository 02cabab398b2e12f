"""An enrolled desk against a real registry on 127.0.0.1: online, then the registry stops — the
status bar says offline (amber, with what waits), scans still work, and it all goes out when the
registry is back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devices.events import ScanEvent

VENUE = [sys.executable, "-m", "venue_desk"]


def _cli(*args: str) -> dict[str, Any]:
    out = subprocess.run([*VENUE, *args, "--json"], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout.splitlines()[-1])


class Registry:
    """``venue-app registry serve`` in a subprocess; started when it printed its URL (no polling)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = 0  # first start: any free port; restarts reuse it (stations know the URL)
        self.proc: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"  # `registry serve` speaks HTTPS by default

    def start(self) -> None:
        with open(self.root / "serve.log", "ab") as log:
            self.proc = subprocess.Popen([*VENUE, "registry", "serve", "--data", str(self.root / "reg"), "--port",
                                          str(self.port), "--json"], stdout=subprocess.PIPE, stderr=log, text=True,
                                         env={**os.environ})
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # blocks until the server listens and says where
        if not line:
            raise RuntimeError(f"the registry did not start; see {self.root / 'serve.log'}")
        self.port = int(json.loads(line)["url"].rsplit(":", 1)[1].strip("/"))

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(30)
            if self.proc.stdout is not None:
                self.proc.stdout.close()
            self.proc = None


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    root = tmp_path_factory.mktemp("registry")
    _cli("demo-data", "--attendees", "300", "--seed", "13", "--out", str(root / "a.csv"), "--program",
         str(root / "program.json"))
    _cli("registry", "init", "--data", str(root / "reg"), "--event-name", "13th Metropolis World Congress")
    _cli("registry", "import", "--data", str(root / "reg"), str(root / "a.csv"))
    _cli("registry", "program", "--data", str(root / "reg"), str(root / "program.json"))
    reg = Registry(root)
    reg.start()
    yield reg
    reg.stop()


def test_enrolled_desk_shows_offline_and_keeps_scanning(qapp: Any, qtbot: Any, tmp_path: Path,
                                                       registry: Registry) -> None:
    from printing.backends import PdfFolderBackend
    from ui.desk import create_desk
    from ui.sync import RegistryEnroller
    from venue_app.paths import Paths

    code = str(_cli("registry", "enroll", "--data", str(registry.root / "reg"), "--name", "Desk GUI",
                    "--role", "desk")["code"])
    station = RegistryEnroller().enroll(Paths.at(tmp_path / "station"), registry.url, code, "Desk GUI")
    station.settings["sounds"] = False
    station.settings["auto_print"] = False
    window = create_desk(station, backend=PdfFolderBackend(tmp_path / "badges"), sounds=False, open_scanner=False)
    try:
        window.show()
        assert window.sync_engine is not None
        qtbot.waitUntil(lambda: window.status.state.state == "online", timeout=20_000)
        assert window.status.sync.text().startswith("Online")
        codes = [r[0] for r in station.replica.query(
            "SELECT code FROM attendees WHERE status = 'active' AND code != '' LIMIT 2")]
        registry.stop()
        qtbot.waitUntil(lambda: window.status.state.state == "offline", timeout=30_000)
        with qtbot.waitSignal(window.verdict_shown, timeout=5000) as shown:
            window.handle_scan(ScanEvent("test", codes[0].encode(), codes[0], 0.0))
        assert shown.args == ["ok"]
        window.refresh_sync()
        qtbot.waitUntil(lambda: window.status.state.outbox >= 1, timeout=5000)
        text = window.status.sync.text()
        assert text.startswith("OFFLINE since") and "saved here" in text, text
        assert window.status.sync.color == "amber"
        registry.start()
        qtbot.waitUntil(lambda: window.status.state.state == "online", timeout=60_000)
        window.refresh_sync()
        qtbot.waitUntil(lambda: window.status.state.outbox == 0, timeout=30_000)
    finally:
        from ui.shots import dispose

        window.close()
        dispose(window)
        station.close()
