"""Range specs: a range, a band or a weapon variant, parsed once.

A :class:`RangeSpec` is what one layer of a map draws. This
module makes them from what users and texts give:

- :func:`parse_range` reads one range value: a number of kilometres, a
  number with a unit (``"190 mi"``), or a range claim as news text states it
  (``"165-300 km"``, ``"several hundred kilometers"``); :func:`read_range`
  and :func:`read_ranges` read it once for both what it draws and the claim
  it states (for reports);
- :func:`claim_spec` turns a range claim into a band or a ring.

Catalogue weapons become specs in :mod:`rangemap.weapon_specs`.

>>> from rangemap.spec import parse_range
>>> parse_range("190 mi").label
'190 mi (306 km)'
>>> band = parse_range("165-300 km")
>>> band.low_km, band.high_km, band.is_band
(165.0, 300.0, True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rangemap.claims import RangeClaim
from rangemap.errors import InputError, UnknownUnitError
from rangemap.geodesy import check_range_km
from rangemap.units import KM_PER_UNIT, format_km, normalise_unit, parse_distance_km

__all__ = ["RangeSpec", "claim_spec", "parse_range", "read_range", "read_ranges", "short_name"]


def short_name(weapon: str) -> str:
    """Return a weapon name short enough for a map label: its first variant, no asides.

    Parentheses are dropped, except an operator note such as ``(RU)``, and
    of variants sharing one ring (``"M39A1 (Block IA) / M48 / M57"``) the
    first is kept. The full name stays in tooltips and legends.

    Examples
    --------
    >>> short_name("ATACMS M39A1 (Block IA) / M48 / M57 (Block IA Unitary / TACMS 2000)")
    'ATACMS M39A1'
    >>> short_name("Kh-101 (RU)")
    'Kh-101 (RU)'
    >>> short_name("Storm Shadow / SCALP-EG")
    'Storm Shadow'
    """
    kept = re.sub(r"\s*\((?![A-Z]{2}(?:, [A-Z]{2})*\))[^)]*\)", "", weapon)
    first = kept.split(" / ")[0].strip()
    if "(" not in first and kept.endswith(")") and "(" in kept:
        first += " " + kept[kept.rindex("(") :]
    first = first or weapon.strip()
    return first if len(first) <= 32 else first[:31].rstrip() + "…"


@dataclass(frozen=True)
class RangeSpec:
    """One range to draw: a single range, or a band between two ranges.

    Attributes
    ----------
    low_km, high_km : float
        The band's limits in km; equal for a single range.
    label : str
        Short text drawn on the map, e.g. ``"300 km"``.
    detail : str
        Longer text for tooltips and legends (interpretation, source).
    weapon : str or None
        The weapon and variant the range belongs to, if any.
    comparison : str or None
        None for a range the map draws as a reach. Otherwise the range is
        shown for comparison only, and this says why (``"refused by
        Germany"``): the interactive map puts it in a layer that is off by
        default, static images leave it out with a note, and it neither
        sets the view nor the coverage (see :attr:`Scene.outer_layer`).
    color_key : str
        What keys the range's colour (:func:`rangemap.render.style.key_color`):
        ``"ATACMS#1"`` for a weapon's second distinct range; by default the
        short weapon name or the label, so a range has one colour on every map.
    """

    low_km: float
    high_km: float
    label: str = ""
    detail: str = ""
    weapon: str | None = None
    comparison: str | None = None
    color_key: str = ""

    def __post_init__(self) -> None:
        check_range_km(self.high_km)
        if self.low_km != self.high_km:
            check_range_km(self.low_km)
        if self.low_km > self.high_km:
            raise InputError(f"band low {self.low_km} km exceeds high {self.high_km} km")
        if not self.label:
            object.__setattr__(self, "label", self.default_label())

    @classmethod
    def single(cls, range_km: float, *, label: str = "", detail: str = "") -> RangeSpec:
        """Return a single range of ``range_km`` kilometres."""
        return cls(range_km, range_km, label=label, detail=detail)

    @property
    def is_band(self) -> bool:
        """True when low and high differ."""
        return self.low_km != self.high_km

    def default_label(self) -> str:
        """Return ``"300 km"`` or ``"300–700 km"``."""
        if self.is_band:
            return f"{format_km(self.low_km)[:-3]}–{format_km(self.high_km)}"
        return format_km(self.high_km)

    @property
    def key(self) -> str:
        """What the range's colour is keyed by (see :attr:`color_key`)."""
        if self.color_key:
            return self.color_key
        return short_name(self.weapon) if self.weapon else self.label

    @property
    def name(self) -> str:
        """Who or what the range is of, short: ``"ATACMS M39A1"``, a claim's words, or ``""``."""
        if self.weapon:
            return short_name(self.weapon)
        if self.is_band and " → " in self.label:
            return "“" + self.label.split(" → ")[0] + "”"
        return ""

    @property
    def short_label(self) -> str:
        """Return the distance as labels show it: ``"300 km"``, ``"190 mi (306 km)"``."""
        if self.is_band:
            return self.label.split(" → ")[-1] if " → " in self.label else self.label
        return self.label if len(self.label) <= 32 else format_km(self.high_km)


def parse_range(text: str | float) -> RangeSpec:
    """Parse one range value.

    Parameters
    ----------
    text : str or float
        A number of kilometres, a number with a unit (``300``, ``300km``,
        ``"300 km"``, ``190mi``, ``100nmi``, ``300000m``), or a range claim
        as news text states it (``"up to 190 miles"``, ``"165-300 km"``,
        ``"several hundred kilometers"``).

    Returns
    -------
    RangeSpec
        A single range, or a band when the claim allows a band of distances.

    Raises
    ------
    InputError
        If the value is neither a distance nor one range claim standing on
        its own, or lies outside (0, 20,000] km. A range is one range: more
        than one claim, or words that negate or qualify it (``"not 300 km"``,
        ``"minus 300 km"``, ``"1/2 km"``, ``"xyz 300 km zzz"``), are refused
        with the accepted forms (see :func:`rangemap.claims.parse_claim`).

    Examples
    --------
    >>> parse_range(300).label, parse_range("300000m").label
    ('300 km', '300,000 m (300 km)')
    """
    return read_range(text)[0]


def read_range(text: str | float) -> tuple[RangeSpec, RangeClaim | None]:
    """Read one range value once: what it draws, and the range claim it states.

    Parameters
    ----------
    text : str or float
        A range value, as :func:`parse_range` takes it.

    Returns
    -------
    RangeSpec
        What :func:`parse_range` returns.
    RangeClaim or None
        The value read as a range claim (``"300 km"``, ``"several hundred
        km"``), for reports; None for a number, or text that states no claim.

    Raises
    ------
    InputError
        As :func:`parse_range`.

    Examples
    --------
    >>> spec, claim = read_range("up to 190 miles")
    >>> spec.label, claim.high_km == spec.high_km
    ('up to 190 mi (306 km)', True)
    """
    if isinstance(text, int | float):
        return RangeSpec.single(float(text)), None
    try:
        range_km = parse_distance_km(text)
    except UnknownUnitError:
        raise  # a distance in a unit rangemap does not know: "300 furlongs"
    except InputError:
        if len(text) > 200:
            raise
        claim = _claim_range(text)
        return claim_spec(claim), claim
    check_range_km(range_km)  # before the label is formatted
    unit = _stated_unit(text)
    # The user's unit is kept: "190 mi (306 km)".
    spec = RangeSpec.single(range_km, label=_in_unit(range_km, unit or "km"))
    return spec, _claim_or_none(text)


def read_ranges(
    values: Sequence[str | float | RangeSpec],
) -> tuple[list[RangeSpec], list[RangeClaim]]:
    """Read range values, each once: the specs in order, and the claims the text values state.

    Parameters
    ----------
    values : sequence of str, float or RangeSpec
        Range values as :func:`rangemap.api.make_map` takes them; a
        :class:`RangeSpec` is kept as it is.

    Returns
    -------
    list of RangeSpec
        One per value, in order.
    list of RangeClaim
        The claims the text values state, in order, for reports.
    """
    specs: list[RangeSpec] = []
    claims: list[RangeClaim] = []
    for value in values:
        if isinstance(value, RangeSpec):
            specs.append(value)
            continue
        spec, claim = read_range(value)
        specs.append(spec)
        if claim is not None:
            claims.append(claim)
    return specs, claims


def _claim_or_none(text: str) -> RangeClaim | None:
    """Return ``text`` read as one range claim, or None if it is none."""
    from rangemap.claims import parse_claim

    try:
        return parse_claim(text)
    except InputError:
        return None


def _claim_range(text: str) -> RangeClaim:
    """Read a range value that is not a distance as one range claim."""
    claim = _claim_or_none(text)
    if claim is None:
        shown = " ".join(text.split())[:60]
        raise InputError(
            f"{shown!r} is not a range; give a number with an optional unit "
            "(km, m, mi, nmi) such as 300km or '190 mi', or a claim such as "
            "'165-300 km', 'up to 190 miles' or 'several hundred kilometers'"
        )
    return claim


def _stated_unit(text: str | float) -> str | None:
    """Return the unit written in a range value (canonical), or None for a bare number."""
    if isinstance(text, int | float):
        return None
    match = re.match(r"^\s*[+-]?[\d_,.]+(?:e[+-]?\d+)?\s*([a-z][a-z ]*?)\s*$", text, re.I)
    if match is None:
        return None
    try:
        return normalise_unit(match.group(1))
    except InputError:
        return None


def _in_unit(value_km: float, unit: str) -> str:
    """Return ``"190 mi (306 km)"`` for a length stated in miles, ``"300 km"`` in km."""
    if unit == "km":
        return format_km(value_km)
    stated = value_km / KM_PER_UNIT[unit]
    km = f"{round(value_km):,} km" if value_km >= 100 else format_km(value_km)
    return f"{stated:,.6g} {unit} ({km})"


def claim_spec(claim: RangeClaim) -> RangeSpec:
    """Turn a range claim into what is drawn: a band, or a ring at its nominal range.

    Parameters
    ----------
    claim : RangeClaim
        A claim from :func:`rangemap.claims.parse_claims`.

    Returns
    -------
    RangeSpec
        A band from ``low_km`` to ``high_km`` labelled with the phrase and its
        reading, or a single ring at ``nominal_km``; a claim with an open
        bound is a ring at the stated bound labelled ``"up to 300 km"`` or
        ``"at least 300 km"``.
    """
    phrase = " ".join(claim.phrase.split())
    low, high = claim.low_km, claim.high_km
    if low is not None and high is not None and low != high:
        spec = RangeSpec(low, high, weapon=claim.weapon)
        return RangeSpec(
            low,
            high,
            label=f"{phrase} → {spec.label}",
            detail=f"read as {claim.interpretation()}",
            weapon=claim.weapon,
        )
    # An open bound ("up to 300 km", "more than 300 km") is one ring at the
    # stated bound, labelled with the side that is open.
    label = _in_unit(claim.nominal_km, claim.unit)
    if low is None:
        label = f"up to {label}"
    elif high is None:
        label = f"at least {label}"
    return RangeSpec(
        claim.nominal_km,
        claim.nominal_km,
        label=label,
        detail=f"read as {claim.interpretation()}",
        weapon=claim.weapon,
    )
