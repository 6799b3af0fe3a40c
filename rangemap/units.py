"""Length units and conversions.

rangemap states every public length in kilometres. This module converts the
units a user or an article may use into kilometres. All factors are exact by
definition:

* 1 statute mile (``mi``) = 1.609344 km (international yard and pound, 1959);
* 1 nautical mile (``nmi``) = 1.852 km (International Hydrographic Conference, 1929);
* 1 metre (``m``) = 0.001 km.

Examples
--------
>>> parse_distance_km("190 mi")
305.775...
>>> parse_distance_km("300")
300.0
"""

from __future__ import annotations

import math
import re

from rangemap.errors import InputError, UnknownUnitError

__all__ = [
    "KM_PER_UNIT",
    "UNIT_ALIASES",
    "format_distance_km",
    "format_km",
    "format_km2",
    "format_share",
    "normalise_unit",
    "parse_distance_km",
    "to_km",
]

#: Kilometres per unit, keyed by the canonical unit symbol.
KM_PER_UNIT: dict[str, float] = {
    "km": 1.0,
    "m": 0.001,
    "mi": 1.609344,
    "nmi": 1.852,
}

#: Spellings accepted for each canonical unit (lower case).
UNIT_ALIASES: dict[str, str] = {
    "km": "km",
    "kms": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "m": "m",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "mi": "mi",
    "mile": "mi",
    "miles": "mi",
    "nmi": "nmi",
    "nm": "nmi",
    "nautical mile": "nmi",
    "nautical miles": "nmi",
}

_ACCEPTED = "km, m, mi, nmi"
_DISTANCE_RE = re.compile(
    r"^\s*(?P<num>[+-]?(?:\d[\d_,]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(?P<unit>[a-z][a-z ]*?)?\s*$",
    re.IGNORECASE,
)


def normalise_unit(unit: str) -> str:
    """Return the canonical symbol of a unit name.

    Parameters
    ----------
    unit : str
        A unit symbol or name such as ``"km"``, ``"Miles"`` or ``"nautical mile"``.

    Returns
    -------
    str
        One of ``"km"``, ``"m"``, ``"mi"``, ``"nmi"``.

    Raises
    ------
    UnknownUnitError
        If the unit is not known.
    """
    key = " ".join(unit.lower().split())
    try:
        return UNIT_ALIASES[key]
    except KeyError:
        raise UnknownUnitError(f"unknown unit {unit!r}; accepted units: {_ACCEPTED}") from None


def to_km(value: float, unit: str) -> float:
    """Convert ``value`` in ``unit`` to kilometres.

    Parameters
    ----------
    value : float
        The length in ``unit``.
    unit : str
        Any spelling accepted by :func:`normalise_unit`.

    Returns
    -------
    float
        The length in kilometres.

    Examples
    --------
    >>> round(to_km(100, "nmi"), 6)
    185.2
    """
    return value * KM_PER_UNIT[normalise_unit(unit)]


def parse_distance_km(text: str, *, default_unit: str = "km") -> float:
    """Parse a length such as ``"300"``, ``"300km"``, ``"190 mi"`` into kilometres.

    Parameters
    ----------
    text : str
        A number optionally followed by a unit (km, m, mi, nmi or their names).
    default_unit : str, optional
        The unit of a bare number; kilometres unless stated.

    Returns
    -------
    float
        The length in kilometres. Its sign and size are not checked here.

    Raises
    ------
    InputError
        If ``text`` is not a number with an optional known unit.
    """
    match = _DISTANCE_RE.match(text)
    if match is None:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise InputError(
            f"{shown!r} is not a distance; give a number with an optional unit "
            f"({_ACCEPTED}), e.g. 300km or '190 mi'"
        )
    number = match.group("num").replace("_", "").replace(",", "")
    value = float(number)
    if not math.isfinite(value):
        raise InputError(f"{text!r} is not a finite distance")
    return to_km(value, match.group("unit") or default_unit)


def format_share(share: float) -> str:
    """Format a share as a percentage with one decimal, never rounded to 0 % or 100 %.

    Parameters
    ----------
    share : float
        A fraction, 0..1.

    Returns
    -------
    str
        ``"42.0%"``; ``"<0.1%"`` for a share above 0 that would round to 0.0 %,
        ``">99.9%"`` for one below 1 that would round to 100.0 %.

    Examples
    --------
    >>> format_share(0.42), format_share(0.9996), format_share(1.0), format_share(0.0001)
    ('42.0%', '>99.9%', '100.0%', '<0.1%')
    """
    if 0.0 < share < 0.0005:
        return "<0.1%"
    if share < 1.0 and round(share * 100.0, 1) >= 100.0:
        return ">99.9%"
    return f"{share * 100.0:.1f}%"


def format_km2(value: float) -> str:
    """Format an area as whole km² with thousands separators (``"<1"`` for a sliver).

    Examples
    --------
    >>> format_km2(30127.4), format_km2(0.2), format_km2(0.0)
    ('30,127', '<1', '0')
    """
    if 0.0 < value < 0.5:
        return "<1"
    return f"{value:,.0f}"


def format_distance_km(value_km: float) -> str:
    """Format a distance for a table cell: km with one decimal and thousands separators.

    Examples
    --------
    >>> format_distance_km(1234.56)
    '1,234.6'
    """
    return f"{value_km:,.1f}"


def format_km(value_km: float) -> str:
    """Format a distance for a label: ``300 km``, ``1,500 km``, ``12.5 km``.

    Parameters
    ----------
    value_km : float
        Distance in kilometres.

    Returns
    -------
    str
        The distance with at most one decimal and thousands separators.

    Examples
    --------
    >>> format_km(305.77536)
    '305.8 km'
    >>> format_km(1500)
    '1,500 km'
    """
    rounded = round(value_km, 1)
    if math.isclose(rounded, round(rounded)):
        return f"{round(rounded):,} km"
    return f"{rounded:,.1f} km"
