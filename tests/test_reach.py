"""Tests of rangemap.geodesy reaches and distances against an independent geodesic truth.

The truth (:func:`truth_distance_m`) does not use the code under test: it
densifies the launch geometry along its straight lon/lat edges to 200 m,
preselects candidate vertices by their straight-line (ECEF chord) distance,
measures them exactly with ``GEOD.inv`` and then minimises the exact
distance along the dense edges next to the best vertex (golden-section
search). A reach is checked at every boundary vertex *and* at the midpoint
of every straight lon/lat edge, where the drawn boundary strays most.
"""

from __future__ import annotations

import math
import subprocess
import sys
from functools import cache

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Transformer
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
    box,
)
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError, RangemapError
from rangemap.geodesy import (
    GEOD,
    band,
    distance_to_km,
    distances_to_km,
    reach,
    ring_polygon,
    standoff,
)
from rangemap.places import resolve_launch

TOLERANCE_M = 25.0
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
        for start in range(0, lon.size, 128):
            sl = slice(start, start + 128)
            chord = np.linalg.norm(p[sl, None, :] - self.xyz[None, :, :], axis=2)
            cmin = chord.min(axis=1)
            pi, vi = np.nonzero(chord <= (cmin * 1.002 + 200.0)[:, None])
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

    def f(t: np.ndarray) -> np.ndarray:
        q = a + t[:, None] * (b - a)
        _, _, d = GEOD.inv(lon, lat, q[:, 0], q[:, 1])
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
        f1n[need1] = f(x1)[need1]
        f2n[need2] = f(x2)[need2]
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


@cache
def ukraine() -> BaseGeometry:
    return resolve_launch("UA").geometry


@cache
def ua_ru_border() -> BaseGeometry:
    return resolve_launch("border:UA-RU").geometry


@cache
def cached_reach(name: str, range_km: float) -> BaseGeometry:
    geom = {"UA": ukraine, "border:UA-RU": ua_ru_border}[name]()
    return reach(geom, range_km)


# --------------------------------------------------------------------------
# the truth itself


def test_truth_matches_known_distances() -> None:
    line = LineString([(30.0, 0.0), (32.0, 0.0)])
    d, q = Truth(line).nearest(np.array([31.0]), np.array([1.0]))
    _, _, expected = GEOD.inv(31.0, 1.0, 31.0, 0.0)
    assert abs(d[0] - expected) < 1e-3
    assert abs(q[0, 0] - 31.0) < 1e-6


# --------------------------------------------------------------------------
# accuracy: the test


@pytest.mark.parametrize("name", ["UA", "border:UA-RU"])
def test_boundary_within_tolerance_of_range(name: str) -> None:
    launch = {"UA": ukraine, "border:UA-RU": ua_ru_border}[name]()
    result = cached_reach(name, 300.0)
    errors = boundary_errors_m(launch, result, 300.0)
    assert errors.size > 500
    assert np.abs(errors).max() <= TOLERANCE_M, (errors.min(), errors.max())


def test_point_reach_is_the_ring() -> None:
    # reach() checks its edges against half its tolerance, as the ring does here.
    result = reach(Point(36.1873, 51.7373), 300)
    ring = ring_polygon(36.1873, 51.7373, 300, tolerance_m=TOLERANCE_M / 2)
    assert result.equals_exact(ring, 0.0)
    assert np.abs(boundary_errors_m(Point(36.1873, 51.7373), result, 300)).max() <= TOLERANCE_M


@pytest.mark.parametrize("tolerance_m", [5.0, 100.0])
def test_tolerance_is_kept(tolerance_m: float) -> None:
    launch = box(35.0, 50.0, 37.0, 51.5)
    result = reach(launch, 150, tolerance_m=tolerance_m)
    errors = boundary_errors_m(launch, result, 150)
    assert np.abs(errors).max() <= tolerance_m


# --------------------------------------------------------------------------
# what is in and what is out


