"""registry.json's ``urls``: the addresses of a registry on several hosts, handed to stations at enrolment."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from venue_app.registry.config import RegistryConfig
from venue_app.registry.errors import RegistryError

from .conftest import database, make_registry


@pytest.fixture
def root(tmp_path: Path) -> Path:
    with database("sqlite", tmp_path / "db") as url:
        return make_registry(tmp_path / "reg", url, program=False).root


def _set(root: Path, **values: object) -> None:
    data = json.loads((root / "registry.json").read_text())
    data.update(values)
    (root / "registry.json").write_text(json.dumps(data))


def test_addresses_default_to_the_public_url(root: Path) -> None:
    config = RegistryConfig.load(root)
    assert config.urls == []
    assert config.addresses() == [config.public_url]


def test_urls_are_read_kept_and_saved(root: Path) -> None:
    _set(root, urls=["https://10.20.0.5:8765/", "https://10.20.0.6:8765", "https://10.20.0.6:8765"])
    config = RegistryConfig.load(root)
    assert config.addresses() == ["https://10.20.0.5:8765", "https://10.20.0.6:8765"]
    config.save()
    assert json.loads((root / "registry.json").read_text())["urls"] == config.urls


@pytest.mark.parametrize("bad", ["https://one", ["10.20.0.5:8765"], [1]])
def test_bad_urls_are_refused_in_words(root: Path, bad: object) -> None:
    _set(root, urls=bad)
    with pytest.raises(RegistryError, match="urls is a list of http"):
        RegistryConfig.load(root)


def test_serve_refuses_a_public_url_that_is_not_one(root: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "venue_desk", "registry", "serve", "--data", str(root), "--port", "0",
                           "--public-url", "10.20.0.5:8765"], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "--public-url takes http(s):// addresses" in done.stderr
