"""Walk-in registration: a short form, validation as you go, possible duplicates (same name or
e-mail) shown before anyone is created twice, then register + check in + print in one go."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
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

from ui.context import DeskContext, create_walkin
from ui.i18n import translate
from ui.scanners import NATIVE_TEXT_FIELDS, allow_input_method
from ui.search import run_search
from ui.widgets import display_name
from venue_app.importer import COUNTRY_NAMES, country_code

__all__ = ["WalkinDialog", "validate_walkin"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validate_walkin(values: dict[str, str], categories: set[str]) -> dict[str, str]:
    """Field → problem in plain words; empty when the walk-in can be registered."""
    problems: dict[str, str] = {}
    if not (values.get("given_name") or values.get("family_name") or values.get("native_name")):
        problems["family_name"] = translate("WalkinDialog", "A name is needed (in any script).")
    if values.get("email") and not _EMAIL.match(values["email"]):
        problems["email"] = translate("WalkinDialog", "This does not look like an e-mail address.")
    if values.get("country") and country_code(values["country"]) is None:
        problems["country"] = translate("WalkinDialog", "Unknown country: use a name or a two-letter code (FR, CN…).")
    if not values.get("category"):
        problems["category"] = translate("WalkinDialog", "Choose a category.")
    elif categories and values["category"] not in categories:
        problems["category"] = translate("WalkinDialog", "Unknown category.")
    return problems


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
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.category = QComboBox()
        for code, (label, _) in sorted(ctx.categories.items(), key=lambda kv: kv[1][0]):
            self.category.addItem(f"{label} ({code})", code)
        self.name_order = QComboBox()
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
            form.addRow(label, edit)
            if key == "native_name":
                form.addRow(self.tr("Name order"), self.name_order)
        form.insertRow(0, self.tr("Category"), self.category)
        self.problems = QLabel()
        self.problems.setStyleSheet("color: #c62828; font-weight: 600;")
        self.problems.setWordWrap(True)
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

    def values(self) -> dict[str, str]:
        out = {k: w.text().strip() for k, w in self.f.items()}
        out["category"] = str(self.category.currentData() or "")
        out["name_order"] = str(self.name_order.currentData())
        if out.get("country"):
            out["country"] = country_code(out["country"]) or out["country"]
        return out

    def _find_duplicates(self) -> None:
        v = self.values()
        queries = [q for q in (" ".join(x for x in (v["given_name"], v["family_name"]) if x), v["native_name"],
                               v["email"]) if len(q) >= 3]
        if not queries:
            self._show_dupes([])
            return
        station = self.ctx.station

        def work() -> list[dict[str, Any]]:
            seen: dict[str, dict[str, Any]] = {}
            for q in queries:
                for r in run_search(station, q, 8):
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
        problems = validate_walkin(values, set(self.ctx.categories))
        for key, widget in self.f.items():
            widget.setStyleSheet("border: 2px solid #c62828;" if key in problems else "")
        self.problems.setText(" ".join(problems.values()))
        if problems:
            return
        self.busy = True
        self.submit.setEnabled(False)
        record = {k: v for k, v in values.items() if v}
        ctx, check_in, print_it = self.ctx, self.check_in.isChecked(), self.print_badge.isChecked()

        def work() -> str:
            attendee_id = create_walkin(ctx.station, record, ctx.operator, check_in=check_in)
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
            self.problems.setText(self.tr("Could not register: {error}").format(error=exc))
        ctx.write(work, on_done=done, on_error=failed, label="walk-in")


_ = COUNTRY_NAMES
