"""The camera as a scanner in the desk and the door (F12), with a preview that outlines the code.

* :class:`CameraScan` owns a ``QCamera`` in a ``QMediaCaptureSession`` whose frames arrive in a
  ``QVideoSink`` (:attr:`CameraScan.sink`). Each frame is handed to a
  :class:`devices.camera.CameraScanner`: converting it (``QVideoFrame.toImage``) and reading its QR
  codes both happen on the scanner's thread, never on the GUI thread; a frame that arrives while the
  previous one is still being read is dropped, not queued. New scans come out as
  :class:`devices.events.ScanEvent` — through ``direct`` (the desk's thread-safe write path, as for
  serial scanners) or the ``scanned`` signal on the GUI thread — so a camera scan takes the same
  verdict path as any scanner's.
* :class:`CameraPreview` shows the last decoded frame with each code found in it outlined, and the
  camera's state in words ("No camera found…").
* :class:`CameraChooser` lists ``QMediaDevices.videoInputs()`` for station setup.

Anything that shows frames in the sink is read the same way: a camera, or (in the tests, where
no camera can exist) frames pushed with ``QVideoSink.setVideoFrame`` or a recorded video played by
a ``QMediaPlayer`` into :attr:`CameraScan.sink`.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from devices.camera import CameraScanner, Detection, Frame, FrameResult, ScanGate
from devices.events import ScanEvent
from ui.shortcuts import CAMERA_KEY, key_text
from ui.taskman import TaskManager
from ui.theme import current, font_px

__all__ = ["CameraChooser", "CameraPreview", "CameraScan", "camera_devices", "find_camera", "frame_of"]

log = logging.getLogger(__name__)

_LITTLE = sys.byteorder == "little"
# QImage formats zxing-cpp reads as they are, with the byte order of their pixels in memory
_PIXELS = {
    QImage.Format.Format_Grayscale8: "lum",
    QImage.Format.Format_RGB888: "rgb",
    QImage.Format.Format_BGR888: "bgr",
    QImage.Format.Format_RGBX8888: "rgba",
    QImage.Format.Format_RGBA8888: "rgba",
    QImage.Format.Format_RGBA8888_Premultiplied: "rgba",
    QImage.Format.Format_RGB32: "bgra" if _LITTLE else "argb",
    QImage.Format.Format_ARGB32: "bgra" if _LITTLE else "argb",
    QImage.Format.Format_ARGB32_Premultiplied: "bgra" if _LITTLE else "argb",
}


def camera_devices() -> list[QCameraDevice]:
    """The cameras the system has now (empty on a machine without one)."""
    return list(QMediaDevices.videoInputs())


def _device_id(device: QCameraDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", "replace")


def find_camera(camera_id: str = "", name: str = "") -> QCameraDevice | None:
    """The camera chosen in setup: by id, else by name (the id changes with the USB port), else —
    nothing chosen — the system's default; None when there is none of these."""
    devices = camera_devices()
    if camera_id or name:
        for device in devices:
            if camera_id and _device_id(device) == camera_id:
                return device
        for device in devices:
            if name and device.description() == name:
                return device
        return None
    default = QMediaDevices.defaultVideoInput()
    return default if not default.isNull() else (devices[0] if devices else None)


def frame_of(video: QVideoFrame, received: float) -> Frame | None:
    """A video frame as plain pixels for :class:`devices.camera.FrameDecoder` (on the scanner's
    thread). The image rides along as the frame's tag: it keeps the pixels alive while they are
    read, and the preview shows exactly the picture the outline was found in."""
    image = video.toImage()
    if image.isNull():
        return None
    pixels = _PIXELS.get(image.format())
    if pixels is None:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        pixels = _PIXELS[QImage.Format.Format_RGB32]
    return Frame(image.constBits(), image.width(), image.height(), image.bytesPerLine(), pixels, received, image)


