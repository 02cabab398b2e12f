"""Interface language: Qt translators for the station GUI, and staff words that come from the core.

The catalogues live in ``resources/translations`` (``venue_desk_<lang>.ts`` sources, compiled ``.qm``
loaded here; ``scripts/translations.py update|release`` regenerates them). :func:`install` loads the
language of the station setting ``language`` ("" follows the system locale) plus Qt's own ``qtbase``
catalogue (standard buttons: OK, Cancel, Save) when Qt ships one.

The core (``venue_app``) never imports Qt and keeps its staff messages in English. The GUI translates
them here by a stable key: the verdict status for the standard messages, and for the messages the
core builds with data ("Already checked in at 09:12, Desk 2.") the exact English template, matched
and re-filled in the interface language. A core message nobody taught this module falls back to the
translated standard message of its status, so staff never see English in a Chinese interface.
Attendee data (names, organisations), codes and room or session names from the program are never
translated: they are shown as the registration system has them.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from venue_app.verdicts import STATUSES, Verdict

__all__ = [
    "CORE_TEMPLATES",
    "LANGUAGES",
    "STATUS_MESSAGES",
    "TRANSLATIONS",
    "available",
    "core_text",
    "current",
    "ensure",
    "install",
    "resolve",
    "translate",
    "uninstall",
    "verdict_message",
]

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
#: language code → its name in that language (what a volunteer looks for in the picker); "" = system
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文", "fr": "Français", "es": "Español"}
_CATALOGUE = "venue_desk"

_installed: list[QTranslator] = []
_current = "en"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate`` under a name lupdate knows (``%n`` is replaced when ``n >= 0``)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def available() -> list[str]:
    """The languages with a compiled catalogue (English needs none, but has one for its plurals)."""
    return [code for code in LANGUAGES if (TRANSLATIONS / f"{_CATALOGUE}_{code}.qm").exists()]


def resolve(language: str | None) -> str:
    """The catalogue for a setting: "" or None → the system locale; ``zh``/``zh_Hans_CN`` → ``zh_CN``,
    ``fr_CA`` → ``fr``; anything unknown → ``en``."""
    wanted = (language or "").strip() or QLocale.system().name()
    wanted = wanted.replace("-", "_")
    if wanted in LANGUAGES:
        return wanted
    base = wanted.split("_")[0].lower()
    if base == "zh":
        # mainland Chinese is the only Chinese catalogue; traditional-script locales still read it
        return "zh_CN"
    return base if base in LANGUAGES else "en"


def current() -> str:
    """The language installed last (``en`` before any)."""
    return _current


def uninstall() -> None:
    """Back to the English source texts."""
    global _current
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _current = "en"


def install(language: str | None = "") -> str:
    """Install the catalogues for ``language`` (a station's ``language`` setting); returns the code
    used. Windows built before this keep their texts: the language applies to windows built after."""
    global _current
    if QCoreApplication.instance() is None:
        raise RuntimeError("create the QApplication before installing translations")
    uninstall()
    code = resolve(language)
    own = QTranslator()
    if own.load(f"{_CATALOGUE}_{code}", str(TRANSLATIONS)):
        QCoreApplication.installTranslator(own)
        _installed.append(own)
    elif code != "en":
        log.warning("no translation catalogue for %s in %s; the interface stays in English", code, TRANSLATIONS)
        return "en"
    qt = QTranslator()
    if code != "en" and qt.load(QLocale(code), "qtbase", "_",
                                QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt)
        _installed.append(qt)
    _current = code
    return code


def ensure() -> str:
    """Install the English catalogue unless a language is installed already: windows built without
    :func:`install` (tests, benchmarks, embedding) still say "1 place left", not "1 place(s) left"."""
    if not _installed and QCoreApplication.instance() is not None:
        return install("en")
    return _current


# -- staff words from the core --------------------------------------------------------------------
#: verdict status → the standard message of venue_app.verdicts.STATUSES (the same English text)
STATUS_MESSAGES: dict[str, str] = {
    "ok": QT_TRANSLATE_NOOP("verdict", "Welcome — checked in."),
    "already_checked_in": QT_TRANSLATE_NOOP("verdict", "Already checked in."),
    "unknown": QT_TRANSLATE_NOOP("verdict",
                                 "Code not found. Search the person by name or send them to the help desk."),
    "invalid": QT_TRANSLATE_NOOP("verdict",
                                 "This code cannot be read or is not genuine. Scan again or search by name."),
    "revoked": QT_TRANSLATE_NOOP("verdict", "This badge was replaced or reported lost. Ask for the newest badge."),
    "cancelled": QT_TRANSLATE_NOOP("verdict",
                                   "This registration was cancelled. Send the person to the help desk."),
    "blocked": QT_TRANSLATE_NOOP("verdict", "Entry refused for this person. Call a supervisor."),
    "wrong_event": QT_TRANSLATE_NOOP("verdict", "This badge belongs to another event."),
    "not_allowed": QT_TRANSLATE_NOOP("verdict", "Not allowed in this room."),
    "room_full": QT_TRANSLATE_NOOP("verdict", "The room is full."),
    "not_inside": QT_TRANSLATE_NOOP("verdict", "Exit recorded, but this person was not recorded inside."),
    "untrusted_issuer": QT_TRANSLATE_NOOP("verdict",
                                          "This badge was made by a station we do not know. Call a supervisor."),
}

#: the messages the core builds with data (venue_app.checkin, ui.context, venue_app.occupancy Rule.describe,
#: venue_app.codes / tokens reasons): English template → the same template marked for translation. The
#: placeholders are named after what they hold; ``{rule}``, ``{problem}`` and ``{reason}`` are core words
#: themselves and are translated in turn.
CORE_TEMPLATES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("verdict", "Welcome, {name} — checked in."),
    QT_TRANSLATE_NOOP("verdict", "Welcome, {name}."),
    QT_TRANSLATE_NOOP("verdict", "Goodbye — exit recorded."),
    QT_TRANSLATE_NOOP("verdict", "Already inside — welcome back."),
    QT_TRANSLATE_NOOP("verdict", "Already checked in at {when}, {where}."),
    QT_TRANSLATE_NOOP("verdict", "Checked in by hand."),
    QT_TRANSLATE_NOOP("verdict", "Checked in; badge collected by {collector}."),
    QT_TRANSLATE_NOOP("verdict", "Valid {category} badge — checked in (details arrive with sync)."),
    QT_TRANSLATE_NOOP("verdict", "Not allowed here — {rule}."),
    QT_TRANSLATE_NOOP("verdict", "No re-entry — {where}."),
    QT_TRANSLATE_NOOP("verdict", "The room is full ({count}/{capacity})."),
    QT_TRANSLATE_NOOP("verdict", "Scan not understood ({problem}). Scan again."),
    QT_TRANSLATE_NOOP("verdict", "At capacity: {count}/{capacity}"),
    QT_TRANSLATE_NOOP("verdict", "Nearly full: {count}/{capacity}"),
    QT_TRANSLATE_NOOP("verdict", "{where}: open to all"),
    QT_TRANSLATE_NOOP("verdict", "{where}: nobody only"),
    QT_TRANSLATE_NOOP("verdict", "{where}: {categories} only"),
    QT_TRANSLATE_NOOP("verdict", "guest"),
    QT_TRANSLATE_NOOP("verdict", "valid"),
    QT_TRANSLATE_NOOP("verdict", "{category} badge"),
    # scan problems (venue_app.codes) and token reasons (venue_app.tokens)
    QT_TRANSLATE_NOOP("verdict", "empty scan"),
    QT_TRANSLATE_NOOP("verdict", "scan too long"),
    QT_TRANSLATE_NOOP("verdict", "unreadable characters (not text)"),
    QT_TRANSLATE_NOOP("verdict", "not a badge token"),
    QT_TRANSLATE_NOOP("verdict", "damaged token"),
    QT_TRANSLATE_NOOP("verdict", "truncated token"),
    QT_TRANSLATE_NOOP("verdict", "badge of another event"),
    QT_TRANSLATE_NOOP("verdict", "signed by an unknown station"),
    QT_TRANSLATE_NOOP("verdict", "signature does not match"),
    # what a badge printed without (printing.render.RenderReport.omission_note); the script's name is data
    QT_TRANSLATE_NOOP("verdict", "printed without the native name: no font for {script}"),
    QT_TRANSLATE_NOOP("verdict", "printed without the {what}: no font for {script}"),
)
#: placeholders whose values are core words too (translated recursively); the rest is data
_NESTED = {"rule", "problem", "reason", "name", "category"}
_STANDARD = {message: status for status, (_c, _s, message) in STATUSES.items()}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$", re.DOTALL)


_PATTERNS = [(_pattern(t), t) for t in CORE_TEMPLATES]


def core_text(text: str) -> str | None:
    """The interface-language form of a staff text the core wrote in English; None when it is not
    one of the known texts (then it is data, or new: the caller decides)."""
    status = _STANDARD.get(text)
    if status is not None:
        return translate("verdict", STATUS_MESSAGES[status])
    for pattern, template in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        values: dict[str, Any] = {}
        for key, value in match.groupdict().items():
            nested = core_text(value) if key in _NESTED else None
            values[key] = nested if nested is not None else value
        return translate("verdict", template).format(**values)
    return None


def verdict_message(verdict: Verdict) -> str:
    """The verdict's message for staff in the interface language."""
    text = core_text(verdict.message)
    if text is not None:
        return text
    if _current == "en" or verdict.status not in STATUS_MESSAGES:
        return verdict.message
    # a message the catalogue does not know yet: the status's standard words beat English
    log.debug("untranslated core message for %s: %r", verdict.status, verdict.message)
    return translate("verdict", STATUS_MESSAGES[verdict.status])
