"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, offline.

The browser is the distribution's Chromium headless shell,
``/usr/bin/chromium-headless-shell`` (``apt-get install chromium-headless-shell``,
done by ``bash scripts/install_test_assets.sh``), never a browser
Playwright downloads. Pages carry Leaflet inline; tile requests are answered
with local PNGs and any other request fails the test (see :mod:`harness`). A
missing browser or Playwright fails the tests: they never skip.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from .harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    AssetRouter,
    OpenedMap,
    OpenMap,
    run_rangemap,
    write_map,
)

VIEWPORT = {"width": 1280, "height": 800}

#: Generous: the suite must pass on a busy 2-core machine. Waits end on events.
_EVENT_TIMEOUT_MS = 90_000

#: True once every folium map in the document holds a drawn path or marker
#: and no tooltip is open (rangemap's pages have no permanent tooltips).
_MAPS_READY = """() => [...document.querySelectorAll('.folium-map')].every(
    (m) => m.querySelector('.leaflet-overlay-pane path, .leaflet-marker-pane > *') !== null)
    && document.querySelector('.leaflet-tooltip') === null"""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives the HTML maps in headless Chromium (Playwright)"
    )


def _require_tools() -> None:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(apt-get update && apt-get install -y chromium-headless-shell)",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    _require_tools()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "the Playwright Python package is missing: pip install playwright "
            "(do not run `playwright install`; the tests use /usr/bin/chromium-headless-shell)",
            pytrace=False,
        )
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_map(browser: Any) -> Iterator[OpenMap]:
    """Open an HTML file (file://) in a fresh browser context, offline."""
    contexts: list[Any] = []

    def open_(
        path: Path,
        also: Sequence[Path] = (),
        *,
        tiles: bool = True,
        viewport: dict[str, int] | None = None,
    ) -> OpenedMap:
        """Open ``path``; ``also`` are local files the page may load besides tiles.

        With ``tiles=False`` every request but the files themselves is aborted.
        ``viewport`` is the window the page loads in (default :data:`VIEWPORT`).
        """
        context = browser.new_context(viewport=viewport or VIEWPORT, service_workers="block")
        contexts.append(context)
        url = path.resolve().as_uri()
        documents = {url, *(p.resolve().as_uri() for p in also)}
        router = AssetRouter(documents=documents, tiles=tiles)
        context.route("**/*", router)
        page = context.new_page()
        opened = OpenedMap(page=page, router=router)
        page.on(
            "console",
            lambda msg: (
                opened.console_errors.append(f"{msg.text} at {msg.location}")
                if msg.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda exc: opened.page_errors.append(str(exc)))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.set_default_timeout(_EVENT_TIMEOUT_MS)
        # The headless shell's pointer starts at the page's top-left corner,
        # where it would hover (and open the tooltip of) whatever is drawn
        # there; a user's pointer is elsewhere. Move it off the page as soon as
        # the document is committed, before anything is drawn under it, and
        # once more after ``load`` in case the first move came too early.
        page.goto(url, wait_until="commit")
        page.mouse.move(-1, -1)
        page.wait_for_load_state("load")
        page.mouse.move(-1, -1)
        # Wait for an event, not for network idle: every Leaflet map on the page
        # has drawn something (folium's script runs before ``load`` fires), and
        # no tooltip is open (Leaflet fades out one that hover opened over 200 ms).
        page.wait_for_function(_MAPS_READY)
        return opened

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def sumy_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's example map: 300 km and 165 km rings from Sumy, Kursk highlighted."""
    out = tmp_path_factory.mktemp("sumy") / "sumy.html"
    return write_map(
        out, "--from", "Sumy", "--range", "300km", "--range", "165km", "--highlight", "Kursk"
    )


@pytest.fixture(scope="session")
def default_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default job's page: ``rangemap`` with no arguments, in an empty folder (read only)."""
    folder = tmp_path_factory.mktemp("default-job")
    run_rangemap(folder)
    page = folder / "output" / "rangemap.html"
    assert page.is_file()
    return page
