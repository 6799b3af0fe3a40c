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
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from rangemap.errors import DataFileError

__all__ = [
    "MAX_GEOJSON_BYTES",
    "MAX_LAUNCH_VERTICES",
    "LaunchFile",
    "load_launch_geojson",
    "looks_like_geojson_path",
]

MAX_GEOJSON_BYTES = 50 * 1024 * 1024
"""Largest GeoJSON file accepted, in bytes (50 MB)."""

MAX_LAUNCH_VERTICES = 5_000
"""Most positions (vertices and points, all features together) in a launch file."""

GEOJSON_SUFFIXES = (".geojson", ".json")
"""File name endings that mark a ``--from`` value as a GeoJSON file."""

_GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)
_ACCEPTED = (
    "accepted: a GeoJSON FeatureCollection, Feature or geometry ("
    + ", ".join(_GEOMETRY_TYPES)
    + ") in WGS84 [lon, lat] degrees"
)
_REPROJECT = "reproject to WGS84 lon/lat (EPSG:4326)"
_WGS84_CRS = re.compile(
    r"""^(?:
        (?:URN:OGC:DEF:CRS:)?OGC:(?:1\.3)?:?CRS84
      | CRS84
      | (?:URN:OGC:DEF:CRS:)?EPSG:(?:[\d.]*:)?4326
      | HTTPS?://WWW\.OPENGIS\.NET/DEF/CRS/(?:OGC/1\.3/CRS84|EPSG/0/4326)
    )$""",
    re.VERBOSE,
)
_MAX_NAME_CHARS = 80
_MAX_WARNINGS = 10
_MAX_SHOWN_CHARS = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A file is not echoed before it has shown itself to be GeoJSON: a "type" or a
# CRS name is quoted only when it has the shape of one.
_TYPE_LIKE = re.compile(r"[A-Za-z]{3,30}")
_CRS_LIKE = re.compile(
    r"(?:urn:ogc:def:crs:[A-Za-z0-9:._-]{1,60}|epsg:\d{1,6}|https?://[A-Za-z0-9/._:-]{1,80}"
    r"|crs\d{1,3})",
    re.IGNORECASE,
)


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


# --- GeoJSON structure ---------------------------------------------------------------------


def _brief(value: Any, limit: int = 60) -> str:
    """Render as short one-line JSON ``value`` for messages."""
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_wgs84_crs(name: str) -> bool:
    return bool(_WGS84_CRS.match(name.strip().upper()))


def _crs_name(crs: Any) -> str | None:
    """Return the name a legacy ``crs`` member gives, or None when it gives none."""
    if not isinstance(crs, dict):
        return None
    props = crs.get("properties")
    if not isinstance(props, dict):
        return None
    kind = crs.get("type")
    if kind == "name" and isinstance(props.get("name"), str):
        return str(props["name"])
    if kind == "EPSG" and isinstance(props.get("code"), int | str):
        return f"EPSG:{props['code']}"
    if kind == "link" and isinstance(props.get("href"), str):
        return str(props["href"])
    return None


