"""Geodesic range rings on the WGS84 ellipsoid.

The model
---------
Every distance here is a *geodesic* distance on the WGS84 ellipsoid, computed
with :class:`pyproj.Geod` (Charles Karney's GeographicLib), which is exact to
about 15 nanometres. Nothing is buffered in degrees or in a projection.

A *range ring* of radius ``range_km`` around a centre is the set of points
whose shortest geodesic distance from the centre is exactly ``range_km``; its
*disc* is the set of points at most that far away. Coordinates are
``(lon, lat)`` in degrees (EPSG:4326) everywhere; the public API takes
kilometres, the internals work in metres.

How a ring is drawn
-------------------
Each vertex is computed with ``Geod.fwd`` at exactly the range, so every
vertex lies on the true circle (to about a micrometre). GeoJSON, shapely and
Leaflet join vertices by *straight lines in longitude/latitude*; geodesic
tools (GeographicLib's polygon areas, great-circle drawing) join them by the
*geodesic* between them. Both cut inside the circle, by different amounts (the
geodesic bows towards the pole, so on the side of the ring facing the equator
it sags more than the lon/lat line; around a pole the lon/lat line follows the
parallel and only the geodesic sags). :func:`ring_coords` therefore densifies
adaptively: it checks the quarter points and the midpoint of every straight
lon/lat edge *and* the midpoint of the geodesic between its two vertices
against the exact distance, and splits any edge whose points lie more than
``0.9 * tolerance_m`` (9 m for the default 10 m) from the circle, inside *or*
outside, until no edge does. The 10 % margin absorbs what the checks cannot
see (a point between the samples) and the rounding of exported coordinates
(6 decimals move a vertex by up to about 0.1 m), so that a ring read back
from a file still has no edge more than ``tolerance_m`` from the circle. An
edge that fails is split into as many equal azimuth steps as its error needs
(the sag grows with the square of the edge's length), not blindly halved.
Inside is what matters for a range claim (an edge inside the circle would
under-state what is in reach); the bound is kept both ways.

Antimeridian and poles
----------------------
:func:`ring_polygon` and :func:`ring_line` return valid RFC 7946 geometry:
longitudes in [-180, 180], split at the antimeridian with the ``antimeridian``
package. A disc that contains a pole is closed along the map edge at
latitude +90 or -90. A near-antipodal disc that contains both poles (the whole
Earth minus a cap around the antipode) is the world rectangle minus that cap.

Beyond about 19,970 km the straight geodesic along some azimuths overshoots
the antipodal cut locus and stops being the shortest path; there the ring
follows the points that really are at the range, so the disc keeps its
meaning ("everything within the range").

Examples
--------
>>> round(distance_km(30.5234, 50.4501, 36.1873, 51.7373), 1)  # Kyiv to Kursk, km
421.7
>>> ring = ring_polygon(36.1873, 51.7373, 300)
>>> ring.geom_type, ring.is_valid
('Polygon', True)
>>> round(geometry_area_km2(ring) / 1000)  # thousand km² (pi * 300**2 is 282.7)
283

"""

from __future__ import annotations

import math

import antimeridian
import numpy as np
import numpy.typing as npt
import pyproj
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError

__all__ = [
    "GEOD",
    "MAX_RANGE_KM",
    "check_lonlat",
    "check_range_km",
    "distance_km",
    "geometry_area_km2",
    "ring_coords",
    "ring_line",
    "ring_polygon",
]

GEOD: pyproj.Geod = pyproj.Geod(ellps="WGS84")
"""The WGS84 ellipsoid every distance and area in rangemap is computed on."""

MAX_RANGE_KM = 20_000.0
"""The largest range accepted, in km (half a meridian is 20,003.9 km)."""

_FloatArray = npt.NDArray[np.float64]
_BoolArray = npt.NDArray[np.bool_]

