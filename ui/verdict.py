"""The big verdict panel: what staff see from two metres away, in under a second.

Colour fills the panel (green / amber / red), and the same verdict is said twice more without
colour: by the icon's shape and by a headline in capitals. Below: the name large (romanised, then
in the native script), honorific and job title, organisation, category pill, delegation, the
message in plain words, and for duplicates when and where the first check-in happened.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.a11y import announce, sentences
from ui.app import drawable
from ui.i18n import translate, verdict_message
from ui.theme import set_font_px
from ui.widgets import COLORS, BigLabel, Pill, StatusIcon, display_name, full_title
from venue_app.verdicts import STATUSES, Verdict

__all__ = ["HEADLINES", "VerdictPanel"]

#: status → headline (shown in capitals next to the icon)
HEADLINES: dict[str, str] = {
    "ok": QT_TRANSLATE_NOOP("VerdictPanel", "Checked in"),
    "already_checked_in": QT_TRANSLATE_NOOP("VerdictPanel", "Already checked in"),
    "unknown": QT_TRANSLATE_NOOP("VerdictPanel", "Code not found"),
    "invalid": QT_TRANSLATE_NOOP("VerdictPanel", "Cannot read this code"),
    "revoked": QT_TRANSLATE_NOOP("VerdictPanel", "Badge replaced — not valid"),
    "cancelled": QT_TRANSLATE_NOOP("VerdictPanel", "Registration cancelled"),
    "blocked": QT_TRANSLATE_NOOP("VerdictPanel", "Entry refused"),
    "wrong_event": QT_TRANSLATE_NOOP("VerdictPanel", "Badge of another event"),
    "not_allowed": QT_TRANSLATE_NOOP("VerdictPanel", "Not allowed here"),
    "room_full": QT_TRANSLATE_NOOP("VerdictPanel", "Room full"),
    "not_inside": QT_TRANSLATE_NOOP("VerdictPanel", "Not recorded inside"),
    "untrusted_issuer": QT_TRANSLATE_NOOP("VerdictPanel", "Badge issuer unknown"),
    "idle": QT_TRANSLATE_NOOP("VerdictPanel", "Ready — scan a code"),
    "info": QT_TRANSLATE_NOOP("VerdictPanel", "Done"),
}


class VerdictPanel(QFrame):
    """Shows one verdict at a time; emits ``shown`` when set and ``painted`` once it is on screen."""

    shown = Signal(str)
    painted = Signal(str, float)  # status, time.perf_counter() at the end of the first paint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdict")
        self.setAccessibleName(self.tr("Verdict"))
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.categories: dict[str, tuple[str, str]] = {}  # code → (label, colour)
        self.timezone = "UTC"  # the event's: "first check-in at 09:12" is venue time
        self.status = "idle"
        self.color = "idle"
        self.verdict: Verdict | None = None
        self.person: dict[str, Any] | None = None  # whose verdict or info is on show
        self.dimmed = False  # the verdict has stood long enough: greyed out (see dim)
        self._pending_paint = False

        self.icon = StatusIcon(128)
        self.headline = BigLabel(46, QFont.Weight.Bold)
        self.headline.setObjectName("headline")
        self.subline = BigLabel(20)
        head = QHBoxLayout()
        head.setSpacing(24)
        head.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.headline)
        words.addWidget(self.subline)
        words.addStretch(1)
        head.addLayout(words, 1)

        self.name = BigLabel(60, QFont.Weight.Bold)
        self.name.setObjectName("name")
        self.native = BigLabel(50, QFont.Weight.DemiBold)
        self.native.setObjectName("native")
        self.title = BigLabel(26)
        self.organisation = BigLabel(26)
        self.category = Pill("", "grey")
        set_font_px(self.category, 22)
        self.where = BigLabel(22)
        facts = QHBoxLayout()
        facts.setSpacing(14)
        facts.addWidget(self.category)
        facts.addWidget(self.where, 1)
        self.message = BigLabel(28, QFont.Weight.DemiBold)
        self.message.setObjectName("message")
        self.when = BigLabel(30, QFont.Weight.Bold)
        self.when.setObjectName("when")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addSpacing(18)
        layout.addWidget(self.name)
        layout.addWidget(self.native)
        layout.addWidget(self.title)
        layout.addWidget(self.organisation)
        layout.addLayout(facts)
        layout.addSpacing(12)
        layout.addWidget(self.message)
        layout.addWidget(self.when)
        layout.addStretch(1)
        self.show_idle()

    # -- public --------------------------------------------------------------------------------
    def show_idle(self, hint: str | None = None) -> None:
        if hint is None:
            hint = self.tr("Scan a badge or a confirmation code. F2 finds a person by name.")
        self._paint_state("idle", "idle", translate("VerdictPanel", HEADLINES["idle"]), "", None, hint, "")

    def show_verdict(self, verdict: Verdict, *, source: str = "") -> None:
        self.verdict = verdict
        details = verdict.details or {}
        when = ""
        message = verdict_message(verdict)
        if verdict.status == "already_checked_in" and details.get("at"):
            from venue_app.clock import EventClock

            when = self.tr("First check-in: {time} at {station}").format(
                time=EventClock(self.timezone).time(str(details["at"]), zone=True),
                station=details.get("station") or "—")
            message = self.tr("No new badge is needed unless it was lost (F6 on the person reprints).")
        shown = self.tr("keyboard") if source == "keyboard" else source  # the wedge's id; ports stay as they are
        sub = self.tr("from {source}").format(source=shown) if source else ""
        if verdict.status == "revoked" and details.get("reason"):
            sub = self.tr("Reason on record: {reason}").format(reason=details["reason"])
        headline = translate("VerdictPanel", HEADLINES[verdict.status]) if verdict.status in HEADLINES \
            else verdict.status
        self._paint_state(verdict.status, verdict.color, headline,
                          sub, verdict.attendee, message, when)

    def show_info(self, headline: str, message: str, attendee: dict[str, Any] | None = None,
                  color: str = "blue") -> None:
        """Not a scan: a manual check-in, a walk-in registered, a batch done."""
        self._paint_state("info", color, headline, "", attendee, message, "")

    def add_note(self, attendee_id: str, note: str) -> bool:
        """Add ``note`` under the message when the panel shows ``attendee_id`` (e.g. a badge printed
        without the native name); False, and nothing changed, when it shows someone else by now."""
        if self.status == "idle" or (self.person or {}).get("id") != attendee_id:
            return False
        self._set(self.message, "\n".join(t for t in (self.message.text(), note) if t))
        self._announce()
        return True

    def dim(self, note: str = "") -> None:
        """Grey out a verdict that has stood long enough, so the next person in the queue is not read
        as its subject; the words stay (``note`` replaces the subline, e.g. "15:21 — scan the next
        code"), the colour goes. Not announced: nothing new happened. The next verdict undoes it."""
        if self.status == "idle" or self.dimmed:
            return
        self.dimmed = True
        self._apply_colors()
        if note:
            self._set(self.subline, note)
        self.update()

    def texts(self) -> str:
        """Everything the panel says, for tests and screen readers: the words on show (a hidden
        label, e.g. the previous person's category pill, says nothing)."""
        return "\n".join(w.text() for w in (self.headline, self.subline, self.name, self.native, self.title,
                                            self.organisation, self.category, self.where, self.message,
                                            self.when) if w.text() and not w.isHidden())

    # -- internals -----------------------------------------------------------------------------
    def _paint_state(self, status: str, color: str, headline: str, sub: str, person: dict[str, Any] | None,
                     message: str, when: str) -> None:
        self.status, self.color, self.person = status, color, person
        self.dimmed = False
        self._apply_colors()
        self.headline.setText(headline.upper() if status != "idle" else headline)
        self.subline.setText(sub)
        self.subline.setVisible(bool(sub))
        name = display_name(person)
        native = (person or {}).get("native_name") or ""
        self._set(self.name, name)
        if native and native != name and not drawable(native):
            # a script no font here has (Linear B): words instead of a row of boxes
            from printing.fonts import script_name

            # the whole name failed but maybe no single letter does (seen once in CI for Hangul, not
            # reproduced): only a letter that really has no glyph hides the name
            script = next((script_name(c) for c in native if not c.isspace() and not drawable(c)), None)
            if script is not None:
                native = self.tr("({script}: no font here)").format(script=script)
        self._set(self.native, native if native and native != name else "")
        self._set(self.title, full_title(person))
        self._set(self.organisation, (person or {}).get("organisation") or "")
        code = (person or {}).get("category") or ""
        if code:
            label, cat_color = self.categories.get(code, (code, "#607d8b"))
            self.category.set(label, cat_color)
        self.category.setVisible(bool(code))
        where = " · ".join(x for x in ((person or {}).get("delegation") or "",
                                        (person or {}).get("country") or "") if x)
        self._set(self.where, where)
        self._set(self.message, message)
        self._set(self.when, when)
        self._announce()
        self._pending_paint = True
        self.update()
        self.shown.emit(status)

    def _apply_colors(self) -> None:
        bg, fg, accent = COLORS.get(self.color, COLORS["idle"])
        if self.dimmed:  # the idle background, the words in its muted ink
            bg, _fg, fg = COLORS["idle"]
            accent = fg
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(bg))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(fg))
        palette.setColor(QPalette.ColorRole.Text, QColor(fg))
        self.setPalette(palette)
        # the app style sheet stops palette propagation to child labels: give each its colour
        text_palette = QPalette(palette)
        for label in (self.headline, self.subline, self.name, self.native, self.title, self.organisation,
                      self.where, self.message, self.when):
            label.setPalette(text_palette)
        self.icon.set(self.color, fg if self.color != "idle" else accent)

    def retheme(self) -> None:
        """Called by ui.theme after a theme change: the same verdict in the new colours."""
        self._apply_colors()

    def _announce(self) -> None:
        """The verdict in words as the panel's accessible description; a screen reader is told it
        changed (and, from Qt 6.8, reads it out). Nothing to do when no assistive tool listens."""
        text = sentences(*self.texts().splitlines())
        announce(self, f"{text} ({self.icon.accessibleName()})", speak=self.status != "idle")

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self._pending_paint:
            self._pending_paint = False
            self.painted.emit(self.status, time.perf_counter())


_ = STATUSES  # the statuses HEADLINES covers
