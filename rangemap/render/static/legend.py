"""The legend: its entries, and the corner of the map where it hides the least."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import shapely
from matplotlib.colors import to_rgba
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from rangemap.places import Place
from rangemap.render import style
from rangemap.render.static.canvas import _Ctx
from rangemap.render.static.labels import _Label
from rangemap.render.static.places import _launch_dimension, _launch_dots
from rangemap.render.static.text import _legend_text, _wrap
from rangemap.scene import RangeLayer, Scene
from rangemap.units import format_km

_Corner = Literal["lower left", "upper left", "lower right", "upper right"]
#: A legend's box in axes fractions: x0, y0, x1, y1.
_Box = tuple[float, float, float, float]


def _legend_entries(
    scene: Scene, colors: Sequence[str], scale: float, *, borders: bool
) -> tuple[list[Any], list[str]]:
    """Legend handles (artists, or tuples of artists drawn on top of each other) and texts."""
    s = scale
    handles: list[Any] = []
    labels: list[str] = []
    for layer, color in zip(scene.layers, colors, strict=True):
        handles.append(_layer_handle(layer, color, s))
        labels.append(_legend_text(_wrap(_layer_text(scene, layer), 52)))
    for place in scene.launches:
        handles.append(_launch_handle(place, s))
        text = f"Launch: {place.name}"
        labels.append(_legend_text(_wrap(text, 52)))
    if scene.highlights:
        handles.append(
            Patch(
                facecolor=to_rgba(style.HIGHLIGHT_FILL, 0.6),
                edgecolor=style.HIGHLIGHT_EDGE,
                linewidth=1.2 * s,
            )
        )
        names = ", ".join(p.name for p in scene.highlights)
        labels.append(_legend_text(_wrap(f"Highlighted: {names}", 52)))
    coverage = scene.coverage
    if coverage is not None and any(site.target and site.in_reach for site in coverage.site_rows):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                markersize=4.5 * s,
                markerfacecolor="#d7191c",
                markeredgecolor="white",
                linestyle="none",
            )
        )
        labels.append("Airbase in reach (the other side's)")
    if borders:
        handles.append(
            Line2D([], [], color=style.BORDER_COLOR, linewidth=1.5 * s, linestyle=(0, (4, 2.5)))
        )
        labels.append("Ukraine–Russia / Ukraine–Belarus land border")
    for line in scene.legend_notes:  # a claim's reading, a comparison layer left out
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(_legend_text(_wrap(line, 52)))
    return handles, labels


def _layer_handle(layer: RangeLayer, color: str, s: float) -> Patch:
    """Return a range layer's swatch: hatched and dashed for a band."""
    if layer.spec.is_band:
        return Patch(
            facecolor=to_rgba(color, 0.2),
            edgecolor=color,
            hatch="///",
            linewidth=1.2 * s,
            linestyle=(0, (3, 1)),
        )
    return Patch(facecolor=to_rgba(color, 0.08), edgecolor=color, linewidth=1.6 * s)


def _layer_text(scene: Scene, layer: RangeLayer) -> str:
    """Return a range layer's legend text (a band's readings; its launch if several)."""
    text = layer.legend
    if layer.spec.is_band:
        text += (
            f": solid, within {format_km(layer.spec.low_km)}, surely reached; hatched, "
            "reached if the longer reading holds"
        )
    if len({lay.launch.name for lay in scene.layers}) > 1:
        text += f" from {layer.launch.name}"
    return text


def _launch_handle(place: Place, s: float) -> Any:
    """Return a launch place's swatch: a dot, a thick line or an outlined area."""
    dimension = _launch_dimension(place)
    if dimension == 0:
        return _launch_dots([], [], 6 * s, 1.4 * s)
    if dimension == 1:
        return Line2D([], [], color=to_rgba(style.LAUNCH_EDGE, 0.3), linewidth=4 * s)
    return Patch(
        facecolor=to_rgba(style.LAUNCH_EDGE, 0.06),
        edgecolor=style.LAUNCH_EDGE,
        linewidth=1.2 * s,
    )


def _corner_box(loc: _Corner, size: tuple[float, float], pad: tuple[float, float]) -> _Box:
    """Box of a legend of ``size`` in corner ``loc``, in axes fractions."""
    w, h = size
    x0 = pad[0] if "left" in loc else 1.0 - pad[0] - w
    y0 = pad[1] if "lower" in loc else 1.0 - pad[1] - h
    return (x0, y0, x0 + w, y0 + h)


