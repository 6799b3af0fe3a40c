"""Launch places from geopandas frames and shapely geometries, in any CRS.

:func:`rangemap.api.make_map` (and everything that reads launch places
through :func:`rangemap.build.launch_places`) takes, beside place names, a
``geopandas.GeoDataFrame``, a ``GeoSeries`` or a shapely geometry as a launch
place. :func:`launch_from_frame` turns one into a :class:`Place`:

- **CRS.** The rows are brought to lon/lat (EPSG:4326) by
  :func:`rangemap.geodesy.crs.lonlat_parts`: a frame with a CRS is
  reprojected, one without is taken as lon/lat only when its bounds are
  lon/lat, else refused; a shapely geometry is lon/lat.
- **Rows.** A frame is *one* launch place, the union of its rows, as a
  GeoJSON launch file is the union of its features; several places given
  together (a frame and ``"Sumy"``) are combined as any places are
  (:mod:`rangemap.launch`). Rows with a null or empty geometry are skipped.
- **Checks** (:func:`check_launch_geometry`), as strict as for a launch
  file (:mod:`rangemap.places.geofile`): at most
  :data:`~rangemap.places.geofile.MAX_LAUNCH_VERTICES` vertices in all;
  coordinates within -180..180 and -90..90; altitudes refused unless all
  are 0 (as GIS tools write 2-D shapes in 3-D formats; then they are
  dropped); invalid polygons and lines repaired with
  :func:`shapely.make_valid`, keeping their dimension, with a warning;
  polygon shells counter-clockwise.
- **Name.** The frame's ``name`` column (or ``Name``, ``NAME``) when it
  holds one short single-line value, else ``"GeoDataFrame (3 features)"``
  (``"GeoSeries (...)"``). A shapely point is named by its coordinates
  and is a point place, like ``"LAT,LON"``; another shapely geometry is
  ``"launch area"``, ``"launch line"`` or ``"launch points"``.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError
from rangemap.geodesy.crs import frame_kind, lonlat_parts, union_parts
from rangemap.places import MAX_LAUNCH_VERTICES
from rangemap.places.boundaries import Place

__all__ = [
    "GeoFrame",
    "LaunchValue",
    "check_launch_geometry",
    "is_launch_geometry",
    "launch_from_frame",
]

if TYPE_CHECKING:
    import geopandas as gpd

    #: A geopandas frame: a GeoDataFrame or a GeoSeries (typed loosely: geopandas has no stubs).
    GeoFrame = gpd.GeoDataFrame | gpd.GeoSeries
else:
    GeoFrame = Any

#: One launch value as the API takes it: a place name, a place, or a geometry or frame.
LaunchValue = str | Place | BaseGeometry | GeoFrame

log = logging.getLogger("rangemap")

_NAME_COLUMNS = ("name", "Name", "NAME")
_MAX_NAME_CHARS = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SHAPELY_NAMES = {0: "launch points", 1: "launch line", 2: "launch area"}


def is_launch_geometry(value: object) -> bool:
    """Return whether ``value`` is a shapely geometry, a GeoSeries or a GeoDataFrame."""
    return isinstance(value, BaseGeometry) or frame_kind(value) is not None


def launch_from_frame(value: object) -> Place:
    """Return a GeoDataFrame, a GeoSeries or a shapely geometry as one launch place.

    Parameters
    ----------
    value : geopandas.GeoDataFrame, geopandas.GeoSeries or shapely geometry
        The launch geometry, in any CRS for a frame (see the module notes).

    Returns
    -------
    Place
        A place of kind ``"file"`` (``"point"`` for a shapely point), its
        geometry the union of the rows in EPSG:4326, checked and repaired;
        its ``properties`` hold the ``warnings`` (also logged) and the
        ``source`` (``"GeoDataFrame"``, ``"GeoSeries"`` or ``"shapely"``).

    Raises
    ------
    InputError
        If the value is no geometry, holds none, or fails a check; a
        :class:`~rangemap.errors.ParameterError` for a frame without a CRS
        whose coordinates are not lon/lat.
    """
    kind = frame_kind(value) or "shapely"
    parts = lonlat_parts(value)
    shown = f"the {kind} given as launch" if kind != "shapely" else "the launch geometry"
    geometry, warnings = check_launch_geometry(parts, shown)
    for warning in warnings:
        log.warning("%s", warning)
    properties: dict[str, Any] = {"source": kind, "warnings": warnings}
    if kind == "shapely" and isinstance(geometry, Point):
        name = f"{geometry.y:.4f}, {geometry.x:.4f}"
        return Place(name=name, kind="point", geom=geometry, properties=properties)
    name = _display_name(value, kind, parts)
    return Place(name=name, kind="file", geom=geometry, properties=properties)


def check_launch_geometry(
    parts: list[BaseGeometry], shown: str
) -> tuple[BaseGeometry, list[str]]:
    """Check and repair lon/lat launch geometries as a launch file's are; return their union.

    Parameters
    ----------
    parts : list of shapely geometry
        Non-empty geometries, lon/lat degrees.
    shown : str
        What they are, for messages (``"the GeoDataFrame given as launch"``).

    Returns
    -------
    shapely geometry
        The union of the parts, 2-D, valid, polygon shells counter-clockwise.
    list of str
        One line per repair made.

    Raises
    ------
    InputError
        Past :data:`MAX_LAUNCH_VERTICES` vertices, for coordinates out of
        lon/lat bounds or not finite, for altitudes other than 0, or for a
        geometry with nothing of its dimension left after repair.
    """
    array = np.array(parts, dtype=object)
    count = int(shapely.get_num_coordinates(array).sum())
    if count > MAX_LAUNCH_VERTICES:
        raise InputError(
            f"{shown} has {count:,} vertices; a launch geometry may have at most "
            f"{MAX_LAUNCH_VERTICES:,} in all: simplify it first (GeoSeries.simplify)"
        )
    coords = shapely.get_coordinates(array, include_z=True)
    if not np.isfinite(coords[:, :2]).all():
        raise InputError(f"{shown} has coordinates that are not finite numbers")
    if (np.abs(coords[:, 0]) > 180.0).any() or (np.abs(coords[:, 1]) > 90.0).any():
        raise InputError(
            f"{shown} has coordinates outside -180..180 (longitude) or -90..90 (latitude); "
            "give lon/lat degrees or set the frame's CRS"
        )
    heights = coords[:, 2]
    if shapely.has_z(array).any():
        if (np.nan_to_num(heights) != 0.0).any():
            raise InputError(
                f"{shown} has altitudes (3-D coordinates); give 2-D geometries "
                "(shapely.force_2d drops the altitudes)"
            )
        array = shapely.force_2d(array)
    warnings: list[str] = []
    kept = [_repaired(geom, k, len(array), shown, warnings) for k, geom in enumerate(array)]
    merged = union_parts(kept)
    if merged.is_empty:
        raise InputError(f"{shown} adds up to an empty geometry")
    return shapely.orient_polygons(merged), warnings


def _repaired(
    geom: BaseGeometry, k: int, rows: int, shown: str, warnings: list[str]
) -> BaseGeometry:
    """Return ``geom`` made valid with its dimension kept, noting the repair."""
    if geom.is_valid:
        return geom
    where = f"row {k} of {shown}" if rows > 1 else shown
    reason = _CONTROL.sub(" ", str(shapely.is_valid_reason(geom)))
    dim = int(shapely.get_dimensions(geom))
    fixed = shapely.get_parts(shapely.make_valid(geom))
    same = [p for p in fixed if not p.is_empty and shapely.get_dimensions(p) == dim]
    if not same:
        raise InputError(f"{where} is invalid ({reason}) and nothing of it is left after repair")
    warnings.append(f"repaired an invalid geometry in {where}: {reason}")
    return union_parts(same)


def _display_name(value: Any, kind: str, parts: list[BaseGeometry]) -> str:
    """Return the frame's one ``name`` value, else what it is and how many features it has."""
    if kind == "GeoDataFrame":
        for column in _NAME_COLUMNS:
            if column in value.columns:
                names = {str(n).strip() for n in value[column].dropna()}
                if len(names) == 1:
                    (name,) = names
                    if name and len(name) <= _MAX_NAME_CHARS and not _CONTROL.search(name):
                        return name
                break
    if kind == "shapely":
        return _SHAPELY_NAMES.get(int(shapely.get_dimensions(parts[0])), "launch geometry")
    features = "feature" if len(parts) == 1 else "features"
    return f"{kind} ({len(parts):,} {features})"
