"""The map's markers: launch places, range and place labels, and sites.

Launch points are dots and launch areas outlines; sites are dots coloured by
whether they are targets in reach. Labels are text markers whose position
the panel script picks (:data:`rangemap.render.html.panel._PANEL_JS`): each
function adding labels returns their placement data, which the panel script
gets as JSON.
"""

from __future__ import annotations

import math
from typing import Any

import folium

from rangemap.coverage import Coverage, SiteCoverage
from rangemap.places import Place
from rangemap.render.display import place_geojson
from rangemap.render.html.elements import (
    SafeTooltip,
    _CircleMarker,
    _DivIcon,
    _FeatureGroup,
    _GeoJson,
    _group,
    _Marker,
)
from rangemap.render.html.layers import _collection
from rangemap.render.style import LAUNCH_EDGE, LAUNCH_FILL
from rangemap.render.templating import macros
from rangemap.scene import Scene
from rangemap.units import format_distance_km

_COORD_DIGITS = 5


def _add_launches(fmap: folium.Map, places: tuple[Place, ...]) -> None:
    names = "point" if len(places) == 1 and places[0].is_point else "places"
    group = _group(f"Launch {names}")
    for place in places:
        lon, lat = place.anchor
        if place.is_point:
            _CircleMarker(
                location=[lat, lon],
                radius=6,
                color=LAUNCH_EDGE,
                weight=2,
                fill=True,
                fill_color=LAUNCH_FILL,
                fill_opacity=1.0,
                class_name="rangemap-launch",
                tooltip=SafeTooltip(f"Launch: {place.name} ({lat:.4f}, {lon:.4f})"),
            ).add_to(group)
            continue
        feature = {"type": "Feature", "properties": {"role": "launch"}}
        feature["geometry"] = place_geojson(place)
        _GeoJson(
            _collection([feature]),
            style_function=lambda _f: {
                "color": LAUNCH_EDGE,
                "weight": 2.5,
                "fillOpacity": 0.05,
                "className": "rangemap-launch-area",
            },
            tooltip=SafeTooltip(f"Launch: {place.name}"),
        ).add_to(group)
    group.add_to(fmap)


#: Bearings (degrees clockwise from north) a ring label may sit at, first choice
#: first: the east and north-east edge, then around the ring.
_LABEL_BEARINGS = (45, 65, 25, 85, 5, 105, 125, 335, 315, 145, 295, 165, 275, 185, 255, 215)


def _label_icon(text: str, color: str, kind: str) -> _DivIcon:
    """Return a DivIcon showing ``text`` (plain text, escaped) in label style ``kind``.

    The markup is the ``label`` macro of ``map.html.j2``.
    """
    return _DivIcon(
        html=str(macros("map.html.j2").label(text, color, kind)),
        icon_size=(1, 1),
        icon_anchor=(0, 0),
        class_name=f"rangemap-label-icon rangemap-{kind}-label-icon",
    )


def _add_ring_labels(
    fmap: folium.Map, scene: Scene, groups: list[folium.FeatureGroup], colors: list[str]
) -> list[dict[str, Any]]:
    """Add one label per distinct range (two per band); return their placement data.

    Each label is a marker whose position the page's panel script picks
    among points of its ring at :data:`_LABEL_BEARINGS`: the first where the
    label overlaps no other label and no panel (see
    :data:`~rangemap.render.html.panel._PANEL_JS`).
    """
    labels_group = _FeatureGroup(name="Ring labels", control=False)
    placed = []
    for label in scene.map_labels():
        layer = scene.layers[label.layers[0]]
        color = colors[label.layers[0]]
        edge = min(label.edge, len(layer.outlines) - 1)
        points = [layer.edge_point(b, edge) for b in _LABEL_BEARINGS]
        lon, lat = points[0]
        marker = _Marker(
            location=[round(lat, _COORD_DIGITS), round(lon, _COORD_DIGITS)],
            icon=_label_icon(label.text, color, "ring"),
            tooltip=SafeTooltip(label.tooltip),
        )
        marker.add_to(labels_group)
        placed.append(
            {
                "marker": marker.get_name(),
                "layers": [groups[i].get_name() for i in label.layers],
                "at": [[round(y, _COORD_DIGITS), round(x, _COORD_DIGITS)] for x, y in points],
                "shift": ["ring"],
            }
        )
    labels_group.add_to(fmap)
    return placed


