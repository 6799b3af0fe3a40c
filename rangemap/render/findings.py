"""Plain-language findings of a map: what each range reaches, said once.

A report opens with these sentences, before its map and tables:

- per range layer, what it reaches of the other side: how many airbases,
  how many cities and how many people live in them, and the regions it
  covers most (:func:`layer_finding`);
- the airbases in reach, by name, with their roles and distances;
- the cities in reach, most populous first;
- the people within reach, with the method stated (:data:`POPULATION_METHOD`);
- third countries within reach, which are not targets.

Model and assumptions:

- Only targets are named: places the other side holds (``target`` on every
  coverage row; :class:`rangemap.coverage.Coverage`). Own-side places are
  never counted, even when the coverage lists all sides.
- A site or a city is in reach of a range when its exact geodesic distance to
  the launch geometry is at most that range (the distances of the coverage;
  WGS84). A band is counted at its high range, its farthest reach.
- "People within reach" is the sum of the GeoNames populations of the
  target cities of 15,000 people or more whose centres are in reach. It is
  not a census: smaller towns, villages and the countryside are left out,
  and a city counts whole or not at all.
- The regions' shares of a range other than the outermost come from a
  coverage computed for that range (:func:`layer_reaches`); when that cannot
  be computed (no launch geometry), every layer reports the outermost range's
  regions and says so.

:func:`layer_reaches` computes (it and :class:`LayerReach` live in
:mod:`rangemap.render.reaches`, and are named here too); every function
here is pure, over the scene, the coverage and what :func:`layer_reaches`
returned. Texts are plain (never markup): a renderer escapes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rangemap.coverage import CityCoverage, Coverage, RegionCoverage, SiteCoverage
from rangemap.render.reaches import LayerReach, coverage_reaches, layer_reaches
from rangemap.scene import RangeLayer, Scene
from rangemap.units import format_km

__all__ = [
    "POPULATION_METHOD",
    "Finding",
    "LayerReach",
    "findings",
    "format_people",
    "layer_finding",
    "layer_line",
    "layer_reaches",
    "people_in_reach",
    "side_adjective",
]

#: How "people within reach" is counted, said where the number is shown.
POPULATION_METHOD = (
    "The sum of the GeoNames populations of the cities of 15,000 people or more "
    "(GeoNames cities15000) whose centres lie within range; not a census: smaller towns, "
    "villages and the countryside are left out, and a city counts whole or not at all."
)

#: How many names a finding lists before "and N more".
_MAX_SITES = 12
_MAX_CITIES = 10
_MAX_REGIONS = 4

_ADJECTIVES = {"RU": "Russian", "UA": "Ukrainian", "BY": "Belarusian"}


@dataclass(frozen=True)
class Finding:
    """One finding: a short heading and a sentence, both plain text.

    Attributes
    ----------
    key : str
        What it is about: ``"layer"``, ``"airbases"``, ``"cities"``,
        ``"people"``, ``"third"`` or ``"note"``.
    heading : str
        A few words (``"ATACMS M39A1 (Block IA) · 300 km"``).
    text : str
        The finding, one or two sentences.
    """

    key: str
    heading: str
    text: str


def side_adjective(sides: Sequence[str]) -> str:
    """Say whose places are targets: ``"Russian-held"``, ``"Ukrainian-held"``; ``""`` for none.

    >>> side_adjective(("RU",))
    'Russian-held'
    >>> side_adjective(())
    ''
    """
    names = [_ADJECTIVES.get(s, s) for s in sides]
    return "/".join(names) + "-held" if names else ""


def format_people(count: int) -> str:
    """Round a population for a sentence: ``2.7 million``, ``448,000``, ``9,500``.

    >>> format_people(2_699_660)
    '2.7 million'
    >>> format_people(448_733)
    '449,000'
    >>> format_people(15_020)
    '15,000'
    """
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} million"
    if count >= 10_000:
        return f"{round(count, -3):,}"
    return f"{count:,}"


def people_in_reach(cities: Sequence[CityCoverage]) -> int:
    """Sum the populations of the target cities given (see :data:`POPULATION_METHOD`)."""
    return sum(c.population for c in cities if c.target)


def _share(share: float) -> str:
    if share >= 0.995:
        return "all"
    if share < 0.01:
        return "under 1%"
    return f"{share:.0%}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _phrase_and_range(layer: RangeLayer) -> tuple[str, str]:
    """Return the layer's name (weapon, or the text's phrase) and its range label."""
    spec = layer.spec
    label = " ".join(spec.label.split()) or spec.default_label()
    phrase = ""
    if " → " in label:
        phrase, label = label.split(" → ", 1)
    if spec.weapon:
        return spec.weapon, label
    if phrase:
        return f"“{phrase}”", label
    return "Range", label


def _source(detail: str) -> str:
    for marker in ("Sources: ", "Source: "):
        if marker in detail:
            return detail.rsplit(marker, 1)[1].strip()
    return ""


def _reading(detail: str) -> str:
    """Return the kind of reading of a claim's detail (``"vague, nominal 500 km"``), if any."""
    text = detail.strip()
    if text.startswith("read as ") and text.endswith(")") and " (" in text:
        return text.rsplit(" (", 1)[1][:-1]
    return ""


