"""The desk's walk-in form refuses what ``venue-app station register`` refuses, in the same words
of the core (venue_app.ops), each problem under its field, nothing written; and what both accept is
stored the same way (Unicode form, country code, name order of the country)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ui.walkin import PROBLEM_WORDS
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main

#: dialog field → ``station register`` option
_OPTION = {"given_name": "--given", "family_name": "--family", "native_name": "--native",
           "organisation": "--organisation", "country": "--country", "email": "--email", "phone": "--phone"}

#: refused input → {field shown under (GUI) / named (CLI): problem code}
REFUSED = [
    pytest.param({"given_name": " ", "family_name": "", "organisation": "Ville de Lyon"},
                 {"family_name": ("name", "name_missing")}, id="no-name"),
    pytest.param({"given_name": "Ana\x1b[2J", "family_name": "Lima"},
                 {"given_name": ("given_name", "control_characters")}, id="control-character"),
    pytest.param({"given_name": "Ana", "country": "Atlantis"},
                 {"country": ("country", "unknown_country")}, id="unknown-country"),
    pytest.param({"given_name": "Ana", "email": "ana@lima"},
                 {"email": ("email", "bad_email")}, id="bad-email"),
    pytest.param({"given_name": "Ana", "organisation": "x" * 1001},
                 {"organisation": ("organisation", "too_long")}, id="too-long"),
    pytest.param({"native_name": "王伟\u200b\x00", "country": "Narnia", "email": "wei@@x.cn"},
                 {"native_name": ("native_name", "control_characters"), "country": ("country", "unknown_country"),
                  "email": ("email", "bad_email")}, id="three-at-once"),
]


@pytest.fixture
def cli_station(tmp_path: Path, station_factory: Any) -> str:
    """A second station like the desk's (same people, same categories) for the CLI to refuse on."""
    folder = tmp_path / "cli"
    station_factory(folder).close()
    return str(folder)


def _cli_register(capsys: pytest.CaptureFixture[str], folder: str, values: dict[str, str]) -> tuple[int, str]:
    argv = ["station", "register", "--data", folder, "--category", "DELEGATE", "--json"]
    for key, value in values.items():
        argv += [_OPTION[key], value]
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def _log_size(station: Any) -> int:
    return int(station.replica.one("SELECT count(*) FROM log")[0])


@pytest.mark.parametrize(("values", "expected"), REFUSED)
def test_the_desk_refuses_what_the_cli_refuses(desk: Any, qtbot: Any, capsys: pytest.CaptureFixture[str],
                                               cli_station: str, values: dict[str, str],
                                               expected: dict[str, tuple[str, str]]) -> None:
    code, said = _cli_register(capsys, cli_station, values)
    assert code == 2 and said.startswith("venue-app: walk-in not registered"), said
    for core_field, _problem in expected.values():
        assert f"{core_field.replace('_', ' ')}: " in said, said
    with Station.open(Paths.at(cli_station)) as st:
        assert st.replica.one("SELECT count(*) FROM log")[0] == 0

    station = desk.ctx.station
    before = _log_size(station)
    dialog = desk.open_walkin()
    dialog.category.setCurrentIndex(dialog.category.findData("DELEGATE"))
    for key, value in values.items():
        dialog.f[key].setText(value)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    shown = {key: hint.text() for key, hint in dialog.hints.items() if hint.isVisibleTo(dialog)}
    assert shown == {key: PROBLEM_WORDS[problem].format(limit=1000) for key, (_f, problem) in expected.items()}
    for key in expected:
        assert "#c62828" in dialog.f[key].styleSheet()  # the field itself is marked
    assert dialog.isVisible() and dialog.submit.isEnabled()
    assert _log_size(station) == before and desk.ctx.tasks.errors == []
    dialog.close()


def test_both_store_a_walk_in_the_same_way(desk: Any, qtbot: Any, capsys: pytest.CaptureFixture[str],
                                          cli_station: str) -> None:
    # typed with combining accents (a Mac keyboard, a pasted PDF), a country by name, order left to the country
    values = {"given_name": unicodedata.normalize("NFD", "Hélène"), "family_name": "Tanaka",
              "native_name": unicodedata.normalize("NFD", "田中 ヘレン"), "country": "japan",
              "email": "h.tanaka@city.kyoto.jp"}
    code, said = _cli_register(capsys, cli_station, values)
    assert code == 0, said
    by_cli = json.loads(said)["attendee"]

    dialog = desk.open_walkin()
    dialog.category.setCurrentIndex(dialog.category.findData("DELEGATE"))
    dialog.print_badge.setChecked(False)
    for key, value in values.items():
        dialog.f[key].setText(value)
    with qtbot.waitSignal(dialog.registered, timeout=10_000) as registered:
        dialog.register()
    by_gui = desk.ctx.station.attendee(registered.args[0])
    keys = ("given_name", "family_name", "native_name", "country", "name_order", "email", "category", "status")
    assert {k: by_gui[k] for k in keys} == {k: by_cli[k] for k in keys}
    assert (by_gui["given_name"], by_gui["country"], by_gui["name_order"]) == ("Hélène", "JP", "family-first")
    assert desk.ctx.station.replica.one("SELECT 1 FROM checkins WHERE attendee_id = ?", (by_gui["id"],))
