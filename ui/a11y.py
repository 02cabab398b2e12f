"""Screen-reader helpers: say what changed on a widget that is not focused (a verdict, a count).

Qt tells assistive technology about focus and text fields by itself; a verdict panel is neither,
so :func:`announce` puts the words into the widget's accessible description and sends the
``DescriptionChanged`` event, plus (Qt 6.8+) an announcement that screen readers read out at once.
When no assistive technology is active (``QAccessible.isActive()``) only the description is set:
nothing is built for nobody, the scan path stays fast.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

__all__ = ["announce"]


def announce(widget: QWidget, text: str, *, speak: bool = True) -> None:
    """Make ``text`` the accessible description of ``widget`` and tell assistive technology; with
    ``speak`` also ask for it to be read out now (assertive: a verdict does not wait)."""
    if widget.accessibleDescription() == text:
        return
    widget.setAccessibleDescription(text)
    if not QAccessible.isActive():
        return
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged))
    if speak and text:
        try:
            from PySide6.QtGui import QAccessibleAnnouncementEvent
        except ImportError:  # Qt before 6.8: the description event is all there is
            return
        event = QAccessibleAnnouncementEvent(widget, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)
