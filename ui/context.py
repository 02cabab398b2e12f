"""What every desk view shares (:class:`DeskContext`), the undo stack, and the desk's actions.

The action functions are plain Python (no Qt) and run on the ``write`` lane of the task manager:
each is one or a few durable core calls. Views call them through :meth:`DeskContext.write`, which
brings the result back on the GUI thread. Walk-ins, edits and check-ins by hand are the core's
operations (:mod:`venue_app.ops`), the same the CLI calls: the desk adds no rules of its own; what
the views show is read through the core's read models (:mod:`venue_app.views`), never by SQL here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from printing.queue import PrintQueue
from ui.printer import PrintService
from ui.sounds import SoundPlayer
from ui.statusbar import SyncSource
from ui.supervisor import Asker
from ui.taskman import Progress, Task, TaskManager
from venue_app.clock import EventClock
from venue_app.ops import check_in_by_hand
from venue_app.station import Station
from venue_app.verdicts import Verdict
from venue_app.views.desk import categories

__all__ = [
    "DeskContext",
    "UndoAction",
    "UndoStack",
    "delegation_batch",
    "scan_and_queue",
]


@dataclass
class UndoAction:
    label: str  # "Check-in of Wei Wang"
    undo: Callable[[], str] | None  # runs on the write lane; returns what was undone, in words
    why_not: str = ""  # when undo is None: why this cannot be taken back
    on_undone: Callable[[], None] | None = None  # on the GUI thread after a successful undo (strike it out)


class UndoStack(QObject):
    """The last actions of this operator, newest last; Ctrl+Z takes back the newest."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, depth: int = 20) -> None:
        super().__init__(parent)
        self.actions: list[UndoAction] = []
        self.depth = depth

    def push(self, action: UndoAction) -> None:
        self.actions.append(action)
        del self.actions[:-self.depth]
        self.changed.emit()

    def pop(self) -> UndoAction | None:
        action = self.actions.pop() if self.actions else None
        self.changed.emit()
        return action

    @property
    def last(self) -> UndoAction | None:
        return self.actions[-1] if self.actions else None


@dataclass
class DeskContext:
    station: Station
    tasks: TaskManager
    printer: PrintService
    sync: SyncSource
    sounds: SoundPlayer
    asker: Asker
    undo: UndoStack
    categories: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def operator(self) -> str:
        return str(self.station.settings["operator"]) or "desk"

    @property
    def clock(self) -> EventClock:
        """The event's clock: every time the desk shows is venue time."""
        return EventClock.of(self.station.event)

    def write(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None, label: str = "",
              **kwargs: Any) -> Task:
        return self.tasks.run(fn, *args, lane="write", label=label, on_done=on_done, on_error=on_error, **kwargs)

    def load_categories(self) -> dict[str, tuple[str, str]]:
        self.categories = categories(self.station)
        return self.categories


# -- actions (worker side) -------------------------------------------------------------------------
def scan_and_queue(station: Station, queue: PrintQueue | None, raw: bytes | str, source: str,
                   operator: str) -> tuple[Verdict, str | None]:
    """A scan; on ``ok`` with a known attendee and ``queue`` given, the badge job is queued too,
    unless the person holds a valid badge already: a pre-printed badge scanned at an auto-print
    desk must not be replaced (and so revoked) by a new one."""
    result = station.scan(raw, source=source, operator=operator)
    job_id = None
    if queue is not None and result.ok and result.attendee and not any(
            b["revoked_hlc"] is None for b in station.badges(result.attendee["id"])):
        job_id = queue.enqueue(result.attendee["id"], operator=operator)
    return result, job_id


def delegation_batch(station: Station, queue: PrintQueue, attendee_ids: Iterable[str], collector: str,
                     operator: str, progress: Progress | None = None) -> dict[str, Any]:
    """Check in on behalf (``collector``) and queue the badges of those without a valid one; each
    person gets their own check-in event and print job."""
    ids = list(attendee_ids)
    checked, queued, skipped = [], [], []
    for i, attendee_id in enumerate(ids, start=1):
        result = check_in_by_hand(station, attendee_id, operator=operator, on_behalf=collector)
        if result.status == "ok":
            checked.append(attendee_id)
        elif result.status != "already_checked_in":
            skipped.append(attendee_id)
            continue
        if not any(b["revoked_hlc"] is None for b in station.badges(attendee_id)):
            queued.append(queue.enqueue(attendee_id, operator=operator))
        if progress:
            progress(i, len(ids), "")
    return {"checked_in": checked, "jobs": queued, "skipped": skipped}
