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
from datetime import UTC, datetime
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
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from devices import SerialSettings
from devices.events import ScanEvent
from printing.backends import Backend
from ui.app import drawable, warm_fonts
from ui.attendee import AttendeePanel
from ui.camera import CameraScan
from ui.context import DeskContext, UndoAction, UndoStack, scan_and_queue
from ui.delegation import DelegationPanel
from ui.flow import FlowLayout
from ui.i18n import core_text, translate
from ui.printer import PrintService
from ui.scanners import INPUT_METHOD, ScannerBridge, WedgeFilter, allow_input_method
from ui.search import SearchController
from ui.shortcuts import CAMERA_KEY, ShortcutsDialog, bind, install_help
from ui.sounds import SoundPlayer
from ui.statusbar import DeskStatusBar, StandaloneSync, SyncSource, SyncStatus
from ui.supervisor import Asker
from ui.taskman import TaskManager
from ui.theme import current, font_px, style
from ui.verdict import HEADLINES, VerdictPanel
from ui.walkin import WalkinDialog
from ui.widgets import BigLabel, KeyButton, Pill, display_name
from venue_app.ops.override import Override, override
from venue_app.ops.undo import undo_checkin
from venue_app.station import Station
from venue_app.verdicts import Verdict
from venue_app.views.desk import arrivals

__all__ = ["DeskWindow", "create_desk"]

log = logging.getLogger(__name__)

_PAGE_SCAN, _PAGE_ATTENDEE, _PAGE_DELEGATION = 0, 1, 2
#: the search field's input method turns itself off after this long without a committed character
IME_IDLE_MS = 60_000
_COLOR_ROLE = Qt.ItemDataRole.UserRole + 1  # a recent scan's verdict colour, re-inked on a theme change
_MARK = {"green": "✔", "amber": "!", "red": "✖", "blue": "•"}
_EVENT_ROLE = Qt.ItemDataRole.UserRole + 2  # the check-in event a recent scan recorded (undo strikes it out)
_UNDONE = "↶"  # an undone check-in's mark in the recent list: no longer a ✔


