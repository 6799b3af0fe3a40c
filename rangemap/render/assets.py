"""What an HTML map loads: Leaflet, inlined or from a CDN, and its basemap tiles.

**Self-contained by default.** A page carries Leaflet's script and stylesheet
inline, taken from the PyPI package ``xstatic-leaflet`` (Leaflet 1.9.3, the
version folium 0.20 links), with the images the stylesheet refers to (the
layer-control icon, the marker icons) as ``data:`` URIs. Such a page makes no
request except for basemap tiles, and draws its vector layers with no network
at all. ``cdn=True`` links the CDN copies folium names instead (a smaller
page that needs the network to draw); ``assets_dir`` inlines a folder of the
user's own (``leaflet.js``, ``leaflet.css`` and its ``images/``, as in
Leaflet's ``dist/``) instead of the packaged copy. Nothing is downloaded.

If the page's scripts cannot run, it says so in plain text: a ``<noscript>``
message with JavaScript off, and a message shown when Leaflet failed to load
or to draw (hidden while the scripts run, shown again at ``load`` unless the
map's last script has marked the map drawn).

**Basemap.** :func:`resolve_tiles` turns a ``--tiles`` value into tile
layers: ``"light"`` (the default), an ``xyzservices`` provider name such as
``"OpenStreetMap.Mapnik"`` (``"osm"`` is an alias), a URL template
``https://host/{z}/{x}/{y}.png``, an :class:`xyzservices.TileProvider`, or
``"none"``/``None`` for none. The default is Esri's World Light Gray Canvas
with its reference (labels) layer: a light, quiet background whose place
names are in English, so in Latin script everywhere, with Esri's attribution.
Basemaps drawn from OpenStreetMap names (OpenStreetMap.Mapnik, and CARTO
Positron) label places in their local script (Cyrillic across Ukraine and
Russia), which most readers of an English report cannot read, and the
CARTO basemaps need an API key in current ``xyzservices``.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from rangemap._names import fold_alnum, suggest
from rangemap.errors import InputError, UnknownNameError

__all__ = [
    "DEFAULT_TILES",
    "DRAWN_JS",
    "FALLBACK_HTML",
    "HEAD_HTML",
    "TileLayerSpec",
    "leaflet_css",
    "leaflet_js",
    "resolve_tiles",
]

#: The ``--tiles`` value used when none is given.
DEFAULT_TILES = "light"

#: ``--tiles`` aliases -> xyzservices provider names.
_ALIASES = {"osm": "OpenStreetMap.Mapnik", "light": "Esri.WorldGrayCanvas"}

#: The labels layer Esri designed to lie over its World Light Gray Canvas.
_LIGHT_LABELS_VARIANT = "Canvas/World_Light_Gray_Reference"

_CSS_URL = re.compile(r"url\((['\"]?)(?!data:|https?:|#)([^)'\"]+)\1\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


@dataclass(frozen=True)
class TileLayerSpec:
    """One tile layer of a page.

    Attributes
    ----------
    url : str
        Leaflet URL template (``{z}``, ``{x}``, ``{y}``; ``{s}`` with ``subdomains``).
    attribution : str
        Attribution as HTML (from xyzservices, or built and escaped here).
    name : str
        Label in the layer control (plain text).
    max_zoom : int
        Highest zoom the source serves.
    subdomains : str
        Letters for ``{s}``, or ``""``.
    overlay : bool
        A labels layer drawn above the vector layers (a pane of its own).
    """

    url: str
    attribution: str
    name: str
    max_zoom: int = 18
    subdomains: str = ""
    overlay: bool = False


@cache
def _providers() -> dict[str, object]:
    import xyzservices.providers as xyz

    return dict(xyz.flatten())


@cache
def _folded() -> dict[str, object]:
    return {fold_alnum(key): value for key, value in _providers().items()}


def _lookup(name: str) -> object | None:
    """Return the xyzservices provider ``name`` names (case and punctuation aside), or None."""
    import xyzservices.providers as xyz
    from xyzservices import TileProvider

    node: object = xyz
    for part in name.split("."):  # the exact name, without flattening the whole tree
        node = node.get(part) if isinstance(node, dict) else None
    found: object | None = node if isinstance(node, TileProvider) else None
    if found is None:
        found = _folded().get(fold_alnum(name))
    return found


def _from_provider(provider: object, name: str) -> TileLayerSpec:
    from xyzservices import TileProvider

    assert isinstance(provider, TileProvider)
    if provider.requires_token():
        raise InputError(
            f"--tiles {name}: this provider needs an API key; give its URL template with "
            "your key instead (https://.../{z}/{x}/{y}.png?key=...)"
        )
    subdomains = provider.get("subdomains", "")
    return TileLayerSpec(
        url=provider.build_url(fill_subdomain=False),
        attribution=str(provider.get("html_attribution") or provider.get("attribution", "")),
        name=f"Base map: {provider.name}",
        max_zoom=int(provider.get("max_zoom", 18)),
        subdomains=subdomains if isinstance(subdomains, str) else "".join(subdomains),
    )


def _from_template(url: str) -> TileLayerSpec:
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(
            f"--tiles {url[:80]!r}: a URL template must start with https:// or http://"
        )
    missing = [key for key in ("{z}", "{x}", "{y}") if key not in url]
    if missing:
        raise InputError(
            f"--tiles {url[:80]!r}: a URL template needs {{z}}, {{x}} and {{y}} "
            f"(missing {', '.join(missing)})"
        )
    from rangemap.render.safe import escape_html

    host = escape_html(parts.hostname or parts.netloc)
    return TileLayerSpec(
        url=url,
        attribution=f"Tiles: {host}",
        name=f"Base map: {host}",
        subdomains="abc" if "{s}" in url else "",
    )


def resolve_tiles(tiles: object) -> tuple[TileLayerSpec, ...]:
    """Return the tile layers a ``--tiles`` value names.

    Parameters
    ----------
    tiles : str, xyzservices.TileProvider or None
        ``"light"`` (Esri World Light Gray Canvas with its English labels),
        ``"osm"``, any xyzservices provider name (``"OpenStreetMap.Mapnik"``,
        case and punctuation aside), an ``http(s)`` URL template holding
        ``{z}``, ``{x}`` and ``{y}`` (attributed "Tiles: <host>"), a
        :class:`xyzservices.TileProvider` (with your own attribution), or
        ``"none"``/``None`` for no tiles.

    Returns
    -------
    tuple of TileLayerSpec
        The layers, bottom first; empty for none.

    Raises
    ------
    UnknownNameError
        For a name that is no provider (with close names).
    InputError
        For a bad URL template or a provider that needs an API key.

    Examples
    --------
    >>> [layer.name for layer in resolve_tiles("light")]
    ['Base map: Esri.WorldGrayCanvas', 'Place labels (Esri, English)']
    >>> resolve_tiles("none")
    ()
    >>> resolve_tiles("https://tiles.example.org/{z}/{x}/{y}.png")[0].attribution
    'Tiles: tiles.example.org'
    """
    from xyzservices import TileProvider

    if tiles is None:
        return ()
    if isinstance(tiles, TileProvider):
        return (_from_provider(tiles, tiles.name),)
    if not isinstance(tiles, str):
        raise InputError(
            f"tiles must be a name, a URL template or None, not {type(tiles).__name__}"
        )
    return _named_tiles(tiles.strip())


@lru_cache(maxsize=32)
def _named_tiles(text: str) -> tuple[TileLayerSpec, ...]:
    """Resolve a ``--tiles`` text once: a page checks its basemap, then draws it."""
    from xyzservices import TileProvider

    if text.lower() == "none":
        return ()
    if "://" in text or "{z}" in text:
        return (_from_template(text),)
    name = _ALIASES.get(text.lower(), text)
    provider = _lookup(name)
    if provider is None:
        names = [*_ALIASES, *_providers()]
        by_fold = {fold_alnum(n): n for n in reversed(names)}
        raise UnknownNameError(
            f"--tiles {text[:40]!r}: unknown basemap (light, osm, none, an xyzservices "
            "name, or a URL template)",
            suggest(fold_alnum(text), by_fold, n=2, cutoff=0.5),
        )
    base = _from_provider(provider, name)
    if text.lower() != "light":
        return (base,)
    assert isinstance(provider, TileProvider)
    labels = TileProvider(
        {**provider, "variant": _LIGHT_LABELS_VARIANT, "name": "Esri.WorldGrayReference"}
    )
    return (
        base,
        TileLayerSpec(
            url=labels.build_url(fill_subdomain=False),
            attribution=base.attribution,
            name="Place labels (Esri, English)",
            max_zoom=base.max_zoom,
            overlay=True,
        ),
    )


def _leaflet_dir(assets_dir: str | os.PathLike[str] | None) -> Path:
    if assets_dir is not None:
        folder = Path(assets_dir)
        if not folder.is_dir():
            raise InputError(f"--assets {str(folder)!r} is not a folder")
        for name in ("leaflet.js", "leaflet.css"):
            if not (folder / name).is_file():
                raise InputError(f"--assets folder {str(folder)!r} has no {name}")
        return folder
    return Path(str(resources.files("xstatic.pkg.leaflet").joinpath("data")))


def leaflet_js(assets_dir: str | os.PathLike[str] | None = None) -> str:
    """Return Leaflet's script as an inline ``<script>`` element.

    Parameters
    ----------
    assets_dir : str or path-like, optional
        A folder holding ``leaflet.js``; by default the ``xstatic-leaflet`` package's.
    """
    code = (_leaflet_dir(assets_dir) / "leaflet.js").read_text(encoding="utf-8")
    code = _SOURCE_MAP.sub("\n", code)  # no source map to look for beside the page
    return "<script>" + code.replace("</script", "<\\/script") + "</script>"


def leaflet_css(assets_dir: str | os.PathLike[str] | None = None) -> str:
    """Return Leaflet's stylesheet as an inline ``<style>``, its images as ``data:`` URIs.

    Parameters
    ----------
    assets_dir : str or path-like, optional
        A folder holding ``leaflet.css`` and its ``images/``; by default the
        ``xstatic-leaflet`` package's. An image the folder lacks is left as
        its relative URL (it only decorates a control).
    """
    folder = _leaflet_dir(assets_dir)
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        relative = match.group(2)
        mime = _MIME.get(Path(relative).suffix.lower())
        path = (folder / relative).resolve()
        if mime is None or not path.is_relative_to(folder.resolve()) or not path.is_file():
            return match.group(0)
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:{mime};base64,{encoded})"

    css = _CSS_URL.sub(inline, css)
    return "<style>" + css.replace("</style", "<\\/style") + "</style>"


#: In the head: marks that scripts run (hiding the failure message), and at
#: ``load`` shows the message again unless the map's last script marked the
#: map drawn. With JavaScript off, the <noscript> message alone is shown.
HEAD_HTML = (
    "<style>.rangemap-fallback{position:absolute;top:30%;left:50%;transform:translateX(-50%);"
    "z-index:2000;max-width:34em;background:#fff;border:2px solid #b00020;border-radius:4px;"
    "padding:12px 16px;font:15px/1.4 sans-serif;color:#222}"
    ".rangemap-js .rangemap-fallback-script{display:none}</style>"
    "<noscript><style>.rangemap-fallback-script{display:none}</style></noscript>"
    "<script>(function(){var c=document.documentElement.classList;c.add('rangemap-js');"
    "window.addEventListener('load',function(){"
    "if(!c.contains('rangemap-drawn')){c.remove('rangemap-js');}});})();</script>"
)

#: In the body: the messages shown when the map cannot be drawn.
FALLBACK_HTML = (
    '<noscript><div class="rangemap-fallback" role="alert">This interactive map needs '
    "JavaScript, which is turned off in this browser. Turn JavaScript on to see the map, "
    "or ask for a static image of it (rangemap writes PNG and SVG too).</div></noscript>"
    '<div class="rangemap-fallback rangemap-fallback-script" role="alert">The interactive '
    "map could not be drawn: its Leaflet script did not load or failed to run. A page "
    "written with --cdn needs the network; write it without --cdn for a self-contained "
    "page, or ask for a static image of it (PNG or SVG).</div>"
)

#: The last script of a map: runs only if every script before it ran.
DRAWN_JS = "document.documentElement.classList.add('rangemap-drawn');"
