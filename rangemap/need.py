"""The range needed to reach a target, and the catalogue weapons that have it.

:func:`range_needed` measures the shortest geodesic distance from a launch
(as :func:`rangemap.api.make_map` reads it, on the ground its side holds)
to a target: a bundled site such as an airbase (``"Engels-2"``),
coordinates, a city, a region or a country. Its :class:`RangeNeeded` lists
the launch side's strike weapons that reach the target, least margin first,
and those that fall short.

>>> from rangemap.need import range_needed
>>> answer = range_needed("Moscow", "Sumy")  # doctest: +SKIP
>>> round(answer.distance_km), answer.reaching[0][:2]  # doctest: +SKIP
(570, ('Palianytsia', 'Palianytsia'))
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from rangemap.build import control_data, launch_places, standoff_km
from rangemap.launch import combine_launches, log_inferred_side
from rangemap.places import Place, load_sites, resolve_launch

if TYPE_CHECKING:
    from rangemap.places import ControlData

__all__ = ["RangeNeeded", "distance_between_km", "range_needed"]

#: One weapon variant's reach of a target: ``(weapon, variant, max_range_km,
#: margin_km, operators)``.
Margin = tuple[str, str, float, float, tuple[str, ...]]


@dataclass(frozen=True)
class RangeNeeded:
    """The range a target needs from a launch, and the weapons that have it.

    Attributes
    ----------
    target, launch : str
        What was measured, by name.
    distance_km : float
        Shortest geodesic distance from the launch geometry to the target, km.
    reaching : list of tuple
        ``(weapon, variant, max_range_km, margin_km, operators)`` for every
        catalogue strike variant the launch side operates (every one with
        ``any_operator``) that reaches the target, least margin first;
        ``operators`` is a tuple of ISO 3166-1 alpha-2 codes.
    short : list of tuple
        The same for the variants that fall short (negative margin), nearest first.
    side : str
        The launch side whose weapons are listed.
    side_inferred : bool
        True when the side was inferred from the launch ground.
    any_operator : bool
        True when the weapons of every operator are listed.
    """

    target: str
    launch: str
    distance_km: float
    reaching: list[Margin]
    short: list[Margin]
    side: str = "UA"
    side_inferred: bool = True
    any_operator: bool = False

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dictionary."""
        # Not dataclasses.asdict: the JSON puts the side before the distance
        # and writes each margin tuple as an object with named keys.

        def rows(
            items: list[Margin],
        ) -> list[dict[str, object]]:
            keys = ("weapon", "variant", "max_range_km", "margin_km", "operators")
            return [dict(zip(keys, (*item[:4], list(item[4])), strict=True)) for item in items]

        return {
            "target": self.target,
            "launch": self.launch,
            "side": self.side,
            "side_inferred": self.side_inferred,
            "any_operator": self.any_operator,
            "distance_km": self.distance_km,
            "reaching": rows(self.reaching),
            "short": rows(self.short),
        }


def _resolve_target(text: str) -> Place:
    """Resolve a site by name, else coordinates, a city, a region or a country."""
    from rangemap._names import fold_words
    from rangemap.places import parse_lat_lon

    if parse_lat_lon(text) is None:
        key = fold_words(text)
        for site in load_sites():
            if key in (fold_words(site.name), fold_words(site.id)):
                return Place(
                    name=site.name,
                    kind="point",
                    geom=Point(site.lon, site.lat),
                    country=site.country,
                )
    return resolve_launch(text)


def distance_between_km(launch: BaseGeometry, target: BaseGeometry) -> float:
    """Return the shortest geodesic distance between two geometries, km.

    Parameters
    ----------
    launch : shapely geometry
        Measured from (exactly, see :func:`rangemap.geodesy.distances_to_km`).
    target : shapely geometry
        Measured to: a point exactly; a line or area through its outline
        densified to 0.01° (about 1 km), which bounds the error to metres.

    Returns
    -------
    float
        0 when the geometries touch or overlap.
    """
    from rangemap.geodesy import distances_to_km

    if launch.intersects(target):
        return 0.0
    outline = target if target.geom_type in ("Point", "MultiPoint") else target.boundary
    if outline.is_empty:
        outline = target
    dense = shapely.segmentize(outline, 0.01)
    coords = shapely.get_coordinates(dense)
    return float(np.min(distances_to_km(launch, coords[:, 0], coords[:, 1])))


def range_needed(
    target: str | Place,
    launch: str | Place | Sequence[str | Place],
    *,
    standoff: str | float | None = None,
    side: str | None = None,
    control: str | os.PathLike[str] | ControlData | None = None,
    as_of: str | dt.date | None = None,
    any_operator: bool = False,
) -> RangeNeeded:
    """Say how far a target is from a launch, and which of the side's weapons reach it.

    Parameters
    ----------
    target : str or Place
        A bundled site (``"Engels-2"``), coordinates, a city, a region or a
        country.
    launch : str, Place or sequence of them
        As for :func:`rangemap.api.make_map`.
    standoff, side, control, as_of : optional
        As for :func:`rangemap.api.make_map`; the launch stands on the ground its side holds.
    any_operator : bool, optional
        List the strike weapons of every operator, not only the launch side's.

    Returns
    -------
    RangeNeeded
        The distance and the weapons with their margins and operators.
    """
    goal = target if isinstance(target, Place) else _resolve_target(target)
    data = control_data(control, as_of)
    places = launch_places(launch, data)
    combined = combine_launches(places, standoff_km=standoff_km(standoff), side=side, control=data)
    distance = distance_between_km(combined.geometry, goal.geometry)
    reaching, short = _margins(distance, combined.side, any_operator)
    log_inferred_side(combined)
    return RangeNeeded(
        target=goal.name,
        launch=combined.name,
        distance_km=distance,
        reaching=reaching,
        short=short,
        side=combined.side,
        side_inferred=combined.side_inferred,
        any_operator=any_operator,
    )


def _margins(
    distance_km: float, side: str, any_operator: bool
) -> tuple[list[Margin], list[Margin]]:
    """Return the strike variants that reach ``distance_km``, least margin first, and the rest.

    The variants are the launch side's, or every operator's with ``any_operator``.
    """
    from rangemap.catalogue import strike_weapons, weapons_for_side

    reaching: list[Margin] = []
    short: list[Margin] = []
    # Air-defence systems are umbrellas around where they stand: never a way to reach a target.
    # Belarus launches are the Russian side (see rangemap.launch): Russia's weapons.
    fielded = (
        [(w, w.variants) for w in strike_weapons()]
        if any_operator
        else weapons_for_side("RU" if side == "BY" else side)
    )
    for weapon, variants in fielded:
        for variant in variants:
            margin = variant.max_range_km - distance_km
            row = (weapon.name, variant.name, variant.max_range_km, margin, variant.operators)
            (reaching if margin >= 0 else short).append(row)
    reaching.sort(key=lambda r: r[3])
    short.sort(key=lambda r: -r[3])
    return reaching, short
