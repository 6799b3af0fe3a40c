"""Which sites and cities are in reach, and how far each is.

- **Distances** are :func:`rangemap.geodesy.distances_to_km`: the exact
  shortest geodesic distance (WGS84) from a point to the launch geometry (a
  point, line or area; 0 inside an area). Nothing is measured in degrees or
  in a projection.
- **In reach** for a site or a city means that its exact distance to the
  launch geometry is at most ``range_km`` (plus 1 mm for rounding), when
  ``range_km`` is given: a site 299.99 km away is in reach of 300 km whatever
  the polygon's vertices do. Without ``range_km`` a point is in reach when
  the reach polygon covers it (boundary included), which is what the map
  shows. With ``range_km`` the two agree except within the polygon's drawing
  tolerance of the range.
- **Sites** are the bundled sites (:func:`rangemap.places.airfields.bundled_sites`:
  the curated ``data/sites.csv`` merged with OurAirports' military and joint
  airfields) and any sites the caller adds; every one is listed, in reach or
  not, nearest first. Its holder is its recorded ``side``, else who holds
  its position (:func:`rangemap.places.holding.held_by_points`).
- **Cities** are the city table of :func:`rangemap.places.cities` (see
  :mod:`rangemap.coverage.data`); a city counts as in reach when its
  GeoNames point (its centre) is. The reach polygon narrows the candidates
  (:func:`in_reach_candidates`), exact distances decide. Listed most
  populous first.
- **Layers**: every row says which layers reach it (``reached_by``: its
  distance is at most the layer's range), shortest range first.

Examples
--------
>>> import numpy as np
>>> from rangemap.geodesy import ring_polygon
>>> disc = ring_polygon(34.799, 50.917, 100)
>>> in_reach_candidates(disc, np.array([34.8, 40.0]), np.array([50.9, 50.9]), exact=True)
array([0])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from rangemap.coverage.data import FloatArray, city_arrays
from rangemap.coverage.model import LayerRange
from rangemap.coverage.rows import CityCoverage, SiteCoverage
from rangemap.geodesy import distances_to_km
from rangemap.places import ControlData, Site, bundled_sites, held_by_points, load_sites

__all__ = ["RANGE_SLACK_KM", "PointQuery", "city_rows", "in_reach_candidates", "site_rows"]

#: Slack (km) on ``distance_km <= range_km``: 1 mm, far below any rounding
#: that matters and far above floating-point noise.
RANGE_SLACK_KM = 1e-6
#: Points this close (degrees) to the reach polygon's boundary, outside it,
#: are also measured exactly when ``range_km`` is given: the polygon lies
#: within metres of the exact range, so nothing farther out can be in reach.
_EDGE_BAND_DEG = 0.02


@dataclass(frozen=True)
class PointQuery:
    """What sites and cities are measured against.

    Attributes
    ----------
    reach : shapely geometry
        The area in reach, valid and prepared.
    launch : shapely geometry
        The launch geometry distances are measured to.
    exact : bool
        Whether in reach means within ``limit_km`` (else: covered by ``reach``).
    limit_km : float
        The range plus :data:`RANGE_SLACK_KM` (infinite without a range).
    control : ControlData or None
        Who holds what; the bundled default when None.
    is_target : callable
        Whether a holder is a target of the launch side.
    layers : tuple of LayerRange
        The map's layers, shortest range first.
    """

    reach: BaseGeometry
    launch: BaseGeometry
    exact: bool
    limit_km: float
    control: ControlData | None
    is_target: Callable[[str | None], bool]
    layers: tuple[LayerRange, ...] = ()

    def reached_by(self, km: FloatArray) -> list[tuple[str, ...]]:
        """Return, per distance, the labels of the layers that reach it."""
        by_range = self.layers
        if not by_range:
            return [()] * len(km)
        layer_km = np.array([lr.range_km for lr in by_range], dtype=float) + RANGE_SLACK_KM
        hit = km[:, None] <= layer_km[None, :]
        return [tuple(by_range[j].label for j in np.flatnonzero(row)) for row in hit]


def in_reach_candidates(
    reach: BaseGeometry, lon: FloatArray, lat: FloatArray, *, exact: bool
) -> npt.NDArray[np.intp]:
    """Indexes of the points that may be in reach (all of them, when not ``exact``)."""
    if reach.is_empty or lon.size == 0:
        return np.zeros(0, dtype=np.intp)
    xmin, ymin, xmax, ymax = reach.bounds
    pad = _EDGE_BAND_DEG if exact else 0.0
    box = np.flatnonzero(
        (lon >= xmin - pad) & (lon <= xmax + pad) & (lat >= ymin - pad) & (lat <= ymax + pad)
    )
    if box.size == 0:
        return box
    covered = np.asarray(shapely.intersects_xy(reach, lon[box], lat[box]), dtype=bool)
    inside: npt.NDArray[np.intp] = box[covered]
    outside = box[~covered]
    if not exact or outside.size == 0:
        return inside
    boundary = reach.boundary
    shapely.prepare(boundary)
    near = np.asarray(
        shapely.dwithin(boundary, shapely.points(lon[outside], lat[outside]), _EDGE_BAND_DEG),
        dtype=bool,
    )
    return np.sort(np.concatenate([inside, outside[near]]))


def _site_reach(
    query: PointQuery, lon: FloatArray, lat: FloatArray
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Distances (km) of the sites to the launch and whether each is in reach."""
    km = (
        np.asarray(distances_to_km(query.launch, lon, lat), dtype=float)
        if lon.size
        else np.zeros(0)
    )
    if query.exact:
        inside = km <= query.limit_km
    else:
        inside = (
            shapely.intersects_xy(query.reach, lon, lat)
            if lon.size and not query.reach.is_empty
            else np.zeros(lon.size, dtype=bool)
        )
    return km, inside


