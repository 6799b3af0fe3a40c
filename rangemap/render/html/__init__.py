"""Interactive HTML maps with folium (Leaflet).

This package is the only part of rangemap that imports folium (and branca).
Coordinates are swapped to Leaflet's ``[lat, lon]`` here and nowhere else.
Its modules:

- :mod:`~rangemap.render.html.elements`: the folium elements that never
  compile user text (:class:`HtmlBlock`, :class:`SafeTooltip` and the
  ``_Inert`` subclasses of folium's classes);
- :mod:`~rangemap.render.html.layers`: basemap tiles, boundaries,
  highlighted areas and the range layers;
- :mod:`~rangemap.render.html.markers`: launch places, labels and sites;
- :mod:`~rangemap.render.html.panel`: the title, legend and summary panel
  and its script;
- this module: :func:`build_folium_map`, :func:`to_html` and
  :func:`to_fragment`, which put them together.

rangemap's own markup (the panel, labels, tooltips, the page's title and
stylesheet, the fragment around a page) comes from the autoescaped templates
``map.html.j2``, ``panel.html.j2`` and ``fragment.html.j2``
(:mod:`rangemap.render.templating`).

User text is never a template. branca's ``Element(text)`` compiles its
text as a Jinja2 template, and branca's ``MacroElement.render`` wraps every
folium element's rendered script in such an ``Element``, so the JSON data,
tooltips and layer names in it are compiled a second time. Here:

- :class:`HtmlBlock` puts markup built by rangemap into the page as data of
  a fixed template; it replaces every ``Element(...)``.
- Every folium element that carries user text is one of the subclasses
  of :mod:`~rangemap.render.html.elements`, which render their macros into
  :class:`HtmlBlock` (``_Inert``) instead of compiling them.
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

The title, the legend and the summary are one panel
(:mod:`~rangemap.render.html.panel`), a Leaflet control in the top-right
corner: open on screens 800 px wide or more, one button below. Its legend
rows switch the range layers, and ring and place labels are put where they
overlap no other label and no panel, by one fixed script (``_PANEL_JS``)
that gets folium's layer names and coordinates as JSON. folium's layer list
stays, collapsed, for basemaps and boundaries.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import folium
from branca.element import Figure
from markupsafe import Markup

from rangemap.errors import InputError
from rangemap.render.assets import (
    DEFAULT_TILES,
    FALLBACK_HTML,
    HEAD_HTML,
    leaflet_css,
    leaflet_js,
    resolve_tiles,
)
from rangemap.render.html.elements import HtmlBlock, SafeTooltip, _Drawn, _LayerControl
from rangemap.render.html.layers import (
    _add_boundaries,
    _add_highlights,
    _add_layer,
    _add_tiles,
)
from rangemap.render.html.markers import (
    _add_launches,
    _add_place_labels,
    _add_ring_labels,
    _add_sites,
)
from rangemap.render.html.panel import (
    _coverage_label,
    _legend_html,
    _Panel,
    _panel_html,
    _summary_html,
)
from rangemap.render.style import CREDIT_LINE
from rangemap.render.templating import macros, render
from rangemap.scene import Scene
from rangemap.units import format_km

__all__ = ["HtmlBlock", "SafeTooltip", "build_folium_map", "to_fragment", "to_html"]


@cache
def _stylesheet() -> str:
    return resources.files("rangemap.render").joinpath("rangemap.css").read_text(encoding="utf-8")


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
    parts = macros("map.html.j2")
    fmap = folium.Map(location=None, tiles=None, control_scale=True, zoom_start=5)
    # The map uses Leaflet alone (no jQuery, Bootstrap or icon fonts), and
    # rangemap puts it in the page itself: inline, or linked with --cdn.
    fmap.default_js = []
    fmap.default_css = []
    root = fmap.get_root()
    assert isinstance(root, Figure)
    if cdn:
        js_url, css_url = _leaflet_links()
        root.header.add_child(HtmlBlock(str(parts.leaflet_links(js_url, css_url))))
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
    root.header.add_child(HtmlBlock(str(parts.title(scene.title))))
    root.header.add_child(HtmlBlock(str(parts.style(Markup(_stylesheet())))))
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
    scenario: Mapping[str, Any] | None = None,
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
    scenario : mapping, optional
        The scenario that made the map (:func:`rangemap.scenario.record`),
        recorded in a ``<script type="application/json" id="rangemap-scenario">``.

    Returns
    -------
    str
        The HTML document.
    """
    if offline and cdn:
        raise InputError("--offline and --cdn exclude each other")
    fmap = build_folium_map(scene, tiles=tiles, cdn=cdn, assets_dir=assets_dir)
    if scenario is not None:
        from rangemap.recording import script_block

        root = fmap.get_root()
        assert isinstance(root, Figure)
        root.header.add_child(HtmlBlock(script_block(scenario)))
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
    scenario: Mapping[str, Any] | None = None,
) -> str:
    """Render a scene as an HTML snippet for a host page.

    The whole page sits in the ``srcdoc`` of an ``iframe``: a document of its
    own, so fragments never share ids, scripts or styles with the host page
    or with each other, however many a page holds (the same one twice too).

    Parameters
    ----------
    scene : Scene
        What to draw.
    tiles, offline, cdn, assets_dir, scenario : optional
        As for :func:`to_html`.
    height_px : int, optional
        Height of the frame; its width follows the host's column.

    Returns
    -------
    str
        A ``<figure>`` element holding the iframe and a caption.
    """
    page = to_html(
        scene, tiles=tiles, offline=offline, cdn=cdn, assets_dir=assets_dir, scenario=scenario
    )
    figure = render(
        "fragment.html.j2",
        title=scene.title,
        page=page,
        height_px=int(height_px),
        credit=CREDIT_LINE,
    )
    return f"{figure}\n"
