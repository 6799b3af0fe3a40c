"""``rangemap batch``: scenarios and products, on worker processes, with an index and a summary."""

from __future__ import annotations

import csv
import json
import re
import tomllib
from pathlib import Path

import pytest

from rangemap.batch import Result, expand_batch, read_batch, run_batch
from rangemap.cli.commands import map_command
from rangemap.errors import InputError
from rangemap.scenario import scenario_keys
from tests.conftest import RunCli

KEYS = scenario_keys(map_command)

BATCH = """\
format = "geojson"

[[scenario]]
name = "Sumy at 300"
from = "Sumy"
range = "300km"

[[scenario]]
name = "nowhere"
from = "Nowhereville"
range = "300km"

[[scenario]]
from = "RU-KRS"
weapon = "ATACMS"
output = "kursk.html"

[product]
from = ["Kharkiv", "50.5,36.0"]
range = ["165km", "300km"]
"""


def _rows(folder: Path) -> list[dict[str, str]]:
    with open(folder / "summary.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_batch_runs_on_two_workers_past_a_bad_scenario(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "b.toml").write_text(BATCH, encoding="utf-8")
    proc = run_cli("batch", "b.toml", "-o", "out", "-j", "2")
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 1
    assert "scenario 'nowhere' failed: unknown place 'Nowhereville'" in errors[0]
    assert "maps" not in proc.stderr  # no progress bar off a terminal
    out = tmp_path / "out"
    rows = {row["name"]: row for row in _rows(out)}
    assert list(rows) == [
        "Sumy at 300", "nowhere", "kursk", "kharkiv-165km", "kharkiv-300km",
        "50-5-36-0-165km", "50-5-36-0-300km",
    ]  # fmt: skip
    assert rows["nowhere"]["status"] == "failed" and "Nowhereville" in rows["nowhere"]["error"]
    assert rows["nowhere"]["output"] == ""
    ok = [row for row in rows.values() if row["status"] == "ok"]
    assert len(ok) == 6
    for row in ok:
        assert (out / row["output"]).is_file()
    assert rows["Sumy at 300"]["output"] == "sumy-at-300.geojson"
    assert int(rows["kharkiv-300km"]["target_regions_in_reach"]) > int(
        rows["kharkiv-165km"]["target_regions_in_reach"]
    )
    assert float(rows["kharkiv-300km"]["reachable_area_km2"]) > 0
    assert int(rows["kharkiv-300km"]["population_in_reach"]) > 0
    assert rows["kharkiv-300km"]["sites_in_reach"].isdigit()
    # the scenario's own output suffix beats the default format
    assert (out / "kursk.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    index = (out / "index.html").read_text(encoding="utf-8")
    for row in ok:
        assert f'href="{row["output"]}"' in index
    assert "failed" in index and "Nowhereville" in index
    recorded = json.loads((out / "kharkiv-300km.geojson").read_text("utf-8"))["rangemap"]
    assert recorded["scenario"]["from"] == ["Kharkiv"]
    assert recorded["scenario"]["output"] == "kharkiv-300km.geojson"
    assert recorded["scenario"]["format"] == "geojson"


def test_a_recorded_batch_map_is_made_again_by_map(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "b.toml").write_text(
        '[[scenario]]\nfrom = "Sumy"\nrange = "300km"\nformat = "geojson"\n', encoding="utf-8"
    )
    assert run_cli("batch", "b.toml", "-o", "out").returncode == 0
    made = tmp_path / "out" / "sumy-300km.geojson"
    first = made.read_bytes()
    extracted = run_cli("scenario", str(made))
    (tmp_path / "out" / "s.toml").write_text(extracted.stdout, encoding="utf-8")
    made.unlink()
    again = run_cli("map", "--scenario", "out/s.toml")
    assert again.returncode == 0, again.stderr
    assert made.read_bytes() == first


def test_a_product_expands_to_every_combination_over_the_defaults(tmp_path: Path) -> None:
    table = tomllib.loads(
        'title = "T"\n[defaults]\nformat = "kml"\n'
        '[product]\nfrom = ["Sumy", "Kharkiv", "RU-KRS"]\nweapon = ["ATACMS", "Storm Shadow"]\n'
        'range = [["300km", "165km"], "500km"]\n'
        '[[scenario]]\nfrom = "Kyiv"\nrange = "100km"\nformat = "html"\n'
    )
    jobs = expand_batch(table, KEYS, where="batch", folder=tmp_path)
    assert len(jobs) == 1 + 3 * 2 * 2
    assert jobs[0].output == "kyiv-100km.html"
    assert all(job.error is None for job in jobs)
    assert all(job.options["title"] == "T" and job.options["fmt"] == "kml" for job in jobs[1:])
    assert jobs[1].options["ranges"] == ("300km", "165km")
    assert jobs[1].options["weapons"] == ("ATACMS",)
    assert jobs[1].output == "sumy-300km-165km-atacms.kml"
    assert len({job.output for job in jobs}) == len(jobs)


def test_repeated_names_get_numbers_in_order(tmp_path: Path) -> None:
    table = tomllib.loads(
        '[[scenario]]\nfrom = "Sumy"\nrange = "300km"\n'
        '[[scenario]]\nfrom = "Sumy"\nrange = "300km"\n'
        '[[scenario]]\nfrom = "Sumy"\nrange = "300km"\ncolour = "red"\n'
    )
    jobs = expand_batch(table, KEYS, where="batch", folder=tmp_path)
    assert [j.output for j in jobs] == ["sumy-300km.html", "sumy-300km-2.html", "sumy-300km-3.html"]
    assert jobs[2].error is not None and "unknown key 'colour'" in jobs[2].error


def test_a_broken_batch_file_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "b.toml").write_text("[[scenario]\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        read_batch(tmp_path / "b.toml", KEYS)
    (tmp_path / "e.toml").write_text('title = "only defaults"\n', encoding="utf-8")
    with pytest.raises(InputError, match="holds no scenario"):
        read_batch(tmp_path / "e.toml", KEYS)


def test_the_cli_refuses_a_broken_batch(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "b.toml").write_text("[product]\nfrom = [\n", encoding="utf-8")
    proc = run_cli("batch", "b.toml", "-o", "out")
    assert proc.returncode == 2
    assert proc.stderr.startswith("rangemap: error: batch 'b.toml': not valid TOML")
    assert not (tmp_path / "out").exists()


def _square(lon: float, lat: float, size: float) -> str:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    polygon = {"type": "Polygon", "coordinates": [ring]}
    feature = {"type": "Feature", "properties": {}, "geometry": polygon}
    return json.dumps({"type": "FeatureCollection", "features": [feature]})


def test_a_launch_file_changed_between_batches_is_read_again(tmp_path: Path) -> None:
    """What a worker remembers of a launch is keyed on its geometry, not on the file's name."""
    launch = tmp_path / "launch.geojson"
    (tmp_path / "b.toml").write_text(
        '[[scenario]]\nfrom = "launch.geojson"\nrange = "100km"\nformat = "geojson"\n',
        encoding="utf-8",
    )
    made = []
    for square in (_square(35.0, 50.0, 0.2), _square(33.0, 50.0, 1.0)):  # Ukrainian-held ground
        launch.write_text(square, encoding="utf-8")
        jobs = read_batch(tmp_path / "b.toml", KEYS)
        (result,) = run_batch(jobs, tmp_path / "out", KEYS, workers=1)
        assert result.status == "ok", result.error
        made.append(json.loads((tmp_path / "out" / result.output).read_text("utf-8")))
    small, large = made
    assert small["rangemap"] == large["rangemap"]  # the same scenario and data
    assert small["features"] != large["features"]


def _forget_launches() -> None:
    """Empty what a process remembers of launches and pages, as a new worker starts."""
    from rangemap import held_ground, launch
    from rangemap.geodesy import distance
    from rangemap.places import resolve
    from rangemap.render.html import elements

    for remembered in (
        resolve._resolve,
        held_ground._bundled_opposing,
        held_ground._bundled_stretch,
        held_ground._bundled_kept,
        launch._bundled_shares,
        distance._prepared,
        elements._first_tile_layer,
    ):
        remembered.cache_clear()


def test_a_map_made_after_others_is_the_page_a_new_worker_makes(tmp_path: Path) -> None:
    """Held ground, distances and tile layers remembered from earlier maps change no byte."""
    launches = '["RU-KRS", "RU-BEL", "border:UA-RU", "UA-59", "Sumy", "50.5,36.0"]'
    table = tomllib.loads(f'[product]\nfrom = {launches}\nrange = ["120km", "300km"]\n')
    jobs = expand_batch(table, KEYS, where="batch", folder=tmp_path)
    warm = run_batch(jobs, tmp_path / "warm", KEYS, workers=1)
    assert all(r.status == "ok" for r in warm), [r.error for r in warm]

    def page(folder: str, result: Result) -> str:
        text = (tmp_path / folder / result.output).read_text("utf-8")
        return re.sub(r"_[0-9a-f]{32}", "_ID", text)

    def tile_layers(folder: str, result: Result) -> set[str]:
        text = (tmp_path / folder / result.output).read_text("utf-8")
        return set(re.findall(r"tile_layer_[0-9a-f]{32}", text))

    for job, after in zip(jobs[1::2], warm[1::2], strict=True):  # each after its launch's 120 km
        _forget_launches()
        (cold,) = run_batch([job], tmp_path / "cold", KEYS, workers=1)
        assert cold == after
        assert page("cold", cold) == page("warm", after)
        # a copied tile layer has a name of its own
        assert tile_layers("warm", after) and not tile_layers("cold", cold) & tile_layers(
            "warm", after
        )
