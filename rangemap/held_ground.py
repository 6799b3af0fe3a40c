"""Held ground: the part of a launch place its side holds.

A border launch is the stretch Ukraine holds (the whole line for the Russian
side); a point must stand on its side's ground; an area loses the ground the
other side holds. What changed is said in a note.

Under the bundled control data (the same for every map of a process) what
depends only on a launch geometry is worked out once and remembered: the held
ground of each side, the stretch of a border Ukraine holds, an area less the
other side's ground (a batch draws the same few launches for hundreds of maps).
Results are keyed on the geometry itself (shapely geometries are immutable and
compare by their coordinates), so a changed launch file is a new key; a user's
control data are never remembered.
"""

from __future__ import annotations

from functools import cache, lru_cache

import shapely
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError
from rangemap.places import (
    ControlData,
    Place,
    default_control,
    geodesic_length_km,
    held_border_stretch,
    held_by,
    held_territory,
)
from rangemap.sides import held_word, war_side

__all__ = ["held_ground", "held_place", "is_front_place", "opposing_ground", "planar_size"]

#: Launch geometries whose held part is remembered per process (bundled control data).
_REMEMBERED = 64


def is_front_place(place: Place) -> bool:
    """Return whether a launch place is a front line (a ``front:`` launch)."""
    return place.kind == "border" and bool(place.properties.get("front"))


def planar_size(geom: BaseGeometry, like: BaseGeometry | None = None) -> float:
    """Planar size for comparisons only: area of polygons, length of lines, count of points.

    Measured in the dimension of `like` (default `geom` itself), so that a
    shared edge left by an intersection of areas counts for nothing.
    """
    if geom.is_empty:
        return 0.0
    dim = shapely.get_dimensions(geom if like is None else like)
    if dim == 2:
        return float(geom.area)
    if dim == 1:
        return float(geom.length)
    return float(shapely.get_num_geometries(geom))


def held_ground(side: str, control: ControlData) -> BaseGeometry:
    """Return the ground a side holds (:func:`rangemap.places.held_territory`).

    Worked out once per process for the bundled control data.
    """
    if control is default_control():
        return held_territory(side)
    return held_territory(side, control=control)


def opposing_ground(side: str, control: ControlData) -> BaseGeometry:
    """Return the ground the other side of the war holds: Russia and Belarus against Ukraine."""
    if control is default_control():
        return _bundled_opposing(war_side(side) == "UA")
    return _opposing(war_side(side) == "UA", control)


@cache
def _bundled_opposing(against_ukraine: bool) -> BaseGeometry:
    return _opposing(against_ukraine, default_control())


def _opposing(against_ukraine: bool, control: ControlData) -> BaseGeometry:
    if against_ukraine:
        return shapely.union(held_ground("RU", control), held_ground("BY", control))
    return held_ground("UA", control)


def _same_dimension(geom: BaseGeometry, like: BaseGeometry) -> BaseGeometry:
    dim = shapely.get_dimensions(like)
    parts = [p for p in shapely.get_parts(geom) if shapely.get_dimensions(p) == dim]
    if not parts:
        return shapely.GeometryCollection()
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def held_place(place: Place, side: str, control: ControlData) -> tuple[Place, list[str]]:
    """Return the part of a launch place its side holds, with notes on what changed."""
    if is_front_place(place):
        return place, []
    if place.kind == "border":
        return _held_border(place, side, control)
    if place.is_point:
        return _held_point(place, side, control)
    return _held_area(place, side, control)


def _held_border(place: Place, side: str, control: ControlData) -> tuple[Place, list[str]]:
    """Return the stretch of a border Ukraine holds (the whole line for the Russian side)."""
    if (war_side(side) or "UA") != "UA":
        return place, [f"For the Russian side, {place.name} is the whole border line."]
    code = str(place.code or "")
    if control is default_control():
        line, full_km, held_km = _bundled_stretch(code, place.geometry)
    else:
        line, full_km, held_km = _stretch(code, place.geometry, control)
    if line.is_empty:
        raise InputError(
            f"Ukraine holds none of the {place.name} under the control data; "
            "give --side RU, or another --control file"
        )
    if held_km >= full_km - 0.5:
        return place, []
    note = (
        f"{place.name}: the {held_km:,.0f} km Ukraine holds, of {full_km:,.0f} km "
        "(the rest runs along Russian-held ground)."
    )
    return (
        Place(
            name=f"{place.name}, Ukrainian-held stretch",
            kind="border",
            geom=line,
            code=None,  # no longer the bundled border line
            country=place.country,
            properties={**place.properties, "border": code, "held_by": "UA"},
        ),
        [note],
    )


@lru_cache(maxsize=_REMEMBERED)
def _bundled_stretch(code: str, line: BaseGeometry) -> tuple[BaseGeometry, float, float]:
    return _stretch(code, line, default_control())


def _stretch(
    code: str, line: BaseGeometry, control: ControlData
) -> tuple[BaseGeometry, float, float]:
    """Return the stretch of a border Ukraine holds, the border's length and the stretch's, km."""
    held = held_border_stretch(code, "UA", control=control)
    full_km = geodesic_length_km(line)
    return held, full_km, (geodesic_length_km(held) if not held.is_empty else 0.0)


def _held_point(place: Place, side: str, control: ControlData) -> tuple[Place, list[str]]:
    """Return a point launch, refused when it stands on ground the other side holds."""
    camp = war_side(side) or "UA"
    lon, lat = place.anchor
    holder = held_by(lon, lat, control=control)
    if holder is not None and war_side(holder) not in (None, camp):
        other = "RU" if camp == "UA" else "UA"
        raise InputError(
            f"{place.name} is {held_word(holder)} ground; a {side} launch must stand on "
            f"{held_word(side)} ground (give --side {other}, or a --control file)"
        )
    return place, []


@lru_cache(maxsize=_REMEMBERED)
def _bundled_kept(geom: BaseGeometry, ukrainian: bool) -> BaseGeometry:
    return _kept(geom, _bundled_opposing(ukrainian))


def _kept(geom: BaseGeometry, other: BaseGeometry) -> BaseGeometry:
    """Return an area or line less the ground the other side holds, in its own dimension."""
    return _same_dimension(shapely.difference(geom, other), geom)


def _held_area(place: Place, side: str, control: ControlData) -> tuple[Place, list[str]]:
    """Return an area launch less the ground the other side holds."""
    word = held_word(side)
    geom = place.geometry
    if control is default_control():
        kept = _bundled_kept(geom, war_side(side) == "UA")
    else:
        kept = _kept(geom, opposing_ground(side, control))
    if kept.is_empty or planar_size(kept, geom) < 1e-9 * max(planar_size(geom), 1e-12):
        raise InputError(
            f"nothing of {place.name} is {word} ground under the control data; "
            f"a {side} launch must stand on ground its side holds"
        )
    if planar_size(kept, geom) >= planar_size(geom) * (1 - 1e-9):
        return place, []
    name = f"{place.name}, {word} part"
    return (
        Place(
            name=name,
            kind=place.kind,
            geom=kept,
            code=None,  # no longer the bundled region or country
            country=place.country,
            properties={**place.properties, "code": place.code, "held_by": side},
        ),
        [f"Launch from {name}: the ground the other side holds is left out."],
    )
