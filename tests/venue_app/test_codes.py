"""Normalisation of raw scans."""

from __future__ import annotations

import pytest

from venue_app.codes import MAX_SCAN, normalise, normalise_code


@pytest.mark.parametrize(("raw", "expected"), [
    ("ABC123\r\n", "ABC123"),
    ("  ABC123\t", "ABC123"),
    ("]Q1ABC123\r", "ABC123"),
    ("]C0ABC123", "ABC123"),
    ("ＡＢＣ１２３", "ABC123"),           # full-width from an active input method
    ("AB\x00C\x1b1\x7f23", "ABC123"),
    ("AB\u200bC123\ufeff", "ABC123"),
    (b"ABC123\r\n", "ABC123"),
    ("José", "José"),
])
def test_normalise(raw: str | bytes, expected: str) -> None:
    assert normalise(raw).text == expected


@pytest.mark.parametrize(("raw", "problem"), [
    ("", "empty scan"),
    ("\r\n\t ", "empty scan"),
    (b"\xff\xfe\x00garbage", "unreadable characters (not text)"),
    ("A" * (MAX_SCAN + 1), "scan too long"),
    (b"A" * (MAX_SCAN + 1), "scan too long"),
])
def test_unusable_scans_say_why(raw: str | bytes, problem: str) -> None:
    result = normalise(raw)
    assert result.text == "" and result.problem == problem


def test_codes_compare_case_and_space_insensitively() -> None:
    assert normalise_code(" mwc-zh 001 ") == "MWC-ZH001"
