"""The bundled fonts make every window show every script on a bare laptop (issue 16).

"Bare" is real here, not assumed: the check runs in a child process whose fontconfig knows no font
directory at all (``FONTCONFIG_FILE`` pointing at an empty configuration), so the only fonts Qt has
are the ones ``ui.app.load_fonts`` registers from ``resources/fonts``. On this machine the system
has Noto for nearly every script; without that isolation the test could not fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from printing.fonts import SCRIPT_SAMPLES

LINEAR_B = "\U00010000\U00010001 \U00010002"

_CHILD = r"""
import json, sys
from PySide6.QtGui import QFont, QFontDatabase, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])
before = sorted(QFontDatabase.families())
from ui.app import FONT_FAMILY, apply_theme, load_fonts
from printing.fonts import SCRIPT_SAMPLES

loaded = load_fonts()
apply_theme(app)

def glyphs(text):
    layout = QTextLayout(text, QFont(FONT_FAMILY, 24))
    layout.beginLayout(); layout.createLine(); layout.endLayout()
    runs = layout.glyphRuns()
    return {"families": sorted({r.rawFont().familyName() for r in runs}),
            "glyphs": sum(len(r.glyphIndexes()) for r in runs),
            "notdef": sum(1 for r in runs for g in r.glyphIndexes() if g == 0)}

samples = {script: glyphs(text) for script, text in SCRIPT_SAMPLES.items()}
control = glyphs("\U00010000\U00010001")  # Linear B: no bundled font, so boxes here

label = QLabel(SCRIPT_SAMPLES["Bengali"] + "\n" + SCRIPT_SAMPLES["Gujarati"])
font = label.font(); font.setPixelSize(40); label.setFont(font)
label.setStyleSheet("background: white; color: black; padding: 8px")
label.adjustSize()
image = label.grab().toImage()
dark = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
           if (image.pixel(x, y) & 0xFF) < 100)
image.save(sys.argv[1])
from ui.app import drawable
from ui.verdict import VerdictPanel

panel = VerdictPanel()
natives = {}
for native in (SCRIPT_SAMPLES["Tibetan"], "\U00010000\U00010001 \U00010002"):
    panel.show_info("Done", "", {"id": "x", "given_name": "Eumedes", "family_name": "Pylios", "native_name": native})
    natives[native] = panel.native.text()
print(json.dumps({"drawable": [drawable(SCRIPT_SAMPLES["Gujarati"]), drawable("\U00010000")], "natives": natives,
                  "before": before, "loaded": loaded, "samples": samples, "control": control, "dark": dark,
                  "size": [image.width(), image.height()]}))
"""


def _bare_fontconfig(tmp_path: Path) -> Path:
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n")
    return conf


def test_every_script_shows_with_only_the_bundled_fonts(tmp_path: Path) -> None:
    png = tmp_path / "bengali-gujarati.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(_bare_fontconfig(tmp_path))}
    run = subprocess.run([sys.executable, "-c", _CHILD, str(png)], capture_output=True, text=True, env=env,
                         timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    # the laptop has no fonts of these scripts of its own
    assert not any("Bengali" in f or "Gujarati" in f or "WenQuanYi" in f for f in result["before"]), result["before"]
    assert {"Noto Sans Bengali", "Noto Sans Gujarati", "Noto Serif Tibetan", "WenQuanYi Micro Hei"} <= set(
        result["loaded"])
    for script in SCRIPT_SAMPLES:
        sample = result["samples"][script]
        assert sample["glyphs"] > 0 and sample["notdef"] == 0, (script, sample)
    # (Qt reports a fallback font's family name in whatever case fontconfig gave it)
    assert [f.lower() for f in result["samples"]["Bengali"]["families"]] == ["noto sans bengali"]
    assert [f.lower() for f in result["samples"]["Han (traditional)"]["families"]] == ["wenquanyi micro hei"]
    # the same check does see boxes where there is no font
    assert result["control"]["notdef"] > 0
    # the desk shows words, not boxes, for a native name no font here has
    assert result["drawable"] == [True, False]
    assert result["natives"] == {SCRIPT_SAMPLES["Tibetan"]: SCRIPT_SAMPLES["Tibetan"],
                                 LINEAR_B: "(Linear B: no font here)"}
    # and the label was really drawn (looked at: both lines shaped, no boxes)
    assert png.is_file() and result["dark"] > 500, result
