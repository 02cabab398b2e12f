"""Door mode: one room, one glance — how many inside against capacity, may this person enter.

:class:`DoorWindow` is the window of a station with role ``door`` bound to a room (meta
``room_id``): a huge count / capacity with a gauge coloured by state (with an icon and words, so
colour is never the only signal), the entry / exit direction (F5 in, F6 out, F7 toggles; a scanner
may also be fixed to one direction: one scanner for in, one for out), verdict flashes with sound, the
current session and its rule, +1 / −1 clicker buttons (keys + and −), adjust with a reason (F9),
and near-full / full alerts (:mod:`ui.alerts`).

Scans and adjustments run on the task manager's ``write`` lane (one writer); the room's numbers
are read on the ``read`` lane after every change here, when the registry sync brings facts from the
room's other doors, and every two seconds (a session starting changes the rule and capacity).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from devices.events import ScanEvent
from ui.a11y import announce, sentences
from ui.alerts import STATE_STYLE, AlertBar, AlertCenter
from ui.app import warm_fonts
from ui.camera import CameraScan
from ui.i18n import core_text, translate, verdict_message
from ui.scanners import ScannerBridge, WedgeFilter
from ui.shortcuts import CAMERA_KEY, ShortcutsDialog, bind, install_help
from ui.sounds import SoundPlayer
from ui.taskman import TaskManager
from ui.theme import Theme, current, set_font_px, style
from ui.widgets import COLORS, BigLabel, KeyButton, Pill, StatusIcon, display_name, full_title
from venue_app import occupancy
from venue_app.clock import EventClock
from venue_app.errors import ConfigError
from venue_app.ops.problems import InvalidInput
from venue_app.ops.rooms import adjust_count
from venue_app.station import Station
from venue_app.verdicts import Verdict
from venue_app.views.door import door_view

__all__ = ["AdjustDialog", "CountPanel", "DoorWindow", "FittedNumber", "Gauge", "door_state",
           "open_door_window"]

log = logging.getLogger(__name__)

#: verdict status → headline words on the flash
HEADLINES = {
    "ok": QT_TRANSLATE_NOOP("DoorWindow", "WELCOME"),
    "not_allowed": QT_TRANSLATE_NOOP("DoorWindow", "NOT ALLOWED"),
    "room_full": QT_TRANSLATE_NOOP("DoorWindow", "ROOM FULL"),
    "not_inside": QT_TRANSLATE_NOOP("DoorWindow", "NOT RECORDED INSIDE"),
    "already_checked_in": QT_TRANSLATE_NOOP("DoorWindow", "ALREADY INSIDE"),
    "unknown": QT_TRANSLATE_NOOP("DoorWindow", "CODE NOT FOUND"),
    "invalid": QT_TRANSLATE_NOOP("DoorWindow", "INVALID CODE"),
    "revoked": QT_TRANSLATE_NOOP("DoorWindow", "BADGE REPLACED"),
    "cancelled": QT_TRANSLATE_NOOP("DoorWindow", "REGISTRATION CANCELLED"),
    "blocked": QT_TRANSLATE_NOOP("DoorWindow", "ENTRY REFUSED"),
    "wrong_event": QT_TRANSLATE_NOOP("DoorWindow", "WRONG EVENT"),
    "untrusted_issuer": QT_TRANSLATE_NOOP("DoorWindow", "UNKNOWN ISSUER"),
}
FLASH_MS = 4000


class Gauge(QWidget):
    """A thick horizontal bar: the fill is count / capacity in the state's colour, with marks at
    85 % (near-full) and 100 %; the words are drawn on it too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count, self.capacity, self.state = 0, 0, "normal"
        self.setMinimumHeight(54)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Occupancy gauge"))

    @property
    def fraction(self) -> float:
        if self.capacity <= 0:
            return 1.0 if self.count else 0.0
        return min(1.0, self.count / self.capacity)

    @property
    def color(self) -> str:
        return COLORS[STATE_STYLE[self.state][0]][0]

    def set(self, count: int, capacity: int, state: str) -> None:
        if (count, capacity, state) != (self.count, self.capacity, self.state):
            self.count, self.capacity, self.state = count, capacity, state
            self.setAccessibleDescription(self.tr("{count} of {capacity}: {state}").format(
                count=count, capacity=capacity, state=translate("alerts", STATE_STYLE[state][1])))
            self.setMinimumHeight(max(54, current().px(22) * 2 + 8))
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, max(54, current().px(22) * 2 + 8))

    def paintEvent(self, event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        t = current()
        p.setPen(QPen(QColor(t.border), 1.5))
        p.setBrush(QColor(t.track))
        p.drawRoundedRect(r, 10, 10)
        fill = QRectF(r.left(), r.top(), r.width() * self.fraction, r.height())
        if fill.width() > 0:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(self.color))
            p.drawRoundedRect(fill, 10, 10)
        p.setPen(QPen(QColor(t.text), 2, Qt.PenStyle.DashLine))
        x = r.left() + r.width() * occupancy.NEAR_FULL
        p.drawLine(int(x), int(r.top()) + 2, int(x), int(r.bottom()) - 2)
        pct = "—" if self.capacity <= 0 else f"{round(100 * self.count / self.capacity)} %"
        font = p.font()
        font.setPixelSize(t.px(22))
        font.setBold(True)
        p.setFont(font)
        text = f"{pct}  ·  {translate('alerts', STATE_STYLE[self.state][1])}"
        # readable on the fill and on the track alike: the part of the words over the fill in the
        # fill's text colour, the rest in the theme's text colour
        box = r.adjusted(16, 0, -16, 0)
        align = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        for clip, color in ((fill, COLORS[STATE_STYLE[self.state][0]][1]),
                            (r.adjusted(fill.width(), 0, 0, 0), t.text)):
            if clip.width() > 0:
                p.save()
                p.setClipRect(clip)
                p.setPen(QColor(color))
                p.drawText(box, align, text)
                p.restore()
        p.end()


