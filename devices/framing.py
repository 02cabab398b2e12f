"""Turn a byte stream from a scanner into scans: pure logic, no I/O, no clock of its own.

A :class:`FrameAssembler` is fed ``(bytes, now)`` and returns :class:`~devices.events.ScanEvent`
and :class:`~devices.events.RejectedFrame` objects:

* a frame ends at CR, LF or CRLF (the empty frame between CR and LF is dropped), or — for
  scanners configured without a suffix — after an idle gap (default 50 ms) with no new byte;
* once a scanner has delivered a code that ended in a terminator, it is known to send one; from then
  on a frame cut off by silence is rejected as ``incomplete`` after :attr:`stale_after` instead of
  being delivered as a code (a pulled cable must not check in half a token);
* frames over ``max_frame`` bytes (4 KiB) are rejected as ``too_long`` and the rest of that frame
  is skipped; frames that are mostly control bytes or invalid UTF-8 are rejected as ``binary``;
  frames shorter than ``min_length`` as ``too_short``;
* the same text from the same source within ``dedupe_window`` (1 s) is counted once — the window
  slides while the repeats keep coming, so a scanner in continuous mode pointed at one badge
  gives one scan, not one per second.

The reader calls :meth:`FrameAssembler.poll` when :meth:`FrameAssembler.deadline` passes.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from devices.events import RejectedFrame, ScanEvent

__all__ = [
    "DEFAULT_IDLE_GAP",
    "DEFAULT_MAX_FRAME",
    "REASONS",
    "DuplicateFilter",
    "FrameAssembler",
    "decode_frame",
    "non_text_ratio",
]

DEFAULT_IDLE_GAP = 0.050
DEFAULT_MAX_FRAME = 4096
DEFAULT_STALE_AFTER = 0.5

#: stable rejection reasons and their plain-words messages
REASONS = {
    "too_long": "the scanner sent more than {limit} bytes without an end-of-code character",
    "binary": "the scanner sent unreadable bytes (noise on the line, or a wrong baud rate)",
    "too_short": "the scanner sent a fragment too short to be a code",
    "incomplete": "a code was cut off before its end (scanner unplugged or interrupted?)",
}

# Bytes that may appear in a scanned text: printable ASCII, TAB, and the ISO/IEC 15434 separators
# (EOT, GS, RS) that GS1 and ANSI MH10.8.2 codes carry. Bytes >= 0x80 are judged by decoding.
_TEXT_BYTES = bytes(range(0x20, 0x7F)) + b"\t\x04\x1d\x1e" + bytes(range(0x80, 0x100))
_SAMPLE = 64  # bytes of a rejected frame kept for diagnostics


def non_text_ratio(raw: bytes) -> float:
    """Share of ``raw`` that cannot be part of a scanned text (control bytes, invalid UTF-8)."""
    if not raw:
        return 0.0
    bad = len(raw.translate(None, _TEXT_BYTES))
    if any(b >= 0x80 for b in raw):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            # Count the undecodable bytes; legitimate Windows-1252 text has few of them,
            # random binary about half.
            bad += raw.decode("utf-8", errors="replace").count("\ufffd")
    return bad / len(raw)


def decode_frame(raw: bytes) -> str:
    """Decode a frame: UTF-8 when valid (modern scanners), else Windows-1252 (legacy defaults)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.strip()


class DuplicateFilter:
    """Suppress the same text seen again within ``window`` seconds (sliding)."""

    def __init__(self, window: float = 1.0, max_entries: int = 512) -> None:
        self.window = window
        self._max_entries = max_entries
        self._last_seen: OrderedDict[str, float] = OrderedDict()

    def is_duplicate(self, text: str, now: float) -> bool:
        """Record ``text`` at ``now``; True when it was already seen within the window."""
        if self.window <= 0:
            return False
        previous = self._last_seen.pop(text, None)
        self._last_seen[text] = now  # most recent last, for cheap pruning
        while len(self._last_seen) > self._max_entries:
            self._last_seen.popitem(last=False)
        return previous is not None and 0 <= now - previous < self.window

    def clear(self) -> None:
        self._last_seen.clear()


