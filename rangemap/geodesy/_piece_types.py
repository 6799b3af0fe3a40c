"""The data the pieces of a reach are built from: places, fans, quadrilaterals, plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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
