"""Errors raised by rangemap.

Every error a user can cause (a bad number, an unknown place, a broken file)
is a :class:`RangemapError`. The subclasses also derive from the matching
built-in exception, so library callers may catch ``ValueError`` or
``LookupError`` as they would anywhere else. The command line turns any
:class:`RangemapError` into one line on standard error and exit status 2;
a :class:`ParameterError` names the parameters it is about (``as_of``),
which the command line words as its flags (``--as-of``).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from typing import Any

__all__ = [
    "DataFileError",
    "InputError",
    "OutputError",
    "ParameterError",
    "RangemapError",
    "UnknownNameError",
    "UnknownUnitError",
]


class RangemapError(Exception):
    """Base class of every error rangemap raises for a user's input."""


class InputError(RangemapError, ValueError):
    """A value given by the user is malformed or out of range."""


class ParameterError(InputError):
    """A parameter's value is malformed, or parameters given together clash.

    The message names the parameters as a Python caller passes them
    (``as_of``); :meth:`naming` words it with other names for them, as the
    command line names its flags (``--as-of``).

    Parameters
    ----------
    template : str
        The message as :meth:`str.format` reads it: each parameter named
        ``{name}``, each further value ``{key}`` (``{key!r}`` for its repr).
    **values : object
        The further values, such as the text a user gave.

    Examples
    --------
    >>> error = ParameterError("{as_of} {value!r}: give a date as YYYY-MM-DD", value="May")
    >>> str(error), error.parameters
    ("as_of 'May': give a date as YYYY-MM-DD", ('as_of',))
    >>> error.naming({"as_of": "--as-of"})
    "--as-of 'May': give a date as YYYY-MM-DD"
    """

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field]
        #: The parameters the message names, in order.
        self.parameters = tuple(dict.fromkeys(f for f in fields if f not in values))
        super().__init__(self.naming({}))

    def naming(self, names: Mapping[str, str]) -> str:
        """Return the message, each parameter called by its name in ``names`` (else its own)."""
        return self.template.format(**{p: names.get(p, p) for p in self.parameters}, **self.values)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and copied) from the template, not from the message made of it.
        return (functools.partial(type(self), self.template, **self.values), ())


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


class UnknownUnitError(InputError):
    """A length is given in a unit rangemap does not know (``"300 furlongs"``)."""


class DataFileError(RangemapError, ValueError):
    """An input file (GeoJSON, CSV, article text) cannot be used."""


class OutputError(RangemapError, OSError):
    """An output file cannot be written."""
