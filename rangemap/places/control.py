"""Who holds what: control data for the sides of the war.

A map answers "what can this side strike from the ground it holds". Which
ground a side holds comes from *control data*: polygons, each held by a
country (ISO 3166-1 alpha-2 code), dated. Everywhere a control polygon does
not cover, a point is held by the bundled country it lies in.

The default
-----------
rangemap bundles a dated default, ``data/control.geojson``, built by
``scripts/build_data.py control`` from the bundled Natural Earth regions. The
bundled boundaries hold no front line, so the default can only mark whole
regions:

* Crimea (UA-43) and Sevastopol (UA-40), held by Russia since 2014;
* Luhansk (UA-09) and Donetsk (UA-14) oblasts, marked Russian-held as whole
  oblasts so that the Ukraine–Russia border along them, held by Russia since
  2014 (all of the Luhansk stretch since 2022), counts as Russian-held.

**Assumption.** Marking all of Donetsk oblast Russian-held over-states Russian
control: Ukraine holds the oblast's north-west (Kramatorsk, Sloviansk), which
this default counts as Russian-held. The front line inside Donetsk,
Zaporizhzhia, Kherson and Kharkiv oblasts, Russian-held strips along the
border in Sumy and Kharkiv oblasts and Ukraine's Kursk salient are not
represented: Zaporizhzhia, Kherson, Kharkiv and Sumy oblasts count as held by
Ukraine, and all of Russia as held by Russia. :attr:`ControlData.as_of` is the
date the data were checked; they say nothing about later changes. A control
file of the same format (a GeoJSON FeatureCollection whose polygon features
carry ``held_by`` and ``as_of``) gives a real front line.

Geometry is lon/lat (EPSG:4326) at full resolution; lengths are geodesic on
WGS84 (:data:`rangemap.geodesy.GEOD`). Data are read on first use and cached;
nothing is read at import.

Examples
--------
>>> default_control().as_of.isoformat()
'2025-07-01'
>>> held_by(34.80, 50.92), held_by(36.18, 51.73), held_by(34.11, 44.96)  # Sumy, Kursk, Simferopol
('UA', 'RU', 'RU')
>>> round(geodesic_length_km(held_border_stretch("UA-RU", "UA")))
805
"""

from __future__ import annotations

from functools import cache

import shapely
import shapely.geometry
from shapely.geometry.base import BaseGeometry

from rangemap._names import country_code
from rangemap._paths import data_path
from rangemap.errors import UnknownNameError
from rangemap.geodesy import check_lonlat
from rangemap.places.boundaries import Place, borders, countries
from rangemap.places.control_data import (
    CONTROL_FILE,
    ControlData,
    _union,
    geodesic_length_km,
)
from rangemap.places.control_file import load_control

__all__ = [
    "default_control",
    "front_line",
    "held_border_stretch",
    "held_by",
    "held_territory",
    "ukraine_held",
]


#: Pieces of a held border stretch shorter than this (km) are numerical slivers.
_SLIVER_KM = 0.05
#: Control-area vertices and edges this close (degrees, about 20 m) to a border
#: are snapped onto its vertices before the border is cut, so that a control
#: file drawn along the border (not from the same vertices) still matches it.
#: A topological tolerance, not a range: no distance is measured in degrees.
_SNAP_DEG = 2e-4


@cache
def default_control() -> ControlData:
    """Return the bundled default control data, read once per process.

    Returns
    -------
    ControlData
        ``data/control.geojson``; see the module notes for what it assumes.

    """
    return load_control(data_path(CONTROL_FILE))


def _control(control: ControlData | None) -> ControlData:
    return default_control() if control is None else control


@cache
def _country_tree() -> tuple[shapely.STRtree, tuple[str, ...]]:
    places = countries()
    return shapely.STRtree([p.geometry for p in places]), tuple(str(p.code) for p in places)


def _country_geometry(code: str) -> BaseGeometry | None:
    for place in countries():
        if place.code == code:
            return place.geometry
    return None


def held_by(lon: float, lat: float, *, control: ControlData | None = None) -> str | None:
    """Return who holds a point.

    Parameters
    ----------
    lon, lat : float
        Degrees (lon first, as everywhere in rangemap).
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    str or None
        The ``held_by`` of the first control area covering the point, else
        the ISO 3166-1 alpha-2 code of the bundled country it lies in
        (``"UA"``, ``"RU"``, ``"BY"``, ``"PL"``, ...), else None (sea, or
        outside the bundled countries). A point on a border line counts for
        the first country in code order.

    Examples
    --------
    >>> held_by(27.567, 53.900)  # Minsk
    'BY'
    >>> held_by(39.306, 48.568)  # Luhansk city, Russian-held under the default
    'RU'

    """
    check_lonlat(lon, lat)
    area = _control(control).area_at(lon, lat)
    if area is not None:
        return area.held_by
    tree, codes = _country_tree()
    hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
    return min(codes[int(i)] for i in hits) if len(hits) else None


@cache
def _default_held(side: str) -> BaseGeometry:
    return _held_territory(side, default_control())


def _held_territory(code: str, control: ControlData) -> BaseGeometry:
    own = _country_geometry(code)
    others = _union(tuple(a.geometry for a in control.areas if a.held_by != code))
    held = control.held_by_side(code)
    ground = shapely.MultiPolygon() if own is None else shapely.difference(own, others)
    return ground if held.is_empty else shapely.union(ground, held)


