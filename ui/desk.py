"""The desk station's main window: keyboard-first, scan-first.

Left: the big verdict panel. Right: recent scans (Enter opens the person) and, as soon as anything
is typed in the search field (F2), results as you type; the attendee and delegation views open in
the same place. The keys are printed on the buttons: F2 search, F3 walk-in, F4 delegations, F5-F7
on a person, Ctrl+Z undo, Esc back to scanning. Scans from any scanner are handled whatever has
focus, and no dialog blocks the next scan's verdict.
"""

from __future__ import annotations

import gc
import logging
import time
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from devices import SerialSettings
from devices.events import ScanEvent
from printing.backends import Backend
from ui.attendee import AttendeePanel
from ui.context import DeskContext, UndoAction, UndoStack, scan_and_queue
from ui.delegation import DelegationPanel
from ui.flow import FlowLayout
from ui.i18n import translate
from ui.printer import PrintService
from ui.scanners import ScannerBridge, WedgeFilter
from ui.search import SearchController
from ui.shortcuts import ShortcutsDialog, bind, install_help
from ui.sounds import SoundPlayer
from ui.statusbar import DeskStatusBar, StandaloneSync, SyncSource, SyncStatus
from ui.supervisor import Asker
from ui.taskman import TaskManager
from ui.theme import current, style
from ui.verdict import HEADLINES, VerdictPanel
from ui.walkin import WalkinDialog
from ui.widgets import KeyButton, Pill, display_name
from venue_app.station import Station
from venue_app.verdicts import Verdict

__all__ = ["DeskWindow", "create_desk"]

log = logging.getLogger(__name__)

_PAGE_SCAN, _PAGE_ATTENDEE, _PAGE_DELEGATION = 0, 1, 2
_COLOR_ROLE = Qt.ItemDataRole.UserRole + 1  # a recent scan's verdict colour, re-inked on a theme change
_MARK = {"green": "✔", "amber": "!", "red": "✖", "blue": "•"}


