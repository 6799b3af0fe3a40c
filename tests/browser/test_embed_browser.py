"""Embedding in a real browser: fragments sharing a host page, and self-contained offline pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import OpenMap, run_rangemap, write_map

pytestmark = pytest.mark.browser


def _frame_counts(opened, selector: str) -> list[int]:
    """Count ``selector`` in each iframe, scrolling each into view (they load lazily)."""
    counts = []
    for element in opened.page.query_selector_all("iframe"):
        element.scroll_into_view_if_needed()
        frame = element.content_frame()
        # The frame navigates to its srcdoc once visible; wait until its map has drawn.
        frame.wait_for_function(f"document.querySelectorAll({selector!r}).length > 0")
        frame.wait_for_load_state("load")
        counts.append(frame.evaluate(f"document.querySelectorAll({selector!r}).length"))
    return counts


def test_fragments_work_side_by_side_in_one_host_page(tmp_path: Path, open_map: OpenMap) -> None:
    one = write_map(
        tmp_path / "one.html", "--from", "Sumy", "--range", "300km", "--format", "fragment"
    )
    two = write_map(
        tmp_path / "two.html",
        "--from",
        "Kyiv",
        "--range",
        "165km",
        "--range",
        "300km",
        "--range",
        "500km",
        "--format",
        "fragment",
    )
    first, second = one.read_text(encoding="utf-8"), two.read_text(encoding="utf-8")
    host = tmp_path / "host.html"
    host.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Host</title>"
        "<style>body{width:900px;margin:auto}</style></head><body>"
        f"<h1>A report</h1>{first}<p>Between the maps.</p>{second}<p>The same map again:</p>{first}"
        "</body></html>",
        encoding="utf-8",
    )
    opened = open_map(host)
    assert _frame_counts(opened, "path.rangemap-ring") == [1, 3, 1]
    assert opened.page.evaluate("document.querySelectorAll('iframe').length") == 3
    # The host page keeps its own title and styles.
    assert opened.page.title() == "Host"
    opened.assert_clean()


def test_offline_page_draws_without_any_request(tmp_path: Path, open_map: OpenMap) -> None:
    page = write_map(
        tmp_path / "offline.html",
        "--from",
        "Sumy",
        "--range",
        "300km",
        "--range",
        "165km",
        "--offline",
    )
    text = page.read_text(encoding="utf-8")
    assert "<script src=" not in text and 'rel="stylesheet"' not in text
    opened = open_map(page, tiles=False)
    assert opened.router.served == [] and opened.router.refused_tiles == []
    assert opened.page.evaluate("typeof window.L") == "object"
    assert opened.page.locator("path.rangemap-ring").count() == 2
    opened.assert_clean()


def test_report_page_shows_map_and_image(tmp_path: Path, open_map: OpenMap) -> None:
    run_rangemap(
        tmp_path,
        "report",
        "--from",
        "Sumy",
        "--range",
        "300km",
        "--range",
        "165km",
        "--width",
        "600",
        "--height",
        "400",
        "-o",
        str(tmp_path / "rep"),
    )
    index = tmp_path / "rep" / "index.html"
    opened = open_map(index, also=[tmp_path / "rep" / "map.png"])
    assert _frame_counts(opened, "path.rangemap-ring") == [2]
    width = opened.page.evaluate("document.querySelector('img').naturalWidth")
    assert width == 600
    opened.assert_clean()


def test_band_and_reach_paths_are_drawn(tmp_path: Path, open_map: OpenMap) -> None:
    band_map = write_map(
        tmp_path / "band.html",
        "--from",
        "Sumy",
        "--range",
        "several hundred kilometers",
        "--range",
        "165km",
    )
    opened = open_map(band_map)
    assert opened.page.locator("path.rangemap-band").count() == 1
    assert opened.page.locator("path.rangemap-ring").count() == 1
    assert opened.page.locator("path.rangemap-site-in").count() >= 1
    opened.assert_clean()
    reach_map = write_map(
        tmp_path / "reach.html",
        "--from",
        "border:UA-RU",
        "--standoff",
        "30km",
        "--weapon",
        "atacms",
    )
    opened = open_map(reach_map)
    assert opened.page.locator("path.rangemap-reach").count() == 2  # 165 km and 300 km
    assert opened.page.locator("path.rangemap-launch-area").count() == 1
    assert opened.page.locator(".rangemap-summary").inner_text().startswith("Within 300 km")
    opened.assert_clean()
