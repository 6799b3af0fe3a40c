"""Launch areas end to end: reach envelopes, stand-off, coverage tables, sites, `need`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from rangemap.geodesy import distance_to_km
from rangemap.places import resolve_launch
from tests.conftest import RunCli


def _features(path: Path, role: str) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [f for f in data["features"] if f["properties"]["role"] == role]


def test_border_standoff_weapon_map(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli(
        "map",
        "--from",
        "border:UA-RU",
        "--standoff",
        "30km",
        "--weapon",
        "atacms",
        "-o",
        "a.geojson",
    )
    assert proc.returncode == 0, proc.stderr
    reaches = _features(tmp_path / "a.geojson", "reach")
    assert sorted(f["properties"]["range_km"] for f in reaches) == [165.0, 300.0]
    launch = _features(tmp_path / "a.geojson", "launch")
    assert len(launch) == 1
    line = shape(launch[0]["geometry"])
    assert line.geom_type in ("LineString", "MultiLineString")
    border = resolve_launch("border:UA-RU").geometry
    # The launch line lies 30 km inside Ukraine: sample its vertices.
    coords = (
        list(line.coords)
        if line.geom_type == "LineString"
        else [c for part in line.geoms for c in part.coords]
    )
    for lon, lat in coords[:: max(1, len(coords) // 25)]:
        assert distance_to_km(border, lon, lat) == pytest.approx(30.0, abs=0.1)
    ukraine = resolve_launch("UA").geometry
    assert ukraine.buffer(1e-6).contains(line)
    # Kursk (about 100 km from the border) lies in the 300 km reach, Moscow does not.
    outer = shape(next(f for f in reaches if f["properties"]["range_km"] == 300.0)["geometry"])
    assert outer.contains(Point(36.19, 51.73)) and not outer.contains(Point(37.62, 55.75))


def test_map_html_shows_reach_sites_and_summary(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli(
        "map", "--from", "border:UA-RU", "--standoff", "30km", "--weapon", "atacms", "-o", "a.html"
    )
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "rangemap-reach" in page and "rangemap-site-in" in page and "rangemap-site-out" in page
    assert "rangemap-summary" in page and "Within 300 km" in page
    assert "shaded by share within 300 km" in page
    assert "Khalino (Kursk-Vostochny)" in page


def test_coverage_markdown_and_json(run_cli: RunCli) -> None:
    md = run_cli("coverage", "--from", "border:UA-RU", "--range", "300km", "--format", "md")
    assert md.returncode == 0, md.stderr
    assert "| Kursk Oblast | RU-KRS |" in md.stdout
    assert "## " in md.stdout
    js = run_cli("coverage", "--from", "border:UA-RU", "--range", "300km", "--format", "json")
    data = json.loads(js.stdout)
    # The four lists, and since the sides model the launch side and target counts beside them.
    assert {"regions", "countries", "sites", "cities", "launch_side"} <= set(data)
    kursk = next(r for r in data["regions"] if r["iso_3166_2"] == "RU-KRS")
    assert kursk["share"] == pytest.approx(1.0, abs=1e-3)
    assert set(kursk) >= {"iso_3166_2", "name", "country", "share", "reachable_km2", "area_km2"}
    assert set(data["sites"][0]) >= {
        "name",
        "kind",
        "country",
        "lat",
        "lon",
        "distance_km",
        "in_reach",
    }
    engels = next(s for s in data["sites"] if s["name"] == "Engels-2")
    assert not engels["in_reach"] and engels["distance_km"] > 300
    assert all(s["in_reach"] == (s["distance_km"] <= 300 + 1e-6) for s in data["sites"])
    assert {"iso_a2", "name", "reachable_km2"} <= set(data["countries"][0])
    pops = [c["population"] for c in data["cities"]]
    assert pops == sorted(pops, reverse=True) and "Kursk" in {c["name"] for c in data["cities"]}


def test_coverage_with_user_sites_csv(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "depots.csv").write_text(
        'name,lat,lon,kind\nDepot <A> | "x",51.6,36.0,logistics\nFar depot,55.75,37.62,logistics\n',
        encoding="utf-8",
    )
    proc = run_cli(
        "coverage", "--from", "Sumy", "--range", "300km", "--sites", "depots.csv", "--format", "csv"
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    sites = {r["name"]: r for r in rows if r["section"] == "site"}
    assert sites['Depot <A> | "x"']["in_reach"].lower() in ("true", "yes", "1")
    assert sites["Far depot"]["in_reach"].lower() in ("false", "no", "0")
    html_run = run_cli(
        "map", "--from", "Sumy", "--range", "300", "--sites", "depots.csv", "-o", "s.html"
    )
    assert html_run.returncode == 0, html_run.stderr
    page = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert "Depot &lt;A&gt;" in page and "Depot <A>" not in page


def test_need(run_cli: RunCli) -> None:
    # The Russian side launches from the whole border; Russia's weapons are listed.
    proc = run_cli("need", "--to", "Engels-2", "--from", "border:UA-RU", "--side", "RU", "--json")
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["target"] == "Engels-2"
    assert 400 < answer["distance_km"] < 600
    reaching = {r["weapon"] for r in answer["reaching"]}
    assert "Kh-101" in reaching and "ATACMS" not in reaching
    assert all(r["margin_km"] >= 0 for r in answer["reaching"])
    # The Ukrainian side (the default for a border) from the stretch it holds, its weapons only.
    ua = json.loads(run_cli("need", "--to", "Engels-2", "--from", "border:UA-RU", "--json").stdout)
    assert ua["side"] == "UA" and ua["distance_km"] > answer["distance_km"]
    assert "Kh-101" not in {r["weapon"] for r in ua["reaching"]}
    text = run_cli("need", "--to", "Kursk", "--from", "Sumy")
    assert text.returncode == 0 and "km from the nearest point of Sumy" in text.stdout


def test_geojson_launch_file(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "area.geojson").write_text(
        json.dumps(
            {
                "type": "Feature",
                "properties": {"name": "Staging area"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[35, 50], [36, 50], [36, 50.5], [35, 50.5], [35, 50]]],
                },
            }
        ),
        encoding="utf-8",
    )
    proc = run_cli("map", "--from", "area.geojson", "--range", "100", "-o", "f.geojson")
    assert proc.returncode == 0, proc.stderr
    reach = shape(_features(tmp_path / "f.geojson", "reach")[0]["geometry"])
    assert reach.contains(Point(35.5, 50.25))
    assert reach.contains(Point(35.5, 51.3)) and not reach.contains(Point(35.5, 51.5))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "border:UA-RU", "--standoff", "-5km", "--range", "300"], "--standoff"),
        (["--from", "border:UA-RU", "--standoff", "abc", "--range", "300"], "not a distance"),
        (["--from", "PL", "--standoff", "30km", "--range", "300"], "--standoff needs"),
        (["--from", "51.0,36.0", "--standoff", "500km", "--range", "300"], "nothing of"),
        (["--from", "Sumy", "--range", "300", "--sites", "missing.csv"], "missing.csv"),
        (["--from", "bad.geojson", "--range", "300"], "bad.geojson"),
    ],
)
def test_bad_launch_inputs(run_cli: RunCli, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "bad.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    proc = run_cli("map", *args, "-o", "x.html")
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert message in proc.stderr
    assert not (tmp_path / "x.html").exists()
