"""Bundled boundaries: the countries, first-level regions and land borders.

The boundaries are Natural Earth 1:10m (version 5.1.1, public domain), as
built by ``scripts/build_data.py``; Crimea and Sevastopol are drawn as Ukraine
and carry ``occupied_since = 2014``.

Data are read lazily on first use and cached; nothing is read at import.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, Literal

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from rangemap._paths import data_path
from rangemap.errors import DataFileError
from rangemap.places.packed import unpack

__all__ = [
    "Place",
    "PlaceKind",
    "borders",
    "countries",
    "regions",
]


PlaceKind = Literal["point", "city", "region", "country", "border", "file"]


@dataclass(frozen=True)
class Place:
    """A named location or area.

    Attributes
    ----------
    name : str
        Display name in English.
    kind : {"point", "city", "region", "country", "border"}
        What the place is.
    geom : shapely geometry, GeoJSON mapping, or callable returning a geometry
        Lon/lat (EPSG:4326) geometry at full resolution: a Point for points
        and cities, a (Multi)Polygon for regions and countries, a
        (Multi)LineString for borders. A mapping or a loader is turned into
        a shapely geometry on first use of :attr:`geometry`.
    code : str or None
        ISO 3166-2 code of a region, ISO 3166-1 alpha-2 of a country, border
        id such as ``"UA-RU"``, else None.
    country : str or None
        ISO 3166-1 alpha-2 code of the country it belongs to, when known.
    properties : dict
        Further attributes from the source data (names in other languages,
        ``occupied_since``, population, ...).
    """

    name: str
    kind: PlaceKind
    geom: BaseGeometry | dict[str, Any] | Callable[[], BaseGeometry] = field(repr=False)
    code: str | None = None
    country: str | None = None
    properties: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @cached_property
    def geometry(self) -> BaseGeometry:
        """The place's shapely geometry (lon/lat, full resolution)."""
        if isinstance(self.geom, BaseGeometry):
            return self.geom
        if callable(self.geom):
            return self.geom()
        return shape(self.geom)

    @property
    def is_point(self) -> bool:
        """True for points, cities and single-point files; False for areas and lines."""
        if self.kind == "file":
            return isinstance(self.geometry, Point)
        return self.kind in ("point", "city")

    @property
    def anchor(self) -> tuple[float, float]:
        """Return ``(lon, lat)``: the point itself, or a point inside the area or on the line."""
        if isinstance(self.geometry, Point):
            return (self.geometry.x, self.geometry.y)
        if self.kind == "border":
            line = self.geometry
            mid = shapely.line_interpolate_point(shapely.line_merge(line), 0.5, normalized=True)
            return (mid.x, mid.y)
        rep = self.geometry.representative_point()
        return (rep.x, rep.y)


def _read_json(name: str) -> Any:
    path = data_path(name)
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise DataFileError(
            f"bundled data file {path} is unreadable ({exc}); reinstall rangemap"
        ) from None


@cache
def _read_features(name: str) -> tuple[dict[str, Any], ...]:
    try:
        return tuple(_read_json(name)["features"])
    except (KeyError, TypeError):
        raise DataFileError(f"bundled file {name} is not GeoJSON; reinstall rangemap") from None


@cache
def _index() -> dict[str, list[dict[str, Any]]]:
    """Properties of every country and region, in feature order, without geometry."""
    index: dict[str, list[dict[str, Any]]] = _read_json("index.json")
    return index


@cache
def _geometries(name: str) -> tuple[BaseGeometry, ...]:
    """Every feature geometry of a bundled GeoJSON file, in feature order.

    Read from the packed copy the build writes beside it
    (:mod:`rangemap.places.packed`, milliseconds), else parsed from the
    GeoJSON itself.
    """
    packed = data_path(name.removesuffix(".geojson") + ".npz")
    path = packed if packed.is_file() else data_path(name)
    try:
        if path is packed:
            with path.open("rb") as fh:
                return tuple(unpack(fh))
        collection = shapely.from_geojson(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, shapely.errors.GEOSException) as exc:
        raise DataFileError(f"bundled file {path} is unreadable ({exc}); reinstall") from None
    return tuple(shapely.get_parts(collection))


class _FeatureGeometry:
    """Loads the geometry of feature ``i`` of a bundled file on first use."""

    def __init__(self, file: str, i: int) -> None:
        self.file, self.i = file, i

    def __call__(self) -> BaseGeometry:
        return _geometries(self.file)[self.i]


@cache
def countries() -> tuple[Place, ...]:
    """Return the bundled countries (admin-0) of the whole world.

    The countries of the theatre (15°E–60°E, 40°N–70°N) are at Natural
    Earth's full 1:10m resolution, the others coverage-simplified to about
    1 km (5 km beyond 30°W–120°E, 0°–90°N); see ``data/SOURCES.md``.

    Returns
    -------
    tuple of Place
        One place per country, ``code`` its ISO 3166-1 alpha-2 code as the
        German point of view gives it (``CN-TW`` for Taiwan). The geometry
        is read on first use of ``geometry``.
    """
    return tuple(
        Place(
            name=props["name_en"],
            kind="country",
            geom=_FeatureGeometry("countries.geojson", i),
            code=props["iso_a2"],
            country=props["iso_a2"],
            properties=props,
        )
        for i, props in enumerate(_index()["countries"])
    )


def _region_display_name(props: dict[str, Any]) -> str:
    """English name of a region; "Oblast" is added to UA, RU and BY oblasts."""
    name = str(props.get("name_en") or props.get("name") or props["iso_3166_2"])
    if props.get("iso_a2") in ("UA", "RU", "BY") and name.endswith(" Region"):
        name = name[: -len(" Region")]  # Natural Earth's "Minsk Region": no "Region Oblast"
    if (
        props.get("iso_a2") in ("UA", "RU", "BY")
        and props.get("type_en") == "Region"
        and not name.endswith("Oblast")
    ):
        return f"{name} Oblast"
    return name


@cache
def regions() -> tuple[Place, ...]:
    """Return the bundled first-level regions (admin-1) of the theatre.

    Returns
    -------
    tuple of Place
        One place per region, ``code`` its ISO 3166-2 code. The
        full-resolution geometry is read on first use of ``geometry``.
    """
    return tuple(
        Place(
            name=_region_display_name(props),
            kind="region",
            geom=_FeatureGeometry("regions.geojson", i),
            code=props["iso_3166_2"],
            country=props.get("iso_a2"),
            properties=props,
        )
        for i, props in enumerate(_index()["regions"])
    )


@cache
def borders() -> tuple[Place, ...]:
    """Return the bundled land borders (``UA-RU``, ``UA-BY``) as lines.

    Returns
    -------
    tuple of Place
        One place per border, ``code`` its id such as ``"UA-RU"``.
    """
    return tuple(
        Place(
            name=feat["properties"]["name"],
            kind="border",
            geom=feat["geometry"],
            code=feat["properties"]["id"],
            properties=feat["properties"],
        )
        for feat in _read_features("borders.geojson")
    )
