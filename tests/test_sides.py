"""Sides and held ground: who launches, from the ground it holds (issue 9, items 2 and 3).

Everything runs in process (``rangemap.cli.main`` under click's ``CliRunner``,
log records captured as the CLI prints them) or through the Python API, on
the real bundled data.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
import shapely
from click.testing import CliRunner
from shapely.geometry import Point, shape

from rangemap.api import make_map
from rangemap.errors import DataFileError, InputError
from rangemap.geodesy import GEOD, geometry_area_km2
from rangemap.launch import combine_launches, resolve_front
from rangemap.need import range_needed
from rangemap.places import (
    countries,
    default_control,
    front_line,
    geodesic_length_km,
    held_by,
    load_control,
    regions,
    resolve_launch,
)
from tests.conftest import RunCli

LUHANSK = (39.306, 48.568)  # lon, lat
SUDZHA = (35.27, 51.19)
RUSSIAN_WEAPONS = ("Kh-101", "3M14 Kalibr", "KN-23 / Hwasong-11", "Iskander-M")


@dataclass(frozen=True)
class Run:
    code: int | None
    stdout: str
    stderr: str
    logged: list[str]

    @property
    def err_lines(self) -> list[str]:
        """Log lines and stderr, as a user sees them on the terminal."""
        text = "".join(self.logged) + self.stderr
        return [line for line in text.splitlines() if line.strip()]


Cli = Callable[..., Run]


@pytest.fixture
def cli(tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run ``rangemap ARGS`` in process, in ``tmp_path``."""
    from rangemap.cli import main

    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Run:
        caplog.clear()
        runner = CliRunner()
        code: int | None
        with caplog.at_level(logging.WARNING, logger="rangemap"), runner.isolation() as streams:
            out, err, _ = streams
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) or exc.code is None else 1
            except BaseException:
                code = 1
                print(traceback.format_exc(), file=sys.stderr, end="")
            else:
                code = 0
            sys.stdout.flush()
            sys.stderr.flush()
            stdout = out.getvalue().decode("utf-8", "backslashreplace")
            stderr = err.getvalue().decode("utf-8", "backslashreplace")
        logged = [
            f"rangemap: {r.levelname}: {r.getMessage()}\n"
            for r in caplog.records
            if r.levelno >= logging.WARNING and r.name.startswith("rangemap")
        ]
        return Run(code, stdout, stderr, logged)

    return run


def _one_error(run: Run, fragment: str) -> None:
    assert run.code == 2, run
    lines = run.err_lines
    assert len(lines) == 1, lines
    assert lines[0].startswith("rangemap: error: ") and "Traceback" not in lines[0]
    assert fragment in lines[0], lines[0]


def _collection(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _launch_geometry(path: Path) -> shapely.Geometry:
    launches = [f for f in _collection(path)["features"] if f["properties"]["role"] == "launch"]
    assert len(launches) == 1
    return shape(launches[0]["geometry"])


def _country(code: str) -> shapely.Geometry:
    return next(c for c in countries() if c.code == code).geometry


def _region(code: str) -> shapely.Geometry:
    return next(r for r in regions() if r.code == code).geometry


# ---------------------------------------------------------------------------
# The side of a launch
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "side"),
    [
        ("Sumy", "UA"),
        ("Kharkiv", "UA"),
        ("Kursk", "RU"),
        ("Belgorod", "RU"),
        ("Sevastopol", "RU"),
        ("Minsk", "RU"),  # Belarus launches are the Russian side
        ("border:UA-RU", "UA"),  # a shared border is Ukrainian by default
        ("border:UA-BY", "UA"),
        ("UA", "UA"),
        ("RU", "RU"),
        ("UA-14", "RU"),  # Donetsk oblast: wholly Russian-held under the default
    ],
)
def test_side_is_inferred_from_who_holds_the_ground(place: str, side: str) -> None:
    launch = combine_launches([resolve_launch(place)])
    assert launch.side == side and launch.side_inferred
    assert launch.side_reason


def test_belarus_is_the_russian_side_and_says_so() -> None:
    launch = combine_launches([resolve_launch("Minsk")])
    assert "Belarus" in launch.side_reason and "Russian side" in launch.side_reason


def test_side_can_be_given() -> None:
    launch = combine_launches([resolve_launch("border:UA-RU")], side="RU")
    assert launch.side == "RU" and not launch.side_inferred
    # for Russia, a shared border is the whole border line
    assert geodesic_length_km(launch.geometry) == pytest.approx(1524, abs=2)
    with pytest.raises(InputError, match="side must be"):
        combine_launches([resolve_launch("Sumy")], side="PL")


