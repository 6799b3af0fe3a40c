"""What a range reaches from a launch area: exact geodesic reach envelopes.

The model
---------
A *launch geometry* ``G`` is any shapely geometry in longitude/latitude
degrees (EPSG:4326): points, lines, polygons, their multi-part forms or a
GeometryCollection mixing them. Its edges are taken as **straight lines in
longitude/latitude**, as GeoJSON, shapely and Leaflet draw them (so an edge
from 179° to -179° runs the long way across the map, as drawn; RFC 7946
geometry splits such an edge at ±180° instead). A polygon includes its
interior, judged in longitude/latitude like any GeoJSON polygon.

The *distance* from a place ``p`` to ``G`` is the length of the shortest
geodesic on the WGS84 ellipsoid from ``p`` to any point of ``G`` -- any
vertex *or any point inside an edge* -- and 0 inside a polygon. It is exact
to well under a millimetre (:class:`pyproj.Geod`, i.e. GeographicLib):
candidate edges are found with bounds that hold on the ellipsoid (lengths
there lie between the smallest and largest radius of curvature times the
angle on a unit sphere), and along each candidate edge the closest point
is the root of the derivative of the distance, ``f'(t) = -u . q'(t)`` with
``u`` the unit vector from the edge point ``q(t)`` back towards ``p``.

The *reach* of ``G`` at range ``R`` is every place whose distance to ``G`` is
at most ``R``: polygons with everything within ``R`` of them, lines with
their corridor, points with their discs. A *band* is the reach at a high
range minus the reach at a low one.

How a reach is drawn
--------------------
The edge of the reach is made of two kinds of curves: *offsets* of edges
(the ends of the geodesics of length ``R`` that leave an edge at right
angles, on its outer side) and *arcs* of the geodesic circle of radius ``R``
around vertices where the boundary turns outwards, around the ends of
lines and around points. :func:`reach` builds

* for every edge a quadrilateral: the edge and the ends of the normals at
  its two vertices, each computed with ``Geod.fwd`` at exactly ``R``;
* for every outward-turning vertex a fan: the vertex and the arc between
  the normals of its two edges, every arc vertex computed with ``Geod.fwd``;

and takes the union of these pieces and the polygons of ``G``. A place
within ``R`` of ``G`` lies on a normal geodesic from its closest point of
``G`` -- in that edge's quadrilateral or that vertex's fan -- so the union
is the reach. Launch edges are first cut to at most 10 km.

The union is formed in a stereographic map centred on ``G`` (no seam and no
singular pole there). The outer edge of every piece is straight in that
map; it is checked against the exact distance at its quarter points (arcs:
at their midpoint) and split until those lie within half of
``tolerance_m`` of ``R``, inside or outside. The result goes back to
longitude/latitude with extra vertices wherever a straight lon/lat edge
would stray more than a metre from its map edge, and is split at the
antimeridian or closed over a pole with the ``antimeridian`` package.

Pieces that lie wholly inside a conservative *inner envelope* cannot shape
the edge and are left out, which makes wiggly coastlines cheap. The
envelope is a planar buffer of a simplified ``G`` in the map, with a radius
shrunk by the map's largest stretch and the simplification error (plus,
when ``G`` spreads far from the map centre, polygons inscribed in the discs
around the hull of ``G``): it stays at least three tolerances inside the
reach.

Beyond 6,000 km the normals of an edge would cross (at a quarter of the
Earth's circumference), so the quadrilaterals stop short of the range and
every vertex gets a fan, widened to overlap its neighbours'; the envelope of
those circles falls short of the range by at most a sixteenth of the
tolerance between vertices.

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
>>> round(distance_to_km(area, 36.0, 52.0), 3)  # due north of the north-east corner
111.258
>>> round(distance_to_km(area, 35.5, 50.5), 3)  # inside
0.0

"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import antimeridian
import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError
from rangemap.geodesy import GEOD, check_lonlat, check_range_km, ring_polygon

__all__ = [
    "band",
    "distance_to_km",
    "distances_to_km",
    "reach",
    "standoff",
]

_FloatArray = npt.NDArray[np.float64]
_IntArray = npt.NDArray[np.intp]
_BoolArray = npt.NDArray[np.bool_]

# --------------------------------------------------------------------------
# the ellipsoid and the unit sphere

_A = 6_378_137.0
_F = 1.0 / 298.257223563
_E2 = _F * (2.0 - _F)
_B = _A * (1.0 - _F)
#: Smallest and largest radius of curvature of WGS84 in metres (meridional at
#: the equator, a(1-e²); both radii at the poles, a²/b). On the unit sphere
#: that takes geodetic latitude as spherical latitude, a path of angular
#: length s is between these two times s long on the ellipsoid.
_RADIUS_MIN = _A * (1.0 - _E2)
_RADIUS_MAX = _A * _A / _B
#: Mean Earth radius, metres.
_EARTH_M = 6_371_008.8
#: Slack (radians) on sphere angles for the rounding of arccos and chords.
_ANGLE_SLACK = 1e-7
#: Slack (m) on straight chords through the Earth, for their rounding.
_CHORD_SLACK_M = 1e-3
#: Slack (m) on the chord bound of a block, computed from an expanded square.
_BLOCK_SLACK_M = 1.0

# --------------------------------------------------------------------------
# the distance search

#: Longest piece (degrees of longitude or latitude) a launch edge is cut into
#: for the distance search, so that each piece has one closest point.
_MAX_PIECE_DEG = 0.1
#: Segments per block in the coarse stage of the nearest-segment search.
_BLOCK = 32
#: Points handled at once in the dense stages (bounds memory).
_CHUNK = 1024
#: Iterations of the closest-point search along one segment.
_SEARCH_STEPS = 60
#: The closest distance to an edge is found to this many metres.
_SEARCH_TOL_M = 1e-5

# --------------------------------------------------------------------------
# the construction

#: Map scale: stereographic coordinates times this are metres at the centre.
_SCALE = 2.0 * _EARTH_M
#: Largest ratio of a length on the ellipsoid to its length in the map
#: (the stereographic scale is at least 1 on the sphere of radius _EARTH_M).
_MAP_STRETCH = _RADIUS_MAX / _EARTH_M
#: Fractions of a straight map edge checked against the range.
_EDGE_SAMPLES = np.array([0.25, 0.5, 0.75])
#: Fractions of an arc's chord checked against the range.
_ARC_SAMPLES = np.array([0.5])
#: Largest gap (m) allowed between a straight lon/lat edge and the straight
#: map edge it stands for (launch edges, and the output boundary).
_EDGE_GAP_M = 1.0
#: Longest launch edge in the map, metres, before the offset is built.
_MAX_EDGE_M = 10_000.0
#: Share of the tolerance that the checked points of an edge may use.
_CHORD_SHARE = 0.5
#: Refinement rounds before giving up.
_MAX_ROUNDS = 40
#: Coarse arc step (degrees) of the fans tested against the inner envelope.
_COARSE_STEP_DEG = 5.0
#: Angular margin (degrees) of those fans, for the small change of the
#: normals when an edge is split later.
_COARSE_MARGIN_DEG = 0.5
#: Fewer launch edges than this are not worth an inner envelope.
_PRUNE_MIN_EDGES = 64
#: Most vertices of the simplified launch geometry the inner envelope buffers.
_ENVELOPE_VERTICES = 800
#: Beyond this angle (radians) from the map centre the map stretches
#: lengths by over 2.5 %, and the inner envelope adds discs around the hull.
_SPREAD_LIMIT = 0.3
#: Vertices of each of those discs.
_DISC_VERTICES = 180
#: Quarter-circle segments of the planar buffer used for the inner envelope.
_BUFFER_QUAD_SEGS = 16
#: The whole map, counter-clockwise.
_WORLD = Polygon([(-180.0, -90.0), (180.0, -90.0), (180.0, 90.0), (-180.0, 90.0)])
#: The frame centre must be farther than this (m) beyond the range.
_ANTIPODE_MARGIN_M = 250.0


# ==========================================================================
# public API


def reach(
    geometry: BaseGeometry, range_km: float, *, tolerance_m: float = 25.0
) -> Polygon | MultiPolygon:
    """Return every place within ``range_km`` of a launch geometry.

    Parameters
    ----------
    geometry : shapely geometry
        The launch geometry, lon/lat degrees: a point, line, polygon, a
        multi-part geometry or a GeometryCollection of them. Edges are
        straight in lon/lat (see the module notes).
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
        If the geometry is empty, not a shapely geometry or has coordinates
        out of range, or if the range or tolerance is not accepted.

    Notes
    -----
    The model, the construction and its limits are described in the module
    documentation (:mod:`rangemap.envelope`).

    Examples
    --------
    >>> from shapely import LineString
    >>> corridor = reach(LineString([(30.0, 50.0), (32.0, 50.0)]), 50)
    >>> corridor.is_valid, corridor.contains(LineString([(30.0, 50.0), (32.0, 50.0)]))
    (True, True)

    """
    check_range_km(range_km)
    tol = _check_tolerance(tolerance_m)
    prepared = _prepared(_check_geometry(geometry))
    return _reach(prepared, float(range_km) * 1000.0, tol)


def band(
    geometry: BaseGeometry, low_km: float, high_km: float, *, tolerance_m: float = 25.0
) -> Polygon | MultiPolygon:
    """Return the places between two ranges of a launch geometry.

    Parameters
    ----------
    geometry : shapely geometry
        The launch geometry, lon/lat degrees, as for :func:`reach`.
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
    tol = _check_tolerance(tolerance_m)
    prepared = _prepared(_check_geometry(geometry))
    outer = _reach(prepared, float(high_km) * 1000.0, tol)
    if low == 0.0:
        inner = prepared.parts.area
        if inner is None:
            return outer
    else:
        inner = _reach(prepared, low * 1000.0, tol)
    return _polygonal(shapely.difference(outer, inner))


