"""Where launchers stand: launch places combined, on held ground, kept behind a border.

Every ``--from`` place contributes its geometry: a point, a region or country
polygon, a border line, the front line or a user's GeoJSON file.
:func:`combine_launches` unites them into one launch geometry; ranges are then
measured from the nearest point of it (:func:`rangemap.geodesy.reach`).

Sides
-----
A launch has a *side*, ``"UA"`` or ``"RU"`` (``"BY"`` is accepted where a
side is given in the API), inferred from who holds the ground it stands on
(:mod:`rangemap.places.control`) unless given (``--side``):

* a point or city: who holds it (:func:`rangemap.places.held_by`). Sumy and
  Kharkiv are Ukrainian-held; Kursk, Belgorod and Sevastopol Russian-held;
  Minsk is Belarusian, and **a launch from Belarus is the Russian side**
  (Belarus is Russia's ally and its ground Russia's launch ground);
* a shared border (``border:UA-RU``, ``border:UA-BY``) and the front line
  (``front:UA``): Ukrainian by default;
* an area or line (a region, a country, a file): the side holding most of it
  (by planar area in degrees, or length for lines: a comparison, not a
  measurement).

Where no place stands on Ukrainian-, Russian- or Belarusian-held ground (the
sea, Poland) the side is UA. Places that infer different sides must be given
one with ``--side``.

Held ground
-----------
A launch stands on ground its side holds:

* a point on ground the other side holds is refused;
* an area or line loses the ground the other side holds: ``--from UA`` for
  the Ukrainian side is Ukraine minus the Russian-held areas
  (:func:`rangemap.places.ukraine_held`), a region with nothing
  Ukrainian-held is refused. Ground held by neither side (sea, third
  countries) is kept;
* a shared border, for the Ukrainian side, is the stretch Ukraine holds
  (:func:`rangemap.places.held_border_stretch`: about 805 km of the
  1,524 km Ukraine–Russia border under the bundled default, along Chernihiv,
  Sumy and Kharkiv oblasts). For the Russian side it is the whole border
  line: Russia holds the ground on its own side of all of it;
* ``front:UA`` is the edge of the ground held by Russia inside Ukraine
  (:func:`rangemap.places.front_line`), the same line for either side.

Stand-off
---------
A *stand-off* keeps launchers a distance behind a land border on their own
side (:func:`rangemap.geodesy.standoff`): a border (or the front) becomes the
line that distance inside the ground the side holds, an area keeps its part at
least that far from the border, and a point must itself be that far back. The
bundled land borders are Ukraine–Russia and Ukraine–Belarus, so a stand-off
applies to launches on ground held by Ukraine, Russia or Belarus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError, UnknownNameError
from rangemap.geodesy import check_range_km
from rangemap.held_ground import (
    held_ground,
    held_place,
    is_front_place,
    opposing_ground,
    planar_size,
)
from rangemap.notices import notice
from rangemap.places import (
    ControlData,
    Place,
    borders,
    default_control,
    front_line,
    held_by,
)
from rangemap.sides import check_side, held_word, war_side

__all__ = [
    "FRONT_PREFIX",
    "Launch",
    "combine_launches",
    "is_front",
    "log_inferred_side",
    "resolve_front",
]


#: Prefix of a front-line launch, ``front:UA``.
FRONT_PREFIX = "front:"


def is_front(text: object) -> bool:
    """Return whether `text` names a front line (``front:UA``)."""
    return isinstance(text, str) and text.strip().lower().startswith(FRONT_PREFIX)


def resolve_front(text: str, *, control: ControlData | None = None) -> Place:
    """Resolve ``front:UA``: the front line inside Ukraine under the control data.

    Parameters
    ----------
    text : str
        ``front:UA`` (any case).
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    Place
        A line place of kind ``"border"`` with code ``"front:UA"``.

    Raises
    ------
    UnknownNameError
        For a front other than ``front:UA``.
    InputError
        If the control data hold no ground of Ukraine held by others.
    """
    code = text.strip()[len(FRONT_PREFIX) :].strip().upper()
    if code not in ("UA", "UKRAINE"):
        raise UnknownNameError(f"unknown front {text.strip()[:40]!r}; accepted: front:UA")
    line = front_line("UA", control=control)
    if line.is_empty:
        raise InputError("the control data mark no Russian-held ground in Ukraine: no front line")
    return Place(
        name="front line in Ukraine",
        kind="border",
        geom=line,
        code="front:UA",
        country="UA",
        properties={"countries": ["UA"], "front": True},
    )


@dataclass(frozen=True)
class Launch:
    """The combined launch geometry of one map.

    Attributes
    ----------
    places : tuple of Place
        The launch places as drawn: with their stand-off applied.
    geometry : shapely geometry
        The union of their geometries, lon/lat.
    name : str
        The places' names joined, for labels.
    standoff_km : float or None
        The stand-off applied, if any.
    side : str
        Who launches: ``"UA"`` or ``"RU"`` (``"BY"`` also allowed). Inferred
        from who holds the launch ground unless given.
    side_inferred : bool
        True when `side` was inferred rather than given.
    side_reason : str
        Why the side was inferred, e.g. ``"Ukrainian-held ground at Sumy"``.
    notes : tuple of str
        What was assumed about the launch ground, for the map's notes.
    """

    places: tuple[Place, ...]
    geometry: BaseGeometry
    name: str
    standoff_km: float | None = None
    side: str = "UA"
    side_inferred: bool = True
    side_reason: str = ""
    notes: tuple[str, ...] = ()

    @property
    def is_point(self) -> bool:
        """True when the launch is one point: ranges are then plain rings."""
        return isinstance(self.geometry, Point)

    @property
    def place(self) -> Place:
        """The combined launch as one place."""
        if len(self.places) == 1:
            return self.places[0]
        return Place(name=self.name, kind="file", geom=self.geometry)




def _place_side(place: Place, control: ControlData) -> tuple[str | None, str]:
    """Return the side a place infers and why, or None when it stands on nobody's ground."""
    if is_front_place(place):
        return "UA", f"the {place.name} is taken from the Ukrainian-held side by default"
    if place.kind == "border":
        return "UA", f"a shared border ({place.name}) is Ukrainian by default"
    if place.is_point:
        lon, lat = place.anchor
        holder = held_by(lon, lat, control=control)
        side = war_side(holder)
        if side is None or holder is None:
            return None, f"{place.name} is on nobody's held ground"
        why = f"{held_word(holder)} ground at {place.name}"
        if holder == "BY":
            why += "; a launch from Belarus is the Russian side"
        return side, why
    if control is default_control():
        ua, ru = _bundled_shares(place.geometry)
    else:
        ua, ru = _shares(place.geometry, control)
    if ua == 0 and ru == 0:
        return None, f"{place.name} is on nobody's held ground"
    side = "UA" if ua >= ru else "RU"
    return side, f"most of {place.name} is {held_word(side)} ground"