class _Reader:
    """Walks a GeoJSON document and builds validated shapely geometries."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.warnings: list[str] = []
        self.vertices = 0

    def count(self, n: int, where: str) -> None:
        """Count ``n`` more positions; refuse the file past MAX_LAUNCH_VERTICES."""
        self.vertices += n
        if self.vertices > MAX_LAUNCH_VERTICES:
            raise self.fail(
                where,
                f"more than {MAX_LAUNCH_VERTICES:,} positions; a launch file may have at most "
                f"{MAX_LAUNCH_VERTICES:,} vertices in all: simplify it first "
                "(e.g. ogr2ogr -simplify 0.001 or mapshaper -simplify)",
            )

    def fail(self, where: str, problem: str) -> DataFileError:
        prefix = f"{self.shown}, {where}" if where else self.shown
        return DataFileError(f"{prefix}: {problem}")

    def check_crs(self, obj: dict[str, Any], where: str) -> None:
        if "crs" not in obj or obj["crs"] is None:
            return
        name = _crs_name(obj["crs"])
        if name is not None and _is_wgs84_crs(name):
            return
        if name is not None and _CRS_LIKE.fullmatch(name.strip()):
            described = name.strip()
        else:
            described = "given"
        raise self.fail(
            where,
            f"coordinate reference system {described} is not accepted; {_REPROJECT} "
            "(OGC CRS84 or EPSG:4326)",
        )

    def read_document(self, doc: Any) -> tuple[list[BaseGeometry], dict[str, Any] | None]:
        """Return the non-empty geometries and the first feature's properties."""
        if not isinstance(doc, dict):
            raise self.fail(
                "", f"top-level JSON is {_json_kind(doc)}, not a GeoJSON object; {_ACCEPTED}"
            )
        kind = doc.get("type")
        if not isinstance(kind, str):
            raise self.fail("", f'JSON object has no GeoJSON "type" member; {_ACCEPTED}')
        self.check_crs(doc, "")
        if kind == "FeatureCollection":
            features = doc.get("features")
            if not isinstance(features, list):
                raise self.fail("", f'FeatureCollection has no "features" list; {_ACCEPTED}')
            if not features:
                raise self.fail("", f"FeatureCollection has no features; {_ACCEPTED}")
            parts: list[BaseGeometry] = []
            first_props = None
            for i, feature in enumerate(features, start=1):
                props = self.read_feature(feature, f"feature {i}", parts)
                if i == 1:
                    first_props = props
            if not parts:
                every = (
                    "the only feature has"
                    if len(features) == 1
                    else (f"all {len(features)} features have")
                )
                raise self.fail(
                    "", f"{every} a null or empty geometry; at least one geometry is needed"
                )
            return parts, first_props
        if kind == "Feature":
            parts = []
            props = self.read_feature(doc, "", parts)
            if not parts:
                raise self.fail("", "the Feature's geometry is null or empty; a geometry is needed")
            return parts, props
        if kind in _GEOMETRY_TYPES:
            geom = self.read_geometry(doc, "")
            if geom is None:
                raise self.fail("", f"the {kind} is empty; a geometry with coordinates is needed")
            return [geom], None
        raise self.fail("", _unknown_type(kind, "a GeoJSON object"))

    def read_feature(
        self, feature: Any, where: str, parts: list[BaseGeometry]
    ) -> dict[str, Any] | None:
        """Add a feature's geometry (if not null or empty) to ``parts``; return its properties."""
        if not isinstance(feature, dict):
            raise self.fail(where, f"is {_json_kind(feature)}, not a GeoJSON Feature")
        kind = feature.get("type")
        if kind != "Feature":
            if isinstance(kind, str) and kind in _GEOMETRY_TYPES:
                raise self.fail(
                    where, f"is a bare {kind}; FeatureCollection members must be Features"
                )
            raise self.fail(where, f'has type {_brief(kind)}, expected "Feature"')
        self.check_crs(feature, where)
        geometry = feature.get("geometry")
        if geometry is not None:
            geom = self.read_geometry(geometry, where)
            if geom is not None:
                parts.append(geom)
        props = feature.get("properties")
        return props if isinstance(props, dict) else None

    def read_geometry(self, obj: Any, where: str) -> BaseGeometry | None:
        """Build one geometry; None when it is empty."""
        if not isinstance(obj, dict):
            raise self.fail(where, f"geometry is {_json_kind(obj)}, not a GeoJSON geometry")
        kind = obj.get("type")
        if kind in ("Feature", "FeatureCollection"):
            raise self.fail(where, f"a {kind} stands where a geometry is expected")
        if not isinstance(kind, str) or kind not in _GEOMETRY_TYPES:
            raise self.fail(where, _unknown_type(kind, "a geometry"))
        self.check_crs(obj, where)
        if kind == "GeometryCollection":
            members = obj.get("geometries")
            if not isinstance(members, list):
                raise self.fail(where, 'GeometryCollection has no "geometries" list')
            geoms = []
            for j, member in enumerate(members, start=1):
                inner = f"{where}, geometry {j}" if where else f"geometry {j}"
                geom = self.read_geometry(member, inner)
                if geom is not None:
                    geoms.append(geom)
            return GeometryCollection(geoms) if geoms else None
        if "coordinates" not in obj:
            raise self.fail(where, f'{kind} has no "coordinates"')
        coords = obj["coordinates"]
        if not isinstance(coords, list):
            raise self.fail(where, f"{kind} coordinates are {_json_kind(coords)}, not an array")
        if not coords:
            return None
        try:
            geom = self.build(kind, coords, where)
        except (GEOSException, ValueError, TypeError) as exc:
            if isinstance(exc, DataFileError):
                raise
            raise self.fail(where, f"{kind} cannot be built: {_first_line(exc)}") from None
        return self.repair(geom, kind, where)

    # --- coordinates ---

    def position(self, value: Any, where: str) -> tuple[float, float]:
        if not isinstance(value, list):
            raise self.fail(
                where, f"position {_brief(value)} is not an array of two numbers [lon, lat]"
            )
        if len(value) > 2:
            raise self.fail(
                where,
                f"position {_brief(value)} has {len(value)} numbers; "
                "3-D coordinates are not accepted; drop the altitude",
            )
        if len(value) < 2:
            raise self.fail(where, f"position {_brief(value)} needs two numbers [lon, lat]")
        lon, lat = value
        for v in value:
            if type(v) not in (int, float):
                raise self.fail(
                    where, f"position {_brief(value)} holds a non-number; [lon, lat] in degrees"
                )
            if isinstance(v, float) and not math.isfinite(v):
                raise self.fail(
                    where,
                    f"position {_brief(value)} holds NaN or Infinity; "
                    "coordinates must be finite [lon, lat] degrees",
                )
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise self.fail(where, _out_of_range(lon, lat))
        return float(lon), float(lat)

    def positions(self, value: Any, where: str, what: str) -> list[tuple[float, float]]:
        if not isinstance(value, list):
            raise self.fail(where, f"{what} is {_json_kind(value)}, not an array of positions")
        self.count(len(value), where)
        out: list[tuple[float, float]] = []
        append = out.append
        for p in value:
            # Fast path for a well-formed pair; NaN fails the comparisons and so
            # falls through to position(), which explains what is wrong.
            if type(p) is list and len(p) == 2:
                x, y = p
                tx, ty = type(x), type(y)
                if (
                    (tx is float or tx is int)
                    and (ty is float or ty is int)
                    and -180 <= x <= 180
                    and -90 <= y <= 90
                ):
                    append((float(x), float(y)))
                    continue
            append(self.position(p, where))
        return out

    def line(self, value: Any, where: str) -> LineString:
        pts = self.positions(value, where, "line")
        if len(pts) < 2:
            raise self.fail(
                where, f"a LineString needs at least 2 positions, this one has {len(pts)}"
            )
        return LineString(np.asarray(pts, dtype=float))

    def ring(self, value: Any, where: str) -> list[tuple[float, float]]:
        pts = self.positions(value, where, "polygon ring")
        if len(pts) >= 2 and pts[0] != pts[-1]:
            pts.append(pts[0])
            self.warnings.append(f"closed an unclosed polygon ring in {where or 'the geometry'}")
        if len(pts) < 4:
            raise self.fail(
                where,
                f"a polygon ring needs at least 4 positions (first = last), this one has "
                f"{len(value)}",
            )
        return pts

    def polygon(self, value: Any, where: str) -> Polygon | None:
        if not isinstance(value, list):
            raise self.fail(where, f"polygon is {_json_kind(value)}, not an array of rings")
        if not value:
            return None
        rings = [self.ring(r, where) for r in value]
        shell, *holes = (np.asarray(r, dtype=float) for r in rings)
        return Polygon(shell, holes)

    def build(self, kind: str, coords: list[Any], where: str) -> BaseGeometry:
        if kind == "Point":
            self.count(1, where)
            return Point(self.position(coords, where))
        if kind == "MultiPoint":
            return MultiPoint(self.positions(coords, where, "MultiPoint"))
        if kind == "LineString":
            return self.line(coords, where)
        if kind == "MultiLineString":
            return MultiLineString([self.line(c, where) for c in coords])
        if kind == "Polygon":
            poly = self.polygon(coords, where)
            return poly if poly is not None else Polygon()
        polys = [self.polygon(c, where) for c in coords]
        return MultiPolygon([p for p in polys if p is not None])

    def repair(self, geom: BaseGeometry, kind: str, where: str) -> BaseGeometry | None:
        """Make an invalid geometry valid, keeping its dimension; None when empty."""
        if geom.is_empty:
            return None
        if geom.is_valid:
            return geom
        reason = _CONTROL.sub(" ", str(shapely.is_valid_reason(geom)))
        place = where or "the geometry"
        fixed = shapely.make_valid(geom)
        dim = 2 if "Polygon" in kind else 1
        kept = _keep_dimension(fixed, dim)
        if kept is None or kept.is_empty:
            what = "polygon" if dim == 2 else "line"
            raise self.fail(
                where,
                f"{kind} is invalid ({reason}) and no {what} is left after repair; "
                "fix the geometry",
            )
        what = "an invalid polygon" if dim == 2 else "an invalid line"
        self.warnings.append(f"repaired {what} in {place}: {reason}")
        return kept


