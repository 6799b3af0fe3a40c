"""The bundled airbase table and the validation of users' sites files."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import airportsdata
import pytest
from pyproj import Geod
from shapely.geometry import Point, shape

from rangemap._paths import data_path
from rangemap.errors import DataFileError, RangemapError
from rangemap.places import MAX_FILE_BYTES, MAX_ROWS, Site, load_sites

GEOD = Geod(ellps="WGS84")

REQUIRED_NAMES = (
    "Engels-2",
    "Shaykovka",
    "Olenya",
    "Soltsy-2",
    "Morozovsk",
    "Millerovo",
    "Khalino",
    "Voronezh-Baltimor",
    "Lipetsk-2",
    "Borisoglebsk",
    "Savasleyka",
    "Marinovka",
    "Mozdok",
    "Belbek",
    "Saky",
    "Buturlinovka",
    "Yeysk",
)
CRIMEA_IDS = ("belbek", "saky", "kacha", "gvardeyskoye", "dzhankoi", "kirovske")
# (south, north, west, east) in degrees; generous boxes, not borders.
CRIMEA_BOX = (44.3, 46.3, 32.4, 36.7)
UKRAINE_BOX = (44.3, 52.4, 22.1, 40.3)
THEATRE_BOX = (40.0, 70.0, 20.0, 130.0)  # European theatre plus Siberian bomber bases
AIRPORTSDATA_CITE = re.compile(r"airportsdata \d{8}, ICAO ([A-Z0-9]{4})")


def inside(site: Site, box: tuple[float, float, float, float]) -> bool:
    south, north, west, east = box
    return south <= site.lat <= north and west <= site.lon <= east


@pytest.fixture(scope="module")
def bundled() -> tuple[Site, ...]:
    return load_sites()


@pytest.fixture(scope="module")
def airports() -> dict[str, dict[str, object]]:
    return airportsdata.load("ICAO")  # type: ignore[no-any-return]


# --- the bundled table -------------------------------------------------------


def test_bundled_table_loads_and_is_cached(bundled: tuple[Site, ...]) -> None:
    assert isinstance(bundled, tuple)
    assert all(isinstance(site, Site) for site in bundled)
    assert len(bundled) >= 30
    assert load_sites() is bundled
    ids = [site.id for site in bundled]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", site_id) for site_id in ids)


def test_bundled_table_has_enough_airbases(bundled: tuple[Site, ...]) -> None:
    assert sum(site.kind == "airbase" for site in bundled) >= 25


@pytest.mark.parametrize("name", REQUIRED_NAMES)
def test_bundled_table_names_the_required_bases(bundled: tuple[Site, ...], name: str) -> None:
    assert any(name.lower() in site.name.lower() for site in bundled), name


def test_every_row_has_a_source_role_and_country(bundled: tuple[Site, ...]) -> None:
    for site in bundled:
        assert site.source and len(site.source) > 10, site.id
        assert "role:" in site.source, site.id  # the role's source follows the position's
        assert "http" not in site.source, site.id  # no guessed URLs
        assert site.role, site.id
        assert site.country in {"RU", "UA", "BY"}, site.id


def test_bundled_coordinates_have_four_or_five_decimals() -> None:
    with data_path("sites.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column in ("lat", "lon"):
                assert re.fullmatch(r"-?\d+\.\d{4,5}", row[column]), (row["id"], row[column])


def test_bundled_coordinates_lie_in_the_theatre(bundled: tuple[Site, ...]) -> None:
    for site in bundled:
        assert inside(site, THEATRE_BOX), site.id
        if site.country == "UA":
            assert inside(site, UKRAINE_BOX), site.id


def test_each_site_lies_in_its_country_in_the_bundled_boundaries(
    bundled: tuple[Site, ...],
) -> None:
    # The bundled admin-0 layer follows the same (German, international) view: Crimea is UA.
    with data_path("countries.geojson").open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    countries = [(f["properties"]["iso_a2"], shape(f["geometry"])) for f in features]
    for site in bundled:
        point = Point(site.lon, site.lat)
        assert [code for code, geometry in countries if geometry.covers(point)] == [site.country], (
            site.id
        )


def test_crimean_bases_are_ukrainian_and_occupied(bundled: tuple[Site, ...]) -> None:
    by_id = {site.id: site for site in bundled}
    for site_id in CRIMEA_IDS:
        site = by_id[site_id]
        assert site.country == "UA", site_id
        assert site.occupied is True, site_id
        assert inside(site, CRIMEA_BOX), site_id
    # Everything in Crimea is Ukrainian and occupied; only Ukrainian sites are occupied.
    for site in bundled:
        if inside(site, CRIMEA_BOX):
            assert (site.country, site.occupied) == ("UA", True), site.id
        if site.occupied:
            assert site.country == "UA", site.id


def test_positions_agree_with_airportsdata(
    bundled: tuple[Site, ...], airports: dict[str, dict[str, object]]
) -> None:
    checked = 0
    for site in bundled:
        codes = set(AIRPORTSDATA_CITE.findall(site.source or ""))
        if site.icao and site.icao in airports:
            codes.add(site.icao)
        for code in codes:
            assert code in airports, f"{site.id} cites airportsdata for unknown {code}"
            record = airports[code]
            lat, lon = float(str(record["lat"])), float(str(record["lon"]))
            _, _, distance_m = GEOD.inv(site.lon, site.lat, lon, lat)
            assert distance_m < 3000, f"{site.id} is {distance_m / 1000:.1f} km from {code}"
        checked += bool(codes)
    assert checked >= 15


def test_sites_give_lonlat_in_project_order(bundled: tuple[Site, ...]) -> None:
    site = bundled[0]
    assert site.lonlat == (site.lon, site.lat)


# --- user files: what works ---------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "sites.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_minimal_user_file(tmp_path: Path) -> None:
    path = write(tmp_path, "name,lat,lon\nKursk,51.73,36.19\n")
    (site,) = load_sites(path)
    assert site == Site(id="kursk", name="Kursk", kind="site", country=None, lat=51.73, lon=36.19)


def test_str_path_and_pathlike_are_both_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "name,lat,lon\nKursk,51.73,36.19\n")
    assert load_sites(str(path)) == load_sites(path)


def test_bom_extra_columns_and_header_case_are_accepted(tmp_path: Path) -> None:
    text = (
        "\ufeff Lon ,NAME,notes,Lat,Kind,occupied,colour\r\n"
        '35.19,"Kirovske, Crimea",seen 2025,45.17,airfield,yes,red\r\n'
        "30.30,Vasylkiv,,50.23,,no,\r\n"
    )
    first, second = load_sites(write(tmp_path, text))
    assert first.name == "Kirovske, Crimea"
    assert (first.lat, first.lon, first.kind, first.occupied) == (45.17, 35.19, "airfield", True)
    assert (second.kind, second.occupied, second.role, second.icao) == ("site", False, None, None)


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert('x')</script>",
        '"><img src=x onerror=alert(1)>',
        "O'Brien & Sons <b>",
        "Запоріжжя {{ template }} ${x}",
    ],
)
def test_hostile_names_are_kept_verbatim(tmp_path: Path, name: str) -> None:
    path = tmp_path / "sites.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["name", "lat", "lon"], [name, "50", "30"]])
    (site,) = load_sites(path)
    assert site.name == name
    assert re.fullmatch(r"[a-z0-9-]+", site.id)


def test_semicolon_delimited_file(tmp_path: Path) -> None:
    (site,) = load_sites(write(tmp_path, "name;lat;lon\nSumy;50.91;34.80\n"))
    assert (site.name, site.lat, site.lon) == ("Sumy", 50.91, 34.8)


def test_blank_lines_are_skipped_and_generated_ids_made_unique(tmp_path: Path) -> None:
    text = "name,lat,lon\n\nDepot,50,30\n,,\nDepot,51,31\n"
    sites = load_sites(write(tmp_path, text))
    assert [site.id for site in sites] == ["depot", "depot-2"]


def test_boundary_coordinates_are_accepted(tmp_path: Path) -> None:
    text = "name,lat,lon\nN,90,180\nS,-90.0,-180\nE,+1e1,-.5\n"
    assert [(s.lat, s.lon) for s in load_sites(write(tmp_path, text))] == [
        (90.0, 180.0),
        (-90.0, -180.0),
        (10.0, -0.5),
    ]


# --- user files: what is refused, and how it is said ---------------------------


def refused(path: Path, *fragments: str) -> DataFileError:
    with pytest.raises(DataFileError) as info:
        load_sites(path)
    message = str(info.value)
    assert "\n" not in message, message
    for fragment in fragments:
        assert fragment in message, message
    return info.value


def test_errors_are_rangemap_and_value_errors(tmp_path: Path) -> None:
    error = refused(tmp_path / "nope.csv")
    assert isinstance(error, RangemapError)
    assert isinstance(error, ValueError)


def test_missing_file(tmp_path: Path) -> None:
    refused(tmp_path / "nope.csv", "not found", "nope.csv", "name, lat, lon")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    refused(tmp_path, "folder")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "sites.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    refused(path, "binary", "UTF-8 CSV")


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "sites.csv"
    path.write_text("name,lat,lon\nKyiv,50.45,30.52\n", encoding="utf-16")
    refused(path, "UTF-16", "UTF-8")


def test_file_not_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "sites.csv"
    path.write_bytes("name,lat,lon\nКиїв,50.45,30.52\n".encode("cp1251"))
    refused(path, "not UTF-8", "line 2", "save it as UTF-8")


@pytest.mark.parametrize("text", ["", "  \n\r\n "])
def test_empty_file(tmp_path: Path, text: str) -> None:
    refused(write(tmp_path, text), "is empty", "name, lat, lon")


def test_header_without_rows(tmp_path: Path) -> None:
    refused(write(tmp_path, "name,lat,lon\n\n"), "no data rows")


@pytest.mark.parametrize(
    ("header", "missing"),
    [("name,latitude,longitude", "lat, lon"), ("lat,lon,label", "name"), ("name,lat", "lon")],
)
def test_missing_required_columns(tmp_path: Path, header: str, missing: str) -> None:
    refused(write(tmp_path, f"{header}\nx,1,2\n"), f"lacks column(s) {missing}", "name, lat, lon")


def test_duplicate_header_column(tmp_path: Path) -> None:
    refused(write(tmp_path, "name,lat,lon,Lat\nA,1,2,3\n"), "'lat' appears twice")


@pytest.mark.parametrize(
    ("row", "fragments"),
    [
        ("A,91,30", ("line 3", "lat 91 is outside -90..90")),
        ("A,-90.5,30", ("line 3", "outside -90..90")),
        ("A,50,180.01", ("line 3", "lon 180.01 is outside -180..180")),
        ("A,50,-181", ("line 3", "outside -180..180")),
        ("A,abc,30", ("line 3", "lat 'abc' is not a number", "decimal degrees")),
        ("A,50,nan", ("line 3", "lon 'nan' is not a number")),
        ("A,inf,30", ("line 3", "lat 'inf' is not a number")),
        ('A,"50,4",30', ("line 3", "not a number", "decimal point")),
        ("A,50°27′N,30", ("line 3", "not a number")),
        ("A,,30", ("line 3", "lat is empty")),
        ("A,50", ("line 3", "lon is empty")),
        (" ,50,30", ("line 3", "empty name")),
    ],
)
def test_bad_rows_name_the_line_and_the_problem(
    tmp_path: Path, row: str, fragments: tuple[str, ...]
) -> None:
    refused(write(tmp_path, f"name,lat,lon\nB,50,30\n{row}\n"), *fragments)


def test_too_many_fields_in_a_row(tmp_path: Path) -> None:
    refused(
        write(tmp_path, "name,lat,lon\nKharkiv, Ukraine,49.99,36.23\n"),
        "line 2",
        "fields but the header has 3",
        "quote",
    )


def test_unterminated_quote(tmp_path: Path) -> None:
    refused(write(tmp_path, 'name,lat,lon\n"Odesa,46.48,30.72\n'), "malformed CSV")


def test_duplicate_explicit_id(tmp_path: Path) -> None:
    text = "id,name,lat,lon\nab,A,1,2\nab,B,3,4\n"
    refused(write(tmp_path, text), "line 3", "id 'ab' repeats line 2")


def test_bad_occupied_value(tmp_path: Path) -> None:
    refused(
        write(tmp_path, "name,lat,lon,occupied\nA,45,34,maybe\n"),
        "line 2",
        "occupied 'maybe' must be yes or no",
    )


def test_long_values_are_shortened_in_messages(tmp_path: Path) -> None:
    error = refused(write(tmp_path, f"name,lat,lon\nA,{'x' * 500},30\n"), "not a number")
    assert len(str(error)) < 300 + len(str(tmp_path))


def test_file_larger_than_50_mb(tmp_path: Path) -> None:
    path = write(tmp_path, "name,lat,lon\n")
    with path.open("r+b") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    refused(path, "MB", "at most 50 MB")


def test_more_than_100000_rows(tmp_path: Path) -> None:
    rows = "".join(f"S{i},{i % 90},{i % 180}\n" for i in range(MAX_ROWS + 1))
    refused(write(tmp_path, "name,lat,lon\n" + rows), f"more than {MAX_ROWS:,} data rows")


def test_exactly_100000_rows_are_accepted(tmp_path: Path) -> None:
    rows = "".join(f"S{i},{i % 90},{i % 180}\n" for i in range(MAX_ROWS))
    assert len(load_sites(write(tmp_path, "name,lat,lon\n" + rows))) == MAX_ROWS


def test_user_files_are_not_cached(tmp_path: Path) -> None:
    path = write(tmp_path, "name,lat,lon\nA,1,2\n")
    first = load_sites(path)
    write(tmp_path, "name,lat,lon\nB,3,4\n")
    assert load_sites(path) != first
