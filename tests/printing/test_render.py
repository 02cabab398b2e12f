"""Rendering read back: names extracted from the PDF, QR decoded from the rasterised page."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from badge_helpers import (
    LINEAR_B,
    NAMES,
    PYPDF_PARTIAL,
    badge,
    decode_qr,
    embedded_fonts,
    harfbuzz_glyphs,
    norm,
    pdf_text,
    pdftotext,
)
from reportlab.pdfbase import pdfmetrics

from printing.data import BadgeData, compose_name
from printing.errors import EmptyTextError, MissingGlyphError, TemplateError
from printing.fonts import default_registry, harfbuzz_available
from printing.layout import MM
from printing.render import render_badge, render_pdf
from printing.templates import list_templates, load_template, parse_template


@pytest.mark.parametrize(("label", "given", "family", "native", "order"), NAMES, ids=[n[0] for n in NAMES])
def test_name_in_every_script_is_in_the_pdf_and_the_qr_scans(label, given, family, native, order):
    data = badge(given, family, native, order)
    pdf, report = render_pdf([data], load_template("congress-a6"))
    assert report.warnings == [] and report.omitted == []
    text = norm(pdf_text(pdf))
    names = [t for t in (data.display_name, native) if t]
    for name in names:
        if label in PYPDF_PARTIAL and any(ord(c) > 0x2FF for c in name):
            # pypdf ignores ActualText: conjuncts and stacks are glyphs without a Unicode value, so it
            # keeps only part of the name; the letters it keeps must be the name's own
            # (two-part vowels such as Bengali ো are drawn as their parts ে + া: NFD has both)
            letters = {c for c in norm(name) + unicodedata.normalize("NFD", name) if unicodedata.category(c)[0] in "LM"}
            kept = {c for c in text if ord(c) > 0x2FF and unicodedata.category(c)[0] in "LM"}
            assert kept & letters and kept <= letters, (label, text)
        else:
            assert norm(name) in text, (label, text)
    # poppler reads the ActualText of shaped runs: every name comes out whole, in logical order
    poppler = norm(pdftotext(pdf))
    for name in names:
        assert norm(name) in poppler, (label, poppler)
    # every character drawn is in its font's cmap, and HarfBuzz found a glyph for each (no .notdef boxes)
    reg = default_registry()
    for drawn in report.texts:
        for line in drawn.layout.lines:
            assert reg.glyph_report(list(line)) == []
            for run in line:
                if run.shaped:
                    path = pdfmetrics.getFont(run.font_name).face.filename
                    assert 0 not in harfbuzz_glyphs(run.text, path), (label, run.text)
    assert decode_qr(pdf) == [data.token]


def test_shaped_names_embed_their_script_font_and_ink_their_box():
    """The glyph check where text extraction cannot be exact: the script's own font is embedded, and
    the native name's box is not blank on the rasterised page."""
    from printing.qtprinter import rasterise_to_pil

    assert harfbuzz_available()  # a dependency: without it these names would print unshaped
    tpl = load_template("congress-a6")
    reg = default_registry()
    dpi = 100
    for label, given, family, native, order in NAMES:
        if label not in PYPDF_PARTIAL or not native:
            continue
        data = badge(given, family, native, order)
        pdf, report = render_pdf([data], tpl)
        (drawn,) = [t for t in report.texts if t.field == "native_name"]
        families = {run.family for line in drawn.layout.lines for run in line}
        fonts = embedded_fonts(pdf)
        for key in families:
            ps_name = Path(reg.families[key].regular).stem
            assert fonts.get(ps_name) is True, (label, ps_name, fonts)
        image = rasterise_to_pil(pdf, dpi)[0].convert("L")
        x, y, w, h = drawn.box_pt  # points from the bottom-left
        scale = dpi / 72
        page_h = image.size[1]
        box = image.crop((int(x * scale), int(page_h - (y + h) * scale), int((x + w) * scale), int(page_h - y * scale)))
        dark = sum(box.histogram()[:128])
        assert dark > 150, (label, dark)


