"""The default job (`rangemap` without a command) tells the bundled article's story (issue 9)."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rangemap._paths import data_path
from rangemap.cli import cli
from tests.cli.test_commands import embedded_properties

#: One xdist worker runs this module: its tests share expensive results (see pyproject.toml).
pytestmark = pytest.mark.xdist_group("default_job")

PAGE = Path("output") / "rangemap.html"


@pytest.fixture(scope="module")
def default_job(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, str]:
    """Run `rangemap` in-process in an empty folder; return the result and the page."""
    folder = tmp_path_factory.mktemp("default_job")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        result = runner.invoke(cli, [], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result, (folder / PAGE).read_text(encoding="utf-8")


def _group_of(page: str, name_start: str) -> str:
    """The JavaScript name of the layer-control overlay whose name starts so."""
    match = re.search(r'"(' + re.escape(name_start) + r'[^"]*)"\s*:\s*(feature_group_\w+)', page)
    assert match is not None, f"no layer named {name_start!r}"
    return match.group(2)


def _added_to_map(page: str, group: str) -> bool:
    return re.search(re.escape(group) + r"\.addTo\(map_\w+\)", page) is not None


def test_atacms_rings_from_the_held_border(default_job: tuple[Result, str]) -> None:
    _, page = default_job
    props = embedded_properties(page)
    reaches = sorted(p["range_km"] for p in props if p.get("role") == "reach")
    assert reaches == [165.0, 300.0, 500.0]  # ATACMS M39, M39A1; Taurus for comparison
    assert not [p for p in props if p.get("role") == "band"]  # no free band for the claim
    for name in ("Reach ATACMS M39 (Block I): 165 km", "Reach ATACMS M39A1"):
        assert _added_to_map(page, _group_of(page, name))
    assert "Ukraine–Russia border, Ukrainian-held stretch" in page
    assert "Highlighted: Kursk Oblast" in page and {"role": "highlight"} in props


def _text(page: str) -> str:
    """The page with JSON \\u escapes and HTML entities decoded."""
    decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page)
    return html.unescape(decoded)


def test_the_claim_is_set_beside_atacms(default_job: tuple[Result, str]) -> None:
    _, page = default_job
    note = (
        "“maximum range of several hundred kilometers” (read 300–900 km) — "
        "ATACMS published maximum 300 km (M39A1 (Block IA))"
    )
    text = _text(page)
    assert f"The text's {note}" in text  # in the legend
    assert text.count(note) >= 3  # and in the tooltips of both ATACMS rings


def test_taurus_is_a_comparison_layer_off_by_default(default_job: tuple[Result, str]) -> None:
    _, page = default_job
    name = "Comparison (not supplied): Taurus KEPD 350 · 500 km — refused by Germany"
    assert name in _text(page)
    group = _group_of(page, "Comparison (not supplied): Taurus KEPD 350")
    assert f"{group} = L.featureGroup(" in page  # the layer exists ...
    assert not _added_to_map(page, group)  # ... but is not shown until switched on
    assert "Off by default" in page


def test_summary_names_russian_airbases_within_300_km(default_job: tuple[Result, str]) -> None:
    _, page = default_job
    summary = html.unescape(page.split('class="rangemap-summary"', 1)[1].split("</div></div>")[0])
    assert "Within 300 km" in summary  # the outer ATACMS ring, not 900 km nor Taurus's 500 km
    with data_path("sites.csv").open(encoding="utf-8") as fh:
        sides = {row["name"]: row["side"] for row in csv.DictReader(fh)}
    named = [name for name in sides if f"● {name}" in summary]
    assert named, summary
    assert {sides[name] for name in named} == {"RU"}


def test_account_says_what_was_drawn_and_why(default_job: tuple[Result, str]) -> None:
    result, _ = default_job
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == str(PAGE)  # scripts read the path from the last line
    (account,) = [line for line in lines if line.startswith("Drew ")]
    assert "ATACMS M39 (165 km) and M39A1 (300 km)" in account
    assert "the 805 km of the Ukraine–Russia border Ukraine holds" in account
    assert "Kursk Oblast highlighted" in account
    assert "read as 300–900 km" in account and "published maximum is 300 km" in account
    assert "Taurus KEPD 350 (500 km) is shown for comparison only" in account
    assert "refused by Germany" in account and "refuse" in account
    assert re.search(r"Within 300 km: \d+ Russian-held airbase", account)
    assert "status: Taurus KEPD 350: refused or not supplied" in result.stdout


def test_a_refused_weapon_alone_is_shown_labelled_for_comparison() -> None:
    from rangemap.api import article_map

    rmap, _ = article_map("Germany refuses to supply Taurus.", coverage=False, tiles=None)
    (layer,) = rmap.scene.layers
    assert layer.spec.comparison == "refused by Germany"
    assert rmap.scene.outer_layer is layer  # nothing else to measure the map by
    page = rmap.to_html()
    group = _group_of(page, "Comparison (not supplied): Taurus KEPD 350")
    assert _added_to_map(page, group)  # the map has nothing else: shown, still labelled