#: How many airbases and cities in reach are named on the interactive map.
TOP_SITES = 8
TOP_CITIES = 6


def _add_place_labels(
    fmap: folium.Map, coverage: Coverage, sites_group: folium.FeatureGroup | None
) -> list[dict[str, Any]]:
    """Name the target airbases and the largest target cities in reach (top few of each).

    Labels that would overlap a ring label, a panel or each other are left
    out by the panel script, so the map never cluttered.
    """
    group = _FeatureGroup(name="Place names", control=False)
    placed = []
    sites = sorted(
        (s for s in coverage.site_rows if s.target and s.in_reach), key=lambda s: s.distance_km
    )[:TOP_SITES]
    cities = sorted((c for c in coverage.city_rows if c.target), key=lambda c: -c.population)[
        :TOP_CITIES
    ]
    entries = [(s.display_name, s.lat, s.lon, "site") for s in sites]
    entries += [(c.name, c.lat, c.lon, "city") for c in cities]
    for name, lat, lon, kind in entries:
        marker = _Marker(
            location=[round(lat, _COORD_DIGITS), round(lon, _COORD_DIGITS)],
            icon=_label_icon(name, "", kind),
            interactive=False,
        )
        marker.add_to(group)
        layers = [sites_group.get_name()] if kind == "site" and sites_group is not None else []
        placed.append(
            {
                "marker": marker.get_name(),
                "layers": layers,
                "at": [[round(lat, _COORD_DIGITS), round(lon, _COORD_DIGITS)]],
                "shift": ["right", "left", "above", "below"],
                "optional": True,
            }
        )
    group.add_to(fmap)
    return placed


def _site_text(site: SiteCoverage) -> str:
    role = f", {site.role}" if site.role else ""
    head = f"{site.display_name} ({site.kind}{role})"
    if not site.target:
        return (
            f"{head}: held by {site.held_by or 'unknown'}, not a target; "
            f"{format_distance_km(site.distance_km)} km from launch"
        )
    state = "in reach" if site.in_reach else "out of reach"
    return f"{head}: {format_distance_km(site.distance_km)} km from launch, {state}"


def _add_sites(fmap: folium.Map, coverage: Coverage) -> folium.FeatureGroup | None:
    """Draw the sites: targets red in reach, grey out; other sides' sites neutral (white).

    The curated and the user's sites are all drawn; the ~460 OurAirports
    airfields only within the outer range + 10 % (the rest would bury the map).
    """
    outer_km = max((layer.range_km for layer in coverage.layers), default=math.inf)
    sites = [
        s
        for s in coverage.every_row().sites
        if s.origin != "ourairports" or s.distance_km <= 1.1 * outer_km
    ]
    if not sites:
        return None
    group = _group("Sites: airbases and your points")
    for site in sites:
        if not site.target:
            fill, state = "#ffffff", "rangemap-site-neutral"
        elif site.in_reach:
            fill, state = "#d7191c", "rangemap-site-in"
        else:
            fill, state = "#6b6b6b", "rangemap-site-out"
        _CircleMarker(
            location=[site.lat, site.lon],
            radius=5 if site.target else 4,
            color="#6b6b6b" if not site.target else "#ffffff",
            weight=1.5,
            fill=True,
            fill_color=fill,
            fill_opacity=0.95,
            class_name="rangemap-site " + state,
            tooltip=SafeTooltip(_site_text(site)),
        ).add_to(group)
    group.add_to(fmap)
    return group
