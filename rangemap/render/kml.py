"""KML 2.2 export of a scene, for Google Earth and QGIS.

The features are those of the GeoJSON export (:func:`rangemap.render.export.scene_features`):
each becomes a Placemark in a Folder named after its ``role`` (launch, ring,
band, reach, highlight, site), with its properties as ``ExtendedData``.
Coordinates are lon/lat on WGS84, as KML requires; polygons split at the
antimeridian stay split (a ``MultiGeometry``). Text is written by
:mod:`xml.etree.ElementTree`, which escapes it, after
:func:`rangemap.render.safe.clean_text` has dropped the characters XML 1.0
does not allow (control characters in a title or a site name would
otherwise make the document not well-formed).

Each range layer has a style of its own in the colour it has on the HTML and
static maps (:func:`rangemap.render.style.key_color`, keyed by weapon
variant or range), written as KML's ``aabbggrr``.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rangemap.recording import RECORD_ITEM
from rangemap.render.export import scene_features
from rangemap.render.safe import clean_text
from rangemap.render.style import CREDIT_LINE, kml_color
from rangemap.scene import Scene

__all__ = ["KML_NAMESPACE", "to_kml"]

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"

_FOLDERS = {
    "launch": "Launch places",
    "reach": "Reach envelopes",
    "band": "Range bands",
    "ring": "Range rings",
    "highlight": "Highlighted areas",
    "site": "Sites",
}
_RANGES = ("ring", "band", "reach")
# KML colours are aabbggrr.
_STYLES = {
    "launch": ("ff000000", "1a000000", 2.0),
    "reach": ("ff2a5fd6", "402a5fd6", 2.0),
    "band": ("ff2827d6", "402827d6", 2.0),
    "ring": ("ffb4771f", "1ab4771f", 2.0),
    "highlight": ("ff0161e6", "5963b8fd", 2.0),
    "site": ("ff000000", "ff000000", 1.0),
}


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{KML_NAMESPACE}}}{tag}")
    if text is not None:
        element.text = clean_text(text)
    return element


def _coords(points: Iterable[Sequence[float]]) -> str:
    return " ".join(f"{p[0]:.6f},{p[1]:.6f}" for p in points)


def _ring(parent: ET.Element, boundary: str, points: Sequence[Sequence[float]]) -> None:
    linear = _sub(_sub(parent, boundary), "LinearRing")
    _sub(linear, "coordinates", _coords(points))


def _geometry(parent: ET.Element, geometry: dict[str, Any]) -> None:
    kind = geometry["type"]
    coords: Any = geometry.get("coordinates")
    if kind == "Point":
        _sub(_sub(parent, "Point"), "coordinates", _coords([coords]))
    elif kind == "LineString":
        line = _sub(parent, "LineString")
        _sub(line, "tessellate", "1")
        _sub(line, "coordinates", _coords(coords))
    elif kind == "Polygon":
        polygon = _sub(parent, "Polygon")
        _ring(polygon, "outerBoundaryIs", coords[0])
        for hole in coords[1:]:
            _ring(polygon, "innerBoundaryIs", hole)
    elif kind in ("MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"):
        multi = _sub(parent, "MultiGeometry")
        if kind == "GeometryCollection":
            parts = geometry["geometries"]
        else:
            single = kind.removeprefix("Multi")
            parts = [{"type": single, "coordinates": part} for part in coords]
        for part in parts:
            _geometry(multi, part)
    else:
        raise ValueError(f"unsupported geometry type {kind!r}")


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return "" if value is None else str(value)


def to_kml(scene: Scene, *, scenario: Mapping[str, Any] | None = None) -> str:
    """Return the scene as a KML 2.2 document.

    Parameters
    ----------
    scene : Scene
        What the map shows.
    scenario : mapping, optional
        The scenario that made the map (:func:`rangemap.scenario.record`),
        as JSON in the Document's ``ExtendedData`` (``rangemap-scenario``).

    Returns
    -------
    str
        The KML document, UTF-8 XML text with a declaration.
    """
    ET.register_namespace("", KML_NAMESPACE)
    root = ET.Element(f"{{{KML_NAMESPACE}}}kml")
    document = _sub(root, "Document")
    _sub(document, "name", scene.title)
    _sub(
        document,
        "description",
        CREDIT_LINE,
    )
    for role, (line, fill, width) in _STYLES.items():
        style = _sub(document, "Style")
        style.set("id", f"rangemap-{role}")
        line_style = _sub(style, "LineStyle")
        _sub(line_style, "color", line)
        _sub(line_style, "width", f"{width:g}")
        _sub(_sub(style, "PolyStyle"), "color", fill)
    for i, color in enumerate(scene.colors):
        style = _sub(document, "Style")
        style.set("id", f"rangemap-range-{i}")
        line_style = _sub(style, "LineStyle")
        _sub(line_style, "color", kml_color(color))
        _sub(line_style, "width", "2.5")
        _sub(_sub(style, "PolyStyle"), "color", kml_color(color, 0.15))
    if scenario is not None:  # after the styles, before the folders (KML 2.2's order)
        recorded = _sub(_sub(document, "ExtendedData"), "Data")
        recorded.set("name", RECORD_ITEM)
        _sub(recorded, "value", json.dumps(scenario, ensure_ascii=False))
    features = scene_features(scene)
    # Range features come in the order of the scene's layers.
    range_style = {
        id(f): f"#rangemap-range-{i}"
        for i, f in enumerate(f for f in features if f["properties"].get("role") in _RANGES)
    }
    for role, folder_name in _FOLDERS.items():
        members = [f for f in features if f["properties"].get("role") == role]
        if not members:
            continue
        folder = _sub(document, "Folder")
        _sub(folder, "name", folder_name)
        for feature in members:
            props = feature["properties"]
            placemark = _sub(folder, "Placemark")
            _sub(placemark, "name", _text(props.get("label") or props.get("name") or role))
            if props.get("detail"):
                _sub(placemark, "description", _text(props["detail"]))
            _sub(placemark, "styleUrl", range_style.get(id(feature), f"#rangemap-{role}"))
            extended = _sub(placemark, "ExtendedData")
            for key, value in props.items():
                data = _sub(extended, "Data")
                data.set("name", clean_text(key))
                _sub(data, "value", _text(value))
            _geometry(placemark, feature["geometry"])
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
