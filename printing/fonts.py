"""Bundled fonts per script, and text split into runs that each one font can draw.

Why not one big font: no single redistributable TrueType font covers Latin, Arabic, Devanagari, Thai
and CJK, and reportlab refuses CFF outlines. So every character is drawn by the first bundled font
whose *cmap* contains it (checked, never assumed), with the script's own font preferred. A character
no font covers is an error (:class:`MissingGlyphError`), never a box; symbols and emoji that no font
covers are dropped and reported, so "Anna 🌸 Lee" still prints "Anna Lee".

Right-to-left text (Arabic, Persian, Urdu, Hebrew) is shaped with arabic-reshaper (presentation
forms, which Noto Sans Arabic maps, so the PDF's text layer keeps the letters) and put in visual order
with python-bidi's ``get_display``. The scripts whose letters change form or position (Indic scripts,
Sinhala, Thai, Lao, Khmer, Myanmar, Tibetan) are shaped by HarfBuzz (``uharfbuzz``) through reportlab.
A letter of a script no bundled font has (Linear B, say) raises :class:`MissingGlyphError`; templates
may omit such a field, and :func:`script_name` names the script for the message staff see. Fonts are
registered with reportlab lazily, once per process (all 23 families parse in ~0.4 s).
"""

from __future__ import annotations

import bisect
import hashlib
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from printing.errors import EmptyTextError, FontError, MissingGlyphError

__all__ = [
    "FAMILIES",
    "FONT_DIR",
    "SCRIPT_SAMPLES",
    "FontFamily",
    "FontRegistry",
    "PreparedText",
    "Run",
    "default_registry",
    "harfbuzz_available",
    "has_rtl",
    "script_name",
    "script_of",
    "shape",
]

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

try:  # optional: real shaping for Devanagari / Thai (reportlab uses it when importable)
    import uharfbuzz as _uharfbuzz  # noqa: F401

    _HARFBUZZ = True
except ImportError:  # pragma: no cover - depends on the environment
    _HARFBUZZ = False


def harfbuzz_available() -> bool:
    """True when reportlab can shape complex scripts (Devanagari conjuncts, Thai marks)."""
    return _HARFBUZZ


@dataclass(frozen=True)
class FontFamily:
    """One bundled family: its files, whether it has a real bold, and whether to shape with HarfBuzz."""

    key: str
    regular: str
    bold: str | None = None
    subfont_index: int = 0
    shape: bool = False
    licence: str = "OFL-1.1"


