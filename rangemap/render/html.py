"""Interactive HTML maps with folium (Leaflet).

This is the only module of rangemap that imports folium. Coordinates are
swapped to Leaflet's ``[lat, lon]`` here and nowhere else.

User text is never a template. branca's ``Element(text)`` compiles its
text as a Jinja2 template, and branca's ``MacroElement.render`` wraps every
folium element's rendered script in such an ``Element``, so the JSON data,
tooltips and layer names in it are compiled a second time. Here:

- :class:`HtmlBlock` puts markup built by rangemap into the page as data of
  a fixed template; it replaces every ``Element(...)``.
- Every folium element that carries user text is one of the subclasses
  below, which render their macros into :class:`HtmlBlock` (:class:`_Inert`)
  instead of compiling them.
- :class:`SafeTooltip` replaces ``folium.Tooltip``, which puts its text raw
  into a JavaScript template literal (where a backtick or ``${...}`` is
  code): it passes the text to Leaflet as a JSON string.
- User text reaching the page, the layer control (which shows names as
  HTML), a tooltip or a label is escaped with
  :func:`rangemap.render.safe.escape_html`, whose output holds no brace and no
  backtick, so it is inert in a template even if compiled. GeoJSON data and
  options reach scripts only as JSON.

Layers, bottom to top: base tiles, countries, regions, land borders,
highlighted areas, launch places, range rings and bands (one overlay per
range). Boundary layers are Natural Earth geometry simplified for display
(``data/display/``); rings are drawn at full density.

The title, the legend and the summary are one panel (:func:`_panel_html`), a
Leaflet control in the top-right corner: open on screens 800 px wide or more,
one button below. Its legend rows switch the range layers, and ring and place
labels are put where they overlap no other label and no panel, by one fixed
script (:data:`_PANEL_JS`) that gets folium's layer names and coordinates as
JSON. folium's layer list stays, collapsed, for basemaps and boundaries.
"""

from __future__ import annotations

import json
import math
import os
from functools import cache
from importlib import resources
from typing import Any

import folium
import shapely
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from rangemap._paths import data_path
from rangemap.coverage import Coverage, SiteCoverage
from rangemap.errors import InputError
from rangemap.places import Place
from rangemap.render.assets import (
    DEFAULT_TILES,
    DRAWN_JS,
    FALLBACK_HTML,
    HEAD_HTML,
    TileLayerSpec,
    leaflet_css,
    leaflet_js,
    resolve_tiles,
)
from rangemap.render.display import display_countries
from rangemap.render.safe import escape_html
from rangemap.render.style import (
    BORDER_COLOR,
    COUNTRY_EDGE,
    COUNTRY_FILL,
    CREDIT_LINE,
    HIGHLIGHT_EDGE,
    HIGHLIGHT_FILL,
    LAUNCH_EDGE,
    LAUNCH_FILL,
    REGION_EDGE,
    share_color,
)
from rangemap.render.tables import format_people
from rangemap.scene import RangeLayer, Scene, format_km
from rangemap.units import format_distance_km

__all__ = ["HtmlBlock", "SafeTooltip", "build_folium_map", "to_fragment", "to_html"]

_COORD_DIGITS = 5


class HtmlBlock(Element):
    """Markup placed in a page as it is: never compiled as a template.

    Parameters
    ----------
    markup : str
        HTML built by rangemap, every user string in it already escaped
        (:func:`rangemap.render.safe.escape_html`).
    """

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "HtmlBlock"
        self.markup = markup


class _Inert(MacroElement):
    """Render an element's macros into the page without compiling them again.

    :meth:`branca.element.MacroElement.render` wraps each macro's output in
    ``Element(output)``, which compiles it as a Jinja2 template: text in the
    element's data would be evaluated. This does the same with
    :class:`HtmlBlock`. A folium class gets it as a second base after its own
    (``class X(folium.Y, _Inert)``), which puts it just before MacroElement
    in the method order, so folium's own ``render`` still runs first.
    """

    def render(self, **kwargs: Any) -> str:
        """Render the element's header, html and script macros, then its children.

        Returns
        -------
        str
            An empty string: the output goes into the figure's parts.
        """
        figure = self.get_root()
        assert isinstance(figure, Figure), "an element renders only inside a Figure"
        macros = self._template.module.__dict__
        for part, target in (
            ("header", figure.header),
            ("html", figure.html),
            ("script", figure.script),
        ):
            macro = macros.get(part)
            if macro is not None:
                target.add_child(HtmlBlock(str(macro(self, kwargs))), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)
        return ""


