"""QR codes for printed badges: the signed token in alphanumeric mode, sized for paper.

Why these choices: the token is uppercase base32 with a short prefix, which QR's alphanumeric mode
stores in 5.5 bits a character (byte mode needs 8), so the symbol stays small. Error correction Q
survives a scratched or creased badge; M is used only when Q would make the modules smaller than
the minimum (0.5 mm = 6 dots at 300 dpi, what desk scanners read at arm's length). The quiet zone
of 4 modules is part of the box, so nothing of the template can be drawn into it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M, ERROR_CORRECT_Q
from qrcode.util import MODE_8BIT_BYTE, MODE_ALPHA_NUM, QRData, mask_func

from printing.errors import TemplateError

__all__ = ["MIN_MODULE_MM", "QUIET_MODULES", "QrPlan", "is_alphanumeric", "plan_qr", "qr_matrix"]

MIN_MODULE_MM = 0.5
QUIET_MODULES = 4
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
_LEVELS = {"Q": ERROR_CORRECT_Q, "M": ERROR_CORRECT_M}


def is_alphanumeric(data: str) -> bool:
    """True when ``data`` fits QR alphanumeric mode (uppercase base32 tokens do)."""
    return bool(data) and all(c in _ALNUM for c in data)


class _Code(qrcode.QRCode):
    """qrcode's encoder, remembering which cells carry data (the ones a mask pattern flips)."""

    data_cells: list[list[bool]]

    def map_data(self, data: bytes, mask_pattern: int) -> None:
        self.data_cells = [[cell is None for cell in row] for row in self.modules]
        super().map_data(data, mask_pattern)


@lru_cache(maxsize=64)
def _mask_rows(data_rows: tuple[int, ...], n: int) -> tuple[tuple[int, ...], ...]:
    """Per mask pattern, per row: the bits the mask flips (data cells only). Cached per version."""
    out = []
    for pattern in range(8):
        func = mask_func(pattern)
        rows = []
        for r, data in enumerate(data_rows):
            bits = 0
            for c in range(n):
                if data >> (n - 1 - c) & 1 and func(r, c):
                    bits |= 1 << (n - 1 - c)
            rows.append(bits)
        out.append(tuple(rows))
    return tuple(out)


_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = re.compile(r"(?=(10111010000|00001011101))")


def _penalty(rows: list[int], n: int) -> int:
    """ISO 18004 mask penalty (N1 runs, N2 blocks, N3 finder look-alikes, N4 balance)."""
    text = [format(r, f"0{n}b") for r in rows]
    cols = ["".join(col) for col in zip(*text, strict=True)]
    joined = "|".join((*text, *cols))  # one regex pass over every row and column
    runs = _RUN.findall(joined)
    score = sum(map(len, runs)) - 2 * len(runs) + 40 * len(_FINDER.findall(joined))
    full = (1 << n) - 1
    inner = (1 << (n - 1)) - 1
    for a, b in itertools.pairwise(rows):
        same_row_a = ~(a ^ (a >> 1)) & inner
        same_row_b = ~(b ^ (b >> 1)) & inner
        same_ab = ~(a ^ b) & full
        score += 3 * (same_row_a & same_row_b & same_ab).bit_count()
    dark = sum(r.bit_count() for r in rows)
    score += 10 * int(abs(dark * 100 / (n * n) - 50) / 5)
    return score


def qr_matrix(data: str, level: str = "Q") -> list[list[bool]]:
    """The module matrix (True = dark), without quiet zone, with the lowest-penalty mask.

    Why not qrcode's own mask choice: it rebuilds and scores the whole symbol eight times in pure
    Python (≈ 25 ms for a badge token); scoring the eight masks on bit rows is ≈ 5× faster.
    """
    if not data:
        raise TemplateError("cannot make a QR code of an empty token")
    code = _Code(error_correction=_LEVELS[level], border=0, box_size=1, mask_pattern=0)
    mode = MODE_ALPHA_NUM if is_alphanumeric(data) else MODE_8BIT_BYTE
    code.add_data(QRData(data.encode("utf-8") if mode == MODE_8BIT_BYTE else data, mode=mode))
    code.make(fit=True)
    n = len(code.modules)
    base = [int("".join("1" if cell else "0" for cell in row), 2) for row in code.modules]
    data_rows = tuple(int("".join("1" if cell else "0" for cell in row), 2) for row in code.data_cells)
    masks = _mask_rows(data_rows, n)
    best, best_score = 0, None
    for pattern in range(8):
        rows = [b ^ m0 ^ mi for b, m0, mi in zip(base, masks[0], masks[pattern], strict=True)]
        score = _penalty(rows, n)
        if best_score is None or score < best_score:
            best, best_score = pattern, score
    if best != 0:
        code.makeImpl(False, best)  # the real symbol, with this mask's format information
    return [[bool(cell) for cell in row] for row in code.modules]


@dataclass(frozen=True)
class QrPlan:
    """A QR symbol fitted into a square box: modules, their size and the error-correction level."""

    matrix: list[list[bool]]
    module_mm: float
    level: str

    @property
    def modules(self) -> int:
        return len(self.matrix)

    @property
    def symbol_mm(self) -> float:
        """Side of the dark-module area (without quiet zone)."""
        return self.modules * self.module_mm


def plan_qr(data: str, box_mm: float, *, min_module_mm: float = MIN_MODULE_MM) -> QrPlan:
    """Choose Q (or M if Q would be too fine) so that symbol plus quiet zone fill ``box_mm``."""
    last = 0.0
    for level in ("Q", "M"):
        matrix = qr_matrix(data, level)
        module = box_mm / (len(matrix) + 2 * QUIET_MODULES)
        if module >= min_module_mm:
            return QrPlan(matrix, module, level)
        last = module
    raise TemplateError(
        f"QR box of {box_mm:.1f} mm is too small for this token: modules would be {last:.2f} mm, "
        f"printed badges need at least {min_module_mm} mm; enlarge the QR box"
    )
