"""The map's layers: basemap tiles, boundaries, highlighted areas and range layers.

Bottom to top: base tiles, countries, regions (shaded by the share in reach
with a coverage), land borders, highlighted areas; the range rings and
bands, one overlay per range, are drawn above the launch places
(:mod:`rangemap.render.html.markers`). Boundary layers and highlighted areas
are what :mod:`rangemap.render.display` decides a map draws (Natural Earth
geometry simplified for display, ``data/display/``); rings are drawn at full
density. Every element is one of :mod:`rangemap.render.html.elements`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import folium
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from rangemap.coverage import Coverage
from rangemap.places import Place
from rangemap.render.assets import TileLayerSpec
from rangemap.render.display import display_countries, display_layer, place_geojson
from rangemap.render.html.elements import SafeTooltip, _GeoJson, _group, _tile_layer
from rangemap.render.safe import escape_html
from rangemap.render.style import (
    BORDER_COLOR,
    COUNTRY_EDGE,
    COUNTRY_FILL,
    HIGHLIGHT_EDGE,
    HIGHLIGHT_FILL,
    REGION_EDGE,
    share_color,
)
from rangemap.scene import RangeLayer
from rangemap.units import format_km


def _add_tiles(fmap: folium.Map, layers: tuple[TileLayerSpec, ...]) -> None:
    """Add the basemap: base layers under the vector layers, label layers above them."""
    if any(layer.overlay for layer in layers):
        # Place names stay readable over shaded regions; they take no clicks.
        folium.map.CustomPane("rangemap-labels", z_index=650, pointer_events=False).add_to(fmap)
    for layer in layers:
        extra: dict[str, Any] = {"pane": "rangemap-labels"} if layer.overlay else {}
        if layer.subdomains:
            extra["subdomains"] = layer.subdomains
        _tile_layer(
            layer.url,
            attr=layer.attribution,
            name=escape_html(layer.name),
            max_zoom=layer.max_zoom,
            overlay=layer.overlay,
            control=True,
            **extra,
        ).add_to(fmap)


def _feature(
    geom: BaseGeometry, props: dict[str, Any], *, precision: float = 1e-5
) -> dict[str, Any]:
    rounded = shapely.set_precision(geom, precision, mode="pointwise")
    return {"type": "Feature", "properties": props, "geometry": dict(mapping(rounded))}


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _add_boundaries(
    fmap: folium.Map,
    coverage: Coverage | None,
    range_label: str,
    bounds: tuple[float, float, float, float] | None = None,
) -> None:
    countries = _group("Countries")
    _GeoJson(
        # The world's countries near the map's bounds only: the whole layer is 0.66 MB.
        display_countries(bounds),
        style_function=lambda _f: {
            "color": COUNTRY_EDGE,
            "weight": 1.2,
            "fillColor": COUNTRY_FILL,
            "fillOpacity": 0.25,
        },
        highlight_function=None,
        smooth_factor=0.5,
    ).add_to(countries)
    countries.add_to(fmap)

    _add_regions(fmap, coverage, range_label)

    border = _group("Ukraine–Russia and Ukraine–Belarus borders")
    _GeoJson(
        display_layer("borders").document,
        style_function=lambda _f: {"color": BORDER_COLOR, "weight": 2.5, "dashArray": "6 4"},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(border)
    border.add_to(fmap)


def _add_highlights(fmap: folium.Map, places: tuple[Place, ...]) -> None:
    if not places:
        return
    group = _group("Highlighted: " + ", ".join(p.name for p in places))
    for place in places:
        text = place.name + (f" ({place.code})" if place.code else "")
        if place.properties.get("occupied_since"):
            text += f", occupied by Russia since {place.properties['occupied_since']}"
        feature = {
            "type": "Feature",
            "properties": {"role": "highlight"},
            "geometry": place_geojson(place),
        }
        _GeoJson(
            _collection([feature]),
            style_function=lambda _f: {
                "color": HIGHLIGHT_EDGE,
                "weight": 2,
                "fillColor": HIGHLIGHT_FILL,
                "fillOpacity": 0.35,
                "className": "rangemap-highlight",
            },
            tooltip=SafeTooltip(text),
        ).add_to(group)
    group.add_to(fmap)


def _add_regions(fmap: folium.Map, coverage: Coverage | None, range_label: str) -> None:
    """Draw region outlines; with a coverage, shade each target by the share in reach.

    Only targets (regions the other side holds) are shaded; the launch side's
    own regions and third countries' are drawn neutral, their tooltip saying
    who holds them.
    """
    every = coverage.every_row().regions if coverage is not None else ()
    rows = {r.iso_3166_2: r for r in every}
    held = "/".join(coverage.target_sides) if coverage is not None else ""
    features = []
    for feat in display_layer("regions").features:
        props = feat["properties"]
        region = rows.get(props.get("iso_3166_2"))
        name = str(props.get("name_en") or props.get("iso_3166_2"))
        if region is None:
            share, text = 0.0, name
        elif not region.target:
            share = 0.0
            text = (
                f"{region.display_name}: held by {region.held_by}, not a target "
                f"({region.share:.0%} within {range_label})"
            )
        else:
            share = region.share
            text = (
                f"{region.display_name}: {region.share:.0%} within {range_label} "
                f"({region.reachable_km2:,.0f} of {region.area_km2:,.0f} km²"
                + (f" held by {held}" if region.contested else "")
                + ")"
            )
        features.append(
            {
                "type": "Feature",
                "properties": {"share": round(share, 4), "label": escape_html(text)},
                "geometry": feat["geometry"],
            }
        )
    title = "Regions (admin-1)"
    if coverage is not None:
        title += f", shaded by share within {range_label}"
        if coverage.launch_side is not None:
            title += f" (targets: held by {'/'.join(coverage.target_sides) or 'none'})"
    group = _group(title)
    _GeoJson(
        _collection(features),
        style_function=lambda f: {
            "color": REGION_EDGE,
            "weight": 0.6,
            "fillColor": share_color(f["properties"]["share"]),
            "fillOpacity": 0.4 if f["properties"]["share"] > 0 else 0.0,
            "className": "rangemap-share" if f["properties"]["share"] > 0 else "rangemap-region",
        },
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        smooth_factor=0.5,
    ).add_to(group)
    group.add_to(fmap)


@dataclass(frozen=True)
class _RangeLook:
    """How one range layer is drawn: its colour, fill, dashes, CSS classes and tooltip."""

    color: str
    comparison: bool
    fill: float
    dash: str | None
    area_class: str
    edge_class: str
    tooltip: str


def _range_look(layer: RangeLayer, color: str) -> _RangeLook:
    """Return how ``layer`` is drawn in ``color`` (a comparison layer: dashed, unfilled)."""
    spec = layer.spec
    comparison = spec.comparison is not None
    tooltip = layer.tooltip
    if comparison:
        tooltip = f"{layer.legend}. {tooltip}"
    # CSS classes on the SVG paths let pages and tests find rings, reaches and bands.
    area_class, edge_class = {
        "band": ("rangemap-band", "rangemap-band-edge"),
        "ring": ("rangemap-ring-area", "rangemap-ring"),
        "reach": ("rangemap-reach-area", "rangemap-reach"),
    }[layer.kind]
    return _RangeLook(
        color=color,
        comparison=comparison,
        fill=0.0 if comparison else 0.07 if spec.is_band else 0.08,
        dash="8 6" if comparison or spec.is_band else None,
        area_class=area_class,
        edge_class=edge_class,
        tooltip=tooltip,
    )


def _range_name(layer: RangeLayer) -> str:
    """Return the layer's name in the layer control (``"Ring 300 km"``), at most 100 characters."""
    kind_name = {"band": "Band", "ring": "Ring", "reach": "Reach"}[layer.kind]
    name = f"{kind_name} {layer.legend.removesuffix(' (band)')}"
    if layer.spec.comparison is not None:
        # Shown for comparison only (a weapon not supplied): a layer off by
        # default, unless the map has nothing else, named as such, drawn
        # dashed and without fill.
        name = layer.legend
    if len(name) > 100:
        name = name[:97] + "..."
    return name


