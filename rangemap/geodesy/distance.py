"""Exact geodesic distances from places to a launch geometry.

The model
---------
Every distance here is a *geodesic* distance on the WGS84 ellipsoid, computed
with :class:`pyproj.Geod` (Charles Karney's GeographicLib), which is exact to
about 15 nanometres. Nothing is buffered in degrees or in a projection.
Coordinates are ``(lon, lat)`` in degrees (EPSG:4326) everywhere; the public
API takes and returns kilometres, the internals work in metres.

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

Examples
--------
>>> round(distance_km(30.5234, 50.4501, 36.1873, 51.7373), 1)  # Kyiv to Kursk, km
421.7
>>> import shapely
>>> area = shapely.box(35.0, 50.0, 36.0, 51.0)
>>> round(distance_to_km(area, 36.0, 52.0), 3)  # due north of the north-east corner
111.258
>>> round(distance_to_km(area, 35.5, 50.5), 3)  # inside
0.0

"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError
from rangemap.geodesy._checks import _check_geometry, check_lonlat
from rangemap.geodesy._ellipsoid import (
    _RADIUS_MAX,
    _RADIUS_MIN,
    GEOD,
    _FloatArray,
    _IntArray,
)
from rangemap.geodesy._parts import _decompose, _Parts
from rangemap.geodesy._segment import _segment_distance_m, _split_long
from rangemap.geodesy._sphere import (
    _CHORD_SLACK_M,
    _angle,
    _ecef,
    _half_angle,
    _norm,
    _unit,
)

__all__ = ["distance_km", "distance_to_km", "distances_to_km"]

#: Slack (radians) on sphere angles for the rounding of arccos and chords.
_ANGLE_SLACK = 1e-7
#: Slack (m) on the chord bound of a block, computed from an expanded square.
_BLOCK_SLACK_M = 1.0
#: Longest piece (degrees of longitude or latitude) a launch edge is cut into
#: for the distance search, so that each piece has one closest point.
_MAX_PIECE_DEG = 0.1
#: Segments per block in the coarse stage of the nearest-segment search.
_BLOCK = 32
#: Points handled at once in the dense stages (bounds memory).
_CHUNK = 1024


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
    flat = prepared.distances_m(x.ravel(), y.ravel())
    return (flat / 1000.0).reshape(x.shape)


def _group_min(group: _IntArray, values: _FloatArray, size: int) -> _FloatArray:
    """Minimum of ``values`` per group id in ``0..size-1`` (inf where empty)."""
    out = np.full(size, np.inf)
    np.minimum.at(out, group, values)
    return out


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
        # Segment ends as vertices: consecutive segments share one.
        ends = np.concatenate([segments[:, 0:2], segments[:, 2:4]])
        vertices, which = np.unique(ends, axis=0, return_inverse=True)
        self.vx, self.vy = vertices[:, 0].copy(), vertices[:, 1].copy()
        self.va, self.vb = which.ravel()[: len(segments)], which.ravel()[len(segments) :]
        self.length = 2.0 * _RADIUS_MAX * self.half
        n = self.ax.size
        nblocks = -(-n // _BLOCK)
        slots = np.arange(nblocks * _BLOCK).reshape(nblocks, _BLOCK)
        idx = np.minimum(slots, n - 1)
        # The last block is filled up with copies of the last segment.
        self.block_copy = slots >= n
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

    def _end_distances(
        self, lon: _FloatArray, lat: _FloatArray, pi: _IntArray, seg: _IntArray
    ) -> tuple[_FloatArray, _FloatArray]:
        """Exact distances (m) from places ``pi`` to both ends of segments ``seg``.

        Each place and vertex is measured once, however many of the
        segments end there.
        """
        nv = self.vx.size
        key = np.concatenate([pi * nv + self.va[seg], pi * nv + self.vb[seg]])
        pairs, back = np.unique(key, return_inverse=True)
        place, vertex = np.divmod(pairs, nv)
        _, _, dist = GEOD.inv(lon[place], lat[place], self.vx[vertex], self.vy[vertex])
        both = np.asarray(dist, dtype=float)[back.ravel()]
        return both[: pi.size], both[pi.size :]

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
        real = ~self.block_copy[pb].ravel()
        pi, seg = pi[real], seg[real]
        near = np.minimum(_angle(up[pi], self.ua[seg]), _angle(up[pi], self.ub[seg]))
        sphere = np.maximum(near - self.half[seg] - _ANGLE_SLACK, 0.0) * _RADIUS_MIN
        ca = _norm(pp[pi] - self.pa[seg])
        cb = _norm(pp[pi] - self.pb[seg])
        chord = 0.5 * (ca + cb - self.length[seg]) - _CHORD_SLACK_M
        keep = np.maximum(sphere, chord) <= upper[pi]
        pi, seg = pi[keep], seg[keep]
        da, db = self._end_distances(lon, lat, pi, seg)
        best = np.minimum(upper, _group_min(pi, np.minimum(da, db), n))
        keep = (0.5 * (da + db - self.length[seg]) < best[pi]) & (self.length[seg] > 0.0)
        pi, seg = pi[keep], seg[keep]
        inside = _segment_distance_m(
            lon[pi], lat[pi], self.ax[seg], self.ay[seg], self.bx[seg], self.by[seg]
        )
        return np.minimum(best, _group_min(pi, inside, n))


class _Prepared:
    """A launch geometry taken apart, with its distance index.

    Also remembers, once found, the map centre (the mean direction of the
    vertices, and the distance from its antipode to the geometry), the
    place farthest from the geometry, and the distances of the last few sets
    of places asked for (:data:`_MEMO`): maps from one launch measure the
    same sites again.
    """

    def __init__(self, geometry: BaseGeometry) -> None:
        self.parts = _decompose(geometry)
        self.target = _Target.from_parts(self.parts)
        self.centre: tuple[float, float, float] | None = None
        self.farthest: tuple[float, float, float] | None = None
        self._memo: OrderedDict[bytes, _FloatArray] = OrderedDict()

    def distances_m(self, lon: _FloatArray, lat: _FloatArray) -> _FloatArray:
        """Exact distances (m) from places (1-D float arrays) to the geometry, remembered."""
        key = lon.tobytes() + lat.tobytes()
        found = self._memo.get(key)
        if found is None:
            found = self.target.distances_m(lon, lat)
            self._memo[key] = found
            if len(self._memo) > _MEMO:
                self._memo.popitem(last=False)
        else:
            self._memo.move_to_end(key)
        return found.copy()


#: Sets of places whose distances a prepared geometry remembers (the most recent).
_MEMO = 4


@lru_cache(maxsize=16)
def _prepared(geometry: BaseGeometry) -> _Prepared:
    """Return the prepared launch geometry (cached: geometries are immutable)."""
    return _Prepared(geometry)
