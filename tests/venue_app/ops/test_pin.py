"""The supervisor PIN (venue_app.ops.pin): a rule, a salted hash in the settings, a check."""

from __future__ import annotations

from typing import Any

import pytest

from venue_app.ops import InvalidInput, check_pin, hash_pin, pin_problem, set_pin, supervisor_pin_ok


def test_set_and_check(station: Any) -> None:
    settings = station.settings
    assert not supervisor_pin_ok(settings, "1234")  # none set: nothing matches
    set_pin(settings, "9753", iterations=1000)
    stored = str(settings["supervisor_pin_hash"])
    assert "9753" not in stored and stored.startswith("pbkdf2_sha256$1000$")
    assert supervisor_pin_ok(settings, "9753") and not supervisor_pin_ok(settings, "9754")
    for bad in ("", "123", "12a4", "١٢٣٤"):  # Arabic-Indic digits are digits to Python, not on a keypad
        with pytest.raises(InvalidInput, match="at least 4 digits"):
            set_pin(settings, bad)
        assert pin_problem(bad) is not None
    assert settings["supervisor_pin_hash"] == stored  # a refused PIN leaves the old one


def test_hashes_are_salted_and_damaged_hashes_match_nothing() -> None:
    one, two = hash_pin("2468", iterations=1000), hash_pin("2468", iterations=1000)
    assert one != two and check_pin("2468", one) and check_pin("2468", two)
    # the format of hashes stored by earlier versions still checks
    assert check_pin("1234", hash_pin("1234", salt="00" * 16, iterations=200_000))
    for damaged in ("", "pbkdf2_sha256$x$00$ff", "md5$1$00$ff", "pbkdf2_sha256$1000$zz$ff", one[:-1] + "$"):
        assert not check_pin("2468", damaged)
