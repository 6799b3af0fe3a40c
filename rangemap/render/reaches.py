"""What each range layer of a map reaches of the targets, for its findings.

:func:`layer_reaches` counts, per range layer, the target regions, sites and
cities within its range (:class:`LayerReach`);
:func:`coverage_reaches` counts them from a coverage alone.
:mod:`rangemap.render.findings` says them in sentences.

Model:

- Only targets are counted: places the other side holds (``target`` on every
  coverage row; :class:`rangemap.coverage.Coverage`).
- A site or a city is in reach of a range when its exact geodesic distance to
  the launch geometry is at most that range (the distances of the coverage;
  WGS84). A band is counted at its high range, its farthest reach.
- The regions' shares of a range other than the outermost come from a
  coverage computed for that range (:func:`layer_reaches`); when that cannot
  be computed (no launch geometry), every layer gets the outermost range's
  regions, and says so (``exact``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rangemap.coverage import CityCoverage, Coverage, RegionCoverage, SiteCoverage
from rangemap.coverage.points import RANGE_SLACK_KM
from rangemap.errors import RangemapError
from rangemap.scene import RangeLayer, Scene

__all__ = ["LayerReach", "coverage_reaches", "layer_reaches"]

# A range reaches a place when its distance is at most the range plus
# RANGERANGE_SLACK_KM, as in rangemap.coverage.compute_coverage.

@dataclass(frozen=True)
class LayerReach:
    """The targets within one layer's range.

    Attributes
    ----------
    layer : RangeLayer
        The layer.
    range_km : float
        The range counted (a band's high range).
    regions : tuple of RegionCoverage
        Target regions reached, most reachable area first.
    sites : tuple of SiteCoverage
        Target sites in reach, nearest first.
    cities : tuple of CityCoverage
        Target cities in reach, most populous first.
    exact : bool
        Whether ``regions`` were computed for this range (False: they are
        the outermost range's).
    """

    layer: RangeLayer
    range_km: float
    regions: tuple[RegionCoverage, ...]
    sites: tuple[SiteCoverage, ...]
    cities: tuple[CityCoverage, ...]
    exact: bool = True


def _in_reach(rows: Sequence[SiteCoverage], range_km: float) -> tuple[SiteCoverage, ...]:
    return tuple(s for s in rows if s.target and s.distance_km <= range_km + RANGE_SLACK_KM)


def _cities_in_reach(rows: Sequence[CityCoverage], range_km: float) -> tuple[CityCoverage, ...]:
    return tuple(c for c in rows if c.target and c.distance_km <= range_km + RANGE_SLACK_KM)


def _by_area(regions: Sequence[RegionCoverage]) -> tuple[RegionCoverage, ...]:
    targets = [r for r in regions if r.target and r.reachable_km2 > 0]
    return tuple(sorted(targets, key=lambda r: (-r.reachable_km2, r.iso_3166_2)))


def layer_reaches(scene: Scene, coverage: Coverage) -> tuple[LayerReach, ...]:
    """Compute what each layer of ``scene`` reaches of the targets.

    Sites come from ``coverage`` (it lists every site with its distance);
    regions and cities are computed for each layer's range (about 0.1 s
    each) unless the range is the outermost one, whose ``coverage`` is used
    as it is.

    Parameters
    ----------
    scene : Scene
        The map's scene.
    coverage : Coverage
        What lies within the outermost range, cities included
        (:func:`rangemap.build.scene_coverage`).

    Returns
    -------
    tuple of LayerReach
        One per layer, in the scene's order.
    """
    from rangemap.coverage import compute_coverage

    outer_km = scene.outer_layer.spec.high_km
    reaches = []
    for layer in scene.layers:
        range_km = layer.spec.high_km
        regions, cities, exact = coverage.region_rows, coverage.city_rows, True
        if range_km != outer_km:
            if scene.launch_geometry is None:
                exact = False
            else:
                try:
                    own = compute_coverage(
                        layer.full_area,
                        scene.launch_geometry,
                        range_km=range_km,
                        include_bundled_sites=False,
                        include_countries=False,
                        launch_side=scene.launch_side,
                        control=scene.control,
                    )
                except RangemapError:
                    exact = False
                else:
                    regions, cities = own.region_rows, own.city_rows
        reaches.append(
            LayerReach(
                layer=layer,
                range_km=range_km,
                regions=_by_area(regions),
                sites=_in_reach(coverage.site_rows, range_km),
                cities=_cities_in_reach(cities, range_km),
                exact=exact,
            )
        )
    return tuple(reaches)


def coverage_reaches(scene: Scene, coverage: Coverage) -> tuple[LayerReach, ...]:
    """Count what each layer of ``scene`` reaches from ``coverage`` alone (nothing computed).

    Parameters
    ----------
    scene : Scene
        The map's scene.
    coverage : Coverage
        What lies within the outermost range, cities included.

    Returns
    -------
    tuple of LayerReach
        One per layer, in the scene's order; every layer's regions are the
        outermost range's (``exact`` only for the outermost range).
    """
    outer_km = scene.outer_layer.spec.high_km
    return tuple(
        LayerReach(
            layer=layer,
            range_km=layer.spec.high_km,
            regions=_by_area(coverage.region_rows),
            sites=_in_reach(coverage.site_rows, layer.spec.high_km),
            cities=_cities_in_reach(coverage.city_rows, layer.spec.high_km),
            exact=layer.spec.high_km == outer_km,
        )
        for layer in scene.layers
    )
