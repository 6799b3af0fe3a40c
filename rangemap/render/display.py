"""What a map draws for the bundled layers and for a place: the one home of display geometry.

Both renderers draw what this module decides: the interactive page
(:mod:`rangemap.render.html`) takes GeoJSON, the static map
(:mod:`rangemap.render.static`) shapely geometry, of the same shapes.

Display layers
--------------
``data/display/`` holds the countries, first-level regions and land borders
simplified for drawing (see ``data/SOURCES.md``): finely around Ukraine,
coarsely (0.2°) away from the theatre. :func:`display_layer` returns one of
them (its features as in the file and their shapely geometries), read once,
lazily, and cached. An interactive page that embeds the whole country layer
grows by about 0.9 MB of JSON; :func:`display_countries` returns only the
countries a map's bounds, widened by a margin, can show. Boxes are in lon/lat
degrees; a country is kept when its bounding box meets the widened box (a box
test per polygon, so a few countries just outside are kept too).

A place
-------
:func:`place_geometry` (shapely) and :func:`place_geojson` (GeoJSON) say what
is drawn for a launch place or a highlighted area:

- a region, a country or a land border: its copy in the display layer, so it
  lies exactly on the boundaries drawn under it;
- the same moved behind a border (a stand-off), and any other line or area (a
  user's file, the front): its geometry simplified for display
  (:data:`SIMPLIFY_DEG`, topology kept);
- a point (a city, ``LAT,LON``): the point itself.

In GeoJSON the simplified coordinates are rounded to :data:`PAGE_PRECISION_DEG`
(about 10 m); a display copy is given as it is in the file.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from rangemap._paths import data_path
from rangemap.errors import DataFileError, InputError
from rangemap.places import Place

__all__ = [
    "PAGE_PRECISION_DEG",
    "SIMPLIFY_DEG",
    "DisplayLayer",
    "display_countries",
    "display_layer",
    "place_geojson",
    "place_geometry",
]

#: Smallest margin added on every side of the bounds, degrees.
MIN_MARGIN_DEG = 10.0
#: Tolerance of the simplification of a place without a display copy, degrees.
SIMPLIFY_DEG = 0.005
#: Grid the simplified coordinates are rounded to in a page's GeoJSON, degrees.
PAGE_PRECISION_DEG = 1e-4

#: The display layer of each kind of bundled place, and the property naming its code.
_COPIES = {
    "region": ("regions", "iso_3166_2"),
    "country": ("countries", "iso_a2"),
    "border": ("borders", "id"),
}


@dataclass(frozen=True)
class DisplayLayer:
    """A display layer: its GeoJSON features as in the file and their shapely geometries.

    Attributes
    ----------
    document : dict
        The file's FeatureCollection (shared with the cache: do not modify it).
    features : tuple of dict
        Its features, in file order.
    props : tuple of dict
        The properties of each feature.
    """

    document: dict[str, Any]
    features: tuple[dict[str, Any], ...]
    props: tuple[dict[str, Any], ...]

    @cached_property
    def geoms(self) -> npt.NDArray[np.object_]:
        """The geometry of each feature, made on first use (a page needs only the GeoJSON)."""
        return np.array([shape(f["geometry"]) for f in self.features], dtype=object)


@cache
def display_layer(name: str) -> DisplayLayer:
    """Return the display layer ``name``: ``"countries"``, ``"regions"`` or ``"borders"``.

    Parameters
    ----------
    name : str
        The layer, a file of ``data/display/``.

    Returns
    -------
    DisplayLayer
        Read once and cached.

    Raises
    ------
    DataFileError
        If the bundled file cannot be read, or a feature is not a GeoJSON
        geometry.
    """
    path = data_path(f"display/{name}.geojson")
    try:
        with path.open(encoding="utf-8") as fh:
            document: dict[str, Any] = json.load(fh)
        features = tuple(document["features"])
        props = tuple(f["properties"] for f in features)
        for f in features:
            _check_geometry(f["geometry"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"bundled file {path} is unreadable ({exc}); reinstall") from None
    return DisplayLayer(document=document, features=features, props=props)


#: The geometry types of the display layers.
_DRAWN_TYPES = frozenset({"Polygon", "MultiPolygon", "LineString", "MultiLineString"})


def _check_geometry(geometry: dict[str, Any]) -> None:
    """Raise ValueError unless ``geometry`` is a (Multi)Polygon or (Multi)LineString."""
    if geometry["type"] not in _DRAWN_TYPES or not isinstance(geometry["coordinates"], list):
        raise ValueError(f"a feature's geometry is not a polygon or line: {geometry['type']!r}")


def _shells(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """Return the shell of each polygon of a GeoJSON (Multi)Polygon."""
    polygons = geometry["coordinates"]
    return [polygons[0]] if geometry["type"] == "Polygon" else [p[0] for p in polygons]


@cache
def _country_boxes() -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """Return the bounding box of each polygon of the display countries and its feature.

    Boxes are per polygon, not per country: a country split at the
    antimeridian (Russia, the US, Fiji) would otherwise span every longitude.
    """
    shells, owner = [], []
    for i, feature in enumerate(display_layer("countries").features):
        parts = _shells(feature["geometry"])
        shells.extend(parts)
        owner.extend([i] * len(parts))
    # every shell's coordinates in one array, reduced per shell
    starts = np.cumsum([0] + [len(shell) for shell in shells[:-1]])
    flat = itertools.chain.from_iterable(itertools.chain.from_iterable(shells))
    xy = np.fromiter(flat, dtype=float).reshape(-1, 2)
    lo, hi = np.minimum.reduceat(xy, starts), np.maximum.reduceat(xy, starts)
    return np.column_stack([lo, hi]), np.array(owner, dtype=np.intp)


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
    features = display_layer("countries").features
    boxes, owner = _country_boxes()
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


def _display_copy(place: Place) -> int | None:
    """Return the index of the place's copy in its display layer, or None if it has none."""
    copy = _COPIES.get(place.kind)
    # A place moved behind a border (a stand-off) no longer matches the bundled copy.
    if copy is None or "standoff_km" in place.properties:
        return None
    layer_name, key = copy
    for i, props in enumerate(display_layer(layer_name).props):
        if props.get(key) == place.code:
            return i
    return None


def place_geometry(place: Place) -> BaseGeometry:
    """Return what a map draws for `place`, as shapely geometry (lon/lat).

    Parameters
    ----------
    place : Place
        A launch place or a highlighted area.

    Returns
    -------
    BaseGeometry
        Its display copy, the point itself, or its geometry simplified for
        display (see *A place* in the module notes).
    """
    index = _display_copy(place)
    if index is not None:
        copy: BaseGeometry = display_layer(_COPIES[place.kind][0]).geoms[index]
        return copy
    if place.is_point or shapely.get_dimensions(place.geometry) == 0:
        return place.geometry
    simple: BaseGeometry = shapely.simplify(place.geometry, SIMPLIFY_DEG, preserve_topology=True)
    return simple


def place_geojson(place: Place) -> dict[str, Any]:
    """Return :func:`place_geometry` as a GeoJSON geometry for a page.

    A display copy is given as it is in the file (a dict shared with the
    cache: do not modify it); anything else is rounded to
    :data:`PAGE_PRECISION_DEG`.
    """
    index = _display_copy(place)
    if index is not None:
        geometry: dict[str, Any] = display_layer(_COPIES[place.kind][0]).features[index]["geometry"]
        return geometry
    rounded = shapely.set_precision(place_geometry(place), PAGE_PRECISION_DEG, mode="pointwise")
    return dict(mapping(rounded))
