"""Who holds many places at once, and which side's places are targets.

:func:`rangemap.places.held_by` answers for one point; coverage needs the
holder of every site, every city in reach and every region reached, under
the control data in use. This module answers in bulk, by the same rule:

- A **point** is held by the ``held_by`` of the first control area (in file
  order) that covers it, else by the bundled country it lies in (the first
  in code order on a border line), else by nobody (``None``: sea, or outside
  the bundled countries). Points are looked up together through one
  ``shapely.STRtree`` query, so 100,000 points cost about as much as a few
  hundred.
- A **region** is held by its holder when one side holds all of it (to
  0.1 % of its area: slivers where a control area drawn along the region's
  edge overlaps its neighbour do not count). Where the control data split a
  region (a front line through it) it is *contested*: its ``held_by`` names
  every holder, largest share first, joined by ``/`` (``"UA/RU"``), and
  :func:`region_holding` gives the part each holds.
- **Sides.** A launch by Ukraine (``"UA"``) targets what Russia (``"RU"``)
  holds: Russia and the Russian-held parts of Ukraine. A launch by Russia
  (or by Belarus, its ally) targets what Ukraine holds. :func:`own_sides`
  are the launch side and its allies (Belarus for Russia), never targets;
  everything else (Belarus for a Ukrainian launch, Poland, Moldova, ...) is
  a *third country*: not a target, listed apart.

Examples
--------
>>> import numpy as np
>>> held_by_points(np.array([34.80, 36.18, 34.11]), np.array([50.92, 51.73, 44.96])).tolist()
['UA', 'RU', 'RU']
>>> target_sides("UA"), own_sides("RU")
(('RU',), ('RU', 'BY'))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from rangemap.geodesy import geometry_area_km2
from rangemap.places.boundaries import countries
from rangemap.places.control import default_control
from rangemap.places.control_data import ControlData

__all__ = [
    "Holding",
    "held_by_points",
    "own_sides",
    "region_holding",
    "target_sides",
]

#: A holder of less than this share of a region is a sliver, not a holder.
_SLIVER_SHARE = 1e-3
#: Whom each launch side targets.
_TARGETS = {"UA": ("RU",), "RU": ("UA",), "BY": ("UA",)}
#: Each launch side and its allies: never targets, drawn neutral.
_OWN = {"UA": ("UA",), "RU": ("RU", "BY"), "BY": ("BY", "RU")}


def target_sides(side: str | None) -> tuple[str, ...]:
    """Return the holders whose places a launch by `side` targets.

    Parameters
    ----------
    side : str or None
        ISO 3166-1 alpha-2 code of the launch side (``"UA"``, ``"RU"``).

    Returns
    -------
    tuple of str
        ``("RU",)`` for Ukraine, ``("UA",)`` for Russia and Belarus; empty
        for no side or another side.
    """
    return _TARGETS.get((side or "").upper(), ())


def own_sides(side: str | None) -> tuple[str, ...]:
    """Return the launch side and its allies (Belarus for Russia).

    Parameters
    ----------
    side : str or None
        ISO 3166-1 alpha-2 code of the launch side.

    Returns
    -------
    tuple of str
        Empty for no side.
    """
    if not side:
        return ()
    code = side.upper()
    return _OWN.get(code, (code,))


@cache
def _country_geoms() -> tuple[BaseGeometry, ...]:
    """Return the bundled countries' geometries, in the order of ``countries()``."""
    return tuple(p.geometry for p in countries())


@cache
def _country_index() -> tuple[shapely.STRtree, npt.NDArray[np.object_]]:
    places = countries()
    return (
        shapely.STRtree([p.geometry for p in places]),
        np.array([str(p.code) for p in places], dtype=object),
    )


