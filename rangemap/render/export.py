"""GIS exports of a scene: GeoJSON (RFC 7946).

Every feature carries a ``role``: ``launch`` for launch places, ``ring``
(from a point), ``reach`` (from an area or line) or ``band`` for range layers
(with ``range_km``, and ``low_km``/``high_km`` for bands; a comparison layer,
shown for comparison only, adds ``comparison``: why), ``site`` for the
airbases and user sites (with ``distance_km`` to the launch and ``in_reach``),
``highlight`` for highlighted areas. A range layer of a catalogue weapon
has its ``weapon`` and variants in full (as the map labels it), the
``variant`` part alone and the published ``source``; a site its record's
``source``. Coordinates are
lon/lat WGS84, rounded to 6 decimals (about 0.1 m). :func:`scene_features`
is also what :attr:`rangemap.output.RangeMap.layers` is built from
(:mod:`rangemap.render.geopackage`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from rangemap.scene import Scene
from rangemap.spec import RangeSpec

__all__ = ["scene_features", "to_geojson", "variant_of"]

# The operator note of a weapon the launch side does not field (rangemap.weapon_specs).
_OPERATORS = re.compile(r"\s*\([A-Z]{2}(?:, [A-Z]{2})*\)$")
_OPERATED = re.compile(r"^operated by [^.]*, not by the launch side [A-Z]{2}\. ")


def _geometry(geom: BaseGeometry, *, precision: float = 1e-6) -> dict[str, Any]:
    rounded = shapely.set_precision(geom, precision, mode="pointwise")
    return dict(mapping(rounded))


def variant_of(spec: RangeSpec) -> str | None:
    """Return the variants a catalogue weapon's range is of, without the weapon's name.

    A weapon's ring is labelled with the weapon and the variants that share
    it (:mod:`rangemap.weapon_specs`); a weapon of one variant has none.

    Examples
    --------
    >>> variant_of(RangeSpec(300.0, 300.0, weapon="ATACMS M57 (TACMS 2000)", color_key="ATACMS#1"))
    'M57 (TACMS 2000)'
    >>> variant_of(RangeSpec(500.0, 500.0, weapon="Iskander-M", color_key="Iskander-M#0")) is None
    True
    """
    if not spec.weapon:
        return None
    name, mark, _ = spec.key.partition("#")
    weapon = _OPERATORS.sub("", spec.weapon)  # "Kh-101 (RU)": who operates it, not a variant
    if not mark or not weapon.startswith(name):
        return None
    rest = weapon[len(name) :]
    if rest.startswith(" ") and rest.strip():
        return rest.strip()
    return weapon if rest.strip() else None


def _source(spec: RangeSpec) -> str | None:
    """Return the published source a range's detail names (a catalogue weapon's), else None."""
    for mark in ("Sources: ", "Source: "):
        if mark in spec.detail:
            source = spec.detail.rsplit(mark, 1)[1]
            return _OPERATED.sub("", source).strip() or None
    return None


def scene_features(scene: Scene) -> list[dict[str, Any]]:
    """Return the scene as a list of GeoJSON features.

    Parameters
    ----------
    scene : Scene
        The scene to export.

    Returns
    -------
    list of dict
        GeoJSON Feature objects: launches, rings, reaches and bands, sites,
        then highlights.
    """
    features: list[dict[str, Any]] = []
    for place in scene.launches:
        lon, lat = place.anchor
        props: dict[str, Any] = {
            "role": "launch",
            "name": place.name,
            "kind": place.kind,
            "code": place.code,
            "anchor_lon": round(lon, 6),
            "anchor_lat": round(lat, 6),
        }
        features.append(
            {"type": "Feature", "properties": props, "geometry": _geometry(place.geometry)}
        )
    for layer in scene.layers:
        spec = layer.spec
        props = {
            "role": layer.kind,
            "range_km": spec.high_km,
            "label": spec.label,
            "detail": spec.detail,
            "weapon": spec.weapon,
            "variant": variant_of(spec),
            "source": _source(spec),
            **({} if spec.comparison is None else {"comparison": spec.comparison}),
            "launch": layer.launch.name,
            "origin_lon": round(layer.origin[0], 6),
            "origin_lat": round(layer.origin[1], 6),
        }
        if spec.is_band:
            props["low_km"] = spec.low_km
            props["high_km"] = spec.high_km
        features.append({"type": "Feature", "properties": props, "geometry": _geometry(layer.area)})
    if scene.coverage is not None:
        for site in scene.coverage.site_rows:
            props = {
                "role": "site",
                "name": site.name,
                "kind": site.kind,
                "country": site.country,
                "distance_km": round(site.distance_km, 3),
                "in_reach": site.in_reach,
                "source": site.source,
            }
            geometry = {"type": "Point", "coordinates": [site.lon, site.lat]}
            features.append({"type": "Feature", "properties": props, "geometry": geometry})
    for place in scene.highlights:
        props = {"role": "highlight", "name": place.name, "code": place.code, "kind": place.kind}
        if place.properties.get("occupied_since"):
            props["occupied_since"] = place.properties["occupied_since"]
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": _geometry(place.geometry, precision=1e-5),
            }
        )
    return features


def to_geojson(scene: Scene, *, scenario: Mapping[str, Any] | None = None) -> str:
    """Return the scene as a GeoJSON FeatureCollection string.

    Parameters
    ----------
    scene : Scene
        The scene to export; its features are those of :func:`scene_features`,
        in its order.
    scenario : mapping, optional
        The scenario that made the map (:func:`rangemap.scenario.record`),
        written as the top-level member ``rangemap``.

    Returns
    -------
    str
        RFC 7946 GeoJSON text with ``title`` and ``notes`` members, and
        ``launch_side`` and ``control_as_of`` (ISO date or null) where known.
    """
    collection: dict[str, Any] = {
        "type": "FeatureCollection",
        "title": scene.title,
        "notes": list(scene.notes),
    }
    if scene.launch_side is not None:
        collection["launch_side"] = scene.launch_side
    if scene.control is not None:
        as_of = scene.control.as_of
        collection["control_as_of"] = as_of.isoformat() if as_of else None
    if scenario is not None:
        collection["rangemap"] = dict(scenario)
    collection["features"] = scene_features(scene)
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
