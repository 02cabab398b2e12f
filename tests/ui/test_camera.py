"""The camera as a scanner in the desk and the door (ui.camera), on real windows offscreen.

This machine has no camera and cannot get one (``QMediaDevices.videoInputs()`` is empty; no
virtual video device can be loaded), so a camera is the one part that is not real here. Everything
after it is: the badge is a real one (token signed by the station, rendered by the badge renderer,
rasterised), composed into 1280×720 pictures of it held up, moving, partly covered, under glare, or
absent; each picture becomes a ``QVideoFrame`` and enters through ``QVideoSink.setVideoFrame`` — the
sink a camera's capture session feeds — and from there takes the app's own path: conversion and
decoding off the GUI thread, duplicate suppression, ``Station.scan``, the verdict on screen.
``CameraScan.listen()`` (what ``start()`` does once a camera is open) reads the sink without one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from camera_frames import BadgeShot, badge_image, find_qr, held_up, qr_image, record_video, scene, video_frame
from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QMediaPlayer

from ui.camera import CameraChooser, CameraPreview, camera_devices
from ui.shortcuts import CAMERA_KEY, key_text, shortcut_list

pytestmark = pytest.mark.timeout(120)


def checkins(station: Any, code: str) -> int:
    return int(station.replica.one(
        "SELECT count(*) FROM checkins c JOIN attendees a ON a.id = c.attendee_id WHERE a.code = ?", (code,))[0])


class FrameClock:
    """The time of the frame being pushed, at 25 frames a second: a camera's frames come 40 ms apart
    however long the test machine takes to push them, so the gaps the duplicate suppression sees are
    the video's, not the machine's."""

    def __init__(self) -> None:
        self.frame = 0

    def __call__(self) -> float:
        return self.frame / 25


def push(qtbot: Any, camera: Any, image: QImage) -> Any:
    """One frame into the camera's sink, as a camera delivers it; waits until it has been read."""
    assert camera.reader.wait_idle(10)  # a frame offered while the last is read is dropped by design
    if not isinstance(camera.clock, FrameClock):
        camera.clock = FrameClock()
    camera.clock.frame += 1
    with qtbot.waitSignal(camera.frame_decoded, timeout=10_000) as blocker:
        camera.sink.setVideoFrame(video_frame(image))
    return blocker.args[0]


@pytest.fixture
def badge(desk_station: Any) -> Iterator[tuple[QImage, str, QRectF]]:
    image, token = badge_image(desk_station, "MWC-ES-002", dpi=120)
    yield image, token, find_qr(image)


def test_this_machine_has_no_camera() -> None:
    # the reason every test here feeds the sink itself; if a camera ever appears, the no-camera
    # tests below would need a machine without one
    assert camera_devices() == []


def test_badge_held_up_checks_in_exactly_once(desk: Any, qtbot: Any, badge: Any) -> None:
    image, token, box = badge
    camera = desk.camera
    camera.listen("test video")
    assert camera.preview.isVisible()
    verdicts: list[str] = []
    desk.verdict_shown.connect(verdicts.append)
    shots = ([BadgeShot(present=False)] * 3 + held_up(20)
             + [BadgeShot(dx=10, occlude=0.45)] * 4  # a hand over part of the code
             + [BadgeShot(dx=-20, glare=g) for g in (0.5, 0.8, 1.0, 1.0, 0.8)]  # a light reflected on it
             + held_up(12) + [BadgeShot(present=False)] * 3)
    read = []
    for i, shot in enumerate(shots):
        result = push(qtbot, camera, scene(image, shot, seed=i, qr_box=box))
        read.append([d.text for d in result.detections])
    qtbot.waitUntil(lambda: verdicts == ["ok"], timeout=10_000)
    # every frame with the code readable saw the token and nothing else; covered frames saw nothing
    assert all(texts in ([], [token]) for texts in read)
    assert sum(texts == [token] for texts in read) >= 30
    assert all(read[i] == [] for i in range(3)) and all(read[i] == [] for i in range(23, 27))
    assert checkins(desk.ctx.station, "MWC-ES-002") == 1
    assert desk.scans == 1 and desk.last_verdict.status == "ok"
    assert desk.last_verdict.attendee["code"] == "MWC-ES-002"
    assert camera.reader.stats.scans == 1 and camera.reader.gate.suppressed >= 29
    # the last frame with the code is on the preview with its outline
    last_seen = max(i for i, texts in enumerate(read) if texts)
    assert last_seen < len(read) - 1  # after it, the picture went empty: no outline left drawn
    assert camera.preview.detections == ()