def test_reach_contains_the_launch_geometry() -> None:
    assert cached_reach("UA", 300.0).covers(ukraine())
    assert cached_reach("border:UA-RU", 300.0).covers(ua_ru_border())


@pytest.mark.parametrize("name", ["UA", "border:UA-RU"])
def test_one_km_inside_is_in_and_one_km_beyond_is_out(name: str) -> None:
    launch = {"UA": ukraine, "border:UA-RU": ua_ru_border}[name]()
    result = cached_reach(name, 300.0)
    truth = Truth(launch)
    # Boundary vertices in twelve directions around the launch geometry.
    centre = launch.centroid
    coords = shapely.get_coordinates(result.exterior if result.geom_type == "Polygon" else result)
    az, _, _ = GEOD.inv(
        np.full(len(coords), centre.x), np.full(len(coords), centre.y), coords[:, 0], coords[:, 1]
    )
    picks = [
        int(np.argmin(np.abs((np.asarray(az) - a + 180.0) % 360.0 - 180.0)))
        for a in range(-180, 180, 30)
    ]
    lon, lat = coords[picks, 0], coords[picks, 1]
    _, closest = truth.nearest(lon, lat)
    heading, _, _ = GEOD.inv(closest[:, 0], closest[:, 1], lon, lat)
    for offset_m, expect_inside in ((-1000.0, True), (1000.0, False)):
        x, y, _ = GEOD.fwd(
            closest[:, 0], closest[:, 1], heading, np.full(len(picks), 300e3 + offset_m)
        )
        d = truth.distance_m(np.asarray(x), np.asarray(y))
        if expect_inside:
            assert (d <= 299e3 + 1.0).all()
        else:
            assert (d >= 300.5e3).all()
        assert (shapely.contains_xy(result, x, y) == expect_inside).all()


def test_random_places_inside_iff_within_range() -> None:
    launch = ua_ru_border()
    result = cached_reach("border:UA-RU", 300.0)
    rng = np.random.default_rng(7)
    lon = rng.uniform(25.0, 47.0, 1500)
    lat = rng.uniform(43.0, 57.0, 1500)
    d = Truth(launch).distance_m(lon, lat)
    clear = np.abs(d - 300e3) > 1000.0
    inside = shapely.contains_xy(result, lon, lat)
    assert clear.sum() > 1000
    assert (inside[clear] == (d[clear] < 300e3)).all()


def test_reaches_nest() -> None:
    launch = box(30.0, 48.0, 33.0, 50.0)
    small, large = reach(launch, 100), reach(launch, 101)
    assert large.contains(small)
    assert shapely.difference(small, large).area == 0.0


def test_band_is_the_difference_of_two_reaches() -> None:
    launch = ua_ru_border()
    ring = band(launch, 100, 300)
    expected = shapely.difference(reach(launch, 300), reach(launch, 100))
    assert ring.is_valid
    assert shapely.symmetric_difference(ring, expected).area < 1e-9
    truth = Truth(launch)
    lon, lat = boundary_points(ring)
    d = truth.distance_m(lon, lat)
    near_low, near_high = np.abs(d - 100e3) <= TOLERANCE_M, np.abs(d - 300e3) <= TOLERANCE_M
    assert (near_low | near_high).all()
    assert near_low.any() and near_high.any()


def test_band_from_zero_removes_only_the_polygons() -> None:
    launch = box(30.0, 48.0, 31.0, 49.0)
    ring = band(launch, 0, 50)
    assert not ring.intersects(Point(30.5, 48.5))
    assert ring.contains(Point(31.2, 48.5))
    assert band(LineString([(30, 48), (31, 48)]), 0, 50).equals(
        reach(LineString([(30, 48), (31, 48)]), 50)
    )


# --------------------------------------------------------------------------
# geometry kinds


