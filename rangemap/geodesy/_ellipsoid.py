"""The WGS84 ellipsoid, its constants and thin wrappers of its geodesics.

Every constant of the ellipsoid is read from :data:`GEOD` (GeographicLib via
:class:`pyproj.Geod`), never typed in. The eccentricity squared is
derived from the flattening as ``f (2 - f)`` rather than read as
``GEOD.es``, which PROJ rounds differently in the last bit.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyproj

GEOD: pyproj.Geod = pyproj.Geod(ellps="WGS84")
"""The WGS84 ellipsoid every distance and area in rangemap is computed on."""

_FloatArray = npt.NDArray[np.float64]
_IntArray = npt.NDArray[np.intp]
_BoolArray = npt.NDArray[np.bool_]

#: Semi-major axis (m).
_A: float = GEOD.a
#: Flattening.
_F: float = GEOD.f
#: First eccentricity squared, ``f (2 - f)``.
_E2: float = _F * (2.0 - _F)
#: Semi-minor axis (m).
_B: float = GEOD.b
#: Smallest and largest radius of curvature of WGS84 in metres (meridional at
#: the equator, a(1-e²); both radii at the poles, a²/b). On the unit sphere
#: that takes geodetic latitude as spherical latitude, a path of angular
#: length s is between these two times s long on the ellipsoid.
_RADIUS_MIN = _A * (1.0 - _E2)
_RADIUS_MAX = _A * _A / _B
#: Mean Earth radius (m, the IUGG value rounded to 0.1 m), used for estimates
#: and for the scale of the working map, never for a distance.
_EARTH_M = 6_371_008.8


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