#: Mean Earth radius in metres, used only to estimate a starting vertex count.
_MEAN_RADIUS_M = 6_371_008.8
#: Fewest vertices of a ring, whatever its size.
_MIN_VERTICES = 32
#: Densification rounds before giving up (each round halves the bad edges).
_MAX_ROUNDS = 64
#: Azimuth steps (degrees) finer than this are not split any further.
_MIN_AZIMUTH_STEP = 1e-9
#: A forward geodesic shorter than the range by more than this (m) has passed
#: the cut locus near the antipode: its end point is not on the ring.
_CUT_TOLERANCE_M = 1e-3
#: Bisection steps to locate where the forward geodesic meets the cut locus.
_CUT_BISECTIONS = 48
#: Fractions of an edge checked against the circle.
_EDGE_SAMPLES = np.array([0.25, 0.5, 0.75])
#: Share of the tolerance the densification aims for: the margin absorbs
#: points between the samples and coordinates rounded to 6 decimals on export.
_TARGET_SHARE = 0.9
#: Most pieces one edge is split into in one round.
_MAX_SPLIT = 64
#: Longitude step (degrees) above which an edge is split whatever its error,
#: so that crossing the antimeridian is never ambiguous.
_MAX_EDGE_DLON = 90.0
#: The whole map, counter-clockwise.
_WORLD = Polygon([(-180.0, -90.0), (180.0, -90.0), (180.0, 90.0), (-180.0, 90.0)])
#: Cells of 90 by 90 degrees, each smaller than half the Earth.
_CELLS = [
    shapely.box(x, y, x + 90.0, y + 90.0) for x in (-180.0, -90.0, 0.0, 90.0) for y in (-90.0, 0.0)
]


# --------------------------------------------------------------------------
# checks


def check_lonlat(lon: float, lat: float) -> None:
    """Check a longitude/latitude pair.

    Parameters
    ----------
    lon : float
        Longitude in degrees, accepted within -180..180.
    lat : float
        Latitude in degrees, accepted within -90..90.

    Raises
    ------
    InputError
        If either is not a finite number within its range.

    Examples
    --------
    >>> check_lonlat(30.5, 50.45)
    >>> check_lonlat(30.5, 95)
    Traceback (most recent call last):
    ...
    rangemap.errors.InputError: latitude 95 is outside -90..90 (degrees north)

    """
    for name, value, limit, unit in (
        ("longitude", lon, 180, "degrees east"),
        ("latitude", lat, 90, "degrees north"),
    ):
        number = _as_float(name, value, f"a number within -{limit}..{limit}")
        if not -limit <= number <= limit:
            raise InputError(f"{name} {number:g} is outside -{limit}..{limit} ({unit})")


def check_range_km(range_km: float) -> None:
    """Check a range in kilometres.

    Parameters
    ----------
    range_km : float
        Range in km; accepted when above 0 and at most :data:`MAX_RANGE_KM`.

    Raises
    ------
    InputError
        If the range is not a finite number in (0, 20,000] km.

    Examples
    --------
    >>> check_range_km(300)
    >>> check_range_km(0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rangemap.errors.InputError: range 0 km is not accepted: give a range above 0 and at most ...

    """
    accepted = f"give a range above 0 and at most {MAX_RANGE_KM:,.0f} km"
    number = _as_float("range", range_km, accepted)
    if not 0.0 < number <= MAX_RANGE_KM:  # also catches NaN
        raise InputError(f"range {number:g} km is not accepted: {accepted}")


def _check_tolerance_m(tolerance_m: float) -> float:
    accepted = "give a tolerance of at least 0.01 m"
    number = _as_float("tolerance", tolerance_m, accepted)
    if not (0.01 <= number < math.inf):
        raise InputError(f"tolerance {number:g} m is not accepted: {accepted}")
    return number


def _as_float(name: str, value: object, accepted: str) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"{name} {value!r} is not a number: {accepted}") from None


