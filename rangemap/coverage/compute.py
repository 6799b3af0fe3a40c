"""Compute a coverage: what of the other side lies within a reach.

:func:`compute_coverage` measures, for a *reach* (the area a weapon can
strike) and the *launch* geometry it was drawn from, the regions and
countries reached (:mod:`rangemap.coverage.regions`), every site with its
distance and the cities in reach (:mod:`rangemap.coverage.points`), then
sorts the rows by who holds them:

- **Targets.** A row is a target when the side that holds it (``held_by``,
  under the control data in use, see :mod:`rangemap.places.holding`) is a target
  side of the launch side: what the other side holds (Russia and the
  Russian-held parts of Ukraine for ``"UA"``, Ukrainian-held ground for
  ``"RU"``). Only targets are listed; the launch side's own rows (with
  Belarus for Russia) are kept in :attr:`Coverage.own_side` and third
  countries' (Belarus for Ukraine, Poland, ...) in
  :attr:`Coverage.third_countries`, unless ``all_sides`` lists everything.
- **No side.** Without a launch side everything is listed and every row is
  a target.

:func:`coverage` is the package-level form (``rangemap.coverage(reach)``).

Examples
--------
>>> from rangemap.geodesy import ring_polygon
>>> from shapely import Point
>>> cov = compute_coverage(ring_polygon(34.799, 50.917, 100), Point(34.799, 50.917),
...                        range_km=100, launch_side="RU", include_cities=False)
>>> cov.launch_side, cov.target_sides, cov.region_rows[0].iso_3166_2
('RU', ('UA',), 'UA-59')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.coverage.model import Coverage, LayerRange, Listing
from rangemap.coverage.points import RANGE_SLACK_KM, PointQuery, city_rows, site_rows
from rangemap.coverage.regions import country_rows, region_rows
from rangemap.coverage.rows import CityCoverage, CountryCoverage, RegionCoverage, SiteCoverage
from rangemap.errors import InputError
from rangemap.geodesy import check_range_km
from rangemap.geodesy.crs import frame_kind, lonlat_geometry
from rangemap.places import ControlData, Site, own_sides, target_sides
from rangemap.places.frames import GeoFrame

__all__ = ["compute_coverage", "coverage"]


def _polygonal(geometry: object, what: str) -> BaseGeometry:
    """Check that ``geometry`` is a (multi)polygon (possibly empty); repair it if invalid."""
    if not isinstance(geometry, Polygon | MultiPolygon):
        kind = geometry.geom_type if isinstance(geometry, BaseGeometry) else type(geometry).__name__
        raise InputError(f"{what} must be a Polygon or MultiPolygon in lon/lat degrees, not {kind}")
    if geometry.is_valid:
        return geometry
    parts = [p for p in shapely.get_parts(shapely.make_valid(geometry)) if isinstance(p, Polygon)]
    return shapely.multipolygons(parts) if parts else Polygon()


# Over 60 lines for its numpydoc docstring (eleven parameters); the code is 26 lines.
def compute_coverage(
    reach: BaseGeometry,
    launch: BaseGeometry,
    *,
    range_km: float | None = None,
    sites: Sequence[Site] | None = None,
    include_bundled_sites: bool = True,
    include_cities: bool = True,
    include_countries: bool = True,
    launch_side: str | None = None,
    control: ControlData | None = None,
    all_sides: bool = False,
    layers: Sequence[LayerRange] = (),
) -> Coverage:
    """Say what lies within a reach: regions, countries, sites and cities.

    Parameters
    ----------
    reach : shapely.Polygon or shapely.MultiPolygon
        The area in reach, lon/lat degrees (EPSG:4326), such as
        :func:`rangemap.geodesy.reach` or :func:`rangemap.geodesy.ring_polygon`
        returns, at full resolution (not a simplified drawing copy).
    launch : shapely geometry
        The geometry the reach was drawn from (a point, line or area, lon/lat
        degrees); distances are measured to it.
    range_km : float, optional
        The range the reach was drawn for, km. When given, a site or city is
        in reach when its exact distance to ``launch`` is at most
        ``range_km``; when omitted, when ``reach`` covers it. See the module
        documentation.
    sites : sequence of Site, optional
        Sites to add to the bundled ones (for example from
        :func:`rangemap.places.load_sites` with a user's file).
    include_bundled_sites : bool, optional
        Whether to include the bundled airbases (default True).
    include_cities : bool, optional
        Whether to list the cities in reach (default True); a map that shows
        no cities skips reading them.
    include_countries : bool, optional
        Whether to list the countries reached (default True); without them
        regions are grouped by country code.
    launch_side : str, optional
        Who launches (``"UA"``, ``"RU"``). With a side, only the targets
        (places the other side holds) are listed, unless ``all_sides``;
        own-side and third-country rows are kept apart (see
        :class:`Coverage`). Without one everything is listed.
    control : ControlData, optional
        Who holds what; the bundled default by default.
    all_sides : bool, optional
        List own-side and third-country rows too (default False).
    layers : sequence of LayerRange, optional
        The map's layers, each a label and a range measured from ``launch``
        (at most the range of ``reach``): every site and city says which
        reach it (``reached_by``), and :meth:`Coverage.by_layer` counts them.

    Returns
    -------
    Coverage
        Regions and countries reached, every site with its distance, and the
        cities in reach; see :class:`Coverage` for the orders.

    Raises
    ------
    InputError
        If ``reach`` is not polygonal or ``range_km`` is not a range in
        (0, 20,000] km.
    """
    reach = _polygonal(reach, "reach")
    if range_km is not None:
        check_range_km(range_km)
    exact = range_km is not None
    limit_km = float(range_km) + RANGE_SLACK_KM if range_km is not None else math.inf
    shapely.prepare(reach)
    side = launch_side.strip().upper() if launch_side else None
    targets = target_sides(side)

    def is_target(held_by: str | None) -> bool:
        return side is None or (held_by or "") in targets

    # Countries first: their order groups the regions.
    countries = country_rows(reach, is_target) if include_countries else []
    rank = {c.iso_a2: k for k, c in enumerate(countries)}
    regions = region_rows(reach, side, targets, control, rank)
    by_range = tuple(sorted(layers, key=lambda lr: (lr.range_km, lr.label)))
    query = PointQuery(reach, launch, exact, limit_km, control, is_target, by_range)
    # Sites: every one, with its exact distance and who holds it.
    sites_in = site_rows(query, sites or (), include_bundled_sites=include_bundled_sites)
    cities = city_rows(query) if include_cities else []
    everything = Listing(tuple(regions), tuple(countries), tuple(sites_in), tuple(cities))
    extra: dict[str, Any] = {"layers": by_range, "cities_listed": include_cities}
    if side is None:
        return Coverage(*_rows(everything), **extra)
    return _by_side(everything, side, targets, all_sides, extra)


def _by_side(
    everything: Listing,
    side: str,
    targets: tuple[str, ...],
    all_sides: bool,
    extra: dict[str, Any],
) -> Coverage:
    """Sort the rows into targets, own side and third countries (see the module notes)."""
    own = own_sides(side)

    def first(held_by: str | None) -> str:
        return (held_by or "").split("/")[0]

    def pick(kind: str) -> Listing:
        def want(held_by: str | None, target: bool) -> bool:
            if kind == "target":
                return target
            if target:
                return False
            return (first(held_by) in own) == (kind == "own")

        return Listing(
            tuple(r for r in everything.regions if want(r.held_by, r.target)),
            tuple(c for c in everything.countries if want(c.held_by, c.target)),
            tuple(s for s in everything.sites if want(s.held_by, s.target)),
            tuple(c for c in everything.cities if want(c.held_by, c.target)),
        )

    listed = everything if all_sides else pick("target")
    return Coverage(
        *_rows(listed),
        launch_side=side,
        target_sides=targets,
        all_sides=all_sides,
        third_countries=pick("third"),
        own_side=pick("own"),
        **extra,
    )


def _rows(
    listing: Listing,
) -> tuple[
    tuple[RegionCoverage, ...],
    tuple[CountryCoverage, ...],
    tuple[SiteCoverage, ...],
    tuple[CityCoverage, ...],
]:
    return listing.regions, listing.countries, listing.sites, listing.cities


def coverage(
    reach: BaseGeometry | GeoFrame,
    launch: BaseGeometry | GeoFrame | None = None,
    *,
    range_km: float | None = None,
    sites: Sequence[Site] | None = None,
    launch_side: str | None = None,
    control: ControlData | None = None,
    all_sides: bool = False,
) -> Coverage:
    """Say what lies within a reach (``rangemap.coverage(reach)``).

    Parameters
    ----------
    reach : shapely.Polygon or shapely.MultiPolygon, GeoSeries or GeoDataFrame
        The area in reach, such as ``rangemap.reach(G, R)`` returns; a
        GeoSeries or GeoDataFrame (any CRS) is the union of its rows in
        EPSG:4326 (:mod:`rangemap.geodesy.crs`).
    launch : shapely geometry, GeoSeries or GeoDataFrame, optional
        The launch geometry the reach was drawn from, a frame in any CRS as
        for ``reach``. Site and city distances are measured to it; without
        it they are measured to the reach itself (0 inside it), and "in
        reach" means inside the polygon.
    range_km : float, optional
        With ``launch``: in reach means within this distance of it, exactly.
    sites : sequence of Site, optional
        Sites to add to the bundled airbases.
    launch_side : str, optional
        Who launches (``"UA"``, ``"RU"``): then only the other side's places
        are listed, unless ``all_sides``.
    control : ControlData, optional
        Who holds what; the bundled default by default.
    all_sides : bool, optional
        With ``launch_side``, list every side's places (default False).

    Returns
    -------
    Coverage
        As :func:`compute_coverage` returns.

    Examples
    --------
    >>> import rangemap
    >>> from shapely import Point
    >>> cov = rangemap.coverage(rangemap.reach(Point(34.8, 50.9), 100))
    >>> cov.regions.iloc[0]["iso_3166_2"]
    'UA-59'
    """
    area = lonlat_geometry(reach, parameter="reach") if frame_kind(reach) else reach
    if launch is not None and frame_kind(launch):
        launch = lonlat_geometry(launch)
    return compute_coverage(
        area,
        area if launch is None else launch,
        range_km=range_km if launch is not None else None,
        sites=sites,
        launch_side=launch_side,
        control=control,
        all_sides=all_sides,
    )
