"""Coverage as data frames: regions, sites and cities as GeoDataFrames, countries as a DataFrame.

:attr:`rangemap.coverage.Coverage.regions`, ``.sites``, ``.cities`` and
``.countries`` are built here from the rows of a coverage
(:mod:`rangemap.coverage.rows`), one frame row per row, in the same order:

- the columns are the row's fields (:func:`dataclasses.asdict`), with
  ``display_name`` (the name as tables show it, "(Russian-occupied)" where
  another side holds it) for regions and sites;
- ``geometry`` is the region's boundary (the bundled Natural Earth 1:10m
  polygon at full resolution, the features of a region Natural Earth draws
  in parts united) or the site's or city's point, lon/lat in EPSG:4326.
  A contested target region keeps its whole boundary; its ``area_km2`` and
  ``share`` are over the target side's part (see :mod:`rangemap.coverage`).

geopandas is imported on first use, so importing :mod:`rangemap.coverage`
stays light.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rangemap.coverage.rows import CityCoverage, CountryCoverage, RegionCoverage, SiteCoverage

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = ["city_frame", "country_frame", "region_frame", "site_frame"]

#: The coordinate reference system of every frame: lon/lat on WGS84.
CRS = "EPSG:4326"


_Record = dict[str, Any]


def _records(rows: Sequence[Any], kind: type, *, display: bool) -> tuple[list[str], list[_Record]]:
    """Return the column names of a row type and the rows as dicts of them."""
    columns = [f.name for f in dataclasses.fields(kind)]
    records: list[_Record] = []
    for row in rows:
        record = dataclasses.asdict(row)
        if display:
            record["display_name"] = row.display_name
        records.append(record)
    if display:
        columns.insert(columns.index("name") + 1, "display_name")
    return columns, records


def _geo_frame(records: list[_Record], columns: list[str], geometry: list[Any]) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    data = pd.DataFrame.from_records(records, columns=columns)
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)


def region_frame(rows: Sequence[RegionCoverage]) -> gpd.GeoDataFrame:
    """Return regions in reach as a GeoDataFrame, one row per region, geometry its boundary."""
    from rangemap.coverage.data import group_geometry, region_areas

    areas = region_areas()
    group = {key: g for g, key in enumerate(areas.keys)}
    columns, records = _records(rows, RegionCoverage, display=True)
    geometry = [
        group_geometry(areas, group[(r.iso_3166_2, r.name, r.country)])
        if (r.iso_3166_2, r.name, r.country) in group
        else None
        for r in rows
    ]
    return _geo_frame(records, columns, geometry)


def _points(rows: Sequence[SiteCoverage | CityCoverage]) -> list[Any]:
    import shapely

    return list(shapely.points([(r.lon, r.lat) for r in rows])) if rows else []


def site_frame(rows: Sequence[SiteCoverage]) -> gpd.GeoDataFrame:
    """Return sites as a GeoDataFrame, one row per site, geometry its point."""
    columns, records = _records(rows, SiteCoverage, display=True)
    return _geo_frame(records, columns, _points(rows))


def city_frame(rows: Sequence[CityCoverage]) -> gpd.GeoDataFrame:
    """Return cities in reach as a GeoDataFrame, one row per city, geometry its centre."""
    columns, records = _records(rows, CityCoverage, display=False)
    return _geo_frame(records, columns, _points(rows))


def country_frame(rows: Sequence[CountryCoverage]) -> pd.DataFrame:
    """Return countries reached as a pandas DataFrame, one row per country."""
    import pandas as pd

    columns, records = _records(rows, CountryCoverage, display=False)
    return pd.DataFrame.from_records(records, columns=columns)
