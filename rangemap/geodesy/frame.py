"""The working map of a reach: a stereographic projection centred on the launch.

The pieces of a reach (:mod:`rangemap.geodesy.pieces`) are joined in a
stereographic map centred on the launch geometry ``G``: it has no seam and
no singular pole there, only the antipode of its centre lies at infinity.
The outer edge of every piece is straight in that map; it is checked against
the exact distance at its quarter points (arcs: at their midpoint) and split
until those lie within half of ``tolerance_m`` of the range, inside or
outside.

The centre is the mean direction of the launch vertices. When the reach
would hold its antipode, the map is centred instead on the antipode of the
place farthest from ``G``; when the reach holds even that place (to within
250 m), the reach is the whole Earth and no map is needed.
"""

from __future__ import annotations

import math

import numpy as np

from rangemap.geodesy._ellipsoid import _EARTH_M, _RADIUS_MAX, _FloatArray, _inv, _wrap180
from rangemap.geodesy._parts import _Parts
from rangemap.geodesy._sphere import _unit
from rangemap.geodesy.distance import _Prepared, _Target

#: Map scale: stereographic coordinates times this are metres at the centre.
_SCALE = 2.0 * _EARTH_M
#: Largest ratio of a length on the ellipsoid to its length in the map
#: (the stereographic scale is at least 1 on the sphere of radius _EARTH_M).
_MAP_STRETCH = _RADIUS_MAX / _EARTH_M
#: Fractions of a straight map edge checked against the range.
_EDGE_SAMPLES = np.array([0.25, 0.5, 0.75])
#: Largest gap (m) allowed between a straight lon/lat edge and the straight
#: map edge it stands for (launch edges, and the output boundary).
_EDGE_GAP_M = 1.0
#: Refinement rounds before giving up.
_MAX_ROUNDS = 40
#: The frame centre must be farther than this (m) beyond the range.
_ANTIPODE_MARGIN_M = 250.0


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
