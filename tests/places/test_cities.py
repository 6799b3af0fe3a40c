"""The city table: real cities, each named once; people in reach (issue 13, item 3)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from rangemap.api import make_map
from rangemap.build import scene_coverage
from rangemap.coverage import POPULATION_METHOD
from rangemap.geodesy import GEOD
from rangemap.places import cities, find_cities, regions, resolve_launch

DISTRICTS = ("Saltivka", "Obolon", "Darnytsia", "Darnytsya", "Kyivskyi", "Rayon KTZ")


def test_no_districts_in_the_city_table() -> None:
    names = {c.name for c in cities()}
    for district in DISTRICTS:
        assert district not in names
    # districts of Kyiv, Kharkiv, Donetsk, Moscow and Saint Petersburg
    for district in ("Shevchenkivskyi", "Pechersk", "Podil", "Mar'ino", "Kalininskiy"):
        assert district not in names
    assert not find_cities("Saltivka") and not find_cities("Obolon")


def test_real_cities_stay() -> None:
    names = {c.name for c in cities()}
    # cities beside bigger ones: Makiivka 10 km from Donetsk, Engels across the Volga
    for city in ("Kyiv", "Kharkiv", "Donetsk", "Makiyivka", "Engels", "Brovary", "Mariupol"):
        assert city in names
    assert {"Kursk", "Belgorod", "Sumy", "Moscow", "Khimki", "Lysychansk"} <= names
    assert resolve_launch("Kharkiv").name == "Kharkiv"


def test_names_are_unique_within_5_km() -> None:
    by_name: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities():
        by_name[c.name.lower()].append((c.lon, c.lat))
    for name, points in by_name.items():
        if len(points) < 2:
            continue
        lon = np.array([p[0] for p in points])
        lat = np.array([p[1] for p in points])
        for k in range(len(points) - 1):
            _, _, m = GEOD.inv(
                np.full(len(points) - k - 1, lon[k]),
                np.full(len(points) - k - 1, lat[k]),
                lon[k + 1 :],
                lat[k + 1 :],
            )
            assert np.min(m) > 5_000.0, name


def test_one_spelling_policy() -> None:
    assert all(c.name.isascii() for c in cities() if c.country in ("UA", "RU", "BY"))
    assert all("’" not in c.name for c in cities())
    # GeoNames' ASCII form is the name; the original spelling still finds the city
    assert [p.name for p in find_cities("Kiselëvsk")] == ["Kiselevsk"]
    assert [p.name for p in find_cities("Elektrostal’")] == ["Elektrostal'"]


def test_population_in_reach() -> None:
    rmap = make_map("border:UA-RU", weapons=["ATACMS"], coverage=False)
    cov = scene_coverage(rmap.scene)
    data = cov.to_dict()
    assert data["population_method"] == POPULATION_METHOD
    assert "GeoNames" in POPULATION_METHOD and "not a census" in POPULATION_METHOD
    assert data["population_in_reach"] > 0
    assert data["population_in_reach"] == sum(
        c["population"] for c in data["cities"] if c["target"]
    )
    names = {c["name"] for c in data["cities"]}
    assert {"Belgorod", "Kursk", "Voronezh"} <= names
    assert not names & set(DISTRICTS)
    # without cities the figure is unknown, not 0
    no_cities = scene_coverage(rmap.scene, include_cities=False)
    assert no_cities.population_in_reach is None


def test_map_summary_says_people_in_reach() -> None:
    from rangemap.render.html.panel import _summary_html

    rmap = make_map("Sumy", ranges=["300km"], coverage=False)
    cov = scene_coverage(rmap.scene)
    summary = _summary_html(cov, "300 km")
    people = cov.population_in_reach
    assert people is not None and people > 1_000_000
    assert f"About {people / 1e6:.1f} million people live in the other side" in summary
    assert "cities in reach (GeoNames)" in summary


def test_region_names_are_not_doubled() -> None:
    names = [r.name for r in regions()]
    assert "Minsk Region Oblast" not in names
    assert "Minsk Oblast" in names
    for name in names:
        words = name.split()
        assert not (words[-2:-1] and words[-2] in ("Region", "Oblast") and words[-1] == "Oblast")
