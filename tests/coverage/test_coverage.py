"""Coverage: regions, countries, sites and cities within a reach."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from functools import cache

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point, Polygon

from rangemap.coverage import (
    Coverage,
    compute_coverage,
)
from rangemap.errors import InputError
from rangemap.geodesy import distances_to_km, geometry_area_km2, reach, ring_polygon
from rangemap.places import Site, bundled_sites, countries, regions
from rangemap.render.tables import coverage_csv, coverage_markdown, coverage_table

#: One xdist worker runs this module: its tests share expensive results (see pyproject.toml).
pytestmark = pytest.mark.xdist_group("coverage")

SUMY = (34.799, 50.917)  # (lon, lat) of Sumy city
RANGE_KM = 300.0
WGS84 = Geod(ellps="WGS84")
HOSTILE = 'Evil | base\nsecond line <script>alert("x")</script>, =cmd\x1b[2J'


@cache
def sumy_disc() -> Polygon:
    disc = ring_polygon(*SUMY, RANGE_KM)
    assert isinstance(disc, Polygon)
    return disc


@cache
def sumy_coverage() -> Coverage:
    return compute_coverage(sumy_disc(), Point(*SUMY), range_km=RANGE_KM)


@cache
def ukraine() -> shapely.Geometry:
    return next(p for p in countries() if p.code == "UA").geometry


@cache
def ukraine_reach() -> shapely.Geometry:
    return reach(ukraine(), RANGE_KM)


@cache
def ukraine_coverage() -> Coverage:
    return compute_coverage(ukraine_reach(), ukraine(), range_km=RANGE_KM)


def region(code: str) -> shapely.Geometry:
    return next(p for p in regions() if p.code == code).geometry


def max_distance_km(geometry: shapely.Geometry, lon: float, lat: float) -> float:
    xy = shapely.get_coordinates(geometry)
    n = len(xy)
    _, _, dist = WGS84.inv(np.full(n, lon), np.full(n, lat), xy[:, 0], xy[:, 1])
    return float(np.max(dist)) / 1000.0


def by_code(cov: Coverage) -> dict[str, float]:
    return {r.iso_3166_2: r.share for r in cov.region_rows}


# --------------------------------------------------------------------------
# point launch: Sumy, 300 km


def test_regions_wholly_within_range_are_fully_covered() -> None:
    shares = by_code(sumy_coverage())
    # Every vertex of Sumy and Kursk oblasts is within the range of Sumy city,
    # so (regions being bounded by their vertices, up to edge curvature of
    # metres) the whole region is in reach.
    for code in ("UA-59", "RU-KRS"):
        assert max_distance_km(region(code), *SUMY) < RANGE_KM - 5
        assert shares[code] > 0.999


def test_far_regions_are_absent() -> None:
    shares = by_code(sumy_coverage())
    for code in ("RU-MOS", "RU-MOW", "RU-SAR", "UA-46", "UA-43"):
        assert code not in shares


def test_partly_covered_region_is_partial() -> None:
    shares = by_code(sumy_coverage())
    # Voronezh oblast reaches from about 250 km to about 600 km from Sumy.
    assert 0.0 < shares["RU-VOR"] < 0.5


def test_areas_are_consistent() -> None:
    cov = sumy_coverage()
    for r in cov.region_rows:
        assert 0.0 < r.reachable_km2 <= r.area_km2
        assert 0.0 < r.share <= 1.0
        assert r.share == pytest.approx(r.reachable_km2 / r.area_km2)
    for c in cov.country_rows:
        assert 0.0 < c.reachable_km2 <= c.area_km2
        assert c.share == pytest.approx(c.reachable_km2 / c.area_km2)


def test_region_sums_match_countries() -> None:
    cov = sumy_coverage()
    totals: dict[str, float] = defaultdict(float)
    for r in cov.region_rows:
        totals[r.country] += r.reachable_km2
    assert set(totals) == {c.iso_a2 for c in cov.country_rows} == {"UA", "RU", "BY"}
    for c in cov.country_rows:
        assert totals[c.iso_a2] == pytest.approx(c.reachable_km2, rel=0.01)


def test_total_is_at_most_the_disc() -> None:
    cov = sumy_coverage()
    disc_km2 = geometry_area_km2(sumy_disc())
    total = sum(c.reachable_km2 for c in cov.country_rows)
    # The disc around Sumy is all land: nothing is lost to the sea.
    assert 0.99 * disc_km2 <= total <= disc_km2 * (1 + 1e-9)


def test_orders() -> None:
    cov = sumy_coverage()
    reachable = [c.reachable_km2 for c in cov.country_rows]
    assert reachable == sorted(reachable, reverse=True)
    assert cov.country_rows[0].iso_a2 == "UA"
    rank = {c.iso_a2: k for k, c in enumerate(cov.country_rows)}
    keys = [(rank[r.country], -r.share) for r in cov.region_rows]
    assert keys == sorted(keys)
    distances = [s.distance_km for s in cov.site_rows]
    assert distances == sorted(distances)
    population = [c.population for c in cov.city_rows]
    assert population == sorted(population, reverse=True)


def test_sites_distances_are_exact() -> None:
    cov = sumy_coverage()
    sites = {s.name: s for s in cov.site_rows}
    khalino = next(s for s in cov.site_rows if s.name.startswith("Khalino"))
    _, _, dist_m = WGS84.inv(*SUMY, khalino.lon, khalino.lat)
    assert khalino.distance_km == pytest.approx(dist_m / 1000.0, abs=0.1)
    assert khalino.in_reach
    assert khalino.country == "RU"
    assert not sites["Engels-2"].in_reach
    assert sites["Engels-2"].distance_km > 700
    # Every site is listed, in reach or not, and in_reach follows the distance.
    assert len(cov.site_rows) == len(bundled_sites())
    for s in cov.site_rows:
        assert s.in_reach == (s.distance_km <= RANGE_KM)


def test_cities() -> None:
    cov = sumy_coverage()
    names = {(c.name, c.country): c for c in cov.city_rows}
    kursk = names[("Kursk", "RU")]
    assert kursk.population > 400_000
    _, _, dist_m = WGS84.inv(*SUMY, kursk.lon, kursk.lat)
    assert kursk.distance_km == pytest.approx(dist_m / 1000.0, abs=0.01)
    assert ("Kharkiv", "UA") in names
    assert ("Moscow", "RU") not in names
    assert all(c.distance_km <= RANGE_KM for c in cov.city_rows)
    assert all(c.population >= 15_000 for c in cov.city_rows)


def test_range_edge_is_decided_by_the_exact_distance() -> None:
    # Sites a hair inside and outside the range, in several directions.
    lons, lats, _ = WGS84.fwd(
        [SUMY[0]] * 4, [SUMY[1]] * 4, [0.0, 90.0, 200.0, 300.0], [299_990.0] * 2 + [300_010.0] * 2
    )
    extra = [
        Site(f"edge-{k}", f"Edge {k}", "site", None, lat=float(lat), lon=float(lon))
        for k, (lon, lat) in enumerate(zip(lons, lats, strict=True))
    ]
    cov = compute_coverage(
        sumy_disc(), Point(*SUMY), range_km=RANGE_KM, sites=extra, include_bundled_sites=False
    )
    result = {s.name: s for s in cov.site_rows}
    assert [result[f"Edge {k}"].in_reach for k in range(4)] == [True, True, False, False]
    assert result["Edge 0"].distance_km == pytest.approx(299.99, abs=1e-6)


def test_without_range_the_polygon_decides() -> None:
    extra = [Site("in", "In", "site", None, lat=51.75, lon=36.30)]
    cov = compute_coverage(sumy_disc(), Point(*SUMY), sites=extra, include_bundled_sites=False)
    assert [s.in_reach for s in cov.site_rows] == [True]
    assert cov.city_rows and all(c.distance_km <= RANGE_KM + 0.02 for c in cov.city_rows)


def test_user_sites_are_added() -> None:
    extra = [
        Site("mine", "My depot", "depot", "RU", lat=51.0, lon=36.0),
        Site("far", "Far away", "site", None, lat=60.0, lon=60.0),
    ]
    cov = compute_coverage(sumy_disc(), Point(*SUMY), range_km=RANGE_KM, sites=extra)
    names = [s.name for s in cov.site_rows]
    assert len(names) == len(bundled_sites()) + 2
    assert "My depot" in names and "Far away" in names
    depot = next(s for s in cov.site_rows if s.name == "My depot")
    assert depot.in_reach and depot.kind == "depot"
    only = compute_coverage(
        sumy_disc(), Point(*SUMY), range_km=RANGE_KM, sites=extra, include_bundled_sites=False
    )
    assert [s.name for s in only.site_rows] == ["My depot", "Far away"]
    assert not only.site_rows[1].in_reach


# --------------------------------------------------------------------------
# output formats


def test_to_dict_keys() -> None:
    # Issue 9 item 4: the old keys stay, launch_side comes first, every row says who holds it.
    data = sumy_coverage().to_dict()
    assert list(data) == [
        "launch_side",
        "target_sides",
        "all_sides",
        "regions",
        "countries",
        "sites",
        "cities",
        "counts",
        "third_countries",
        "own_side_left_out",
        "population_in_reach",
        "population_method",
        "by_layer",
    ]
    assert data["launch_side"] is None  # no side given: everything listed
    assert set(data["regions"][0]) == {
        "iso_3166_2",
        "name",
        "country",
        "share",
        "reachable_km2",
        "area_km2",
        "held_by",
        "occupied",
        "contested",
        "target",
    }
    assert set(data["countries"][0]) == {
        "iso_a2",
        "name",
        "reachable_km2",
        "area_km2",
        "share",
        "held_by",
        "target",
    }
    assert set(data["sites"][0]) == {
        "name",
        "kind",
        "country",
        "lat",
        "lon",
        "distance_km",
        "in_reach",
        "held_by",
        "role",
        "occupied",
        "target",
        "source",
        "reached_by",
        "origin",
    }
    assert set(data["cities"][0]) == {
        "name",
        "country",
        "population",
        "lat",
        "lon",
        "distance_km",
        "held_by",
        "target",
        "reached_by",
    }
    import json

    assert json.loads(json.dumps(data)) == data


def hostile_coverage() -> Coverage:
    extra = [Site("evil", HOSTILE, "x|y", "RU", lat=51.0, lon=36.0)]
    return compute_coverage(sumy_disc(), Point(*SUMY), range_km=RANGE_KM, sites=extra)


def test_markdown_escapes_names() -> None:
    text = coverage_markdown(hostile_coverage())
    assert "## Regions in reach" in text and "## Cities in reach" in text
    row = next(line for line in text.splitlines() if "Evil" in line)
    # One line, escaped pipes, no raw HTML.
    assert "Evil \\| base second line" in row
    assert "<script>" not in text and "\\<script\\>" in row
    assert "x\\|y" in row
    # Unescaped pipes delimit exactly the 9 columns (Role and Held by since issue 9).
    cells = row.replace("\\|", "").strip().strip("|").split("|")
    assert len(cells) == 9
    assert "| Sumy Oblast | UA-59 | UA | UA | 23," in text
    assert "| Kharkiv | UA | UA | 1,4" in text


def test_csv_quotes_names() -> None:
    text = coverage_csv(hostile_coverage())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["section"] for r in rows} == {"region", "country", "site", "city"}
    evil = next(r for r in rows if r["name"] == HOSTILE)
    assert evil["kind"] == "x|y"
    assert evil["in_reach"] == "true"
    assert float(evil["distance_km"]) > 0
    sumy = next(r for r in rows if r["section"] == "region" and r["code"] == "UA-59")
    assert float(sumy["share"]) > 0.999
    # A name that a spreadsheet would run as a formula is defused.
    extra = [Site("f", "=HYPERLINK(1)", "site", None, lat=51.0, lon=36.0)]
    cov = compute_coverage(sumy_disc(), Point(*SUMY), range_km=RANGE_KM, sites=extra)
    rows = list(csv.DictReader(io.StringIO(coverage_csv(cov))))
    assert any(r["name"] == "'=HYPERLINK(1)" for r in rows)


def test_table_is_plain_text() -> None:
    text = coverage_table(hostile_coverage())
    assert "Kursk Oblast" in text and "100.0%" in text
    line = next(line for line in text.splitlines() if "Evil" in line)
    assert "\n" not in line and "second line" in line
    assert "\x1b" not in text


# --------------------------------------------------------------------------
# errors and edge cases


def test_rejects_non_polygonal_reach() -> None:
    with pytest.raises(InputError, match="Polygon"):
        compute_coverage(Point(*SUMY), Point(*SUMY))
    with pytest.raises(InputError, match="list"):
        compute_coverage([1, 2], Point(*SUMY))
    with pytest.raises(InputError):
        compute_coverage(sumy_disc(), Point(*SUMY), range_km=-1)


def test_invalid_reach_is_repaired() -> None:
    # A self-intersecting "bow tie" over Kursk and Belgorod oblasts.
    bowtie = Polygon([(35.0, 50.0), (38.0, 52.0), (38.0, 50.0), (35.0, 52.0)])
    assert not bowtie.is_valid
    cov = compute_coverage(bowtie, Point(36.5, 51.0), include_bundled_sites=False)
    assert {"RU-KRS", "RU-BEL"} <= set(by_code(cov))


def test_sea_reach_covers_nothing_but_lists_sites() -> None:
    sea = ring_polygon(-30.0, 0.0, 50)  # mid-Atlantic
    cov = compute_coverage(sea, Point(-30.0, 0.0), range_km=50)
    assert cov.region_rows == () and cov.country_rows == () and cov.city_rows == ()
    assert len(cov.site_rows) == len(bundled_sites())
    assert not any(s.in_reach for s in cov.site_rows)
    assert "*None.*" in coverage_markdown(cov)


# --------------------------------------------------------------------------
# polygon launch: Ukraine, 300 km


def test_ukraine_reach_regions() -> None:
    cov = ukraine_coverage()
    shares = by_code(cov)
    ua_regions = {str(p.code) for p in regions() if p.country == "UA"}
    for code in ua_regions:
        assert shares[code] > 0.999, code
    ua = next(c for c in cov.country_rows if c.iso_a2 == "UA")
    assert ua.share > 0.999
    assert cov.country_rows[0].iso_a2 == "UA"
    assert 0.0 < shares["RU-SAR"] < 0.1  # Saratov oblast's western tip only


@pytest.mark.parametrize(
    "code",
    [
        *("RU-KRS", "RU-VOR", "BY-HO", "MD-CU", "PL-LU"),  # wholly in reach
        *("RU-SAR", "RU-ROS", "BY-MI", "RU-TAM", "RU-KGD"),  # partly
        *("RU-MOS", "RU-MOW", "RU-SPE"),  # out of reach
    ],
)
def test_ukraine_reach_regions_agree_with_vertex_distances(code: str) -> None:
    # Natural Earth edges are short (well under 1 km), so a region whose
    # every vertex is within 299 km of Ukraine is wholly in reach, one whose
    # every vertex is beyond 301 km is out of reach, and one with vertices
    # on both sides is partly in reach.
    xy = shapely.get_coordinates(region(code))
    km = distances_to_km(ukraine(), xy[:, 0], xy[:, 1])
    share = by_code(ukraine_coverage()).get(code, 0.0)
    if km.max() < RANGE_KM - 1:
        assert share > 0.999
    elif km.min() > RANGE_KM + 1:
        assert share == 0.0
    else:
        assert km.min() < RANGE_KM - 1 and km.max() > RANGE_KM + 1
        assert 0.0 < share < 1.0


def test_ukraine_reach_sites_and_cities_agree_with_distances() -> None:
    cov = ukraine_coverage()
    for s in cov.site_rows:
        assert s.in_reach == (s.distance_km <= RANGE_KM)
        if s.country == "UA" and not s.name.startswith("Evil"):
            assert s.distance_km == 0.0 or s.in_reach
    sites = {s.name: s for s in cov.site_rows}
    assert sites["Khalino (Kursk-Vostochny)"].in_reach
    assert not sites["Engels-2"].in_reach
    # Every city within the range (by exact distance, over a box around the
    # reach) is listed, and nothing else.
    from rangemap.places import cities as city_table

    all_cities = [
        {"geonameid": c.geonameid, "name": c.name, "latitude": c.lat, "longitude": c.lon}
        for c in city_table()
    ]
    xmin, ymin, xmax, ymax = ukraine_reach().bounds
    box = [
        c
        for c in all_cities
        if xmin - 1 <= c["longitude"] <= xmax + 1 and ymin - 1 <= c["latitude"] <= ymax + 1
    ]
    km = distances_to_km(
        ukraine(),
        np.array([c["longitude"] for c in box], dtype=float),
        np.array([c["latitude"] for c in box], dtype=float),
    )
    expected = {c["geonameid"] for c, d in zip(box, km, strict=True) if d <= RANGE_KM}
    got = {(c.name, c.lat, c.lon) for c in cov.city_rows}
    want = {
        (c["name"], float(c["latitude"]), float(c["longitude"]))
        for c in box
        if c["geonameid"] in expected
    }
    assert got == want
    names = {c.name for c in cov.city_rows}
    assert {"Kyiv", "Kursk", "Belgorod", "Chisinau"} <= names
    assert "Moscow" not in names
