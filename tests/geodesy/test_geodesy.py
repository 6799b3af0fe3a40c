"""Tests of rangemap.geodesy against GeographicLib (pyproj.Geod) itself.

The truth throughout is the exact geodesic distance from ``GEOD.inv``; the
rings under test are built with ``GEOD.fwd`` and densified, so these tests
check that the construction, the densification and the antimeridian/pole
fixing keep every drawn point at the range.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import math
import pkgutil
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon

from rangemap import geodesy
from rangemap.errors import InputError, RangemapError
from rangemap.geodesy import (
    GEOD,
    MAX_RANGE_KM,
    check_lonlat,
    check_range_km,
    distance_km,
    geometry_area_km2,
    ring_coords,
    ring_line,
    ring_polygon,
)

#: WGS84 surface area, km² (GeographicLib: 510,065,621.724 km²).
EARTH_KM2 = 510_065_621.724
LATITUDES = [0.0, 45.0, 51.7, 70.0, -60.0, 89.9, -89.9]
RANGES_KM = [1.0, 10.0, 165.0, 300.0, 1000.0, 5000.0, 10000.0, 19000.0]
KYIV = (30.5234, 50.4501)
KURSK = (36.1873, 51.7373)
FAST = settings(max_examples=40, deadline=None)


# --------------------------------------------------------------------------
# helpers


def dist_m(lon: float, lat: float, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Exact distances (m) from a centre to many points."""
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    _, _, d = GEOD.inv(np.full(lons.size, lon), np.full(lats.size, lat), lons, lats)
    return np.asarray(d)


def edge_points(coords: np.ndarray, count: int = 9) -> tuple[np.ndarray, np.ndarray]:
    """``count`` points inside each straight lon/lat edge (longitudes unwrapped)."""
    dlon = (np.diff(coords[:, 0]) + 180.0) % 360.0 - 180.0
    dlat = np.diff(coords[:, 1])
    t = np.linspace(0.0, 1.0, count + 2)[1:-1, None]
    return (coords[:-1, 0] + t * dlon).ravel(), (coords[:-1, 1] + t * dlat).ravel()


def reference(lon: float, lat: float, range_km: float) -> tuple[float, float]:
    """Area (km²) and perimeter (km) of the disc from a very dense ring.

    Geodesic-edge polygon through vertices every few metres of the circle,
    with the sign fixed for discs larger than half the Earth.
    """
    coords = ring_coords(lon, lat, range_km, tolerance_m=0.05)
    area, perimeter = GEOD.polygon_area_perimeter(coords[:, 0], coords[:, 1])
    if area < 0:  # GeographicLib reduces signed areas to (-A/2, A/2]
        area += EARTH_KM2 * 1e6
    return area / 1e6, perimeter / 1e3


def ellipsoid_zone_km2(lat: float) -> float:
    """Exact WGS84 area between the equator and a parallel, km²."""
    a, f = GEOD.a, GEOD.f
    b = a * (1 - f)
    e = math.sqrt(f * (2 - f))
    s = math.sin(math.radians(lat))
    q = s / (1 - (e * s) ** 2) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)
    return math.pi * b**2 * q / 1e6


def lon_steps(geom: Polygon | MultiPolygon | LineString | MultiLineString) -> float:
    """Largest longitude step along any edge of a geometry."""
    worst = 0.0
    for part in shapely.get_parts(geom):
        rings = [part] if isinstance(part, LineString) else [part.exterior, *part.interiors]
        for ring in rings:
            x = np.asarray(ring.coords)[:, 0]
            worst = max(worst, float(np.abs(np.diff(x)).max(initial=0.0)))
    return worst


def point_at(lon: float, lat: float, az: float, range_km: float) -> Point:
    x, y, _ = GEOD.fwd(lon, lat, az, range_km * 1000.0)
    return Point(x, y)


# --------------------------------------------------------------------------
# checks of input


