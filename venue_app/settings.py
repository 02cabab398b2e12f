"""Station settings: each declared once with its type, default and label.

Values live in ``settings.json`` of the data directory; unknown keys are kept (a newer version may
have written them) and invalid values fall back to the default with a warning.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from venue_app.errors import ConfigError
from venue_app.fsutil import atomic_write
from venue_app.paths import Paths

__all__ = ["CATEGORY_COLOR", "SETTINGS", "Setting", "Settings"]

log = logging.getLogger(__name__)

#: the colour of a category that names none (badges, verdicts, lists, reports); the replica's and the
#: registry's schemas default to it too (their released migrations keep the literal)
CATEGORY_COLOR = "#607d8b"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    choices: tuple[Any, ...] | None = None

    def coerce(self, value: Any) -> Any:
        if self.type is bool and isinstance(value, str):
            lowered = value.strip().lower()
            if lowered not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ConfigError(f"{self.label}: expected yes or no, got {value!r}")
            value = lowered in {"1", "true", "yes", "on"}
        try:
            coerced = self.type(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{self.label}: {value!r} is not a valid {self.type.__name__}") from exc
        if self.choices is not None and coerced not in self.choices:
            raise ConfigError(f"{self.label}: choose one of {', '.join(map(str, self.choices))}")
        return coerced


SETTINGS: tuple[Setting, ...] = (
    Setting("operator", str, "", "Operator name"),
    Setting("language", str, "", "Interface language (empty: follow the system)"),
    Setting("scanner", str, "auto", "Scanner (auto, a port, sim://, keyboard)"),
    Setting("scanner_baud", int, 9600, "Scanner baud rate"),
    Setting("scanner_idle_ms", int, 50, "End a scan after this idle gap (ms)"),
    # keyboard-mode scanners: "auto" accepts scans without Enter/Tab until the scanner has shown it
    # sends one; from then on a code that stops short is dropped ("scan again"), never judged
    Setting("wedge_suffix", str, "auto", "Keyboard scanner: Enter/Tab after each code",
            ("auto", "required", "none")),
    # a camera as a fallback scanner (F12 in the desk and the door): its device id, and its name to
    # find it again when the id changed (another USB port); empty: the system's default camera
    Setting("camera", str, "", "Camera for scanning (device id; empty: the system's default camera)"),
    Setting("camera_name", str, "", "Camera for scanning (its name)"),
    Setting("printer", str, "pdf", "Badge printer back-end"),
    Setting("badge_template", str, "congress-a6", "Badge template"),
    Setting("auto_print", bool, True, "Print a badge automatically on a successful check-in"),
    Setting("supervisor_pin_hash", str, "", "Supervisor PIN (hashed)"),
    Setting("sounds", bool, True, "Play sounds for verdicts"),
    # "large" is the older way to ask for large text: light colours with text_size large
    Setting("theme", str, "system", "Theme", ("system", "light", "dark", "high-contrast", "large")),
    Setting("text_size", str, "normal", "Text size", ("normal", "large", "x-large")),
    Setting("duplicate_window_ms", int, 1000, "Ignore the same code from one scanner within (ms)"),
    Setting("station_offline_after_s", float, 60.0, "Dashboards flag a station not heard from for (seconds)"),
    # a verdict left on screen reads as the answer for whoever stands at the desk next
    Setting("verdict_dim_s", float, 20.0, "Dim the last verdict after this many seconds (0: never)"),
)

_BY_KEY = {s.key: s for s in SETTINGS}


class Settings:
    """Typed access to the settings of one data directory."""

    def __init__(self, paths: Paths) -> None:
        self._path = paths.settings
        self._values: dict[str, Any] = {}
        if self._path.exists():
            try:
                loaded = json.loads(self._path.read_text("utf-8"))
                if isinstance(loaded, dict):
                    self._values = loaded
            except (OSError, ValueError):
                log.warning("settings file %s is unreadable; using defaults", self._path)

    def __getitem__(self, key: str) -> Any:
        setting = _BY_KEY[key]
        if key not in self._values:
            return setting.default
        try:
            return setting.coerce(self._values[key])
        except ConfigError:
            log.warning("invalid value for %s; using the default", key)
            return setting.default

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in _BY_KEY:
            raise ConfigError(f"unknown setting {key!r}")
        self._values[key] = _BY_KEY[key].coerce(value)
        self.save()

    def as_dict(self) -> dict[str, Any]:
        return {s.key: self[s.key] for s in SETTINGS}

    def save(self) -> None:
        atomic_write(self._path, json.dumps(self._values, indent=2, ensure_ascii=False).encode("utf-8"))
