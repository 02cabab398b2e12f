"""A man in the middle is refused: a real TLS proxy between a station and the real registry (HTTPS, as
``registry serve`` speaks by default) presents another certificate; the station refuses before it sends
a byte, says so in words, keeps scanning offline, loses nothing and syncs once the proxy is gone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from tlsproxy import TLSProxy

from venue_app.paths import Paths
from venue_app.registry.tls import make_certificate, spki_pin
from venue_app.station import Station
from venue_app.sync.client import CertificateChanged, SyncError
from venue_app.sync.engine import SyncEngine
from venue_app.sync.enroll import enroll
from venue_app.sync.pins import CHANGED


def _pem(cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> tuple[bytes, bytes]:
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))


def _reissue(template: x509.Certificate, key: ec.EllipticCurvePrivateKey, *, names: list[str] | None = None,
             expired: bool = False) -> tuple[bytes, bytes]:
    """The registry's certificate made again, signed by ``key``: the same subject and names (or ``names``),
    optionally expired ten days ago."""
    now = dt.datetime.now(dt.UTC)
    san = template.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    if names is not None:
        san = x509.SubjectAlternativeName([x509.DNSName(n) for n in names])
    start, end = (now - dt.timedelta(days=40), now - dt.timedelta(days=10)) if expired else \
        (now - dt.timedelta(hours=1), now + dt.timedelta(days=30))
    cert = (x509.CertificateBuilder().subject_name(template.subject).issuer_name(template.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end).add_extension(san, critical=False)
            .sign(key, hashes.SHA256()))
    return _pem(cert, key)


def _impostor(kind: str, registry) -> tuple[bytes, bytes]:
    real = x509.load_pem_x509_certificate(registry.tls[0].read_bytes())
    if kind == "ca-signed":  # another certificate, from a CA (a corporate or public one would do the same)
        ca = trustme.CA()
        issued = ca.issue_cert("127.0.0.1", "localhost")
        return issued.cert_chain_pems[0].bytes(), issued.private_key_pem.bytes()
    if kind == "same-names-other-key":  # the registry's names and subject, another key
        return _reissue(real, ec.generate_private_key(ec.SECP256R1()))
    if kind == "expired-other-key":
        now = dt.datetime.now(dt.UTC) - dt.timedelta(days=60)
        return make_certificate(["127.0.0.1"], days=30, now=now)
    raise AssertionError(kind)


def _write(tmp_path: Path, pems: tuple[bytes, bytes]) -> tuple[Path, Path]:
    cert, key = tmp_path / "proxy.crt", tmp_path / "proxy.key"
    cert.write_bytes(pems[0])
    key.write_bytes(pems[1])
    return cert, key


def _point_at(station: Station, url: str) -> None:
    with station.replica.transaction() as conn:
        station.replica.set_meta(conn, "registry_url", url)


def _outbox(station: Station) -> int:
    return int(station.replica.one("SELECT count(*) FROM log WHERE outbox = 1")[0])


def _engine(station: Station) -> SyncEngine:
    return SyncEngine(station, backoff_base_s=0.05, backoff_max_s=0.2)


def test_station_enrols_pinned_and_syncs_over_tls(registry, tmp_path: Path, codes: list[str]) -> None:
    pin = spki_pin(registry.tls[0].read_bytes())
    with enroll(Paths(tmp_path / "desk"), registry.url, registry.enroll_code("TLS desk"), name="TLS desk") as st:
        assert st.replica.get_meta("registry_pins") == [pin]
        assert st.replica.get_meta("registry_url").startswith("https://")
        event_id = st.scan(codes[290]).event_id
        engine = _engine(st)
        try:
            engine.run_once()
            assert engine.client.matched_pin == pin
        finally:
            engine.client.close()
        assert event_id in registry.event_ids()
        summary = st.sync_summary()
        assert summary["transport"] == "TLS, certificate pinned at enrolment" and not summary["insecure_transport"]


def test_a_relay_with_the_registrys_own_certificate_is_just_a_relay(registry, tmp_path: Path,
                                                                   codes: list[str]) -> None:
    """The control of the test below: the same proxy, with the registry's own key, is accepted; so the
    refusal below comes from the other certificate, not from the proxy."""
    with enroll(Paths(tmp_path / "desk"), registry.url, registry.enroll_code("Relay desk"), name="Relay desk") as st, \
            TLSProxy(registry.port, *registry.tls) as proxy:
        _point_at(st, proxy.url)
        event_id = st.scan(codes[291]).event_id
        engine = _engine(st)
        try:
            engine.run_once()
        finally:
            engine.client.close()
        assert event_id in registry.event_ids() and b"POST /api/v1/events" in proxy.seen


@pytest.mark.parametrize("kind", ["ca-signed", "same-names-other-key", "expired-other-key"])
def test_a_man_in_the_middle_is_refused_and_nothing_is_lost(registry, tmp_path: Path, codes: list[str],
                                                            kind: str, qtbot) -> None:
    base = 300 + 10 * ["ca-signed", "same-names-other-key", "expired-other-key"].index(kind)
    name = f"MITM {kind}"
    with enroll(Paths(tmp_path / "desk"), registry.url, registry.enroll_code(name), name=name) as st:
        token = st.registry_token()
        with TLSProxy(registry.port, *_write(tmp_path, _impostor(kind, registry))) as proxy:
            _point_at(st, proxy.url)
            ids = [st.scan(code).event_id for code in codes[base:base + 4]]
            engine = _engine(st)
            try:
                with pytest.raises(CertificateChanged) as failure:
                    engine.run_once()
                assert CHANGED in str(failure.value)
                # said in words where staff look (station status, the sync bar), and nothing was lost
                assert CHANGED in st.sync_summary()["last_error"] and st.sync_summary()["online"] is False
                assert _outbox(st) == 4
                # the station kept working: another scan is recorded offline
                ids.append(st.scan(codes[base + 4]).event_id)
                assert all(ids) and _outbox(st) == 5
                # the background engine keeps refusing (it retries: the network may heal), never sends
                engine.start()
                try:
                    st.committed()
                    qtbot.waitUntil(lambda: proxy.connections >= 3, timeout=10_000)
                finally:
                    engine.stop()
                assert proxy.connections >= 3 and CHANGED in engine.status.last_error
            finally:
                engine.client.close()
            assert proxy.seen == b""  # not one byte of a request: no token, no check-in reached it
            assert token.encode() not in bytes(proxy.seen)
        assert not set(ids) & registry.event_ids()
        # the proxy is gone: the station talks to its registry again and everything arrives once
        _point_at(st, registry.url)
        engine = _engine(st)
        try:
            engine.run_once()
        finally:
            engine.client.close()
        assert _outbox(st) == 0 and set(ids) <= registry.event_ids()
        assert st.sync_summary()["last_error"] == ""


def test_the_pin_not_the_name_or_date_is_what_a_station_trusts(registry, tmp_path: Path, codes: list[str]) -> None:
    """A certificate with the registry's own key but another host name and long expired is accepted
    (the station trusts the key it was given, not names or dates; only the registry holds that key),
    while a fresh, valid certificate for the right name with another key was refused above."""
    real = x509.load_pem_x509_certificate(registry.tls[0].read_bytes())
    key = serialization.load_pem_private_key(registry.tls[1].read_bytes(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    pems = _reissue(real, key, names=["wrong-host.example"], expired=True)
    with enroll(Paths(tmp_path / "desk"), registry.url, registry.enroll_code("Odd cert"), name="Odd cert") as st, \
            TLSProxy(registry.port, *_write(tmp_path, pems)) as proxy:
        _point_at(st, proxy.url)
        event_id = st.scan(codes[295]).event_id
        engine = _engine(st)
        try:
            engine.run_once()
        finally:
            engine.client.close()
        assert event_id in registry.event_ids()


def test_an_https_code_without_a_pin_is_refused_off_loopback(registry, tmp_path: Path) -> None:
    from venue_app.errors import ConfigError

    code = registry.enroll_code("No pin").split("#")[0]
    with pytest.raises(ConfigError, match="carries no certificate pin"):
        enroll(Paths(tmp_path / "far"), f"https://192.0.2.10:{registry.port}", code)
    assert not (tmp_path / "far" / "keys" / "registry.token").exists()
    # on this machine's loopback nobody can intercept: the first certificate is pinned (and the code still works)
    with enroll(Paths(tmp_path / "near"), registry.url, code, name="No pin") as st:
        assert st.replica.get_meta("registry_pins") == [spki_pin(registry.tls[0].read_bytes())]


class _PlainHTTP:
    """A listener that answers in plain HTTP (a downgrade attempt at the registry's address: it hopes the
    station falls back to sending its request, token included, in clear). Records every byte it receives."""

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.received = bytearray()
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                self.connections += 1
                conn.settimeout(5)
                try:
                    self.received += conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()
        self._thread.join(5)


def test_a_plain_http_answer_where_https_was_enrolled_is_refused(registry, tmp_path: Path, codes: list[str]) -> None:
    """TLS downgrade: the registry's address answers in plain HTTP. The station never falls back: it sends a TLS
    ClientHello (no HTTP request, no token), says so in words, keeps its outbox and works offline."""
    with enroll(Paths(tmp_path / "desk"), registry.url, registry.enroll_code("Downgraded desk"),
                name="Downgraded desk") as st:
        token = st.registry_token()
        plain = _PlainHTTP()
        try:
            urls = st.replica.get_meta("registry_urls")
            _point_at(st, f"https://127.0.0.1:{plain.port}")
            with st.replica.transaction() as conn:  # only that address: no other registry host to fail over to
                st.replica.set_meta(conn, "registry_urls", [f"https://127.0.0.1:{plain.port}"])
            event_id = st.scan(codes[296]).event_id
            engine = _engine(st)
            try:
                with pytest.raises(SyncError, match="answered without encryption") as failure:
                    engine.run_once()
            finally:
                engine.client.close()
            assert "Nothing was sent" in str(failure.value) and "answered without encryption" in \
                st.sync_summary()["last_error"]
            assert plain.connections >= 1 and bytes(plain.received[:1]) == b"\x16"  # a TLS handshake record
            assert token.encode() not in plain.received and b"Authorization" not in plain.received
            assert b"POST" not in plain.received and b"GET" not in plain.received
            assert _outbox(st) == 1
        finally:
            plain.close()
        _point_at(st, registry.url)
        with st.replica.transaction() as conn:
            st.replica.set_meta(conn, "registry_urls", urls)
        engine = _engine(st)
        try:
            engine.run_once()
        finally:
            engine.client.close()
        assert _outbox(st) == 0 and event_id in registry.event_ids()