class FrameAssembler:
    """Frames, validates and de-duplicates the bytes of one scanner (see the module docstring).

    Not thread-safe: one reader thread owns it.
    """

    _TERMINATOR = re.compile(rb"[\r\n]")

    def __init__(
        self,
        source: str,
        *,
        idle_gap: float | None = DEFAULT_IDLE_GAP,
        max_frame: int = DEFAULT_MAX_FRAME,
        min_length: int = 3,
        binary_threshold: float = 0.2,
        dedupe_window: float = 1.0,
        require_terminator: bool | None = None,
        stale_after: float = DEFAULT_STALE_AFTER,
    ) -> None:
        if idle_gap is not None and idle_gap <= 0:
            raise ValueError("idle_gap must be positive or None")
        if max_frame < 16:
            raise ValueError("max_frame must be at least 16 bytes")
        self.source = source
        self.idle_gap = idle_gap
        self.max_frame = max_frame
        self.min_length = min_length
        self.binary_threshold = binary_threshold
        self.stale_after = max(stale_after, idle_gap or 0.0)
        self._require_terminator_setting = require_terminator
        self.require_terminator = bool(require_terminator)
        self.dedupe = DuplicateFilter(dedupe_window)
        self._buf = bytearray()
        self._overflow = 0  # bytes skipped of an over-long frame, 0 when not skipping
        self._last_byte: float | None = None
        self.frames = 0
        self.duplicates = 0
        self.rejected = 0

    # -- feeding -------------------------------------------------------------------------------

    def feed(self, data: bytes, now: float) -> list[ScanEvent | RejectedFrame]:
        """Add bytes received at ``now``; return the scans and rejections they complete."""
        out: list[ScanEvent | RejectedFrame] = []
        if not data:
            return out
        # The caller may have been busy and not polled: a gap before these bytes still ends a frame.
        self._expire(now, out)
        self._last_byte = now
        start = 0
        for match in self._TERMINATOR.finditer(data):
            self._append(data[start:match.start()], now, out)
            self._complete(now, out, by_terminator=True)
            start = match.end()
        self._append(data[start:], now, out)
        return out

    def poll(self, now: float) -> list[ScanEvent | RejectedFrame]:
        """Complete a frame whose idle gap (or stale timeout) is over at ``now``."""
        out: list[ScanEvent | RejectedFrame] = []
        self._expire(now, out)
        return out

    def deadline(self) -> float | None:
        """Monotonic time at which :meth:`poll` may complete the pending frame, or None."""
        if self._last_byte is None or not (self._buf or self._overflow):
            return None
        gap = self._gap()
        return None if gap is None else self._last_byte + gap

    def reset(self) -> None:
        """Forget the partial frame and what was learned (after a reconnect)."""
        self._buf.clear()
        self._overflow = 0
        self._last_byte = None
        self.require_terminator = bool(self._require_terminator_setting)

    @property
    def pending(self) -> int:
        """Bytes of the frame being assembled."""
        return len(self._buf) + self._overflow

    # -- internals -----------------------------------------------------------------------------

    def _gap(self) -> float | None:
        if self.require_terminator:
            return self.stale_after
        return self.idle_gap

    def _expire(self, now: float, out: list[ScanEvent | RejectedFrame]) -> None:
        if self._last_byte is None or not (self._buf or self._overflow):
            return
        gap = self._gap()
        if gap is not None and now >= self._last_byte + gap:  # same arithmetic as deadline()
            self._complete(self._last_byte + gap, out, by_terminator=False)

    def _append(self, chunk: bytes, now: float, out: list[ScanEvent | RejectedFrame]) -> None:
        if not chunk:
            return
        if self._overflow:
            self._overflow += len(chunk)
            return
        if len(self._buf) + len(chunk) > self.max_frame:
            # Reject as soon as the limit is passed (not at the terminator, which may never come),
            # then skip the rest of this frame.
            sample = bytes(self._buf[:_SAMPLE]) if self._buf else chunk[:_SAMPLE]
            self._overflow = len(self._buf) + len(chunk)
            self._buf.clear()
            out.append(self._reject("too_long", sample, self._overflow, now))
            return
        self._buf += chunk

    def _complete(self, now: float, out: list[ScanEvent | RejectedFrame], *, by_terminator: bool) -> None:
        if self._overflow:
            self._overflow = 0  # the over-long frame ends here; it was reported when it overflowed
            return
        raw = bytes(self._buf)
        self._buf.clear()
        if not raw.strip():
            return  # the LF of CRLF, blank lines, stray spaces: nothing to report
        if not by_terminator and self.require_terminator:
            out.append(self._reject("incomplete", raw, len(raw), now))
            return
        if non_text_ratio(raw) > self.binary_threshold:
            out.append(self._reject("binary", raw, len(raw), now))
            return
        text = decode_frame(raw)
        if len(text) < self.min_length:
            out.append(self._reject("too_short", raw, len(raw), now))
            return
        if by_terminator and self._require_terminator_setting is None:
            self.require_terminator = True  # learned: this scanner ends its codes
        if self.dedupe.is_duplicate(text, now):
            self.duplicates += 1
            return
        self.frames += 1
        out.append(ScanEvent(self.source, raw, text, now))

    def _reject(self, reason: str, raw: bytes, length: int, now: float) -> RejectedFrame:
        self.rejected += 1
        message = REASONS[reason].format(limit=self.max_frame)
        return RejectedFrame(self.source, reason, message, raw[:_SAMPLE], length, now)
