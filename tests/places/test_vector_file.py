"""Any GIS file in (rangemap.places.vector_file): each format, layers, CRS, and the CLI.

Every file here is a real one, written with pyogrio (GDAL) or, for KML as
Google Earth writes it, by hand, then read back through the one reader.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas
import pyogrio
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box

from rangemap.errors import DataFileError
from rangemap.places import load_launch_file, load_sites, looks_like_launch_path
from rangemap.places.control_file import load_control
from rangemap.places.vector_file import read_vector, split_layer
from tests.conftest import RunCli

#: A launch area near Sumy, lon/lat.
AREA = box(34.5, 50.7, 35.1, 51.1)
KURSK = Point(36.19, 51.73)

GOOGLE_EARTH_KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"
 xmlns:kml="http://www.opengis.net/kml/2.2" xmlns:atom="http://www.w3.org/2005/Atom">
<Document>
	<name>Launch area.kml</name>
	<Style id="s_ylw-pushpin"><LineStyle><color>ff0000ff</color></LineStyle></Style>
	<Placemark>
		<name>Launch area</name>
		<styleUrl>#s_ylw-pushpin</styleUrl>
		<Polygon>
			<tessellate>1</tessellate>
			<outerBoundaryIs>
				<LinearRing>
					<coordinates>
						34.5,50.7,0 35.1,50.7,0 35.1,51.1,0 34.5,51.1,0 34.5,50.7,0
					</coordinates>
				</LinearRing>
			</outerBoundaryIs>
		</Polygon>
	</Placemark>
</Document>
</kml>
"""


def frame(
    geom: shapely.Geometry, crs: str | int | None = 4326, **props: object
) -> geopandas.GeoDataFrame:
    return geopandas.GeoDataFrame({k: [v] for k, v in props.items()}, geometry=[geom], crs=crs)


def write(df: geopandas.GeoDataFrame, path: Path, **kwargs: object) -> Path:
    pyogrio.write_dataframe(df, path, **kwargs)
    return path


def refused(path: Path | str, *fragments: str) -> str:
    with pytest.raises(DataFileError) as info:
        load_launch_file(path)
    message = str(info.value)
    assert "\n" not in message and len(message) < 250, message
    for fragment in fragments:
        assert fragment in message, message
    return message


def same_area(geom: shapely.Geometry, expected: shapely.Geometry = AREA) -> bool:
    return bool(geom.normalize().equals_exact(expected.normalize(), 1e-9))


# --- each format reads to the right geometry ---------------------------------------------------


def test_geopackage_layer_is_chosen_by_name(tmp_path: Path) -> None:
    path = write(frame(AREA, name="Sumy box"), tmp_path / "two.gpkg", layer="areas")
    write(frame(KURSK, name="Kursk"), path, layer="points")
    assert same_area(load_launch_file(f"{path}:areas").geometry)
    points = load_launch_file(f"{path}:points")
    assert points.geometry.equals(KURSK)
    assert points.name == "Kursk"


def test_geopackage_of_two_layers_without_a_choice_names_them(tmp_path: Path) -> None:
    path = write(frame(AREA), tmp_path / "two.gpkg", layer="areas")
    write(frame(KURSK), path, layer="points")
    message = refused(path, "2 layers", "'areas'", "'points'", "FILE:LAYER")
    # the file is named first (a long path is shortened from its start)
    assert message.startswith("'") and message.split("' holds", 1)[0].endswith("two.gpkg")


def test_a_missing_layer_is_named_with_the_layers_there(tmp_path: Path) -> None:
    path = write(frame(AREA), tmp_path / "one.gpkg", layer="areas")
    refused(f"{path}:roads", "no layer 'roads'", "its layers: 'areas'")


def test_only_layer_with_features_is_taken(tmp_path: Path) -> None:
    path = write(frame(AREA), tmp_path / "two.gpkg", layer="areas")
    write(frame(KURSK).iloc[:0], path, layer="empty")
    assert same_area(load_launch_file(path).geometry)


def test_an_empty_geopackage_layer_is_refused(tmp_path: Path) -> None:
    path = write(frame(AREA).iloc[:0], tmp_path / "empty.gpkg", layer="areas")
    refused(path, "layer 'areas' has no features")


def test_shapefile(tmp_path: Path) -> None:
    path = write(frame(AREA, name="Area"), tmp_path / "area.shp")
    loaded = load_launch_file(path)
    assert same_area(loaded.geometry)
    assert loaded.name == "Area"


