"""The persistent print queue of a desk station (table ``print_jobs``, migrations 0003 and 0010).

queued → printing → done | failed (with the reason) ; queued/failed → cancelled ; failed → queued
(retry). A done job's reason says what its badge lacks ("printed without the native name: no font
for Linear B"), empty when the badge is complete. A job signs a fresh badge (``Station.new_badge``),
renders it, hands the PDF to the back-end, and only once the back-end *accepted* it records
``badge_issued`` (``Station.record_badge``, which revokes the attendee's earlier badges: a reprint
kills the lost badge). A back-end error retries with back-off up to ``max_attempts``; a data error
(no printable name, template broken) fails at once, since retrying cannot help. Nothing is issued
that was not accepted by a printer.

Each job records its *target* (the printer URL it was queued for) and is printed only there: a
queue processes the jobs of its own back-end's target, never another printer's (a CLI job for
``cups:Lobby`` waits for ``cups:Lobby``). A person's explicit retry may move a job to another printer.

Accepted is not printed: a done job also holds ``printer_state`` — ``sent`` (the spooler or printer
has it), ``held`` (the printer is paused or refuses to go on, with its reason), ``printed``, or
``failed`` (cancelled or aborted at the printer after acceptance: the badge was issued but never came
out; a retry prints a new one, which revokes it). :meth:`PrintQueue.follow` asks the back-end about
sent and held jobs (CUPS over IPP, a Zebra's ``~HS``); :attr:`Job.state` is the status in words.

Threads: call :meth:`PrintQueue.run_pending` and :meth:`PrintQueue.follow` from one worker thread; the
replica's single writer serialises the writes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from printing.backends import Backend, PrintJobSpec, follow_job, target_of
from printing.data import BadgeData
from printing.errors import BackendError, PrintingError, QueueError
from printing.fonts import FontRegistry
from printing.job import PRINTER_STATES  # where a done job is: the printer has it, holds it, printed it, or lost it
from printing.render import render_pdf
from printing.templates import Template, load_template
from venue_app.errors import VenueError
from venue_app.events import MAX_TEXT_CHARS
from venue_app.ids import new_id
from venue_app.ops.badges import record_print_outcome

if TYPE_CHECKING:
    from venue_app.station import BadgeDraft, Station

__all__ = ["Job", "PrintQueue", "badge_data_for", "follow_all"]

log = logging.getLogger(__name__)
STATUSES = ("queued", "printing", "done", "failed", "cancelled")
_FOLLOWED = ("sent", "held")


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(ts: datetime) -> str:
    return ts.isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Job:
    id: str
    attendee_id: str
    template: str
    copies: int
    status: str
    attempts: int
    max_attempts: int
    reason: str
    backend: str
    backend_ref: str
    badge_serial: str | None
    created: str
    updated: str
    target: str = ""
    printer_state: str = ""
    printer_reason: str = ""

    @classmethod
    def from_row(cls, row: Any) -> Job:
        return cls(
            row["id"],
            row["attendee_id"],
            row["template"],
            row["copies"],
            row["status"],
            row["attempts"],
            row["max_attempts"],
            row["reason"],
            row["backend"],
            row["backend_ref"],
            row["badge_serial"],
            row["created"],
            row["updated"],
            row["target"],
            row["printer_state"],
            row["printer_reason"],
        )

    @property
    def state(self) -> str:
        """Where the badge is, in words: queued, sending, sent, held by the printer: …, printed,
        failed: …, cancelled."""
        if self.status == "queued":
            return f"queued (will retry: {self.reason})" if self.reason else "queued"
        if self.status == "printing":
            return "sending to the printer"
        if self.status == "failed":
            return f"failed: {self.reason}" if self.reason else "failed"
        if self.status == "cancelled":
            return "cancelled"
        if self.printer_state == "held":
            return f"held by the printer: {self.printer_reason or 'paused'}"
        if self.printer_state == "failed":
            return f"failed: {self.printer_reason}" if self.printer_reason else "failed"
        if self.printer_state == "printed":
            return "printed"
        return "sent"  # accepted, not (yet) confirmed printed; also jobs from before migration 0010

    @property
    def settled(self) -> bool:
        """Nothing will change by itself: printed, failed or cancelled."""
        return self.status in ("failed", "cancelled") or (
            self.status == "done" and self.printer_state in ("printed", "failed")
        )

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "state": self.state}


def badge_data_for(station: Station, attendee: dict[str, Any], token: str, serial: str = "") -> BadgeData:
    """BadgeData from a replica attendee: category label and colour and the event's name added."""
    row = station.replica.one(
        "SELECT label, color FROM categories WHERE code = ?", (attendee.get("category", ""),)
    )
    return BadgeData.from_attendee(
        attendee,
        token=token,
        serial=serial,
        category_label=row["label"] if row else "",
        category_color=row["color"] if row else "",
        event_name=str(station.event.get("name", "")),
    )


