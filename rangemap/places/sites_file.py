"""Reading sites tables: the bundled ``data/sites.csv`` and a user's CSV file.

A user's sites may also come in any vector format
:func:`rangemap.places.vector_file.read_vector` reads (GeoPackage, GeoJSON,
Shapefile, KML/KMZ, FlatGeobuf): one Point feature per site, its properties
named as the CSV columns below (``name`` required; ``lat``/``lon`` come from
the point). A ``.csv`` file is read as the CSV format below.

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

import csv
import io
import math
import os
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rangemap._paths import data_path
from rangemap._userfile import Wording, decode_user_text, read_user_bytes
from rangemap.errors import DataFileError
from rangemap.places.sites import Site
from rangemap.places.sites_rows import show_value, site_from_cells, unique_id
from rangemap.places.vector_file import looks_like_vector_path, read_vector

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
_COLUMN_NAME = re.compile(r"[a-z][a-z0-9_ .()-]{0,39}")


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
    text = os.fspath(path)
    if looks_like_vector_path(text) and not text.strip().lower().endswith(".csv"):
        return _vector_sites(text)
    return _read_sites(Path(text))


@cache
def _bundled_sites() -> tuple[Site, ...]:
    """Read and cache the bundled ``data/sites.csv``."""
    return _read_sites(data_path("sites.csv"))


def _read_sites(path: Path) -> tuple[Site, ...]:
    """Read, validate and convert one sites CSV file."""
    text = _read_text(path)
    reader, columns = _open_reader(text, path)
    sites: list[Site] = []
    seen_ids: dict[str, str] = {}
    next_suffix: dict[str, int] = {}
    rows = _rows(reader, path)
    for line, row in rows:
        if len(sites) >= MAX_ROWS:
            raise DataFileError(
                f"{path} has more than {MAX_ROWS:,} data rows (line {line}); "
                f"split it into files of at most {MAX_ROWS:,} rows"
            )
        where = f"{path}, line {line}"
        site, id_given = site_from_cells(_cells(row, columns, where), where, line)
        site = unique_id(site, seen_ids, next_suffix, where, f"line {line}", id_given=id_given)
        sites.append(site)
    if not sites:
        raise DataFileError(
            f"{path} has a header but no data rows; add one site per line (name, lat, lon)"
        )
    return tuple(sites)


_WORDING = Wording(
    missing="sites file not found: {name}; give a CSV file with columns name, lat, lon",
    folder="{name} is a folder; give the path of a CSV file of sites",
    too_big="{name} is {mb:.1f} MB; sites files may be at most {limit_mb:.0f} MB",
    unreadable="cannot read sites file {name}: {error}",
    empty="{name} is empty; expected a header line with columns name, lat, lon and data rows",
    binary=(
        "{name} looks like a binary file (it contains NUL bytes); expected a UTF-8 CSV text file"
    ),
    not_utf8="{name} is not UTF-8 text (byte 0x{byte:02x} on line {line}); save it as UTF-8 CSV",
    utf16="{name} is UTF-16 text; save it as UTF-8 CSV",
)


def _read_text(path: Path) -> str:
    """Return the file's text, checking existence, size, binary and encoding."""
    data = read_user_bytes(path, _WORDING, name=str(path), max_bytes=MAX_FILE_BYTES)
    return decode_user_text(data, _WORDING, name=str(path))


def _vector_sites(text: str) -> tuple[Site, ...]:
    """Read sites from a vector file: one named Point feature per site."""
    frame = read_vector(text, what="sites file", max_bytes=MAX_FILE_BYTES)
    shown, where = frame.attrs["shown"], frame.attrs["where"]
    if len(frame) > MAX_ROWS:
        raise DataFileError(
            f"{shown} has more than {MAX_ROWS:,} features; "
            f"split it into files of at most {MAX_ROWS:,} sites"
        )
    columns = {str(c).strip().lower(): c for c in frame.columns if c != frame.geometry.name}
    known = [k for k in _OPTIONAL if k in columns]
    if "name" not in columns:
        raise DataFileError(f"{shown}, {where(0)}: no 'name'; every site needs a name property")
    sites: list[Site] = []
    seen: dict[str, str] = {}
    suffixes: dict[str, int] = {}
    for i, geom in zip(frame.index, frame.geometry, strict=True):
        place = f"{shown}, {where(int(i))}"
        if geom.geom_type != "Point":
            raise DataFileError(f"{place}: geometry must be a Point, not {geom.geom_type}")
        cells = {k: _text(frame.at[i, columns[k]]) for k in ("name", *known)}
        cells |= {"lat": repr(geom.y), "lon": repr(geom.x)}
        if not cells["name"]:
            raise DataFileError(f"{place}: no 'name'; every site needs a name property")
        site, id_given = site_from_cells(cells, place, int(i) + 1)
        sites.append(unique_id(site, seen, suffixes, place, where(int(i)), id_given=id_given))
    return tuple(sites)


def _text(value: object) -> str:
    """Return a property value as a cell: empty for null and NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


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
            shown = show_value(key) if _COLUMN_NAME.fullmatch(key) else "a column"
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
            found = f"found: {', '.join(show_value(c) for c in columns)}"
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


def _cells(row: list[str], columns: Mapping[str, int], where: str) -> dict[str, str]:
    """Return the known cells of one CSV row by column name, checking its width."""
    width = max(columns.values()) + 1
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        raise DataFileError(
            f"{where}: {len(row)} fields but the header has {width}; "
            "quote values that contain the delimiter"
        )
    if len(row) < width:
        row = [*row, *([""] * (width - len(row)))]
    return {name: row[columns[name]].strip() for name in _KNOWN if name in columns}