def test_zipped_shapefile(tmp_path: Path) -> None:
    write(frame(AREA), tmp_path / "area.shp")
    archive = tmp_path / "area.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in tmp_path.glob("area.*"):
            if part != archive:
                z.write(part, part.name)
    assert same_area(load_launch_file(archive).geometry)
    assert same_area(load_launch_file(f"/vsizip/{archive}/area.shp").geometry)


def test_projected_shapefile_is_reprojected(tmp_path: Path) -> None:
    utm = geopandas.GeoSeries([AREA], crs=4326).to_crs(32636)
    path = write(geopandas.GeoDataFrame(geometry=utm), tmp_path / "utm.shp")
    assert pyogrio.read_info(path)["crs"] == "EPSG:32636"
    loaded = load_launch_file(path)
    assert loaded.geometry.symmetric_difference(AREA).area < 1e-9


def test_shapefile_in_metres_without_prj_is_refused(tmp_path: Path) -> None:
    utm = geopandas.GeoSeries([AREA], crs=4326).to_crs(32636)
    path = write(geopandas.GeoDataFrame(geometry=utm), tmp_path / "utm.shp")
    path.with_suffix(".prj").unlink()
    refused(path, "states no coordinate reference system", "not lon/lat degrees", "EPSG:4326")


def test_kml_as_google_earth_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "Launch area.kml"
    path.write_text(GOOGLE_EARTH_KML, encoding="utf-8")
    loaded = load_launch_file(path)
    assert isinstance(loaded.geometry, Polygon)
    assert not loaded.geometry.has_z  # the altitudes, all 0, are dropped
    assert same_area(loaded.geometry)
    assert loaded.name == "Launch area"


def test_kmz(tmp_path: Path) -> None:
    path = tmp_path / "launch.kmz"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("doc.kml", GOOGLE_EARTH_KML)
    assert same_area(load_launch_file(path).geometry)


def test_kml_with_altitudes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "alt.kml"
    path.write_text(GOOGLE_EARTH_KML.replace("35.1,50.7,0", "35.1,50.7,250"), encoding="utf-8")
    refused(path, "3-D coordinates are not accepted", "drop the altitude")


def test_flatgeobuf(tmp_path: Path) -> None:
    two = geopandas.GeoDataFrame(geometry=[AREA, box(36, 51, 36.5, 51.5)], crs=4326)
    loaded = load_launch_file(write(two, tmp_path / "areas.fgb"))
    assert isinstance(loaded.geometry, MultiPolygon)
    assert loaded.geometry.area == pytest.approx(AREA.area + 0.25)


@pytest.mark.parametrize(
    ("header", "row"),
    [("name,lat,lon", "Kursk,51.73,36.19"), ("Name,Latitude,Longitude", "Kursk,51.73,36.19"),
     ("lng;y;label", "36.19;51.73;Kursk"), ("X,Y,name", "36.19,51.73,Kursk")],
)
def test_csv_with_lat_lon_columns(tmp_path: Path, header: str, row: str) -> None:
    path = tmp_path / "points.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    loaded = load_launch_file(path)
    assert loaded.geometry.equals(KURSK)


def test_csv_without_coordinates_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_text("title,where\nKursk,north\n", encoding="utf-8")
    refused(path, "no geometry", "lat (or latitude, y)", "lon (or lng")


def test_read_vector_gives_a_lonlat_geodataframe(tmp_path: Path) -> None:
    utm = geopandas.GeoSeries([AREA], crs=4326).to_crs(32636)
    path = write(geopandas.GeoDataFrame({"name": ["a"]}, geometry=utm), tmp_path / "a.gpkg")
    read = read_vector(path, max_bytes=10**6)
    assert isinstance(read, geopandas.GeoDataFrame)
    assert read.crs.to_epsg() == 4326
    assert list(read["name"]) == ["a"]
    assert read.attrs["warnings"] == []


