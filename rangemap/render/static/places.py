"""Places on the map: launches, and the names of countries, regions, airbases and cities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
import shapely.affinity
from matplotlib.lines import Line2D
from shapely.geometry.base import BaseGeometry

from rangemap.coverage import Coverage
from rangemap.places import Place
from rangemap.render import style
from rangemap.render.display import display_layer, place_geometry
from rangemap.render.static.canvas import _add_path, _Ctx
from rangemap.render.static.labels import _Label, _label_spot
from rangemap.render.static.text import _AREA_PT, _halo, _literal, _text_size_pt, _wrap
from rangemap.scene import Scene

#: How many airbases in reach and large cities a static map names.
_TOP_SITES = 8
_TOP_CITIES = 6
_TOP_REGIONS = 4

#: A place to mark: name, lon, lat, kind ("site" or "city") and whether to name it.
_Entry = tuple[str, float, float, str, bool]


def _launch_dimension(place: Place) -> int:
    """0 for points, 1 for lines (borders), 2 for areas."""
    return 0 if place.is_point else int(shapely.get_dimensions(place.geometry))


def _draw_launches(ctx: _Ctx, places: Sequence[Place]) -> None:
    """Draw launch points as dots and launch lines and areas as they are.

    A point launch is where its rings are measured from. Lines and areas are
    drawn whole: a reach is measured from their nearest point.
    """
    for place in places:
        _draw_launch_geometry(ctx, place)
        _name_launch(ctx, place)


def _draw_launch_geometry(ctx: _Ctx, place: Place) -> None:
    """Draw one launch place's lines, areas and points."""
    s = ctx.scale
    parts = shapely.get_parts(place_geometry(place))
    lines = [p for p in parts if shapely.get_dimensions(p) == 1]
    areas = [p for p in parts if shapely.get_dimensions(p) == 2]
    points = [p for p in parts if shapely.get_dimensions(p) == 0]
    if lines:
        _add_path(
            ctx,
            [ctx.proj.geometry(shapely.union_all(lines))],
            facecolor="none",
            edgecolor=style.LAUNCH_EDGE,
            linewidth=4.5 * s,
            alpha=0.3,
            capstyle="round",
            joinstyle="round",
            zorder=5.8,
        )
    if areas:
        area = ctx.proj.geometry(shapely.union_all(areas))
        edge = style.LAUNCH_EDGE
        _outlined_area(ctx, area, edge, 0.06, edge, 1.4 * s, zorder=(5.8, 5.9))
    if points:
        coords = shapely.get_coordinates(points)
        x, y = ctx.proj.points(coords[:, 0], coords[:, 1])
        ctx.ax.add_artist(_launch_dots(x, y, 6.5 * s, 1.6 * s, zorder=9))


def _outlined_area(
    ctx: _Ctx,
    area: BaseGeometry,
    fill: str,
    alpha: float,
    edge: str,
    width: float,
    *,
    zorder: tuple[float, float],
) -> None:
    """Fill a projected area (a launch area, a highlighted area), then draw its outline.

    ``zorder`` is the fill's and the outline's.
    """
    _add_path(ctx, [area], facecolor=fill, edgecolor="none", alpha=alpha, zorder=zorder[0])
    _add_path(ctx, [area], facecolor="none", edgecolor=edge, linewidth=width, zorder=zorder[1])


def _launch_dots(x: Any, y: Any, size: float, edge: float, **extra: Any) -> Line2D:
    """Return launch points as dots (on the map, or with no points as the legend's swatch).

    Parameters
    ----------
    x, y : sequence of float
        Where the dots are, projected (empty for a legend swatch).
    size, edge : float
        The dot's size and its edge's width, points.
    **extra
        More :class:`matplotlib.lines.Line2D` properties (``zorder``).
    """
    return Line2D(
        x,
        y,
        marker="o",
        markersize=size,
        markerfacecolor=style.LAUNCH_FILL,
        markeredgecolor=style.LAUNCH_EDGE,
        markeredgewidth=edge,
        linestyle="none",
        **extra,
    )