# --------------------------------------------------------------------------
# distances


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance between two points on WGS84, in km.

    Parameters
    ----------
    lon1, lat1 : float
        First point, degrees.
    lon2, lat2 : float
        Second point, degrees.

    Returns
    -------
    float
        Length of the shortest geodesic, in km.

    Raises
    ------
    InputError
        If a coordinate is not a number within range.

    Examples
    --------
    >>> round(distance_km(0, 0, 1, 0), 3)  # one degree along the equator
    111.319

    """
    check_lonlat(lon1, lat1)
    check_lonlat(lon2, lat2)
    _, _, dist_m = GEOD.inv(float(lon1), float(lat1), float(lon2), float(lat2))
    return float(dist_m) / 1000.0


# --------------------------------------------------------------------------
# the ring


def _forward(
    lon: float, lat: float, az: _FloatArray, range_m: float
) -> tuple[_FloatArray, _FloatArray]:
    """End points of the geodesics of length ``range_m`` leaving at ``az``."""
    n = az.size
    lons, lats, _ = GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, range_m))
    return np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)


def _distance_m(lon: float, lat: float, lons: _FloatArray, lats: _FloatArray) -> _FloatArray:
    """Shortest geodesic distances (m) from the centre to many points."""
    n = lons.size
    _, _, dist = GEOD.inv(np.full(n, lon), np.full(n, lat), lons, lats)
    return np.asarray(dist, dtype=float)


def _on_ring(
    lon: float, lat: float, range_m: float, az: _FloatArray
) -> tuple[_FloatArray, _FloatArray, _BoolArray]:
    """Forward points and whether each is really at the range (not past the cut)."""
    lons, lats = _forward(lon, lat, az, range_m)
    ok = _distance_m(lon, lat, lons, lats) >= range_m - _CUT_TOLERANCE_M
    return lons, lats, ok


def _cut_azimuths(
    lon: float, lat: float, range_m: float, az_ok: _FloatArray, az_bad: _FloatArray
) -> _FloatArray:
    """Bisect, per pair, for the last azimuth whose geodesic is still shortest."""
    good, bad = az_ok.copy(), az_bad.copy()
    for _ in range(_CUT_BISECTIONS):
        mid = 0.5 * (good + bad)
        _, _, ok = _on_ring(lon, lat, range_m, mid)
        good = np.where(ok, mid, good)
        bad = np.where(ok, bad, mid)
    return good


def _collapse_cut(
    lon: float,
    lat: float,
    range_m: float,
    az: _FloatArray,
    ok: _BoolArray,
    gap: _BoolArray,
) -> tuple[_FloatArray, _BoolArray]:
    """Replace runs of azimuths past the cut locus by the two points bounding them.

    The two bounding points coincide (both geodesics reach the same point of
    the cut locus), so the edge between them is flagged as a gap: it has no
    length and is not densified.
    """
    nxt = np.roll(np.arange(az.size), -1)
    az_next = az[nxt] - np.where(nxt == 0, 360.0, 0.0)
    enter = ok & ~ok[nxt]  # edge i -> i+1 leaves the ring
    leave = ~ok & ok[nxt]  # edge i -> i+1 comes back to it
    az_enter = _cut_azimuths(lon, lat, range_m, az[enter], az_next[enter])
    az_leave = _cut_azimuths(lon, lat, range_m, az_next[leave], az[leave])
    az_all = np.concatenate([az[ok], az_enter, az_leave])
    gap_all = np.concatenate([gap[ok], np.ones(az_enter.size, bool), np.zeros(az_leave.size, bool)])
    az_all = np.where(az_all <= -360.0, az_all + 360.0, az_all)
    order = np.argsort(-az_all, kind="stable")
    return az_all[order], gap_all[order]


def _pole_turns(lon: float, lat: float, range_m: float) -> tuple[bool, bool, int]:
    """Which poles the disc contains, and the ring's net turns in longitude.

    Walking the ring counter-clockwise, longitude grows by 360 degrees when
    the disc holds the north pole only, falls by 360 when it holds the south
    pole only and returns to its start otherwise.
    """
    _, _, to_poles = GEOD.inv([lon, lon], [lat, lat], [lon, lon], [90.0, -90.0])
    north = bool(range_m > to_poles[0])
    south = bool(range_m > to_poles[1])
    turns = 0 if north == south else (1 if north else -1)
    return north, south, turns


def _edge_dlon(lons: _FloatArray, turns: int) -> _FloatArray:
    """Longitude step along each edge of a closed ring, unwrapped.

    Each step is taken as the shorter way round; if the steps do not add up
    to ``turns`` full turns (which can only happen on an edge that passes a
    pole within a hair), the largest step is taken the other way round.
    """
    dlon = np.diff(np.append(lons, lons[0]))
    dlon = (dlon + 180.0) % 360.0 - 180.0
    missing = round((360.0 * turns - float(dlon.sum())) / 360.0)
    if missing:
        worst = int(np.argmax(np.abs(dlon)))
        dlon[worst] += 360.0 * missing
    return dlon


def _initial_count(range_m: float, tolerance_m: float) -> int:
    """Vertex count at which a chord's sagitta on the sphere is the tolerance."""
    # Radius of the small circle in space (it shrinks again past a quarter
    # of the Earth's circumference, towards the antipode).
    radius = _MEAN_RADIUS_M * abs(math.sin(range_m / _MEAN_RADIUS_M))
    if radius <= 8.0 * tolerance_m:
        return _MIN_VERTICES
    step = math.sqrt(8.0 * tolerance_m / radius)
    return max(_MIN_VERTICES, math.ceil(2.0 * math.pi / step))


