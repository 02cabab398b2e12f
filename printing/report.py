"""Reports for the operations lead: attendance per session and room, check-ins by category, country
and hour, no-shows, conflicts — as CSV and as a PDF with charts (reportlab). Qt-free.

:func:`collect` reads one station replica (its read-only connection: it never waits for the
writer) into a :class:`Report` of plain rows; :func:`write_csv` and :func:`write_pdf` render it.

* **Attendance per session**: the distinct people whose ``room_entry`` carried the session
  (``room_visits`` scope = session id), plus the room's peak count during the session from the
  per-minute history (which includes anonymous clicker counts).
* **Rooms**: the count now, distinct visitors, entries and exits recorded, peak count.
* **Check-ins**: checked in vs registered (active) per category and per country; arrivals per
  local hour of the event's time zone.
* **No-shows**: registered, active, never checked in.
* **Conflicts**: what :meth:`venue_app.station.Station.conflicts` lists (double check-ins at
  offline desks, parallel reprints), with names.

Every CSV cell goes through :func:`venue_app.importer.csv_safe` (no formula injection from a name).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from venue_app.clock import EventClock
from venue_app.errors import ConfigError
from venue_app.importer import csv_safe
from venue_app.settings import CATEGORY_COLOR

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["SECTIONS", "Report", "collect", "write_csv", "write_pdf", "write_report"]

#: CSV sections in order: name → columns
SECTIONS: dict[str, tuple[str, ...]] = {
    "summary": ("key", "value"),
    "sessions": ("session_id", "title", "room_id", "room", "starts", "ends", "capacity", "attended", "peak"),
    "rooms": ("room_id", "room", "zone", "capacity", "policy", "count_now", "state", "visitors", "entries",
              "exits", "peak"),
    "checkins_by_category": ("category", "label", "registered", "checked_in", "percentage"),
    "checkins_by_country": ("country", "registered", "checked_in", "percentage"),
    "checkins_by_hour": ("hour", "checked_in"),
    "no_shows": ("attendee_id", "code", "name", "native_name", "organisation", "country", "category",
                 "delegation", "email"),
    "conflicts": ("kind", "attendee_id", "name", "detail"),
}


@dataclass
class Report:
    """Everything a report shows, as plain rows (dicts keyed by the :data:`SECTIONS` columns)."""

    event: dict[str, Any]
    generated_at: str
    summary: dict[str, Any]
    sessions: list[dict[str, Any]] = field(default_factory=list)
    rooms: list[dict[str, Any]] = field(default_factory=list)
    checkins_by_category: list[dict[str, Any]] = field(default_factory=list)
    checkins_by_country: list[dict[str, Any]] = field(default_factory=list)
    checkins_by_hour: list[dict[str, Any]] = field(default_factory=list)
    no_shows: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    #: room id → [(UTC minute, count)] as observed (for the occupancy chart)
    history: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def section(self, name: str) -> list[dict[str, Any]]:
        if name == "summary":
            return [{"key": k, "value": v} for k, v in self.summary.items()]
        return list(getattr(self, name))


def _zone(name: str) -> ZoneInfo:
    return EventClock(name).zone


def _parse(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _name(row: Any) -> str:
    given, family = (row["given_name"] or "").strip(), (row["family_name"] or "").strip()
    first, second = (family, given) if row["name_order"] == "family-first" else (given, family)
    return f"{first} {second}".strip() or (row["native_name"] or "").strip()


def collect(station: Station, now: datetime | None = None) -> Report:
    """Read the report's numbers from ``station``'s replica (any thread: read-only connection)."""
    conn = station.replica.reader()
    now = now or station.now()
    event = dict(station.event)
    tz = _zone(str(event.get("timezone") or "UTC"))
    labels = {r["code"]: r["label"] for r in conn.execute("SELECT code, label FROM categories")}

    # -- check-ins --------------------------------------------------------------------------
    registered_cat: Counter[str] = Counter()
    checked_cat: Counter[str] = Counter()
    registered_country: Counter[str] = Counter()
    checked_country: Counter[str] = Counter()
    hours: Counter[str] = Counter()
    for row in conn.execute("SELECT a.category, a.country, a.status, c.at FROM attendees a"
                            " LEFT JOIN checkins c ON c.attendee_id = a.id"):
        category, country = row["category"] or "—", (row["country"] or "—").upper()
        if row["status"] == "active" or row["at"] is not None:
            registered_cat[category] += 1
            registered_country[country] += 1
        if row["at"] is not None:
            checked_cat[category] += 1
            checked_country[country] += 1
            moment = _parse(row["at"])
            if moment is not None:
                hours[moment.astimezone(tz).strftime("%Y-%m-%d %H:00")] += 1
    by_category = [{"category": code, "label": labels.get(code, code), "registered": registered_cat[code],
                    "checked_in": checked_cat[code], "percentage": _pct(checked_cat[code], registered_cat[code])}
                   for code in sorted(registered_cat, key=lambda c: (-registered_cat[c], c))]
    by_country = [{"country": code, "registered": registered_country[code], "checked_in": checked_country[code],
                   "percentage": _pct(checked_country[code], registered_country[code])}
                  for code in sorted(registered_country,
                                     key=lambda c: (-checked_country[c], -registered_country[c], c))]
    by_hour = [{"hour": h, "checked_in": hours[h]} for h in sorted(hours)]

    # -- rooms ------------------------------------------------------------------------------
    view = {r["id"]: r for r in station.occupancy()}
    moves: dict[tuple[str, str], int] = {}
    for row in conn.execute("SELECT json_extract(payload, '$.room_id') AS room, type, count(*) AS n FROM log"
                            " WHERE type IN ('room_entry', 'room_exit') GROUP BY 1, 2"):
        moves[(row["room"], row["type"])] = int(row["n"])
    visits = {r[0]: int(r[1]) for r in conn.execute("SELECT scope, count(*) FROM room_visits GROUP BY scope")}
    history: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in conn.execute("SELECT room_id, minute, count FROM occupancy_history ORDER BY room_id, minute"):
        history[row[0]].append((row[1], int(row[2])))
    rooms = []
    for room in conn.execute("SELECT * FROM rooms ORDER BY id"):
        rid = room["id"]
        v = view.get(rid, {})
        rooms.append({"room_id": rid, "room": room["name"], "zone": room["zone"], "capacity": room["capacity"],
                      "policy": room["policy"], "count_now": v.get("count", 0), "state": v.get("state", "normal"),
                      "visitors": visits.get(rid, 0), "entries": moves.get((rid, "room_entry"), 0),
                      "exits": moves.get((rid, "room_exit"), 0),
                      "peak": max((c for _, c in history.get(rid, [])), default=0)})
    names = {r["room_id"]: r["room"] for r in rooms}
    capacities = {r["room_id"]: r["capacity"] for r in rooms}

    # -- sessions ---------------------------------------------------------------------------
    sessions = []
    for s in conn.execute("SELECT * FROM sessions ORDER BY starts, room_id"):
        start = datetime.fromisoformat(s["starts"]).replace(tzinfo=tz).astimezone(UTC)
        end = datetime.fromisoformat(s["ends"]).replace(tzinfo=tz).astimezone(UTC)
        lo, hi = start.strftime("%Y-%m-%dT%H:%M"), end.strftime("%Y-%m-%dT%H:%M")
        series = history.get(s["room_id"], [])
        before = [c for m, c in series if m <= lo]
        during = [c for m, c in series if lo <= m < hi]
        peak = max([*(before[-1:]), *during], default=0) if during or before else 0
        sessions.append({"session_id": s["id"], "title": s["title"], "room_id": s["room_id"],
                         "room": names.get(s["room_id"], s["room_id"]), "starts": s["starts"], "ends": s["ends"],
                         "capacity": s["capacity"] if s["capacity"] is not None else capacities.get(s["room_id"]),
                         "attended": visits.get(s["id"], 0), "peak": peak if during or before else 0})

    # -- no-shows ---------------------------------------------------------------------------
    no_shows = [{"attendee_id": r["id"], "code": r["code"] or "", "name": _name(r), "native_name": r["native_name"],
                 "organisation": r["organisation"], "country": r["country"], "category": r["category"],
                 "delegation": r["delegation"], "email": r["email"]}
                for r in conn.execute(
                    "SELECT * FROM attendees a WHERE status = 'active' AND NOT EXISTS"
                    " (SELECT 1 FROM checkins c WHERE c.attendee_id = a.id)"
                    " ORDER BY country, family_name, given_name")]

    # -- conflicts --------------------------------------------------------------------------
    conflicts = []
    for c in station.conflicts():
        person = conn.execute("SELECT * FROM attendees WHERE id = ?", (c.get("attendee_id"),)).fetchone()
        if c["kind"] == "double_checkin":
            detail = "checked in at " + ", ".join(s["name"] for s in c.get("stations", []))
        elif c["kind"] == "parallel_reprints":
            detail = f"{len(c.get('serials', []))} valid badges: " + ", ".join(c.get("serials", []))
        else:
            detail = json.dumps({k: v for k, v in c.items() if k not in ("kind", "attendee_id")}, ensure_ascii=False)
        conflicts.append({"kind": c["kind"], "attendee_id": c.get("attendee_id", ""),
                          "name": _name(person) if person is not None else "", "detail": detail})

    registered = sum(registered_cat.values())
    checked = sum(checked_cat.values())
    summary = {"event": event.get("name", ""), "timezone": str(event.get("timezone") or "UTC"),
               "generated_at": EventClock(str(event.get("timezone") or "UTC")).stamp(now, seconds=False),
               "station": station.name,
               "registered": registered, "checked_in": checked, "checked_in_percentage": _pct(checked, registered),
               "no_shows": len(no_shows), "rooms": len(rooms), "people_in_rooms": sum(r["count_now"] for r in rooms),
               "sessions": len(sessions), "conflicts": len(conflicts)}
    return Report(event=event, generated_at=summary["generated_at"], summary=summary, sessions=sessions,
                  rooms=rooms, checkins_by_category=by_category, checkins_by_country=by_country,
                  checkins_by_hour=by_hour, no_shows=no_shows, conflicts=conflicts, history=dict(history))


# -- CSV -------------------------------------------------------------------------------------------
def write_csv(report: Report, out: Path | str | io.TextIOBase, sections: Iterable[str] | None = None) -> None:
    """All (or the named) sections in one CSV: each a ``section`` column plus its own header row,
    sections separated by a blank line. One section alone is a plain table (no ``section`` column)."""
    names = list(sections) if sections is not None else list(SECTIONS)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise ConfigError(f"unknown report section(s): {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    single = len(names) == 1
    for i, name in enumerate(names):
        columns = SECTIONS[name]
        if i:
            writer.writerow([])
        writer.writerow(list(columns) if single else ["section", *columns])
        for row in report.section(name):
            cells = [csv_safe(row.get(c, "")) for c in columns]
            writer.writerow(cells if single else [name, *cells])
    text = buffer.getvalue()
    if isinstance(out, str | Path):
        Path(out).write_text(text, encoding="utf-8-sig", newline="")  # BOM: Excel reads UTF-8 names right
    else:
        out.write(text)


# -- PDF -------------------------------------------------------------------------------------------
_STATE_WORDS = {"normal": "OK", "near_full": "NEARLY FULL", "full": "FULL"}


class _Names:
    """Paragraph markup that draws each run of a name with a bundled font that has its glyphs."""

    def __init__(self) -> None:
        from printing.fonts import default_registry

        self.registry = default_registry()
        self.regular = self.registry.font_name("sans", False)[0]
        self.bold = self.registry.font_name("sans", True)[0]

    def markup(self, text: Any) -> str:
        text = "" if text is None else str(text)
        if not text or text.isascii():
            return escape(text)
        try:
            prepared = self.registry.prepare(text).text
            return "".join(f'<font name="{run.font_name}">{escape(run.text)}</font>'
                           for run in self.registry.runs(prepared))
        except Exception:  # a character no font has: show what we can rather than fail the report
            return escape(text)


def write_pdf(report: Report, path: Path | str, *, top_rooms: int = 6, no_show_rows: int | None = 400) -> None:
    """The PDF report: summary, charts (arrivals per hour, categories, occupancy over time), tables."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    names = _Names()
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", base["BodyText"], fontName=names.regular, fontSize=8.5, leading=11)
    cell = ParagraphStyle("cell", body, fontSize=8, leading=10)
    right = ParagraphStyle("right", cell, alignment=2)
    h1 = ParagraphStyle("h1", base["Title"], fontName=names.bold, fontSize=18, leading=22, alignment=0)
    h2 = ParagraphStyle("h2", base["Heading2"], fontName=names.bold, fontSize=12.5, leading=16, spaceBefore=10)
    palette = [colors.HexColor(c) for c in ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f",
                                            "#5d4037", "#455a64")]
    width = A4[0] - 36 * mm
    s = report.summary

    def table(header: list[str], rows: list[list[Any]], widths: list[float] | None = None,
              numeric: Iterable[int] = ()) -> Table:
        numbers = set(numeric)
        data = [[Paragraph(f"<b>{escape(h)}</b>", cell) for h in header]]
        data += [[Paragraph(names.markup(v), right if i in numbers else cell) for i, v in enumerate(r)] for r in rows]
        t = Table(data, colWidths=widths, repeatRows=1)
        style = [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eceff1")),
                 ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#90a4ae")),
                 ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8fa")]),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        style += [("ALIGN", (i, 0), (i, -1), "RIGHT") for i in numeric]
        t.setStyle(TableStyle(style))
        return t

    story: list[Any] = [Paragraph(names.markup(s["event"]) or "Event report", h1),
                        Paragraph(f"Attendance and check-in report · generated {escape(s['generated_at'])}"
                                  f" ({escape(s['timezone'])}) at {names.markup(s['station'])}", body),
                        Spacer(1, 4 * mm)]
    story.append(table(["Registered (active)", "Checked in", "No-shows", "In rooms now", "Sessions", "Conflicts"],
                       [[s["registered"], f"{s['checked_in']} ({s['checked_in_percentage']} %)", s["no_shows"],
                         s["people_in_rooms"], s["sessions"], s["conflicts"]]]))

    # arrivals per hour
    if report.checkins_by_hour:
        hours = report.checkins_by_hour[-36:]
        d = Drawing(width, 62 * mm)
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 32, 28, width - 44, 62 * mm - 44
        chart.data = [[h["checked_in"] for h in hours]]
        chart.categoryAxis.categoryNames = [h["hour"][5:13].replace(" ", "\n") + "h" for h in hours]
        chart.categoryAxis.labels.fontSize = 6
        chart.categoryAxis.labels.fontName = names.regular
        chart.valueAxis.labels.fontName = names.regular
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.valueMin = 0
        chart.bars[0].fillColor = palette[0]
        chart.barLabelFormat = "%d"
        chart.barLabels.fontSize = 6
        chart.barLabels.nudge = 6
        d.add(chart)
        d.add(String(0, 62 * mm - 10, f"Check-ins per hour ({s['timezone']} time)", fontName=names.bold, fontSize=9))
        story += [Paragraph("Check-ins", h2), d]

    # by category: registered vs checked in
    if report.checkins_by_category:
        cats = report.checkins_by_category[:12]
        height = max(45 * mm, (len(cats) * 14 + 40))
        d = Drawing(width, height)
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 110, 20, width - 210, height - 30
        chart.data = [[c["registered"] for c in reversed(cats)], [c["checked_in"] for c in reversed(cats)]]
        chart.categoryAxis.categoryNames = [str(c["label"])[:24] for c in reversed(cats)]
        chart.categoryAxis.labels.fontName = names.regular
        chart.categoryAxis.labels.fontSize = 7
        chart.valueAxis.labels.fontName = names.regular
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.valueMin = 0
        chart.bars[0].fillColor = colors.HexColor("#b0bec5")
        chart.bars[1].fillColor = palette[2]
        chart.barLabelFormat = "%d"
        chart.barLabels.fontSize = 6
        chart.barLabels.nudge = 8
        d.add(chart)
        legend = Legend()
        legend.x, legend.y = width - 75, 40
        legend.fontName, legend.fontSize = names.regular, 7
        legend.colorNamePairs = [(colors.HexColor("#b0bec5"), "registered"), (palette[2], "checked in")]
        d.add(legend)
        story += [d, Spacer(1, 2 * mm),
                  table(["Category", "Label", "Registered", "Checked in", "%"],
                        [[c["category"], c["label"], c["registered"], c["checked_in"], c["percentage"]]
                         for c in report.checkins_by_category], [22 * mm, 70 * mm, 28 * mm, 28 * mm, 20 * mm],
                        numeric=(2, 3, 4))]
    if report.checkins_by_country:
        story += [Paragraph("Check-ins by country", h2),
                  table(["Country", "Registered", "Checked in", "%"],
                        [[c["country"], c["registered"], c["checked_in"], c["percentage"]]
                         for c in report.checkins_by_country], [30 * mm, 30 * mm, 30 * mm, 20 * mm],
                        numeric=(1, 2, 3))]

    # rooms: occupancy over time + table
    story.append(PageBreak())
    story.append(Paragraph("Rooms", h2))
    busiest = sorted((r for r in report.rooms if report.history.get(r["room_id"])),
                     key=lambda r: -r["peak"] / max(1, r["capacity"] or 1))[:top_rooms]
    if busiest:
        stamps = [m for r in busiest for m, _ in report.history[r["room_id"]]]
        t0 = datetime.fromisoformat(min(stamps))
        d = Drawing(width, 70 * mm)
        plot = LinePlot()
        plot.x, plot.y, plot.width, plot.height = 36, 24, width - 150, 70 * mm - 40
        data = []
        for r in busiest:
            points = [((datetime.fromisoformat(m) - t0).total_seconds() / 3600, 100 * c / max(1, r["capacity"]))
                      for m, c in report.history[r["room_id"]]]
            points.append((max(points[-1][0], (datetime.fromisoformat(max(stamps)) - t0).total_seconds() / 3600),
                           points[-1][1]))
            data.append(points)
        plot.data = data
        plot.joinedLines = 1
        for i in range(len(data)):
            plot.lines[i].strokeColor = palette[i % len(palette)]
            plot.lines[i].strokeWidth = 1.4
        plot.xValueAxis.labels.fontName = plot.yValueAxis.labels.fontName = names.regular
        plot.xValueAxis.labels.fontSize = plot.yValueAxis.labels.fontSize = 7
        plot.yValueAxis.valueMin = 0
        plot.yValueAxis.valueMax = max(100, max(p[1] for series in data for p in series))
        plot.xValueAxis.valueMin = 0
        d.add(plot)
        legend = Legend()
        legend.x, legend.y = width - 105, 70 * mm - 20
        legend.fontName, legend.fontSize = names.regular, 7
        legend.colorNamePairs = [(palette[i % len(palette)], str(r["room"])[:22]) for i, r in enumerate(busiest)]
        d.add(legend)
        clock = EventClock(str(s["timezone"]))  # the history is kept in UTC minutes; staff read venue time
        since = clock.stamp(t0.replace(tzinfo=UTC), seconds=False)
        d.add(String(0, 70 * mm - 10, f"Occupancy in % of capacity, hours since {since} ({clock.name})",
                     fontName=names.bold, fontSize=9))
        story.append(d)
    story.append(table(["Room", "Zone", "Capacity", "Policy", "Now", "State", "Visitors", "Entries", "Exits",
                        "Peak"],
                       [[r["room"], r["zone"], r["capacity"], r["policy"], r["count_now"],
                         _STATE_WORDS.get(r["state"], r["state"]), r["visitors"], r["entries"], r["exits"], r["peak"]]
                        for r in report.rooms],
                       [40 * mm, 18 * mm, 16 * mm, 14 * mm, 12 * mm, 20 * mm, 16 * mm, 15 * mm, 12 * mm, 11 * mm],
                       numeric=(2, 4, 6, 7, 8, 9)))
    if report.sessions:
        story += [Paragraph("Attendance per session", h2),
                  table(["Session", "Room", "Starts", "Ends", "Capacity", "Attended", "Peak"],
                        [[x["title"], x["room"], x["starts"].replace("T", " "), x["ends"][11:], x["capacity"],
                          x["attended"], x["peak"]] for x in report.sessions],
                        [60 * mm, 36 * mm, 26 * mm, 12 * mm, 15 * mm, 15 * mm, 10 * mm], numeric=(4, 5, 6))]

    # conflicts and no-shows
    story.append(Paragraph(f"Conflicts ({len(report.conflicts)})", h2))
    if report.conflicts:
        story.append(table(["Kind", "Name", "Detail"], [[c["kind"].replace("_", " "), c["name"], c["detail"]]
                                                        for c in report.conflicts], [32 * mm, 50 * mm, 92 * mm]))
    else:
        story.append(Paragraph("None: no fact was recorded twice at stations that could not see each other.", body))
    shown = report.no_shows if no_show_rows is None else report.no_shows[:no_show_rows]
    story.append(KeepTogether([Paragraph(f"No-shows ({len(report.no_shows)}: registered, active, never checked in)",
                                         h2)]))
    if shown:
        story.append(table(["Name", "Native name", "Organisation", "Country", "Category", "Code"],
                           [[n["name"], n["native_name"], n["organisation"], n["country"], n["category"], n["code"]]
                            for n in shown], [40 * mm, 32 * mm, 52 * mm, 14 * mm, 16 * mm, 20 * mm]))
        if len(shown) < len(report.no_shows):
            story.append(Paragraph(f"… and {len(report.no_shows) - len(shown)} more (full list in the CSV export).",
                                   body))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(names.regular, 7)
        canvas.setFillColor(colors.HexColor(CATEGORY_COLOR))
        canvas.drawString(18 * mm, 10 * mm, f"{report.summary['event']} · {report.generated_at}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"{report.summary['event']} — report",
                            author="Venue desk")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def write_report(station: Station, out: Path | str, *, sections: Iterable[str] | None = None,
                 now: datetime | None = None) -> Report:
    """Collect and write ``out`` (``.pdf`` or ``.csv``, by its suffix); returns the report."""
    path = Path(out)
    report = collect(station, now)
    if path.suffix.lower() == ".pdf":
        write_pdf(report, path)
    elif path.suffix.lower() == ".csv":
        write_csv(report, path, sections)
    else:
        raise ConfigError(f"{path.name}: the report is written as .pdf or .csv")
    return report

