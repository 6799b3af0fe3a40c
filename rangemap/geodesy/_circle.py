"""The vertices of a geodesic circle, densified to a tolerance.

The algorithm behind :func:`rangemap.geodesy.ring_coords`: vertices at
exactly the range (``Geod.fwd``), edges split until their checked points lie
within the tolerance of the circle, and, beyond about 19,970 km, the runs of
azimuths whose forward geodesic has passed the antipodal cut locus replaced
by the points where it meets it.
"""

from __future__ import annotations

import math

import numpy as np

from rangemap.geodesy._ellipsoid import _EARTH_M, GEOD, _BoolArray, _FloatArray

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
    radius = _EARTH_M * abs(math.sin(range_m / _EARTH_M))
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
