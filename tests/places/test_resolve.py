"""Place resolution against the bundled boundaries and GeoNames cities."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from rangemap.errors import InputError, UnknownNameError
from rangemap.geodesy import distance_km
from rangemap.places import (
    borders,
    countries,
    find_cities,
    parse_lat_lon,
    regions,
    resolve_area,
    resolve_launch,
)


@pytest.mark.parametrize(
    ("text", "kind", "code", "country"),
    [
        ("RU-KRS", "region", "RU-KRS", "RU"),
        ("ru-krs", "region", "RU-KRS", "RU"),
        ("UA-59", "region", "UA-59", "UA"),
        ("region:Sumy", "region", "UA-59", "UA"),
        ("Kursk Oblast", "region", "RU-KRS", "RU"),
        ("Курская область", "region", "RU-KRS", "RU"),
        ("Сумська область", "region", "UA-59", "UA"),
        ("Crimea", "region", "UA-43", "UA"),
        ("UA", "country", "UA", "UA"),
        ("UKR", "country", "UA", "UA"),
        ("Ukraine", "country", "UA", "UA"),
        ("country:Belarus", "country", "BY", "BY"),
        ("border:UA-RU", "border", "UA-RU", None),
        ("border:ru-ua", "border", "UA-RU", None),
        ("border:UA-BY", "border", "UA-BY", None),
    ],
)
def test_resolve_launch_areas(text: str, kind: str, code: str, country: str | None) -> None:
    place = resolve_launch(text)
    assert (place.kind, place.code, place.country) == (kind, code, country)


@pytest.mark.parametrize(
    ("text", "lon", "lat", "country"),
    [
        ("Sumy", 34.80, 50.92, "UA"),
        ("Суми", 34.80, 50.92, "UA"),
        ("Сумы", 34.80, 50.92, "UA"),
        ("Kursk", 36.18, 51.73, "RU"),
        ("city:Kursk", 36.18, 51.73, "RU"),
        ("Курск", 36.18, 51.73, "RU"),
        ("Kiev", 30.52, 50.45, "UA"),
        ("Київ", 30.52, 50.45, "UA"),
        ("Kharkiv", 36.25, 49.98, "UA"),
        ("Харьков", 36.25, 49.98, "UA"),
        ("belgorod", 36.58, 50.60, "RU"),
    ],
)
def test_resolve_launch_cities(text: str, lon: float, lat: float, country: str) -> None:
    place = resolve_launch(text)
    assert place.kind == "city"
    assert place.country == country
    assert distance_km(lon, lat, *place.anchor) < 5


def test_most_populous_city_wins() -> None:
    # Several towns are called Aleksandrovka-like names; the largest "Moscow" is the capital.
    found = find_cities("Moscow")
    assert found[0].country == "RU"
    populations = [int(c.properties["population"]) for c in found]
    assert populations == sorted(populations, reverse=True)


def test_city_and_region_names_split_by_use() -> None:
    assert resolve_launch("Sumy").kind == "city"
    assert resolve_area("Sumy").code == "UA-59"
    assert resolve_launch("Kursk").kind == "city"
    assert resolve_area("Kursk").code == "RU-KRS"
    assert resolve_area("Kursk").name == "Kursk Oblast"


def test_coordinates() -> None:
    place = resolve_launch("51.73,36.19")
    assert place.kind == "point"
    assert place.anchor == (36.19, 51.73)
    assert parse_lat_lon("-33.9, 151.2") == (151.2, -33.9)
    assert parse_lat_lon("Sumy") is None


@pytest.mark.parametrize("text", ["95,30", "-90.5,0", "10,181", "10,-180.01"])
def test_coordinates_out_of_range(text: str) -> None:
    with pytest.raises(InputError):
        resolve_launch(text)


def test_unknown_place_suggests() -> None:
    with pytest.raises(UnknownNameError) as info:
        resolve_launch("Kurks")
    assert "Kursk" in info.value.suggestions
    assert len(info.value.suggestions) <= 5
    assert isinstance(info.value, LookupError)


def test_unknown_region_for_highlight() -> None:
    with pytest.raises(UnknownNameError):
        resolve_area("Atlantis")
    with pytest.raises(InputError):
        resolve_area("city:Sumy")


def test_occupied_regions_belong_to_ukraine() -> None:
    crimea = resolve_area("UA-43")
    sevastopol = resolve_area("UA-40")
    assert crimea.country == sevastopol.country == "UA"
    assert crimea.properties["occupied_since"] == 2014
    assert sevastopol.properties["occupied_since"] == 2014


def test_tables_are_loaded() -> None:
    assert {p.code for p in borders()} == {"UA-RU", "UA-BY"}
    assert {"UA", "RU", "BY", "PL", "MD"} <= {p.code for p in countries()}
    codes = {p.code for p in regions()}
    assert {"RU-KRS", "RU-BEL", "RU-BRY", "UA-59", "UA-63"} <= codes


def test_border_anchor_lies_on_the_border() -> None:
    border = resolve_launch("border:UA-RU")
    lon, lat = border.anchor
    assert border.geometry.distance(Point(lon, lat)) < 1e-9


@pytest.mark.parametrize(
    "name",
    [
        "Sumy",
        "Kursk",
        "Kiev",
        "Київ",
        "Харьков",
        "belgorod",
        "Sevastopol",
        "Alexandria",
        "Springfield",
    ],
)
def test_city_fast_path_agrees_with_full_search(name: str) -> None:
    from rangemap.places.cities import _match_city

    full = find_cities(name)
    fast = _match_city(name)
    assert full and fast is not None
    assert (fast.name, fast.country, fast.properties["geonameid"]) == (
        full[0].name,
        full[0].country,
        full[0].properties["geonameid"],
    )
