"""Fixtures of the GUI tests: a real desk window (offscreen) on a real station, real pty pairs,
a PDF printer folder, and scripted answers for the dialogs."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PIN = "2468"


class Pty:
    """A pty pair: the desk opens the slave as a serial scanner, the test writes to the master."""

    def __init__(self) -> None:
        self.master, slave = os.openpty()
        self.path = os.ttyname(slave)
        os.close(slave)
        self.closed = False

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        if not self.closed:
            os.close(self.master)
            self.closed = True


@pytest.fixture
def pty() -> Iterator[Pty]:
    p = Pty()
    yield p
    p.close()


class ScriptedAsker:
    """Answers the desk's questions without modal dialogs."""

    def __init__(self) -> None:
        self.texts: list[str | None] = []
        self.approvals: list[Any] = []
        self.asked: list[str] = []

    def text(self, title: str, label: str, choices: list[str] | None = None, default: str = "") -> str | None:
        self.asked.append(title)
        return self.texts.pop(0) if self.texts else default or None

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(title)
        return True

    def supervisor(self, stored_hash: str, action: str, *, need_reason: bool = True) -> Any:
        self.asked.append(action)
        return self.approvals.pop(0) if self.approvals else None


@pytest.fixture
def desk_station(tmp_path: Path, station_factory: Any) -> Iterator[Any]:
    from ui.supervisor import hash_pin

    st = station_factory(tmp_path / "data")
    st.settings["operator"] = "Tess Tester"
    st.settings["sounds"] = False
    st.settings["supervisor_pin_hash"] = hash_pin(PIN, iterations=1000)
    # verdicts stay lit: a test that reads the panel after a slow step is not about dimming
    # (tests/ui/test_desk_fresh.py sets its own time)
    st.settings["verdict_dim_s"] = 0
    yield st
    with contextlib.suppress(Exception):
        st.close()


@pytest.fixture
def desk(qapp: Any, qtbot: Any, tmp_path: Path, desk_station: Any) -> Iterator[Any]:
    from printing.backends import PdfFolderBackend
    from ui.app import apply_theme, load_fonts
    from ui.desk import create_desk

    load_fonts()
    apply_theme(qapp)
    window = create_desk(desk_station, backend=PdfFolderBackend(tmp_path / "badges"), sounds=False,
                         open_scanner=False)
    window.ctx.asker = ScriptedAsker()  # type: ignore[assignment]
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    from ui.shots import dispose

    window.close()
    dispose(window)


#: two rooms (a blocking VIP lounge, a small hall) for the door and dashboard windows
ROOMS_PROGRAM = {
    "categories": [{"code": "HOD", "label": "Head of delegation", "color": "#b71c1c", "rooms": ["*"]}],
    "rooms": [{"id": "vip", "name": "VIP Lounge", "capacity": 10, "policy": "block"},
              {"id": "hall", "name": "Hall", "capacity": 4, "policy": "warn"}],
}


@pytest.fixture
def rooms_station(desk_station: Any) -> Any:
    desk_station.load_program(ROOMS_PROGRAM)
    return desk_station


@pytest.fixture
def door(qapp: Any, qtbot: Any, rooms_station: Any) -> Iterator[Any]:
    from ui.door import open_door_window

    window = open_door_window(rooms_station, room="vip", sounds=False, sync=False)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: bool(window.view), timeout=5000)
    yield window
    window.close()


@pytest.fixture
def dashboard(qapp: Any, qtbot: Any, rooms_station: Any) -> Iterator[Any]:
    from ui.dashboard import open_dashboard

    window = open_dashboard(rooms_station, sounds=False, sync=False)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: len(window.tiles) == 2, timeout=5000)
    yield window
    window.close()
