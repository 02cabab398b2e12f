"""Tell a keyboard-wedge scanner from a person typing, by keystroke timing alone (pure logic).

A wedge scanner "types" its code as keystrokes, one every ~2–16 ms, usually ending with Enter or
Tab; people rarely manage three keys under 20 ms apart. The desktop app's event filter feeds every
character key to :meth:`WedgeDecoder.feed` with its timestamp and *withholds* it from the focused
widget; the decoder answers with a :class:`WedgeResult` saying which withheld keys to give back
(``release``: human typing, in order) and which to drop (``swallow``: they were a scan, reported
in ``scan``). Every key fed comes back exactly once, in one or the other. A person's key is held at
most ``hold_gap`` (60 ms) — or until the next key shows the typing is human — so typing stays
responsive. The app arms a timer for :meth:`WedgeDecoder.deadline` and calls
:meth:`WedgeDecoder.poll`; on focus changes or non-character keys it calls :meth:`WedgeDecoder.flush`.

Rules (all durations configurable):

* A scan starts when a run of keys has at least ``min_length - 1`` fast gaps (≤ ``max_gap``, 45 ms:
  scanners set to their slowest intercharacter delay type a key every 40 ms, and the X server adds
  a few ms of jitter),
  allowing one slower gap (≤ ``hold_gap``) in it: a scanner may hiccup early in a code.
* Once scanning, gaps up to ``scan_gap`` (100 ms) continue the scan — scanners pause mid-code when
  the USB host is busy — but only ``max(1, n // 8)`` such slow gaps in ``n`` keys; more, and it was a
  fast typist after all: every key is released.
* A scan ends with Enter/Tab (swallowed too), or with an idle gap ≥ ``scan_gap`` if it has at least
  ``min_idle_length`` (6) characters — stricter than with Enter, because a typist's key rollover can
  produce four quick keys but not six.
* Modifier keys (Shift around every capital, AltGr, Caps Lock…) are never fed: the GUI filter skips
  them, so they can neither end nor break a scan.

Suffix policy (``suffix``), for a scan that stops without Enter/Tab — a scanner configured without
suffix, or one that lost the rest of the code (a lone Shift, half a code, then nothing):

* ``"none"``: the idle gap ends the scan; what was typed is the scan.
* ``"required"``: a fast run without its terminator is *incomplete*: swallowed and reported in
  ``WedgeResult.incomplete`` (the GUI says "scan again"), never judged. A burst that starts within
  ``tail_gap`` (0.5 s) after it is the rest of the same broken scan and is dropped the same way, so
  neither half can check in someone whose code is a prefix or suffix of the real one.
* ``"auto"`` (default): ``"none"`` until the first scan that ends with Enter/Tab, then
  ``"required"`` — a scanner that sends a suffix once always sends it.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.events import ScanEvent

__all__ = ["SUFFIX_POLICIES", "Key", "WedgeDecoder", "WedgeResult"]

SUFFIX_POLICIES = ("auto", "required", "none")


@dataclass(frozen=True, slots=True)
class Key:
    """One keystroke: the text it produced and when (seconds, any monotonic clock)."""

    text: str
    t: float


@dataclass(frozen=True, slots=True)
class WedgeResult:
    """What the GUI must do with the keys it withheld."""

    release: tuple[Key, ...] = ()  # human keys: deliver them to the focused widget, in this order
    swallow: tuple[Key, ...] = ()  # scanner keys: drop them
    scan: ScanEvent | None = None  # the code the swallowed keys spelled
    incomplete: str = ""  # swallowed keys of a scan that broke off: never judged, "scan again"

    def __add__(self, other: WedgeResult) -> WedgeResult:
        if self.scan is not None and other.scan is not None:
            raise ValueError("cannot merge two scans")  # the decoder never produces this
        return WedgeResult(self.release + other.release, self.swallow + other.swallow,
                           self.scan or other.scan, self.incomplete + other.incomplete)

    def __bool__(self) -> bool:
        return bool(self.release or self.swallow or self.scan or self.incomplete)


_EMPTY = WedgeResult()


class WedgeDecoder:
    """Keystroke-timing scan detector; one per application, fed on the GUI thread."""

    def __init__(
        self,
        source: str = "keyboard",
        *,
        max_gap: float = 0.045,
        hold_gap: float = 0.060,
        scan_gap: float = 0.100,
        min_length: int = 4,
        min_idle_length: int = 6,
        max_length: int = 4096,
        terminators: str = "\r\n\t",
        suffix: str = "auto",
        tail_gap: float = 0.5,
    ) -> None:
        if not 0 < max_gap <= hold_gap <= scan_gap:
            raise ValueError("need 0 < max_gap <= hold_gap <= scan_gap")
        if min_length < 2 or min_idle_length < min_length:
            raise ValueError("need 2 <= min_length <= min_idle_length")
        if suffix not in SUFFIX_POLICIES:
            raise ValueError(f"suffix must be one of {', '.join(SUFFIX_POLICIES)}")
        self.source = source
        self.max_gap = max_gap
        self.hold_gap = hold_gap
        self.scan_gap = scan_gap
        self.min_length = min_length
        self.min_idle_length = min_idle_length
        self.max_length = max_length
        self.terminators = terminators
        self.suffix = suffix
        self.tail_gap = tail_gap
        self.seen_suffix = False  # a scan ended with Enter/Tab ("auto" then requires it)
        self._broken_at: float | None = None  # last key of the latest broken-off scan
        self._tail = False  # the run being scanned began right after a broken-off scan
        self._keys: list[Key] = []
        self._scanning = False
        self._slow = 0
        self._tail = False  # slow gaps inside the current scan
        self.scans = 0

    # -- state ---------------------------------------------------------------------------------

    @property
    def pending(self) -> tuple[Key, ...]:
        """Keys withheld and not yet decided."""
        return tuple(self._keys)

    @property
    def scanning(self) -> bool:
        """True while the withheld keys are known to be a scan in progress."""
        return self._scanning

    @property
    def requires_suffix(self) -> bool:
        """Whether a scan must end with Enter/Tab now (see the suffix policy)."""
        return self.suffix == "required" or (self.suffix == "auto" and self.seen_suffix)

    def deadline(self) -> float | None:
        """When :meth:`poll` may decide the withheld keys (None: nothing withheld)."""
        if not self._keys:
            return None
        return self._keys[-1].t + (self.scan_gap if self._scanning else self.hold_gap)

    # -- input ---------------------------------------------------------------------------------

    def feed(self, text: str, t: float) -> WedgeResult:
        """One keystroke that produced ``text`` at time ``t`` (non-decreasing)."""
        result = self.poll(t)
        key = Key(text, t)
        if text and text in self.terminators and len(text) == 1:
            if self._scanning:
                return result + self._finish(key)
            return result + self._release_all(extra=key)
        if len(text) != 1:
            # An input-method commit or a dead-key composition: people, not scanners.
            return result + self._release_all(extra=key)
        previous = self._keys[-1].t if self._keys else None
        self._keys.append(key)
        if self._scanning:
            assert previous is not None
            if t - previous > self.max_gap:
                self._slow += 1
                if self._slow > self._slow_allowance():
                    return result + self._release_all()
            if len(self._keys) >= self.max_length:
                return result + self._finish(None)
            return result
        return result + self._classify()

    def poll(self, t: float) -> WedgeResult:
        """Decide the withheld keys if the idle gap is over at ``t``."""
        deadline = self.deadline()
        if deadline is None or t < deadline:
            return _EMPTY
        return self._idle_end()

    def flush(self, t: float) -> WedgeResult:
        """Decide now (focus moved, a non-character key was pressed): a scan long enough to stand
        on its own is reported, anything else released."""
        return self._idle_end()

    # -- internals -----------------------------------------------------------------------------

    def _idle_end(self) -> WedgeResult:
        """The withheld keys stop without a terminator: a scan, an incomplete scan, or typing."""
        long_enough = len(self._keys) >= self.min_idle_length
        if self._scanning and long_enough and self._slow <= self._slow_allowance():
            if self.requires_suffix or self._tail:
                return self._broken()
            return self._finish(None)
        if self._scanning and self.requires_suffix:
            # too short to tell from a fast typist: given back, but a burst right after it is
            # still the rest of a broken scan
            self._broken_at = self._keys[-1].t
        return self._release_all()

    def _broken(self) -> WedgeResult:
        keys = tuple(self._keys)
        self._broken_at = keys[-1].t
        self._reset()
        return WedgeResult(swallow=keys, incomplete="".join(k.text for k in keys))

    def _slow_allowance(self) -> int:
        return max(1, len(self._keys) // 8)

    def _classify(self) -> WedgeResult:
        """Not scanning yet: find the run of keys that could still become a scan; release the
        keys before it (they are certainly human) and start scanning when the run is fast enough."""
        keys = self._keys
        start = len(keys) - 1
        slow = 0
        fast = 0
        while start > 0:
            gap = keys[start].t - keys[start - 1].t
            if gap > self.max_gap:
                if gap > self.hold_gap or slow == 1:
                    break
                slow += 1
            else:
                fast += 1
            start -= 1
        released = tuple(keys[:start])
        del keys[:start]
        if fast >= self.min_length - 1:
            self._scanning = True
            self._slow = slow
            self._tail = self._broken_at is not None and keys[0].t - self._broken_at <= self.tail_gap
        return WedgeResult(release=released) if released else _EMPTY

    def _finish(self, terminator: Key | None) -> WedgeResult:
        if terminator is not None:
            self.seen_suffix = True
        if self._tail:
            # the rest of a scan that broke off a moment ago: on its own it is a wrong code
            result = self._broken()
            return WedgeResult(swallow=(*result.swallow, terminator) if terminator else result.swallow,
                               incomplete=result.incomplete)
        keys = tuple(self._keys)
        text = "".join(k.text for k in keys)
        swallowed = (*keys, terminator) if terminator is not None else keys
        when = (terminator or keys[-1]).t
        self._reset()
        self.scans += 1
        event = ScanEvent(self.source, text.encode("utf-8"), text.strip(), when)
        return WedgeResult(swallow=swallowed, scan=event)

    def _release_all(self, extra: Key | None = None) -> WedgeResult:
        keys = tuple(self._keys) + ((extra,) if extra is not None else ())
        self._reset()
        return WedgeResult(release=keys) if keys else _EMPTY

    def _reset(self) -> None:
        self._keys = []
        self._scanning = False
        self._slow = 0
        self._tail = False
