"""The commands in-process (click's CliRunner), writing only to tmp_path; real runs: tests/e2e."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from rangemap.api import make_map
from rangemap.errors import InputError, ParameterError, UnknownUnitError
from rangemap.geodesy import GEOD
from rangemap.spec import parse_range
from tests.conftest import RunCli


def embedded_properties(page: str) -> list[dict]:
    """The ``properties`` objects of every GeoJSON feature embedded in an HTML page."""
    return [json.loads(m) for m in re.findall(r'"properties":\s*(\{[^{}]*\})', page)]


def _ring_features(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    return [f for f in data["features"] if f["properties"]["role"] == "ring"]


def _max_vertex_error_m(feature: dict, lon: float, lat: float) -> float:
    """Largest |distance - range| (m) over outer vertices, skipping pole/antimeridian closures."""
    geom = shape(feature["geometry"])
    range_m = feature["properties"]["range_km"] * 1000
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    worst = 0.0
    for poly in polys:
        for x, y in poly.exterior.coords:
            if abs(x) == 180 or abs(y) == 90:
                continue
            _, _, dist = GEOD.inv(lon, lat, x, y)
            worst = max(worst, abs(dist - range_m))
    return worst


def test_geojson_output_rings_are_exact(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "kursk.geojson"
    proc = run_cli(
        "map", "--from", "51.73,36.19", "--range", "190 mi", "--range", "100nmi", "-o", str(out)
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(out)
    rings = _ring_features(out)
    assert sorted(r["properties"]["range_km"] for r in rings) == pytest.approx([185.2, 305.77536])
    for ring in rings:
        assert _max_vertex_error_m(ring, 36.19, 51.73) < 1.0
        assert shape(ring["geometry"]).contains(Point(36.19, 51.73))
    data = json.loads(out.read_text(encoding="utf-8"))
    launches = [f for f in data["features"] if f["properties"]["role"] == "launch"]
    assert len(launches) == 1
    assert launches[0]["geometry"] == {"type": "Point", "coordinates": [36.19, 51.73]}


def test_html_map_embeds_rings_and_layers(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "sumy.html"
    proc = run_cli("map", "--from", "Sumy", "--range", "300km", "--range", "165km", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # Rings are embedded as GeoJSON with their range, plus a label each.
    rings = [p for p in embedded_properties(page) if p.get("role") == "ring"]
    assert sorted(p["range_km"] for p in rings) == [165.0, 300.0]
    assert page.count('"className": "rangemap-label-icon rangemap-ring-label-icon"') == 2
    for layer in ("Countries", "Regions (admin-1)", "Ring 300 km", "Ring 165 km", "Launch point"):
        assert layer in page
    assert "L.control.layers" in page
    assert "L.control.scale" in page
    assert "rangemap-legend" in page
    assert "<title>300 km and 165 km from Sumy</title>" in page
    assert "fitBounds" in page
    assert out.stat().st_size < 1_500_000


def test_region_launch_and_highlight(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "kursk.html"
    proc = run_cli(
        "map", "--from", "RU-KRS", "--range", "300", "--highlight", "Kursk", "-o", str(out)
    )
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "Highlighted: Kursk Oblast" in page
    assert {"role": "highlight"} in embedded_properties(page)


def test_title_is_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    hostile = '<script>alert("x")</script> & co'
    proc = run_cli("map", "--from", "Sumy", "--range", "300", "--title", hostile, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(" not in page
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)" in page or "&lt;script&gt;alert(&quot;x&quot;)" in page
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--from", "95,30", "--range", "300"], "latitude"),
        (["--from", "50,200", "--range", "300"], "longitude"),
        (["--from", "50,30", "--range", "0"], "range"),
        (["--from", "50,30", "--range", "-300"], "range"),
        (["--from", "50,30", "--range", "abc"], "not a range"),
        (["--from", "50,30", "--range", "nan"], "not a range"),
        (["--from", "50,30", "--range", "20001km"], "20,000"),
        (["--from", "50,30", "--range", "300 furlongs"], "unknown unit"),
        (["--from", "Xyzzy Nowhere", "--range", "300"], "unknown place"),
        (["--from", "border:UA-XX", "--range", "300"], "unknown border"),
        (["--from", "Sumy", "--range", "300", "--highlight", "Narnia"], "unknown place"),
        (["--from", "Sumy", "--range", "300", "--frobnicate"], "No such option"),
        (["--range", "300"], "Missing option"),
    ],
)
def test_bad_input_one_line_exit_2_nothing_written(
    run_cli: RunCli, tmp_path: Path, args: list[str], expected: str
) -> None:
    out = tmp_path / "bad.html"
    proc = run_cli("map", *args, "-o", str(out))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("rangemap: error: ")
    assert expected in lines[0]
    assert "Traceback" not in proc.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_unknown_place_suggests_close_names(run_cli: RunCli) -> None:
    proc = run_cli("map", "--from", "Kurks", "--range", "300", "-o", "x.html")
    assert proc.returncode == 2
    assert "did you mean" in proc.stderr and "Kursk" in proc.stderr


def test_library_names_parameters_cli_names_flags(run_cli: RunCli, tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"^as_of dates a control file; ") as info:
        make_map("Sumy", "300km", coverage=False, as_of="2025-06-01")
    assert info.value.parameters == ("as_of", "control")
    args = ("--from", "Sumy", "--range", "300km", "--as-of", "2025-06-01")
    proc = run_cli("map", *args, "-o", str(tmp_path / "x.html"))
    assert proc.stderr.startswith("rangemap: error: --as-of dates a --control file; "), proc
    with pytest.raises(ParameterError, match=r"^offline and cdn exclude each other$"):
        make_map("Sumy", "300km", coverage=False, offline=True, cdn=True)


def test_unknown_unit_is_a_typed_error() -> None:
    with pytest.raises(UnknownUnitError, match="furlongs"):
        parse_range("300 furlongs")
    # Only the error's type counts, not its wording: this text is read as a claim, and refused.
    with pytest.raises(InputError, match="is not a range"):
        parse_range("unknown unit")


@pytest.mark.parametrize(
    "target", ["missing-dir-is-a-file/x.html", "/dev/null/x.html", "x.pdf", "adir"]
)
def test_unwritable_output(run_cli: RunCli, tmp_path: Path, target: str) -> None:
    (tmp_path / "missing-dir-is-a-file").write_text("a file, not a folder")
    (tmp_path / "adir").mkdir()
    proc = run_cli("map", "--from", "Sumy", "--range", "300", "-o", str(tmp_path / target))
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / target).is_file()


def test_failed_run_keeps_existing_file(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "keep.html"
    out.write_text("previous map")
    proc = run_cli("map", "--from", "Xyzzy Nowhere", "--range", "300", "-o", str(out))
    assert proc.returncode == 2
    assert out.read_text() == "previous map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.html"]