@lru_cache(maxsize=64)
def _bundled_shares(geom: BaseGeometry) -> tuple[float, float]:
    """:func:`_shares` under the bundled control data, remembered per launch geometry."""
    return _shares(geom, default_control())


def _shares(geom: BaseGeometry, control: ControlData) -> tuple[float, float]:
    """Return how much of an area or line Ukraine holds and the other side holds (planar)."""
    ua = planar_size(shapely.intersection(geom, held_ground("UA", control)), geom)
    ru = planar_size(shapely.intersection(geom, opposing_ground("UA", control)), geom)
    return ua, ru


def _infer_side(places: Sequence[Place], control: ControlData) -> tuple[str, str]:
    found = [(place, *_place_side(place, control)) for place in places]
    sides = {side for _, side, _ in found if side is not None}
    if len(sides) > 1:
        listed = ", ".join(f"{p.name}: {s}" for p, s, _ in found if s is not None)
        raise InputError(
            f"the launch places stand on ground of both sides ({listed}); give --side UA or RU"
        )
    if not sides:
        return "UA", "no launch place stands on Ukrainian- or Russian-held ground; UA assumed"
    why = "; ".join(reason for _, side, reason in found if side is not None)
    return sides.pop(), why




def _standoff_country(place: Place, side: str, control: ControlData) -> str | None:
    """Return the country whose held ground the launchers keep back into."""
    camp = war_side(side) or "UA"
    if is_front_place(place):
        return "UA" if camp == "UA" else "RU"
    if place.kind == "border":
        members = [str(c) for c in place.properties.get("countries") or []]
        return next((c for c in members if war_side(c) == camp), None)
    lon, lat = place.anchor
    holder = held_by(lon, lat, control=control)
    return holder if holder is not None and war_side(holder) == camp else None