class _FeatureGroup(folium.FeatureGroup, _Inert):
    """A layer of the layer control, rendered without compiling."""


class _LayerControl(folium.LayerControl, _Inert):
    """The layer control (layer names as JSON), rendered without compiling."""


class _GeoJson(folium.GeoJson, _Inert):
    """GeoJSON data (as JSON), rendered without compiling."""


class _DivIcon(folium.DivIcon, _Inert):
    """A text label icon (its HTML as JSON), rendered without compiling."""


class _TileLayer(folium.TileLayer, _Inert):
    """A tile layer (a user's URL template as JSON), rendered without compiling."""


# folium.Marker.render takes no keywords; _Inert.render passes them on to children.
class _CircleMarker(folium.CircleMarker, _Inert):  # type: ignore[misc]
    """A dot (a launch point, a site), rendered without compiling: one page may hold thousands."""


class _Marker(folium.Marker, _Inert):  # type: ignore[misc]
    """A marker carrying a label icon, rendered without compiling."""


class _Drawn(MacroElement):
    """The map's last script: marks the map drawn, which keeps the failure message hidden."""

    _template = Template("{% macro script(this, kwargs) %}" + DRAWN_JS + "{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "RangemapDrawn"


class SafeTooltip(folium.Tooltip, _Inert):
    """A Leaflet tooltip showing plain text literally.

    folium's :class:`folium.Tooltip` writes its text raw into a JavaScript
    template literal: HTML escaping does not stop a backtick, a backslash or
    ``${...}`` there. This one escapes the text for HTML and hands it to
    ``bindTooltip`` as a JSON string.

    Parameters
    ----------
    text : str
        Plain text (not markup).
    **kwargs
        Leaflet tooltip options, as for :class:`folium.Tooltip`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindTooltip(
                {{ this.markup|tojson }},
                {{ this.options|tojavascript }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, text: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.markup = f"<div>{escape_html(text)}</div>"


def _group(name: str, *, show: bool = True) -> folium.FeatureGroup:
    """Return a layer named ``name`` (plain text; Leaflet's layer control shows HTML)."""
    return _FeatureGroup(name=escape_html(name), show=show)


@cache
def _stylesheet() -> str:
    return resources.files("rangemap.render").joinpath("rangemap.css").read_text(encoding="utf-8")


@cache
def _display_layer(name: str) -> dict[str, Any]:
    with data_path(f"display/{name}.geojson").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


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
        _display_layer("borders"),
        style_function=lambda _f: {"color": BORDER_COLOR, "weight": 2.5, "dashArray": "6 4"},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(border)
    border.add_to(fmap)


def _display_geometry(place: Place) -> dict[str, Any]:
    """Return the place's geometry as drawn: its display-simplified copy where one exists."""
    layer = {"region": "regions", "country": "countries"}.get(place.kind)
    if layer is not None and "standoff_km" not in place.properties:
        key = "iso_3166_2" if place.kind == "region" else "iso_a2"
        for feat in _display_layer(layer)["features"]:
            if feat["properties"].get(key) == place.code:
                geometry: dict[str, Any] = feat["geometry"]
                return geometry
    simple = shapely.simplify(place.geometry, 0.005, preserve_topology=True)
    return dict(mapping(shapely.set_precision(simple, 1e-4, mode="pointwise")))


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
            "geometry": _display_geometry(place),
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
        feature["geometry"] = _display_geometry(place)
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
    kind_name = {"band": "Band", "ring": "Ring", "reach": "Reach"}[layer.kind]
    name = f"{kind_name} {layer.legend.removesuffix(' (band)')}"
    comparison = spec.comparison is not None
    if comparison:
        # Shown for comparison only (a weapon not supplied): a layer off by
        # default, unless the map has nothing else, named as such, drawn
        # dashed and without fill.
        name = layer.legend
    if len(name) > 100:
        name = name[:97] + "..."
    group = _group(name, show=not (comparison and hide_comparison))
    tooltip = layer.tooltip
    if comparison:
        tooltip = f"{layer.legend}. {tooltip}"
    fill = 0.0 if comparison else 0.07 if spec.is_band else 0.08
    dash = "8 6" if comparison or spec.is_band else None
    # CSS classes on the SVG paths let pages and tests find rings, reaches and bands.
    area_class, edge_class = {
        "band": ("rangemap-band", "rangemap-band-edge"),
        "ring": ("rangemap-ring-area", "rangemap-ring"),
        "reach": ("rangemap-reach-area", "rangemap-reach"),
    }[layer.kind]
    if spec.is_band:
        # The zone surely in reach: filled and edged like a ring, at the low edge.
        inner = layer.full_area.difference(layer.area)
        if not inner.is_empty:
            _GeoJson(
                _collection([_feature(inner, {"role": "band-inner", "range_km": spec.low_km})]),
                style_function=lambda _f: {
                    "color": color,
                    "weight": 0,
                    "fillColor": color,
                    "fillOpacity": 0.0 if comparison else 0.16,
                    "className": "rangemap-band-inner",
                },
                tooltip=SafeTooltip(f"Surely in reach: within {format_km(spec.low_km)}. {tooltip}"),
            ).add_to(group)
    feature = _feature(layer.area, {"role": layer.kind, "range_km": spec.high_km}, precision=1e-6)
    min_lon, min_lat, max_lon, max_lat = layer.area.bounds
    seams = min_lon <= -180 or max_lon >= 180 or min_lat <= -90 or max_lat >= 90
    if not seams and not spec.is_band:
        # One path: the area's own edge is the ring.
        _GeoJson(
            _collection([feature]),
            style_function=lambda _f: {
                "color": color,
                "weight": 2.5,
                "opacity": 0.95,
                "fillColor": color,
                "fillOpacity": fill,
                "dashArray": dash,
                "className": f"{area_class} {edge_class}" + (" rangemap-comparison" * comparison),
            },
            tooltip=SafeTooltip(tooltip),
        ).add_to(group)
        group.add_to(fmap)
        return group
    # A band, or an area split at the antimeridian or closed along a pole:
    # fill the area, and stroke only the true edges (a band's low edge solid,
    # its high edge dashed), not the seams.
    _GeoJson(
        _collection([feature]),
        style_function=lambda _f: {
            "color": color,
            "weight": 0,
            "fillColor": color,
            "fillOpacity": fill,
            "className": area_class,
        },
        tooltip=SafeTooltip(tooltip),
    ).add_to(group)
    for i, outline in enumerate(layer.outlines):
        outer = i == len(layer.outlines) - 1
        edge_dash = dash if (outer or comparison) else None
        edge = "rangemap-band-high" if spec.is_band and outer else "rangemap-band-low"
        _GeoJson(
            _collection([_feature(outline, {"role": f"{layer.kind}-outline"}, precision=1e-6)]),
            style_function=lambda _f, edge_dash=edge_dash, edge=edge, outer=outer: {
                "color": color,
                "weight": 2.0 if spec.is_band and outer else 2.5,
                "opacity": 0.95,
                "dashArray": edge_dash,
                "className": edge_class
                + (f" {edge}" if spec.is_band else "")
                + (" rangemap-comparison" * comparison),
            },
            tooltip=SafeTooltip(tooltip),
        ).add_to(group)
    group.add_to(fmap)
    return group


#: Bearings (degrees clockwise from north) a ring label may sit at, first choice
#: first: the east and north-east edge, then around the ring.
_LABEL_BEARINGS = (45, 65, 25, 85, 5, 105, 125, 335, 315, 145, 295, 165, 275, 185, 255, 215)


def _label_icon(text: str, color: str, kind: str) -> _DivIcon:
    """Return a DivIcon showing ``text`` (plain text, escaped here) in label style ``kind``."""
    style = f' style="color:{color};border-color:{color}"' if color else ""
    return _DivIcon(
        html=f'<div class="rangemap-label rangemap-label-{kind}"{style}>{escape_html(text)}</div>',
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
    label overlaps no other label and no panel (see :data:`_PANEL_JS`).
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
        (s for s in coverage.sites if s.target and s.in_reach), key=lambda s: s.distance_km
    )[:TOP_SITES]
    cities = sorted((c for c in coverage.cities if c.target), key=lambda c: -c.population)[
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
    for feat in _display_layer("regions")["features"]:
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


def _summary_html(coverage: Coverage, range_label: str) -> str:
    regions = [r for r in coverage.regions if r.target]
    full = sum(1 for r in regions if r.share >= 0.999)
    partly = len(regions) - full
    targets = [s for s in coverage.sites if s.target]
    in_reach = [s for s in targets if s.in_reach]
    held = "/".join(coverage.target_sides)
    whose = f"{held}-held " if held else ""
    # "Within 300 km", or "Surely within 300 km (the band's low reading)".
    rows = [f"<b>{escape_html(range_label[:1].upper() + range_label[1:])}</b>"]
    if coverage.launch_side is not None:
        rows.append(
            f"<div>Launch side {escape_html(coverage.launch_side)}; "
            f"targets: what {escape_html(held or 'no side')} holds</div>"
        )
    rows += [
        f"<div>{full} {escape_html(whose)}regions entirely, {partly} in part</div>",
        f"<div>{len(in_reach)} of {len(targets)} {escape_html(whose)}sites in reach</div>",
    ]
    for site in in_reach[:6]:
        role = f" ({escape_html(site.role)})" if site.role else ""
        rows.append(
            f'<div class="site">● {escape_html(site.display_name)}{role}: '
            f"{site.distance_km:,.0f} km</div>"
        )
    if len(in_reach) > 6:
        rows.append(f'<div class="note">and {len(in_reach) - 6} more; hover the markers</div>')
    if coverage.population_in_reach:
        rows.append(
            f"<div>{escape_html(format_people(coverage.population_in_reach)).capitalize()} live "
            "in the other side's cities in reach (GeoNames)</div>"
        )
    if coverage.launch_side is not None and not coverage.all_sides:
        rows.append('<div class="note">Own-side places are drawn neutral, not counted.</div>')
    return '<div class="rangemap-summary">' + "".join(rows) + "</div>"


def _swatch(color: str, *, band: bool = False, comparison: bool = False) -> str:
    """Return a legend swatch: a ring's line, or a band's inner zone and lighter band."""
    if band:
        return (
            f'<span class="sw sw-band" style="--c:{color}">'
            '<span class="sw-inner"></span><span class="sw-outer"></span></span>'
        )
    dashed = " sw-dashed" * comparison
    return f'<span class="sw{dashed}" style="border-color:{color}"></span>'


def _legend_html(scene: Scene, colors: list[str], groups: list[folium.FeatureGroup]) -> str:
    """Return the legend: one row per range, which switches its layer, then the key.

    Each range row is a checkbox whose ``data-layers`` names the layer's
    group (a folium-generated JavaScript name); the panel script
    (:data:`_PANEL_JS`) adds or removes the group when it is ticked.
    """
    rows = []
    for layer, color, group in zip(scene.layers, colors, groups, strict=True):
        comparison = layer in scene.comparison_layers
        checked = "" if comparison else " checked"
        rows.append(
            '<label class="rangemap-row">'
            f'<input type="checkbox" class="rangemap-toggle" data-layers="{group.get_name()}"'
            f"{checked}>"
            + _swatch(color, band=layer.spec.is_band, comparison=comparison)
            + f"<span>{escape_html(layer.legend)}</span></label>"
        )
        if layer.spec.is_band:
            low, high = format_km(layer.spec.low_km), format_km(layer.spec.high_km)
            rows.append(
                '<div class="note">Solid, darker: surely reached (within '
                f"{escape_html(low)}). Dashed, lighter: reached if the longer reading "
                f"holds ({escape_html(low)} to {escape_html(high)}).</div>"
            )
        if comparison:
            rows.append('<div class="note">Off by default: tick it to show it.</div>')
    rows.append(
        '<div class="key"><span class="sw sw-dashed" style="border-color:#b00020"></span>'
        "Ukraine–Russia / Ukraine–Belarus land border</div>"
    )
    if scene.highlights:
        names = escape_html(", ".join(p.name for p in scene.highlights))
        rows.append(
            f'<div class="key"><span class="sw" style="border-color:{HIGHLIGHT_EDGE}"></span>'
            f"Highlighted: {names}</div>"
        )
    if scene.coverage is not None:
        rows.append(
            '<div class="key"><span class="sw-ramp"></span>Regions shaded by their share '
            f"{escape_html(_coverage_label(scene))}; "
            '<span class="dot"></span> airbase in reach</div>'
        )
    notes = (*scene.legend_notes, *scene.notes)
    about = [f'<div class="note">{escape_html(n)}</div>' for n in notes]
    about.append('<div class="note">Hover a ring or a label for its source and reading.</div>')
    about.append(f'<div class="note">{escape_html(CREDIT_LINE)}</div>')
    return (
        '<div class="rangemap-legend">'
        + "".join(rows)
        + '<details class="rangemap-about"><summary>About this map</summary>'
        + "".join(about)
        + "</details></div>"
    )


def _coverage_label(scene: Scene) -> str:
    """``"within 300 km"``, or for a band the surely-reached range the shading uses."""
    km, layer = scene.surely_reached
    if layer.spec.is_band and km == layer.spec.low_km:
        return f"surely within {format_km(km)} (the band's low reading)"
    return f"within {format_km(km)}"


def _panel_html(scene: Scene, legend: str, summary: str) -> str:
    """Return the one panel: the title as its button, then the legend and the summary.

    A ``<details>`` element: it opens and closes without script. The panel
    script opens it on screens 800 px wide or more; below that it stays one
    button (see ``rangemap.css``).
    """
    return (
        '<details class="rangemap-panel" id="rangemap-panel">'
        '<summary class="rangemap-panel-button" title="Show or hide the legend">'
        f'<div class="rangemap-title">{escape_html(scene.title)}</div></summary>'
        f'<div class="rangemap-panel-body">{legend}{summary}</div></details>'
    )


#: The panel script: moves the panel into a Leaflet control, opens it on wide
#: screens, switches layers from the legend's checkboxes and places the labels.
#: It is fixed code; the page's data reach it only as JSON (layer and marker
#: names folium generated, and coordinates).
_PANEL_JS = """
(function (data) {
  var map = window[data.map];
  var panel = document.getElementById("rangemap-panel");
  if (!map || !panel) return;
  var Panel = L.Control.extend({
    onAdd: function () {
      var box = L.DomUtil.create("div", "leaflet-control rangemap-control");
      box.appendChild(panel);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });
  new Panel({ position: "topright" }).addTo(map);
  if (window.matchMedia("(min-width: 800px)").matches) panel.open = true;
  function layersOf(names) {
    return names.map(function (n) { return window[n]; }).filter(Boolean);
  }
  var boxes = panel.querySelectorAll("input.rangemap-toggle");
  function sync() {
    boxes.forEach(function (box) {
      var layers = layersOf(box.dataset.layers.split(" "));
      box.checked = layers.some(function (l) { return map.hasLayer(l); });
    });
  }
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      layersOf(box.dataset.layers.split(" ")).forEach(function (l) {
        if (box.checked) map.addLayer(l); else map.removeLayer(l);
      });
      place();
    });
  });
  var SHIFTS = {
    ring: "translate(-50%, -50%)",
    right: "translate(7px, -50%)",
    left: "translate(calc(-100% - 7px), -50%)",
    above: "translate(-50%, calc(-100% - 6px))",
    below: "translate(-50%, 6px)"
  };
  function hits(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function place() {
    var frame = map.getContainer().getBoundingClientRect();
    var taken = [];
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width && r.height) taken.push(r);
    });
    data.labels.forEach(function (label) {
      var marker = window[label.marker];
      if (!marker || !marker._icon) return;
      var el = marker._icon.firstChild;
      var shown = label.layers.length === 0 ||
        layersOf(label.layers).some(function (l) { return map.hasLayer(l); });
      el.style.visibility = "hidden";
      el.classList.remove("rangemap-label-placed");
      if (!shown) return;
      var best = null;
      for (var i = 0; i < label.at.length && !best; i++) {
        marker.setLatLng(label.at[i]);
        for (var j = 0; j < label.shift.length; j++) {
          el.style.transform = SHIFTS[label.shift[j]];
          var r = el.getBoundingClientRect();
          var inside = r.left >= frame.left && r.right <= frame.right &&
            r.top >= frame.top && r.bottom <= frame.bottom;
          if (inside && !taken.some(function (t) { return hits(r, t); })) {
            best = r;
            break;
          }
        }
      }
      if (!best) return;
      taken.push(best);
      el.style.visibility = "visible";
      el.classList.add("rangemap-label-placed");
    });
  }
  map.on("layeradd layerremove", sync);
  map.on("zoomend moveend resize", place);
  panel.addEventListener("toggle", place);
  if (data.bounds) {
    // Quarter zoom steps: the ranges fill small screens too.
    map.options.zoomSnap = 0.25;
    var open = panel.open ? panel.getBoundingClientRect().width + 20 : 0;
    map.fitBounds(data.bounds, {
      paddingTopLeft: [30, 40],
      paddingBottomRight: [30 + open, 30],
      animate: false
    });
  }
  sync();
  place();
})"""


class _Panel(_Inert):
    """The panel script: :data:`_PANEL_JS`, called with the page's data as JSON."""

    _template = Template(
        "{% macro script(this, kwargs) %}" + _PANEL_JS + "({{ this.data|tojson }});{% endmacro %}"
    )

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "RangemapPanel"
        self.data = data


def _add_tiles(fmap: folium.Map, layers: tuple[TileLayerSpec, ...]) -> None:
    """Add the basemap: base layers under the vector layers, label layers above them."""
    if any(layer.overlay for layer in layers):
        # Place names stay readable over shaded regions; they take no clicks.
        folium.map.CustomPane("rangemap-labels", z_index=650, pointer_events=False).add_to(fmap)
    for layer in layers:
        extra: dict[str, Any] = {"pane": "rangemap-labels"} if layer.overlay else {}
        if layer.subdomains:
            extra["subdomains"] = layer.subdomains
        _TileLayer(
            layer.url,
            attr=layer.attribution,
            name=escape_html(layer.name),
            max_zoom=layer.max_zoom,
            overlay=layer.overlay,
            control=True,
            **extra,
        ).add_to(fmap)


def _leaflet_links() -> tuple[str, str]:
    """Return the CDN URLs of Leaflet's script and stylesheet, as folium links them."""
    js = dict(folium.Map.default_js)["leaflet"]
    css = dict(folium.Map.default_css)["leaflet_css"]
    return js, css


def build_folium_map(
    scene: Scene,
    *,
    tiles: object = DEFAULT_TILES,
    cdn: bool = False,
    assets_dir: str | os.PathLike[str] | None = None,
) -> folium.Map:
    """Build the folium map of a scene.

    Parameters
    ----------
    scene : Scene
        What to draw.
    tiles : str, xyzservices.TileProvider or None, optional
        The basemap (see :func:`rangemap.render.assets.resolve_tiles`):
        ``"light"`` by default, ``"osm"``, an xyzservices provider name, a
        URL template, or None for none (the vector layers alone).
    cdn : bool, optional
        Link Leaflet from the CDN folium names instead of inlining it.
    assets_dir : str or path-like, optional
        Inline Leaflet from this folder instead of the ``xstatic-leaflet`` package.

    Returns
    -------
    folium.Map
        The map, its view fitted to the rings.
    """
    if cdn and assets_dir is not None:
        raise InputError("--assets and --cdn exclude each other")
    layers = resolve_tiles(tiles)
    fmap = folium.Map(location=None, tiles=None, control_scale=True, zoom_start=5)
    # The map uses Leaflet alone (no jQuery, Bootstrap or icon fonts), and
    # rangemap puts it in the page itself: inline, or linked with --cdn.
    fmap.default_js = []
    fmap.default_css = []
    root = fmap.get_root()
    assert isinstance(root, Figure)
    if cdn:
        js_url, css_url = _leaflet_links()
        root.header.add_child(
            HtmlBlock(
                f'<link rel="stylesheet" href="{escape_html(css_url)}"/>'
                f'<script src="{escape_html(js_url)}"></script>'
            )
        )
    else:
        root.header.add_child(HtmlBlock(leaflet_css(assets_dir) + leaflet_js(assets_dir)))
    root.header.add_child(HtmlBlock(HEAD_HTML))
    _add_tiles(fmap, layers)
    outer_km, _ = scene.surely_reached
    outer_label = format_km(outer_km)
    _add_boundaries(fmap, scene.coverage, outer_label, bounds=scene.bounds())
    sites_group = None
    if scene.coverage is not None:
        sites_group = _add_sites(fmap, scene.coverage)
    _add_highlights(fmap, scene.highlights)
    _add_launches(fmap, scene.launches)
    colors = scene.colors
    groups = [
        # A comparison layer is off by default, unless the map has nothing else.
        _add_layer(fmap, layer, color, hide_comparison=bool(scene.comparison_layers))
        for layer, color in zip(scene.layers, colors, strict=True)
    ]
    labels = _add_ring_labels(fmap, scene, groups, colors)
    if scene.coverage is not None:
        labels += _add_place_labels(fmap, scene.coverage, sites_group)
    # Basemaps and boundary layers; the ranges are switched in the legend too.
    _LayerControl(collapsed=True).add_to(fmap)
    min_lon, min_lat, max_lon, max_lat = scene.bounds()
    bounds = [[min_lat, min_lon], [max_lat, max_lon]]
    # The panel script fits the view to the rings, beside the open panel, at
    # once (not animated: an animation would move the labels once placed).
    _Panel({"map": fmap.get_name(), "labels": labels, "bounds": bounds}).add_to(fmap)
    _Drawn().add_to(fmap)  # after every other element: its script runs last
    root.html.add_child(HtmlBlock(FALLBACK_HTML))
    root.header.add_child(HtmlBlock(f"<title>{escape_html(scene.title)}</title>"))
    root.header.add_child(HtmlBlock(f"<style>{_stylesheet()}</style>"))
    summary = ""
    if scene.coverage is not None:
        summary = _summary_html(scene.coverage, _coverage_label(scene))
    legend = _legend_html(scene, colors, groups)
    root.html.add_child(HtmlBlock(_panel_html(scene, legend, summary)))
    return fmap


def to_html(
    scene: Scene,
    *,
    tiles: object = DEFAULT_TILES,
    offline: bool = False,
    cdn: bool = False,
    assets_dir: str | os.PathLike[str] | None = None,
) -> str:
    """Render a scene as a standalone HTML page.

    The page is self-contained: Leaflet's script and stylesheet are inlined
    (see :mod:`rangemap.render.assets`), so it requests nothing but basemap
    tiles and draws its vector layers without network.

    Parameters
    ----------
    scene : Scene
        What to draw.
    tiles : str, xyzservices.TileProvider or None, optional
        The basemap (see :func:`rangemap.render.assets.resolve_tiles`); None for none.
    offline : bool, optional
        Insist on a self-contained page (the default; refused with ``cdn``).
        With no network at all, also give ``tiles=None``.
    cdn : bool, optional
        Link Leaflet from the CDN folium names: a smaller page that needs the
        network to draw.
    assets_dir : str or path-like, optional
        Inline Leaflet from this folder (``leaflet.js``, ``leaflet.css``,
        ``images/``) instead of the ``xstatic-leaflet`` package.

    Returns
    -------
    str
        The HTML document.
    """
    if offline and cdn:
        raise InputError("--offline and --cdn exclude each other")
    fmap = build_folium_map(scene, tiles=tiles, cdn=cdn, assets_dir=assets_dir)
    page: str = fmap.get_root().render()
    return page


def to_fragment(
    scene: Scene,
    *,
    tiles: object = DEFAULT_TILES,
    offline: bool = False,
    cdn: bool = False,
    assets_dir: str | os.PathLike[str] | None = None,
    height_px: int = 600,
) -> str:
    """Render a scene as an HTML snippet for a host page.

    The whole page sits in the ``srcdoc`` of an ``iframe``: a document of its
    own, so fragments never share ids, scripts or styles with the host page
    or with each other, however many a page holds (the same one twice too).

    Parameters
    ----------
    scene : Scene
        What to draw.
    tiles, offline, cdn, assets_dir : optional
        As for :func:`to_html`.
    height_px : int, optional
        Height of the frame; its width follows the host's column.

    Returns
    -------
    str
        A ``<figure>`` element holding the iframe and a caption.
    """
    page = to_html(scene, tiles=tiles, offline=offline, cdn=cdn, assets_dir=assets_dir)
    title = escape_html(scene.title)
    return (
        '<figure class="rangemap-fragment" style="margin:0">'
        f'<iframe title="{title}" srcdoc="{escape_html(page)}" '
        f'style="width:100%;height:{int(height_px)}px;border:0" loading="lazy" '
        'referrerpolicy="no-referrer"></iframe>'
        f'<figcaption style="font:12px sans-serif;color:#555">{title}. '
        f"{escape_html(CREDIT_LINE)}</figcaption>"
        "</figure>\n"
    )
