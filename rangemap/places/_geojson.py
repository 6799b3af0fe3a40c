"""The GeoJSON structure of a launch file: documents, features, geometries, positions.

Used by :func:`rangemap.places.geofile.load_launch_geojson`; the rules are told
in :mod:`rangemap.places.geofile`.
"""

from __future__ import annotations

import math
import re
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

from rangemap.errors import DataFileError
from rangemap.places._geojson_messages import (
    _ACCEPTED,
    _CONTROL,
    _GEOMETRY_TYPES,
    _REPROJECT,
    _brief,
    _first_line,
    _json_kind,
    _out_of_range,
    _unknown_type,
)

MAX_LAUNCH_VERTICES = 5_000
"""Most positions (vertices and points, all features together) in a launch file."""

_WGS84_CRS = re.compile(
    r"""^(?:
        (?:URN:OGC:DEF:CRS:)?OGC:(?:1\.3)?:?CRS84
      | CRS84
      | (?:URN:OGC:DEF:CRS:)?EPSG:(?:[\d.]*:)?4326
      | HTTPS?://WWW\.OPENGIS\.NET/DEF/CRS/(?:OGC/1\.3/CRS84|EPSG/0/4326)
    )$""",
    re.VERBOSE,
)

# A file is not echoed before it has shown itself to be GeoJSON: a "type" or a
# CRS name is quoted only when it has the shape of one.
_CRS_LIKE = re.compile(
    r"(?:urn:ogc:def:crs:[A-Za-z0-9:._-]{1,60}|epsg:\d{1,6}|https?://[A-Za-z0-9/._:-]{1,80}"
    r"|crs\d{1,3})",
    re.IGNORECASE,
)


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