@pytest.mark.parametrize(
    ("lon", "lat", "message"),
    [
        (30.0, 95.0, "latitude 95 is outside -90..90"),
        (30.0, -90.5, "latitude -90.5 is outside -90..90"),
        (181.0, 10.0, "longitude 181 is outside -180..180"),
        (float("nan"), 10.0, "longitude nan is outside -180..180"),
        (10.0, float("inf"), "latitude inf is outside -90..90"),
        ("east", 10.0, "longitude 'east' is not a number"),
    ],
)
def test_check_lonlat_rejects(lon: float, lat: float, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        check_lonlat(lon, lat)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, RangemapError)


@pytest.mark.parametrize(("lon", "lat"), [(-180, -90), (180, 90), (0, 0), (30.5, 50.45)])
def test_check_lonlat_accepts(lon: float, lat: float) -> None:
    check_lonlat(lon, lat)


@pytest.mark.parametrize("value", [0.0, -1.0, float("nan"), float("inf"), 20_000.001, 1e9])
def test_check_range_km_rejects(value: float) -> None:
    with pytest.raises(InputError, match="above 0 and at most 20,000 km"):
        check_range_km(value)


@pytest.mark.parametrize("value", [1e-3, 1.0, 300, 19_000.0, MAX_RANGE_KM])
def test_check_range_km_accepts(value: float) -> None:
    check_range_km(value)


@given(
    st.one_of(
        st.floats(max_value=0.0),
        st.floats(min_value=MAX_RANGE_KM, exclude_min=True),
        st.just(float("nan")),
    )
)
@FAST
def test_check_range_km_rejects_any_bad_range(value: float) -> None:
    with pytest.raises(InputError):
        check_range_km(value)


def test_ring_functions_check_their_input() -> None:
    with pytest.raises(InputError, match="latitude"):
        ring_polygon(30, 91, 300)
    with pytest.raises(InputError, match="range"):
        ring_line(30, 50, 0)
    with pytest.raises(InputError, match="tolerance"):
        ring_coords(30, 50, 300, tolerance_m=0)
    with pytest.raises(InputError, match="latitude"):
        distance_km(0, 0, 0, 100)


# --------------------------------------------------------------------------
# distances


@pytest.mark.parametrize(
    ("p1", "p2"),
    [
        (KYIV, KURSK),
        ((0, 0), (1, 0)),
        ((0, 90), (0, -90)),
        ((0, 0), (180, 0)),
        ((179.9, 10), (-179.9, 10)),
    ],
)
def test_distance_km_is_geographiclib(p1: tuple[float, float], p2: tuple[float, float]) -> None:
    _, _, expected = GEOD.inv(*p1, *p2)
    assert distance_km(*p1, *p2) == pytest.approx(expected / 1000.0, abs=1e-9)


def test_distance_km_known_values() -> None:
    assert distance_km(0, 0, 1, 0) == pytest.approx(111.319491, abs=1e-6)
    assert distance_km(0, 90, 0, -90) == pytest.approx(20_003.931459, abs=1e-6)
    assert distance_km(179.9, 0, -179.9, 0) == pytest.approx(22.263898, abs=1e-6)


# --------------------------------------------------------------------------
# every vertex is on the circle


@pytest.mark.parametrize("lat", LATITUDES)
@pytest.mark.parametrize("range_km", RANGES_KM)
def test_vertices_at_range(lat: float, range_km: float) -> None:
    coords = ring_coords(30.5, lat, range_km)
    d = dist_m(30.5, lat, coords[:, 0], coords[:, 1])
    assert np.abs(d - range_km * 1000.0).max() < 1.0
    assert (coords[0] == coords[-1]).all()


@pytest.mark.parametrize(
    ("lon", "lat"),
    [(179.5, 0.0), (179.5, 60.0), (-179.9, -45.0), (-179.9, 85.0), (0.0, 90.0), (0.0, -90.0)],
)
@pytest.mark.parametrize("range_km", [1.0, 300.0, 2000.0, 19000.0])
def test_vertices_at_range_antimeridian_and_poles(lon: float, lat: float, range_km: float) -> None:
    coords = ring_coords(lon, lat, range_km)
    d = dist_m(lon, lat, coords[:, 0], coords[:, 1])
    assert np.abs(d - range_km * 1000.0).max() < 1.0
    assert np.all(np.abs(coords[:, 0]) <= 180.0)
    assert np.all(np.abs(coords[:, 1]) <= 90.0)


