"""Offline harness of the browser tests: local tiles and map writing.

rangemap's pages carry Leaflet inline (from the ``xstatic-leaflet`` package),
so the only requests a page makes are for basemap tiles. The browser tests
have no network: :class:`AssetRouter` answers each tile request of a known
tile host (:data:`TILE_URLS`) with a generated PNG and refuses every other
request, recording it; the tests fail on those.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.cli_run import run

BROWSER_TESTS = Path(__file__).resolve().parent
#: Debian's Chromium headless shell (package ``chromium-headless-shell``), the
#: build Playwright runs for headless Chromium.
CHROMIUM = Path("/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

_ESRI_CANVAS = "https://server.arcgisonline.com/ArcGIS/rest/services/Canvas/"

#: Tile URLs answered locally: the default basemap (Esri's light grey canvas
#: and its labels layer, ``{z}/{y}/{x}`` without a suffix) and OpenStreetMap
#: (``--tiles osm``, with or without the old a/b/c subdomains).
TILE_URLS: dict[str, re.Pattern[str]] = {
    "base": re.compile(
        "^"
        + re.escape(_ESRI_CANVAS)
        + r"World_Light_Gray_Base/MapServer/tile/\d+/\d+/\d+$"
        + r"|^https://([abc]\.)?tile\.openstreetmap\.org/\d+/\d+/\d+\.png$"
    ),
    "labels": re.compile(
        "^" + re.escape(_ESRI_CANVAS) + r"World_Light_Gray_Reference/MapServer/tile/\d+/\d+/\d+$"
    ),
}


def is_tile(url: str) -> bool:
    """Whether ``url`` is a tile request the router answers."""
    bare = url.split("#", 1)[0].split("?", 1)[0]
    return any(pattern.match(bare) for pattern in TILE_URLS.values())


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def make_png(width: int, height: int, rgb: tuple[int, ...]) -> bytes:
    """Encode a PNG image of one colour (8-bit RGB, or RGBA given four values)."""
    row = b"\x00" + bytes(rgb) * width
    colour_type = 6 if len(rgb) == 4 else 2
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))
        + _png_chunk(b"IDAT", zlib.compress(row * height))
        + _png_chunk(b"IEND", b"")
    )


#: The tile every base-layer request gets: plain pale blue-grey.
BLANK_TILE = make_png(256, 256, (221, 230, 236))

#: The tile every labels-layer request gets: fully transparent.
LABEL_TILE = make_png(256, 256, (0, 0, 0, 0))


#: True once a page has placed its labels (rangemap's script then sets the
#: ``rangemap-drawn`` class on the document): what the layout and screenshot
#: tests wait for before measuring or capturing.
LABELS_PLACED = "document.documentElement.classList.contains('rangemap-drawn')"


@dataclass
class AssetRouter:
    """A Playwright route handler that serves tiles locally and refuses anything else.

    ``documents`` are the URLs of the pages under test (file:// URLs, loaded
    as they are). ``served`` lists the tile URLs answered and ``unexpected``
    every other request (aborted; the test should fail). With ``tiles=False``
    tile requests are aborted too (recorded in ``refused_tiles``): the page
    runs with no network at all.
    """

    documents: set[str] = field(default_factory=set)
    tiles: bool = True
    served: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    refused_tiles: list[str] = field(default_factory=list)

    def __call__(self, route: Any) -> None:
        """Answer one intercepted request."""
        url: str = route.request.url
        bare = url.split("#", 1)[0].split("?", 1)[0]
        if bare in self.documents:
            route.continue_()
            return
        if not is_tile(url):
            self.unexpected.append(url)
            route.abort("blockedbyclient")
            return
        if not self.tiles:
            self.refused_tiles.append(url)
            route.abort("internetdisconnected")
            return
        self.served.append(url)
        body = LABEL_TILE if TILE_URLS["labels"].match(bare) else BLANK_TILE
        route.fulfill(
            status=200,
            content_type="image/png",
            body=body,
            headers={"Access-Control-Allow-Origin": "*"},
        )


def run_rangemap(folder: Path, *args: str) -> None:
    """Run ``rangemap ARGS`` in-process in ``folder`` (click's CliRunner); fail unless it succeeds.

    The pages are what is under test here, not the console script (whose
    start-up the end-to-end tests in ``tests/e2e`` pay): in-process, each map
    costs no interpreter start and no second load of the bundled data.
    """
    code, _, err = run(list(args), folder)
    assert code == 0, err


def write_map(out: Path, *args: str) -> Path:
    """Write a map with ``rangemap map ARGS -o OUT`` (in-process); return its path."""
    run_rangemap(out.parent, "map", *args, "-o", str(out))
    assert out.is_file()
    return out


@dataclass
class OpenedMap:
    """A map page open in the browser, with what went wrong while it ran."""

    page: Any
    router: AssetRouter
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """Fail on unserved requests, console errors, uncaught errors or dialogs."""
        assert self.router.unexpected == [], (
            f"the page requested more than tiles: {self.router.unexpected}"
        )
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.page_errors == [], f"uncaught page errors: {self.page_errors}"
        assert self.dialogs == [], f"the page opened dialogs: {self.dialogs}"


OpenMap = Callable[..., OpenedMap]
