"""Map layers: boundaries, the graticule, highlighted areas and range rings and bands."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import shapely
from matplotlib.lines import Line2D

from rangemap.geodesy import may_be_within_km
from rangemap.places import Place
from rangemap.render import style
from rangemap.render.display import display_layer, place_geometry
from rangemap.render.static.canvas import _add_path, _Ctx, _visible
from rangemap.render.static.geometry import _display_edges, _without_seam
from rangemap.render.static.labels import _Label
from rangemap.render.static.places import _area_spot, _draw_area_name, _outlined_area
from rangemap.render.static.projection import _FloatArray
from rangemap.scene import RangeLayer


def _draw_boundaries(ctx: _Ctx) -> None:
    s = ctx.scale
    countries = _visible(ctx, display_layer("countries").geoms)
    country_edges = _visible(ctx, _display_edges("countries"))
    regions = _visible(ctx, _display_edges("regions"))
    borders = _visible(ctx, display_layer("borders").geoms)
    ctx.borders_visible = any(g.intersects(ctx.view.box) for g in borders)
    _add_path(ctx, countries, facecolor=style.COUNTRY_FILL, edgecolor="none", zorder=1)
    _add_path(
        ctx, regions, facecolor="none", edgecolor=style.REGION_EDGE, linewidth=0.35 * s, zorder=2
    )
    _add_path(
        ctx,
        country_edges,
        facecolor="none",
        edgecolor=style.COUNTRY_EDGE,
        linewidth=0.7 * s,
        joinstyle="round",
        zorder=3,
    )
    _add_path(
        ctx,
        borders,
        facecolor="none",
        edgecolor=style.BORDER_COLOR,
        linewidth=1.5 * s,
        linestyle=(0, (4, 2.5)),
        zorder=6,
    )


def _draw_graticule(ctx: _Ctx) -> None:
    """Meridians and parallels, faint, every 1 to 10 degrees."""
    span_km = max(ctx.view.width, ctx.view.height) / 1000.0
    step = 1 if span_km < 600 else 2 if span_km < 1500 else 5 if span_km < 5000 else 10
    lons: list[_FloatArray] = []
    lats: list[_FloatArray] = []
    nan = np.array([np.nan])
    for lon in range(-180, 180, step):
        # Only every 90th meridian runs into the pole, where the others would crowd.
        top = 90.0 if lon % 90 == 0 else 90.0 - step
        fine = np.linspace(-top, top, int(top * 8) + 1)
        lons += [np.full_like(fine, lon), nan]
        lats += [fine, nan]
    around = np.linspace(-180.0, 180.0, 1441)
    for lat in range(-90 + step, 90, step):
        lons += [around, nan]
        lats += [np.full_like(around, lat), nan]
    lon_all, lat_all = np.concatenate(lons), np.concatenate(lats)
    v = ctx.view
    # The projection's distance from its centre is the geodesic one: points
    # beyond the farthest corner of the box kept below are not projected.
    reach_m = math.hypot(
        max(abs(v.xmin - v.width), abs(v.xmax + v.width)),
        max(abs(v.ymin - v.height), abs(v.ymax + v.height)),
    )
    near = may_be_within_km(ctx.proj.lon0, ctx.proj.lat0, lon_all, lat_all, reach_m / 1000.0)
    x = np.full(lon_all.shape, np.nan)
    y = np.full(lon_all.shape, np.nan)
    x[near], y[near] = ctx.proj.points(lon_all[near], lat_all[near])
    outside = (x < v.xmin - v.width) | (x > v.xmax + v.width)
    outside |= (y < v.ymin - v.height) | (y > v.ymax + v.height)
    x[outside] = np.nan
    y[outside] = np.nan
    ctx.ax.add_artist(
        Line2D(x, y, color="#7a8a99", alpha=0.35, linewidth=0.4 * ctx.scale, zorder=1.5)
    )


def _draw_highlights(ctx: _Ctx, places: Sequence[Place], avoid: Sequence[_Label]) -> None:
    """Fill highlighted areas and name them where no ring label sits."""
    s = ctx.scale
    taken = [label.box for label in avoid]
    for place in places:
        geom = ctx.proj.geometry(place_geometry(place))
        if geom.is_empty:
            continue
        _outlined_area(
            ctx, geom, style.HIGHLIGHT_FILL, 0.55, style.HIGHLIGHT_EDGE, 1.3 * s, zorder=(4, 4.1)
        )
        visible = geom.intersection(ctx.view.box)
        if visible.is_empty or visible.area < 0.002 * ctx.view.box.area:
            continue
        text, x, y, half = _area_spot(ctx, visible, place.name, taken)
        taken.append(shapely.box(x - half[0], y - half[1], x + half[0], y + half[1]))
        _draw_area_name(ctx, text, x, y, color="#8a3a00", zorder=8.5, halo=True)


def _draw_layer(ctx: _Ctx, layer: RangeLayer, color: str) -> None:
    s = ctx.scale
    area = ctx.proj.geometry(layer.area)
    if layer.spec.is_band:
        # Surely in reach (inside the low edge): filled more strongly than the band,
        # which is reached only if the longer reading holds (lighter, hatched).
        inner = ctx.proj.geometry(layer.full_area.difference(layer.area))
        _add_path(ctx, [inner], facecolor=color, edgecolor="none", alpha=0.14, zorder=5)
        _add_path(ctx, [area], facecolor=color, edgecolor="none", alpha=0.06, zorder=5)
        _add_path(
            ctx,
            [area],
            facecolor="none",
            edgecolor=color,
            hatch="///",
            linewidth=0.0,
            alpha=0.28,
            zorder=5.1,
        )
    else:
        _add_path(ctx, [area], facecolor=color, edgecolor="none", alpha=0.05, zorder=5)
    # Reach outlines are polygon boundaries: drop their cuts along the antimeridian.
    outlines = [ctx.proj.geometry(_without_seam(line)) for line in layer.outlines]
    # A band's low edge is solid (surely reached), its high edge dashed.
    for i, outline in enumerate(outlines):
        dashed = layer.spec.is_band and i == len(outlines) - 1
        _add_path(
            ctx,
            [outline],
            facecolor="none",
            edgecolor=color,
            linewidth=1.7 * s,
            linestyle=(0, (6, 2)) if dashed else "solid",
            capstyle="round",
            joinstyle="round",
            zorder=7,
        )
