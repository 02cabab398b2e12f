"""A door's read model (venue_app.views.door): count, capacity, state and the rule in force."""

from __future__ import annotations

from typing import Any

import pytest

from venue_app.errors import ConfigError
from venue_app.ops.rooms import adjust_count
from venue_app.views.door import door_view


def test_the_door_view_follows_the_count_and_refuses_an_unknown_room(station: Any) -> None:
    station.load_program({"rooms": [{"id": "hall", "name": "Hall B", "zone": "East", "capacity": 4,
                                     "policy": "block"}]})
    view = door_view(station, "hall")
    assert (view["name"], view["zone"], view["count"], view["capacity"], view["state"]) == ("Hall B", "East", 0,
                                                                                           4, "normal")
    assert view["policy"] == "block" and "rule" in view and "session" in view
    adjust_count(station, "hall", 4, anonymous=True)
    assert (door_view(station, "hall")["count"], door_view(station, "hall")["state"]) == (4, "full")
    with pytest.raises(ConfigError, match="unknown room 'nowhere'"):
        door_view(station, "nowhere")
