"""Demo congress data: realistic, multilingual, deterministic, and the event program."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from venue_app import demodata
from venue_app.cli import main
from venue_app.importer import EXPORT_COLUMNS, country_code


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return demodata.generate(4000, seed=21)


def _scripts(text: str) -> set[str]:
    found = set()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            found.add(name.split(" ")[0])
    return found


def test_deterministic_and_independent_of_global_random_state() -> None:
    first = demodata.generate(600, seed=5)
    # other code seeding Faker's shared random or Python's random must not change anything
    from faker import Faker

    Faker.seed(999)
    Faker("de_DE").name()
    random.seed(123)
    assert demodata.generate(600, seed=5) == first
    assert demodata.generate(600, seed=6) != first
    assert demodata.generate(0, seed=5) == []


def test_rows_have_every_column_and_valid_values(rows: list[dict[str, str]]) -> None:
    assert all(list(r) == list(EXPORT_COLUMNS) for r in rows)
    codes = [r["code"] for r in rows]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(f"[{demodata.CODE_ALPHABET}]{{10}}", c) for c in codes)
    emails = [r["email"] for r in rows]
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z0-9.]+@[a-z0-9.]+\.[a-z]{2,}", e) for e in emails)
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(country_code(r["country"]) == r["country"] for r in rows)
    assert {r["status"] for r in rows} <= {"active", "cancelled", "blocked"}
    assert all(r["given_name"] or r["family_name"] for r in rows)
    # values never look like spreadsheet formulas (phone numbers are +digits only)
    assert not any(v.startswith(("=", "-", "@")) for r in rows for v in r.values())


def test_realistic_congress_mix(rows: list[dict[str, str]]) -> None:
    countries = {r["country"] for r in rows}
    assert len(countries) >= 60
    categories = Counter(r["category"] for r in rows)
    assert set(categories) == {"HOD", "DEL", "PAR", "SPK", "PRS", "EXH", "ORG", "VOL"}
    heads = [r for r in rows if r["category"] == "HOD"]
    delegations = {r["delegation"] for r in rows} - {""}
    assert len(heads) == len(delegations) >= 60
    assert all(h["honorific"] in ("H.E.", "Mayor") and h["job_title"] == f"Mayor of {h['delegation']}"
               for h in heads)
    assert "Guangzhou" in delegations
    assert any(r["job_title"] == "Deputy Mayor" for r in rows)
    assert all(r["delegation"] == r["city"] for r in rows if r["delegation"])
    volunteers = [r for r in rows if r["category"] == "VOL"]
    assert sum(r["city"] == "Guangzhou" for r in volunteers) > 0.8 * len(volunteers)


def test_native_scripts_with_romanised_names(rows: list[dict[str, str]]) -> None:
    scripts: set[str] = set()
    for r in rows:
        scripts |= _scripts(r["native_name"])
        if r["native_name"]:
            # the romanised name is ASCII-or-Latin, the native one is not
            assert all(s == "LATIN" for s in _scripts(r["given_name"] + r["family_name"])), r
    for wanted in ("CJK", "HANGUL", "HIRAGANA", "ARABIC", "CYRILLIC", "GREEK", "DEVANAGARI", "THAI", "HEBREW",
                   "TAMIL", "ARMENIAN", "GEORGIAN", "BENGALI"):
        assert wanted in scripts, wanted
    # accented Latin names stay as they are, without a separate native form
    assert any(not r["native_name"] and not r["given_name"].isascii() for r in rows)
    assert all(unicodedata.is_normalized("NFC", v) for r in rows for v in r.values())


def test_name_order(rows: list[dict[str, str]]) -> None:
    for r in rows:
        cjk = any(s in ("CJK", "HANGUL") for s in _scripts(r["native_name"]))
        if cjk:
            assert r["name_order"] == "family-first"
        if r["country"] in ("FR", "DE", "BR", "RU", "EG"):
            assert r["name_order"] == "given-first"
    chinese = [r for r in rows if r["country"] == "CN" and r["native_name"]]
    assert chinese and all(r["native_name"].startswith(_first_han(r)) for r in chinese[:50])
    assert any(r["country"] == "HU" and r["name_order"] == "family-first" for r in rows)


def _first_han(r: dict[str, str]) -> str:
    return r["native_name"][0]


def test_chinese_romanisation_is_pinyin(rows: list[dict[str, str]]) -> None:
    from pypinyin import lazy_pinyin

    for r in [r for r in rows if r["country"] == "CN" and r["native_name"]][:100]:
        syllables = "".join(lazy_pinyin(r["native_name"])).lower()
        assert syllables.endswith(r["given_name"].lower()), r


def test_program() -> None:
    prog = demodata.program(seed=3)
    assert prog == demodata.program(seed=3)
    rooms = {r["id"]: r for r in prog["rooms"]}
    capacities = sorted(r["capacity"] for r in rooms.values())
    assert rooms["plenary"]["capacity"] == 2000 and 300 in capacities and 40 in capacities
    assert all(r["policy"] in ("warn", "block") for r in rooms.values())
    assert "press" in rooms and rooms["vip"]["policy"] == "block"
    categories = {c["code"]: c for c in prog["categories"]}
    may_enter_vip = {code for code, c in categories.items() if "*" in c["rooms"] or "vip" in c["rooms"]}
    assert may_enter_vip == {"HOD", "ORG"}
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c["color"]) for c in categories.values())
    days = {s["starts"][:10] for s in prog["sessions"]}
    assert len(days) == 3
    assert all(s["room_id"] in rooms and s["starts"] < s["ends"] for s in prog["sessions"])
    assert all(set(s["categories"]) <= set(categories) for s in prog["sessions"])
    vip_sessions = [s for s in prog["sessions"] if s["room_id"] == "vip"]
    assert vip_sessions and all(set(s["categories"]) == {"HOD", "ORG"} for s in vip_sessions)
    assert len({s["id"] for s in prog["sessions"]}) == len(prog["sessions"])


def test_cli_demo_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, prog = tmp_path / "a.csv", tmp_path / "p.json"
    code = main(["demo-data", "--attendees", "300", "--seed", "4", "--out", str(out), "--program", str(prog),
                 "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["attendees"] == 300 and result["program"] == str(prog)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf" + ",".join(EXPORT_COLUMNS).encode())
    assert json.loads(prog.read_text("utf-8"))["event"]["name"] == "13th Metropolis World Congress"
    again = tmp_path / "b.csv"
    assert main(["demo-data", "--attendees", "300", "--seed", "4", "--out", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
