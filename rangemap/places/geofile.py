"""Launch geometry from a user's GeoJSON file.

A range can be drawn from any shape a user brings: a launch site, a road, a
front line, a district. :func:`load_launch_geojson` reads such a file and
returns *one* lon/lat geometry, the union of everything in it, with a display
name and a list of warnings about what was repaired.

What is accepted
----------------
* A GeoJSON (RFC 7946) ``FeatureCollection``, a single ``Feature`` or a bare
  geometry, UTF-8 encoded (a byte-order mark is tolerated), at most
  :data:`MAX_GEOJSON_BYTES` (50 MB), with at most
  :data:`MAX_LAUNCH_VERTICES` (5,000) positions in all. A reach is built
  from every edge of the launch geometry at full resolution, and every
  site's and city's exact distance to it is measured: 5,000 vertices make a
  map in about 5 s, 20,000 took 14 s and 100,000 half a minute. A file with more is refused in
  one line before its geometry is built; simplify it first (for example
  ``ogr2ogr -simplify`` or mapshaper), which at a few hundred metres'
  tolerance changes nothing a missile-range map can show.
* Geometry types ``Point``, ``MultiPoint``, ``LineString``,
  ``MultiLineString``, ``Polygon``, ``MultiPolygon`` and
  ``GeometryCollection``. Features whose geometry is null or empty are
  skipped; at least one must remain.
* Coordinates are ``[lon, lat]`` in decimal degrees on WGS84 (EPSG:4326),
  longitude within -180..180 and latitude within -90..90. A legacy ``crs``
  member is accepted only when it names OGC CRS84 or EPSG:4326; anything else
  must be reprojected first. Positions with a third number (altitude) are
  rejected rather than silently flattened.
* Invalid polygons (self-intersections, bow-ties, holes outside their shell)
  are repaired with :func:`shapely.make_valid`, keeping only the polygonal
  part, and reported as a warning. Unclosed rings are closed, with a warning.
  Ring orientation is not checked (RFC 7946 asks parsers not to reject on
  winding); polygonal results are returned with counter-clockwise shells.

Assumptions
-----------
Feature properties are ignored, except that the first feature's ``name``
property, when it is a short single-line string, becomes the display name
(else the file's stem). Names are returned verbatim: escaping them is the
renderer's job. A swap of latitude and longitude cannot be detected in
general; it is reported only when it pushes a latitude beyond 90 degrees. A
polygon that crosses the antimeridian must already be split there, as RFC 7946
requires; an unsplit one is read as the long way round.

Every problem raises :class:`rangemap.errors.DataFileError` (also a
``ValueError``) with one line that names the file, what is wrong and what is
accepted.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.errors import GEOSException
from shapely.geometry import (
    GeometryCollection,
    MultiPolygon,
    Polygon,
)
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from rangemap.errors import DataFileError
from rangemap.places._geojson import MAX_LAUNCH_VERTICES, _Reader
from rangemap.places._geojson_messages import _ACCEPTED, _CONTROL, _first_line

__all__ = [
    "MAX_GEOJSON_BYTES",
    "MAX_LAUNCH_VERTICES",
    "LaunchFile",
    "load_launch_geojson",
    "looks_like_geojson_path",
]


MAX_GEOJSON_BYTES = 50 * 1024 * 1024
"""Largest GeoJSON file accepted, in bytes (50 MB)."""

GEOJSON_SUFFIXES = (".geojson", ".json")
"""File name endings that mark a ``--from`` value as a GeoJSON file."""

_MAX_NAME_CHARS = 80
_MAX_WARNINGS = 10
_MAX_SHOWN_CHARS = 80


@dataclass(frozen=True)
class LaunchFile:
    """A launch geometry read from a GeoJSON file.

    Attributes
    ----------
    geometry : shapely geometry
        The union of every feature, lon/lat (EPSG:4326): a Point,
        MultiPoint, (Multi)LineString, (Multi)Polygon, or a
        GeometryCollection when the file mixes dimensions. Never empty.
    name : str
        Display name: the first feature's ``name`` property when it is a
        short single-line string, else the file's stem. Not escaped.
    warnings : list of str
        One line per repair made while reading (invalid polygon fixed,
        unclosed ring closed), in file order; beyond 10, one last line
        counts the rest.
    """

    geometry: BaseGeometry = field(repr=False)
    name: str
    warnings: list[str] = field(default_factory=list)


def looks_like_geojson_path(text: str | os.PathLike[str]) -> bool:
    """Tell whether a ``--from`` value names a GeoJSON file.

    Parameters
    ----------
    text : str or path-like
        The value as given by the user.

    Returns
    -------
    bool
        True when the value ends in ``.geojson`` or ``.json`` (any case,
        surrounding blanks ignored), whether or not the file exists, so that
        a mistyped path gives a "file not found" error rather than "unknown
        place". Place names never end that way.

    Examples
    --------
    >>> looks_like_geojson_path("sites/launch.GeoJSON")
    True
    >>> looks_like_geojson_path("Kursk")
    False
    """
    try:
        value = os.fspath(text)
    except TypeError:
        return False
    if not isinstance(value, str):
        return False
    return value.strip().lower().endswith(GEOJSON_SUFFIXES)


def load_launch_geojson(path: str | os.PathLike[str]) -> LaunchFile:
    """Read a user's GeoJSON file as one launch geometry.

    Parameters
    ----------
    path : str or path-like
        A GeoJSON file: a FeatureCollection, a Feature or a bare geometry,
        UTF-8, at most :data:`MAX_GEOJSON_BYTES` bytes, coordinates
        ``[lon, lat]`` in WGS84 degrees.

    Returns
    -------
    LaunchFile
        The union of all features as one lon/lat geometry, a display name
        and the warnings about repairs made.

    Raises
    ------
    DataFileError
        If the file is missing, a folder, larger than 50 MB, empty, not
        UTF-8 text, not JSON, not GeoJSON, has no non-empty geometry, names
        a coordinate reference system other than CRS84/EPSG:4326, has
        coordinates outside -180..180 / -90..90, 3-D, NaN or non-numeric
        coordinates, too few points for a line or ring, or a polygon so
        broken that nothing polygonal is left after repair.
    """
    shown = _shown(path)
    data = _read_bytes(Path(path), shown)
    text = _decode(data, shown)
    doc = _parse_json(text, shown)
    reader = _Reader(shown)
    try:
        parts, first_props = reader.read_document(doc)
        geometry = _union(parts, shown)
    except RecursionError:
        raise DataFileError(f"{shown}: GeoJSON is nested too deeply to read; {_ACCEPTED}") from None
    return LaunchFile(
        geometry=geometry,
        name=_display_name(first_props, Path(path)),
        warnings=_capped(reader.warnings),
    )


# --- file access -----------------------------------------------------------------------------


def _shown(path: str | os.PathLike[str]) -> str:
    """Show the path in messages: one line, at most 80 characters, quoted."""
    try:
        text = os.fspath(path)
    except TypeError:
        text = repr(path)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = _CONTROL.sub("?", text)
    if len(text) > _MAX_SHOWN_CHARS:
        text = "…" + text[-(_MAX_SHOWN_CHARS - 1) :]
    return f"'{text}'"


def _read_bytes(path: Path, shown: str) -> bytes:
    """Read the whole file after checking it exists, is a file and is small enough."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DataFileError(
            f"GeoJSON file {shown} not found; give the path to an existing .geojson file"
        ) from None
    except OSError as exc:
        raise DataFileError(f"cannot read GeoJSON file {shown}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DataFileError(f"{shown} is a folder, not a GeoJSON file; give the path to a file")
    if not stat.S_ISREG(info.st_mode):
        raise DataFileError(f"{shown} is not a regular file; give the path to a GeoJSON file")
    if info.st_size > MAX_GEOJSON_BYTES:
        raise DataFileError(
            f"GeoJSON file {shown} is {info.st_size / 1024 / 1024:.1f} MB; at most 50 MB "
            "is accepted (simplify or subset it first)"
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_GEOJSON_BYTES + 1)
    except OSError as exc:
        raise DataFileError(f"cannot read GeoJSON file {shown}: {exc.strerror or exc}") from None
    if len(data) > MAX_GEOJSON_BYTES:  # grew after stat
        raise DataFileError(f"GeoJSON file {shown} is larger than 50 MB, the most accepted")
    return data


def _decode(data: bytes, shown: str) -> str:
    """UTF-8 text of the file, with hints for the usual wrong formats."""
    if not data.strip():
        raise DataFileError(f"GeoJSON file {shown} is empty; {_ACCEPTED}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFileError(f"{shown} is UTF-16 text; save it as UTF-8 GeoJSON")
    if data.startswith(b"\x1f\x8b"):
        raise DataFileError(f"{shown} is gzip-compressed; decompress it to a .geojson file")
    if data.startswith(b"PK\x03\x04"):
        raise DataFileError(f"{shown} is a ZIP archive (a shapefile?); convert it to GeoJSON")
    if b"\x00" in data:
        raise DataFileError(f"{shown} is a binary file, not GeoJSON text; {_ACCEPTED}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"{shown} is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8 GeoJSON"
        ) from None


def _parse_json(text: str, shown: str) -> Any:
    """Parse JSON text, reporting line and column on failure."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"{shown} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}; "
            f"{_ACCEPTED}"
        ) from None
    except RecursionError:
        raise DataFileError(f"{shown}: JSON is nested too deeply to read; {_ACCEPTED}") from None
    except ValueError:  # an integer literal with more than 4300 digits
        raise DataFileError(
            f"{shown} is not usable JSON: it holds a number with too many digits; {_ACCEPTED}"
        ) from None


def _union(parts: list[BaseGeometry], shown: str) -> BaseGeometry:
    """Union of the parts, with polygon shells counter-clockwise."""
    try:
        merged = parts[0] if len(parts) == 1 else shapely.union_all(parts)
        if isinstance(merged, GeometryCollection) and len(parts) == 1:
            merged = shapely.union_all(shapely.get_parts(merged))
    except (GEOSException, ValueError) as exc:
        raise DataFileError(
            f"{shown}: the features cannot be merged into one geometry ({_first_line(exc)}); "
            "fix the geometries"
        ) from None
    if merged.is_empty:
        raise DataFileError(f"{shown}: the features add up to an empty geometry; {_ACCEPTED}")
    return _orient(merged)


def _orient(geom: BaseGeometry) -> BaseGeometry:
    """Counter-clockwise shells and clockwise holes (RFC 7946) for polygonal parts."""
    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    if isinstance(geom, GeometryCollection):
        return GeometryCollection([_orient(g) for g in geom.geoms])
    return geom


def _capped(warnings: list[str]) -> list[str]:
    """Return the first warnings, with a count of the rest when there are many."""
    if len(warnings) <= _MAX_WARNINGS:
        return warnings
    rest = len(warnings) - _MAX_WARNINGS
    return [*warnings[:_MAX_WARNINGS], f"... and {rest} more repairs like these"]


def _display_name(props: dict[str, Any] | None, path: Path) -> str:
    """First feature's short ``name`` property, else the file's stem."""
    if props is not None:
        for key in ("name", "Name", "NAME"):
            value = props.get(key)
            if isinstance(value, str):
                name = value.strip()
                if name and len(name) <= _MAX_NAME_CHARS and not _CONTROL.search(name):
                    return name
                break
    return path.stem or path.name
