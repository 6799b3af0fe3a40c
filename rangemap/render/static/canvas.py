"""What the drawing steps share: the figure, axes, projection and view; paths clipped to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
import shapely.errors
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from shapely.geometry.base import BaseGeometry

from rangemap.render.static.geometry import _to_path
from rangemap.render.static.projection import _Projection, _View


@dataclass
class _Ctx:
    """What the drawing steps share."""

    fig: Figure
    ax: Any
    proj: _Projection
    view: _View
    scale: float  # text and line scale for the figure size
    borders_visible: bool = False


def _visible(ctx: _Ctx, geoms: Any) -> list[BaseGeometry]:
    """Return a bundled layer's projected geometries meeting the view, clipped just outside it."""
    projected = ctx.proj.layer(geoms)
    v = ctx.view
    pad_x, pad_y = 0.02 * v.width, 0.02 * v.height
    box = (v.xmin - pad_x, v.ymin - pad_y, v.xmax + pad_x, v.ymax + pad_y)
    hits = shapely.intersects(projected, shapely.box(*box))
    out = []
    for geom in np.asarray(projected, dtype=object)[hits]:
        try:
            clipped = shapely.clip_by_rect(geom, *box)
        except shapely.errors.GEOSException:
            clipped = geom
        if not clipped.is_empty:
            out.append(clipped)
    return out


def _add_path(ctx: _Ctx, geoms: Sequence[BaseGeometry], **style_kw: Any) -> None:
    # Vertices closer than a fifth of a point on the page are not drawn (smaller SVG).
    tolerance = 0.2 * ctx.view.m_per_pt
    path = _to_path(shapely.simplify(list(geoms), tolerance, preserve_topology=True))
    if path is not None:
        # add_artist, not add_patch: the limits are fixed, and updating them is slow.
        ctx.ax.add_artist(PathPatch(path, **style_kw))
