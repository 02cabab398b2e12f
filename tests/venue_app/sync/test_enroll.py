"""Enrolment codes as a station meets them, against the real registry over TLS: a code replayed after use, or
mistyped, is refused in words that say what to do, the station folder is left without credentials (nothing
half-enrolled), and the same folder enrols with a fresh code afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from venue_app.paths import Paths
from venue_app.sync.client import Unauthorized
from venue_app.sync.enroll import enroll


def test_a_code_replayed_after_use_is_refused_in_words(registry, tmp_path: Path) -> None:
    code = registry.enroll_code("First desk")
    with enroll(Paths(tmp_path / "first"), registry.url, code, name="First desk") as first:
        assert first.replica.get_meta("station_id")
    second = Paths(tmp_path / "second")
    with pytest.raises(Unauthorized, match=r"already used .* Ask congress IT for a new code"):
        enroll(second, registry.url, code, name="Copycat desk")
    assert not (second.keys_dir / "registry.token").exists()
    pin = code.split("#")[1]
    with pytest.raises(Unauthorized, match="does not know this enrolment code: check it was typed right"):
        enroll(second, registry.url, f"AAAA-BBBB-CCCC-DDDD#{pin}", name="Copycat desk")
    with enroll(second, registry.url, registry.enroll_code("Second desk"), name="Second desk") as st:
        assert st.replica.get_meta("station_name") == "Second desk"
        assert st.registry_token() and st.replica.get_meta("station_id") != first.station_id
