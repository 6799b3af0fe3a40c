"""The pieces a reach is the union of: edge quadrilaterals and vertex fans.

The edge of the reach of a launch geometry ``G`` at range ``R`` is made of
two kinds of curves: *offsets* of edges (the ends of the geodesics of length
``R`` that leave an edge at right angles, on its outer side) and *arcs* of
the geodesic circle of radius ``R`` around vertices where the boundary turns
outwards, around the ends of lines and around points. The reach is built
from

* for every edge a quadrilateral: the edge and the ends of the normals at
  its two vertices, each computed with ``Geod.fwd`` at exactly ``R``;
* for every outward-turning vertex a fan: the vertex and the arc between
  the normals of its two edges, every arc vertex computed with ``Geod.fwd``;

and the polygons of ``G``. A place within ``R`` of ``G`` lies on a normal
geodesic from its closest point of ``G`` -- in that edge's quadrilateral or
that vertex's fan -- so their union is the reach. Launch edges are first cut
to at most 10 km. Pieces live in the working map of
:mod:`rangemap.geodesy.frame`.

Beyond 6,000 km the normals of an edge would cross (at a quarter of the
Earth's circumference), so the quadrilaterals stop short of the range and
every vertex gets a fan, widened to overlap its neighbours'; the envelope of
those circles falls short of the range by at most a sixteenth of the
tolerance between vertices.
"""

from __future__ import annotations

import math

import numpy as np
from shapely.geometry import Polygon

from rangemap.geodesy._ellipsoid import (
    _EARTH_M,
    _FloatArray,
    _fwd,
    _IntArray,
    _inv,
    _wrap180,
)
from rangemap.geodesy._piece_types import _Fans, _pick, _Places, _Plan, _Quads
from rangemap.geodesy.frame import _EDGE_GAP_M, _MAP_STRETCH, _MAX_ROUNDS, _Frame, _gap_m, _samples

#: Fractions of an arc's chord checked against the range.
_ARC_SAMPLES = np.array([0.5])
#: Longest launch edge in the map, metres, before the offset is built.
_MAX_EDGE_M = 10_000.0
#: Share of the tolerance that the checked points of an edge may use.
_CHORD_SHARE = 0.5
#: Turns (degrees) below this are straight on: the normals of the two edges
#: share their end point (1 cm apart at most at 6,000 km), and no fan is made.
_STRAIGHT_DEG = 1e-7
#: Above this range (m) edge quadrilaterals are cut short (their normals
#: would cross near a quarter of the Earth's circumference) and every vertex
#: gets a fan that overlaps its neighbours'.
_BIG_RANGE_M = 6_000_000.0
#: Longest normal (m) of a cut-short quadrilateral.
_MAX_QUAD_M = 7_000_000.0


def _make_plan(frame: _Frame, range_m: float, tol_m: float) -> _Plan:
    """Choose the pieces for a range: plain, or cut short with overlapping fans."""
    chord = tol_m * _CHORD_SHARE
    if range_m <= _BIG_RANGE_M:
        return _Plan(frame, range_m, range_m, False, 0.0, _MAX_EDGE_M, chord)
    quad_m = min(0.75 * range_m, _MAX_QUAD_M)
    # Between the fans of two vertices s apart the envelope of their circles
    # falls short of the range by about s² / (8 r tan(R / r)) (nothing beyond
    # a quarter circumference): this edge keeps that within a sixteenth of
    # the tolerance.
    tan = math.tan(range_m / _EARTH_M)
    edge = _MAX_EDGE_M if tan <= 0.0 else min(_MAX_EDGE_M, math.sqrt(0.5 * _EARTH_M * tan * tol_m))
    # A place on the normal of an edge point lies within this angle of the
    # normals of the edge's ends, seen from them.
    sine = min(math.sin(quad_m / _EARTH_M), abs(math.sin(range_m / _EARTH_M)))
    spread = math.degrees(3.0 * edge * _MAP_STRETCH / (_EARTH_M * max(sine, 1e-3)))
    return _Plan(frame, range_m, quad_m, True, min(spread + 0.1, 90.0), edge, chord)