class DeskWindow(QMainWindow):
    #: a scan's verdict is on the panel (status); tests and the benchmark wait on it
    verdict_shown = Signal(str)
    undone = Signal(str)
    #: how long "Reading scan…" may stay lit without the scan ending (ms)
    pending_timeout_ms = 3000

    def __init__(self, ctx: DeskContext, *, sim_spec: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sim_spec = sim_spec
        st = ctx.station
        ctx.load_categories()
        event = st.event
        self.setWindowTitle(self.tr("Venue desk — {event} — {station}").format(event=event["name"], station=st.name))
        self._fit_screen(1500, 900)

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
        self.search_field.setMinimumWidth(360)
        style(self.search_field, lambda t: f"QLineEdit {{ font-size: {t.px(18)}px; padding: 8px; }}")
        self.search_field.setAccessibleName(self.tr("Search people"))
        self.search_field.setToolTip(self.tr("Search (F2 or Ctrl+F): ↓ to the results, Enter opens, Esc back"))
        self.search_field.installEventFilter(self)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("arrivals")
        style(self.progress_label, lambda t: f"font-size: {t.px(16)}px; color: {t.header_muted};")
        self.scanning_pill = Pill(self.tr("Reading scan…"), "blue")
        self.scanning_pill.hide()
        # an input method (pinyin, kana, hangul) takes keys before the scanner reader can see them:
        # off in the search field unless staff turn it on (Ctrl+Space), and said while it is on
        self.ime_pill = Pill(self.tr("IME on · scans paused"), "amber", elide=True)
        self.ime_pill.setToolTip(self.tr("The input method types in the search field and scanners are paused "
                                         "there. Esc or Ctrl+Space turns it off. Pinyin, romaji and Latin "
                                         "spellings are found without it."))
        self.ime_pill.hide()
        # a forgotten Ctrl+Space must not pause scanning for the rest of the day
        self._ime_idle = QTimer(self)
        self._ime_idle.setSingleShot(True)
        self._ime_idle.setInterval(IME_IDLE_MS)
        self._ime_idle.timeout.connect(lambda: self.toggle_input_method(False))
        h = QHBoxLayout(header)
        h.setContentsMargins(16, 10, 16, 10)
        h.addWidget(event_label)
        h.addSpacing(24)
        h.addWidget(self.progress_label)
        h.addSpacing(16)
        # in the header rather than the key bar: the keys keep one row on a 1366 px screen
        self.auto_print = Pill("", "grey", bold=False)
        h.addWidget(self.auto_print)
        h.addStretch(1)
        h.addWidget(self.scanning_pill)
        h.addWidget(self.ime_pill)
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
        # long names wrap inside the list rather than hiding "— checked in" off to the right
        self.recent.setWordWrap(True)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        # the name takes what the other columns leave (elided, whole in the tooltip) instead of the
        # table scrolling sideways; a narrow side pane (1366 px screen) leaves organisation and category out
        columns = self.results.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        columns.setMaximumSectionSize(170)  # a long native name or organisation is elided first
        for column in (0, 2):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        columns.setStretchLastSection(False)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.installEventFilter(self)
        self.results.activated.connect(lambda idx: self.open_attendee(self.search.model.rows[idx.row()]["id"]))
        self.results_label = QLabel()
        self.search.results.connect(self._on_results)
        self.search_field.textChanged.connect(self.search.set_query)
        self.search_field.textChanged.connect(self._ime_typed)

        scan_page = QWidget()
        sp = QVBoxLayout(scan_page)
        sp.setContentsMargins(12, 12, 12, 12)
        self.side_title = QLabel(self.tr("<b>Recent scans</b> — Enter opens the person · "
                                         "Ctrl+Z undoes the last action"))
        self.side_title.setWordWrap(True)  # never widens the window
        if ctx.clock.differs():
            self.side_title.setText(self.side_title.text().replace("</b>", "</b> " + self.tr(
                "(times in {zone}, event time)").format(zone=ctx.clock.abbreviation()), 1))
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
        # each page scrolls on its own when taller than the screen (x-large text, a long history on a
        # 1366×768 laptop): a page never grows the window, is never cut off, and a tall page does not
        # make the short ones scroll
        self.side.addWidget(_scroller(self.attendee, "attendee_scroll"))
        self.side.addWidget(_scroller(self.delegation, "delegation_scroll"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        # the verdict too: a long name at x-large text scrolls rather than growing the window; before
        # that, its type shrinks to fit (_fit_verdict), as a badge's long name does
        self.verdict_area = _scroller(self.panel, "verdict_scroll")
        self.verdict_area.viewport().installEventFilter(self)
        splitter.addWidget(self.verdict_area)
        splitter.addWidget(self.side)
        for label in self.panel.findChildren(BigLabel) + self.side.findChildren(BigLabel):
            label.follow_width()  # in a scroll area: the height follows the width, not a narrow guess
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
        bind(self, CAMERA_KEY, lambda: self.toggle_camera(), self.tr("Camera as a scanner on/off (choose it in "
             "Station setup)"), context=Qt.ShortcutContext.ApplicationShortcut)
        bind(self, "Ctrl+Space", self.toggle_input_method,
             self.tr("Search with the input method (Chinese, Japanese, Korean…); scanners pause while it is on"),
             context=Qt.ShortcutContext.ApplicationShortcut)
        help_button = KeyButton("F1", self.tr("Keys and display"))
        help_button.setToolTip(self.tr("Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)"))
        help_button.clicked.connect(self.show_help)
        keys.insertWidget(0, help_button)
        self.key_buttons["F1"] = help_button
        install_help(self, ctx.station.settings)
        key_bar = QWidget()
        key_bar.setLayout(keys)
        # compact: at normal text size the keys fit one row of a 1366 px laptop screen
        style(key_bar, lambda t: f"QPushButton {{ font-size: {t.px(15)}px; padding: 6px 8px; }}")

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

        self.status = DeskStatusBar(clock=ctx.clock)
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
        self.wedge = WedgeFilter(suffix=str(st.settings["wedge_suffix"]), parent=self)
        self.wedge.scanned.connect(self.handle_scan)
        self.wedge.incomplete.connect(self._scan_incomplete)
        self.wedge.scanning.connect(self._scanning)
        # "Reading scan…" never stays lit: a scanner that stops mid-code must not leave it on
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self.scanning_pill.hide)
        # a verdict dims after verdict_dim_s: left in colour it reads as the next person's answer
        self._dim = QTimer(self)
        self._dim.setSingleShot(True)
        self._dim.timeout.connect(self._dim_verdict)
        self._shown_at = datetime.now(UTC)
        self.panel.shown.connect(self._panel_changed)
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
        # the camera as a fallback scanner (F12): its preview above the recent scans while it is on
        self.camera = CameraScan(ctx.tasks, st.settings, self)
        self.camera.direct = self.handle_scan
        self.camera.scanned.connect(self.handle_scan)
        sp.insertWidget(0, self.camera.preview)
        self.sync_engine: Any = None  # ui.sync.EngineSync of an enrolled station, stopped on close
        self.walkin: WalkinDialog | None = None
        self.scans = 0
        self.last_verdict: Verdict | None = None
        self.home.setFocus()

    def _fit_screen(self, width: int, height: int) -> None:
        """Open at ``width``×``height``, or smaller on a smaller screen (a 1366×768 laptop)."""
        screen = self.screen()
        if screen is not None:
            free = screen.availableGeometry()
            width, height = min(width, free.width()), min(height, free.height())
        self.resize(width, height)

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

    def toggle_camera(self) -> bool:
        """F12: the camera chosen in Station setup on or off (ui.camera); True when it is on."""
        return self.camera.toggle()

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
            voided: list[str] = []  # filled on the write lane when the check-in itself is taken back
            self.ctx.undo.push(UndoAction(self.tr("Check-in of {name}").format(name=name),
                                          self._undo_checkin(verdict, job_id, voided),
                                          self.tr("A check-in cannot be taken back on this version."),
                                          on_undone=lambda: [self._mark_undone(e) for e in voided]))

    def _undo_checkin(self, verdict: Verdict, job_id: str | None, voided: list[str] | None = None) -> Any:
        st, ctx = self.ctx.station, self.ctx

        def undo() -> str:
            done = []
            if job_id is not None:
                job = ctx.printer.queue.job(job_id)
                if job.status in ("queued", "failed"):
                    ctx.printer.queue.cancel(job_id)
                    done.append(self.tr("badge print cancelled"))
            if verdict.event_id:
                undo_checkin(st, verdict.event_id, operator=ctx.operator)
                done.append(self.tr("check-in taken back"))
                if voided is not None:
                    voided.append(verdict.event_id)
            if not done:
                raise RuntimeError(self.tr("the badge is already printed and a check-in cannot be taken back here"))
            return self.tr(" and ").join(done)
        return undo

    def _scan_incomplete(self, text: str) -> None:
        """A keyboard scan stopped before its Enter/Tab: say so; judging half a code could admit
        the wrong person."""
        self.panel.show_info(self.tr("Scan incomplete"),
                             self.tr("The scanner stopped after {count} characters, without Enter. "
                                     "Nothing was recorded. Scan again.").format(count=len(text)), None, "amber")
        self.ctx.sounds.play("error")

    def _scan_failed(self, exc: BaseException) -> None:
        self.panel.show_info(self.tr("Scan not recorded"),
                             self.tr("Something went wrong: {error}. Scan again.").format(error=exc), None, "red")
        self.ctx.sounds.play("error")

    def show_verdict(self, verdict: Verdict, source: str = "") -> None:
        self.scans += 1
        self.last_verdict = verdict
        self._pending.stop()
        self.scanning_pill.hide()
        self.panel.show_verdict(verdict, source=source)
        person = (verdict.attendee or {}).get("id")
        if self.side.currentIndex() == _PAGE_ATTENDEE and person != self.attendee.attendee_id:
            self.side.setCurrentIndex(_PAGE_SCAN)  # a verdict never stands beside another person's page
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
        # venue time, like every other time on the desk; the list's title names the zone if it differs
        text = f"{self.ctx.clock.time(datetime.now(UTC), seconds=True, date=False)}   " \
               f"{_MARK.get(verdict.color, '')}  {name}"
        if native and native != name and drawable(native):  # no row of boxes for a script without a font
            text += f"  {native}"
        item = QListWidgetItem(f"{text}   — {words}")
        item.setData(Qt.ItemDataRole.UserRole, (verdict.attendee or {}).get("id"))
        item.setData(_COLOR_ROLE, verdict.color)
        if verdict.ok and verdict.event_id:
            item.setData(_EVENT_ROLE, verdict.event_id)
        item.setForeground(QColor(current().ink.get(verdict.color, current().text)))
        self.recent.insertItem(0, item)
        while self.recent.count() > 200:
            self.recent.takeItem(self.recent.count() - 1)

    def _mark_undone(self, event_id: str) -> None:
        """The check-in of ``event_id`` was taken back: its line in the recent list is struck through
        and loses its ✔, so nobody reads it as a valid check-in."""
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            if item.data(_EVENT_ROLE) != event_id:
                continue
            font = item.font()
            font.setStrikeOut(True)
            item.setFont(font)
            text = item.text().replace(f"   {_MARK['green']}  ", f"   {_UNDONE}  ", 1)
            item.setText(f"{text} · {self.tr('undone')}")
            item.setData(_COLOR_ROLE, "idle")
            item.setData(_EVENT_ROLE, None)
            item.setForeground(QColor(current().ink.get("idle", current().text)))

    # -- fresh panels ----------------------------------------------------------------------------
    def _scanning(self, on: bool) -> None:
        self.scanning_pill.setVisible(on)
        if on:
            self._pending.start(self.pending_timeout_ms)
        else:
            self._pending.stop()

    _FIT_SCALES = (1.0, 0.86, 0.74, 0.64, 0.56)

    def _fit_verdict(self) -> None:
        """Shrink the verdict's type in steps until it fits its area's height (a long name and title
        on a 1366×768 laptop), down to a floor; below that the area scrolls. The theme's text size
        stays the starting point, and a theme change (which resets fonts) refits on the next verdict."""
        view = self.verdict_area.viewport()
        width, height = view.width(), view.height()
        if width <= 0 or height <= 0:
            return
        labels = [w for w in self.panel.findChildren(BigLabel) if isinstance(w.property("base_px"), int)]

        def apply(scale: float) -> int:
            for label in labels:
                px = max(12, round(font_px(int(label.property("base_px"))) * scale))
                if label.font().pixelSize() != px:
                    font = label.font()
                    font.setPixelSize(px)
                    label.setFont(font)
            return self.panel.heightForWidth(width)

        self.fit_scale = 1.0
        needed = apply(1.0)
        if needed <= height:
            return
        # wrapped text needs about scale² of its height: start at the step that estimate allows (a
        # scan→paint stays in budget), then step down until it fits
        estimate = (height / needed) ** 0.5 * 1.05
        for scale in self._FIT_SCALES[1:]:
            if scale > estimate and scale != self._FIT_SCALES[-1]:
                continue
            self.fit_scale = scale
            if apply(scale) <= height:
                break

    def _panel_changed(self, status: str) -> None:
        self._fit_verdict()
        self._shown_at = datetime.now(UTC)
        seconds = float(self.ctx.station.settings["verdict_dim_s"])
        if status == "idle" or seconds <= 0:
            self._dim.stop()
        else:
            self._dim.start(max(1, round(seconds * 1000)))

    def _dim_verdict(self) -> None:
        self.panel.dim(self.tr("{time} — scan the next code").format(
            time=self.ctx.clock.time(self._shown_at, zone=True)))

    def retheme(self) -> None:
        """Called by ui.theme after a theme change: the recent scans in the new theme's inks, the
        verdict refitted to the new text size (once every label has its new font)."""
        QTimer.singleShot(0, self, self._fit_verdict)
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
        # whose badge: the panel may show someone else by now (issue 20: name the person)
        person = self.ctx.printer.people.get(job.attendee_id)
        name = display_name(person) if person else self.tr("a badge holder")
        if job.status == "failed" or (job.status == "done" and job.printer_state == "failed"):
            reason = job.reason if job.status == "failed" else job.printer_reason
            self.panel.show_info(self.tr("Badge of {name} not printed").format(name=name),
                                 self.tr("The printer reported: {reason}. The job can be retried (F10); the "
                                         "check-in is saved.").format(reason=reason), person, "amber")
            self.ctx.sounds.play("attention")
        elif job.status == "done" and job.printer_state == "held":
            self.panel.show_info(self.tr("Badge of {name} held by the printer").format(name=name),
                                 self.tr("The printer keeps it: {reason}. It prints once the printer is ready "
                                         "again; the check-in is saved.").format(reason=job.printer_reason
                                                                                 or self.tr("paused")),
                                 person, "amber")
            self.ctx.sounds.play("attention")
        elif job.status == "done" and job.reason:
            # printed, but without part of the name (no font for its script): never a silent "done"
            note = self.tr("Badge {reason}.").format(reason=core_text(job.reason) or job.reason)
            if not self.panel.add_note(job.attendee_id, note) and self.panel.status == "idle":
                self.panel.show_info(self.tr("Badge printed"), note, None, "amber")
            self.ctx.sounds.play("attention")
        if self.side.currentIndex() == _PAGE_ATTENDEE:
            self.attendee.reload()

    # -- navigation ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.side.setCurrentIndex(_PAGE_SCAN)
        self.search_field.setFocus()
        self.search_field.selectAll()

    def toggle_input_method(self, on: bool | None = None) -> None:
        """The search field with or without the system's input method (see :data:`ui.scanners.INPUT_METHOD`)."""
        on = not self.search_field.property(INPUT_METHOD) if on is None else on
        if on:
            self.focus_search()
        allow_input_method(self.search_field, on)
        self.ime_pill.setVisible(on)
        if on:
            self._ime_idle.start()
        else:
            self._ime_idle.stop()

    def _ime_typed(self, _text: str) -> None:
        if self._ime_idle.isActive():
            self._ime_idle.start()  # still typing with it: the minute starts again

    def back_to_scanning(self) -> None:
        self.toggle_input_method(False)
        if self.search_field.text():
            self.search_field.clear()
        self.side.setCurrentIndex(_PAGE_SCAN)
        self.side_stack.setCurrentIndex(0)
        self.home.setFocus()

    def open_attendee(self, attendee_id: str | None) -> None:
        if not attendee_id:
            return
        shown = (self.panel.person or {}).get("id")
        if self.panel.status != "idle" and shown != attendee_id:
            self.panel.show_idle()  # another person's verdict must not stand beside this page
        self.attendee.show_attendee(attendee_id)
        self.side.setCurrentIndex(_PAGE_ATTENDEE)
        self.home.setFocus()

    def open_delegation(self, name: str) -> None:
        """F4: the named delegation; without a name the delegation of the person on show (page or
        verdict), else the first one — never an empty table. Their row, or the first, is selected."""
        person: dict[str, Any] = {}
        if self.side.currentIndex() == _PAGE_ATTENDEE:
            person = self.attendee.person
        elif self.panel.status != "idle" and self.panel.person:
            person = self.panel.person
        if not name:
            name = str(person.get("delegation") or "")
        self.delegation.select_id = str(person.get("id") or "")
        self.delegation.refresh_list(pick_first=not name)
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
            self.camera.settings_changed()
            self._apply_printer()

    def _apply_printer(self) -> None:
        """The printer and template chosen in Station setup, used at once (no restart)."""
        try:
            self.ctx.printer.set_printer()
        except Exception as exc:  # a printer URL that cannot be opened: keep the old one, say why
            self.panel.show_info(self.tr("Printer not changed"), str(exc), None, "amber")
        self.status.set_printer(self.ctx.printer.state())

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
        if obj is getattr(self, "results", None) and event.type() == QEvent.Type.Resize:
            narrow = self.results.width() < 760  # organisation and category: room permitting (person page has them)
            self.results.setColumnHidden(2, narrow)
            self.results.setColumnHidden(3, narrow)
            return False
        area = getattr(self, "verdict_area", None)  # events reach here while the window is built
        if area is not None and obj is area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_verdict()
            return False
        if obj is self.search_field and event.type() == QEvent.Type.FocusOut and self.ime_pill.isVisible():
            if event.reason() != Qt.FocusReason.PopupFocusReason:  # type: ignore[attr-defined]
                self.toggle_input_method(False)  # the desk is back to scanning wherever the focus went
            return False
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
        as an ``override`` event with the check-in (:func:`venue_app.ops.override.override`)."""
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

        def done(_admitted: Override) -> None:
            self.panel.show_info(self.tr("Admitted by supervisor"),
                                 self.tr("{supervisor}: {reason}. Recorded with the check-in.").format(
                                     supervisor=approval.supervisor, reason=approval.reason), person, "green")
            self.ctx.sounds.play("ok")
            self.verdict_shown.emit("override")

        def failed(exc: BaseException) -> None:
            self.panel.show_info(self.tr("Override not recorded"), str(exc), person, "amber")
        self.ctx.write(override, st, person["id"], reason=approval.reason, supervisor=approval.supervisor,
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
            if action.on_undone is not None:
                action.on_undone()
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
            arrived, expected = arrivals(station)
            return sync.sync_status(), arrived, expected

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
        self.camera.stop()
        self.ctx.printer.stop()
        self.ctx.tasks.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def _scroller(widget: QWidget, name: str) -> QScrollArea:
    """``widget`` in a frameless scroll area that follows its width and scrolls only when needed."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page inside takes focus, not its frame
    return area


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
    # once the window is up, before people queue: the fonts of every script opened off the scan path
    QTimer.singleShot(0, window, warm_fonts)
    # everything built so far lives as long as the window: take it out of the collector's full
    # passes, so a generation-2 collection never walks Qt's wrappers in the middle of a scan
    gc.freeze()
    log.info("desk window built in %.0f ms", (time.perf_counter() - started) * 1000)
    return window


_ = QFont