#: the door's word for a count past capacity (the core's states stop at "full")
OVER_WORDS = QT_TRANSLATE_NOOP("DoorWindow", "OVER CAPACITY")
#: font size of "/ capacity" and of the state's words, as a share of the count's
CAPACITY_SCALE = 0.45
STATE_SCALE = 0.22


def door_state(count: int, capacity: int, state: str) -> str:
    """The state the door shows: the core's normal / near_full / full, and ``over`` past capacity."""
    return "over" if capacity > 0 and count > capacity else state


class FittedNumber(QLabel):
    """A number whose digits' ink fills the label's height (a plain QLabel reserves the font's whole
    line, a third of it empty above and below the digits), drawn in :attr:`color`. The ink box is
    that of every digit and the slash, so the number does not move when its digits change."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.color = QColor(current().text)

    @property
    def pad(self) -> float:
        return max(2.0, self.font().pixelSize() * 0.03)

    def set_px(self, px: int) -> None:
        font = self.font()
        if font.pixelSize() != px:
            font.setPixelSize(px)
            self.setFont(font)

    def set_color(self, color: str) -> None:
        if QColor(color) != self.color:
            self.color = QColor(color)
            self.update()

    @staticmethod
    def measure(font: QFont, text: str) -> tuple[float, float, float]:
        """(width, height, baseline) of ``text`` drawn in ``font`` the way this label draws it."""
        fm = QFontMetricsF(font)
        pad = max(2.0, font.pixelSize() * 0.03)
        ref = fm.tightBoundingRect("/0123456789")
        ink = fm.tightBoundingRect(text)
        left = min(0.0, ink.left())
        width = max(fm.horizontalAdvance(text), ink.right()) - left
        return width + 2 * pad, ref.height() + 2 * pad, pad - ref.top()

    def baseline(self) -> float:
        return self.measure(self.font(), self.text())[2]

    def sizeHint(self) -> QSize:
        width, height, _ = self.measure(self.font(), self.text())
        return QSize(math.ceil(width), math.ceil(height))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: Any) -> None:
        fm = QFontMetricsF(self.font())
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.setFont(self.font())
        p.setPen(self.color)
        p.drawText(QPointF(self.pad - min(0.0, fm.tightBoundingRect(self.text()).left()), self.baseline()),
                   self.text())
        p.end()


class CountPanel(QWidget):
    """The door's numbers: the count, as big as the space allows, in the state's colour; "/ capacity"
    beside it (under it when the width does not allow both big); the state's icon and words; the
    places left. Sizes follow the panel's size (the window's), never the other way round: a full
    screen makes the number bigger, a small laptop window never grows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count_label = FittedNumber("0", self)
        self.count_label.setAccessibleName(translate("DoorWindow", "People inside"))  # (the window's words)
        font = self.count_label.font()
        font.setWeight(QFont.Weight.Black)
        self.count_label.setFont(font)
        self.capacity_label = FittedNumber("/ 0", self)
        self.capacity_label.setAccessibleName(translate("DoorWindow", "Capacity"))  # (the window's words)
        font.setWeight(QFont.Weight.DemiBold)
        self.capacity_label.setFont(font)
        self.state_icon = StatusIcon(56, self)
        self.state_label = QLabel(self)
        font.setWeight(QFont.Weight.Black)
        self.state_label.setFont(font)
        self.left_label = QLabel(self)
        set_font_px(self.left_label, 22)  # follows the text size setting
        self.left_label.setWordWrap(True)
        self.left_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.state = "normal"
        self.stacked = False  # "/ capacity" under the count (a narrow window and a long number)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(640, 380)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 160)

    def set_numbers(self, count: int, capacity: int, state: str, words: str, left: str) -> None:
        """``state``: normal | near_full | full | over (see :func:`door_state`)."""
        self.count_label.setText(str(count))
        self.capacity_label.setText(f"/ {capacity}")
        self.state_label.setText(words)
        self.left_label.setText(left)
        self.state = state
        self.retheme()
        self.refit()

    def retheme(self) -> None:
        """Colours of the state (the theme's ink: readable on its background) and of the capacity."""
        t = current()
        color = "red" if self.state == "over" else STATE_STYLE[self.state][0]
        self.count_label.set_color(t.ink[color])
        self.capacity_label.set_color(t.muted)
        self.state_icon.set(color, COLORS[color][2])
        css = f"color: {t.ink[color]};"
        if self.state_label.styleSheet() != css:
            self.state_label.setStyleSheet(css)
        self.refit()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.refit()

    def _plan(self, px: int, stacked: bool) -> tuple[float, float, int, bool]:
        """(width, height, state words px, places-left beside the words) of the numbers at a count of
        ``px`` pixels."""
        t = current()
        font = QFont(self.count_label.font())
        font.setPixelSize(px)
        cw, ch, _ = FittedNumber.measure(font, self.count_label.text())
        font.setPixelSize(max(1, round(px * CAPACITY_SCALE)))
        kw, kh, _ = FittedNumber.measure(font, self.capacity_label.text())
        gap = px * 0.06
        words_px = max(t.px(24), round(px * STATE_SCALE))
        wfont = QFont(self.state_label.font())
        while True:  # long words (another language) shrink before they are cut
            wfont.setPixelSize(words_px)
            ww = QFontMetricsF(wfont).horizontalAdvance(self.state_label.text())
            if words_px * 1.15 + gap + ww <= self.width() or words_px <= t.px(24):
                break
            words_px = max(t.px(24), round(words_px * 0.92))
        words_h = QFontMetricsF(wfont).height()
        lm = QFontMetricsF(self.left_label.font())
        # the places left beside the words when the row has room for both, else on a line of its own
        beside = words_px * 1.15 + 2 * gap + ww + lm.horizontalAdvance(self.left_label.text()) + gap <= self.width()
        rows = words_h if beside else words_h + lm.lineSpacing() * 1.1
        if stacked:
            return max(cw, kw), ch + kh + rows + gap, words_px, beside
        return cw + gap + kw, ch + rows + gap, words_px, beside

    def refit(self) -> None:
        """The biggest count that fits the panel (by width and by height), and everything placed."""
        w, h = self.width(), self.height()
        if w <= 0 or h <= 0:
            return
        best: tuple[int, bool] | None = None
        for stacked in (False, True):
            px = max(24, int(h * 1.2))
            while px > 24:
                width, height, _words, _beside = self._plan(px, stacked)
                if width <= w and height <= h:
                    break
                px = int(px * 0.97)
            # side by side reads as one number; stacked only when it makes the count clearly bigger
            if best is None or px > best[0] * 1.15:
                best = (px, stacked)
        assert best is not None
        px, self.stacked = best
        _w, height, words_px, beside = self._plan(px, self.stacked)
        gap = px * 0.06
        self.count_label.set_px(px)
        self.capacity_label.set_px(max(1, round(px * CAPACITY_SCALE)))
        font = self.state_label.font()
        if font.pixelSize() != words_px:
            font.setPixelSize(words_px)
            self.state_label.setFont(font)
        count, cap = self.count_label.sizeHint(), self.capacity_label.sizeHint()
        y = max(0.0, (h - height) / 2)  # room to spare (a narrow window): centred, not at the top
        self.count_label.setGeometry(0, round(y), count.width(), count.height())
        if self.stacked:
            self.capacity_label.setGeometry(0, round(y + count.height()), cap.width(), cap.height())
            y += count.height() + cap.height() + gap
        else:
            base = y + self.count_label.baseline() - self.capacity_label.baseline()
            self.capacity_label.setGeometry(round(count.width() + gap), round(base), cap.width(), cap.height())
            y += count.height() + gap
        fm = QFontMetricsF(font)
        words_h = fm.height()
        icon = round(words_px * 1.15)
        self.state_icon.setFixedSize(icon, icon)
        self.state_icon.move(0, round(y + (words_h - icon) / 2))
        words_w = math.ceil(fm.horizontalAdvance(self.state_label.text())) + 2
        self.state_label.setGeometry(round(icon + gap), round(y), min(words_w, max(1, round(w - icon - gap))),
                                     math.ceil(words_h))
        lm = QFontMetricsF(self.left_label.font())
        if beside:  # on the words' baseline
            x = round(icon + 2 * gap + words_w)
            top = y + fm.ascent() - lm.ascent()
            self.left_label.setGeometry(x, round(top), max(1, w - x), math.ceil(lm.height()) + 2)
        else:
            y += words_h
            self.left_label.setGeometry(0, round(y), w, max(1, h - round(y)))