def _add_band_inner(group: folium.FeatureGroup, layer: RangeLayer, look: _RangeLook) -> None:
    """Fill a band's zone surely in reach (inside its low edge) as strongly as a ring."""
    spec = layer.spec
    inner = layer.full_area.difference(layer.area)
    if inner.is_empty:
        return
    _GeoJson(
        _collection([_feature(inner, {"role": "band-inner", "range_km": spec.low_km})]),
        style_function=lambda _f: {
            "color": look.color,
            "weight": 0,
            "fillColor": look.color,
            "fillOpacity": 0.0 if look.comparison else 0.16,
            "className": "rangemap-band-inner",
        },
        tooltip=SafeTooltip(f"Surely in reach: within {format_km(spec.low_km)}. {look.tooltip}"),
    ).add_to(group)


def _add_ring_path(group: folium.FeatureGroup, feature: dict[str, Any], look: _RangeLook) -> None:
    """Draw a ring or a reach as one path: the area's own edge is the ring."""
    _GeoJson(
        _collection([feature]),
        style_function=lambda _f: {
            "color": look.color,
            "weight": 2.5,
            "opacity": 0.95,
            "fillColor": look.color,
            "fillOpacity": look.fill,
            "dashArray": look.dash,
            "className": f"{look.area_class} {look.edge_class}"
            + (" rangemap-comparison" * look.comparison),
        },
        tooltip=SafeTooltip(look.tooltip),
    ).add_to(group)


