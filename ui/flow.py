"""A layout that wraps its widgets onto more rows when they do not fit (the desk's key bar with
large text on a laptop screen: nothing is cut off and the window needs no more width)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem

__all__ = ["FlowLayout"]


class FlowLayout(QLayout):
    """Left to right, wrapping; ``addWidget(w, right=True)`` puts ``w`` at the right end of the last row."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right: set[int] = set()
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addWidget(self, widget: QWidget, right: bool = False) -> None:  # type: ignore[override]
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.append(item)
        if right:
            self._right.add(id(item))
        self.invalidate()

    def insertWidget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, *, apply: bool) -> int:
        m: QMargins = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self.spacing()
        rows: list[list[QLayoutItem]] = [[]]
        x = 0
        for item in self._items:
            if item.isEmpty():
                continue
            w = item.sizeHint().width()
            if rows[-1] and x + w > area.width():
                rows.append([])
                x = 0
            rows[-1].append(item)
            x += w + gap
        y = area.y()
        for row in rows:
            height = max((i.sizeHint().height() for i in row), default=0)
            left = [i for i in row if id(i) not in self._right]
            right = [i for i in row if id(i) in self._right]
            if apply:
                x = area.x()
                for item in left:
                    item.setGeometry(QRect(QPoint(x, y), QSize(item.sizeHint().width(), height)))
                    x += item.sizeHint().width() + gap
                x = area.right() + 1
                for item in reversed(right):
                    w = item.sizeHint().width()
                    x -= w
                    item.setGeometry(QRect(QPoint(x, y), QSize(w, height)))
                    x -= gap
            y += height + gap
        return y - gap - rect.y() + m.bottom() if rows[0] else m.top() + m.bottom()


_ = QSizePolicy
