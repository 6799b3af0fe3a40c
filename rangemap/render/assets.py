"""Self-contained HTML: the page's scripts and stylesheets inlined.

An interactive map normally loads Leaflet from a CDN when it is opened. For a
page that must draw without network (an air-gapped laptop, an archive, a
report attachment), :func:`inline_assets` replaces every ``<script src>`` and
``<link rel="stylesheet">`` that points at a URL with the file's content.

Each file is taken, in order, from

1. ``assets_dir``, a folder the user names (``--assets DIR``), by the file
   name of its URL (``leaflet.js``, ``leaflet.css``; the npm package
   ``leaflet``'s ``dist/`` folder is such a folder);
2. the download cache (``$RANGEMAP_CACHE``, else ``$XDG_CACHE_HOME/rangemap``,
   else ``~/.cache/rangemap``), keyed by the URL;
3. the URL itself, fetched once over HTTPS and stored in the cache.

If a file can be had from none of them, :class:`rangemap.errors.AssetError`
says which and how to supply it, and no page is written. Images a stylesheet
refers to (``url(images/layers.png)``) are inlined as ``data:`` URIs when the
folder or cache has them and left as they are otherwise; they decorate
controls and are not needed to draw the vector layers.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

from rangemap.errors import RangemapError

__all__ = ["AssetError", "cache_dir", "cache_path", "fetch_asset", "inline_assets"]

_SCRIPT = re.compile(r'<script src="(https?://[^"]+)"></script>')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(https?://[^"]+)"\s*/?>')
_CSS_URL = re.compile(r"url\((['\"]?)(?!data:|https?:|#)([^)'\"]+)\1\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}
_MAX_ASSET_BYTES = 20 * 1024 * 1024


class AssetError(RangemapError, OSError):
    """A script or stylesheet for a self-contained page cannot be had."""


def cache_dir() -> Path:
    """Return the folder where downloaded assets are kept.

    Returns
    -------
    pathlib.Path
        ``$RANGEMAP_CACHE``, else ``$XDG_CACHE_HOME/rangemap``, else
        ``~/.cache/rangemap``, with ``assets`` appended.
    """
    root = os.environ.get("RANGEMAP_CACHE")
    if root:
        return Path(root) / "assets"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "rangemap" / "assets"


def cache_path(url: str) -> Path:
    """Return where the download cache keeps the file of ``url``."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"{digest}-{Path(urlparse(url).path).name}"


def _download(url: str, target: Path, *, timeout_s: float) -> bytes:
    if urlparse(url).scheme != "https":
        raise AssetError(f"refusing to fetch {url} over plain HTTP; give --assets DIR")
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            data: bytes = response.read(_MAX_ASSET_BYTES + 1)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise AssetError(
            f"cannot fetch {url} for a self-contained page ({reason}); give --assets DIR "
            f"holding {Path(urlparse(url).path).name} (e.g. the 'dist' folder of the npm "
            "package 'leaflet')"
        ) from None
    if len(data) > _MAX_ASSET_BYTES:
        raise AssetError(f"{url} is larger than 20 MB; give --assets DIR")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError:
        pass  # an unwritable cache only costs a download next time
    return data


def fetch_asset(url: str, *, assets_dir: Path | None = None, timeout_s: float = 20.0) -> bytes:
    """Return the content of one asset, from the folder, the cache or the network.

    Parameters
    ----------
    url : str
        The URL the page refers to.
    assets_dir : pathlib.Path, optional
        Folder searched first, by the URL's file name.
    timeout_s : float, optional
        Network time-out in seconds.

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    AssetError
        If the folder lacks the file and it is neither cached nor downloadable.
    """
    name = Path(urlparse(url).path).name
    if assets_dir is not None:
        candidate = assets_dir / name
        if candidate.is_file():
            return candidate.read_bytes()
        raise AssetError(f"--assets folder {str(assets_dir)!r} has no {name} (needed for {url})")
    cached = cache_path(url)
    if cached.is_file():
        return cached.read_bytes()
    return _download(url, cached, timeout_s=timeout_s)


def _inline_css_urls(css: str, base_url: str, assets_dir: Path | None) -> str:
    def replace(match: re.Match[str]) -> str:
        relative = match.group(2)
        mime = _MIME.get(Path(relative).suffix.lower())
        if mime is None:
            return match.group(0)
        candidates = []
        if assets_dir is not None:
            candidates.append(assets_dir / relative)
        candidates.append(cache_path(urljoin(base_url, relative)))
        for path in candidates:
            if path.is_file():
                encoded = base64.b64encode(path.read_bytes()).decode("ascii")
                return f"url(data:{mime};base64,{encoded})"
        return match.group(0)

    return _CSS_URL.sub(replace, css)


def inline_assets(page: str, *, assets_dir: str | os.PathLike[str] | None = None) -> str:
    """Replace a page's external scripts and stylesheets with their content.

    Parameters
    ----------
    page : str
        An HTML document (as :func:`rangemap.render.html.to_html` writes it).
    assets_dir : str or path-like, optional
        Folder holding the files by name; otherwise the cache, then the network.

    Returns
    -------
    str
        The page with ``<script>`` and ``<style>`` elements in place of the links.

    Raises
    ------
    AssetError
        If an asset cannot be had.
    """
    folder = Path(assets_dir) if assets_dir is not None else None
    if folder is not None and not folder.is_dir():
        raise AssetError(f"--assets {str(folder)!r} is not a folder")

    def script(match: re.Match[str]) -> str:
        code = fetch_asset(match.group(1), assets_dir=folder).decode("utf-8")
        return "<script>" + code.replace("</script", "<\\/script") + "</script>"

    def stylesheet(match: re.Match[str]) -> str:
        css = fetch_asset(match.group(1), assets_dir=folder).decode("utf-8")
        css = _inline_css_urls(css, match.group(1), folder)
        return "<style>" + css.replace("</style", "<\\/style") + "</style>"

    return _STYLESHEET.sub(stylesheet, _SCRIPT.sub(script, page))
