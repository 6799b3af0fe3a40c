"""Geodesy on the WGS84 ellipsoid: range rings, distances, reaches and areas.

Every distance and area in rangemap is computed here, on the WGS84
ellipsoid with :class:`pyproj.Geod` (Charles Karney's GeographicLib), which
is exact to about 15 nanometres; the ellipsoid's constants are read from
:data:`GEOD`, never typed in. Nothing is buffered in degrees or in a
projection. Coordinates are ``(lon, lat)`` in degrees (EPSG:4326)
everywhere; the public API takes kilometres, the internals work in metres.

Modules
-------
:mod:`~rangemap.geodesy.rings`
    Geodesic range rings around a point (:func:`ring_polygon`).
:mod:`~rangemap.geodesy.distance`
    Exact distances from places to a point or a launch geometry.
:mod:`~rangemap.geodesy.pairs`
    Exact distances between two point sets, for the pairs within a limit.
:mod:`~rangemap.geodesy.reach`
    Reach envelopes of a launch geometry, bands and stand-off lines.
:mod:`~rangemap.geodesy.frame`, :mod:`~rangemap.geodesy.pieces`, :mod:`~rangemap.geodesy.prune`
    How a reach is built: its working map, its pieces, their pruning.
:mod:`~rangemap.geodesy.seams`
    Antimeridian and pole fixes, shared by rings and reaches.
:mod:`~rangemap.geodesy.area`
    Geodesic areas.
:mod:`~rangemap.geodesy.crs`
    GeoDataFrames and GeoSeries in any CRS as lon/lat launch geometries.

Examples
--------
>>> round(distance_km(30.5234, 50.4501, 36.1873, 51.7373), 1)  # Kyiv to Kursk, km
421.7
>>> ring = ring_polygon(36.1873, 51.7373, 300)
>>> ring.geom_type, ring.is_valid
('Polygon', True)
>>> round(geometry_area_km2(ring) / 1000)  # thousand km² (pi * 300**2 is 282.7)
283

"""

from __future__ import annotations

from rangemap.geodesy._checks import MAX_RANGE_KM, check_lonlat, check_range_km
from rangemap.geodesy._ellipsoid import GEOD
from rangemap.geodesy.area import geometry_area_km2
from rangemap.geodesy.distance import distance_km, distance_to_km, distances_to_km
from rangemap.geodesy.pairs import may_be_within_km, pair_distances_km
from rangemap.geodesy.reach import band, reach, standoff
from rangemap.geodesy.rings import ring_coords, ring_line, ring_polygon

__all__ = [
    "GEOD",
    "MAX_RANGE_KM",
    "band",
    "check_lonlat",
    "check_range_km",
    "distance_km",
    "distance_to_km",
    "distances_to_km",
    "geometry_area_km2",
    "may_be_within_km",
    "pair_distances_km",
    "reach",
    "ring_coords",
    "ring_line",
    "ring_polygon",
    "standoff",
]
