"""Labels, titles and colours a reader sees, in every format (issue 12, items 4-6).

In process: label texts (short, the user's unit kept, open bounds, one label
for equal ranges), titles written for readers, bands that say what they mean,
the surely-reached shading, and one colour per weapon variant or range across
maps and formats (HTML, PNG, SVG, KML), from one colour-blind-safe palette.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from rangemap.api import make_map
from rangemap.output import RangeMap
from rangemap.render import style
from rangemap.render.kml import KML_NAMESPACE
from rangemap.render.static import render_static
from rangemap.spec import RangeSpec, parse_range, short_name
from tests.render.static.test_static import color_pixels, decode_png, svg_texts

#: One xdist worker runs this module: its tests share expensive results (see pyproject.toml).
pytestmark = pytest.mark.xdist_group("labels")

#: Okabe & Ito (2008), the colour-blind-safe palette, in lower case.
OKABE_ITO = {
    "#000000",
    "#e69f00",
    "#56b4e9",
    "#009e73",
    "#f0e442",
    "#0072b2",
    "#d55e00",
    "#cc79a7",
}


@cache
def atacms() -> RangeMap:
    """The issue's weapon map: ATACMS from the Ukrainian-held Ukraine–Russia border."""
    return make_map("border:UA-RU", (), weapons=["ATACMS"])


@cache
def sumy_band() -> RangeMap:
    return make_map("Sumy", ["several hundred kilometers"])


def _texts(rmap: RangeMap) -> list[str]:
    return [label.text for label in rmap.scene.map_labels()]


# ------------------------------------------------------------------------ labels


def test_weapon_labels_are_short_with_the_full_source_in_the_tooltip() -> None:
    labels = atacms().scene.map_labels()
    assert [label.text for label in labels] == ["ATACMS M39 · 165 km", "ATACMS M39A1 · 300 km"]
    assert "M48 / M57" in labels[1].tooltip and "Source:" in labels[1].tooltip
    assert short_name("Kh-101 (RU)") == "Kh-101 (RU)"


def test_the_users_unit_is_kept() -> None:
    assert parse_range("190 mi").label == "190 mi (306 km)"
    assert parse_range("100nmi").label == "100 nmi (185 km)"
    assert parse_range("300km").label == "300 km"
    assert _texts(make_map("Sumy", ["190 mi"], coverage=False)) == ["190 mi (306 km)"]


@pytest.mark.parametrize(
    ("claim", "label"),
    [
        ("up to 300 km", "up to 300 km"),
        ("more than 250 km", "at least 250 km"),
        ("up to 190 miles", "up to 190 mi (306 km)"),
    ],
)
def test_open_bounds_say_up_to_or_at_least(claim: str, label: str) -> None:
    assert parse_range(claim).label == label
    assert _texts(make_map("Sumy", [claim], coverage=False)) == [label]


def test_equal_ranges_share_one_label() -> None:
    specs = [
        RangeSpec(300, 300, label="300 km", weapon="ATACMS M39A1 (Block IA)"),
        RangeSpec(300, 300, label="300 km", weapon="Storm Shadow / SCALP-EG"),
        RangeSpec(165, 165, label="165 km", weapon="ATACMS M39 (Block I)"),
    ]
    labels = make_map("Sumy", specs, coverage=False).scene.map_labels()
    assert [label.text for label in labels] == [
        "ATACMS M39A1, Storm Shadow · 300 km",
        "ATACMS M39 · 165 km",
    ]
    assert labels[0].layers == (0, 1)
    assert "ATACMS M39A1 (Block IA)" in labels[0].tooltip
    assert "Storm Shadow / SCALP-EG" in labels[0].tooltip
    # A plain 300 km ring beside ATACMS M39A1 is one label too.
    both = make_map("Sumy", ["300km"], weapons=["M39A1"], coverage=False)
    assert _texts(both) == ["ATACMS M39A1 · 300 km"]


def test_a_band_labels_both_edges_and_says_what_it_means() -> None:
    rmap = sumy_band()
    assert _texts(rmap) == [
        "300 km (low reading)",
        "“several hundred kilometers” · 900 km (high reading)",
    ]
    page = rmap.to_html()
    assert "reached if the longer reading holds" in page
    assert "surely reached (within 300 km)" in page


# ------------------------------------------------------------------------ titles


def test_titles_are_written_for_readers() -> None:
    assert atacms().title == (
        "What ATACMS can reach from the Ukrainian-held Ukraine–Russia border (165 and 300 km)"
    )
    assert make_map("Sumy", ["300km"], coverage=False).title == "300 km from Sumy"
    assert sumy_band().title == "What “several hundred kilometers” (300–900 km) reaches from Sumy"
    given = make_map("Sumy", ["300km"], coverage=False, title="My own title")
    assert given.title == "My own title"


# ---------------------------------------------------------------- band shading


