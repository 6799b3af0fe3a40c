"""rangemap: exact geodesic range maps of missile-range claims.

Public API
----------
make_map, map
    Build a :class:`RangeMap` from launch places and ranges.
RangeMap
    A computed map with ``to_html()``, ``to_geojson()`` and ``save(path)``.
RangemapError
    Base class of every error caused by user input.

Importing the package is cheap: the geometry stack loads on first use of
the API, so ``import rangemap.claims`` pulls in neither pyproj nor folium.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from rangemap.errors import RangemapError

if TYPE_CHECKING:
    from rangemap.api import RangeMap, make_map, parse_range

    map = make_map

try:
    __version__ = version("rangemap")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

_LAZY = {
    "RangeMap": "RangeMap",
    "make_map": "make_map",
    "map": "make_map",
    "parse_range": "parse_range",
}

__all__ = ["RangeMap", "RangemapError", "__version__", "make_map", "map", "parse_range"]


def __getattr__(name: str) -> Any:
    """Load the API on first access (PEP 562)."""
    if name in _LAZY:
        from rangemap import api

        return getattr(api, _LAZY[name])
    raise AttributeError(f"module 'rangemap' has no attribute {name!r}")
