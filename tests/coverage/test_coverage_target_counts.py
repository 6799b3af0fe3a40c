"""Target counts per layer (issue 13, items 1 and 2).

With the real bundled data: coverage measures the curated sites merged with
the OurAirports military airfields; every site says which layers reach it
(``reached_by``), and ``by_layer`` / ``rangemap coverage --compare`` count,
per weapon or range, the other side's sites of each kind in reach and what a
longer layer adds.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from click.testing import CliRunner

from rangemap.api import make_map
from rangemap.build import scene_coverage
from rangemap.cli import cli
from rangemap.places import bundled_sites, load_sites, military_airfields


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@cache
def atacms_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        run("coverage", "--from", "border:UA-RU", "--weapon", "ATACMS", "--format", "json")
    )
    return data


def test_coverage_sites_are_curated_and_airfields() -> None:
    sites = bundled_sites()
    curated = load_sites()
    assert sites[: len(curated)] == curated  # curated rows first, as they are
    assert len(sites) > 400
    assert len(sites) <= len(curated) + len(military_airfields())
    assert {s.kind for s in sites} == {"airbase", "heliport", "joint"}
    codes = [s.icao.upper() for s in sites if s.icao]
    assert len(codes) == len(set(codes))  # deduplicated by ICAO


def test_atacms_border_reaches_at_least_12_russian_airfields() -> None:
    data = atacms_json()
    assert data["launch_side"] == "UA"
    reached = [s for s in data["sites"] if s["in_reach"] and s["held_by"] == "RU"]
    assert len(reached) >= 12
    for site in reached:
        assert site["distance_km"] <= 300.0 + 1e-6
        assert site["kind"] in ("airbase", "heliport", "joint")
        assert "ATACMS M39A1" in site["reached_by"]
        assert site["source"]
    # the curated rows keep their role and sources; the airfields say where they come from
    millerovo = next(s for s in data["sites"] if s["name"] == "Millerovo")
    assert millerovo["role"] == "fighter base" and millerovo["origin"] == "curated"
    assert any(s["origin"] == "ourairports" for s in reached)
    assert all(
        s["source"].startswith("OurAirports") for s in reached if s["origin"] == "ourairports"
    )
    # a site out of reach is reached by no layer; one within 165 km by both
    assert all(not s["reached_by"] for s in data["sites"] if not s["in_reach"])
    near = [s for s in reached if s["distance_km"] <= 165.0]
    assert near and all(s["reached_by"] == ["ATACMS M39", "ATACMS M39A1"] for s in near)


def test_by_layer_json_shape_and_counts_by_kind() -> None:
    data = atacms_json()
    rows = data["by_layer"]
    assert [(r["label"], r["range_km"]) for r in rows] == [
        ("ATACMS M39", 165.0),
        ("ATACMS M39A1", 300.0),
    ]
    targets = [s for s in data["sites"] if s["target"]]
    for row in rows:
        assert set(row) == {"label", "weapon", "range_km", "counts", "sites", "adds"}
        reached = [s for s in targets if row["label"] in s["reached_by"]]
        assert row["sites"] == [s["name"] for s in reached]
        counts = row["counts"]
        assert counts["sites"] == len(reached)
        for kind in ("airbase", "heliport", "joint"):
            assert counts.get(kind, 0) == sum(1 for s in reached if s["kind"] == kind)
        assert counts["cities"] == sum(1 for c in data["cities"] if row["label"] in c["reached_by"])
        assert counts["population"] > 0
    first, second = rows
    assert first["adds"] == first["sites"]
    assert set(second["adds"]) == set(second["sites"]) - set(first["sites"])
    assert second["counts"]["sites"] >= 12
    assert data["counts"]["sites_in_reach"] == second["counts"]["sites"]  # outer layer


def test_compare_names_what_300_km_adds() -> None:
    out = run(
        "coverage",
        "--from",
        "border:UA-RU",
        "--weapon",
        "Storm Shadow",
        "--weapon",
        "ATACMS",
        "--compare",
    )
    lines = [line for line in out.splitlines() if " reaches " in line]
    assert [line.split(" reaches ")[0] for line in lines] == [
        "ATACMS M39 (165 km)",
        "Storm Shadow (250 km)",
        "ATACMS M39A1 (300 km)",
    ]
    rows = make_map("border:UA-RU", weapons=["Storm Shadow", "ATACMS"], coverage=False)
    by_layer = scene_coverage(rows.scene).by_layer()
    storm, atacms = by_layer[1], by_layer[2]
    assert atacms["adds"] and set(atacms["adds"]) == set(atacms["sites"]) - set(storm["sites"])
    assert f"reaches {atacms['counts']['sites']} sites" in lines[2]
    assert "adding " + ", ".join(atacms["adds"]) in lines[2]
    assert "airbases" in lines[2] and "cities" in lines[2] and "people" in lines[2]


def test_compare_with_ranges_and_json() -> None:
    out = run("coverage", "--from", "Sumy", "--range", "165km", "--range", "300km", "--compare")
    assert "165 km reaches" in out and "300 km reaches" in out
    rows = json.loads(
        run(
            "coverage",
            "--from",
            "Sumy",
            "--range",
            "300km",
            "--weapon",
            "Storm Shadow",
            "--compare",
            "--format",
            "json",
        )
    )
    assert [r["label"] for r in rows] == ["Storm Shadow", "300 km"]
    assert set(rows[0]["sites"]) <= set(rows[1]["sites"])


def test_compare_refuses_csv() -> None:
    result = CliRunner().invoke(
        cli, ["coverage", "--from", "Sumy", "--range", "300km", "--compare", "--format", "csv"]
    )
    assert result.exit_code == 2
    assert "--compare" in result.output