def layer_line(layer: RangeLayer) -> str:
    """Describe one layer in one line: what, how far, drawn how and from where, and its source.

    Parameters
    ----------
    layer : RangeLayer
        A layer of a scene.

    Returns
    -------
    str
        ``"ATACMS M39A1 (Block IA) · 300 km — reach from Ukraine–Russia border,
        Ukrainian-held stretch; source: CSIS ..."``; a range read from text names its
        phrase once (``"“several hundred kilometers” · 300–900 km — band from Sumy;
        read as vague, nominal 500 km"``); a comparison layer says so.
    """
    spec = layer.spec
    name, label = _phrase_and_range(layer)
    what = label if name == "Range" else f"{name} · {label}"
    line = f"{what} — {layer.kind} from {layer.launch.name}"
    comparison = spec.comparison
    if comparison:
        line += f"; for comparison only ({comparison}), off by default on the interactive map"
    source = _source(spec.detail)
    reading = _reading(spec.detail)
    if source:
        line += f"; source: {source}"
    elif reading:
        line += f"; read as {reading}"
    elif spec.detail and not spec.detail.startswith("read as "):
        line += f"; {' '.join(spec.detail.split())}"
    return line


def _main_regions(
    regions: Sequence[RegionCoverage], highlighted: Sequence[str]
) -> list[RegionCoverage]:
    """Highlighted regions first (in their order), then by share (to the percent), then area."""
    rank = {code: k for k, code in enumerate(highlighted)}
    return sorted(
        regions,
        key=lambda r: (
            rank.get(r.iso_3166_2, len(rank)),
            -round(r.share, 2),
            -r.reachable_km2,
            r.iso_3166_2,
        ),
    )


def layer_finding(reach: LayerReach, held: str, highlighted: Sequence[str] = ()) -> Finding:
    """Say what one layer reaches: airbases, cities and people, and its main regions.

    Parameters
    ----------
    reach : LayerReach
        What the layer reaches (:func:`layer_reaches`).
    held : str
        Whose places are targets (``"Russian-held"``; :func:`side_adjective`),
        or ``""``.
    highlighted : sequence of str, optional
        ISO 3166-2 codes of the map's highlighted regions, named first.

    Returns
    -------
    Finding
        ``"ATACMS M39A1 (Block IA) · 300 km"``: ``"reaches 3 Russian-held airbases,
        32 cities (2.7 million people) and all of Kursk Oblast, 95% of Belgorod
        Oblast, ..."``.
    """
    layer = reach.layer
    name, label = _phrase_and_range(layer)
    heading = label if name == "Range" else f"{name} · {label}"
    lead = "reaches"
    if layer.spec.is_band:
        lead = f"at its far end, {format_km(reach.range_km)}, reaches"
    comparison = layer.spec.comparison
    if comparison:
        heading = f"For comparison ({comparison}): {heading}"
        lead = lead.replace("reaches", "would reach")
    who = f"{held} " if held else ""
    airbases = sum(1 for s in reach.sites if s.kind == "airbase")
    others = len(reach.sites) - airbases
    parts = [_plural(airbases, f"{who}airbase")]
    if others:
        parts.append(_plural(others, "other site"))
    people = people_in_reach(reach.cities)
    cities = _plural(len(reach.cities), "city", "cities")
    parts.append(f"{cities} ({format_people(people)} people)" if reach.cities else cities)
    regions = _main_regions(reach.regions, highlighted)
    if regions:
        shown = [f"{_share(r.share)} of {r.display_name}" for r in regions[:_MAX_REGIONS]]
        if len(regions) > _MAX_REGIONS:
            shown.append(f"parts of {_plural(len(regions) - _MAX_REGIONS, 'more region')}")
        parts.append(_and(shown))
    else:
        parts.append(f"no {who}region")
    text = f"{lead} {_and(parts)}."
    if not reach.exact:
        text += " (Its regions are the outermost range's: they were not computed for this range.)"
    return Finding("layer", heading, text)


def _site_item(s: SiteCoverage) -> str:
    what = ", ".join(x for x in (s.kind if s.kind != "airbase" else "", s.role or "") if x)
    return f"{s.display_name}: {what + ', ' if what else ''}{s.distance_km:,.0f} km"