def _apply_standoff(place: Place, standoff_km: float, side: str, control: ControlData) -> Place:
    from rangemap.geodesy import standoff

    code = _standoff_country(place, side, control)
    lines = [b for b in borders() if code and code in (b.properties.get("countries") or [])]
    ground = held_ground(code, control) if code else None
    if (not lines and place.kind != "border") or ground is None or ground.is_empty:
        raise InputError(
            f"--standoff needs a launch place on ground held by Ukraine, Russia or Belarus (the "
            f"bundled land borders are UA-RU and UA-BY); {place.name!r} is not"
        )
    # A border (or the front) launches from itself; any other place keeps back
    # from every bundled land border of its country.
    border_line = (
        place.geometry if place.kind == "border" else shapely.union_all([b.geometry for b in lines])
    )
    moved = standoff(place.geometry, border_line, standoff_km, ground)
    if moved.is_empty:
        raise InputError(
            f"nothing of {place.name!r} lies {standoff_km:g} km or more behind the border; "
            "give a smaller --standoff or another launch place"
        )
    return Place(
        name=f"{place.name}, {standoff_km:g} km back",
        kind=place.kind,
        geom=moved,
        code=place.code,
        country=place.country,
        properties={**place.properties, "standoff_km": standoff_km},
    )


def combine_launches(
    places: Sequence[Place],
    *,
    standoff_km: float | None = None,
    side: str | None = None,
    control: ControlData | None = None,
) -> Launch:
    """Unite launch places into one launch geometry on held ground, with an optional stand-off.

    Parameters
    ----------
    places : sequence of Place
        At least one launch place.
    standoff_km : float, optional
        Keep launchers this far behind the land border on their side, km.
    side : {"UA", "RU", "BY"}, optional
        Who launches; inferred from the ground the places stand on by default
        (see the module notes).
    control : ControlData, optional
        Who holds what; the bundled default by default.

    Returns
    -------
    Launch
        The combined launch, on the ground its side holds.

    Raises
    ------
    InputError
        If no place is given, the side is unknown, places infer different
        sides, a place stands wholly on the other side's ground, the
        stand-off is not a distance in (0, 20,000] km, a place has no land
        border for the stand-off, or nothing remains behind it.
    """
    if not places:
        raise InputError("no launch place given; use --from")
    data = default_control() if control is None else control
    if side is None:
        code, reason = _infer_side(places, data)
        inferred = True
    else:
        code, reason, inferred = check_side(side), "given", False
    notes: list[str] = []
    held: list[Place] = []
    for place in places:
        kept, place_notes = held_place(place, code, data)
        held.append(kept)
        notes += place_notes
    if any(is_front_place(p) for p in places) and data is default_control():
        notes.append(
            "The front line under the bundled control data follows the edges of Luhansk and "
            "Donetsk oblasts and of Crimea (whole regions), not the real front; give "
            "--control FILE for a real one."
        )
    if standoff_km is not None:
        check_range_km(standoff_km)
        held = [_apply_standoff(place, standoff_km, code, data) for place in held]
    geometries = [place.geometry for place in held]
    geometry = geometries[0] if len(geometries) == 1 else shapely.union_all(geometries)
    return Launch(
        places=tuple(held),
        geometry=geometry,
        name=" + ".join(place.name for place in held),
        standoff_km=standoff_km,
        side=code,
        side_inferred=inferred,
        side_reason=reason,
        notes=tuple(dict.fromkeys(notes)),
    )




def log_inferred_side(launch: Launch) -> None:
    """Log, as a warning (shown by default), the side a launch was assumed to have.

    Nothing is logged when the side was given.
    """
    if launch.side_inferred:
        notice(f"launch side {launch.side} ({launch.side_reason}); use --side to change")
