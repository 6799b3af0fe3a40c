"""Check the distances a text states against the bundled geography.

:func:`rangemap.claims.parse_statements` reads "Belgorod, which lies about 40
km behind the border" as a *distance* statement: the place it is measured
from (``place``, "Belgorod"), what it is measured to (``reference``, "the
border") and the stated bounds (here 36-44 km, "about" being +/-10 %). This
module resolves both ends and compares the statement with the true distance.

How the ends are resolved
-------------------------
place
    A city, a region or a country, as ``--from`` resolves a bare name
    (:func:`rangemap.places.resolve_launch`: a city first, then a region, then
    a country); generic words ("airbase", "oblast", "region", "city") are
    dropped, a name with "region"/"oblast" is tried as a region first, and
    then each capitalised word on its own.
reference
    "the border" (also "the Ukrainian border", "the frontier") is a land
    border: the countries named in the reference, else the place's country
    and the countries the sentence names, must make one of the bundled
    borders (``border:UA-RU``, ``border:UA-BY``); with Russia or Ukraine alone
    it is ``border:UA-RU``. "the front line" (front, frontline, line of
    contact) is the front line inside Ukraine under the control data
    (:func:`rangemap.places.front_line`); the bundled default marks whole
    regions, not the front, so it is only used from a control file
    (``control=``, the CLI's ``--control FILE``); without one the statement
    is unresolved and says why. Anything else is resolved as a place.

The distance is the exact geodesic distance on WGS84 from the place to the
nearest point of the reference (:func:`rangemap.geodesy.distance_to_km`
from a city; between two areas, :func:`rangemap.need.distance_between_km`),
0 when the place lies in the reference area.

Verdicts
--------
=============  ===========================================================
verdict        when
=============  ===========================================================
consistent     the distance lies within the stated bounds widened by
               :data:`TOLERANCE` (10 %): "about 40 km" (36-44 km) accepts
               32.4-48.4 km; "more than 250 km" accepts 225 km and more
overstated     the distance is shorter than that: the text puts the place
               farther away than it is
understated    the distance is longer than that
unresolved     an end cannot be resolved; ``reason`` says which and why
=============  ===========================================================

Examples
--------
>>> (check,) = check_text("Belgorod, which lies about 40 km behind the border, was hit.")
>>> check.verdict, check.reference_name, round(check.computed_km or 0)
('consistent', 'Ukraine–Russia border', 35)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rangemap.check_places import countries_named, distance_km, resolve_name, resolve_reference
from rangemap.claims import RangeClaim, parse_statements

if TYPE_CHECKING:
    from rangemap.places import ControlData

__all__ = [
    "TOLERANCE",
    "VERDICTS",
    "DistanceCheck",
    "check_statement",
    "check_text",
    "read_lengths",
]

#: Relative tolerance around the stated bounds before a distance is called wrong.
TOLERANCE = 0.10

#: The verdicts, in the order of the module table.
VERDICTS: tuple[str, ...] = ("consistent", "overstated", "understated", "unresolved")

# Distinct (place, reference) pairs resolved per text; later ones are left
# unresolved so that a text of many distances stays fast.
MAX_DISTINCT = 200



@dataclass(frozen=True)
class DistanceCheck:
    """A distance statement and how it compares with the geography.

    Attributes
    ----------
    statement : RangeClaim
        The distance statement (``type == "distance"``).
    place_name, reference_name : str or None
        What the two ends resolved to ("Belgorod", "Ukraine–Russia border").
    computed_km : float or None
        The geodesic distance between them, km; None when unresolved.
    verdict : str
        One of :data:`VERDICTS`.
    reason : str or None
        Why the statement is unresolved, or what a verdict compared.
    """

    statement: RangeClaim
    place_name: str | None
    reference_name: str | None
    computed_km: float | None
    verdict: str
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the statement's dictionary with the check: ``stated_km``, ``verdict``, ...

        Returns
        -------
        dict
            :meth:`RangeClaim.to_dict` plus ``stated_km`` (``[low, high]`` as
            stated, None where open), ``computed_km``, ``verdict``, ``reason``,
            ``place_resolved`` and ``reference_resolved``.
        """
        # Not dataclasses.asdict: the JSON is the statement's own keys, then the
        # check's under other names ("place_resolved"), the computed distance
        # rounded and the stated bounds as a pair.
        data = self.statement.to_dict()
        data.update(
            {
                "stated_km": [self.statement.low_km, self.statement.high_km],
                "computed_km": None if self.computed_km is None else round(self.computed_km, 1),
                "verdict": self.verdict,
                "reason": self.reason,
                "place_resolved": self.place_name,
                "reference_resolved": self.reference_name,
            }
        )
        return data


