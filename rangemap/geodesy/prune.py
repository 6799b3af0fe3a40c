"""Pruning the pieces of a reach with a conservative inner envelope.

Pieces (:mod:`rangemap.geodesy.pieces`) that lie wholly inside a
conservative *inner envelope* cannot shape the edge of the reach and are
left out, which makes wiggly coastlines cheap. The envelope is a planar
buffer of a simplified launch geometry ``G`` in the working map, with a
radius shrunk by the map's largest stretch and the simplification error
(plus, when ``G`` spreads far from the map centre, polygons inscribed in the
discs around the hull of ``G``): it stays at least three tolerances inside
the reach.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from rangemap.geodesy._ellipsoid import _RADIUS_MIN, GEOD, _BoolArray, _fwd
from rangemap.geodesy._piece_types import _Fans, _Plan, _Quads
from rangemap.geodesy._sphere import _angle, _unit
from rangemap.geodesy.frame import _EDGE_GAP_M, _MAP_STRETCH

#: Coarse arc step (degrees) of the fans tested against the inner envelope.
_COARSE_STEP_DEG = 5.0
#: Angular margin (degrees) of those fans, for the small change of the
#: normals when an edge is split later.
_COARSE_MARGIN_DEG = 0.5
#: Fewer launch edges than this are not worth an inner envelope.
_PRUNE_MIN_EDGES = 64
#: Most vertices of the simplified launch geometry the inner envelope buffers.
_ENVELOPE_VERTICES = 800
#: Beyond this angle (radians) from the map centre the map stretches
#: lengths by over 2.5 %, and the inner envelope adds discs around the hull.
_SPREAD_LIMIT = 0.3
#: Vertices of each of those discs.
_DISC_VERTICES = 180
#: Quarter-circle segments of the planar buffer used for the inner envelope.
_BUFFER_QUAD_SEGS = 16


def _prune(
    plan: _Plan,
    envelope: BaseGeometry,
    quads: _Quads | None,
    quad_polys: npt.NDArray[np.object_],
    fans: _Fans,
) -> tuple[_Quads | None, npt.NDArray[np.object_], _Fans]:
    """Drop the quadrilaterals and fans that the inner envelope covers.

    A quadrilateral is tested with its outer edge pushed out by twice the
    chord tolerance (its normals grow a little when an edge is split later),
    a fan with :func:`_coarse_fans`.
    """
    if quads is not None:
        grown = quads.coords.copy()
        stretch = 1.0 + 2.0 * plan.chord_m / plan.quad_m
        base = quads.coords[:, [1, 0]]
        grown[:, 2:4] = base + stretch * (grown[:, 2:4] - base)
        keep_q = ~_inside(envelope, shapely.polygons(grown))
        quads = _Quads(
            quads.coords[keep_q],
            quads.chain[keep_q],
            quads.segment[keep_q],
            quads.inner[keep_q],
        )
        quad_polys = quad_polys[keep_q]
    keep_f = ~_inside(envelope, _coarse_fans(plan, fans))
    return quads, quad_polys, fans.take(keep_f)


def _inside(envelope: BaseGeometry, polygons: npt.NDArray[np.object_]) -> _BoolArray:
    """Tell which (valid) polygons the envelope covers; invalid ones never."""
    covered: _BoolArray = shapely.covers(envelope, polygons) & shapely.is_valid(polygons)
    return covered


def _coarse_fans(plan: _Plan, fans: _Fans) -> npt.NDArray[np.object_]:
    """Polygons (map) that certainly contain the fans, for the pruning test.

    Coarse arcs a little wider than the fan, with vertices pushed out so
    that their chords pass outside the circle.
    """
    frame = plan.frame
    sign = np.where(fans.sweep < 0.0, -1.0, 1.0)
    margin = np.where(fans.full, 0.0, _COARSE_MARGIN_DEG)
    az0 = fans.az0 - sign * margin
    sweep = fans.sweep + sign * 2.0 * margin
    counts = np.maximum(np.ceil(np.abs(sweep) / _COARSE_STEP_DEG).astype(np.intp), 1)
    half_step = np.radians(np.abs(sweep) / counts) / 2.0
    reach_m = (plan.range_m + 2.0 * plan.chord_m) / np.cos(half_step) * 1.002
    idx = np.repeat(np.arange(fans.size), counts + 1)
    k = np.arange(idx.size) - np.repeat(np.cumsum(counts + 1) - (counts + 1), counts + 1)
    lon, lat, _ = GEOD.fwd(
        fans.lon[idx], fans.lat[idx], az0[idx] + sweep[idx] * k / counts[idx], reach_m[idx]
    )
    x, y = frame.xy(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return fans.polygons(frame, idx, k, counts + 1, x, y, close_full=True)


def _inner_envelope(plan: _Plan, launch: list[BaseGeometry], tol_m: float) -> BaseGeometry | None:
    """Return a polygon (map) certainly inside the reach, well away from its edge.

    The launch geometry, simplified by ``s`` in the map (``s`` a hundredth
    of the range but at most 5 km, coarser until at most ``_ENVELOPE_VERTICES`` vertices
    remain), is buffered in the map by a radius shrunk by the map's largest
    stretch. A place in it is within ``rho * stretch`` of the simplified
    geometry on the ellipsoid, whose points are within
    ``(2 s + 1 m) * stretch`` of the launch geometry (a generous Hausdorff
    bound), so within the range minus three times the tolerance: the
    envelope never reaches the boundary of the reach.
    """
    groups: dict[str, list[BaseGeometry]] = {}
    for geom in launch:
        for part in shapely.get_parts(geom):
            groups.setdefault(part.geom_type, []).append(part)
    joined = []
    for kind, members in groups.items():
        if kind == "Polygon":
            joined.append(shapely.multipolygons(members))
        elif kind == "LineString":
            joined.append(shapely.multilinestrings(members))
        else:
            joined.append(shapely.multipoints(members))
    simplify_m = min(max(plan.range_m / 100.0, 100.0), 5_000.0)
    coarsest = min(plan.range_m / 12.0, 50_000.0)
    while True:
        simple = [
            shapely.make_valid(shapely.simplify(g, simplify_m, preserve_topology=False))
            for g in joined
        ]
        count = sum(shapely.get_num_coordinates(g) for g in simple)
        if count <= _ENVELOPE_VERTICES or simplify_m >= coarsest:
            break
        simplify_m *= 2.0
    hausdorff = (2.0 * simplify_m + _EDGE_GAP_M) * _MAP_STRETCH
    rho = (plan.range_m - 3.0 * tol_m - hausdorff) / _MAP_STRETCH
    if rho <= 0.0:
        return None
    pieces = list(shapely.buffer(simple, rho, quad_segs=_BUFFER_QUAD_SEGS))
    if _spread(plan, launch) > _SPREAD_LIMIT:
        pieces.append(_hull_discs(plan, launch, tol_m))
    envelope = shapely.union_all(pieces)
    shapely.prepare(envelope)
    return envelope


def _spread(plan: _Plan, launch: list[BaseGeometry]) -> float:
    """Angle (radians) from the map centre to the farthest place in reach, at most."""
    coords = shapely.get_coordinates(shapely.GeometryCollection(launch))
    lon, lat = plan.frame.lonlat(coords[:, 0], coords[:, 1])
    centre = _unit(np.array(plan.frame.lon0), np.array(plan.frame.lat0))
    return float(_angle(_unit(lon, lat), centre).max()) + plan.range_m / _RADIUS_MIN


def _hull_discs(plan: _Plan, launch: list[BaseGeometry], tol_m: float) -> BaseGeometry:
    """Return polygons inscribed in discs around the launch geometry's hull.

    The discs (the range less a margin) are centred on the vertices of the
    convex hull of the launch geometry in the map. Far from the map centre
    the planar buffer of :func:`_inner_envelope` falls well short of the
    range (the map stretches lengths there); these discs do not, as their
    vertices are exact geodesic points and their chords cut inside the
    circle.
    """
    frame = plan.frame
    hull = shapely.convex_hull(shapely.GeometryCollection(launch))
    xy = np.unique(shapely.get_coordinates(hull), axis=0)
    lon, lat = frame.lonlat(xy[:, 0], xy[:, 1])
    inner_m = plan.range_m - 3.0 * tol_m - 0.001 * plan.range_m
    count = _DISC_VERTICES
    az = np.linspace(0.0, -360.0, count, endpoint=False)
    dlon, dlat = _fwd(np.repeat(lon, count), np.repeat(lat, count), np.tile(az, lon.size), inner_m)
    x, y = frame.xy(dlon, dlat)
    rings = np.stack([x, y], axis=-1).reshape(lon.size, count, 2)
    return shapely.union_all(shapely.polygons(rings))
