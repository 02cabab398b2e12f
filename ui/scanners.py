"""Scanners as Qt signals on the GUI thread.

* :class:`ScannerBridge` opens a scanner of :mod:`devices` (serial / USB COM, ``auto``, ``sim://``)
  whose reader thread reports through :meth:`ui.taskman.TaskManager.post`, so ``scanned`` and
  ``status`` are always emitted on the GUI thread.
* :class:`WedgeFilter` is the application-wide event filter for keyboard-wedge scanners. Every
  character key is withheld from its widget and fed to :class:`devices.wedge.WedgeDecoder`; keys a
  person typed are given back to the same widget in order (after at most ~50 ms), keys a scanner
  typed are swallowed and become one ``scanned`` signal. So a scan never lands in the search field,
  whatever has focus. Input methods are switched off for the focused widget while a scan is
  recognised (a Chinese IME would otherwise capture the letters) and restored afterwards.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from devices import ScannerConfigError, ScannerState, SerialSettings, open_scanner
from devices.events import StatusEvent
from devices.factory import KEYBOARD_SPECS, Scanner
from devices.wedge import Key, WedgeDecoder, WedgeResult
from ui.taskman import TaskManager

__all__ = ["ScannerBridge", "WedgeFilter"]

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


class WedgeFilter(QObject):
    """Application-wide keyboard-wedge reader (install once with :meth:`install`)."""

    scanned = Signal(object)  # devices.events.ScanEvent
    #: a scan was recognised and is being typed (the UI may show "reading…")
    scanning = Signal(bool)

    def __init__(self, decoder: WedgeDecoder | None = None, *, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.decoder = decoder or WedgeDecoder("keyboard")
        self.clock = clock  # injectable: tests play human typing with a fake clock, no sleeps
        self.enabled = True
        self._held: dict[Key, list[_Held]] = {}  # withheld events by key value, oldest first
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)
        self._ime_off: QWidget | None = None
        self._installed = False

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
        if self._replaying or not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(obj, QWidget) or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        key = event.key()
        now = self.clock()
        is_terminator = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
        if is_terminator:
            if not self.decoder.pending:
                return False  # Enter in a form, Tab between fields: not ours
            text = "\t" if key == Qt.Key.Key_Tab else "\r"
        elif (len(text) != 1 or not text.isprintable() or event.modifiers() & _CHORD
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

    # -- deciding ------------------------------------------------------------------------------
    def flush(self) -> None:
        self._apply(self.decoder.flush(self.clock()))

    def _on_timer(self) -> None:
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
            return
        self._timer.start(max(0, round((deadline - self.clock()) * 1000)) + 1)
        if self.decoder.scanning:
            self._ime(False)

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
        if result.scan is not None:
            self.scanning.emit(False)
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
        """Input methods off for the focused widget during a scan, back on afterwards."""
        if not enabled:
            widget = QApplication.focusWidget()
            if widget is not None and self._ime_off is None and widget.testAttribute(
                    Qt.WidgetAttribute.WA_InputMethodEnabled):
                widget.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
                self._ime_off = widget
                QGuiApplication.inputMethod().reset()
                QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImEnabled)
                self.scanning.emit(True)
            return
        widget, self._ime_off = self._ime_off, None
        if widget is not None and shiboken6.isValid(widget):
            widget.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
            QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImEnabled)

