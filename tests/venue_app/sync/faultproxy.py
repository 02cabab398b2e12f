"""A fault-injecting TCP proxy for the sync tests, driven by the test: pass, drop, stall, delay,
cut a response in the middle, or answer 502. Real sockets on 127.0.0.1, nothing mocked.

With ``tls`` (the registry's certificate and key) the URL is https: traffic passes through untouched
(TLS end to end between station and registry), and the modes that answer by themselves (502,
garbage, wrongshape) speak TLS with the registry's own certificate, so the station's pin accepts them
and the test sees what it injects, not a certificate refusal."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from contextlib import suppress

__all__ = ["FaultProxy"]

MODES = ("pass", "drop", "stall", "delay", "cut", "502", "garbage", "wrongshape")


class FaultProxy:
    def __init__(self, upstream_port: int, tls: tuple[object, object] | None = None) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self._tls: ssl.SSLContext | None = None
        if tls is not None:
            self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._tls.load_cert_chain(str(tls[0]), str(tls[1]))
        self.mode = "pass"
        self.delay_s = 0.3
        self.cut_after = 200
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self.port}"

    def set(self, mode: str) -> None:
        assert mode in MODES, mode
        self.mode = mode
        if mode in ("drop", "stall", "cut", "502", "garbage", "wrongshape"):
            self.kill_connections()  # long-polls in flight see the fault too

    def kill_connections(self) -> None:
        with self._lock:
            conns, self._conns = list(self._conns), set()
        for conn in conns:
            with suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            with suppress(OSError):
                conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._server.close()
        self.kill_connections()

    def _track(self, *socks: socket.socket) -> None:
        with self._lock:
            self._conns.update(socks)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        mode = self.mode
        self._track(client)
        if mode == "drop":
            client.close()
            return
        if mode == "stall":
            self._stop.wait(60)
            with suppress(OSError):
                client.close()
            return
        if mode in ("502", "garbage", "wrongshape"):
            with suppress(OSError):
                if self._tls is not None:
                    client.settimeout(5)
                    client = self._tls.wrap_socket(client, server_side=True)
                client.recv(65536)
                # wrongshape: valid JSON, but not what any endpoint answers
                body = {"502": b"<html>bad gateway</html>", "garbage": b"{not json",
                        "wrongshape": b'{"items": "nope", "next": -1, "time_ms": "soon"}'}[mode]
                status = b"502 Bad Gateway" if mode == "502" else b"200 OK"
                client.sendall(b"HTTP/1.1 " + status + b"\r\nContent-Length: " + str(len(body)).encode()
                               + b"\r\nConnection: close\r\n\r\n" + body)
            client.close()
            return
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        self._track(upstream)
        threading.Thread(target=self._pipe, args=(client, upstream, False), daemon=True).start()
        self._pipe(upstream, client, True)

    def _pipe(self, src: socket.socket, dst: socket.socket, downstream: bool) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if downstream and self.mode == "delay":
                    time.sleep(self.delay_s)
                if downstream and self.mode == "cut":
                    dst.sendall(data[: max(0, self.cut_after - sent)])
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with suppress(OSError):
                    s.close()
