"""What a row of a sites table means: its cells to a :class:`~rangemap.places.sites.Site`.

Shared by the two ways a user's sites are read (:mod:`rangemap.places.sites_file`):
the cells of a CSV row, and the properties of a Point feature of a vector
file, named as the CSV columns. Every message starts with ``where`` (the file
and the line or feature), names the problem and says what is accepted.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from rangemap._names import quoted, slug
from rangemap.errors import DataFileError
from rangemap.places.sites import Site

__all__ = ["show_value", "site_from_cells", "unique_id"]

_TRUE = frozenset({"yes", "y", "true", "1"})
_FALSE = frozenset({"no", "n", "false", "0", ""})
_SIDE = re.compile(r"[A-Z]{2}")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def site_from_cells(cells: dict[str, str], where: str, number: int) -> tuple[Site, bool]:
    """Convert one row's cells into a :class:`Site`; also say whether it gave an id."""

    def cell(name: str) -> str:
        return cells.get(name, "")

    name = cell("name")
    if not name:
        raise DataFileError(f"{where}: empty name; every site needs a name")
    lat = _coordinate(cell("lat"), "lat", 90.0, where)
    lon = _coordinate(cell("lon"), "lon", 180.0, where)
    occupied_text = cell("occupied").lower()
    if occupied_text in _TRUE:
        occupied = True
    elif occupied_text in _FALSE:
        occupied = False
    else:
        raise DataFileError(
            f"{where}: occupied {show_value(cell('occupied'))} must be yes or no"
        )
    side = cell("side").upper() or None
    if side is not None and not _SIDE.fullmatch(side):
        raise DataFileError(
            f"{where}: side {show_value(cell('side'))} must be a two-letter country "
            "code such as RU or UA (or empty: from the position)"
        )
    site = Site(
        id=cell("id") or slug(name) or f"site-{number}",
        name=name,
        kind=cell("kind") or "site",
        country=cell("country") or None,
        lat=lat,
        lon=lon,
        icao=cell("icao") or None,
        role=cell("role") or None,
        source=cell("source") or None,
        occupied=occupied,
        side=side,
        role_source=cell("role_source") or None,
        aircraft=cell("aircraft") or None,
    )
    return site, bool(cell("id"))


def _coordinate(text: str, column: str, limit: float, where: str) -> float:
    """Parse one latitude or longitude in decimal degrees and check its range."""
    example = "48.45" if column == "lat" else "35.05"
    if not text:
        raise DataFileError(
            f"{where}: {column} is empty; give decimal degrees such as {example}"
        )
    if not _NUMBER.fullmatch(text):
        raise DataFileError(
            f"{where}: {column} {show_value(text)} is not a number; "
            f"give decimal degrees with a decimal point, such as {example}"
        )
    value = float(text)
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise DataFileError(
            f"{where}: {column} {text} is outside -{limit:g}..{limit:g} degrees"
        )
    return value


def unique_id(
    site: Site,
    seen: dict[str, str],
    next_suffix: dict[str, int],
    where: str,
    label: str,
    *,
    id_given: bool,
) -> Site:
    """Return ``site`` with an id not used before, recording it in ``seen``.

    A repeated id given in the file is an error; a repeated id made from the
    name gets a numeric suffix (``-2``, ``-3``, ...). ``next_suffix`` keeps,
    per base id, the suffix to try next, so that a file of many rows with one
    name costs one look-up per row, not one per earlier row.
    """
    if site.id in seen:
        if id_given:
            raise DataFileError(
                f"{where}: id {show_value(site.id)} repeats {seen[site.id]}; "
                "ids must be unique"
            )
        base = site.id
        number = next_suffix.get(base, 2)
        while f"{base}-{number}" in seen:
            number += 1
        next_suffix[base] = number + 1
        site = replace(site, id=f"{base}-{number}")
    seen[site.id] = label
    return site


def show_value(value: str, width: int = 40) -> str:
    """Return a short one-line ``repr`` of a user value for an error message."""
    return quoted(value, width)
