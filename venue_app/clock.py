"""One clock: every time staff read — on a screen, in a report, in a CSV — is in the event's time zone.

A desk laptop flown in from Europe keeps its own zone; the congress runs on venue time. Showing the
laptop's time in one place and venue time in another (a scan at 15:21 in the list, "checked in
23:21" on the person's page) makes staff doubt every time they read. So every time goes through an
:class:`EventClock`, and the zone's short name is added where the laptop's zone differs ("15:21 CST").

Stored times are ISO 8601 strings (UTC, with or without an offset) or aware datetimes; naive values
are read as UTC, which is how the log writes them. Qt-free.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["EventClock", "event_zone", "parse_moment"]


def event_zone(name: str | None) -> ZoneInfo:
    """The zone called ``name`` (IANA), or UTC when it is empty or unknown here."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def parse_moment(moment: str | datetime | None) -> datetime | None:
    """An aware datetime from an ISO string or datetime (naive means UTC); None if unreadable."""
    if moment is None or moment == "":
        return None
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment.strip())
        except ValueError:
            return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _offset_name(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}" + (f":{rest:02d}" if rest else "")


class EventClock:
    """Formats moments in the event's zone. ``local`` is the computer's zone (default: the process's,
    as ``TZ`` and the system set it); tests pass one to play a laptop from elsewhere."""

    def __init__(self, timezone: str | None, *, local: tzinfo | None = None) -> None:
        self.zone = event_zone(timezone)
        self.name = self.zone.key
        self._local = local

    @classmethod
    def of(cls, event: Any) -> EventClock:
        """The clock of an event row/dict (its ``timezone``)."""
        try:
            name = event["timezone"]
        except (KeyError, IndexError, TypeError):
            name = None
        return cls(str(name or "UTC"))

    # -- conversions ---------------------------------------------------------------------------
    def now(self) -> datetime:
        return datetime.now(self.zone)

    def at(self, moment: str | datetime | None) -> datetime | None:
        """``moment`` as an aware datetime in the event's zone (None if unreadable)."""
        parsed = parse_moment(moment)
        return None if parsed is None else parsed.astimezone(self.zone)

    def local_offset(self, moment: datetime) -> timedelta:
        local = moment.astimezone(self._local) if self._local is not None else moment.astimezone()
        return local.utcoffset() or timedelta()

    # -- the zone --------------------------------------------------------------------------------
    def abbreviation(self, moment: str | datetime | None = None) -> str:
        """The zone's short name at ``moment`` ("CST", "CEST", "UTC+04")."""
        when = self.at(moment) or self.now()
        name = when.tzname() or ""
        if not name or name[0] in "+-":
            return _offset_name(when.utcoffset() or timedelta())
        return name

    def differs(self, moment: str | datetime | None = None) -> bool:
        """True when the computer's clock reads differently from the event's at ``moment`` (now)."""
        when = self.at(moment) or self.now()
        return (when.utcoffset() or timedelta()) != self.local_offset(when)

    def suffix(self, moment: str | datetime | None = None) -> str:
        """" CST" when the computer's zone differs from the event's, else ""."""
        return f" {self.abbreviation(moment)}" if self.differs(moment) else ""

    def describe(self) -> str:
        """The zone in full, for tooltips and report headers: "Asia/Shanghai (CST, UTC+08)"."""
        now = self.now()
        offset = _offset_name(now.utcoffset() or timedelta())
        abbr = self.abbreviation(now)
        return f"{self.name} ({abbr})" if abbr == offset else f"{self.name} ({abbr}, {offset})"

    # -- formatting ------------------------------------------------------------------------------
    def time(self, moment: str | datetime | None, *, seconds: bool = False, date: bool | None = None,
             zone: bool = False) -> str:
        """``HH:MM`` (``HH:MM:SS``) in the event's zone; with the day ("03 Dec 15:21") when ``date``
        is True, or when it is None and the moment is not today in the event's zone; with the zone's
        short name when ``zone`` and the computer's zone differs. Unreadable input is returned as is."""
        when = self.at(moment)
        if when is None:
            return "" if moment is None else str(moment)
        text = when.strftime("%H:%M:%S" if seconds else "%H:%M")
        if date or (date is None and when.date() != self.now().date()):
            text = f"{when:%d %b} {text}"
        return text + (self.suffix(when) if zone else "")

    def stamp(self, moment: str | datetime | None, *, seconds: bool = True) -> str:
        """``YYYY-MM-DD HH:MM:SS`` in the event's zone, for CSV and reports (sortable, no zone name:
        the file says its zone once)."""
        when = self.at(moment)
        if when is None:
            return "" if moment is None else str(moment)
        return when.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
