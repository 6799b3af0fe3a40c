"""Errors raised by rangemap.

Every error a user can cause (a bad number, an unknown place, a broken file)
is a :class:`RangemapError`. The subclasses also derive from the matching
built-in exception, so library callers may catch ``ValueError`` or
``LookupError`` as they would anywhere else. The command line turns any
:class:`RangemapError` into one line on standard error and exit status 2.
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "InputError",
    "OutputError",
    "RangemapError",
    "UnknownNameError",
]


class RangemapError(Exception):
    """Base class of every error rangemap raises for a user's input."""


class InputError(RangemapError, ValueError):
    """A value given by the user is malformed or out of range."""


class UnknownNameError(RangemapError, LookupError):
    """A name (place, weapon, unit) is not known.

    Parameters
    ----------
    message : str
        What was not found and what is accepted.
    suggestions : list of str, optional
        Close matches, best first.
    """

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = list(suggestions or [])
        if self.suggestions:
            message = f"{message}; did you mean: {', '.join(self.suggestions)}?"
        super().__init__(message)


class DataFileError(RangemapError, ValueError):
    """An input file (GeoJSON, CSV, article text) cannot be used."""


class OutputError(RangemapError, OSError):
    """An output file cannot be written."""