def _add_area_and_edges(
    group: folium.FeatureGroup, layer: RangeLayer, feature: dict[str, Any], look: _RangeLook
) -> None:
    """Fill the area, and stroke only its true edges (a band's low edge solid, its high dashed).

    For a band, or an area split at the antimeridian or closed along a pole:
    the seams are not edges.
    """
    band = layer.spec.is_band
    _GeoJson(
        _collection([feature]),
        style_function=lambda _f: {
            "color": look.color,
            "weight": 0,
            "fillColor": look.color,
            "fillOpacity": look.fill,
            "className": look.area_class,
        },
        tooltip=SafeTooltip(look.tooltip),
    ).add_to(group)
    for i, outline in enumerate(layer.outlines):
        outer = i == len(layer.outlines) - 1
        edge_dash = look.dash if (outer or look.comparison) else None
        edge = "rangemap-band-high" if band and outer else "rangemap-band-low"
        _GeoJson(
            _collection([_feature(outline, {"role": f"{layer.kind}-outline"}, precision=1e-6)]),
            style_function=lambda _f, edge_dash=edge_dash, edge=edge, outer=outer: {
                "color": look.color,
                "weight": 2.0 if band and outer else 2.5,
                "opacity": 0.95,
                "dashArray": edge_dash,
                "className": look.edge_class
                + (f" {edge}" if band else "")
                + (" rangemap-comparison" * look.comparison),
            },
            tooltip=SafeTooltip(look.tooltip),
        ).add_to(group)


def _add_layer(
    fmap: folium.Map, layer: RangeLayer, color: str, *, hide_comparison: bool = True
) -> folium.FeatureGroup:
    """Draw one range layer in a group of its own; return the group (its label is drawn apart).

    A ring or a reach is a light fill with a solid edge. A band is drawn as
    what it means: the zone surely in reach (inside its low edge) filled
    as strongly as a ring, with a solid edge; the band itself, reached only
    if the longer reading holds, a lighter fill with a dashed outer edge.
    """
    spec = layer.spec
    look = _range_look(layer, color)
    group = _group(_range_name(layer), show=not (look.comparison and hide_comparison))
    if spec.is_band:
        _add_band_inner(group, layer, look)
    feature = _feature(layer.area, {"role": layer.kind, "range_km": spec.high_km}, precision=1e-6)
    min_lon, min_lat, max_lon, max_lat = layer.area.bounds
    seams = min_lon <= -180 or max_lon >= 180 or min_lat <= -90 or max_lat >= 90
    if not seams and not spec.is_band:
        _add_ring_path(group, feature, look)
    else:
        _add_area_and_edges(group, layer, feature, look)
    group.add_to(fmap)
    return group
