"""The registry client's failover between several registry addresses (venue_app.sync.client).

Against a real registry (``registry serve`` over HTTPS on 127.0.0.1) and a real dead address (a port
nobody listens on): a request the first address refuses goes to the next at once and succeeds; the
client stays there, comes back to the first address after ``RETURN_S``, and moves on again while that one
is still dead. A pin mismatch is never "tried elsewhere": it is refused as it is. One address: the old
behaviour, the plain error. The two-host end-to-end test (PostgreSQL) is tests/venue_app/registry/test_hosts.py.
"""

from __future__ import annotations

import pytest
from conftest_sync import free_port

from venue_app.registry.tls import spki_pin
from venue_app.sync import client as sync_client
from venue_app.sync.client import CertificateChanged, RegistryClient, SyncError


def _pin(registry) -> str:
    return spki_pin(registry.tls[0].read_bytes())


def test_a_refused_request_goes_to_the_next_address(registry, monkeypatch: pytest.MonkeyPatch) -> None:
    dead = f"https://127.0.0.1:{free_port()}"
    with RegistryClient(dead, pins=[_pin(registry)], fallbacks=[registry.url, dead]) as client:
        assert client.urls == [dead, registry.url]  # (duplicates dropped, the first address first)
        assert client.health().time_ms > 0
        assert client.active_url == registry.url
        assert client.health().time_ms > 0  # stays there
        assert client.active_url == registry.url
        monkeypatch.setattr(sync_client, "RETURN_S", 0.0)
        assert client.health().time_ms > 0  # tried the first address again (still dead), then moved on
        assert client.active_url == registry.url


def test_comes_back_to_its_own_address(registry, monkeypatch: pytest.MonkeyPatch) -> None:
    dead = f"https://127.0.0.1:{free_port()}"
    with RegistryClient(registry.url, pins=[_pin(registry)], fallbacks=[dead]) as client:
        client._use(1)  # as after its own address failed
        monkeypatch.setattr(sync_client, "RETURN_S", 0.0)
        assert client.health().time_ms > 0
        assert client.active_url == registry.url


def test_every_address_dead_is_the_usual_error(registry) -> None:
    dead = [f"https://127.0.0.1:{free_port()}" for _ in range(2)]
    with RegistryClient(dead[0], pins=[_pin(registry)], fallbacks=dead[1:]) as client, \
            pytest.raises(SyncError, match="cannot be reached"):
        client.health()
    with RegistryClient(dead[0], pins=[_pin(registry)]) as alone, pytest.raises(SyncError, match="cannot be reached"):
        alone.health()


def test_a_wrong_certificate_is_not_tried_elsewhere(registry) -> None:
    wrong = "A" * 43
    with RegistryClient(registry.url, pins=[wrong], fallbacks=[registry.url.replace("127.0.0.1", "localhost")]) \
            as client, pytest.raises(CertificateChanged):
        client.health()
    assert client.active_url == registry.url
