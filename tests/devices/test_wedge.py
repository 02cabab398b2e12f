"""WedgeDecoder on recorded-style keystroke timing traces.

Traces are (text, seconds) pairs like the ones a Qt event filter sees. Scanner traces use 2–16 ms
per key (measured ranges of USB HID scanners), people 80–300 ms, a fast typist 40–120 ms with key
rollover bursts of two or three keys under 30 ms.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.events import ScanEvent
from devices.wedge import Key, WedgeDecoder


@dataclass
class Outcome:
    released: list[Key] = field(default_factory=list)
    swallowed: list[Key] = field(default_factory=list)
    scans: list[ScanEvent] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    decided: list[str] = field(default_factory=list)  # scans and incomplete scans, in order
    release_delay: list[float] = field(default_factory=list)  # how long each human key was held

    @property
    def typed(self) -> str:
        return "".join(k.text for k in self.released)


def run(decoder: WedgeDecoder, trace: list[tuple[str, float]]) -> Outcome:
    """Feed a trace as the GUI would, firing the decoder's timer at its deadlines."""
    out = Outcome()

    def take(result, now: float) -> None:
        out.released += result.release
        out.release_delay += [now - k.t for k in result.release]
        out.swallowed += result.swallow
        if result.scan is not None:
            out.scans.append(result.scan)
            out.decided.append(result.scan.text)
        if result.incomplete:
            out.incomplete.append(result.incomplete)
            out.decided.append(result.incomplete)

    for text, t in trace:
        while (deadline := decoder.deadline()) is not None and deadline <= t:
            take(decoder.poll(deadline), deadline)
        take(decoder.feed(text, t), t)
    while (deadline := decoder.deadline()) is not None:
        take(decoder.poll(deadline), deadline)
    return out


def keys(text: str, start: float, gaps: list[float] | float) -> list[tuple[str, float]]:
    trace, t = [], start
    for i, ch in enumerate(text):
        if i:
            t += gaps if isinstance(gaps, float) else gaps[(i - 1) % len(gaps)]
        trace.append((ch, t))
    return trace


def scanner(text: str, start: float = 0.0, seed: int = 1, suffix: str = "\r") -> list[tuple[str, float]]:
    rng = random.Random(seed)
    return keys(text + suffix, start, [rng.uniform(0.002, 0.016) for _ in range(len(text) + 1)])


def human(text: str, start: float = 0.0, seed: int = 2, lo: float = 0.08, hi: float = 0.30):
    rng = random.Random(seed)
    return keys(text, start, [rng.uniform(lo, hi) for _ in range(len(text) + 1)])


CODE = "VD1ABCDEFGHJKLMNPQRSTUVWXYZ234567"


def test_scanner_burst_with_enter_is_a_scan_and_nothing_leaks() -> None:
    out = run(WedgeDecoder(), scanner(CODE))
    assert [s.text for s in out.scans] == [CODE]
    assert out.released == []
    assert "".join(k.text for k in out.swallowed) == CODE + "\r"
    assert out.scans[0].source == "keyboard" and out.scans[0].raw == CODE.encode()


@pytest.mark.parametrize("suffix", ["\t", "\n"])
def test_tab_or_lf_suffix_also_ends_a_scan(suffix: str) -> None:
    out = run(WedgeDecoder(), scanner("REG-2025-00042", suffix=suffix))
    assert [s.text for s in out.scans] == ["REG-2025-00042"] and out.released == []


def test_scanner_without_suffix_ends_by_idle_gap() -> None:
    out = run(WedgeDecoder(), scanner("REG-2025-00042", suffix=""))
    assert [s.text for s in out.scans] == ["REG-2025-00042"] and out.released == []
    assert out.scans[0].monotonic == pytest.approx(scanner("REG-2025-00042", suffix="")[-1][1])


def test_human_typing_is_given_back_in_order_and_quickly() -> None:
    trace = [*human("Zhang Wei", seed=3), ("\r", 3.0)]
    out = run(WedgeDecoder(), trace)
    assert out.scans == []
    assert out.typed == "Zhang Wei\r"
    assert max(out.release_delay) <= WedgeDecoder().hold_gap + 1e-9  # never held longer than hold_gap


