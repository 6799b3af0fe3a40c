"""rangemap: exact geodesic range maps of missile-range claims.

Public API
----------
make_map, map
    Build a :class:`RangeMap` from launch places (names, or geopandas frames
    and shapely geometries in any CRS) and ranges (``save(path)`` writes
    html, fragment, geojson, kml, gpkg, png or svg; ``layers`` is a
    GeoDataFrame; ``save_report(dir)``).
article_map
    Build the map a news text describes.
PageOptions
    A map's page and image options as one value (``page=``): basemap, Leaflet, image size.
reach, band
    Geodesic reach envelope of a launch geometry (:mod:`rangemap.geodesy.reach`).
coverage
    What lies within a reach (:func:`rangemap.coverage.coverage`).
range_needed
    How far a target is, and which catalogue weapons reach it.
parse_claims
    Range claims in text (:mod:`rangemap.claims`).
RangemapError
    Base class of every error caused by user input.

Importing the package is cheap: the geometry stack loads on first use of
the API, so ``import rangemap.claims`` pulls in neither pyproj nor folium.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rangemap.errors import RangemapError

if TYPE_CHECKING:
    __version__: str

    from rangemap.api import article_map, make_map
    from rangemap.claims import parse_claims
    from rangemap.coverage import coverage
    from rangemap.geodesy import band, reach
    from rangemap.need import range_needed
    from rangemap.output import RangeMap
    from rangemap.page import PageOptions
    from rangemap.spec import parse_range

    map = make_map

_LAZY = {
    "PageOptions": ("rangemap.page", "PageOptions"),
    "RangeMap": ("rangemap.output", "RangeMap"),
    "make_map": ("rangemap.api", "make_map"),
    "map": ("rangemap.api", "make_map"),
    "article_map": ("rangemap.api", "article_map"),
    "parse_range": ("rangemap.spec", "parse_range"),
    "range_needed": ("rangemap.need", "range_needed"),
    "parse_claims": ("rangemap.claims", "parse_claims"),
    "reach": ("rangemap.geodesy", "reach"),
    "band": ("rangemap.geodesy", "band"),
    "coverage": ("rangemap.coverage", "coverage"),
}

__all__ = [
    "PageOptions",
    "RangeMap",
    "RangemapError",
    "__version__",
    "article_map",
    "band",
    "coverage",
    "make_map",
    "map",
    "parse_claims",
    "parse_range",
    "range_needed",
    "reach",
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rangemap")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    """Load the API and the version on first access (PEP 562)."""
    if name == "__version__":
        return _version()
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'rangemap' has no attribute {name!r}")