def test_multipoint_is_the_union_of_its_rings() -> None:
    kyiv, kursk = (30.5234, 50.4501), (36.1873, 51.7373)
    result = reach(MultiPoint([kyiv, kursk]), 300)
    rings = shapely.union(ring_polygon(*kyiv, 300), ring_polygon(*kursk, 300))
    assert result.is_valid
    assert shapely.symmetric_difference(result, rings).area / rings.area < 1e-4
    assert np.abs(boundary_errors_m(MultiPoint([kyiv, kursk]), result, 300)).max() <= TOLERANCE_M


def test_geometry_collection() -> None:
    launch = GeometryCollection(
        [
            Point(30.0, 50.0),
            LineString([(32.0, 50.0), (34.0, 51.0), (34.5, 49.5)]),
            Polygon([(35.0, 48.0), (36.0, 48.0), (36.0, 49.0), (35.5, 48.4), (35.0, 49.0)]),
        ]
    )
    result = reach(launch, 120)
    assert result.is_valid
    assert result.covers(launch)
    assert np.abs(boundary_errors_m(launch, result, 120)).max() <= TOLERANCE_M


def test_polygon_with_hole_keeps_a_far_hole() -> None:
    outer = Polygon(
        [(20.0, 40.0), (40.0, 40.0), (40.0, 56.0), (20.0, 56.0)],
        [[(25.0, 44.0), (35.0, 44.0), (35.0, 52.0), (25.0, 52.0)]],
    )
    result = reach(outer, 100)
    assert result.geom_type == "Polygon"
    assert len(result.interiors) == 1
    assert not result.contains(Point(30.0, 48.0))
    assert np.abs(boundary_errors_m(outer, result, 100, sample=1500)).max() <= TOLERANCE_M


def test_lines_across_the_antimeridian() -> None:
    launch = MultiLineString([[(178.0, 64.0), (180.0, 65.0)], [(-180.0, 65.0), (-177.0, 66.0)]])
    result = reach(launch, 200)
    assert result.is_valid
    assert result.geom_type == "MultiPolygon"
    minx, _, maxx, _ = result.bounds
    assert minx == -180.0 and maxx == 180.0
    assert result.contains(Point(179.9, 65.0)) and result.contains(Point(-179.9, 65.0))
    assert np.abs(boundary_errors_m(launch, result, 200)).max() <= TOLERANCE_M


def test_polygon_split_at_the_antimeridian() -> None:
    launch = MultiPolygon([box(175.0, 64.0, 180.0, 66.0), box(-180.0, 64.0, -175.0, 66.0)])
    result = reach(launch, 150)
    assert result.is_valid and result.geom_type == "MultiPolygon"
    assert result.covers(launch)
    assert not result.contains(Point(0.0, 65.0))
    assert np.abs(boundary_errors_m(launch, result, 150)).max() <= TOLERANCE_M


def test_reach_over_the_north_pole() -> None:
    launch = MultiPoint([(0.0, 85.0), (120.0, 86.0)])
    result = reach(launch, 800)
    assert result.is_valid
    assert result.bounds[3] == 90.0
    for lon in (-170.0, -60.0, 45.0, 170.0):
        assert result.contains(Point(lon, 89.9))
    assert np.abs(boundary_errors_m(launch, result, 800)).max() <= TOLERANCE_M


def test_big_range_from_an_area() -> None:
    launch = box(30.0, 48.0, 33.0, 50.0)
    result = reach(launch, 7000)
    assert result.is_valid
    assert result.contains(Point(0.0, 90.0 - 1e-6)) or result.covers(Point(0.0, 90.0))
    assert np.abs(boundary_errors_m(launch, result, 7000, sample=1500)).max() <= TOLERANCE_M


def test_whole_earth() -> None:
    assert reach(box(30.0, 48.0, 33.0, 50.0), 20000).equals(box(-180.0, -90.0, 180.0, 90.0))


