"""Desk operations: the core commands the GUI and the CLI both call, each with one validation.

One concern per module:

* :mod:`venue_app.ops.problems`: :class:`InvalidInput`, the one error of bad input, with a problem per field.
* :mod:`venue_app.ops.fields`: the rules of attendee field values (as an import row is checked).
* :mod:`venue_app.ops.people`: walk-in registration and attendee edits (cancel and block need a reason).
* :mod:`venue_app.ops.manual`: check-in by hand, judged by the check-in engine's own rules.
* :mod:`venue_app.ops.pin`: the supervisor PIN: its rule, hashing, setting and checking.
"""

from __future__ import annotations

from venue_app.ops.fields import check_fields
from venue_app.ops.manual import check_in_by_hand
from venue_app.ops.people import Edit, WalkIn, check_walkin, edit_attendee, register_walkin
from venue_app.ops.pin import check_pin, hash_pin, pin_problem, set_pin, supervisor_pin_ok
from venue_app.ops.problems import InvalidInput, Problem

__all__ = [
    "Edit",
    "InvalidInput",
    "Problem",
    "WalkIn",
    "check_fields",
    "check_in_by_hand",
    "check_pin",
    "check_walkin",
    "edit_attendee",
    "hash_pin",
    "pin_problem",
    "register_walkin",
    "set_pin",
    "supervisor_pin_ok",
]
