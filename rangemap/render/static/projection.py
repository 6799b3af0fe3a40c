"""The azimuthal equidistant projection, its centre and the view it is fitted to."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pyproj
import shapely
import shapely.errors
from shapely.geometry.base import BaseGeometry

from rangemap.scene import Scene

_MARGIN = 0.08  # of the scene's projected extent, on every side
_EARTH_M = 6_371_008.8
# Vertices nearer than this to the antipode of the centre are dropped: there the
# azimuthal projection tears and would smear a polygon across the map.
_MAX_RADIUS_M = 0.85 * math.pi * _EARTH_M
_FloatArray = npt.NDArray[np.float64]


class _Projection:
    """Azimuthal equidistant projection centred on ``(lon0, lat0)``, metres.

    Make one with :func:`_projection_at`, which keeps the last four, so that a
    PNG and an SVG of one scene, or the maps of a batch from one place, build
    the projection and project the bundled layers (:meth:`layer`) only once.
    """

    def __init__(self, lon0: float, lat0: float) -> None:
        self.lon0 = lon0
        self.lat0 = lat0
        crs = pyproj.CRS.from_dict(
            {"proj": "aeqd", "lat_0": lat0, "lon_0": lon0, "datum": "WGS84", "units": "m"}
        )
        self._fwd = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        # id of a bundled layer's geometry array -> (that array, its projection);
        # holding the array keeps its id from being reused while it is a key.
        self._layers: dict[int, tuple[Any, Any]] = {}
        # (id of a layer's array in _layers, member) -> that projection made valid
        self._valid: dict[tuple[int, int], BaseGeometry] = {}

    def _projected(self, geoms: Any) -> Any:
        found = self._layers.get(id(geoms))
        if found is None:
            found = (geoms, np.asarray(self.geometries(geoms), dtype=object))
            self._layers[id(geoms)] = found
        return found[1]

    def layer(self, geoms: Any) -> Any:
        """Project a bundled layer's geometries (a cached array) once, as :meth:`geometries`.

        Returns a new object array; the projected geometries are shared.
        """
        return self._projected(geoms).copy()

    def valid_member(self, geoms: Any, index: int) -> BaseGeometry:
        """Return member ``index`` of a bundled layer, projected (:meth:`layer`) and valid.

        Far from the projection's centre a projected outline can cross
        itself; it is repaired (:func:`shapely.make_valid`) once per
        projection, not once per map drawn with it.
        """
        key = (id(geoms), index)
        geom = self._valid.get(key)
        if geom is None:
            geom = self._projected(geoms)[index]
            if not geom.is_valid:
                geom = shapely.make_valid(geom)
            self._valid[key] = geom
        return geom

    def points(self, lons: Any, lats: Any) -> tuple[_FloatArray, _FloatArray]:
        x, y = self._fwd.transform(np.asarray(lons, float), np.asarray(lats, float))
        x = np.asarray(x, float)
        y = np.asarray(y, float)
        bad = ~np.isfinite(x) | ~np.isfinite(y) | (np.hypot(x, y) > _MAX_RADIUS_M)
        x[bad] = np.nan
        y[bad] = np.nan
        return x, y

    def _coords(self, coords: _FloatArray) -> _FloatArray:
        if len(coords) == 0:
            return coords
        x, y = self._fwd.transform(coords[:, 0], coords[:, 1])
        out = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
        out[~np.isfinite(out)] = 1e15  # far outside any view; NaN would open closed rings
        return out

    def geometries(self, geoms: Any) -> Any:
        """Project shapely geometries; any that reach near the antipode become empty."""
        projected = shapely.transform(geoms, self._coords)
        coords, index = shapely.get_coordinates(projected, return_index=True)
        bad = np.unique(index[np.hypot(coords[:, 0], coords[:, 1]) > _MAX_RADIUS_M])
        empty = shapely.from_wkt("GEOMETRYCOLLECTION EMPTY")
        if np.ndim(projected) == 0:
            return empty if len(bad) else projected
        projected = np.array(projected, dtype=object)
        projected[bad] = empty
        return projected

    def geometry(self, geom: BaseGeometry) -> BaseGeometry:
        """Project one geometry part by part, then join parts split at the antimeridian."""
        parts = shapely.get_parts(geom)
        projected = [p for p in self.geometries(parts) if not p.is_empty]
        if not projected:
            return shapely.from_wkt("GEOMETRYCOLLECTION EMPTY")
        if len(projected) == 1:
            return projected[0]
        dim = shapely.get_dimensions(projected[0])
        try:
            if dim == 2:
                return shapely.union_all(projected, grid_size=1.0)
            if dim == 1:
                return shapely.line_merge(shapely.union_all(projected, grid_size=1.0))
        except shapely.errors.GEOSException:
            pass
        return shapely.geometrycollections(projected)


@lru_cache(maxsize=4)
def _projection_at(lon0: float, lat0: float) -> _Projection:
    """Return the projection centred on ``(lon0, lat0)``, kept for the next map from there."""
    return _Projection(lon0, lat0)


def _middle(coords: _FloatArray) -> tuple[float, float]:
    """Middle of the extent of (lon, lat) coordinates, across the antimeridian if shorter."""
    lats = coords[:, 1]
    lons = np.sort(np.mod(coords[:, 0] + 180.0, 360.0) - 180.0)
    gaps = np.diff(np.concatenate([lons, [lons[0] + 360.0]]))
    widest = int(np.argmax(gaps))
    start = lons[(widest + 1) % len(lons)]
    span = 360.0 - gaps[widest]
    lon0 = (start + span / 2.0 + 180.0) % 360.0 - 180.0
    lat0 = (float(lats.min()) + float(lats.max())) / 2.0
    return float(lon0), float(np.clip(lat0, -89.0, 89.0))


def _centre(scene: Scene) -> tuple[float, float]:
    """Projection centre: the launch point, or the launch places' equal-area centroid.

    See the module docstring. A scene without launches is centred on the
    middle of its extent (rings and bands).
    """
    launches = [place.geometry for place in scene.launches if not place.geometry.is_empty]
    if not launches:
        geoms = [g for layer in scene.layers for g in layer.outlines]
        return _middle(shapely.get_coordinates(geoms))
    parts = list(shapely.get_parts(launches))
    dim = max(int(shapely.get_dimensions(p)) for p in parts)
    parts = [p for p in parts if int(shapely.get_dimensions(p)) == dim]
    if dim == 0 and len(parts) == 1:
        point = parts[0]
        return float(point.x), float(np.clip(point.y, -89.0, 89.0))
    lon_a, lat_a = _middle(shapely.get_coordinates(parts))
    laea = pyproj.CRS.from_dict(
        {"proj": "laea", "lat_0": lat_a, "lon_0": lon_a, "datum": "WGS84", "units": "m"}
    )
    fwd = pyproj.Transformer.from_crs("EPSG:4326", laea, always_xy=True)
    flat = [
        shapely.transform(p, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
        for p in parts
    ]
    centroid = shapely.geometrycollections(flat).centroid
    if centroid.is_empty or not np.isfinite([centroid.x, centroid.y]).all():
        return lon_a, lat_a
    lon, lat = fwd.transform(centroid.x, centroid.y, direction="INVERSE")
    return float(lon), float(np.clip(lat, -89.0, 89.0))


@dataclass(frozen=True)
class _View:
    """Projected map extent (metres) and the figure layout (inches)."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float
    axes_rect: tuple[float, float, float, float]  # figure fraction
    m_per_pt: float

    @property
    def width(self) -> float:
        return self.xmax - self.xmin

    @property
    def height(self) -> float:
        return self.ymax - self.ymin

    @property
    def box(self) -> BaseGeometry:
        return shapely.box(self.xmin, self.ymin, self.xmax, self.ymax)

    def frac(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.xmin) / self.width, (y - self.ymin) / self.height)


def _fit_view(
    extent: tuple[float, float, float, float], axes_w_in: float, axes_h_in: float
) -> tuple[float, float, float, float]:
    """Grow the extent by the margin, then to the axes' aspect ratio."""
    x0, y0, x1, y1 = extent
    w = max(x1 - x0, 1000.0)
    h = max(y1 - y0, 1000.0)
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    w *= 1.0 + 2.0 * _MARGIN
    h *= 1.0 + 2.0 * _MARGIN
    aspect = axes_w_in / axes_h_in
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return (cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0)