def test_badge_taken_away_and_shown_again_later_is_scanned_again(desk: Any, qtbot: Any, badge: Any) -> None:
    image, _token, box = badge
    # auto-print would issue a new badge at the check-in and so void this one ("badge replaced")
    desk.ctx.station.settings["auto_print"] = False
    desk.camera.listen()
    verdicts: list[str] = []
    desk.verdict_shown.connect(verdicts.append)
    away = scene(image, BadgeShot(present=False), qr_box=box)
    for shot in held_up(5):
        push(qtbot, desk.camera, scene(image, shot, qr_box=box))
    for _ in range(30):  # 1.2 s out of the picture, but within 3 s of the scan: the same presentation
        push(qtbot, desk.camera, away)
    push(qtbot, desk.camera, scene(image, BadgeShot(), qr_box=box))
    for _ in range(60):  # gone for 2.4 s more: shown again on purpose, 3.6 s after the scan
        push(qtbot, desk.camera, away)
    push(qtbot, desk.camera, scene(image, BadgeShot(dx=30), qr_box=box))
    qtbot.waitUntil(lambda: len(verdicts) == 2, timeout=10_000)
    assert verdicts == ["ok", "already_checked_in"]
    assert checkins(desk.ctx.station, "MWC-ES-002") == 1


def test_recorded_video_played_into_the_cameras_sink_checks_in_once(desk: Any, qtbot: Any, badge: Any,
                                                                   tmp_path: Any) -> None:
    """A recorded video (3 s at 25 fps, compressed as a webcam's stream is) played by QMediaPlayer
    into the camera's sink, at its own pace: frames the decoder cannot take are dropped on the way."""
    image, token, box = badge
    shots = ([BadgeShot(present=False)] * 10 + held_up(36) + [BadgeShot(dx=10, occlude=0.45)] * 6
             + [BadgeShot(dx=-20, glare=g) for g in (0.5, 0.8, 1.0, 1.0, 1.0, 0.8)] + held_up(12)
             + [BadgeShot(present=False)] * 5)
    video = record_video(qtbot, tmp_path / "badge.mkv", [scene(image, s, seed=i, qr_box=box)
                                                         for i, s in enumerate(shots)])
    camera = desk.camera
    camera.listen("recorded video")
    read: list[list[str]] = []
    camera.frame_decoded.connect(lambda r: read.append([d.text for d in r.detections]))
    verdicts: list[str] = []
    desk.verdict_shown.connect(verdicts.append)
    player = QMediaPlayer()
    player.setVideoSink(camera.sink)
    player.setSource(QUrl.fromLocalFile(str(video)))
    player.play()
    qtbot.waitUntil(lambda: player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia, timeout=60_000)
    player.stop()
    assert camera.reader.wait_idle(10)
    qtbot.waitUntil(lambda: verdicts == ["ok"], timeout=10_000)
    # the player delivered the video (it skips frames itself when the machine is slow to show them)
    assert camera.reader.offered >= len(shots) // 2
    assert all(texts in ([], [token]) for texts in read)  # never a wrong or partial code
    assert sum(texts == [token] for texts in read) >= 10  # 48 frames show it readable; ~53 read when idle
    assert checkins(desk.ctx.station, "MWC-ES-002") == 1 and desk.scans == 1


def test_preview_outlines_the_code_where_it_is(desk: Any, qtbot: Any, badge: Any) -> None:
    image, token, box = badge
    desk.camera.listen()
    result = push(qtbot, desk.camera, scene(image, BadgeShot(dx=-200, angle=10), qr_box=box))
    assert [d.text for d in result.detections] == [token]
    preview: CameraPreview = desk.camera.preview
    qtbot.waitUntil(lambda: preview.detections == result.detections, timeout=5000)
    (outline,) = preview.outlines()
    target = preview.picture_rect()
    # the code is left of centre in the frame: its outline is left of the preview's centre, inside it
    assert target.contains(outline.boundingRect())
    assert outline.boundingRect().center().x() < target.center().x()
    drawn = preview.grab().toImage()
    centre = outline.boundingRect().center()
    edge = outline.at(0)
    ink = drawn.pixelColor(round(edge.x()), round(edge.y()))  # the outline is painted there, in green
    assert ink.green() > ink.red() + 40 and ink.green() > ink.blue() + 40, ink.name()
    assert target.width() / target.height() == pytest.approx(1280 / 720, rel=0.02)
    assert drawn.rect().contains(round(centre.x()), round(centre.y()))


@pytest.mark.parametrize(("text", "status"), [
    ("hello, I am a QR code from a poster", "unknown"),
    ("VD1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", None),
])
def test_forged_or_foreign_qr_gets_the_normal_refusal(desk: Any, qtbot: Any, text: str, status: str | None) -> None:
    desk.camera.listen()
    verdicts: list[str] = []
    desk.verdict_shown.connect(verdicts.append)
    code = qr_image(text, scale=5)
    for i in range(6):
        push(qtbot, desk.camera, scene(code, BadgeShot(dx=8 * i), seed=i))
    qtbot.waitUntil(lambda: len(verdicts) == 1, timeout=10_000)
    expected = desk.ctx.station.scan(text, source="cli")  # what any other scanner would be told
    assert verdicts == [expected.status] and not expected.ok
    if status:
        assert expected.status == status
    assert desk.last_verdict.status == expected.status
    assert int(desk.ctx.station.replica.one("SELECT count(*) FROM checkins")[0]) == 0