def _keep_dimension(geom: BaseGeometry, dim: int) -> BaseGeometry | None:
    """Keep the parts of ``geom`` of dimension ``dim`` (2 polygons, 1 lines)."""
    parts = [
        g for g in shapely.get_parts(geom) if not g.is_empty and shapely.get_dimensions(g) == dim
    ]
    flat: list[BaseGeometry] = []
    for part in parts:
        flat.extend(shapely.get_parts(part))
    if not flat:
        return None
    if dim == 2:
        polys = [p for p in flat if isinstance(p, Polygon)]
        return polys[0] if len(polys) == 1 else MultiPolygon(polys)
    lines = [g for g in flat if isinstance(g, LineString)]
    return lines[0] if len(lines) == 1 else MultiLineString(lines)


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


# --- messages --------------------------------------------------------------------------------


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _unknown_type(kind: Any, what: str) -> str:
    if kind == "Topology":
        return "TopoJSON is not accepted; convert it to GeoJSON"
    if not isinstance(kind, str):
        return f'{what} needs a "type" member; {_ACCEPTED}'
    if not _TYPE_LIKE.fullmatch(kind):
        return f"unknown GeoJSON type; {_ACCEPTED}"
    return f"unknown GeoJSON type {_brief(kind, 40)}; {_ACCEPTED}"


def _out_of_range(lon: float, lat: float) -> str:
    shown = f"[{_num(lon)}, {_num(lat)}]"
    base = f"position {shown} is outside longitude -180..180 / latitude -90..90"
    if abs(lon) > 360 or abs(lat) > 180:
        return (
            f"{base}; it looks projected (metres?) and there is no crs member to say so; "
            f"{_REPROJECT}"
        )
    if -90 <= lon <= 90 and -180 <= lat <= 180:
        return f"{base}; latitude and longitude may be swapped (GeoJSON order is [lon, lat])"
    return f"{base}; coordinates must be WGS84 [lon, lat] degrees"


def _num(value: float) -> str:
    text = repr(value)
    return text if len(text) <= 24 else text[:23] + "…"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return _CONTROL.sub(" ", text.splitlines()[0])[:120] if text else type(exc).__name__


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
