"""A TLS man in the middle for the sync tests: it terminates TLS with a certificate of its choice,
records every byte the station sends it in clear, and relays to the real registry (over TLS).

Real sockets on 127.0.0.1 and a real asyncio TLS server in a thread; nothing mocked. ``seen`` is what
an attacker on the venue network would have read (a bearer token, check-ins)."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
from pathlib import Path

__all__ = ["TLSProxy"]


class TLSProxy:
    def __init__(self, upstream_port: int, cert: Path, key: Path) -> None:
        self.upstream_port = upstream_port
        self.server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.server_ctx.load_cert_chain(str(cert), str(key))
        self.upstream_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self.upstream_ctx.check_hostname = False  # the attacker does not care who the registry is
        self.upstream_ctx.verify_mode = ssl.CERT_NONE
        self.seen = bytearray()
        self.connections = 0  # TLS handshakes completed with a station
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tls-mitm", daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def __enter__(self) -> TLSProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the TLS proxy did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.set_exception_handler(lambda loop, context: None)  # broken handshakes are the point
        self._loop.run_until_complete(self._main())
        self._loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0, ssl=self.server_ctx,
                                            ssl_handshake_timeout=5)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._tasks: set[asyncio.Task[None]] = set()
        async with server:
            await self._stop.wait()
            server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            server.close_clients()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        self.connections += 1
        up_writer = None
        try:
            first = await reader.read(65536)
            if not first:
                return  # the station hung up right after the handshake: it refused us
            self.seen += first
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port, ssl=self.upstream_ctx)
            up_writer.write(first)

            async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, record: bool) -> None:
                while data := await src.read(65536):
                    if record:
                        self.seen += data
                    dst.write(data)
                    await dst.drain()

            # either side hanging up ends both (TLS streams cannot be half-closed)
            pipes = [asyncio.ensure_future(pipe(reader, up_writer, True)),
                     asyncio.ensure_future(pipe(up_reader, writer, False))]
            try:
                await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for p in pipes:
                    p.cancel()
                await asyncio.gather(*pipes, return_exceptions=True)
        except (OSError, ssl.SSLError, asyncio.IncompleteReadError):
            pass
        finally:
            for w in (writer, up_writer):
                if w is not None:
                    w.close()
                    with contextlib.suppress(Exception):
                        await w.wait_closed()
