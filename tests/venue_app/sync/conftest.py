"""Sync fixtures: a real registry (``venue-app registry serve``) on 127.0.0.1 with the demo congress."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest_sync import Registry, cli, free_port


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    root = tmp_path_factory.mktemp("registry")
    attendees = root / "attendees.csv"
    program = root / "program.json"
    cli("demo-data", "--attendees", "600", "--seed", "13", "--out", str(attendees), "--program", str(program))
    reg = str(root / "reg")
    made = cli("registry", "init", "--data", reg, "--event-name", "13th Metropolis World Congress")
    cli("registry", "import", "--data", reg, str(attendees))
    cli("registry", "program", "--data", reg, str(program))
    server = Registry(root, free_port(), attendees, admin_token=made["admin_token"])
    server.start()
    yield server
    server.stop()


@pytest.fixture
def codes(registry: Registry) -> list[str]:
    import csv

    with registry.attendees.open(encoding="utf-8-sig") as fh:
        return [row["code"] for row in csv.DictReader(fh) if row["status"] == "active"]