def test_ring_starts_north_and_runs_counter_clockwise() -> None:
    coords = ring_coords(*KURSK, 300)
    assert coords[0, 0] == pytest.approx(KURSK[0], abs=1e-9)
    assert coords[0, 1] > KURSK[1]
    assert shapely.LinearRing(coords).is_ccw


def test_ring_around_pole_is_a_parallel() -> None:
    coords = ring_coords(0.0, 90.0, 1000.0)
    assert np.ptp(coords[:, 1]) < 1e-9


# --------------------------------------------------------------------------
# densification


DENSIFY_CASES = [
    (*KURSK, 165.0),
    (*KURSK, 300.0),
    (*KYIV, 1000.0),
    (30.5, 0.0, 5000.0),
    (30.5, 70.0, 300.0),
    (30.5, -60.0, 10000.0),
    (179.5, 60.0, 1000.0),
    (-179.9, 85.0, 1000.0),
    (30.5, -80.0, 2000.0),
    (*KYIV, 19000.0),
    (30.5, 89.9, 10.0),
]


@pytest.mark.parametrize(("lon", "lat", "range_km"), DENSIFY_CASES)
def test_edges_stay_within_tolerance(lon: float, lat: float, range_km: float) -> None:
    coords = ring_coords(lon, lat, range_km)
    xs, ys = edge_points(coords, 9)
    error = dist_m(lon, lat, xs, ys) - range_km * 1000.0
    assert -error.max() <= 10.0 + 1e-6  # never more than 10 m inside the circle
    assert error.max() <= 10.0 + 1e-6  # nor outside it


@pytest.mark.parametrize("tolerance_m", [1.0, 100.0])
def test_tolerance_is_honoured(tolerance_m: float) -> None:
    coords = ring_coords(*KURSK, 300, tolerance_m=tolerance_m)
    xs, ys = edge_points(coords, 9)
    error = np.abs(dist_m(*KURSK, xs, ys) - 300_000.0)
    assert error.max() <= tolerance_m * (1 + 1e-6)
    assert error.max() > tolerance_m / 10  # not absurdly over-densified


def test_densification_matters() -> None:
    # The same ring with a quarter of its vertices cuts far inside the circle:
    # the test above would fail without densification.
    coords = ring_coords(*KURSK, 300)
    sparse = np.vstack([coords[:-1:4], coords[:1]])
    xs, ys = edge_points(sparse, 9)
    assert (300_000.0 - dist_m(*KURSK, xs, ys)).max() > 100.0


def test_vertex_counts_are_modest() -> None:
    counts = {r: len(ring_coords(*KURSK, r)) for r in (165, 300, 1000)}
    assert counts[165] < counts[300] < counts[1000] < 1500


# The README's promise: no point of a ring's edges lies more than 10 m inside
# the true geodesic circle, whether the edge is drawn as a straight lon/lat
# line (GeoJSON, Leaflet, shapely) or as the geodesic between its vertices
# (GeographicLib areas, great-circle drawing), and also once the vertices are
# rounded to the 6 decimals the exports write.

SAG_CENTRES = [(36.19, 51.73), (0.0, 0.0), (0.0, 89.9), (179.9, -60.0)]
SAG_RANGES_KM = [1.0, 10.0, 165.0, 190 * 1.609344, 300.0, 1000.0, 2500.0, 5500.0, 15000.0]