def _geodesic_midpoints(
    lons1: _FloatArray, lats1: _FloatArray, lons2: _FloatArray, lats2: _FloatArray
) -> tuple[_FloatArray, _FloatArray]:
    """Return the midpoints of the geodesics between pairs of points."""
    az, _, dist = GEOD.inv(lons1, lats1, lons2, lats2)
    mid_lons, mid_lats, _ = GEOD.fwd(lons1, lats1, az, np.asarray(dist, dtype=float) / 2.0)
    return np.asarray(mid_lons, dtype=float), np.asarray(mid_lats, dtype=float)


def _split_azimuths(az: _FloatArray, step: _FloatArray, excess: _FloatArray) -> _FloatArray:
    """Return azimuths that split each edge into pieces of small enough error.

    ``excess`` is each edge's error over the target; the error of an edge
    grows with the square of its length, so ``ceil(sqrt(excess))`` pieces
    (at least two, a little more for safety) bring it under the target.
    """
    pieces = np.ceil(np.sqrt(np.maximum(excess, 0.0) * 1.1))
    most = np.floor(step / _MIN_AZIMUTH_STEP)
    pieces = np.clip(np.minimum(pieces, most), 2, _MAX_SPLIT).astype(int)
    edge = np.repeat(np.arange(az.size), pieces - 1)
    first = np.cumsum(pieces - 1) - (pieces - 1)
    k = np.arange(edge.size) - np.repeat(first, pieces - 1) + 1
    return np.asarray(az[edge] - step[edge] * k / pieces[edge], dtype=float)


def _densified_ring(
    lon: float, lat: float, range_m: float, tolerance_m: float
) -> tuple[_FloatArray, _FloatArray, _FloatArray, int]:
    """Densified ring vertices (open), their azimuths and net longitude turns.

    Azimuths run from 0 (north) down towards -360, which is
    counter-clockwise around the centre on a north-up map.
    """
    _, _, turns = _pole_turns(lon, lat, range_m)
    target_m = tolerance_m * _TARGET_SHARE
    count = _initial_count(range_m, target_m)
    az = -np.arange(count, dtype=float) * (360.0 / count)
    gap = np.zeros(count, bool)
    lons, lats, ok = _on_ring(lon, lat, range_m, az)
    if not ok.all():
        az, gap = _collapse_cut(lon, lat, range_m, az, ok, gap)
        lons, lats = _forward(lon, lat, az, range_m)

    for _ in range(_MAX_ROUNDS):
        nxt = np.roll(np.arange(az.size), -1)
        az_next = az[nxt] - np.where(nxt == 0, 360.0, 0.0)
        dlon = _edge_dlon(lons, turns)
        dlat = lats[nxt] - lats
        # Points along each straight lon/lat edge, checked against the range.
        t = _EDGE_SAMPLES[:, None]
        sample_lons = (lons + t * dlon).ravel()
        sample_lats = (lats + t * dlat).ravel()
        dist = _distance_m(lon, lat, sample_lons, sample_lats)
        error = np.abs(dist - range_m).reshape(t.size, -1).max(axis=0)
        # ... and the midpoint of the geodesic between the two vertices.
        geo_lons, geo_lats = _geodesic_midpoints(lons, lats, lons[nxt], lats[nxt])
        error = np.maximum(error, np.abs(_distance_m(lon, lat, geo_lons, geo_lats) - range_m))
        near_pole = np.maximum(np.abs(lats), np.abs(lats[nxt])) > 90.0 - 1e-9
        wide = (np.abs(dlon) > _MAX_EDGE_DLON) & ~near_pole
        step = az - az_next
        split = ((error > target_m) | wide) & ~gap & (step > _MIN_AZIMUTH_STEP)
        if not split.any():
            break
        az_new = _split_azimuths(az[split], step[split], error[split] / target_m)
        lons_new, lats_new, ok_new = _on_ring(lon, lat, range_m, az_new)
        az = np.concatenate([az, az_new])
        gap = np.concatenate([gap, np.zeros(az_new.size, bool)])
        lons = np.concatenate([lons, lons_new])
        lats = np.concatenate([lats, lats_new])
        if not ok_new.all():
            ok = np.concatenate([np.ones(az.size - az_new.size, bool), ok_new])
            order = np.argsort(-az, kind="stable")
            az, gap = _collapse_cut(lon, lat, range_m, az[order], ok[order], gap[order])
            lons, lats = _forward(lon, lat, az, range_m)
        else:
            order = np.argsort(-az, kind="stable")
            az, gap, lons, lats = az[order], gap[order], lons[order], lats[order]
    return lons, lats, az, turns


