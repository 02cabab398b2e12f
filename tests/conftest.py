"""Fixtures shared by every test package: temporary data directories and ready stations."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("venue", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("venue")

#: a small multilingual cast used across the core tests
PEOPLE = [
    {"code": "MWC-ZH-001", "given_name": "Wei", "family_name": "Wang", "native_name": "王伟",
     "name_order": "family-first", "honorific": "H.E.", "category": "MAYOR", "city": "Guangzhou",
     "country": "CN", "delegation": "Guangzhou"},
    {"code": "MWC-ES-002", "given_name": "José", "family_name": "Núñez", "category": "DELEGATE",
     "city": "Barcelona", "country": "ES", "delegation": "Barcelona", "email": "jose@example.org"},
    {"code": "MWC-RU-003", "given_name": "Ivan", "family_name": "Ivanov", "native_name": "Иван Иванов",
     "category": "PRESS", "country": "RU"},
    {"code": "MWC-AR-004", "given_name": "Layla", "family_name": "Haddad", "native_name": "ليلى حداد",
     "category": "SPEAKER", "country": "AE", "status": "cancelled"},
    {"code": "MWC-KR-005", "given_name": "Min-jun", "family_name": "Kim", "native_name": "김민준",
     "name_order": "family-first", "category": "DELEGATE", "country": "KR", "status": "blocked"},
]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def new_station(root: Path) -> Any:
    """A standalone desk station in ``root`` holding :data:`PEOPLE`."""
    from venue_app.paths import Paths
    from venue_app.station import Station

    st = Station.init_standalone(Paths(root), event_name="Metropolis Test Congress",
                                 station_name="Desk A", timezone="Asia/Shanghai")
    st.add_attendees(PEOPLE)
    return st


@pytest.fixture(scope="session")
def station_factory() -> Callable[[Path], Any]:
    return new_station


@pytest.fixture
def station(data_dir: Path) -> Iterator[Any]:
    st = new_station(data_dir)
    try:
        yield st
    finally:
        st.close()
