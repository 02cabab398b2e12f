"""The small dialogs that ask for the supervisor's name, PIN and reason, or a line of text.

The PIN's rule, hash and check are the core's (:mod:`venue_app.ops.pin`, also used by the CLI);
``hash_pin`` and ``check_pin`` are re-exported here for the setup dialogs. Dialogs go through
:class:`Asker` so that tests can answer them without a modal loop.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import translate
from venue_app.ops.pin import check_pin, hash_pin

__all__ = ["Approval", "Asker", "check_pin", "hash_pin"]


@dataclass(frozen=True)
class Approval:
    supervisor: str
    reason: str


class Asker:
    """Asks the operator things. Tests replace it with scripted answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def text(self, title: str, label: str, choices: list[str] | None = None, default: str = "") -> str | None:
        dialog = QDialog(self.parent)
        dialog.setWindowTitle(title)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(label))
        field: QComboBox | QLineEdit
        if choices:
            field = QComboBox()
            field.setEditable(True)
            field.addItems(choices)
            field.setCurrentText(default)
        else:
            field = QLineEdit(default)
        layout.addWidget(field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        value = field.currentText() if isinstance(field, QComboBox) else field.text()
        return value.strip() or None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def supervisor(self, stored_hash: str, action: str, *, need_reason: bool = True) -> Approval | None:
        """Supervisor name, PIN and reason; None when cancelled or the PIN is wrong (says so)."""
        if not stored_hash:
            QMessageBox.warning(self.parent, translate("Asker", "Supervisor PIN not set"),
                                translate("Asker", "No supervisor PIN is set on this station. Set one in Station "
                                                   "setup (Ctrl+,)."))
            return None
        dialog = QDialog(self.parent)
        dialog.setWindowTitle(translate("Asker", "Supervisor approval"))
        form = QFormLayout(dialog)
        form.addRow(QLabel(translate("Asker", "<b>{action}</b> needs a supervisor.").format(action=action)))
        who, pin, reason = QLineEdit(), QLineEdit(), QLineEdit()
        pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("Asker", "Supervisor name"), who)
        form.addRow(translate("Asker", "PIN"), pin)
        if need_reason:
            form.addRow(translate("Asker", "Reason"), reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if not check_pin(pin.text(), stored_hash):
            QMessageBox.warning(self.parent, translate("Asker", "Wrong PIN"),
                                translate("Asker", "The supervisor PIN is not right. Nothing was changed."))
            return None
        if not who.text().strip() or (need_reason and not reason.text().strip()):
            QMessageBox.warning(self.parent, translate("Asker", "Missing details"),
                                translate("Asker", "Name and reason are needed. Nothing was changed."))
            return None
        return Approval(who.text().strip(), reason.text().strip())
