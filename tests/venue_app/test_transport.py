"""How ``station status`` names a station's transport, and what counts as this machine."""

from __future__ import annotations

from venue_app.transport import describe, is_loopback


def test_transport_words_flag_plain_http_over_the_network() -> None:
    assert describe("https://10.20.0.5:8765", ["x" * 43]) == ("TLS, certificate pinned at enrolment", False)
    assert describe("http://127.0.0.1:8765", []) == ("plain HTTP on this machine (loopback)", False)
    text, insecure = describe("http://10.20.0.5:8765", [])
    assert insecure and text.startswith("INSECURE: plain HTTP")
    assert describe(None, None) == ("none (standalone)", False)


def test_loopback_names_and_addresses() -> None:
    assert all(is_loopback(h) for h in ("localhost", "LOCALHOST", "desk.localhost", "127.0.0.1", "127.8.0.1",
                                        "::1", "[::1]"))
    assert not any(is_loopback(h) for h in ("10.20.0.5", "registry.local", "::ffff:10.0.0.1", "", "localhost.com"))
