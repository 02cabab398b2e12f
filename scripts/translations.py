"""The interface translations: extract the strings of ``ui/*.py`` and compile the catalogues.

    .venv/bin/python scripts/translations.py update    # pyside6-lupdate → resources/translations/*.ts
    .venv/bin/python scripts/translations.py release   # pyside6-lrelease → the .qm loaded at runtime
    .venv/bin/python scripts/translations.py check     # update + release into a temp dir, report drift

After ``update`` translate the new or changed entries (Qt Linguist, or the XML by hand: a message
is finished when its ``<translation>`` has text and no ``type`` attribute), then ``release`` and
commit both the .ts and the .qm. ``ui.i18n`` loads ``venue_desk_<lang>.qm``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("en", "zh_CN", "fr", "es")
CATALOGUE = "venue_desk"

__all__ = ["LANGUAGES", "lrelease", "lupdate", "main", "sources", "tool"]


def tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease`` next to this Python (the virtualenv), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources() -> list[Path]:
    return sorted((ROOT / "ui").glob("*.py"))


def ts_path(language: str, folder: Path = FOLDER) -> Path:
    return folder / f"{CATALOGUE}_{language}.ts"


def lupdate(folder: Path = FOLDER, languages: tuple[str, ...] = LANGUAGES, *, obsolete: bool = False) -> None:
    """Refresh the .ts files in ``folder`` from the sources (new strings arrive unfinished; strings
    gone from the code are dropped unless ``obsolete``, so the catalogue says what the code says)."""
    folder.mkdir(parents=True, exist_ok=True)
    for language in languages:
        args = [tool("pyside6-lupdate"), *map(str, sources()), "-locations", "none", "-target-language", language]
        if not obsolete:
            args.append("-no-obsolete")
        subprocess.run([*args, "-ts", str(ts_path(language, folder))], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    if "en" in languages and _english_is_the_source(ts_path("en", folder)):
        lupdate(folder, ("en",), obsolete=obsolete)  # back into lupdate's own layout


def _english_is_the_source(path: Path) -> bool:
    """English needs only its plurals translated by hand: every other message reads as its source.
    True when that filled something in."""
    tree = ET.parse(path)
    changed = False
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") == "yes" or translation is None or translation.get("type") != "unfinished":
            continue
        translation.text = message.findtext("source")
        del translation.attrib["type"]
        changed = True
    if changed:
        tree.write(path, encoding="utf-8", xml_declaration=True)
    return changed


def lrelease(folder: Path = FOLDER, out: Path | None = None, languages: tuple[str, ...] = LANGUAGES) -> list[Path]:
    """Compile the .ts of ``folder`` into .qm files in ``out`` (default: next to them)."""
    out = out or folder
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for language in languages:
        qm = out / f"{CATALOGUE}_{language}.qm"
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_path(language, folder)), "-qm", str(qm)],
                       check=True, cwd=ROOT)
        made.append(qm)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("update", "release", "check"))
    args = parser.parse_args(argv)
    if args.action == "update":
        lupdate()
    elif args.action == "release":
        for path in lrelease():
            print(path.relative_to(ROOT))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for language in LANGUAGES:
                shutil.copy(ts_path(language), Path(tmp))
            lupdate(Path(tmp))
            drift = [lang for lang in LANGUAGES
                     if ts_path(lang, Path(tmp)).read_bytes() != ts_path(lang).read_bytes()]
        if drift:
            print(f"out of date: {', '.join(drift)} — run `scripts/translations.py update`, translate, release")
            return 1
        print("translations are current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
