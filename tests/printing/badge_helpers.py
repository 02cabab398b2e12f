"""Helpers of the printing tests: real tokens, names in every script, PDFs read back."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader

from printing.data import BadgeData
from venue_app.keys import SigningKey
from venue_app.tokens import BadgeClaims, encode_token, new_serial

EVENT = "13th Metropolis World Congress · Guangzhou 2026"

#: (label, given, family, native, order) — one per script the congress meets
NAMES = [
    ("latin", "José María", "Fernández-Núñez", "", "given-first"),
    ("chinese", "Xiaoming", "Wang", "王小明", "family-first"),
    ("chinese-traditional", "Ying-wen", "Tsai", "蔡英文", "family-first"),
    ("japanese", "Taro", "Yamada", "山田 太郎", "family-first"),
    ("korean", "Min-jun", "Kim", "김민준", "family-first"),
    ("arabic", "Fatima", "Al-Zahra", "فاطمة الزهراء", "given-first"),
    ("hebrew", "David", "Levi", "דוד לוי", "given-first"),
    ("cyrillic", "Иван", "Петров", "", "given-first"),
    ("greek", "Γιώργος", "Παπαδόπουλος", "", "given-first"),
    ("devanagari", "Narendra", "Sharma", "नरेन्द्र शर्मा", "given-first"),
    ("thai", "Somchai", "Jaidee", "สมชาย ใจดี", "given-first"),
    ("hungarian", "Gergely", "Karácsony", "", "family-first"),
]


def make_token(category: str = "DELEGATE") -> str:
    key = SigningKey.generate()
    return encode_token(BadgeClaims("0a1b2c3d", new_serial(), category, key.key_id), key)


def badge(
    given: str = "Ana", family: str = "Silva", native: str = "", order: str = "given-first", **extra: str
) -> BadgeData:
    values = {
        "organisation": "Metropolis Secretariat",
        "city": "Barcelona",
        "country": "ES",
        "category": "delegate",
        "category_label": "Delegate",
        "category_color": "#1565c0",
        "event_name": EVENT,
        **extra,
    }
    return BadgeData(
        make_token(), given_name=given, family_name=family, native_name=native, name_order=order, **values
    )


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def norm(text: str) -> str:
    """Shaping-insensitive: presentation forms → letters (NFKC), spaces removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def decode_qr(pdf: bytes, page: int = 0, dpi: int = 300) -> list[str]:
    import zxingcpp

    from printing.qtprinter import rasterise_to_pil

    image = rasterise_to_pil(pdf, dpi, [page])[0]
    # QR only: with every format on, a line of rendered text now and then reads as a 1D barcode
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
