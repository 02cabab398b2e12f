"""Screen-reader helpers: say what changed on a widget that is not focused (a verdict, a count).

Qt tells assistive technology about focus and text fields by itself; a verdict panel is neither,
so :func:`announce` puts the words into the widget's accessible description (for a reader who
goes and looks) and has them read out now, every time, even when the same verdict comes twice
(two unknown codes in a row are two scans, and the second must be heard too).

How "read out now" reaches a screen reader differs by platform:

- **Linux (AT-SPI)**: a hidden child :class:`Notice` with the *notification* role is given the
  words as its name and shown again. Orca speaks a notification when it appears
  (``object:state-changed:showing``) without moving focus; this is what Debian 12's Orca 43 does
  (its ``scripts/default.py`` ``onShowingChanged``), which has no handler for Qt's announcement
  event (AT-SPI ``object:announcement``), and later Orcas still speak it. One pattern, never
  both: a reader that knew both would say every verdict twice.
- **Elsewhere** (Windows UI Automation, macOS): Qt's ``QAccessibleAnnouncementEvent`` (Qt 6.8+),
  assertive.

When no assistive technology is active (``QAccessible.isActive()``) only the description is
set: nothing is built for nobody, the scan path stays fast.
"""

from __future__ import annotations

import sys
import unicodedata

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

__all__ = ["Notice", "announce", "notice_of", "sentences"]

#: where a sentence already ends (Latin, CJK full-width, Devanagari danda, Arabic question mark)
_ENDS = (".", "!", "?", "…", "。", "！", "？", "।", "؟")
#: closing quotes and brackets that may follow the end of a sentence
_CLOSERS = "\"'”’»)]）」』"

#: True where Qt's accessibility bridge is AT-SPI (read by Orca); a module attribute so that a test
#: can exercise the other path
ATSPI = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def sentences(*parts: str) -> str:
    """``parts`` joined as spoken sentences: blank parts dropped, inner line breaks and runs of
    spaces made single spaces, and a full stop added only where a part does not end a sentence
    already ("help desk." stays one stop, "CODE NOT FOUND" gets one; "未找到" gets "。")."""
    out = []
    for part in parts:
        text = " ".join(part.split())
        if not text:
            continue
        if not text.rstrip(_CLOSERS).endswith(_ENDS):
            # after Chinese or Japanese words their own full stop, which their voices pause on
            text += "。" if unicodedata.east_asian_width(text[-1]) in ("W", "F") else "."
        out.append(text)
    return " ".join(out)


class Notice(QWidget):
    """An invisible child that a screen reader on AT-SPI reads out when it is shown: its accessible
    role is *notification* (see :func:`_factory`), its name the words. Not in any layout, 1×1 px,
    transparent and never focused: nothing on screen changes."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("a11y-notice")
        self.setFixedSize(1, 1)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.said = 0  # how many times it was read out (tests)
        self.hide()

    def say(self, text: str) -> None:
        """Read ``text`` out: the name first, then hide and show, so that a repeated text is a new
        notification too."""
        self.setAccessibleName(text)
        self.hide()
        self.show()
        self.said += 1


class _NoticeAccessible(QAccessibleWidget):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Notification)


def _factory(classname: str, obj: QObject) -> QAccessibleInterface | None:
    """Qt asks every installed factory for each object's interface; only :class:`Notice` is ours."""
    if classname == "Notice" and isinstance(obj, Notice):
        return _NoticeAccessible(obj)
    return None


_installed = False


def _install() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def notice_of(widget: QWidget) -> Notice:
    """``widget``'s :class:`Notice` (made on first use)."""
    notice = widget.findChild(Notice, "a11y-notice", Qt.FindChildOption.FindDirectChildrenOnly)
    if notice is None:
        _install()
        notice = Notice(widget)
    return notice


def announce(widget: QWidget, text: str, *, speak: bool = True) -> None:
    """Make ``text`` the accessible description of ``widget``; with ``speak`` also have it read out
    now, assertively (a verdict does not wait), even when it is the same text as last time."""
    if widget.accessibleDescription() != text:
        widget.setAccessibleDescription(text)  # Qt sends DescriptionChanged itself
    if not speak or not text or not QAccessible.isActive():
        return
    if ATSPI:
        notice_of(widget).say(text)
        return
    try:
        from PySide6.QtGui import QAccessibleAnnouncementEvent
    except ImportError:  # Qt before 6.8: the description is all there is
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
