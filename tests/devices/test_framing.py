"""FrameAssembler and DuplicateFilter: pure framing logic, fed with explicit timestamps."""

from __future__ import annotations

import itertools
import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.events import RejectedFrame, ScanEvent
from devices.framing import REASONS, DuplicateFilter, FrameAssembler, decode_frame, non_text_ratio


def scans(items: list) -> list[str]:
    return [i.text for i in items if isinstance(i, ScanEvent)]


def rejects(items: list) -> list[str]:
    return [i.reason for i in items if isinstance(i, RejectedFrame)]


@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n"])
def test_each_terminator_ends_a_frame(terminator: bytes) -> None:
    asm = FrameAssembler("t")
    out = asm.feed(b"ABC123" + terminator + b"XYZ789" + terminator, 1.0)
    assert scans(out) == ["ABC123", "XYZ789"]
    assert all(isinstance(i, ScanEvent) and i.monotonic == 1.0 for i in out)
    assert out[0].raw == b"ABC123"  # raw is without the terminator
    assert asm.pending == 0 and asm.deadline() is None


def test_frame_split_across_feeds_and_crlf_split_between_them() -> None:
    asm = FrameAssembler("t")
    assert asm.feed(b"HEL", 1.0) == []
    assert asm.feed(b"LO-42", 1.01) == []
    assert scans(asm.feed(b"\r", 1.02)) == ["HELLO-42"]
    assert asm.feed(b"\n", 1.021) == []  # the LF of a CRLF split off: no empty scan, no rejection
    assert asm.rejected == 0


def test_idle_gap_ends_a_frame_for_scanners_without_suffix() -> None:
    asm = FrameAssembler("t", idle_gap=0.05)
    assert asm.feed(b"NOSUFFIX1", 10.0) == []
    assert asm.deadline() == pytest.approx(10.05)
    assert asm.poll(10.049) == []
    out = asm.poll(10.05)
    assert scans(out) == ["NOSUFFIX1"]
    assert out[0].monotonic == pytest.approx(10.05)
    # a late poll does not matter: the next bytes end the previous frame by its gap first
    asm.feed(b"FIRST-1", 11.0)
    out = asm.feed(b"SECOND-2", 11.2)
    assert scans(out) == ["FIRST-1"]
    assert scans(asm.poll(11.3)) == ["SECOND-2"]


def test_idle_gap_can_be_disabled() -> None:
    asm = FrameAssembler("t", idle_gap=None)
    asm.feed(b"WAITING", 0.0)
    assert asm.deadline() is None and asm.poll(100.0) == []
    assert scans(asm.feed(b"\r", 100.0)) == ["WAITING"]


def test_scanner_known_to_send_terminators_gets_no_half_codes() -> None:
    asm = FrameAssembler("t", idle_gap=0.05, stale_after=0.5)
    assert scans(asm.feed(b"FULL-001\r", 0.0)) == ["FULL-001"]
    asm.feed(b"HALF-0", 1.0)
    assert asm.poll(1.2) == []  # a terminator scanner is allowed a longer pause
    assert rejects(asm.poll(1.5)) == ["incomplete"]
    assert scans(asm.feed(b"FULL-002\r", 2.0)) == ["FULL-002"]
    asm.reset()  # after a reconnect it may be another scanner: idle-gap framing again
    asm.feed(b"NOSUFFIX", 3.0)
    assert scans(asm.poll(3.05)) == ["NOSUFFIX"]


def test_oversized_frame_is_rejected_once_and_the_stream_recovers() -> None:
    asm = FrameAssembler("t", max_frame=4096)
    out = asm.feed(b"A" * 3000, 0.0)
    assert out == []
    out = asm.feed(b"B" * 3000, 0.001)  # rejected as soon as the limit is passed
    assert rejects(out) == ["too_long"]
    assert out[0].length == 6000 and len(out[0].raw) <= 64
    assert "4096" in out[0].message
    assert asm.feed(b"C" * 10_000, 0.002) == []  # still the same frame: skipped silently
    assert scans(asm.feed(b"\rGOOD-123\r", 0.003)) == ["GOOD-123"]


def test_exactly_max_frame_is_accepted() -> None:
    asm = FrameAssembler("t", max_frame=4096)
    assert scans(asm.feed(b"Q" * 4096 + b"\r", 0.0)) == ["Q" * 4096]


@pytest.mark.parametrize("frame", [b"\x00\x01\x02\xff\xfe\xfd", b"\x1b[2J\x1b[H\x07\x08", b"\xff" * 40])
def test_binary_frames_are_rejected_with_a_reason(frame: bytes) -> None:
    asm = FrameAssembler("t")
    out = asm.feed(frame + b"\r", 0.0)
    assert rejects(out) == ["binary"]
    assert out[0].message == REASONS["binary"]


def test_gs1_separators_and_legacy_code_pages_are_text() -> None:
    asm = FrameAssembler("t")
    gs1 = b"]d2010950600013435215\x1d10ABC123"
    latin = "Müller-Straße-7".encode("cp1252")
    utf8 = "李伟-2025".encode()
    out = asm.feed(gs1 + b"\r" + latin + b"\r" + utf8 + b"\r", 0.0)
    assert scans(out) == [gs1.decode(), "Müller-Straße-7", "李伟-2025"]


