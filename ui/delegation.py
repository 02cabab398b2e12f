"""Delegations: who belongs, who has arrived, whose badge is printed — and the protocol officer's
batch: check the remaining members in on their behalf and print their badges, each recorded per
person (one check-in event and one print job each)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.context import DeskContext, delegation_batch
from ui.widgets import BigLabel, KeyButton, display_name
from venue_app.views.desk import delegation_members, delegations

__all__ = ["DelegationPanel"]


class DelegationPanel(QWidget):
    closed = Signal()
    open_attendee = Signal(str)
    batch_done = Signal(dict)
    loaded = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.name = ""
        self.select_id = ""  # the member to select once the table is filled (else the first row)
        self.members: list[dict[str, Any]] = []
        self.picker = QComboBox()
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.activated.connect(lambda _: self.show_delegation(str(self.picker.currentData() or "")))
        self.title = BigLabel(28, QFont.Weight.Bold)
        self.summary = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Native script"), self.tr("Category"),
                                              self.tr("Arrived"), self.tr("Badge")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.cellActivated.connect(lambda r, _c: self.open_attendee.emit(self.members[r]["id"]))
        self.batch = KeyButton("Ctrl+B", self.tr("Check in remaining and print their badges"))
        self.batch.clicked.connect(lambda: self.run_batch())
        self.progress = QProgressBar()
        self.progress.hide()
        back = KeyButton("Esc", self.tr("Back to scanning"))
        back.clicked.connect(self.closed.emit)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(QLabel(self.tr("Delegation:")))
        top.addWidget(self.picker, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.batch)

    def refresh_list(self, pick_first: bool = False) -> None:
        """Re-read the delegations; ``pick_first``: show the first one when none is chosen yet."""
        def fill(rows: list[dict[str, Any]]) -> None:
            self.picker.clear()
            for r in rows:
                self.picker.addItem(self.tr("{delegation} — {arrived}/{members} arrived").format(
                    delegation=r["name"], arrived=r["arrived"], members=r["members"]), r["name"])
            if pick_first and rows and (not self.name or self.picker.findData(self.name) < 0):
                self.show_delegation(str(rows[0]["name"]))  # F4 never opens on an empty table
            if self.name:
                self.picker.setCurrentIndex(max(0, self.picker.findData(self.name)))
        self.ctx.tasks.run(delegations, self.ctx.station, lane="read", label="delegations", on_done=fill)

    def show_delegation(self, name: str) -> None:
        self.name = name
        self.ctx.tasks.run(delegation_members, self.ctx.station, name, lane="read", label="delegation",
                           on_done=lambda rows: self._fill(name, rows))

    def _fill(self, name: str, rows: list[dict[str, Any]]) -> None:
        if name != self.name:
            return
        self.members = rows
        arrived = sum(1 for r in rows if r["arrived"])
        badges = sum(1 for r in rows if r["badges"])
        self.title.setText(name or "—")
        self.summary.setText(self.tr("{members} members · {arrived} arrived · {badges} badges printed").format(
            members=len(rows), arrived=arrived, badges=badges))
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            honorific = (r.get("honorific") or "").strip()
            cells = [f"{honorific} {display_name(r)}".strip(), r.get("native_name") or "",
                     self.ctx.categories.get(r["category"], (r["category"], ""))[0],
                     self.tr("✔ arrived") if r["arrived"] else (
                         (self.tr("✖ cancelled") if r["status"] == "cancelled" else self.tr("✖ blocked"))
                         if r["status"] != "active" else "—"),
                     self.tr("✔ printed") if r["badges"] else "—"]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 3 and r["arrived"]:
                    item.setForeground(QColor("#1b7f3b"))
                if r["status"] != "active":
                    item.setForeground(QColor("#c62828"))
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        if rows:  # a selection to act on: the person the desk was showing, else the first member
            ids = [r["id"] for r in rows]
            self.table.selectRow(ids.index(self.select_id) if self.select_id in ids else 0)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        remaining = [r for r in rows if r["status"] == "active" and (not r["arrived"] or not r["badges"])]
        self.batch.setEnabled(bool(remaining))
        self.batch.setText("Ctrl+B   " + self.tr("Check in {arrivals} remaining and print {badges} badges").format(
            arrivals=sum(1 for r in remaining if not r["arrived"]),
            badges=sum(1 for r in remaining if not r["badges"])))
        self.loaded.emit(name)

    def run_batch(self, collector: str | None = None) -> None:
        remaining = [r["id"] for r in self.members if r["status"] == "active" and (not r["arrived"] or not r["badges"])]
        if not remaining:
            return
        if collector is None:
            collector = self.ctx.asker.text(self.tr("Collect badges"),
                                            self.tr("Who collects the badges? (name, and role — e.g. protocol "
                                                    "officer)"))
            if not collector:
                return
        self.batch.setEnabled(False)
        self.progress.setRange(0, len(remaining))
        self.progress.setValue(0)
        self.progress.show()
        ctx = self.ctx

        def done(result: dict[str, Any]) -> None:
            self.progress.hide()
            ctx.printer.kick()
            self.batch_done.emit(result)
            self.show_delegation(self.name)
        ctx.tasks.run(delegation_batch, ctx.station, ctx.printer.queue, remaining, collector, ctx.operator,
                      lane="write", label="delegation batch", on_done=done,
                      on_progress=lambda d, _t, _s: self.progress.setValue(d))


_ = Qt
