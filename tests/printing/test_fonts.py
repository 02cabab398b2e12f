"""Fonts: bundled files with licences, per-script runs covered by the cmap, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from badge_helpers import NAMES

from printing.errors import EmptyTextError, FontError, MissingGlyphError
from printing.fonts import FAMILIES, FONT_DIR, FontRegistry, default_registry, script_of


def test_every_bundled_font_and_licence_is_in_resources():
    for fam in FAMILIES:
        for name in (fam.regular, fam.bold):
            if name:
                assert (FONT_DIR / name).is_file(), name
    readme = (FONT_DIR / "README.md").read_text(encoding="utf-8")
    for fam in FAMILIES:
        assert fam.regular in readme
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


def test_letter_of_an_unbundled_script_is_refused_not_boxed():
    with pytest.raises(MissingGlyphError, match="U\\+0BA4"):
        default_registry().prepare("தமிழ்", required=True)


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
