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
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from rangemap.errors import DataFileError, InputError
from rangemap.geodesy.crs import frame_kind, lonlat_parts, union_parts
from rangemap.places import MAX_LAUNCH_VERTICES
from rangemap.places import vector_checks as checks
from rangemap.places.boundaries import Place
from rangemap.places.vector_checks import CONTROL as _CONTROL

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
    geoms = np.array(parts, dtype=object)

    def where(k: int) -> str:
        return f"row {k}" if len(geoms) > 1 else ""

    try:  # the checks of a launch file, with the frame named in their messages
        checks.check_vertices(geoms, shown, MAX_LAUNCH_VERTICES, "a launch geometry")
        checks.check_finite(geoms, shown, where)
        geoms = checks.flatten_z(geoms, shown, where)
        checks.check_lonlat(geoms, shown, where, projected_hint="the frame's CRS may be unset")
        geoms, warnings = checks.repair(geoms, shown, where)
    except DataFileError as exc:  # the frame is a parameter, not a file
        raise InputError(str(exc)) from None
    merged = union_parts(list(geoms))
    if merged.is_empty:
        raise InputError(f"{shown} adds up to an empty geometry")
    return shapely.orient_polygons(merged), warnings


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
