"""Colours and line styles shared by every renderer.

The interactive map (:mod:`rangemap.render.html`) and the static map
(:mod:`rangemap.render.static`) draw the same layers in the same colours, so a
ring is red in both. Colours are CSS hex strings, which folium and matplotlib
both accept. This module imports nothing beyond the standard library.

Examples
--------
>>> layer_color(0), layer_color(8)
('#d62728', '#d62728')
"""

from __future__ import annotations

__all__ = [
    "BACKGROUND",
    "BORDER_COLOR",
    "COUNTRY_EDGE",
    "COUNTRY_FILL",
    "HIGHLIGHT_EDGE",
    "HIGHLIGHT_FILL",
    "LAUNCH_EDGE",
    "LAUNCH_FILL",
    "PALETTE",
    "REGION_EDGE",
    "SOURCE_LINE",
    "TEXT_COLOR",
    "TEXT_MUTED",
    "layer_color",
]

#: Colours of range layers, in scene order (tab10 without grey and olive).
PALETTE: tuple[str, ...] = (
    "#d62728",
    "#1f77b4",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
)

#: Country fill and outline.
COUNTRY_FILL = "#f2efe9"
COUNTRY_EDGE = "#555555"
#: First-level region (oblast) outlines.
REGION_EDGE = "#8a8a8a"
#: Ukraine–Russia and Ukraine–Belarus land borders (drawn dashed).
BORDER_COLOR = "#b00020"
#: Highlighted regions and countries.
HIGHLIGHT_EDGE = "#e66101"
HIGHLIGHT_FILL = "#fdb863"
#: Launch places: outline and marker edge, marker fill.
LAUNCH_EDGE = "#000000"
LAUNCH_FILL = "#ffffff"
#: Static maps: what lies outside the bundled countries (sea, land not covered).
BACKGROUND = "#e8eef2"
#: Static maps: main and secondary text.
TEXT_COLOR = "#1a1a1a"
TEXT_MUTED = "#555555"

#: The credit line of every static map.
SOURCE_LINE = (
    "Boundaries: Natural Earth 1:10m (public domain). Geodesic rings on WGS84. Made with rangemap"
)


def layer_color(index: int) -> str:
    """Return the colour of the range layer at ``index`` (cycling through :data:`PALETTE`).

    Parameters
    ----------
    index : int
        The layer's position in the scene, from 0.

    Returns
    -------
    str
        A ``#rrggbb`` colour.
    """
    return PALETTE[index % len(PALETTE)]
