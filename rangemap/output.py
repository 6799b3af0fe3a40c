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
from rangemap.page import PageOptions
from rangemap.render.files import (
    FORMAT_NAMES,
    OutputTarget,
    ReportTarget,
    check_output,
    plan_report,
    write_atomic,
)

if TYPE_CHECKING:
    import geopandas as gpd

    from rangemap.catalogue import Weapon
    from rangemap.claims import RangeClaim
    from rangemap.coverage import Coverage
    from rangemap.places import Site
    from rangemap.scene import Scene

__all__ = ["RangeMap"]


class _PageOption:
    """An attribute of a map that is one of its page options (``m.tiles``, ``m.cdn``, ...).

    Reading it reads :attr:`RangeMap.page`; setting it replaces the page
    options with new ones, checked as :class:`~rangemap.page.PageOptions` checks them.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, rmap: RangeMap | None, owner: type | None = None) -> Any:
        return self if rmap is None else getattr(rmap.page, self.name)

    def __set__(self, rmap: RangeMap, value: object) -> None:
        options: dict[str, Any] = {self.name: value}
        rmap.page = dataclasses.replace(rmap.page, **options)


class RangeMap:
    """A computed range map, ready to be written in any output format.

    Parameters
    ----------
    scene : Scene
        What the map shows.
    page : PageOptions, optional
        How its pages and images are written: the HTML page's basemap and
        Leaflet, the images' size (see :class:`~rangemap.page.PageOptions`).
        Its fields are attributes of the map too (``tiles``, ``offline``,
        ``cdn``, ``assets_dir``, ``width``, ``height``, ``dpi``); setting one
        replaces :attr:`page` with checked new options.
    claims : sequence of RangeClaim, optional
        The range claims the map was drawn from, for reports.
    weapons : sequence of Weapon, optional
        The catalogue weapons drawn (with the variants drawn), for reports.
    sites : sequence of Site, optional
        The user's sites, for coverage.
    scenario : dict, optional
        The scenario that made the map (:func:`rangemap.scenario.record`),
        recorded in every output; None when unknown. An attribute.

    Notes
    -----
    In Jupyter the object renders itself inline (``_repr_html_``), isolated in
    an iframe like :meth:`to_fragment`.
    """

    tiles = _PageOption()
    offline = _PageOption()
    cdn = _PageOption()
    assets_dir = _PageOption()
    width = _PageOption()
    height = _PageOption()
    dpi = _PageOption()

    def __init__(
        self,
        scene: Scene,
        *,
        page: PageOptions | None = None,
        claims: Sequence[RangeClaim] = (),
        weapons: Sequence[Weapon] = (),
        sites: Sequence[Site] = (),
        scenario: dict[str, Any] | None = None,
    ) -> None:
        self.scene = scene
        self.page = page if page is not None else PageOptions()
        self.claims = tuple(claims)
        self.weapons = tuple(weapons)
        self.sites = tuple(sites)
        self.scenario = scenario

    @property
    def title(self) -> str:
        """The map's title."""
        return self.scene.title

    def to_html(self) -> str:
        """Return the map as a standalone interactive HTML page."""
        from rangemap.render.html import to_html

        return to_html(self.scene, **self.page.html_options, scenario=self.scenario)

    def to_fragment(self) -> str:
        """Return an HTML snippet to paste into a host page or CMS.

        The map lives in an ``iframe`` (its page in ``srcdoc``), so any
        number of fragments can share a host page without their ids, scripts
        or styles meeting.
        """
        from rangemap.render.html import to_fragment

        return to_fragment(self.scene, **self.page.html_options, scenario=self.scenario)

    def to_geojson(self) -> str:
        """Return the map's layers as a GeoJSON FeatureCollection."""
        from rangemap.render.export import to_geojson

        return to_geojson(self.scene, scenario=self.scenario)

    def to_kml(self) -> str:
        """Return the map's layers as a KML 2.2 document."""
        from rangemap.render.kml import to_kml

        return to_kml(self.scene, scenario=self.scenario)

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

        return to_gpkg(self.scene, scenario=self.scenario)

    def to_image(
        self,
        fmt: str = "png",
        *,
        width: int | None = None,
        height: int | None = None,
        dpi: int | None = None,
    ) -> bytes:
        """Return a static image of the map, rendered with matplotlib without network.

        Parameters
        ----------
        fmt : {"png", "svg"}, optional
            Image format.
        width, height : int, optional
            Size in pixels (200 to 8,000); by default the page options'.
        dpi : int, optional
            Resolution (50 to 600), which sets the size of text and lines; by
            default the page options'.

        Returns
        -------
        bytes
            The encoded image.
        """
        return self._image(fmt, self.page.sized(width, height, dpi))

    def _image(self, fmt: str, page: PageOptions) -> bytes:
        from rangemap.render.static import render_static

        return render_static(self.scene, fmt=fmt, **page.image_options)

    def render(
        self,
        fmt: str,
        *,
        width: int | None = None,
        height: int | None = None,
        dpi: int | None = None,
    ) -> str | bytes:
        """Return the map in format ``fmt``.

        Parameters
        ----------
        fmt : {"html", "fragment", "geojson", "kml", "gpkg", "png", "svg"}
            Output format.
        width, height, dpi : int, optional
            Image size and resolution, for ``png`` and ``svg`` (as for
            :meth:`to_image`).

        Returns
        -------
        str or bytes
            Text for html, fragment, geojson, kml and svg; bytes for gpkg and png.

        Raises
        ------
        InputError
            If the format is unknown.
        """
        return self._render(fmt, self.page.sized(width, height, dpi))

    def _render(self, fmt: str, page: PageOptions) -> str | bytes:
        if fmt in ("png", "svg"):
            image = self._image(fmt, page)
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
        path: str | os.PathLike[str] | OutputTarget,
        *,
        fmt: str | None = None,
        width: int | None = None,
        height: int | None = None,
        dpi: int | None = None,
    ) -> Path:
        """Write the map to ``path`` atomically (see :mod:`rangemap.render.files`).

        The path is checked before the map is drawn, once: a target checked
        already (:func:`rangemap.render.files.check_output`, as the command
        line checks ``-o`` before any work) is written as it was checked. A
        symbolic link is followed and its target replaced; a device or FIFO
        is written through, never replaced; ``-`` is standard output.

        Parameters
        ----------
        path : str, path-like or OutputTarget
            Output file; its suffix names the format unless ``fmt`` is given
            (``.html``, ``.geojson``, ``.kml``, ``.gpkg``, ``.png``, ``.svg``),
            or ``-`` for standard output (default format ``html``). A
            GeoPackage has one layer per role (see :attr:`layers`). Or the
            checked target, written in the format it was checked with.
        fmt : str, optional
            Output format, overriding the suffix (``"fragment"`` needs it).
        width, height, dpi : int, optional
            Image size and resolution, for ``png`` and ``svg``; by default
            the page options'.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        page = self.page.sized(width, height, dpi)
        target = check_output(path, fmt)
        assert target.fmt is not None  # check_output gives every target its format
        return write_atomic(target, self._render(target.fmt, page))

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
        directory: str | os.PathLike[str] | ReportTarget,
        *,
        width: int | None = None,
        height: int | None = None,
        dpi: int | None = None,
        all_sides: bool = False,
    ) -> Path:
        """Write a report bundle (see :mod:`rangemap.render.report`) into ``directory``.

        Parameters
        ----------
        directory : str, path-like or ReportTarget
            A new or empty folder, or a previous report, which is replaced;
            or the folder as checked already
            (:func:`rangemap.render.files.plan_report`), not checked again.
        width, height, dpi : int, optional
            Size and resolution of ``map.png``; by default the page options'.
        all_sides : bool, optional
            List own-side places in the tables too (by default only the
            other side's places, the targets, are listed).

        Returns
        -------
        pathlib.Path
            The report folder.
        """
        from rangemap.render.report import write_report

        page = self.page.sized(width, height, dpi)
        folder = plan_report(directory)  # before the coverage, which takes seconds
        # One coverage, cities included, serves the tables and the map's shading.
        coverage = self.coverage(all_sides=all_sides)
        return write_report(
            dataclasses.replace(self.scene, coverage=coverage),
            folder,
            coverage=coverage,
            claims=self.claims,
            weapons=self.weapons,
            page=page,
            scenario=self.scenario,
        )

    def _repr_html_(self) -> str:
        return self.to_fragment()