def site_rows(
    query: PointQuery, sites: Sequence[Site], *, include_bundled_sites: bool
) -> list[SiteCoverage]:
    """Return every site, bundled and added, with its distance; nearest first.

    Parameters
    ----------
    query : PointQuery
        What the sites are measured against.
    sites : sequence of Site
        Sites added to the bundled ones.
    include_bundled_sites : bool
        Whether to include the bundled sites.

    Returns
    -------
    list of SiteCoverage
        In reach or not, by distance, then name.
    """
    bundled = bundled_sites() if include_bundled_sites else ()
    curated = len(load_sites()) if include_bundled_sites else 0
    all_sites = [*bundled, *sites]
    origins = [
        "curated" if k < curated else "ourairports" if k < len(bundled) else "user"
        for k in range(len(all_sites))
    ]
    site_lon = np.array([s.lon for s in all_sites], dtype=float)
    site_lat = np.array([s.lat for s in all_sites], dtype=float)
    site_km, site_in = _site_reach(query, site_lon, site_lat)
    site_by = query.reached_by(site_km)
    site_held = np.array([s.side for s in all_sites], dtype=object)
    unknown = np.flatnonzero(site_held == None)  # noqa: E711 (element-wise)
    if unknown.size:
        site_held[unknown] = held_by_points(
            site_lon[unknown], site_lat[unknown], control=query.control
        )
    return sorted(
        (
            SiteCoverage(
                name=s.name,
                kind=s.kind,
                country=s.country,
                lat=s.lat,
                lon=s.lon,
                distance_km=float(d),
                in_reach=bool(ok),
                held_by=held,
                role=s.role,
                occupied=s.occupied or bool(held and s.country and held != s.country),
                target=query.is_target(held),
                source=s.source,
                reached_by=by,
                origin=origin,
            )
            for s, d, ok, held, by, origin in zip(
                all_sites, site_km, site_in, site_held, site_by, origins, strict=True
            )
        ),
        key=lambda s: (s.distance_km, s.name),
    )


def city_rows(query: PointQuery) -> list[CityCoverage]:
    """Return the cities in reach, most populous first.

    Parameters
    ----------
    query : PointQuery
        What the cities are measured against.

    Returns
    -------
    list of CityCoverage
        By decreasing population, then name, then distance.
    """
    # The polygon narrows the candidates, exact distances decide.
    city_data = city_arrays()
    idx = in_reach_candidates(query.reach, city_data.lon, city_data.lat, exact=query.exact)
    city_km = (
        np.asarray(
            distances_to_km(query.launch, city_data.lon[idx], city_data.lat[idx]), dtype=float
        )
        if idx.size
        else np.zeros(0)
    )
    keep = city_km <= query.limit_km
    idx, city_km = idx[keep], city_km[keep]
    city_held = held_by_points(city_data.lon[idx], city_data.lat[idx], control=query.control)
    return sorted(
        (
            CityCoverage(
                name=city_data.names[i],
                country=city_data.countries[i],
                population=int(city_data.population[i]),
                lat=float(city_data.lat[i]),
                lon=float(city_data.lon[i]),
                distance_km=float(d),
                held_by=held,
                target=query.is_target(held),
                reached_by=by,
            )
            for i, d, held, by in zip(
                idx, city_km, city_held, query.reached_by(city_km), strict=True
            )
        ),
        key=lambda c: (-c.population, c.name, c.distance_km),
    )
