"""A fake network label printer on 127.0.0.1 (Brother QL raster or Zebra ZPL on a raw TCP port).

It records every byte it receives (one ``bytes`` per connection, in ``connections``) and answers as the
real printers do: a Brother QL answers ``ESC i S`` with its 32-byte status and, once a page's print
command arrives, "printing completed" (or "error occurred" when its state says so); a Zebra answers
``~HS`` with its three host-status strings. Its state can be set to refuse (cover open, no labels,
wrong roll, paper out, head open, paused), to drop the connection after N bytes of a job, or to never
answer at all. This stands in for hardware the test machine does not have; the byte formats are the
vendors' (Brother's raster command reference, the ZPL II manual), produced and parsed by the code
under test and by ``brother_ql``'s own reader.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import tty
from dataclasses import dataclass, field

__all__ = ["BrotherState", "LabelPrinter", "UsbLabelPrinter", "ZebraState", "brother_status_bytes"]

ESC_I_S = b"\x1b\x69\x53"


@dataclass
class BrotherState:
    model_code: int = 0x41  # QL-820NWB
    media_width: int = 62
    media_length: int = 0
    media_type: int = 0x0A  # 0x0A endless, 0x0B die-cut, 0x00 none
    error1: int = 0  # bit 0 no media, bit 1 end of media, bit 2 cutter jam, bit 5 turned off
    error2: int = 0  # bit 4 cover open, bit 6 cannot feed, bit 7 system error
    fail_print: bool = False  # answer the print command with "error occurred" (error bits as set)


@dataclass
class ZebraState:
    paper_out: bool = False
    paused: bool = False
    head_open: bool = False
    ribbon_out: bool = False
    thermal_transfer: bool = False
    buffer_full: bool = False  # its spool (receive buffer) is full
    formats: int = 0


def brother_status_bytes(state: BrotherState, status_type: int = 0x00, phase: int = 0x00) -> bytes:
    """A 32-byte status message as Brother's raster reference lays it out."""
    msg = bytearray(32)
    msg[0:8] = bytes([0x80, 0x20, 0x42, 0x34, state.model_code, 0x30, 0x30, 0x00])
    msg[8], msg[9] = state.error1, state.error2
    msg[10], msg[11] = state.media_width, state.media_type
    msg[17] = state.media_length
    msg[18], msg[19] = status_type, phase
    return bytes(msg)


@dataclass
class LabelPrinter:
    """``kind`` is "brother" or "zpl". Use as a context manager; ``port`` is where it listens."""

    kind: str
    brother: BrotherState = field(default_factory=BrotherState)
    zebra: ZebraState = field(default_factory=ZebraState)
    silent: bool = False  # takes bytes, never answers
    drop_after: int | None = None  # closes the connection after this many bytes of a job
    connections: list[bytes] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._accept = threading.Thread(target=self._serve, name=f"fake-{self.kind}", daemon=True)

    def __enter__(self) -> LabelPrinter:
        self._accept.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        self._accept.join(5)
        for t in self._threads:
            t.join(5)

    @property
    def spec_host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def jobs(self) -> list[bytes]:
        """What each connection sent, status requests included."""
        with self._lock:
            return list(self.connections)

    # -- server --------------------------------------------------------------------------------
    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            with self._lock:
                self.connections.append(b"")
                index = len(self.connections) - 1
            t = threading.Thread(target=self._handle, args=(conn, index), daemon=True)
            self._threads.append(t)
            t.start()

    def _record(self, index: int, data: bytes) -> bytes:
        with self._lock:
            self.connections[index] += data
            return self.connections[index]

    def _handle(self, conn: socket.socket, index: int) -> None:
        with conn:
            conn.settimeout(10)
            answered_pages = 0
            answered_hs = 0
            try:
                while True:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    if self.drop_after is not None:
                        so_far = len(self.jobs[index])
                        if so_far + len(chunk) > self.drop_after:
                            self._record(index, chunk[: max(0, self.drop_after - so_far)])
                            conn.shutdown(socket.SHUT_RDWR)
                            return
                    data = self._record(index, chunk)
                    if self.silent:
                        continue
                    if self.kind == "brother":
                        answered_pages = self._brother_answer(conn, data, answered_pages)
                    else:
                        answered_hs = self._zebra_answer(conn, data, answered_hs)
            except OSError:
                return

    def _brother_answer(self, conn: socket.socket, data: bytes, answered_pages: int) -> int:
        from brother_ql.reader import chunker, match_opcode

        if data.endswith(ESC_I_S):
            conn.sendall(brother_status_bytes(self.brother))
            return answered_pages
        if not data.endswith((b"\x1a", b"\x0c")):
            return answered_pages
        try:  # a print command only counts at an instruction boundary (raster bytes may be 0x1A)
            instructions = list(chunker(data, raise_exception=True))
        except (ValueError, IndexError):  # an incomplete stream: wait for more bytes
            return answered_pages
        pages = sum(1 for i in instructions if match_opcode(i) in (b"\x1a", b"\x0c"))
        for _ in range(pages - answered_pages):
            state = self.brother
            if state.fail_print or state.error1 or state.error2:
                conn.sendall(brother_status_bytes(state, status_type=0x02))
            else:
                conn.sendall(brother_status_bytes(state, status_type=0x06, phase=0x01))
                conn.sendall(brother_status_bytes(state, status_type=0x01))
        return pages

    def _zebra_answer(self, conn: socket.socket, data: bytes, answered: int) -> int:
        asked = data.count(b"~HS")
        for _ in range(asked - answered):
            z = self.zebra
            formats = z.formats + data.count(b"^XZ")
            one = f"030,{int(z.paper_out)},{int(z.paused)},1218,{formats:03d},{int(z.buffer_full)},0,0,000,0,0,0"
            two = f"001,0,{int(z.head_open)},{int(z.ribbon_out)},{int(z.thermal_transfer)},2,6,0,00000000,1,000"
            three = "1234,0"
            conn.sendall(b"".join(b"\x02" + s.encode() + b"\x03\r\n" for s in (one, two, three)))
        return asked


class _MasterEnd:
    """The printer's end of a pseudo-terminal, with the socket calls the answer code uses."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def sendall(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view) :]


@dataclass
class UsbLabelPrinter(LabelPrinter):
    """The same printer behind a device file, as Linux shows a USB printer (``/dev/usb/lp0``): a
    pseudo-terminal in raw mode, so bytes pass unchanged both ways. ``device`` is its path."""

    def __post_init__(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line editing, 8-bit clean
        self.device = os.ttyname(self._slave)
        self._stop = threading.Event()
        self._threads = []
        self._lock = threading.Lock()
        self.connections.append(b"")
        self._accept = threading.Thread(target=self._pump, name="fake-usb-printer", daemon=True)

    def close(self) -> None:
        self._stop.set()
        self._accept.join(5)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _pump(self) -> None:
        end = _MasterEnd(self._master)
        pages = 0
        while not self._stop.is_set():
            # wake up now and then to notice close(); the backend under test never waits on this
            if not select.select([self._master], [], [], 0.05)[0]:
                continue
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if self.drop_after is not None and len(self.jobs[0]) + len(chunk) > self.drop_after:
                self._record(0, chunk[: max(0, self.drop_after - len(self.jobs[0]))])
                os.close(self._master)  # unplugged: the device end now fails with EIO
                self._master = -1
                return
            data = self._record(0, chunk)
            if not self.silent:
                pages = self._brother_answer(end, data, pages)  # type: ignore[arg-type]