def test_fragments_are_too_short() -> None:
    asm = FrameAssembler("t", min_length=3)
    assert rejects(asm.feed(b"A\rOK\r", 0.0)) == ["too_short", "too_short"]
    assert asm.feed(b"  \r\r\n", 0.0) == []  # blank lines are not even worth a rejection


def test_duplicate_within_a_second_counts_once_and_the_window_slides() -> None:
    asm = FrameAssembler("t", dedupe_window=1.0)
    assert scans(asm.feed(b"DUP-1\r", 0.0)) == ["DUP-1"]
    assert asm.feed(b"DUP-1\r", 0.3) == []
    assert asm.feed(b"DUP-1\r", 1.2) == []  # 0.9 s after the previous repeat: still the same read
    assert scans(asm.feed(b"OTHER-2\rDUP-1\r", 1.3)) == ["OTHER-2"]
    assert scans(asm.feed(b"DUP-1\r", 2.5)) == ["DUP-1"]  # a real second scan, 1.2 s later
    assert asm.duplicates == 3
    other_source = FrameAssembler("u")  # the window is per scanner
    assert scans(other_source.feed(b"DUP-1\r", 2.6)) == ["DUP-1"]


def test_duplicate_filter_bounds_its_memory_and_can_be_disabled() -> None:
    f = DuplicateFilter(window=1.0, max_entries=10)
    for i in range(100):
        assert not f.is_duplicate(f"C{i}", i * 0.001)
    assert len(f._last_seen) == 10
    off = DuplicateFilter(window=0)
    assert not off.is_duplicate("X", 0.0) and not off.is_duplicate("X", 0.0)


def test_one_megabyte_of_random_bytes() -> None:
    data = os.urandom(1 << 20)
    asm = FrameAssembler("t")
    out: list = []
    started = time.perf_counter()
    for i in range(0, len(data), 4096):
        out += asm.feed(data[i:i + 4096], i * 1e-6)
    out += asm.poll(10.0)
    out += asm.feed(b"\rREAL-CODE-1\r", 11.0)
    elapsed = time.perf_counter() - started
    assert elapsed < 5.0, f"framing 1 MB took {elapsed:.2f} s"
    reasons = set(rejects(out))
    assert reasons <= set(REASONS) and "binary" in reasons
    assert scans(out)[-1] == "REAL-CODE-1"  # the stream recovers after the garbage
    for item in out:
        if isinstance(item, ScanEvent):
            assert non_text_ratio(item.raw) <= 0.2 and b"\r" not in item.raw and b"\n" not in item.raw
    # random data looks like text only by chance: almost everything is rejected
    assert len(scans(out)) < len(rejects(out)) / 5


def test_decode_frame_prefers_utf8() -> None:
    assert decode_frame("é".encode()) == "é"
    assert decode_frame(b"\xe9") == "é"  # Windows-1252 fallback
    assert decode_frame(b"  CODE \t") == "CODE"


# -- properties ----------------------------------------------------------------------------------

chunks = st.lists(st.binary(max_size=300), max_size=30)


@settings(max_examples=300, deadline=None)
@given(chunks, st.integers(min_value=16, max_value=512))
def test_fuzz_never_crashes_and_keeps_its_promises(parts: list[bytes], max_frame: int) -> None:
    asm = FrameAssembler("fuzz", max_frame=max_frame, min_length=1, dedupe_window=0)
    t = 0.0
    out: list = []
    for part in parts:
        t += 0.01
        out += asm.feed(part, t)
    out += asm.poll(t + 10)
    for item in out:
        if isinstance(item, ScanEvent):
            assert item.text and b"\r" not in item.raw and b"\n" not in item.raw
            assert len(item.raw) <= max_frame
        else:
            assert item.reason in REASONS and len(item.raw) <= 64
    assert asm.pending == 0


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.lists(st.integers(min_value=0, max_value=2000), max_size=20))
def test_fuzz_splitting_the_stream_never_changes_the_result(data: bytes, cuts: list[int]) -> None:
    whole = FrameAssembler("s", dedupe_window=0).feed(data, 1.0)
    asm = FrameAssembler("s", dedupe_window=0)
    pieces: list = []
    bounds = sorted({0, len(data), *(min(c, len(data)) for c in cuts)})
    for a, b in itertools.pairwise(bounds):
        pieces += asm.feed(data[a:b], 1.0)
    def key(i: ScanEvent | RejectedFrame) -> tuple:
        return (type(i).__name__, i.raw, getattr(i, "reason", ""))

    assert [key(i) for i in pieces] == [key(i) for i in whole]


code_text = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789-", min_size=3, max_size=80)


@settings(max_examples=200, deadline=None)
@given(st.lists(code_text, min_size=1, max_size=20, unique=True), st.sampled_from([b"\r", b"\n", b"\r\n"]))
def test_fuzz_codes_come_out_as_sent(codes: list[str], terminator: bytes) -> None:
    asm = FrameAssembler("c")
    stream = b"".join(c.encode() + terminator for c in codes)
    assert scans(asm.feed(stream, 0.0)) == codes
