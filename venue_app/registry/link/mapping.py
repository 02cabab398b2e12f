"""pretix order positions → attendee records (pure functions, no I/O).

A record is ``{"external_id", "fields": {attendee field: value}, "status"}``: what the registry's one
attendee upsert takes, under the source ``pretix:ORGANIZER/EVENT`` (:func:`source_name`). ``external_id`` is
the position's id (stable for its life; its secret may be regenerated). The ticket secret becomes the registration
code, so a station scans the code from pretix's e-mail or app.

Names follow the position's own name scheme (``attendee_name_parts["_scheme"]``; one event may hold
several after a scheme change):

* ``given_family`` and other given-first schemes: given (+ middle) and family name, given-first;
* ``family_nospace_given``, ``family_given`` (CJK and Hungarian style): given and family name,
  family-first (the badge and search put the family name first);
* ``full_transcription``: the name as written natively → ``native_name``, its Latin transcription →
  ``given_name`` (split into given and family is not known, so it stays whole);
* ``full`` and anything else with only a full name: the whole name as ``given_name``;
* a title or salutation → ``honorific``; no name at all → empty names (the code still scans).

Status: a paid order, or a pending one pretix lets in (``valid_if_pending``) → ``active``; a pending
(unpaid) order → ``blocked`` (pretix's own scanners refuse it as ``unpaid``); a cancelled or expired
order, or a cancelled position → ``cancelled``; a blocked position → ``blocked``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

__all__ = ["category_code", "map_position", "source_name"]

_FAMILY_FIRST = {"family_nospace_given", "family_given", "family_calling_given", "family_given_middle",
                 "family_nospace_given_middle"}


def source_name(organizer: str, event: str) -> str:
    """The upsert's source of one pretix event's positions."""
    return f"pretix:{organizer}/{event}"


def category_code(item_name: str, category_map: Mapping[str, str] | None = None,
                  item_id: int | None = None) -> str:
    """The category of an item: from the map (by item name, or id as text), else the item's name made a code
    (``Press & Media`` → ``PRESS_MEDIA``)."""
    if category_map:
        for key in (item_name, str(item_id) if item_id is not None else None):
            if key is not None and key in category_map:
                return str(category_map[key])
    text = unicodedata.normalize("NFKC", item_name).strip()
    code = re.sub(r"[^\w]+", "_", text).strip("_").upper()
    return code[:64] or (f"ITEM_{item_id}" if item_id is not None else "PRETIX")


def _names(parts: Any, full: str) -> dict[str, str]:
    out = {"given_name": "", "family_name": "", "native_name": "", "name_order": "given-first", "honorific": ""}
    if not isinstance(parts, Mapping) or not parts:
        out["given_name"] = (full or "").strip()
        return out
    scheme = str(parts.get("_scheme") or "")
    text = {k: str(v).strip() for k, v in parts.items() if isinstance(v, str) and not k.startswith("_")}
    honorific = " ".join(x for x in (text.get("salutation", ""), text.get("title", "")) if x)
    out["honorific"] = honorific
    if scheme == "full_transcription" or ("latin_transcription" in text and "full_name" in text):
        out["native_name"] = text.get("full_name", "")
        out["given_name"] = text.get("latin_transcription", "") or text.get("full_name", "")
        return out
    given = " ".join(x for x in (text.get("given_name", ""), text.get("middle_name", "")) if x)
    family = text.get("family_name", "")
    if given or family:
        out["given_name"], out["family_name"] = given, family
        if scheme in _FAMILY_FIRST:
            out["name_order"] = "family-first"
        return out
    out["given_name"] = text.get("full_name", "") or text.get("calling_name", "") or (full or "").strip()
    return out


def map_position(position: Mapping[str, Any], order: Mapping[str, Any], *, organizer: str, event: str,
                 items: Mapping[int, str], category_map: Mapping[str, str] | None = None,
                 blocked_secrets: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The attendee record of one position of ``order`` (an order as ``orders/`` returns it)."""
    fields: dict[str, Any] = dict(_names(position.get("attendee_name_parts"), str(position.get("attendee_name") or "")))
    item_id = position.get("item")
    item_name = items.get(item_id, f"item {item_id}") if isinstance(item_id, int) else "item"
    secret = str(position.get("secret") or "")
    fields.update({
        "code": secret,
        "organisation": str(position.get("company") or ""),
        "country": str(position.get("country") or "").upper()[:2],
        "city": str(position.get("city") or ""),
        "email": str(position.get("attendee_email") or order.get("email") or ""),
        "phone": str(order.get("phone") or ""),
        "language": str(order.get("locale") or ""),
        "category": category_code(item_name, category_map, item_id if isinstance(item_id, int) else None),
    })
    order_status = str(order.get("status") or "")
    status, why = "active", "paid"
    if position.get("canceled"):
        status, why = "cancelled", "position cancelled"
    elif order_status in ("c", "e"):
        status, why = "cancelled", "order cancelled" if order_status == "c" else "order expired"
    elif position.get("blocked") or secret in blocked_secrets:
        status, why = "blocked", "blocked in pretix"
    elif order_status == "n" and not order.get("valid_if_pending"):
        status, why = "blocked", "order not paid"
    elif order_status not in ("p", "n"):
        status, why = "blocked", f"unknown order status {order_status!r}"
    return {"external_id": str(position.get("id", "")), "source": source_name(organizer, event), "fields": fields,
            "status": status, "why": why, "order": str(order.get("code") or ""),
            "checkins": [c for c in position.get("checkins") or [] if isinstance(c, Mapping)]}

