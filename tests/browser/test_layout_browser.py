"""The map's panel and labels in a real browser, at three screen sizes (issue 12, items 3-4).

The title, the legend (which switches the ranges) and the summary are one
panel, a Leaflet control in the top-right corner. At 1400×900, in a 760×560
fragment and at 400×800 (a phone): no two panels overlap, the panels cover
at most 25% (40% on the small screens) of the map, and the labels placed
overlap neither each other nor a panel. Below 800 px the panel is one button
that opens on click. Ticking a legend row off hides its ring.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .harness import LABELS_PLACED, OpenMap, write_map

#: One xdist worker builds the module's pages once (see pyproject.toml).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("layout_browser")]

SIZES = [(1400, 900), (760, 560), (400, 800)]

#: Boxes [x, y, width, height] of the panels (every Leaflet control), the map
#: and the labels shown, in the document's pixels.
_LAYOUT = """() => {
    const box = (e) => {
        const r = e.getBoundingClientRect();
        return [r.x, r.y, r.width, r.height];
    };
    const shown = (sel) => [...document.querySelectorAll(sel)]
        .filter((e) => e.getBoundingClientRect().width > 0).map(box);
    const panel = document.querySelector(".rangemap-control");
    return {
        map: box(document.querySelector(".leaflet-container")),
        panel: panel ? box(panel) : null,
        panels: shown(".leaflet-control"),
        labels: shown(".rangemap-label-placed"),
        rings: shown(".rangemap-ring-label-icon .rangemap-label-placed"),
        open: document.querySelector("#rangemap-panel").open,
    };
}"""


#: Counts the panel's toggle events in ``window.rangemapToggles``.
_COUNT_TOGGLES = """() => {
    window.rangemapToggles = 0;
    document.querySelector("#rangemap-panel")
        .addEventListener("toggle", () => { window.rangemapToggles += 1; });
}"""


def _overlap(a: list[float], b: list[float]) -> float:
    """Area shared by two boxes (0 when they only touch)."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(w, 0.0) * max(h, 0.0)


def _check_layout(layout: dict[str, Any], limit: float, ring_labels: int) -> None:
    panels, labels = layout["panels"], layout["labels"]
    for i, a in enumerate(panels):
        for b in panels[i + 1 :]:
            assert _overlap(a, b) == 0, f"panels {a} and {b} overlap"
    _, _, map_w, map_h = layout["map"]
    covered = sum(p[2] * p[3] for p in panels) / (map_w * map_h)
    assert covered <= limit, f"panels cover {covered:.0%} of the map (at most {limit:.0%})"
    assert len(layout["rings"]) == ring_labels, "a ring label is missing"
    for i, a in enumerate(labels):
        assert a[0] >= 0 and a[1] >= 0 and a[0] + a[2] <= map_w and a[1] + a[3] <= map_h
        for p in panels:
            assert _overlap(a, p) == 0, f"label {a} under panel {p}"
        for b in labels[i + 1 :]:
            assert _overlap(a, b) == 0, f"labels {a} and {b} overlap"


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    """Maps and how many ring labels each shows: ATACMS, a band, and the Sumy rings."""
    folder = tmp_path_factory.mktemp("layout")
    atacms = write_map(
        folder / "atacms.html",
        "--from",
        "border:UA-RU",
        "--weapon",
        "ATACMS",
        "--highlight",
        "Kursk",
    )
    band = write_map(
        folder / "band.html", "--from", "Sumy", "--range", "several hundred kilometers"
    )
    sumy = write_map(folder / "sumy.html", "--from", "Sumy", "--range", "300km", "--range", "165km")
    return {"atacms": (atacms, 2), "band": (band, 2), "sumy": (sumy, 2)}


def _open_at(open_map: OpenMap, path: Path, width: int, height: int) -> Any:
    # Load at the screen's width: the panel starts open or closed by it.
    opened = open_map(path, viewport={"width": width, "height": height})
    opened.page.wait_for_function(LABELS_PLACED)
    return opened


