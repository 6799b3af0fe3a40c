"""Unit-sphere and earth-centred vectors, for rigorous distance bounds.

On the unit sphere that takes geodetic latitude as spherical latitude, a
path of angular length ``s`` is between ``_RADIUS_MIN * s`` and
``_RADIUS_MAX * s`` long on the ellipsoid; a straight chord through the
Earth is never longer than a path on its surface.
"""

from __future__ import annotations

import numpy as np

from rangemap.geodesy._ellipsoid import _A, _E2, _FloatArray

#: Slack (m) on straight chords through the Earth, for their rounding.
_CHORD_SLACK_M = 1e-3


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
