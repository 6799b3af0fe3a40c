"""The pieces maps are built from: control data, launch places, sites and coverage.

:func:`rangemap.api.make_map`, :func:`rangemap.api.article_map` and
:func:`rangemap.need.range_needed` read their shared parameters here, each
the same way: ``control`` and ``as_of`` (:func:`control_data`), the launch
places (:func:`launch_places`), ``standoff`` (:func:`standoff_km`) and
``sites`` (:func:`load_user_sites`). :func:`scene_coverage` says what lies
within a scene's reach, as maps shade it and reports list it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rangemap.errors import InputError, ParameterError
from rangemap.geodesy import MAX_RANGE_KM
from rangemap.launch import is_front, resolve_front
from rangemap.places import Place, Site, load_sites, resolve_launch
from rangemap.places.frames import LaunchValue, is_launch_geometry, launch_from_frame
from rangemap.units import parse_distance_km

if TYPE_CHECKING:
    from rangemap.catalogue import Weapon
    from rangemap.claims import RangeClaim
    from rangemap.coverage import Coverage, LayerRange
    from rangemap.places import ControlData
    from rangemap.scene import Scene

__all__ = [
    "article_title",
    "as_list",
    "control_data",
    "launch_places",
    "load_user_sites",
    "scene_coverage",
    "scene_layer_ranges",
    "standoff_km",
]


def _as_of_date(value: str | dt.date | None) -> dt.date | None:
    """Read ``as_of``: a date, or ``YYYY-MM-DD``."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ParameterError(
            "{as_of} {value!r}: give a date as YYYY-MM-DD", value=str(value)[:40]
        ) from None


def control_data(
    control: str | os.PathLike[str] | ControlData | None, as_of: str | dt.date | None
) -> ControlData:
    """Return the control data a map uses: the bundled default, or a user's file.

    Parameters
    ----------
    control : path or ControlData, optional
        A user's file of Russian-held polygons, control data, or None for
        the bundled default.
    as_of : str or datetime.date, optional
        The date ``control`` describes, overriding its own.

    Returns
    -------
    ControlData
        The control data, dated ``as_of`` when given.

    Raises
    ------
    ParameterError
        If ``as_of`` is not a date, or is given without ``control``.
    """
    from rangemap.places import ControlData, default_control, load_control

    date = _as_of_date(as_of)
    if isinstance(control, ControlData):
        return control if date is None else dataclasses.replace(control, as_of=date)
    if control is None:
        if date is not None:
            default = default_control()
            stated = default.as_of.isoformat() if default.as_of else "not stated"
            raise ParameterError(
                "{as_of} dates a {control} file; the bundled control data are as of {stated}",
                stated=stated,
            )
        return default_control()
    return load_control(Path(control), user_file=True, as_of=date)


def launch_places(launch: LaunchValue | Sequence[LaunchValue], control: ControlData) -> list[Place]:
    """Resolve launch places; ``front:UA`` is the front line under the control data.

    Parameters
    ----------
    launch : str, Place, shapely geometry, GeoSeries, GeoDataFrame, or a sequence of them
        Place names (:func:`rangemap.places.resolve_launch`), places, or
        geometries: a GeoDataFrame or GeoSeries (in any CRS) or a shapely
        geometry is *one* launch place, the union of its rows
        (:func:`rangemap.places.frames.launch_from_frame`). Several values
        are several places, combined by :func:`rangemap.launch.combine_launches`.
    control : ControlData
        The control data ``front:UA`` is drawn from.

    Returns
    -------
    list of Place
        One place per value, in order.
    """
    values = [launch] if is_launch_geometry(launch) else as_list(launch)
    return [_launch_place(value, control) for value in values]


def _launch_place(value: LaunchValue, control: ControlData) -> Place:
    if isinstance(value, Place):
        return value
    if is_launch_geometry(value):
        return launch_from_frame(value)
    if is_front(value):
        return resolve_front(value, control=control)
    return resolve_launch(value)


def as_list(value: str | Place | Iterable[str | Place] | None) -> list[str | Place]:
    """Return the places given: none, one, or each of several."""
    if value is None:
        return []
    if isinstance(value, str | Place):
        return [value]
    return list(value)


