"""Video frames of a badge held up to a camera, for the camera tests and the benchmark.

No camera can exist on the test machines (``QMediaDevices.videoInputs()`` is empty and no virtual
video device can be loaded), so the pictures a camera would deliver are made here: the real badge
(a signed token issued by the station, rendered by the project's own badge renderer, rasterised)
placed on a 1280×720 desk scene, moved a little from frame to frame, turned slightly, partly
covered by a hand, washed out by glare, or absent. They reach the app as ``QVideoFrame`` through the
same ``QVideoSink`` a camera feeds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QImage, QLinearGradient, QPainter, QRadialGradient, QTransform
from PySide6.QtMultimedia import (
    QMediaCaptureSession,
    QMediaFormat,
    QMediaRecorder,
    QVideoFrame,
    QVideoFrameFormat,
    QVideoFrameInput,
)

__all__ = ["BadgeShot", "badge_image", "find_qr", "held_up", "qr_image", "record_video", "scene", "video_frame"]

WIDTH, HEIGHT = 1280, 720


def badge_image(station: Any, code: str, dpi: int = 150) -> tuple[QImage, str]:
    """The badge of attendee ``code`` as printed (a freshly issued token), and that token."""
    from printing.qtprinter import rasterise
    from printing.queue import badge_data_for
    from printing.render import render_badge
    from printing.templates import load_template

    draft = station.issue_badge(code)
    attendee = station.attendee(code)
    data = badge_data_for(station, attendee, draft.token, draft.serial)
    pdf = render_badge(data, load_template("congress-a6"))
    return rasterise(pdf, dpi=dpi)[0].convertToFormat(QImage.Format.Format_RGB32), draft.token


def qr_image(text: str, scale: int = 6) -> QImage:
    """A bare QR code of ``text`` (a forged or unknown code held up like a badge)."""
    import zxingcpp

    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    view = memoryview(code.to_image(scale=scale))
    height, width = view.shape[:2]
    image = QImage(bytes(view), width, height, width, QImage.Format.Format_Grayscale8)
    return image.convertToFormat(QImage.Format.Format_RGB32)


@dataclass(frozen=True)
class BadgeShot:
    """How the badge appears in one frame."""

    dx: float = 0.0  # offset from the frame's centre, pixels
    dy: float = 0.0
    angle: float = 0.0  # degrees
    scale: float = 1.0
    occlude: float = 0.0  # 0..1: how much of the QR a hand covers (from the left)
    glare: float = 0.0  # 0..1: strength of a bright reflection over the QR
    present: bool = True


def scene(badge: QImage, shot: BadgeShot, *, seed: int = 0, qr_box: QRectF | None = None) -> QImage:
    """One 1280×720 frame: a desk-coloured background with some texture, and the badge as ``shot``
    says. ``qr_box`` is where the QR sits on the badge image (for the hand and the glare)."""
    frame = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    painter = QPainter(frame)
    background = QLinearGradient(0, 0, WIDTH, HEIGHT)
    background.setColorAt(0, QColor(92, 84, 76))
    background.setColorAt(1, QColor(140, 128, 112))
    painter.fillRect(frame.rect(), QBrush(background))
    # a few soft shapes (a shoulder, a lamp) so the frame is not an empty field
    painter.setPen(Qt.PenStyle.NoPen)
    for i in range(6):
        painter.setBrush(QColor(60 + 20 * ((i + seed) % 4), 70, 80 + 15 * (i % 3)))
        painter.drawEllipse(QPointF(120 + 210 * i, 80 + 90 * ((i * 7 + seed) % 5)), 70, 50)
    if shot.present:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        transform = QTransform()
        transform.translate(WIDTH / 2 + shot.dx, HEIGHT / 2 + shot.dy)
        transform.rotate(shot.angle)
        transform.scale(shot.scale, shot.scale)
        transform.translate(-badge.width() / 2, -badge.height() / 2)
        painter.setTransform(transform)
        painter.drawImage(0, 0, badge)
        box = qr_box or QRectF(badge.rect())
        if shot.occlude > 0:
            hand = QRectF(box.x() - 40, box.y() - 30, box.width() * shot.occlude + 40, box.height() + 60)
            painter.setBrush(QColor(196, 150, 120))
            painter.drawRoundedRect(hand, 30, 30)
        if shot.glare > 0:
            centre = QPointF(box.center().x() + box.width() * 0.1, box.center().y() - box.height() * 0.1)
            glow = QRadialGradient(centre, box.width() * 0.55)
            glow.setColorAt(0, QColor(255, 255, 255, round(255 * shot.glare)))
            glow.setColorAt(0.6, QColor(255, 255, 255, round(200 * shot.glare)))
            glow.setColorAt(1, QColor(255, 255, 255, 0))
            painter.setBrush(QBrush(glow))
            painter.drawEllipse(centre, box.width() * 0.55, box.width() * 0.55)
        painter.resetTransform()
    painter.end()
    return frame


def find_qr(badge: QImage) -> QRectF:
    """Where the QR is on the badge image (read with zxing-cpp, as the app reads it)."""
    import zxingcpp

    found = zxingcpp.read_barcodes(badge, formats=zxingcpp.BarcodeFormat.QRCode)
    if not found:
        raise AssertionError("the rendered badge has no readable QR")
    p = found[0].position
    xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
    ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
    return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def held_up(frames: int = 24) -> list[BadgeShot]:
    """A badge held up: it wanders a few pixels and turns a little, as a hand does."""
    return [BadgeShot(dx=60 * math.sin(i / 4), dy=25 * math.cos(i / 3), angle=6 * math.sin(i / 5),
                      scale=1.0 + 0.05 * math.sin(i / 6)) for i in range(frames)]


def video_frame(image: QImage) -> QVideoFrame:
    """The frame as a camera hands it to a ``QVideoSink``."""
    return QVideoFrame(image)


def record_video(qtbot: Any, path: Path, images: list[QImage], fps: int = 25) -> Path:
    """Record ``images`` as a video file with Qt's own recorder (FFmpeg back-end, MPEG-4 in
    Matroska), fed through ``QVideoFrameInput`` since no camera can be its source here."""
    session = QMediaCaptureSession()
    source = QVideoFrameInput(QVideoFrameFormat(QSize(WIDTH, HEIGHT), QVideoFrameFormat.PixelFormat.Format_BGRX8888))
    session.setVideoFrameInput(source)
    recorder = QMediaRecorder()
    session.setRecorder(recorder)
    media = QMediaFormat(QMediaFormat.FileFormat.Matroska)
    media.setVideoCodec(QMediaFormat.VideoCodec.MPEG4)
    recorder.setMediaFormat(media)
    recorder.setQuality(QMediaRecorder.Quality.VeryHighQuality)
    recorder.setVideoFrameRate(fps)
    recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
    errors: list[str] = []
    recorder.errorOccurred.connect(lambda _e, text: errors.append(text))
    sent = [0]
    step = 1_000_000 // fps  # microseconds

    def send() -> None:
        while sent[0] < len(images):
            frame = QVideoFrame(images[sent[0]])
            frame.setStartTime(sent[0] * step)
            frame.setEndTime((sent[0] + 1) * step)
            if not source.sendVideoFrame(frame):
                return  # the encoder's queue is full: readyToSendVideoFrame calls again
            sent[0] += 1
        if recorder.recorderState() == QMediaRecorder.RecorderState.RecordingState:
            recorder.stop()

    source.readyToSendVideoFrame.connect(send)
    recorder.record()
    qtbot.waitUntil(lambda: sent[0] == len(images) or bool(errors), timeout=60_000)
    send()
    qtbot.waitUntil(lambda: recorder.recorderState() == QMediaRecorder.RecorderState.StoppedState, timeout=60_000)
    assert not errors, errors
    assert path.exists() and path.stat().st_size > 10_000
    return path
