r"""The cells of the coverage tables, and text made safe for each format.

:func:`sections` gives the four tables of a coverage (regions, countries,
sites, cities; then the third countries' tables that have rows) as titles,
headers, alignments and formatted cells, which :mod:`rangemap.render.tables.text`
lays out for a terminal and as Markdown. Numbers are formatted by
:mod:`rangemap.units` (:func:`~rangemap.units.format_share`,
:func:`~rangemap.units.format_km2`, :func:`~rangemap.units.format_distance_km`).

Text from the data is made one line (:func:`one_line`: line breaks and
control or format characters become spaces), then, per format,
backslash-escaped for Markdown (:func:`markdown_cell`), neutralised for
spreadsheets (:func:`csv_text`) or cut for a terminal (:func:`terminal_text`).

Examples
--------
>>> markdown_cell("a|b\nc")
'a\\|b c'
>>> csv_text("=cmd"), terminal_text("x" * 50, 10)
("'=cmd", 'xxxxxxxxx…')
>>> plural(1, "city"), plural(3, "city"), format_people(1_900_000)
('1 city', '3 cities', 'about 1.9 million people')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from rangemap.coverage import Coverage, Listing
from rangemap.places import own_sides
from rangemap.units import format_distance_km, format_km2, format_share

__all__ = [
    "CITY_COLUMNS",
    "COUNTRY_COLUMNS",
    "REGION_COLUMNS",
    "SITE_COLUMNS",
    "Column",
    "Section",
    "csv_text",
    "format_people",
    "listed_as",
    "listing_sections",
    "markdown_cell",
    "markdown_row",
    "one_line",
    "plural",
    "row_cells",
    "sections",
    "table_section",
    "terminal_text",
]

#: Characters a spreadsheet reads as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters escaped with a backslash in Markdown table cells.
_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|~&#!")

#: A table: title, headers, alignments (``l``/``r`` per column) and cells.
Section = tuple[str, list[str], str, list[list[str]]]


def sections(cov: Coverage) -> list[Section]:
    """Titles, headers, alignments and formatted cells of the tables."""
    sections = listing_sections(cov.listed, "")
    if not cov.all_sides and cov.launch_side is not None:
        third = listing_sections(cov.third_countries, "Third countries: ")
        sections.extend(section for section in third if section[3])
    return sections


def listing_sections(listing: Listing, prefix: str) -> list[Section]:
    """Titles, headers, alignments and cells of the four tables of a listing."""
    return [
        table_section(f"{prefix}Regions in reach", REGION_COLUMNS, listing.regions),
        table_section(f"{prefix}Countries in reach", COUNTRY_COLUMNS, listing.countries),
        table_section(f"{prefix}Sites", SITE_COLUMNS, listing.sites),
        table_section(f"{prefix}Cities in reach", CITY_COLUMNS, listing.cities),
    ]


def _text(value: object) -> str:
    return "" if value is None else str(value)


class Column(NamedTuple):
    """One column of a coverage table: its header, alignment and cell.

    Attributes
    ----------
    header : str
        The column's title.
    align : str
        ``"l"`` (text) or ``"r"`` (a number).
    field : str
        The row's attribute the cell shows.
    format : callable
        Makes the cell from the attribute's value (by default its text,
        empty for None).
    """

    header: str
    align: str
    field: str
    format: Callable[[Any], str] = _text


def table_section(title: str, columns: Sequence[Column], rows: Sequence[object]) -> Section:
    """Return one table: its title, headers, alignments and the rows' cells."""
    headers = [c.header for c in columns]
    return title, headers, "".join(c.align for c in columns), row_cells(columns, rows)


def row_cells(columns: Sequence[Column], rows: Sequence[object]) -> list[list[str]]:
    """Return the cells of ``rows``, one list a row, in the order of ``columns``."""
    return [[c.format(getattr(row, c.field)) for c in columns] for row in rows]


def _degrees(value: float) -> str:
    return f"{value:.4f}"


def _count(value: int) -> str:
    return f"{value:,}"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


#: The columns of each coverage table, which every format shows (the report's
#: HTML tables leave some out; :mod:`rangemap.render.tables.html`).
REGION_COLUMNS = (
    Column("Region", "l", "display_name"),
    Column("ISO 3166-2", "l", "iso_3166_2"),
    Column("Country", "l", "country"),
    Column("Held by", "l", "held_by"),
    Column("Reachable km²", "r", "reachable_km2", format_km2),
    Column("Area km²", "r", "area_km2", format_km2),
    Column("Share", "r", "share", format_share),
)
COUNTRY_COLUMNS = (
    Column("Country", "l", "name"),
    Column("ISO", "l", "iso_a2"),
    Column("Reachable km²", "r", "reachable_km2", format_km2),
    Column("Area km²", "r", "area_km2", format_km2),
    Column("Share", "r", "share", format_share),
)
SITE_COLUMNS = (
    Column("Site", "l", "display_name"),
    Column("Kind", "l", "kind"),
    Column("Role", "l", "role"),
    Column("Country", "l", "country"),
    Column("Held by", "l", "held_by"),
    Column("Lat", "r", "lat", _degrees),
    Column("Lon", "r", "lon", _degrees),
    Column("Distance km", "r", "distance_km", format_distance_km),
    Column("In reach", "l", "in_reach", _yes_no),
)
CITY_COLUMNS = (
    Column("City", "l", "name"),
    Column("Country", "l", "country"),
    Column("Held by", "l", "held_by"),
    Column("Population", "r", "population", _count),
    Column("Distance km", "r", "distance_km", format_distance_km),
)


def listed_as(cov: Coverage, held_by: str | None, target: bool) -> str:
    """Say how a row is listed: ``target``, ``own side``, ``third country`` (or nothing)."""
    if cov.launch_side is None:
        return ""
    if target:
        return "target"
    own = own_sides(cov.launch_side)
    first = (held_by or "").split("/")[0]
    return "own side" if first in own else "third country"


def plural(n: int, word: str) -> str:
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


def one_line(text: str) -> str:
    """Replace line breaks and other control or format characters by spaces."""
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )


def markdown_cell(text: str) -> str:
    """One line of text, Markdown and HTML punctuation backslash-escaped."""
    flat = one_line(text)
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in flat).strip()


def markdown_row(cells: Sequence[str]) -> str:
    """Return one Markdown table row, each cell escaped (:func:`markdown_cell`)."""
    return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"


def csv_text(text: str) -> str:
    """Neutralise a text field a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def terminal_text(text: str, width: int) -> str:
    """One line, at most ``width`` characters."""
    flat = " ".join(one_line(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
