"""The state of the registry's link with a registration system (pretix), as stations hold it.

The registry's link runner (:mod:`venue_app.registry.link`) appends a ``link_status`` feed item when the
link's state changes; a station keeps the last one in its replica's meta (:data:`LINK_META`, by
:mod:`venue_app.sync.apply` or a first-sync snapshot) and the dashboard shows it
(:mod:`venue_app.views.dashboard`). It carries no personal data: every role may hold it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["KIND", "LINK_META", "STATES", "WARN_STATES", "clean"]

#: the feed item kind
KIND = "link_status"
#: the station replica's meta key holding the last one
LINK_META = "registry_link"
STATES = frozenset({"ok", "starting", "failing", "stopped"})
#: the states a dashboard warns about
WARN_STATES = frozenset({"failing", "stopped"})


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def clean(data: Any) -> dict[str, Any] | None:
    """The fields of a ``link_status`` item a station keeps and shows (checked and bounded: the words are
    shown as they are), or None when ``data`` is not one: ``system``, ``state`` (:data:`STATES`), ``words``,
    ``since`` (ISO time), ``pending`` and ``refused`` (check-ins waiting to be sent, refused)."""
    if not isinstance(data, Mapping) or data.get("state") not in STATES:
        return None
    return {"system": str(data.get("system") or "")[:32], "state": str(data["state"]),
            "words": str(data.get("words") or "")[:500], "since": str(data.get("since") or "")[:40],
            "pending": _count(data.get("pending")), "refused": _count(data.get("refused"))}
