"""Geodesic areas on WGS84.

Areas are measured with GeographicLib's polygon areas
(``Geod.geometry_area_perimeter``), exact on the ellipsoid for edges taken
as geodesics between the vertices.

Examples
--------
>>> from rangemap.geodesy import ring_polygon
>>> round(geometry_area_km2(ring_polygon(36.1873, 51.7373, 300)) / 1000)  # thousand km²
283

"""

from __future__ import annotations

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.geodesy._ellipsoid import GEOD

__all__ = ["geometry_area_km2"]

#: Cells of 90 by 90 degrees, each smaller than half the Earth.
_CELLS = [
    shapely.box(x, y, x + 90.0, y + 90.0) for x in (-180.0, -90.0, 0.0, 90.0) for y in (-90.0, 0.0)
]


def geometry_area_km2(geom: Polygon | MultiPolygon | BaseGeometry) -> float:
    """Geodesic area of a (multi)polygon on WGS84, in km².

    Parameters
    ----------
    geom : shapely geometry
        A Polygon or MultiPolygon in lon/lat degrees, such as
        :func:`rangemap.geodesy.ring_polygon` returns (other geometry types
        count only their polygonal parts). Edges are taken as geodesics
        between the vertices, so long edges that should follow a parallel
        need densifying first; edges along the map edge (±180°, the poles)
        are exact.

    Returns
    -------
    float
        The area, km², never negative. Polygons wider or taller than 90° are
        cut into 90° cells first, so discs larger than half the Earth and
        polygons reaching both poles are measured correctly.

    Examples
    --------
    >>> round(geometry_area_km2(shapely.box(-180, -90, 180, 90)))  # the Earth
    510065622

    """
    if geom.is_empty:
        return 0.0
    minx, miny, maxx, maxy = geom.bounds
    if maxx - minx <= 90.0 and maxy - miny <= 90.0:
        pieces = [geom]
    else:
        pieces = [geom.intersection(cell) for cell in _CELLS]
    total = 0.0
    for piece in pieces:
        for part in shapely.get_parts(piece):
            if isinstance(part, Polygon) and not part.is_empty:
                oriented = shapely.orient_polygons(part, exterior_cw=False)
                area, _ = GEOD.geometry_area_perimeter(oriented)
                total += area
    return abs(total) / 1e6