def midpoint_sags(
    lon: float, lat: float, range_km: float, coords: np.ndarray
) -> tuple[float, float]:
    """Largest sag (m, positive inside the circle) at the geodesic and lon/lat edge midpoints.

    Lon/lat midpoints are taken only on edges that do not cross the
    antimeridian (a wrapped edge there is not drawn as such).
    """
    a, b = coords[:-1], coords[1:]
    az, _, d = GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    mx, my, _ = GEOD.fwd(a[:, 0], a[:, 1], az, np.asarray(d) / 2.0)
    geodesic = range_km * 1000.0 - dist_m(lon, lat, mx, my)
    plain = np.abs(b[:, 0] - a[:, 0]) < 180.0
    lx = (a[plain, 0] + b[plain, 0]) / 2.0
    ly = (a[plain, 1] + b[plain, 1]) / 2.0
    linear = range_km * 1000.0 - dist_m(lon, lat, lx, ly)
    return float(geodesic.max()), float(linear.max(initial=-np.inf))


@pytest.mark.parametrize("centre", SAG_CENTRES)
@pytest.mark.parametrize("range_km", SAG_RANGES_KM)
def test_ring_sags_less_than_10_m(centre: tuple[float, float], range_km: float) -> None:
    lon, lat = centre
    coords = ring_coords(lon, lat, range_km)
    geodesic, linear = midpoint_sags(lon, lat, range_km, coords)
    assert geodesic < 10.0 and linear < 10.0
    # The densification aims at 9 m, so the promise survives export rounding.
    assert geodesic < 9.0 + 1e-6 and linear < 9.0 + 1e-6
    rounded = np.round(coords, 6)
    geodesic, linear = midpoint_sags(lon, lat, range_km, rounded)
    assert geodesic < 10.0 and linear < 10.0


def test_exported_300_km_ring_from_sumy_sags_less_than_10_m() -> None:
    # Measured before the fix: 10.01 m at the geodesic midpoints of the
    # 300 km and 190 mi rings from Sumy as written to GeoJSON (6 decimals).
    for range_km in (300.0, 190 * 1.609344):
        poly = ring_polygon(36.19, 51.73, range_km)
        rounded = shapely.set_precision(poly, 1e-6, mode="pointwise")
        assert isinstance(rounded, Polygon)
        coords = np.asarray(rounded.exterior.coords)
        geodesic, linear = midpoint_sags(36.19, 51.73, range_km, coords)
        assert geodesic < 10.0 and linear < 10.0


def test_300_km_ring_vertex_count_stays_small() -> None:
    # 568 vertices before the geodesic check and the 9 m target, 599 after.
    assert len(ring_coords(36.19, 51.73, 300)) < 650


@given(
    st.tuples(
        st.floats(-180.0, 180.0, exclude_min=True, exclude_max=True),
        st.floats(-89.9, 89.9),
    ),
    st.floats(1.0, 18_000.0),
)
@FAST
def test_no_edge_sags_10_m(centre: tuple[float, float], range_km: float) -> None:
    coords = ring_coords(*centre, range_km)
    geodesic, linear = midpoint_sags(*centre, range_km, coords)
    assert geodesic < 10.0 and linear < 10.0


# --------------------------------------------------------------------------
# RFC 7946 geometry


VALIDITY_CASES = [
    (*KURSK, 300.0),
    (179.5, 0.0, 300.0),
    (-179.9, 0.0, 165.0),
    (179.5, 60.0, 1000.0),
    (0.0, 85.0, 1000.0),
    (30.0, -80.0, 2000.0),
    (*KYIV, 19000.0),
    (0.0, 0.0, 19000.0),  # antipode at 180°: the cut-out cap crosses it
    (30.5, -60.0, 5000.0),
    (0.0, 90.0, 300.0),
    (0.0, -90.0, 300.0),
]


@pytest.mark.parametrize(("lon", "lat", "range_km"), VALIDITY_CASES)
def test_polygon_is_valid_rfc7946(lon: float, lat: float, range_km: float) -> None:
    poly = ring_polygon(lon, lat, range_km)
    assert isinstance(poly, Polygon | MultiPolygon)
    assert poly.is_valid, shapely.is_valid_reason(poly)
    minx, miny, maxx, maxy = poly.bounds
    assert minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90
    # No edge is drawn across the map, except along the map edge at a pole.
    for part in shapely.get_parts(poly):
        ring = np.asarray(part.exterior.coords)
        step = np.abs(np.diff(ring[:, 0]))
        at_pole = (np.abs(ring[:-1, 1]) == 90) & (ring[:-1, 1] == ring[1:, 1])
        assert step[~at_pole].max(initial=0.0) < 90


