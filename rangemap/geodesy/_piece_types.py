"""The data the pieces of a reach are built from: places, fans, quadrilaterals, plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely

from rangemap.geodesy._ellipsoid import _BoolArray, _FloatArray, _IntArray
from rangemap.geodesy.frame import _Frame

#: Places as (lon, lat, map x, map y) arrays.
_Places = tuple[_FloatArray, _FloatArray, _FloatArray, _FloatArray]


def _pick(places: _Places, index: _IntArray | _BoolArray) -> _Places:
    return places[0][index], places[1][index], places[2][index], places[3][index]


def _join(places: Sequence[_Places]) -> _Places:
    lon, lat, x, y = (np.concatenate([p[i] for p in places]) for i in range(4))
    return lon, lat, x, y


@dataclass
class _Fans:
    """Arcs of the range around vertices, with their fan's apex.

    An arc leaves its vertex at azimuth ``az0`` and turns by ``sweep``
    degrees (negative: counter-clockwise on a north-up map). Its first and
    last points are given (lon/lat and map coordinates) so that they are the
    very same points as the corners of the neighbouring quadrilaterals.
    ``full`` marks whole circles (drawn without the apex).
    """

    lon: _FloatArray
    lat: _FloatArray
    az0: _FloatArray
    sweep: _FloatArray
    first: _Places
    last: _Places
    full: _BoolArray

    @property
    def size(self) -> int:
        return int(self.lon.size)

    def take(self, keep: _BoolArray | _IntArray) -> _Fans:
        return _Fans(
            self.lon[keep],
            self.lat[keep],
            self.az0[keep],
            self.sweep[keep],
            _pick(self.first, keep),
            _pick(self.last, keep),
            self.full[keep],
        )

    @staticmethod
    def concat(fans: Sequence[_Fans]) -> _Fans:
        return _Fans(
            np.concatenate([f.lon for f in fans]),
            np.concatenate([f.lat for f in fans]),
            np.concatenate([f.az0 for f in fans]),
            np.concatenate([f.sweep for f in fans]),
            _join([f.first for f in fans]),
            _join([f.last for f in fans]),
            np.concatenate([f.full for f in fans]),
        )

    def polygons(
        self,
        frame: _Frame,
        arc: _IntArray,
        k: _IntArray,
        n_arc: _IntArray,
        x: _FloatArray,
        y: _FloatArray,
        *,
        close_full: bool = False,
    ) -> npt.NDArray[np.object_]:
        """Return the fans as map polygons, from the points of their arcs.

        Parameters
        ----------
        frame : _Frame
            The map the points are in.
        arc, k : int arrays
            Per point: its fan, and its place along that fan's arc.
        n_arc : int array
            Per fan: how many points its arc has.
        x, y : float arrays
            Per point: its map coordinates.
        close_full : bool
            Make a whole circle's last point its first (when its arc's ends
            are not already the very same point).

        Returns
        -------
        numpy.ndarray of shapely.Polygon
            One per fan: apex, arc, apex for a fan; the arc alone for a circle.
        """
        apex_x, apex_y = frame.xy(self.lon, self.lat)
        open_fan = ~self.full
        total = n_arc + np.where(open_fan, 2, 0)
        start = np.cumsum(total) - total
        rx = np.empty(int(total.sum()))
        ry = np.empty(int(total.sum()))
        pos = k + start[arc] + open_fan[arc]
        rx[pos], ry[pos] = x, y
        o = np.flatnonzero(open_fan)
        rx[start[o]], ry[start[o]] = apex_x[o], apex_y[o]
        rx[start[o] + total[o] - 1], ry[start[o] + total[o] - 1] = apex_x[o], apex_y[o]
        if close_full:
            full = np.flatnonzero(self.full)
            rx[start[full] + total[full] - 1] = rx[start[full]]
            ry[start[full] + total[full] - 1] = ry[start[full]]
        rings = shapely.linearrings(
            np.column_stack([rx, ry]), indices=np.repeat(np.arange(self.size), total)
        )
        return shapely.polygons(rings)  # type: ignore[no-any-return]


@dataclass
class _Quads:
    """Edge quadrilaterals in map coordinates, with their edge for checks."""

    coords: _FloatArray  # (n, 5, 2) closed rings in the map
    chain: _IntArray
    segment: _IntArray
    inner: _FloatArray  # (n, 4) lon/lat of the edge: ax, ay, bx, by

    @staticmethod
    def concat(quads: Sequence[_Quads]) -> _Quads:
        return _Quads(
            np.concatenate([q.coords for q in quads]),
            np.concatenate([q.chain for q in quads]),
            np.concatenate([q.segment for q in quads]),
            np.concatenate([q.inner for q in quads]),
        )


@dataclass
class _Plan:
    """How pieces are built for one range."""

    frame: _Frame
    range_m: float
    #: Length of the quadrilaterals' normals (the range, or less for big ranges).
    quad_m: float
    #: Whether every vertex gets an overlapping fan (big ranges).
    big: bool
    #: Extra turn (degrees) of the overlapping fans on each side.
    overlap_deg: float
    #: Longest launch edge in the map, m.
    max_edge_m: float
    #: Tolerance (m) of the checked points of each piece's outer edge.
    chord_m: float
