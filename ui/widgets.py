"""Shared widgets and helpers: pills, verdict icons, big labels, names as people write them."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QSizePolicy, QWidget

from ui.theme import LIGHT, contrast_ratio, set_font_px, style
from venue_app.names import display_name

__all__ = [
    "COLORS",
    "BigLabel",
    "CompactList",
    "KeyButton",
    "Pill",
    "StatusIcon",
    "display_name",
    "full_title",
    "hline",
]

#: verdict colour → (background, foreground, accent); amber text is black for contrast. The theme
#: (ui.theme.apply_theme) updates it in place: read it when painting, not at import.
COLORS: dict[str, tuple[str, str, str]] = dict(LIGHT.verdict)


def full_title(person: dict[str, Any] | None) -> str:
    """Honorific and job title, once each ("H.E. · Mayor")."""
    if not person:
        return ""
    parts = [(person.get("honorific") or "").strip(), (person.get("job_title") or "").strip()]
    if parts[0].casefold() == parts[1].casefold():
        parts = parts[:1]
    return " · ".join(p for p in parts if p)


class Pill(QLabel):
    """A rounded coloured label (status words, categories, device states)."""

    def __init__(self, text: str = "", color: str = "grey", parent: QWidget | None = None, *,
                 bold: bool = True, elide: bool = False) -> None:
        super().__init__(parent)
        self._bold = bold
        #: ``elide``: when the pill gets less than its text's width (a status bar on a 1366 px screen)
        #: it ends in "…" instead of widening the window; the whole text stays its accessible name
        self.elide = elide
        self.full_text = text
        if elide:
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set(text, color)

    def set(self, text: str, color: str) -> None:
        background, foreground = (COLORS[color][:2] if color in COLORS else (color, _contrast(color)))
        self.color = color
        self.full_text = text
        self.setText(text)
        weight = 600 if self._bold else 400
        # the pill's words are its accessible name already (QLabel text); its colour is not announced
        self.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; border-radius: 11px;"
                           f" padding: 3px 11px; font-weight: {weight}; }}")
        if self.elide:
            self.setAccessibleName(text)
            self.updateGeometry()
            QTimer.singleShot(0, self, self._fit_text)  # once the layout has given it its new width

    def text(self) -> str:  # type: ignore[override]
        """What the pill says: the whole text, also while "…" stands for its end on screen."""
        return self.full_text if self.elide else super().text()

    def shown_text(self) -> str:
        return super().text()

    @property
    def elided(self) -> bool:
        return self.elide and self.shown_text() != self.full_text

    def _overhead(self) -> int:
        """Padding and frame around the words (style sheet box), measured rather than assumed."""
        return max(0, super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.shown_text()))

    def _words(self, text: str) -> int:
        """The width ``text`` needs, rounded up (an integer advance can be half a pixel short)."""
        return math.ceil(QFontMetricsF(self.font()).horizontalAdvance(text)) + 1

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.elide:
            hint.setWidth(self._overhead() + self._words(self.full_text))
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.elide:
            words = self.fontMetrics().horizontalAdvance(self.full_text)
            hint.setWidth(self._overhead() + min(words, self.fontMetrics().horizontalAdvance("M" * 6)))
        return hint

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.elide:
            self._fit_text()

    def _fit_text(self) -> None:
        room = self.width() - self._overhead()
        shown = self.full_text if self._words(self.full_text) <= room else \
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, max(0, room))
        if shown != self.shown_text():
            super().setText(shown)

    def retheme(self) -> None:
        """Called by ui.theme after a theme change: the verdict colours changed under the same name."""
        self.set(self.full_text, self.color)


def _contrast(hex_color: str) -> str:
    """Black or white text, whichever reads better on ``hex_color`` (a category's own colour)."""
    return "#111111" if contrast_ratio("#111111", hex_color) >= contrast_ratio("#ffffff", hex_color) else "#ffffff"


class BigLabel(QLabel):
    """A label with a fixed pixel size and weight, word-wrapped, selectable for copying names."""

    def __init__(self, px: int, weight: QFont.Weight = QFont.Weight.Normal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_font_px(self, px, weight)  # follows the text size setting
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.min_lines = 0

    def follow_width(self) -> None:
        """Ask for one line as the minimum height and take the rest from height-for-width. Qt's own
        minimum for wrapped text is its height at a narrow width (and "Minimum" makes the full text
        height the minimum), which made a long name grow the desk window. For labels in a scroll
        area, whose height then follows the width they are given."""
        self.min_lines = 1
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.min_lines <= 0 or not self.wordWrap():
            return hint
        m = self.contentsMargins()
        return QSize(hint.width(), min(hint.height(), self.fontMetrics().lineSpacing() * self.min_lines
                                       + m.top() + m.bottom() + 2 * self.margin()))


class CompactList(QListWidget):
    """A list that asks for ``rows`` rows of height, not Qt's default 192 px: a page of lists must fit
    a 1366×768 laptop screen; a layout still gives it every pixel left over."""

    def __init__(self, rows: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        row = max(self.sizeHintForRow(0), self.fontMetrics().height() + 6) if self.count() \
            else self.fontMetrics().height() + 6
        return QSize(hint.width(), row * self._rows + 2 * self.frameWidth())


_ICON_NAMES = {
    "green": lambda: QCoreApplication.translate("StatusIcon", "tick in a circle"),
    "amber": lambda: QCoreApplication.translate("StatusIcon", "warning triangle"),
    "red": lambda: QCoreApplication.translate("StatusIcon", "stop sign with a cross"),
    "idle": lambda: QCoreApplication.translate("StatusIcon", "scanner"),
    "blue": lambda: QCoreApplication.translate("StatusIcon", "scanner"),
    "grey": lambda: QCoreApplication.translate("StatusIcon", "scanner"),
}


class StatusIcon(QWidget):
    """A drawn icon whose *shape* carries the verdict too: a check in a circle (ok), a triangle with
    an exclamation mark (attention), an octagon with a cross (refused). Colour is never the only
    signal (colour-blind staff, washed-out screens)."""

    def __init__(self, size: int = 120, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "idle"
        self.fg = QColor("#ffffff")
        self.setFixedSize(QSize(size, size))

    def set(self, kind: str, fg: str) -> None:
        self.kind, self.fg = kind, QColor(fg)
        # the shape in words, for screen readers (the words next to the icon say the rest)
        self.setAccessibleName(_ICON_NAMES.get(kind, _ICON_NAMES["idle"])())
        self.update()

    def paintEvent(self, event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = float(min(self.width(), self.height()))
        m = s * 0.06
        box = QRectF(m, m, s - 2 * m, s - 2 * m)
        pen = QPen(self.fg, s * 0.075, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        if self.kind == "green":
            p.drawEllipse(box)
            path = QPainterPath(QPointF(s * 0.28, s * 0.52))
            path.lineTo(QPointF(s * 0.44, s * 0.68))
            path.lineTo(QPointF(s * 0.73, s * 0.35))
            p.drawPath(path)
        elif self.kind == "amber":
            tri = QPolygonF([QPointF(s / 2, m * 1.5), QPointF(s - m, s - m * 1.8), QPointF(m, s - m * 1.8)])
            p.drawPolygon(tri)
            p.drawLine(QPointF(s / 2, s * 0.36), QPointF(s / 2, s * 0.62))
            p.drawPoint(QPointF(s / 2, s * 0.75))
        elif self.kind == "red":
            pts = []
            import math
            for i in range(8):
                a = math.pi / 8 + i * math.pi / 4
                pts.append(QPointF(s / 2 + (s / 2 - m) * math.cos(a), s / 2 + (s / 2 - m) * math.sin(a)))
            p.drawPolygon(QPolygonF(pts))
            p.drawLine(QPointF(s * 0.35, s * 0.35), QPointF(s * 0.65, s * 0.65))
            p.drawLine(QPointF(s * 0.65, s * 0.35), QPointF(s * 0.35, s * 0.65))
        else:  # idle: a stylised scanner beam
            p.drawRoundedRect(box, s * 0.12, s * 0.12)
            for i, frac in enumerate((0.3, 0.4, 0.5, 0.6, 0.7)):
                width = s * (0.035 if i % 2 else 0.06)
                p.setPen(QPen(self.fg, width))
                p.drawLine(QPointF(s * frac, s * 0.3), QPointF(s * frac, s * 0.7))
        p.end()


class KeyButton(QPushButton):
    """A button that shows its keyboard shortcut ("F3  Walk-in") — staff learn the keys by seeing them.

    A button with a key stays out of the Tab chain (focus stays where scans and typing expect it;
    the key reaches it); a button without one takes Tab focus, so it is reachable by keyboard too."""

    def __init__(self, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(f"{key}   {text}" if key else text, parent)
        self.key_text = key
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus if key else Qt.FocusPolicy.TabFocus)
        self.setToolTip(f"{text} ({key})" if key else text)
        self.setAccessibleName(text)
        if key:
            self.setAccessibleDescription(QCoreApplication.translate("KeyButton", "Shortcut: {key}").format(key=key))


def hline(parent: QWidget | None = None) -> QWidget:
    line = QWidget(parent)
    line.setFixedHeight(1)
    style(line, lambda t: f"background: {t.soft_border};")
    return line


def row(*widgets: QWidget, spacing: int = 8, stretch_last: bool = False) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(spacing)
    for w in widgets:
        layout.addWidget(w)
    if not stretch_last:
        layout.addStretch(1)
    return layout
