"""The desk station GUI (PySide6 Widgets) — the only package that imports Qt.

Modules: :mod:`~ui.app` (application, theme, fonts), :mod:`~ui.taskman` (worker threads → GUI
thread), :mod:`~ui.scanners` (scanner devices and the keyboard-wedge filter as Qt signals),
:mod:`~ui.desk` (main window), :mod:`~ui.verdict`, :mod:`~ui.search`, :mod:`~ui.attendee`,
:mod:`~ui.delegation`, :mod:`~ui.walkin`, :mod:`~ui.statusbar`, :mod:`~ui.setup` (first-run wizard),
:mod:`~ui.sounds`, :mod:`~ui.printer` (the print queue on a worker), :mod:`~ui.supervisor` (PIN),
:mod:`~ui.widgets`.
"""

__all__: list[str] = []
