"""First-run wizard and station settings.

The wizard either enrols the station with a registry (URL + one-time code, typed or scanned from
the registry's QR) or opens a standalone event; then scanner, printer and badge template (with a
preview and a test page), operator name and supervisor PIN (stored hashed). Enrolment goes through
the :class:`Enroller` interface; :class:`ui.sync.RegistryEnroller` (the sync client) is the default
and runs on a worker, since the first pull of a big event takes seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ui.i18n import LANGUAGES, translate
from venue_app.errors import ConfigError, VenueError
from venue_app.ops import pin_problem, set_pin
from venue_app.paths import Paths
from venue_app.station import Station

__all__ = [
    "Enroller",
    "NoRegistryEnroller",
    "PrinterChooser",
    "ScannerChooser",
    "SettingsDialog",
    "SetupResult",
    "SetupWizard",
    "apply_setup",
    "sample_badge_pdf",
]


class Enroller(Protocol):
    def enroll(self, paths: Paths, url: str, code: str, station_name: str) -> Station: ...


class NoRegistryEnroller:
    """For builds without the sync client."""

    def enroll(self, paths: Paths, url: str, code: str, station_name: str) -> Station:
        raise ConfigError(translate("SetupWizard", "Joining a registry is not available in this version. "
                                    "Open a standalone event instead."))


@dataclass
class SetupResult:
    mode: str = "standalone"  # standalone | enroll
    event_name: str = ""
    station_name: str = "Desk 1"
    registry_url: str = ""
    enroll_code: str = ""
    scanner: str = "auto"
    printer: str = "pdf"
    template: str = "congress-a6"
    operator: str = ""
    pin: str = ""


def apply_setup(result: SetupResult, paths: Paths, enroller: Enroller | None = None) -> Station:
    """Create (or enrol) the station and store the settings; the PIN only as a salted hash."""
    if result.mode == "enroll":
        if enroller is None:
            from ui.sync import RegistryEnroller

            enroller = RegistryEnroller()
        station = enroller.enroll(paths, result.registry_url, result.enroll_code,
                                                             result.station_name)
    else:
        station = Station.init_standalone(paths, event_name=result.event_name, station_name=result.station_name)
    s = station.settings
    s["scanner"] = result.scanner
    s["printer"] = result.printer
    s["badge_template"] = result.template
    s["operator"] = result.operator
    if result.pin:
        set_pin(s, result.pin)  # the core's rule and hash (venue_app.ops.pin), as the CLI's
    return station


def sample_badge_pdf(template: str, event_name: str = "Sample event") -> bytes:
    """A badge with a sample person (Latin, Chinese) for the preview."""
    from printing.data import BadgeData
    from printing.render import render_badge
    from printing.templates import load_template

    data = BadgeData(token="VD1SAMPLE", given_name="Xiuying", family_name="Wang", native_name="王秀英",
                     name_order="family-first", honorific="H.E.", organisation="Guangzhou Municipal Government",
                     job_title="Deputy Mayor", country="CN", category="HOD", category_label="Head of delegation",
                     category_color="#b71c1c", event_name=event_name)
    return render_badge(data, load_template(template))


class ScannerChooser(QWidget):
    def __init__(self, current: str = "auto", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.addItem(self.tr("Automatic: the USB scanner found (recommended)"), "auto")
        self.combo.addItem(self.tr("Keyboard scanner (types like a keyboard)"), "keyboard")
        self.combo.addItem(self.tr("Simulator (demo, no hardware)"), "sim://?rate=0.5")
        try:
            from devices.discovery import list_ports

            for port in list_ports():
                self.combo.addItem(f"{port.device} — {port.description or port.product or self.tr('serial port')}",
                                   port.device)
        except Exception:  # discovery is best effort: typing a port works too
            pass
        # a keyboard-mode scanner the OS shows as an input device of its own: read it directly
        # (exclusive grab), no keystroke timing, no keyboard layout
        from devices.evdev import find_scanners

        for device in find_scanners():
            self.combo.addItem(self.tr("{maker} scanner in keyboard mode, read directly — {name}").format(
                maker=device.maker, name=device.name), f"evdev://{device.path}")
        # a scanner in USB HID POS mode: whole codes as HID reports (usage page 0x8C), no keystrokes
        from devices.hidpos import find_hidpos

        for pos in find_hidpos():
            self.combo.addItem(self.tr("{maker} scanner in HID POS mode, read directly — {name}").format(
                maker=pos.maker, name=pos.name), f"hidpos://{pos.path}")
        index = self.combo.findData(current)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setEditText(current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)

    def value(self) -> str:
        data = self.combo.currentData()
        text = self.combo.currentText()
        return str(data) if data is not None and self.combo.itemText(self.combo.currentIndex()) == text else text


class PrinterChooser(QWidget):
    """Back-end + template, a live preview of a sample badge and a test page button."""

    def __init__(self, printer: str = "pdf", template: str = "congress-a6", badges_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from printing.backends import discover_printers
        from printing.templates import list_templates

        self.badges_dir = badges_dir
        self.printer = QComboBox()
        self.printer.setEditable(True)
        self.printer.addItem(self.tr("PDF files in the station folder"), "pdf")
        try:
            for p in discover_printers(qt=False):
                self.printer.addItem(self.tr("{printer} (default)").format(printer=p.name) if p.default else p.name,
                                     f"{p.backend}:{p.name}")
        except Exception:
            pass
        i = self.printer.findData(printer)
        if i >= 0:
            self.printer.setCurrentIndex(i)
        else:
            self.printer.setEditText(printer)
        self.template = QComboBox()
        for t in list_templates():
            self.template.addItem(f"{t.title} ({t.width_mm:g}×{t.height_mm:g} mm)", t.name)  # i18n: data + unit
        self.template.setCurrentIndex(max(0, self.template.findData(template)))
        self.preview = QLabel(self.tr("preview"))
        self.preview.setFixedSize(260, 340)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #ffffff; border: 1px solid #cfd6dd;")
        # label printers on the network are not discovered: their URL is typed (issue 20)
        forms = self.tr("Or type a printer URL:\n"
                        "brother-ql://HOST?model=QL-820NWB&label=62 (Brother QL on the network)\n"
                        "brother-ql:///dev/usb/lp0?model=QL-820NWB&label=62 (Brother QL on USB)\n"
                        "zpl://HOST:9100?dpi=203&width_mm=101.6 (Zebra ZPL)\n"
                        "cups:NAME (a CUPS queue), qt:NAME (a system printer), pdf:FOLDER (PDF files)")
        self.printer.setToolTip(forms)
        self.forms = QLabel(forms)
        self.forms.setWordWrap(True)
        self.forms.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.forms.setStyleSheet("color: #546e7a; font-size: 11px;")
        self.test = QPushButton(self.tr("Print a test page"))
        self.test.clicked.connect(self.print_test_page)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Printer"), self.printer)
        form.addRow(self.forms)
        form.addRow(self.tr("Badge template"), self.template)
        form.addRow(self.test)
        form.addRow(self.note)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 1)
        layout.addWidget(self.preview)
        self.template.currentIndexChanged.connect(self.update_preview)
        self.update_preview()

    def values(self) -> tuple[str, str]:
        data = self.printer.currentData()
        printer = str(data) if data is not None and self.printer.itemText(self.printer.currentIndex()) == \
            self.printer.currentText() else self.printer.currentText()
        return printer, str(self.template.currentData())

    def update_preview(self) -> None:
        try:
            from printing.qtprinter import rasterise

            image = rasterise(sample_badge_pdf(str(self.template.currentData())), dpi=60)[0]
            pixmap = QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                     Qt.TransformationMode.SmoothTransformation)
            self.preview.setPixmap(pixmap)
        except Exception as exc:  # a broken template shows why instead of a preview
            self.preview.setText(self.tr("No preview:\n{error}").format(error=exc))

    def print_test_page(self) -> str:
        from printing.backends import PrintJobSpec, open_backend
        from printing.templates import load_template
        from printing.testpage import ruler_page_pdf

        printer, template = self.values()
        try:
            t = load_template(template)
            spec = f"pdf:{self.badges_dir}" if printer == "pdf" and self.badges_dir else printer
            accepted = open_backend(spec).submit(PrintJobSpec(ruler_page_pdf(t.width_mm, t.height_mm),
                                                              "test page", t.width_mm, t.height_mm,
                                                              name_hint="test-page"))
        except (VenueError, OSError) as exc:
            self.note.setText(self.tr("Test page failed: {error}").format(error=exc))
            return ""
        if accepted.state == "held":  # taken, but a paused printer keeps it: say so, not "sent"
            self.note.setText(self.tr("Test page held by the printer: {reason}").format(
                reason=accepted.reason or self.tr("paused")))
            return accepted.ref
        self.note.setText(self.tr("Test page sent ({ref}). The square must measure 50 mm.").format(ref=accepted.ref))
        return accepted.ref


class _ModePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to Venue desk"))
        self.setSubTitle(self.tr("Join the event's registry, or run this station on its own."))
        self.standalone = QRadioButton(self.tr("Open a standalone event on this computer"))
        self.enroll = QRadioButton(self.tr("Join a registry (enrolment code from the operations lead)"))
        self.standalone.setChecked(True)
        self.event_name = QLineEdit()
        self.event_name.setPlaceholderText(self.tr("e.g. 13th Metropolis World Congress"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://registry.example.org")  # i18n: an address, not words
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("type it or scan the QR shown by the registry"))
        self.station_name = QLineEdit(self.tr("Desk 1"))
        form = QFormLayout(self)
        form.addRow(self.standalone)
        form.addRow(self.tr("Event name"), self.event_name)
        form.addRow(self.enroll)
        form.addRow(self.tr("Registry address"), self.url)
        form.addRow(self.tr("Enrolment code"), self.code)
        form.addRow(self.tr("This station's name"), self.station_name)
        for w in (self.standalone, self.enroll):
            w.toggled.connect(self.completeChanged)
        for w in (self.event_name, self.url, self.code, self.station_name):
            w.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        if not self.station_name.text().strip():
            return False
        if self.standalone.isChecked():
            return bool(self.event_name.text().strip())
        return bool(self.url.text().strip() and self.code.text().strip())


class _DevicesPage(QWizardPage):
    def __init__(self, badges_dir: Path | None) -> None:
        super().__init__()
        self.setTitle(self.tr("Scanner and printer"))
        # with a title alone the classic wizard draws it in a tiny font (seen on the screenshots)
        self.setSubTitle(self.tr("What reads the badges and what prints them. Both can be changed later (Ctrl+,)."))
        self.scanner = ScannerChooser("auto")
        self.printer = PrinterChooser(badges_dir=badges_dir)
        form = QFormLayout(self)
        form.addRow(self.tr("Scanner"), self.scanner)
        form.addRow(self.printer)


class _OperatorPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Who works at this desk"))
        self.setSubTitle(self.tr("The supervisor PIN protects overrides, cancellations and repeated reprints."))
        self.operator = QLineEdit()
        self.pin = QLineEdit()
        self.pin2 = QLineEdit()
        for w in (self.pin, self.pin2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
            w.textChanged.connect(self.completeChanged)
        self.operator.textChanged.connect(self.completeChanged)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c62828;")
        form = QFormLayout(self)
        form.addRow(self.tr("Operator name"), self.operator)
        form.addRow(self.tr("Supervisor PIN (4+ digits)"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin2)
        form.addRow(self.problem)

    def isComplete(self) -> bool:
        pin, pin2 = self.pin.text(), self.pin2.text()
        problem = ""
        if pin and pin_problem(pin) is not None:
            problem = self.tr("The PIN needs at least 4 digits.")
        elif pin2 and pin != pin2:
            problem = self.tr("The two PINs differ.")
        self.problem.setText(problem)
        return bool(self.operator.text().strip()) and bool(pin) and pin == pin2 and not problem


class SetupWizard(QWizard):
    def __init__(self, paths: Paths, enroller: Enroller | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.enroller = enroller
        self.tasks: Any = None
        self.station: Station | None = None
        self.error = ""
        self.setWindowTitle(self.tr("Venue desk — station setup"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(820, 560)
        self.mode = _ModePage()
        self.devices = _DevicesPage(paths.badges_dir)
        self.people = _OperatorPage()
        for page in (self.mode, self.devices, self.people):
            self.addPage(page)
        # the registry shows the enrolment code as a QR: a scan fills it in, wherever focus is
        from ui.scanners import WedgeFilter

        self.wedge = WedgeFilter(parent=self)
        self.wedge.scanned.connect(self._scanned)
        self.wedge.install()
        self.finished.connect(lambda _r: self.wedge.uninstall())

    def _scanned(self, event: Any) -> None:
        from venue_app.sync.enroll import parse_enrolment

        self.mode.enroll.setChecked(True)
        url, code = parse_enrolment(event.text)
        if url:  # the registry's QR link says where to enrol too
            self.mode.url.setText(url)
            self.mode.code.setText(code)
        else:
            self.mode.code.setText(event.text)

    def result_values(self) -> SetupResult:
        printer, template = self.devices.printer.values()
        return SetupResult(
            mode="standalone" if self.mode.standalone.isChecked() else "enroll",
            event_name=self.mode.event_name.text().strip(), station_name=self.mode.station_name.text().strip(),
            registry_url=self.mode.url.text().strip(), enroll_code=self.mode.code.text().strip(),
            scanner=self.devices.scanner.value(), printer=printer, template=template,
            operator=self.people.operator.text().strip(), pin=self.people.pin.text())

    def accept(self) -> None:
        values = self.result_values()
        if values.mode != "enroll":
            try:
                self.station = apply_setup(values, self.paths)
            except VenueError as exc:
                self._failed(exc)
                return
            super().accept()
            return
        # enrolment pulls the whole event (seconds for 100k people): on a worker, with progress
        from ui.sync import RegistryEnroller
        from ui.taskman import TaskManager

        self.tasks = self.tasks or TaskManager(self)
        receiving = self.tr("Receiving the event from the registry… {done} of {total}")
        enroller = self.enroller or RegistryEnroller(
            lambda done, total: self.tasks.post(lambda: self.people.problem.setText(
                receiving.format(done=f"{done:,}", total=f"{total:,}"))))
        self.people.problem.setText(self.tr("Contacting the registry…"))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.tasks.run(apply_setup, values, self.paths, enroller, lane="long", label="enrol",
                       on_done=self._enrolled, on_error=self._failed)

    def _enrolled(self, station: Station) -> None:
        self.station = station
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.error = str(exc)
        self.people.problem.setText(self.error)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)


class SettingsDialog(QDialog):
    """Ctrl+, on the desk: scanner, printer, template, operator, auto-print, sounds, new PIN."""

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        s = station.settings
        self.setWindowTitle(self.tr("Station setup"))
        self.scanner = ScannerChooser(str(s["scanner"]))
        from ui.camera import CameraChooser

        self.camera = CameraChooser(str(s["camera"]), str(s["camera_name"]))
        self.printer = PrinterChooser(str(s["printer"]), str(s["badge_template"]), station.paths.badges_dir)
        self.operator = QLineEdit(str(s["operator"]))
        self.auto_print = QCheckBox(self.tr("Print a badge automatically on a successful check-in"))
        self.auto_print.setChecked(bool(s["auto_print"]))
        self.sounds = QCheckBox(self.tr("Play sounds"))
        self.sounds.setChecked(bool(s["sounds"]))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("leave empty to keep the current PIN"))
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)  # each language in its own words: findable by its speakers
        self.language.setCurrentIndex(max(0, self.language.findData(str(s["language"]))))
        self.language.setToolTip(self.tr("Takes effect when the station restarts."))
        form = QFormLayout(self)
        form.addRow(self.tr("Operator name"), self.operator)
        form.addRow(self.tr("Language (after a restart)"), self.language)
        form.addRow(self.tr("Scanner"), self.scanner)
        form.addRow(self.tr("Camera (F12)"), self.camera)
        form.addRow(self.printer)
        form.addRow(self.auto_print)
        form.addRow(self.sounds)
        form.addRow(self.tr("New supervisor PIN"), self.pin)
        self.pin_problem = QLabel()
        self.pin_problem.setStyleSheet("color: #c62828;")
        self.pin_problem.hide()
        form.addRow(self.pin_problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if self.pin.text() and pin_problem(self.pin.text()) is not None:  # before anything is saved
            self.pin_problem.setText(translate("_OperatorPage", "The PIN needs at least 4 digits."))
            self.pin_problem.show()
            self.pin.setFocus()
            return
        s = self.station.settings
        printer, template = self.printer.values()
        s["operator"] = self.operator.text().strip()
        s["scanner"] = self.scanner.value()
        s["camera"], s["camera_name"] = self.camera.value()
        s["printer"] = printer
        s["badge_template"] = template
        s["auto_print"] = self.auto_print.isChecked()
        s["sounds"] = self.sounds.isChecked()
        s["language"] = str(self.language.currentData() or "")
        if self.pin.text():
            set_pin(s, self.pin.text())
        super().accept()


_ = Any
