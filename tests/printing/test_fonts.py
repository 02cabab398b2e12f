"""Fonts: bundled files with licences, per-script runs covered by the cmap, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from badge_helpers import LINEAR_B, NAMES

from printing.errors import EmptyTextError, FontError, MissingGlyphError
from printing.fonts import (
    FAMILIES,
    FONT_DIR,
    SCRIPT_SAMPLES,
    FontRegistry,
    default_registry,
    script_name,
    script_of,
)


def test_every_bundled_font_and_licence_is_in_resources():
    for fam in FAMILIES:
        for name in (fam.regular, fam.bold):
            if name:
                assert (FONT_DIR / name).is_file(), name
    readme = (FONT_DIR / "README.md").read_text(encoding="utf-8")
    for fam in FAMILIES:
        for name in (fam.regular, fam.bold):
            assert name is None or name in readme, name
    # and nothing unlisted ships: every font file in the folder is documented with its source
    for path in FONT_DIR.glob("*.tt[fc]"):
        assert path.name in readme, path.name
    assert (FONT_DIR / "OFL-1.1.txt").is_file() and (FONT_DIR / "LICENSE-Apache-2.0.txt").is_file()
    total = sum(p.stat().st_size for p in FONT_DIR.iterdir())
    assert total < 40 * 1024 * 1024


def test_fonts_come_from_the_bundle_not_the_system():
    reg = default_registry()
    reg.load_all()
    from reportlab.pdfbase import pdfmetrics

    for fam in FAMILIES:
        name, _ = reg.font_name(fam.key, False)
        path = Path(pdfmetrics.getFont(name).face.filename)
        assert path.resolve().parent == FONT_DIR.resolve()


@pytest.mark.parametrize(("label", "given", "family", "native", "order"), NAMES, ids=[n[0] for n in NAMES])
def test_every_character_of_every_script_is_covered_by_its_run_font(label, given, family, native, order):
    reg = default_registry()
    for text in (given, family, native):
        if not text:
            continue
        runs = reg.runs(reg.prepare(text).text, bold=True)
        assert reg.glyph_report(runs) == []
        assert sum(len(r.text) for r in runs) >= len(text.replace(" ", "")) - 0  # nothing silently lost


def test_cjk_coverage_includes_hangul_kana_and_extension_a():
    reg = default_registry()
    for char in "가힣あアン㐀王蔡":
        assert reg.family_for(char) in ("cjk", "cjk-ext"), char
    assert reg.family_for("㐀") == "cjk-ext"  # CJK Extension A: only Droid Sans Fallback has it


def test_scripts_and_runs_split_mixed_text():
    reg = default_registry()
    runs = reg.runs("Wang 王小明 (CN)")
    assert [r.family for r in runs] == ["sans", "cjk", "sans"]
    assert script_of("ش") == "Arabic" and script_of("ก") == "Thai"


def test_arabic_is_shaped_and_in_visual_order():
    reg = default_registry()
    (run,) = reg.runs("سلام")
    # presentation forms (joined), in visual order: the last letter (meem) comes first
    assert all(0xFB50 <= ord(c) <= 0xFEFF for c in run.text)
    assert run.text[0] in "\ufee1\ufee2"  # meem, isolated or final form
    assert run.text != "سلام"


def test_emoji_and_controls_are_dropped_and_reported():
    reg = default_registry()
    prepared = reg.prepare("Anna\u0007 🌸 Lee\u200b", required=True)
    assert prepared.text == "Anna Lee"
    assert "🌸" in prepared.dropped and "\u0007" in prepared.dropped


@pytest.mark.parametrize("name", ["🌸🎉", "\u0001\u0002\u200b", "   ", "🇨🇳 ✈️"])
def test_name_of_only_emoji_or_controls_is_a_clear_error(name):
    with pytest.raises(EmptyTextError, match="nothing printable"):
        default_registry().prepare(name, required=True)


def test_letter_of_a_script_without_any_font_is_refused_not_boxed():
    with pytest.raises(MissingGlyphError, match="U\\+10000 LINEAR B SYLLABLE B008 A") as caught:
        default_registry().prepare(LINEAR_B, required=True)
    assert script_name(caught.value.char) == "Linear B"


@pytest.mark.parametrize(
    ("char", "name"),
    [("\U00010000", "Linear B"), ("\U00012000", "Cuneiform"), ("\u16a0", "Runic"), ("\u0780", "Thaana"),
     ("ত", "Bengali"), ("ሀ", "Ethiopic"), ("ཀ", "Tibetan"), ("ក", "Khmer"), ("\u1c90", "Georgian"), ("王", "Han"),
     ("।", "Devanagari")],
)
def test_script_names_for_messages(char, name):
    # the danda is shared by every Indic script (Unicode: Common); its name still says where it is from
    assert script_name(char) == name


def test_every_required_script_is_printable_with_its_own_font():
    reg = default_registry()
    assert reg.printable_scripts() == dict.fromkeys(SCRIPT_SAMPLES, True)
    own = {"Georgian": "georgian", "Armenian": "armenian", "Ethiopic": "ethiopic", "Bengali": "bengali",
           "Gurmukhi": "gurmukhi", "Gujarati": "gujarati", "Oriya": "oriya", "Tamil": "tamil", "Telugu": "telugu",
           "Kannada": "kannada", "Malayalam": "malayalam", "Sinhala": "sinhala", "Lao": "lao", "Khmer": "khmer",
           "Myanmar": "myanmar", "Tibetan": "tibetan", "Persian": "arabic", "Urdu": "arabic",
           "Han (traditional)": "cjk", "Kana": "cjk", "Hangul": "cjk", "Latin (Vietnamese)": "sans"}
    for script, key in own.items():
        runs = reg.runs(reg.prepare(SCRIPT_SAMPLES[script]).text, bold=True)
        assert {r.family for r in runs} == {key}, script
        # complex scripts go through HarfBuzz (Arabic through arabic-reshaper's joined forms instead)
        assert all(r.shaped == reg.families[key].shape for r in runs)
    assert all(reg.families[k].shape for k in ("bengali", "tamil", "sinhala", "khmer", "myanmar", "lao", "tibetan"))


def test_the_danda_stays_in_the_run_of_its_script():
    reg = default_registry()
    (run,) = reg.runs("সুমন।")
    assert run.family == "bengali"


def test_missing_font_file_is_a_clear_error(tmp_path):
    folder = tmp_path / "fonts"
    shutil.copytree(FONT_DIR, folder)
    (folder / "NotoSansArabic-Regular.ttf").unlink()
    reg = FontRegistry(folder)
    with pytest.raises(FontError, match=r"NotoSansArabic-Regular\.ttf"):
        reg.check_files()
    assert reg.runs("Latin still works")[0].family == "sans"
    with pytest.raises(FontError, match="missing"):
        reg.runs("فاطمة")
