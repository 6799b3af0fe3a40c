"""Exact geodesic distances between two sets of points, for the pairs that are close.

Deciding which of many points lie near which others (an airfield that is a
curated site listed again) needs exact distances only for the pairs that
might be near. The straight chord through the Earth between two points is
never longer than the geodesic on its surface, so a pair whose chord is
over the limit is over it on the ellipsoid too; only the other pairs are
measured with :data:`~rangemap.geodesy.GEOD`.

Examples
--------
>>> km = pair_distances_km([36.0, 30.0], [50.0, 50.0], [36.01, 40.0], [50.0, 50.0], within_km=5)
>>> km.shape
(2, 2)
>>> round(float(km[0, 0]), 3), bool(np.isinf(km[1, 1]))
(0.717, True)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from rangemap.geodesy._ellipsoid import _inv
from rangemap.geodesy._sphere import _ecef, _norm

__all__ = ["pair_distances_km"]

#: Slack (m) on a chord through the Earth, for its rounding.
_CHORD_SLACK_M = 1e-3


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
    chord_m = _norm(a[:, None, :] - b[None, :, :])
    i, j = np.nonzero(chord_m - _CHORD_SLACK_M <= within_km * 1000.0)
    if i.size:
        lo1, la1 = np.asarray(lon1, dtype=float)[i], np.asarray(lat1, dtype=float)[i]
        lo2, la2 = np.asarray(lon2, dtype=float)[j], np.asarray(lat2, dtype=float)[j]
        km[i, j] = _inv(lo1, la1, lo2, la2)[2] / 1000.0
    return km
