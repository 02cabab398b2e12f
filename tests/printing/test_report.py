"""Reports: attendance per session and room, check-ins by category/country/hour, no-shows,
conflicts — the numbers in the CSV (formula-safe) and in a PDF that opens and shows them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from printing.report import collect, write_csv, write_pdf
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main

PROGRAM = {
    "event": {"timezone": "Asia/Shanghai"},
    "categories": [{"code": "HOD", "label": "Head of delegation", "rooms": ["*"]},
                   {"code": "DEL", "label": "Delegate", "rooms": ["plenary"]}],
    "rooms": [{"id": "plenary", "name": "Plenary Hall", "capacity": 5, "policy": "warn"},
              {"id": "vip", "name": "VIP Lounge", "capacity": 10, "policy": "block"}],
    "sessions": [{"id": "s-vip", "room_id": "vip", "title": "Mayors' roundtable", "starts": "2026-12-02T11:00",
                  "ends": "2026-12-02T12:30", "categories": ["HOD"]}],
}
NOON = datetime(2026, 12, 2, 3, 30, tzinfo=UTC)


@pytest.fixture
def station(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Station]:
    st = Station.init_standalone(Paths(tmp_path / "st"), event_name="Metropolis Report", station_name="Ops")
    people = [{"code": f"HOD{i}", "given_name": f"Mayor{i}", "family_name": "Wang", "category": "HOD",
               "country": "CN"} for i in range(3)]
    people += [{"code": f"DEL{i}", "given_name": f"Del{i}", "category": "DEL", "country": "FR"} for i in range(4)]
    people += [{"code": "EVIL", "given_name": "=HYPERLINK(\"x\")", "family_name": "李", "native_name": "李明",
                "category": "DEL", "country": "CN"}]
    st.add_attendees(people)
    st.load_program(PROGRAM)
    monkeypatch.setattr(Station, "now", staticmethod(lambda: NOON))
    for code in ("HOD0", "HOD1", "DEL0"):
        st.scan(code)  # desk check-in
    for code in ("HOD0", "HOD1"):
        assert st.scan(code, room="vip").status == "ok"
    assert st.scan("DEL0", room="vip").status == "not_allowed"
    assert st.scan("DEL0", room="plenary").status == "ok"
    st.scan("HOD1", room="vip", direction="out")
    yield st
    st.close()


def test_collect_numbers(station: Station) -> None:
    r = collect(station)
    assert (r.summary["registered"], r.summary["checked_in"], r.summary["no_shows"]) == (8, 3, 5)
    session = next(s for s in r.sessions if s["session_id"] == "s-vip")
    assert session["attended"] == 2 and session["room"] == "VIP Lounge"
    vip = next(x for x in r.rooms if x["room_id"] == "vip")
    assert (vip["count_now"], vip["visitors"], vip["entries"], vip["exits"]) == (1, 2, 2, 1)
    assert vip["peak"] >= 1  # the highest per-minute count observed (all moves fell in one minute here)
    cats = {c["category"]: (c["registered"], c["checked_in"]) for c in r.checkins_by_category}
    assert cats == {"HOD": (3, 2), "DEL": (5, 1)}
    assert {c["country"]: c["checked_in"] for c in r.checkins_by_country} == {"CN": 2, "FR": 1}
    assert sum(h["checked_in"] for h in r.checkins_by_hour) == 3
    assert "HOD2" in {n["code"] for n in r.no_shows} and "HOD0" not in {n["code"] for n in r.no_shows}


def test_csv_is_formula_safe_and_sections_parse(station: Station, tmp_path: Path) -> None:
    r = collect(station)
    out = io.StringIO()
    write_csv(r, out, ["no_shows"])
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    evil = next(row for row in rows if row["code"] == "EVIL")
    assert evil["name"].startswith("'=") and evil["native_name"] == "李明"
    full = tmp_path / "all.csv"
    write_csv(r, full)
    text = full.read_text("utf-8-sig")
    assert "sessions,s-vip,Mayors' roundtable" in text and "summary,checked_in,3" in text


def test_pdf_opens_and_contains_the_numbers(station: Station, tmp_path: Path) -> None:
    from pypdf import PdfReader

    path = tmp_path / "report.pdf"
    write_pdf(collect(station), path)
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert "Metropolis Report" in text and "Mayors' roundtable" in text
    assert "3 (37.5 %)" in text  # checked in of registered
    assert "VIP Lounge" in text and "Head of delegation" in text
    assert "No-shows (5" in text and "李明" in text


def test_cli_report(station: Station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    capsys: pytest.CaptureFixture[str]) -> None:
    import venue_desk.cli as cli

    if "report" not in cli.COMMAND_MODULES:  # until the lead registers the module
        monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "report"))
    station.close()
    out = tmp_path / "r.pdf"
    assert main(["report", "--data", str(tmp_path / "st"), "--out", str(out), "--json"]) == 0
    assert out.stat().st_size > 2000 and '"checked_in": 3' in capsys.readouterr().out
    assert main(["report", "--data", str(tmp_path / "st"), "--out", str(tmp_path / "r.txt")]) == 2


def test_report_times_are_event_time_on_a_laptop_in_another_zone(station: Station, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """03:30 UTC is 11:30 in Guangzhou and 22:30 the day before in New York: the report says 11:30."""
    import time

    from pypdf import PdfReader

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        r = collect(station)
        assert r.summary["generated_at"] == "2026-12-02 11:30" and r.summary["timezone"] == "Asia/Shanghai"
        # check-ins carry the real clock's time: their hours in event time, never the laptop's
        stamps = [datetime.fromisoformat(row[0]) for row in station.replica.query("SELECT at FROM checkins")]
        hours = {t.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:00") for t in stamps}
        laptop = {t.astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%d %H:00") for t in stamps}
        assert not hours & laptop
        assert {h["hour"] for h in r.checkins_by_hour} == hours
        out = tmp_path / "all.csv"
        write_csv(r, out)
        text = out.read_text("utf-8-sig")
        assert "summary,generated_at,2026-12-02 11:30" in text
        assert all(f"checkins_by_hour,{h}," in text for h in hours)
        assert not any(h in text for h in laptop)
        pdf = tmp_path / "report.pdf"
        write_pdf(r, pdf)
        pages = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
        assert "generated 2026-12-02 11:30 (Asia/Shanghai)" in pages
        first = min(m for series in r.history.values() for m, _c in series)  # a UTC minute
        since = datetime.fromisoformat(first).replace(tzinfo=UTC).astimezone(ZoneInfo("Asia/Shanghai"))
        assert f"hours since {since:%Y-%m-%d %H:%M} (Asia/Shanghai)" in pages
        assert "UTC" not in pages
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