def check_text(
    text: str,
    *,
    control: str | Path | ControlData | None = None,
    weapon_names: Iterable[str] | None = None,
) -> list[DistanceCheck]:
    """Check every distance statement of a text.

    Parameters
    ----------
    text : str
        Any text.
    control : path or ControlData, optional
        Control data that give a front line (a user's file, as ``--control``);
        without them "the front line" is unresolved.
    weapon_names : iterable of str, optional
        Passed to :func:`rangemap.claims.parse_statements`.

    Returns
    -------
    list of DistanceCheck
        One per distance statement, in order of appearance.

    Raises
    ------
    RangemapError
        If the control file cannot be read.
    """
    statements = parse_statements(text, weapon_names=weapon_names)
    return check_statements(statements, text=text, control=control)


def read_lengths(
    text: str, *, every_length: bool = False
) -> tuple[list[RangeClaim], dict[int, dict[str, Any]]]:
    """Read a text's range claims (or every length it states), each tied to its weapon.

    What ``rangemap parse`` prints: the claims, each naming the catalogue
    weapon it is about (:func:`rangemap.claims.link_claims`), and with
    ``every_length`` also distances between places, checked.

    Parameters
    ----------
    text : str
        Any text.
    every_length : bool
        Every length (:func:`rangemap.claims.parse_statements`) rather than
        only the range claims (:func:`rangemap.claims.parse_claims`).

    Returns
    -------
    claims : list of RangeClaim
        In order of appearance.
    checked : dict of int to dict
        For each distance statement, by its start offset, its check as JSON.
    """
    from rangemap.catalogue import weapon_names
    from rangemap.claims import link_claims, parse_claims

    read = parse_statements if every_length else parse_claims
    claims = link_claims(text, read(text, weapon_names=weapon_names()))
    checked: dict[int, dict[str, Any]] = {}
    if every_length and any(c.type == "distance" for c in claims):
        checked = {c.statement.start: c.to_dict() for c in check_statements(claims, text=text)}
    return claims, checked


def check_statements(
    statements: Iterable[RangeClaim],
    *,
    text: str = "",
    control: str | Path | ControlData | None = None,
) -> list[DistanceCheck]:
    """Check the distance statements among ``statements`` (others are skipped).

    Parameters
    ----------
    statements : iterable of RangeClaim
        From :func:`rangemap.claims.parse_statements`.
    text : str, optional
        The text they were read from, to find the countries it names.
    control : path or ControlData, optional
        As for :func:`check_text`.

    Returns
    -------
    list of DistanceCheck
    """
    data = _control(control)
    context = countries_named(text[:200_000])
    done: dict[tuple[str | None, str | None, str], DistanceCheck] = {}
    out = []
    for s in statements:
        if s.type != "distance":
            continue
        key = (s.place, s.reference, s.sentence)
        if key not in done and len(done) >= MAX_DISTINCT:
            why = f"not checked: more than {MAX_DISTINCT} distances"
            out.append(_unresolved(s, None, None, why))
            continue
        if key not in done:
            done[key] = check_statement(s, control=data, context=context)
        cached = done[key]
        out.append(DistanceCheck(s, *_fields(cached)))
    return out


def check_statement(
    statement: RangeClaim,
    *,
    control: ControlData | None = None,
    context: frozenset[str] = frozenset(),
) -> DistanceCheck:
    """Check one distance statement.

    Parameters
    ----------
    statement : RangeClaim
        A statement of type ``"distance"``.
    control : ControlData, optional
        Control data with a front line; None for the bundled default, under
        which "the front line" is unresolved.
    context : frozenset of str, optional
        Countries (ISO alpha-2) the text names, to tell which border "the
        border" is.

    Returns
    -------
    DistanceCheck
    """
    if statement.place is None:
        why = "the sentence names no place it is measured from"
        return _unresolved(statement, None, None, why)
    if statement.reference is None:
        why = "the sentence does not say what it is measured to"
        return _unresolved(statement, None, None, why)
    place = resolve_name(statement.place)
    if place is None:
        return _unresolved(statement, None, None, f"no city, region or country {statement.place!r}")
    context = context | countries_named(statement.sentence)
    ref, why = resolve_reference(statement.reference, place, context, control)
    if ref is None:
        return _unresolved(statement, place.name, None, why)
    computed = distance_km(place, ref)
    low, high = statement.low_km, statement.high_km
    lo = 0.0 if low is None else low * (1 - TOLERANCE)
    hi = math.inf if high is None else high * (1 + TOLERANCE)
    if computed < lo:
        verdict = "overstated"
    elif computed > hi:
        verdict = "understated"
    else:
        verdict = "consistent"
    return DistanceCheck(statement, place.name, ref.name, computed, verdict, None)


# ---------------------------------------------------------------------------


def _fields(check: DistanceCheck) -> tuple[str | None, str | None, float | None, str, str | None]:
    return check.place_name, check.reference_name, check.computed_km, check.verdict, check.reason


def _unresolved(
    statement: RangeClaim, place: str | None, reference: str | None, reason: str
) -> DistanceCheck:
    return DistanceCheck(statement, place, reference, None, "unresolved", reason)


def _control(control: str | Path | ControlData | None) -> ControlData | None:
    if control is None:
        return None
    from rangemap.places import ControlData, load_control

    if isinstance(control, ControlData):
        return control
    return load_control(Path(control), user_file=True)
