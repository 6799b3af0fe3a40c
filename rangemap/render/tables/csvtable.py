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
    return _area_cells("region", r.iso_3166_2, r.country, r), (r.held_by, r.target)


def _country_cells(c: CountryCoverage) -> _Cells:
    return _area_cells("country", c.iso_a2, c.iso_a2, c), (c.held_by, c.target)


def _site_cells(s: SiteCoverage) -> _Cells:
    cells = _point_cells("site", s.kind, s.in_reach, s)
    cells["role"] = csv_text(s.role or "")
    return cells, (s.held_by, s.target)


def _city_cells(city: CityCoverage) -> _Cells:
    cells = _point_cells("city", "city", True, city)
    cells["population"] = str(city.population)
    return cells, (city.held_by, city.target)


def _area_cells(
    section: str, code: str, country: str, row: RegionCoverage | CountryCoverage
) -> dict[str, str]:
    """Return the cells of a region or a country: code, name, country, areas, share, holder."""
    t = csv_text
    return {
        "section": section,
        "code": t(code),
        "name": t(row.name),
        "country": t(country),
        "reachable_km2": f"{row.reachable_km2:.3f}",
        "area_km2": f"{row.area_km2:.3f}",
        "share": f"{row.share:.6f}",
        "held_by": t(row.held_by),
    }


def _point_cells(
    section: str, kind: str, in_reach: bool, row: SiteCoverage | CityCoverage
) -> dict[str, str]:
    """Return the cells of a site or a city: name, country, kind, place, distance, holder."""
    t = csv_text
    return {
        "section": section,
        "name": t(row.name),
        "country": t(row.country or ""),
        "kind": t(kind),
        "lat": f"{row.lat:.6f}",
        "lon": f"{row.lon:.6f}",
        "distance_km": f"{row.distance_km:.3f}",
        "in_reach": "true" if in_reach else "false",
        "held_by": t(row.held_by or ""),
    }
