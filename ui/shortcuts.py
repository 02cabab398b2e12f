"""Keyboard shortcuts: one way to bind them, and the F1 help that lists them.

Every key of a window is a ``QShortcut`` whose ``whatsThis`` says what it does; :func:`bind` makes
one, :func:`shortcut_list` reads them back, and :class:`ShortcutsDialog` (F1) shows them all with a
button to the display settings (Ctrl+Shift+D). Keys are F-keys or chords with Ctrl: plain letters and
digits stay free for keyboard-wedge scanners (:class:`ui.scanners.WedgeFilter`) and typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["CAMERA_KEY", "DISPLAY_KEY", "HELP_KEY", "ShortcutsDialog", "bind", "install_help", "key_text",
           "shortcut_list"]

HELP_KEY = "F1"
DISPLAY_KEY = "Ctrl+Shift+D"
#: the camera as a scanner on/off, in the desk and the door (ui.camera); F5-F10 are taken there
CAMERA_KEY = "F12"
def _built_in() -> list[tuple[str, str]]:
    """Keys Qt handles by itself, listed in the help too (translated when asked, not at import)."""
    translate = QCoreApplication.translate  # this name (or self.tr): lupdate does not see an alias `tr`
    return [("Tab / Shift+Tab", translate("Shortcuts", "Next / previous field or button")),
            ("Space", translate("Shortcuts", "Press the focused button, tick the focused box")),
            ("Ctrl+Tab", translate("Shortcuts", "Next tab (where there are tabs)")),
            ("Esc", translate("Shortcuts", "Close a dialog without saving"))]


def key_text(key: str) -> str:
    """A key as the platform writes it ("Ctrl+Shift+D"; "⌘⇧D" on macOS)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def bind(window: QWidget, key: str, slot: Callable[[], Any], what: str, *,
         context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QShortcut:
    """A shortcut on ``window`` that the F1 help lists as ``what``."""
    shortcut = QShortcut(QKeySequence(key), window)
    shortcut.setContext(context)
    shortcut.setWhatsThis(what)
    shortcut.activated.connect(slot)
    return shortcut


def shortcut_list(window: QWidget) -> list[tuple[str, str]]:
    """(key, what) of every described shortcut of ``window``, in the order they were made."""
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for shortcut in window.findChildren(QShortcut):
        what = shortcut.whatsThis()
        entry = (shortcut.key().toString(QKeySequence.SequenceFormat.NativeText), what)
        if what and entry not in seen:
            seen.add(entry)
            out.append(entry)
    return out


class ShortcutsDialog(QDialog):
    """F1: every key of the window it belongs to, and the way to the display settings."""

    def __init__(self, window: QWidget, settings: Any = None) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.settings = settings
        rows = shortcut_list(window) + _built_in()
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("What it does")])
        self.table.setAccessibleName(self.tr("Shortcut list"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for i, (key, what) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(key))
            self.table.setItem(i, 1, QTableWidgetItem(what))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rows = rows
        intro = QLabel(self.tr("Every action has a key. Scanners keep working whatever has focus."), self)
        intro.setWordWrap(True)
        self.display = QPushButton(self.tr("Display: theme and text size… ({key})").format(
            key=key_text(DISPLAY_KEY)), self)
        self.display.setToolTip(self.tr("Colours, high contrast and text size ({key})").format(
            key=key_text(DISPLAY_KEY)))
        self.display.clicked.connect(self.open_display)
        self.display.setEnabled(settings is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.display)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def open_display(self) -> None:
        from ui.display import DisplayDialog

        if self.settings is not None:
            DisplayDialog(self.settings, self).open()


def install_help(window: QWidget, settings: Any) -> list[QShortcut]:
    """F1 (the shortcut list) and Ctrl+Shift+D (display settings) on ``window``; ``settings`` are the
    station's, where the display choice is saved."""
    from ui.display import DisplayDialog

    def show_help() -> None:
        ShortcutsDialog(window, settings).open()

    def show_display() -> None:
        DisplayDialog(settings, window).open()
    return [
        bind(window, HELP_KEY, show_help, QCoreApplication.translate("Shortcuts", "This list of keys")),
        bind(window, DISPLAY_KEY, show_display,
             QCoreApplication.translate("Shortcuts", "Display: theme (light, dark, high contrast) and text size")),
    ]
