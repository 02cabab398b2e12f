"""The print queue window (F10): recent badge jobs, the printer each was queued for, where each badge
is (queued, sent, held by the printer: why, printed, failed: why), retry or cancel it.

A failed job never issued a badge (printing.queue records a badge only once the printer accepted
it), so retrying is always safe; a job the printer lost after accepting it (cancelled or aborted in
CUPS) is retried as a new badge, which revokes the unprinted one. Retry here prints on this desk's
printer (a person's choice); the queue itself never moves a job to another printer. The window calls
the same core operations as ``venue-app badge queue list|retry|cancel``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from printing.queue import Job
from ui.context import DeskContext
from ui.i18n import core_text
from ui.widgets import display_name

__all__ = ["PrintQueueDialog"]

_STATUS_COLOR = {"failed": "#c62828", "done": "#1b7f3b", "queued": "#1565c0", "printing": "#1565c0",
                 "cancelled": "#607d8b", "sent": "#1565c0", "held": "#b26a00", "printed": "#1b7f3b"}
_PARTIAL_COLOR = "#b26a00"  # amber: printed, but without the native name


class PrintQueueDialog(QDialog):
    refreshed = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.jobs: list[tuple[Job, str]] = []
        self.setWindowTitle(self.tr("Print queue (F10)"))
        self.resize(900, 480)
        self.info = QLabel()
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Person"), self.tr("Printer"),
                                              self.tr("Status"), self.tr("Attempts"), self.tr("Reason / file")])
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.retry = QPushButton(self.tr("Retry selected"))
        self.cancel = QPushButton(self.tr("Cancel selected"))
        close = QPushButton(self.tr("Esc   Close"))
        self.retry.clicked.connect(lambda: self._act("retry"))
        self.cancel.clicked.connect(lambda: self._act("cancel"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ctx.printer.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        st, queue = self.ctx.station, self.ctx.printer.queue

        def work() -> list[tuple[Job, str]]:
            out = []
            for job in queue.jobs(limit=200):
                person = st.attendee(job.attendee_id)
                out.append((job, display_name(person) if person else job.attendee_id[:8]))
            return out
        self.ctx.tasks.run(work, lane="read", label="print queue", on_done=self._fill)

    def _fill(self, jobs: list[tuple[Job, str]]) -> None:
        self.jobs = jobs
        self.info.setText(self.tr("<b>{printer}</b> — {jobs} recent jobs; {failed} failed; {held} held by the "
                                  "printer").format(
            printer=self.ctx.printer.describe(), jobs=len(jobs),
            failed=sum(1 for j, _ in jobs if j.status == "failed" or j.printer_state == "failed"),
            held=sum(1 for j, _ in jobs if j.status == "done" and j.printer_state == "held")))
        self.table.setRowCount(len(jobs))
        for row, (job, name) in enumerate(jobs):
            # a done job with a reason printed without part of the name (no font for its script)
            partial = job.status == "done" and bool(job.reason)
            reason = core_text(job.reason) or job.reason  # the queue writes English; staff read their language
            detail = " → ".join(x for x in (reason, job.backend_ref) if x) if partial \
                else reason or job.backend_ref
            key, status, printer_reason = self._state(job)
            if partial and key == "printed":
                status = self.tr("printed, incomplete")
            elif partial:
                status = self.tr("{state}, incomplete").format(state=status)
            if printer_reason:  # the printer's own words (held, aborted) come first
                detail = " → ".join(x for x in (printer_reason, detail) if x)
            # venue time, like every time the desk shows (the job's stamp is UTC)
            mine = job.target in ("", self.ctx.printer.queue.target)
            target = job.target if not mine else self.tr("this desk ({printer})").format(printer=job.target)
            cells = [self.ctx.clock.time(job.created, seconds=True), name, target or self.tr("any printer"), status,
                     str(job.attempts), detail]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setForeground(QColor(_PARTIAL_COLOR if partial else _STATUS_COLOR.get(key, "#111111")))
                if partial:
                    item.setToolTip(reason)
                item.setData(Qt.ItemDataRole.UserRole, job.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.refreshed.emit(len(jobs))

    def _state(self, job: Job) -> tuple[str, str, str]:
        """(colour key, the state word in the staff's language, the printer's reason)."""
        if job.status != "done":
            words = {"failed": self.tr("failed"), "queued": self.tr("queued"), "printing": self.tr("sending"),
                     "cancelled": self.tr("cancelled")}
            return job.status, words.get(job.status, job.status), ""
        state = job.printer_state or "sent"
        words = {"sent": self.tr("sent"), "held": self.tr("held by the printer"), "printed": self.tr("printed"),
                 "failed": self.tr("failed at the printer")}
        return state, words.get(state, state), job.printer_reason

    def _act(self, action: str, job_id: str | None = None) -> None:
        if job_id is None:
            row = self.table.currentRow()
            if row < 0:
                return
            job_id = self.jobs[row][0].id
        queue = self.ctx.printer.queue

        def work() -> Any:
            # retried here = printed here: staff at this desk chose it (the queue never moves jobs itself)
            return queue.retry(job_id, target=queue.target) if action == "retry" else queue.cancel(job_id)

        def done(_job: Any) -> None:
            if action == "retry":
                self.ctx.printer.kick()
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.info.setText(f"<span style='color:#c62828'>{exc}</span>")
        self.ctx.write(work, on_done=done, on_error=failed, label=f"print {action}")

    def retry_job(self, job_id: str) -> None:
        self._act("retry", job_id)
