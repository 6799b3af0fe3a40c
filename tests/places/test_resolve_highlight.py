"""What a map may highlight: regions and countries, never a point.

README: "A name that is both a city and a region means the city in --from and
the region in --highlight." A highlight is an area; coordinates, ``city:`` and
``border:`` names, and the names of cities that are not regions are refused
with one line on stderr (exit status 2), and no map is written.

The command line runs in-process (:func:`rangemap.cli.main` under click's
``CliRunner``), in a fresh working folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import Point

from rangemap.api import make_map
from rangemap.errors import InputError, UnknownNameError
from rangemap.places import Place, resolve_area, resolve_launch
from tests.cli_run import run

TAKES = "highlight takes a region or a country (Kursk, RU-KRS, UA)"


def refused(args: list[str], folder: Path) -> str:
    """Run a command that must be refused; return its one stderr line."""
    code, out, err = run(args, folder)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    assert len(lines) == 1, err
    assert lines[0].startswith("rangemap: error: ")
    assert "Traceback" not in err
    assert out == ""
    assert list(folder.iterdir()) == [], "a refused command wrote a file"
    return lines[0]


# --------------------------------------------------------------------------
# the command line


@pytest.mark.parametrize("point", ["51.7,36.2", "51.7, 36.2", "51.7 36.2", "95,36", "-51.7;36.2"])
def test_cli_refuses_coordinates_as_highlight(tmp_path: Path, point: str) -> None:
    out = tmp_path / "map.html"
    args = ["map", "--from", "Sumy", "--range", "300km", "--highlight", point, "-o", str(out)]
    line = refused(args, tmp_path)
    assert TAKES in line and "not coordinates" in line
    assert not out.exists()


@pytest.mark.parametrize(
    ("value", "what"),
    [("city:Sumy", "not a city"), ("border:UA-RU", "not a border"), ("Mariupol", "not a city")],
)
def test_cli_refuses_cities_and_borders_as_highlight(tmp_path: Path, value: str, what: str) -> None:
    args = ["map", "--from", "Sumy", "--range", "300km", "--highlight", value, "-o", "map.geojson"]
    line = refused(args, tmp_path)
    assert TAKES in line and what in line


def test_cli_refuses_a_point_highlight_among_good_ones(tmp_path: Path) -> None:
    args = ["map", "--from", "Sumy", "--range", "300km", "--highlight", "Kursk"]
    args += ["--highlight", "51.7,36.2", "-o", "map.geojson"]
    assert "not coordinates" in refused(args, tmp_path)


def test_cli_highlight_of_a_city_and_region_name_is_the_region(tmp_path: Path) -> None:
    # "Sumy" launches from the city and highlights the oblast.
    out = tmp_path / "sumy.geojson"
    args = ["map", "--from", "Sumy", "--range", "165km", "--highlight", "Sumy", "-o", str(out)]
    code, _, err = run(args, tmp_path)
    assert code == 0, err
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    highlights = [f for f in features if f["properties"]["role"] == "highlight"]
    assert [f["properties"]["code"] for f in highlights] == ["UA-59"]
    assert highlights[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    launches = [f for f in features if f["properties"]["role"] == "launch"]
    assert [f["geometry"]["type"] for f in launches] == ["Point"]


# --------------------------------------------------------------------------
# the library


def test_resolve_area_refuses_coordinates() -> None:
    with pytest.raises(InputError, match=r"highlight takes .* not coordinates \('51.7,36.2'\)"):
        resolve_area("51.7,36.2")


def test_resolve_area_city_and_region_names() -> None:
    assert resolve_area("Sumy").code == "UA-59"
    assert resolve_area("region:Sumy").code == "UA-59"
    assert resolve_area("Kursk").code == "RU-KRS"
    with pytest.raises(InputError, match="not a city"):
        resolve_area("city:Sumy")
    with pytest.raises(UnknownNameError, match=r"not a city \('Mariupol' is a city in UA\)"):
        resolve_area("Mariupol")
    with pytest.raises(UnknownNameError, match="unknown place 'Narnia'"):
        resolve_area("Narnia")


def test_unknown_highlight_lists_only_areas() -> None:
    with pytest.raises(UnknownNameError) as info:
        resolve_area("Narnia")
    message = str(info.value)
    assert "region" in message and "LAT,LON" not in message and "border:" not in message


def test_make_map_refuses_point_places_as_highlight() -> None:
    point = Place(name="51.7000, 36.2000", kind="point", geom=Point(36.2, 51.7))
    with pytest.raises(InputError, match=r"highlight takes .* not a point"):
        make_map("Sumy", "300km", highlight=point, coverage=False)
    with pytest.raises(InputError, match=r"highlight takes .* not a city"):
        make_map("Sumy", "300km", highlight=[resolve_launch("Sumy")], coverage=False)
    with pytest.raises(InputError, match=r"highlight takes .* not coordinates"):
        make_map("Sumy", "300km", highlight="51.7,36.2", coverage=False)


def test_make_map_accepts_area_places() -> None:
    kursk = resolve_area("RU-KRS")
    assert resolve_area(kursk) is kursk
    m = make_map("Sumy", "165km", highlight=[kursk, "UA"], coverage=False)
    assert [p.code for p in m.scene.highlights] == ["RU-KRS", "UA"]
