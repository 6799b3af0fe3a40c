"""Launch geometry from a user's file: GeoJSON, GeoPackage, Shapefile, KML, ...

A range can be drawn from any shape a user brings: a launch site, a road, a
front line, a district, drawn in QGIS or Google Earth. :func:`load_launch_file`
reads such a file and returns *one* lon/lat geometry, the union of everything
in it, with a display name and a list of warnings about what was repaired.

What is accepted
----------------
* Any vector file :func:`rangemap.places.vector_file.read_vector` reads:
  GeoJSON, GeoPackage, Shapefile (also zipped), KML/KMZ, FlatGeobuf, CSV
  with lat/lon columns; ``FILE:LAYER`` names a layer. The rules of the
  reading (encoding, CRS and reprojection, altitudes, bounds, repairs, null
  geometries) are told there.
* At most :data:`MAX_GEOJSON_BYTES` (50 MB), with at most
  :data:`MAX_LAUNCH_VERTICES` (5,000) positions in all. A reach is built
  from every edge of the launch geometry at full resolution, and every
  site's and city's exact distance to it is measured: 5,000 vertices make a
  map in about 5 s, 20,000 took 14 s and 100,000 half a minute. A file with
  more is refused in one line; simplify it first (for example
  ``ogr2ogr -simplify`` or mapshaper), which at a few hundred metres'
  tolerance changes nothing a missile-range map can show.
* Points, lines and polygons, single or multi, and geometry collections, in
  any mix. Ring orientation is not checked (RFC 7946 asks parsers not to
  reject on winding); polygonal results are returned with counter-clockwise
  shells.

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

import os
from dataclasses import dataclass, field

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
from rangemap.places.geojson_doc import GEOJSON_ACCEPTED
from rangemap.places.vector_checks import CONTROL
from rangemap.places.vector_file import VECTOR_SUFFIXES, looks_like_vector_path, read_vector

__all__ = [
    "LAUNCH_SUFFIXES",
    "MAX_GEOJSON_BYTES",
    "MAX_LAUNCH_VERTICES",
    "LaunchFile",
    "load_launch_file",
    "load_launch_geojson",
    "looks_like_geojson_path",
    "looks_like_launch_path",
]


MAX_GEOJSON_BYTES = 50 * 1024 * 1024
"""Largest launch file accepted, in bytes (50 MB)."""

MAX_LAUNCH_VERTICES = 5_000
"""Most positions (vertices and points, all features together) in a launch file."""

LAUNCH_SUFFIXES = VECTOR_SUFFIXES
"""File name endings that mark a ``--from`` value as a file."""

_MAX_WARNINGS = 10


@dataclass(frozen=True)
class LaunchFile:
    """A launch geometry read from a user's file.

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


def looks_like_launch_path(text: str | os.PathLike[str]) -> bool:
    """Tell whether a ``--from`` value names a file rather than a place.

    Parameters
    ----------
    text : str or path-like
        The value as given by the user.

    Returns
    -------
    bool
        True when the value ends in one of :data:`LAUNCH_SUFFIXES` (any case,
        surrounding blanks ignored), optionally followed by ``:LAYER``, or
        starts with ``/vsizip/``, whether or not the file exists, so that a
        mistyped path gives a "file not found" error rather than "unknown
        place". Place names never end that way.

    Examples
    --------
    >>> looks_like_launch_path("sites/launch.GeoJSON")
    True
    >>> looks_like_launch_path("areas.gpkg:launch")
    True
    >>> looks_like_launch_path("Kursk")
    False
    """
    return looks_like_vector_path(text)


#: The name this function had when only GeoJSON was read; ``rangemap.places`` exports it.
looks_like_geojson_path = looks_like_launch_path


def load_launch_file(path: str | os.PathLike[str]) -> LaunchFile:
    """Read a user's vector file as one launch geometry.

    Parameters
    ----------
    path : str or path-like
        A vector file (GeoJSON, GeoPackage, Shapefile, KML/KMZ, FlatGeobuf,
        CSV with lat/lon; ``FILE:LAYER`` for a layer), at most
        :data:`MAX_GEOJSON_BYTES` bytes and :data:`MAX_LAUNCH_VERTICES`
        positions.

    Returns
    -------
    LaunchFile
        The union of all features as one lon/lat geometry, a display name
        and the warnings about repairs made.

    Raises
    ------
    DataFileError
        If the file is missing, a folder, too large, empty, not readable,
        has no non-empty geometry, a CRS that cannot be reprojected from (or
        none on coordinates that are not lon/lat), coordinates outside
        -180..180 / -90..90, altitudes other than 0, NaN, too many vertices,
        too few points for a line or ring, or a polygon so broken that
        nothing polygonal is left after repair (see
        :mod:`rangemap.places.vector_file`).
    """
    frame = read_vector(
        path, what="launch file", max_bytes=MAX_GEOJSON_BYTES, max_vertices=MAX_LAUNCH_VERTICES
    )
    shown = frame.attrs["shown"]
    geometry = _union(list(frame.geometry), shown)
    return LaunchFile(
        geometry=geometry, name=frame.attrs["name"], warnings=_capped(frame.attrs["warnings"])
    )


#: The name this function had when only GeoJSON was read; ``rangemap.places`` exports it.
load_launch_geojson = load_launch_file


def _union(parts: list[BaseGeometry], shown: str) -> BaseGeometry:
    """Union of the parts, with polygon shells counter-clockwise."""
    try:
        merged = parts[0] if len(parts) == 1 else shapely.union_all(parts)
        if isinstance(merged, GeometryCollection) and len(parts) == 1:
            merged = shapely.union_all(shapely.get_parts(merged))
    except (GEOSException, ValueError) as exc:
        first = CONTROL.sub(" ", str(exc).strip().splitlines()[0] if str(exc).strip() else "")
        raise DataFileError(
            f"{shown}: the features cannot be merged into one geometry ({first[:120]}); "
            "fix the geometries"
        ) from None
    if merged.is_empty:
        raise DataFileError(
            f"{shown}: the features add up to an empty geometry; {GEOJSON_ACCEPTED}"
        )
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
