"""The report page in a real browser: findings on top, a short page, and A4 print.

The report is the default job's article (ATACMS, Kursk) from the Ukraine–Russia
border, written with the Python API, without basemap tiles (the page's own
layout is under test, not the basemap). Waits end on events: the page's load,
the map's paths inside its frame, the static image decoded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from rangemap.api import article_map
from tests.conftest import SEED_ARTICLE

from .harness import OpenMap

#: One xdist worker builds the module's pages once (see pyproject.toml).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("report_browser")]

#: Kept from the last test run, to look at (the brief asks for a screenshot in /tmp).
SCREENSHOT = Path("/tmp/rangemap-report.png")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "rep"
    rmap, _ = article_map(SEED_ARTICLE.read_text(encoding="utf-8"), coverage=False, tiles=None)
    rmap.save_report(folder, width=1600, height=1000, dpi=150)
    return folder


def _open(open_map: OpenMap, report: Path) -> Any:
    opened = open_map(report / "index.html", also=[report / "map.png"])
    frame = opened.page.locator("iframe").first
    frame.scroll_into_view_if_needed()
    inner = frame.element_handle().content_frame()
    inner.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 0")
    opened.page.evaluate("window.scrollTo(0, 0)")
    return opened


def _pages(pdf: bytes) -> int:
    """Count the page objects of a PDF (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_findings_are_on_top_and_the_page_is_short(open_map: OpenMap, report: Path) -> None:
    opened = _open(open_map, report)
    page = opened.page
    assert page.evaluate("window.innerWidth") == 1280
    findings = page.locator("#findings")
    assert findings.is_visible()
    box = findings.bounding_box()
    map_box = page.locator("#map").bounding_box()
    assert box is not None and map_box is not None
    assert box["y"] < 200 and box["y"] + box["height"] <= map_box["y"]
    text = findings.inner_text()
    assert "Russian-held airbases within 300 km" in text and "People within reach" in text
    assert "ATACMS M39A1" in text and "Kursk Oblast" in text
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4000, height
    # Long tables are folded: one click shows every row.
    folded = page.locator("details.all-rows").filter(has_text="Cities in reach (").first
    rows = folded.locator("tbody tr").first
    assert not rows.is_visible()
    folded.locator("summary").click()
    assert rows.is_visible()
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = false)")
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    opened.assert_clean()


def test_report_prints_to_a_few_a4_pages(open_map: OpenMap, report: Path) -> None:
    opened = _open(open_map, report)
    page = opened.page
    page.emulate_media(media="print")
    assert not page.locator("iframe").first.is_visible()
    static = page.locator(".static-map img")
    assert static.is_visible()
    page.wait_for_function(
        "() => { const i = document.querySelector('.static-map img');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    assert page.evaluate("document.querySelector('.static-map img').naturalWidth") == 1600
    colours = page.evaluate(
        "[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert 1 <= _pages(pdf) <= 4, _pages(pdf)
    opened.assert_clean()