@pytest.mark.parametrize(("lon", "lat"), [(179.5, 0.0), (-179.9, 0.0), (179.5, 60.0)])
def test_ring_across_antimeridian_is_split(lon: float, lat: float) -> None:
    poly = ring_polygon(lon, lat, 300)
    assert isinstance(poly, MultiPolygon) and len(poly.geoms) == 2
    assert lon_steps(poly) < 90
    west, east = sorted(poly.geoms, key=lambda p: p.bounds[0])
    assert west.bounds[0] == -180 and east.bounds[2] == 180
    assert poly.contains(Point(lon, lat))


def test_small_ring_stays_one_polygon() -> None:
    poly = ring_polygon(*KURSK, 300)
    assert isinstance(poly, Polygon)
    assert not poly.interiors
    assert np.allclose(np.asarray(poly.exterior.coords), ring_coords(*KURSK, 300))


@pytest.mark.parametrize(
    ("lon", "lat", "range_km", "poles"),
    [
        (0.0, 85.0, 1000.0, (89.99,)),
        (120.0, 89.9, 100.0, (89.99,)),
        (30.0, -80.0, 2000.0, (-89.99,)),
        (-179.9, -85.0, 1000.0, (-89.99,)),
        (*KYIV, 19000.0, (89.99, -89.99)),
        (0.0, 0.0, 19000.0, (89.99, -89.99)),
    ],
)
def test_pole_enclosing_rings(
    lon: float, lat: float, range_km: float, poles: tuple[float, ...]
) -> None:
    poly = ring_polygon(lon, lat, range_km)
    assert poly.is_valid
    assert poly.contains(Point(lon, lat))
    for pole_lat in poles:
        for pole_lon in (-179.0, -90.0, 0.0, 45.0, 179.0):
            assert poly.contains(Point(pole_lon, pole_lat))


def test_kyiv_19000_km_is_the_earth_minus_a_cap() -> None:
    # Both poles lie within 19,000 km of Kyiv; only a cap around the antipode
    # (-149.5, -50.5) is out of reach.
    assert distance_km(*KYIV, 0, 90) < 19000 and distance_km(*KYIV, 0, -90) < 19000
    poly = ring_polygon(*KYIV, 19000)
    assert isinstance(poly, Polygon) and len(poly.interiors) == 1
    assert not poly.contains(Point(KYIV[0] - 180, -KYIV[1]))
    assert poly.contains(Point(-60, -80)) and poly.contains(Point(0, 0))


def test_polygon_through_pole_is_valid() -> None:
    # The ring passes exactly through the north pole.
    range_km = distance_km(0, 0, 0, 90)
    poly = ring_polygon(0, 0, range_km)
    assert poly.is_valid and poly.contains(Point(0, 0))
    area, perimeter = reference(0, 0, range_km)
    assert geometry_area_km2(poly) == pytest.approx(area, abs=0.01 * perimeter)


# --------------------------------------------------------------------------
# what is inside, what is not


CONTAIN_CASES = [
    *VALIDITY_CASES,
    (30.5, 0.0, 1.0),
    (30.5, 45.0, 10.0),
    (30.5, 89.9, 165.0),
    (30.5, -89.9, 10000.0),
    (30.5, 0.0, 19990.0),  # beyond the cut locus along some azimuths
]


@pytest.mark.parametrize(("lon", "lat", "range_km"), CONTAIN_CASES)
def test_contains_within_and_excludes_beyond(lon: float, lat: float, range_km: float) -> None:
    poly = ring_polygon(lon, lat, range_km)
    if abs(lat) < 90:
        assert poly.contains(Point(lon, lat))
    margin = min(1.0, range_km / 10)
    for az in (0.0, 37.0, 90.0, 135.0, 180.0, 222.0, 270.0, 315.0):
        inside = point_at(lon, lat, az, range_km - margin)
        # A point on the antimeridian lies on the seam between the two halves.
        on_seam = abs(inside.x) == 180
        assert poly.covers(inside) if on_seam else poly.contains(inside), (az, inside)
        outside = point_at(lon, lat, az, range_km + margin)
        if distance_km(lon, lat, outside.x, outside.y) > range_km:  # not past the antipode
            assert not poly.covers(outside), (az, outside)


