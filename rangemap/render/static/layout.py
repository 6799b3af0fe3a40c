"""The figure: its scale, title, notes and footer, the map axes and the order of the layers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from rangemap.render import style
from rangemap.render.static.canvas import _Ctx
from rangemap.render.static.labels import _draw_labels, _ring_labels
from rangemap.render.static.layers import (
    _draw_boundaries,
    _draw_graticule,
    _draw_highlights,
    _draw_layer,
)
from rangemap.render.static.legend import _draw_legend
from rangemap.render.static.places import _draw_launches, _draw_places
from rangemap.render.static.projection import (
    _centre,
    _fit_view,
    _Projection,
    _projection_at,
    _View,
)
from rangemap.render.static.scalebar import _draw_scale_bar
from rangemap.render.static.text import _fit_lines, _literal, _text_size_pt
from rangemap.scene import Scene

#: matplotlib settings while a map is drawn (see the package docstring, "Text").
_RC: dict[Any, Any] = {
    "text.usetex": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "rangemap",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "hatch.linewidth": 0.6,
    "path.simplify": True,
}


@dataclass(frozen=True)
class _Frame:
    """The figure's layout: sizes in inches and points, the header and footer texts."""

    w_in: float
    h_in: float
    pad_in: float
    side_in: float
    title: str
    notes: str
    title_pt: float
    note_pt: float
    foot_pt: float
    footer: list[str]
    one_footer_line: bool
    footer_in: float
    axes_w_in: float
    axes_h_in: float

    @property
    def n_title(self) -> int:
        return self.title.count("\n") + 1

    @property
    def rect(self) -> tuple[float, float, float, float]:
        """The map axes in figure fractions: left, bottom, width, height."""
        return (
            self.side_in / self.w_in,
            self.footer_in / self.h_in,
            self.axes_w_in / self.w_in,
            self.axes_h_in / self.h_in,
        )


