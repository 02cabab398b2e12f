"""The desk station GUI (PySide6 Widgets) — the only package that imports Qt.

Desk station modules: :mod:`~ui.app` (application, theme, fonts), :mod:`~ui.taskman` (worker
threads → GUI thread), :mod:`~ui.scanners` (scanner devices and the keyboard-wedge
filter as Qt signals), :mod:`~ui.desk` (main window), :mod:`~ui.verdict`, :mod:`~ui.search`,
:mod:`~ui.attendee`, :mod:`~ui.delegation`, :mod:`~ui.walkin`, :mod:`~ui.printqueue`,
:mod:`~ui.statusbar` (``SyncStatus``/``SyncSource``), :mod:`~ui.sync` (the registry sync engine as a
sync source, enrolment), :mod:`~ui.setup` (first-run wizard, settings), :mod:`~ui.sounds`,
:mod:`~ui.printer` (the print queue on a worker), :mod:`~ui.supervisor` (PIN), :mod:`~ui.context`
(shared state, undo, desk actions), :mod:`~ui.widgets`, :mod:`~ui.shots` (screenshots),
:mod:`~ui.benchmark` (the GUI benchmark's child).
See ``docs/dev/gui.md``.
"""

__all__: list[str] = []