def test_beyond_cut_locus_vertices_are_at_range() -> None:
    coords = ring_coords(30.5, 0.0, 19990.0)
    d = dist_m(30.5, 0.0, coords[:, 0], coords[:, 1])
    assert np.abs(d - 19_990_000.0).max() < 1.0
    antipode = Point(-149.5, 0.0)
    assert not ring_polygon(30.5, 0.0, 19990.0).contains(antipode)


# --------------------------------------------------------------------------
# areas


AREA_CASES = [
    (*KURSK, 165.0),
    (*KURSK, 300.0),
    (179.5, 0.0, 1000.0),
    (0.0, 85.0, 1000.0),
    (30.0, -80.0, 2000.0),
    (30.5, 0.0, 10000.0),
    (*KYIV, 12000.0),
    (*KYIV, 19000.0),
    (0.0, 0.0, 19000.0),
]


@pytest.mark.parametrize(("lon", "lat", "range_km"), AREA_CASES)
def test_area_matches_dense_reference(lon: float, lat: float, range_km: float) -> None:
    area, perimeter = reference(lon, lat, range_km)
    got = geometry_area_km2(ring_polygon(lon, lat, range_km))
    # The drawn edges stay within 10 m of the circle: a band 10 m wide.
    assert got == pytest.approx(area, abs=0.010 * perimeter)
    assert got == pytest.approx(area, rel=1e-4)


@pytest.mark.parametrize("range_km", [10.0, 300.0, 2000.0, 9000.0])
@pytest.mark.parametrize("pole", [90.0, -90.0])
def test_polar_cap_area_is_exact(range_km: float, pole: float) -> None:
    # Around a pole the ring is a parallel; the cap area has a closed form.
    lat = float(ring_coords(0.0, pole, range_km)[0, 1])
    cap = ellipsoid_zone_km2(90.0) - ellipsoid_zone_km2(abs(lat))
    perimeter = 2 * math.pi * range_km
    assert geometry_area_km2(ring_polygon(0.0, pole, range_km)) == pytest.approx(
        cap, abs=0.010 * perimeter
    )


def test_area_of_known_shapes() -> None:
    assert geometry_area_km2(shapely.box(-180, -90, 180, 90)) == pytest.approx(EARTH_KM2, rel=1e-9)
    assert geometry_area_km2(shapely.box(-180, 0, 180, 90)) == pytest.approx(
        EARTH_KM2 / 2, rel=1e-9
    )
    assert geometry_area_km2(shapely.box(0, 0, 90, 90)) == pytest.approx(EARTH_KM2 / 8, rel=1e-9)
    hole = shapely.box(10, 10, 11, 11)
    holed = Polygon(shapely.box(0, 0, 20, 20).exterior, [hole.exterior])
    assert geometry_area_km2(holed) == pytest.approx(
        geometry_area_km2(shapely.box(0, 0, 20, 20)) - geometry_area_km2(hole), rel=1e-9
    )
    parts = MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(-1, -1, 0, 0)])
    assert geometry_area_km2(parts) == pytest.approx(2 * geometry_area_km2(parts.geoms[0]))
    clockwise = Polygon(list(shapely.box(0, 0, 1, 1).exterior.coords)[::-1])
    assert geometry_area_km2(clockwise) == pytest.approx(geometry_area_km2(shapely.box(0, 0, 1, 1)))
    assert geometry_area_km2(Polygon()) == 0.0


def test_disc_and_complement_cover_the_earth() -> None:
    disc = geometry_area_km2(ring_polygon(*KYIV, 19000))
    cap = geometry_area_km2(ring_polygon(KYIV[0] - 180, -KYIV[1], 1000))
    assert disc + cap == pytest.approx(EARTH_KM2, rel=1e-3)
    assert disc > EARTH_KM2 / 2


