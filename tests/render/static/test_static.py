"""Static PNG/SVG maps (rangemap.render.static)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache

import matplotlib
import matplotlib.image
import numpy as np
import pytest

from rangemap.api import article_map, make_map
from rangemap.errors import InputError
from rangemap.render import style
from rangemap.render.static import render_static
from rangemap.scene import Scene
from tests.conftest import REPO, SEED_ARTICLE
from tests.pixels import colour_counts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"


@cache
def rings_scene() -> Scene:
    return make_map("Sumy", ["300km", "165km"], highlight=["Kursk"]).scene


@cache
def band_scene() -> Scene:
    return make_map("Sumy", ["several hundred kilometers"]).scene


@cache
def antimeridian_scene() -> Scene:
    return make_map("65.0,179.0", ["500km"]).scene


def decode_png(data: bytes) -> np.ndarray:
    assert data.startswith(PNG_SIGNATURE)
    image = matplotlib.image.imread(io.BytesIO(data), format="png")
    return np.asarray(image[..., :3] * 255.0, dtype=float)


def color_pixels(rgb: np.ndarray, color: str, tolerance: float = 8.0) -> int:
    target = np.array(matplotlib.colors.to_rgb(color)) * 255.0
    return int((np.abs(rgb - target).max(axis=-1) <= tolerance).sum())


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(el.itertext()) for el in root.iter(f"{SVG_NS}text")]


# --------------------------------------------------------------------------- PNG


def test_png_has_requested_size_and_content() -> None:
    png = render_static(rings_scene(), width_px=1200, height_px=800, dpi=120)
    rgb = decode_png(png)
    assert rgb.shape == (800, 1200, 3)
    distinct, _ = colour_counts(rgb.round().astype(np.uint8))
    assert len(distinct) > 200, "the map looks blank"
    # Both ring outlines are drawn in their palette colours.
    for color in rings_scene().colors:  # keyed by range, as in every format
        assert color_pixels(rgb, color) > 200
    assert color_pixels(rgb, style.BORDER_COLOR, tolerance=12) > 50


@pytest.mark.parametrize(
    ("width_px", "height_px", "dpi"),
    [(200, 200, 50), (1234, 777, 97), (801, 1399, 300), (1600, 1000, 150)],
)
def test_png_size_is_exact(width_px: int, height_px: int, dpi: int) -> None:
    png = render_static(rings_scene(), width_px=width_px, height_px=height_px, dpi=dpi)
    assert decode_png(png).shape[:2] == (height_px, width_px)


def test_png_and_svg_are_reproducible() -> None:
    scene = band_scene()
    assert render_static(scene) == render_static(scene)
    assert render_static(scene, fmt="svg") == render_static(scene, fmt="svg")


# --------------------------------------------------------------------------- SVG


def test_svg_has_title_labels_legend_and_source() -> None:
    scene = rings_scene()
    svg = render_static(scene, fmt="svg")
    texts = svg_texts(svg)
    assert scene.title in texts
    assert texts.count("300 km") >= 2  # the label on the ring and the legend entry
    assert texts.count("165 km") >= 2
    for entry in (
        "Launch: Sumy",
        "Highlighted: Kursk Oblast",
        "Ukraine–Russia / Ukraine–Belarus land border",
        "Kursk Oblast",
        "Sumy",
    ):
        assert entry in texts
    assert style.CREDIT_LINE in texts
    assert any(t.startswith("Azimuthal equidistant projection centred on 50.") for t in texts)


def test_svg_band_is_hatched_and_labelled() -> None:
    scene = band_scene()
    (layer,) = scene.layers
    assert layer.kind == "band"
    svg = render_static(scene, fmt="svg")
    texts = svg_texts(svg)
    # Both edges labelled with their reading; the legend says what the band means.
    assert "300 km (low reading)" in texts
    assert any(t.endswith("900 km (high reading)") for t in texts)
    legend = " ".join(texts)
    assert "several hundred" in legend
    assert "(band)" in legend
    assert "reached if the longer reading holds" in legend
    assert b"<pattern" in svg  # the hatch


def test_hostile_title_is_literal_text() -> None:
    title = "<script>alert(1)</script> $x^2$ & _x \x07bell"
    scene = make_map("Sumy", ["300km"], title=title).scene
    svg = render_static(scene, fmt="svg")
    root = ET.fromstring(svg)  # still well-formed XML, control character dropped
    assert not list(root.iter(f"{SVG_NS}script"))
    assert not list(root.iter("script"))
    assert b"<script" not in svg
    # The dollars are shown as typed, in one text element: no mathtext glyphs.
    assert "<script>alert(1)</script> $x^2$ & _x bell" in svg_texts(svg)
    assert b"&lt;script&gt;" in svg
    png = render_static(scene)
    assert png.startswith(PNG_SIGNATURE)


def test_labels_keep_dollars_and_leading_underscores() -> None:
    from rangemap.spec import RangeSpec

    spec = RangeSpec.single(250, label="_$5$ range")
    scene = make_map("Kursk", [spec]).scene
    texts = svg_texts(render_static(scene, fmt="svg"))
    assert "_$5$ range" in texts  # the ring label
    assert " _$5$ range" in texts  # the legend entry (a leading "_" would hide it)


# --------------------------------------------------------------------- geometry


def test_ring_across_the_antimeridian() -> None:
    scene = antimeridian_scene()
    assert scene.layers[0].area.geom_type == "MultiPolygon"
    rgb = decode_png(render_static(scene, width_px=800, height_px=600, dpi=100))
    assert color_pixels(rgb, scene.colors[0]) > 200
    texts = svg_texts(render_static(scene, fmt="svg"))
    # The view is centred on the ring, not on longitude 0.
    assert "Azimuthal equidistant projection centred on 65.0°N 179.0°E" in texts
    assert "500 km" in texts


def test_ring_around_the_pole_and_a_country_launch() -> None:
    for scene in (
        make_map("80,10", ["1500km"]).scene,
        make_map("Ukraine", ["300km"], highlight=["Belgorod", "Kursk"]).scene,
    ):
        rgb = decode_png(render_static(scene, width_px=600, height_px=400, dpi=100))
        assert color_pixels(rgb, scene.colors[0]) > 100


def test_article_scene() -> None:
    rmap, _ = article_map(SEED_ARTICLE.read_text(encoding="utf-8"))
    scene = rmap.scene
    svg = render_static(scene, fmt="svg")
    texts = svg_texts(svg)
    # Taurus, refused by Germany, is a comparison layer: left out, named in the legend.
    assert not any("Taurus KEPD 350: 500 km" in t for t in texts)
    assert any("Not drawn here" in t for t in texts)
    rgb = decode_png(render_static(scene))
    assert rgb.shape == (1000, 1600, 3)
    for color in scene.without_comparison().colors:
        assert color_pixels(rgb, color) > 100


# ----------------------------------------------------------------------- options


@pytest.mark.parametrize("fmt", ["pdf", "jpg", "", None, 3])
def test_bad_format(fmt: object) -> None:
    with pytest.raises(InputError, match="must be one of png, svg"):
        render_static(rings_scene(), fmt=fmt)  # type: ignore[arg-type]


def test_format_is_case_insensitive() -> None:
    assert render_static(rings_scene(), fmt="SVG", width_px=300, height_px=200).startswith(b"<?xml")


@pytest.mark.parametrize(
    "options",
    [
        {"width_px": 199},
        {"width_px": 8001},
        {"height_px": 0},
        {"height_px": -5},
        {"width_px": 1000.5},
        {"width_px": True},
        {"height_px": "1000"},
        {"dpi": 49},
        {"dpi": 601},
        {"dpi": 150.0},
    ],
)
def test_bad_size_or_dpi(options: dict[str, object]) -> None:
    with pytest.raises(InputError) as info:
        render_static(rings_scene(), **options)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert next(iter(options)) in str(info.value)


def test_render_leaves_matplotlib_settings_alone() -> None:
    before = dict(matplotlib.rcParams)
    render_static(rings_scene(), fmt="svg", width_px=300, height_px=200)
    assert dict(matplotlib.rcParams) == before


def test_no_folium_no_pyplot_in_a_fresh_process() -> None:
    code = """