#: bundled families; order is the fallback order after the script's preferred family
FAMILIES: tuple[FontFamily, ...] = (
    FontFamily("sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    FontFamily("cjk", "wqy-microhei.ttc", None, subfont_index=0, licence="Apache-2.0"),
    FontFamily("cjk-ext", "DroidSansFallbackFull.ttf", None, licence="Apache-2.0"),
    FontFamily("arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    FontFamily("hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    FontFamily("devanagari", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", shape=True),
    FontFamily("thai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", shape=True),
    FontFamily("georgian", "NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf"),
    FontFamily("armenian", "NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf"),
    FontFamily("ethiopic", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
    FontFamily("bengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", shape=True),
    FontFamily("gurmukhi", "NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf", shape=True),
    FontFamily("gujarati", "NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf", shape=True),
    FontFamily("oriya", "NotoSansOriya-Regular.ttf", "NotoSansOriya-Bold.ttf", shape=True),
    FontFamily("tamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", shape=True),
    FontFamily("telugu", "NotoSansTelugu-Regular.ttf", "NotoSansTelugu-Bold.ttf", shape=True),
    FontFamily("kannada", "NotoSansKannada-Regular.ttf", "NotoSansKannada-Bold.ttf", shape=True),
    FontFamily("malayalam", "NotoSansMalayalam-Regular.ttf", "NotoSansMalayalam-Bold.ttf", shape=True),
    FontFamily("sinhala", "NotoSansSinhala-Regular.ttf", "NotoSansSinhala-Bold.ttf", shape=True),
    FontFamily("lao", "NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf", shape=True),
    FontFamily("khmer", "NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf", shape=True),
    FontFamily("myanmar", "NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf", shape=True),
    # Regular only (0.6 MB a face, names in Tibetan are rare): bold is drawn with a thin stroke
    FontFamily("tibetan", "NotoSerifTibetan-Regular.ttf", None, shape=True),
)

#: one real name per script the bundle must print (self-test, docs); the key is the script's name
SCRIPT_SAMPLES: dict[str, str] = {
    "Latin (Vietnamese)": "Nguyễn Thị Ngọc Hưởng",
    "Cyrillic": "Иван Петров",
    "Greek": "Γιώργος Παπαδόπουλος",
    "Han (simplified)": "王俊贤",
    "Han (traditional)": "王俊賢",
    "Hangul": "김민준",
    "Kana": "やまだ タロウ",
    "Arabic": "فاطمة الزهراء",
    "Persian": "ژاله آموزگار",
    "Urdu": "عبدالستار ایدھی",
    "Hebrew": "דוד לוי",
    "Georgian": "ნინო ბერიძე",
    "Armenian": "Արամ Պետրոսյան",
    "Ethiopic": "አበበ ቢቂላ",
    "Devanagari": "नरेन्द्र शर्मा",
    "Bengali": "সুমন চট্টোপাধ্যায়",
    "Gurmukhi": "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ",
    "Gujarati": "કિરણ દેસાઈ",
    "Oriya": "ବିଜୁ ପଟ୍ଟନାୟକ",
    "Tamil": "முத்துலட்சுமி ரெட்டி",
    "Telugu": "వెంకటేశ్వర రావు",
    "Kannada": "ಗಿರೀಶ್ ಕಾರ್ನಾಡ್",
    "Malayalam": "കമല സുരയ്യ",
    "Sinhala": "කුමාර් සංගක්කාර",
    "Thai": "สมชาย ใจดี",
    "Lao": "ບຸນຍັງ ວໍລະຈິດ",
    "Khmer": "ចាន់ សុភាព",
    "Myanmar": "အောင်ဆန်းစုကြည်",
    "Tibetan": "བསྟན་འཛིན་རྒྱ་མཚོ",
}

# Script of a code point, by block (Python's unicodedata has no Script property). Sorted by start.
_RANGES: list[tuple[int, int, str]] = sorted(
    [
        (0x0000, 0x0040, "Common"),
        (0x0041, 0x005A, "Latin"),
        (0x005B, 0x0060, "Common"),
        (0x0061, 0x007A, "Latin"),
        (0x007B, 0x00BF, "Common"),
        (0x00C0, 0x024F, "Latin"),
        (0x0250, 0x02FF, "Latin"),
        (0x0300, 0x036F, "Inherited"),
        (0x0370, 0x03FF, "Greek"),
        (0x0400, 0x052F, "Cyrillic"),
        (0x0530, 0x058F, "Armenian"),
        (0x0590, 0x05FF, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"),
        (0x0700, 0x074F, "Syriac"),
        (0x0750, 0x077F, "Arabic"),
        (0x08A0, 0x08FF, "Arabic"),
        (0x0780, 0x07BF, "Thaana"),
        (0x0900, 0x097F, "Devanagari"),
        (0x0980, 0x09FF, "Bengali"),
        (0x0A00, 0x0A7F, "Gurmukhi"),
        (0x0A80, 0x0AFF, "Gujarati"),
        (0x0B00, 0x0B7F, "Oriya"),
        (0x0B80, 0x0BFF, "Tamil"),
        (0x0C00, 0x0C7F, "Telugu"),
        (0x0C80, 0x0CFF, "Kannada"),
        (0x0D00, 0x0D7F, "Malayalam"),
        (0x0D80, 0x0DFF, "Sinhala"),
        (0x0E00, 0x0E7F, "Thai"),
        (0x0E80, 0x0EFF, "Lao"),
        (0x0F00, 0x0FFF, "Tibetan"),
        (0x1000, 0x109F, "Myanmar"),
        (0x10A0, 0x10FF, "Georgian"),
        (0x1100, 0x11FF, "Hangul"),
        (0x1200, 0x139F, "Ethiopic"),
        (0x1780, 0x17FF, "Khmer"),
        (0x19E0, 0x19FF, "Khmer"),
        (0x1C90, 0x1CBF, "Georgian"),
        (0x1CD0, 0x1CFF, "Devanagari"),
        (0x1AB0, 0x1AFF, "Inherited"),
        (0x1C80, 0x1C8F, "Cyrillic"),
        (0x1DC0, 0x1DFF, "Inherited"),
        (0x1E00, 0x1EFF, "Latin"),
        (0x1F00, 0x1FFF, "Greek"),
        (0x2000, 0x206F, "Common"),
        (0x2070, 0x209F, "Common"),
        (0x20A0, 0x20CF, "Common"),
        (0x20D0, 0x20FF, "Inherited"),
        (0x2100, 0x2BFF, "Common"),
        (0x2C60, 0x2C7F, "Latin"),
        (0x2D00, 0x2D2F, "Georgian"),
        (0x2D80, 0x2DDF, "Ethiopic"),
        (0x2DE0, 0x2DFF, "Cyrillic"),
        (0x2E80, 0x2FDF, "Han"),
        (0x3000, 0x303F, "CJKCommon"),
        (0x3040, 0x309F, "Hiragana"),
        (0x30A0, 0x30FF, "Katakana"),
        (0x3100, 0x312F, "Bopomofo"),
        (0x3130, 0x318F, "Hangul"),
        (0x31F0, 0x31FF, "Katakana"),
        (0x3200, 0x33FF, "CJKCommon"),
        (0x3400, 0x4DBF, "Han"),
        (0x4E00, 0x9FFF, "Han"),
        (0xA640, 0xA69F, "Cyrillic"),
        (0xA720, 0xA7FF, "Latin"),
        (0xA8E0, 0xA8FF, "Devanagari"),
        (0xA960, 0xA97F, "Hangul"),
        (0xA9E0, 0xA9FF, "Myanmar"),
        (0xAA60, 0xAA7F, "Myanmar"),
        (0xAB00, 0xAB2F, "Ethiopic"),
        (0xAC00, 0xD7AF, "Hangul"),
        (0xD7B0, 0xD7FF, "Hangul"),
        (0xF900, 0xFAFF, "Han"),
        (0xFB00, 0xFB06, "Latin"),
        (0xFB13, 0xFB17, "Armenian"),
        (0xFB1D, 0xFB4F, "Hebrew"),
        (0xFB50, 0xFDFF, "Arabic"),
        (0xFE00, 0xFE0F, "Inherited"),
        (0xFE30, 0xFE4F, "CJKCommon"),
        (0xFE70, 0xFEFF, "Arabic"),
        (0xFF00, 0xFFEF, "CJKCommon"),
        (0x1F000, 0x1FAFF, "Emoji"),
        (0x20000, 0x3134F, "Han"),
    ]
)
_STARTS = [r[0] for r in _RANGES]

_PREFERRED: dict[str, str] = {
    "Latin": "sans",
    "Greek": "sans",
    "Cyrillic": "sans",
    "Common": "sans",
    "Inherited": "sans",
    "Arabic": "arabic",
    "Hebrew": "hebrew",
    "Devanagari": "devanagari",
    "Thai": "thai",
    "Georgian": "georgian",
    "Armenian": "armenian",
    "Ethiopic": "ethiopic",
    "Bengali": "bengali",
    "Gurmukhi": "gurmukhi",
    "Gujarati": "gujarati",
    "Oriya": "oriya",
    "Tamil": "tamil",
    "Telugu": "telugu",
    "Kannada": "kannada",
    "Malayalam": "malayalam",
    "Sinhala": "sinhala",
    "Lao": "lao",
    "Khmer": "khmer",
    "Myanmar": "myanmar",
    "Tibetan": "tibetan",
    "Han": "cjk",
    "Hiragana": "cjk",
    "Katakana": "cjk",
    "Hangul": "cjk",
    "Bopomofo": "cjk",
    "CJKCommon": "cjk",
}
#: scripts whose neighbours' font should also draw them when it can (spaces, digits, marks)
_NEUTRAL = frozenset({"Common", "Inherited"})
_RTL_SCRIPTS = frozenset({"Arabic", "Hebrew", "Syriac"})
_KEEP_FORMAT = frozenset({"\u200c", "\u200d"})  # ZWNJ / ZWJ change Indic and Arabic shaping
_LAM_ALEF = frozenset(
    {
        "ARABIC LIGATURE LAM WITH ALEF",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
    }
)


@lru_cache(maxsize=8192)
def script_of(char: str) -> str:
    """The script (block-based approximation) of one character."""
    cp = ord(char)
    if cp in (0x0964, 0x0965):  # danda and double danda end sentences in every Indic script
        return "Common"
    i = bisect.bisect_right(_STARTS, cp) - 1
    if i >= 0:
        start, end, script = _RANGES[i]
        if start <= cp <= end:
            return script
    category = unicodedata.category(char)
    if category.startswith("M"):
        return "Inherited"
    if category[0] in "PZSN":
        return "Common"
    return "Other"


# words of a Unicode character name that start the part after the script's name
_NAME_STOPS = frozenset(
    {
        "LETTER", "SYLLABLE", "IDEOGRAM", "LIGATURE", "SIGN", "DIGIT", "NUMBER", "NUMERAL", "VOWEL",
        "CONSONANT", "CHARACTER", "SYMBOL", "MARK", "PUNCTUATION", "WORD", "FRACTION", "HIEROGLYPH",
        "LOGOGRAM", "COMMA", "FULL", "SMALL", "CAPITAL",
    }
)  # fmt: skip


def script_name(char: str) -> str:
    """A script's name for people ("Linear B", "Tamil"), also for scripts no bundled font knows.

    Outside the blocks above, the name comes from the character's Unicode name up to its first
    word such as LETTER or SYLLABLE ("LINEAR B SYLLABLE B008 A" → "Linear B").
    """
    script = script_of(char)
    if script == "CJKCommon":
        return "CJK"
    if script not in ("Other", "Common", "Inherited", "Emoji"):
        return script
    words = unicodedata.name(char, "").split()
    head: list[str] = []
    for word in words:
        if word in _NAME_STOPS:
            break
        head.append(word)
    if len(head) == len(words):  # no telling word ("DEVANAGARI DANDA"): all but the last
        head = head[:-1]
    if not head:
        return f"U+{ord(char):04X}"
    return " ".join(w if len(w) <= 1 else w.capitalize() for w in head)


def has_rtl(text: str) -> bool:
    return any(script_of(c) in _RTL_SCRIPTS for c in text)


@dataclass(frozen=True)
class Run:
    """A piece of a line in visual order, drawn with one font.

    ``width_1000`` is the advance width at 1000 pt, so a width at any size is a multiplication.
    """

    text: str
    family: str
    font_name: str
    fake_bold: bool
    shaped: bool
    width_1000: float

    def width(self, size: float) -> float:
        return self.width_1000 * size / 1000.0


@dataclass
class PreparedText:
    """Text cleaned for printing: what will be drawn and what was dropped (emoji, controls)."""

    text: str
    dropped: list[str] = field(default_factory=list)


@dataclass
class _Loaded:
    regular: str
    bold: str
    fake_bold: bool
    cmap: frozenset[int]


class FontRegistry:
    """The bundled fonts of one folder, registered with reportlab lazily and once per process."""

    def __init__(self, font_dir: Path | str = FONT_DIR, families: tuple[FontFamily, ...] = FAMILIES) -> None:
        self.font_dir = Path(font_dir)
        self.families = {f.key: f for f in families}
        self._order = [f.key for f in families]
        self._loaded: dict[str, _Loaded] = {}
        self._lock = threading.Lock()
        # reportlab's font table is process-global; a folder-specific prefix keeps two registries apart
        digest = hashlib.sha1(str(self.font_dir).encode()).hexdigest()[:6]
        self._prefix = "VD" if self.font_dir == FONT_DIR else f"VD{digest}"
        self._reshaper = None

    # -- loading -------------------------------------------------------------------------------
    def check_files(self) -> None:
        """Raise :class:`FontError` naming every missing font file (a clear start-up check)."""
        missing = []
        for fam in self.families.values():
            for name in (fam.regular, fam.bold):
                if name and not (self.font_dir / name).is_file():
                    missing.append(name)
        if missing:
            raise FontError(
                f"badge font files missing from {self.font_dir}: {', '.join(missing)}; "
                "reinstall the application (resources/fonts)"
            )

    def load(self, key: str) -> _Loaded:
        """Register one family with reportlab (thread-safe, once) and return its names and cmap."""
        loaded = self._loaded.get(key)
        if loaded is not None:
            return loaded
        with self._lock:
            loaded = self._loaded.get(key)
            if loaded is not None:
                return loaded
            fam = self.families[key]
            regular = self._register(fam, fam.regular)
            bold = self._register(fam, fam.bold) if fam.bold else regular
            face = pdfmetrics.getFont(regular).face
            loaded = _Loaded(regular, bold, fam.bold is None, frozenset(face.charToGlyph))
            self._loaded[key] = loaded
            return loaded

    def load_all(self) -> None:
        for key in self._order:
            self.load(key)

    def _register(self, fam: FontFamily, filename: str) -> str:
        path = self.font_dir / filename
        name = f"{self._prefix}-{Path(filename).stem}"
        # not getFont(): for an unknown name it parses every Type 1 metrics file it can find (~0.6 s)
        if name in pdfmetrics.getRegisteredFontNames():
            return name  # already registered in this process
        if not path.is_file():
            raise FontError(
                f"badge font file missing: {path} (needed for {fam.key} text); "
                "reinstall the application (resources/fonts)"
            )
        try:
            font = TTFont(name, str(path), subfontIndex=fam.subfont_index, shapable=fam.shape)
        except Exception as exc:  # reportlab raises TTFError and plain errors alike
            raise FontError(f"badge font file unreadable: {path}: {exc}") from exc
        pdfmetrics.registerFont(font)
        return name

    # -- coverage ------------------------------------------------------------------------------
    def covers(self, key: str, char: str) -> bool:
        return ord(char) in self.load(key).cmap

    def family_for(self, char: str) -> str | None:
        """The family that draws ``char``: its script's font first, then the fallback order."""
        preferred = _PREFERRED.get(script_of(char), "sans")
        for key in (preferred, *self._order):
            if key in self.families and self.covers(key, char):
                return key
        return None

    def font_name(self, key: str, bold: bool) -> tuple[str, bool]:
        loaded = self.load(key)
        return (loaded.bold if bold else loaded.regular), (bold and loaded.fake_bold)

    # -- text ----------------------------------------------------------------------------------
    def prepare(self, text: str, *, required: bool = False) -> PreparedText:
        """NFC, whitespace collapsed, controls removed; uncoverable symbols dropped, letters refused.

        ``required``: raise :class:`EmptyTextError` when nothing printable remains (names).
        """
        text = unicodedata.normalize("NFC", text or "")
        out: list[str] = []
        dropped: list[str] = []
        for char in text:
            category = unicodedata.category(char)
            if char.isspace() or category == "Zs":
                if out and out[-1] != " ":
                    out.append(" ")
                continue
            if category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and char not in _KEEP_FORMAT):
                dropped.append(char)
                continue
            if self.family_for(char) is None:
                if char in _KEEP_FORMAT or category[0] in "SM" or script_of(char) == "Emoji":
                    dropped.append(char)  # an emoji or a variation selector: drop, the name survives
                    continue
                raise MissingGlyphError(char, text)
            out.append(char)
        cleaned = "".join(out).strip()
        if required and not any(unicodedata.category(c)[0] in "LN" for c in cleaned):
            shown = text if len(text) <= 40 else text[:40] + "…"
            raise EmptyTextError(
                f"nothing printable in {shown!r} (only emoji, symbols or control "
                "characters); correct the attendee's name"
            )
        return PreparedText(cleaned, dropped)

    def visual(self, text: str) -> str:
        """Logical → visual order for one line: Arabic shaped into presentation forms, then bidi."""
        if not has_rtl(text):
            return text
        if any(script_of(c) == "Arabic" for c in text):
            text = self._reshape(text)
        from bidi import get_display

        return get_display(text)

    def _reshape(self, text: str) -> str:
        if self._reshaper is None:
            import arabic_reshaper
            from arabic_reshaper.ligatures import LIGATURES

            # Only the mandatory lam-alef ligatures: word ligatures (ﷲ, ﷴ for "Muhammad") and the
            # optional letter ligatures are style, not spelling, and not in every font.
            config: dict[str, bool] = {name: name in _LAM_ALEF for name, _ in LIGATURES}
            config.update(delete_harakat=False, support_ligatures=True)
            reshaper = arabic_reshaper.ArabicReshaper(configuration=config)
            self._reshaper = reshaper
        reshaped = self._reshaper.reshape(text)
        # a presentation form the font lacks would print as a box: fall back to the base letter
        arabic = self.load("arabic").cmap
        fixed = []
        for char in reshaped:
            if char in _KEEP_FORMAT:
                continue  # ZWNJ / ZWJ chose the forms above (Persian "علی‌اکبر"); unshaped they would draw a mark
            if script_of(char) == "Arabic" and ord(char) not in arabic:
                fixed.append(unicodedata.normalize("NFKC", char))
            else:
                fixed.append(char)
        return "".join(fixed)

    def runs(self, line: str, *, bold: bool = False) -> list[Run]:
        """A prepared logical line → runs in visual order, each drawable by one font."""
        return list(self._runs_cached(line, bold))

    @lru_cache(maxsize=4096)  # noqa: B019 - the registry lives as long as the process
    def _runs_cached(self, line: str, bold: bool) -> tuple[Run, ...]:
        visual = self.visual(line)
        pieces: list[tuple[str, list[str]]] = []
        for char in visual:
            current = pieces[-1][0] if pieces else None
            if current is not None and script_of(char) in _NEUTRAL and self.covers(current, char):
                pieces[-1][1].append(char)
                continue
            key = self.family_for(char)
            if key is None:
                raise MissingGlyphError(char, line)
            if key == current:
                pieces[-1][1].append(char)
            else:
                pieces.append((key, [char]))
        runs = []
        for key, chars in pieces:
            text = "".join(chars)
            font_name, fake_bold = self.font_name(key, bold)
            shaped = self.families[key].shape and _HARFBUZZ
            runs.append(Run(text, key, font_name, fake_bold, shaped, _width_1000(text, font_name, shaped)))
        return tuple(runs)

    def glyph_report(self, runs: list[Run]) -> list[tuple[str, str]]:
        """(char, family) for every character of ``runs`` that its font does NOT cover (should be [])."""
        bad = []
        for run in runs:
            cmap = self.load(run.family).cmap
            bad.extend((c, run.family) for c in run.text if ord(c) not in cmap)
        return bad

    def printable_scripts(self) -> dict[str, bool]:
        """Script → whether a real name in it (:data:`SCRIPT_SAMPLES`) prints with the bundled fonts."""
        out = {}
        for script, sample in SCRIPT_SAMPLES.items():
            try:
                runs = self.runs(self.prepare(sample, required=True).text, bold=True)
                out[script] = not self.glyph_report(runs)
            except (MissingGlyphError, FontError):
                out[script] = False
        return out


def _width_1000(text: str, font_name: str, shaped: bool) -> float:
    if shaped:
        shaped_text = shape(text, font_name, 1000)
        return float(sum(sd.x_advance for sd in shaped_text.__shapeData__))
    return float(pdfmetrics.stringWidth(text, font_name, 1000))


def shape(text: str, font_name: str, size: float) -> str:
    """HarfBuzz-shaped text (a reportlab ``ShapedStr`` carrying glyph positions) for ``drawString``.

    Called directly because reportlab's ``drawString(shaping=True)`` only shapes when its bidi
    package (rlbidi, not on PyPI) is installed.
    """
    from reportlab.pdfbase.ttfonts import shapeStr

    return shapeStr(text, font_name, size, force=True)


_default: FontRegistry | None = None
_default_lock = threading.Lock()


def default_registry() -> FontRegistry:
    """The process-wide registry of the bundled fonts (fonts are parsed once per process)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = FontRegistry()
        return _default
