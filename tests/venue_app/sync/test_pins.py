"""The pin check of the station's TLS context (against a real TLS server on 127.0.0.1: the registry's
kind of certificate, made by the registry code)."""

from __future__ import annotations

import socket
import ssl
import threading
from pathlib import Path

import pytest

from venue_app.registry.tls import make_certificate, spki_pin
from venue_app.sync.pins import CHANGED, PinMismatch, pinned_context


def _serve_once(tmp_path: Path) -> tuple[int, str, threading.Thread]:
    cert_pem, key_pem = make_certificate(["127.0.0.1"])
    (tmp_path / "c.pem").write_bytes(cert_pem)
    (tmp_path / "k.pem").write_bytes(key_pem)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    listener = socket.create_server(("127.0.0.1", 0))

    def accept() -> None:
        with listener:
            conn, _ = listener.accept()
            with conn:
                try:
                    with server_ctx.wrap_socket(conn, server_side=True) as tls:
                        tls.recv(1)
                except (OSError, ssl.SSLError):
                    pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    return listener.getsockname()[1], spki_pin(cert_pem), thread


@pytest.mark.parametrize("right", [True, False])
def test_the_pin_is_checked_during_the_handshake(tmp_path: Path, right: bool) -> None:
    port, pin, thread = _serve_once(tmp_path)
    context = pinned_context([pin] if right else ["B" * 43])
    with socket.create_connection(("127.0.0.1", port)) as raw:
        if right:
            with context.wrap_socket(raw) as tls:
                assert context.matched == pin
                tls.sendall(b"x")
        else:
            with pytest.raises(PinMismatch, match=CHANGED):
                context.wrap_socket(raw)
            assert context.matched is None
    thread.join(10)