def test_tiny_range() -> None:
    launch = box(30.0, 50.0, 30.01, 50.01)
    result = reach(launch, 0.05)
    assert result.covers(launch)
    assert np.abs(boundary_errors_m(launch, result, 0.05)).max() <= TOLERANCE_M


# --------------------------------------------------------------------------
# random launch geometries


@st.composite
def launch_geometries(draw: st.DrawFn) -> BaseGeometry:
    lon0 = draw(st.floats(-170.0, 170.0))
    lat0 = draw(st.floats(-70.0, 70.0))
    n = draw(st.integers(1, 6))
    pts = [(lon0 + draw(st.floats(-2.0, 2.0)), lat0 + draw(st.floats(-2.0, 2.0))) for _ in range(n)]
    kind = draw(st.sampled_from(["points", "line", "polygon"]))
    if kind == "points" or n < 3:
        return MultiPoint(pts)
    if kind == "line":
        return LineString(pts)
    return shapely.convex_hull(MultiPoint(pts)) if n >= 3 else MultiPoint(pts)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(launch=launch_geometries(), range_km=st.floats(1.0, 3000.0))
def test_random_geometries_keep_the_range(launch: BaseGeometry, range_km: float) -> None:
    result = reach(launch, range_km)
    assert result.is_valid
    assert result.buffer(1e-9).covers(launch)
    errors = boundary_errors_m(launch, result, range_km, sample=400)
    assert np.abs(errors).max() <= TOLERANCE_M


# --------------------------------------------------------------------------
# distances


def test_distance_inside_an_edge() -> None:
    line = LineString([(30.0, 0.0), (32.0, 0.0)])
    _, _, expected = GEOD.inv(31.0, 1.0, 31.0, 0.0)
    assert distance_to_km(line, 31.0, 1.0) == pytest.approx(expected / 1000.0, abs=1e-9)
    # A vertex-only answer would be much farther.
    _, _, to_vertex = GEOD.inv(31.0, 1.0, 30.0, 0.0)
    assert distance_to_km(line, 31.0, 1.0) < to_vertex / 1000.0 - 40.0


def test_distance_is_zero_inside_a_polygon() -> None:
    assert distance_to_km(ukraine(), 30.5234, 50.4501) == 0.0


def test_distances_match_the_truth() -> None:
    launch = ukraine()
    rng = np.random.default_rng(3)
    lon = rng.uniform(15.0, 50.0, 300)
    lat = rng.uniform(38.0, 60.0, 300)
    got = distances_to_km(launch, lon, lat) * 1000.0
    want = Truth(launch).distance_m(lon, lat)
    assert np.abs(got - want).max() < 0.01


def test_distance_to_a_long_segment_in_a_tight_block() -> None:
    # 31 tiny zigzag segments and then one long one: the first block of 32
    # has its centre by the zigzag, and the far end of the long segment lies
    # a whole segment from it. A bound of the block that took only half the
    # segment dropped it, leaving the distance to the next block (about 2 km).
    zigzag = [(30.0 + 0.0001 * (k % 2), 50.0) for k in range(32)]
    line = LineString([*zigzag, (30.0, 50.09), (30.0001, 50.09)])
    lon, lat = np.array([30.005]), np.array([50.072])
    got = distances_to_km(line, lon, lat) * 1000.0
    want = Truth(line, spacing_m=10.0).distance_m(lon, lat)
    assert abs(got[0] - want[0]) < 0.01


def test_distances_keep_the_shape_and_near_points() -> None:
    line = LineString([(30.0, 50.0), (31.0, 50.5)])
    lon = np.array([[30.5, 30.5], [30.0, 31.0]])
    lat = np.array([[50.25 + 1e-5, 50.25], [50.0, 50.5]])
    got = distances_to_km(line, lon, lat)
    assert got.shape == (2, 2)
    want = Truth(line, spacing_m=20.0).distance_m(lon.ravel(), lat.ravel()) / 1000.0
    assert np.abs(got.ravel() - want).max() < 1e-5


