"""One pass (issue 11): each range string parsed once, each weapon looked up once,
each input file read once, each output checked once, through whole command runs.

Each test wraps the real function (it still runs) with a counter, in every
module of rangemap that holds it, runs a command in-process, and counts.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import rangemap
import rangemap._userfile
import rangemap.catalogue.index
import rangemap.claims.parse
import rangemap.places.control_file
import rangemap.render.files.folders
import rangemap.render.files.targets
import rangemap.scenario
import rangemap.units
from tests.cli_run import run

SEED = Path(__file__).resolve().parents[2] / "seeds" / "atacms_kursk_authorisation_2024-11.txt"

SITES = "name,lat,lon,kind\nDepot A,51.7,36.2,depot\nDepot B,52.3,35.4,depot\n"
CONTROL = (
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"held_by":"RU"},'
    '"geometry":{"type":"Polygon","coordinates":[[[37,47],[39,47],[39,49],[37,49],[37,47]]]}}]}'
)


def count_calls(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[tuple[Any, ...]]:
    """Wrap ``module.name`` with a counter wherever rangemap holds it; return the calls' arguments.

    The real function runs: the wrapper only records each call's positional arguments.
    """
    real = getattr(module, name)
    calls: list[tuple[Any, ...]] = []
    _import_all()  # a module imported later would keep the wrapper past the test

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    for loaded in list(sys.modules.values()):
        if getattr(loaded, "__name__", "").startswith("rangemap") and (
            getattr(loaded, name, None) is real
        ):
            monkeypatch.setattr(loaded, name, counted)
    return calls


def _import_all() -> None:
    """Import every module of rangemap, so that each holds its names before they are wrapped."""
    for info in pkgutil.walk_packages(rangemap.__path__, "rangemap."):
        if info.name != "rangemap.__main__":
            importlib.import_module(info.name)


def counters(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[Any, ...]]]:
    """Count the parsers, the catalogue lookups, the file readers and the output checks."""
    watched: list[tuple[Any, str]] = [
        (rangemap.units, "parse_distance_km"),
        (rangemap.claims.parse, "parse_claim"),
        (rangemap.catalogue.index, "find_weapon"),
        (rangemap.catalogue.index, "find_weapon_variants"),
        (rangemap._userfile, "read_user_bytes"),
        (rangemap.places.control_file, "load_control"),
        (rangemap.render.files.targets, "plan_output"),
        (rangemap.render.files.folders, "_checked_report_folder"),
        (rangemap.scenario, "read_scenario"),
        (rangemap.scenario, "build"),
    ]
    return {name: count_calls(monkeypatch, module, name) for module, name in watched}


def _ok(result: tuple[int | None, str, str]) -> None:
    code, _, err = result
    assert code == 0, err


def _once_each(calls: list[tuple[Any, ...]]) -> Counter[Any]:
    """The calls' first arguments counted; every one must be once."""
    seen = Counter(str(args[0]) for args in calls)
    assert all(n == 1 for n in seen.values()), seen
    return seen


def _reads_of(calls: list[tuple[Any, ...]], path: Path) -> int:
    return sum(Path(args[0]).name == path.name for args in calls)


def test_map_parses_each_range_and_looks_each_weapon_up_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "s.csv").write_text(SITES, encoding="utf-8")
    calls = counters(monkeypatch)
    ranges = ["300km", "several hundred kilometers"]
    args = ["map", "--from", "Sumy", "--weapon", "atacms", "--sites", "s.csv", "-o", "m.geojson"]
    _ok(run([*args, "--range", ranges[0], "--range", ranges[1]], tmp_path))
    assert _once_each(calls["parse_claim"]) == Counter(ranges)  # read once, with its claim
    assert _once_each(calls["parse_distance_km"]) == Counter(ranges)
    # ATACMS: one lookup, not one per step (before: three)
    assert len(calls["find_weapon_variants"]) + len(calls["find_weapon"]) == 1
    assert _reads_of(calls["read_user_bytes"], tmp_path / "s.csv") == 1
    assert [Path(args[0]).name for args in calls["plan_output"]] == ["m.geojson"]
    assert len(calls["build"]) == 1  # the command's options -> map: scenario.build
    assert (tmp_path / "m.geojson").is_file()


def test_map_from_a_scenario_reads_it_once_and_checks_its_output_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "s.toml").write_text(
        'from = "Sumy"\nrange = ["300km", "165 km"]\nweapon = "atacms"\noutput = "s.geojson"\n',
        encoding="utf-8",
    )
    calls = counters(monkeypatch)
    _ok(run(["map", "--scenario", "s.toml"], tmp_path))
    assert len(calls["read_scenario"]) == 1
    assert _once_each(calls["parse_distance_km"]) == Counter(["300km", "165 km"])
    assert len(calls["find_weapon_variants"]) + len(calls["find_weapon"]) == 1
    assert len(calls["plan_output"]) == 1
    assert (tmp_path / "s.geojson").is_file()


def test_coverage_reads_each_user_file_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "s.csv").write_text(SITES, encoding="utf-8")
    (tmp_path / "c.geojson").write_text(CONTROL, encoding="utf-8")
    calls = counters(monkeypatch)
    args = ["coverage", "--from", "border:UA-RU", "--range", "300km", "--format", "json"]
    _ok(run([*args, "--sites", "s.csv", "--control", "c.geojson"], tmp_path))
    assert _reads_of(calls["read_user_bytes"], tmp_path / "s.csv") == 1
    assert _reads_of(calls["read_user_bytes"], tmp_path / "c.geojson") == 1
    assert _reads_of(calls["load_control"], tmp_path / "c.geojson") == 1
    assert _once_each(calls["parse_claim"]) == Counter(["300km"])


def test_the_default_job_checks_its_output_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = counters(monkeypatch)
    _ok(run(["article", str(SEED), "-o", "a.geojson"], tmp_path))
    assert len(calls["plan_output"]) == 1
    assert _reads_of(calls["read_user_bytes"], SEED) == 1
    # The weapons a text names are the catalogue's entries: never looked up again.
    assert calls["find_weapon"] == [] and calls["find_weapon_variants"] == []


def test_report_checks_its_folder_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = counters(monkeypatch)
    small = ["--width", "400", "--height", "300", "--dpi", "50"]
    _ok(run(["report", "--article", str(SEED), "-o", "r", *small], tmp_path))
    assert len(calls["_checked_report_folder"]) == 1  # before: three times
    assert _reads_of(calls["read_user_bytes"], SEED) == 1
    assert (tmp_path / "r" / "index.html").is_file()