class AdjustDialog(QDialog):
    """A signed correction of the count with its reason (both required)."""

    def __init__(self, room_name: str, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Adjust the count of {room}").format(room=room_name))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("The count is {count}. Add or remove people that passed without a scan.").format(
            count=count)))
        self.delta = QSpinBox(self)
        self.delta.setRange(-9999, 9999)
        self.delta.setValue(1)
        self.delta.setPrefix(self.tr("change by "))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("e.g. group of interpreters let in by security"))
        form.addRow(self.tr("Change"), self.delta)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if self.delta.value() != 0 and self.reason.text().strip():
            self.accept()
        else:
            self.reason.setFocus()

    @staticmethod
    def ask(room_name: str, count: int, parent: QWidget | None) -> tuple[int, str] | None:
        dialog = AdjustDialog(room_name, count, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.delta.value(), dialog.reason.text().strip()


class _Flash(QFrame):
    """The last verdict, big, in its colour with an icon shape; back to the idle prompt after a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(18)
        self.icon = StatusIcon(96, self)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.headline = BigLabel(40, QFont.Weight.Bold, self)
        self.name = BigLabel(26, QFont.Weight.DemiBold, self)
        self.message = BigLabel(18, parent=self)
        for w in (self.headline, self.name, self.message):
            text.addWidget(w)
        text.addStretch(1)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        self.setMinimumHeight(150)
        self.color = "idle"
        self.status = ""
        self.setAccessibleName(self.tr("Last scan"))
        self._shown: tuple[str, str, str, str, str] | None = None

    def retheme(self) -> None:
        """Called by ui.theme after a theme change: the same flash in the new colours."""
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, color: str, headline: str, name: str, message: str, status: str = "") -> None:  # type: ignore[override]
        self._shown = (color, headline, name, message, status)
        bg, fg, accent = COLORS[color]
        self.color, self.status = color, status
        self.icon.set(color, fg if color != "idle" else accent)
        self.headline.setText(headline)
        self.name.setText(name)
        self.name.setVisible(bool(name))
        self.message.setText(message)
        self.setStyleSheet(f"_Flash {{ background: {bg}; border: 3px solid {accent}; border-radius: 12px; }}"
                           f" QLabel {{ color: {fg}; background: transparent; }}")
        words = sentences(headline, name, message)
        announce(self, f"{words} ({self.icon.accessibleName()})", speak=color != "idle")

    def texts(self) -> str:
        return " | ".join(w.text() for w in (self.headline, self.name, self.message))


def _direction_css(t: Theme, direction: str, chosen: str) -> str:
    """The IN / OUT button: the chosen one filled (blue in, grey out), with the arrow and words."""
    if direction != chosen:
        return f"QPushButton {{ font-size: {t.px(24)}px; }}"
    bg, fg, accent = t.verdict["blue" if direction == "in" else "grey"]
    return (f"QPushButton {{ font-size: {t.px(24)}px; font-weight: 700; background: {bg}; color: {fg};"
            f" border: 3px solid {accent}; }}")


class DoorWindow(QMainWindow):
    """The door station window for ``room_id``."""

    verdict_shown = Signal(str)  # verdict status, after the flash is painted
    refreshed = Signal(dict)  # the door view just shown
    direction_changed = Signal(str)

    def __init__(self, station: Station, room_id: str, tasks: TaskManager, *, sounds: SoundPlayer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.room_id, self.tasks = station, room_id, tasks
        self.sounds = sounds or SoundPlayer(False)
        self.direction = "in"
        self.view: dict[str, Any] = {}
        self.scanners: list[tuple[ScannerBridge, str | None]] = []
        #: asks for (delta, reason) of a manual adjustment; tests replace it
        self.ask_adjust: Callable[[str, int], tuple[int, str] | None] = lambda name, count: AdjustDialog.ask(
            name, count, self)
        self.sync_engine: Any = None
        self._refreshing = False
        self._again = False
        self.setWindowTitle(self.tr("Door — {station}").format(station=station.name))
        self._build()
        self.alerts = AlertCenter(self.sounds, [room_id], self)
        self.alert_bar = AlertBar(self.alerts, EventClock.of(self.station.event), self)
        self._alerts_slot.addWidget(self.alert_bar)
        self.wedge = WedgeFilter(suffix=str(station.settings["wedge_suffix"]), parent=self)
        self.wedge.scanned.connect(lambda ev: self.handle_scan(ev, None))
        self.wedge.incomplete.connect(self._scan_incomplete)
        self.wedge.install()
        # the camera as a fallback scanner (F12), its preview under the direction buttons while on
        self.camera = CameraScan(tasks, station.settings, self)
        self.camera.scanned.connect(lambda ev: self.handle_scan(ev, None))
        self._camera_slot.addWidget(self.camera.preview)
        self._timer = QTimer(self)
        self._timer.setInterval(2000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._idle)
        self._shortcuts()
        self.set_direction("in")
        self.refresh()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget(self)
        central.setObjectName("door")
        root = QVBoxLayout(central)
        root.setContentsMargins(22, 16, 22, 16)
        root.setSpacing(12)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        self.title = BigLabel(34, QFont.Weight.Bold, central)
        self.subtitle = QLabel(central)
        style(self.subtitle, lambda t: f"color: {t.muted};")
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        self.scanner_pill = Pill(self.tr("keyboard scanner"), "grey", central, bold=False)
        self.sync_pill = Pill(self.tr("standalone"), "grey", central, bold=False)
        head.addWidget(self.scanner_pill, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.sync_pill, 0, Qt.AlignmentFlag.AlignTop)
        self.help_button = KeyButton("F1", self.tr("Keys and display"), central)
        self.help_button.setToolTip(self.tr("Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)"))
        self.help_button.clicked.connect(self.show_help)
        head.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(head)
        self._alerts_slot = QVBoxLayout()
        root.addLayout(self._alerts_slot)

        body = QHBoxLayout()
        body.setSpacing(22)
        left = QVBoxLayout()
        self.numbers = CountPanel(central)
        self.count_label = self.numbers.count_label
        self.capacity_label = self.numbers.capacity_label
        self.state_icon = self.numbers.state_icon
        self.state_label = self.numbers.state_label
        self.left_label = self.numbers.left_label
        left.addWidget(self.numbers, 1)
        self.gauge = Gauge(central)
        left.addWidget(self.gauge)
        self.rule_box = QFrame(central)
        style(self.rule_box, lambda t: f"QFrame {{ background: {t.base}; border: 1px solid {t.soft_border};"
              " border-radius: 8px; } QLabel { border: none; }")
        rule_layout = QVBoxLayout(self.rule_box)
        self.session_label = BigLabel(22, QFont.Weight.DemiBold, self.rule_box)
        self.rule_label = BigLabel(17, parent=self.rule_box)
        rule_layout.addWidget(self.session_label)
        rule_layout.addWidget(self.rule_label)
        self._rule_minimum()
        left.addWidget(self.rule_box)
        body.addLayout(left, 5)

        right = QVBoxLayout()
        right.setSpacing(10)
        dir_row = QHBoxLayout()
        self.in_button = QPushButton(self.tr("➜  IN   (F5)"), central)
        self.out_button = QPushButton(self.tr("⬅  OUT   (F6)"), central)
        self.direction_group = QButtonGroup(self)
        for button, direction in ((self.in_button, "in"), (self.out_button, "out")):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(64)
            # the key is in the button's text; F7 (toggle) in the tooltip and the F1 list
            button.setToolTip(self.tr("Scans count as entries (F5); F7 toggles") if direction == "in"
                              else self.tr("Scans count as exits (F6); F7 toggles"))
            button.setAccessibleName(self.tr("Direction: in") if direction == "in" else self.tr("Direction: out"))
            button.clicked.connect(lambda _=False, d=direction: self.set_direction(d))
            self.direction_group.addButton(button)
            dir_row.addWidget(button)
        right.addLayout(dir_row)
        self._camera_slot = QVBoxLayout()
        right.addLayout(self._camera_slot)
        self.flash = _Flash(central)
        right.addWidget(self.flash, 1)
        clicker = QHBoxLayout()
        self.plus_button = KeyButton("+", self.tr("One in"), central)
        self.minus_button = KeyButton("−", self.tr("One out"), central)
        self.adjust_button = KeyButton("F9", self.tr("Adjust…"), central)
        for b in (self.plus_button, self.minus_button):
            b.setMinimumHeight(58)
            set_font_px(b, 22, QFont.Weight.Bold)
        self.adjust_button.setMinimumHeight(58)
        self.plus_button.clicked.connect(lambda: self.click(+1))
        self.minus_button.clicked.connect(lambda: self.click(-1))
        self.adjust_button.clicked.connect(self.adjust)
        clicker.addWidget(self.plus_button)
        clicker.addWidget(self.minus_button)
        clicker.addWidget(self.adjust_button)
        right.addLayout(clicker)
        body.addLayout(right, 3)
        root.addLayout(body, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage("")

    def _rule_minimum(self) -> None:
        # a wrapped label asks for its height at its narrowest: three times what it needs here, and
        # enough to push a maximised 1366×768 window past the screen
        for label in (self.session_label, self.rule_label):
            label.setMinimumSize(200, label.fontMetrics().lineSpacing())

    def _shortcuts(self) -> None:
        keys: list[tuple[str, Callable[[], None], str]] = [
            ("F5", lambda: self.set_direction("in"), self.tr("Scans count as entries (IN)")),
            ("F6", lambda: self.set_direction("out"), self.tr("Scans count as exits (OUT)")),
            ("F7", lambda: self.set_direction("out" if self.direction == "in" else "in"),
             self.tr("Switch between IN and OUT")),
            ("+", lambda: self.click(+1), self.tr("One in without a scan (clicker)")),
            ("-", lambda: self.click(-1), self.tr("One out without a scan (clicker)")),
            ("F9", self.adjust, self.tr("Adjust the count, with a reason")),
            (CAMERA_KEY, lambda: self.camera.toggle(), self.tr("Camera as a scanner on/off (choose it in "
                                                               "Station setup)")),
        ]
        for key, slot, what in keys:
            bind(self, key, slot, what)
        install_help(self, self.station.settings)

    def show_help(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self, self.station.settings)
        dialog.open()
        return dialog

    def retheme(self) -> None:
        """Called by ui.theme after a theme change: what is drawn in theme colours by hand."""
        self._rule_minimum()
        self.gauge.setMinimumHeight(self.gauge.sizeHint().height())
        self.gauge.updateGeometry()

    # -- direction and scanners ----------------------------------------------------------------
    def set_direction(self, direction: str) -> None:
        if direction not in ("in", "out"):
            raise ValueError(f"direction is in or out, not {direction!r}")
        self.direction = direction
        for button, d in ((self.in_button, "in"), (self.out_button, "out")):
            button.setChecked(d == direction)
            style(button, lambda t, d=d: _direction_css(t, d, self.direction))
        if self.flash.color == "idle":
            self._idle()
        self.direction_changed.emit(direction)

    def open_scanner(self, spec: str, direction: str | None = None) -> ScannerBridge:
        """Open a scanner; with ``direction`` its scans are always entries (``"in"``) or exits
        (``"out"``) whatever the toggle says — one scanner at each side of the door."""
        if direction not in (None, "in", "out"):
            raise ValueError(f"direction is in or out, not {direction!r}")
        bridge = ScannerBridge(self.tasks, self)
        bridge.scanned.connect(lambda ev: self.handle_scan(ev, direction))
        bridge.status.connect(lambda _e: self._scanners_changed())
        self.scanners.append((bridge, direction))
        from devices import SerialSettings

        bridge.open(spec, SerialSettings.from_station(self.station.settings))
        self._scanners_changed()
        return bridge

    def _scanners_changed(self) -> None:
        if not self.scanners:
            self.scanner_pill.set(self.tr("keyboard scanner"), "grey")
            return
        parts, worst = [], "green"
        for bridge, direction in self.scanners:
            fixed = f" ({self.tr('IN') if direction == 'in' else self.tr('OUT')})" if direction else ""
            state = {"connected": self.tr("connected"), "searching": self.tr("searching"), "none": self.tr("none"),
                     "disconnected": self.tr("disconnected"), "error": self.tr("error")}.get(bridge.state, bridge.state)
            parts.append(f"{state}{fixed}")
            if bridge.state != "connected":
                worst = "amber"
        self.scanner_pill.set(self.tr("Scanner {states}").format(states=", ".join(parts)), worst)

    # -- scans ---------------------------------------------------------------------------------
    def handle_scan(self, event: ScanEvent, direction: str | None = None) -> None:
        d = direction or self.direction
        self.tasks.run(self.station.scan, event.raw or event.text, source=event.source, room=self.room_id,
                       direction=d, lane="write", label="door scan",
                       on_done=lambda v: self._scanned(v, d), on_error=self._failed)

    def _scanned(self, verdict: Verdict, direction: str) -> None:
        self.show_verdict(verdict, direction)
        self.refresh()

    def show_verdict(self, verdict: Verdict, direction: str) -> None:
        person = verdict.attendee
        name = display_name(person)
        title = full_title(person)
        if title and name:
            name = f"{name} · {title}"
        headline = translate("DoorWindow", HEADLINES[verdict.status]) if verdict.status in HEADLINES \
            else verdict.status.upper()
        if verdict.ok:
            headline = self.tr("WELCOME — IN") if direction == "in" else self.tr("GOODBYE — OUT")
        message = verdict_message(verdict)
        warning = verdict.details.get("warning") if verdict.details else None
        color = verdict.color
        if verdict.ok and warning:
            message, color = f"{message} {core_text(str(warning)) or warning}", \
                "amber" if "full" in str(warning).lower() else color
        self.flash.show(color, headline, name, message, verdict.status)
        self.sounds.play(verdict.sound)
        self._idle_timer.start(FLASH_MS)
        self.flash.repaint()
        self.verdict_shown.emit(verdict.status)

    def _scan_incomplete(self, text: str) -> None:
        """A keyboard scan stopped before its Enter: nobody is let in or out on half a code."""
        self.flash.show("amber", self.tr("SCAN AGAIN"), "",
                        self.tr("The scanner stopped after {count} characters. Nothing was recorded.").format(
                            count=len(text)), "error")
        self.sounds.play("attention")
        self._idle_timer.start(FLASH_MS)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, InvalidInput):  # the headline says nothing was recorded: the reasons alone
            text = " ".join(p.message for p in exc.problems)
        else:
            text = str(exc) if isinstance(exc, ConfigError) else self.tr("Something went wrong: {error}").format(
                error=exc)
        self.flash.show("amber", self.tr("NOT RECORDED"), "", text, "error")
        self.sounds.play("attention")
        self._idle_timer.start(FLASH_MS)
        self.verdict_shown.emit("error")

    def _idle(self) -> None:
        headline = self.tr("Scan for ENTRY") if self.direction == "in" else self.tr("Scan for EXIT")
        self.flash.show("idle", headline, "", self.tr("Badge QR or the code from the confirmation e-mail."))

    # -- clicker and adjustments ---------------------------------------------------------------
    def click(self, delta: int) -> None:
        self.tasks.run(adjust_count, self.station, self.room_id, delta, reason="clicker", anonymous=True, lane="write",
                       label="clicker", on_done=lambda _r: self._adjusted(delta, "clicker"), on_error=self._failed)

    def adjust(self) -> None:
        answer = self.ask_adjust(self.view.get("name", self.room_id), int(self.view.get("count", 0)))
        if answer is None:
            return
        delta, reason = answer
        self.tasks.run(adjust_count, self.station, self.room_id, delta, reason=reason, anonymous=False, lane="write",
                       label="adjust", on_done=lambda _r: self._adjusted(delta, reason), on_error=self._failed)

    def _adjusted(self, delta: int, reason: str) -> None:
        reason = self.tr("clicker") if reason == "clicker" else reason
        self.statusBar().showMessage(self.tr("Count {delta} ({reason}) recorded").format(
            delta=f"{'+' if delta > 0 else '−'}{abs(delta)}", reason=reason), 4000)
        self.refresh()

    # -- the room's numbers --------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the room's numbers on a worker; coalesced: one read in flight, one more queued."""
        if self._refreshing:
            self._again = True
            return
        self._refreshing = True
        self.tasks.run(door_view, self.station, self.room_id, lane="read", label="door view",
                       on_done=self._show_view, on_error=self._view_failed)

    def _view_failed(self, exc: BaseException) -> None:
        self._refreshing = False
        log.warning("door view failed: %s", exc)

    def _show_view(self, view: dict[str, Any]) -> None:
        self._refreshing = False
        self.view = view
        count, capacity, state = view["count"], view["capacity"], view["state"]
        shown = door_state(count, capacity, state)
        words = translate("DoorWindow", OVER_WORDS) if shown == "over" else translate("alerts", STATE_STYLE[state][1])
        self.title.setText(view["name"])
        self.subtitle.setText(" · ".join(x for x in (
            view["zone"], self.tr("door station {station}").format(station=self.station.name)) if x))
        left = capacity - count
        if left > 0:
            left_text = self.tr("%n place(s) left", "", left)
        elif view["policy"] == "block":
            left_text = self.tr("No places left — entries are refused")
        else:
            left_text = self.tr("%n over capacity", "", -left) if left < 0 else self.tr("At capacity — warn on entry")
        self.numbers.set_numbers(count, capacity, shown, words, left_text)
        self.gauge.set(count, capacity, state)
        session = view["session"]
        self.session_label.setText(self.tr("Now: {session}").format(session=session) if session
                                   else self.tr("No session running — the room's own rule"))
        policy = self.tr("full → entries refused") if view["policy"] == "block" else self.tr("full → warning only")
        reentry = self.tr("re-entry allowed") if view["reentry"] else self.tr("no re-entry")
        self.rule_label.setText(self.tr("{rule} · capacity {capacity}, {policy} · {reentry}").format(
            rule=core_text(view["rule"]) or view["rule"], capacity=capacity, policy=policy, reentry=reentry))
        self.alerts.update([view])
        self.refreshed.emit(view)
        if self._again:
            self._again = False
            self.refresh()

    def set_sync(self, status: Any) -> None:
        """A :class:`ui.statusbar.SyncStatus` (from :class:`ui.sync.EngineSync`): show it, re-read."""
        from ui.statusbar import describe_sync

        text, color, tip = describe_sync(status, EventClock.of(self.station.event))
        self.sync_pill.set(text, color)
        self.sync_pill.setToolTip(tip)
        self.refresh()

    # -- lifecycle -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        self._timer.stop()
        self._idle_timer.stop()
        if self.sync_engine is not None:
            engine, self.sync_engine = self.sync_engine, None
            engine.stop()
        self.wedge.uninstall()
        self.camera.stop()
        for bridge, _ in self.scanners:
            bridge.close()
        self.tasks.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def open_door_window(station: Station, *, room: str | None = None, tasks: TaskManager | None = None,
                     scanners: list[tuple[str, str | None]] | None = None, sounds: bool | None = None,
                     sync: bool = True) -> DoorWindow:
    """A door window for ``station`` (the QApplication must exist), bound to ``room`` or to the
    station's ``room_id``; ``scanners``: ``[(spec, "in"|"out"|None), …]`` opened at once; with
    ``sync`` an enrolled station replicates with its registry and re-reads on every change."""
    from ui import i18n

    i18n.ensure()
    room_id = room or station.replica.get_meta("room_id")
    if not room_id:
        raise ConfigError("this door station is not bound to a room (enrol it with --role door --room ROOM)")
    tasks = tasks or TaskManager()
    player = SoundPlayer(bool(station.settings["sounds"]) if sounds is None else sounds)
    window = DoorWindow(station, str(room_id), tasks, sounds=player)
    tasks.setParent(window)
    if sync:
        from ui.sync import sync_for

        engine = sync_for(station, tasks)
        if engine is not None:
            engine.listeners.append(window.set_sync)
            window.sync_engine = engine
    for spec, direction in scanners or []:
        window.open_scanner(spec, direction)
    QTimer.singleShot(0, window, warm_fonts)  # every script's font opened before the first name shows
    return window