def test_places_of_both_sides_need_a_side() -> None:
    with pytest.raises(InputError, match="give --side"):
        combine_launches([resolve_launch("Sumy"), resolve_launch("Kursk")])
    ua = combine_launches([resolve_launch("Sumy"), resolve_launch("Kharkiv")])
    assert ua.side == "UA"


def test_inferred_side_is_logged_once_and_given_side_is_not(cli: Cli) -> None:
    run = cli("map", "--from", "Sumy", "--range", "300km", "-o", "s.geojson")
    assert run.code == 0, run
    side_lines = [line for line in run.logged if "launch side" in line]
    assert side_lines == [
        "rangemap: WARNING: launch side UA (Ukrainian-held ground at Sumy); use --side to change\n"
    ]
    given = cli("map", "--from", "Sumy", "--range", "300km", "--side", "UA", "-o", "s.geojson")
    assert given.code == 0 and not [line for line in given.logged if "launch side" in line]
    assert _collection(Path("s.geojson"))["launch_side"] == "UA"


def test_inferred_side_shows_on_stderr_by_default_not_with_quiet(run_cli: RunCli) -> None:
    proc = run_cli("need", "--to", "Kursk", "--from", "Belgorod")
    assert proc.returncode == 0, proc.stderr
    assert "launch side RU (Russian-held ground at Belgorod); use --side to change" in proc.stderr
    quiet = run_cli("-q", "need", "--to", "Kursk", "--from", "Belgorod")
    assert quiet.returncode == 0 and quiet.stderr == ""


# ---------------------------------------------------------------------------
# Held ground
# ---------------------------------------------------------------------------


def test_border_launch_is_the_stretch_ukraine_holds(cli: Cli) -> None:
    run = cli("map", "--from", "border:UA-RU", "--range", "300km", "-o", "reach.geojson")
    assert run.code == 0, run
    line = _launch_geometry(Path("reach.geojson"))
    assert line.geom_type in ("LineString", "MultiLineString")
    length_km = GEOD.geometry_length(line) / 1000
    assert 700 < length_km < 900
    from rangemap.geodesy import distance_to_km

    assert distance_to_km(line, *LUHANSK) > 100
    notes = _collection(Path("reach.geojson"))["notes"]
    assert any("805 km Ukraine holds" in note for note in notes)


def test_ukraine_launch_is_ukraine_minus_the_russian_held_regions() -> None:
    launch = combine_launches([resolve_launch("UA")])
    assert launch.side == "UA"
    lost = sum(geometry_area_km2(_region(code)) for code in ("UA-43", "UA-40", "UA-09", "UA-14"))
    expected = geometry_area_km2(_country("UA")) - lost
    assert geometry_area_km2(launch.geometry) == pytest.approx(expected, rel=0.005)
    for lon, lat in ((34.10, 44.95), (33.52, 44.60), LUHANSK, (37.80, 48.00)):
        assert not launch.geometry.contains(Point(lon, lat))  # Simferopol, Sevastopol, ...
    for lon, lat in ((30.52, 50.45), (36.23, 49.99), (35.14, 47.84)):
        assert launch.geometry.contains(Point(lon, lat))  # Kyiv, Kharkiv, Zaporizhzhia
    russian = combine_launches([resolve_launch("UA")], side="RU")
    assert russian.geometry.contains(Point(34.10, 44.95))
    assert not russian.geometry.contains(Point(30.52, 50.45))


def test_a_region_the_side_does_not_hold_is_one_error_line(cli: Cli) -> None:
    run = cli("map", "--from", "UA-14", "--side", "UA", "--range", "100km", "-o", "d.html")
    _one_error(run, "nothing of Donetsk Oblast is Ukrainian-held ground")
    assert not Path("d.html").exists()


def test_a_point_on_the_other_sides_ground_is_one_error_line(cli: Cli) -> None:
    run = cli("map", "--from", "51.7,36.2", "--side", "UA", "--range", "100km", "-o", "p.html")
    _one_error(run, "is Russian-held ground; a UA launch must stand on Ukrainian-held ground")


def test_front_line_launch() -> None:
    place = resolve_front("front:UA")
    line = place.geometry
    assert line.geom_type in ("LineString", "MultiLineString")
    assert _country("UA").buffer(1e-6).contains(line)
    # the interior edge of the Russian-held regions: not the border, not the coast
    assert 600 < geodesic_length_km(line) < 900
    assert line.distance(Point(LUHANSK)) > 0.5
    assert geodesic_length_km(shapely.intersection(line, _country("RU").buffer(1e-3))) < 1
    launch = combine_launches([place])
    assert launch.side == "UA"
    assert any("Luhansk and Donetsk oblasts" in note for note in launch.notes)
    assert front_line("UA").equals(line)
    with pytest.raises(LookupError, match="front:UA"):
        resolve_front("front:RU")