def test_gdal_warnings_do_not_leak(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "open.geojson"
    ring = [[34.5, 50.7], [35.1, 50.7], [35.1, 51.1], [34.5, 51.1]]  # not closed
    path.write_text(json.dumps({"type": "Polygon", "coordinates": [ring]}), encoding="utf-8")
    with _no_warnings():
        loaded = load_launch_file(path)
    assert loaded.warnings == ["closed an unclosed polygon ring in the geometry"]
    out, err = capfd.readouterr()
    assert out == "" and err == ""


class _no_warnings:  # noqa: N801 - used as a context manager like pytest.warns
    def __enter__(self) -> None:
        import warnings

        self._catch = warnings.catch_warnings(record=True)
        self._seen = self._catch.__enter__()
        warnings.simplefilter("always")

    def __exit__(self, *exc: object) -> None:
        self._catch.__exit__(*exc)
        assert [str(w.message) for w in self._seen] == []


def test_unreadable_binary_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.gpkg"
    path.write_bytes(b"SQLite format 3\x00" + bytes(200))
    refused(path, "'", "broken.gpkg", "not a readable vector file", "accepted: GeoJSON")


# --- FILE:LAYER and what --from takes for a file ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("areas.gpkg:launch", ("areas.gpkg", "launch")),
        ("C:\\maps\\areas.gpkg", ("C:\\maps\\areas.gpkg", None)),
        ("C:\\maps\\areas.gpkg:launch", ("C:\\maps\\areas.gpkg", "launch")),
        ("border:UA-RU", ("border:UA-RU", None)),
        ("x.kml:a/b", ("x.kml:a/b", None)),
    ],
)
def test_split_layer(text: str, expected: tuple[str, str | None]) -> None:
    assert split_layer(text) == expected


def test_an_existing_path_with_a_colon_is_a_path(tmp_path: Path) -> None:
    path = write(frame(AREA), tmp_path / "odd.gpkg:name.gpkg")
    assert split_layer(str(path)) == (str(path), None)
    assert same_area(load_launch_file(path).geometry)


@pytest.mark.parametrize(
    "text",
    ["a.gpkg", "a.SHP", "a.zip", "a.kml", "a.kmz", "a.fgb", "a.csv", "a.gpkg:layer",
     "/vsizip/a.zip/b.shp"],
)
def test_every_format_looks_like_a_file(text: str) -> None:
    assert looks_like_launch_path(text)


# --- --sites and --control read any format too ---------------------------------------------------


def test_sites_from_a_geopackage(tmp_path: Path) -> None:
    points = geopandas.GeoDataFrame(
        {"name": ["Depot", "Field"], "kind": ["depot", None], "occupied": ["yes", "no"]},
        geometry=[Point(36.19, 51.73), Point(34.8, 50.9)],
        crs=4326,
    )
    first, second = load_sites(write(points, tmp_path / "sites.gpkg"))
    assert (first.name, first.kind, first.lat, first.lon, first.occupied) == (
        "Depot", "depot", 51.73, 36.19, True,
    )
    assert (second.kind, second.occupied) == ("site", False)


def test_sites_must_be_named_points(tmp_path: Path) -> None:
    no_name = geopandas.GeoDataFrame(geometry=[KURSK], crs=4326)
    with pytest.raises(DataFileError, match="feature 1: no 'name'"):
        load_sites(write(no_name, tmp_path / "a.gpkg"))
    areas = geopandas.GeoDataFrame({"name": ["x"]}, geometry=[AREA], crs=4326)
    with pytest.raises(DataFileError, match="must be a Point, not Polygon"):
        load_sites(write(areas, tmp_path / "b.gpkg"))


def test_control_from_a_projected_geopackage(tmp_path: Path) -> None:
    held = geopandas.GeoSeries([box(35.0, 50.9, 35.7, 51.5)], crs=4326).to_crs(32636)
    path = write(geopandas.GeoDataFrame({"held_by": ["UA"]}, geometry=held), tmp_path / "c.gpkg")
    control = load_control(path, user_file=True)
    (area,) = control.areas
    assert area.held_by == "UA"
    assert area.geometry.symmetric_difference(box(35.0, 50.9, 35.7, 51.5)).area < 1e-6


# --- the command line --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["area.gpkg", "area.kml", "area.shp", "area.fgb"])
def test_cli_map_from_any_format(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".kml"):
        path.write_text(GOOGLE_EARTH_KML, encoding="utf-8")
    else:
        write(frame(AREA, name="Launch area"), path)
    proc = run_cli("map", "--from", name, "--range", "100km", "-o", "x.geojson")
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "x.geojson").read_text(encoding="utf-8"))
    rings = [f for f in data["features"] if f["properties"].get("range_km") == 100]
    assert rings, [f["properties"] for f in data["features"]]
    reach = shapely.geometry.shape(rings[0]["geometry"])
    assert reach.contains(AREA)


def test_cli_refuses_a_missing_layer_in_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    write(frame(AREA), tmp_path / "a.gpkg", layer="areas")
    proc = run_cli("map", "--from", "a.gpkg:roads", "--range", "100km", "-o", "x.geojson")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no layer 'roads'" in lines[0], proc.stderr
    assert not (tmp_path / "x.geojson").exists()