def findings(
    scene: Scene, coverage: Coverage, reaches: Sequence[LayerReach] | None = None
) -> tuple[Finding, ...]:
    """Return the findings of a map, in the order a report shows them.

    Parameters
    ----------
    scene : Scene
        The map's scene.
    coverage : Coverage
        What lies within the outermost range, cities included.
    reaches : sequence of LayerReach, optional
        What each layer reaches (:func:`layer_reaches`); by default every
        layer is counted from ``coverage`` alone (its regions are then the
        outermost range's, and the finding says so).

    Returns
    -------
    tuple of Finding
        One per layer (reach layers, farthest last; then comparison layers),
        then the airbases, the cities and the people within the outermost
        range, then third countries within it, if any.
    """
    if reaches is None:
        reaches = coverage_reaches(scene, coverage)
    held = side_adjective(coverage.target_sides) if coverage.launch_side else ""
    who = f"{held} " if held else ""
    highlighted = [p.code for p in scene.highlights if p.kind == "region" and p.code]
    comparison = [r for r in reaches if r.layer.spec.comparison]
    drawn = [r for r in reaches if r not in comparison] or list(reaches)
    comparison = [r for r in comparison if r not in drawn]
    ordered = sorted(drawn, key=lambda r: r.range_km) + comparison
    out = _layer_findings(ordered, held, highlighted)
    outer = max(drawn, key=lambda r: r.range_km)
    within = f"within {format_km(outer.range_km)}"
    out += _site_findings(outer.sites, who, within)
    out += _city_findings(outer.cities, who, within)
    out += _third_findings(coverage, within)
    return tuple(out)


def _layer_findings(
    reaches: Sequence[LayerReach], held: str, highlighted: Sequence[str]
) -> list[Finding]:
    """Return one finding per layer, in the order given, each said once."""
    out: list[Finding] = []
    seen: set[str] = set()
    for reach in reaches:
        finding = layer_finding(reach, held, highlighted)
        if finding.heading + finding.text not in seen:
            seen.add(finding.heading + finding.text)
            out.append(finding)
    return out


def _site_findings(sites: Sequence[SiteCoverage], who: str, within: str) -> list[Finding]:
    """Name the airbases in reach (or say there is none), then the other sites, if any."""
    out: list[Finding] = []
    airbases = [s for s in sites if s.kind == "airbase"]
    if airbases:
        items = [_site_item(s) for s in airbases[:_MAX_SITES]]
        if len(airbases) > _MAX_SITES:
            items.append(f"and {len(airbases) - _MAX_SITES} more (see the sites table)")
        text = "; ".join(items) + "."
    else:
        text = f"No {who}airbase lies {within}."
    out.append(Finding("airbases", f"{who}airbases {within}".capitalize(), text))
    other_sites = [s for s in sites if s.kind != "airbase"]
    if other_sites:
        items = [_site_item(s) for s in other_sites[:_MAX_SITES]]
        if len(other_sites) > _MAX_SITES:
            items.append(f"and {len(other_sites) - _MAX_SITES} more (see the sites table)")
        out.append(Finding("sites", f"Other {who}sites {within}", "; ".join(items) + "."))
    return out


def _city_findings(cities: Sequence[CityCoverage], who: str, within: str) -> list[Finding]:
    """Name the cities in reach, most populous first, then count the people in them."""
    if cities:
        items = [f"{c.name} ({c.population:,})" for c in cities[:_MAX_CITIES]]
        if len(cities) > _MAX_CITIES:
            items.append(f"and {len(cities) - _MAX_CITIES} more")
        text = f"{_plural(len(cities), 'city', 'cities')}, most populous first: {', '.join(items)}."
    else:
        text = f"No {who}city of 15,000 people or more lies {within}."
    people = people_in_reach(cities)
    return [
        Finding("cities", f"{who}cities {within}".capitalize(), text),
        Finding(
            "people",
            "People within reach",
            f"About {format_people(people)} people live in the "
            f"{_plural(len(cities), f'{who}city', f'{who}cities')} {within}. "
            f"Method: {POPULATION_METHOD}",
        ),
    ]


def _third_findings(coverage: Coverage, within: str) -> list[Finding]:
    """Name the third countries' regions within reach (not targets), if any."""
    third = coverage.third_countries
    if coverage.all_sides or third.is_empty():
        return []
    regions = sorted(third.regions, key=lambda r: (-r.reachable_km2, r.iso_3166_2))
    names = [f"{_share(r.share)} of {r.display_name}" for r in regions[:_MAX_REGIONS]]
    if len(regions) > _MAX_REGIONS:
        names.append(_plural(len(regions) - _MAX_REGIONS, "more region"))
    if not names:
        return []
    text = f"Also {within}: {_and(names)}. Neither side's; not counted above."
    return [Finding("third", "Third countries (not targets)", text)]