def test_front_line_map(cli: Cli) -> None:
    run = cli("map", "--from", "front:UA", "--range", "100km", "-o", "f.geojson")
    assert run.code == 0, run
    line = _launch_geometry(Path("f.geojson"))
    assert _country("UA").buffer(1e-5).contains(line)
    notes = _collection(Path("f.geojson"))["notes"]
    assert any("not the real front" in note for note in notes)


# ---------------------------------------------------------------------------
# Weapons of the side
# ---------------------------------------------------------------------------


def test_need_lists_only_the_sides_weapons(cli: Cli) -> None:
    run = cli("need", "--to", "Moscow", "--from", "Sumy", "--json")
    assert run.code == 0, run
    answer = json.loads(run.stdout)
    assert answer["side"] == "UA" and answer["side_inferred"]
    rows = answer["reaching"] + answer["short"]
    assert rows and all("UA" in row["operators"] for row in rows)
    assert not {row["weapon"] for row in rows} & set(RUSSIAN_WEAPONS)
    table = cli("need", "--to", "Moscow", "--from", "Sumy")
    assert "operators" in table.stdout.splitlines()[2]
    assert not any(name in table.stdout for name in RUSSIAN_WEAPONS)


def test_need_any_operator_lists_everyone_with_operators(cli: Cli) -> None:
    run = cli("need", "--to", "Moscow", "--from", "Sumy", "--any-operator", "--json")
    assert run.code == 0, run
    rows = {r["weapon"]: r for r in (*json.loads(run.stdout)["reaching"],)}
    rows |= {r["weapon"]: r for r in json.loads(run.stdout)["short"]}
    for name in RUSSIAN_WEAPONS:
        assert "RU" in rows[name]["operators"]
    table = cli("need", "--to", "Moscow", "--from", "Sumy", "--any-operator")
    kh101 = next(line for line in table.stdout.splitlines() if line.startswith("Kh-101 "))
    assert kh101.rstrip().endswith("RU")


def test_need_from_belarus_uses_russian_weapons() -> None:
    answer = range_needed("Kyiv", "Minsk")
    assert answer.side == "RU"
    assert "Kh-101" in {row[0] for row in answer.reaching}
    assert all("RU" in row[4] for row in (*answer.reaching, *answer.short))


def test_a_weapon_the_side_does_not_operate_is_drawn_with_a_warning(cli: Cli) -> None:
    run = cli("map", "--weapon", "Kh-101", "--from", "Sumy", "-o", "k.geojson")
    assert run.code == 0, run
    assert any("Kh-101 is operated by RU, not by the launch side UA" in w for w in run.logged)
    layers = [
        f for f in _collection(Path("k.geojson"))["features"] if "range_km" in f["properties"]
    ]
    assert layers and all("Kh-101 (RU)" in json.dumps(f["properties"]) for f in layers)
    html = cli("map", "--weapon", "Kh-101", "--from", "Sumy", "-o", "k.html")
    page = Path("k.html").read_text(encoding="utf-8")
    assert html.code == 0 and "Kh-101 (RU)" in page and "operated by RU" in page
    own = cli("map", "--weapon", "Kh-101", "--from", "Kursk", "-o", "r.geojson")
    assert own.code == 0 and not any("operated by" in w for w in own.logged)


# ---------------------------------------------------------------------------
# A user's control file, and its date
# ---------------------------------------------------------------------------


