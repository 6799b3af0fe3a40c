"""Offline harness of the browser tests: local assets, map writing, PNG decoding.

folium's HTML asks public CDNs for Leaflet, jQuery, Bootstrap, Font Awesome,
Leaflet.awesome-markers and a small rotation stylesheet, and OpenStreetMap for
tiles. The browser tests have no network, so :class:`AssetRouter` answers each
request from a local copy installed from the npm registry
(``tests/browser/package.json``, installed by ``scripts/install_test_assets.sh``)
and records every request it has no answer for; the tests fail on those.

A URL is answered only if it starts with one of :data:`URL_PREFIXES` and the rest
of it names a file that exists under that prefix's local folder, or equals one
of :data:`URL_FILES`, or is an OpenStreetMap tile (a generated blank PNG). When
folium moves to new CDN versions the tests fail listing the new URLs: pin the
matching versions in package.json and update the tables here.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

BROWSER_TESTS = Path(__file__).resolve().parent
NODE_MODULES = BROWSER_TESTS / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
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

_JSDELIVR = "https://cdn.jsdelivr.net/npm/"
_AWESOME_MARKERS = "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
_GLYPHICONS = "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/"

#: URL prefix -> local folder; the rest of the URL is a path inside the folder.
URL_PREFIXES: dict[str, Path] = {
    _JSDELIVR + "leaflet@1.9.3/": NODE_MODULES / "leaflet",
    _JSDELIVR + "bootstrap@5.2.2/": NODE_MODULES / "bootstrap",
    _JSDELIVR + "@fortawesome/fontawesome-free@6.2.0/": NODE_MODULES
    / "@fortawesome/fontawesome-free",
    # cdnjs keeps the plugin's css, js and images/ side by side; the npm package
    # drmonty-leaflet-awesome-markers@2.0.2 (the same release) splits them.
    _AWESOME_MARKERS + "images/": NODE_MODULES / "drmonty-leaflet-awesome-markers/css/images",
    # Glyphicons' font files, referenced as ../fonts/ from the stylesheet below.
    _GLYPHICONS + "fonts/": NODE_MODULES / "@neos21/bootstrap3-glyphicons/dist/fonts",
}

#: Exact URL -> local file.
URL_FILES: dict[str, Path] = {
    "https://code.jquery.com/jquery-3.7.1.min.js": NODE_MODULES / "jquery/dist/jquery.min.js",
    _AWESOME_MARKERS + "leaflet.awesome-markers.js": NODE_MODULES
    / "drmonty-leaflet-awesome-markers/js/leaflet.awesome-markers.js",
    _AWESOME_MARKERS + "leaflet.awesome-markers.css": NODE_MODULES
    / "drmonty-leaflet-awesome-markers/css/leaflet.awesome-markers.css",
    # Bootstrap 3.0.0 is not on npm; the glyphicons-only stylesheet extracted
    # from Bootstrap 3 (@neos21/bootstrap3-glyphicons) defines the same classes.
    _GLYPHICONS + "css/bootstrap-glyphicons.css": NODE_MODULES
    / "@neos21/bootstrap3-glyphicons/dist/css/bootstrap3-glyphicons.css",
}

#: Exact URL -> (content type, body) for the one asset no registry carries.
URL_STAND_INS: dict[str, tuple[str, bytes]] = {
    # folium's rotation helper for awesome-markers lives only in folium's GitHub
    # repository (served through jsdelivr's GitHub mirror), neither on npm nor in
    # folium's wheel. rangemap draws no rotated awesome-markers, so an empty
    # stylesheet stands in for it.
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
    "leaflet.awesome.rotate.min.css": (
        "text/css",
        b"/* offline stand-in for folium's leaflet.awesome.rotate.min.css */\n",
    ),
}

#: OpenStreetMap tiles, with or without the old a/b/c subdomains.
TILE_URL = re.compile(r"^https://([abc]\.)?tile\.openstreetmap\.org/\d+/\d+/\d+\.png$")

#: Local files that must exist before a browser test can run.
REQUIRED_FILES: tuple[Path, ...] = (
    *URL_FILES.values(),
    NODE_MODULES / "leaflet/dist/leaflet.js",
    NODE_MODULES / "leaflet/dist/leaflet.css",
    NODE_MODULES / "bootstrap/dist/js/bootstrap.bundle.min.js",
    NODE_MODULES / "bootstrap/dist/css/bootstrap.min.css",
    NODE_MODULES / "@fortawesome/fontawesome-free/css/all.min.css",
)

_CONTENT_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".eot": "application/vnd.ms-fontobject",
}


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def make_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """Encode a PNG image of one colour (8-bit RGB)."""
    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + _png_chunk(b"IDAT", zlib.compress(row * height))
        + _png_chunk(b"IEND", b"")
    )


#: The tile every OpenStreetMap request gets: plain pale blue-grey.
BLANK_TILE = make_png(256, 256, (221, 230, 236))


def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG into RGB pixels.

    Returns width, height and the pixels row by row as (r, g, b) tuples.
    """
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat = 8, bytearray()
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            if depth != 8 or color not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG: depth {depth}, colour type {color}")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        elif kind == b"IEND":
            break
    raw = zlib.decompress(bytes(idat))
    stride = width * channels
    prev = bytearray(stride)
    pixels: list[tuple[int, ...]] = []
    for y in range(height):
        start = y * (stride + 1)
        filt, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = prev[i]
            if filt == 1:
                line[i] = (line[i] + left) & 0xFF
            elif filt == 2:
                line[i] = (line[i] + up) & 0xFF
            elif filt == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif filt == 4:
                up_left = prev[i - channels] if i >= channels else 0
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                line[i] = (line[i] + pred) & 0xFF
        pixels.extend(tuple(line[x : x + 3]) for x in range(0, stride, channels))
        prev = line
    return width, height, pixels


