"""Coverage as the report's HTML tables, given to its template as data.

Each table is a dict (:func:`html_table`) that ``templates/report.html.j2``
draws: the header, the cells as strings (the template escapes every one),
which columns are numeric, how many rows show above the fold and the
fold's summary. :func:`coverage_html_tables` gives the regions (the first
:data:`TOP_ROWS` rows shown), then the countries, sites and cities (folded),
then the third countries' tables that have rows.

The columns are the other tables' (:data:`~rangemap.render.tables.cells.REGION_COLUMNS`
and the others), less the countries' areas and the sites' positions.
Shares read as in the other tables (:func:`rangemap.units.format_share`:
``>99.9%`` for a region not wholly in reach); distances with one decimal
(:func:`rangemap.units.format_distance_km`); areas as whole km².

Examples
--------
>>> from rangemap.coverage import Coverage
>>> [t["summary"] for t in coverage_html_tables(Coverage((), (), (), ()))][:2]
['All 0 regions', 'Countries (0)']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rangemap.coverage import Coverage, Listing
from rangemap.render.tables.cells import (
    CITY_COLUMNS,
    COUNTRY_COLUMNS,
    REGION_COLUMNS,
    SITE_COLUMNS,
    Column,
    row_cells,
)
from rangemap.units import format_km2

__all__ = ["TOP_ROWS", "coverage_html_tables", "html_table"]

#: Rows of a table shown above its "All N ..." fold (the whole table is one click away).
TOP_ROWS = 10


def html_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    numeric: set[int],
    *,
    summary: str,
    top: int = TOP_ROWS,
    heading: str = "",
) -> dict[str, Any]:
    """Return a table for the report's template: ``top`` rows shown, all under ``summary``.

    Parameters
    ----------
    header : sequence of str
        The column titles.
    rows : sequence of sequences
        The cells (each made a string; the template escapes them).
    numeric : set of int
        The columns aligned right.
    summary : str
        The title of the fold that holds every row.
    top : int, optional
        How many rows to show above the fold.
    heading : str, optional
        A heading above the table.

    Returns
    -------
    dict
        ``heading``, ``header``, ``rows``, ``numeric`` (sorted), ``top``,
        ``summary`` and ``file`` (``coverage.csv``, the file with every row).
    """
    return {
        "heading": heading,
        "header": list(header),
        "rows": [[str(c) for c in row] for row in rows],
        "numeric": sorted(numeric),
        "top": top,
        "summary": summary,
        "file": "coverage.csv",
    }


def count(n: int, one: str, many: str | None = None) -> str:
    """Say a count with its noun: ``"1 region"``, ``"1,204 regions"``."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _km2(value: float) -> str:
    # Whole km², a sliver as "0" (the text tables' format_km2 says "<1").
    return f"{value:,.0f}"


def _table(
    columns: Sequence[Column],
    rows: Sequence[object],
    *,
    heading: str,
    summary: str,
    top: int = 0,
    leave_out: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Return a coverage table: the columns but ``leave_out``, areas as :func:`_km2`."""
    shown = [
        c._replace(format=_km2) if c.format is format_km2 else c
        for c in columns
        if c.header not in leave_out
    ]
    numeric = {i for i, c in enumerate(shown) if c.align == "r"}
    return html_table(
        [c.header for c in shown],
        row_cells(shown, rows),
        numeric,
        summary=summary,
        top=top,
        heading=heading,
    )


def _region_table(listing: Listing, prefix: str) -> dict[str, Any]:
    return _table(
        REGION_COLUMNS,
        listing.regions,
        heading=f"{prefix}Regions",
        summary=f"{prefix}Regions ({len(listing.regions):,})"
        if prefix
        else f"All {count(len(listing.regions), 'region')}",
        top=TOP_ROWS if not prefix else 0,
    )


def _country_table(listing: Listing, prefix: str) -> dict[str, Any]:
    return _table(
        COUNTRY_COLUMNS,
        listing.countries,
        leave_out=("Area km²",),
        heading=f"{prefix}Countries",
        summary=f"{prefix}Countries ({len(listing.countries):,})",
    )


def _site_table(listing: Listing, prefix: str) -> dict[str, Any]:
    in_reach = sum(1 for s in listing.sites if s.in_reach)
    return _table(
        SITE_COLUMNS,
        listing.sites,
        leave_out=("Lat", "Lon"),
        heading=f"{prefix}Sites",
        summary=f"{prefix}Sites ({len(listing.sites):,}, with their distances; "
        f"{in_reach:,} in reach)",
    )


def _city_table(listing: Listing, prefix: str) -> dict[str, Any]:
    return _table(
        CITY_COLUMNS,
        listing.cities,
        heading=f"{prefix}Cities",
        summary=f"{prefix}Cities in reach ({len(listing.cities):,}, most populous first)",
    )


def _listing_tables(listing: Listing, *, prefix: str) -> list[dict[str, Any]]:
    """Regions (top rows shown), then countries, sites and cities (folded)."""
    return [
        _region_table(listing, prefix),
        _country_table(listing, prefix),
        _site_table(listing, prefix),
        _city_table(listing, prefix),
    ]


def coverage_html_tables(coverage: Coverage) -> list[dict[str, Any]]:
    """Return the report's coverage tables, as :func:`html_table` makes them.

    Parameters
    ----------
    coverage : Coverage
        What lies within the outermost range.

    Returns
    -------
    list of dict
        Regions, countries, sites and cities listed, then (without
        ``all_sides``) the third countries' tables that have rows, titled
        "Third countries (not targets): ...".
    """
    tables = _listing_tables(coverage.listed, prefix="")
    third = coverage.third_countries
    if not coverage.all_sides and not third.is_empty():
        tables.extend(
            t for t in _listing_tables(third, prefix="Third countries (not targets): ") if t["rows"]
        )
    return tables