@pytest.mark.parametrize("name", ["atacms", "band"])
@pytest.mark.parametrize(("width", "height"), [SIZES[0], SIZES[2]], ids=["desktop", "phone"])
def test_panels_and_labels_leave_the_map_visible(
    open_map: OpenMap, maps: dict[str, tuple[Path, int]], name: str, width: int, height: int
) -> None:
    path, rings = maps[name]
    opened = _open_at(open_map, path, width, height)
    layout = opened.page.evaluate(_LAYOUT)
    assert layout["open"] is (width >= 800)
    _check_layout(layout, 0.25 if width >= 1400 else 0.40, rings)
    opened.assert_clean()


def test_fragment_at_760_by_560(open_map: OpenMap, maps: dict[str, tuple[Path, int]]) -> None:
    folder = maps["atacms"][0].parent
    fragment = write_map(
        folder / "fragment.html",
        "--from",
        "border:UA-RU",
        "--weapon",
        "ATACMS",
        "--highlight",
        "Kursk",
        "--format",
        "fragment",
    )
    host = folder / "host.html"
    host.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Host</title>"
        "<style>body{width:760px;margin:0}iframe{height:560px!important}</style></head>"
        f"<body>{fragment.read_text(encoding='utf-8')}</body></html>",
        encoding="utf-8",
    )
    opened = open_map(host)
    element = opened.page.query_selector("iframe")
    element.scroll_into_view_if_needed()
    frame = element.content_frame()
    frame.wait_for_function(LABELS_PLACED)
    layout = frame.evaluate(_LAYOUT)
    assert layout["map"][2:] == [760, 560]
    assert layout["open"] is False  # one button below 800 px
    _check_layout(layout, 0.40, 2)
    opened.assert_clean()


@pytest.mark.parametrize(("width", "height"), SIZES[1:], ids=["760", "400"])
def test_panel_is_one_button_below_800_px_and_opens_on_click(
    open_map: OpenMap, maps: dict[str, tuple[Path, int]], width: int, height: int
) -> None:
    opened = _open_at(open_map, maps["atacms"][0], width, height)
    page = opened.page
    layout = page.evaluate(_LAYOUT)
    assert layout["open"] is False
    _check_layout(layout, 0.40, 2)
    button = page.locator(".rangemap-panel-button")
    box = button.bounding_box()
    assert box is not None and box["height"] <= 40, box
    assert not page.locator(".rangemap-legend").is_visible()
    # The page places its labels again on the panel's "toggle" event, which the
    # browser fires after the click, as a task of its own: wait for that event
    # (a listener added now runs after the page's own one).
    page.evaluate(_COUNT_TOGGLES)
    button.click()
    page.wait_for_function("window.rangemapToggles >= 1")
    page.locator(".rangemap-legend").wait_for(state="visible")
    opened_layout = page.evaluate(_LAYOUT)
    assert opened_layout["open"] is True
    x, y, w, h = opened_layout["panel"]
    assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, "the open panel is cut off"
    # Labels move (or hide) so none sits under the open panel.
    for label in opened_layout["labels"]:
        assert _overlap(label, opened_layout["panel"]) == 0
    button.click()
    page.locator(".rangemap-legend").wait_for(state="hidden")
    opened.assert_clean()


def test_a_legend_row_switches_its_ring(
    open_map: OpenMap, maps: dict[str, tuple[Path, int]]
) -> None:
    opened = _open_at(open_map, maps["sumy"][0], 1400, 900)
    page = opened.page
    rings = "path.rangemap-ring"
    assert page.locator(rings).count() == 2
    row = page.locator(".rangemap-legend .rangemap-row").filter(has_text="300 km")
    assert row.count() == 1
    checkbox = row.locator("input[type=checkbox]")
    assert checkbox.is_checked()
    checkbox.click()
    page.wait_for_function(f"document.querySelectorAll({rings!r}).length === 1")
    assert not checkbox.is_checked()
    # Its label goes with it; the 165 km ring and label stay.
    placed = page.locator(".rangemap-ring-label-icon .rangemap-label-placed")
    assert placed.all_inner_texts() == ["165 km"]
    checkbox.click()
    page.wait_for_function(f"document.querySelectorAll({rings!r}).length === 2")
    assert sorted(placed.all_inner_texts()) == ["165 km", "300 km"]
    # The collapsed layer list follows: hovering it shows the ring ticked again.
    page.hover(".leaflet-control-layers")
    layer_box = page.locator(".leaflet-control-layers label").filter(has_text="Ring 300 km")
    assert layer_box.locator("input").is_checked()
    opened.assert_clean()
