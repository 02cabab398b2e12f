"""Search as you type: a table model of results and a controller that searches off the GUI thread.

Every keystroke starts a search on the ``read`` lane (its own read-only SQLite connection; FTS5 p99
≈ a few ms at 100k attendees) and only the newest answer is shown — typing never waits for a search
and a slow one can never overwrite a newer one. Each result also says whether the person is
already checked in.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from ui.i18n import translate
from ui.taskman import TaskManager
from ui.widgets import display_name
from venue_app.station import Station
from venue_app.views.desk import search_people

__all__ = ["SearchController", "SearchModel"]

_Index = QModelIndex | QPersistentModelIndex


class SearchModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("SearchModel", "Name"), QT_TRANSLATE_NOOP("SearchModel", "Native script"),
               QT_TRANSLATE_NOOP("SearchModel", "Organisation"), QT_TRANSLATE_NOOP("SearchModel", "Category"),
               QT_TRANSLATE_NOOP("SearchModel", "Country"), QT_TRANSLATE_NOOP("SearchModel", "Status"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self._bold = QFont()
        self._bold.setWeight(QFont.Weight.DemiBold)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("SearchModel", self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                honorific = (row.get("honorific") or "").strip()
                return f"{honorific} {display_name(row)}".strip()
            if col == 1:
                return row.get("native_name") or ""
            if col == 2:
                return row.get("organisation") or ""
            if col == 3:
                return row.get("category") or ""
            if col == 4:
                return row.get("country") or ""
            if col == 5:
                return _status_words(row)
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 1, 2):  # the whole text of an elided cell
            return self.data(index, Qt.ItemDataRole.DisplayRole) or None
        if role == Qt.ItemDataRole.FontRole and col in (0, 1):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and col == 5:
            if row.get("status") != "active":
                return QColor("#c62828")
            return QColor("#1b7f3b") if row.get("checked_in") else None
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


def _status_words(row: dict[str, Any]) -> str:
    if row.get("status") == "cancelled":
        return translate("SearchModel", "✖ cancelled")
    if row.get("status") == "blocked":
        return translate("SearchModel", "✖ blocked")
    return translate("SearchModel", "✔ checked in") if row.get("checked_in") \
        else translate("SearchModel", "not yet arrived")


class SearchController(QObject):
    """Owns a :class:`SearchModel`; :meth:`set_query` on every keystroke."""

    results = Signal(str, int)  # query, number of results (emitted after the model updated)

    def __init__(self, station: Station, tasks: TaskManager, parent: QObject | None = None, *,
                 limit: int = 50, delay_ms: int = 0) -> None:
        super().__init__(parent)
        self.station = station
        self.tasks = tasks
        self.limit = limit
        self.model = SearchModel(self)
        self.query = ""
        self.shown_query = ""  # the query whose results the model holds
        self._generation = 0
        self._shown_generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)

    def set_query(self, query: str) -> None:
        self.query = query
        self._generation += 1
        if not query.strip():
            self.model.set_rows([])
            self.shown_query = ""
            self._shown_generation = self._generation
            self.results.emit("", 0)
            return
        self._timer.start()

    def refresh(self) -> None:
        """Search again (after a check-in or an edit changed what the rows show)."""
        if self.query.strip():
            self.set_query(self.query)

    def _start(self) -> None:
        generation, query = self._generation, self.query
        self.tasks.run(search_people, self.station, query, self.limit, lane="read", label="search",
                       on_done=lambda rows: self._show(generation, query, rows))

    def _show(self, generation: int, query: str, rows: list[dict[str, Any]]) -> None:
        if generation < self._shown_generation or generation != self._generation:
            return  # an older answer arriving late: the newer one wins
        self._shown_generation = generation
        self.model.set_rows(rows)
        self.shown_query = query
        self.results.emit(query, len(rows))
