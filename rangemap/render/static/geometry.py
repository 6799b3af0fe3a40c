"""Geometry to draw: the display layers' edges and shapely shapes as matplotlib paths.

What is drawn for the bundled layers and for a place is decided by
:mod:`rangemap.render.display`, for both renderers; this module turns it into
matplotlib paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from matplotlib.path import Path
from shapely.geometry.base import BaseGeometry

from rangemap.render.display import display_layer
from rangemap.render.static.projection import _FloatArray

_MOVETO, _LINETO, _CLOSEPOLY = int(Path.MOVETO), int(Path.LINETO), int(Path.CLOSEPOLY)


@cache
def _seam() -> BaseGeometry:
    """Thin strips along the antimeridian, where data are cut rather than bounded."""
    return shapely.union(
        shapely.box(180.0 - 1e-5, -91.0, 181.0, 91.0),
        shapely.box(-181.0, -91.0, -180.0 + 1e-5, 91.0),
    )


def _without_seam(lines: Any) -> Any:
    """Lines (lon/lat) without their parts along the antimeridian."""
    return shapely.difference(lines, _seam())


def _edges(geoms: Any) -> Any:
    """Outlines of polygons without the cuts at the antimeridian (lon/lat)."""
    return _without_seam(shapely.boundary(geoms))


@cache
def _display_edges(name: str) -> npt.NDArray[np.object_]:
    edges: npt.NDArray[np.object_] = _edges(display_layer(name).geoms)
    return edges


def _ring_path(coords: _FloatArray, *, exterior: bool) -> tuple[_FloatArray, list[int]]:
    x, y = coords[:, 0], coords[:, 1]
    area2 = float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    if (area2 > 0) != exterior:  # exteriors counter-clockwise, holes clockwise
        coords = coords[::-1]
    codes = [_LINETO] * len(coords)
    codes[0] = _MOVETO
    codes[-1] = _CLOSEPOLY
    return coords, codes


def _to_path(geoms: Iterable[BaseGeometry]) -> Path | None:
    """Join polygons and lines into one matplotlib path (holes kept)."""
    vertices: list[_FloatArray] = []
    codes: list[int] = []
    for geom in geoms:
        for part in shapely.get_parts(geom):
            if part.is_empty:
                continue
            kind = part.geom_type
            if kind == "Polygon":
                rings = [(part.exterior, True)] + [(r, False) for r in part.interiors]
                for ring, exterior in rings:
                    coords = np.asarray(ring.coords, float)[:, :2]
                    if len(coords) < 4:
                        continue
                    coords, ring_codes = _ring_path(coords, exterior=exterior)
                    vertices.append(coords)
                    codes += ring_codes
            elif kind in ("LineString", "LinearRing"):
                coords = np.asarray(part.coords, float)[:, :2]
                if len(coords) < 2:
                    continue
                vertices.append(coords)
                codes += [_MOVETO] + [_LINETO] * (len(coords) - 1)
            elif kind == "GeometryCollection":
                sub = _to_path(shapely.get_parts(part))
                if sub is not None:
                    vertices.append(np.asarray(sub.vertices, float))
                    codes += [int(c) for c in np.asarray(sub.codes)]
    if not vertices:
        return None
    return Path(np.concatenate(vertices), codes)
