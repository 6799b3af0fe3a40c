"""Reading sites tables: the bundled ``data/sites.csv`` and a user's CSV file.

The CSV format
--------------
UTF-8 text (a byte-order mark is accepted), one header line, comma-separated
(a header without commas but with semicolons or tabs selects that delimiter,
as spreadsheet exports in many locales do). Columns, in any order and matched
without regard to case or surrounding spaces:

``name``, ``lat``, ``lon``
    Required.
``kind``
    Optional, default ``"site"``.
``id``
    Optional; made from the name when missing.
``country``, ``icao``, ``role``, ``role_source``, ``aircraft``, ``source``
    Optional text; empty means unknown. ``role`` is what the site is for
    (the bundled table uses a short category: ``long-range bomber base``,
    ``fighter base``, ``bomber base``, ``ground-attack base``, ``army
    aviation``, ``naval aviation``, ``training``, ``flight test centre``,
    ``forward airfield``, ``drone base``); ``role_source`` says who
    published it and when; ``aircraft`` what is reported to fly from it.
``side``
    Optional ISO 3166-1 alpha-2 code of who holds the site (``RU``, ``UA``,
    ``BY``); empty means "from its position": coverage then asks the control
    data in use (:func:`rangemap.places.held_by`, in bulk), so a user's file
    needs no ``side`` column. A recorded side wins over the position: the
    bundled table records, with the role's sources, bases Russia holds that
    the bundled default control data (whole oblasts only) counts as
    Ukrainian, such as Berdiansk in Zaporizhzhia oblast.
``occupied``
    Optional ``yes``/``no`` (also ``true``/``false``, ``1``/``0``).

Other columns are ignored. A user file may be at most 50 MB with at most
2,000 data rows (:data:`MAX_ROWS`). The row limit is set by what is done with
the sites, not by reading them (100,000 rows read in about a second): every
site is measured against the reach, listed in tables, and drawn as a marker
on maps and reports, and at 2,000 sites a whole ``rangemap map``,
``coverage`` or ``report`` run stays within a few seconds (5,000 sites made
a report take about 6 s).

Error messages name the file, the line and the problem. They quote a cell
only after the header has shown the file to be a sites table (it names
``name``, ``lat`` and ``lon``), and even then cut it to 40 characters; a file
that is not a sites table (say ``/etc/passwd``) is refused without echoing
any of its content.

Examples
--------
>>> sites = load_sites()
>>> engels = next(s for s in sites if s.id == "engels-2")
>>> engels.country, engels.kind
('RU', 'airbase')
>>> belbek = next(s for s in sites if s.id == "belbek")
>>> belbek.country, belbek.occupied
('UA', True)
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rangemap._paths import data_path
from rangemap.errors import DataFileError
from rangemap.places.sites import Site

if TYPE_CHECKING:
    from _csv import Reader

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "load_sites",
]


#: Largest user sites file accepted, in bytes (50 MB).
MAX_FILE_BYTES = 50 * 1000 * 1000
#: Most data rows accepted in a user sites file (see the module notes for why).
MAX_ROWS = 2_000

_REQUIRED = ("name", "lat", "lon")
_OPTIONAL = (
    "id",
    "kind",
    "country",
    "icao",
    "role",
    "source",
    "occupied",
    "side",
    "role_source",
    "aircraft",
)
_KNOWN = (*_REQUIRED, *_OPTIONAL)
_TRUE = frozenset({"yes", "y", "true", "1"})
_FALSE = frozenset({"no", "n", "false", "0", ""})
_COLUMN_NAME = re.compile(r"[a-z][a-z0-9_ .()-]{0,39}")
_SIDE = re.compile(r"[A-Z]{2}")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def load_sites(path: str | os.PathLike[str] | None = None) -> tuple[Site, ...]:
    """Load point sites from the bundled table or from a user's CSV file.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A CSV file with at least the columns ``name``, ``lat`` and ``lon``
        (see the module documentation for the format). ``None`` (the default)
        loads the bundled airbases, read once and cached.

    Returns
    -------
    tuple of Site
        The sites in file order.

    Raises
    ------
    DataFileError
        If the file is missing, unreadable, not UTF-8 text, empty (or has
        no data rows), larger than 50 MB or longer than :data:`MAX_ROWS`
        (2,000) rows, lacks a required column, or has a row with an empty
        name, a duplicate id, an unparsable ``occupied`` value,
        or a latitude or longitude that is not a finite number in range. The
        message names the file and the line.

    Examples
    --------
    >>> len(load_sites()) >= 30
    True
    """
    if path is None:
        return _bundled_sites()
    return _read_sites(Path(os.fspath(path)))


@cache
def _bundled_sites() -> tuple[Site, ...]:
    """Read and cache the bundled ``data/sites.csv``."""
    return _read_sites(data_path("sites.csv"))


def _read_sites(path: Path) -> tuple[Site, ...]:
    """Read, validate and convert one sites CSV file."""
    text = _read_text(path)
    reader, columns = _open_reader(text, path)
    sites: list[Site] = []
    seen_ids: dict[str, int] = {}
    next_suffix: dict[str, int] = {}
    rows = _rows(reader, path)
    for line, row in rows:
        if len(sites) >= MAX_ROWS:
            raise DataFileError(
                f"{path} has more than {MAX_ROWS:,} data rows (line {line}); "
                f"split it into files of at most {MAX_ROWS:,} rows"
            )
        site, id_given = _site_from_row(row, columns, line, path)
        sites.append(_unique_id(site, seen_ids, next_suffix, line, path, id_given=id_given))
    if not sites:
        raise DataFileError(
            f"{path} has a header but no data rows; add one site per line (name, lat, lon)"
        )
    return tuple(sites)


def _read_text(path: Path) -> str:
    """Return the file's text, checking existence, size, binary and encoding."""
    try:
        if path.is_dir():  # inside the try: a name too long is an OSError here
            raise DataFileError(f"{path} is a folder; give the path of a CSV file of sites")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataFileError(
                f"{path} is {size / 1e6:.1f} MB; sites files may be at most "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DataFileError(
            f"sites file not found: {path}; give a CSV file with columns name, lat, lon"
        ) from None
    except OSError as exc:
        raise DataFileError(f"cannot read sites file {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise DataFileError(
            f"{path} is larger than {MAX_FILE_BYTES / 1e6:.0f} MB, the limit for sites files"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataFileError(f"{path} is UTF-16 text; save it as UTF-8 CSV")
    if b"\x00" in data:
        raise DataFileError(
            f"{path} looks like a binary file (it contains NUL bytes); "
            "expected a UTF-8 CSV text file"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataFileError(
            f"{path} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "save it as UTF-8 CSV"
        ) from None
    if not text.strip():
        raise DataFileError(
            f"{path} is empty; expected a header line with columns name, lat, lon and data rows"
        )
    return text


def _open_reader(text: str, path: Path) -> tuple[Reader, dict[str, int]]:
    """Open a CSV reader on ``text`` and map normalised column names to indexes."""
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        if ";" in first_line:
            delimiter = ";"
        elif "\t" in first_line:
            delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        while not any(cell.strip() for cell in header):
            header = next(reader)
    except StopIteration:
        raise DataFileError(f"{path} has no header line; expected columns name, lat, lon") from None
    except csv.Error as exc:
        raise DataFileError(f"{path}, line {reader.line_num}: malformed CSV ({exc})") from None
    columns: dict[str, int] = {}
    for index, raw in enumerate(header):
        key = raw.strip().lower()
        if not key:
            continue
        if key in columns:
            shown = _show(key) if _COLUMN_NAME.fullmatch(key) else "a column"
            raise DataFileError(
                f"{path}, line {reader.line_num}: {'column ' * (shown != 'a column')}{shown} "
                "appears twice in the header"
            )
        columns[key] = index
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        # Name the columns found only when they look like column names: the
        # first line of a file that is no sites table is content, not a header.
        if columns and all(_COLUMN_NAME.fullmatch(c) for c in columns) and len(columns) <= 20:
            found = f"found: {', '.join(_show(c) for c in columns)}"
        else:
            found = "its first line is not a header of column names"
        raise DataFileError(
            f"{path} lacks column(s) {', '.join(missing)}; the header must include "
            f"name, lat, lon ({found})"
        )
    return reader, columns


def _rows(reader: Reader, path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, cells)`` for each non-blank data row."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataFileError(f"{path}, line {reader.line_num}: malformed CSV ({exc})") from None
        if any(cell.strip() for cell in row):
            yield reader.line_num, row


def _site_from_row(
    row: list[str], columns: Mapping[str, int], line: int, path: Path
) -> tuple[Site, bool]:
    """Convert one CSV row into a :class:`Site`; also say whether it gave an id."""
    width = max(columns.values()) + 1
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        raise DataFileError(
            f"{path}, line {line}: {len(row)} fields but the header has {width}; "
            "quote values that contain the delimiter"
        )
    if len(row) < width:
        row = [*row, *([""] * (width - len(row)))]
    cells = {name: row[columns[name]].strip() for name in _KNOWN if name in columns}

    def cell(name: str) -> str:
        return cells.get(name, "")

    name = cell("name")
    if not name:
        raise DataFileError(f"{path}, line {line}: empty name; every site needs a name")
    lat = _coordinate(cell("lat"), "lat", 90.0, line, path)
    lon = _coordinate(cell("lon"), "lon", 180.0, line, path)
    occupied_text = cell("occupied").lower()
    if occupied_text in _TRUE:
        occupied = True
    elif occupied_text in _FALSE:
        occupied = False
    else:
        raise DataFileError(
            f"{path}, line {line}: occupied {_show(cell('occupied'))} must be yes or no"
        )
    side = cell("side").upper() or None
    if side is not None and not _SIDE.fullmatch(side):
        raise DataFileError(
            f"{path}, line {line}: side {_show(cell('side'))} must be a two-letter country "
            "code such as RU or UA (or empty: from the position)"
        )
    site = Site(
        id=cell("id") or _slug(name) or f"site-{line}",
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


def _coordinate(text: str, column: str, limit: float, line: int, path: Path) -> float:
    """Parse one latitude or longitude in decimal degrees and check its range."""
    example = "48.45" if column == "lat" else "35.05"
    if not text:
        raise DataFileError(
            f"{path}, line {line}: {column} is empty; give decimal degrees such as {example}"
        )
    if not _NUMBER.fullmatch(text):
        raise DataFileError(
            f"{path}, line {line}: {column} {_show(text)} is not a number; "
            f"give decimal degrees with a decimal point, such as {example}"
        )
    value = float(text)
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise DataFileError(
            f"{path}, line {line}: {column} {text} is outside -{limit:g}..{limit:g} degrees"
        )
    return value


def _unique_id(
    site: Site,
    seen: dict[str, int],
    next_suffix: dict[str, int],
    line: int,
    path: Path,
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
                f"{path}, line {line}: id {_show(site.id)} repeats line {seen[site.id]}; "
                "ids must be unique"
            )
        base = site.id
        number = next_suffix.get(base, 2)
        while f"{base}-{number}" in seen:
            number += 1
        next_suffix[base] = number + 1
        site = replace(site, id=f"{base}-{number}")
    seen[site.id] = line
    return site


def _slug(text: str) -> str:
    """Return a lower-case ASCII slug of ``text`` (empty if nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _show(value: str, width: int = 40) -> str:
    """Return a short one-line ``repr`` of a user value for an error message."""
    shown = value if len(value) <= width else value[: width - 1] + "…"
    return repr(shown)
