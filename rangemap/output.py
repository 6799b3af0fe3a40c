"""A computed range map, written in any format: :class:`RangeMap`.

:func:`rangemap.api.make_map` and :func:`rangemap.api.article_map` return
one. It holds the :class:`~rangemap.scene.Scene` and writes it as a page
(:meth:`RangeMap.to_html`), an HTML fragment, GeoJSON, KML, a GeoPackage
(one layer per role of :attr:`RangeMap.layers`, its features as a
GeoDataFrame), a PNG or SVG image (:meth:`RangeMap.save` picks the
format from the file's suffix), or as a report folder
(:meth:`RangeMap.save_report`) with the coverage tables.

>>> import rangemap
>>> m = rangemap.map("Sumy", "300km", coverage=False)  # doctest: +SKIP
>>> m.save("sumy.geojson")  # doctest: +SKIP
PosixPath('sumy.geojson')
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rangemap.build import scene_coverage
from rangemap.errors import InputError
from rangemap.render.files import FORMAT_NAMES, check_writable, output_format, write_atomic

if TYPE_CHECKING:
    import geopandas as gpd

    from rangemap.catalogue import Weapon
    from rangemap.claims import RangeClaim
    from rangemap.coverage import Coverage
    from rangemap.places import Site
    from rangemap.scene import Scene

__all__ = ["RangeMap"]


class RangeMap:
    """A computed range map, ready to be written in any output format.

    Parameters
    ----------
    scene : Scene
        What the map shows.
    tiles : str, xyzservices.TileProvider or None, optional
        Basemap of the HTML map: ``"light"`` (default; Esri's light grey
        canvas with English labels), ``"osm"``, an xyzservices provider name,
        a URL template ``https://.../{z}/{x}/{y}.png``, or None for none (see
        :func:`rangemap.render.assets.resolve_tiles`).
    offline : bool, optional
        Insist on self-contained HTML (the default; refused with ``cdn``).
    cdn : bool, optional
        Link Leaflet from a CDN instead of inlining it from the
        ``xstatic-leaflet`` package: a smaller page that needs the network.
        An attribute; set it before writing.
    assets_dir : str or path-like, optional
        Inline Leaflet from this folder (``leaflet.js``, ``leaflet.css``,
        ``images/``) instead of the packaged copy.
    claims : sequence of RangeClaim, optional
        The range claims the map was drawn from, for reports.
    weapons : sequence of Weapon, optional
        The catalogue weapons drawn (with the variants drawn), for reports.
    sites : sequence of Site, optional
        The user's sites, for coverage.

    Notes
    -----
    In Jupyter the object renders itself inline (``_repr_html_``), isolated in
    an iframe like :meth:`to_fragment`.
    """

    def __init__(
        self,
        scene: Scene,
        *,
        tiles: object = "light",
        offline: bool = False,
        cdn: bool = False,
        assets_dir: str | os.PathLike[str] | None = None,
        claims: Sequence[RangeClaim] = (),
        weapons: Sequence[Weapon] = (),
        sites: Sequence[Site] = (),
    ) -> None:
        self.scene = scene
        self.tiles = tiles
        self.offline = offline
        self.cdn = cdn
        self.assets_dir = assets_dir
        self.claims = tuple(claims)
        self.weapons = tuple(weapons)
        self.sites = tuple(sites)

    @property
    def title(self) -> str:
        """The map's title."""
        return self.scene.title

    def to_html(self) -> str:
        """Return the map as a standalone interactive HTML page."""
        from rangemap.render.html import to_html

        return to_html(self.scene, **self._page_options())

    def to_fragment(self) -> str:
        """Return an HTML snippet to paste into a host page or CMS.

        The map lives in an ``iframe`` (its page in ``srcdoc``), so any
        number of fragments can share a host page without their ids, scripts
        or styles meeting.
        """
        from rangemap.render.html import to_fragment

        return to_fragment(self.scene, **self._page_options())

    def _page_options(self) -> dict[str, Any]:
        """Keyword arguments of the HTML writers: basemap and how Leaflet is included."""
        return {
            "tiles": self.tiles,
            "offline": self.offline,
            "cdn": self.cdn,
            "assets_dir": self.assets_dir,
        }

    def to_geojson(self) -> str:
        """Return the map's layers as a GeoJSON FeatureCollection."""
        from rangemap.render.export import to_geojson

        return to_geojson(self.scene)

    def to_kml(self) -> str:
        """Return the map's layers as a KML 2.2 document."""
        from rangemap.render.kml import to_kml

        return to_kml(self.scene)

    @property
    def layers(self) -> gpd.GeoDataFrame:
        """The map's features as a GeoDataFrame in EPSG:4326, one row per feature drawn.

        Columns ``role`` (``launch``, ``ring``, ``reach``, ``band``, ``site``,
        ``highlight``), ``range_km``, ``label``, ``weapon``, ``variant`` and
        ``source`` first, then the other properties of the GeoJSON export,
        which it is built from (see :mod:`rangemap.render.geopackage`).
        """
        from rangemap.render.geopackage import scene_layers

        return scene_layers(self.scene)

    def to_gpkg(self) -> bytes:
        """Return the map's layers as a GeoPackage, one layer per role (see :attr:`layers`)."""
        from rangemap.render.geopackage import to_gpkg

        return to_gpkg(self.scene)

    def to_image(
        self, fmt: str = "png", *, width: int = 1600, height: int = 1000, dpi: int = 150
    ) -> bytes:
        """Return a static image of the map, rendered with matplotlib without network.

        Parameters
        ----------
        fmt : {"png", "svg"}, optional
            Image format.
        width, height : int, optional
            Size in pixels (200 to 8,000).
        dpi : int, optional
            Resolution (50 to 600); sets the size of text and lines.

        Returns
        -------
        bytes
            The encoded image.
        """
        from rangemap.render.static import render_static

        return render_static(self.scene, fmt=fmt, width_px=width, height_px=height, dpi=dpi)

    def render(
        self, fmt: str, *, width: int = 1600, height: int = 1000, dpi: int = 150
    ) -> str | bytes:
        """Return the map in format ``fmt``.

        Parameters
        ----------
        fmt : {"html", "fragment", "geojson", "kml", "gpkg", "png", "svg"}
            Output format.
        width, height, dpi : int, optional
            Image size and resolution, for ``png`` and ``svg``.

        Returns
        -------
        str or bytes
            Text for html, fragment, geojson, kml and svg; bytes for gpkg and png.

        Raises
        ------
        InputError
            If the format is unknown.
        """
        if fmt in ("png", "svg"):
            image = self.to_image(fmt, width=width, height=height, dpi=dpi)
            return image.decode("utf-8") if fmt == "svg" else image
        renderers: dict[str, Callable[[], str | bytes]] = {
            "html": self.to_html,
            "fragment": self.to_fragment,
            "geojson": self.to_geojson,
            "kml": self.to_kml,
            "gpkg": self.to_gpkg,
        }
        if fmt not in renderers:
            raise InputError(f"unknown format {fmt!r}; must be one of {', '.join(FORMAT_NAMES)}")
        return renderers[fmt]()

    def save(
        self,
        path: str | os.PathLike[str],
        *,
        fmt: str | None = None,
        width: int = 1600,
        height: int = 1000,
        dpi: int = 150,
    ) -> Path:
        """Write the map to ``path`` atomically (see :mod:`rangemap.render.files`).

        The path is checked before the map is drawn. A symbolic link is
        followed and its target replaced; a device or FIFO is written
        through, never replaced; ``-`` is standard output.

        Parameters
        ----------
        path : str or path-like
            Output file; its suffix names the format unless ``fmt`` is given
            (``.html``, ``.geojson``, ``.kml``, ``.gpkg``, ``.png``, ``.svg``),
            or ``-`` for standard output (default format ``html``). A
            GeoPackage has one layer per role (see :attr:`layers`).
        fmt : str, optional
            Output format, overriding the suffix (``"fragment"`` needs it).
        width, height, dpi : int, optional
            Image size and resolution, for ``png`` and ``svg``.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        fmt = output_format(path, fmt)
        check_writable(path, fmt)
        return write_atomic(path, self.render(fmt, width=width, height=height, dpi=dpi))

    def coverage(self, *, all_sides: bool = False) -> Coverage:
        """Return what lies within the outermost range, cities included.

        Parameters
        ----------
        all_sides : bool, optional
            List the launch side's own places (and third countries) with the
            targets. By default only the other side's places are listed.
        """
        return scene_coverage(self.scene, sites=self.sites, all_sides=all_sides)

    def save_report(
        self,
        directory: str | os.PathLike[str],
        *,
        width: int = 1600,
        height: int = 1000,
        dpi: int = 150,
        all_sides: bool = False,
    ) -> Path:
        """Write a report bundle (see :mod:`rangemap.render.report`) into ``directory``.

        Parameters
        ----------
        directory : str or path-like
            A new or empty folder, or a previous report, which is replaced.
        width, height, dpi : int, optional
            Size and resolution of ``map.png``.
        all_sides : bool, optional
            List own-side places in the tables too (by default only the
            other side's places, the targets, are listed).

        Returns
        -------
        pathlib.Path
            The report folder.
        """
        from rangemap.render.report import check_report_folder, write_report

        check_report_folder(directory)  # before the coverage, which takes seconds
        # One coverage, cities included, serves the tables and the map's shading.
        coverage = self.coverage(all_sides=all_sides)
        return write_report(
            dataclasses.replace(self.scene, coverage=coverage),
            directory,
            coverage=coverage,
            claims=self.claims,
            weapons=self.weapons,
            **self._page_options(),
            width=width,
            height=height,
            dpi=dpi,
        )

    def _repr_html_(self) -> str:
        return self.to_fragment()
