"""The rules of attendee field values, the same for a walk-in, an edit and an import row.

Values are text, trimmed and normalised to Unicode NFC (as the importer stores names, so "Amélie"
typed on two systems is one name). The character, e-mail, code and country rules are the importer's
own (:mod:`venue_app.importer`): a value a desk may type is a value a file may carry, and back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping
from typing import Any

from venue_app.countries import FAMILY_FIRST_COUNTRIES, country_code
from venue_app.events import ATTENDEE_FIELDS, NAME_ORDERS, STATUSES
from venue_app.importer import (  # the importer's rules, so a desk refuses exactly what an import refuses
    BAD_CODE_RE,
    CONTROL_RE,
    EMAIL_RE,
    MAX_CELL_CHARS,
)
from venue_app.ops.problems import Problem

__all__ = ["EDITABLE", "MAX_CODE_CHARS", "check_fields", "name_order_for"]

#: every attendee field an operation may set (``id`` is made, ``code_norm`` derived)
EDITABLE = frozenset(ATTENDEE_FIELDS)
MAX_CODE_CHARS = 128


def name_order_for(country: str) -> str:
    """The usual order of names for an ISO country code: family name first for Chinese, Japanese,
    Korean, Hungarian, Vietnamese… names."""
    return "family-first" if country in FAMILY_FIRST_COUNTRIES else "given-first"


def check_fields(fields: Mapping[str, Any], *, categories: Collection[str] = (),
                 allowed: Collection[str] = EDITABLE) -> tuple[dict[str, str], list[Problem]]:
    """Clean values and every problem found, in the order of ``fields``.

    ``categories``: the station's category codes; when there are some, a category must be one of
    them (a station without a program takes any). An empty value clears a field.
    """
    out: dict[str, str] = {}
    problems: list[Problem] = []
    for name, raw in fields.items():
        if name not in allowed:
            problems.append(Problem(name, "unknown_field", f"not a field that can be set here; fields: "
                                    f"{', '.join(sorted(allowed))}", {"fields": sorted(allowed)}))
            continue
        value = unicodedata.normalize("NFC", "" if raw is None else str(raw)).strip()
        problem = _check(name, value, categories)
        if problem is not None:
            problems.append(problem)
            continue
        out[name] = (country_code(value) or value) if name == "country" else value
    return out, problems


def _check(name: str, value: str, categories: Collection[str]) -> Problem | None:
    if len(value) > MAX_CELL_CHARS and name != "notes":
        return Problem(name, "too_long", f"longer than {MAX_CELL_CHARS} characters", {"limit": MAX_CELL_CHARS})
    if CONTROL_RE.search(value):
        return Problem(name, "control_characters", "contains control characters (invisible, not printable)")
    if name == "code" and value and (len(value) > MAX_CODE_CHARS or BAD_CODE_RE.search(value)):
        return Problem(name, "bad_code", f"a registration code has no spaces or invisible characters and at "
                       f"most {MAX_CODE_CHARS} characters", {"limit": MAX_CODE_CHARS})
    if name == "country" and value and country_code(value) is None:
        return Problem(name, "unknown_country", f"unknown country {value!r} (use a name or an ISO code such as CN, "
                       "FR, BR)", {"value": value})
    if name == "email" and value and not EMAIL_RE.match(value):
        return Problem(name, "bad_email", f"not a valid e-mail address: {value!r}", {"value": value})
    if name == "status" and value not in STATUSES:
        return Problem(name, "bad_status", "status must be active, cancelled or blocked", {"value": value})
    if name == "name_order" and value not in NAME_ORDERS:
        return Problem(name, "bad_name_order", "name order must be given-first or family-first", {"value": value})
    if name == "category" and value and categories and value not in categories:
        return Problem(name, "unknown_category", f"unknown category {value!r}; categories: "
                       f"{', '.join(sorted(categories))}", {"value": value})
    return None
