"""The outline of a GeoJSON document, checked before GDAL reads its geometries.

GDAL reads GeoJSON leniently: it drops a bare geometry in a
``FeatureCollection``, turns an unknown geometry type into a null geometry,
ignores a ``crs`` member it cannot read and reports broken JSON without a
line number. :func:`check_geojson` parses the document with :mod:`json` and
checks its outline (the objects, their ``type`` members and the legacy ``crs``
member), never the coordinates: those are GDAL's to read and
:mod:`rangemap.places.vector_checks`' to check, as for every format. A
document is not echoed before it has shown itself to be GeoJSON: a ``type``
or a CRS name is quoted only when it has the shape of one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from rangemap.errors import DataFileError

__all__ = ["GEOJSON_ACCEPTED", "REPROJECT", "GeoJSONDoc", "check_geojson"]

GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)
GEOJSON_ACCEPTED = (
    "accepted: a GeoJSON FeatureCollection, Feature or geometry ("
    + ", ".join(GEOMETRY_TYPES)
    + ") in WGS84 [lon, lat] degrees"
)
REPROJECT = "reproject to WGS84 lon/lat (EPSG:4326)"

_TYPE_LIKE = re.compile(r"[A-Za-z]{3,30}")
_WGS84_CRS = re.compile(
    r"""^(?:
        (?:URN:OGC:DEF:CRS:)?OGC:(?:1\.3)?:?CRS84
      | CRS84
      | (?:URN:OGC:DEF:CRS:)?EPSG:(?:[\d.]*:)?4326
      | HTTPS?://WWW\.OPENGIS\.NET/DEF/CRS/(?:OGC/1\.3/CRS84|EPSG/0/4326)
    )$""",
    re.VERBOSE,
)
# A name GDAL reads as a CRS (and rangemap then reprojects from): an EPSG code.
_EPSG_CRS = re.compile(r"^(?:URN:OGC:DEF:CRS:)?EPSG:(?:[\d.]*:)?\d{4,6}$")
_CRS_LIKE = re.compile(
    r"(?:urn:ogc:def:crs:[A-Za-z0-9:._-]{1,60}|epsg:\d{1,6}|https?://[A-Za-z0-9/._:-]{1,80}"
    r"|crs\d{1,3})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GeoJSONDoc:
    """What the outline of a GeoJSON document is.

    Attributes
    ----------
    kind : str
        ``"FeatureCollection"``, ``"Feature"`` or a geometry type.
    features : int
        The number of features (1 for a Feature or a bare geometry).
    """

    kind: str
    features: int


def check_geojson(text: str, shown: str) -> GeoJSONDoc:
    """Parse GeoJSON text and check its outline.

    Parameters
    ----------
    text : str
        The document.
    shown : str
        The file as messages show it.

    Returns
    -------
    GeoJSONDoc
        The kind of document and its number of features.

    Raises
    ------
    DataFileError
        If the text is not JSON (with its line and column), not a GeoJSON
        object, TopoJSON, a collection without features or with members that
        are not Features, an unknown geometry type, a geometry without
        coordinates, or a ``crs`` member other than an EPSG code on the
        document (a ``crs`` on a feature or a geometry must be WGS84).
    """
    doc = _parse(text, shown)
    try:
        return _document(doc, shown)
    except RecursionError:
        raise DataFileError(
            f"{shown}: GeoJSON is nested too deeply to read; {GEOJSON_ACCEPTED}"
        ) from None


def _parse(text: str, shown: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"{shown} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}; "
            f"{GEOJSON_ACCEPTED}"
        ) from None
    except RecursionError:
        raise DataFileError(
            f"{shown}: JSON is nested too deeply to read; {GEOJSON_ACCEPTED}"
        ) from None
    except ValueError:  # an integer literal with more than 4300 digits
        raise DataFileError(
            f"{shown} is not usable JSON: it holds a number with too many digits; "
            f"{GEOJSON_ACCEPTED}"
        ) from None


def _fail(shown: str, where: str, problem: str) -> DataFileError:
    return DataFileError(f"{shown}, {where}: {problem}" if where else f"{shown}: {problem}")


def _document(doc: Any, shown: str) -> GeoJSONDoc:
    if not isinstance(doc, dict):
        raise _fail(
            shown, "", f"top-level JSON is {_json_kind(doc)}, not a GeoJSON object; "
            f"{GEOJSON_ACCEPTED}"
        )
    kind = doc.get("type")
    if not isinstance(kind, str):
        raise _fail(shown, "", f'JSON object has no GeoJSON "type" member; {GEOJSON_ACCEPTED}')
    _check_crs(doc, shown, "", top=True)
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise _fail(shown, "", f'FeatureCollection has no "features" list; {GEOJSON_ACCEPTED}')
        if not features:
            raise _fail(shown, "", f"FeatureCollection has no features; {GEOJSON_ACCEPTED}")
        for i, feature in enumerate(features, start=1):
            _feature(feature, shown, f"feature {i}")
        return GeoJSONDoc(kind, len(features))
    if kind == "Feature":
        _feature(doc, shown, "", top=True)
        return GeoJSONDoc(kind, 1)
    if kind in GEOMETRY_TYPES:
        _geometry(doc, shown, "", top=True)
        return GeoJSONDoc(kind, 1)
    raise _fail(shown, "", _unknown_type(kind, "a GeoJSON object"))


def _feature(feature: Any, shown: str, where: str, *, top: bool = False) -> None:
    if not isinstance(feature, dict):
        raise _fail(shown, where, f"is {_json_kind(feature)}, not a GeoJSON Feature")
    kind = feature.get("type")
    if kind != "Feature":
        if isinstance(kind, str) and kind in GEOMETRY_TYPES:
            raise _fail(
                shown, where, f"is a bare {kind}; FeatureCollection members must be Features"
            )
        raise _fail(shown, where, f'has type {_brief(kind)}, expected "Feature"')
    if not top:
        _check_crs(feature, shown, where, top=False)
    if feature.get("geometry") is not None:
        _geometry(feature["geometry"], shown, where)


def _geometry(obj: Any, shown: str, where: str, *, top: bool = False) -> None:
    if not isinstance(obj, dict):
        raise _fail(shown, where, f"geometry is {_json_kind(obj)}, not a GeoJSON geometry")
    kind = obj.get("type")
    if kind in ("Feature", "FeatureCollection"):
        raise _fail(shown, where, f"a {kind} stands where a geometry is expected")
    if not isinstance(kind, str) or kind not in GEOMETRY_TYPES:
        raise _fail(shown, where, _unknown_type(kind, "a geometry"))
    if not top:
        _check_crs(obj, shown, where, top=False)
    if kind == "GeometryCollection":
        members = obj.get("geometries")
        if not isinstance(members, list):
            raise _fail(shown, where, 'GeometryCollection has no "geometries" list')
        for j, member in enumerate(members, start=1):
            _geometry(member, shown, f"{where}, geometry {j}" if where else f"geometry {j}")
        return
    if "coordinates" not in obj:
        raise _fail(shown, where, f'{kind} has no "coordinates"')
    coords = obj["coordinates"]
    if not isinstance(coords, list):
        raise _fail(shown, where, f"{kind} coordinates are {_json_kind(coords)}, not an array")


def _check_crs(obj: dict[str, Any], shown: str, where: str, *, top: bool) -> None:
    """Accept a WGS84 ``crs`` anywhere, and an EPSG code (reprojected) on the document."""
    if obj.get("crs") is None:
        return
    name = _crs_name(obj["crs"])
    if name is not None:
        upper = name.strip().upper()
        if _WGS84_CRS.match(upper) or (top and _EPSG_CRS.match(upper)):
            return
    described = name.strip() if name is not None and _CRS_LIKE.fullmatch(name.strip()) else "given"
    where_said = "" if top else " (a crs member on a feature or geometry is not read)"
    raise _fail(
        shown,
        where,
        f"coordinate reference system {described} is not accepted{where_said}; {REPROJECT} "
        "or name an EPSG code in the document's crs member",
    )


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


def _brief(value: Any, limit: int = 60) -> str:
    """Render ``value`` as short one-line JSON for messages."""
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        return f'{what} needs a "type" member; {GEOJSON_ACCEPTED}'
    if not _TYPE_LIKE.fullmatch(kind):
        return f"unknown GeoJSON type; {GEOJSON_ACCEPTED}"
    return f"unknown GeoJSON type {_brief(kind, 40)}; {GEOJSON_ACCEPTED}"