def ring_coords(
    lon: float, lat: float, range_km: float, *, tolerance_m: float = 10.0
) -> npt.NDArray[np.float64]:
    """Vertices of the geodesic circle of ``range_km`` around a centre.

    Parameters
    ----------
    lon, lat : float
        Centre, degrees.
    range_km : float
        Radius of the circle, km, in (0, 20,000].
    tolerance_m : float, optional
        Largest distance, in metres, that any point of an edge between two
        consecutive vertices may lie from the true circle (inside or
        outside), whether the edge is drawn as a straight lon/lat line or as
        the geodesic between them. The ring is densified to 90 % of it, so
        it holds after coordinates are rounded to 6 decimals. At least
        0.01 m.

    Returns
    -------
    numpy.ndarray
        Array of shape (N, 2) of (lon, lat) degrees, closed (the last row
        repeats the first), starting due north of the centre and running
        counter-clockwise around it. Every vertex is at exactly the range
        (``Geod.fwd``). Longitudes are wrapped to [-180, 180), so where the
        ring crosses the antimeridian consecutive longitudes jump by about
        360; unwrap them (steps are always below 90 degrees, apart from the
        immediate vicinity of a pole) or use :func:`ring_line` and
        :func:`ring_polygon` for drawing.

    Raises
    ------
    InputError
        If the centre, range or tolerance is not accepted.

    Examples
    --------
    >>> coords = ring_coords(36.19, 51.73, 300)
    >>> coords.shape[1], bool((coords[0] == coords[-1]).all())
    (2, True)

    """
    check_lonlat(lon, lat)
    check_range_km(range_km)
    tol = _check_tolerance_m(tolerance_m)
    lons, lats, _, _ = _densified_ring(float(lon), float(lat), float(range_km) * 1000.0, tol)
    lons = (lons + 180.0) % 360.0 - 180.0
    coords = np.column_stack([lons, lats])
    return np.vstack([coords, coords[:1]])


def _wrapped_ring(
    lon: float, lat: float, range_km: float, tolerance_m: float
) -> tuple[list[tuple[float, float]], bool, bool, bool]:
    """Return the closed ring (wrapped lon), whether it crosses 180° and the poles it holds."""
    check_lonlat(lon, lat)
    check_range_km(range_km)
    tol = _check_tolerance_m(tolerance_m)
    lon, lat, range_m = float(lon), float(lat), float(range_km) * 1000.0
    lons, lats, _, turns = _densified_ring(lon, lat, range_m, tol)
    north, south, _ = _pole_turns(lon, lat, range_m)
    lons = (lons + 180.0) % 360.0 - 180.0
    dlon = _edge_dlon(lons, turns)
    unwrapped = lons[0] + np.concatenate([[0.0], np.cumsum(dlon)])
    crosses = bool(turns != 0 or unwrapped.min() < -180.0 or unwrapped.max() > 180.0)
    coords = list(zip(lons.tolist(), lats.tolist(), strict=True))
    coords.append(coords[0])
    return coords, crosses, north, south