def _draw(scene: Scene, *, width_px: int, height_px: int, dpi: int) -> Figure:
    """Draw ``scene`` on a new figure (Agg canvas, no pyplot): header, map, footer."""
    w_in, h_in = width_px / dpi, height_px / dpi
    scale = _figure_scale(w_in, h_in, dpi)
    fig = Figure(figsize=(w_in, h_in), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    lon0, lat0 = _centre(scene)
    frame = _frame(fig, scene, _projection_line(lon0, lat0), w_in=w_in, h_in=h_in, scale=scale)
    proj = _projection_at(lon0, lat0)
    view = _fit_map_view(scene, proj, frame)
    ax = _map_axes(fig, view, scale)
    _draw_map(_Ctx(fig=fig, ax=ax, proj=proj, view=view, scale=scale), scene)
    _draw_header_footer(fig, frame)
    return fig


def _figure_scale(w_in: float, h_in: float, dpi: int) -> float:
    """Text and line scale: 1 at the default 1600 x 1000 px at 150 dpi, growing with the figure.

    Never below about 10 px for 7.5 pt text, so small images stay legible.
    """
    scale = float(np.clip(math.sqrt(w_in * h_in / (1600 / 150 * 1000 / 150)), 0.6, 1.6))
    return max(scale, min(96.0 / dpi, 2.0))


def _projection_line(lon0: float, lat0: float) -> str:
    """Return the footer's note of the projection and its centre."""
    lon_text = f"{abs(lon0):.1f}°" + ("" if round(abs(lon0), 1) in (0.0, 180.0) else "EW"[lon0 < 0])
    lat_text = f"{abs(lat0):.1f}°" + ("" if round(lat0, 1) == 0.0 else "NS"[lat0 < 0])
    return f"Azimuthal equidistant projection centred on {lat_text} {lon_text}"


def _frame(
    fig: Figure, scene: Scene, projection_line: str, *, w_in: float, h_in: float, scale: float
) -> _Frame:
    """Lay out the header (title, notes), the footer (source, projection) and the map axes."""
    pad_in = 0.14 * scale
    side_in = pad_in
    line_pt = (w_in - 2 * side_in) * 72
    title_pt, note_pt, foot_pt = 13.0 * scale, 7.5 * scale, 6.5 * scale
    # Small images keep room for the map: fewer title and note lines.
    roomy = h_in * 72 / scale > 450
    title = _fit_lines(fig, scene.title, title_pt, line_pt, max_lines=3 if roomy else 1, bold=True)
    notes = _fit_lines(fig, "\n".join(scene.notes), note_pt, line_pt, max_lines=3 if roomy else 0)
    n_title = title.count("\n") + 1
    n_notes = notes.count("\n") + 1 if notes else 0
    header_in = pad_in + (n_title * 1.25 * title_pt + n_notes * 1.35 * note_pt) / 72 + pad_in
    footer, one_footer_line = _footer(fig, projection_line, foot_pt, line_pt, scale, roomy=roomy)
    n_footer = 1 if one_footer_line else sum(line.count("\n") + 1 for line in footer)
    footer_in = pad_in * 0.6 + (0.5 + 1.3 * n_footer) * foot_pt / 72
    axes_w_in = w_in - 2 * side_in
    axes_h_in = max(h_in - header_in - footer_in, 0.25 * h_in)
    return _Frame(
        w_in=w_in,
        h_in=h_in,
        pad_in=pad_in,
        side_in=side_in,
        title=title,
        notes=notes,
        title_pt=title_pt,
        note_pt=note_pt,
        foot_pt=foot_pt,
        footer=footer,
        one_footer_line=one_footer_line,
        footer_in=footer_in,
        axes_w_in=axes_w_in,
        axes_h_in=axes_h_in,
    )


def _footer(
    fig: Figure, projection_line: str, foot_pt: float, line_pt: float, scale: float, *, roomy: bool
) -> tuple[list[str], bool]:
    """Return the footer's lines (source, projection) and whether they share one line."""
    source_w = _text_size_pt(fig, style.CREDIT_LINE, foot_pt)[0]
    projection_w = _text_size_pt(fig, projection_line, foot_pt)[0]
    one_footer_line = source_w + projection_w + 12 * scale < line_pt
    footer = [style.CREDIT_LINE, projection_line]
    if not one_footer_line:
        footer = [_fit_lines(fig, line, foot_pt, line_pt, max_lines=2) for line in footer]
        if not roomy:
            footer = footer[:1]
    return footer, one_footer_line


def _fit_map_view(scene: Scene, proj: _Projection, frame: _Frame) -> _View:
    """Fit the projected extent of the reach and launches to the map axes."""
    extent_geoms = [proj.geometry(layer.area) for layer in scene.layers]
    extent_geoms += [proj.geometry(place.geometry) for place in scene.launches]
    extent = shapely.total_bounds([g for g in extent_geoms if not g.is_empty])
    if not np.all(np.isfinite(extent)):
        extent = np.array([-1e5, -1e5, 1e5, 1e5])
    x0, y0, x1, y1 = _fit_view(
        (float(extent[0]), float(extent[1]), float(extent[2]), float(extent[3])),
        frame.axes_w_in,
        frame.axes_h_in,
    )
    return _View(x0, y0, x1, y1, frame.rect, (x1 - x0) / (frame.axes_w_in * 72))


def _map_axes(fig: Figure, view: _View, scale: float) -> Any:
    """Add the map's axes: the view's limits, no ticks, a thin grey frame."""
    ax = fig.add_axes(view.axes_rect)
    ax.set_xlim(view.xmin, view.xmax)
    ax.set_ylim(view.ymin, view.ymax)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor(style.BACKGROUND)
    for spine in ax.spines.values():
        spine.set_edgecolor("#9a9a9a")
        spine.set_linewidth(0.8 * scale)
    return ax


def _draw_map(ctx: _Ctx, scene: Scene) -> None:
    """Draw the layers, bottom first; labels are placed before the names that avoid them."""
    colors = scene.colors  # keyed by weapon variant or range: the same in every format
    _draw_boundaries(ctx)
    _draw_graticule(ctx)
    labels = _ring_labels(ctx, scene, colors)
    _draw_highlights(ctx, scene.highlights, labels)
    _draw_places(ctx, scene, labels)
    for layer, color in zip(scene.layers, colors, strict=True):
        _draw_layer(ctx, layer, color)
    _draw_launches(ctx, scene.launches)
    _draw_labels(ctx, labels)
    legend_box = _draw_legend(ctx, scene, colors, labels)
    _draw_scale_bar(ctx, legend_box)


def _draw_header_footer(fig: Figure, frame: _Frame) -> None:
    """Write the title and notes above the map and the footer below it."""
    top = 1.0 - frame.pad_in / frame.h_in
    left = frame.side_in / frame.w_in
    text_kw: dict[str, Any] = {"ha": "left", "va": "top"}
    fig.text(
        left,
        top,
        _literal(frame.title),
        fontsize=frame.title_pt,
        fontweight="bold",
        color=style.TEXT_COLOR,
        linespacing=1.15,
        **text_kw,
    )
    if frame.notes:
        fig.text(
            left,
            top - frame.n_title * 1.25 * frame.title_pt / 72 / frame.h_in,
            _literal(frame.notes),
            fontsize=frame.note_pt,
            color=style.TEXT_MUTED,
            linespacing=1.25,
            **text_kw,
        )
    foot_top = (frame.footer_in - frame.pad_in * 0.6) / frame.h_in
    foot_kw: dict[str, Any] = {"fontsize": frame.foot_pt, "color": style.TEXT_MUTED, "va": "top"}
    if frame.one_footer_line:
        fig.text(left, foot_top, frame.footer[0], ha="left", **foot_kw)
        fig.text(1.0 - left, foot_top, frame.footer[1], ha="right", **foot_kw)
    else:
        fig.text(left, foot_top, "\n".join(frame.footer), ha="left", linespacing=1.2, **foot_kw)