# --------------------------------------------------------------------------
# the outline


def test_line_of_small_ring_is_closed() -> None:
    line = ring_line(*KURSK, 300)
    assert isinstance(line, LineString) and line.is_ring


@pytest.mark.parametrize(
    ("lon", "lat", "range_km", "parts"),
    [
        (179.5, 0.0, 300.0, 2),
        (-179.9, 60.0, 1000.0, 2),
        (0.0, 85.0, 1000.0, 1),
        (*KYIV, 19000.0, 1),
    ],
)
def test_line_is_split_at_antimeridian(lon: float, lat: float, range_km: float, parts: int) -> None:
    line = ring_line(lon, lat, range_km)
    assert len(shapely.get_parts(line)) == parts
    assert lon_steps(line) < 90
    xy = shapely.get_coordinates(line)
    assert np.all(np.abs(xy[:, 0]) <= 180)
    d = dist_m(lon, lat, xy[:, 0], xy[:, 1])
    assert np.abs(d - range_km * 1000.0).max() <= 10.0 + 1e-6


# --------------------------------------------------------------------------
# invariants

centres = st.tuples(
    st.floats(-180.0, 180.0, exclude_min=True, exclude_max=True),
    st.floats(-89.0, 89.0),
)
ranges = st.floats(1.0, 18_000.0)


@given(centres, ranges)
@FAST
def test_every_vertex_is_at_the_range(centre: tuple[float, float], range_km: float) -> None:
    coords = ring_coords(*centre, range_km)
    d = dist_m(*centre, coords[:, 0], coords[:, 1])
    assert np.abs(d - range_km * 1000.0).max() < 1.0


@given(centres, ranges)
@FAST
def test_ring_contains_its_centre(centre: tuple[float, float], range_km: float) -> None:
    poly = ring_polygon(*centre, range_km)
    assert poly.is_valid
    assert poly.contains(Point(*centre))


@given(centres, st.floats(1.0, 16_000.0), st.floats(1.0, 2_000.0))
@FAST
def test_rings_nest(centre: tuple[float, float], range_km: float, more_km: float) -> None:
    outer = ring_polygon(*centre, range_km + more_km)
    inner = ring_coords(*centre, range_km)
    # covers: a vertex may fall exactly on the antimeridian, where ``outer`` is split
    assert shapely.covers(outer, shapely.points(inner[::7])).all()


# --------------------------------------------------------------------------
# the module itself


def _package_modules() -> list[ModuleType]:
    """The modules of the rangemap.geodesy package, the package itself first."""
    names = [info.name for info in pkgutil.iter_modules(geodesy.__path__, "rangemap.geodesy.")]
    return [geodesy, *(importlib.import_module(name) for name in sorted(names))]


def test_geodesy_imports_only_pure_libraries() -> None:
    imported = set()
    internal = set()
    for module in _package_modules():
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            imported |= {name.split(".")[0] for name in names}
            internal |= {name for name in names if name.startswith("rangemap")}
    assert imported <= {
        "__future__",
        "collections",
        "dataclasses",
        "functools",
        "math",
        "antimeridian",
        "numpy",
        "pyproj",
        "shapely",
        "rangemap",
    }
    # Nothing above geodesy: only the errors module and the package itself.
    assert {name for name in internal if not name.startswith("rangemap.geodesy")} <= {
        "rangemap.errors"
    }


def test_docstring_examples_run() -> None:
    failed = attempted = 0
    for module in _package_modules():
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        failed += result.failed
        attempted += result.attempted
    assert failed == 0 and attempted > 10


def test_ring_densified_once_is_shared_safely() -> None:
    # rings.py caches each ring's vertices: what a caller receives is its own
    # copy, and changing it leaves the next ring of the same arguments as it was.
    first = ring_coords(36.19, 51.73, 300)
    first[:] = 0.0
    again = ring_coords(36.19, 51.73, 300)
    assert not (again == 0.0).all()
    assert ring_polygon(36.19, 51.73, 300).exterior.coords[0] == tuple(again[0])
