"""An independent geodesic truth: exact distances to a geometry, without rangemap's own search.

The truth does not use the code it checks (:mod:`rangemap.geodesy.distance`):
it densifies the launch geometry along its straight lon/lat edges (200 m by
default), preselects candidate vertices by their straight-line (ECEF chord)
distance, measures them exactly with ``GEOD.inv`` and then minimises the
exact distance along the dense edges next to the best vertex (golden-section
search). A reach is checked at every boundary vertex *and* at the midpoint
of every straight lon/lat edge, where the drawn boundary strays most.

Used by ``tests/test_reach.py`` and ``benchmarks/bench_reach.py``; it lives
here so that the benchmarks import nothing from the tests.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from rangemap.geodesy import GEOD

__all__ = ["SPACING_M", "Truth", "boundary_errors_m", "boundary_points"]

SPACING_M = 200.0
_ECEF = Transformer.from_crs("EPSG:4326", "EPSG:4978", always_xy=True)
_GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0


# --------------------------------------------------------------------------
# the independent truth


def _chains(geometry: BaseGeometry) -> list[np.ndarray]:
    """Vertex chains of every point, line and polygon ring (lon/lat)."""
    out: list[np.ndarray] = []
    for part in shapely.get_parts(geometry):
        kind = part.geom_type
        if kind == "Point":
            out.append(np.array([[part.x, part.y]]))
        elif kind in ("LineString", "LinearRing"):
            out.append(shapely.get_coordinates(part))
        elif kind == "Polygon":
            out.extend(shapely.get_coordinates(r) for r in (part.exterior, *part.interiors))
        else:
            out.extend(_chains(part))
    return out


def _dense(chain: np.ndarray, spacing_m: float) -> np.ndarray:
    """Points every ``spacing_m`` or less along straight lon/lat edges."""
    if chain.shape[0] == 1:
        return chain
    _, _, length = GEOD.inv(chain[:-1, 0], chain[:-1, 1], chain[1:, 0], chain[1:, 1])
    pieces = []
    for i, n in enumerate(np.maximum(np.ceil(np.asarray(length) / spacing_m), 1).astype(int)):
        t = np.arange(n)[:, None] / n
        pieces.append(chain[i] + t * (chain[i + 1] - chain[i]))
    pieces.append(chain[-1:])
    return np.vstack(pieces)


class Truth:
    """Exact distances to a geometry, computed without rangemap.geodesy.distance."""

    def __init__(self, geometry: BaseGeometry, spacing_m: float = SPACING_M) -> None:
        dense = [_dense(c, spacing_m) for c in _chains(geometry)]
        self.verts = np.vstack(dense)
        # Index of the next vertex along the same chain (-1 at a chain's end).
        nxt = []
        start = 0
        for d in dense:
            idx = np.arange(start + 1, start + d.shape[0] + 1)
            idx[-1] = -1
            nxt.append(idx)
            start += d.shape[0]
        self.next = np.concatenate(nxt)
        self.prev = np.full(self.next.size, -1)
        has_next = self.next >= 0
        self.prev[self.next[has_next]] = np.flatnonzero(has_next)
        x, y, z = _ECEF.transform(self.verts[:, 0], self.verts[:, 1], np.zeros(len(self.verts)))
        self.xyz = np.column_stack([x, y, z])
        self._xyz2 = (self.xyz**2).sum(axis=1)
        polys = [
            p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")
        ]
        for p in shapely.get_parts(geometry):
            if p.geom_type == "GeometryCollection":
                polys.extend(
                    q for q in shapely.get_parts(p) if q.geom_type in ("Polygon", "MultiPolygon")
                )
        self.area = shapely.union_all(polys) if polys else None

    def nearest(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distances (m) and the closest points (lon/lat) of G to each place."""
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        dist = np.empty(lon.size)
        where = np.empty((lon.size, 2))
        px, py, pz = _ECEF.transform(lon, lat, np.zeros(lon.size))
        p = np.column_stack([px, py, pz])
        for start in range(0, lon.size, 256):
            sl = slice(start, start + 256)
            # Squared chords as |p|² + |v|² - 2 p·v (one matrix product): off by
            # well under a square metre, against a preselection slack of 200 m.
            chord2 = (p[sl] ** 2).sum(axis=1)[:, None] + self._xyz2[None, :]
            chord2 -= 2.0 * (p[sl] @ self.xyz.T)
            cmin = np.sqrt(np.maximum(chord2.min(axis=1), 0.0))
            pi, vi = np.nonzero(chord2 <= ((cmin * 1.002 + 200.0) ** 2)[:, None])
            _, _, d = GEOD.inv(lon[sl][pi], lat[sl][pi], self.verts[vi, 0], self.verts[vi, 1])
            d = np.asarray(d)
            best = np.full(cmin.size, np.inf)
            np.minimum.at(best, pi, d)
            hit = d == best[pi]
            first = np.full(cmin.size, -1)
            first[pi[hit][::-1]] = vi[hit][::-1]
            dist[sl], where[sl] = best, self.verts[first]
            # Minimise along the dense edges on either side of the best vertex.
            for other in (self.next[first], self.prev[first]):
                ok = np.flatnonzero(other >= 0)
                if ok.size == 0:
                    continue
                a = self.verts[first[ok]]
                b = self.verts[other[ok]]
                d_edge, q = _golden(lon[sl][ok], lat[sl][ok], a, b)
                better = d_edge < dist[sl][ok]
                idx = np.arange(lon.size)[sl][ok][better]
                dist[idx] = d_edge[better]
                where[idx] = q[better]
        if self.area is not None:
            inside = shapely.intersects_xy(self.area, lon, lat)
            dist[inside] = 0.0
            where[inside] = np.column_stack([lon, lat])[inside]
        return dist, where

    def distance_m(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        return self.nearest(lon, lat)[0]


def _golden(
    lon: np.ndarray, lat: np.ndarray, a: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Golden-section minimum of the exact distance along straight lon/lat edges."""

    def f(t: np.ndarray, sel: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Exact distance from each place ``sel`` picks to its edge at ``t``."""
        q = a[sel] + t[:, None] * (b[sel] - a[sel])
        _, _, d = GEOD.inv(lon[sel], lat[sel], q[:, 0], q[:, 1])
        return np.asarray(d)

    lo = np.zeros(lon.size)
    hi = np.ones(lon.size)
    x1 = hi - _GOLDEN * (hi - lo)
    x2 = lo + _GOLDEN * (hi - lo)
    f1, f2 = f(x1), f(x2)
    for _ in range(40):
        left = f1 < f2
        hi = np.where(left, x2, hi)
        lo = np.where(left, lo, x1)
        x2n = np.where(left, x1, lo + _GOLDEN * (hi - lo))
        x1n = np.where(left, hi - _GOLDEN * (hi - lo), x2)
        f2n = np.where(left, f1, np.nan)
        f1n = np.where(left, np.nan, f2)
        x1, x2 = x1n, x2n
        need1 = np.isnan(f1n)
        need2 = np.isnan(f2n)
        # Each place needs one new value per round: measure only those.
        f1n[need1] = f(x1[need1], need1)
        f2n[need2] = f(x2[need2], need2)
        f1, f2 = f1n, f2n
    t = 0.5 * (lo + hi)
    return f(t), a + t[:, None] * (b - a)


def boundary_points(geom: BaseGeometry) -> tuple[np.ndarray, np.ndarray]:
    """Every boundary vertex and the midpoint of every straight lon/lat edge.

    Edges along the map's edge (±180° and ±90°, where RFC 7946 cuts and
    closes polygons) are not part of the range's edge and are skipped.
    """
    lons, lats = [], []
    for poly in shapely.get_parts(geom):
        for ring in (poly.exterior, *poly.interiors):
            c = shapely.get_coordinates(ring)
            a, b = c[:-1], c[1:]
            seam = ((np.abs(a[:, 0]) == 180.0) & (a[:, 0] == b[:, 0])) | (
                (np.abs(a[:, 1]) == 90.0) & (a[:, 1] == b[:, 1])
            )
            mid = 0.5 * (a + b)[~seam]
            on_edge = (np.abs(a[:, 0]) == 180.0) | (np.abs(a[:, 1]) == 90.0)
            vert = a[~on_edge]
            lons.append(np.concatenate([vert[:, 0], mid[:, 0]]))
            lats.append(np.concatenate([vert[:, 1], mid[:, 1]]))
    return np.concatenate(lons), np.concatenate(lats)


def boundary_errors_m(
    launch: BaseGeometry, result: BaseGeometry, range_km: float, *, sample: int | None = None
) -> np.ndarray:
    """Exact distance to ``launch`` minus the range (m), over the boundary of ``result``."""
    lon, lat = boundary_points(result)
    if sample is not None and lon.size > sample:
        pick = np.random.default_rng(0).choice(lon.size, sample, replace=False)
        lon, lat = lon[pick], lat[pick]
    return Truth(launch).distance_m(lon, lat) - range_km * 1000.0
