"""Fixtures of the printing tests: a real standalone station in a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from badge_helpers import EVENT

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def station(tmp_path: Path):
    from venue_app.paths import Paths
    from venue_app.station import Station

    st = Station.init_standalone(Paths.at(tmp_path / "station"), event_name=EVENT)
    try:  # the search triggers need their SQL function on the writer (core wiring in progress)
        from venue_app import search

        search.install(st.replica.conn)
    except ImportError:
        pass
    yield st
    st.close()


@pytest.fixture
def cupsd(monkeypatch):
    """A private, real cupsd (tests/printing/cupsd.py) with a raw queue ``Badge`` that delivers to a fake
    port-9100 printer (``cupsd.printer.jobs`` holds the bytes CUPS sent); CUPS_SERVER points at it."""
    from cupsd import Cupsd, RawPrinter, missing

    why = missing()
    if why:
        pytest.skip(why)
    server, printer = Cupsd(), RawPrinter()
    try:
        server.start()
        server.add_printer("Badge", printer.uri)
        server.printer = printer
        monkeypatch.setenv("CUPS_SERVER", server.sock)
        yield server
    finally:
        server.close()
        printer.close()
