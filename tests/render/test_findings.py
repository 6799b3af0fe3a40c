"""Plain-language findings (rangemap.render.findings): the other side's places, said once."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest

import rangemap
from rangemap.api import article_map
from rangemap.build import scene_coverage
from rangemap.coverage import CityCoverage, Coverage, SiteCoverage
from rangemap.render.findings import (
    POPULATION_METHOD,
    Finding,
    LayerReach,
    findings,
    format_people,
    layer_line,
    layer_reaches,
    people_in_reach,
    side_adjective,
)
from rangemap.scene import Scene

#: One xdist worker runs this module: its tests share expensive results (see pyproject.toml).
pytestmark = pytest.mark.xdist_group("findings")


@pytest.fixture(scope="module")
def sumy() -> tuple[Scene, Coverage, tuple[LayerReach, ...]]:
    rmap = rangemap.map("Sumy", ["300km", "165km", "several hundred kilometers"], coverage=False)
    # the 900 km band would be the outermost range: findings for 300 km need it alone too
    scene = dataclasses.replace(rmap.scene, layers=rmap.scene.layers[:2])
    coverage = scene_coverage(scene)
    return scene, coverage, layer_reaches(scene, coverage)


@pytest.fixture(scope="module")
def sumy_band() -> tuple[Scene, Coverage]:
    rmap = rangemap.map("Sumy", ["300km", "several hundred kilometers"], coverage=False)
    return rmap.scene, rmap.coverage()


def _text(found: tuple[Finding, ...]) -> str:
    return "\n".join(f"{f.heading}: {f.text}" for f in found)


def test_sumy_300_km_names_russian_airbases_and_regions(sumy) -> None:
    scene, coverage, reaches = sumy
    found = findings(scene, coverage, reaches)
    assert coverage.launch_side == "UA"
    airbases = [s for s in coverage.site_rows if s.in_reach and s.kind == "airbase"]
    assert airbases and all(s.held_by == "RU" for s in airbases)
    (named,) = [f for f in found if f.key == "airbases"]
    assert named.heading == "Russian-held airbases within 300 km"
    for site in airbases:
        assert site.display_name in named.text
        if site.role:
            assert f"{site.display_name}: {site.role}" in named.text
    layer = {f.heading: f.text for f in found if f.key == "layer"}
    assert list(layer) == ["165 km", "300 km"]  # nearest first
    assert "Kursk Oblast" in layer["300 km"] and "Belgorod Oblast" in layer["300 km"]
    assert re.search(r"reaches \d+ Russian-held airbases?", layer["300 km"])
    assert "Kursk" in next(f.text for f in found if f.key == "cities")


def test_no_own_side_place_is_named(sumy) -> None:
    scene, coverage, reaches = sumy
    text = _text(findings(scene, coverage, reaches))
    own = coverage.own_side
    assert own.regions and own.cities  # Sumy, Kharkiv, Poltava oblasts and their cities
    for region in own.regions:
        assert region.name not in text, region.name
    for city in own.cities[:30]:
        assert not re.search(rf"\b{re.escape(city.name)}\b \(", text), city.name
    assert "Sumy Oblast" not in text and "Kharkiv" not in text
    # Listing all sides (--all-sides) changes nothing: only targets are named.
    everything = scene_coverage(scene, all_sides=True)
    assert everything.all_sides
    assert "Sumy Oblast" not in _text(findings(scene, everything, layer_reaches(scene, everything)))


def test_people_in_reach_with_the_method(sumy) -> None:
    scene, coverage, reaches = sumy
    (people,) = [f for f in findings(scene, coverage, reaches) if f.key == "people"]
    total = people_in_reach(coverage.city_rows)
    assert total > 1_000_000  # Kursk, Bryansk, Belgorod, Orël, ...
    assert total == sum(c.population for c in coverage.city_rows if c.target)
    assert f"About {format_people(total)} people" in people.text
    assert POPULATION_METHOD in people.text
    assert "GeoNames" in people.text and "15,000" in people.text and "not a census" in people.text


def test_each_range_counts_its_own_reach(sumy) -> None:
    _, _, reaches = sumy
    by_km = {r.range_km: r for r in reaches}
    inner, outer = by_km[165.0], by_km[300.0]
    assert inner.exact and outer.exact
    assert set(inner.sites) <= set(outer.sites)
    assert all(s.distance_km <= 165 for s in inner.sites)
    assert len(inner.cities) < len(outer.cities)
    share = {r.iso_3166_2: r.share for r in inner.regions}
    assert 0 < share["RU-KRS"] < {r.iso_3166_2: r.share for r in outer.regions}["RU-KRS"]


def test_one_line_per_layer_with_no_phrase_repeated(sumy_band) -> None:
    scene, coverage = sumy_band
    lines = [layer_line(layer) for layer in scene.layers]
    assert len(lines) == len(scene.layers) == 2
    assert all("\n" not in line for line in lines)
    assert lines[0] == "300 km — ring from Sumy"
    band = lines[1]
    assert band.count("several hundred kilometers") == 1
    assert band.count("300–900 km") == 1
    assert "band from Sumy" in band
    # Nowhere on the findings either is a phrase said three times.
    text = _text(findings(scene, coverage, layer_reaches(scene, coverage)))
    assert text.count("several hundred kilometers") == 1
    words = re.findall(r"[\w’'–-]+(?: [\w’'–-]+){3}", " ".join([*lines, text]))
    repeated = {w: n for w, n in Counter(words).items() if n >= 3 and "km" in w}
    assert not repeated, repeated


def test_a_band_is_counted_at_its_far_end(sumy_band) -> None:
    scene, coverage = sumy_band
    found = findings(scene, coverage, layer_reaches(scene, coverage))
    (band,) = [f for f in found if f.key == "layer" and "300–900 km" in f.heading]
    assert band.heading == "“several hundred kilometers” · 300–900 km"
    assert band.text.startswith("at its far end, 900 km, reaches ")


def test_weapon_layer_line_names_the_source() -> None:
    rmap = rangemap.map("border:UA-RU", weapons=["ATACMS"], coverage=False)
    lines = [layer_line(layer) for layer in rmap.scene.layers]
    assert len(lines) == 2
    assert lines[0].startswith("ATACMS M39 (Block I) · 165 km — reach from Ukraine–Russia border")
    assert "; source: CSIS Missile Defense Project" in lines[0]
    # The detail's lead-in ("published maximum range. Source: ...") is not repeated.
    assert all("published maximum range" not in line.split("; source: ")[0] for line in lines)
    assert all(line.count("; source: ") == 1 for line in lines)


def _site(name: str, held: str, km: float, *, target: bool) -> SiteCoverage:
    return SiteCoverage(
        name, "airbase", held, 51.0, 36.0, km, True, held_by=held, role="bomber base", target=target
    )


def _city(name: str, held: str, people: int, *, target: bool) -> CityCoverage:
    return CityCoverage(name, held, people, 51.0, 36.0, 10.0, held_by=held, target=target)


def test_findings_from_a_coverage_alone_keep_to_targets(sumy) -> None:
    scene, _, _ = sumy
    coverage = Coverage(
        region_rows=(),
        country_rows=(),
        site_rows=(
            _site("Own base", "UA", 20.0, target=False),
            _site("Their base", "RU", 100.0, target=True),
            _site("Far base", "RU", 250.0, target=True),
        ),
        city_rows=(
            _city("Own town", "UA", 50_000, target=False),
            _city("Their town", "RU", 40_000, target=True),
        ),
        launch_side="UA",
        target_sides=("RU",),
        all_sides=True,
    )
    found = findings(scene, coverage)  # no reaches: counted from the coverage alone
    text = _text(found)
    assert "Own base" not in text and "Own town" not in text
    assert "Their base: bomber base, 100 km" in text and "Far base" in text
    layer = {f.heading: f.text for f in found if f.key == "layer"}
    assert layer["165 km"].startswith("reaches 1 Russian-held airbase, ")
    assert layer["300 km"].startswith("reaches 2 Russian-held airbases, 1 city (40,000 people)")
    assert "no Russian-held region" in layer["300 km"]
    assert "not computed for this range" in layer["165 km"]
    assert "not computed" not in layer["300 km"]


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "0"),
        (9_500, "9,500"),
        (15_020, "15,000"),
        (448_733, "449,000"),
        (2_699_660, "2.7 million"),
    ],
)
def test_format_people(count: int, text: str) -> None:
    assert format_people(count) == text


def test_side_adjective() -> None:
    assert side_adjective(("RU",)) == "Russian-held"
    assert side_adjective(("UA",)) == "Ukrainian-held"
    assert side_adjective(()) == ""


def test_a_comparison_layer_is_said_to_be_one() -> None:
    from tests.conftest import SEED_ARTICLE

    rmap, _ = article_map(SEED_ARTICLE.read_text(encoding="utf-8"), coverage=False)
    coverage = rmap.coverage()
    found = findings(rmap.scene, coverage, layer_reaches(rmap.scene, coverage))
    layers = [f for f in found if f.key == "layer"]
    assert layers[-1].heading == "For comparison (refused by Germany): Taurus KEPD 350 · 500 km"
    assert layers[-1].text.startswith("would reach ")
    assert all(f.text.startswith("reaches ") for f in layers[:-1])
    # The named places are those of the outermost range drawn (300 km), not the comparison's.
    assert next(f for f in found if f.key == "airbases").heading.endswith("within 300 km")
    taurus = next(layer for layer in rmap.scene.layers if layer.spec.comparison)
    assert "for comparison only (refused by Germany)" in layer_line(taurus)
