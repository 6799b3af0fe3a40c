"""geopandas in and out: frames as launch geometry, RangeMap.layers, Coverage frames, GeoPackage."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon, box

import rangemap
from rangemap.coverage import compute_coverage
from rangemap.errors import InputError, ParameterError
from rangemap.geodesy import ring_polygon
from rangemap.places import MAX_LAUNCH_VERTICES, regions
from rangemap.render.geopackage import LAYER_COLUMNS
from tests.conftest import RunCli

# A launch area in Sumy and Kharkiv oblasts, and a road-like line west of it.
AREA = box(35.0, 50.2, 35.8, 50.8)
LINE = LineString([(33.0, 50.0), (34.0, 50.3)])
UTM36N = "EPSG:32636"
KURSK = Point(36.19, 51.73)


def _frame(*geoms: shapely.Geometry, crs: str | None = "EPSG:4326", **columns: list[object]):
    return gpd.GeoDataFrame(dict(columns), geometry=list(geoms), crs=crs)


# --- in: reach and coverage ------------------------------------------------------------------


def test_a_frame_in_lonlat_reaches_what_its_geometry_reaches() -> None:
    expected = rangemap.reach(AREA, 150)
    assert rangemap.reach(_frame(AREA), 150).equals(expected)
    assert rangemap.reach(gpd.GeoSeries([AREA], crs="EPSG:4326"), 150).equals(expected)


def test_a_frame_in_utm_is_reprojected_to_lonlat() -> None:
    expected = rangemap.reach(AREA, 150)
    projected = _frame(AREA).to_crs(UTM36N)
    assert projected.total_bounds[0] > 1000  # metres, not degrees
    for given in (projected, projected.geometry):  # a GeoDataFrame and a GeoSeries
        got = rangemap.reach(given, 150)
        assert shapely.hausdorff_distance(got, expected) < 1e-6  # degrees: about 0.1 m
        assert abs(got.area - expected.area) / expected.area < 1e-9


def test_several_rows_reach_what_their_union_reaches() -> None:
    expected = rangemap.reach(shapely.union_all([AREA, LINE]), 100)
    got = rangemap.reach(_frame(AREA, LINE).to_crs(UTM36N), 100)
    assert shapely.hausdorff_distance(got, expected) < 1e-6


def test_a_frame_without_crs_in_metres_is_refused_in_one_line() -> None:
    metres = gpd.GeoDataFrame(geometry=list(_frame(AREA).to_crs(UTM36N).geometry))
    assert metres.crs is None
    with pytest.raises(ParameterError) as caught:
        rangemap.reach(metres, 100)
    message = str(caught.value)
    assert "\n" not in message
    assert "has no CRS" in message and "set its CRS" in message and "set_crs" in message
    with pytest.raises(ParameterError, match="has no CRS"):
        rangemap.map(metres, "100km", coverage=False)


def test_a_frame_without_crs_in_lonlat_bounds_is_taken_as_lonlat() -> None:
    bare = gpd.GeoDataFrame(geometry=[AREA])
    assert bare.crs is None
    assert rangemap.reach(bare, 150).equals(rangemap.reach(AREA, 150))


def test_coverage_takes_frames_for_the_reach_and_the_launch() -> None:
    area = rangemap.reach(AREA, 150)
    expected = rangemap.coverage(area, AREA, range_km=150)
    got = rangemap.coverage(
        gpd.GeoSeries([area], crs="EPSG:4326"), _frame(AREA).to_crs(UTM36N), range_km=150
    )
    assert [r.iso_3166_2 for r in got.region_rows] == [r.iso_3166_2 for r in expected.region_rows]
    assert [s.name for s in got.site_rows] == [s.name for s in expected.site_rows]
    pairs = zip(got.site_rows, expected.site_rows, strict=True)
    assert all(abs(a.distance_km - b.distance_km) < 1e-3 for a, b in pairs)


def test_an_empty_frame_is_refused() -> None:
    empty = gpd.GeoDataFrame(geometry=[Polygon()], crs="EPSG:4326")
    with pytest.raises(InputError, match="has no geometry"):
        rangemap.reach(empty, 100)


# --- in: make_map ------------------------------------------------------------------------------


def test_make_map_takes_a_geodataframe_named_by_its_name_column() -> None:
    gdf = _frame(AREA, name=["Launch box"]).to_crs(UTM36N)
    m = rangemap.map(gdf, "300km", coverage=False, side="UA")
    (launch,) = m.scene.launches
    assert launch.name.startswith("Launch box")
    assert shapely.hausdorff_distance(launch.geometry, AREA) < 1e-6 or AREA.contains(
        launch.geometry
    )
    assert "Launch box" in m.title


def test_make_map_names_a_frame_of_several_features() -> None:
    gdf = _frame(AREA, LINE, name=["one", "two"])
    m = rangemap.map(gdf, "100km", coverage=False, side="UA")
    assert m.scene.launches[0].name.startswith("GeoDataFrame (2 features)")
    same = _frame(AREA, LINE, name=["Front", "Front"])
    assert rangemap.map(same, "100km", coverage=False, side="UA").scene.launches[0].name.startswith(
        "Front"
    )


def test_make_map_takes_frames_beside_place_names() -> None:
    m = rangemap.map([gpd.GeoSeries([AREA], crs="EPSG:4326"), "Sumy"], "100km", coverage=False)
    names = [p.name for p in m.scene.launches]
    assert names[1] == "Sumy" and names[0].startswith("GeoSeries (1 feature)")


def test_make_map_takes_a_shapely_point_as_coordinates() -> None:
    from_point = rangemap.map(Point(36.23, 49.99), "100km", coverage=False)
    from_text = rangemap.map("49.99,36.23", "100km", coverage=False)
    assert from_point.scene.launches[0].name == from_text.scene.launches[0].name
    assert from_point.scene.layers[0].area.equals(from_text.scene.layers[0].area)


def test_a_region_from_the_bundled_data_as_a_frame_launches_like_its_name() -> None:
    (belgorod,) = [p for p in regions() if p.code == "RU-BEL"]
    gdf = gpd.GeoDataFrame({"name": [belgorod.name]}, geometry=[belgorod.geometry], crs=4326)
    if shapely.get_num_coordinates(belgorod.geometry) > MAX_LAUNCH_VERTICES:
        gdf = gdf.set_geometry(gdf.simplify(0.005))
    m = rangemap.map(gdf, "100km", coverage=False)
    assert m.scene.launch_side == "RU"
    assert m.scene.layers[0].area.contains(Point(36.6, 50.6))  # Belgorod itself


def test_the_launch_file_checks_hold_for_frames(caplog: pytest.LogCaptureFixture) -> None:
    dense = ring_polygon(35.4, 50.5, 50, tolerance_m=0.01)
    assert shapely.get_num_coordinates(dense) > MAX_LAUNCH_VERTICES
    with pytest.raises(InputError, match=f"at most {MAX_LAUNCH_VERTICES:,}"):
        rangemap.map(_frame(dense), "100km", coverage=False)
    high = Polygon([(35.0, 50.2, 100.0), (35.8, 50.2, 100.0), (35.8, 50.8, 100.0)])
    with pytest.raises(InputError, match="has an altitude"):
        rangemap.map(_frame(high), "100km", coverage=False)
    flat = Polygon([(35.0, 50.2, 0.0), (35.8, 50.2, 0.0), (35.8, 50.8, 0.0)])
    m = rangemap.map(_frame(flat), "100km", coverage=False, side="UA")
    assert not shapely.has_z(m.scene.launches[0].geometry)
    bow_tie = Polygon([(35.0, 50.2), (35.8, 50.8), (35.8, 50.2), (35.0, 50.8)])
    with caplog.at_level(logging.WARNING, logger="rangemap"):
        m = rangemap.map(_frame(bow_tie), "100km", coverage=False, side="UA")
    assert any("repaired an invalid polygon" in r.getMessage() for r in caplog.records)
    assert m.scene.launches[0].geometry.geom_type in ("Polygon", "MultiPolygon")


def test_importing_rangemap_loads_no_geopandas() -> None:
    code = (
        "import sys, rangemap, rangemap.api, rangemap.places.frames, rangemap.geodesy.crs; "
        "sys.exit('geopandas' in sys.modules or 'pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


# --- out: layers, coverage frames, GeoPackage ----------------------------------------------------


@pytest.fixture(scope="module")
def kharkiv_map() -> rangemap.RangeMap:
    return rangemap.map("Kharkiv", "200km", weapons=["ATACMS"], highlight=["Belgorod"])


def test_layers_is_a_geodataframe_of_every_feature(kharkiv_map: rangemap.RangeMap) -> None:
    layers = kharkiv_map.layers
    assert isinstance(layers, gpd.GeoDataFrame)
    assert tuple(layers.columns[: len(LAYER_COLUMNS)]) == LAYER_COLUMNS
    assert layers.crs.to_epsg() == 4326
    assert set(layers["role"]) == {"launch", "ring", "site", "highlight"}
    rings = layers[layers["role"] == "ring"]
    assert sorted(rings["range_km"]) == [165.0, 200.0, 300.0]
    atacms = rings[rings["weapon"].notna()]
    assert set(atacms["variant"]) == {
        "M39 (Block I)",
        "M39A1 (Block IA) / M48 / M57 (Block IA Unitary / TACMS 2000)",
    }
    assert atacms["source"].str.contains("CSIS").all()
    assert layers.loc[layers["role"] == "highlight", "label"].tolist() == ["Belgorod Oblast"]
    assert layers.loc[layers["role"] == "launch", "label"].tolist() == ["Kharkiv"]
    sites = layers[layers["role"] == "site"]
    assert len(sites) == len(kharkiv_map.scene.coverage.site_rows)
    assert sites["source"].notna().all()


def test_coverage_frames(kharkiv_map: rangemap.RangeMap) -> None:
    cov = kharkiv_map.coverage()
    regions_frame = cov.regions
    assert isinstance(regions_frame, gpd.GeoDataFrame) and regions_frame.crs.to_epsg() == 4326
    assert list(regions_frame["iso_3166_2"]) == [r.iso_3166_2 for r in cov.region_rows]
    assert {"name", "display_name", "share", "reachable_km2", "held_by"} <= set(regions_frame)
    kursk = regions_frame[regions_frame["iso_3166_2"] == "RU-KRS"].iloc[0]
    assert kursk["name"] == "Kursk Oblast" and kursk.geometry.contains(KURSK)
    assert isinstance(cov.countries, pd.DataFrame)
    assert not isinstance(cov.countries, gpd.GeoDataFrame)
    assert list(cov.countries["iso_a2"]) == [c.iso_a2 for c in cov.country_rows]
    sites = cov.sites
    assert len(sites) == len(cov.site_rows)
    assert (sites.geometry.x == sites["lon"]).all() and (sites.geometry.y == sites["lat"]).all()
    cities = cov.cities
    assert list(cities["name"]) == [c.name for c in cov.city_rows]
    assert cities.crs.to_epsg() == 4326 and (cities.geometry.geom_type == "Point").all()
    assert cov.regions is regions_frame  # built once


def test_an_empty_coverage_has_empty_frames() -> None:
    far = ring_polygon(-150.0, -40.0, 50)  # the South Pacific
    cov = compute_coverage(far, Point(-150.0, -40.0), range_km=50, include_bundled_sites=False)
    assert len(cov.regions) == 0 and "share" in cov.regions.columns
    assert len(cov.countries) == 0 and "iso_a2" in cov.countries.columns
    assert len(cov.cities) == 0 and cov.cities.crs.to_epsg() == 4326


def test_geopackage_round_trip(kharkiv_map: rangemap.RangeMap, tmp_path: Path) -> None:
    path = kharkiv_map.save(tmp_path / "map.gpkg")
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    layers = kharkiv_map.layers
    listed = {str(name): str(kind) for name, kind in pyogrio.list_layers(path)}
    assert set(listed) == set(layers["role"])
    for role in listed:
        back = gpd.read_file(path, layer=role)
        assert back.crs.to_epsg() == 4326
        assert len(back) == int((layers["role"] == role).sum())
        assert tuple(back.columns[: len(LAYER_COLUMNS)]) == LAYER_COLUMNS
    rings = gpd.read_file(path, layer="ring")
    assert sorted(rings["range_km"]) == [165.0, 200.0, 300.0]
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically: no temporary left


def test_cli_writes_a_geopackage(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("map", "--from", "Sumy", "--range", "300km", "-o", "x.gpkg")
    assert proc.returncode == 0, proc.stderr
    listed = {str(name) for name, _ in pyogrio.list_layers(tmp_path / "x.gpkg")}
    assert listed == {"launch", "ring", "site"}
    ring = gpd.read_file(tmp_path / "x.gpkg", layer="ring")
    assert ring["range_km"].tolist() == [300.0] and ring.geometry.iloc[0].contains(KURSK)
