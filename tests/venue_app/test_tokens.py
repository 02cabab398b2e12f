"""Badge tokens: issue, verify, and reject every damaged, foreign or forged reading."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from venue_app.keys import SigningKey
from venue_app.tokens import (
    PREFIX,
    BadgeClaims,
    encode_token,
    layout_readings,
    looks_like_token,
    new_serial,
    verify_token,
)

EVENT_TAG = "0a1b2c3d"
KEY = SigningKey.generate()
OTHER_KEY = SigningKey.generate()
KEYRING = {KEY.key_id: [KEY.public]}

categories = st.text(alphabet=string.ascii_uppercase + string.digits + "-_", min_size=0, max_size=32)


def make(category: str = "DELEGATE", key: SigningKey = KEY, tag: str = EVENT_TAG) -> str:
    return encode_token(BadgeClaims(tag, new_serial(), category, key.key_id), key)


@given(categories)
def test_every_issued_token_verifies(category: str) -> None:
    token = make(category)
    assert token.startswith(PREFIX)
    assert set(token) <= set(string.ascii_uppercase + "234567" + "1")  # QR alphanumeric, no padding
    check = verify_token(token, EVENT_TAG, KEYRING)
    assert check.status == "ok"
    assert check.claims is not None and check.claims.category == category
    assert check.repaired is None


def _is_layout_reading_of(mutated: str, original: str) -> bool:
    # a mutation that is exactly a keyboard-layout (or caps lock) misreading of the genuine badge
    # is *meant* to be repaired: it is the same badge
    return any(reading == original for reading, _ in layout_readings(mutated))


@given(st.data())
def test_any_single_character_change_is_rejected(data: st.DataObject) -> None:
    token = make()
    pos = data.draw(st.integers(0, len(token) - 1))
    char = data.draw(st.sampled_from(string.ascii_uppercase + string.digits + "=/+"))
    mutated = token[:pos] + char + token[pos + 1:]
    if mutated == token or _is_layout_reading_of(mutated, token):
        return
    assert verify_token(mutated, EVENT_TAG, KEYRING).status != "ok"


@given(st.data())
def test_truncation_and_extension_are_rejected(data: st.DataObject) -> None:
    token = make()
    cut = data.draw(st.integers(0, len(token) - 1))
    assert verify_token(token[:cut], EVENT_TAG, KEYRING).status != "ok"
    extra = data.draw(st.text(alphabet=string.ascii_uppercase + "234567", min_size=1, max_size=16))
    assert verify_token(token + extra, EVENT_TAG, KEYRING).status != "ok"


def test_token_of_another_event_is_wrong_event() -> None:
    token = make(tag="ffffffff")
    assert verify_token(token, EVENT_TAG, KEYRING).status == "wrong_event"


def test_token_signed_by_unknown_key_is_untrusted() -> None:
    token = make(key=OTHER_KEY)
    assert verify_token(token, EVENT_TAG, KEYRING).status == "untrusted_issuer"


def test_forged_signature_with_known_key_id_is_invalid() -> None:
    # same key id as the trusted key but another private key: the signature decides
    impostor = {KEY.key_id: [OTHER_KEY.public]}
    assert verify_token(make(), EVENT_TAG, impostor).status == "invalid"


def test_qwertz_reading_is_repaired_only_when_it_verifies() -> None:
    token = next(t for t in (make() for _ in range(200)) if "Y" in t or "Z" in t)
    swapped = token.translate(str.maketrans("YZ", "ZY"))
    check = verify_token(swapped, EVENT_TAG, KEYRING)
    assert check.status == "ok" and check.repaired == "qwertz" and check.reading == token
    # a swapped reading of a token we cannot verify is not "repaired" into anything
    foreign = make(key=OTHER_KEY).translate(str.maketrans("YZ", "ZY"))
    assert verify_token(foreign, EVENT_TAG, KEYRING).status != "ok"


def test_azerty_and_caps_lock_readings_are_repaired() -> None:
    token = make()
    azerty = token.translate(str.maketrans({"A": "Q", "Q": "A", "Z": "W", "W": "Z", "1": "&", "2": "é",
                                            "3": '"', "4": "'", "5": "(", "6": "-", "7": "è"}))
    assert looks_like_token(azerty)
    check = verify_token(azerty.upper(), EVENT_TAG, KEYRING)
    assert check.status == "ok" and check.repaired == "azerty"
    assert verify_token(token.lower(), EVENT_TAG, KEYRING).status == "ok"


@pytest.mark.parametrize("garbage", ["", "VD1", "VD1" + "A" * 10, "VD1" + "=" * 150, "VD1" + "Ä" * 150,
                                     "VD1" + "A" * 4000])
def test_garbage_with_prefix_is_invalid(garbage: str) -> None:
    assert verify_token(garbage, EVENT_TAG, KEYRING).status == "invalid"


def test_short_codes_are_not_tokens() -> None:
    assert not looks_like_token("VD1ABC")  # a registration code that happens to start like a token
    assert looks_like_token(make())
    assert looks_like_token(make()[:60])  # a truncated token is judged as a token (invalid)