def _first_hit(
    tree: shapely.STRtree,
    geoms: Sequence[BaseGeometry],
    lons: npt.NDArray[np.float64],
    lats: npt.NDArray[np.float64],
    rank: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """For each point covered, the tree item of lowest ``rank``: (point indexes, item indexes).

    The tree narrows the pairs by bounding boxes; each item then tests its
    candidate points at once, prepared (``shapely.intersects_xy``).
    """
    pairs = tree.query(shapely.points(lons, lats))
    if pairs.shape[1] == 0:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty
    pt, item = pairs[0], pairs[1]
    keep = np.zeros(pt.size, dtype=bool)
    order = np.argsort(item, kind="stable")
    bounds = np.flatnonzero(np.diff(item[order])) + 1
    for chunk in np.split(order, bounds):
        geom = geoms[int(item[chunk[0]])]
        shapely.prepare(geom)
        keep[chunk] = shapely.intersects_xy(geom, lons[pt[chunk]], lats[pt[chunk]])
    pt, item = pt[keep], item[keep]
    order = np.lexsort((rank[item], pt))
    pt, item = pt[order], item[order]
    first = np.ones(pt.size, dtype=bool)
    first[1:] = pt[1:] != pt[:-1]
    return pt[first], item[first]


def held_by_points(
    lon: npt.ArrayLike, lat: npt.ArrayLike, *, control: ControlData | None = None
) -> npt.NDArray[np.object_]:
    """Return who holds each of many points (vectorised :func:`rangemap.places.held_by`).

    Parameters
    ----------
    lon, lat : array_like of float
        Degrees, WGS84, the same length.
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    numpy.ndarray of object
        ISO 3166-1 alpha-2 codes (str), or None where no bundled country or
        control area covers the point.
    """
    lons = np.asarray(lon, dtype=float).ravel()
    lats = np.asarray(lat, dtype=float).ravel()
    out = np.full(lons.size, None, dtype=object)
    if lons.size == 0:
        return out
    tree, codes = _country_index()
    code_rank = np.argsort(np.argsort(codes.astype(str))).astype(np.int64)
    pt, item = _first_hit(tree, _country_geoms(), lons, lats, code_rank)
    out[pt] = codes[item]
    data = default_control() if control is None else control
    if data.areas:
        area_geoms = [a.geometry for a in data.areas]
        ranks = np.arange(len(data.areas), dtype=np.int64)
        pt, item = _first_hit(_area_tree(data), area_geoms, lons, lats, ranks)
        out[pt] = np.array([data.areas[int(i)].held_by for i in item], dtype=object)
    return out


def _make_area_tree(data: ControlData) -> shapely.STRtree:
    return shapely.STRtree([a.geometry for a in data.areas])


@cache
def _default_area_tree() -> shapely.STRtree:
    return _make_area_tree(default_control())


def _area_tree(data: ControlData) -> shapely.STRtree:
    """Return the areas' index: cached for the bundled default, built for other data."""
    return _default_area_tree() if data is default_control() else _make_area_tree(data)


def _polygonal_km2(geom: BaseGeometry) -> tuple[BaseGeometry, float]:
    """Return the polygonal part of an overlay result and its geodesic area (km²)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return shapely.MultiPolygon(), 0.0
    poly = shapely.union_all(parts)
    return poly, geometry_area_km2(poly)


@dataclass(frozen=True)
class Holding:
    """Who holds one region.

    Attributes
    ----------
    held_by : str
        The holder, or every holder largest share first joined by ``/`` for
        a contested region (``"UA/RU"``).
    holders : tuple of str
        The holders, largest share first.
    parts : tuple of shapely geometry or None
        For a contested region, the part each holder holds (same order);
        None when one side holds all of it.
    """

    held_by: str
    holders: tuple[str, ...]
    parts: tuple[BaseGeometry, ...] | None = None

    @property
    def contested(self) -> bool:
        """Whether more than one side holds part of the region."""
        return len(self.holders) > 1

    def part_of(self, sides: tuple[str, ...]) -> BaseGeometry | None:
        """Return the part of a contested region the given sides hold (None if not contested)."""
        if self.parts is None:
            return None
        mine = [p for h, p in zip(self.holders, self.parts, strict=True) if h in sides]
        return shapely.union_all(mine) if mine else shapely.MultiPolygon()


def region_holding(
    geometry: BaseGeometry,
    country: str,
    area_km2: float,
    *,
    control: ControlData | None = None,
) -> Holding:
    """Say who holds a region under the control data.

    Parameters
    ----------
    geometry : shapely geometry
        The region, lon/lat, full resolution.
    country : str
        ISO 3166-1 alpha-2 code of its country (the holder where no control
        area covers it).
    area_km2 : float
        Its geodesic area, km².
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    Holding
    """
    data = default_control() if control is None else control
    if not data.areas:
        return Holding(country, (country,))
    tree = _area_tree(data)
    hits = sorted(int(i) for i in tree.query(geometry, predicate="intersects"))
    pieces: dict[str, list[BaseGeometry]] = {}
    held_km2: dict[str, float] = {}
    for i in hits:
        area = data.areas[i]
        if area.geometry.covers(geometry):
            return Holding(area.held_by, (area.held_by,))
        piece, km2 = _polygonal_km2(shapely.intersection(geometry, area.geometry))
        if km2 <= _SLIVER_SHARE * area_km2:
            continue
        pieces.setdefault(area.held_by, []).append(piece)
        held_km2[area.held_by] = held_km2.get(area.held_by, 0.0) + km2
    if not held_km2:
        return Holding(country, (country,))
    rest_km2 = area_km2 - math.fsum(held_km2.values())
    if rest_km2 > _SLIVER_SHARE * area_km2:
        taken = shapely.union_all([p for ps in pieces.values() for p in ps])
        rest = shapely.difference(geometry, taken)
        pieces.setdefault(country, []).append(rest)
        held_km2[country] = held_km2.get(country, 0.0) + rest_km2
    holders = tuple(sorted(held_km2, key=lambda h: (-held_km2[h], h)))
    if len(holders) == 1:
        return Holding(holders[0], holders)
    parts = tuple(shapely.union_all(pieces[h]) for h in holders)
    return Holding("/".join(holders), holders, parts)