def test_fast_typist_with_key_rollover_is_not_a_scanner() -> None:
    # 40–120 ms between words' keys, with rollover pairs/triples at 12–25 ms ("th", "ing")
    rng = random.Random(7)
    trace, t = [], 0.0
    for word in ["the", "meeting", "starts", "in", "the", "main", "hall", "at", "nine"]:
        for i, ch in enumerate(word + " "):
            t += rng.uniform(0.012, 0.025) if i % 3 else rng.uniform(0.040, 0.120)
            trace.append((ch, t))
    trace.append(("\r", t + 0.09))
    out = run(WedgeDecoder(), trace)
    assert out.scans == []
    assert out.typed == "the meeting starts in the main hall at nine \r"


def test_four_rollover_keys_then_a_pause_are_still_human() -> None:
    trace = [*keys("asdf", 0.0, 0.015), ("g", 0.5)]
    out = run(WedgeDecoder(), trace)
    assert out.scans == [] and out.typed == "asdfg"


def test_scanner_pausing_mid_code_still_gives_one_scan() -> None:
    code = "REG-2025-ABCDEFGH-42"
    trace = keys(code[:10], 0.0, 0.006) + keys(code[10:] + "\r", 0.054 + 0.070, 0.006)  # 70 ms hiccup
    out = run(WedgeDecoder(), trace)
    assert [s.text for s in out.scans] == [code] and out.released == []


def test_scanner_hiccup_right_at_the_start_is_tolerated() -> None:
    trace = keys("RE", 0.0, 0.005) + keys("G-2025-0042\r", 0.005 + 0.045, 0.005)  # 45 ms after 2 keys
    out = run(WedgeDecoder(), trace)
    assert [s.text for s in out.scans] == ["REG-2025-0042"] and out.released == []


def test_human_keys_just_before_a_scan_are_released_not_eaten() -> None:
    trace = keys("ab", 0.0, 0.15) + scanner(CODE, start=0.15 + 0.060)
    out = run(WedgeDecoder(), trace)
    assert out.typed == "ab"
    assert [s.text for s in out.scans] == [CODE]


def test_typing_right_after_a_scan_is_human_again() -> None:
    trace = scanner(CODE) + human("hello", start=1.0)
    out = run(WedgeDecoder(), trace)
    assert [s.text for s in out.scans] == [CODE] and out.typed == "hello"


def test_two_scans_back_to_back() -> None:
    first = scanner("CODE-ONE-1")
    out = run(WedgeDecoder(), first + scanner("CODE-TWO-2", start=first[-1][1] + 0.2, seed=9))
    assert [s.text for s in out.scans] == ["CODE-ONE-1", "CODE-TWO-2"] and out.released == []


def test_short_fast_burst_with_enter_is_a_scan_but_without_enter_needs_six() -> None:
    assert [s.text for s in run(WedgeDecoder(), scanner("A1B2")).scans] == ["A1B2"]
    out = run(WedgeDecoder(), scanner("A1B2C", suffix=""))
    assert out.scans == [] and out.typed == "A1B2C"


def test_enter_alone_and_input_method_commits_pass_through() -> None:
    out = run(WedgeDecoder(), [("\r", 0.0), ("你好", 0.2), ("x", 0.21)])
    assert out.scans == [] and out.typed == "\r你好x"


def test_flush_decides_immediately() -> None:
    d = WedgeDecoder()
    for ch, t in keys("REG-2025-0042", 0.0, 0.005):
        d.feed(ch, t)
    assert d.scanning and d.pending
    result = d.flush(0.07)
    assert result.scan is not None and result.scan.text == "REG-2025-0042"
    d.feed("a", 1.0)
    assert d.flush(1.01).release == (Key("a", 1.0),)


def test_rejects_nonsense_configuration() -> None:
    with pytest.raises(ValueError):
        WedgeDecoder(max_gap=0.1, hold_gap=0.05)
    with pytest.raises(ValueError):
        WedgeDecoder(min_length=6, min_idle_length=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([*list("ab1Z-\r\t"), "你好"]),
                          st.floats(min_value=0.0001, max_value=0.4)), max_size=80))
def test_every_key_comes_back_exactly_once_in_order(steps: list[tuple[str, float]]) -> None:
    trace, t = [], 0.0
    for text, gap in steps:
        t += gap
        trace.append((text, t))
    out = run(WedgeDecoder(), trace)
    released = [k.t for k in out.released]
    swallowed = [k.t for k in out.swallowed]
    assert sorted(released + swallowed) == [t for _, t in trace]  # each key exactly once
    assert released == sorted(released)  # human keys given back in typing order
    assert swallowed == sorted(swallowed)
    assert "".join(out.decided) == "".join(k.text for k in out.swallowed if k.text not in "\r\t")


