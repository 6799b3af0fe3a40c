"""Tests of rangemap.geodesy reaches and distances against an independent geodesic truth.

The truth (``benchmarks/truth.py``, shared with the benchmarks) does not use
the code under test; its docstring says how it measures. A reach is checked
at every boundary vertex *and* at the midpoint of every straight lon/lat
edge, where the drawn boundary strays most.
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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

from benchmarks.truth import Truth, boundary_errors_m, boundary_points
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

#: One xdist worker runs this module: its tests share expensive results (see pyproject.toml).
pytestmark = pytest.mark.xdist_group("reach")

TOLERANCE_M = 25.0


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


@pytest.mark.parametrize("lon_offset", [0.0, 2.512e-11, 1e-9])
def test_a_straight_line_leaves_no_crack(lon_offset: float) -> None:
    # Along a line running straight on, the normals of consecutive edges end
    # apart by rounding only; a crack between their quadrilaterals once cut
    # from the reach's edge right in to the line (found by hypothesis).
    launch = LineString([(0.0, 0.0), (0.0, 0.0), (lon_offset, 1.0)])
    result = reach(launch, 1.0)
    assert np.abs(boundary_errors_m(launch, result, 1.0, sample=400)).max() <= TOLERANCE_M


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
