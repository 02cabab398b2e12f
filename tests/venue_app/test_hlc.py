"""Hybrid logical clock."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from venue_app.hlc import HLC, MAX_DRIFT_MS, Clock, format_hlc, parse_hlc


def test_monotonic_even_when_the_wall_clock_goes_back() -> None:
    wall = [1_000_000]
    clock = Clock("s1", wall=lambda: wall[0])
    seen = [clock.now()]
    for step in (5, -500, 0, 0, 3, -10_000, 20_000):
        wall[0] += step
        seen.append(clock.now())
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert [str(x) for x in seen] == sorted(str(x) for x in seen)


def test_observe_moves_forward_and_clamps_the_absurd() -> None:
    clock = Clock("s1", wall=lambda: 1_000_000)
    remote, clamped = clock.observe(HLC(1_000_500, 7, "s2"))
    assert not clamped and clock.now() > remote
    remote, clamped = clock.observe(HLC(1_000_000 + MAX_DRIFT_MS * 10, 0, "evil"))
    assert clamped and remote.ms == 1_000_000 + MAX_DRIFT_MS


@given(st.integers(0, 10**13 - 1), st.integers(0, 999_999), st.uuids().map(str))
def test_text_form_round_trips_and_sorts(ms: int, counter: int, station: str) -> None:
    ts = HLC(ms, counter, station)
    assert parse_hlc(format_hlc(ts)) == ts
    later = HLC(ms, counter + 1, station) if counter < 999_999 else HLC(ms + 1, 0, station)
    assert format_hlc(ts) < format_hlc(later)