def _name_launch(ctx: _Ctx, place: Place) -> None:
    """Name a launch place: beside a point, on the middle of a line or an area."""
    s = ctx.scale
    xs, ys = ctx.proj.points([place.anchor[0]], [place.anchor[1]])
    if not np.isfinite(xs[0]):
        return
    at_point = _launch_dimension(place) == 0
    ctx.ax.annotate(
        _literal(_wrap(place.name, 28)),
        (float(xs[0]), float(ys[0])),
        xytext=(6 * s, -6 * s) if at_point else (0, 0),
        textcoords="offset points",
        ha="left" if at_point else "center",
        va="top" if at_point else "center",
        fontsize=7.5 * s,
        fontweight="bold",
        color=style.TEXT_COLOR,
        zorder=9.5,
        bbox=_halo(),
        annotation_clip=True,
    )


class _Names:
    """The boxes names take on the map, so that a new name hides none of them."""

    def __init__(self, ctx: _Ctx, taken_labels: Sequence[_Label]) -> None:
        self.ctx = ctx
        self.view = ctx.view.box
        self.taken: list[BaseGeometry] = [label.box for label in taken_labels]

    def free(self, x: float, y: float, text: str, size: float, dx_pt: float = 0.0) -> bool:
        """Take the box of ``text`` at ``(x, y)`` if it is in view and hides no other box.

        The text is centred on ``x``, or starts ``dx_pt`` points right of it.
        """
        pt = self.ctx.view.m_per_pt
        w_pt, h_pt = _text_size_pt(self.ctx.fig, text, size)
        x0 = x + dx_pt * pt
        box = shapely.box(x0 - 1 * pt, y - h_pt / 2 * pt, x0 + (w_pt + 1) * pt, y + h_pt / 2 * pt)
        if dx_pt == 0.0:
            box = shapely.affinity.translate(box, -w_pt / 2 * pt)
        if not self.view.contains(box) or any(box.intersects(t) for t in self.taken):
            return False
        self.taken.append(box)
        return True


def _draw_places(ctx: _Ctx, scene: Scene, taken_labels: Sequence[_Label]) -> None:
    """Name the countries in view, the target airbases in reach and the largest target cities.

    A name is drawn only where it hides no ring label and no other name.
    """
    names = _Names(ctx, taken_labels)
    _name_countries(ctx, names)
    coverage = scene.coverage
    if coverage is None:
        return
    sites = sorted(
        (site for site in coverage.site_rows if site.target and site.in_reach),
        key=lambda site: site.distance_km,
    )
    cities = sorted(
        (city for city in coverage.city_rows if city.target), key=lambda city: -city.population
    )[:_TOP_CITIES]
    site_entries = [
        (site.display_name, site.lon, site.lat, "site", i < _TOP_SITES)
        for i, site in enumerate(sites)
    ]
    city_entries = [(city.name, city.lon, city.lat, "city", True) for city in cities]
    _mark(ctx, names, site_entries)
    _name_regions(ctx, names, scene, coverage)
    _mark(ctx, names, city_entries)


def _name_countries(ctx: _Ctx, names: _Names) -> None:
    """Name each country at a point well inside its part in view."""
    s, pt, view = ctx.scale, ctx.view.m_per_pt, names.view
    layer = display_layer("countries")
    projected = ctx.proj.layer(layer.geoms)
    vx0, vy0, vx1, vy1 = view.bounds
    for i, (geom, props) in enumerate(zip(projected, layer.props, strict=True)):
        if geom is None or geom.is_empty:
            continue
        gx0, gy0, gx1, gy1 = geom.bounds
        if gx0 > vx1 or gx1 < vx0 or gy0 > vy1 or gy1 < vy0:
            continue  # nowhere near the view (repairing it would not move it nearer)
        geom = ctx.proj.valid_member(layer.geoms, i)
        if not geom.intersects(view):
            continue
        part = geom.intersection(view)
        if part.area < 0.01 * view.area:
            continue
        name = str(props.get("name_en") or props.get("iso_a2") or "")
        size = 8.5 * s
        w_pt, h_pt = _text_size_pt(ctx.fig, name.upper(), size)
        x, y = _label_spot(part, (w_pt / 2 * pt, h_pt / 2 * pt), names.taken)
        if not names.free(x, y, name.upper(), size):
            continue
        ctx.ax.text(
            x,
            y,
            _literal(name.upper()),
            ha="center",
            va="center",
            fontsize=size,
            color="#6f6f6f",
            zorder=3.5,
        )


