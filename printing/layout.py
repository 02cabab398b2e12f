"""Fitting text into a template box: shrink to the minimum size first, then wrap, then ellipsis.

Lines are broken in *logical* order (so the first words of an Arabic name stay on the first line)
and only then turned into visual runs. Break opportunities are spaces, any point between CJK
characters, and after a Tibetan tsheg; a word longer than a line is split between characters, never
inside a cluster (not before a combining mark, not after a virama, coeng or ZWJ), so shaping holds.
A text that cannot fit even at the minimum size on the allowed lines is cut with "…" — the box is a
hard limit, a name never runs over the QR or off the badge.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from printing.fonts import FontRegistry, Run, script_of

__all__ = ["MM", "LaidOutText", "fit_text"]

MM = 72.0 / 25.4  # points per millimetre
_STEP = 0.5  # points between tried sizes
_CJK = frozenset({"Han", "Hiragana", "Katakana", "CJKCommon", "Bopomofo"})
ELLIPSIS = "…"
#: Tibetan has no spaces: a line may break after the tsheg (syllable mark) and the shad
_BREAK_AFTER = frozenset("\u0f0b\u0f0d\u0f0e")
_VIRAMA_CLASS = 9  # canonical combining class of viramas (Indic, Sinhala al-lakuna, Khmer coeng, Myanmar)


@dataclass(frozen=True)
class LaidOutText:
    """The result of fitting: size, leading and the lines as visual runs with their widths."""

    size: float
    leading: float
    lines: tuple[tuple[Run, ...], ...]
    widths: tuple[float, ...]
    logical: tuple[str, ...]
    truncated: bool

    @property
    def height(self) -> float:
        return self.leading * len(self.lines)


def _tokens(text: str) -> list[str]:
    """Units that may not be split on a line break: words, single CJK characters, spaces."""
    out: list[str] = []
    for char in text:
        if char == " ":
            out.append(" ")
        elif script_of(char) in _CJK and not unicodedata.category(char).startswith("P"):
            out.append(char)
        elif (
            out
            and out[-1] != " "
            and not (script_of(out[-1][-1]) in _CJK and not unicodedata.category(out[-1][-1]).startswith("P"))
            and out[-1][-1] not in _BREAK_AFTER
        ):
            out[-1] += char
        else:
            out.append(char)
    return out


class _Measure:
    def __init__(self, registry: FontRegistry, bold: bool) -> None:
        self.registry, self.bold = registry, bold

    def runs(self, line: str) -> tuple[Run, ...]:
        return tuple(self.registry.runs(line, bold=self.bold)) if line else ()

    def width(self, line: str) -> float:
        """Width at 1000 pt."""
        return sum(r.width_1000 for r in self.runs(line))


def _splittable(before: str, char: str) -> bool:
    """May a too-long word be cut between ``before`` and ``char``? Never inside a cluster: not before a
    mark, not after a virama or coeng (the next letter joins a conjunct or a subscript) or a ZWJ."""
    if unicodedata.category(char)[0] == "M":
        return False
    if before in "\u200c\u200d":
        return False
    # Myanmar's asat (U+103A) kills a vowel visibly and ends a syllable: a boundary, unlike a virama
    return unicodedata.combining(before) != _VIRAMA_CLASS or before == "\u103a"


def _split_word(word: str, limit: float, m: _Measure) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and m.width(current + char) > limit:
            # cut at the last cluster boundary (a piece may hold several unsplittable characters)
            cut = len(current) if _splittable(current[-1], char) else _last_boundary(current)
            if cut:
                pieces.append(current[:cut])
                current = current[cut:]
        current += char
    if current:
        pieces.append(current)
    return pieces


def _last_boundary(text: str) -> int:
    """Index of the last point inside ``text`` where it may be cut (0: none)."""
    for i in range(len(text) - 1, 0, -1):
        if _splittable(text[i - 1], text[i]):
            return i
    return 0


def _wrap(text: str, limit: float, m: _Measure) -> list[str]:
    """Greedy wrap at 1000-pt ``limit``; a line may exceed only if a single character does."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        if token == " ":
            if current:
                current += " "
            continue
        candidate = current + token
        # an empty line takes any token that fits alone
        fits = m.width(candidate.rstrip() if current.strip() else token) <= limit
        if fits:
            current = candidate
            continue
        if current.strip():
            lines.append(current.rstrip())
        if m.width(token) > limit:
            parts = _split_word(token, limit, m)
            lines.extend(parts[:-1])
            current = parts[-1]
        else:
            current = token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _ellipsize(line: str, limit: float, m: _Measure) -> str:
    while line and m.width(line + ELLIPSIS) > limit:
        cut = len(line) - 1
        while cut > 0 and not _splittable(line[cut - 1], line[cut]):  # drop whole clusters only
            cut -= 1
        line = line[:cut].rstrip()
    return line + ELLIPSIS


def fit_text(
    registry: FontRegistry,
    text: str,
    width_pt: float,
    height_pt: float,
    *,
    size_min: float,
    size_max: float,
    max_lines: int = 1,
    bold: bool = False,
    line_height: float = 1.15,
    wrap_below: float | None = None,
) -> LaidOutText:
    """Lay ``text`` (already prepared) into a box: largest size on one line, then more lines.

    One line is shrunk down to ``wrap_below`` (default ``size_min``); then 2…``max_lines`` lines are
    tried from the largest size down to ``size_min``; then one line down to ``size_min``.
    """
    m = _Measure(registry, bold)
    sizes = []
    size = size_max
    while size >= size_min - 1e-9:
        sizes.append(round(size, 2))
        size -= _STEP
    if not sizes or sizes[-1] != size_min:
        sizes.append(size_min)
    full = m.width(text)
    floor = size_min if wrap_below is None else wrap_below
    plan = [(1, [s for s in sizes if s >= floor])]
    plan += [(n, sizes) for n in range(2, max_lines + 1)]
    plan.append((1, [s for s in sizes if s < floor]))
    for lines_allowed, tried in plan:
        for size in tried:
            leading = size * line_height
            if leading * lines_allowed > height_pt + 1e-6:
                continue
            limit = width_pt * 1000.0 / size
            if lines_allowed == 1:
                if full <= limit:
                    return _result(m, [text], size, leading, False)
                continue
            lines = _wrap(text, limit, m)
            if len(lines) <= lines_allowed and all(m.width(line) <= limit for line in lines):
                return _result(m, lines, size, leading, False)
    # even the minimum size on every allowed line is not enough: cut, visibly, never overflow
    size = size_min
    leading = size * line_height
    allowed = max(1, min(max_lines, int((height_pt + 1e-6) // leading)))
    limit = width_pt * 1000.0 / size
    lines = _wrap(text, limit, m)[:allowed]
    lines[-1] = _ellipsize(lines[-1], limit, m)
    return _result(m, lines, size, leading, True)


def _result(m: _Measure, lines: list[str], size: float, leading: float, truncated: bool) -> LaidOutText:
    runs = tuple(m.runs(line) for line in lines)
    widths = tuple(sum(r.width(size) for r in line) for line in runs)
    return LaidOutText(size, leading, runs, widths, tuple(lines), truncated)
