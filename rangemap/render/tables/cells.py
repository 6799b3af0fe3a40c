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
from collections.abc import Sequence

from rangemap.coverage import Coverage, Listing
from rangemap.places import own_sides
from rangemap.units import format_distance_km, format_km2, format_share

__all__ = [
    "Section",
    "csv_text",
    "format_people",
    "listed_as",
    "listing_sections",
    "markdown_cell",
    "markdown_row",
    "one_line",
    "plural",
    "sections",
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
        _region_section(listing, prefix),
        _country_section(listing, prefix),
        _site_section(listing, prefix),
        _city_section(listing, prefix),
    ]


def _region_section(listing: Listing, prefix: str) -> Section:
    return (
        f"{prefix}Regions in reach",
        ["Region", "ISO 3166-2", "Country", "Held by", "Reachable km²", "Area km²", "Share"],
        "llllrrr",
        [
            [
                r.display_name,
                r.iso_3166_2,
                r.country,
                r.held_by,
                format_km2(r.reachable_km2),
                format_km2(r.area_km2),
                format_share(r.share),
            ]
            for r in listing.regions
        ],
    )


def _country_section(listing: Listing, prefix: str) -> Section:
    return (
        f"{prefix}Countries in reach",
        ["Country", "ISO", "Reachable km²", "Area km²", "Share"],
        "llrrr",
        [
            [
                c.name,
                c.iso_a2,
                format_km2(c.reachable_km2),
                format_km2(c.area_km2),
                format_share(c.share),
            ]
            for c in listing.countries
        ],
    )


def _site_section(listing: Listing, prefix: str) -> Section:
    return (
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
                format_distance_km(s.distance_km),
                "yes" if s.in_reach else "no",
            ]
            for s in listing.sites
        ],
    )


def _city_section(listing: Listing, prefix: str) -> Section:
    return (
        f"{prefix}Cities in reach",
        ["City", "Country", "Held by", "Population", "Distance km"],
        "lllrr",
        [
            [
                c.name,
                c.country,
                c.held_by or "",
                f"{c.population:,}",
                format_distance_km(c.distance_km),
            ]
            for c in listing.cities
        ],
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
