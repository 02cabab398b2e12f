"""The supervisor PIN: its rule, its salted hash (PBKDF2-SHA256) in the ``supervisor_pin_hash``
setting, and the check. The PIN itself is never stored.

The station setup (GUI), the supervisor dialog and the demo (CLI) all go through here.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from venue_app.ops.problems import InvalidInput, Problem

__all__ = ["ITERATIONS", "MIN_DIGITS", "check_pin", "hash_pin", "pin_problem", "set_pin", "supervisor_pin_ok"]

ITERATIONS = 200_000
MIN_DIGITS = 4
_SETTING = "supervisor_pin_hash"


def pin_problem(pin: str) -> Problem | None:
    """Why ``pin`` cannot be a supervisor PIN, or None."""
    if len(pin) < MIN_DIGITS or not (pin.isascii() and pin.isdigit()):
        return Problem("pin", "pin_too_short", f"the PIN needs at least {MIN_DIGITS} digits (digits only)",
                       {"digits": MIN_DIGITS})
    return None


def hash_pin(pin: str, *, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$ITERATIONS$SALT$DIGEST`` (a fresh random salt unless given)."""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches the ``stored`` hash (False for an empty or damaged hash)."""
    try:
        scheme, iterations, salt, digest = stored.split("$")
        candidate = hash_pin(pin, salt=salt, iterations=int(iterations)).split("$")[-1]
    except ValueError:
        return False
    return scheme == "pbkdf2_sha256" and hmac.compare_digest(candidate, digest)


def set_pin(settings: Any, pin: str, *, iterations: int = ITERATIONS) -> None:
    """Store the hash of a new PIN in a station's ``settings``; raises :class:`InvalidInput`
    (nothing stored) for a PIN that breaks the rule."""
    problem = pin_problem(pin)
    if problem is not None:
        raise InvalidInput([problem], "PIN not changed")
    settings[_SETTING] = hash_pin(pin, iterations=iterations)


def supervisor_pin_ok(settings: Any, pin: str) -> bool:
    """Whether ``pin`` is this station's supervisor PIN (False when none is set)."""
    return check_pin(pin, str(settings[_SETTING] or ""))
