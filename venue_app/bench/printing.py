"""Badge benchmarks: one badge to PDF (p50/p99, fonts loaded once), a 1,000-badge A4 batch, PDF size.

Targets (DESIGN.md): ≤ 50 ms a badge including QR and CJK/Arabic; 1,000-badge sheet PDF ≤ 20 s;
one badge ≤ 300 KB. Built from synthetic names in every script; no station is touched.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from venue_app.bench import BenchOptions, summarise

__all__ = ["run"]

_NAMES = [
    ("José María", "Fernández-Núñez", "", "given-first"),
    ("Xiaoming", "Wang", "王小明", "family-first"),
    ("Taro", "Yamada", "山田 太郎", "family-first"),
    ("Min-jun", "Kim", "김민준", "family-first"),
    ("Fatima", "Al-Zahra", "فاطمة الزهراء", "given-first"),
    ("David", "Levi", "דוד לוי", "given-first"),
    ("Иван", "Петров", "", "given-first"),
    ("Γιώργος", "Παπαδόπουλος", "", "given-first"),
    ("Narendra", "Sharma", "नरेन्द्र शर्मा", "given-first"),
    ("Somchai", "Jaidee", "สมชาย ใจดี", "given-first"),
]


def _badges(n: int) -> list[Any]:
    from printing.data import BadgeData
    from venue_app.keys import SigningKey
    from venue_app.tokens import BadgeClaims, encode_token, new_serial

    key = SigningKey.generate()
    out = []
    for i, (given, family, native, order) in zip(range(n), itertools.cycle(_NAMES), strict=False):
        serial = new_serial()
        token = encode_token(BadgeClaims("0a1b2c3d", serial, "DELEGATE", key.key_id), key)
        out.append(
            BadgeData(
                token,
                given_name=given,
                family_name=f"{family} {i}" if i >= len(_NAMES) else family,
                native_name=native,
                name_order=order,
                honorific="H.E.",
                organisation="City Hall",
                city="Guangzhou",
                country="CN",
                category="delegate",
                category_label="Delegate",
                category_color="#1565c0",
                event_name="13th Metropolis World Congress",
                serial=serial,
            )
        )
    return out


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    from printing.fonts import default_registry
    from printing.render import render_pdf
    from printing.templates import load_template

    registry = default_registry()
    started = time.perf_counter()
    registry.load_all()
    report["badge_fonts_load_s"] = round(time.perf_counter() - started, 3)
    template = load_template("congress-a6")
    badges = _badges(60)
    render_pdf(badges[:10], template)  # warm-up: first use of each font and glyph
    samples = []
    sizes = []
    for data in badges[10:]:
        t0 = time.perf_counter()
        pdf, _ = render_pdf([data], template)
        samples.append((time.perf_counter() - t0) * 1000)
        sizes.append(len(pdf or b""))
    summarise("badge_render", samples, report)
    report["badge_pdf_kb"] = round(max(sizes) / 1024, 1)
    sheet = load_template("a4-4up")
    many = _badges(1000)
    t0 = time.perf_counter()
    pdf, result = render_pdf(many, sheet)
    report["badge_batch_1000_s"] = round(time.perf_counter() - t0, 2)
    report["badge_batch_1000_mb"] = round(len(pdf or b"") / 1024 / 1024, 2)
    report["badge_batch_1000_pages"] = result.pages
