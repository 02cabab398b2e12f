"""The Display dialog (Ctrl+Shift+D, or from the F1 help): colours and text size of this station.

Choices apply at once so staff see them before saving; Cancel (Esc) puts the previous look back.
Saved into the station settings ``theme`` and ``text_size`` (an older ``theme = large`` is shown as
light colours with large text and saved that way).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from ui.theme import TEXT_SIZES, apply_theme

__all__ = ["DisplayDialog", "text_size_choices", "theme_choices"]


def theme_choices() -> list[tuple[str, str]]:
    translate = QCoreApplication.translate  # this name (or self.tr): lupdate does not see an alias `tr`
    return [("system", translate("DisplayDialog", "Follow the system (light or dark)")),
            ("light", translate("DisplayDialog", "Light")),
            ("dark", translate("DisplayDialog", "Dark")),
            ("high-contrast", translate("DisplayDialog", "High contrast (white on black, yellow focus)"))]


def text_size_choices() -> list[tuple[str, str]]:
    translate = QCoreApplication.translate  # this name (or self.tr): lupdate does not see an alias `tr`
    return [("normal", translate("DisplayDialog", "Normal")), ("large", translate("DisplayDialog", "Large")),
            ("x-large", translate("DisplayDialog", "Extra large"))]


class DisplayDialog(QDialog):
    def __init__(self, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Display"))
        theme, size = str(settings["theme"]), str(settings["text_size"])
        if theme == "large":  # the older setting: light colours, large text
            theme = "light"
            size = size if TEXT_SIZES.get(size, 1.0) >= TEXT_SIZES["large"] else "large"
        self._before = (str(settings["theme"]), str(settings["text_size"]))
        self.theme = QComboBox(self)
        for value, label in theme_choices():
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.text_size = QComboBox(self)
        for value, label in text_size_choices():
            self.text_size.addItem(label, value)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(size)))
        note = QLabel(self.tr("Changes show at once. Verdicts always carry an icon and words, whatever the colours."),
                      self)
        note.setWordWrap(True)
        form = QFormLayout(self)
        # "&" marks: Alt+C / Alt+T jump to the field (the label is the field's buddy and accessible name)
        form.addRow(self.tr("&Colours"), self.theme)
        form.addRow(self.tr("&Text size"), self.text_size)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.theme.currentIndexChanged.connect(self._preview)
        self.text_size.currentIndexChanged.connect(self._preview)

    def values(self) -> tuple[str, str]:
        return str(self.theme.currentData()), str(self.text_size.currentData())

    def _preview(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, *self.values())

    def accept(self) -> None:
        theme, size = self.values()
        self.settings["theme"] = theme
        self.settings["text_size"] = size
        self._preview()
        super().accept()

    def reject(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, *self._before)
        super().reject()
