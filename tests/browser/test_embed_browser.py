"""Embedding in a real browser: fragments sharing a host page, and self-contained offline pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import NODE_MODULES, OpenMap, write_map

pytestmark = pytest.mark.browser

LEAFLET_DIST = NODE_MODULES / "leaflet" / "dist"


def _frame_counts(opened, selector: str) -> list[int]:
    """Count ``selector`` in each iframe, scrolling each into view (they load lazily)."""
    counts = []
    for element in opened.page.query_selector_all("iframe"):
        element.scroll_into_view_if_needed()
        frame = element.content_frame()
        frame.wait_for_selector(".leaflet-container", state="attached", timeout=15_000)
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
    assert (LEAFLET_DIST / "leaflet.js").is_file(), "run bash scripts/install_test_assets.sh"
    page = write_map(
        tmp_path / "offline.html",
        "--from",
        "Sumy",
        "--range",
        "300km",
        "--range",
        "165km",
        "--offline",
        "--assets",
        str(LEAFLET_DIST),
    )
    text = page.read_text(encoding="utf-8")
    assert "<script src=" not in text and 'rel="stylesheet"' not in text
    opened = open_map(page)
    assert opened.router.served == [], f"an offline page made requests: {opened.router.served}"
    assert opened.page.evaluate("typeof window.L") == "object"
    assert opened.page.locator("path.rangemap-ring").count() == 2
    opened.assert_clean()
