"""The checks every geometry read from a user's vector file passes, whatever its format.

Used by :func:`rangemap.places.vector_file.read_vector`, which tells the rules.
Each check takes the geometries of a layer as a shapely array (``None`` for a
null geometry) and a :data:`Where` that names a feature in messages, and
raises :class:`rangemap.errors.DataFileError` with one line that names the
file, the feature, what is wrong and what is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.errors import DataFileError

__all__ = [
    "CONTROL",
    "Where",
    "check_finite",
    "check_lonlat",
    "check_vertices",
    "flatten_z",
    "in_lonlat",
    "read_wkb",
    "repair",
    "to_lonlat",
]

#: Names a feature by its row (0-based) in messages: ``"feature 3"``, or ``""``.
Where = Callable[[int], str]
Geometries = npt.NDArray[np.object_]

#: Control characters, never echoed in a message.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_REPROJECT = "reproject to WGS84 lon/lat (EPSG:4326)"


def _fail(shown: str, where: str, problem: str) -> DataFileError:
    return DataFileError(f"{shown}, {where}: {problem}" if where else f"{shown}: {problem}")


def _num(value: float) -> str:
    """Show a coordinate in a message: an integer without ``.0``, at most 24 characters."""
    value = float(value)  # a numpy scalar's repr would name its type
    text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return text if len(text) <= 24 else text[:23] + "…"


def read_wkb(
    wkb: npt.NDArray[np.object_], shown: str, where: Where
) -> tuple[Geometries, list[str]]:
    """Build the geometries of WKB from GDAL; close unclosed rings with a warning.

    Returns
    -------
    geometries : numpy array of shapely geometries or None
    warnings : list of str
    """
    geoms = shapely.from_wkb(wkb, on_invalid="ignore")
    given = np.array([w is not None for w in wkb], dtype=bool)
    broken = np.flatnonzero(shapely.is_missing(geoms) & given)
    warnings = []
    for i in broken:
        fixed = shapely.from_wkb(wkb[i], on_invalid="fix")
        if fixed is None:
            raise _fail(
                shown,
                where(int(i)),
                "a geometry cannot be built: a LineString needs at least 2 positions and a "
                "polygon ring at least 4 positions (first = last)",
            )
        geoms[i] = fixed
        warnings.append(f"closed an unclosed polygon ring in {where(int(i)) or 'the geometry'}")
    return geoms, warnings


def check_vertices(geoms: Geometries, shown: str, limit: int | None, what: str) -> None:
    """Refuse more than ``limit`` positions (vertices and points) in all."""
    if limit is None:
        return
    count = int(shapely.get_num_coordinates(geoms).sum())
    if count > limit:
        raise _fail(
            shown,
            "",
            f"{count:,} positions, more than {limit:,}; {what} may have at most "
            f"{limit:,} vertices in all: simplify it first "
            "(e.g. ogr2ogr -simplify 0.001 or mapshaper -simplify)",
        )


def _coords(geoms: Geometries, *, z: bool = False) -> tuple[npt.NDArray[np.float64], np.ndarray]:
    coords, index = shapely.get_coordinates(geoms, include_z=z, return_index=True)
    return coords, index


def check_finite(geoms: Geometries, shown: str, where: Where) -> None:
    """Refuse NaN and infinite coordinates."""
    coords, index = _coords(geoms)
    bad = ~np.isfinite(coords)
    if bad.any():
        row = int(np.flatnonzero(bad.any(axis=1))[0])
        x, y = coords[row]
        raise _fail(
            shown,
            where(int(index[row])),
            f"position [{_num(x)}, {_num(y)}] holds NaN or Infinity; "
            "coordinates must be finite [lon, lat] degrees",
        )


def flatten_z(geoms: Geometries, shown: str, where: Where) -> Geometries:
    """Drop altitudes that are all 0 (as Google Earth writes them); refuse any other."""
    if not shapely.has_z(geoms).any():
        return geoms
    coords, index = _coords(geoms, z=True)
    height = coords[:, 2]
    bad = np.isfinite(height) & (height != 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        x, y, z = coords[row]
        raise _fail(
            shown,
            where(int(index[row])),
            f"position [{_num(x)}, {_num(y)}, {_num(z)}] has an altitude; 3-D coordinates "
            "are not accepted; drop the altitude (altitude 0 throughout is read as 2-D)",
        )
    out: Geometries = shapely.force_2d(geoms)
    return out


def in_lonlat(geoms: Geometries) -> bool:
    """Tell whether every coordinate lies within longitude -180..180, latitude -90..90."""
    coords, _ = _coords(geoms)
    if not len(coords):
        return True
    lon, lat = coords[:, 0], coords[:, 1]
    return bool((np.abs(lon) <= 180).all() and (np.abs(lat) <= 90).all())


def to_lonlat(geoms: Geometries, crs_text: str | None, shown: str) -> Geometries:
    """Reproject to lon/lat from the CRS stated; a file without one must be lon/lat."""
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    if crs_text is None:
        if not in_lonlat(geoms):
            raise DataFileError(
                f"{shown} states no coordinate reference system and its coordinates are not "
                "lon/lat degrees; save it with its CRS (a shapefile's .prj) or in EPSG:4326"
            )
        return geoms
    try:
        crs = CRS.from_user_input(crs_text)
    except CRSError:
        raise DataFileError(
            f"{shown} has a coordinate reference system pyproj does not know; "
            "save it in EPSG:4326 (WGS84 lon/lat)"
        ) from None
    if any(crs.equals(CRS.from_epsg(code), ignore_axis_order=True) for code in (4326, 4979)):
        return geoms
    transformer = Transformer.from_crs(crs, 4326, always_xy=True)

    def transform(xy: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    out: Geometries = shapely.transform(geoms, transform)
    coords = shapely.get_coordinates(out)
    if not np.isfinite(coords).all():
        raise DataFileError(
            f"{shown}: some coordinates cannot be reprojected from {crs.name} to lon/lat; "
            "save it in EPSG:4326 (WGS84 lon/lat)"
        )
    return out


def check_lonlat(geoms: Geometries, shown: str, where: Where, *, projected_hint: str) -> None:
    """Refuse coordinates outside -180..180 / -90..90, naming a likely cause."""
    coords, index = _coords(geoms)
    if not len(coords):
        return
    lon, lat = coords[:, 0], coords[:, 1]
    bad = (np.abs(lon) > 180) | (np.abs(lat) > 90)
    if not bad.any():
        return
    row = int(np.flatnonzero(bad)[0])
    x, y = float(lon[row]), float(lat[row])
    base = f"position [{_num(x)}, {_num(y)}] is outside longitude -180..180 / latitude -90..90"
    if abs(x) > 360 or abs(y) > 180:
        problem = f"{base}; it looks projected (metres?) and {projected_hint}; {_REPROJECT}"
    elif -90 <= x <= 90 and -180 <= y <= 180:
        problem = f"{base}; latitude and longitude may be swapped (the order is [lon, lat])"
    else:
        problem = f"{base}; coordinates must be WGS84 [lon, lat] degrees"
    raise _fail(shown, where(int(index[row])), problem)


def repair(geoms: Geometries, shown: str, where: Where) -> tuple[Geometries, list[str]]:
    """Make invalid geometries valid (:func:`shapely.make_valid`), keeping their dimension.

    Returns
    -------
    geometries : numpy array
        The geometries, each valid (null and empty ones as they were).
    warnings : list of str
        One line per repair.
    """
    out = geoms.copy()
    warnings: list[str] = []
    for i in np.flatnonzero(~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)):
        geom = geoms[i]
        if geom.is_empty:
            continue
        parts = shapely.get_parts(geom) if geom.geom_type == "GeometryCollection" else [geom]
        fixed = [_repair_one(part, shown, where(int(i)), warnings) for part in parts]
        out[i] = fixed[0] if geom.geom_type != "GeometryCollection" else shapely.GeometryCollection(
            fixed
        )
    return out, warnings


def _repair_one(geom: BaseGeometry, shown: str, where: str, warnings: list[str]) -> BaseGeometry:
    if geom.is_valid:
        return geom
    kind = geom.geom_type
    dim = 2 if "Polygon" in kind else 1
    if dim == 2:
        _check_rings(geom, shown, where)
    reason = CONTROL.sub(" ", str(shapely.is_valid_reason(geom)))
    kept = _keep_dimension(shapely.make_valid(geom), dim)
    if kept is None or kept.is_empty:
        what = "polygon" if dim == 2 else "line"
        raise _fail(
            shown,
            where,
            f"{kind} is invalid ({reason}) and no {what} is left after repair; fix the geometry",
        )
    what = "an invalid polygon" if dim == 2 else "an invalid line"
    warnings.append(f"repaired {what} in {where or 'the geometry'}: {reason}")
    return kept


def _check_rings(geom: BaseGeometry, shown: str, where: str) -> None:
    """Refuse a polygon ring of fewer than 4 positions (first = last)."""
    for poly in shapely.get_parts(geom):
        for ring in (poly.exterior, *poly.interiors):
            n = len(ring.coords)
            if n < 4:
                raise _fail(
                    shown,
                    where,
                    f"a polygon ring needs at least 4 positions (first = last), this one has {n}",
                )


def _keep_dimension(geom: BaseGeometry, dim: int) -> BaseGeometry | None:
    """Keep the parts of ``geom`` of dimension ``dim`` (2 polygons, 1 lines)."""
    flat: list[BaseGeometry] = []
    for part in shapely.get_parts(geom):
        if not part.is_empty and shapely.get_dimensions(part) == dim:
            flat.extend(shapely.get_parts(part))
    if not flat:
        return None
    if dim == 2:
        polys = [p for p in flat if isinstance(p, Polygon)]
        return polys[0] if len(polys) == 1 else MultiPolygon(polys)
    lines = [g for g in flat if isinstance(g, LineString)]
    return lines[0] if len(lines) == 1 else MultiLineString(lines)