import json, sys
from rangemap.api import make_map
from rangemap.render.static import render_static
scene = make_map("Sumy", ["300km"]).scene
png = render_static(scene, width_px=300, height_px=200)
svg = render_static(scene, fmt="svg", width_px=300, height_px=200)
print(json.dumps({
    "folium": "folium" in sys.modules,
    "pyplot": "matplotlib.pyplot" in sys.modules,
    "png": png[:4] == b"\\x89PNG",
    "svg": svg.startswith(b"<?xml"),
}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "MPLBACKEND"},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"folium": False, "pyplot": False, "png": True, "svg": True}


def test_reach_from_a_border_and_from_two_cities() -> None:
    scene = make_map("border:UA-RU", ["300km"]).scene
    assert scene.layers[0].kind == "reach"
    texts = svg_texts(render_static(scene, fmt="svg"))
    assert texts.count("300 km") >= 2
    # The launch is the stretch Ukraine holds; its legend line wraps after "held".
    assert any(t.startswith("Launch: Ukraine–Russia border, Ukrainian-held") for t in texts)

    scene = make_map(["Sumy", "Kharkiv"], ["100km"]).scene
    texts = svg_texts(render_static(scene, fmt="svg"))
    assert {"Launch: Sumy", "Launch: Kharkiv", "Sumy", "Kharkiv", "100 km"} <= set(texts)


def test_launch_area_across_the_antimeridian() -> None:
    from shapely.geometry import MultiPolygon, box

    from rangemap.places import Place

    area = MultiPolygon([box(178, 64, 180, 66), box(-180, 64, -178, 66)])
    scene = make_map(Place(name="Across 180", kind="file", geom=area), ["200km"]).scene
    rgb = decode_png(render_static(scene, width_px=800, height_px=500, dpi=100))
    assert color_pixels(rgb, scene.colors[0]) > 200
    texts = svg_texts(render_static(scene, fmt="svg"))
    assert "Azimuthal equidistant projection centred on 65.0°N 180.0°" in texts
