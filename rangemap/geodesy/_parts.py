"""A launch geometry taken apart into points, open lines and polygon rings."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.geodesy._ellipsoid import _FloatArray


@dataclass(frozen=True)
class _Parts:
    """A launch geometry as points, open lines and polygon rings.

    Rings are closed and oriented with their polygon on the left (exteriors
    counter-clockwise, holes clockwise), so the outside is on the right.
    """

    points: _FloatArray
    lines: list[_FloatArray]
    rings: list[_FloatArray]
    #: Ring indices of each polygon, exterior first.
    polygons: list[list[int]]
    #: The polygonal part (for the inside test), or None.
    area: BaseGeometry | None


def _dedupe(coords: _FloatArray) -> _FloatArray:
    """Drop repeated consecutive vertices."""
    keep = np.ones(coords.shape[0], dtype=bool)
    keep[1:] = np.any(coords[1:] != coords[:-1], axis=1)
    return coords[keep]


def _decompose(geometry: BaseGeometry) -> _Parts:
    points: list[tuple[float, float]] = []
    lines: list[_FloatArray] = []
    rings: list[_FloatArray] = []
    polygons: list[list[int]] = []
    areas: list[Polygon] = []
    stack = [geometry]
    while stack:
        geom = stack.pop()
        if geom.is_empty:
            continue
        kind = geom.geom_type
        if kind == "Point":
            points.append((float(geom.x), float(geom.y)))
        elif kind in ("LineString", "LinearRing"):
            coords = _dedupe(shapely.get_coordinates(geom))
            if coords.shape[0] == 1:
                points.append((float(coords[0, 0]), float(coords[0, 1])))
            else:
                lines.append(coords)
        elif kind == "Polygon":
            fixed = geom if geom.is_valid else shapely.make_valid(geom)
            for poly in shapely.get_parts(fixed):
                if poly.geom_type != "Polygon":
                    stack.append(poly)
                    continue
                poly = shapely.orient_polygons(poly, exterior_cw=False)
                members = []
                for ring in (poly.exterior, *poly.interiors):
                    coords = _dedupe(shapely.get_coordinates(ring))
                    if coords.shape[0] >= 4:
                        members.append(len(rings))
                        rings.append(coords)
                if members:
                    polygons.append(members)
                    areas.append(poly)
        else:
            stack.extend(shapely.get_parts(geom))
    area = shapely.union_all(areas) if areas else None
    return _Parts(np.asarray(points, dtype=float).reshape(-1, 2), lines, rings, polygons, area)