def _salient() -> gpd.GeoDataFrame:
    """A box around Sudzha, inside Russia, held by Ukraine (the August 2024 salient)."""
    box = shapely.box(35.0, 50.9, 35.7, 51.5).intersection(_country("RU"))
    return gpd.GeoDataFrame(
        {"held_by": ["UA"], "name": ["Kursk salient"]}, geometry=[box], crs=4326
    )


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg"])
def test_a_control_file_changes_the_held_ground(cli: Cli, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"salient{suffix}"
    _salient().to_file(path)
    control = load_control(path, user_file=True)
    assert control.as_of is None and held_by(*SUDZHA, control=control) == "UA"
    assert held_by(*LUHANSK, control=control) == "UA"  # nothing else is Russian-held
    sudzha = f"{SUDZHA[1]},{SUDZHA[0]}"
    run = cli(
        "map", "--from", sudzha, "--control", path.name, "--range", "100km", "-o", "m.geojson"
    )
    assert run.code == 0, run
    assert any("launch side UA" in line for line in run.logged)
    notes = _collection(Path("m.geojson"))["notes"]
    assert any(n.startswith("Control of terrain:") and "as of: not stated" in n for n in notes)
    default = cli("map", "--from", sudzha, "--range", "100km", "-o", "d.geojson")
    assert any("launch side RU" in line for line in default.logged)
    # With this file Ukraine holds the whole border with Russia.
    border = cli(
        "map",
        "--from",
        "border:UA-RU",
        "--control",
        path.name,
        "--range",
        "50km",
        "-o",
        "b.geojson",
    )
    assert border.code == 0, border
    assert geodesic_length_km(_launch_geometry(Path("b.geojson"))) == pytest.approx(1524, abs=2)


def test_a_control_file_without_held_by_is_russian_held(tmp_path: Path) -> None:
    # a public front-line export: polygons under Russian control, no holder; in metres
    kharkiv = gpd.GeoDataFrame(
        {"name": ["occupied"]}, geometry=[shapely.box(35.9, 49.8, 36.5, 50.2)], crs=4326
    ).to_crs(3857)
    path = tmp_path / "occupied.shp"
    kharkiv.to_file(path)
    control = load_control(path, user_file=True, as_of="2025-06-01")
    assert control.as_of == dt.date(2025, 6, 1)
    assert held_by(36.23, 49.99, control=control) == "RU"  # Kharkiv, reprojected from 3857
    assert combine_launches([resolve_launch("Kharkiv")], control=control).side == "RU"
    kml = tmp_path / "occupied.kml"
    kharkiv.to_crs(4326).to_file(kml, driver="KML")
    assert held_by(36.23, 49.99, control=load_control(kml, user_file=True)) == "RU"


def test_as_of_labels_every_output(cli: Cli, tmp_path: Path) -> None:
    _salient().to_file(tmp_path / "c.geojson")
    args = ("map", "--from", "Sumy", "--range", "300km", "--control", "c.geojson")
    for out in ("m.html", "m.geojson"):
        run = cli(*args, "--as-of", "2025-06-01", "-o", out)
        assert run.code == 0, run
        assert "Control of terrain: c.geojson, as of 2025-06-01" in Path(out).read_text("utf-8")
    assert _collection(Path("m.geojson"))["control_as_of"] == "2025-06-01"
    plain = cli("map", "--from", "Sumy", "--range", "300km", "-o", "p.geojson")
    assert plain.code == 0
    label = default_control().label
    assert label.endswith("as of 2025-07-01") and label in _collection(Path("p.geojson"))["notes"]
    scene = make_map("Sumy", "300km", coverage=False).scene
    assert scene.control is default_control() and scene.launch_side == "UA"
    _one_error(cli(*args, "--as-of", "June 2025", "-o", "x.html"), "YYYY-MM-DD")
    _one_error(
        cli("map", "--from", "Sumy", "--range", "300km", "--as-of", "2025-06-01", "-o", "x.html"),
        "--as-of dates a --control file",
    )


BAD_CONTROL = {
    "missing": (None, "file not found"),
    "not json": (b"{not json", "not readable GeoJSON"),
    "empty": (b'{"type": "FeatureCollection", "features": []}', "no polygon features"),
    "a line": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
        b' "geometry": {"type": "LineString", "coordinates": [[30, 50], [31, 51]]}}]}',
        "Polygon or MultiPolygon",
    ),
    "metres without crs": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
        b' "geometry": {"type": "Polygon", "coordinates":'
        b" [[[3900000, 6400000], [4000000, 6400000], [4000000, 6500000], [3900000, 6400000]]]}}]}",
        "not lon/lat",
    ),
    "bad holder": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature",'
        b' "properties": {"held_by": "Russia"}, "geometry": {"type": "Polygon",'
        b' "coordinates": [[[30, 50], [31, 50], [31, 51], [30, 50]]]}}]}',
        "'held_by'",
    ),
}


@pytest.mark.parametrize(("content", "fragment"), BAD_CONTROL.values(), ids=list(BAD_CONTROL))
def test_bad_control_files_are_one_line_exit_2(
    cli: Cli,
    tmp_path: Path,
    content: bytes | None,
    fragment: str,
) -> None:
    if content is not None:
        (tmp_path / "c.geojson").write_bytes(content)
    run = cli("map", "--from", "Sumy", "--range", "300km", "--control", "c.geojson", "-o", "x.html")
    _one_error(run, fragment)
    assert not (tmp_path / "x.html").exists()


def test_bad_control_geopackage_and_shapefile_without_crs(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "junk.gpkg").write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    run = cli("need", "--to", "Kursk", "--from", "Sumy", "--control", "junk.gpkg")
    _one_error(run, "junk.gpkg")
    frame = gpd.GeoDataFrame(geometry=[shapely.box(3.9e6, 6.4e6, 4.0e6, 6.5e6)])
    frame.to_file(tmp_path / "nocrs.gpkg")
    with pytest.raises(DataFileError, match="no coordinate reference system"):
        load_control(tmp_path / "nocrs.gpkg", user_file=True)
