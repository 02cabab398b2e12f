"""Normalising raw scans before they are judged.

Scanners add CR/LF or TAB suffixes, AIM symbology identifiers (``]Q1`` for QR), stray control
characters; an input method may turn ASCII into full-width forms. Everything is bounded: a scan
longer than :data:`MAX_SCAN` is refused before any work is done on it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["MAX_SCAN", "Normalised", "normalise", "normalise_code"]

MAX_SCAN = 4096
_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
# whitespace, C0/C1 controls and the invisible format characters scanners and IMEs leave behind
_JUNK = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff]")


@dataclass(frozen=True)
class Normalised:
    text: str            # "" when nothing usable is left
    problem: str = ""    # why the scan is unusable, in plain words


def normalise(raw: str | bytes) -> Normalised:
    if isinstance(raw, bytes | bytearray):
        if len(raw) > MAX_SCAN:
            return Normalised("", "scan too long")
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return Normalised("", "unreadable characters (not text)")
    if len(raw) > MAX_SCAN:
        return Normalised("", "scan too long")
    text = raw.strip()
    text = _AIM.sub("", text, count=1)
    if not text.isascii():
        # full-width forms from an active input method become ASCII; é stays é
        text = unicodedata.normalize("NFKC", text)
    text = _JUNK.sub("", text)
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    if not text:
        return Normalised("", "empty scan")
    return Normalised(text)


def normalise_code(code: str) -> str:
    """The form registration codes are compared in (case and spacing do not matter)."""
    if code.isascii():
        return "".join(code.split()).upper()
    text = unicodedata.normalize("NFKC", code)
    return "".join(text.split()).upper()
