"""The operator docs stay true: images exist and are made by the screenshot script, every command line
shown parses with the real CLI, every relative link resolves, and the scanner test sheet's codes decode
to their texts and give the verdicts the sheet promises."""

from __future__ import annotations

import importlib.util
import re
import shlex
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))
#: where links are checked: the guides and the README that points to them
LINKED = [*DOCS, ROOT / "README.md"]

_IMAGE_MD = re.compile(r"!\[[^\]]*\]\(([^)\s]+)[^)]*\)")
_IMAGE_HTML = re.compile(r"<img\b[^>]*\bsrc=\"([^\"]+)\"", re.IGNORECASE)
_LINK_MD = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)[^)]*\)")
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_INLINE = re.compile(r"`(venue-app [^`]+)`")
#: placeholders the docs use in command lines → a value of the right kind for the parser
PLACEHOLDERS = {"FILE": "x", "DIR": "x", "CODE": "x", "URL": "x", "REGCODE": "x", "ROOM": "x", "NAME": "x",
                "N": "1", "S": "1"}


def _script(name: str) -> ModuleType:
    module = sys.modules.get(f"docs_{name}")
    if module is None:
        spec = importlib.util.spec_from_file_location(f"docs_{name}", ROOT / "scripts" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[f"docs_{name}"] = module
        spec.loader.exec_module(module)
    return module


def _local(target: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target) and not target.startswith("#")


def _resolve(doc: Path, target: str) -> Path:
    return (doc.parent / target.split("#", 1)[0]).resolve()


def _images(doc: Path) -> list[str]:
    text = doc.read_text("utf-8")
    return [t for t in _IMAGE_MD.findall(text) + _IMAGE_HTML.findall(text) if _local(t)]


def _links(doc: Path) -> list[str]:
    return [t for t in _LINK_MD.findall(doc.read_text("utf-8")) if _local(t)]


def commands(text: str) -> list[str]:
    """Every ``venue-app …`` command line of a Markdown text: in fenced blocks and in inline code."""
    found: list[str] = []
    for block in _FENCE.findall(text):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith("venue-app "):
                found.append(line)
    found += _INLINE.findall(text)
    return found


def argv_of(line: str) -> list[str]:
    """The arguments after ``venue-app``: a trailing comment, a pipe or a redirection ends the command;
    placeholders become values the parser accepts."""
    tokens = shlex.split(line, comments=True)[1:]
    for i, token in enumerate(tokens):
        if token in ("|", "||", "&&", ";", ">", ">>", "2>"):
            tokens = tokens[:i]
            break
    return [PLACEHOLDERS.get(t, t) for t in tokens]


def test_every_image_a_doc_shows_exists() -> None:
    missing = [f"{doc.name}: {target}" for doc in LINKED for target in _images(doc)
               if not _resolve(doc, target).is_file()]
    assert not missing, missing
    assert sum(len(_images(doc)) for doc in DOCS) >= 5  # the guides do show screenshots


def test_every_relative_link_resolves() -> None:
    broken = [f"{doc.name}: {target}" for doc in LINKED for target in _links(doc)
              if not _resolve(doc, target).exists()]
    assert not broken, broken


def test_the_readme_points_to_the_guides() -> None:
    targets = {_resolve(ROOT / "README.md", t) for t in _links(ROOT / "README.md")}
    for guide in ("desk-guide.md", "door-guide.md", "setup-guide.md"):
        assert ROOT / "docs" / guide in targets, guide


def test_every_declared_screenshot_is_used_by_a_doc_and_committed() -> None:
    shots = _script("screenshots").SHOTS
    used = {_resolve(doc, t) for doc in DOCS for t in _images(doc) + _links(doc)}
    folder = ROOT / "docs" / "screenshots"
    unused = sorted(name for name in shots if folder / name not in used)
    assert not unused, f"screenshots no guide uses: {unused}"
    assert all((folder / name).is_file() for name in shots)
    # and nothing in the folder is left over from an older script
    assert sorted(p.name for p in folder.glob("*.png") if p.name not in shots) == []


def test_every_command_line_in_the_docs_parses() -> None:
    from venue_desk.cli import build_parser

    lines = [(doc.name, line) for doc in LINKED for line in commands(doc.read_text("utf-8"))]
    assert len(lines) >= 30, "the guides show the commands IT types"
    parser, failures = build_parser(), []
    for name, line in lines:
        try:
            parser.parse_args(argv_of(line))
        except SystemExit:
            failures.append(f"{name}: {line}")
    assert not failures, failures


def test_the_command_check_catches_a_wrong_command(capsys: pytest.CaptureFixture[str]) -> None:
    from venue_desk.cli import build_parser

    text = "Run `venue-app station frobnicate --data DIR` and\n```sh\nvenue-app registry init --data DIR\n```\n"
    found = commands(text)
    assert found == ["venue-app registry init --data DIR", "venue-app station frobnicate --data DIR"]
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv_of(found[1]))
    with pytest.raises(SystemExit):  # --event-name is required
        build_parser().parse_args(argv_of(found[0]))
    capsys.readouterr()
    assert argv_of("venue-app scanners --listen auto --json | tee scans.txt  # see what arrives") == \
        ["scanners", "--listen", "auto", "--json"]