def distance_to_km(geometry: BaseGeometry, lon: float, lat: float) -> float:
    """Shortest geodesic distance from a place to a launch geometry, km.

    Parameters
    ----------
    geometry : shapely geometry
        The launch geometry, lon/lat degrees (see the module notes for the
        edge model).
    lon, lat : float
        The place, degrees.

    Returns
    -------
    float
        Distance on WGS84, km, exact to well under a millimetre; 0 inside
        (or on) a polygon.

    Raises
    ------
    InputError
        If the geometry or the place is not accepted.

    Examples
    --------
    >>> from shapely import LineString
    >>> line = LineString([(30.0, 0.0), (32.0, 0.0)])
    >>> round(distance_to_km(line, 31.0, 1.0), 3)  # closest point inside the edge
    110.574

    """
    check_lonlat(lon, lat)
    return float(distances_to_km(geometry, np.array([lon]), np.array([lat]))[0])


def distances_to_km(
    geometry: BaseGeometry,
    lons: npt.ArrayLike,
    lats: npt.ArrayLike,
) -> npt.NDArray[np.float64]:
    """Shortest geodesic distances from many places to a launch geometry, km.

    Parameters
    ----------
    geometry : shapely geometry
        The launch geometry, lon/lat degrees.
    lons, lats : array_like
        The places, degrees, of the same shape.

    Returns
    -------
    numpy.ndarray
        Distances, km, in the shape of ``lons``; 0 inside polygons.

    Raises
    ------
    InputError
        If the geometry is not accepted, or the coordinates are not finite
        numbers within range of matching shape.

    Examples
    --------
    >>> from shapely import Point
    >>> distances_to_km(Point(0, 0), [0.0, 1.0], [1.0, 0.0]).round(3)
    array([110.574, 111.319])

    """
    prepared = _prepared(_check_geometry(geometry))
    try:
        x = np.asarray(lons, dtype=float)
        y = np.asarray(lats, dtype=float)
    except (TypeError, ValueError):
        raise InputError("longitudes and latitudes must be numbers") from None
    if x.shape != y.shape:
        raise InputError(f"{x.size} longitudes but {y.size} latitudes: give one of each per place")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise InputError("longitudes and latitudes must be finite numbers")
    if (np.abs(x) > 180.0).any() or (np.abs(y) > 90.0).any():
        raise InputError("longitudes must be within -180..180 and latitudes within -90..90")
    flat = prepared.target.distances_m(x.ravel(), y.ravel())
    return (flat / 1000.0).reshape(x.shape)


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
    >>> side = box(30.0, 49.0, 32.0, 50.0)   # the launching side, south of 50°N
    >>> border = LineString([(30.0, 50.0), (32.0, 50.0)])
    >>> line = standoff(border, border, 20, side)
    >>> line.geom_type, round(distance_to_km(border, 31.0, line.centroid.y), 1)
    ('LineString', 20.0)

    """
    check_range_km(distance_km)
    tol = _check_tolerance(tolerance_m)
    place = _check_geometry(place_geometry)
    side = _check_geometry(side_polygon)
    buffer_zone = reach(border_line, distance_km, tolerance_m=tol)
    side_area = _polygonal(side)
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
        kept.append(_polygonal(shapely.difference(area, buffer_zone)))
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


# ==========================================================================
# checks


def _as_float(name: str, value: object, accepted: str) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"{name} {value!r} is not a number: {accepted}") from None


def _check_tolerance(tolerance_m: float) -> float:
    accepted = "give a tolerance of at least 1 m"
    number = _as_float("tolerance", tolerance_m, accepted)
    if not 1.0 <= number < math.inf:
        raise InputError(f"tolerance {number:g} m is not accepted: {accepted}")
    return number


def _check_geometry(geometry: object) -> BaseGeometry:
    if not isinstance(geometry, BaseGeometry):
        raise InputError(
            f"launch geometry must be a shapely geometry, not {type(geometry).__name__}"
        )
    if geometry.is_empty:
        raise InputError("launch geometry is empty: give at least one point, line or polygon")
    coords = shapely.get_coordinates(geometry)
    if not np.isfinite(coords).all():
        raise InputError("launch geometry has coordinates that are not finite numbers")
    if (np.abs(coords[:, 0]) > 180.0).any() or (np.abs(coords[:, 1]) > 90.0).any():
        raise InputError(
            "launch geometry has coordinates outside -180..180 (longitude) or -90..90 "
            "(latitude); give lon/lat degrees (EPSG:4326)"
        )
    return geometry


# ==========================================================================
# the launch geometry, taken apart


@dataclass(frozen=True)
class _Parts:
    """A launch geometry as points, open lines and polygon rings.

    Rings are closed and oriented with their polygon on the left (exteriors
    counter-clockwise, holes clockwise), so the outside is on the right.
    """

    points: _FloatArray
    lines: list[_FloatArray]
    rings: list[_FloatArray]
    #: Ring indices of each polygon, exterior first.
    polygons: list[list[int]]
    #: The polygonal part (for the inside test), or None.
    area: BaseGeometry | None


def _dedupe(coords: _FloatArray) -> _FloatArray:
    """Drop repeated consecutive vertices."""
    keep = np.ones(coords.shape[0], dtype=bool)
    keep[1:] = np.any(coords[1:] != coords[:-1], axis=1)
    return coords[keep]


def _decompose(geometry: BaseGeometry) -> _Parts:
    points: list[tuple[float, float]] = []
    lines: list[_FloatArray] = []
    rings: list[_FloatArray] = []
    polygons: list[list[int]] = []
    areas: list[Polygon] = []
    stack = [geometry]
    while stack:
        geom = stack.pop()
        if geom.is_empty:
            continue
        kind = geom.geom_type
        if kind == "Point":
            points.append((float(geom.x), float(geom.y)))
        elif kind in ("LineString", "LinearRing"):
            coords = _dedupe(shapely.get_coordinates(geom))
            if coords.shape[0] == 1:
                points.append((float(coords[0, 0]), float(coords[0, 1])))
            else:
                lines.append(coords)
        elif kind == "Polygon":
            fixed = geom if geom.is_valid else shapely.make_valid(geom)
            for poly in shapely.get_parts(fixed):
                if poly.geom_type != "Polygon":
                    stack.append(poly)
                    continue
                poly = shapely.orient_polygons(poly, exterior_cw=False)
                members = []
                for ring in (poly.exterior, *poly.interiors):
                    coords = _dedupe(shapely.get_coordinates(ring))
                    if coords.shape[0] >= 4:
                        members.append(len(rings))
                        rings.append(coords)
                if members:
                    polygons.append(members)
                    areas.append(poly)
        else:
            stack.extend(shapely.get_parts(geom))
    area = shapely.union_all(areas) if areas else None
    return _Parts(np.asarray(points, dtype=float).reshape(-1, 2), lines, rings, polygons, area)


class _Prepared:
    """A launch geometry taken apart, with its distance index.

    Also remembers, once found, the map centre (the mean direction of the
    vertices, and the distance from its antipode to the geometry) and the
    place farthest from the geometry.
    """

    def __init__(self, geometry: BaseGeometry) -> None:
        self.parts = _decompose(geometry)
        self.target = _Target.from_parts(self.parts)
        self.centre: tuple[float, float, float] | None = None
        self.farthest: tuple[float, float, float] | None = None


@lru_cache(maxsize=16)
def _prepared(geometry: BaseGeometry) -> _Prepared:
    """Return the prepared launch geometry (cached: geometries are immutable)."""
    return _Prepared(geometry)


# ==========================================================================
# exact distances


def _unit(lon: _FloatArray, lat: _FloatArray) -> _FloatArray:
    """Return unit vectors of (lon, lat) degrees, geodetic latitude taken as spherical."""
    lam = np.radians(lon)
    phi = np.radians(lat)
    cphi = np.cos(phi)
    return np.stack([cphi * np.cos(lam), cphi * np.sin(lam), np.sin(phi)], axis=-1)


def _angle(u: _FloatArray, v: _FloatArray) -> _FloatArray:
    """Central angle (radians) between unit vectors (last axis), broadcast."""
    d = u - v
    chord = np.sqrt(np.einsum("...i,...i->...", d, d))
    angle: _FloatArray = 2.0 * np.arcsin(np.minimum(chord * 0.5, 1.0))
    return angle


def _ecef(lon: _FloatArray, lat: _FloatArray) -> _FloatArray:
    """Return earth-centred cartesian positions (m) of (lon, lat) degrees on WGS84."""
    lam = np.radians(lon)
    phi = np.radians(lat)
    s = np.sin(phi)
    n = _A / np.sqrt(1.0 - _E2 * s * s)
    c = n * np.cos(phi)
    return np.stack([c * np.cos(lam), c * np.sin(lam), n * (1.0 - _E2) * s], axis=-1)


def _norm(d: _FloatArray) -> _FloatArray:
    """Euclidean lengths along the last axis."""
    length: _FloatArray = np.sqrt(np.einsum("...i,...i->...", d, d))
    return length


def _radii(lat: _FloatArray) -> tuple[_FloatArray, _FloatArray]:
    """Meridional and prime-vertical radii of curvature (m) at ``lat`` degrees."""
    s = np.sin(np.radians(lat))
    w = 1.0 - _E2 * s * s
    n = _A / np.sqrt(w)
    return n * (1.0 - _E2) / w, n


def _min_abs_lat(ay: _FloatArray, by: _FloatArray) -> _FloatArray:
    """Smallest |latitude| along straight lon/lat segments."""
    straddles = ((ay <= 0.0) & (by >= 0.0)) | ((ay >= 0.0) & (by <= 0.0))
    return np.where(straddles, 0.0, np.minimum(np.abs(ay), np.abs(by)))


def _half_angle(ax: _FloatArray, ay: _FloatArray, bx: _FloatArray, by: _FloatArray) -> _FloatArray:
    """Upper bound of half the unit-sphere length of straight lon/lat segments.

    Along the segment the length element is ``sqrt(dphi² + cos²phi dlam²)``,
    at most ``sqrt(dphi² + c² dlam²)`` with ``c`` the largest cosine of
    latitude on it.
    """
    dlam = np.radians(np.abs(bx - ax))
    dphi = np.radians(np.abs(by - ay))
    half: _FloatArray = 0.5 * np.hypot(dphi, np.cos(np.radians(_min_abs_lat(ay, by))) * dlam)
    return half


def _segment_distance_m(
    px: _FloatArray,
    py: _FloatArray,
    ax: _FloatArray,
    ay: _FloatArray,
    bx: _FloatArray,
    by: _FloatArray,
) -> _FloatArray:
    """Shortest geodesic distance (m) from points to straight lon/lat segments, pairwise.

    The segment is ``q(t) = a + t (b - a)`` for ``t`` in [0, 1]. The distance
    ``f(t) = |p q(t)|`` has the derivative ``f'(t) = -u . q'(t)`` where ``u``
    is the unit vector at ``q`` pointing back to ``p`` (the back azimuth of
    ``Geod.inv``) and ``q'(t)`` the velocity of ``q`` in metres east and
    north. The minimum is at an end where ``f'`` does not change sign, else
    at the root of ``f'``, bracketed and found by the Illinois method.
    Segments short enough (see ``_MAX_PIECE_DEG``) have a single minimum.
    """
    n = px.size
    dlam = np.radians(bx - ax)
    dphi = np.radians(by - ay)

    def slope(t: _FloatArray, idx: _IntArray) -> tuple[_FloatArray, _FloatArray]:
        qy = ay[idx] + t * (by[idx] - ay[idx])
        qx = ax[idx] + t * (bx[idx] - ax[idx])
        _, back, dist = GEOD.inv(px[idx], py[idx], qx, qy)
        back = np.radians(np.asarray(back, dtype=float))
        m, nn = _radii(qy)
        east = dlam[idx] * nn * np.cos(np.radians(qy))
        north = dphi[idx] * m
        return -(np.sin(back) * east + np.cos(back) * north), np.asarray(dist, dtype=float)

    everything = np.arange(n)
    g0, d0 = slope(np.zeros(n), everything)
    g1, d1 = slope(np.ones(n), everything)
    best = np.minimum(d0, d1)
    inner = np.flatnonzero((g0 < 0.0) & (g1 > 0.0))
    if inner.size == 0:
        return best
    length = _RADIUS_MAX * 2.0 * _half_angle(ax[inner], ay[inner], bx[inner], by[inner])
    lo = np.zeros(inner.size)
    hi = np.ones(inner.size)
    glo = g0[inner]
    ghi = g1[inner]
    dmin = best[inner]
    last = np.zeros(inner.size, dtype=np.int8)
    active = np.arange(inner.size)
    for _ in range(_SEARCH_STEPS):
        if active.size == 0:
            break
        a_lo, a_hi, a_glo, a_ghi = lo[active], hi[active], glo[active], ghi[active]
        t = a_lo - a_glo * (a_hi - a_lo) / (a_ghi - a_glo)
        stuck = ~((t > a_lo) & (t < a_hi))
        t = np.where(stuck, 0.5 * (a_lo + a_hi), t)
        g, d = slope(t, inner[active])
        dmin[active] = np.minimum(dmin[active], d)
        up = g > 0.0
        moved = last[active]
        # Illinois: halve the value kept at the end that stays put twice.
        new_glo = np.where(up, np.where(moved == 1, 0.5 * a_glo, a_glo), g)
        new_ghi = np.where(up, g, np.where(moved == -1, 0.5 * a_ghi, a_ghi))
        new_lo = np.where(up, a_lo, t)
        new_hi = np.where(up, t, a_hi)
        lo[active], hi[active] = new_lo, new_hi
        glo[active], ghi[active] = new_glo, new_ghi
        last[active] = np.where(up, 1, -1)
        # Near its minimum the distance is flat: f(t) - f* <= (L dt)² / (2 f*).
        width = (new_hi - new_lo) * length[active]
        done = (width * width < 2.0 * _SEARCH_TOL_M * dmin[active]) | (width < _SEARCH_TOL_M)
        done |= g == 0.0
        active = active[~done]
    best[inner] = dmin
    return best


def _group_min(group: _IntArray, values: _FloatArray, size: int) -> _FloatArray:
    """Minimum of ``values`` per group id in ``0..size-1`` (inf where empty)."""
    out = np.full(size, np.inf)
    np.minimum.at(out, group, values)
    return out


def _split_long(coords: _FloatArray, max_step: float) -> _FloatArray:
    """Insert points so that no lon/lat step exceeds ``max_step`` degrees."""
    steps = np.abs(np.diff(coords, axis=0)).max(axis=1)
    count = np.maximum(np.ceil(steps / max_step).astype(np.intp), 1)
    if (count == 1).all():
        return coords
    seg = np.repeat(np.arange(count.size), count)
    t = (np.arange(seg.size) - np.repeat(np.cumsum(count) - count, count)) / count[seg]
    pts = coords[seg] + t[:, None] * (coords[seg + 1] - coords[seg])
    return np.vstack([pts, coords[-1:]])


class _Target:
    """Segments of a launch geometry, indexed for exact nearest-distance queries.

    The search narrows the candidates in rigorous stages. Every place first
    gets an exact upper bound: its geodesic distance to one vertex of the
    geometry, the one nearest by chord in the block that looks nearest.
    Blocks of consecutive segments, and then single segments, are dropped
    when a lower bound of their distance exceeds it. Two lower bounds are
    taken, whichever is larger: the straight chord through the Earth (never
    longer than a path on the surface; tight for nearby places) and the unit
    sphere (ellipsoidal lengths lie between ``_RADIUS_MIN`` and
    ``_RADIUS_MAX`` times sphere angles; tight for far ones). Exact
    distances to the surviving segments' ends come next (a segment point is
    within the segment's length of both ends), and only the segments still
    in doubt are searched exactly.
    """

    def __init__(self, segments: _FloatArray, area: BaseGeometry | None) -> None:
        self.ax, self.ay, self.bx, self.by = (segments[:, i].copy() for i in range(4))
        self.area = area
        if area is not None:
            shapely.prepare(area)
        self.ua = _unit(self.ax, self.ay)
        self.ub = _unit(self.bx, self.by)
        self.pa = _ecef(self.ax, self.ay)
        self.pb = _ecef(self.bx, self.by)
        self.half = _half_angle(self.ax, self.ay, self.bx, self.by)
        self.length = 2.0 * _RADIUS_MAX * self.half
        n = self.ax.size
        nblocks = -(-n // _BLOCK)
        idx = np.minimum(np.arange(nblocks * _BLOCK), n - 1).reshape(nblocks, _BLOCK)
        centre = (self.ua[idx] + self.ub[idx]).sum(axis=1)
        norm = np.linalg.norm(centre, axis=1)
        fallback = norm < 1e-9
        centre[fallback] = self.ua[idx[fallback, 0]]
        norm[fallback] = 1.0
        centre /= norm[:, None]
        to_a = _angle(self.ua[idx], centre[:, None, :])
        to_b = _angle(self.ub[idx], centre[:, None, :])
        self.block_idx = idx
        self.block_centre = centre
        # A segment point is within (|c a| + |c b|) / 2 + half its length of c.
        self.block_radius = (0.5 * (to_a + to_b) + self.half[idx]).max(axis=1)
        # The same blocks in space: any centre will do; a segment point is
        # within (|c a| + |c b| + length) / 2 of it.
        self.block_point = 0.5 * (self.pa[idx] + self.pb[idx]).mean(axis=1)
        reach_a = _norm(self.pa[idx] - self.block_point[:, None, :])
        reach_b = _norm(self.pb[idx] - self.block_point[:, None, :])
        self.block_chord = (0.5 * (reach_a + reach_b + self.length[idx])).max(axis=1)
        self.block_square = (self.block_point * self.block_point).sum(axis=1)

    @classmethod
    def from_parts(cls, parts: _Parts) -> _Target:
        """Cut the lines and rings into short segments and index them."""
        pieces = []
        for chain in (*parts.lines, *parts.rings):
            c = _split_long(chain, _MAX_PIECE_DEG)
            pieces.append(np.hstack([c[:-1], c[1:]]))
        if parts.points.size:
            pieces.append(np.hstack([parts.points, parts.points]))
        return cls(np.vstack(pieces), parts.area)

    def distances_m(self, lon: _FloatArray, lat: _FloatArray) -> _FloatArray:
        """Exact shortest distances (m) from points to the geometry (0 inside)."""
        out = np.zeros(lon.size)
        todo = np.arange(lon.size)
        if self.area is not None:
            todo = np.flatnonzero(~shapely.intersects_xy(self.area, lon, lat))
        for start in range(0, todo.size, _CHUNK):
            sel = todo[start : start + _CHUNK]
            out[sel] = self._search(lon[sel], lat[sel])
        return out

    def _block_lower(self, up: _FloatArray, pp: _FloatArray) -> _FloatArray:
        """Lower bounds (m) of the distance from each place to each block."""
        ang = np.arccos(np.clip(up @ self.block_centre.T, -1.0, 1.0))
        sphere = np.maximum(ang - self.block_radius - _ANGLE_SLACK, 0.0) * _RADIUS_MIN
        # |p - c|² expanded, to stay one matrix product: its rounding is far
        # below the metre of slack taken.
        square = (
            (pp * pp).sum(axis=1)[:, None] + self.block_square - 2.0 * (pp @ self.block_point.T)
        )
        gap = np.sqrt(np.maximum(square, 0.0)) - self.block_chord
        lower: _FloatArray = np.maximum(sphere, gap - _BLOCK_SLACK_M)
        return lower

    def _upper(
        self, lon: _FloatArray, lat: _FloatArray, pp: _FloatArray, lower: _FloatArray
    ) -> _FloatArray:
        """Exact distances (m) from each place to one vertex: an upper bound."""
        rows = np.arange(lon.size)
        segs = self.block_idx[np.argmin(lower, axis=1)]
        pick = segs[rows, np.argmin(_norm(pp[:, None, :] - self.pa[segs]), axis=1)]
        _, _, dist = GEOD.inv(lon, lat, self.ax[pick], self.ay[pick])
        return np.asarray(dist, dtype=float)

    def _search(self, lon: _FloatArray, lat: _FloatArray) -> _FloatArray:
        n = lon.size
        up = _unit(lon, lat)
        pp = _ecef(lon, lat)
        lower = self._block_lower(up, pp)
        upper = self._upper(lon, lat, pp, lower)
        pi, pb = np.nonzero(lower <= upper[:, None])
        # Segments: chord and sphere bounds from their ends.
        seg = self.block_idx[pb].ravel()
        pi = np.repeat(pi, _BLOCK)
        near = np.minimum(_angle(up[pi], self.ua[seg]), _angle(up[pi], self.ub[seg]))
        sphere = np.maximum(near - self.half[seg] - _ANGLE_SLACK, 0.0) * _RADIUS_MIN
        ca = _norm(pp[pi] - self.pa[seg])
        cb = _norm(pp[pi] - self.pb[seg])
        chord = 0.5 * (ca + cb - self.length[seg]) - _CHORD_SLACK_M
        keep = np.maximum(sphere, chord) <= upper[pi]
        pi, seg = pi[keep], seg[keep]
        # Exact distances to the segment ends.
        _, _, da = GEOD.inv(lon[pi], lat[pi], self.ax[seg], self.ay[seg])
        _, _, db = GEOD.inv(lon[pi], lat[pi], self.bx[seg], self.by[seg])
        da, db = np.asarray(da, dtype=float), np.asarray(db, dtype=float)
        best = np.minimum(upper, _group_min(pi, np.minimum(da, db), n))
        keep = (0.5 * (da + db - self.length[seg]) < best[pi]) & (self.length[seg] > 0.0)
        pi, seg = pi[keep], seg[keep]
        inside = _segment_distance_m(
            lon[pi], lat[pi], self.ax[seg], self.ay[seg], self.bx[seg], self.by[seg]
        )
        return np.minimum(best, _group_min(pi, inside, n))


# ==========================================================================
# the map in which pieces are joined


class _Frame:
    """Stereographic map about a centre, on the unit sphere scaled to metres.

    Geodetic latitude is taken as spherical latitude. The map is conformal,
    has no seam and no singular pole (only the antipode of the centre is at
    infinity), and its scale is at least 1 (metres per metre on the sphere
    of radius ``_EARTH_M``), which makes planar distances in it conservative.
    Every coordinate is computed element by element, so a point converted
    twice gives the same bits.
    """

    def __init__(self, lon0: float, lat0: float) -> None:
        lam, phi = math.radians(lon0), math.radians(lat0)
        self.lon0, self.lat0 = lon0, lat0
        self.c = (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))
        self.e1 = (-math.sin(lam), math.cos(lam), 0.0)
        self.e2 = (-math.sin(phi) * math.cos(lam), -math.sin(phi) * math.sin(lam), math.cos(phi))

    def xy(self, lon: _FloatArray, lat: _FloatArray) -> tuple[_FloatArray, _FloatArray]:
        """Map coordinates (m) of lon/lat degrees."""
        lam = np.radians(lon)
        phi = np.radians(lat)
        cphi = np.cos(phi)
        u0, u1, u2 = cphi * np.cos(lam), cphi * np.sin(lam), np.sin(phi)
        c, e1, e2 = self.c, self.e1, self.e2
        k = _SCALE / (1.0 + (u0 * c[0] + u1 * c[1] + u2 * c[2]))
        return k * (u0 * e1[0] + u1 * e1[1]), k * (u0 * e2[0] + u1 * e2[1] + u2 * e2[2])

    def lonlat(self, x: _FloatArray, y: _FloatArray) -> tuple[_FloatArray, _FloatArray]:
        """Lon/lat degrees of map coordinates (m); longitudes in [-180, 180]."""
        x = x / _SCALE
        y = y / _SCALE
        r2 = x * x + y * y
        inv = 1.0 / (1.0 + r2)
        a = (1.0 - r2) * inv
        b = 2.0 * x * inv
        d = 2.0 * y * inv
        c, e1, e2 = self.c, self.e1, self.e2
        u0 = a * c[0] + b * e1[0] + d * e2[0]
        u1 = a * c[1] + b * e1[1] + d * e2[1]
        u2 = a * c[2] + d * e2[2]
        return np.degrees(np.arctan2(u1, u0)), np.degrees(np.arctan2(u2, np.hypot(u0, u1)))


def _fwd(
    lon: _FloatArray, lat: _FloatArray, az: _FloatArray, dist_m: float
) -> tuple[_FloatArray, _FloatArray]:
    lo, la, _ = GEOD.fwd(lon, lat, az, np.full(np.shape(lon), dist_m))
    return np.asarray(lo, dtype=float), np.asarray(la, dtype=float)


def _inv(
    lon1: _FloatArray, lat1: _FloatArray, lon2: _FloatArray, lat2: _FloatArray
) -> tuple[_FloatArray, _FloatArray, _FloatArray]:
    az12, az21, dist = GEOD.inv(lon1, lat1, lon2, lat2)
    return (
        np.asarray(az12, dtype=float),
        np.asarray(az21, dtype=float),
        np.asarray(dist, dtype=float),
    )


def _wrap180(angle: _FloatArray) -> _FloatArray:
    return (angle + 180.0) % 360.0 - 180.0


def _samples(
    frame: _Frame,
    x0: _FloatArray,
    y0: _FloatArray,
    x1: _FloatArray,
    y1: _FloatArray,
    fractions: _FloatArray = _EDGE_SAMPLES,
) -> tuple[_FloatArray, _FloatArray]:
    """Lon/lat of the checked points of straight map edges (sample-major)."""
    t = fractions[:, None]
    return frame.lonlat((x0 + t * (x1 - x0)).ravel(), (y0 + t * (y1 - y0)).ravel())


def _gap_m(
    frame: _Frame, lon0: _FloatArray, lat0: _FloatArray, lon1: _FloatArray, lat1: _FloatArray
) -> _FloatArray:
    """Return the distance (m) between the midpoints of lon/lat and map edges.

    The lon/lat edges are taken as given (not the short way round).
    """
    x0, y0 = frame.xy(lon0, lat0)
    x1, y1 = frame.xy(lon1, lat1)
    mx, my = frame.lonlat(0.5 * (x0 + x1), 0.5 * (y0 + y1))
    _, _, gap = _inv(0.5 * (lon0 + lon1), 0.5 * (lat0 + lat1), mx, my)
    return gap


# ==========================================================================
# the pieces: edge quadrilaterals and vertex fans

#: Above this range (m) edge quadrilaterals are cut short (their normals
#: would cross near a quarter of the Earth's circumference) and every vertex
#: gets a fan that overlaps its neighbours'.
_BIG_RANGE_M = 6_000_000.0
#: Longest normal (m) of a cut-short quadrilateral.
_MAX_QUAD_M = 7_000_000.0


#: Places as (lon, lat, map x, map y) arrays.
_Places = tuple[_FloatArray, _FloatArray, _FloatArray, _FloatArray]


def _pick(places: _Places, index: _IntArray | _BoolArray) -> _Places:
    return places[0][index], places[1][index], places[2][index], places[3][index]


def _join(places: Sequence[_Places]) -> _Places:
    lon, lat, x, y = (np.concatenate([p[i] for p in places]) for i in range(4))
    return lon, lat, x, y


@dataclass
class _Fans:
    """Arcs of the range around vertices, with their fan's apex.

    An arc leaves its vertex at azimuth ``az0`` and turns by ``sweep``
    degrees (negative: counter-clockwise on a north-up map). Its first and
    last points are given (lon/lat and map coordinates) so that they are the
    very same points as the corners of the neighbouring quadrilaterals.
    ``full`` marks whole circles (drawn without the apex).
    """

    lon: _FloatArray
    lat: _FloatArray
    az0: _FloatArray
    sweep: _FloatArray
    first: _Places
    last: _Places
    full: _BoolArray

    @property
    def size(self) -> int:
        return int(self.lon.size)

    def take(self, keep: _BoolArray | _IntArray) -> _Fans:
        return _Fans(
            self.lon[keep],
            self.lat[keep],
            self.az0[keep],
            self.sweep[keep],
            _pick(self.first, keep),
            _pick(self.last, keep),
            self.full[keep],
        )

    @staticmethod
    def concat(fans: Sequence[_Fans]) -> _Fans:
        return _Fans(
            np.concatenate([f.lon for f in fans]),
            np.concatenate([f.lat for f in fans]),
            np.concatenate([f.az0 for f in fans]),
            np.concatenate([f.sweep for f in fans]),
            _join([f.first for f in fans]),
            _join([f.last for f in fans]),
            np.concatenate([f.full for f in fans]),
        )


@dataclass
class _Quads:
    """Edge quadrilaterals in map coordinates, with their edge for checks."""

    coords: _FloatArray  # (n, 5, 2) closed rings in the map
    chain: _IntArray
    segment: _IntArray
    inner: _FloatArray  # (n, 4) lon/lat of the edge: ax, ay, bx, by

    @staticmethod
    def concat(quads: Sequence[_Quads]) -> _Quads:
        return _Quads(
            np.concatenate([q.coords for q in quads]),
            np.concatenate([q.chain for q in quads]),
            np.concatenate([q.segment for q in quads]),
            np.concatenate([q.inner for q in quads]),
        )


@dataclass
class _Plan:
    """How pieces are built for one range."""

    frame: _Frame
    range_m: float
    #: Length of the quadrilaterals' normals (the range, or less for big ranges).
    quad_m: float
    #: Whether every vertex gets an overlapping fan (big ranges).
    big: bool
    #: Extra turn (degrees) of the overlapping fans on each side.
    overlap_deg: float
    #: Longest launch edge in the map, m.
    max_edge_m: float
    #: Tolerance (m) of the checked points of each piece's outer edge.
    chord_m: float


def _make_plan(frame: _Frame, range_m: float, tol_m: float) -> _Plan:
    """Choose the pieces for a range: plain, or cut short with overlapping fans."""
    chord = tol_m * _CHORD_SHARE
    if range_m <= _BIG_RANGE_M:
        return _Plan(frame, range_m, range_m, False, 0.0, _MAX_EDGE_M, chord)
    quad_m = min(0.75 * range_m, _MAX_QUAD_M)
    # Between the fans of two vertices s apart the envelope of their circles
    # falls short of the range by about s² / (8 r tan(R / r)) (nothing beyond
    # a quarter circumference): this edge keeps that within a sixteenth of
    # the tolerance.
    tan = math.tan(range_m / _EARTH_M)
    edge = _MAX_EDGE_M if tan <= 0.0 else min(_MAX_EDGE_M, math.sqrt(0.5 * _EARTH_M * tan * tol_m))
    # A place on the normal of an edge point lies within this angle of the
    # normals of the edge's ends, seen from them.
    sine = min(math.sin(quad_m / _EARTH_M), abs(math.sin(range_m / _EARTH_M)))
    spread = math.degrees(3.0 * edge * _MAP_STRETCH / (_EARTH_M * max(sine, 1e-3)))
    return _Plan(frame, range_m, quad_m, True, min(spread + 0.1, 90.0), edge, chord)


def _densify(frame: _Frame, chain: _FloatArray, max_edge_m: float) -> _FloatArray:
    """Split launch edges (at lon/lat midpoints, so on the edge as drawn).

    Afterwards every edge is at most ``max_edge_m`` long in the map and its
    straight map image stays within ``_EDGE_GAP_M`` of it.
    """
    p = chain
    for _ in range(_MAX_ROUNDS):
        x, y = frame.xy(p[:, 0], p[:, 1])
        long = np.hypot(np.diff(x), np.diff(y)) > max_edge_m
        gap = _gap_m(frame, p[:-1, 0], p[:-1, 1], p[1:, 0], p[1:, 1]) > _EDGE_GAP_M
        split = long | gap
        if not split.any():
            break
        idx = np.flatnonzero(split)
        p = np.insert(p, idx + 1, 0.5 * (p[idx] + p[idx + 1]), axis=0)
    return p


def _chain_pieces(
    plan: _Plan, chain: _FloatArray, ring: bool, chain_id: int
) -> tuple[_Quads, _Fans]:
    """Quadrilaterals of every edge and fans of the vertices of one chain.

    Rings get pieces on their right (outer) side only, lines on both sides
    and a half-circle fan at each end.
    """
    frame = plan.frame
    ax, ay, bx, by = chain[:-1, 0], chain[:-1, 1], chain[1:, 0], chain[1:, 1]
    nseg = ax.size
    az12, az21, _ = _inv(ax, ay, bx, by)
    px, py = frame.xy(chain[:, 0], chain[:, 1])
    inner = np.column_stack([ax, ay, bx, by])
    if ring:
        vin = np.concatenate([[nseg - 1], np.arange(nseg - 1)])
        vout = np.arange(nseg)
    else:
        vin = np.arange(nseg - 1)
        vout = vin + 1
    vlon, vlat = chain[vout, 0], chain[vout, 1]
    turn = _wrap180(az12[vout] - az21[vin] - 180.0)
    quads: list[_Quads] = []
    fans: list[_Fans] = []
    ends: dict[int, tuple[_Places, _Places]] = {}
    for side in (1, -1) if not ring else (1,):
        f0 = _fwd(ax, ay, az12 + 90.0 * side, plan.quad_m)
        f1 = _fwd(bx, by, az21 - 90.0 * side, plan.quad_m)
        x0, y0 = frame.xy(*f0)
        x1, y1 = frame.xy(*f1)
        start: _Places = (f0[0], f0[1], x0, y0)
        end: _Places = (f1[0], f1[1], x1, y1)
        ends[side] = (start, end)
        ring_xy = np.stack(
            [
                np.column_stack([px[:-1], py[:-1]]),
                np.column_stack([px[1:], py[1:]]),
                np.column_stack([x1, y1]),
                np.column_stack([x0, y0]),
                np.column_stack([px[:-1], py[:-1]]),
            ],
            axis=1,
        )
        quads.append(_Quads(ring_xy, np.full(nseg, chain_id), np.arange(nseg), inner))
        normal_in = az21[vin] - 90.0 * side
        if not plan.big:
            out = side * turn < 0.0  # the boundary turns away from this side
            fans.append(
                _Fans(
                    vlon[out],
                    vlat[out],
                    normal_in[out],
                    turn[out],
                    _pick(end, vin[out]),
                    _pick(start, vout[out]),
                    np.zeros(int(out.sum()), dtype=bool),
                )
            )
        else:
            ext = np.where(turn >= 0.0, plan.overlap_deg, -plan.overlap_deg)
            fans.append(_free_fans(plan, vlon, vlat, normal_in - ext, turn + 2.0 * ext))
    if not ring:
        (l_start, l_end), (r_start, r_end) = ends[-1], ends[1]
        head = np.array([0])
        tail = np.array([nseg - 1])
        if not plan.big:
            fans.append(
                _Fans(
                    chain[:1, 0],
                    chain[:1, 1],
                    az12[:1] - 90.0,
                    np.array([-180.0]),
                    _pick(l_start, head),
                    _pick(r_start, head),
                    np.zeros(1, dtype=bool),
                )
            )
            fans.append(
                _Fans(
                    chain[-1:, 0],
                    chain[-1:, 1],
                    az21[-1:] - 90.0,
                    np.array([-180.0]),
                    _pick(r_end, tail),
                    _pick(l_end, tail),
                    np.zeros(1, dtype=bool),
                )
            )
        else:
            wide = plan.overlap_deg
            fans.append(
                _free_fans(
                    plan,
                    chain[[0, -1], 0],
                    chain[[0, -1], 1],
                    np.array([az12[0] - 90.0 + wide, az21[-1] - 90.0 + wide]),
                    np.full(2, -180.0 - 2.0 * wide),
                )
            )
    return _Quads.concat(quads), _Fans.concat(fans)


def _free_fans(
    plan: _Plan, lon: _FloatArray, lat: _FloatArray, az0: _FloatArray, sweep: _FloatArray
) -> _Fans:
    """Fans whose end points are not shared with any quadrilateral."""
    sweep = np.clip(sweep, -360.0, 360.0)
    full = np.abs(sweep) >= 360.0
    f0 = _fwd(lon, lat, az0, plan.range_m)
    f1 = _fwd(lon, lat, az0 + sweep, plan.range_m)
    x0, y0 = plan.frame.xy(*f0)
    x1, y1 = plan.frame.xy(*f1)
    x1 = np.where(full, x0, x1)
    y1 = np.where(full, y0, y1)
    return _Fans(lon, lat, az0, sweep, (*f0, x0, y0), (*f1, x1, y1), full)


def _point_fans(plan: _Plan, points: _FloatArray) -> _Fans:
    """Whole circles around points."""
    n = points.shape[0]
    return _free_fans(plan, points[:, 0], points[:, 1], np.zeros(n), np.full(n, -360.0))


def _fan_rings(plan: _Plan, fans: _Fans) -> list[Polygon]:
    """Densify the arcs and return each fan as a polygon in the map.

    Each arc starts with azimuth steps at which a chord of the circle sags by
    about the tolerance, then every straight map edge whose checked points
    miss the range by more than the tolerance is halved, until none does.
    """
    if fans.size == 0:
        return []
    frame, range_m, tol = plan.frame, plan.range_m, plan.chord_m
    radius = _EARTH_M * abs(math.sin(range_m / _EARTH_M))
    step = min(math.degrees(math.sqrt(8.0 * 0.7 * tol / max(radius, 1.0))), 10.0)
    counts = np.maximum(np.ceil(np.abs(fans.sweep) / step).astype(np.intp), 1)
    arc = np.repeat(np.arange(fans.size), counts + 1)
    offset = np.repeat(np.cumsum(counts + 1) - (counts + 1), counts + 1)
    frac = (np.arange(arc.size) - offset) / counts[arc]
    x = np.empty(arc.size)
    y = np.empty(arc.size)
    lon = np.empty(arc.size)
    lat = np.empty(arc.size)
    mid = (frac > 0.0) & (frac < 1.0)
    a = arc[mid]
    lon[mid], lat[mid] = _fwd(
        fans.lon[a], fans.lat[a], fans.az0[a] + fans.sweep[a] * frac[mid], range_m
    )
    x[mid], y[mid] = frame.xy(lon[mid], lat[mid])
    for where, ends in ((frac == 0.0, fans.first), (frac == 1.0, fans.last)):
        a = arc[where]
        lon[where], lat[where], x[where], y[where] = (e[a] for e in ends)
    last_full = (frac == 1.0) & fans.full[arc]
    a = arc[last_full]
    lon[last_full], lat[last_full], x[last_full], y[last_full] = (e[a] for e in fans.first)
    for _ in range(_MAX_ROUNDS):
        i = np.flatnonzero(arc[:-1] == arc[1:])
        # A chord of a circle (the arc's image is nearly one) strays most
        # from it at its midpoint.
        slon, slat = _samples(frame, x[i], y[i], x[i + 1], y[i + 1], _ARC_SAMPLES)
        a = np.tile(arc[i], _ARC_SAMPLES.size)
        _, _, dist = _inv(fans.lon[a], fans.lat[a], slon, slat)
        error = np.abs(dist - range_m).reshape(_ARC_SAMPLES.size, -1).max(axis=0)
        bad = i[(error > tol) & (np.abs(frac[i + 1] - frac[i]) * np.abs(fans.sweep[arc[i]]) > 1e-9)]
        if bad.size == 0:
            break
        fm = 0.5 * (frac[bad] + frac[bad + 1])
        am = arc[bad]
        lm, tm = _fwd(fans.lon[am], fans.lat[am], fans.az0[am] + fans.sweep[am] * fm, range_m)
        xm, ym = frame.xy(lm, tm)
        arc = np.concatenate([arc, am])
        frac = np.concatenate([frac, fm])
        lon, lat = np.concatenate([lon, lm]), np.concatenate([lat, tm])
        x, y = np.concatenate([x, xm]), np.concatenate([y, ym])
        order = np.lexsort((frac, arc))
        arc, frac, lon, lat, x, y = (
            arc[order],
            frac[order],
            lon[order],
            lat[order],
            x[order],
            y[order],
        )
    # Rings: apex, arc, apex for fans; the arc alone (already closed) for circles.
    apex_x, apex_y = frame.xy(fans.lon, fans.lat)
    open_fan = ~fans.full
    n_arc = np.bincount(arc, minlength=fans.size)
    total = n_arc + np.where(open_fan, 2, 0)
    start = np.cumsum(total) - total
    pos = np.arange(arc.size) - (np.cumsum(n_arc) - n_arc)[arc] + start[arc] + open_fan[arc]
    rx = np.empty(int(total.sum()))
    ry = np.empty(int(total.sum()))
    rx[pos], ry[pos] = x, y
    o = np.flatnonzero(open_fan)
    rx[start[o]], ry[start[o]] = apex_x[o], apex_y[o]
    rx[start[o] + total[o] - 1], ry[start[o] + total[o] - 1] = apex_x[o], apex_y[o]
    rings = shapely.linearrings(
        np.column_stack([rx, ry]), indices=np.repeat(np.arange(fans.size), total)
    )
    return list(shapely.polygons(rings))


def _coarse_fans(plan: _Plan, fans: _Fans) -> npt.NDArray[np.object_]:
    """Polygons (map) that certainly contain the fans, for the pruning test.

    Coarse arcs a little wider than the fan, with vertices pushed out so
    that their chords pass outside the circle.
    """
    frame = plan.frame
    sign = np.where(fans.sweep < 0.0, -1.0, 1.0)
    margin = np.where(fans.full, 0.0, _COARSE_MARGIN_DEG)
    az0 = fans.az0 - sign * margin
    sweep = fans.sweep + sign * 2.0 * margin
    counts = np.maximum(np.ceil(np.abs(sweep) / _COARSE_STEP_DEG).astype(np.intp), 1)
    half_step = np.radians(np.abs(sweep) / counts) / 2.0
    reach_m = (plan.range_m + 2.0 * plan.chord_m) / np.cos(half_step) * 1.002
    total = counts + 1 + np.where(fans.full, 0, 2)
    idx = np.repeat(np.arange(fans.size), counts + 1)
    k = np.arange(idx.size) - np.repeat(np.cumsum(counts + 1) - (counts + 1), counts + 1)
    lon, lat, _ = GEOD.fwd(
        fans.lon[idx], fans.lat[idx], az0[idx] + sweep[idx] * k / counts[idx], reach_m[idx]
    )
    x, y = frame.xy(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    apex_x, apex_y = frame.xy(fans.lon, fans.lat)
    start = np.cumsum(total) - total
    open_fan = ~fans.full
    pos = k + start[idx] + open_fan[idx]
    rx = np.empty(int(total.sum()))
    ry = np.empty(int(total.sum()))
    rx[pos], ry[pos] = x, y
    o = np.flatnonzero(open_fan)
    rx[start[o]], ry[start[o]] = apex_x[o], apex_y[o]
    rx[start[o] + total[o] - 1], ry[start[o] + total[o] - 1] = apex_x[o], apex_y[o]
    full = np.flatnonzero(fans.full)
    rx[start[full] + total[full] - 1] = rx[start[full]]
    ry[start[full] + total[full] - 1] = ry[start[full]]
    rings = shapely.linearrings(
        np.column_stack([rx, ry]), indices=np.repeat(np.arange(fans.size), total)
    )
    return shapely.polygons(rings)  # type: ignore[no-any-return]


def _inner_envelope(plan: _Plan, launch: list[BaseGeometry], tol_m: float) -> BaseGeometry | None:
    """Return a polygon (map) certainly inside the reach, well away from its edge.

    The launch geometry, simplified by ``s`` in the map (``s`` a hundredth
    of the range but at most 5 km, coarser until at most ``_ENVELOPE_VERTICES`` vertices
    remain), is buffered in the map by a radius shrunk by the map's largest
    stretch. A place in it is within ``rho * stretch`` of the simplified
    geometry on the ellipsoid, whose points are within
    ``(2 s + 1 m) * stretch`` of the launch geometry (a generous Hausdorff
    bound), so within the range minus three times the tolerance: the
    envelope never reaches the boundary of the reach.
    """
    groups: dict[str, list[BaseGeometry]] = {}
    for geom in launch:
        for part in shapely.get_parts(geom):
            groups.setdefault(part.geom_type, []).append(part)
    joined = []
    for kind, members in groups.items():
        if kind == "Polygon":
            joined.append(shapely.multipolygons(members))
        elif kind == "LineString":
            joined.append(shapely.multilinestrings(members))
        else:
            joined.append(shapely.multipoints(members))
    simplify_m = min(max(plan.range_m / 100.0, 100.0), 5_000.0)
    coarsest = min(plan.range_m / 12.0, 50_000.0)
    while True:
        simple = [
            shapely.make_valid(shapely.simplify(g, simplify_m, preserve_topology=False))
            for g in joined
        ]
        count = sum(shapely.get_num_coordinates(g) for g in simple)
        if count <= _ENVELOPE_VERTICES or simplify_m >= coarsest:
            break
        simplify_m *= 2.0
    hausdorff = (2.0 * simplify_m + _EDGE_GAP_M) * _MAP_STRETCH
    rho = (plan.range_m - 3.0 * tol_m - hausdorff) / _MAP_STRETCH
    if rho <= 0.0:
        return None
    pieces = list(shapely.buffer(simple, rho, quad_segs=_BUFFER_QUAD_SEGS))
    if _spread(plan, launch) > _SPREAD_LIMIT:
        pieces.append(_hull_discs(plan, launch, tol_m))
    envelope = shapely.union_all(pieces)
    shapely.prepare(envelope)
    return envelope


def _spread(plan: _Plan, launch: list[BaseGeometry]) -> float:
    """Angle (radians) from the map centre to the farthest place in reach, at most."""
    coords = shapely.get_coordinates(shapely.GeometryCollection(launch))
    lon, lat = plan.frame.lonlat(coords[:, 0], coords[:, 1])
    centre = _unit(np.array(plan.frame.lon0), np.array(plan.frame.lat0))
    return float(_angle(_unit(lon, lat), centre).max()) + plan.range_m / _RADIUS_MIN


def _hull_discs(plan: _Plan, launch: list[BaseGeometry], tol_m: float) -> BaseGeometry:
    """Return polygons inscribed in discs around the launch geometry's hull.

    The discs (the range less a margin) are centred on the vertices of the
    convex hull of the launch geometry in the map. Far from the map centre
    the planar buffer of :func:`_inner_envelope` falls well short of the
    range (the map stretches lengths there); these discs do not, as their
    vertices are exact geodesic points and their chords cut inside the
    circle.
    """
    frame = plan.frame
    hull = shapely.convex_hull(shapely.GeometryCollection(launch))
    xy = np.unique(shapely.get_coordinates(hull), axis=0)
    lon, lat = frame.lonlat(xy[:, 0], xy[:, 1])
    inner_m = plan.range_m - 3.0 * tol_m - 0.001 * plan.range_m
    count = _DISC_VERTICES
    az = np.linspace(0.0, -360.0, count, endpoint=False)
    dlon, dlat = _fwd(np.repeat(lon, count), np.repeat(lat, count), np.tile(az, lon.size), inner_m)
    x, y = frame.xy(dlon, dlat)
    rings = np.stack([x, y], axis=-1).reshape(lon.size, count, 2)
    return shapely.union_all(shapely.polygons(rings))


# ==========================================================================
# the reach


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
            if quads is not None:
                grown = quads.coords.copy()
                stretch = 1.0 + 2.0 * plan.chord_m / plan.quad_m
                base = quads.coords[:, [1, 0]]
                grown[:, 2:4] = base + stretch * (grown[:, 2:4] - base)
                keep_q = ~_inside(envelope, shapely.polygons(grown))
                quads = _Quads(
                    quads.coords[keep_q],
                    quads.chain[keep_q],
                    quads.segment[keep_q],
                    quads.inner[keep_q],
                )
                quad_polys = quad_polys[keep_q]
            keep_f = ~_inside(envelope, _coarse_fans(plan, fans))
            fans = fans.take(keep_f)
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


def _inside(envelope: BaseGeometry, polygons: npt.NDArray[np.object_]) -> _BoolArray:
    """Tell which (valid) polygons the envelope covers; invalid ones never."""
    covered: _BoolArray = shapely.covers(envelope, polygons) & shapely.is_valid(polygons)
    return covered


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


# ==========================================================================
# choosing the map


def _all_coords(parts: _Parts) -> _FloatArray:
    return np.vstack([parts.points, *parts.lines, *parts.rings])


def _farthest(target: _Target) -> tuple[float, float, float]:
    """Find the place farthest from the launch geometry: a 5° grid, then a climb."""
    lat = np.concatenate([np.arange(-87.5, 90.0, 5.0), [-90.0, 90.0]])
    lon = np.arange(-180.0, 180.0, 5.0)
    gx, gy = np.meshgrid(lon, lat)
    gx, gy = gx.ravel(), gy.ravel()
    dist = target.distances_m(gx, gy)
    best = int(np.argmax(dist))
    x, y, d = float(gx[best]), float(gy[best]), float(dist[best])
    step = 2.5
    moves = np.array(
        [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)], dtype=float
    )
    while step > 1e-4:
        cx = _wrap180(x + step * moves[:, 0])
        cy = np.clip(y + step * moves[:, 1], -90.0, 90.0)
        cd = target.distances_m(cx, cy)
        i = int(np.argmax(cd))
        if cd[i] > d:
            x, y, d = float(cx[i]), float(cy[i]), float(cd[i])
        else:
            step /= 2.0
    return x, y, d


def _frame_for(prepared: _Prepared, range_m: float) -> _Frame | None:
    """Choose a map whose only singular point (the centre's antipode) is out of reach.

    The centre is the mean direction of the launch vertices; if the reach
    holds its antipode, the antipode of the place farthest from the launch
    geometry. None when the reach holds even that place: the whole Earth.
    """
    if prepared.centre is None:
        coords = _all_coords(prepared.parts)
        u = _unit(coords[:, 0], coords[:, 1]).sum(axis=0)
        if np.linalg.norm(u) < 1e-9:
            u = _unit(coords[:1, 0], coords[:1, 1]).sum(axis=0)
        lon = math.degrees(math.atan2(u[1], u[0]))
        lat = math.degrees(math.atan2(u[2], math.hypot(u[0], u[1])))
        to_antipode = prepared.target.distances_m(
            np.array([_antimeridian_lon(lon)]), np.array([-lat])
        )
        prepared.centre = (lon, lat, float(to_antipode[0]))
    centre_lon, centre_lat, anti = prepared.centre
    if range_m < anti - _ANTIPODE_MARGIN_M:
        return _Frame(centre_lon, centre_lat)
    if prepared.farthest is None:
        prepared.farthest = _farthest(prepared.target)
    far_lon, far_lat, far = prepared.farthest
    if range_m < far - _ANTIPODE_MARGIN_M:
        return _Frame(_antimeridian_lon(far_lon), -far_lat)
    return None


def _antimeridian_lon(lon: float) -> float:
    """Return the longitude of the opposite meridian, in [-180, 180)."""
    return (lon + 360.0) % 360.0 - 180.0


# ==========================================================================
# back to longitude/latitude


def _polygonal(geom: BaseGeometry) -> Polygon | MultiPolygon:
    """Return the polygonal part of a geometry, valid, exteriors counter-clockwise."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]
    parts = [shapely.orient_polygons(p, exterior_cw=False) for p in parts]
    if len(parts) == 1:
        return parts[0]
    return MultiPolygon(parts)


def _ring_lonlat(frame: _Frame, xy: _FloatArray) -> _FloatArray:
    """Return the lon/lat of a closed map ring, with vertices added as needed.

    A vertex (on the straight map edge) is added wherever the straight
    lon/lat edge would stray more than ``_EDGE_GAP_M`` from the map edge.
    """
    x, y = xy[:, 0], xy[:, 1]
    lon, lat = frame.lonlat(x, y)
    for _ in range(_MAX_ROUNDS):
        mx, my = 0.5 * (x[:-1] + x[1:]), 0.5 * (y[:-1] + y[1:])
        mlon, mlat = frame.lonlat(mx, my)
        dlon = _wrap180(lon[1:] - lon[:-1])
        _, _, gap = _inv(lon[:-1] + 0.5 * dlon, 0.5 * (lat[:-1] + lat[1:]), mlon, mlat)
        split = np.flatnonzero(gap > _EDGE_GAP_M)
        if split.size == 0:
            break
        x = np.insert(x, split + 1, mx[split])
        y = np.insert(y, split + 1, my[split])
        lon = np.insert(lon, split + 1, mlon[split])
        lat = np.insert(lat, split + 1, mlat[split])
    lon[-1], lat[-1] = lon[0], lat[0]
    return np.column_stack([lon, lat])


def _ring_region(
    frame: _Frame, xy: _FloatArray, poles: list[tuple[float, float] | None]
) -> tuple[BaseGeometry, bool]:
    """Return the region a map ring bounds (its finite side), in lon/lat.

    Returns the region and whether it needed the antimeridian fix.
    """
    ring = shapely.linearrings(xy)
    if not shapely.is_ccw(ring):
        xy = xy[::-1]
        ring = shapely.linearrings(xy)
    coords = _ring_lonlat(frame, xy)
    inside = shapely.polygons(ring)
    north, south = (
        pole is not None and bool(shapely.contains_xy(inside, pole[0], pole[1])) for pole in poles
    )
    crosses = bool((np.abs(np.diff(coords[:, 0])) > 180.0).any())
    if not (crosses or north or south):
        return Polygon(coords), False
    if north and south:
        cap = antimeridian.fix_polygon(Polygon(coords[::-1]), fix_winding=False, great_circle=False)
        return _WORLD.difference(cap), True
    fixed = antimeridian.fix_polygon(
        Polygon(coords),
        force_north_pole=north,
        force_south_pole=south,
        fix_winding=False,
        great_circle=False,
    )
    return fixed, True


def _to_lonlat(frame: _Frame, joined: BaseGeometry, tol_m: float) -> Polygon | MultiPolygon:
    """Map the union back to RFC 7946 lon/lat polygons.

    Holes smaller than the tolerance squared (slivers between pieces that
    floating point left open) are dropped.
    """
    poles: list[tuple[float, float] | None] = []
    for pole_lat in (90.0, -90.0):
        if abs(frame.lat0 + pole_lat) < 1e-9:  # the antipode of the centre
            poles.append(None)
        else:
            px, py = frame.xy(np.array([0.0]), np.array([pole_lat]))
            poles.append((float(px[0]), float(py[0])))
    out: list[BaseGeometry] = []
    for poly in shapely.get_parts(joined):
        if not isinstance(poly, Polygon) or poly.is_empty:
            continue
        shell, fixed = _ring_region(frame, shapely.get_coordinates(poly.exterior), poles)
        holes = []
        for interior in poly.interiors:
            if abs(Polygon(interior).area) < tol_m * tol_m:
                continue
            region, hole_fixed = _ring_region(frame, shapely.get_coordinates(interior), poles)
            fixed = fixed or hole_fixed
            holes.append(region)
        if not fixed and isinstance(shell, Polygon):
            shell = Polygon(shell.exterior, [shapely.get_exterior_ring(h) for h in holes])
        elif holes:
            shell = shapely.difference(shell, shapely.union_all(holes))
        out.append(shell)
    return _polygonal(shapely.union_all(out) if len(out) > 1 else out[0])
