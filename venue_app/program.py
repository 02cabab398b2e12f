"""The demo event program of the 13th Metropolis World Congress, Guangzhou.

:func:`program` returns the event, categories, rooms and sessions as plain dicts whose keys are the
columns of the replica tables (``categories``, ``rooms``, ``sessions``; lists are lists, not JSON):
a 2,000-seat plenary, 300-seat halls, 40-seat workshops (capacity enforced), an exhibition hall, a
press room and a VIP lounge only heads of delegation (and organisers) may enter, with sessions
over three days. Deterministic for a seed (the seed only shuffles which topic goes where).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

__all__ = ["CONGRESS_DAYS", "EVENT_NAME", "TIMEZONE", "program"]

EVENT_NAME = "13th Metropolis World Congress"
TIMEZONE = "Asia/Shanghai"
CONGRESS_DAYS = (date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3))

_ALL_BUT_VIP = ["plenary", "hall-a", "hall-b", "hall-c", "ws-1", "ws-2", "ws-3", "ws-4", "ws-5", "ws-6",
                "expo"]
CATEGORIES: tuple[dict[str, Any], ...] = (
    {"code": "HOD", "label": "Head of delegation", "color": "#b71c1c", "rooms": ["*"]},
    {"code": "DEL", "label": "Delegate", "color": "#1565c0", "rooms": _ALL_BUT_VIP},
    {"code": "PAR", "label": "Participant", "color": "#0277bd", "rooms": _ALL_BUT_VIP},
    {"code": "SPK", "label": "Speaker", "color": "#6a1b9a", "rooms": [*_ALL_BUT_VIP, "press"]},
    {"code": "PRS", "label": "Press", "color": "#ef6c00", "rooms": ["plenary", "hall-a", "hall-b", "hall-c",
                                                                    "expo", "press"]},
    {"code": "EXH", "label": "Exhibitor", "color": "#2e7d32", "rooms": ["expo", "plenary"]},
    {"code": "ORG", "label": "Organiser", "color": "#37474f", "rooms": ["*"]},
    {"code": "VOL", "label": "Volunteer", "color": "#00838f", "rooms": [*_ALL_BUT_VIP, "press"]},
)
ROOMS: tuple[dict[str, Any], ...] = (
    {"id": "plenary", "name": "Plenary Hall", "capacity": 2000, "policy": "warn", "zone": "Level 1"},
    {"id": "hall-a", "name": "Hall A — Resilience", "capacity": 300, "policy": "warn", "zone": "Level 2"},
    {"id": "hall-b", "name": "Hall B — Housing", "capacity": 300, "policy": "warn", "zone": "Level 2"},
    {"id": "hall-c", "name": "Hall C — Mobility", "capacity": 300, "policy": "warn", "zone": "Level 2"},
    *({"id": f"ws-{i}", "name": f"Workshop Room {i}", "capacity": 40, "policy": "block", "zone": "Level 3"}
      for i in range(1, 7)),
    {"id": "expo", "name": "Exhibition Hall", "capacity": 1500, "policy": "warn", "zone": "Level 1"},
    {"id": "press", "name": "Press Room", "capacity": 80, "policy": "block", "zone": "Level 1"},
    {"id": "vip", "name": "VIP Lounge", "capacity": 60, "policy": "block", "zone": "Level 4"},
)
_TOPICS = (
    "Climate action in metropolitan areas", "Housing for all", "Resilient cities and disaster risk",
    "Digital cities and data governance", "Public transport and active mobility",
    "Gender equality in the city", "Metropolitan governance", "Water and sanitation",
    "Public space for people",
    "Financing urban infrastructure",
    "Culture and heritage", "Ageing cities", "Urban health", "Informal settlements", "Food systems",
    "Circular economy", "Tourism after the pandemic", "Youth and the city",
)
_WORKSHOPS = (
    "Participatory budgeting lab", "Open data hands-on", "Heat action plans", "Bus rapid transit design",
    "Nature-based solutions clinic", "Metropolitan indicators", "City diplomacy 101", "Inclusive procurement",
)


def _at(day: date, hh: int, mm: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hh, mm).isoformat(timespec="minutes")


def program(seed: int = 13) -> dict[str, Any]:
    """The demo event: ``{"event", "categories", "rooms", "sessions"}``."""
    rng = random.Random(seed)
    topics = list(_TOPICS)
    rng.shuffle(topics)
    workshops = list(_WORKSHOPS)
    rng.shuffle(workshops)
    everyone = [c["code"] for c in CATEGORIES if c["code"] != "EXH"]
    sessions: list[dict[str, Any]] = []

    def add(room: str, title: str, day: date, start: tuple[int, int], minutes: int,
            categories: list[str], capacity: int | None = None) -> None:
        begin = datetime(day.year, day.month, day.day, *start)
        sessions.append({
            "id": f"d{CONGRESS_DAYS.index(day) + 1}-{room}-{start[0]:02d}{start[1]:02d}",
            "room_id": room, "title": title, "starts": begin.isoformat(timespec="minutes"),
            "ends": (begin + timedelta(minutes=minutes)).isoformat(timespec="minutes"),
            "categories": categories, "capacity": capacity,
        })

    topic = iter(topics * 3)
    workshop = iter(workshops * 6)
    for number, day in enumerate(CONGRESS_DAYS, start=1):
        opening = {1: "Opening ceremony", 2: "Mayors' plenary: the metropolis we want",
                   3: "Closing plenary and Guangzhou Declaration"}[number]
        add("plenary", opening, day, (9, 0), 90, [*everyone, "EXH"])
        add("vip", "Heads of delegation breakfast" if number != 2 else "Mayors' roundtable (closed)",
            day, (8, 0) if number != 2 else (11, 0), 60 if number != 2 else 90, ["HOD", "ORG"])
        for slot in ((11, 0), (14, 0), (16, 0)):
            for hall in ("hall-a", "hall-b", "hall-c"):
                add(hall, next(topic), day, slot, 90, everyone)
        for slot in ((11, 0), (14, 0)):
            for ws in range(1, 4 if number != 3 else 7):
                add(f"ws-{ws}", next(workshop), day, slot, 75, ["HOD", "DEL", "PAR", "SPK", "ORG"])
        add("press", "Press briefing", day, (12, 45), 45, ["PRS", "SPK", "ORG", "HOD"])
        add("expo", "Exhibition open", day, (9, 0), 540, [*everyone, "EXH"])
    return {
        "event": {"name": EVENT_NAME, "timezone": TIMEZONE, "starts": _at(CONGRESS_DAYS[0], 8),
                  "ends": _at(CONGRESS_DAYS[-1], 18), "languages": ["zh", "en", "fr", "es", "ar", "ru"],
                  "city": "Guangzhou", "country": "CN"},
        "categories": [dict(c) for c in CATEGORIES],
        "rooms": [dict(r) for r in ROOMS],
        "sessions": sessions,
    }