def _draw_legend(
    ctx: _Ctx, scene: Scene, colors: Sequence[str], ring_labels: Sequence[_Label]
) -> tuple[_Corner, _Box] | None:
    """Put the legend in the corner that hides the least of the rings, labels and launches.

    Returns the corner and the legend's box in axes fractions, or None when no
    legend fits the map.
    """
    handles, labels = _legend_entries(scene, colors, ctx.scale, borders=ctx.borders_visible)
    options: dict[str, Any] = {
        "fontsize": 7.5 * ctx.scale,
        "frameon": True,
        "framealpha": 0.92,
        "edgecolor": "#9a9a9a",
        "fancybox": False,
        "borderpad": 0.7,
        "labelspacing": 0.55,
        "handlelength": 2.2,
        "borderaxespad": 0.6,
    }
    fitted = _fit_legend(ctx, handles, labels, options)
    if fitted is None:
        return None
    loc, box_coords = _best_corner(ctx, scene, ring_labels, *fitted)
    legend = Legend(ctx.ax, handles, labels, loc=loc, **options)
    legend.set_zorder(20)
    ctx.ax.add_artist(legend)
    return loc, box_coords


def _fit_legend(
    ctx: _Ctx, handles: list[Any], labels: list[str], options: dict[str, Any]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Shrink ``options["fontsize"]`` until the legend fits the map.

    Returns the legend's size and its padding from the axes' edges (axes
    fractions), or None when even about 6 px text does not fit.
    """
    renderer = ctx.fig.canvas.get_renderer()  # type: ignore[attr-defined]
    axes_extent = ctx.ax.get_window_extent(renderer)
    # Measured in a fixed corner: the size does not depend on where the legend
    # goes, and matplotlib's "best" placement would search every artist's data.
    measuring = {"loc": "upper left", **options}
    for _ in range(3):
        extent = Legend(ctx.ax, handles, labels, **measuring).get_window_extent(renderer)
        size = (extent.width / axes_extent.width, extent.height / axes_extent.height)
        shrink = min(0.96 / size[0], 0.7 / size[1])
        if shrink >= 1.0:
            break
        # Too big for a small map: smaller text, down to about 6 px, else no legend.
        options["fontsize"] *= shrink * 0.97
        measuring["fontsize"] = options["fontsize"]
        if options["fontsize"] * ctx.fig.dpi / 72 < 6.0:
            return None
    else:
        return None
    pad_px = options["borderaxespad"] * options["fontsize"] / 72 * ctx.fig.dpi
    return size, (pad_px / axes_extent.width, pad_px / axes_extent.height)


def _best_corner(
    ctx: _Ctx,
    scene: Scene,
    ring_labels: Sequence[_Label],
    size: tuple[float, float],
    pad: tuple[float, float],
) -> tuple[_Corner, _Box]:
    """Return the corner (and the box there) that hides the least; ties go to the first."""
    view = ctx.view
    rings = [ctx.proj.geometry(line) for layer in scene.layers for line in layer.outlines]
    anchors = [
        shapely.Point(*ctx.proj.points([p.anchor[0]], [p.anchor[1]])) for p in scene.launches
    ]
    best: tuple[float, _Corner, _Box] | None = None
    corners: tuple[_Corner, ...] = ("lower left", "upper left", "lower right", "upper right")
    for loc in corners:
        fx0, fy0, fx1, fy1 = _corner_box(loc, size, pad)
        box = shapely.box(
            view.xmin + fx0 * view.width,
            view.ymin + fy0 * view.height,
            view.xmin + fx1 * view.width,
            view.ymin + fy1 * view.height,
        )
        hidden = sum(float(shapely.length(shapely.intersection(g, box))) for g in rings)
        score = hidden / (size[0] * view.width + size[1] * view.height)
        # A ring label fully hidden costs 3, a launch point 10.
        score += 3.0 * sum(
            float(shapely.area(shapely.intersection(lb.box, box))) / lb.box.area
            for lb in ring_labels
        )
        score += 10.0 * sum(bool(box.contains(point)) for point in anchors)
        if best is None or score < best[0] - 1e-9:
            best = (score, loc, (fx0, fy0, fx1, fy1))
    assert best is not None
    return best[1], best[2]