def test_shading_follows_the_surely_reached_range() -> None:
    scene = sumy_band().scene
    km, layer = scene.surely_reached
    assert (km, layer.spec.is_band) == (300.0, True)
    coverage = scene.coverage
    assert coverage is not None
    in_reach = [s for s in coverage.site_rows if s.in_reach]
    assert in_reach and max(s.distance_km for s in in_reach) <= 300.0
    page = html.unescape(sumy_band().to_html())
    assert "Surely within 300 km (the band's low reading)" in page
    assert "Regions shaded by their share surely within 300 km" in page


def test_band_fill_and_region_shading_never_share_a_hue() -> None:
    for share in (0.1, 0.5, 1.0):
        shade = style.share_color(share)
        assert shade[1:3] == shade[3:5] == shade[5:7], "the shading is grey, without hue"
    for color in style.PALETTE:
        assert len({color[1:3], color[3:5], color[5:7]}) > 1, f"{color} is grey"


# ------------------------------------------------------------------------ colours


def test_the_palette_is_okabe_ito() -> None:
    assert set(style.PALETTE) <= OKABE_ITO
    assert len(style.PALETTE) == 6  # without black (launches) and yellow (highlights)
    assert style.HIGHLIGHT_FILL == "#f0e442"


def _m39a1_color(rmap: RangeMap) -> str:
    scene = rmap.scene
    (index,) = [i for i, layer in enumerate(scene.layers) if "M39A1" in (layer.spec.weapon or "")]
    return scene.colors[index]


def test_a_weapon_keeps_its_colour_on_every_map() -> None:
    first = _m39a1_color(atacms())
    others = [
        make_map("Sumy", ["300km"], weapons=["M39A1"], coverage=False),
        make_map("Kharkiv", ["120 km", "several hundred kilometers"], weapons=["ATACMS"]),
        make_map("Sumy", (), weapons=["Storm Shadow", "ATACMS", "Taurus"], coverage=False),
    ]
    assert {_m39a1_color(m) for m in others} == {first}
    # The variants of one weapon differ from each other.
    assert len(set(atacms().scene.colors)) == 2
    # A plain range keeps its colour too.
    assert style.range_colors(["300 km"]) == style.range_colors(["165 km", "300 km"])[1:]


def test_a_weapon_has_its_colour_in_every_format() -> None:
    rmap = atacms()
    color = _m39a1_color(rmap)
    # HTML: the ring's stroke and its legend swatch.
    page = rmap.to_html()
    assert f'"color": "{color}"' in page
    assert f"border-color:{color}" in page
    # PNG and SVG.
    scene = rmap.scene
    assert color_pixels(decode_png(render_static(scene, width_px=900, height_px=600)), color) > 100
    svg = render_static(scene, fmt="svg").decode("utf-8")
    assert f"stroke: {color}" in svg
    # KML: LineStyle colours are aabbggrr.
    root = ET.fromstring(rmap.to_kml())
    k = f"{{{KML_NAMESPACE}}}"
    styles = {s.get("id"): s.findtext(f"{k}LineStyle/{k}color") for s in root.iter(f"{k}Style")}
    rr, gg, bb = color[1:3], color[3:5], color[5:7]
    placemark = next(
        p
        for p in root.iter(f"{k}Placemark")
        if "M39A1" in (p.findtext(f"{k}name") or "")
        or any("M39A1" in (v.text or "") for v in p.iter(f"{k}value"))
    )
    style_url = (placemark.findtext(f"{k}styleUrl") or "").lstrip("#")
    assert styles[style_url] == f"ff{bb}{gg}{rr}"


# ------------------------------------------------------------------ static names


def test_static_weapon_map_names_countries_the_region_and_airbases() -> None:
    scene = atacms().scene
    texts = svg_texts(render_static(scene, fmt="svg"))
    upper = {t.upper() for t in texts}
    assert {"RUSSIA", "UKRAINE"} <= upper
    assert "Kursk Oblast" in texts
    coverage = scene.coverage
    assert coverage is not None
    nearest = sorted(
        (s for s in coverage.site_rows if s.target and s.in_reach), key=lambda s: s.distance_km
    )
    named = [s.display_name for s in nearest if s.display_name in texts]
    assert len(named) >= 5, named
    assert nearest[0].display_name in named
    # Only the other side's sites are named.
    own = [s.display_name for s in coverage.every_row().sites if not s.target]
    assert not set(own) & set(texts)


def test_static_map_from_the_cli_names_them(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from rangemap.cli import cli

    out = str(tmp_path / "x.svg")
    result = CliRunner().invoke(
        cli, ["map", "--from", "border:UA-RU", "--weapon", "ATACMS", "-o", out]
    )
    assert result.exit_code == 0, result.output
    with open(out, "rb") as fh:
        texts = svg_texts(fh.read())
    assert "Kursk Oblast" in texts
    assert {"RUSSIA", "UKRAINE"} <= {t.upper() for t in texts}
    assert any(re.fullmatch(r"ATACMS M39A1 · 300 km", t) for t in texts)
    assert "Khalino (Kursk-Vostochny)" in texts


def test_interactive_map_names_airbases_and_cities() -> None:
    page = atacms().to_html()
    assert page.count("rangemap-site-label-icon") >= 5
    assert page.count("rangemap-city-label-icon") >= 3
    assert "Khalino (Kursk-Vostochny)" in page
