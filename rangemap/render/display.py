"""The display copy of the bundled countries, cut to what a map shows.

``data/display/countries.geojson`` holds every country of the world,
simplified for drawing (see ``data/SOURCES.md``): finely around Ukraine,
coarsely (0.2°) away from the theatre. An interactive page that embeds the
whole layer grows by about 0.9 MB of JSON; :func:`display_countries` returns
only the countries a map's bounds, widened by a margin, can show.

Boxes are in lon/lat degrees; a country is kept when its bounding box meets
the widened box (a box test per polygon, so a few countries just outside
are kept too).
The file is read once, lazily, and cached.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely

from rangemap._paths import data_path
from rangemap.errors import DataFileError, InputError

__all__ = ["display_countries"]

#: Smallest margin added on every side of the bounds, degrees.
MIN_MARGIN_DEG = 10.0


@cache
def _layer() -> tuple[tuple[dict[str, Any], ...], npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """Return the display countries, the bounding box of each polygon and its feature.

    Boxes are per polygon, not per country: a country split at the
    antimeridian (Russia, the US, Fiji) would otherwise span every longitude.
    """
    path = data_path("display/countries.geojson")
    try:
        with path.open(encoding="utf-8") as fh:
            features = tuple(json.load(fh)["features"])
        geoms = shapely.from_geojson([json.dumps(feat["geometry"]) for feat in features])
        parts, owner = shapely.get_parts(geoms, return_index=True)
    except (OSError, ValueError, KeyError, TypeError, shapely.errors.GEOSException) as exc:
        raise DataFileError(f"bundled file {path} is unreadable ({exc}); reinstall") from None
    return features, np.asarray(shapely.bounds(parts), dtype=float), np.asarray(owner, np.intp)


def display_countries(
    bounds: tuple[float, float, float, float] | None = None,
    *,
    margin_deg: float | None = None,
) -> dict[str, Any]:
    """Return the display countries a map of ``bounds`` can show, as GeoJSON.

    Parameters
    ----------
    bounds : tuple of float, optional
        ``(min_lon, min_lat, max_lon, max_lat)`` in degrees, such as
        :meth:`rangemap.scene.Scene.bounds` returns. None returns every country.
    margin_deg : float, optional
        Degrees added on every side of ``bounds`` (so that panning and zooming
        out a little still shows land). By default half the larger side of
        ``bounds``, at least 10°.

    Returns
    -------
    dict
        An RFC 7946 FeatureCollection of the kept features (properties
        ``iso_a2`` and ``name_en``), in file order. The features are shared
        with the cache: do not modify them.

    Raises
    ------
    InputError
        If ``bounds`` or ``margin_deg`` is not finite, or ``bounds`` is inverted.

    Examples
    --------
    >>> codes = {f["properties"]["iso_a2"] for f in display_countries(
    ...     (33.0, 49.0, 37.0, 52.0))["features"]}
    >>> {"UA", "RU", "TR"} <= codes, "US" in codes
    (True, False)
    """
    features, boxes, owner = _layer()
    if bounds is None:
        return {"type": "FeatureCollection", "features": list(features)}
    west, south, east, north = _widened(bounds, margin_deg)
    # The widened box, and its copies shifted by a turn where it crosses 180°.
    hit = np.zeros(len(boxes), dtype=bool)
    for shift in (-360.0, 0.0, 360.0):
        hit |= (
            (boxes[:, 0] <= east + shift)
            & (boxes[:, 2] >= west + shift)
            & (boxes[:, 1] <= north)
            & (boxes[:, 3] >= south)
        )
    keep = np.zeros(len(features), dtype=bool)
    keep[owner[hit]] = True
    return {
        "type": "FeatureCollection",
        "features": [feat for feat, kept in zip(features, keep, strict=True) if kept],
    }


def _widened(
    bounds: tuple[float, float, float, float], margin_deg: float | None
) -> tuple[float, float, float, float]:
    """Return ``bounds`` checked and widened by the margin (see :func:`display_countries`)."""
    west, south, east, north = (float(v) for v in bounds)
    if (
        not all(math.isfinite(v) for v in (west, south, east, north))
        or west > east
        or south > north
    ):
        raise InputError(
            f"bounds must be finite (min_lon, min_lat, max_lon, max_lat), not {bounds}"
        )
    if margin_deg is None:
        margin = max(MIN_MARGIN_DEG, max(east - west, north - south) / 2.0)
    else:
        margin = float(margin_deg)
        if not math.isfinite(margin) or margin < 0:
            raise InputError(f"margin_deg must be a finite number >= 0, not {margin_deg!r}")
    west, east = west - margin, east + margin
    south, north = max(south - margin, -90.0), min(north + margin, 90.0)
    if east - west >= 360.0:
        west, east = -180.0, 180.0
    return west, south, east, north
