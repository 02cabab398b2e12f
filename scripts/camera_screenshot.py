"""The desk with the camera preview (``docs/screenshots/desk-camera.png``, made by screenshots.py).

A badge rendered by the project is held up to the camera's video sink, as ``tests/ui/test_camera.py``
does (no camera exists on a build machine; the frames come from ``tests/ui/camera_frames.py``). Alone::

    QT_QPA_PLATFORM=offscreen python scripts/camera_screenshot.py OUT.png [WIDTH HEIGHT]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]
sys.path += [str(ROOT / "tests"), str(ROOT / "tests" / "ui")]


def main(argv: list[str]) -> int:
    width, height = (int(argv[2]), int(argv[3])) if len(argv) > 3 else (1366, 768)
    shoot(Path(argv[1]), Path(tempfile.mkdtemp()), width, height)
    return 0


def shoot(out: Path, data: Path, width: int = 1366, height: int = 768) -> Path:
    """The desk at ``width``×``height`` right after the camera read a badge, saved as ``out``."""
    from camera_frames import badge_image, find_qr, held_up, scene, video_frame
    from conftest import new_station
    from PySide6.QtCore import QEventLoop, QTimer

    from printing.backends import PdfFolderBackend
    from ui.app import apply_theme, ensure_app, load_fonts
    from ui.desk import create_desk

    app = ensure_app()
    load_fonts()
    apply_theme(app)
    station = new_station(data / "camera-desk")
    station.settings["sounds"] = False
    station.settings["operator"] = "Tess"
    station.settings["verdict_dim_s"] = 0
    window = create_desk(station, backend=PdfFolderBackend(data / "camera-badges"), sounds=False,
                         open_scanner=False)
    window.resize(width, height)
    window.show()
    image, _token = badge_image(station, "MWC-ZH-001", dpi=120)
    box = find_qr(image)
    window.camera.listen("Integrated Camera")

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    for i, shot in enumerate(held_up(6)):
        window.camera.reader.wait_idle(5)
        window.camera.sink.setVideoFrame(video_frame(scene(image, shot, seed=i, qr_box=box)))
        spin(80)
    spin(800)
    window.grab().save(str(out))
    window.camera.stop()
    window.close()
    station.close()
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv))
