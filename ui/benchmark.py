"""The GUI half of ``venue-app bench`` (``venue_desk.bench.gui`` starts it in a fresh process).

Opens the real desk window offscreen on a prepared station, measures process start → window
painted, then writes codes to a pty serial scanner and times each until its verdict is painted.
Prints one JSON line: ``ready_s``, ``samples_ms``, ``rss_mb``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from venue_app.views.samples import arrival_codes

__all__ = ["camera_child", "child"]


def child() -> None:
    """In the child: open the desk, scan through a pty, print one JSON line."""
    data, scans, started = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    from PySide6.QtCore import QEventLoop, QTimer

    from printing.backends import PdfFolderBackend
    from ui.app import ensure_app
    from ui.desk import create_desk
    from venue_app.paths import Paths
    from venue_app.station import Station

    app = ensure_app()
    station = Station.open(Paths.at(data))
    window = create_desk(station, sounds=False, open_scanner=False,
                         backend=PdfFolderBackend(Path(data) / "badges"))
    window.show()
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)

    def wait(signal: Any, timeout_ms: int = 10_000) -> list[Any]:
        got: list[Any] = []

        def slot(*args: Any) -> None:
            got.extend(args)
            loop.quit()
        signal.connect(slot)
        timer.start(timeout_ms)  # one timer, restarted: a stale time-out must not end a later wait
        loop.exec()
        timer.stop()
        signal.disconnect(slot)
        if not got:
            raise TimeoutError(f"no signal within {timeout_ms} ms")
        return got

    window.panel.show_idle()
    wait(window.panel.painted)
    app.processEvents()
    ready_s = time.time() - started
    rss_ready_mb = _rss_mb()
    master, slave = os.openpty()
    window.open_scanner(os.ttyname(slave))
    os.close(slave)
    while window.scanner.state != "connected":
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    # attribute the time: how much of each scan is the core's durable scan (lookup + commit)
    core_ms: list[float] = []
    scan = station.scan

    def timed_scan(*args: Any, **kwargs: Any) -> Any:
        started_at = time.perf_counter()
        try:
            return scan(*args, **kwargs)
        finally:
            core_ms.append((time.perf_counter() - started_at) * 1000)
    station.scan = timed_scan  # type: ignore[method-assign]
    codes = arrival_codes(station, scans)
    samples: list[float] = []
    settle = QTimer()
    settle.setSingleShot(True)
    settle.timeout.connect(loop.quit)
    for code in codes:
        # people arrive seconds apart: let the previous verdict finish (paint, status refresh)
        # before the next scan, as at a real desk, instead of measuring a saturated pipeline
        settle.start(150)
        loop.exec()
        t0 = time.perf_counter()
        os.write(master, code.encode() + b"\r")
        _status, painted_at = wait(window.panel.painted)
        samples.append((painted_at - t0) * 1000)
    rss_mb = _rss_mb()
    window.close()
    station.close()
    os.close(master)
    print(json.dumps({"ready_s": ready_s, "samples_ms": samples, "rss_mb": rss_mb, "core_ms": core_ms,
                      "rss_ready_mb": rss_ready_mb}))


def _rss_mb() -> float:
    """Resident memory now (Linux), else the peak."""
    if os.path.exists("/proc/self/status"):
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)



def wedge_child() -> None:
    """In a child on an X display (``DISPLAY`` set, xcb): the desk window receives real X keystrokes
    (``xdotool type --delay 8``) of upper-case registration codes ending in Return; each is timed
    from its Return reaching the application (the scanner has finished typing) to the verdict
    painted. Prints one JSON line: ``samples_ms``, ``verdicts``."""
    import subprocess

    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer

    from printing.backends import PdfFolderBackend
    from ui.app import ensure_app
    from ui.desk import create_desk
    from venue_app.paths import Paths
    from venue_app.station import Station

    data, scans = sys.argv[1], int(sys.argv[2])
    app = ensure_app()
    station = Station.open(Paths.at(data))
    window = create_desk(station, sounds=False, open_scanner=False, backend=PdfFolderBackend(Path(data) / "badges"))
    title = f"Venue desk wedge bench {os.getpid()}"
    window.setWindowTitle(title)
    window.show()
    returns: list[float] = []

    class ReturnClock(QObject):
        """Installed after the wedge filter, so it sees each key first: when Return arrives."""

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Return:  # type: ignore[attr-defined]
                returns.append(time.perf_counter())
            return False

    clock = ReturnClock()
    app.installEventFilter(clock)
    loop = QEventLoop()
    painted: list[tuple[str, float]] = []

    def on_painted(status: str, at: float) -> None:
        painted.append((status, at))
        loop.quit()
    window.panel.painted.connect(on_painted)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(500)
    loop.exec()
    env = dict(os.environ)
    win = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", title], env=env,
                         capture_output=True, text=True, timeout=30, check=True).stdout.split()[0]
    subprocess.run(["xdotool", "windowfocus", "--sync", win], env=env, capture_output=True, timeout=30, check=False)
    codes = [code.upper() for code in arrival_codes(station, scans)]
    samples: list[float] = []
    verdicts: list[str] = []
    for code in codes:
        returns.clear()
        painted.clear()
        typist = subprocess.Popen(["xdotool", "type", "--delay", "8", "--", code + "\r"], env=env)
        timer.start(10_000)
        while not painted and timer.isActive():
            loop.exec()
        typist.wait(30)
        if painted and returns:
            status, at = painted[-1]
            verdicts.append(status)
            samples.append((at - returns[0]) * 1000)
        timer.start(150)  # people arrive seconds apart: let the previous verdict settle
        loop.exec()
    app.removeEventFilter(clock)
    window.close()
    station.close()
    print(json.dumps({"samples_ms": samples, "verdicts": verdicts}))


def camera_child() -> None:
    """In a child (offscreen): the desk's camera path timed from a 1280×720 frame handed to the
    camera's ``QVideoSink`` to the verdict painted. No camera exists on a bench machine, so the frames
    are pictures of real badges (freshly issued, rendered, rasterised at 120 dpi, turned a little, on
    a textured background) pushed into the sink as a camera's capture session would. Prints one JSON
    line: ``samples_ms``, ``decode_ms``, ``verdicts``."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
    from PySide6.QtMultimedia import QVideoFrame

    from printing.backends import PdfFolderBackend
    from printing.qtprinter import rasterise
    from printing.queue import badge_data_for
    from printing.render import render_badge
    from printing.templates import load_template
    from ui.app import ensure_app
    from ui.desk import create_desk
    from venue_app.paths import Paths
    from venue_app.station import Station

    data, count = sys.argv[1], int(sys.argv[2])
    ensure_app()
    station = Station.open(Paths.at(data))
    template = load_template("congress-a6")
    frames: list[QVideoFrame] = []
    for i, code in enumerate(arrival_codes(station, count)):
        draft = station.issue_badge(code)
        badge = rasterise(render_badge(badge_data_for(station, station.attendee(code), draft.token, draft.serial),
                                       template), dpi=120)[0]
        image = QImage(1280, 720, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        shade = QLinearGradient(0, 0, 1280, 720)
        shade.setColorAt(0, QColor(92, 84, 76))
        shade.setColorAt(1, QColor(140, 128, 112))
        painter.fillRect(image.rect(), shade)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.translate(640 + (i % 7 - 3) * 40, 360)
        painter.rotate((i % 5 - 2) * 3)
        painter.drawImage(-badge.width() // 2, -badge.height() // 2, badge)
        painter.end()
        frames.append(QVideoFrame(image))
    window = create_desk(station, sounds=False, open_scanner=False, backend=PdfFolderBackend(Path(data) / "badges"))
    window.show()
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    painted: list[float] = []
    decode_ms: list[float] = []
    verdicts: list[str] = []

    def on_painted(status: str, at: float) -> None:
        painted.append(at)
        verdicts.append(status)
        loop.quit()
    window.panel.painted.connect(on_painted)
    window.camera.frame_decoded.connect(lambda r: decode_ms.append(r.decode_ms))
    window.camera.listen("bench")
    timer.start(500)
    loop.exec()
    samples: list[float] = []
    for frame in frames:
        window.camera.reader.wait_idle(10)
        painted.clear()
        t0 = time.perf_counter()
        window.camera.sink.setVideoFrame(frame)
        timer.start(10_000)
        while not painted and timer.isActive():
            loop.exec()
        if painted:
            samples.append((painted[0] - t0) * 1000)
        timer.start(150)  # people step up seconds apart: let the verdict settle before the next badge
        loop.exec()
    window.camera.stop()
    window.close()
    station.close()
    print(json.dumps({"samples_ms": samples, "decode_ms": decode_ms, "verdicts": verdicts}))
