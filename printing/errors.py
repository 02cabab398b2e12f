"""Errors of the badge printing package.

All derive from :class:`venue_app.errors.VenueError` so the CLI and the GUI show their message to
staff as is; :class:`BackendError` is the printer's fault (an environment fault), the others are
data or template problems.
"""

from __future__ import annotations

from venue_app.errors import EnvironmentFault, VenueError

__all__ = [
    "BackendError",
    "EmptyTextError",
    "FontError",
    "MissingGlyphError",
    "PrintingError",
    "QueueError",
    "TemplateError",
]


class PrintingError(VenueError):
    """Base of every expected badge or printer problem."""


class FontError(PrintingError):
    """A bundled font file is missing or unreadable."""


class MissingGlyphError(PrintingError):
    """No bundled font can draw a character: we refuse rather than print a box."""

    def __init__(self, char: str, text: str) -> None:
        import unicodedata

        name = unicodedata.name(char, "unnamed character")
        super().__init__(
            f"no bundled font can print {char!r} (U+{ord(char):04X} {name}) in {text!r}; "
            "add a font covering it to resources/fonts"
        )
        self.char = char
        self.text = text


class EmptyTextError(PrintingError):
    """A required text (the name) has nothing printable left after removing controls and emoji."""


class TemplateError(PrintingError):
    """A badge template is malformed (unknown field, box outside the page, bad colour…)."""


class BackendError(EnvironmentFault, PrintingError):
    """A printer back-end refused or lost a job (printer gone, spooler down, disk full)."""


class QueueError(PrintingError):
    """A print-queue operation is not possible in the job's current state."""
