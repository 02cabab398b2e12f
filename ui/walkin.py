"""Walk-in registration: a short form, possible duplicates (same name or e-mail) shown before anyone
is created twice, then register + check in + print in one go.

The rules are the core's (:func:`venue_app.ops.check_walkin`, the same the CLI's ``station register``
applies): this form shows each problem under its field, in the interface language (:func:`problem_text`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.context import DeskContext
from ui.i18n import translate
from ui.scanners import NATIVE_TEXT_FIELDS, allow_input_method
from ui.widgets import display_name
from venue_app.ops import InvalidInput, Problem, check_walkin, register_walkin
from venue_app.views.desk import search_people

__all__ = ["PROBLEM_WORDS", "WalkinDialog", "add_row", "fit_to_problems", "problem_text"]

#: core problem code (venue_app.ops) → what staff read, with the problem's data as placeholders
PROBLEM_WORDS: dict[str, str] = {
    "name_missing": QT_TRANSLATE_NOOP("WalkinDialog", "A name is needed (in any script)."),
    "category_missing": QT_TRANSLATE_NOOP("WalkinDialog", "Choose a category."),
    "unknown_category": QT_TRANSLATE_NOOP("WalkinDialog", "Unknown category."),
    "bad_email": QT_TRANSLATE_NOOP("WalkinDialog", "This does not look like an e-mail address."),
    "unknown_country": QT_TRANSLATE_NOOP("WalkinDialog",
                                         "Unknown country: use a name or a two-letter code (FR, CN…)."),
    "control_characters": QT_TRANSLATE_NOOP("WalkinDialog",
                                            "Contains invisible control characters: type it again."),
    "too_long": QT_TRANSLATE_NOOP("WalkinDialog", "Too long: at most {limit} characters."),
    "bad_code": QT_TRANSLATE_NOOP("WalkinDialog", "A registration code has no spaces or invisible characters."),
    "code_taken": QT_TRANSLATE_NOOP("WalkinDialog", "Code {code} already belongs to another attendee."),
    "bad_name_order": QT_TRANSLATE_NOOP("WalkinDialog", "Choose given name first or family name first."),
    "reason_missing": QT_TRANSLATE_NOOP("WalkinDialog", "A reason is needed to cancel or block a registration."),
}


def problem_text(problem: Problem) -> str:
    """A core problem in the interface language (its English words when this module does not know it)."""
    words = PROBLEM_WORDS.get(problem.code)
    if words is None:
        return problem.message
    return translate("WalkinDialog", words).format(**{k: v for k, v in problem.params.items()
                                                      if isinstance(v, str | int)})


class WalkinDialog(QDialog):
    """Non-modal: a scan while it is open still shows its verdict on the desk."""

    registered = Signal(str)  # new attendee id
    open_existing = Signal(str)  # the operator chose a possible duplicate instead
    duplicates_checked = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Walk-in registration (F3)"))
        self.setMinimumWidth(620)
        self.f: dict[str, QLineEdit] = {}
        self.hints: dict[str, QLabel] = {}  # field → its problem, shown under it
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.category = QComboBox()
        for code, (label, _) in sorted(ctx.categories.items(), key=lambda kv: kv[1][0]):
            self.category.addItem(f"{label} ({code})", code)
        self.name_order = QComboBox()
        self.name_order.addItem(self.tr("As usual in their country"), "")
        self.name_order.addItem(self.tr("Given name first (Anna Schmidt)"), "given-first")
        self.name_order.addItem(self.tr("Family name first (王 伟, 김 민준)"), "family-first")
        for key, label, hint in (("honorific", self.tr("Title"), self.tr("Mr., Ms., Dr., H.E., Mayor…")),
                                 ("given_name", self.tr("Given name"), ""), ("family_name", self.tr("Family name"), ""),
                                 ("native_name", self.tr("Name in own script"), "王伟, محمد, Иван…"),
                                 ("organisation", self.tr("Organisation"), ""), ("job_title", self.tr("Job title"), ""),
                                 ("country", self.tr("Country"), self.tr("name or code: France, FR")),
                                 ("delegation", self.tr("Delegation"), self.tr("city or body, if any")),
                                 ("email", self.tr("E-mail"), ""), ("phone", self.tr("Phone"), "")):
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            if key in NATIVE_TEXT_FIELDS:
                allow_input_method(edit)  # 王伟 is typed with pinyin; a scan is not read in these fields
            self.f[key] = edit
            add_row(form, label, edit, self._with_hint(key, edit))
            if key == "native_name":
                add_row(form, self.tr("Name order"), self.name_order, self._with_hint("name_order", self.name_order))
        add_row(form, self.tr("Category"), self.category, self._with_hint("category", self.category), at=0)
        self.problems = QLabel()
        self.problems.setStyleSheet("color: #c62828; font-weight: 600;")
        self.problems.setWordWrap(True)
        self.problems.hide()  # until a problem has no field of its own (show_problems)
        self.dupes = QListWidget()
        self.dupes.setMaximumHeight(120)
        self.dupes.itemActivated.connect(self._open_dupe)
        self.dupes_label = QLabel()
        self.check_in = QCheckBox(self.tr("Check in now"))
        self.check_in.setChecked(True)
        self.print_badge = QCheckBox(self.tr("Print the badge"))
        self.print_badge.setChecked(True)
        self.submit = QPushButton(self.tr("Ctrl+Enter   Register"))
        self.submit.setDefault(True)
        self.submit.setShortcut("Ctrl+Return")
        self.submit.clicked.connect(self.register)
        self.submit.setMinimumWidth(self.submit.sizeHint().width() + 24)  # never truncated by the layout
        cancel = QPushButton(self.tr("Esc   Close"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in)
        buttons.addWidget(self.print_badge)
        buttons.addStretch(1)
        intro = QLabel(self.tr("<b>Register a walk-in.</b> A name in any script, a category; the rest if known. "
                               "Possible duplicates show below as you type."))
        intro.setWordWrap(True)
        buttons.addWidget(cancel)
        buttons.addWidget(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.dupes_label)
        layout.addWidget(self.dupes)
        layout.addLayout(buttons)
        self._dupe_timer = QTimer(self)
        self._dupe_timer.setSingleShot(True)
        self._dupe_timer.setInterval(150)
        self._dupe_timer.timeout.connect(self._find_duplicates)
        for key in ("given_name", "family_name", "native_name", "email"):
            self.f[key].textChanged.connect(self._dupe_timer.start)
        self.dupes.hide()
        self.dupes_label.hide()
        self.busy = False

    def _with_hint(self, key: str, field: QWidget) -> QVBoxLayout:
        """``field`` over the line that names its problem (hidden, so taking no room, until there is one)."""
        hint = QLabel()
        hint.setStyleSheet("color: #c62828; font-weight: 600;")
        hint.setWordWrap(True)
        hint.hide()
        self.hints[key] = hint
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(field)
        box.addWidget(hint)
        return box

    def values(self) -> dict[str, str]:
        """What the form holds, as typed (the core cleans and checks it)."""
        out = {k: w.text() for k, w in self.f.items()}
        out["category"] = str(self.category.currentData() or "")
        out["name_order"] = str(self.name_order.currentData() or "")
        return out

    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem under its field (a missing name under the family name); one without a field of
        its own (a code taken meanwhile) below the form."""
        by_field: dict[str, list[str]] = {}
        for p in problems:
            key = "family_name" if p.field == "name" else p.field
            by_field.setdefault(key if key in self.hints else "", []).append(problem_text(p))
        for key, hint in self.hints.items():
            hint.setText(" ".join(by_field.get(key, [])))
            hint.setVisible(key in by_field)
        marked = set(by_field) | ({"given_name", "family_name", "native_name"}
                                  if any(p.field == "name" for p in problems) else set())
        for key, widget in self.f.items():
            widget.setStyleSheet("border: 2px solid #c62828;" if key in marked else "")
            widget.setAccessibleDescription(self.hints[key].text() if key in self.hints else "")
        self.category.setStyleSheet("border: 2px solid #c62828;" if "category" in marked else "")
        # the line below the form holds every problem in reading order, and is shown when one has no
        # field of its own: repeating the others would push the buttons off a 768-pixel laptop screen
        self.problems.setText(" ".join(problem_text(p) for p in problems))
        self.problems.setVisible("" in by_field)
        fit_to_problems(self)

    def _find_duplicates(self) -> None:
        v = {k: text.strip() for k, text in self.values().items()}
        queries = [q for q in (" ".join(x for x in (v["given_name"], v["family_name"]) if x), v["native_name"],
                               v["email"]) if len(q) >= 3]
        if not queries:
            self._show_dupes([])
            return
        station = self.ctx.station

        def work() -> list[dict[str, Any]]:
            seen: dict[str, dict[str, Any]] = {}
            for q in queries:
                for r in search_people(station, q, 8):
                    if r["match"] in ("exact", "code", "email"):
                        seen.setdefault(r["id"], r)
            return list(seen.values())
        self.ctx.tasks.run(work, lane="read", label="walk-in duplicates", on_done=self._show_dupes)

    def _show_dupes(self, rows: list[dict[str, Any]]) -> None:
        self.dupes.clear()
        for r in rows:
            item = QListWidgetItem(f"{display_name(r)}  {r.get('native_name') or ''} — {r.get('organisation') or ''}"
                                   f" ({r.get('email') or self.tr('no e-mail')})")
            item.setData(Qt.ItemDataRole.UserRole, r["id"])
            self.dupes.addItem(item)
        self.dupes_label.setText(self.tr("<b>Already registered?</b> %n similar — double-click to open instead.", "",
                                         len(rows)) if rows else "")
        self.dupes.setVisible(bool(rows))
        self.dupes_label.setVisible(bool(rows))
        self.duplicates_checked.emit(len(rows))

    def _open_dupe(self, item: QListWidgetItem) -> None:
        self.open_existing.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()

    def register(self) -> None:
        if self.busy:
            return
        values = self.values()
        _record, problems = check_walkin(values, set(self.ctx.categories))  # at once, before the write lane
        self.show_problems(problems)
        if problems:
            return
        self.busy = True
        self.submit.setEnabled(False)
        ctx, check_in, print_it = self.ctx, self.check_in.isChecked(), self.print_badge.isChecked()

        def work() -> str:
            attendee_id = str(register_walkin(ctx.station, values, operator=ctx.operator,
                                              check_in=check_in).attendee["id"])
            if print_it:
                ctx.printer.queue.enqueue(attendee_id, operator=ctx.operator)
            return attendee_id

        def done(attendee_id: str) -> None:
            self.busy = False
            if print_it:
                ctx.printer.kick()
            self.registered.emit(attendee_id)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.submit.setEnabled(True)
            if isinstance(exc, InvalidInput):  # found under the writer: a code given away meanwhile
                self.show_problems(exc.problems)
            else:
                self.problems.setText(self.tr("Could not register: {error}").format(error=exc))
                self.problems.show()
        ctx.write(work, on_done=done, on_error=failed, label="walk-in")


def fit_to_problems(dialog: QDialog) -> None:
    """Grow an open dialog to the lines its problems added: a shown dialog keeps its size, and its
    minimum size does not count word-wrapped lines, so the fields would be squeezed instead."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
        height = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else 0
        dialog.resize(dialog.width(), max(dialog.height(), height, dialog.sizeHint().height()))


def add_row(form: QFormLayout, label: str, field: QWidget, box: QVBoxLayout, at: int = -1) -> None:
    """A form row whose field sits in ``box`` (over its problem line); the label still names the
    field for screen readers and Alt-key jumps."""
    form.insertRow(at, label, box)
    caption = form.labelForField(box)
    if isinstance(caption, QLabel):
        caption.setBuddy(field)