def _clip(text: str) -> str:
    """A printer's words as the event schema takes them (a driver may say a lot: ``{exc!r}`` of a trace)."""
    return text if len(text) <= MAX_TEXT_CHARS else text[: MAX_TEXT_CHARS - 1] + "…"


class PrintQueue:
    """Badge print jobs of one station, printed through one back-end."""

    def __init__(
        self,
        station: Station,
        backend: Backend,
        *,
        template: str = "congress-a6",
        registry: FontRegistry | None = None,
        backoff_s: float = 2.0,
        recover: bool = True,
    ) -> None:
        self.station = station
        self.backend = backend
        self.target = target_of(backend)
        self.default_template = template
        self.registry = registry
        self.backoff_s = backoff_s
        self._templates: dict[str, Template] = {}
        if recover:  # not for queue commands beside a running desk: its job in flight is not "interrupted"
            self.recover()

    # -- queries -------------------------------------------------------------------------------
    def job(self, job_id: str) -> Job:
        row = self.station.replica.one("SELECT * FROM print_jobs WHERE id = ?", (job_id,))
        if row is None:
            raise QueueError(f"no print job {job_id!r}")
        return Job.from_row(row)

    def jobs(self, status: str | None = None, limit: int = 200) -> list[Job]:
        if status:
            rows = self.station.replica.query(
                "SELECT * FROM print_jobs WHERE status = ? ORDER BY created DESC LIMIT ?", (status, limit)
            )
        else:
            rows = self.station.replica.query(
                "SELECT * FROM print_jobs ORDER BY created DESC LIMIT ?", (limit,)
            )
        return [Job.from_row(r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Jobs per status, and done jobs per printer state (``sent``, ``held``, ``printed``, ``lost``)."""
        rows = self.station.replica.query("SELECT status, count(*) AS n FROM print_jobs GROUP BY status")
        counts = dict.fromkeys(STATUSES, 0)
        counts.update({r["status"]: r["n"] for r in rows})
        rows = self.station.replica.query(
            "SELECT printer_state, count(*) AS n FROM print_jobs WHERE status = 'done' GROUP BY printer_state"
        )
        by_state = {r["printer_state"]: r["n"] for r in rows}
        counts["sent"] = by_state.get("sent", 0) + by_state.get("", 0)
        counts["held"] = by_state.get("held", 0)
        counts["printed"] = by_state.get("printed", 0)
        counts["lost"] = by_state.get("failed", 0)
        return counts

    # -- commands ------------------------------------------------------------------------------
    def enqueue(
        self,
        attendee_id_or_code: str,
        *,
        template: str | None = None,
        copies: int = 1,
        operator: str = "",
        max_attempts: int = 3,
        target: str | None = None,
    ) -> str:
        attendee = self.station.attendee(attendee_id_or_code)
        if attendee is None:
            raise QueueError(f"no attendee {attendee_id_or_code!r}")
        name = template or self.default_template
        self._template(name)  # a broken template is refused now, not when the printer is free
        job_id, now = new_id(), _iso(_now())
        with self.station.replica.transaction() as conn:
            conn.execute(
                "INSERT INTO print_jobs(id, attendee_id, template, copies, max_attempts, operator,"
                " created, updated, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (job_id, attendee["id"], name, max(1, copies), max(1, max_attempts), operator, now, now,
                 target or self.target),
            )
        return job_id

    def cancel(self, job_id: str) -> Job:
        job = self.job(job_id)
        if job.status not in ("queued", "failed"):
            raise QueueError(
                f"a {job.status} job cannot be cancelled"
                + (" (it is already at the printer)" if job.status == "printing" else "")
            )
        self._set(job_id, status="cancelled")
        return self.job(job_id)

    def retry(self, job_id: str, *, target: str | None = None) -> Job:
        """Queue a failed, cancelled or lost job again (now, also one waiting for its next try);
        ``target`` moves it to another printer (a person's choice, never the queue's)."""
        job = self.job(job_id)
        lost = job.status == "done" and job.printer_state == "failed"
        if job.status not in ("failed", "cancelled", "queued") and not lost:
            raise QueueError(
                f"only queued, failed or cancelled jobs can be retried (this one is {job.state})"
                + ("; its badge is already issued" if job.status == "done" else "")
            )
        self._set(job_id, status="queued", attempts=0, next_try="", reason="", printer_state="",
                  printer_reason="", accepted=0, **({"target": target} if target else {}))
        return self.job(job_id)

    def recover(self) -> None:
        """After a crash: finish jobs the printer had accepted, fail those it may not have."""
        rows = self.station.replica.query(
            "SELECT * FROM print_jobs WHERE status = 'printing' AND target IN (?, '')", (self.target,)
        )
        for row in rows:
            if row["accepted"] and row["badge_serial"]:
                known = self.station.replica.one(
                    "SELECT 1 FROM badges WHERE serial = ?", (row["badge_serial"],)
                )
                if not known:
                    self.station.record_badge(self._draft(row), row["operator"] or None)
                self._set(row["id"], status="done", printer_state="sent")
            else:
                self._set(
                    row["id"],
                    status="failed",
                    badge_serial=None,
                    badge_token=None,
                    reason="interrupted before the printer accepted it; check the printer, then retry",
                )

    def run_pending(self, max_jobs: int | None = None) -> list[Job]:
        """Process due queued jobs in order; returns the jobs processed (done, failed or re-queued)."""
        out = []
        while max_jobs is None or len(out) < max_jobs:
            job = self.process_next()
            if job is None:
                break
            out.append(job)
        return out

    def process_next(self) -> Job | None:
        row = self.station.replica.one(
            "SELECT * FROM print_jobs WHERE status = 'queued' AND next_try <= ? AND target IN (?, '')"
            " ORDER BY created LIMIT 1",
            (_iso(_now()), self.target),
        )
        return None if row is None else self.process(row["id"])

    def process(self, job_id: str) -> Job:
        job = self.job(job_id)
        if job.status != "queued":
            raise QueueError(f"job {job_id} is {job.status}, not queued")
        if job.target not in ("", self.target):
            raise QueueError(f"job {job_id} is for {job.target}, not for {self.target}")
        st = self.station
        try:
            attendee = st.attendee(job.attendee_id)
            if attendee is None:
                raise PrintingError(f"attendee {job.attendee_id} no longer exists")
            if attendee.get("status") != "active":
                raise PrintingError(f"attendee is {attendee.get('status')}: no badge")
            draft = st.new_badge(attendee["id"])
            template = self._template(job.template)
            data = badge_data_for(st, attendee, draft.token, draft.serial)
            pdf, report = render_pdf([data], template, registry=self.registry, title=f"badge {draft.serial}")
            assert pdf is not None
            for warning in report.warnings:
                log.warning("badge %s: %s", draft.serial, warning)
            # a done job's reason says what the badge lacks: never a silent "done" (issue 16)
            note = report.omission_note()
        except VenueError as exc:
            # a data problem: retrying will not help; nothing was issued
            self._set(job_id, status="failed", reason=str(exc), attempts=job.attempts + 1)
            self._record_outcome(job_id, "failed", str(exc))
            return self.job(job_id)
        self._set(
            job_id,
            status="printing",
            attempts=job.attempts + 1,
            badge_serial=draft.serial,
            badge_token=draft.token,
            badge_key_id=draft.key_id,
            badge_category=draft.category,
            backend=self.backend.name,
            target=self.target,
            accepted=0,
            printer_state="",
            printer_reason="",
        )
        spec = PrintJobSpec(
            pdf,
            f"badge {draft.serial}",
            template.width_mm,
            template.height_mm,
            job.copies,
            name_hint=draft.serial,
        )
        try:
            accepted = self.backend.submit(spec)
        except Exception as exc:  # a printer back-end may fail in any way; never issue then
            reason = str(exc) if isinstance(exc, BackendError) else f"printer back-end error: {exc!r}"
            attempts = job.attempts + 1
            if attempts < job.max_attempts:
                delay = self.backoff_s * 2 ** (attempts - 1)
                self._set(
                    job_id,
                    status="queued",
                    reason=reason,
                    badge_serial=None,
                    badge_token=None,
                    next_try=_iso(_now() + timedelta(seconds=delay)),
                )
            else:
                self._set(job_id, status="failed", reason=reason, badge_serial=None, badge_token=None)
                self._record_outcome(job_id, "failed", reason)
            return self.job(job_id)
        self._set(job_id, accepted=1, backend_ref=accepted.ref)
        st.record_badge(draft, self._operator(job_id))
        state = accepted.state if accepted.state in PRINTER_STATES else "sent"
        self._set(job_id, status="done", reason=note, printer_state=state, printer_reason=accepted.reason,
                  checked=_iso(_now()))
        self._record_outcome(job_id, "done", note)  # with the printer's state at acceptance
        return self.job(job_id)

    def follow(self, job_ids: list[str] | None = None) -> list[Job]:
        """Ask the printer about this target's sent and held jobs; returns the jobs whose state changed.

        A back-end that cannot tell (no ``job_state``: a label printer without status) leaves them sent."""
        if not hasattr(self.backend, "job_state"):
            return []
        if job_ids is None:
            rows = self.station.replica.query(
                "SELECT id FROM print_jobs WHERE status = 'done' AND target = ? AND printer_state IN (?, ?)"
                " ORDER BY created",
                (self.target, *_FOLLOWED),
            )
            job_ids = [r["id"] for r in rows]
        changed = []
        for job_id in job_ids:
            job = self.job(job_id)
            if job.status != "done" or job.printer_state not in _FOLLOWED or job.target != self.target:
                continue
            state, reason = follow_job(self.backend, job.backend_ref)
            if not state:  # the printer cannot be asked now (CUPS stopped): what we knew still stands
                log.info("print job %s: %s", job_id, reason)
                continue
            if state not in PRINTER_STATES:
                state = "sent"
            if (state, reason) == (job.printer_state, job.printer_reason):
                continue
            self._set(job_id, printer_state=state, printer_reason=reason, checked=_iso(_now()))
            if state == "failed":  # lost after acceptance: on the record (a printed one is the normal case)
                self._record_outcome(job_id, "failed", reason)
            changed.append(self.job(job_id))
        return changed

    # -- internals -----------------------------------------------------------------------------
    def _template(self, name: str) -> Template:
        if name not in self._templates:
            self._templates[name] = load_template(name)
        return self._templates[name]

    def _operator(self, job_id: str) -> str | None:
        row = self.station.replica.one("SELECT operator FROM print_jobs WHERE id = ?", (job_id,))
        return (row["operator"] or None) if row else None

    def _set(self, job_id: str, **values: Any) -> None:
        values["updated"] = _iso(_now())
        assignments = ", ".join(f"{k} = ?" for k in values)
        with self.station.replica.transaction() as conn:
            conn.execute(f"UPDATE print_jobs SET {assignments} WHERE id = ?", (*values.values(), job_id))

    def _record_outcome(self, job_id: str, outcome: str, reason: str) -> None:
        """A ``print_job`` event for the audit trail (nothing derives from it)."""
        job = self.job(job_id)
        try:
            record_print_outcome(
                self.station,
                {
                    "job_id": job_id,
                    "attendee_id": job.attendee_id,
                    "outcome": outcome,
                    "reason": _clip(reason),
                    "serial": job.badge_serial or "",
                    "backend": job.backend,
                    "backend_ref": _clip(job.backend_ref),
                    "attempts": job.attempts,
                    "template": job.template,
                    "target": _clip(job.target),
                    "printer_state": job.printer_state,
                    "printer_reason": _clip(job.printer_reason),
                },
                self._operator(job_id),
            )
        except VenueError as exc:  # the audit record must not turn a printed badge into a failure
            log.warning("could not record print_job outcome of %s: %s", job_id, exc)

    @staticmethod
    def _draft(row: Any) -> BadgeDraft:
        from venue_app.station import BadgeDraft

        return BadgeDraft(
            row["badge_serial"],
            row["badge_token"],
            row["attendee_id"],
            row["badge_category"] or "",
            row["badge_key_id"] or "",
        )


def follow_all(station: Station, open_backend: Any = None) -> list[Job]:
    """Follow the sent and held jobs of every target (``venue-app badge queue list``); a target whose
    back-end cannot be opened here is skipped (its jobs keep their last known state)."""
    if open_backend is None:
        from printing.backends import open_backend
    rows = station.replica.query(
        "SELECT DISTINCT target FROM print_jobs WHERE status = 'done' AND target != ''"
        " AND printer_state IN (?, ?)",
        _FOLLOWED,
    )
    changed: list[Job] = []
    for row in rows:
        try:
            queue = PrintQueue(station, open_backend(row["target"]), recover=False)
        except VenueError as exc:
            log.info("cannot follow jobs for %s: %s", row["target"], exc)
            continue
        changed += queue.follow()
    return changed
