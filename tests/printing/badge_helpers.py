"""Helpers of the printing tests: real tokens, names in every script, PDFs read back."""

from __future__ import annotations

import io
import subprocess
import unicodedata

from pypdf import PdfReader

from printing.data import BadgeData
from venue_app.keys import SigningKey
from venue_app.tokens import BadgeClaims, encode_token, new_serial

EVENT = "13th Metropolis World Congress · Guangzhou 2026"

#: (label, given, family, native, order) — one per script the congress meets: real names of people of
#: that culture with their usual Latin form; "-only" rows have no Latin form, so the big bold name
#: itself is in the script (bold faces, Tibetan's stroked fake bold)
NAMES = [
    ("latin", "José María", "Fernández-Núñez", "", "given-first"),
    ("vietnamese", "Ngọc Hưởng", "Nguyễn Thị", "", "family-first"),
    ("chinese", "Xiaoming", "Wang", "王小明", "family-first"),
    ("chinese-simplified", "Junxian", "Wang", "王俊贤", "family-first"),
    ("chinese-traditional", "Ying-wen", "Tsai", "蔡英文", "family-first"),
    ("chinese-traditional-hk", "Junxian", "Wong", "王俊賢", "family-first"),
    ("japanese", "Taro", "Yamada", "山田 太郎", "family-first"),
    ("japanese-kana", "Sakura", "Yamada", "山田 さくら", "family-first"),
    ("japanese-katakana", "Erika", "Nakamura", "ナカムラ エリカ", "family-first"),
    ("korean", "Min-jun", "Kim", "김민준", "family-first"),
    ("arabic", "Fatima", "Al-Zahra", "فاطمة الزهراء", "given-first"),
    ("persian", "Zhaleh", "Amouzegar", "ژاله آموزگار", "given-first"),
    ("urdu", "Abdul Sattar", "Edhi", "عبدالستار ایدھی", "given-first"),
    ("persian-zwnj", "Ali-Akbar", "Dehkhoda", "علی\u200cاکبر دهخدا", "given-first"),  # ZWNJ: no join, no mark
    ("hebrew", "David", "Levi", "דוד לוי", "given-first"),
    ("cyrillic", "Иван", "Петров", "", "given-first"),
    ("greek", "Γιώργος", "Παπαδόπουλος", "", "given-first"),
    ("georgian", "Nino", "Beridze", "ნინო ბერიძე", "given-first"),
    ("armenian", "Aram", "Petrosyan", "Արամ Պետրոսյան", "given-first"),
    ("ethiopic", "Abebe", "Bikila", "አበበ ቢቂላ", "given-first"),
    ("devanagari", "Narendra", "Sharma", "नरेन्द्र शर्मा", "given-first"),
    ("bengali", "Suman", "Chattopadhyay", "সুমন চট্টোপাধ্যায়", "given-first"),
    ("gurmukhi", "Gurpreet", "Singh", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "given-first"),
    ("gujarati", "Kiran", "Desai", "કિરણ દેસાઈ", "given-first"),
    ("odia", "Biju", "Patnaik", "ବିଜୁ ପଟ୍ଟନାୟକ", "given-first"),
    ("tamil", "Muthulakshmi", "Reddy", "முத்துலட்சுமி ரெட்டி", "given-first"),
    ("telugu", "Venkateswara", "Rao", "వెంకటేశ్వర రావు", "given-first"),
    ("kannada", "Girish", "Karnad", "ಗಿರೀಶ್ ಕಾರ್ನಾಡ್", "given-first"),
    ("malayalam", "Kamala", "Surayya", "കമല സുരയ്യ", "given-first"),
    ("sinhala", "Kumar", "Sangakkara", "කුමාර් සංගක්කාර", "given-first"),
    ("thai", "Somchai", "Jaidee", "สมชาย ใจดี", "given-first"),
    ("lao", "Bounnhang", "Vorachith", "ບຸນຍັງ ວໍລະຈິດ", "given-first"),
    ("khmer", "Sopheap", "Chan", "ចាន់ សុភាព", "family-first"),
    ("myanmar", "Aung San Suu Kyi", "", "အောင်ဆန်းစုကြည်", "given-first"),
    ("tibetan", "Tenzin", "Gyatso", "བསྟན་འཛིན་རྒྱ་མཚོ", "given-first"),
    ("hungarian", "Gergely", "Karácsony", "", "family-first"),
    ("georgian-only", "ნინო", "ბერიძე", "", "given-first"),
    ("bengali-only", "সুমন", "চট্টোপাধ্যায়", "", "given-first"),
    ("tamil-only", "முத்துலட்சுமி", "ரெட்டி", "", "given-first"),
    ("myanmar-only", "အောင်ဆန်းစုကြည်", "", "", "given-first"),
    ("tibetan-only", "བསྟན་འཛིན་", "རྒྱ་མཚོ", "", "given-first"),
]

#: names whose shaped glyphs (conjuncts, reordered vowels, stacks) have no Unicode value of their own:
#: pypdf (which ignores ActualText) reads only some of their letters; pdftotext reads the ActualText
#: the renderer puts around shaped runs and finds them whole. Thai and Lao names here shape to glyphs
#: that all have a Unicode value, so pypdf finds them too.
PYPDF_PARTIAL = frozenset(
    {"devanagari", "bengali", "gurmukhi", "gujarati", "odia", "tamil", "telugu", "kannada", "malayalam",
     "sinhala", "khmer", "myanmar", "tibetan", "bengali-only", "tamil-only", "myanmar-only", "tibetan-only"}
)
#: a name in a script no font has, anywhere (Mycenaean Greek in Linear B)
LINEAR_B = "\U00010000\U00010001 \U00010002"


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
    """Shaping-insensitive: presentation forms → letters (NFKC), spaces and format characters (ZWNJ,
    bidi marks) removed."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def decode_qr(pdf: bytes, page: int = 0, dpi: int = 300) -> list[str]:
    import zxingcpp

    from printing.qtprinter import rasterise_to_pil

    image = rasterise_to_pil(pdf, dpi, [page])[0]
    # QR only: with every format on, a line of rendered text now and then reads as a 1D barcode
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def pdftotext(pdf: bytes) -> str:
    """poppler's text extraction (it honours ActualText, unlike pypdf)."""
    run = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return run.stdout.decode("utf-8")


def harfbuzz_glyphs(text: str, font_path: str) -> list[int]:
    """The glyph ids HarfBuzz picks for ``text`` in a font file (0 is .notdef: a box)."""
    import uharfbuzz as hb

    with open(font_path, "rb") as fh:
        face = hb.Face(fh.read())
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb.Font(face), buf, {})
    return [info.codepoint for info in buf.glyph_infos]


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """BaseFont name (without the subset tag) → whether the font program is embedded."""
    out = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            out[name] = out.get(name, False) or embedded
    return out