def local_file(url: str) -> Path | None:
    """The local file that answers ``url``, or None if there is none."""
    url = url.split("#", 1)[0].split("?", 1)[0]
    if url in URL_FILES:
        return URL_FILES[url]
    for prefix, folder in URL_PREFIXES.items():
        if url.startswith(prefix):
            candidate = (folder / url[len(prefix) :]).resolve()
            if candidate.is_relative_to(folder.resolve()) and candidate.is_file():
                return candidate
    return None


@dataclass
class AssetRouter:
    """A Playwright route handler that serves the CDN assets from local copies.

    ``documents`` are the URLs of the pages under test (file:// URLs, loaded
    as they are). ``served`` lists the URLs answered and ``unexpected`` those
    refused (the request is aborted, and the test should fail).
    """

    documents: set[str] = field(default_factory=set)
    served: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def __call__(self, route: Any) -> None:
        """Answer one intercepted request."""
        url: str = route.request.url
        headers = {"Access-Control-Allow-Origin": "*"}
        bare = url.split("#", 1)[0].split("?", 1)[0]
        if bare in self.documents:
            route.continue_()
            return
        if TILE_URL.match(bare):
            self.served.append(url)
            route.fulfill(status=200, content_type="image/png", body=BLANK_TILE, headers=headers)
            return
        if bare in URL_STAND_INS:
            content_type, body = URL_STAND_INS[bare]
            self.served.append(url)
            route.fulfill(status=200, content_type=content_type, body=body, headers=headers)
            return
        path = local_file(url)
        if path is None:
            self.unexpected.append(url)
            route.abort("blockedbyclient")
            return
        self.served.append(url)
        route.fulfill(
            status=200,
            content_type=_CONTENT_TYPES.get(path.suffix, "application/octet-stream"),
            body=path.read_bytes(),
            headers=headers,
        )


def write_map(out: Path, *args: str) -> Path:
    """Write a map with the installed ``rangemap`` console script; return its path."""
    exe = Path(sys.executable).parent / "rangemap"
    if not exe.exists():
        pytest.fail(f"console script {exe} is missing: pip install -e '.[test]'", pytrace=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    proc = subprocess.run(
        [str(exe), "map", *args, "-o", str(out)],
        cwd=out.parent,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
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
            "the page requested URLs with no local copy (add them to tests/browser/"
            f"package.json and harness.py): {self.router.unexpected}"
        )
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.page_errors == [], f"uncaught page errors: {self.page_errors}"
        assert self.dialogs == [], f"the page opened dialogs: {self.dialogs}"


OpenMap = Callable[..., OpenedMap]
