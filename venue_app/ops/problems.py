"""The one error of bad input to a desk operation: every problem found, each tied to a field.

The CLI prints the problems and exits with the usage/data code (an :class:`InvalidInput` is a
:class:`~venue_app.errors.ConfigError`); the GUI shows each next to its field, translated by its
stable ``code`` (the English ``message`` is what the CLI and the log say).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from venue_app.errors import ConfigError

__all__ = ["InvalidInput", "Problem"]


@dataclass(frozen=True)
class Problem:
    field: str  # an attendee field, or "name" (given, family and native name together), "reason", ""
    code: str  # stable key: "name_missing", "unknown_country"… (the GUI translates by it)
    message: str  # plain English words for staff
    params: dict[str, Any] = field(default_factory=dict)  # the data in the message, for a translation

    def __str__(self) -> str:
        return f"{self.field.replace('_', ' ')}: {self.message}" if self.field else self.message


class InvalidInput(ConfigError):
    """Nothing was written: the input has these problems (at least one)."""

    def __init__(self, problems: Iterable[Problem], what: str = "nothing saved") -> None:
        self.problems = list(problems)
        self.what = what
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return f"{self.what}: {self.problems[0]}"
        return f"{self.what}:\n" + "\n".join(f"  {p}" for p in self.problems)

    def by_field(self) -> dict[str, list[Problem]]:
        """field → its problems, in the order found."""
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.field, []).append(p)
        return out
