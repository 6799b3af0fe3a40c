"""Wording of the messages about a user's GeoJSON launch file (see ``places.geofile``)."""

from __future__ import annotations

import json
import re
from typing import Any

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

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A file is not echoed before it has shown itself to be GeoJSON: a "type" or a
# CRS name is quoted only when it has the shape of one.
_TYPE_LIKE = re.compile(r"[A-Za-z]{3,30}")


def _brief(value: Any, limit: int = 60) -> str:
    """Render as short one-line JSON ``value`` for messages."""
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
