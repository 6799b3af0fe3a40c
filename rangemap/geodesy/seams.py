"""Antimeridian and pole fixes, shared by rings and reaches.

Rings and reaches are built as closed rings that may run across the
antimeridian or around a pole. This module turns them into valid RFC 7946
geometry with the ``antimeridian`` package: longitudes in [-180, 180],
split at the antimeridian, closed along the map edge at latitude +90 or -90
around a pole. A ring around both poles (it bounds a cap around the antipode
that holds neither) becomes the world rectangle minus that cap.

A reach is built in its working map (:mod:`rangemap.geodesy.frame`);
:func:`_to_lonlat` maps its rings back, adding vertices wherever a straight
lon/lat edge would stray more than a metre from its map edge.
"""

from __future__ import annotations

from collections.abc import Sequence

import antimeridian
import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.geodesy._ellipsoid import _FloatArray, _inv, _wrap180
from rangemap.geodesy.frame import _EDGE_GAP_M, _MAX_ROUNDS, _Frame

#: The whole map, counter-clockwise.
_WORLD = Polygon([(-180.0, -90.0), (180.0, -90.0), (180.0, 90.0), (-180.0, 90.0)])


def _polygonal(geom: BaseGeometry, *, ccw: bool = False) -> Polygon | MultiPolygon:
    """Return the polygonal part of a geometry, made valid.

    With ``ccw`` the exteriors are turned counter-clockwise.
    """
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]
    if ccw:
        parts = [shapely.orient_polygons(p, exterior_cw=False) for p in parts]
    if len(parts) == 1:
        return parts[0]
    return MultiPolygon(parts)


def _fix_seams(
    coords: Sequence[tuple[float, float]] | _FloatArray, north: bool, south: bool
) -> BaseGeometry:
    """Return the region a closed lon/lat ring bounds, split at ±180°, closed over poles.

    ``coords`` runs counter-clockwise around the region (wrapped longitudes);
    ``north`` and ``south`` tell which poles the region holds.
    """
    if north and south:
        # The ring bounds a cap around the antipode holding neither pole: fix
        # that cap (walked the other way round) and cut it out of the world.
        cap = antimeridian.fix_polygon(Polygon(coords[::-1]), fix_winding=False, great_circle=False)
        return _WORLD.difference(cap)
    return antimeridian.fix_polygon(
        Polygon(coords),
        force_north_pole=north,
        force_south_pole=south,
        fix_winding=False,
        great_circle=False,
    )


def _split_line(coords: Sequence[tuple[float, float]]) -> LineString | MultiLineString:
    """Split a lon/lat line that crosses the antimeridian into its pieces."""
    fixed = antimeridian.fix_line_string(LineString(coords), great_circle=False)
    parts = [
        part
        for part in shapely.get_parts(fixed)
        if isinstance(part, LineString) and part.length > 0.0
    ]
    if len(parts) == 1:
        return parts[0]
    return MultiLineString(parts)


def _ring_lonlat(frame: _Frame, xy: _FloatArray) -> _FloatArray:
    """Return the lon/lat of a closed map ring, with vertices added as needed.

    A vertex (on the straight map edge) is added wherever the straight
    lon/lat edge would stray more than ``_EDGE_GAP_M`` from the map edge.
    """
    x, y = xy[:, 0], xy[:, 1]
    lon, lat = frame.lonlat(x, y)
    for _ in range(_MAX_ROUNDS):
        mx, my = 0.5 * (x[:-1] + x[1:]), 0.5 * (y[:-1] + y[1:])
        mlon, mlat = frame.lonlat(mx, my)
        dlon = _wrap180(lon[1:] - lon[:-1])
        _, _, gap = _inv(lon[:-1] + 0.5 * dlon, 0.5 * (lat[:-1] + lat[1:]), mlon, mlat)
        split = np.flatnonzero(gap > _EDGE_GAP_M)
        if split.size == 0:
            break
        x = np.insert(x, split + 1, mx[split])
        y = np.insert(y, split + 1, my[split])
        lon = np.insert(lon, split + 1, mlon[split])
        lat = np.insert(lat, split + 1, mlat[split])
    lon[-1], lat[-1] = lon[0], lat[0]
    return np.column_stack([lon, lat])


def _ring_region(
    frame: _Frame, xy: _FloatArray, poles: list[tuple[float, float] | None]
) -> tuple[BaseGeometry, bool]:
    """Return the region a map ring bounds (its finite side), in lon/lat.

    Returns the region and whether it needed the antimeridian fix.
    """
    ring = shapely.linearrings(xy)
    if not shapely.is_ccw(ring):
        xy = xy[::-1]
        ring = shapely.linearrings(xy)
    coords = _ring_lonlat(frame, xy)
    inside = shapely.polygons(ring)
    north, south = (
        pole is not None and bool(shapely.contains_xy(inside, pole[0], pole[1])) for pole in poles
    )
    crosses = bool((np.abs(np.diff(coords[:, 0])) > 180.0).any())
    if not (crosses or north or south):
        return Polygon(coords), False
    return _fix_seams(coords, north, south), True


def _to_lonlat(frame: _Frame, joined: BaseGeometry, tol_m: float) -> Polygon | MultiPolygon:
    """Map the union back to RFC 7946 lon/lat polygons.

    Holes smaller than the tolerance squared (slivers between pieces that
    floating point left open) are dropped.
    """
    poles: list[tuple[float, float] | None] = []
    for pole_lat in (90.0, -90.0):
        if abs(frame.lat0 + pole_lat) < 1e-9:  # the antipode of the centre
            poles.append(None)
        else:
            px, py = frame.xy(np.array([0.0]), np.array([pole_lat]))
            poles.append((float(px[0]), float(py[0])))
    out: list[BaseGeometry] = []
    for poly in shapely.get_parts(joined):
        if not isinstance(poly, Polygon) or poly.is_empty:
            continue
        shell, fixed = _ring_region(frame, shapely.get_coordinates(poly.exterior), poles)
        holes = []
        for interior in poly.interiors:
            if abs(Polygon(interior).area) < tol_m * tol_m:
                continue
            region, hole_fixed = _ring_region(frame, shapely.get_coordinates(interior), poles)
            fixed = fixed or hole_fixed
            holes.append(region)
        if not fixed and isinstance(shell, Polygon):
            shell = Polygon(shell.exterior, [shapely.get_exterior_ring(h) for h in holes])
        elif holes:
            shell = shapely.difference(shell, shapely.union_all(holes))
        out.append(shell)
    return _polygonal(shapely.union_all(out) if len(out) > 1 else out[0], ccw=True)
