"""The HTML maps in a real browser: Debian's headless Chromium, offline.

Rings are found by the CSS classes rangemap puts on their SVG paths:
``rangemap-ring`` on ring outlines and ``rangemap-ring-area`` on ring areas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rangemap.render.style import range_colors
from tests.pixels import colour_counts, decode_png

from .harness import OpenMap, write_map

pytestmark = pytest.mark.browser

RING = "path.rangemap-ring"
RING_AREA = "path.rangemap-ring-area"
LAYERS = ".leaflet-control-layers"

# [x, y, width, height] of each ring outline as drawn, in page pixels.
_RING_BOXES = f"""() => [...document.querySelectorAll({RING!r})].map(p => {{
    const r = p.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height, (p.getAttribute("d") || "").length];
}})"""


def _ring_label(page: Any, text: str) -> Any:
    return page.locator(f"{LAYERS} label").filter(has_text=text)


def test_map_loads_offline_without_errors(open_map: OpenMap, sumy_map: Path) -> None:
    opened = open_map(sumy_map)
    page = opened.page
    assert page.locator(".leaflet-container").count() == 1
    assert page.evaluate("typeof window.L === 'object' && typeof window.L.map === 'function'")
    assert page.evaluate("window.L.version") == "1.9.3"
    # Leaflet is inline: the only requests are the default basemap's tiles
    # (Esri's light grey canvas and its labels), answered locally.
    served = opened.router.served
    assert any("World_Light_Gray_Base" in url for url in served)
    assert any("World_Light_Gray_Reference" in url for url in served)
    assert all("/MapServer/tile/" in url for url in served), served
    assert page.locator(".leaflet-tile-loaded").count() > 0
    assert not page.locator(".rangemap-fallback").first.is_visible()
    opened.assert_clean()


@pytest.mark.parametrize(
    "ranges",
    [pytest.param(None, id="sumy-2-rings"), pytest.param(["100", "200 km", "350km"], id="3-rings")],
)
def test_one_ring_drawn_per_range(
    open_map: OpenMap, sumy_map: Path, tmp_path: Path, ranges: list[str] | None
) -> None:
    if ranges is None:
        path, expected = sumy_map, 2
    else:
        args = [a for r in ranges for a in ("--range", r)]
        path = write_map(tmp_path / "rings.html", "--from", "50.45,30.52", *args)
        expected = len(ranges)
    opened = open_map(path)
    page = opened.page
    assert page.locator(RING).count() == expected
    assert page.locator(RING_AREA).count() == expected
    boxes = page.evaluate(_RING_BOXES)
    for x, y, width, height, d_length in boxes:
        assert d_length > 100, "ring outline path has no geometry"
        assert width > 20 and height > 20, f"ring drawn as a speck: {width}x{height}"
        assert 0 <= x + width / 2 <= 1280 and 0 <= y + height / 2 <= 800, "ring off screen"
    # Geodesic rings around one centre: nested, to scale, centred on the launch
    # point east-west (north-south Web Mercator stretches the northern half).
    widths = sorted(box[2] for box in boxes)
    if ranges is None:
        assert widths[1] / widths[0] == pytest.approx(300 / 165, rel=0.05)
        launch = page.locator("path.rangemap-launch").first.bounding_box()
        assert launch is not None
        launch_x = launch["x"] + launch["width"] / 2
        for x, _, width, _, _ in boxes:
            assert x + width / 2 == pytest.approx(launch_x, abs=2)
    else:
        assert widths[2] / widths[0] == pytest.approx(350 / 100, rel=0.05)
    opened.assert_clean()


def test_layer_control_toggles_a_ring(open_map: OpenMap, sumy_map: Path) -> None:
    opened = open_map(sumy_map)
    page = opened.page
    # The layer list is collapsed to a button (the legend switches the rings
    # too, see test_layout_browser): hovering opens it.
    page.hover(LAYERS)
    label = _ring_label(page, "Ring 300 km")
    assert label.count() == 1
    checkbox = label.locator("input[type=checkbox]")
    widths = sorted(box[2] for box in page.evaluate(_RING_BOXES))
    assert checkbox.is_checked()
    checkbox.click()
    assert not checkbox.is_checked()
    page.wait_for_function(f"document.querySelectorAll({RING!r}).length === 1")
    assert page.locator(RING_AREA).count() == 1
    # The 165 km ring stays: the smaller outline is the one left.
    assert [box[2] for box in page.evaluate(_RING_BOXES)] == [widths[0]]
    checkbox.click()
    assert checkbox.is_checked()
    page.wait_for_function(f"document.querySelectorAll({RING!r}).length === 2")
    assert page.locator(RING_AREA).count() == 2
    opened.assert_clean()


def test_ring_tooltip_on_hover(open_map: OpenMap, sumy_map: Path) -> None:
    opened = open_map(sumy_map)
    page = opened.page
    # A point on the stroke of the larger (300 km) outline, away from its label
    # at the northern point, that is the topmost element there.
    point = page.evaluate(
        f"""() => {{
        const paths = [...document.querySelectorAll({RING!r})];
        paths.sort((a, b) => b.getBBox().width - a.getBBox().width);
        const path = paths[0];
        const total = path.getTotalLength();
        for (const f of [0.37, 0.3, 0.45, 0.6, 0.7, 0.2]) {{
            const p = path.getPointAtLength(total * f);
            const q = new DOMPoint(p.x, p.y).matrixTransform(path.getScreenCTM());
            if (document.elementFromPoint(q.x, q.y) === path) return [q.x, q.y];
        }}
        return null;
    }}"""
    )
    assert point is not None, "no exposed point on the 300 km ring outline"
    assert page.locator(".leaflet-tooltip").count() == 0
    page.mouse.move(point[0], point[1])
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert "300 km" in text and "165 km" not in text, text
    opened.assert_clean()


def test_screenshot_is_not_blank(open_map: OpenMap, sumy_map: Path) -> None:
    opened = open_map(sumy_map)
    rgb = decode_png(opened.page.screenshot())
    assert rgb.shape[:2] == (800, 1280)
    colours, counts = colour_counts(rgb)
    assert len(counts) > 200, f"only {len(counts)} distinct colours"
    assert counts.max() < 0.9 * counts.sum(), "one colour fills the page"

    def near(target: tuple[int, int, int]) -> int:
        return int(counts[np.abs(colours - np.array(target)).sum(axis=1) < 45].sum())

    # Both ring strokes, in the colours keyed by their ranges, are on screen.
    for color in range_colors(["300 km", "165 km"]):
        stroke = (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))
        assert near(stroke) > 300, f"no {color} ring stroke in the screenshot"
    opened.assert_clean()


def test_title_is_shown(open_map: OpenMap, tmp_path: Path) -> None:
    title = "ATACMS & Storm Shadow from Sumy"
    path = write_map(
        tmp_path / "title.html", "--from", "Sumy", "--range", "300km", "--title", title
    )
    opened = open_map(path)
    page = opened.page
    assert page.locator(".rangemap-title").inner_text() == title
    assert page.title() == title
    opened.assert_clean()


def test_hostile_title_is_shown_as_text(open_map: OpenMap, tmp_path: Path) -> None:
    title = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    path = write_map(
        tmp_path / "hostile.html", "--from", "Sumy", "--range", "300km", "--title", title
    )
    opened = open_map(path)
    page = opened.page
    element = page.locator(".rangemap-title")
    assert element.inner_text() == title
    assert element.locator("img, script").count() == 0
    assert page.title() == title
    assert page.locator("img[onerror], img[src='x']").count() == 0
    page.wait_for_timeout(200)  # let any injected handler fire before checking dialogs
    assert opened.dialogs == []
    opened.assert_clean()
