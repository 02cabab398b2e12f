"""Desk operations: the core commands the GUI and the CLI both call, each with one validation.

One concern per module:

* :mod:`venue_app.ops.problems`: :class:`InvalidInput`, the one error of bad input, with a problem per field.
* :mod:`venue_app.ops.fields`: the rules of attendee field values (as an import row is checked).
* :mod:`venue_app.ops.people`: walk-in registration and attendee edits (cancel and block need a reason).
* :mod:`venue_app.ops.manual`: check-in by hand, judged by the check-in engine's own rules.
* :mod:`venue_app.ops.undo`: taking a check-in back (it stays in the log, marked void).
* :mod:`venue_app.ops.override`: a supervisor admits someone against a verdict.
* :mod:`venue_app.ops.badges`: issue and reprint (a reprint needs a reason), revoke now, print outcomes.
* :mod:`venue_app.ops.rooms`: clicker and manual count adjustments, the sweep after a session.
* :mod:`venue_app.ops.pin`: the supervisor PIN: its rule, hashing, setting and checking.

The scan itself is the check-in engine's (:meth:`venue_app.station.Station.scan`). What screens show
is read through :mod:`venue_app.views`.
"""

from __future__ import annotations

from venue_app.ops.badges import issue_badge, record_print_outcome, revoke_badges, valid_serials
from venue_app.ops.fields import check_fields
from venue_app.ops.manual import check_in_by_hand
from venue_app.ops.override import Override, override
from venue_app.ops.people import Edit, WalkIn, check_walkin, edit_attendee, register_walkin
from venue_app.ops.pin import check_pin, hash_pin, pin_problem, set_pin, supervisor_pin_ok
from venue_app.ops.problems import InvalidInput, Problem
from venue_app.ops.rooms import Adjusted, adjust_count, sweep
from venue_app.ops.undo import Undone, undo_checkin

__all__ = [
    "Adjusted",
    "Edit",
    "InvalidInput",
    "Override",
    "Problem",
    "Undone",
    "WalkIn",
    "adjust_count",
    "check_fields",
    "check_in_by_hand",
    "check_pin",
    "check_walkin",
    "edit_attendee",
    "hash_pin",
    "issue_badge",
    "override",
    "pin_problem",
    "record_print_outcome",
    "register_walkin",
    "revoke_badges",
    "set_pin",
    "supervisor_pin_ok",
    "sweep",
    "undo_checkin",
    "valid_serials",
]