def _densify(frame: _Frame, chain: _FloatArray, max_edge_m: float) -> _FloatArray:
    """Split launch edges (at lon/lat midpoints, so on the edge as drawn).

    Afterwards every edge is at most ``max_edge_m`` long in the map and its
    straight map image stays within ``_EDGE_GAP_M`` of it.
    """
    p = chain
    for _ in range(_MAX_ROUNDS):
        x, y = frame.xy(p[:, 0], p[:, 1])
        long = np.hypot(np.diff(x), np.diff(y)) > max_edge_m
        gap = _gap_m(frame, p[:-1, 0], p[:-1, 1], p[1:, 0], p[1:, 1]) > _EDGE_GAP_M
        split = long | gap
        if not split.any():
            break
        idx = np.flatnonzero(split)
        p = np.insert(p, idx + 1, 0.5 * (p[idx] + p[idx + 1]), axis=0)
    return p


def _chain_pieces(
    plan: _Plan, chain: _FloatArray, ring: bool, chain_id: int
) -> tuple[_Quads, _Fans]:
    """Quadrilaterals of every edge and fans of the vertices of one chain.

    Rings get pieces on their right (outer) side only, lines on both sides
    and a half-circle fan at each end.
    """
    frame = plan.frame
    ax, ay, bx, by = chain[:-1, 0], chain[:-1, 1], chain[1:, 0], chain[1:, 1]
    nseg = ax.size
    az12, az21, _ = _inv(ax, ay, bx, by)
    px, py = frame.xy(chain[:, 0], chain[:, 1])
    inner = np.column_stack([ax, ay, bx, by])
    if ring:
        vin = np.concatenate([[nseg - 1], np.arange(nseg - 1)])
        vout = np.arange(nseg)
    else:
        vin = np.arange(nseg - 1)
        vout = vin + 1
    vlon, vlat = chain[vout, 0], chain[vout, 1]
    turn = _wrap180(az12[vout] - az21[vin] - 180.0)
    # Where the boundary runs straight on, the normals of the two edges meet
    # in one end point: apart by rounding only, they would leave a crack.
    straight = np.abs(turn) < _STRAIGHT_DEG
    quads: list[_Quads] = []
    fans: list[_Fans] = []
    ends: dict[int, tuple[_Places, _Places]] = {}
    for side in (1, -1) if not ring else (1,):
        f0 = _fwd(ax, ay, az12 + 90.0 * side, plan.quad_m)
        f1 = _fwd(bx, by, az21 - 90.0 * side, plan.quad_m)
        f1[0][vin[straight]] = f0[0][vout[straight]]
        f1[1][vin[straight]] = f0[1][vout[straight]]
        x0, y0 = frame.xy(*f0)
        x1, y1 = frame.xy(*f1)
        start: _Places = (f0[0], f0[1], x0, y0)
        end: _Places = (f1[0], f1[1], x1, y1)
        ends[side] = (start, end)
        quads.append(_edge_quads(px, py, start, end, chain_id, inner))
        normal_in = az21[vin] - 90.0 * side
        fans.append(
            _vertex_fans(plan, side, (vlon, vlat, normal_in, turn), (start, end), (vin, vout))
        )
    if not ring:
        fans.extend(_line_end_fans(plan, chain, az12, az21, ends))
    return _Quads.concat(quads), _Fans.concat(fans)


def _edge_quads(
    px: _FloatArray,
    py: _FloatArray,
    start: _Places,
    end: _Places,
    chain_id: int,
    inner: _FloatArray,
) -> _Quads:
    """Quadrilaterals of a chain's edges: the edge and the ends of its two normals."""
    nseg = inner.shape[0]
    x0, y0, x1, y1 = start[2], start[3], end[2], end[3]
    ring_xy = np.stack(
        [
            np.column_stack([px[:-1], py[:-1]]),
            np.column_stack([px[1:], py[1:]]),
            np.column_stack([x1, y1]),
            np.column_stack([x0, y0]),
            np.column_stack([px[:-1], py[:-1]]),
        ],
        axis=1,
    )
    return _Quads(ring_xy, np.full(nseg, chain_id), np.arange(nseg), inner)


