"""Where launchers stand: launch places combined, and kept behind a border.

Every ``--from`` place contributes its whole geometry: a point, a region or
country polygon, a border line or a user's GeoJSON file. :func:`combine_launches`
unites them into one launch geometry; ranges are then measured from the
nearest point of it (:func:`rangemap.envelope.reach`).

A *stand-off* keeps launchers a distance behind a land border on their own
side (:func:`rangemap.envelope.standoff`): a border becomes the line that
distance inside the launching country, an area keeps its part at least that
far from the border, and a point must itself be that far back. The launching
side of a border is its first country (``border:UA-RU`` launches from
Ukraine); the side of any other place is the bundled country containing it.
The bundled land borders are Ukraine–Russia and Ukraine–Belarus, so a
stand-off applies to launches in Ukraine, Russia or Belarus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError
from rangemap.geodesy import check_range_km
from rangemap.places import Place, borders, countries

__all__ = ["Launch", "combine_launches"]


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
    """

    places: tuple[Place, ...]
    geometry: BaseGeometry
    name: str
    standoff_km: float | None = None
    side: str = "UA"
    side_inferred: bool = True

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


def _side_country(place: Place) -> str | None:
    """Return the ISO code of the country a place launches from."""
    if place.kind == "border":
        members = place.properties.get("countries") or []
        return str(members[0]) if members else None
    if place.country and place.kind != "file":
        return place.country
    best, best_overlap = None, 0.0
    geometry = place.geometry
    for country in countries():
        if not country.geometry.intersects(geometry):
            continue
        overlap = country.geometry.intersection(geometry)
        size = overlap.area or overlap.length or 1.0
        if size > best_overlap:
            best, best_overlap = country.code, size
    return best


def _apply_standoff(place: Place, standoff_km: float) -> Place:
    from rangemap.envelope import standoff

    side = _side_country(place)
    lines = [b for b in borders() if side and side in (b.properties.get("countries") or [])]
    side_place = next((c for c in countries() if c.code == side), None)
    if not lines or side_place is None:
        raise InputError(
            f"--standoff needs a launch place in Ukraine, Russia or Belarus (the bundled land "
            f"borders are UA-RU and UA-BY); {place.name!r} is not"
        )
    # A border launches from itself; any other place keeps back from every
    # bundled land border of its side.
    border_line = (
        place.geometry if place.kind == "border" else shapely.union_all([b.geometry for b in lines])
    )
    moved = standoff(place.geometry, border_line, standoff_km, side_place.geometry)
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


def combine_launches(places: Sequence[Place], *, standoff_km: float | None = None) -> Launch:
    """Unite launch places into one launch geometry, with an optional stand-off.

    Parameters
    ----------
    places : sequence of Place
        At least one launch place.
    standoff_km : float, optional
        Keep launchers this far behind the land border on their side, km.

    Returns
    -------
    Launch
        The combined launch.

    Raises
    ------
    InputError
        If no place is given, the stand-off is not a distance in (0, 20,000]
        km, a place has no land border for the stand-off, or nothing remains
        behind it.
    """
    if not places:
        raise InputError("no launch place given; use --from")
    if standoff_km is not None:
        check_range_km(standoff_km)
        places = [_apply_standoff(place, standoff_km) for place in places]
    geometries = [place.geometry for place in places]
    geometry = geometries[0] if len(geometries) == 1 else shapely.union_all(geometries)
    return Launch(
        places=tuple(places),
        geometry=geometry,
        name=" + ".join(place.name for place in places),
        standoff_km=standoff_km,
    )