class CameraPreview(QWidget):
    """The last decoded frame, each code in it outlined, and the camera's state in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("camera_preview")
        self.image: QImage | None = None
        self.detections: tuple[Detection, ...] = ()
        self.message = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(120)
        self.setAccessibleName(QCoreApplication.translate("CameraPreview", "Camera preview"))

    def sizeHint(self) -> QSize:
        return QSize(480, 270)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self.image is None:  # only words to show ("No camera found…"): no empty picture area
            return max(self.minimumHeight(), font_px(15) * 5)
        return max(self.minimumHeight(), round(width * 9 / 16) + font_px(15) * 2)

    def show_frame(self, image: QImage, detections: tuple[Detection, ...]) -> None:
        first = self.image is None
        self.image, self.detections = image, detections
        if first:
            self.updateGeometry()  # from a line of words to a picture
        self.update()

    def set_message(self, text: str) -> None:
        self.message = text
        self.setAccessibleDescription(text)
        self.update()

    def clear(self) -> None:
        self.image, self.detections = None, ()
        self.updateGeometry()
        self.update()

    def picture_rect(self) -> QRectF:
        """Where the frame is drawn: the widget less the message line, aspect kept, centred."""
        line = font_px(15) * 2
        area = QRectF(self.rect()).adjusted(0, 0, 0, -line)
        if self.image is None or self.image.isNull() or area.height() <= 0:
            return area
        scale = min(area.width() / self.image.width(), area.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        return QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)

    def outlines(self) -> list[QPolygonF]:
        """Each detected code's outline in widget coordinates."""
        if self.image is None or self.image.isNull():
            return []
        target = self.picture_rect()
        sx, sy = target.width() / self.image.width(), target.height() / self.image.height()
        return [QPolygonF([QPointF(target.x() + x * sx, target.y() + y * sy) for x, y in d.corners])
                for d in self.detections]

    def paintEvent(self, event: Any) -> None:
        t = current()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1b1f23"))
        target = self.picture_rect()
        if self.image is not None and not self.image.isNull():
            painter.drawImage(target, self.image)
            pen = QPen(QColor(t.verdict["green"][2] if "green" in t.verdict else "#2e7d32"), 4)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for polygon in self.outlines():
                painter.setPen(QPen(QColor("#ffffff"), 8))  # a light rim keeps the line visible on dark cloth
                painter.drawPolygon(polygon)
                painter.setPen(pen)
                painter.drawPolygon(polygon)
        if self.message:
            font = painter.font()
            font.setPixelSize(font_px(15))
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            line = QRectF(8, self.height() - font_px(15) * 2, self.width() - 16, font_px(15) * 2)
            if self.image is None:
                line = QRectF(self.rect()).adjusted(12, 12, -12, -12)
            painter.drawText(line, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
        painter.end()


class CameraScan(QObject):
    """A camera as a scanner (see the module docstring). ``state``: ``off``, ``on``, ``none`` (no
    camera found) or ``error``; ``detail`` says it in words."""

    scanned = Signal(object)  # devices.events.ScanEvent, on the GUI thread
    frame_decoded = Signal(object)  # devices.camera.FrameResult, on the GUI thread
    state_changed = Signal(str)

    def __init__(self, tasks: TaskManager, settings: Any = None, parent: QObject | None = None, *,
                 source: str = "camera") -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.settings = settings
        self.source = source
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._on_frame)
        self.session = QMediaCaptureSession(self)
        self.camera: QCamera | None = None
        self.reader: CameraScanner | None = None
        self.preview = CameraPreview()
        self.preview.hide()
        #: optional fast path, called on the scanner's thread instead of emitting ``scanned`` (the
        #: desk's handle_scan only queues work on its write lane)
        self.direct: Callable[[ScanEvent], None] | None = None
        #: how a new :class:`ScanGate` is made (tests shorten its times)
        self.gate_factory: Callable[[str], ScanGate] = lambda source: ScanGate(source)
        #: when a frame was seen, for telling a code still in view from one shown again (tests that push
        #: frames set a clock of the frames' own times, so a slow machine does not stretch their gaps)
        self.clock: Callable[[], float] = time.monotonic
        self.state = "off"
        self.detail = ""
        self.frames = 0
        self.last_result: FrameResult | None = None
        # a code's outline fades when no frame has shown it for a moment (a camera that stalls)
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(1500)
        self._stale.timeout.connect(lambda: self.preview.show_frame(self.preview.image, ()) if self.preview.image
                                    is not None else None)

    # -- on/off ----------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.reader is not None

    def toggle(self) -> bool:
        """F12: the camera on (the one chosen in setup) or off; True when it is now on."""
        if self.running or self.state in ("none", "error"):
            self.stop()
            return False
        return self.start()

    def start(self) -> bool:
        """Open the camera chosen in station setup and read its frames; False (and the preview says
        why) when there is no camera."""
        self.stop()
        camera_id = str(self.settings["camera"]) if self.settings is not None else ""
        name = str(self.settings["camera_name"]) if self.settings is not None else ""
        device = find_camera(camera_id, name)
        self.preview.show()
        if device is None:
            if camera_id or name:
                detail = self.tr("The camera chosen in Station setup ({name}) is not connected. Connect it, or "
                                 "choose another in Station setup (Ctrl+,).").format(name=name or camera_id)
            else:
                detail = self.tr("No camera found. Connect a camera, then press {key} again.").format(
                    key=key_text(CAMERA_KEY))
            self._set("none", detail)
            return False
        self.listen(device.description())
        if self.reader is None:
            return False  # said why on the preview
        camera = QCamera(device, self)
        camera.errorOccurred.connect(self._camera_error)
        self.session.setCamera(camera)
        self.session.setVideoSink(self.sink)
        self.camera = camera
        camera.start()
        return True

    def listen(self, name: str = "") -> None:
        """Read every frame that reaches :attr:`sink` (``start`` calls it once the camera is open)."""
        self.preview.show()
        if self.reader is None:
            try:
                reader = CameraScanner(self._on_scan, on_frame=self._on_result, source=self.source,
                                       gate=self.gate_factory(self.source), clock=lambda: self.clock())
            except ImportError:  # a build without the QR reader (zxing-cpp)
                self._set("error", self.tr("Camera scanning is not available in this build: the QR code reader "
                                           "(zxing-cpp) is not installed."))
                return
            self.reader = reader.start()
        self._set("on", self.tr("{camera}: hold the badge's QR code up to it · {key} turns it off").format(
            camera=name or self.tr("Camera"), key=key_text(CAMERA_KEY)))

    def stop(self) -> None:
        camera, self.camera = self.camera, None
        if camera is not None:
            camera.stop()
            self.session.setCamera(None)
            camera.deleteLater()
        reader, self.reader = self.reader, None
        if reader is not None:
            reader.stop(2.0)
        self.preview.clear()
        self.preview.hide()
        self._stale.stop()
        self._set("off", self.tr("Camera off ({key} turns it on)").format(key=key_text(CAMERA_KEY)))

    def settings_changed(self) -> None:
        """Station setup saved: a running camera switches to the one chosen now."""
        if self.camera is not None:
            self.start()

    def _camera_error(self, _error: Any, text: str) -> None:
        self._set("error", self.tr("The camera stopped: {error}. Press {key} to try again.").format(
            error=text or self.tr("unknown error"), key=key_text(CAMERA_KEY)))

    def _set(self, state: str, detail: str) -> None:
        self.state, self.detail = state, detail
        self.preview.set_message(detail)
        self.state_changed.emit(state)

    # -- frames ------------------------------------------------------------------------------------
    def _on_frame(self, video: QVideoFrame) -> None:
        """Every frame of the sink: handed to the scanner's thread, or dropped while it is busy."""
        reader = self.reader
        if reader is None or not video.isValid():
            return
        received = time.perf_counter()
        frame = QVideoFrame(video)  # a shallow copy: the sink may reuse its own
        reader.offer(lambda: frame_of(frame, received))

    def _on_scan(self, event: ScanEvent) -> None:  # on the scanner's thread
        direct = self.direct
        if direct is not None:
            direct(event)
        else:
            self._tasks.post(lambda: self.scanned.emit(event))

    def _on_result(self, result: FrameResult) -> None:  # on the scanner's thread
        self._tasks.post(lambda: self._show(result))

    def _show(self, result: FrameResult) -> None:
        if self.reader is None:
            return  # a late frame of a camera switched off
        self.frames += 1
        self.last_result = result
        if isinstance(result.tag, QImage):
            self.preview.show_frame(result.tag, result.detections)
        if result.detections:
            self._stale.start()
        self.frame_decoded.emit(result)


