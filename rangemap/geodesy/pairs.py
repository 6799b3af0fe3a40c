"""Exact geodesic distances between two sets of points, for the pairs that are close.

Deciding which of many points lie near which others (an airfield that is a
curated site listed again) needs exact distances only for the pairs that
might be near. The straight chord through the Earth between two points is
never longer than the geodesic on its surface, so a pair whose chord is
over the limit is over it on the ellipsoid too; only the other pairs are
measured with :data:`~rangemap.geodesy.GEOD`. The same bound tells which
points may lie within a distance of one centre (:func:`may_be_within_km`),
before anything slower is done with them.

Examples
--------
>>> km = pair_distances_km([36.0, 30.0], [50.0, 50.0], [36.01, 40.0], [50.0, 50.0], within_km=5)
>>> km.shape
(2, 2)
>>> round(float(km[0, 0]), 3), bool(np.isinf(km[1, 1]))
(0.717, True)
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from rangemap.geodesy._ellipsoid import _RADIUS_MIN, _inv
from rangemap.geodesy._sphere import _CHORD_SLACK_M, _ecef, _norm

__all__ = ["may_be_within_km", "pair_distances_km"]


def pair_distances_km(
    lon1: npt.ArrayLike,
    lat1: npt.ArrayLike,
    lon2: npt.ArrayLike,
    lat2: npt.ArrayLike,
    *,
    within_km: float,
) -> npt.NDArray[np.float64]:
    """Return the geodesic distance (km, WGS84) of every pair that may be within a limit.

    Parameters
    ----------
    lon1, lat1 : array_like of float
        The first points, degrees.
    lon2, lat2 : array_like of float
        The second points, degrees.
    within_km : float
        The limit: every pair no farther apart than this gets its exact
        distance.

    Returns
    -------
    numpy.ndarray of float, shape (len(lon1), len(lon2))
        Row ``i``, column ``j``: the distance from point ``i`` of the first
        set to point ``j`` of the second, exact (as :meth:`pyproj.Geod.inv`)
        wherever it is at most ``within_km``, and ``inf`` for some of the
        pairs farther apart than that.
    """
    a = _ecef(np.asarray(lon1, dtype=float), np.asarray(lat1, dtype=float))
    b = _ecef(np.asarray(lon2, dtype=float), np.asarray(lat2, dtype=float))
    km = np.full((len(a), len(b)), np.inf)
    if km.size == 0:
        return km
    i, j = np.nonzero(_chord_within(a[:, None, :], b[None, :, :], within_km))
    if i.size:
        lo1, la1 = np.asarray(lon1, dtype=float)[i], np.asarray(lat1, dtype=float)[i]
        lo2, la2 = np.asarray(lon2, dtype=float)[j], np.asarray(lat2, dtype=float)[j]
        km[i, j] = _inv(lo1, la1, lo2, la2)[2] / 1000.0
    return km


def may_be_within_km(
    lon0: float, lat0: float, lons: npt.ArrayLike, lats: npt.ArrayLike, within_km: float
) -> npt.NDArray[np.bool_]:
    """Return which points may lie within ``within_km`` of ``(lon0, lat0)`` on WGS84.

    Every point whose geodesic distance is at most ``within_km`` is marked;
    points marked False are surely farther (their chord through the Earth
    is). Points with a non-finite coordinate are False.

    Parameters
    ----------
    lon0, lat0 : float
        The centre, degrees.
    lons, lats : array_like of float
        The points, degrees.
    within_km : float
        The distance.

    Returns
    -------
    numpy.ndarray of bool
        In the shape of ``lons``.

    Examples
    --------
    >>> may_be_within_km(30.0, 50.0, [30.0, 31.0, 40.0], [50.0, 50.0, 50.0], 100).tolist()
    [True, True, False]
    """
    lon, lat = np.broadcast_arrays(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    # A path between two latitudes is at least _RADIUS_MIN times their
    # difference (radians) long: only the points in that band of latitude
    # (with a nanodegree for rounding) need their chord measured.
    band_deg = math.degrees(within_km * 1000.0 / _RADIUS_MIN) + 1e-9
    with np.errstate(invalid="ignore"):
        band = np.abs(lat - lat0) <= band_deg
    near = np.zeros(lat.shape, dtype=bool)
    if band.any():
        centre = _ecef(np.array([lon0], dtype=float), np.array([lat0], dtype=float))[0]
        with np.errstate(invalid="ignore"):
            near[band] = _chord_within(_ecef(lon[band], lat[band]), centre, within_km)
    return near


def _chord_within(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64], km: float
) -> npt.NDArray[np.bool_]:
    """Whether the chords between earth-centred positions (last axis) allow a distance <= km."""
    within: npt.NDArray[np.bool_] = _norm(a - b) - _CHORD_SLACK_M <= km * 1000.0
    return within
