"""Launch geometries in any CRS: shapely geometries, GeoSeries and GeoDataFrames as lon/lat.

Everything in :mod:`rangemap.geodesy` works in lon/lat degrees on WGS84
(EPSG:4326). A caller may hold a launch area as a ``geopandas.GeoDataFrame``
or ``GeoSeries`` in another coordinate reference system (a UTM zone, a
national grid); :func:`lonlat_parts` and :func:`lonlat_geometry` bring it
to EPSG:4326 with its own ``to_crs`` (pyproj), the one conversion
:func:`rangemap.geodesy.reach`, :func:`rangemap.coverage.coverage` and
:func:`rangemap.api.make_map` (through :mod:`rangemap.places.frames`) share.

- A shapely geometry is taken as lon/lat degrees, as everywhere in rangemap.
- A GeoDataFrame's active geometry column is used; rows whose geometry is
  null or empty are skipped, at least one must remain.
- A frame with a CRS is reprojected to EPSG:4326 (nothing is done when it
  is EPSG:4326 already).
- A frame without a CRS is taken as lon/lat only when its bounds lie within
  -180..180 and -90..90; otherwise it is refused in one line that says to
  set its CRS (``gdf.set_crs(...)``): metres cannot be told from degrees
  by guessing.

geopandas is never imported here (the geodesy stays free of it): a frame
is told by its classes' names and module (:func:`frame_kind`).
"""

from __future__ import annotations

import math

import shapely
from shapely.errors import GEOSException
from shapely.geometry.base import BaseGeometry

from rangemap.errors import InputError, ParameterError

__all__ = ["frame_kind", "lonlat_geometry", "lonlat_parts", "union_parts"]

_FRAME_CLASSES = ("GeoDataFrame", "GeoSeries")

#: The coordinate reference system rangemap computes in.
LONLAT = "EPSG:4326"


def frame_kind(value: object) -> str | None:
    """Return ``"GeoDataFrame"`` or ``"GeoSeries"`` for a geopandas frame, else None.

    Examples
    --------
    >>> frame_kind("Sumy") is None
    True
    """
    for cls in type(value).__mro__:  # a subclass of a geopandas frame is one too
        if cls.__name__ in _FRAME_CLASSES and cls.__module__.split(".")[0] == "geopandas":
            return cls.__name__
    return None


def lonlat_parts(value: object, *, parameter: str = "launch") -> list[BaseGeometry]:
    """Return the geometries of a shapely geometry or a geopandas frame in lon/lat (EPSG:4326).

    Parameters
    ----------
    value : shapely geometry, geopandas.GeoSeries or geopandas.GeoDataFrame
        The geometry, or a frame of them in any CRS.
    parameter : str, optional
        The parameter's name, for messages.

    Returns
    -------
    list of shapely geometry
        ``[value]`` for a shapely geometry; for a frame, the non-empty
        geometries of its rows in order, reprojected to EPSG:4326.

    Raises
    ------
    ParameterError
        If a frame has no CRS and its coordinates are not lon/lat degrees.
    InputError
        If ``value`` is neither a geometry nor a frame, or a frame holds no
        geometry.

    Examples
    --------
    >>> from shapely import Point
    >>> lonlat_parts(Point(36.2, 50.0))
    [<POINT (36.2 50)>]
    """
    if isinstance(value, BaseGeometry):
        return [value]
    kind = frame_kind(value)
    if kind is None:
        raise InputError(
            f"{parameter} must be a shapely geometry, a GeoSeries or a GeoDataFrame, "
            f"not {type(value).__name__}"
        )
    # A GeoDataFrame's active geometry column; a GeoSeries's .geometry is itself.
    series = value.geometry  # type: ignore[attr-defined]
    series = series[[g is not None and not g.is_empty for g in series]]
    if len(series) == 0:
        raise InputError(f"the {kind} given as {parameter} has no geometry (every row is empty)")
    if series.crs is None:
        _check_lonlat_bounds(series.total_bounds, kind, parameter)
    elif not series.crs.equals(LONLAT):
        series = series.to_crs(LONLAT)
    return list(series)


def _check_lonlat_bounds(bounds: object, kind: str, parameter: str) -> None:
    """Refuse a frame without a CRS unless its coordinates can be lon/lat degrees."""
    minx, miny, maxx, maxy = (float(b) for b in bounds)  # type: ignore[attr-defined]
    finite = all(math.isfinite(b) for b in (minx, miny, maxx, maxy))
    if finite and -180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0:
        return
    shown = f"x {minx:.7g}..{maxx:.7g}, y {miny:.7g}..{maxy:.7g}"
    # The parameter is a field of the template, so that a caller can word it as its own.
    raise ParameterError(
        "{" + parameter + "}: the {kind} has no CRS and its coordinates ({shown}) are not "
        "lon/lat degrees; set its CRS first (gdf.set_crs('EPSG:32636') for UTM zone 36N, say)",
        kind=kind,
        shown=shown,
    )


def lonlat_geometry(value: object, *, parameter: str = "launch") -> BaseGeometry:
    """Return a shapely geometry or a geopandas frame as one lon/lat geometry.

    Parameters
    ----------
    value : shapely geometry, geopandas.GeoSeries or geopandas.GeoDataFrame
        As :func:`lonlat_parts` takes it.
    parameter : str, optional
        The parameter's name, for messages.

    Returns
    -------
    shapely geometry
        ``value`` itself for a shapely geometry; for a frame, the union of
        its rows' geometries in EPSG:4326 (one row's geometry as it is).

    Raises
    ------
    InputError
        As :func:`lonlat_parts`, or if the rows cannot be united.
    """
    return union_parts(lonlat_parts(value, parameter=parameter), parameter=parameter)


def union_parts(parts: list[BaseGeometry], *, parameter: str = "launch") -> BaseGeometry:
    """Return the union of lon/lat geometries (one geometry as it is).

    Raises
    ------
    InputError
        If the geometries cannot be united (invalid beyond what GEOS takes).
    """
    if len(parts) == 1:
        return parts[0]
    try:
        return shapely.union_all(parts)
    except GEOSException as exc:
        first = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError(
            f"the rows given as {parameter} cannot be united into one geometry ({first}); "
            "repair them first (shapely.make_valid)"
        ) from None
