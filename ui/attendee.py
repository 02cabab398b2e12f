"""The attendee panel: who this is, whether and when they checked in, their badges, and what the
desk can do for them — check in by hand, print or reprint (a reprint asks why and revokes the old
badge at once), edit fields, cancel or block (supervisor PIN), open their delegation.

Check-ins by hand, edits and revoking badges are the core's operations (:mod:`venue_app.ops`, the same
the CLI calls): the engine's refusals, the field rules, a reason to cancel or block. What the panel
shows is the core's read model of the attendee page (:mod:`venue_app.views.attendee`).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.context import DeskContext, UndoAction
from ui.flow import FlowLayout
from ui.i18n import translate
from ui.scanners import NATIVE_TEXT_FIELDS, allow_input_method
from ui.walkin import add_row, fit_to_problems, problem_text
from ui.widgets import BigLabel, CompactList, KeyButton, Pill, display_name, full_title
from venue_app.clock import EventClock
from venue_app.ops import Edit, InvalidInput, check_fields, check_in_by_hand, edit_attendee
from venue_app.ops.badges import revoke_badges
from venue_app.verdicts import Verdict
from venue_app.views.attendee import attendee_page

__all__ = ["EDITABLE", "REPRINT_REASONS", "AttendeePanel", "EditDialog"]

#: the usual answers (translated when offered; what the operator picks is recorded as shown)
REPRINT_REASONS = [QT_TRANSLATE_NOOP("AttendeePanel", "lost"), QT_TRANSLATE_NOOP("AttendeePanel", "damaged"),
                   QT_TRANSLATE_NOOP("AttendeePanel", "name corrected"),
                   QT_TRANSLATE_NOOP("AttendeePanel", "category changed"), QT_TRANSLATE_NOOP("AttendeePanel", "stolen")]
#: fields staff may edit at the desk (code and status have their own rules)
EDITABLE = ("honorific", "given_name", "family_name", "native_name", "name_order", "organisation", "job_title",
            "country", "category", "delegation", "email", "phone", "language", "accessibility", "notes")
_HISTORY_TYPES = ("checkin", "override", "badge_issued", "badge_revoked", "attendee_updated", "attendee_created",
                  "print_job")


def _describe(entry: dict[str, Any], clock: EventClock) -> str:
    p = json.loads(entry["payload"])
    when = clock.time(entry["wall"])
    who = f" · {entry['operator']}" if entry["operator"] else ""
    where = " " + translate("AttendeePanel", "at {station}").format(station=entry["station"]) \
        if entry.get("station") else ""
    kind = entry["type"]
    if kind == "checkin":
        how = translate("AttendeePanel", "by hand") if p.get("manual") else (
            translate("AttendeePanel", "walk-in") if p.get("walk_in") else translate("AttendeePanel", "scan"))
        extra = translate("AttendeePanel", ", collected by {name}").format(name=p["on_behalf"]) \
            if p.get("on_behalf") else ""
        return f"{when}  " + translate("AttendeePanel", "Checked in ({how}){where}").format(
            how=how + extra, where=where) + who
    if kind == "override":
        return f"{when}  " + translate("AttendeePanel", "Admitted by supervisor: {reason}").format(
            reason=p.get("reason", "")) + who
    if kind == "badge_issued":
        why = f" ({p['reason']})" if p.get("reason") else ""
        return f"{when}  " + translate("AttendeePanel", "Badge {serial} issued{why}").format(
            serial=p.get("serial", "")[:8], why=why) + who
    if kind == "badge_revoked":
        return f"{when}  " + translate("AttendeePanel", "Badge {serial} revoked: {reason}").format(
            serial=p.get("serial", "")[:8], reason=p.get("reason", "")) + who
    if kind == "attendee_updated":
        return f"{when}  " + translate("AttendeePanel", "Changed {fields}").format(
            fields=", ".join(field_label(f) for f in sorted(p.get("fields", {})))) + who
    if kind == "attendee_created":
        return f"{when}  " + translate("AttendeePanel", "Registered at the desk{where}").format(where=where) + who
    if kind == "print_job":
        outcome = {"done": translate("AttendeePanel", "done"), "failed": translate("AttendeePanel", "failed"),
                   "cancelled": translate("AttendeePanel", "cancelled")}.get(p.get("outcome", ""),
                                                                             p.get("outcome", ""))
        return f"{when}  " + translate("AttendeePanel", "Print {outcome}").format(outcome=outcome) + \
            (": " + p["reason"] if p.get("reason") else "")
    return f"{when}  {kind}"


#: attendee field → its label at the desk
FIELD_LABELS: dict[str, str] = {
    "honorific": QT_TRANSLATE_NOOP("AttendeePanel", "Title"),
    "given_name": QT_TRANSLATE_NOOP("AttendeePanel", "Given name"),
    "family_name": QT_TRANSLATE_NOOP("AttendeePanel", "Family name"),
    "native_name": QT_TRANSLATE_NOOP("AttendeePanel", "Name in own script"),
    "name_order": QT_TRANSLATE_NOOP("AttendeePanel", "Name order"),
    "organisation": QT_TRANSLATE_NOOP("AttendeePanel", "Organisation"),
    "job_title": QT_TRANSLATE_NOOP("AttendeePanel", "Job title"),
    "country": QT_TRANSLATE_NOOP("AttendeePanel", "Country"),
    "category": QT_TRANSLATE_NOOP("AttendeePanel", "Category"),
    "delegation": QT_TRANSLATE_NOOP("AttendeePanel", "Delegation"),
    "email": QT_TRANSLATE_NOOP("AttendeePanel", "E-mail"),
    "phone": QT_TRANSLATE_NOOP("AttendeePanel", "Phone"),
    "language": QT_TRANSLATE_NOOP("AttendeePanel", "Interpretation"),
    "accessibility": QT_TRANSLATE_NOOP("AttendeePanel", "Accessibility"),
    "notes": QT_TRANSLATE_NOOP("AttendeePanel", "Notes"),
    "status": QT_TRANSLATE_NOOP("AttendeePanel", "Status"),
    "code": QT_TRANSLATE_NOOP("AttendeePanel", "Registration code"),
}


def field_label(name: str) -> str:
    return translate("AttendeePanel", FIELD_LABELS[name]) if name in FIELD_LABELS else name.replace("_", " ")


class EditDialog(QDialog):
    """Edit attendee fields; only what changed is recorded. Save checks the values by the core's
    rules (:func:`venue_app.ops.check_fields`) and names each problem under its field."""

    def __init__(self, person: dict[str, Any], categories: dict[str, tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit — {name}").format(name=display_name(person)))
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.hints: dict[str, QLabel] = {}
        self.categories = set(categories)
        form = QFormLayout(self)
        for name in EDITABLE:
            widget: QLineEdit | QComboBox
            if name == "name_order":
                widget = QComboBox()
                widget.addItem(self.tr("Given name first"), "given-first")
                widget.addItem(self.tr("Family name first"), "family-first")
                widget.setCurrentIndex(max(0, widget.findData(person.get(name) or "given-first")))
            elif name == "category":
                widget = QComboBox()
                widget.addItems(sorted(categories) or [person.get(name) or ""])
                widget.setCurrentText(person.get(name) or "")
            else:
                widget = QLineEdit(person.get(name) or "")
                if name in NATIVE_TEXT_FIELDS:
                    allow_input_method(widget)
            self.fields[name] = widget
            hint = QLabel()
            hint.setStyleSheet("color: #c62828; font-weight: 600;")
            hint.setWordWrap(True)
            hint.hide()
            self.hints[name] = hint
            box = QVBoxLayout()  # the field over its problem (no room taken while there is none)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(hint)
            add_row(form, field_label(name), widget, box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {k: (str(w.currentData() or w.currentText()) if isinstance(w, QComboBox) else w.text()).strip()
                for k, w in self.fields.items()}

    def accept(self) -> None:
        _clean, problems = check_fields(self.values(), categories=self.categories)
        wrong = {p.field: problem_text(p) for p in problems}
        for name, hint in self.hints.items():
            hint.setText(wrong.get(name, ""))
            hint.setVisible(name in wrong)
            self.fields[name].setStyleSheet("border: 2px solid #c62828;" if name in wrong else "")
        if not problems:
            super().accept()
        else:
            fit_to_problems(self)


class AttendeePanel(QWidget):
    """Shown in the desk's side area; ``closed`` asks the desk to go back to scanning."""

    closed = Signal()
    open_delegation = Signal(str)
    verdict = Signal(object)  # a Verdict from a manual check-in, for the big panel
    info = Signal(str, str, object)  # headline, message, person — for the big panel
    loaded = Signal(str)  # attendee id, after the panel shows fresh data
    refused = Signal(str)  # an edit or check-in the core refused, in words (nothing was written)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: dict[str, Any] | None = None
        self.attendee_id = ""
        self.name = BigLabel(30, QFont.Weight.Bold)
        self.native = BigLabel(26, QFont.Weight.DemiBold)
        self.title = BigLabel(17)
        self.organisation = BigLabel(17)
        self.category = Pill("", "grey")
        self.status = Pill("", "grey")
        self.arrival = Pill("", "grey")
        pills = FlowLayout(spacing=8)  # wraps: "✔ Checked in 15:21 CST at Desk 12" never widens the page
        pills.setContentsMargins(0, 0, 0, 0)
        for w in (self.category, self.status, self.arrival):
            pills.addWidget(w)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self._grid_labels: dict[str, QLabel] = {}
        self._wide_captions: dict[str, QLabel] = {}  # e-mail and notes: their rows go when empty
        # short fields two to a row; e-mail (one unbreakable word) and notes have the page's whole
        # width under their caption, so a long address fits a 1366 px screen instead of widening it
        places = {"delegation": (0, 0), "country": (0, 2), "phone": (1, 0), "language": (1, 2), "code": (2, 0),
                  "accessibility": (2, 2), "email": (3, 0), "notes": (5, 0)}
        for key, (row, column) in places.items():
            caption = QLabel(field_label(key))
            caption.setStyleSheet("color: #5f6b77;")
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)  # level with its caption
            self.grid.addWidget(caption, row, column, Qt.AlignmentFlag.AlignTop)
            if key in ("email", "notes"):
                self.grid.addWidget(value, row + 1, 0, 1, 4)
                self._wide_captions[key] = caption
            else:
                self.grid.addWidget(value, row, column + 1)
            self._grid_labels[key] = value
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.badges = CompactList(2)
        self.badges.setAccessibleName(self.tr("Badges"))
        self.badges.setMaximumHeight(66)
        self.history = CompactList(3)
        self.history.setAccessibleName(self.tr("History"))
        for lst in (self.badges, self.history):  # long entries wrap: nothing hidden off to the right
            lst.setWordWrap(True)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.b_checkin = KeyButton("F5", self.tr("Check in by hand"))
        self.b_print = KeyButton("F6", self.tr("Print badge"))
        self.b_edit = KeyButton("F7", self.tr("Edit…"))
        self.b_cancel = KeyButton("", self.tr("Cancel registration…"))
        self.b_block = KeyButton("", self.tr("Block…"))
        self.b_delegation = KeyButton("F4", self.tr("Delegation"))
        self.b_back = KeyButton("Esc", self.tr("Back to scanning"))
        for b, slot in ((self.b_checkin, self.check_in), (self.b_print, self.print_badge), (self.b_edit, self.edit),
                        (self.b_cancel, lambda: self.set_status("cancelled")),
                        (self.b_block, lambda: self.set_status("blocked")),
                        (self.b_delegation, lambda: self.open_delegation.emit(
                            (self.data or {}).get("person", {}).get("delegation", ""))),
                        (self.b_back, self.closed.emit)):
            b.clicked.connect(slot)
        actions = QGridLayout()
        for i, b in enumerate((self.b_checkin, self.b_print, self.b_edit, self.b_delegation, self.b_cancel,
                               self.b_block)):
            actions.addWidget(b, i // 3, i % 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(6)
        top = QHBoxLayout()  # the name beside the way back: one row less on a laptop screen
        top.addWidget(self.name, 1)
        top.addWidget(self.b_back, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        for w in (self.native, self.title, self.organisation):
            layout.addWidget(w)
            w.hide()  # shown when there is something to say (_fill)
        layout.addLayout(pills)
        layout.addLayout(actions)  # what the desk does for them, in view before the details
        layout.addLayout(self.grid)
        layout.addWidget(QLabel(self.tr("<b>Badges</b>")))
        layout.addWidget(self.badges)
        self.history_title = QLabel(self.tr("<b>History</b>"))
        self.history_title.setWordWrap(True)
        layout.addWidget(self.history_title)
        self.history.setMinimumHeight(72)
        layout.addWidget(self.history, 1)

    # -- loading -------------------------------------------------------------------------------
    def show_attendee(self, attendee_id: str) -> None:
        self.attendee_id = attendee_id
        self.ctx.tasks.run(attendee_page, self.ctx.station, attendee_id, lane="read", label="attendee",
                           on_done=self._fill)

    def reload(self) -> None:
        if self.attendee_id:
            self.show_attendee(self.attendee_id)

    def _fill(self, data: dict[str, Any] | None) -> None:
        if data is None or data["person"]["id"] != self.attendee_id:
            return
        self.data = data
        p = data["person"]
        clock = self.ctx.clock
        name = display_name(p)
        self.name.setText(name)
        native = p.get("native_name") or ""
        self.native.setText(native if native != name else "")
        self.native.setVisible(bool(self.native.text()))
        # an empty word-wrapped label still takes a line: hide it (the page must fit a laptop screen)
        for label, text in ((self.title, full_title(p)), (self.organisation, p.get("organisation") or "")):
            label.setText(text)
            label.setVisible(bool(text))
        label, color = self.ctx.categories.get(p.get("category") or "", (p.get("category") or "—", "#607d8b"))
        self.category.set(label, color)
        status = p.get("status") or "active"
        self.status.set({"active": self.tr("Registration active"), "cancelled": self.tr("✖ CANCELLED"),
                         "blocked": self.tr("✖ BLOCKED")}[status],
                        "green" if status == "active" else "red")
        ci = data["checkin"]
        if ci:
            self.arrival.set(self.tr("✔ Checked in {time} at {station}").format(
                time=clock.time(ci["at"], zone=True), station=ci["station"]), "green")
        else:
            self.arrival.set(self.tr("Not checked in yet"), "grey")
        for key, widget in self._grid_labels.items():
            widget.setText(p.get(key) or "—")
            if key in self._wide_captions:  # two rows each: not for a dash
                widget.setVisible(bool(p.get(key)))
                self._wide_captions[key].setVisible(bool(p.get(key)))
        self.badges.clear()
        valid = [b for b in data["badges"] if b["revoked_hlc"] is None]
        for b in data["badges"]:
            state = self.tr("valid") if b["revoked_hlc"] is None else self.tr("revoked — {reason}").format(
                reason=b["revoked_reason"] or self.tr("replaced"))
            self.badges.addItem(f"{b['serial'][:12]}   {state}")
        if not data["badges"]:
            self.badges.addItem(self.tr("No badge printed yet"))
        self.b_print.setText(f"F6   {self.tr('Reprint…') if data['badges'] else self.tr('Print badge')}")
        self.b_print.setEnabled(status == "active")
        self.b_checkin.setEnabled(ci is None)
        self.b_delegation.setEnabled(bool(p.get("delegation")))
        self.b_cancel.setEnabled(status == "active")
        self.b_block.setEnabled(status != "blocked")
        self.history.clear()
        title = self.tr("<b>History</b>")
        if clock.differs():  # this computer keeps another zone: say which one the times are in
            title += " " + self.tr("(times in {zone}, event time)").format(zone=clock.abbreviation())
        self.history_title.setText(title)
        for entry in data["history"]:
            self.history.addItem(_describe(entry, clock))
        self._valid_badges = len(valid)
        self.loaded.emit(self.attendee_id)

    # -- actions -------------------------------------------------------------------------------
    @property
    def person(self) -> dict[str, Any]:
        return (self.data or {}).get("person") or {}

    def check_in(self) -> None:
        if not self.attendee_id or not self.b_checkin.isEnabled():
            return
        person_id = self.attendee_id

        def done(v: Verdict) -> None:
            self.verdict.emit(v)
            if v.ok:
                self.ctx.undo.push(UndoAction(self.tr("Check-in of {name}").format(name=display_name(v.attendee)),
                                              None, self.tr("A check-in cannot be taken back on this version.")))
            self.reload()
        self.ctx.write(check_in_by_hand, self.ctx.station, person_id, operator=self.ctx.operator, on_done=done,
                       on_error=self._not_saved, label="manual check-in")

    def print_badge(self, reason: str | None = None) -> None:
        """Print the first badge, or reprint: asks why, revokes the valid badges, prints a new one.
        Reprints after the first need the supervisor PIN."""
        if not self.data or not self.b_print.isEnabled():
            return
        person_id = self.attendee_id
        badges = self.data["badges"]
        operator = self.ctx.operator
        if badges:
            if reason is None:
                reasons = [translate("AttendeePanel", r) for r in REPRINT_REASONS]
                reason = self.ctx.asker.text(self.tr("Reprint badge"),
                                             self.tr("Why is a new badge needed? The old badge will stop working now."),
                                             reasons, reasons[0])
                if reason is None:
                    return
            if len(badges) >= 2:
                approval = self.ctx.asker.supervisor(str(self.ctx.station.settings["supervisor_pin_hash"]),
                                                     self.tr("Reprint #{number}").format(number=len(badges)),
                                                     need_reason=False)
                if approval is None:
                    return
                operator = f"{operator} (approved by {approval.supervisor})"  # i18n: recorded in the log

        def work() -> str:
            if badges:
                revoke_badges(self.ctx.station, person_id, reason=reason or "reprint", operator=operator)
            return self.ctx.printer.queue.enqueue(person_id, operator=operator)

        def done(job_id: str) -> None:
            self.ctx.printer.kick()
            name = display_name(self.person)
            if badges:
                self.info.emit(self.tr("Reprinting badge"),
                               self.tr("Old badge revoked ({reason}). A new badge is printing.").format(reason=reason),
                               self.person)
            self.ctx.undo.push(UndoAction(self.tr("Badge print for {name}").format(name=name),
                                          lambda: _cancel_job(self.ctx, job_id)))
            self.reload()
        self.ctx.write(work, on_done=done, label="print badge")

    def _not_saved(self, exc: BaseException) -> None:
        """A refused edit or check-in, in words on the big panel; nothing was written."""
        words = " ".join(problem_text(p) for p in exc.problems) if isinstance(exc, InvalidInput) else str(exc)
        self.info.emit(self.tr("Not saved"), words, self.person)
        self.refused.emit(words)

    def edit(self, values: dict[str, str] | None = None) -> None:
        if not self.data:
            return
        if values is None:
            dialog = EditDialog(self.person, self.ctx.categories, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            values = dialog.values()
        station, person_id, operator = self.ctx.station, self.attendee_id, self.ctx.operator

        def done(edit: Edit) -> None:
            previous = edit.previous
            if previous:
                self.ctx.undo.push(UndoAction(
                    self.tr("Edit of {fields}").format(fields=", ".join(field_label(f) for f in sorted(previous))),
                    lambda: (_restore(station, person_id, previous, operator), self.tr("the edit"))[1]))
            self.reload()
        self.ctx.write(edit_attendee, station, person_id, values, operator=operator, on_done=done,
                       on_error=self._not_saved, label="edit")

    def set_status(self, status: str, approval: Any = None) -> None:
        """Cancel or block: the supervisor's name, PIN and reason; the reason goes into the notes."""
        if not self.data:
            return
        if approval is None:
            words = self.tr("Cancel this registration") if status == "cancelled" else self.tr("Block this person")
            approval = self.ctx.asker.supervisor(str(self.ctx.station.settings["supervisor_pin_hash"]), words)
            if approval is None:
                return
        station, person_id, operator = self.ctx.station, self.attendee_id, f"{approval.supervisor}"
        undone = self.tr("the cancelled status") if status == "cancelled" else self.tr("the blocked status")

        def done(edit: Edit) -> None:
            previous = edit.previous
            self.ctx.undo.push(UndoAction(
                (self.tr("Cancellation of {name}") if status == "cancelled" else self.tr("Block of {name}")).format(
                    name=display_name(self.person)),
                lambda: (_restore(station, person_id, previous, operator), undone)[1]))
            self.reload()
        self.ctx.write(edit_attendee, station, person_id, {"status": status}, reason=approval.reason,
                       operator=operator, on_done=done, on_error=self._not_saved, label=status)


def _restore(station: Any, attendee_id: str, previous: dict[str, str], operator: str) -> None:
    """Undo an edit: the previous values, as an edit of their own (the log keeps both)."""
    status = previous.get("status", "")
    edit_attendee(station, attendee_id, previous, operator=operator,
                  reason="undo" if status in ("cancelled", "blocked") else "")  # i18n: recorded in the log


def _cancel_job(ctx: DeskContext, job_id: str) -> str:
    job = ctx.printer.queue.job(job_id)
    if job.status in ("queued", "failed"):
        ctx.printer.queue.cancel(job_id)
        return translate("AttendeePanel", "the badge print (cancelled before printing)")
    raise RuntimeError(translate("AttendeePanel", "the badge was already printed; reprint it if it is wrong"))
