"""Targets (issue 9, item 4): coverage counts what the *other* side holds.

With the real bundled data, in-process (click's CliRunner) and through the
Python API: a Ukrainian launch lists Russia and the Russian-held parts of
Ukraine, a Russian launch lists Ukrainian-held ground; own-side places are
left out of the tables and drawn neutral; Belarus (for a Ukrainian launch)
is a third country, listed apart.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from shapely import Point

from rangemap._paths import data_path
from rangemap.api import make_map
from rangemap.cli import cli
from rangemap.coverage import compute_coverage
from rangemap.errors import DataFileError
from rangemap.geodesy import ring_polygon
from rangemap.places import held_by, held_by_points, load_sites, own_sides, target_sides
from tests.cli.test_commands import embedded_properties

SUMY = (34.799, 50.917)  # (lon, lat)


def invoke(*args: str) -> str:
    """Run ``rangemap ARGS`` in-process; return its standard output."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@cache
def coverage_json(*args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(invoke("coverage", *args, "--format", "json"))
    return data


def sumy_json(*extra: str) -> dict[str, Any]:
    return coverage_json("--from", "Sumy", "--range", "300km", *extra)


# --- the JSON shape -----------------------------------------------------------


def test_json_keeps_its_keys_and_adds_launch_side_first() -> None:
    data = sumy_json()
    keys = list(data)
    assert keys[0] == "launch_side" and data["launch_side"] == "UA"
    assert {"regions", "countries", "sites", "cities"} <= set(keys)
    assert data["target_sides"] == ["RU"] and data["all_sides"] is False
    for section in ("regions", "sites", "cities"):
        for row in data[section]:
            assert "held_by" in row and row["target"] is True, (section, row)


def test_ukrainian_launch_lists_russian_ground_only() -> None:
    data = sumy_json()
    codes = {r["iso_3166_2"] for r in data["regions"]}
    assert {"RU-KRS", "RU-BEL"} <= codes
    assert all(r["held_by"] != "UA" for r in data["regions"])
    assert all(s["held_by"] != "UA" for s in data["sites"])
    assert all(c["held_by"] != "UA" for c in data["cities"])
    assert all(c["iso_a2"] != "UA" for c in data["countries"])
    assert "UA-59" not in codes  # Sumy oblast is own ground
    assert any(s["name"].startswith("Khalino") and s["in_reach"] for s in data["sites"])
    assert all(s["held_by"] == "RU" for s in data["sites"])
    assert data["counts"]["regions"] == len(data["regions"])
    assert data["own_side_left_out"]["regions"] >= 1


def test_belarus_is_a_third_country_listed_apart() -> None:
    data = sumy_json()
    assert all(r["held_by"] != "BY" for r in data["regions"])
    third = data["third_countries"]
    assert set(third) == {"regions", "countries", "sites", "cities", "counts"}
    assert third["regions"] and {r["held_by"] for r in third["regions"]} == {"BY"}
    assert all(not r["target"] for r in third["regions"])
    assert third["counts"]["regions"] == len(third["regions"])


def test_all_sides_lists_sumy_oblast_as_ukrainian() -> None:
    data = sumy_json("--all-sides")
    assert data["all_sides"] is True
    by_code = {r["iso_3166_2"]: r for r in data["regions"]}
    assert by_code["UA-59"]["held_by"] == "UA" and by_code["UA-59"]["target"] is False
    assert by_code["RU-KRS"]["target"] is True
    assert any(r["held_by"] == "BY" for r in data["regions"])
    assert any(s["held_by"] == "UA" and not s["target"] for s in data["sites"])
    assert set(data["own_side_left_out"].values()) == {0}


def test_russian_launch_targets_ukrainian_ground() -> None:
    data = coverage_json("--from", "Belgorod", "--range", "300km")
    assert data["launch_side"] == "RU" and data["target_sides"] == ["UA"]
    codes = {r["iso_3166_2"] for r in data["regions"]}
    assert "UA-63" in codes  # Kharkiv oblast
    assert not any(code.startswith("RU-") for code in codes)
    assert all(r["held_by"] == "UA" for r in data["regions"])
    assert all(s["held_by"] == "UA" for s in data["sites"])
    assert data["third_countries"]["regions"] == []  # Belarus is an ally here, not third


def test_crimea_is_a_russian_held_target_from_kherson() -> None:
    data = coverage_json("--from", "46.63,32.6", "--range", "300km")
    assert data["launch_side"] == "UA"
    by_code = {r["iso_3166_2"]: r for r in data["regions"]}
    crimea = by_code["UA-43"]
    assert crimea["held_by"] == "RU" and crimea["occupied"] is True
    assert crimea["country"] == "UA"
    assert "UA-65" not in by_code  # Kherson oblast is Ukrainian-held under the default
    assert {"Saky", "Belbek"} <= {s["name"] for s in data["sites"] if s["in_reach"]}


def test_table_csv_and_markdown_follow_the_filter() -> None:
    args = ("coverage", "--from", "Sumy", "--range", "300km")
    table = invoke(*args)
    assert "Own-side places (UA) are left out" in table
    assert "Sumy Oblast" not in table and "Kursk Oblast" in table
    md = invoke(*args, "--format", "md")
    assert "## Third countries: Regions in reach" in md and "Sumy Oblast" not in md
    rows = list(csv.DictReader(invoke(*args, "--format", "csv").splitlines()))
    assert {r["listed_as"] for r in rows} == {"target", "third country"}
    assert not any(r["held_by"] == "UA" for r in rows)
    everything = list(csv.DictReader(invoke(*args, "--format", "csv", "--all-sides").splitlines()))
    assert any(r["code"] == "UA-59" and r["listed_as"] == "own side" for r in everything)


def test_occupied_names_in_tables() -> None:
    md = invoke("coverage", "--from", "Kharkiv", "--range", "300km", "--format", "md")
    assert "| Luhansk Oblast (Russian-occupied) | UA-09 | UA | RU |" in md


# --- the Python API -----------------------------------------------------------


def test_api_coverage_all_sides_keyword() -> None:
    m = make_map("Sumy", ["300km"], coverage=False)
    targets = m.coverage()
    assert targets.launch_side == "UA"
    assert all(r.held_by == "RU" for r in targets.region_rows)
    everything = m.coverage(all_sides=True)
    assert "UA-59" in {r.iso_3166_2 for r in everything.region_rows}
    assert len(everything.region_rows) > len(targets.region_rows)


def test_compute_coverage_without_a_side_lists_everything() -> None:
    reach = ring_polygon(*SUMY, 300)
    cov = compute_coverage(reach, Point(*SUMY), range_km=300, include_cities=False)
    assert cov.launch_side is None
    assert {"UA-59", "RU-KRS"} <= {r.iso_3166_2 for r in cov.region_rows}
    assert all(r.target for r in cov.region_rows)
    assert {r.iso_3166_2: r.held_by for r in cov.region_rows}["UA-14"] == "RU"


def test_sides() -> None:
    assert target_sides("UA") == ("RU",) and target_sides("RU") == ("UA",)
    assert own_sides("RU") == ("RU", "BY") and own_sides("UA") == ("UA",)
    assert target_sides(None) == ()


def test_held_by_points_agrees_with_held_by() -> None:
    rng = np.random.default_rng(9)
    lon = rng.uniform(22.0, 45.0, 400)
    lat = rng.uniform(43.0, 57.0, 400)
    bulk = held_by_points(lon, lat)
    assert list(bulk) == [held_by(float(x), float(y)) for x, y in zip(lon, lat, strict=True)]


# --- sites.csv ----------------------------------------------------------------

ROLES = {
    "long-range bomber base",
    "fighter base",
    "bomber base",
    "ground-attack base",
    "army aviation",
    "naval aviation",
    "training",
    "flight test centre",
    "forward airfield",
    "drone base",
}


def test_every_site_row_has_side_role_and_role_source() -> None:
    with data_path("sites.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert row["side"] in {"RU", "UA", "BY"}, row["id"]
        assert row["role"] in ROLES, row["id"]
        assert len(row["role_source"]) > 10 and "http" not in row["role_source"], row["id"]
        # a publication and a year
        assert re.search(r"\b(19|20)\d\d\b|undated", row["role_source"]), row["id"]


def test_bundled_sides_follow_the_position_except_where_recorded() -> None:
    sites = load_sites()
    differ = {s.id for s in sites if s.side != held_by(s.lon, s.lat)}
    # Berdiansk (Zaporizhzhia oblast) is Russian-held; the default control data
    # mark whole oblasts only and count Zaporizhzhia as Ukrainian.
    assert differ == {"berdiansk"}
    by_id = {s.id: s for s in sites}
    assert by_id["saky"].side == "RU" and by_id["saky"].country == "UA"
    assert by_id["machulishchy"].side == "BY"


def test_user_sites_side_column_or_position(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,lat,lon,side,role\n"
        "Depot A,50.5,36.5,,depot\n"  # Belgorod oblast: from the position, RU
        "Depot B,50.0,36.2,RU,depot\n"  # Kharkiv oblast, recorded as Russian-held
        "Depot C,50.0,36.3,,depot\n",  # Kharkiv oblast: UA, own side
        encoding="utf-8",
    )
    data = sumy_json("--sites", str(path), "--all-sides")
    mine = {s["name"]: s for s in data["sites"] if s["name"].startswith("Depot")}
    assert (mine["Depot A"]["held_by"], mine["Depot A"]["target"]) == ("RU", True)
    assert (mine["Depot B"]["held_by"], mine["Depot B"]["role"]) == ("RU", "depot")
    assert (mine["Depot C"]["held_by"], mine["Depot C"]["target"]) == ("UA", False)
    targets = sumy_json("--sites", str(path))
    assert "Depot C" not in {s["name"] for s in targets["sites"]}


def test_bad_side_in_a_user_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,lat,lon,side\nX,50,36,Russia\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2: side 'Russia' must be a two-letter"):
        load_sites(path)


# --- maps ---------------------------------------------------------------------


@cache
def sumy_page() -> str:
    return make_map("Sumy", ["300km"]).to_html()


def _region_features(page: str) -> list[dict[str, Any]]:
    return [p for p in embedded_properties(page) if set(p) == {"share", "label"}]


def test_html_shades_no_ukrainian_region() -> None:
    page = sumy_page()
    features = _region_features(page)
    assert features
    shaded = [f["label"] for f in features if f["share"] > 0]
    assert any(label.startswith("Kursk Oblast") for label in shaded)
    assert not any(label.startswith("Sumy Oblast") for label in shaded)
    assert not any("Kharkiv Oblast" in label for label in shaded)
    sumy = next(f for f in features if f["label"].startswith("Sumy Oblast"))
    assert sumy["share"] == 0 and "not a target" in sumy["label"]
    # Occupied regions are the other side's: shaded, named as occupied.
    assert any(label.startswith("Luhansk Oblast (Russian-occupied)") for label in shaded)


def test_html_summary_names_russian_sites_only() -> None:
    page = sumy_page()
    start = page.index('<div class="rangemap-summary">')
    text = page[start : page.index("</div></div>", start)]
    assert "Khalino (Kursk-Vostochny) (fighter base)" in text
    assert "RU-held" in text
    for ukrainian in ("Myrhorod", "Starokostiantyniv", "Vasylkiv"):
        assert ukrainian not in text
    # Own-side sites are still drawn, as neutral markers.
    assert "rangemap-site-neutral" in page
    assert "Myrhorod (airbase, fighter base): held by UA, not a target" in page


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_static_path_runs(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"sumy.{suffix}"
    result = CliRunner().invoke(cli, ["map", "--from", "Sumy", "--range", "300km", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000


def test_report_tables_follow_the_filter(tmp_path: Path) -> None:
    m = make_map("Sumy", ["300km"], coverage=False, tiles=None)
    folder = m.save_report(tmp_path / "report", width=400, height=300, dpi=50)
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "Own-side places (UA) are left out" in page
    assert "Kursk Oblast" in page
    tables = page[page.index("What lies within reach") :]
    assert "Sumy Oblast" not in tables.split("Third countries")[0]
    assert "Third countries (not targets)" in tables
    rows = list(csv.DictReader((folder / "coverage.csv").read_text(encoding="utf-8").splitlines()))
    assert not any(r["held_by"] == "UA" for r in rows)
