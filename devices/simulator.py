"""A simulated scanner port, ``sim://``, for the demo and the tests.

It produces the bytes a real scanner would send and runs them through the same
:class:`~devices.framing.FrameAssembler`, state machine and callbacks as
:class:`~devices.serialport.SerialScanner`, with fault switches::

    sim://[NAME]?rate=2&codes=FILE&noise=0.1&unplug_after=5

=================  ==========================================================================
``rate``           scans per second (default 1; decimals allowed)
``codes``          file with one code per line (blank lines and ``#`` comments skipped)
``code``           inline codes, repeatable or comma-separated (default SIM-0001…SIM-0020)
``order``          ``seq`` (default) or ``random``
``loop``           1 (default): start again after the last code; 0: stop after one pass
``count``          stop emitting after this many codes
``suffix``         ``cr`` (default), ``lf``, ``crlf``, ``tab`` or ``none`` (idle-gap framing)
``noise``          probability per scan of a burst of line noise before the code
``partial``        probability per scan of a code cut off half-way (then the full code)
``duplicate``      probability per scan of the code being sent twice (double-emitting scanner)
``silence_after``  seconds after connecting before the scanner falls silent…
``silence_for``    …for this long (default 3)
``unplug_after``   seconds connected before a simulated unplug (repeats)
``replug_after``   seconds unplugged before it comes back (default 1; ``never``)
``seed``           random seed, for reproducible faults
=================  ==========================================================================
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from devices.base import BaseScanner
from devices.errors import ScannerConfigError
from devices.events import RejectCallback, ScanCallback, ScannerState, StatusCallback
from devices.serialport import SerialSettings

__all__ = ["SIM_SCHEME", "SimOptions", "SimulatedScanner", "parse_sim_spec"]

log = logging.getLogger(__name__)

SIM_SCHEME = "sim"
_SUFFIXES = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "tab": b"\t", "none": b""}
# Bytes that never occur in scanned text (C0 controls except TAB/CR/LF/EOT/GS/RS, DEL, and bytes
# that are never valid in UTF-8), so simulated noise is recognisably noise.
_NOISE_BYTES = bytes([*range(0x00, 0x04), *range(0x05, 0x09), 0x0B, 0x0C, *range(0x0E, 0x1D), 0x1F, 0x7F,
                      *range(0xF8, 0x100)])


@dataclass
class SimOptions:
    name: str = "sim"
    rate: float = 1.0
    codes: list[str] = field(default_factory=lambda: [f"SIM-{i:04d}" for i in range(1, 21)])
    order: str = "seq"
    loop: bool = True
    count: int | None = None
    suffix: bytes = b"\r"
    noise: float = 0.0
    partial: float = 0.0
    duplicate: float = 0.0
    silence_after: float | None = None
    silence_for: float = 3.0
    unplug_after: float | None = None
    replug_after: float | None = 1.0
    seed: int | None = None


def parse_sim_spec(spec: str) -> SimOptions:
    """Parse ``sim://NAME?options``; raises :class:`ScannerConfigError` with the offending option."""
    parts = urlsplit(spec)
    if parts.scheme.lower() != SIM_SCHEME:
        raise ScannerConfigError(f"not a sim:// spec: {spec!r}")
    query = parse_qs(parts.query, keep_blank_values=True)
    known = {"rate", "codes", "code", "order", "loop", "count", "suffix", "noise", "partial", "duplicate",
             "silence_after", "silence_for", "unplug_after", "replug_after", "seed"}
    unknown = sorted(set(query) - known)
    if unknown:
        raise ScannerConfigError(
            f"sim://: unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    opts = SimOptions(name=f"sim://{parts.netloc}" if parts.netloc else "sim")

    def one(key: str) -> str | None:
        values = query.get(key)
        return values[-1] if values else None

    def number(key: str, lo: float, hi: float) -> float | None:
        raw = one(key)
        if raw is None:
            return None
        try:
            value = float(raw)
        except ValueError:
            raise ScannerConfigError(f"sim://: {key}={raw!r} is not a number") from None
        if not (lo <= value <= hi) or math.isnan(value):
            raise ScannerConfigError(f"sim://: {key} must be between {lo:g} and {hi:g}")
        return value

    if (rate := number("rate", 0, 10_000)) is not None:
        opts.rate = rate
    for key in ("noise", "partial", "duplicate"):
        if (p := number(key, 0, 1)) is not None:
            setattr(opts, key, p)
    if (v := number("silence_after", 0, 1e9)) is not None:
        opts.silence_after = v
    if (v := number("silence_for", 0, 1e9)) is not None:
        opts.silence_for = v
    if (v := number("unplug_after", 0.001, 1e9)) is not None:
        opts.unplug_after = v
    replug = one("replug_after")
    if replug is not None:
        never = replug.lower() in {"never", "none", ""}
        opts.replug_after = None if never else number("replug_after", 0, 1e9)
    if (v := number("count", 0, 1e12)) is not None:
        opts.count = int(v)
    if (v := number("seed", -1e18, 1e18)) is not None:
        opts.seed = int(v)
    if (order := one("order")) is not None:
        if order not in {"seq", "random"}:
            raise ScannerConfigError("sim://: order must be seq or random")
        opts.order = order
    if (loop := one("loop")) is not None:
        opts.loop = loop.lower() not in {"0", "no", "false", "off"}
    if (suffix := one("suffix")) is not None:
        if suffix.lower() not in _SUFFIXES:
            raise ScannerConfigError(f"sim://: suffix must be one of {', '.join(_SUFFIXES)}")
        opts.suffix = _SUFFIXES[suffix.lower()]
    codes: list[str] = []
    if (path := one("codes")) is not None:
        try:
            lines = Path(path).expanduser().read_text("utf-8").splitlines()
        except OSError as exc:
            raise ScannerConfigError(f"sim://: cannot read the codes file {path}: {exc.strerror}") from exc
        codes += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    for value in query.get("code", []):
        codes += [c.strip() for c in value.split(",") if c.strip()]
    if codes:
        opts.codes = codes
    elif "codes" in query:
        raise ScannerConfigError(f"sim://: the codes file {one('codes')} holds no codes")
    return opts


class SimulatedScanner(BaseScanner):
    """Emits codes at a rate with optional faults; same callbacks and states as a serial scanner."""

    def __init__(
        self,
        spec: str,
        on_scan: ScanCallback,
        on_status: StatusCallback | None = None,
        on_reject: RejectCallback | None = None,
        *,
        settings: SerialSettings | None = None,
        source: str | None = None,
    ) -> None:
        self.options = parse_sim_spec(spec)
        super().__init__(source or self.options.name, on_scan, on_status, on_reject)
        self.spec = spec
        self.settings = settings or SerialSettings()
        self.assembler = self.settings.assembler(self.source)
        self._rng = random.Random(self.options.seed)
        self._next_index = 0
        self.emitted = 0  # codes sent (whatever became of them)
        self._wakeup = threading.Event()

    def _wake(self) -> None:
        self._wakeup.set()

    def _sleep(self, seconds: float) -> bool:
        self._wakeup.wait(max(0.0, seconds))
        self._wakeup.clear()
        return self.stopping

    # -- code source ---------------------------------------------------------------------------

    def _next_code(self) -> str | None:
        o = self.options
        if o.count is not None and self.emitted >= o.count:
            return None
        if o.order == "random":
            return self._rng.choice(o.codes)
        if self._next_index >= len(o.codes):
            if not o.loop:
                return None
            self._next_index = 0
        code = o.codes[self._next_index]
        self._next_index += 1
        return code

    def _noise(self) -> bytes:
        return bytes(self._rng.choice(_NOISE_BYTES) for _ in range(self._rng.randint(3, 24)))

    # -- thread body ---------------------------------------------------------------------------

    def _main(self) -> None:
        o = self.options
        interval = 1.0 / o.rate if o.rate > 0 else math.inf
        port = self.source
        self.assembler.reset()
        self._set_state(ScannerState.CONNECTED, "", port, {"simulated": True})
        connected_at = time.monotonic()
        next_emit = connected_at + interval
        unplugged_until: float | None = None
        exhausted = False
        while not self.stopping:
            now = time.monotonic()
            if unplugged_until is not None:
                if now < unplugged_until:
                    self._sleep(unplugged_until - now)
                    continue
                unplugged_until = None
                self.assembler.reset()
                self._set_state(ScannerState.CONNECTED, "", port, {"simulated": True})
                connected_at = now
                next_emit = now + interval
            if o.unplug_after is not None and now >= connected_at + o.unplug_after:
                self.stats.disconnects += 1
                self._set_state(ScannerState.DISCONNECTED, "simulated unplug", port)
                self.assembler.reset()
                unplugged_until = math.inf if o.replug_after is None else now + o.replug_after
                continue
            silent = (o.silence_after is not None
                      and 0 <= now - connected_at - o.silence_after < o.silence_for)
            if now >= next_emit and not exhausted:
                if not silent:
                    code = self._next_code()
                    if code is None:
                        exhausted = True
                    else:
                        self._emit(code, now)
                # Keep the cadence, but never try to catch up a backlog (after silence or a slow callback).
                next_emit = max(next_emit + interval, now + interval / 2)
            self._deliver(self.assembler.poll(time.monotonic()))
            wake_at = [next_emit] if not exhausted else []
            if (deadline := self.assembler.deadline()) is not None:
                wake_at.append(deadline)
            if o.unplug_after is not None:
                wake_at.append(connected_at + o.unplug_after)
            wait = (min(wake_at) - time.monotonic()) if wake_at else 1.0
            if wait > 0:
                self._sleep(min(wait, 1.0))

    def _emit(self, code: str, now: float) -> None:
        o, rng, asm = self.options, self._rng, self.assembler
        self.emitted += 1
        chunks: list[bytes] = []
        if o.noise and rng.random() < o.noise:
            chunks.append(self._noise() + (o.suffix or b"\r"))
        frame = code.encode("utf-8") + o.suffix
        if o.partial and rng.random() < o.partial:
            # Half a code and then nothing: the framer must reject it, not check in a fragment.
            half = code.encode("utf-8")[: max(1, len(code) // 2)]
            self._feed(b"".join(chunks) + half, now)
            chunks = []
            deadline = asm.deadline()
            if deadline is not None and not self._sleep(deadline - time.monotonic()):
                self._deliver(asm.poll(time.monotonic()))
            now = time.monotonic()
        chunks.append(frame)
        if o.duplicate and rng.random() < o.duplicate:
            chunks.append(frame)
        self._feed(b"".join(chunks), now)

    def _feed(self, data: bytes, now: float) -> None:
        self.stats.bytes_read += len(data)
        self._deliver(self.assembler.feed(data, now))
        self.stats.duplicates = self.assembler.duplicates