def test_stale_screenshots_are_told_from_rendering_noise(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    compare = _script("screenshots").compare
    base = Image.new("RGB", (400, 300), "#eceff1")
    ImageDraw.Draw(base).text((20, 20), "CHECKED IN", fill="#1b7f3b")
    base.save(tmp_path / "a.png")
    shaded = base.copy()
    shaded.putpixel((5, 5), (0xe0, 0xe3, 0xe5))  # an anti-aliasing shade: not a change
    shaded.save(tmp_path / "b.png")
    changed = base.copy()
    ImageDraw.Draw(changed).rectangle((100, 100, 180, 140), fill="#c62828")  # a new red box: 2.7 %
    changed.save(tmp_path / "c.png")
    base.resize((410, 300)).save(tmp_path / "d.png")
    assert compare(tmp_path / "a.png", tmp_path / "b.png", 0.002) == ""
    assert "differ" in compare(tmp_path / "a.png", tmp_path / "c.png", 0.002)
    assert compare(tmp_path / "a.png", tmp_path / "d.png", 0.002).startswith("size")
    assert compare(tmp_path / "missing.png", tmp_path / "a.png", 0.002) == "missing"


def test_the_test_sheet_codes_decode_to_their_texts(qapp: Any) -> None:
    import zxingcpp

    from printing.qtprinter import rasterise_to_pil

    sheet = _script("testsheet")
    image = rasterise_to_pil(sheet.sheet_pdf(), dpi=150)[0]
    found = {result.text for result in zxingcpp.read_barcodes(image)}
    texts = [code.text for code in sheet.sheet_codes()]
    assert len(texts) == 6 and all(text in found for text in texts), set(texts) - found
    assert len(texts[5]) == 300 and any(ord(c) > 0x3000 for c in texts[4])
    assert sheet.sheet_pdf() == sheet.sheet_pdf()  # the committed PDF can be checked byte for byte


def test_the_test_sheet_codes_give_the_promised_verdicts(tmp_path: Path) -> None:
    from venue_app.paths import Paths
    from venue_app.station import Station
    from venue_desk.demodata import generate

    codes = _script("testsheet").sheet_codes()
    station = Station.init_standalone(Paths(tmp_path / "demo"), event_name="Demo congress")
    try:
        station.add_attendees(generate(2000, 13))  # what `venue-app demo` holds
        assert station.scan(codes[0].text).status == "ok"
        assert station.scan(codes[1].text).status == "wrong_event"
        assert station.scan(codes[1].text[:-1]).status == "invalid"  # a character lost on the way
        assert station.scan(codes[4].text).status == "unknown"  # arrived whole: looked up, not rejected
    finally:
        station.close()