def test_a_forged_badge_signed_by_another_key_is_refused(desk: Any, qtbot: Any) -> None:
    from venue_app.keys import SigningKey
    from venue_app.tokens import BadgeClaims, encode_token, new_serial

    st = desk.ctx.station
    forger = SigningKey.generate()
    forged = encode_token(BadgeClaims(st.event["tag"], new_serial(), "DELEGATE", forger.key_id), forger)
    desk.camera.listen()
    with qtbot.waitSignal(desk.verdict_shown, timeout=10_000) as blocker:
        push(qtbot, desk.camera, scene(qr_image(forged, scale=4), BadgeShot()))
    assert blocker.args[0] != "ok" and not desk.last_verdict.ok
    assert int(st.replica.one("SELECT count(*) FROM checkins")[0]) == 0


def test_frames_arriving_while_one_is_read_are_dropped_not_queued(desk: Any, qtbot: Any, badge: Any) -> None:
    image, _token, box = badge
    desk.camera.listen()
    reader = desk.camera.reader
    frames = [video_frame(scene(image, shot, qr_box=box)) for shot in held_up(40)]
    for frame in frames:  # back to back, as a 60 fps camera outruns any decoder
        desk.camera.sink.setVideoFrame(frame)
    assert reader.wait_idle(10)
    assert reader.offered == 40 and reader.dropped > 0
    assert reader.offered == reader.dropped + reader.decoded + reader.failed
    assert reader.decoded < 40
    qtbot.waitUntil(lambda: desk.scans == 1, timeout=10_000)
    assert checkins(desk.ctx.station, "MWC-ES-002") == 1


def test_no_camera_is_said_in_plain_words(desk: Any, qtbot: Any) -> None:
    assert not desk.toggle_camera()  # F12 with no camera on the machine
    camera = desk.camera
    assert camera.state == "none" and camera.reader is None
    assert camera.detail.startswith("No camera found.")
    assert camera.preview.isVisible() and camera.preview.message == camera.detail
    assert key_text(CAMERA_KEY) in camera.detail
    assert not desk.toggle_camera()  # F12 again puts the notice away
    assert camera.state == "off" and not camera.preview.isVisible()
    # a camera chosen in setup and unplugged since is named
    desk.ctx.station.settings["camera"] = "/dev/video7"
    desk.ctx.station.settings["camera_name"] = "Logitech C920"
    assert not desk.camera.start()
    assert "Logitech C920" in camera.detail and "not connected" in camera.detail


def test_f12_is_listed_in_the_keys_of_desk_and_door(desk: Any, door: Any) -> None:
    for window in (desk, door):
        keys = dict(shortcut_list(window))
        assert "Camera as a scanner" in keys[key_text(CAMERA_KEY)]


def test_door_counts_a_badge_held_up_once(door: Any, qtbot: Any, rooms_station: Any) -> None:
    image, _token = badge_image(rooms_station, "MWC-ZH-001", dpi=120)
    box = find_qr(image)
    verdicts: list[str] = []
    door.verdict_shown.connect(verdicts.append)
    door.camera.listen()
    for i, shot in enumerate(held_up(15) + [BadgeShot(glare=1.0)] * 3 + held_up(5)):
        push(qtbot, door.camera, scene(image, shot, seed=i, qr_box=box))
    qtbot.waitUntil(lambda: len(verdicts) == 1, timeout=10_000)
    assert verdicts == ["ok"] and door.camera.reader.stats.scans == 1
    assert "Wang Wei" in door.flash.texts()
    qtbot.waitUntil(lambda: door.view.get("count") == 1, timeout=10_000)  # one person in, not 23


def test_station_setup_lists_cameras_and_saves_the_choice(desk_station: Any, qtbot: Any) -> None:
    from ui.setup import SettingsDialog

    chooser = CameraChooser()
    qtbot.addWidget(chooser)
    assert chooser.combo.itemText(0) == "The system's default camera"
    assert chooser.note.text() == "No camera found on this computer."
    assert chooser.value() == ("", "")
    remembered = CameraChooser("/dev/video7", "Logitech C920")
    qtbot.addWidget(remembered)
    assert remembered.combo.currentText() == "Logitech C920 (not connected)"
    assert remembered.value() == ("/dev/video7", "Logitech C920")
    desk_station.settings["camera"] = "/dev/video7"
    desk_station.settings["camera_name"] = "Logitech C920"
    dialog = SettingsDialog(desk_station)
    qtbot.addWidget(dialog)
    assert dialog.camera.value() == ("/dev/video7", "Logitech C920")
    dialog.camera.combo.setCurrentIndex(0)
    dialog.accept()
    assert (desk_station.settings["camera"], desk_station.settings["camera_name"]) == ("", "")
