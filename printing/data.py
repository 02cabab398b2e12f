"""What a badge shows: :class:`BadgeData`, built from an attendee record plus its token.

Kept a plain dataclass so rendering needs no station, no database and no Qt; the print queue and
the CLI build it from the replica, tests and benchmarks build it directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from printing.fonts import script_of
from venue_app.countries import country_name
from venue_app.settings import CATEGORY_COLOR

__all__ = ["FIELDS", "BadgeData", "compose_name"]

_NO_SPACE_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Hangul", "CJKCommon"})


def _is_cjk(text: str) -> bool:
    letters = [c for c in text if not c.isspace()]
    return bool(letters) and all(script_of(c) in _NO_SPACE_SCRIPTS for c in letters)


def compose_name(given: str, family: str, order: str = "given-first") -> str:
    """The printed full name in the attendee's convention.

    ``family-first`` (Chinese, Japanese, Korean, Hungarian, Vietnamese…) puts the family name first;
    names written in CJK characters join without a space, as they are written (王小明, 김민준).
    """
    given, family = (given or "").strip(), (family or "").strip()
    first, second = (family, given) if order == "family-first" else (given, family)
    if not first or not second:
        return first or second
    sep = "" if _is_cjk(first) and _is_cjk(second) else " "
    return f"{first}{sep}{second}"


@dataclass(frozen=True)
class BadgeData:
    """Everything one badge prints. ``token`` is what the QR encodes (the signed badge token)."""

    token: str
    given_name: str = ""
    family_name: str = ""
    native_name: str = ""
    name_order: str = "given-first"
    honorific: str = ""
    organisation: str = ""
    job_title: str = ""
    city: str = ""
    country: str = ""
    delegation: str = ""
    category: str = ""
    category_label: str = ""
    category_color: str = CATEGORY_COLOR
    event_name: str = ""
    serial: str = ""
    attendee_id: str = ""

    @property
    def display_name(self) -> str:
        return compose_name(self.given_name, self.family_name, self.name_order)

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    def value(self, name: str) -> str:
        """A template field by name (see :data:`FIELDS`)."""
        if name == "display_name":
            return self.display_name
        if name == "country_name":
            return self.country_name
        if name == "native_name":
            # printing the same name twice looks like a bug on the badge
            native = self.native_name.strip()
            return "" if native == self.display_name else native
        if name == "job_title" and self.job_title.strip().casefold() == self.honorific.strip().casefold():
            return ""  # "Mayor" as honorific and as job title: print it once
        if name == "category_label":
            return self.category_label or self.category
        return str(getattr(self, name) or "")

    @classmethod
    def from_attendee(
        cls,
        attendee: Mapping[str, Any],
        *,
        token: str,
        serial: str = "",
        category_label: str = "",
        category_color: str = "",
        event_name: str = "",
    ) -> BadgeData:
        """Build from an attendee row (``venue_app`` attendee columns); unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values = {k: ("" if v is None else str(v)) for k, v in attendee.items() if k in known}
        values.pop("token", None)
        values["attendee_id"] = str(attendee.get("id") or attendee.get("attendee_id") or "")
        if category_label:
            values["category_label"] = category_label
        if category_color:
            values["category_color"] = category_color
        return cls(
            token=token,
            serial=serial,
            event_name=event_name,
            **{k: v for k, v in values.items() if k not in ("serial", "event_name")},
        )


#: the fields a template text box may name
FIELDS: tuple[str, ...] = (
    "display_name",
    "given_name",
    "family_name",
    "native_name",
    "honorific",
    "organisation",
    "job_title",
    "city",
    "country",
    "country_name",
    "delegation",
    "category",
    "category_label",
    "event_name",
    "serial",
)
