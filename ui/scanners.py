"""Scanners as Qt signals on the GUI thread.

* :class:`ScannerBridge` opens a scanner of :mod:`devices` (serial / USB COM, ``auto``, ``sim://``)
  whose reader thread reports through :meth:`ui.taskman.TaskManager.post`, so ``scanned`` and
  ``status`` are always emitted on the GUI thread.
* :class:`WedgeFilter` is the application-wide event filter for keyboard-wedge scanners. Every
  character key is withheld from its widget and fed to :class:`devices.wedge.WedgeDecoder`; keys a
  person typed are given back to the same widget in order (after at most ~60 ms), keys a scanner
  typed are swallowed and become one ``scanned`` signal. So a scan never lands in the search field,
  whatever has focus. Input methods (IBus, Fcitx) see keys before any Qt filter, so the filter
  tells them that no widget takes one, except fields marked with :data:`INPUT_METHOD` (a walk-in's
  name; the desk's search field while staff turn it on).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QInputMethodQueryEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from devices import ScannerConfigError, ScannerState, SerialSettings, open_scanner
from devices.events import StatusEvent
from devices.factory import KEYBOARD_SPECS, Scanner
from devices.wedge import Key, WedgeDecoder, WedgeResult
from ui.taskman import TaskManager

__all__ = ["INPUT_METHOD", "MODIFIER_KEYS", "NATIVE_TEXT_FIELDS", "ScannerBridge", "WedgeFilter", "allow_input_method"]

#: dynamic property of a widget that takes an input method (IBus, Fcitx) while the wedge is on:
#: keys typed there go to the IME first, so a scanner cannot be read in it
INPUT_METHOD = "venueInputMethod"

#: attendee fields that may hold text in the person's own script, typed with an input method
NATIVE_TEXT_FIELDS = frozenset({"honorific", "given_name", "family_name", "native_name", "organisation",
                                "job_title", "delegation"})


def allow_input_method(widget: QWidget, allowed: bool = True) -> None:
    """Let ``widget`` take an input method (or not), telling the IM at once if it has the focus."""
    if bool(widget.property(INPUT_METHOD)) == allowed:
        return
    widget.setProperty(INPUT_METHOD, allowed)
    if widget.hasFocus():
        QGuiApplication.inputMethod().reset()  # a half-typed pinyin preedit is dropped, not committed later
        QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImEnabled)

log = logging.getLogger(__name__)


class ScannerBridge(QObject):
    """One device scanner (or none, for keyboard-only desks) with its state for the status pill."""

    scanned = Signal(object)  # devices.events.ScanEvent
    rejected = Signal(object)  # devices.events.RejectedFrame
    status = Signal(object)  # devices.events.StatusEvent

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.scanner: Scanner | None = None
        self.spec = ""
        self.state = "none"
        self.detail = QT_TRANSLATE_NOOP("ScannerBridge", "keyboard only")  # English; the status bar translates
        #: optional fast path, called on the reader thread instead of emitting ``scanned``: the desk
        #: hands the scan straight to its writer lane (thread-safe), saving one wait for the GUI
        #: thread on the way to the verdict
        self.direct: Callable[[Any], None] | None = None

    def open(self, spec: str, settings: SerialSettings | None = None) -> None:
        """Open ``spec`` (closing the previous scanner); ``keyboard``/empty means the wedge only."""
        self.close()
        self.spec = (spec or "").strip()
        if not self.spec or self.spec.lower() in KEYBOARD_SPECS:
            self._set("none", QT_TRANSLATE_NOOP("ScannerBridge", "keyboard scanner"))
            return
        post = self._tasks.post
        try:
            self.scanner = open_scanner(
                self.spec,
                on_scan=self._on_scan,
                on_status=lambda ev: post(lambda: self._on_status(ev)),
                on_reject=lambda ev: post(lambda: self.rejected.emit(ev)),
                settings=settings,
            )
        except ScannerConfigError as exc:
            self._set("error", str(exc))

    def _on_scan(self, event: Any) -> None:  # on the reader thread
        direct = self.direct
        if direct is not None:
            direct(event)
        else:
            self._tasks.post(lambda: self.scanned.emit(event))

    def close(self) -> None:
        scanner, self.scanner = self.scanner, None
        if scanner is not None:
            scanner.stop(2.0)
        self._set("none", QT_TRANSLATE_NOOP("ScannerBridge", "no scanner"))

    @property
    def running(self) -> bool:
        return self.scanner is not None

    def _on_status(self, event: StatusEvent) -> None:
        if self.scanner is None or event.source != self.scanner.source:
            return  # a late report from a scanner already closed
        where = event.port or self.spec
        if event.state == ScannerState.CONNECTED:
            self._set("connected", where)
        elif event.state in (ScannerState.STARTING, ScannerState.SEARCHING):
            searching = QT_TRANSLATE_NOOP("ScannerBridge", "looking for a scanner…")
            self._set("searching", searching if self.spec == "auto" else where)
        elif event.state == ScannerState.STOPPED:
            self._set("none", QT_TRANSLATE_NOOP("ScannerBridge", "scanner stopped"))
        else:
            self._set("disconnected" if event.state == ScannerState.DISCONNECTED else "error",
                      event.reason or where)
        self.status.emit(event)

    def _set(self, state: str, detail: str) -> None:
        self.state, self.detail = state, detail


@dataclass
class _Held:
    """A key withheld from ``receiver``: enough to re-send an identical event."""

    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    autorep: bool
    native: tuple[int, int, int]


_CHORD = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
          | Qt.KeyboardModifier.MetaModifier)
#: Windows reports AltGr as Control+Alt: with both held and a printable text, the key typed a
#: character (€, @ on a German layout), it is not a shortcut
_ALTGR = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier

#: keys that only change what the next key types. A scanner in keyboard mode sends Shift around
#: every capital (and AltGr or Shift for symbols and, on AZERTY, for every digit); a scan must
#: run straight through them. They never reach the decoder and never end a scan.
MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock, Qt.Key.Key_Mode_switch,
    Qt.Key.Key_Direction_L, Qt.Key.Key_Direction_R,
})


def _chord(modifiers: Qt.KeyboardModifier, text: str) -> bool:
    """Whether a key with ``modifiers`` is a shortcut rather than a typed character."""
    if modifiers & _ALTGR == _ALTGR and len(text) == 1 and text.isprintable():
        return False
    return bool(modifiers & _CHORD)


class WedgeFilter(QObject):
    """Application-wide keyboard-wedge reader (install once with :meth:`install`)."""

    scanned = Signal(object)  # devices.events.ScanEvent
    #: a scan was recognised and is being typed (the UI may show "reading…")
    scanning = Signal(bool)
    #: a scan broke off before its Enter/Tab (the text it had): nothing judged, "scan again"
    incomplete = Signal(str)

    def __init__(self, decoder: WedgeDecoder | None = None, *, clock: Callable[[], float] = time.monotonic,
                 suffix: str = "auto", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.decoder = decoder or WedgeDecoder("keyboard", suffix=suffix)
        #: key times come from the window system's timestamps mapped onto ``time.monotonic``;
        #: a clock set by hand (tests play typing on a fake clock, no sleeps) is the only time source
        self._clock = clock
        self._stamps = clock is time.monotonic
        self.enabled = True
        self._held: dict[Key, list[_Held]] = {}  # withheld events by key value, oldest first
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)
        self._ime_off: QWidget | None = None
        self._reading = False
        self._offset: float | None = None  # clock() minus the window system's key time, at its smallest
        self._last_ts = 0
        self._last_t = float("-inf")
        self._deferred = False
        self._installed = False

    @property
    def clock(self) -> Callable[[], float]:
        return self._clock

    @clock.setter
    def clock(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._stamps = False
        self._offset = None
        self._last_t = float("-inf")

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            app.focusChanged.connect(self._on_focus_changed)
            self._installed = True

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            app.focusChanged.disconnect(self._on_focus_changed)
            self._installed = False
        self.flush()

    # -- the filter ----------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.InputMethodQuery and self.enabled and isinstance(
                event, QInputMethodQueryEvent) and event.queries() & Qt.InputMethodQuery.ImEnabled:
            return self._input_method_query(obj, event)
        if (not self._replaying and self.enabled and event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent)):
            self._override(event)
            return False
        if self._replaying or not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(obj, QWidget) or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        key = event.key()
        if key in MODIFIER_KEYS or (key == Qt.Key.Key_unknown and not text):
            # Shift/AltGr/Caps Lock…: not a character, not a decision either (the key after it is
            # what counts). Key_unknown without text: X sends it for ISO_Level3/5 latches on some
            # layouts.
            return False
        now = self._key_time(event)
        # Linefeed (xdotool's "\n", some scanners' LF suffix) arrives as an unknown key with text "\n"
        is_terminator = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab) or text in ("\r", "\n")
        if is_terminator:
            if not self.decoder.pending:
                return False  # Enter in a form, Tab between fields: not ours
            text = "\t" if key == Qt.Key.Key_Tab else "\r"
        elif (len(text) != 1 or not text.isprintable() or _chord(event.modifiers(), text)
              or event.isAutoRepeat()):
            # a shortcut, an arrow, Backspace, an IME commit: decide what is withheld first, so
            # keys reach the widget in the order they were typed
            self._apply(self.decoder.flush(now))
            return False
        # remember the event under its Key value before feeding: the decoder may hand it back
        # (release) or drop it (swallow) in this very call
        self._held.setdefault(Key(text, now), []).append(
            _Held(obj, key, event.modifiers(), event.text(), event.isAutoRepeat(),
                  (event.nativeScanCode(), event.nativeVirtualKey(), event.nativeModifiers())))
        self._apply(self.decoder.feed(text, now))
        self._arm()
        return True

    def _input_method_query(self, obj: QObject, event: QInputMethodQueryEvent) -> bool:
        """Answer "no input method here" for every widget that has not asked for one.

        An input method (IBus, Fcitx) takes keys from the window system *before* Qt delivers them
        to any event filter, and a pinyin engine turns a scanner's letters into a preedit that
        never arrives. Qt's IM plugins only ask whether the focus widget accepts input methods
        (``ImEnabled``); a line edit says yes whatever its ``WA_InputMethodEnabled``. So the answer
        is overridden here: fields that need native-script text (a walk-in's name) set the
        :data:`INPUT_METHOD` property, the search field turns it on when staff ask for it."""
        obj.event(event)  # the widget answers the other queries of the same event
        allowed = bool(obj.property(INPUT_METHOD)) and event.value(Qt.InputMethodQuery.ImEnabled)
        event.setValue(Qt.InputMethodQuery.ImEnabled, bool(allowed))
        event.accept()
        return True

    def _override(self, event: QKeyEvent) -> None:
        """A key that a shortcut would take (the door's "-" clicker) while a scan is being typed:
        claim it for the widget, so it reaches :meth:`eventFilter` as a key and stays in the code
        ("MWC-ES-002" must not count three people out)."""
        text = event.text()
        if len(text) != 1 or not text.isprintable() or _chord(event.modifiers(), text):
            return
        pending = self.decoder.pending
        if pending and (self.decoder.scanning or self.clock() - pending[-1].t <= self.decoder.hold_gap):
            event.accept()

    # -- deciding ------------------------------------------------------------------------------
    def flush(self) -> None:
        self._apply(self.decoder.flush(self.clock()))

    def _key_time(self, event: QKeyEvent) -> float:
        """When the key was pressed, on :attr:`clock`: the window system's timestamp (X server time,
        ms) shifted by the smallest delivery delay seen. A GUI thread busy painting a verdict
        delivers queued keys late and together; their own timestamps keep the scanner's rhythm,
        so a stall of the app never splits a scan or makes a person's keys look fast."""
        now = self.clock()
        ts = event.timestamp() if self._stamps else 0
        if ts <= 0 or ts < self._last_ts:  # synthetic events, or a server clock that wrapped
            self._offset = None
            self._last_ts = max(ts, 0)
            t = now
        else:
            seconds = ts / 1000
            if self._offset is None or now - seconds < self._offset:
                self._offset = now - seconds
            self._last_ts = ts
            t = seconds + self._offset
        t = max(t, self._last_t)  # the decoder wants non-decreasing times
        self._last_t = t
        return t

    def _on_timer(self) -> None:
        if not self._deferred:
            # one more turn of the event loop first: keys the window system already queued are
            # delivered before timers, so a late timer cannot end a scan whose next key is waiting
            self._deferred = True
            QTimer.singleShot(0, self, self._on_timer)
            return
        self._deferred = False
        self._apply(self.decoder.poll(self.clock()))
        self._arm()

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._replaying:
            return
        self._apply(self.decoder.flush(self.clock()))

    def _arm(self) -> None:
        deadline = self.decoder.deadline()
        if deadline is None:
            self._timer.stop()
            self._reading_changed()
            return
        self._timer.start(max(0, round((deadline - self.clock()) * 1000)) + 1)
        if self.decoder.scanning:
            self._ime(False)
        self._reading_changed()

    def _reading_changed(self) -> None:
        """``scanning`` follows the decoder both ways: a "reading…" hint never outlives its scan,
        whether the scan ended, broke off or turned out to be typing."""
        now = self.decoder.scanning
        if now != self._reading:
            self._reading = now
            self.scanning.emit(now)

    def _take(self, key: Key) -> _Held | None:
        queue = self._held.get(key)
        if not queue:
            return None
        held = queue.pop(0)
        if not queue:
            del self._held[key]
        return held

    def _apply(self, result: WedgeResult) -> None:
        if not result:
            return
        for key in result.swallow:
            self._take(key)
        if result.release:
            self._replay(result.release)
        if result.scan is not None or not self.decoder.scanning:
            self._ime(True)
        self._reading_changed()
        if result.incomplete:
            log.info("incomplete keyboard scan dropped (%d characters, no Enter/Tab)", len(result.incomplete))
            self.incomplete.emit(result.incomplete)
        if result.scan is not None:
            self.scanned.emit(result.scan)

    def _replay(self, keys: tuple[Key, ...]) -> None:
        self._replaying = True
        try:
            for key in keys:
                held = self._take(key)
                if held is None or not shiboken6.isValid(held.receiver):
                    continue
                scan, virtual, mods = held.native
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    copy = QKeyEvent(kind, held.key, held.modifiers, scan, virtual, mods, held.text,
                                     held.autorep)
                    QApplication.sendEvent(held.receiver, copy)
        finally:
            self._replaying = False

    def _ime(self, enabled: bool) -> None:
        """A field that takes an input method loses it while a scan is read there (keys the IM let
        through, e.g. in its direct mode, must not start a preedit halfway) and gets it back after."""
        if not enabled:
            widget = QApplication.focusWidget()
            if widget is not None and self._ime_off is None and widget.property(INPUT_METHOD):
                allow_input_method(widget, False)
                self._ime_off = widget
            return
        widget, self._ime_off = self._ime_off, None
        if widget is not None and shiboken6.isValid(widget):
            allow_input_method(widget, True)