def _polygonal(geom: BaseGeometry) -> Polygon | MultiPolygon:
    """Return the polygonal part of a geometry, made valid."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]
    if len(parts) == 1:
        return parts[0]
    return MultiPolygon(parts)


def ring_polygon(
    lon: float, lat: float, range_km: float, *, tolerance_m: float = 10.0
) -> Polygon | MultiPolygon:
    """Return the disc within ``range_km`` of a centre, as RFC 7946 geometry.

    Parameters
    ----------
    lon, lat : float
        Centre, degrees.
    range_km : float
        Radius, km, in (0, 20,000].
    tolerance_m : float, optional
        Densification tolerance in metres, see :func:`ring_coords`.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        A valid geometry with longitudes in [-180, 180]:

        * a plain polygon when the disc neither crosses the antimeridian nor
          holds a pole;
        * two polygons, one each side, when it crosses the antimeridian;
        * a polygon closed along the map edge at latitude +90 (or -90) when
          it holds the north (or south) pole;
        * the world rectangle with the cap around the antipode cut out (as
          a hole, or as notches at ±180°) when it holds both poles.

    Raises
    ------
    InputError
        If the centre, range or tolerance is not accepted.

    Examples
    --------
    >>> ring_polygon(179.5, 0.0, 300).geom_type  # crosses the antimeridian
    'MultiPolygon'
    >>> ring_polygon(0.0, 85.0, 1000).contains(shapely.Point(120, 89.99))
    True

    """
    coords, crosses, north, south = _wrapped_ring(lon, lat, range_km, tolerance_m)
    if not crosses and not (north or south):
        return _polygonal(Polygon(coords))
    if north and south:
        # The ring bounds a cap around the antipode holding neither pole: fix
        # that cap (walked the other way round) and cut it out of the world.
        cap = antimeridian.fix_polygon(Polygon(coords[::-1]), fix_winding=False, great_circle=False)
        return _polygonal(_WORLD.difference(cap))
    fixed = antimeridian.fix_polygon(
        Polygon(coords),
        force_north_pole=north,
        force_south_pole=south,
        fix_winding=False,
        great_circle=False,
    )
    return _polygonal(fixed)


def ring_line(
    lon: float, lat: float, range_km: float, *, tolerance_m: float = 10.0
) -> LineString | MultiLineString:
    """Return the circle of ``range_km`` around a centre, as a line for drawing.

    Parameters
    ----------
    lon, lat : float
        Centre, degrees.
    range_km : float
        Radius, km, in (0, 20,000].
    tolerance_m : float, optional
        Densification tolerance in metres, see :func:`ring_coords`.

    Returns
    -------
    shapely.LineString or shapely.MultiLineString
        The closed circle when it does not cross the antimeridian; otherwise
        its pieces, split at ±180° so that no segment spans the map.

    Raises
    ------
    InputError
        If the centre, range or tolerance is not accepted.

    Examples
    --------
    >>> ring_line(36.19, 51.73, 300).is_ring
    True
    >>> len(ring_line(-179.9, 10.0, 165).geoms)
    2

    """
    coords, crosses, _, _ = _wrapped_ring(lon, lat, range_km, tolerance_m)
    if not crosses:
        return LineString(coords)
    fixed = antimeridian.fix_line_string(LineString(coords), great_circle=False)
    parts = [
        part
        for part in shapely.get_parts(fixed)
        if isinstance(part, LineString) and part.length > 0.0
    ]
    if len(parts) == 1:
        return parts[0]
    return MultiLineString(parts)


# --------------------------------------------------------------------------
# areas


def geometry_area_km2(geom: Polygon | MultiPolygon | BaseGeometry) -> float:
    """Geodesic area of a (multi)polygon on WGS84, in km².

    Parameters
    ----------
    geom : shapely geometry
        A Polygon or MultiPolygon in lon/lat degrees, such as
        :func:`ring_polygon` returns (other geometry types count only their
        polygonal parts). Edges are taken as geodesics between the vertices,
        so long edges that should follow a parallel need densifying first;
        edges along the map edge (±180°, the poles) are exact.

    Returns
    -------
    float
        The area, km², never negative. Polygons wider or taller than 90° are
        cut into 90° cells first, so discs larger than half the Earth and
        polygons reaching both poles are measured correctly.

    Examples
    --------
    >>> round(geometry_area_km2(shapely.box(-180, -90, 180, 90)))  # the Earth
    510065622

    """
    if geom.is_empty:
        return 0.0
    minx, miny, maxx, maxy = geom.bounds
    if maxx - minx <= 90.0 and maxy - miny <= 90.0:
        pieces = [geom]
    else:
        pieces = [geom.intersection(cell) for cell in _CELLS]
    total = 0.0
    for piece in pieces:
        for part in shapely.get_parts(piece):
            if isinstance(part, Polygon) and not part.is_empty:
                oriented = shapely.orient_polygons(part, exterior_cw=False)
                area, _ = GEOD.geometry_area_perimeter(oriented)
                total += area
    return abs(total) / 1e6
