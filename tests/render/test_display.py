"""What a map draws for a place (rangemap.render.display), the same in both renderers."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import shape

import rangemap
from rangemap.places import resolve_area, resolve_launch
from rangemap.render.display import (
    PAGE_PRECISION_DEG,
    SIMPLIFY_DEG,
    display_layer,
    place_geojson,
    place_geometry,
)


@pytest.mark.parametrize(
    ("name", "layer", "key"),
    [("Kursk", "regions", "iso_3166_2"), ("country:BY", "countries", "iso_a2")],
)
def test_a_bundled_area_is_drawn_as_its_display_copy(name: str, layer: str, key: str) -> None:
    place = resolve_area(name)
    shown = display_layer(layer)
    (index,) = [i for i, props in enumerate(shown.props) if props.get(key) == place.code]
    assert place_geometry(place) is shown.geoms[index]
    assert place_geojson(place) is shown.features[index]["geometry"]
    # The display copy is simpler than the place's own boundary.
    assert shapely.get_num_coordinates(place_geometry(place)) < shapely.get_num_coordinates(
        place.geometry
    )


def test_a_land_border_is_drawn_as_its_display_copy() -> None:
    place = resolve_launch("border:UA-RU")
    (index,) = [i for i, p in enumerate(display_layer("borders").props) if p["id"] == "UA-RU"]
    assert place_geometry(place) is display_layer("borders").geoms[index]


def test_a_point_is_drawn_as_it_is() -> None:
    place = resolve_launch("Sumy")
    assert place_geometry(place) is place.geometry
    assert place_geojson(place)["type"] == "Point"


def test_a_moved_area_is_simplified_and_both_renderers_get_the_same_shape() -> None:
    # A launch area kept 30 km behind the border no longer matches its bundled copy.
    rmap = rangemap.map(launch="front:UA", ranges=["300km"], standoff="30km")
    (place,) = rmap.scene.launches
    drawn = place_geometry(place)
    expected = shapely.simplify(place.geometry, SIMPLIFY_DEG, preserve_topology=True)
    assert drawn.equals(expected)
    on_page = shape(place_geojson(place))
    # The page's copy is the same shape, on a grid of PAGE_PRECISION_DEG.
    assert shapely.hausdorff_distance(on_page, drawn) <= PAGE_PRECISION_DEG
    coords = shapely.get_coordinates(on_page)
    assert abs(coords / PAGE_PRECISION_DEG - (coords / PAGE_PRECISION_DEG).round()).max() < 1e-6


def test_the_page_draws_the_launch_area_place_geojson_gives() -> None:
    rmap = rangemap.map(launch="front:UA", ranges=["300km"], standoff="30km")
    (place,) = rmap.scene.launches
    page = rmap.to_html()
    first = place_geojson(place)["coordinates"]
    while isinstance(first[0], list | tuple):
        first = first[0]
    assert f"[{first[0]}, {first[1]}]" in page
