"""Straight lon/lat segments: chains cut into short ones, and the exact distance to them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from rangemap.geodesy._ellipsoid import _A, _E2, _RADIUS_MAX, GEOD, _FloatArray, _IntArray
from rangemap.geodesy._sphere import _half_angle

#: Iterations of the closest-point search along one segment.
_SEARCH_STEPS = 60
#: The closest distance to an edge is found to this many metres.
_SEARCH_TOL_M = 1e-5

#: The slope ``f'(t)`` of the distance and the distance, at ``t`` along the
#: segments picked by an index.
_Slope = Callable[[_FloatArray, _IntArray], tuple[_FloatArray, _FloatArray]]


def _radii(lat: _FloatArray) -> tuple[_FloatArray, _FloatArray]:
    """Meridional and prime-vertical radii of curvature (m) at ``lat`` degrees."""
    s = np.sin(np.radians(lat))
    w = 1.0 - _E2 * s * s
    n = _A / np.sqrt(w)
    return n * (1.0 - _E2) / w, n


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
    Segments short enough (see
    :data:`rangemap.geodesy.distance._MAX_PIECE_DEG`) have a single minimum.
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
    best[inner] = _illinois(slope, inner, g0[inner], g1[inner], best[inner], length)
    return best


def _illinois(
    slope: _Slope,
    inner: _IntArray,
    glo: _FloatArray,
    ghi: _FloatArray,
    dmin: _FloatArray,
    length: _FloatArray,
) -> _FloatArray:
    """Return the smallest distance (m) along segments whose slope changes sign.

    ``inner`` picks the segments (for ``slope``), ``glo`` and ``ghi`` are the
    slopes at their ends (negative, positive), ``dmin`` the distances found so
    far and ``length`` bounds their lengths (m). The root of the slope is
    bracketed and found by the Illinois method, until the distance is known to
    ``_SEARCH_TOL_M``.
    """
    lo = np.zeros(inner.size)
    hi = np.ones(inner.size)
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
    return dmin


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
