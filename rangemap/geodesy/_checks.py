"""Argument checks shared by rings, distances and reaches.

Every check raises :class:`rangemap.errors.InputError` with a message that
says what is accepted.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError
from rangemap.geodesy.crs import frame_kind, lonlat_geometry

MAX_RANGE_KM = 20_000.0
"""The largest range accepted, in km (half a meridian is 20,003.9 km)."""


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


def _check_ring_tolerance(tolerance_m: float) -> float:
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


def _check_reach_tolerance(tolerance_m: float) -> float:
    accepted = "give a tolerance of at least 1 m"
    number = _as_float("tolerance", tolerance_m, accepted)
    if not 1.0 <= number < math.inf:
        raise InputError(f"tolerance {number:g} m is not accepted: {accepted}")
    return number


def _check_geometry(geometry: object) -> BaseGeometry:
    if frame_kind(geometry) is not None:  # a GeoDataFrame or GeoSeries, in any CRS
        geometry = lonlat_geometry(geometry)
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
