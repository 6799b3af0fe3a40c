"""Coverage as one CSV table (``rangemap coverage --format csv``, a report's ``coverage.csv``).

One header line (:data:`CSV_COLUMNS`), then one row per region, country,
site and city listed, then the third countries' rows. Numbers are plain:
areas and distances with three decimals, shares as fractions with six,
positions with six. Text fields a spreadsheet would run as a formula get a
leading single quote (:func:`rangemap.render.tables.cells.csv_text`).

Examples
--------
>>> from rangemap.coverage import Coverage
>>> coverage_csv(Coverage((), (), (), ())).startswith("section,code,name,country,kind,")
True
"""

from __future__ import annotations

import csv
import io

from rangemap.coverage import CityCoverage, CountryCoverage, Coverage, RegionCoverage, SiteCoverage
from rangemap.render.tables.cells import csv_text, listed_as

__all__ = ["CSV_COLUMNS", "coverage_csv"]

#: Columns of :func:`coverage_csv`, in order.
CSV_COLUMNS = (
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


def coverage_csv(cov: Coverage) -> str:
    r"""Return a coverage as one CSV table.

    Parameters
    ----------
    cov : Coverage
        What lies within a reach.

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
    writer.writerow(CSV_COLUMNS)
    listings = [cov.listed]
    if not cov.all_sides and cov.launch_side is not None:
        listings.append(cov.third_countries)
    for listing in listings:
        rows = [
            *(_region_cells(r) for r in listing.regions),
            *(_country_cells(c) for c in listing.countries),
            *(_site_cells(s) for s in listing.sites),
            *(_city_cells(c) for c in listing.cities),
        ]
        for cells, (held_by, target) in rows:
            cells["listed_as"] = listed_as(cov, held_by, target)
            writer.writerow([cells.get(column, "") for column in CSV_COLUMNS])
    return buffer.getvalue()


_Cells = tuple[dict[str, str], tuple[str | None, bool]]


def _region_cells(r: RegionCoverage) -> _Cells:
    t = csv_text
    return {
        "section": "region",
        "code": t(r.iso_3166_2),
        "name": t(r.name),
        "country": t(r.country),
        "reachable_km2": f"{r.reachable_km2:.3f}",
        "area_km2": f"{r.area_km2:.3f}",
        "share": f"{r.share:.6f}",
        "held_by": t(r.held_by),
    }, (r.held_by, r.target)


def _country_cells(c: CountryCoverage) -> _Cells:
    t = csv_text
    return {
        "section": "country",
        "code": t(c.iso_a2),
        "name": t(c.name),
        "country": t(c.iso_a2),
        "reachable_km2": f"{c.reachable_km2:.3f}",
        "area_km2": f"{c.area_km2:.3f}",
        "share": f"{c.share:.6f}",
        "held_by": t(c.held_by),
    }, (c.held_by, c.target)


def _site_cells(s: SiteCoverage) -> _Cells:
    t = csv_text
    return {
        "section": "site",
        "name": t(s.name),
        "country": t(s.country or ""),
        "kind": t(s.kind),
        "lat": f"{s.lat:.6f}",
        "lon": f"{s.lon:.6f}",
        "distance_km": f"{s.distance_km:.3f}",
        "in_reach": "true" if s.in_reach else "false",
        "held_by": t(s.held_by or ""),
        "role": t(s.role or ""),
    }, (s.held_by, s.target)


def _city_cells(city: CityCoverage) -> _Cells:
    t = csv_text
    return {
        "section": "city",
        "name": t(city.name),
        "country": t(city.country),
        "kind": "city",
        "lat": f"{city.lat:.6f}",
        "lon": f"{city.lon:.6f}",
        "population": str(city.population),
        "distance_km": f"{city.distance_km:.3f}",
        "in_reach": "true",
        "held_by": t(city.held_by or ""),
    }, (city.held_by, city.target)
