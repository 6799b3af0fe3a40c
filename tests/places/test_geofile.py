"""Launch geometry from a user's GeoJSON file (rangemap.places.geofile)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiPolygon,
    Point,
    Polygon,
    box,
)

from rangemap.errors import DataFileError
from rangemap.places import (
    MAX_GEOJSON_BYTES,
    LaunchFile,
    load_launch_geojson,
    looks_like_geojson_path,
)

SQUARE = [[[36.0, 51.0], [37.0, 51.0], [37.0, 52.0], [36.0, 52.0], [36.0, 51.0]]]
BOWTIE = [[[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]]


def feature(geometry: dict[str, Any] | None, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def collection(*features: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features), **extra}


def polygon(coords: Any = SQUARE) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": coords}


def write(tmp_path: Path, doc: Any, name: str = "launch.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def load_error(path: Path | str) -> str:
    with pytest.raises(DataFileError) as info:
        load_launch_geojson(path)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- valid files ------------------------------------------------------------------------------


def test_feature_collection_of_two_polygons_is_their_union(tmp_path: Path) -> None:
    a = polygon([[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]])
    b = polygon([[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]])
    loaded = load_launch_geojson(write(tmp_path, collection(feature(a), feature(b))))
    assert isinstance(loaded, LaunchFile)
    assert isinstance(loaded.geometry, Polygon)
    assert loaded.geometry.is_valid
    assert loaded.geometry.area == pytest.approx(7.0)
    assert loaded.geometry.equals(box(0, 0, 2, 2).union(box(1, 1, 3, 3)))
    assert loaded.warnings == []
    assert loaded.name == "launch"  # no name property: the file's stem


def test_disjoint_polygons_stay_a_multipolygon(tmp_path: Path) -> None:
    b = polygon([[[40, 51], [41, 51], [41, 52], [40, 52], [40, 51]]])
    loaded = load_launch_geojson(write(tmp_path, collection(feature(polygon()), feature(b))))
    assert isinstance(loaded.geometry, MultiPolygon)
    assert len(loaded.geometry.geoms) == 2


def test_polygon_shells_come_back_counter_clockwise(tmp_path: Path) -> None:
    clockwise = [list(reversed(SQUARE[0]))]
    loaded = load_launch_geojson(write(tmp_path, polygon(clockwise)))
    assert isinstance(loaded.geometry, Polygon)
    assert loaded.geometry.exterior.is_ccw
    assert loaded.warnings == []


def test_bare_linestring(tmp_path: Path) -> None:
    line = {"type": "LineString", "coordinates": [[35.0, 50.0], [36.5, 51.2], [38.0, 50.5]]}
    loaded = load_launch_geojson(write(tmp_path, line, "front.json"))
    assert loaded.geometry.equals(LineString([(35.0, 50.0), (36.5, 51.2), (38.0, 50.5)]))
    assert loaded.name == "front"


def test_bare_point(tmp_path: Path) -> None:
    loaded = load_launch_geojson(write(tmp_path, {"type": "Point", "coordinates": [36.19, 51.73]}))
    assert loaded.geometry.equals(Point(36.19, 51.73))


def test_single_feature_and_its_name(tmp_path: Path) -> None:
    doc = feature({"type": "Point", "coordinates": [36.19, 51.73]}, name="  Kursk airbase ")
    loaded = load_launch_geojson(write(tmp_path, doc))
    assert loaded.geometry.equals(Point(36.19, 51.73))
    assert loaded.name == "Kursk airbase"


def test_geometry_collection(tmp_path: Path) -> None:
    doc = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Point", "coordinates": [40.0, 55.0]},
            {"type": "LineString", "coordinates": [[35.0, 50.0], [36.0, 51.0]]},
            polygon(),
        ],
    }
    loaded = load_launch_geojson(write(tmp_path, doc))
    assert isinstance(loaded.geometry, GeometryCollection)
    kinds = sorted(g.geom_type for g in loaded.geometry.geoms)
    assert kinds == ["LineString", "Point", "Polygon"]


def test_multi_geometries_and_null_features_are_skipped(tmp_path: Path) -> None:
    doc = collection(
        feature(None, name="nothing here"),
        feature({"type": "MultiPoint", "coordinates": [[30, 50], [31, 51]]}),
        feature({"type": "MultiLineString", "coordinates": [[[30, 52], [31, 52]]]}),
        feature({"type": "MultiPolygon", "coordinates": [SQUARE]}),
        feature({"type": "Polygon", "coordinates": []}),
    )
    loaded = load_launch_geojson(write(tmp_path, doc))
    assert loaded.geometry.intersects(Point(36.5, 51.5))
    assert loaded.geometry.intersects(Point(30, 50))
    assert loaded.name == "nothing here"


def test_hostile_name_is_kept_verbatim(tmp_path: Path) -> None:
    name = "<script>alert('x')</script>"
    loaded = load_launch_geojson(write(tmp_path, collection(feature(polygon(), name=name))))
    assert loaded.name == name


@pytest.mark.parametrize("bad_name", [None, 42, "", "   ", "x" * 200, "two\nlines"])
def test_unusable_name_falls_back_to_stem(tmp_path: Path, bad_name: Any) -> None:
    doc = collection(feature(polygon(), name=bad_name))
    assert load_launch_geojson(write(tmp_path, doc, "Sumy border.geojson")).name == "Sumy border"


def test_utf8_bom_and_non_ascii_are_read(tmp_path: Path) -> None:
    path = tmp_path / "курск.geojson"
    text = json.dumps(feature(polygon(), name="Курськ"), ensure_ascii=False)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    loaded = load_launch_geojson(path)
    assert loaded.name == "Курськ"


# --- repairs ----------------------------------------------------------------------------------


def test_bowtie_polygon_is_repaired_with_a_warning(tmp_path: Path) -> None:
    doc = collection(feature(polygon()), feature(polygon()), feature(polygon(BOWTIE)))
    loaded = load_launch_geojson(write(tmp_path, doc))
    assert loaded.geometry.is_valid
    assert loaded.geometry.geom_type == "MultiPolygon"
    assert loaded.geometry.area == pytest.approx(1.0 + 0.5)  # the square and two triangles
    assert len(loaded.warnings) == 1
    warning = loaded.warnings[0]
    assert warning.startswith("repaired an invalid polygon in feature 3: Self-intersection")
    assert "0.5 0.5" in warning


def test_unclosed_ring_is_closed_with_a_warning(tmp_path: Path) -> None:
    loaded = load_launch_geojson(write(tmp_path, polygon([SQUARE[0][:-1]])))
    assert loaded.geometry.equals(Polygon(SQUARE[0]))
    assert loaded.warnings == ["closed an unclosed polygon ring in the geometry"]


def test_polygon_with_no_area_cannot_be_repaired(tmp_path: Path) -> None:
    flat = polygon([[[0, 0], [1, 0], [2, 0], [0, 0]]])
    message = load_error(write(tmp_path, collection(feature(flat))))
    assert "feature 1" in message
    assert "invalid" in message
    assert "no polygon is left" in message


# --- CRS --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "crs_name",
    [
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    ],
)
def test_wgs84_crs_member_is_accepted(tmp_path: Path, crs_name: str) -> None:
    crs = {"type": "name", "properties": {"name": crs_name}}
    loaded = load_launch_geojson(write(tmp_path, collection(feature(polygon()), crs=crs)))
    assert loaded.geometry.equals(Polygon(SQUARE[0]))


@pytest.mark.parametrize(
    "crs",
    [
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        {"type": "name", "properties": {"name": "EPSG:3857"}},
        {"type": "EPSG", "properties": {"code": 3857}},
    ],
)
def test_an_epsg_crs_member_is_reprojected_from(tmp_path: Path, crs: Any) -> None:
    # Kursk (36.19 E, 51.73 N) in Web Mercator metres: read back as lon/lat.
    doc = {"type": "Point", "coordinates": [4028652.37, 6751452.45], "crs": crs}
    loaded = load_launch_geojson(write(tmp_path, doc))
    assert isinstance(loaded.geometry, Point)
    assert loaded.geometry.x == pytest.approx(36.19, abs=1e-4)
    assert loaded.geometry.y == pytest.approx(51.73, abs=1e-4)


@pytest.mark.parametrize(
    "crs",
    [
        {"type": "link", "properties": {"href": "http://example.com/crs", "type": "proj4"}},
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:Nowhere"}},
        "EPSG:4326",  # not a crs object at all
    ],
)
def test_other_crs_is_rejected(tmp_path: Path, crs: Any) -> None:
    message = load_error(write(tmp_path, collection(feature(polygon()), crs=crs)))
    assert "reproject to WGS84 lon/lat (EPSG:4326)" in message
    assert "launch.geojson" in message


def test_crs_on_a_feature_is_checked_too(tmp_path: Path) -> None:
    doc = feature(polygon(), name="x")
    doc["crs"] = {"type": "name", "properties": {"name": "EPSG:3857"}}
    assert "EPSG:3857" in load_error(write(tmp_path, collection(doc)))


# --- coordinates ------------------------------------------------------------------------------


def test_projected_coordinates_are_rejected(tmp_path: Path) -> None:
    square_m = [[[3800000, 6700000], [3900000, 6700000], [3900000, 6800000], [3800000, 6700000]]]
    message = load_error(write(tmp_path, collection(feature(polygon(square_m)))))
    assert "looks projected" in message
    assert "[3800000, 6700000]" in message
    assert "EPSG:4326" in message


@pytest.mark.parametrize(
    "position",
    [[181.0, 50.0], [-180.5, 50.0], [30.0, 90.5], [30.0, -91]],
)
def test_out_of_range_degrees_are_rejected(tmp_path: Path, position: list[float]) -> None:
    message = load_error(write(tmp_path, {"type": "Point", "coordinates": position}))
    assert "outside longitude -180..180 / latitude -90..90" in message


def test_a_likely_swap_is_named(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, {"type": "Point", "coordinates": [51.7, 136.2]}))
    assert "swapped" in message


@pytest.mark.parametrize(
    "doc",
    [
        {"type": "Point", "coordinates": [36.0, 51.0, 120.0]},
        {"type": "LineString", "coordinates": [[36.0, 51.0, 0.0], [37.0, 51.0, 10.0]]},
        polygon([[[36, 51, 0], [37, 51, -5], [37, 52, 0], [36, 51, 0]]]),
    ],
)
def test_3d_coordinates_are_rejected(tmp_path: Path, doc: dict[str, Any]) -> None:
    message = load_error(write(tmp_path, doc))
    assert "3-D coordinates are not accepted; drop the altitude" in message


def test_altitudes_all_0_are_read_as_2d(tmp_path: Path) -> None:
    # What Google Earth writes: every altitude 0. The file is 2-D in all but form.
    doc = polygon([[[36, 51, 0], [37, 51, 0], [37, 52, 0], [36, 51, 0]]])
    loaded = load_launch_geojson(write(tmp_path, doc))
    assert not loaded.geometry.has_z
    assert loaded.geometry.equals(Polygon([(36, 51), (37, 51), (37, 52)]))


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_coordinates_are_rejected(tmp_path: Path, raw: str) -> None:
    path = tmp_path / "launch.geojson"
    path.write_text(f'{{"type": "Point", "coordinates": [{raw}, 50]}}', encoding="utf-8")
    assert "NaN or Infinity" in load_error(path)


@pytest.mark.parametrize("value", ["36.0", True, None, [36.0], {"x": 1}])
def test_non_numeric_coordinates_are_rejected(tmp_path: Path, value: Any) -> None:
    message = load_error(write(tmp_path, {"type": "Point", "coordinates": [value, 50.0]}))
    assert "non-number" in message


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({"type": "LineString", "coordinates": [[36.0, 51.0]]}, "at least 2 positions"),
        (polygon([[[36, 51], [37, 51], [36, 51]]]), "at least 4 positions"),
        (polygon([[[36, 51], [37, 51]]]), "at least 4 positions"),
        ({"type": "Point", "coordinates": [36.0]}, "needs two numbers"),
        ({"type": "Polygon", "coordinates": [[36.0, 51.0]]}, "not an array of two numbers"),
        ({"type": "Polygon", "coordinates": "36 51"}, "not an array"),
        ({"type": "LineString", "coordinates": [[36, 51], [36, 51]]}, "no line is left"),
    ],
)
def test_malformed_coordinates_are_rejected(
    tmp_path: Path, doc: dict[str, Any], expected: str
) -> None:
    assert expected in load_error(write(tmp_path, doc))


def test_error_names_the_feature(tmp_path: Path) -> None:
    bad = {"type": "Point", "coordinates": [500, 50]}
    doc = collection(feature(polygon()), feature(polygon()), feature(bad))
    assert "feature 3" in load_error(write(tmp_path, doc))


# --- file problems ----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    message = load_error(tmp_path / "nowhere.geojson")
    assert "nowhere.geojson" in message
    assert "not found" in message


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "shapes.geojson"
    folder.mkdir()
    assert "is a folder" in load_error(folder)


def test_file_over_50_mb_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.geojson"
    with path.open("wb") as fh:
        fh.truncate(MAX_GEOJSON_BYTES + 1)  # sparse: fast, takes no disk space
    message = load_error(path)
    assert "50 MB" in message
    assert "huge.geojson" in message


@pytest.mark.parametrize("content", [b"", b"  \n\t"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "launch.geojson"
    path.write_bytes(content)
    assert "is empty" in load_error(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        ('{"type": "Point"}'.encode("utf-16"), "UTF-16"),
        (b'{"type": "Feature", "properties": {"name": "Kyiv \xe9"}}', "not UTF-8"),
    ],
)
def test_not_utf8_text(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "launch.geojson"
    path.write_bytes(content)
    assert expected in load_error(path)


def test_not_json_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "launch.geojson"
    path.write_text('{\n  "type": "Point",\n  "coordinates": [36, 51,]\n}\n', encoding="utf-8")
    message = load_error(path)
    assert "not valid JSON" in message
    assert "line 3, column" in message


def test_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "launch.geojson"
    path.write_text("[" * 100_000, encoding="utf-8")
    assert "nested too deeply" in load_error(path)


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ([1, 2, 3], "not a GeoJSON object"),
        ("Point", "not a GeoJSON object"),
        ({"features": []}, '"type"'),
        ({"type": "Circle", "coordinates": [36, 51]}, "unknown GeoJSON type"),
        ({"type": "Topology", "objects": {}}, "TopoJSON"),
        ({"type": "FeatureCollection"}, '"features" list'),
        ({"type": "FeatureCollection", "features": []}, "no features"),
        (collection(polygon()), "bare Polygon"),
        (collection("x"), "not a GeoJSON Feature"),
        (collection(feature({"type": "Blob"})), "unknown GeoJSON type"),
        (collection(feature(None), feature(None)), "all 2 features have a null or empty"),
        (collection(feature({"type": "Point", "coordinates": []})), "the only feature has"),
        (feature(None), "geometry is null or empty"),
        ({"type": "GeometryCollection", "geometries": []}, "is empty"),
        ({"type": "GeometryCollection"}, '"geometries" list'),
        ({"type": "Point"}, 'no "coordinates"'),
    ],
)
def test_json_that_is_not_usable_geojson(tmp_path: Path, doc: Any, expected: str) -> None:
    message = load_error(write(tmp_path, doc))
    assert expected in message
    assert "launch.geojson" in message


def test_long_file_name_is_shortened(tmp_path: Path) -> None:
    path = tmp_path / ("very_long_" * 15 + "name.geojson")
    message = load_error(path)
    assert "name.geojson" in message
    assert "…" in message
    assert len(message) < 200


# --- looks_like_geojson_path ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("launch.geojson", True),
        ("dir/Launch.GEOJSON", True),
        ("sites.json", True),
        (" sites.json ", True),
        ("Kursk", False),
        ("RU-KRS", False),
        ("51.73,36.19", False),
        ("border:UA-RU", False),
        ("launch.geojson.gz", False),
        ("", False),
    ],
)
def test_looks_like_geojson_path(text: str, expected: bool) -> None:
    assert looks_like_geojson_path(text) is expected


def test_looks_like_geojson_path_takes_paths(tmp_path: Path) -> None:
    assert looks_like_geojson_path(tmp_path / "x.geojson")


# --- never anything but DataFileError ---------------------------------------------------------

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=10)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)
NUMBERS = st.one_of(
    st.floats(min_value=-200, max_value=200),
    st.integers(min_value=-200, max_value=200),
    st.sampled_from([0.0, 1.0, 0.5]),
)
DEGREES = st.floats(min_value=-10, max_value=10) | st.sampled_from([0, 1, 2])
LONLAT = st.tuples(DEGREES, DEGREES).map(list)
# Mostly well-formed [lon, lat] pairs, sometimes a wrong length or a wrong range.
POSITION = LONLAT | LONLAT | LONLAT | st.lists(NUMBERS, max_size=4)


@st.composite
def rings(draw: st.DrawFn) -> list[Any]:
    """A ring of 0..7 positions, closed most of the time."""
    ring: list[Any] = draw(st.lists(POSITION, max_size=6))
    close: int = draw(st.integers(0, 4))
    if ring and close:
        ring.append(ring[0])
    return ring


LINES = st.lists(POSITION, max_size=6)
POLYGONS = st.lists(rings(), max_size=3)
COORDINATES = {
    "Point": POSITION,
    "MultiPoint": LINES,
    "LineString": LINES,
    "MultiLineString": st.lists(LINES, max_size=3),
    "Polygon": POLYGONS,
    "MultiPolygon": st.lists(POLYGONS, max_size=3),
}
TYPES = st.sampled_from(
    [
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
        "Feature",
        "FeatureCollection",
    ]
)


@st.composite
def geojson_like(draw: st.DrawFn, depth: int = 0) -> Any:
    """Objects shaped like GeoJSON, so the geometry code sees many near misses."""
    kind = draw(TYPES)
    obj: dict[str, Any] = {"type": kind}
    if kind == "FeatureCollection":
        children = st.deferred(lambda: geojson_like(depth + 1)) if depth < 2 else JSON_VALUES
        obj["features"] = draw(st.lists(children, max_size=3))
    elif kind == "Feature":
        children = st.deferred(lambda: geojson_like(depth + 1)) if depth < 2 else JSON_VALUES
        obj["geometry"] = draw(st.none() | children)
        obj["properties"] = draw(st.none() | st.fixed_dictionaries({"name": JSON_SCALARS}))
    elif kind == "GeometryCollection":
        children = st.deferred(lambda: geojson_like(depth + 1)) if depth < 2 else JSON_VALUES
        obj["geometries"] = draw(st.lists(children, max_size=3))
    else:
        obj["coordinates"] = draw(COORDINATES[kind] | JSON_VALUES)
    if draw(st.integers(0, 9)) == 0:
        obj["crs"] = draw(JSON_VALUES)
    return obj


def _load_or_data_file_error(path: Path) -> None:
    try:
        loaded = load_launch_geojson(path)
    except DataFileError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert not loaded.geometry.is_empty
        assert loaded.geometry.is_valid
        assert isinstance(loaded.name, str) and loaded.name


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_data_file_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.geojson"
    path.write_bytes(data)
    _load_or_data_file_error(path)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=JSON_VALUES | geojson_like())
def test_arbitrary_json_raises_only_data_file_error(tmp_path: Path, value: Any) -> None:
    path = tmp_path / "fuzz.geojson"
    path.write_text(json.dumps(value), encoding="utf-8")
    _load_or_data_file_error(path)


def test_many_repairs_are_summarised(tmp_path: Path) -> None:
    doc = collection(*(feature(polygon(BOWTIE)) for _ in range(25)))
    loaded = load_launch_geojson(write(tmp_path, doc))
    assert len(loaded.warnings) == 11
    assert loaded.warnings[-1] == "... and 15 more repairs like these"
