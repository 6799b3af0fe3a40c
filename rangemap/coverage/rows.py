"""The rows of a coverage: one region, country, site or city and what of it is in reach.

Each row is a frozen dataclass with the numbers :func:`rangemap.coverage.compute_coverage`
measured (geodesic km² and km on WGS84) and who holds the place
(``held_by``, see :mod:`rangemap.places.holding`). A row knows its name as tables
show it (:attr:`RegionCoverage.display_name`: "(Russian-occupied)" where
another side holds it) and its JSON form (:func:`region_dict` and the
others, which :meth:`rangemap.coverage.Listing.to_dict` uses).

Examples
--------
>>> row = RegionCoverage("UA-43", "Crimea", "UA", 0.5, 13_000.0, 26_000.0, "RU", occupied=True)
>>> row.display_name
'Crimea (Russian-occupied)'
>>> region_dict(row)["held_by"]
'RU'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rangemap._records import record_dict

__all__ = [
    "CityCoverage",
    "CountryCoverage",
    "RegionCoverage",
    "SiteCoverage",
    "city_dict",
    "country_dict",
    "region_dict",
    "site_dict",
]


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


def region_dict(r: RegionCoverage) -> dict[str, Any]:
    """Return a :class:`RegionCoverage` as a JSON-ready dict of its fields."""
    return record_dict(r)


def country_dict(c: CountryCoverage) -> dict[str, Any]:
    """Return a :class:`CountryCoverage` as a JSON-ready dict of its fields."""
    return record_dict(c)


def site_dict(s: SiteCoverage) -> dict[str, Any]:
    """Return a :class:`SiteCoverage` as a JSON-ready dict of its fields (``reached_by`` a list)."""
    return record_dict(s)


def city_dict(c: CityCoverage) -> dict[str, Any]:
    """Return a :class:`CityCoverage` as a JSON-ready dict of its fields (``reached_by`` a list)."""
    return record_dict(c)


def _held_name(name: str, held_by: str, occupied: bool) -> str:
    """Return a name with who occupies it, where another side does."""
    if not occupied or not held_by or "/" in held_by:
        return name
    return f"{name} (Russian-occupied)" if held_by == "RU" else f"{name} ({held_by}-held)"