def held_territory(side: str, *, control: ControlData | None = None) -> BaseGeometry:
    """Return the ground a side holds: its country minus areas others hold, plus its own areas.

    Parameters
    ----------
    side : str
        ISO 3166-1 alpha-2 code, any case (``"UA"``, ``"RU"``).
    control : ControlData, optional
        Control data; the bundled default by default (then the result is
        cached).

    Returns
    -------
    shapely geometry
        (Multi)Polygon, lon/lat; empty for a side that holds nothing bundled.

    Raises
    ------
    rangemap.errors.InputError
        If `side` is not a two-letter code.

    """
    code = country_code(side)
    return _default_held(code) if control is None else _held_territory(code, control)


def ukraine_held(*, control: ControlData | None = None) -> BaseGeometry:
    """Return the ground Ukraine holds: Ukraine minus the areas others hold.

    Parameters
    ----------
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    shapely geometry
        (Multi)Polygon, lon/lat.

    """
    return held_territory("UA", control=control)


def held_border_stretch(
    border_code: str = "UA-RU", side: str = "UA", *, control: ControlData | None = None
) -> BaseGeometry:
    """Return the part of a bundled land border a side holds.

    A side holds a stretch of the border where it holds the ground on at
    least one side of it: along its own country, except where control areas
    held by others lie on its side, and along the areas it holds. Control
    areas are snapped onto the border's vertices within about 20 m first, so
    an area drawn along the border matches it.

    Parameters
    ----------
    border_code : str, optional
        A bundled border id, ``"UA-RU"`` (default) or ``"UA-BY"``.
    side : str, optional
        ISO 3166-1 alpha-2 code, any case; ``"UA"`` by default.
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    shapely geometry
        (Multi)LineString, lon/lat, possibly empty. Measure it with
        :func:`geodesic_length_km`.

    Raises
    ------
    rangemap.errors.UnknownNameError
        If there is no bundled border with that id.
    rangemap.errors.InputError
        If `side` is not a two-letter code.

    Examples
    --------
    >>> round(geodesic_length_km(held_border_stretch("UA-RU", "RU")))  # all of it
    1524

    """
    code = country_code(side)
    data = _control(control)
    place = _border(border_code)
    line = place.geometry
    pair = [str(c) for c in place.properties.get("countries", [])]
    pieces: list[BaseGeometry] = []
    own = _country_geometry(code) if code in pair else None
    if own is not None:
        pieces.append(_own_stretch(line, own, code, data))
    held = _union(
        tuple(shapely.snap(a.geometry, line, _SNAP_DEG) for a in data.areas if a.held_by == code)
    )
    if not held.is_empty:
        # the line inside the held areas, as pieces of the line itself
        pieces.append(shapely.difference(line, shapely.difference(line, held)))
    merged = shapely.line_merge(shapely.union_all(pieces)) if pieces else shapely.MultiLineString()
    return _without_slivers(merged)


#: Distance (degrees, about 1 m) within which the front line is taken to run
#: along the country's own boundary (border or coast) and is dropped there. A
#: topological tolerance, not a range.
_EDGE_DEG = 1e-5


def front_line(country: str = "UA", *, control: ControlData | None = None) -> BaseGeometry:
    """Return the front line inside a country: where ground it holds meets ground others hold.

    The line is the edge of the control areas held by others inside the
    country, without the stretches along the country's own boundary (its
    international borders and coast). Under the bundled default, which marks
    whole regions, it follows the edges of Luhansk and Donetsk oblasts and
    of Crimea (see the module notes): a region boundary, not the front.

    Parameters
    ----------
    country : str, optional
        ISO 3166-1 alpha-2 code of the country, ``"UA"`` by default.
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    shapely geometry
        (Multi)LineString, lon/lat; empty where nobody else holds ground in it.

    Examples
    --------
    >>> round(geodesic_length_km(front_line("UA")))
    771

    """
    code = country_code(country)
    own = _country_geometry(code)
    data = _control(control)
    if own is None:
        return shapely.MultiLineString()
    others = _union(tuple(a.geometry for a in data.areas if a.held_by != code))
    lost = shapely.intersection(own, others)
    if lost.is_empty:
        return shapely.MultiLineString()
    front = shapely.difference(lost.boundary, shapely.buffer(own.boundary, _EDGE_DEG))
    merged = shapely.line_merge(front) if not front.is_empty else front
    return _without_slivers(merged)


def _border(border_code: str) -> Place:
    """Return the bundled border of that id, or refuse it naming the ones there are."""
    wanted = border_code.strip().upper()
    place = next((b for b in borders() if b.code == wanted), None)
    if place is None:
        known = [str(b.code) for b in borders()]
        raise UnknownNameError(
            f"unknown border {border_code!r}; must be one of {', '.join(known)}", known
        )
    return place


def _own_stretch(
    line: BaseGeometry, own: BaseGeometry, code: str, data: ControlData
) -> BaseGeometry:
    """Return ``line`` less where areas others hold lie on the side's own country."""
    lost = tuple(
        shapely.snap(a.geometry, line, _SNAP_DEG)
        for a in data.areas
        if a.held_by != code and own.contains(a.geometry.representative_point())
    )
    return shapely.difference(line, _union(lost)) if lost else line


def _without_slivers(merged: BaseGeometry) -> BaseGeometry:
    """Return the lines of ``merged`` without numerical slivers (:data:`_SLIVER_KM`)."""
    parts = [
        p
        for p in shapely.get_parts(merged)
        if p.geom_type == "LineString" and geodesic_length_km(p) >= _SLIVER_KM
    ]
    if not parts:
        return shapely.MultiLineString()
    return parts[0] if len(parts) == 1 else shapely.MultiLineString(parts)
