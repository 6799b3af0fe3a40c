"""Ring labels (one per distinct range, clear of each other) and label spots inside areas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from rangemap.render.static.canvas import _Ctx
from rangemap.render.static.text import _LABEL_PT, _literal, _text_size_pt
from rangemap.scene import Scene


@dataclass(frozen=True)
class _Label:
    """A ring label: anchor (projected metres), text, colour and its box on the map."""

    x: float
    y: float
    text: str
    color: str
    dy_pt: float
    box: BaseGeometry


#: Bearings (clockwise from north) a ring label may sit at, first choice first:
#: the north-east edge, then around the ring (as on the interactive map).
_LABEL_BEARINGS = (45, 65, 25, 85, 5, 105, 125, 335, 315, 145, 295, 165, 275, 185, 255, 215)


def _ring_labels(ctx: _Ctx, scene: Scene, colors: Sequence[str]) -> list[_Label]:
    """Place one label per distinct range (two per band) on its ring, clear of the others.

    Each label takes the first bearing of :data:`_LABEL_BEARINGS` where its
    box lies inside the map and overlaps no label placed before it.
    """
    s, pt = ctx.scale, ctx.view.m_per_pt
    labels: list[_Label] = []
    for label in scene.map_labels():
        layer = scene.layers[label.layers[0]]
        if layer.spec.comparison is not None and layer not in scene.reach_layers:
            continue
        color = colors[label.layers[0]]
        text = label.text
        w_pt, h_pt = _text_size_pt(ctx.fig, text, _LABEL_PT * s, bold=True)
        half_w, half_h = (w_pt / 2 + 3 * s) * pt, (h_pt / 2 + 2 * s) * pt
        edge = min(label.edge, len(layer.outlines) - 1)
        first: _Label | None = None
        for bearing in _LABEL_BEARINGS:
            lon2, lat2 = layer.edge_point(bearing, edge)
            xs, ys = ctx.proj.points([lon2], [lat2])
            x, y = float(xs[0]), float(ys[0])
            box = shapely.box(x - half_w, y - half_h, x + half_w, y + half_h)
            if not (np.isfinite(x) and np.isfinite(y)) or not ctx.view.box.contains(box):
                continue
            candidate = _Label(x, y, text, color, 0.0, box)
            first = first or candidate
            if not any(box.intersects(other.box) for other in labels):
                labels.append(candidate)
                break
        else:
            if first is not None:
                labels.append(first)
    return labels


def _draw_labels(ctx: _Ctx, labels: Sequence[_Label]) -> None:
    s = ctx.scale
    for label in labels:
        ctx.ax.annotate(
            _literal(label.text),
            (label.x, label.y),
            xytext=(0, label.dy_pt),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=_LABEL_PT * s,
            fontweight="bold",
            color=label.color,
            zorder=10,
            bbox={
                "boxstyle": "round,pad=0.25",
                "facecolor": "white",
                "edgecolor": label.color,
                "linewidth": 0.6 * s,
                "alpha": 0.92,
            },
        )


def _label_spot(
    area: BaseGeometry, half: tuple[float, float], taken: Sequence[BaseGeometry]
) -> tuple[float, float]:
    """Return a point deep inside ``area`` where a label box of ``half`` size hides nothing."""
    x0, y0, x1, y1 = area.bounds
    gx, gy = np.meshgrid(np.linspace(x0, x1, 17)[1:-1], np.linspace(y0, y1, 17)[1:-1])
    xy = np.column_stack([gx.ravel(), gy.ravel()])
    inside = shapely.contains_xy(area, xy[:, 0], xy[:, 1])
    surface = area.point_on_surface()
    xy = np.vstack([xy[inside], [[surface.x, surface.y]]])
    boxes = shapely.box(
        xy[:, 0] - half[0], xy[:, 1] - half[1], xy[:, 0] + half[0], xy[:, 1] + half[1]
    )
    score = shapely.distance(shapely.points(xy), area.boundary)
    if taken:
        blocked = shapely.union_all(list(taken))
        overlap = shapely.area(shapely.intersection(boxes, blocked)) / shapely.area(boxes)
        score = score - overlap * 1e9
    best = int(np.argmax(score))
    return float(xy[best, 0]), float(xy[best, 1])
