"""The bundled data coverage measures against, read once and indexed.

- **Regions and countries** are the bundled Natural Earth 1:10m boundaries
  at full resolution (:func:`rangemap.places.regions`,
  :func:`rangemap.places.countries`; never the simplified drawing copies),
  indexed with a ``shapely.STRtree``. Natural Earth draws a few regions as
  several features with the same code and name (Transnistria, some Latvian
  towns); such features form one *group*, reported as one region. The
  geodesic area of each feature is the one the bundled index carries, or
  :func:`rangemap.geodesy.geometry_area_km2` on first use, cached.
- **Cities** are the one city table of :func:`rangemap.places.cities`, as
  the parallel arrays (names, countries, population, lon, lat) of its
  bundled file (:func:`rangemap.places.city_table.city_table`), read once
  per process without the cities' spellings.
- **Who holds a region** (:func:`holding`) is cached per group for the
  bundled default control data.

:func:`load_coverage_data` loads all of it ahead of time.

Examples
--------
>>> areas = region_areas()
>>> len(areas.keys) <= len(areas.geoms)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from rangemap.geodesy import geometry_area_km2
from rangemap.places import (
    ControlData,
    Holding,
    Place,
    bundled_sites,
    countries,
    region_holding,
    regions,
)
from rangemap.places.city_table import city_table

__all__ = [
    "Areas",
    "CityArrays",
    "city_arrays",
    "country_areas",
    "group_geometry",
    "holding",
    "load_coverage_data",
    "region_areas",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Areas:
    """Geometries of bundled areas, their spatial index and their grouping.

    Natural Earth draws a few regions as several features with the same code
    and name (Transnistria, some Latvian towns); such features form one
    *group*, reported as one region.
    """

    geoms: npt.NDArray[np.object_]
    tree: shapely.STRtree
    group: npt.NDArray[np.intp]
    members: tuple[tuple[int, ...], ...]
    keys: tuple[tuple[str, str, str], ...]
    area_of: Callable[[int], float]

    def group_area(self, g: int) -> float:
        """Geodesic area (km²) of group ``g``, all its features together."""
        return math.fsum(self.area_of(i) for i in self.members[g])


def _make_areas(
    geoms: list[BaseGeometry],
    keys: list[tuple[str, str, str]],
    known_km2: Sequence[float | None] | None = None,
) -> Areas:
    """Index area features; ``keys`` are ``(code, name, country)`` per feature.

    ``known_km2`` are the features' geodesic areas where already measured
    (the bundled index carries them); the others are measured on first use.
    """
    array = np.array(geoms, dtype=object)
    shapely.prepare(array)
    first: dict[tuple[str, str, str], int] = {}
    group = np.array([first.setdefault(key, len(first)) for key in keys], dtype=np.intp)
    members: list[list[int]] = [[] for _ in first]
    for i, g in enumerate(group):
        members[g].append(i)

    @cache
    def area_of(i: int) -> float:
        known = known_km2[i] if known_km2 is not None else None
        return float(known) if known is not None else geometry_area_km2(array[i])

    return Areas(
        geoms=array,
        tree=shapely.STRtree(array),
        group=group,
        members=tuple(tuple(m) for m in members),
        keys=tuple(first),
        area_of=area_of,
    )


@cache
def region_areas() -> Areas:
    """Return the bundled first-level regions, indexed and grouped (read once)."""
    return _place_areas(regions(), lambda p: p.country or "")


@cache
def country_areas() -> Areas:
    """Return the bundled countries, indexed (read once)."""
    return _place_areas(countries(), lambda p: p.code or "")


def _place_areas(places: Sequence[Place], country: Callable[[Place], str]) -> Areas:
    """Index bundled places, each keyed ``(code, name, country)``."""
    return _make_areas(
        [p.geometry for p in places],
        [(p.code or "", p.name, country(p)) for p in places],
        [p.properties.get("area_km2") for p in places],
    )


@dataclass(frozen=True)
class CityArrays:
    """GeoNames cities as parallel arrays."""

    names: tuple[str, ...]
    countries: tuple[str, ...]
    population: IntArray
    lon: FloatArray
    lat: FloatArray


@cache
def city_arrays() -> CityArrays:
    """Return the city table (:func:`rangemap.places.cities`) as arrays, read once."""
    table = city_table()
    return CityArrays(
        names=table.names,
        countries=table.countries,
        population=table.population,
        lon=table.lon,
        lat=table.lat,
    )


def load_coverage_data() -> None:
    """Read and index the bundled regions, countries, sites and cities now.

    :func:`compute_coverage` does this on first use; call it ahead of time to
    keep the loading out of a timed or interactive step. Region and country
    areas are still computed when first needed.
    """
    region_areas()
    country_areas()
    city_arrays()
    bundled_sites()


@cache
def _default_holding(g: int) -> Holding:
    areas = region_areas()
    return region_holding(group_geometry(areas, g), areas.keys[g][2], areas.group_area(g))


def group_geometry(areas: Areas, g: int) -> BaseGeometry:
    """Return the geometry of region group ``g``: its one feature, or their union."""
    members = areas.members[g]
    if len(members) == 1:
        geom: BaseGeometry = areas.geoms[members[0]]
        return geom
    return shapely.union_all(areas.geoms[list(members)])


def holding(areas: Areas, g: int, country: str, control: ControlData | None) -> Holding:
    """Who holds region group ``g`` (cached for the bundled default control data)."""
    if control is None:
        return _default_holding(g)
    return region_holding(group_geometry(areas, g), country, areas.group_area(g), control=control)