def _vertex_fans(
    plan: _Plan,
    side: int,
    vertices: tuple[_FloatArray, _FloatArray, _FloatArray, _FloatArray],
    normals: tuple[_Places, _Places],
    edges: tuple[_IntArray, _IntArray],
) -> _Fans:
    """Fans of a chain's inner vertices on one side.

    ``vertices`` holds each vertex's lon, lat, the azimuth of the normal of
    its incoming edge and the boundary's turn there; ``normals`` the ends of
    the normals at the start and end of every edge; ``edges`` each vertex's
    incoming and outgoing edge. Plain ranges get a fan where the boundary
    turns away from this side, big ranges an overlapping fan at every vertex.
    """
    vlon, vlat, normal_in, turn = vertices
    start, end = normals
    vin, vout = edges
    if not plan.big:
        # the boundary turns away from this side (not straight on: no gap)
        out = (side * turn < 0.0) & (np.abs(turn) >= _STRAIGHT_DEG)
        return _Fans(
            vlon[out],
            vlat[out],
            normal_in[out],
            turn[out],
            _pick(end, vin[out]),
            _pick(start, vout[out]),
            np.zeros(int(out.sum()), dtype=bool),
        )
    ext = np.where(turn >= 0.0, plan.overlap_deg, -plan.overlap_deg)
    return _free_fans(plan, vlon, vlat, normal_in - ext, turn + 2.0 * ext)


def _line_end_fans(
    plan: _Plan,
    chain: _FloatArray,
    az12: _FloatArray,
    az21: _FloatArray,
    ends: dict[int, tuple[_Places, _Places]],
) -> list[_Fans]:
    """Half-circle fans around both ends of an open line (overlapping for big ranges)."""
    (l_start, l_end), (r_start, r_end) = ends[-1], ends[1]
    nseg = az12.size
    head = np.array([0])
    tail = np.array([nseg - 1])
    if not plan.big:
        return [
            _Fans(
                chain[:1, 0],
                chain[:1, 1],
                az12[:1] - 90.0,
                np.array([-180.0]),
                _pick(l_start, head),
                _pick(r_start, head),
                np.zeros(1, dtype=bool),
            ),
            _Fans(
                chain[-1:, 0],
                chain[-1:, 1],
                az21[-1:] - 90.0,
                np.array([-180.0]),
                _pick(r_end, tail),
                _pick(l_end, tail),
                np.zeros(1, dtype=bool),
            ),
        ]
    wide = plan.overlap_deg
    return [
        _free_fans(
            plan,
            chain[[0, -1], 0],
            chain[[0, -1], 1],
            np.array([az12[0] - 90.0 + wide, az21[-1] - 90.0 + wide]),
            np.full(2, -180.0 - 2.0 * wide),
        )
    ]


def _free_fans(
    plan: _Plan, lon: _FloatArray, lat: _FloatArray, az0: _FloatArray, sweep: _FloatArray
) -> _Fans:
    """Fans whose end points are not shared with any quadrilateral."""
    sweep = np.clip(sweep, -360.0, 360.0)
    full = np.abs(sweep) >= 360.0
    f0 = _fwd(lon, lat, az0, plan.range_m)
    f1 = _fwd(lon, lat, az0 + sweep, plan.range_m)
    x0, y0 = plan.frame.xy(*f0)
    x1, y1 = plan.frame.xy(*f1)
    x1 = np.where(full, x0, x1)
    y1 = np.where(full, y0, y1)
    return _Fans(lon, lat, az0, sweep, (*f0, x0, y0), (*f1, x1, y1), full)


def _point_fans(plan: _Plan, points: _FloatArray) -> _Fans:
    """Whole circles around points."""
    n = points.shape[0]
    return _free_fans(plan, points[:, 0], points[:, 1], np.zeros(n), np.full(n, -360.0))


def _fan_rings(plan: _Plan, fans: _Fans) -> list[Polygon]:
    """Densify the arcs and return each fan as a polygon in the map.

    Each arc starts with azimuth steps at which a chord of the circle sags by
    about the tolerance, then every straight map edge whose checked points
    miss the range by more than the tolerance is halved, until none does.
    """
    if fans.size == 0:
        return []
    arc, _, _, _, x, y = _refine_arcs(plan, fans, _arc_points(plan, fans))
    return _fan_polygons(plan.frame, fans, arc, x, y)


#: Points along arcs: each point's arc, its fraction of the sweep, lon, lat,
#: map x and map y; sorted by arc, then fraction.
_ArcPoints = tuple[_IntArray, _FloatArray, _FloatArray, _FloatArray, _FloatArray, _FloatArray]