def test_native_name_without_any_font_is_left_out_and_said_so():
    data = badge("Eumedes", "Pylios", LINEAR_B)
    pdf, report = render_pdf([data], load_template("congress-a6"))
    assert report.omitted == [("native_name", "Linear B")]
    assert report.omission_note() == "printed without the native name: no font for Linear B"
    assert any(w.startswith("printed without the native name: no font for Linear B (U+10000") for w in report.warnings)
    assert [t.field for t in report.texts if t.field == "native_name"] == []
    text = norm(pdf_text(pdf))
    assert "EumedesPylios" in text and "\U00010000" not in text
    assert decode_qr(pdf) == [data.token]


def test_name_itself_without_any_font_is_refused_with_the_character():
    with pytest.raises(MissingGlyphError, match="LINEAR B SYLLABLE B008 A"):
        render_badge(badge(LINEAR_B, ""), load_template("congress-a6"))


def test_single_badge_pdf_per_script_stays_small():
    """Fonts are embedded as subsets: a badge in any script costs tens of kilobytes, not megabytes."""
    tpl = load_template("congress-a6")
    sizes = {}
    for label, given, family, native, order in NAMES:
        pdf, _ = render_pdf([badge(given, family, native, order)], tpl)
        sizes[label] = len(pdf)
    assert max(sizes.values()) <= 80 * 1024, sizes
    # the CJK font file alone is 5 MB: only the name's glyphs are in the PDF
    assert sizes["chinese-traditional"] < 100 * 1024 and sizes["tibetan"] < 100 * 1024


def test_name_order_follows_convention():
    assert compose_name("Xiaoming", "Wang", "family-first") == "Wang Xiaoming"
    assert compose_name("小明", "王", "family-first") == "王小明"
    assert compose_name("Gergely", "Karácsony", "family-first") == "Karácsony Gergely"
    assert compose_name("Ana", "Silva", "given-first") == "Ana Silva"
    assert compose_name("", "Madonna") == "Madonna"


def test_long_name_shrinks_then_wraps():
    reg = default_registry()
    tpl = load_template("congress-a6")
    short = render_pdf([badge("Li", "Na")], tpl)[1].texts
    longer = render_pdf([badge("Maria Aparecida", "Gonçalves de Albuquerque")], tpl)[1].texts
    name_short = next(t for t in short if t.field == "display_name").layout
    name_long = next(t for t in longer if t.field == "display_name").layout
    assert name_short.size == 28 and len(name_short.lines) == 1
    assert name_long.size < 28
    del reg


def _ink_outside(image, box_px, margin):
    x0, y0, x1, y1 = box_px
    width, height = image.size
    px = image.convert("L").load()
    bad = 0
    for y in range(height):
        for x in range(width):
            inside = x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin
            if not inside and px[x, y] < 200:
                bad += 1
    return bad