# --------------------------------------------------------------------------
# stand-off


def test_standoff_line_is_the_border_moved_inland() -> None:
    border = ua_ru_border()
    side = ukraine()
    line = standoff(border, border, 50, side)
    assert line.geom_type in ("LineString", "MultiLineString")
    assert side.buffer(1e-9).covers(line)
    lon, lat = shapely.get_coordinates(line).T
    d = Truth(border).distance_m(lon, lat)
    assert np.abs(d - 50e3).max() <= TOLERANCE_M


def test_standoff_area_keeps_its_distance() -> None:
    border = ua_ru_border()
    side = ukraine()
    kept = standoff(side, border, 50, side)
    assert kept.is_valid and kept.area < side.area
    assert not kept.contains(Point(35.0, 50.6))  # Kharkiv region, near the border
    assert kept.contains(Point(30.5234, 50.4501))  # Kyiv, far from it
    pts = standoff(MultiPoint([(36.23, 49.99), (30.52, 50.45)]), border, 50, side)
    assert pts.equals(Point(30.52, 50.45))


# --------------------------------------------------------------------------
# validity and errors


def test_module_stays_pure() -> None:
    code = (
        "import sys, rangemap.geodesy; "
        "bad = {'folium', 'geopandas', 'matplotlib'} & set(sys.modules); "
        "print(*sorted(bad)); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_results_are_valid_rfc7946() -> None:
    for result in (cached_reach("UA", 300.0), cached_reach("border:UA-RU", 300.0)):
        assert result.is_valid
        for poly in shapely.get_parts(result):
            assert shapely.is_ccw(poly.exterior)
        minx, miny, maxx, maxy = result.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


@pytest.mark.parametrize(
    "geometry",
    [Point(), LineString(), Polygon(), GeometryCollection(), MultiPolygon()],
    ids=["point", "line", "polygon", "collection", "multipolygon"],
)
def test_empty_geometry_is_an_input_error(geometry: BaseGeometry) -> None:
    with pytest.raises(InputError, match="empty"):
        reach(geometry, 300)


@pytest.mark.parametrize(
    "geometry",
    ["30,50", None, Point(200.0, 10.0), Point(10.0, 95.0), Point(float("nan"), 1.0)],
)
def test_bad_geometry_is_an_input_error(geometry: object) -> None:
    with pytest.raises(InputError):
        reach(geometry, 300)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        distance_to_km(geometry, 30.0, 50.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("range_km", [0, -1, 20_001, float("nan"), float("inf"), "far"])
def test_bad_range_is_an_input_error(range_km: object) -> None:
    with pytest.raises(InputError):
        reach(Point(30.0, 50.0), range_km)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        reach(box(30.0, 50.0, 31.0, 51.0), range_km)  # type: ignore[arg-type]


@pytest.mark.parametrize(("low", "high"), [(300, 100), (100, 100), (-1, 100), (0, 0), (0, 20_001)])
def test_bad_band_is_an_input_error(low: float, high: float) -> None:
    with pytest.raises(InputError):
        band(Point(30.0, 50.0), low, high)


@pytest.mark.parametrize("tolerance_m", [0.5, 0, -3, float("nan"), "fine"])
def test_bad_tolerance_is_an_input_error(tolerance_m: object) -> None:
    with pytest.raises(InputError):
        reach(box(30.0, 50.0, 31.0, 51.0), 100, tolerance_m=tolerance_m)  # type: ignore[arg-type]


def test_bad_places_are_input_errors() -> None:
    line = LineString([(30.0, 50.0), (31.0, 50.0)])
    with pytest.raises(InputError):
        distance_to_km(line, 30.0, 91.0)
    with pytest.raises(InputError):
        distances_to_km(line, [30.0, 31.0], [50.0])
    with pytest.raises(InputError):
        distances_to_km(line, [float("nan")], [50.0])
    with pytest.raises(RangemapError):
        standoff(line, line, 10, line)
