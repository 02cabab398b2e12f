"""Regression: PySide6 6.12.0 on Python 3.11 leaks a reference to None on every QPainter.fillRect
and the process aborts after ~100k calls. Our dependency markers must never install that pair.
Run in a subprocess: an abort would otherwise take the whole test session down."""

from __future__ import annotations

import subprocess
import sys
import textwrap

DRAW = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    app = QGuiApplication(sys.argv)
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    colour = QColor("#c62828")
    before = sys.getrefcount(None)
    for i in range(200_000):
        painter.fillRect(QRect(i % 50, i % 40, 10, 10), colour)
    painter.end()
    print(sys.getrefcount(None) - before)
""")


def test_two_hundred_thousand_fill_rects_do_not_abort() -> None:
    proc = subprocess.run([sys.executable, "-c", DRAW], capture_output=True, text=True, timeout=240,
                          env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ})
    assert proc.returncode == 0, proc.stderr[-2000:]
    # None's reference count must not have drifted down by one per call
    assert int(proc.stdout.strip().splitlines()[-1]) > -1000