@pytest.mark.parametrize("script", ["latin", "cjk", "arabic", "bengali", "tibetan", "myanmar", "khmer"])
def test_120_character_name_stays_inside_its_box(script):
    from printing.qtprinter import rasterise_to_pil

    unit = {
        "latin": "Wolfeschlegelsteinhausen Bergerdorff ",
        "cjk": "爱新觉罗溥仪毓嵣恒",
        "arabic": "عبد الرحمن بن ",
        "bengali": "চট্টোপাধ্যায়",  # one long word: only split between clusters
        "tibetan": "བསྟན་འཛིན་རྒྱ་མཚོ་",  # no spaces: breaks after the tsheg
        "myanmar": "အောင်ဆန်းစုကြည်",
        "khmer": "សុភាពស្រីស្រស់",  # coeng + consonant subscripts
    }[script]
    # whole words for the shaped scripts: a cut inside a cluster would be the test's own doing
    name = (unit * 40)[:120] if script in ("latin", "cjk", "arabic") else unit * (120 // len(unit) + 1)
    tpl = parse_template(
        {
            "name": "box",
            "page": {"size": "A6"},
            "elements": [
                {
                    "type": "text",
                    "field": "display_name",
                    "x": 10,
                    "y": 30,
                    "w": 85,
                    "h": 20,
                    "size": [10, 28],
                    "max_lines": 2,
                    "bold": True,
                }
            ],
        }
    )
    data = BadgeData("VD1TEST", given_name=name)
    pdf, report = render_pdf([data], tpl)
    (drawn,) = report.texts
    assert all(w <= 85 * MM + 0.01 for w in drawn.layout.widths)
    for line in drawn.layout.logical:  # never cut inside a cluster (the shaping would break)
        last = line.rstrip("…")[-1]
        assert unicodedata.category(line[0])[0] != "M", line
        assert unicodedata.combining(last) != 9 or last == "\u103a", line  # (Myanmar's asat ends a syllable)
    assert drawn.layout.height <= 20 * MM + 0.01
    dpi = 100
    image = rasterise_to_pil(pdf, dpi)[0]
    scale = dpi / 25.4
    assert _ink_outside(image, (10 * scale, 30 * scale, 95 * scale, 50 * scale), margin=2) == 0
    assert _ink_outside(image, (0, 0, 0, 0), margin=0) > 0  # something was drawn at all


def test_badge_without_printable_name_is_refused():
    with pytest.raises(EmptyTextError):
        render_badge(badge("🌸", "🎉"), load_template("congress-a6"))


def test_every_builtin_template_renders_and_scans():
    for tpl in list_templates():
        data = badge("Xiaoming", "Wang", "王小明", "family-first")
        pdf, report = render_pdf([data], tpl)
        assert report.qr and all(q["module_mm"] >= 0.5 for q in report.qr)
        assert decode_qr(pdf) == [data.token], tpl.name
        assert len(pdf) <= 300 * 1024


def test_sheet_tiles_badges_and_each_qr_scans():
    tpl = load_template("a4-4up")
    badges = [badge(f"Person{i}", "Test") for i in range(5)]
    pdf, report = render_pdf(badges, tpl)
    assert report.pages == 2 and report.badges == 5
    assert sorted(decode_qr(pdf, 0, dpi=200)) == sorted(b.token for b in badges[:4])
    assert decode_qr(pdf, 1, dpi=200) == [badges[4].token]


def test_single_badge_pdf_is_small_with_subset_fonts():
    pdf = render_badge(
        badge("Fatima", "Al-Zahra", "فاطمة الزهراء 王小明 김민준"), load_template("congress-a6")
    )
    assert len(pdf) <= 300 * 1024


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"x": 90}, "outside"),
        ({"y": -1}, "outside"),
        ({"field": "shoe_size"}, "unknown field"),
        ({"size": [20, 10]}, "font size range"),
        ({"color": "red"}, "colour"),
        ({"bogus": 1}, "unknown keys"),
    ],
)
def test_template_errors_are_clear(change, message):
    element = {"type": "text", "field": "display_name", "x": 5, "y": 5, "w": 50, "h": 20, "size": [10, 20]}
    element.update(change)
    with pytest.raises(TemplateError, match=message):
        parse_template({"name": "bad", "page": {"size": "A6"}, "elements": [element]})


def test_unknown_template_and_qr_outside_page(tmp_path):
    with pytest.raises(TemplateError, match="unknown badge template"):
        load_template("no-such-template")
    path = tmp_path / "t.json"
    path.write_text(
        json.dumps(
            {
                "name": "t",
                "page": {"width": 50, "height": 50},
                "elements": [{"type": "qr", "x": 30, "y": 30, "size": 30}],
            }
        )
    )
    with pytest.raises(TemplateError, match="outside"):
        load_template(path)


def test_qr_box_too_small_is_refused():
    tpl = parse_template(
        {"name": "tiny", "page": {"size": "CR80"}, "elements": [{"type": "qr", "x": 1, "y": 1, "size": 12}]}
    )
    with pytest.raises(TemplateError, match="too small"):
        render_badge(badge(), tpl)


def test_images_and_background_render(tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 20), "#ff0000").save(tmp_path / "logo.png")
    path = tmp_path / "logo-badge.json"
    path.write_text(
        json.dumps(
            {
                "name": "logo",
                "page": {"size": "A6"},
                "background": {"color": "#fafafa"},
                "elements": [
                    {"type": "image", "src": "logo.png", "x": 5, "y": 5, "w": 40, "h": 20},
                    {"type": "qr", "x": 30, "y": 60, "size": 40},
                ],
            }
        )
    )
    data = badge()
    pdf = render_badge(data, load_template(path))
    assert decode_qr(pdf) == [data.token]