class CameraChooser(QWidget):
    """Station setup: which camera scans (F12). Lists the cameras present; a camera chosen before and
    not connected now stays listed, marked so."""

    _NAME = Qt.ItemDataRole.UserRole + 1

    def __init__(self, camera_id: str = "", name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Camera for scanning"))
        self._add(self.tr("The system's default camera"), "", "")
        devices = camera_devices()
        for device in devices:
            self._add(device.description(), _device_id(device), device.description())
        chosen = 0
        if camera_id or name:
            found = [i for i in range(1, self.combo.count()) if self.combo.itemData(i) == camera_id]
            found = found or [i for i in range(1, self.combo.count())
                              if name and self.combo.itemData(i, self._NAME) == name]
            if found:
                chosen = found[0]
            else:
                self._add(self.tr("{name} (not connected)").format(name=name or camera_id), camera_id, name)
                chosen = self.combo.count() - 1
        self.combo.setCurrentIndex(chosen)
        #: said under the list when the computer has no camera at all
        self.note = QLabel(self.tr("No camera found on this computer.") if not devices else "")
        self.note.setObjectName("camera_note")
        self.note.setVisible(not devices)
        self.combo.setToolTip(self.tr("{key} turns the camera on and off in the desk and the door.").format(
            key=key_text(CAMERA_KEY)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.note)

    def _add(self, text: str, camera_id: str, name: str) -> None:
        self.combo.addItem(text, camera_id)
        self.combo.setItemData(self.combo.count() - 1, name, self._NAME)

    def value(self) -> tuple[str, str]:
        """(device id, name) to store; ("", "") for the system's default."""
        index = self.combo.currentIndex()
        return str(self.combo.itemData(index) or ""), str(self.combo.itemData(index, self._NAME) or "")