# -- real keyboards: key intervals, suffix policy, codes that break off ---------------------------

@pytest.mark.parametrize("interval", [0.002, 0.008, 0.016, 0.030, 0.040])
@pytest.mark.parametrize("suffix", ["\r", "\t", ""])
def test_scanner_intervals_from_2_to_40_ms_with_and_without_suffix(interval: float, suffix: str) -> None:
    # a scanner's own jitter: ±10 % around its configured intercharacter delay
    rng = random.Random(int(interval * 1000))
    gaps = [interval * rng.uniform(0.9, 1.1) for _ in range(len(CODE) + 1)]
    out = run(WedgeDecoder(), keys(CODE + suffix, 0.0, gaps))
    assert [s.text for s in out.scans] == [CODE] and out.released == [] and out.incomplete == []


def test_auto_suffix_learns_that_this_scanner_sends_enter() -> None:
    d = WedgeDecoder()
    assert d.suffix == "auto" and not d.requires_suffix
    first = run(d, scanner("REG-2025-00042", suffix=""))  # no suffix seen yet: the idle gap ends it
    assert [s.text for s in first.scans] == ["REG-2025-00042"]
    second = run(d, scanner("REG-2025-00043", start=2.0))
    assert [s.text for s in second.scans] == ["REG-2025-00043"] and d.requires_suffix
    # from now on a code that stops short is incomplete: swallowed, reported, never judged
    third = run(d, scanner("REG-2025-0", start=4.0, suffix=""))
    assert third.scans == [] and third.released == [] and third.incomplete == ["REG-2025-0"]


def test_half_code_then_nothing_is_incomplete_not_a_shorter_code() -> None:
    out = run(WedgeDecoder(suffix="required"), scanner("MWC-ZH-0012", suffix="")[:10])
    assert out.scans == [] and out.incomplete == ["MWC-ZH-001"] and out.typed == ""


def test_gap_of_200_ms_inside_a_code_gives_no_scan_of_either_half() -> None:
    head = keys("MWC-ZH-", 0.0, 0.008)
    tail = keys("0012\r", head[-1][1] + 0.200, 0.008)
    out = run(WedgeDecoder(suffix="required"), head + tail)
    assert out.scans == [] and out.released == []
    assert out.incomplete == ["MWC-ZH-", "0012"]  # the tail came 200 ms after the head: same broken scan


def test_scan_well_after_a_broken_one_counts_again() -> None:
    d = WedgeDecoder(suffix="required")
    out = run(d, scanner("MWC-ZH-", suffix="") + scanner("MWC-ZH-0012", start=1.5))
    assert out.incomplete == ["MWC-ZH-"] and [s.text for s in out.scans] == ["MWC-ZH-0012"]


def test_short_fast_fragment_is_given_back_but_its_tail_is_dropped() -> None:
    # four quick keys could be a typist's rollover: given back; a fast burst right after is the
    # rest of a broken scan, not a new one
    head = keys("MWC-", 0.0, 0.008)
    tail = keys("ZH-0012\r", head[-1][1] + 0.2, 0.008)
    out = run(WedgeDecoder(suffix="required"), head + tail)
    assert out.typed == "MWC-" and out.scans == [] and out.incomplete == ["ZH-0012"]


def test_no_suffix_policy_keeps_idle_ended_scans() -> None:
    d = WedgeDecoder(suffix="none")
    out = run(d, scanner("REG-2025-00042") + scanner("REG-2025-00043", start=2.0, suffix=""))
    assert [s.text for s in out.scans] == ["REG-2025-00042", "REG-2025-00043"] and not d.requires_suffix


def test_person_at_150_ms_per_key_is_never_a_scan_whatever_the_policy() -> None:
    for policy in ("auto", "required", "none"):
        out = run(WedgeDecoder(suffix=policy), keys("MWC-ZH-001\r", 0.0, 0.150))
        assert out.scans == [] and out.incomplete == [] and out.typed == "MWC-ZH-001\r"


def test_unknown_suffix_policy_is_refused() -> None:
    with pytest.raises(ValueError):
        WedgeDecoder(suffix="sometimes")