def _arc_points(plan: _Plan, fans: _Fans) -> _ArcPoints:
    """Return the first points of every arc, at azimuth steps of about the tolerance.

    The two ends are the fan's given ``first`` and ``last`` points (a whole
    circle ends at its first point).
    """
    frame, range_m, tol = plan.frame, plan.range_m, plan.chord_m
    radius = _EARTH_M * abs(math.sin(range_m / _EARTH_M))
    step = min(math.degrees(math.sqrt(8.0 * 0.7 * tol / max(radius, 1.0))), 10.0)
    counts = np.maximum(np.ceil(np.abs(fans.sweep) / step).astype(np.intp), 1)
    arc = np.repeat(np.arange(fans.size), counts + 1)
    offset = np.repeat(np.cumsum(counts + 1) - (counts + 1), counts + 1)
    frac = (np.arange(arc.size) - offset) / counts[arc]
    x = np.empty(arc.size)
    y = np.empty(arc.size)
    lon = np.empty(arc.size)
    lat = np.empty(arc.size)
    mid = (frac > 0.0) & (frac < 1.0)
    a = arc[mid]
    lon[mid], lat[mid] = _fwd(
        fans.lon[a], fans.lat[a], fans.az0[a] + fans.sweep[a] * frac[mid], range_m
    )
    x[mid], y[mid] = frame.xy(lon[mid], lat[mid])
    for where, ends in ((frac == 0.0, fans.first), (frac == 1.0, fans.last)):
        a = arc[where]
        lon[where], lat[where], x[where], y[where] = (e[a] for e in ends)
    last_full = (frac == 1.0) & fans.full[arc]
    a = arc[last_full]
    lon[last_full], lat[last_full], x[last_full], y[last_full] = (e[a] for e in fans.first)
    return arc, frac, lon, lat, x, y


def _refine_arcs(plan: _Plan, fans: _Fans, points: _ArcPoints) -> _ArcPoints:
    """Halve every arc step whose map chord misses the range by more than the tolerance."""
    frame, range_m, tol = plan.frame, plan.range_m, plan.chord_m
    arc, frac, lon, lat, x, y = points
    for _ in range(_MAX_ROUNDS):
        i = np.flatnonzero(arc[:-1] == arc[1:])
        # A chord of a circle (the arc's image is nearly one) strays most
        # from it at its midpoint.
        slon, slat = _samples(frame, x[i], y[i], x[i + 1], y[i + 1], _ARC_SAMPLES)
        a = np.tile(arc[i], _ARC_SAMPLES.size)
        _, _, dist = _inv(fans.lon[a], fans.lat[a], slon, slat)
        error = np.abs(dist - range_m).reshape(_ARC_SAMPLES.size, -1).max(axis=0)
        bad = i[(error > tol) & (np.abs(frac[i + 1] - frac[i]) * np.abs(fans.sweep[arc[i]]) > 1e-9)]
        if bad.size == 0:
            break
        fm = 0.5 * (frac[bad] + frac[bad + 1])
        am = arc[bad]
        lm, tm = _fwd(fans.lon[am], fans.lat[am], fans.az0[am] + fans.sweep[am] * fm, range_m)
        xm, ym = frame.xy(lm, tm)
        arc = np.concatenate([arc, am])
        frac = np.concatenate([frac, fm])
        lon, lat = np.concatenate([lon, lm]), np.concatenate([lat, tm])
        x, y = np.concatenate([x, xm]), np.concatenate([y, ym])
        order = np.lexsort((frac, arc))
        arc, frac, lon, lat, x, y = (
            arc[order],
            frac[order],
            lon[order],
            lat[order],
            x[order],
            y[order],
        )
    return arc, frac, lon, lat, x, y


def _fan_polygons(
    frame: _Frame, fans: _Fans, arc: _IntArray, x: _FloatArray, y: _FloatArray
) -> list[Polygon]:
    """Return the fans as map polygons from their arcs' points (sorted by arc)."""
    # A circle's arc is already closed: its ends are the very same point.
    n_arc = np.bincount(arc, minlength=fans.size)
    k = np.arange(arc.size) - (np.cumsum(n_arc) - n_arc)[arc]
    return list(fans.polygons(frame, arc, k, n_arc, x, y))