def standoff_km(standoff: str | float | None) -> float | None:
    """Read ``standoff``: a distance such as ``"30km"`` or a number of km (None for none).

    Raises
    ------
    InputError
        If it is not a distance, or (a :class:`~rangemap.errors.ParameterError`)
        not above 0 and at most 20,000 km.
    """
    if standoff is None:
        return None
    distance = float(standoff) if isinstance(standoff, int | float) else parse_distance_km(standoff)
    if not distance > 0 or distance > MAX_RANGE_KM:
        raise ParameterError(
            f"{{standoff}} {{value!r}}: give a distance above 0 and at most {MAX_RANGE_KM:,.0f} km",
            value=standoff,
        )
    return distance


def load_user_sites(sites: str | os.PathLike[str] | Sequence[Site] | None) -> list[Site]:
    """Read ``sites``: a CSV file or :class:`~rangemap.places.Site` objects (None for none)."""
    if sites is None:
        return []
    if isinstance(sites, str | os.PathLike):
        return list(load_sites(sites))
    return list(sites)


def scene_coverage(
    scene: Scene,
    *,
    sites: Sequence[Site] = (),
    include_cities: bool = True,
    include_countries: bool = True,
    all_sides: bool = False,
    surely: bool = False,
) -> Coverage:
    """Say what lies within a scene's outermost range, for the scene's launch side.

    Parameters
    ----------
    scene : Scene
        A scene with at least one layer and its launch geometry.
    sites : sequence of Site, optional
        User sites, added to the bundled airbases.
    include_cities, include_countries : bool, optional
        Whether to list the cities in reach and the countries reached.
    all_sides : bool, optional
        List own-side and third-country places with the targets (default
        False: only what the other side holds).
    surely : bool, optional
        Count what is surely in reach instead (:attr:`Scene.surely_reached`):
        a band only out to its low edge. Maps shade and count at this range.

    Returns
    -------
    Coverage
        Regions, countries, sites (with distances to the launch) and cities
        within the largest range of the scene (the full reach at a band's
        high range). With the scene's ``launch_side`` (``"UA"``, ``"RU"``),
        the targets are listed and own-side places kept apart, under the
        scene's control data (the bundled default when None); see
        :class:`rangemap.coverage.Coverage`.
    """
    from rangemap.coverage import compute_coverage

    outer = scene.outer_layer
    area, range_km = outer.full_area, outer.spec.high_km
    if surely:
        range_km, outer = scene.surely_reached
        area = outer.full_area
        if outer.spec.is_band:
            area = outer.full_area.difference(outer.area)  # inside the low edge
    launch_geometry = scene.launch_geometry
    if launch_geometry is None:
        raise InputError("the scene has no launch geometry")
    return compute_coverage(
        area,
        launch_geometry,
        range_km=range_km,
        sites=list(sites),
        include_cities=include_cities,
        include_countries=include_countries,
        launch_side=scene.launch_side,
        control=scene.control,
        all_sides=all_sides,
        layers=scene_layer_ranges(scene),
    )


def scene_layer_ranges(scene: Scene) -> list[LayerRange]:
    """Return the reach layers of a scene as coverage counts them: label and range.

    A weapon's layer is labelled by its first name and variant, without the
    parenthesised block names (``"ATACMS M39A1"`` for ``"ATACMS M39A1 (Block
    IA) / M48 / ..."``, ``"Storm Shadow"`` for ``"Storm Shadow / SCALP-EG"``);
    a plain range by its label (``"300 km"``). A band counts at its high
    range. Layers with the same label and range are one.
    """
    from rangemap.coverage import LayerRange

    out: dict[tuple[str, float], LayerRange] = {}
    for layer in scene.reach_layers:
        spec = layer.spec
        label = spec.label
        if spec.weapon:
            label = spec.weapon.split(" / ")[0].split(" (")[0].strip() or spec.weapon
        out.setdefault((label, spec.high_km), LayerRange(label, spec.high_km, spec.weapon))
    return list(out.values())


def article_title(
    claims: Sequence[RangeClaim], weapons: Sequence[Weapon], launches: Sequence[Place]
) -> str:
    """Return a title for readers: what the claims (in the text's words) and weapons can reach.

    Examples
    --------
    >>> from rangemap.claims import parse_claim
    >>> from rangemap.places import resolve_launch
    >>> article_title([parse_claim("up to 300 km")], [], [resolve_launch("Sumy")])
    'What “up to 300 km” can reach from Sumy'
    """
    named = [f"“{' '.join(c.phrase.split())}”" for c in claims]
    named += [w.name for w in weapons]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    where = ", ".join(p.name for p in launches)
    return f"What {listed} can reach from {where}"
