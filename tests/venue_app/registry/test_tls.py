"""The registry's TLS: the certificate made at init (or IT's), HTTPS by default, plain HTTP only on
loopback or with ``--insecure-http``, a registry folder from before TLS, and a certificate rotation
announced through the feed and followed by a real station."""

from __future__ import annotations

import datetime as dt
import json
import os
import ssl
import subprocess
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from cryptography import x509
from cryptography.x509.oid import ExtensionOID

from tests.venue_app.registry.conftest import Registry, Server, python_cmd, running_server
from venue_app.paths import Paths
from venue_app.registry.tls import NEXT_PIN_HEADER, cert_info, spki_pin
from venue_app.sync.client import CertificateChanged, RegistryClient
from venue_app.sync.pins import CHANGED


def venue(*args: str, ok: bool = True, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(python_cmd(*args), capture_output=True, text=True, timeout=timeout)
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def _names(cert_file: Path) -> set[str]:
    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    return {str(n.value) for n in cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value}


def test_init_makes_a_certificate_and_enrolment_codes_carry_its_pin(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    init = json.loads(venue("registry", "init", "--data", str(data), "--event-name", "TLS Congress", "--url",
                            "https://registry.venue.lan:8765", "--san", "10.20.0.5", "--json").stdout)
    cert_file, key_file = data / "tls" / "registry.crt", data / "tls" / "registry.key"
    assert key_file.stat().st_mode & 0o077 == 0
    names = _names(cert_file)
    assert {"registry.venue.lan", "10.20.0.5", "127.0.0.1", "localhost"} <= names
    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    assert cert.not_valid_after_utc - dt.datetime.now(dt.UTC) > dt.timedelta(days=365)
    pin = spki_pin(cert)
    assert init["certificate"]["pin"] == pin and init["certificate"]["self_signed"] is True
    code = json.loads(venue("registry", "enroll", "--data", str(data), "--name", "Desk 1", "--json").stdout)
    assert code["pin"] == pin and code["url"].endswith(f"&pin={pin}")
    assert code["url"].startswith("venue-desk://enroll?registry=https%3A%2F%2Fregistry.venue.lan")
    text = venue("registry", "enroll", "--data", str(data), "--name", "Desk 2").stdout
    assert f"#{pin}" in text  # typed by hand: CODE#PIN


def test_init_takes_its_certificate_and_refuses_bad_ones_in_words(tmp_path: Path) -> None:
    ca = trustme.CA()
    issued = ca.issue_cert("registry.venue.lan")
    cert, key = tmp_path / "it.crt", tmp_path / "it.key"
    issued.cert_chain_pems[0].write_to_path(str(cert))
    issued.private_key_pem.write_to_path(str(key))
    other = tmp_path / "other.key"
    ca.issue_cert("registry.venue.lan").private_key_pem.write_to_path(str(other))
    expired_ca = trustme.CA()
    expired = expired_ca.issue_cert("registry.venue.lan", not_after=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    old_cert, old_key = tmp_path / "old.crt", tmp_path / "old.key"
    expired.cert_chain_pems[0].write_to_path(str(old_cert))
    expired.private_key_pem.write_to_path(str(old_key))

    for args, words in (((cert, other), "does not belong"), ((old_cert, old_key), "expired"),
                        ((tmp_path / "missing.crt", key), "cannot read"), ((key, key), "not a PEM certificate")):
        data = tmp_path / f"bad-{words.split()[0]}"
        bad = venue("registry", "init", "--data", str(data), "--event-name", "X", "--cert", str(args[0]),
                    "--key", str(args[1]), ok=False)
        assert bad.returncode != 0 and words in bad.stderr, bad.stderr
        assert not (data / "registry.json").exists()  # nothing half made
    data = tmp_path / "reg"
    init = json.loads(venue("registry", "init", "--data", str(data), "--event-name", "IT cert", "--cert", str(cert),
                            "--key", str(key), "--json").stdout)
    assert init["certificate"]["pin"] == spki_pin(cert.read_bytes()) and init["certificate"]["self_signed"] is False
    assert (data / "tls" / "registry.crt").read_bytes() == cert.read_bytes()


def test_serve_speaks_https_and_refuses_other_keys(registry: Registry) -> None:
    with running_server(registry) as server:
        assert server.url.startswith("https://127.0.0.1:")
        with pytest.raises(httpx.TransportError):  # plain HTTP gets no answer from the TLS port
            httpx.get(server.url.replace("https://", "http://") + "/api/v1/health", timeout=5)
        with RegistryClient(server.url, pins=[spki_pin((registry.root / "tls" / "registry.crt").read_bytes())]) as ok:
            assert ok.health().time_ms > 0 and ok.matched_pin is not None
        with RegistryClient(server.url, pins=["A" * 43]) as wrong, pytest.raises(CertificateChanged) as refused:
            wrong.health()
        assert CHANGED in str(refused.value)
        # TLS 1.2 at least: an older protocol is not offered back
        legacy = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        legacy.check_hostname, legacy.verify_mode = False, ssl.CERT_NONE
        with warnings.catch_warnings():  # the point: a client that asks for a deprecated protocol
            warnings.simplefilter("ignore", DeprecationWarning)
            legacy.maximum_version = ssl.TLSVersion.TLSv1_1
            legacy.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
        with pytest.raises(httpx.TransportError):
            httpx.get(f"{server.url}/api/v1/health", verify=legacy, timeout=5)


def _serve(data: Path, *args: str) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    proc = subprocess.Popen(python_cmd("registry", "serve", "--data", str(data), "--port", "0", "--json", "--quiet",
                                       *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.wait(10)
        raise AssertionError(proc.stderr.read() if proc.stderr else "serve did not start")
    return proc, json.loads(line)


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.terminate()
    _, err = proc.communicate(timeout=20)
    return err


def test_plain_http_only_on_loopback_or_when_asked_for(registry: Registry) -> None:
    refused = venue("registry", "serve", "--data", str(registry.root), "--http", "--host", "0.0.0.0", "--port", "0",
                    ok=False)
    assert refused.returncode != 0 and "read station tokens" in refused.stderr and "--insecure-http" in refused.stderr
    proc, ready = _serve(registry.root, "--http")  # loopback: allowed, not flagged
    try:
        assert ready["url"].startswith("http://127.0.0.1:") and ready["tls"] is False and ready["insecure"] is False
    finally:
        _stop(proc)
    proc, ready = _serve(registry.root, "--insecure-http", "--host", "0.0.0.0")
    try:
        assert ready["url"].startswith("http://0.0.0.0:") and ready["insecure"] is True
    finally:
        err = _stop(proc)
    assert "WARNING: plain HTTP" in err


def test_a_registry_from_before_tls_gets_a_certificate_on_serve(registry: Registry) -> None:
    config_file = registry.root / "registry.json"
    config = json.loads(config_file.read_text())
    config["public_url"] = "http://10.20.0.5:8765"
    config_file.write_text(json.dumps(config))
    for name in ("registry.crt", "registry.key"):
        (registry.root / "tls" / name).unlink()
    proc, ready = _serve(registry.root)
    try:
        assert ready["url"].startswith("https://")
    finally:
        err = _stop(proc)
    assert "had no TLS certificate" in err and "enrolled again" in err
    assert (registry.root / "tls" / "registry.crt").exists()
    assert json.loads(config_file.read_text())["public_url"] == "https://10.20.0.5:8765"


def test_certificate_rotation_is_announced_and_followed_by_a_station(registry: Registry, tmp_path: Path,
                                                                     qtbot: Any) -> None:
    from venue_app.station import Station
    from venue_app.sync.engine import SyncEngine
    from venue_app.sync.enroll import enroll

    old_pin = cert_info(registry.root / "tls" / "registry.crt").pin
    server = Server(registry).start()
    try:
        with server.admin() as admin:
            code = admin.post("/api/v1/admin/enrollments", json={"name": "Rotating desk"}).json()
        assert code["pin"] == old_pin
        station = enroll(Paths(tmp_path / "desk"), server.url, f"{code['code']}#{code['pin']}", name="Rotating desk")
        try:
            rotated = json.loads(venue("registry", "cert", "rotate", "--data", str(registry.root), "--json").stdout)
            new_pin = rotated["next"]["pin"]
            assert new_pin != old_pin
            shown = json.loads(venue("registry", "cert", "--data", str(registry.root), "--json").stdout)
            assert shown["next_pin"] == new_pin and shown["certificate"]["pin"] == old_pin
            # the running registry announces it (re-read every 2 s) on every answer, the feed included
            with server.client(station.registry_token()) as client:
                qtbot.waitUntil(lambda: client.get("/api/v1/feed").headers.get(NEXT_PIN_HEADER) == new_pin,
                                timeout=10_000)
                assert client.get("/api/v1/health").headers[NEXT_PIN_HEADER] == new_pin
            engine = SyncEngine(station)
            try:
                engine.run_once()
            finally:
                engine.client.close()
            assert station.replica.get_meta("registry_pins") == [old_pin, new_pin]  # either, during the overlap
            venue("registry", "cert", "activate", "--data", str(registry.root))
        finally:
            station.close()
        server.stop()
        server.start()  # on the same port: the station's URL
        with RegistryClient(server.url, pins=[old_pin]) as stale, pytest.raises(CertificateChanged):
            stale.health()  # a station that never heard of the rotation is refused, in words
        station = Station.open(Paths(tmp_path / "desk"))
        try:
            engine = SyncEngine(station)
            try:
                engine.run_once()
                assert engine.client.matched_pin == new_pin
            finally:
                engine.client.close()
            assert station.replica.get_meta("registry_pins") == [new_pin]  # the retired key is trusted no more
        finally:
            station.close()
    finally:
        server.stop()
