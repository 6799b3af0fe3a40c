"""Self-contained pages in a real browser: no network at all, JavaScript off, Leaflet missing.

Pages carry Leaflet inline, so with every request refused (tiles included)
the vector layers still draw. With JavaScript off, or with a ``--cdn`` page
whose Leaflet cannot load, the page says so in plain text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import VIEWPORT
from .harness import OpenMap, is_tile, write_map

pytestmark = pytest.mark.browser

_FALLBACK_SHOWN = """() => {
    const el = document.querySelector('.rangemap-fallback-script');
    return el !== null && getComputedStyle(el).display !== 'none';
}"""


def test_default_page_draws_with_every_request_refused(
    open_map: OpenMap, default_page: Path
) -> None:
    opened = open_map(default_page, tiles=False)  # waits until the map has drawn
    page = opened.page
    page.wait_for_function("document.querySelectorAll('path.rangemap-reach').length >= 2")
    assert page.locator("path.rangemap-region, path.rangemap-share").count() > 50
    assert page.locator("path.rangemap-launch-area").count() == 1
    assert page.evaluate("window.L.version") == "1.9.3"
    assert opened.router.unexpected == [], "the page asked for more than tiles"
    assert opened.router.served == []
    assert opened.router.refused_tiles, "the default page has a basemap"
    assert all(is_tile(url) for url in opened.router.refused_tiles)
    # The only errors are the refused tiles (the browser logs each failed load).
    others = [e for e in opened.console_errors if "/MapServer/tile/" not in e]
    assert others == [], others
    assert opened.page_errors == [] and opened.dialogs == []
    assert not page.locator(".rangemap-fallback-script").is_visible()


def test_default_page_requests_only_tiles(open_map: OpenMap, default_page: Path) -> None:
    opened = open_map(default_page)
    page = opened.page
    page.wait_for_function("document.querySelectorAll('.leaflet-tile-loaded').length > 0")
    assert opened.router.served and all(is_tile(url) for url in opened.router.served)
    # Base and labels layers both requested; labels lie above the vector layers.
    assert any("World_Light_Gray_Reference" in url for url in opened.router.served)
    assert page.locator(".leaflet-rangemap-labels-pane img.leaflet-tile").count() > 0
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "Esri" in attribution
    opened.assert_clean()


def test_no_tiles_page_makes_no_request_at_all(open_map: OpenMap, tmp_path: Path) -> None:
    path = write_map(
        tmp_path / "none.html", "--from", "Sumy", "--range", "300km", "--tiles", "none"
    )
    opened = open_map(path, tiles=False)
    opened.page.wait_for_function("document.querySelectorAll('path.rangemap-ring').length === 1")
    assert opened.page.locator(".leaflet-tile").count() == 0
    assert opened.router.refused_tiles == [] and opened.router.served == []
    opened.assert_clean()


def _open_raw(browser: Any, path: Path, *, javascript: bool = True) -> tuple[Any, Any]:
    """Open ``path`` with every request but the file refused; no drawing awaited."""
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=javascript)
    url = path.resolve().as_uri()
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url == url else route.abort()
    )
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(url, wait_until="load")
    return context, page


def test_javascript_off_shows_plain_text_message(browser: Any, default_page: Path) -> None:
    context, page = _open_raw(browser, default_page, javascript=False)
    try:
        # Playwright's text selectors skip <noscript>: find the box by its class.
        message = page.locator(".rangemap-fallback").first
        message.wait_for(state="visible")
        assert "This interactive map needs JavaScript" in message.inner_text()
        box = message.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 40
        assert page.locator(".leaflet-container").count() == 0
        # Only the JavaScript message: the one about Leaflet failing stays hidden.
        assert not page.locator(".rangemap-fallback-script").is_visible()
    finally:
        context.close()


def test_cdn_page_without_network_says_leaflet_did_not_load(browser: Any, tmp_path: Path) -> None:
    path = write_map(tmp_path / "cdn.html", "--from", "Sumy", "--range", "300km", "--cdn")
    context, page = _open_raw(browser, path)
    try:
        page.wait_for_function(_FALLBACK_SHOWN)
        text = page.locator(".rangemap-fallback-script").inner_text()
        assert "could not be drawn" in text and "--cdn" in text
        assert page.locator("path").count() == 0
    finally:
        context.close()
