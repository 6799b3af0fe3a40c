"""What a range reaches from a launch area: exact geodesic reach envelopes.

The model
---------
The *reach* of a launch geometry ``G`` at range ``R`` is every place whose
distance to ``G`` is at most ``R``: polygons with everything within ``R`` of
them, lines with their corridor, points with their discs. A *band* is the
reach at a high range minus the reach at a low one. Launch geometries and
distances are as in :mod:`rangemap.geodesy.distance` (edges straight in
longitude/latitude, exact geodesic distances on WGS84).

How a reach is drawn
--------------------
:func:`reach` takes the union of an edge quadrilateral for every launch
edge, a fan for every vertex where the boundary turns outwards and the
polygons of ``G`` (:mod:`rangemap.geodesy.pieces`), leaving out the pieces
that lie wholly inside a conservative inner envelope
(:mod:`rangemap.geodesy.prune`). The union is formed in a stereographic map
centred on ``G`` (:mod:`rangemap.geodesy.frame`), where every piece's outer
edge is checked against the exact distance and split until it is within the
tolerance. The result goes back to longitude/latitude with extra vertices
wherever a straight lon/lat edge would stray more than a metre from its map
edge, and is split at the antimeridian or closed over a pole with the
``antimeridian`` package (:mod:`rangemap.geodesy.seams`).

Accuracy
--------
Every vertex of the returned boundary and every point along its straight
lon/lat edges lies within ``tolerance_m`` (default 25 m) of the range: its
exact distance to ``G`` is within ``R ± tolerance_m``. In practice the error
is below half of that, mostly inside (chords cut inside the circle). All
vertices are exact geodesic points, except where two pieces cross.

Limits
------
Ranges are accepted in (0, 20,000] km. When the range reaches to within
250 m of the place farthest from ``G``, the whole Earth is returned. A
single point gives exactly :func:`rangemap.geodesy.ring_polygon` with half
the tolerance. Reaches that cross the antimeridian are correct but slower
(the ``antimeridian`` package walks every vertex in Python): all of Russia at
300 km takes about 2 s, Ukraine well under 0.2 s.

Examples
--------
>>> import shapely
>>> area = shapely.box(35.0, 50.0, 36.0, 51.0)
>>> ring = reach(area, 100)
>>> ring.geom_type, ring.is_valid, ring.contains(area)
('Polygon', True, True)

"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError
from rangemap.geodesy._checks import (
    _as_float,
    _check_geometry,
    _check_reach_tolerance,
    check_range_km,
)
from rangemap.geodesy._ellipsoid import _BoolArray, _FloatArray
from rangemap.geodesy._parts import _Parts
from rangemap.geodesy._piece_types import _Fans, _Plan, _Quads
from rangemap.geodesy._segment import _segment_distance_m
from rangemap.geodesy.distance import _Prepared, _prepared
from rangemap.geodesy.frame import _EDGE_SAMPLES, _MAX_ROUNDS, _Frame, _frame_for, _samples
from rangemap.geodesy.pieces import (
    _CHORD_SHARE,
    _chain_pieces,
    _densify,
    _fan_rings,
    _make_plan,
    _point_fans,
)
from rangemap.geodesy.prune import _PRUNE_MIN_EDGES, _inner_envelope, _prune
from rangemap.geodesy.rings import ring_polygon
from rangemap.geodesy.seams import _WORLD, _polygonal, _to_lonlat

__all__ = ["band", "reach", "standoff"]


def reach(
    geometry: BaseGeometry, range_km: float, *, tolerance_m: float = 25.0
) -> Polygon | MultiPolygon:
    """Return every place within ``range_km`` of a launch geometry.

    Parameters
    ----------
    geometry : shapely geometry, geopandas.GeoSeries or geopandas.GeoDataFrame
        The launch geometry, lon/lat degrees: a point, line, polygon, a
        multi-part geometry or a GeometryCollection of them. Edges are
        straight in lon/lat (see the module notes). A GeoSeries or
        GeoDataFrame in any CRS is the union of its rows, reprojected to
        EPSG:4326 (:mod:`rangemap.geodesy.crs`).
    range_km : float
        The range, km, in (0, 20,000].
    tolerance_m : float, optional
        Largest distance, metres, by which any point of the returned boundary
        (vertices and the points along its straight lon/lat edges) may miss
        the range, inside or outside. At least 1 m.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        Valid RFC 7946 geometry (longitudes in [-180, 180], split at the
        antimeridian, closed along latitude ±90 where it holds a pole,
        exteriors counter-clockwise), containing ``geometry``. For a single
        point this is ``ring_polygon(lon, lat, range_km,
        tolerance_m=tolerance_m / 2)``; when the range covers the whole
        Earth, the world rectangle.

    Raises
    ------
    InputError
        If the geometry is empty, not a shapely geometry or a frame, or has
        coordinates out of range, or if the range or tolerance is not
        accepted; a :class:`~rangemap.errors.ParameterError` for a frame
        without a CRS whose coordinates are not lon/lat.

    Notes
    -----
    The model, the construction and its limits are described in the module
    documentation (:mod:`rangemap.geodesy.reach`).

    Examples
    --------
    >>> from shapely import LineString
    >>> corridor = reach(LineString([(30.0, 50.0), (32.0, 50.0)]), 50)
    >>> corridor.is_valid, corridor.contains(LineString([(30.0, 50.0), (32.0, 50.0)]))
    (True, True)

    """
    check_range_km(range_km)
    tol = _check_reach_tolerance(tolerance_m)
    prepared = _prepared(_check_geometry(geometry))
    return _reach(prepared, float(range_km) * 1000.0, tol)


def band(
    geometry: BaseGeometry, low_km: float, high_km: float, *, tolerance_m: float = 25.0
) -> Polygon | MultiPolygon:
    """Return the places between two ranges of a launch geometry.

    Parameters
    ----------
    geometry : shapely geometry, geopandas.GeoSeries or geopandas.GeoDataFrame
        The launch geometry, lon/lat degrees (a frame in any CRS), as for
        :func:`reach`.
    low_km, high_km : float
        The band's inner and outer range, km, ``0 <= low_km < high_km``. A
        low range of 0 removes only the polygons of ``geometry``.
    tolerance_m : float, optional
        Boundary tolerance, metres, as for :func:`reach`.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        ``reach(geometry, high_km)`` minus ``reach(geometry, low_km)``: the
        places whose distance to ``geometry`` is in ``(low_km, high_km]``.
        Valid RFC 7946 geometry; may be empty only if the inputs make it so.

    Raises
    ------
    InputError
        If the geometry, ranges or tolerance are not accepted.

    Examples
    --------
    >>> from shapely import Point
    >>> ring = band(Point(30.5, 50.45), 100, 300)
    >>> ring.contains(Point(30.5, 50.45)), ring.contains(Point(30.5, 52.5))
    (False, True)

    """
    check_range_km(high_km)
    low = _as_float("low range", low_km, "give a low range of at least 0 km")
    if not 0.0 <= low < float(high_km):
        raise InputError(
            f"band {low:g}-{float(high_km):g} km is not accepted: give 0 <= low range < high range"
        )
    tol = _check_reach_tolerance(tolerance_m)
    prepared = _prepared(_check_geometry(geometry))
    outer = _reach(prepared, float(high_km) * 1000.0, tol)
    if low == 0.0:
        inner = prepared.parts.area
        if inner is None:
            return outer
    else:
        inner = _reach(prepared, low * 1000.0, tol)
    return _polygonal(shapely.difference(outer, inner), ccw=True)


# Over 60 lines only for its docstring (a user guide); the code is under 40.
def standoff(
    place_geometry: BaseGeometry,
    border_line: BaseGeometry,
    distance_km: float,
    side_polygon: BaseGeometry,
    *,
    tolerance_m: float = 25.0,
) -> BaseGeometry:
    """Keep a launch geometry a distance behind a border, on one side of it.

    Launchers are often said to stay some distance behind a border (out of
    reach of the other side's artillery). This moves a launch geometry back
    from ``border_line`` into ``side_polygon``:

    * polygons keep the part inside ``side_polygon`` that is at least
      ``distance_km`` from the border;
    * points are kept if they lie inside ``side_polygon`` at least
      ``distance_km`` from the border;
    * lines (typically the border itself) stand for launchers strung along
      the border and become the *launch line*: the border moved
      ``distance_km`` into ``side_polygon``, i.e. the curve of places of
      ``side_polygon`` at exactly ``distance_km`` from the border (the edge
      of ``reach(border_line, distance_km)`` inside ``side_polygon``).

    Parameters
    ----------
    place_geometry : shapely geometry
        The launch geometry, lon/lat degrees.
    border_line : shapely geometry
        The border (usually a (Multi)LineString), lon/lat degrees.
    distance_km : float
        Stand-off distance, km, in (0, 20,000].
    side_polygon : shapely geometry
        The launching side (e.g. the country), lon/lat degrees.
    tolerance_m : float, optional
        Boundary tolerance, metres, as for :func:`reach`.

    Returns
    -------
    shapely geometry
        The moved launch geometry (polygons, points and lines as above, in
        a GeometryCollection when they mix); empty when nothing remains.

    Raises
    ------
    InputError
        If a geometry, the distance or the tolerance is not accepted.

    Examples
    --------
    >>> from shapely import LineString, box
    >>> from rangemap.geodesy import distance_to_km
    >>> side = box(30.0, 49.0, 32.0, 50.0)   # the launching side, south of 50°N
    >>> border = LineString([(30.0, 50.0), (32.0, 50.0)])
    >>> line = standoff(border, border, 20, side)
    >>> line.geom_type, round(distance_to_km(border, 31.0, line.centroid.y), 1)
    ('LineString', 20.0)

    """
    check_range_km(distance_km)
    tol = _check_reach_tolerance(tolerance_m)
    place = _check_geometry(place_geometry)
    side = _check_geometry(side_polygon)
    buffer_zone = reach(border_line, distance_km, tolerance_m=tol)
    side_area = _polygonal(side, ccw=True)
    if side_area.is_empty:
        raise InputError("side_polygon has no area: give the launching side as a polygon")
    kept: list[BaseGeometry] = []
    areas = [p for p in shapely.get_parts(place) if p.geom_type in ("Polygon", "MultiPolygon")]
    points = [p for p in shapely.get_parts(place) if p.geom_type in ("Point", "MultiPoint")]
    lines = [
        p
        for p in shapely.get_parts(place)
        if p.geom_type in ("LineString", "MultiLineString", "LinearRing")
    ]
    for sub in shapely.get_parts(place):
        if sub.geom_type == "GeometryCollection":
            inner = standoff(sub, border_line, distance_km, side_polygon, tolerance_m=tol)
            if not inner.is_empty:
                kept.append(inner)
    if areas:
        area = shapely.intersection(shapely.union_all(areas), side_area)
        kept.append(_polygonal(shapely.difference(area, buffer_zone), ccw=True))
    if points:
        pts = shapely.union_all(points)
        kept.append(shapely.difference(shapely.intersection(pts, side_area), buffer_zone))
    if lines:
        edge = shapely.boundary(buffer_zone)
        kept.append(shapely.line_merge(shapely.intersection(edge, side_area)))
    kept = [k for k in kept if not k.is_empty]
    if not kept:
        return shapely.GeometryCollection()
    if len(kept) == 1:
        return kept[0]
    return shapely.GeometryCollection([part for k in kept for part in shapely.get_parts(k)])


def _launch_in_map(
    frame: _Frame, parts: _Parts, chains: list[tuple[_FloatArray, bool]]
) -> list[BaseGeometry]:
    """Return the launch geometry in the map, built from the densified chains."""
    geoms: list[BaseGeometry] = []
    rings = [c for c, ring in chains if ring]
    mapped = []
    for c in rings:
        x, y = frame.xy(c[:, 0], c[:, 1])
        mapped.append(shapely.linearrings(np.column_stack([x, y])))
    for members in parts.polygons:
        shell, *holes = (mapped[i] for i in members)
        poly = shapely.polygons(shell, holes=holes or None)
        if not poly.is_valid:
            poly = shapely.make_valid(poly)
        geoms.append(poly)
    for c, ring in chains:
        if not ring:
            x, y = frame.xy(c[:, 0], c[:, 1])
            geoms.append(shapely.linestrings(np.column_stack([x, y])))
    if parts.points.size:
        x, y = frame.xy(parts.points[:, 0], parts.points[:, 1])
        geoms.extend(shapely.points(np.column_stack([x, y])))
    return geoms


def _reach(prepared: _Prepared, range_m: float, tol_m: float) -> Polygon | MultiPolygon:
    """Build the reach: pieces refined until every outer edge is within the tolerance."""
    parts = prepared.parts
    if not parts.lines and not parts.rings and parts.points.shape[0] == 1:
        lon, lat = parts.points[0]
        return ring_polygon(
            float(lon), float(lat), range_m / 1000.0, tolerance_m=tol_m * _CHORD_SHARE
        )
    frame = _frame_for(prepared, range_m)
    if frame is None:
        return _WORLD
    plan = _make_plan(frame, range_m, tol_m)
    chains = [(_densify(frame, c, plan.max_edge_m), True) for c in parts.rings]
    chains += [(_densify(frame, c, plan.max_edge_m), False) for c in parts.lines]
    edges = sum(c.shape[0] - 1 for c, _ in chains)
    envelope = None
    if edges + parts.points.shape[0] >= _PRUNE_MIN_EDGES:
        envelope = _inner_envelope(plan, _launch_in_map(frame, parts, chains), tol_m)
    for _ in range(_MAX_ROUNDS):
        pieces = [_chain_pieces(plan, c, ring, k) for k, (c, ring) in enumerate(chains)]
        fan_list = [f for _, f in pieces]
        if parts.points.size:
            fan_list.append(_point_fans(plan, parts.points))
        quads = _Quads.concat([q for q, _ in pieces]) if pieces else None
        fans = _Fans.concat(fan_list)
        quad_polys = shapely.polygons(quads.coords) if quads is not None else np.array([])
        if envelope is not None:
            quads, quad_polys, fans = _prune(plan, envelope, quads, quad_polys, fans)
        if plan.big or quads is None or quads.chain.size == 0:
            break
        failing = _failing_quads(plan, quads)
        if not failing.any():
            break
        for k in np.unique(quads.chain[failing]):
            segs = np.unique(quads.segment[failing & (quads.chain == k)])
            c, ring = chains[k]
            chains[k] = (np.insert(c, segs + 1, 0.5 * (c[segs] + c[segs + 1]), axis=0), ring)
    geoms: list[BaseGeometry] = [*quad_polys, *_fan_rings(plan, fans)]
    launch = _launch_in_map(frame, parts, chains)
    if envelope is not None:
        geoms.append(envelope)
        launch = [g for g in launch if not envelope.covers(g)]
    geoms.extend(g for g in launch if g.geom_type in ("Polygon", "MultiPolygon"))
    joined = shapely.union_all(geoms)
    return _to_lonlat(frame, joined, tol_m)


def _failing_quads(plan: _Plan, quads: _Quads) -> _BoolArray:
    """Quadrilaterals whose outer edge misses the range by more than the tolerance."""
    frame = plan.frame
    c = quads.coords
    slon, slat = _samples(frame, c[:, 3, 0], c[:, 3, 1], c[:, 2, 0], c[:, 2, 1])
    k = _EDGE_SAMPLES.size
    e = quads.inner
    dist = _segment_distance_m(
        slon,
        slat,
        np.tile(e[:, 0], k),
        np.tile(e[:, 1], k),
        np.tile(e[:, 2], k),
        np.tile(e[:, 3], k),
    )
    error = np.abs(dist - plan.range_m).reshape(k, -1).max(axis=0)
    return error > plan.chord_m  # type: ignore[no-any-return]