def _mark(ctx: _Ctx, names: _Names, entries: Sequence[_Entry]) -> None:
    """Mark sites and cities in view; name those asked for where the name fits."""
    s = ctx.scale
    for name, lon, lat, kind, to_name in entries:
        xs, ys = ctx.proj.points([lon], [lat])
        x, y = float(xs[0]), float(ys[0])
        if not (np.isfinite(x) and names.view.contains(shapely.Point(x, y))):
            continue
        site = kind == "site"
        size = (7.0 if site else 6.8) * s
        # A site in reach is always marked; a city only with its name.
        labelled = to_name and names.free(x, y, name, size, dx_pt=5.0 * s)
        if not (site or labelled):
            continue
        ctx.ax.add_artist(
            Line2D(
                [x],
                [y],
                marker="o",
                markersize=(4.5 if site else 3.2) * s,
                markerfacecolor="#d7191c" if site else "#333333",
                markeredgecolor="white",
                markeredgewidth=0.8 * s,
                linestyle="none",
                zorder=8.6,
            )
        )
        if labelled:
            ctx.ax.annotate(
                _literal(name),
                (x, y),
                xytext=(5.0 * s, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=size,
                fontweight="bold" if site else "normal",
                color="#8b0000" if site else style.TEXT_COLOR,
                zorder=8.7,
                bbox=_halo(),
            )


def _name_regions(ctx: _Ctx, names: _Names, scene: Scene, coverage: Coverage) -> None:
    """Name the target regions most in reach (the highlighted ones are named already)."""
    s, view = ctx.scale, names.view
    named = {p.code for p in scene.highlights}
    regions = sorted(
        (
            r
            for r in coverage.region_rows
            if r.target and r.share >= 0.5 and r.iso_3166_2 not in named
        ),
        key=lambda r: -r.reachable_km2,
    )[:_TOP_REGIONS]
    shapes = display_layer("regions")
    by_code = {
        str(props.get("iso_3166_2")): g for g, props in zip(shapes.geoms, shapes.props, strict=True)
    }
    for region in regions:
        shape_ = by_code.get(region.iso_3166_2)
        if shape_ is None:
            continue
        part = ctx.proj.geometry(shape_).intersection(view)
        if part.is_empty or part.area < 0.004 * view.area:
            continue
        text, x, y, _ = _area_spot(ctx, part, region.name, names.taken)
        if names.free(x, y, text, _AREA_PT * s):
            _draw_area_name(ctx, text, x, y, color="#555555", zorder=8.4)


def _area_spot(
    ctx: _Ctx, part: BaseGeometry, name: str, taken: Sequence[BaseGeometry]
) -> tuple[str, float, float, tuple[float, float]]:
    """Return where an area's name goes inside ``part`` (projected), clear of ``taken``.

    Returns
    -------
    tuple
        The name wrapped as drawn, the spot ``x, y`` and the half width and
        half height of its box, in projected metres.
    """
    pt = ctx.view.m_per_pt
    text = _wrap(name, 18)
    w_pt, h_pt = _text_size_pt(ctx.fig, text, _AREA_PT * ctx.scale)
    half = (w_pt / 2 * pt, h_pt / 2 * pt)
    x, y = _label_spot(part, half, taken)
    return text, x, y, half


def _draw_area_name(
    ctx: _Ctx, text: str, x: float, y: float, *, color: str, zorder: float, halo: bool = False
) -> None:
    """Draw an area's name (a region, a highlighted area) in italics, centred on ``x, y``."""
    extra = {"bbox": _halo()} if halo else {}
    ctx.ax.text(
        x,
        y,
        _literal(text),
        ha="center",
        va="center",
        fontsize=_AREA_PT * ctx.scale,
        fontstyle="italic",
        color=color,
        zorder=zorder,
        **extra,
    )