class DeskWindow(QMainWindow):
    #: a scan's verdict is on the panel (status); tests and the benchmark wait on it
    verdict_shown = Signal(str)
    undone = Signal(str)

    def __init__(self, ctx: DeskContext, *, sim_spec: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sim_spec = sim_spec
        st = ctx.station
        ctx.load_categories()
        event = st.event
        self.setWindowTitle(self.tr("Venue desk — {event} — {station}").format(event=event["name"], station=st.name))
        self.resize(1500, 900)

        # -- header ------------------------------------------------------------------------------
        header = QFrame()
        header.setObjectName("header")
        style(header, lambda t: f"#header {{ background: {t.header}; }} #header QLabel {{ color: {t.header_text}; }}")
        event_label = QLabel(f"<b>{event['name']}</b> &nbsp;·&nbsp; {st.name}")
        style(event_label, lambda t: f"font-size: {t.px(17)}px;")
        self.search_field = QLineEdit()
        self.search_field.setObjectName("search")
        self.search_field.setPlaceholderText(self.tr("F2  Search: name in any script, organisation, e-mail, code…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(520)
        style(self.search_field, lambda t: f"QLineEdit {{ font-size: {t.px(18)}px; padding: 8px; }}")
        self.search_field.setAccessibleName(self.tr("Search people"))
        self.search_field.setToolTip(self.tr("Search (F2 or Ctrl+F): ↓ to the results, Enter opens, Esc back"))
        self.search_field.installEventFilter(self)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("arrivals")
        style(self.progress_label, lambda t: f"font-size: {t.px(16)}px; color: {t.header_muted};")
        self.scanning_pill = Pill(self.tr("Reading scan…"), "blue")
        self.scanning_pill.hide()
        h = QHBoxLayout(header)
        h.setContentsMargins(16, 10, 16, 10)
        h.addWidget(event_label)
        h.addSpacing(24)
        h.addWidget(self.progress_label)
        h.addStretch(1)
        h.addWidget(self.scanning_pill)
        h.addWidget(self.search_field, 2)

        # -- verdict + side ----------------------------------------------------------------------
        self.panel = VerdictPanel()
        self.panel.categories = ctx.categories
        self.panel.timezone = event.get("timezone") or "UTC"
        self.recent = QListWidget()
        self.recent.setObjectName("recent")
        self.recent.setAlternatingRowColors(False)
        style(self.recent, lambda t: f"QListWidget {{ font-size: {t.px(16)}px; }}"
              " QListWidget::item { padding: 6px; }")
        self.recent.setAccessibleName(self.tr("Recent scans"))
        self.recent.setAccessibleDescription(self.tr("Newest first; Enter opens the person"))
        self.recent.itemActivated.connect(self._open_recent)
        self.search = SearchController(st, ctx.tasks, self)
        self.results = QTableView()
        self.results.setObjectName("results")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setModel(self.search.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setAlternatingRowColors(True)
        self.results.verticalHeader().hide()
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.activated.connect(lambda idx: self.open_attendee(self.search.model.rows[idx.row()]["id"]))
        self.results_label = QLabel()
        self.search.results.connect(self._on_results)
        self.search_field.textChanged.connect(self.search.set_query)

        scan_page = QWidget()
        sp = QVBoxLayout(scan_page)
        sp.setContentsMargins(12, 12, 12, 12)
        self.side_title = QLabel(self.tr("<b>Recent scans</b> — Enter opens the person · "
                                         "Ctrl+Z undoes the last action"))
        sp.addWidget(self.side_title)
        self.side_stack = QStackedWidget()
        self.side_stack.addWidget(self.recent)
        results_box = QWidget()
        rb = QVBoxLayout(results_box)
        rb.setContentsMargins(0, 0, 0, 0)
        rb.addWidget(self.results_label)
        rb.addWidget(self.results, 1)
        self.side_stack.addWidget(results_box)
        sp.addWidget(self.side_stack, 1)

        self.attendee = AttendeePanel(ctx)
        self.attendee.closed.connect(self.back_to_scanning)
        self.attendee.verdict.connect(lambda v: self.show_verdict(v, self.tr("by hand")))
        self.attendee.info.connect(lambda h, m, p: self.panel.show_info(h, m, p))
        self.attendee.open_delegation.connect(self.open_delegation)
        self.delegation = DelegationPanel(ctx)
        self.delegation.closed.connect(self.back_to_scanning)
        self.delegation.open_attendee.connect(self.open_attendee)
        self.delegation.batch_done.connect(self._batch_done)
        self.side = QStackedWidget()
        self.side.addWidget(scan_page)
        self.side.addWidget(self.attendee)
        self.side.addWidget(self.delegation)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.panel)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([860, 640])
        splitter.setChildrenCollapsible(False)

        # -- keys ----------------------------------------------------------------------------------
        keys = FlowLayout()  # wraps onto a second row with large text instead of widening the window
        keys.setContentsMargins(12, 6, 12, 6)
        self.key_buttons: dict[str, KeyButton] = {}
        bindings: list[tuple[str, str, Any]] = [
            ("F2", self.tr("Search"), self.focus_search),
            ("F3", self.tr("Walk-in"), self.open_walkin),
            ("F4", self.tr("Delegations"), lambda: self.open_delegation("")),
            ("Ctrl+Z", self.tr("Undo last"), self.undo_last),
            ("F9", self.tr("Supervisor override"), self.override_last),
            ("F10", self.tr("Print queue"), self.open_print_queue),
            ("Esc", self.tr("Back to scanning"), self.back_to_scanning),
        ]
        if sim_spec:
            bindings.append(("F8", self.tr("Demo scanner on/off"), self.toggle_sim))
        bindings.append(("Ctrl+,", self.tr("Station setup"), self.open_setup))
        for key, text, slot in bindings:
            button = KeyButton(key, text)
            button.clicked.connect(slot)
            keys.addWidget(button)
            self.key_buttons[key] = button
            # Esc only in this window: in a dialog it closes the dialog
            bind(self, key, slot, text, context=Qt.ShortcutContext.WindowShortcut if key == "Esc"
                 else Qt.ShortcutContext.ApplicationShortcut)
        self.auto_print = Pill("", "grey", bold=False)
        keys.addWidget(self.auto_print, right=True)
        page_keys: list[tuple[str, Any, str]] = [
            ("F5", self.attendee.check_in, self.tr("On a person: check in by hand")),
            ("F6", lambda: self.attendee.print_badge(), self.tr("On a person: print or reprint the badge")),
            ("Ctrl+P", lambda: self.attendee.print_badge(), self.tr("On a person: print or reprint the badge")),
            ("F7", lambda: self.attendee.edit(), self.tr("On a person: edit")),
            ("Ctrl+B", lambda: self.delegation.run_batch(),
             self.tr("On a delegation: check in the remaining members and print their badges"))]
        for key, slot, what in page_keys:
            bind(self, key, lambda s=slot, k=key: self._page_key(k, s), what)
        # the usual key for "find" next to the desk's F2; described in the Search button's tooltip
        bind(self, "Ctrl+F", self.focus_search, self.tr("Search (same as F2)"),
             context=Qt.ShortcutContext.ApplicationShortcut)
        self.key_buttons["F2"].setToolTip(self.tr("Search (F2 or Ctrl+F)"))
        help_button = KeyButton("F1", self.tr("Keys and display"))
        help_button.setToolTip(self.tr("Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)"))
        help_button.clicked.connect(self.show_help)
        keys.insertWidget(0, help_button)
        self.key_buttons["F1"] = help_button
        install_help(self, ctx.station.settings)
        key_bar = QWidget()
        key_bar.setLayout(keys)
        style(key_bar, lambda t: f"QPushButton {{ font-size: {t.px(15)}px; padding: 8px 14px; }}")

        central = QWidget()
        central.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a neutral focus: no text field, no IME
        central.setAccessibleName(self.tr("Desk, ready to scan"))
        v = QVBoxLayout(central)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        v.addWidget(header)
        v.addWidget(splitter, 1)
        v.addWidget(key_bar)
        self.setCentralWidget(central)
        self.home = central

        self.status = DeskStatusBar()
        self.setStatusBar(self.status)
        self.status.set_operator(ctx.operator)
        self.status.set_printer(ctx.printer.state())
        self.status.set_sync(SyncStatus("standalone"))
        ctx.printer.changed.connect(lambda: self.status.set_printer(ctx.printer.state()))
        ctx.printer.job_done.connect(self._job_done)
        self._sync_timer = QTimer(self)
        self._sync_timer.timeout.connect(self.refresh_sync)
        self._sync_timer.start(2000)
        # after a scan the outbox count changes: refresh soon, once per burst of scans
        self._sync_soon = QTimer(self)
        self._sync_soon.setSingleShot(True)
        self._sync_soon.setInterval(300)
        self._sync_soon.timeout.connect(self.refresh_sync)
        self.refresh_sync()
        self._update_auto_print()

        # -- scanners --------------------------------------------------------------------------
        self.wedge = WedgeFilter(parent=self)
        self.wedge.scanned.connect(self.handle_scan)
        self.wedge.scanning.connect(self.scanning_pill.setVisible)
        self.wedge.install()
        self.scanner = ScannerBridge(ctx.tasks, self)
        self.scanner.direct = self.handle_scan  # handle_scan is thread-safe: it only queues work
        self.scanner.scanned.connect(self.handle_scan)
        self.scanner.status.connect(lambda _e: self._scanner_changed())
        self.sim = ScannerBridge(ctx.tasks, self)
        self.sim.direct = self.handle_scan
        self.sim.scanned.connect(self.handle_scan)
        self.sim.status.connect(lambda _e: self._scanner_changed())
        self._scanner_changed()
        self.sync_engine: Any = None  # ui.sync.EngineSync of an enrolled station, stopped on close
        self.walkin: WalkinDialog | None = None
        self.scans = 0
        self.last_verdict: Verdict | None = None
        self.home.setFocus()

    # -- scanners ------------------------------------------------------------------------------
    def open_scanner(self, spec: str | None = None) -> None:
        spec = spec if spec is not None else str(self.ctx.station.settings["scanner"])
        self.scanner.open(spec, SerialSettings.from_station(self.ctx.station.settings))
        self._scanner_changed()

    def toggle_sim(self) -> None:
        if not self.sim_spec:
            return
        if self.sim.running:
            self.sim.close()
        else:
            self.sim.open(self.sim_spec)
        self._scanner_changed()

    def _scanner_changed(self) -> None:
        bridge = self.sim if self.sim.running else self.scanner
        state, detail = bridge.state, bridge.detail
        if bridge is self.sim:
            detail = self.tr("demo scanner (F8 stops it)")
        self.status.set_scanner(state, detail)

    # -- scans ---------------------------------------------------------------------------------
    def handle_scan(self, event: ScanEvent) -> None:
        """Record a scan (any thread: it only reads settings and queues work on the write lane)."""
        st = self.ctx.station
        queue = self.ctx.printer.queue if st.settings["auto_print"] else None
        source = event.source
        self.ctx.write(scan_and_queue, st, queue, event.raw or event.text, source, self.ctx.operator,
                       on_done=lambda result: self._scanned(result, source), on_error=self._scan_failed,
                       label="scan")

    def _scanned(self, result: tuple[Verdict, str | None], source: str) -> None:
        verdict, job_id = result
        self.show_verdict(verdict, source)
        if job_id:
            self.ctx.printer.kick()
        if verdict.ok:
            name = display_name(verdict.attendee) or self.tr("badge holder")
            self.ctx.undo.push(UndoAction(self.tr("Check-in of {name}").format(name=name),
                                          self._undo_checkin(verdict, job_id),
                                          self.tr("A check-in cannot be taken back on this version.")))

    def _undo_checkin(self, verdict: Verdict, job_id: str | None) -> Any:
        st, ctx = self.ctx.station, self.ctx
        void = getattr(st, "void_checkin", None)
        if void is None and job_id is None:
            return None

        def undo() -> str:
            done = []
            if job_id is not None:
                job = ctx.printer.queue.job(job_id)
                if job.status in ("queued", "failed"):
                    ctx.printer.queue.cancel(job_id)
                    done.append(self.tr("badge print cancelled"))
            if void is not None and verdict.event_id:
                void(verdict.event_id, operator=ctx.operator, reason="undone at the desk")
                done.append(self.tr("check-in taken back"))
            if not done:
                raise RuntimeError(self.tr("the badge is already printed and a check-in cannot be taken back here"))
            return self.tr(" and ").join(done)
        return undo

    def _scan_failed(self, exc: BaseException) -> None:
        self.panel.show_info(self.tr("Scan not recorded"),
                             self.tr("Something went wrong: {error}. Scan again.").format(error=exc), None, "red")
        self.ctx.sounds.play("error")

    def show_verdict(self, verdict: Verdict, source: str = "") -> None:
        self.scans += 1
        self.last_verdict = verdict
        self.panel.show_verdict(verdict, source=source)
        self.ctx.sounds.play(verdict.sound)
        self._add_recent(verdict)
        self._sync_soon.start()
        self.search.refresh()
        if self.side.currentIndex() == _PAGE_ATTENDEE:
            self.attendee.reload()
        self.verdict_shown.emit(verdict.status)

    def _add_recent(self, verdict: Verdict) -> None:
        name = display_name(verdict.attendee) or "—"
        native = (verdict.attendee or {}).get("native_name") or ""
        words = {"ok": self.tr("checked in"), "already_checked_in": self.tr("already in")}.get(
            verdict.status, translate("VerdictPanel", HEADLINES.get(verdict.status, verdict.status)).lower())
        text = f"{datetime.now():%H:%M:%S}   {_MARK.get(verdict.color, '')}  {name}"
        if native and native != name:
            text += f"  {native}"
        item = QListWidgetItem(f"{text}   — {words}")
        item.setData(Qt.ItemDataRole.UserRole, (verdict.attendee or {}).get("id"))
        item.setData(_COLOR_ROLE, verdict.color)
        item.setForeground(QColor(current().ink.get(verdict.color, current().text)))
        self.recent.insertItem(0, item)
        while self.recent.count() > 200:
            self.recent.takeItem(self.recent.count() - 1)

    def retheme(self) -> None:
        """Called by ui.theme after a theme change: the recent scans in the new theme's inks."""
        ink = current().ink
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            item.setForeground(QColor(ink.get(str(item.data(_COLOR_ROLE)), current().text)))

    def show_help(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self, self.ctx.station.settings)
        dialog.finished.connect(lambda _r: self.home.setFocus())
        dialog.open()
        return dialog

    def _job_done(self, job: Any) -> None:
        if job.status == "failed":
            self.panel.show_info(self.tr("Badge not printed"),
                                 self.tr("The printer reported: {reason}. The job can be retried; the check-in is "
                                         "saved.").format(reason=job.reason), None, "amber")
            self.ctx.sounds.play("attention")
        if self.side.currentIndex() == _PAGE_ATTENDEE:
            self.attendee.reload()

    # -- navigation ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.side.setCurrentIndex(_PAGE_SCAN)
        self.search_field.setFocus()
        self.search_field.selectAll()

    def back_to_scanning(self) -> None:
        if self.search_field.text():
            self.search_field.clear()
        self.side.setCurrentIndex(_PAGE_SCAN)
        self.side_stack.setCurrentIndex(0)
        self.home.setFocus()

    def open_attendee(self, attendee_id: str | None) -> None:
        if not attendee_id:
            return
        self.attendee.show_attendee(attendee_id)
        self.side.setCurrentIndex(_PAGE_ATTENDEE)
        self.home.setFocus()

    def open_delegation(self, name: str) -> None:
        self.delegation.refresh_list()
        if name:
            self.delegation.show_delegation(name)
        self.side.setCurrentIndex(_PAGE_DELEGATION)
        self.delegation.picker.setFocus()

    def open_walkin(self) -> WalkinDialog:
        if self.walkin is not None and self.walkin.isVisible():
            self.walkin.raise_()
            return self.walkin
        dialog = WalkinDialog(self.ctx, self)
        dialog.registered.connect(self._walkin_registered)
        dialog.open_existing.connect(self.open_attendee)
        dialog.finished.connect(lambda _r: self.home.setFocus())
        dialog.show()  # non-modal: scans keep working behind it
        dialog.f["given_name"].setFocus()
        self.walkin = dialog
        return dialog

    def _walkin_registered(self, attendee_id: str) -> None:
        person = self.ctx.station.attendee(attendee_id)
        self.panel.show_info(self.tr("Walk-in registered"),
                             self.tr("Registered and checked in. The badge is printing."), person, "green")
        self.ctx.sounds.play("ok")
        self.ctx.undo.push(UndoAction(self.tr("Walk-in {name}").format(name=display_name(person)), None,
                                      self.tr("A registration stays; cancel it from the person's page if it was "
                                              "wrong.")))
        self.open_attendee(attendee_id)

    def _batch_done(self, result: dict[str, Any]) -> None:
        self.panel.show_info(self.tr("Delegation checked in"),
                             " ".join((self.tr("%n checked in on behalf,", "", len(result["checked_in"])),
                                       self.tr("%n badge(s) printing,", "", len(result["jobs"])),
                                       self.tr("%n skipped (cancelled or blocked).", "", len(result["skipped"])))),
                             None, "green")

    def open_print_queue(self) -> Any:
        from ui.printqueue import PrintQueueDialog

        dialog = PrintQueueDialog(self.ctx, self)
        dialog.finished.connect(lambda _r: self.home.setFocus())
        dialog.show()  # non-modal, like every window that may be open while people queue
        return dialog

    def open_setup(self) -> None:
        from ui.setup import SettingsDialog

        dialog = SettingsDialog(self.ctx.station, self)
        if dialog.exec():
            self.status.set_operator(self.ctx.operator)
            self._update_auto_print()

    def _open_recent(self, item: QListWidgetItem) -> None:
        self.open_attendee(item.data(Qt.ItemDataRole.UserRole))

    def _on_results(self, query: str, count: int) -> None:
        if not query.strip():
            self.side_stack.setCurrentIndex(0)
            return
        if self.side.currentIndex() != _PAGE_SCAN and not self.search_field.hasFocus():
            return  # a person's page was opened meanwhile: a late answer must not take it away
        self.side.setCurrentIndex(_PAGE_SCAN)
        self.side_stack.setCurrentIndex(1)
        found = self.tr("<b>%n</b> found for “{query}” — ↓ to choose, Enter to open", "", count)
        if count >= self.search.limit:
            found = found.replace(f"<b>{count}</b>", f"<b>{count}+</b>", 1)
        self.results_label.setText(found.format(query=query))
        if count:
            self.results.selectRow(0)

    def _page_key(self, key: str, slot: Any) -> None:
        page = self.side.currentIndex()
        if (key == "Ctrl+B" and page == _PAGE_DELEGATION) or (key != "Ctrl+B" and page == _PAGE_ATTENDEE):
            slot()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.search_field and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down and self.search.model.rows:
                self.results.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.search.model.rows:
                row = max(0, self.results.currentIndex().row())
                self.open_attendee(self.search.model.rows[row]["id"])
                return True
            if key == Qt.Key.Key_Escape:
                self.back_to_scanning()
                return True
        return super().eventFilter(obj, event)

    # -- supervisor override -------------------------------------------------------------------
    OVERRIDABLE = ("cancelled", "blocked", "revoked", "not_allowed", "room_full", "untrusted_issuer")

    def override_last(self, approval: Any = None) -> None:
        """Admit the person of the last refused verdict: supervisor name, PIN and reason, recorded
        as an ``override`` event with the check-in (Station.override)."""
        v = self.last_verdict
        if v is None or v.status not in self.OVERRIDABLE or not v.attendee:
            self.panel.show_info(self.tr("Nothing to override"),
                                 self.tr("A supervisor override applies to the last refused scan of a known person."),
                                 None, "idle")
            return
        if approval is None:
            approval = self.ctx.asker.supervisor(str(self.ctx.station.settings["supervisor_pin_hash"]),
                                                 self.tr("Admit {name} despite “{verdict}”").format(
                                                     name=display_name(v.attendee), verdict=translate(
                                                         "VerdictPanel", HEADLINES.get(v.status, v.status))))
            if approval is None:
                return
        person = v.attendee
        st = self.ctx.station

        def done(_event_id: str) -> None:
            self.panel.show_info(self.tr("Admitted by supervisor"),
                                 self.tr("{supervisor}: {reason}. Recorded with the check-in.").format(
                                     supervisor=approval.supervisor, reason=approval.reason), person, "green")
            self.ctx.sounds.play("ok")
            self.verdict_shown.emit("override")

        def failed(exc: BaseException) -> None:
            self.panel.show_info(self.tr("Override not recorded"), str(exc), person, "amber")
        self.ctx.write(st.override, person["id"], reason=approval.reason, operator=approval.supervisor,
                       verdict=v.status, on_done=done, on_error=failed, label="override")

    # -- undo ----------------------------------------------------------------------------------
    def undo_last(self) -> None:
        action = self.ctx.undo.last
        if action is None:
            self.panel.show_info(self.tr("Nothing to undo"), self.tr("There is no recent action to take back."),
                                 None, "idle")
            return
        if action.undo is None:
            self.ctx.undo.pop()
            self.panel.show_info(self.tr("Cannot undo"), f"{action.label}: {action.why_not}", None, "amber")
            self.undone.emit("")
            return
        self.ctx.undo.pop()

        def done(what: str) -> None:
            self.panel.show_info(self.tr("Undone"), f"{action.label}: {what}.", None, "blue")
            self.attendee.reload()
            self.search.refresh()
            self.undone.emit(what)

        def failed(exc: BaseException) -> None:
            self.panel.show_info(self.tr("Cannot undo"), f"{action.label}: {exc}.", None, "amber")
            self.undone.emit("")
        self.ctx.write(action.undo, on_done=done, on_error=failed, label="undo")

    # -- status ----------------------------------------------------------------------------------
    def refresh_sync(self) -> None:
        sync, station = self.ctx.sync, self.ctx.station

        def work() -> tuple[SyncStatus, int, int]:
            conn = station.replica.reader()
            arrived = conn.execute("SELECT count(*) FROM checkins").fetchone()[0]
            expected = conn.execute("SELECT count(*) FROM attendees WHERE status = 'active'").fetchone()[0]
            return sync.sync_status(), int(arrived), int(expected)

        def done(result: tuple[SyncStatus, int, int]) -> None:
            status, arrived, expected = result
            self.status.set_sync(status)
            self.progress_label.setText(self.tr("Checked in {arrived} of {expected}").format(
                arrived=f"{arrived:,}", expected=f"{expected:,}"))
        self.ctx.tasks.run(work, lane="read", label="desk status", on_done=done)

    def _update_auto_print(self) -> None:
        on = bool(self.ctx.station.settings["auto_print"])
        self.auto_print.set(self.tr("Auto-print badges: ON") if on else self.tr("Auto-print badges: off"),
                            "green" if on else "grey")

    def shutdown(self) -> None:
        self._sync_timer.stop()
        if self.sync_engine is not None:
            engine, self.sync_engine = self.sync_engine, None
            engine.stop()
        self.wedge.uninstall()
        self.scanner.close()
        self.sim.close()
        self.ctx.printer.stop()
        self.ctx.tasks.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def create_desk(station: Station, *, tasks: TaskManager | None = None, backend: Backend | None = None,
                sync: SyncSource | None = None, sounds: bool | None = None, sim_spec: str | None = None,
                open_scanner: bool = True) -> DeskWindow:
    """Wire a desk window for ``station`` (the QApplication must exist)."""
    from ui import i18n

    i18n.ensure()
    started = time.perf_counter()
    tasks = tasks or TaskManager()
    engine = None
    if sync is None:
        from ui.sync import sync_for

        engine = sync_for(station, tasks)
        sync = engine
    undo = UndoStack()
    printer = PrintService(station, tasks, backend)
    player = SoundPlayer(bool(station.settings["sounds"]) if sounds is None else sounds)
    window = DeskWindow(DeskContext(station, tasks, printer, sync or StandaloneSync(station), player,
                                    Asker(None), undo), sim_spec=sim_spec)
    window.ctx.asker.parent = window
    if engine is not None:
        engine.listeners.append(window.status.set_sync)
        window.sync_engine = engine
    tasks.setParent(window)
    if open_scanner:
        window.open_scanner()
    # everything built so far lives as long as the window: take it out of the collector's full
    # passes, so a generation-2 collection never walks Qt's wrappers in the middle of a scan
    gc.freeze()
    log.info("desk window built in %.0f ms", (time.perf_counter() - started) * 1000)
    return window


_ = QFont
