"""Colours and line styles shared by every renderer.

The interactive map (:mod:`rangemap.render.html`), the static maps
(:mod:`rangemap.render.static`) and KML (:mod:`rangemap.render.kml`) draw the
same layers in the same colours. Colours are CSS hex strings, which folium and
matplotlib both accept. This module imports nothing beyond the standard library.

Range colours
-------------
Ranges take their colours from one colour-blind-safe palette,
:data:`PALETTE`: Okabe & Ito's (2008) eight colours without black (kept for
launch places) and yellow (too pale for a line on a light map). A colour is
keyed by what the range *is*, not by its position in a map: the weapon
variant (``"ATACMS M39A1"``) or, for a plain range, its label (``"300 km"``).
The key's CRC-32 picks the preferred colour (:func:`key_color`), so ATACMS
M39A1 is drawn in the same colour on every map and in every format. Only
when two ranges of one map would share a colour does the later one (in key
order) take the next free colour (:func:`range_colors`).

Region shading (the share of a region in reach) is a grey ramp: it has no
hue, so it never reads as a range's colour or a band's fill.

Examples
--------
>>> key_color("ATACMS M39A1") == key_color("atacms  m39a1")
True
>>> range_colors(["300 km", "300 km"])[0] == range_colors(["300 km"])[0]
True
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

__all__ = [
    "BACKGROUND",
    "BORDER_COLOR",
    "COUNTRY_EDGE",
    "COUNTRY_FILL",
    "CREDIT_LINE",
    "HIGHLIGHT_EDGE",
    "HIGHLIGHT_FILL",
    "LAUNCH_EDGE",
    "LAUNCH_FILL",
    "PALETTE",
    "REGION_EDGE",
    "TEXT_COLOR",
    "TEXT_MUTED",
    "key_color",
    "kml_color",
    "layer_color",
    "range_colors",
    "share_color",
]

#: Colours of range layers: Okabe & Ito's colour-blind-safe palette
#: (https://jfly.uni-koeln.de/color/), without black and yellow.
PALETTE: tuple[str, ...] = (
    "#0072b2",  # blue
    "#d55e00",  # vermillion
    "#009e73",  # bluish green
    "#cc79a7",  # reddish purple
    "#e69f00",  # orange
    "#56b4e9",  # sky blue
)

#: Region shading by reachable share: light to dark grey (no hue, see above).
SHARE_STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (0.0, (232, 232, 232)),
    (1.0, (112, 112, 112)),
)

#: Country fill and outline.
COUNTRY_FILL = "#f2efe9"
COUNTRY_EDGE = "#555555"
#: First-level region (oblast) outlines.
REGION_EDGE = "#8a8a8a"
#: Ukraine–Russia and Ukraine–Belarus land borders (drawn dashed).
BORDER_COLOR = "#b00020"
#: Highlighted regions and countries: Okabe & Ito's yellow, a highlighter's
#: colour no range uses, with a dark olive edge.
HIGHLIGHT_EDGE = "#8a7a00"
HIGHLIGHT_FILL = "#f0e442"
#: Launch places: outline and marker edge, marker fill.
LAUNCH_EDGE = "#000000"
LAUNCH_FILL = "#ffffff"
#: Static maps: what lies outside the bundled countries (sea, land not covered).
BACKGROUND = "#e8eef2"
#: Static maps: main and secondary text.
TEXT_COLOR = "#1a1a1a"
TEXT_MUTED = "#555555"

#: The credit line of every map, page, image and file: how distances are
#: measured and where the boundaries come from.
CREDIT_LINE = (
    "Geodesic distances on WGS84. Boundaries: Natural Earth 1:10m (public domain); "
    "Crimea shown as Ukraine (occupied since 2014)."
)


def _fold(key: str) -> str:
    return " ".join(key.casefold().split())


def key_color(key: str) -> str:
    """Return the preferred colour of a range keyed ``key`` (weapon variant or label).

    Parameters
    ----------
    key : str
        What the range is: ``"ATACMS M39A1"``, ``"300 km"``. Case and
        spacing do not matter. ``"ATACMS#1"`` is the colour after
        ``"ATACMS#0"``'s: a weapon's variants differ from one another.

    Returns
    -------
    str
        A ``#rrggbb`` colour of :data:`PALETTE`, the same on every map.
    """
    base, _, step = _fold(key).rpartition("#")
    if not (base and step.isdigit()):
        base, step = _fold(key), "0"
    return PALETTE[(zlib.crc32(base.encode("utf-8")) + int(step)) % len(PALETTE)]


def range_colors(keys: Sequence[str]) -> list[str]:
    """Return the colours of one map's ranges, keyed by what each range is.

    Equal keys share a colour. Each distinct key gets :func:`key_color`
    unless a key before it (in sorted order, so not in map order) took
    that colour; then the next free colour of the palette.

    Parameters
    ----------
    keys : sequence of str
        One key per range layer, in map order.

    Returns
    -------
    list of str
        One ``#rrggbb`` colour per key.
    """
    chosen: dict[str, str] = {}
    for key in sorted({_fold(k) for k in keys}):
        start = PALETTE.index(key_color(key))
        taken = set(chosen.values())
        for step in range(len(PALETTE)):
            color = PALETTE[(start + step) % len(PALETTE)]
            if color not in taken or len(taken) >= len(PALETTE):
                chosen[key] = color
                break
    return [chosen[_fold(k)] for k in keys]


def layer_color(index: int) -> str:
    """Return the palette colour at ``index``, cycling (for keys, see :func:`key_color`).

    Parameters
    ----------
    index : int
        A position in :data:`PALETTE`, from 0.

    Returns
    -------
    str
        A ``#rrggbb`` colour.
    """
    return PALETTE[index % len(PALETTE)]


def share_color(share: float) -> str:
    """Return the fill colour of a region with ``share`` (0 to 1) of its area in reach.

    Examples
    --------
    >>> share_color(0.0), share_color(1.0)
    ('#e8e8e8', '#707070')
    """
    share = min(max(share, 0.0), 1.0)
    (s0, c0), (s1, c1) = SHARE_STOPS
    t = (share - s0) / (s1 - s0)
    rgb = [round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def kml_color(color: str, alpha: float = 1.0) -> str:
    """Return a ``#rrggbb`` colour as KML's ``aabbggrr``.

    Examples
    --------
    >>> kml_color("#0072b2")
    'ffb27200'
    """
    rr, gg, bb = color[1:3], color[3:5], color[5:7]
    return f"{round(alpha * 255):02x}{bb}{gg}{rr}".lower()
