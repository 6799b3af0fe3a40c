"""How much of every region and country lies in reach.

Regions (admin-1) and countries (admin-0) are measured against the reach
*polygon*: the reachable area of a region is the geodesic area
(:func:`rangemap.geodesy.geometry_area_km2`, WGS84) of its intersection with
the reach, and its share is that over the region's own geodesic area. Areas
are land areas as Natural Earth draws them: sea is in no region and no
country. Only regions with a reachable area above zero are listed; the
features of one region group (:mod:`rangemap.coverage.data`) are reported
together.

A region split by the control data (*contested*) that is a target counts
only the target side's part: its share, reachable and total km² are over
that part (:func:`part_reachable`).

Examples
--------
>>> from rangemap.geodesy import ring_polygon
>>> rows = region_rows(ring_polygon(34.799, 50.917, 50), None, (), None, {"UA": 0})
>>> rows[0].iso_3166_2, rows[0].held_by
('UA-59', 'UA')
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from rangemap.coverage.data import Areas, country_areas, group_geometry, holding, region_areas
from rangemap.coverage.rows import CountryCoverage, RegionCoverage
from rangemap.geodesy import geometry_area_km2
from rangemap.places import ControlData, Holding

__all__ = ["country_rows", "part_reachable", "reachable_groups", "region_rows"]


def _valid(geoms: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """Repair the geometries that clipping left invalid (rare)."""
    bad = ~shapely.is_valid(geoms)
    if bad.any():
        geoms = geoms.copy()
        geoms[bad] = shapely.make_valid(geoms[bad])
    return geoms


Key = tuple[str, str, str]


def reachable_groups(areas: Areas, reach: BaseGeometry) -> list[tuple[int, Key, float, float]]:
    """``(group, key, reachable km², area km²)`` of every group reached (above 0 km²)."""
    if reach.is_empty:
        return []
    hits = np.sort(areas.tree.query(reach, predicate="intersects"))
    if hits.size == 0:
        return []
    reached: dict[int, list[float]] = defaultdict(list)
    inside = shapely.covers(reach, areas.geoms[hits])
    for i in hits[inside]:
        reached[int(areas.group[i])].append(areas.area_of(int(i)))
    partial = hits[~inside]
    if partial.size:
        # Cut the area to the reach's box and the reach to each area's box
        # first: the overlay then only sees vertices near both.
        xmin, ymin, xmax, ymax = reach.bounds
        clipped = _valid(shapely.clip_by_rect(areas.geoms[partial], xmin, ymin, xmax, ymax))
        local = _valid(np.array([shapely.clip_by_rect(reach, *b) for b in shapely.bounds(clipped)]))
        for i, part in zip(partial, shapely.intersection(clipped, local), strict=True):
            reachable = min(geometry_area_km2(part), areas.area_of(int(i)))
            if reachable > 0.0:
                reached[int(areas.group[i])].append(reachable)
    results = []
    for g, pieces in reached.items():
        area = areas.group_area(g)
        results.append((g, areas.keys[g], min(math.fsum(pieces), area), area))
    return results


def part_reachable(part: BaseGeometry, reach: BaseGeometry) -> tuple[float, float]:
    """(reachable km², area km²) of one part of a region."""
    area = geometry_area_km2(part) if not part.is_empty else 0.0
    if area == 0.0:
        return 0.0, 0.0
    pieces = [
        p
        for p in shapely.get_parts(shapely.intersection(part, reach))
        if isinstance(p, Polygon | MultiPolygon)
    ]
    reachable = geometry_area_km2(shapely.union_all(pieces)) if pieces else 0.0
    return min(reachable, area), area


def reachable_whole(areas: Areas, g: int, reach: BaseGeometry) -> tuple[float, float]:
    """(reachable km², area km²) of a whole region group."""
    return part_reachable(group_geometry(areas, g), reach)


def country_rows(
    reach: BaseGeometry, is_target: Callable[[str | None], bool]
) -> list[CountryCoverage]:
    """Return the countries reached, most reachable area first.

    Parameters
    ----------
    reach : shapely.Polygon or shapely.MultiPolygon
        The area in reach, valid and prepared.
    is_target : callable
        Whether a holder (a country code) is a target of the launch side.

    Returns
    -------
    list of CountryCoverage
        One row per country with a reachable area above zero.
    """
    rows = [
        CountryCoverage(
            iso_a2=code,
            name=name,
            reachable_km2=reachable,
            area_km2=area,
            share=reachable / area,
            held_by=code,
            target=is_target(code),
        )
        for _, (code, name, _), reachable, area in reachable_groups(country_areas(), reach)
    ]
    rows.sort(key=lambda c: (-c.reachable_km2, c.iso_a2))
    return rows


def region_rows(
    reach: BaseGeometry,
    side: str | None,
    targets: tuple[str, ...],
    control: ControlData | None,
    rank: Mapping[str, int],
) -> list[RegionCoverage]:
    """Return the regions reached, grouped by country as ``rank`` orders them.

    Parameters
    ----------
    reach : shapely.Polygon or shapely.MultiPolygon
        The area in reach, valid and prepared.
    side : str or None
        The launch side (``"UA"``, ``"RU"``), or None for no side.
    targets : tuple of str
        The sides whose places are targets.
    control : ControlData or None
        Who holds what; the bundled default when None.
    rank : mapping of str to int
        The order of the countries (:func:`country_rows`); regions of other
        countries come after, by country code.

    Returns
    -------
    list of RegionCoverage
        Within a country by decreasing share, then decreasing reachable area.
    """
    region_data = region_areas()
    rows = []
    for g, (code, name, country), reachable, area in reachable_groups(region_data, reach):
        held = holding(region_data, g, country, control)
        target = side is None or any(h in targets for h in held.holders)
        if held.contested and side is not None and target:
            # the share is over the part the target side holds
            part = held.part_of(targets)
            assert part is not None
            reachable, area = part_reachable(part, reach)
            target = reachable > 0.0
            if not target:
                reachable, area = reachable_whole(region_data, g, reach)
        rows.append(_region_row((code, name, country), reachable, area, held, target))
    rows.sort(
        key=lambda r: (
            rank.get(r.country, len(rank)),
            r.country,
            -r.share,
            -r.reachable_km2,
            r.iso_3166_2,
        )
    )
    return rows


def _region_row(
    key: Key, reachable: float, area: float, held: Holding, target: bool
) -> RegionCoverage:
    code, name, country = key
    return RegionCoverage(
        iso_3166_2=code,
        name=name,
        country=country,
        share=reachable / area if area > 0 else 0.0,
        reachable_km2=reachable,
        area_km2=area,
        held_by=held.held_by,
        occupied=not held.contested and held.held_by != country,
        contested=held.contested,
        target=target,
    )
