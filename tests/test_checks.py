"""Tests for rangemap.checks: distances a text states, checked against the geography."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import rangemap.checks
from rangemap.checks import TOLERANCE, VERDICTS, check_statement, check_text
from rangemap.claims import parse_statements
from rangemap.cli import cli
from rangemap.geodesy import distance_to_km
from rangemap.places import resolve_launch
from tests.conftest import RunCli

BELGOROD = "Belgorod, which lies about 40 km behind the border, was shelled again."


def _true_km(place: str, reference: str) -> float:
    lon, lat = resolve_launch(place).anchor
    return distance_to_km(resolve_launch(reference).geometry, lon, lat)


def test_belgorod_to_the_border() -> None:
    (check,) = check_text(BELGOROD)
    assert check.place_name == "Belgorod"
    assert check.reference_name == "Ukraine–Russia border"
    assert check.computed_km == pytest.approx(_true_km("Belgorod", "border:UA-RU"))
    assert 33 < (check.computed_km or 0) < 41
    assert check.verdict == "consistent"
    assert check.reason is None


def test_kazan_to_ukraine_is_overstated() -> None:
    (check,) = check_text("Kazan, some 1,200 km from Ukraine, was hit by drones.")
    assert check.reference_name == "Ukraine"
    assert check.computed_km == pytest.approx(_true_km("Kazan", "country:UA"))
    assert check.verdict == "overstated"  # about 920 km: the text puts Kazan farther away


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Kursk lies about 100 km from the Ukrainian border.", "consistent"),
        ("Kursk lies about 30 km from the border with Ukraine.", "understated"),
        ("Moscow lies more than 400 km from the Ukrainian border.", "consistent"),
        ("Moscow lies more than 600 km from the Ukrainian border.", "overstated"),
        ("Moscow lies no more than 300 km from the Ukrainian border.", "understated"),
        ("Chernihiv lies about 50 km south of the Belarusian border.", "consistent"),
        ("Chernihiv lies about 80 km south of the Belarusian border.", "overstated"),
    ],
)
def test_verdicts(text: str, verdict: str) -> None:
    (check,) = check_text(text)
    assert check.verdict == verdict, check


def test_verdict_uses_the_stated_bounds_with_tolerance() -> None:
    true = _true_km("Belgorod", "border:UA-RU")
    for stated, verdict in (
        (true / (1 + TOLERANCE) * 0.99, "understated"),
        (true / (1 + TOLERANCE) * 1.01, "consistent"),
        (true / (1 - TOLERANCE) * 0.99, "consistent"),
        (true / (1 - TOLERANCE) * 1.01, "overstated"),
    ):
        (s,) = parse_statements(f"Belgorod lies {stated:.2f} km from the border with Russia.")
        assert check_statement(s).verdict == verdict, stated


def test_front_line_needs_a_control_file(tmp_path: Path) -> None:
    text = "A depot in Voronezh, more than 250 km from the front line, was hit."
    (check,) = check_text(text)
    assert check.verdict == "unresolved"
    assert check.reason is not None and "--control" in check.reason
    # A control file whose Russian-held area gives a front line near Donetsk.
    control = tmp_path / "control.geojson"
    control.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"held_by": "RU"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [
                                [
                                    [37.5, 47.5],
                                    [39.5, 47.5],
                                    [39.5, 48.5],
                                    [37.5, 48.5],
                                    [37.5, 47.5],
                                ]
                            ],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    (check,) = check_text(text, control=control)
    assert check.verdict in VERDICTS and check.verdict != "unresolved"
    assert check.computed_km is not None and 200 < check.computed_km < 400


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Dnipro lies about 100 km from the front line.", "--control"),
        ("Foo Barville lies 20 km from the border.", "no city, region or country"),
        ("The depot lies 20 km from the border.", "names no place"),
        ("Belgorod lies 20 km away.", "does not say"),
    ],
)
def test_unresolved_says_why(text: str, fragment: str) -> None:
    (check,) = check_text(text)
    assert check.verdict == "unresolved"
    assert check.reason is not None and fragment in check.reason, check.reason


def test_only_distances_are_checked() -> None:
    text = "ATACMS flies up to 300 km. " + BELGOROD + " The drone cruises at 800 km per hour."
    checks = check_text(text)
    assert [c.statement.type for c in checks] == ["distance"]


def test_to_dict_is_json_ready() -> None:
    (check,) = check_text(BELGOROD)
    data = check.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["type"] == "distance"
    assert data["place"] == "Belgorod" and data["reference"] == "the border"
    assert data["stated_km"] == [36.0, 44.0]
    assert data["verdict"] == "consistent"
    assert isinstance(data["computed_km"], float)


def test_many_repeated_distances_are_resolved_once() -> None:
    checks = check_text(BELGOROD + " " + " ".join([BELGOROD] * 300))
    assert len(checks) == 301
    assert {c.verdict for c in checks} == {"consistent"}


def test_cli_check_table_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "-"], input=BELGOROD)
    assert result.exit_code == 0, result.output
    assert "Belgorod" in result.output and "Ukraine–Russia border" in result.output
    assert "consistent" in result.output
    assert "35." in result.output or "36." in result.output  # the computed distance
    result = runner.invoke(cli, ["check", "--json", "-"], input=BELGOROD)
    (data,) = json.loads(result.output)
    assert data["verdict"] == "consistent"


def test_cli_parse_all_shows_every_kind_and_checks_distances() -> None:
    text = BELGOROD + " The drone cruises at 800 km. per hour. Storm Shadow flies up to 250 km."
    runner = CliRunner()
    plain = runner.invoke(cli, ["parse", "--json", "-"], input=text)
    assert [c["type"] for c in json.loads(plain.output)] == ["range"]
    result = runner.invoke(cli, ["parse", "--all", "--json", "-"], input=text)
    data = json.loads(result.output)
    assert [c["type"] for c in data] == ["distance", "speed", "range"]
    assert data[0]["verdict"] == "consistent" and data[0]["computed_km"] > 30
    assert "verdict" not in data[2]
    table = runner.invoke(cli, ["parse", "--all", "-"], input=text)
    assert "distance" in table.output and "speed" in table.output
    assert "up to 250" in table.output


def test_cli_check_end_to_end(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(BELGOROD, encoding="utf-8")
    proc = run_cli("check", "news.txt")
    assert proc.returncode == 0, proc.stderr
    assert "consistent" in proc.stdout
    missing = run_cli("check", "--control", "nope.geojson", "news.txt")
    assert missing.returncode == 2
    assert len(missing.stderr.strip().splitlines()) == 1


def test_claims_import_stays_light() -> None:
    import subprocess
    import sys

    code = "import rangemap.claims, sys; assert 'shapely' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_doctests() -> None:
    failures, tested = doctest.testmod(rangemap.checks, optionflags=doctest.ELLIPSIS)
    assert tested > 0
    assert failures == 0
