"""The station's print queue driven from the GUI: jobs run on the ``print`` worker lane.

Wraps :class:`printing.queue.PrintQueue` (which signs, renders, submits, and records the badge only
once the printer accepted it). Rendering a badge takes ~20 ms of Python: on its own lane it never
delays a scan's verdict. ``changed`` fires after every job so the status bar and attendee panel
refresh; ``job_done`` carries each finished :class:`printing.queue.Job`, and each job whose printer
state changed later (a sent CUPS job printed, held by a paused queue, aborted): the service follows
sent and held jobs on the same lane every few seconds. ``people`` maps the attendee id of each job
reported to the attendee (so the verdict panel can name whose badge did not print).

:meth:`set_printer` switches the printer of a running desk (Station setup saved): new jobs go to the
new printer at once; jobs already queued keep the printer they were queued for.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from printing.backends import Backend, open_backend, target_of
from printing.queue import Job, PrintQueue
from ui.taskman import TaskManager
from venue_app.station import Station
from venue_app.views.status import printer_states

__all__ = ["PrintService", "backend_for"]

log = logging.getLogger(__name__)


def backend_for(station: Station, spec: str | None = None) -> Backend:
    """The back-end named by the ``printer`` setting; plain ``pdf`` means the station's badge folder."""
    spec = (spec or str(station.settings["printer"]) or "pdf").strip()
    if spec == "pdf":
        spec = f"pdf:{station.paths.badges_dir}"
    return open_backend(spec)


class PrintService(QObject):
    job_done = Signal(object)  # printing.queue.Job
    changed = Signal()

    def __init__(self, station: Station, tasks: TaskManager, backend: Backend | None = None,
                 template: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.tasks = tasks
        self.backend = backend or backend_for(station)
        self.queue = PrintQueue(station, self.backend, template=template or str(station.settings["badge_template"]))
        self.counts: dict[str, int] = {}
        self.people: dict[str, dict[str, Any]] = {}
        self.last_error = ""
        self._running = False
        self._again = False
        # failed attempts are re-queued with back-off: look again now and then
        self._retry = QTimer(self)
        self._retry.setInterval(3000)
        self._retry.timeout.connect(self._maybe_retry)
        self._retry.start()

    def set_printer(self, spec: str | None = None, template: str | None = None) -> bool:
        """Use the printer (and template) of the settings now; True when the printer changed."""
        backend = backend_for(self.station, spec)
        template = template or str(self.station.settings["badge_template"])
        changed = target_of(backend) != self.queue.target
        if not changed and template == self.queue.default_template:
            return False
        self.backend = backend
        self.queue = PrintQueue(self.station, backend, template=template)
        self.last_error = ""
        self.changed.emit()
        self.kick()  # jobs waiting for this printer, if any
        return changed

    def describe(self) -> str:
        info = self.backend.describe()
        target = info.get("target", "")
        if info.get("backend") == "pdf":
            return self.tr("PDF folder {folder}").format(folder=Path(target).name or target)
        return f"{info.get('backend', '?')} {target}".strip()

    def enqueue(self, attendee_id: str, *, operator: str = "", copies: int = 1) -> str:
        """Queue a badge (quick: one insert) and start printing on the worker."""
        job_id = self.queue.enqueue(attendee_id, operator=operator, copies=copies)
        self.kick()
        return job_id

    def cancel(self, job_id: str) -> bool:
        """Cancel a job still waiting (undo of an automatic print); False when already printed."""
        try:
            self.queue.cancel(job_id)
        except Exception:
            return False
        self.changed.emit()
        return True

    def _maybe_retry(self) -> None:
        # only when something waits or is followed: an idle desk must not touch the writer every 3 s
        followed = (self.counts.get("sent", 0) or self.counts.get("held", 0)) and hasattr(self.backend, "job_state")
        if self.counts.get("queued", 0) or followed or self._again:
            self.kick()

    def kick(self) -> None:
        """Run due jobs on the print lane (one runner at a time; a kick while running runs again)."""
        if self._running:
            self._again = True
            return
        self._running = True
        self.tasks.run(self._drain, lane="print", label="print badges", on_done=self._drained,
                       on_error=self._failed)

    def _drain(self) -> tuple[list[Job], dict[str, int]]:
        queue = self.queue
        done = queue.run_pending()
        seen = {j.id for j in done}
        done += [j for j in queue.follow() if j.id not in seen]
        for job in done:
            if job.attendee_id not in self.people:
                person = self.station.attendee(job.attendee_id)
                if person is not None:
                    self.people[job.attendee_id] = person
        return done, self._counts(queue)

    def _counts(self, queue: PrintQueue) -> dict[str, int]:
        """Counts of this desk's printer: sent and held jobs of another printer are not ours to follow."""
        counts = queue.counts()
        counts.update(printer_states(self.station, queue.target))
        return counts

    def _drained(self, result: tuple[list[Job], dict[str, int]]) -> None:
        jobs, self.counts = result
        self._running = False
        for job in jobs:
            if job.status == "failed":
                self.last_error = job.reason
            elif job.status == "done" and job.printer_state in ("held", "failed"):
                self.last_error = job.state
            elif job.status == "done":
                self.last_error = ""
            self.job_done.emit(job)
        self.changed.emit()
        if self._again:
            self._again = False
            self.kick()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.last_error = str(exc)
        log.error("print queue: %s", exc)
        self.changed.emit()

    def state(self) -> dict[str, Any]:
        return {"printer": self.describe(), "queued": self.counts.get("queued", 0) + self.counts.get("printing", 0),
                "failed": self.counts.get("failed", 0) + self.counts.get("lost", 0), "held": self.counts.get("held", 0),
                "error": self.last_error}

    def stop(self) -> None:
        self._retry.stop()
