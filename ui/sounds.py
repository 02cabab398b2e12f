"""Verdict sounds: ``ok`` (two rising notes), ``attention`` (two equal notes), ``error`` (two low
falling notes). The WAVs in ``resources/sounds`` are made by :func:`write_sounds` (plain sine tones
with soft attack and release, nothing licensed). Played through QtMultimedia when it imports (it
needs libpulse on Linux); otherwise silently nothing — a missing sound must never stop a scan.
"""

from __future__ import annotations

import logging
import math
import struct
import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl

from ui.app import resource_path

__all__ = ["SOUNDS", "SoundPlayer", "write_sounds"]

log = logging.getLogger(__name__)

RATE = 22_050
#: name → notes (frequency Hz, seconds); quiet and short: a desk hears hundreds an hour
SOUNDS: dict[str, list[tuple[float, float]]] = {
    "ok": [(880.0, 0.09), (1318.5, 0.14)],
    "attention": [(740.0, 0.12), (0.0, 0.05), (740.0, 0.12)],
    "error": [(392.0, 0.16), (293.7, 0.24)],
}


def _samples(notes: list[tuple[float, float]], volume: float = 0.35) -> bytes:
    out = bytearray()
    for freq, seconds in notes:
        n = int(RATE * seconds)
        fade = max(1, int(RATE * 0.012))
        for i in range(n):
            env = min(1.0, i / fade, (n - i) / fade)
            # a touch of the octave makes the tone rounder than a bare sine
            value = 0.0 if freq == 0 else env * (math.sin(2 * math.pi * freq * i / RATE)
                                                  + 0.25 * math.sin(4 * math.pi * freq * i / RATE)) / 1.25
            out += struct.pack("<h", int(value * volume * 32767))
    return bytes(out)


def write_sounds(folder: Path | None = None) -> list[Path]:
    """(Re)generate the bundled WAVs: 16-bit mono 22.05 kHz."""
    folder = folder or resource_path("sounds")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, notes in SOUNDS.items():
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(_samples(notes))
        paths.append(path)
    return paths


class SoundPlayer(QObject):
    """Plays a verdict's sound by name; silent when disabled or when QtMultimedia is missing."""

    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.available: bool | None = None  # unknown until first use: QtMultimedia loads slowly
        self._effects: dict[str, Any] = {}
        self.played: list[str] = []  # what was asked to play (tests, diagnostics)

    def play(self, name: str) -> None:
        self.played.append(name)
        if not self.enabled:
            return
        effect = self._effect(name)
        if effect is not None:
            effect.play()

    def _effect(self, name: str) -> Any:
        if self.available is False:
            return None
        if name in self._effects:
            return self._effects[name]
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as exc:
            log.info("no sound: QtMultimedia unavailable (%s)", exc)
            self.available = False
            return None
        self.available = True
        path = resource_path("sounds", f"{name}.wav")
        if not path.exists():
            self._effects[name] = None
            return None
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(0.8)
        self._effects[name] = effect
        return effect
