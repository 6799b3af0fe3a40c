"""The library API: build a range map and write it in any format.

>>> import rangemap
>>> m = rangemap.map("Sumy", ["300km", "165 km"], highlight=["Kursk"])  # doctest: +SKIP
>>> m.save("sumy.html")  # doctest: +SKIP

:func:`make_map` draws ranges and catalogue weapons from launch places;
:func:`article_map` draws what a news text describes. Both return a
:class:`~rangemap.output.RangeMap`, which writes any format. Range values
are read by :mod:`rangemap.spec`, the shared parameters by
:mod:`rangemap.build`; :func:`rangemap.need.range_needed` says how far a
target is. The command line (:mod:`rangemap.cli`) is a thin layer over
these modules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Unpack

from rangemap.build import (
    article_title,
    as_list,
    control_data,
    launch_places,
    load_user_sites,
    scene_coverage,
    standoff_km,
)
from rangemap.errors import InputError
from rangemap.launch import combine_launches, log_inferred_side
from rangemap.notices import notice
from rangemap.output import RangeMap
from rangemap.page import PageKeywords, PageOptions, page_options
from rangemap.places import Place, resolve_area
from rangemap.places.frames import LaunchValue
from rangemap.scene import build_scene
from rangemap.spec import RangeSpec, claim_spec, read_ranges
from rangemap.weapon_specs import article_weapon_specs, catalogue_weapons, weapon_layers

if TYPE_CHECKING:
    from rangemap.article import ArticleReading
    from rangemap.catalogue import Weapon
    from rangemap.claims import RangeClaim
    from rangemap.places import ControlData, Site

__all__ = ["PageOptions", "RangeMap", "article_map", "make_map"]


# Over 60 lines only for its docstring (a user guide to every parameter); the code is 40 lines.
def make_map(
    launch: LaunchValue | Sequence[LaunchValue],
    ranges: str | float | Sequence[str | float | RangeSpec] = (),
    *,
    weapons: str | Sequence[str] = (),
    highlight: str | Place | Sequence[str | Place] | None = None,
    title: str | None = None,
    standoff: str | float | None = None,
    sites: str | os.PathLike[str] | Sequence[Site] | None = None,
    coverage: bool = True,
    page: PageOptions | None = None,
    claims: Sequence[RangeClaim] = (),
    extra_weapons: Sequence[Weapon] = (),
    side: str | None = None,
    control: str | os.PathLike[str] | ControlData | None = None,
    as_of: str | dt.date | None = None,
    **page_keywords: Unpack[PageKeywords],
) -> RangeMap:
    """Build a range map.

    Parameters
    ----------
    launch : str, Place, geometry, GeoDataFrame or sequence of them
        Where the ranges are measured from: ``"LAT,LON"``, a city, a region,
        a country, ``"border:UA-RU"``, ``"front:UA"`` (the front line inside
        Ukraine under the control data) or a GeoJSON file (see
        :func:`rangemap.places.resolve_launch`); or a ``geopandas``
        GeoDataFrame or GeoSeries in any CRS, or a shapely geometry in
        lon/lat, each one place, the union of its rows, checked as a launch
        file is (see :mod:`rangemap.places.frames`). Several places are combined
        into one launch geometry on the ground the launch side holds (see
        :mod:`rangemap.launch`); from anything but a single point the map
        shows reach envelopes (:mod:`rangemap.geodesy.reach`).
    ranges : str, float or sequence of them
        Ranges such as ``"300km"``, ``"190 mi"`` or ``300`` (km), claims
        such as ``"several hundred kilometers"``, or :class:`RangeSpec` objects.
    weapons : str or sequence of str, optional
        Catalogue weapons (``"ATACMS"``, ``"Taurus"``, ``"M39A1"``): one ring
        per variant's published maximum range.
    highlight : str, Place or sequence of them, optional
        Regions or countries to highlight (``"Kursk"`` is Kursk oblast, a
        name that is also a city's is the region); coordinates, cities and
        borders are refused (see :func:`rangemap.places.resolve_area`).
    title : str, optional
        Map title; by default built from the inputs.
    standoff : str or float, optional
        Keep launchers this far behind the land border on their side
        (``"30km"``, or a number of km; see :mod:`rangemap.launch`).
    sites : path or sequence of Site, optional
        Points of interest to add to the bundled airbases: a CSV file
        (columns name, lat, lon, optional kind) or :class:`rangemap.places.Site`
        objects.
    coverage : bool, optional
        Compute what lies within the outermost range (regions, countries,
        sites) and show it on the map (default True).
    page : PageOptions, optional
        The page and image options as one value, instead of giving them one
        by one (refused beside them).
    claims, extra_weapons : optional
        Claims and weapons already drawn into ``ranges`` (as
        :func:`article_map` passes them), recorded for reports.
    side : {"UA", "RU"}, optional
        Who launches; by default inferred from who holds the launch ground,
        and the assumption logged as a warning (shown by the CLI by default).
        A weapon the side does not operate is still drawn, with a warning
        and its operators in the label.
    control : path or ControlData, optional
        Who holds what: a user's file of Russian-held polygons (GeoJSON,
        GeoPackage, Shapefile, KML; see :func:`rangemap.places.load_control`
        with ``user_file``), or the bundled default. Recorded in
        ``Scene.control`` and named with its date in the notes.
    as_of : str or datetime.date, optional
        The date a ``control`` file describes (``YYYY-MM-DD``), overriding
        the file's; refused without ``control``.
    **page_keywords
        The page and image options one by one, as
        :class:`~rangemap.page.PageOptions` takes them: ``tiles``,
        ``offline``, ``cdn`` and ``assets_dir`` (the HTML page's basemap and
        Leaflet; by default a light basemap with English labels, Leaflet
        inlined), ``width``, ``height`` and ``dpi`` (the images').

    Returns
    -------
    RangeMap
        The computed map.

    Raises
    ------
    rangemap.errors.RangemapError
        For an unknown place, a bad range or a bad option.
    """
    # Bad page options fail before any work.
    page = page_options(page, **page_keywords)
    data = control_data(control, as_of)
    launches = launch_places(launch, data)
    # Each range value is read once (what it draws, the claim it states),
    # each weapon looked up once; the typed values go inward.
    specs, range_claims = read_ranges([ranges] if isinstance(ranges, str | int | float) else ranges)
    drawn_weapons = catalogue_weapons(weapons)
    areas = [resolve_area(p) for p in as_list(highlight)]
    user_sites = load_user_sites(sites)
    combined = combine_launches(
        launches, standoff_km=standoff_km(standoff), side=side, control=data
    )
    weapon_rings, warnings = weapon_layers(drawn_weapons, extra_weapons, combined.side)
    specs.extend(weapon_rings)
    scene = build_scene(combined, specs, highlights=areas, title=title, control=data)
    if coverage:
        # The map shows region shares and sites; countries and cities are for tables.
        scene = dataclasses.replace(
            scene,
            coverage=scene_coverage(scene, sites=user_sites, include_countries=False, surely=True),
        )
    # Logged once the map is built (by the CLI once it is written): a run that
    # fails prints its one error line only.
    log_inferred_side(combined)
    for warning in warnings:
        notice(warning)
    return RangeMap(
        scene,
        page=page,
        claims=[*claims, *range_claims],
        weapons=[*extra_weapons, *(choice.drawn for choice in drawn_weapons)],
        sites=user_sites,
    )


# Over 60 lines only for its docstring (a user guide to every parameter); the code is 45 lines.
def article_map(
    text: str,
    *,
    launch: LaunchValue | Sequence[LaunchValue] = "border:UA-RU",
    title: str | None = None,
    standoff: str | float | None = None,
    sites: str | os.PathLike[str] | Sequence[Site] | None = None,
    extra_ranges: Sequence[RangeSpec] = (),
    extra_highlights: Sequence[str | Place] = (),
    coverage: bool = True,
    page: PageOptions | None = None,
    side: str | None = None,
    control: str | os.PathLike[str] | ControlData | None = None,
    as_of: str | dt.date | None = None,
    **page_keywords: Unpack[PageKeywords],
) -> tuple[RangeMap, ArticleReading]:
    """Build the map a news text describes.

    Parameters
    ----------
    text : str
        News prose.
    launch : str, Place, geometry, GeoDataFrame or sequence of them, optional
        Where the ranges are measured from, as for :func:`make_map`; the
        Ukraine–Russia border by default.
    title : str, optional
        Map title; by default built from what the text names.
    standoff, sites, coverage, side, control, as_of : optional
        As for :func:`make_map`.
    page, **page_keywords : optional
        The page and image options, as for :func:`make_map`.
    extra_ranges : sequence of RangeSpec, optional
        Ranges to draw besides those the text gives.
    extra_highlights : sequence of str or Place, optional
        Areas to highlight besides those the text names.

    Returns
    -------
    RangeMap
        Rings for the weapons named, a claim tied to a catalogue weapon set
        beside that weapon's rings (in their tooltips and a note), bands and
        rings for the claims tied to no catalogue weapon, a weapon the text
        says was not supplied as a comparison layer (off by default in HTML,
        left out of images with a note, outside the coverage), and the
        regions named highlighted (see :mod:`rangemap.article`). Claims that
        read the same are drawn once, and at most
        :data:`rangemap.article.MAX_ARTICLE_RINGS` rings are drawn; what is
        left out is logged as a warning.
    ArticleReading
        What was found in the text, to report alongside the map.

    Raises
    ------
    InputError
        If the text holds no range claim and names no catalogue weapon.
    """
    from rangemap.article import read_article

    page = page_options(page, **page_keywords)
    reading = read_article(text)
    if reading.is_empty and not extra_ranges:
        raise InputError(
            "the text states no range (such as '300 km' or 'several hundred kilometers') "
            "and names no catalogue weapon (see 'rangemap weapons'); nothing to draw"
        )
    reading.warn_left_out()
    # Claims tied to no catalogue weapon are drawn as their own band or ring;
    # a claim tied to one is drawn as that weapon's rings (see rangemap.article).
    drawn_claims = [group.claim for group in reading.drawn_groups]
    specs = [claim_spec(claim) for claim in drawn_claims]
    data = control_data(control, as_of)
    launches = launch_places(launch, data)
    # The side labels the weapons it does not operate (make_map warns about them).
    launch_side = side or combine_launches(launches, control=data).side
    weapon_rings, notes, reach_weapons = article_weapon_specs(reading, launch_side)
    specs.extend(weapon_rings)
    specs.extend(extra_ranges)
    # A title for readers: what the claims (in the text's words) and weapons
    # drawn can reach; without claims drawn, the map's own (rangemap.scene).
    if title is None and drawn_claims:
        title = article_title(drawn_claims, reach_weapons, launches)
    rmap = make_map(
        launches,
        specs,
        highlight=[*reading.highlights, *extra_highlights],
        title=title,
        standoff=standoff,
        sites=sites,
        coverage=coverage,
        page=page,
        claims=[*drawn_claims, *(group.claim for group in reading.tied_groups)],
        extra_weapons=reach_weapons,
        side=side,
        control=data,
    )
    rmap.weapons = tuple(reading.drawn_weapons)
    if notes:
        legend = (*rmap.scene.legend_notes, *notes)
        rmap.scene = dataclasses.replace(rmap.scene, legend_notes=legend)
    return rmap, reading
