"""The library API: build a range map and write it in any format.

>>> import rangemap
>>> m = rangemap.map("Sumy", ["300km", "165 km"], highlight=["Kursk"])  # doctest: +SKIP
>>> m.save("sumy.html")  # doctest: +SKIP

The command line (:mod:`rangemap.cli`) is a thin layer over this module.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from rangemap.errors import InputError
from rangemap.geodesy import check_range_km
from rangemap.places import Place, resolve_area, resolve_launch
from rangemap.render.files import check_writable, format_for_path, write_atomic
from rangemap.scene import RangeSpec, Scene, build_scene
from rangemap.units import parse_distance_km

__all__ = ["RangeMap", "make_map", "parse_range"]


def parse_range(text: str | float) -> RangeSpec:
    """Parse one ``--range`` value.

    Parameters
    ----------
    text : str or float
        A number of kilometres, or a number with a unit: ``300``, ``300km``,
        ``"300 km"``, ``190mi``, ``100nmi``, ``300000m``.

    Returns
    -------
    RangeSpec
        A single range.

    Raises
    ------
    InputError
        If the value is not a distance, or is not in (0, 20,000] km.
    """
    range_km = float(text) if isinstance(text, int | float) else parse_distance_km(text)
    check_range_km(range_km)
    return RangeSpec.single(range_km)


def _as_list(value: str | Place | Iterable[str | Place] | None) -> list[str | Place]:
    if value is None:
        return []
    if isinstance(value, str | Place):
        return [value]
    return list(value)


class RangeMap:
    """A computed range map, ready to be written as HTML or GeoJSON.

    Parameters
    ----------
    scene : Scene
        What the map shows.
    tiles : {"osm"} or None, optional
        Base tiles of the HTML map; None for none.
    """

    def __init__(self, scene: Scene, *, tiles: str | None = "osm") -> None:
        self.scene = scene
        self.tiles = tiles

    @property
    def title(self) -> str:
        """The map's title."""
        return self.scene.title

    def to_html(self) -> str:
        """Return the map as a standalone HTML page."""
        from rangemap.render.html import to_html

        return to_html(self.scene, tiles=self.tiles)

    def to_geojson(self) -> str:
        """Return the map's layers as a GeoJSON FeatureCollection."""
        from rangemap.render.export import to_geojson

        return to_geojson(self.scene)

    def render(self, fmt: str) -> str:
        """Return the map in format ``fmt`` (``"html"`` or ``"geojson"``)."""
        if fmt == "html":
            return self.to_html()
        if fmt == "geojson":
            return self.to_geojson()
        raise InputError(f"unknown format {fmt!r}; must be one of html, geojson")

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the map to ``path``, in the format its suffix names, atomically.

        Parameters
        ----------
        path : str or path-like
            ``.html`` or ``.geojson`` file.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        fmt = format_for_path(path)
        check_writable(path)
        return write_atomic(path, self.render(fmt))

    def _repr_html_(self) -> str:
        from rangemap.render.html import build_folium_map

        rendered: str = build_folium_map(self.scene, tiles=self.tiles)._repr_html_()
        return rendered


def make_map(
    launch: str | Place | Sequence[str | Place],
    ranges: str | float | Sequence[str | float | RangeSpec] = (),
    *,
    highlight: str | Place | Sequence[str | Place] | None = None,
    title: str | None = None,
    tiles: str | None = "osm",
) -> RangeMap:
    """Build a range map.

    Parameters
    ----------
    launch : str, Place or sequence of them
        Where the ranges are measured from: ``"LAT,LON"``, a city, a region,
        a country or ``"border:UA-RU"`` (see :func:`rangemap.places.resolve_launch`).
    ranges : str, float or sequence of them
        Ranges such as ``"300km"``, ``"190 mi"`` or ``300`` (km), or
        :class:`RangeSpec` objects.
    highlight : str, Place or sequence of them, optional
        Regions or countries to highlight (``"Kursk"`` is Kursk oblast).
    title : str, optional
        Map title; by default built from the inputs.
    tiles : {"osm"} or None, optional
        Base tiles of the HTML map.

    Returns
    -------
    RangeMap
        The computed map.

    Raises
    ------
    rangemap.errors.RangemapError
        For an unknown place, a bad range or a bad option.
    """
    if tiles is not None and tiles != "osm":
        raise InputError(f"unknown tiles {tiles!r}; must be one of osm, none")
    launches = [p if isinstance(p, Place) else resolve_launch(p) for p in _as_list(launch)]
    range_values: list[str | float | RangeSpec]
    range_values = [ranges] if isinstance(ranges, str | int | float) else list(ranges)
    specs = [r if isinstance(r, RangeSpec) else parse_range(r) for r in range_values]
    areas = [p if isinstance(p, Place) else resolve_area(p) for p in _as_list(highlight)]
    scene = build_scene(launches, specs, highlights=areas, title=title)
    return RangeMap(scene, tiles=tiles)
