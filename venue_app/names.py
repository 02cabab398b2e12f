"""How a person's name is shown: romanised, in the person's own order (family first for Chinese, Korean…)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["display_name"]


def display_name(person: Mapping[str, Any] | None) -> str:
    """The romanised full name in the person's order, else the native-script name, else ""."""
    if not person:
        return ""
    given, family = (person.get("given_name") or "").strip(), (person.get("family_name") or "").strip()
    first, second = (family, given) if person.get("name_order") == "family-first" else (given, family)
    name = f"{first} {second}".strip()
    return name or (person.get("native_name") or "").strip()
