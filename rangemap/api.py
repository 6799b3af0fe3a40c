"""The library API: build a range map and write it in any format.

>>> import rangemap
>>> m = rangemap.map("Sumy", ["300km", "165 km"], highlight=["Kursk"])  # doctest: +SKIP
>>> m.save("sumy.html")  # doctest: +SKIP

The command line (:mod:`rangemap.cli`) is a thin layer over this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from rangemap.catalogue import Variant, Weapon, find_weapon_variants
from rangemap.claims import RangeClaim
from rangemap.errors import InputError
from rangemap.geodesy import MAX_RANGE_KM, check_range_km
from rangemap.launch import combine_launches, is_front, log_inferred_side, notice, resolve_front
from rangemap.places import Place, Site, load_sites, resolve_area, resolve_launch
from rangemap.render.files import (
    FORMAT_NAMES,
    check_writable,
    output_format,
    write_atomic,
)
from rangemap.scene import RangeSpec, Scene, build_scene, format_km
from rangemap.units import KM_PER_UNIT, normalise_unit, parse_distance_km

if TYPE_CHECKING:
    from rangemap.article import ArticleReading
    from rangemap.coverage import Coverage, LayerRange
    from rangemap.places import ControlData

__all__ = [
    "RangeMap",
    "RangeNeeded",
    "article_map",
    "claim_spec",
    "distance_between_km",
    "make_map",
    "parse_range",
    "range_needed",
    "scene_coverage",
    "scene_layer_ranges",
    "weapon_specs",
]


def parse_range(text: str | float) -> RangeSpec:
    """Parse one ``--range`` value.

    Parameters
    ----------
    text : str or float
        A number of kilometres, a number with a unit (``300``, ``300km``,
        ``"300 km"``, ``190mi``, ``100nmi``, ``300000m``), or a range claim
        as news text states it (``"up to 190 miles"``, ``"165-300 km"``,
        ``"several hundred kilometers"``).

    Returns
    -------
    RangeSpec
        A single range, or a band when the claim allows a band of distances.

    Raises
    ------
    InputError
        If the value is neither a distance nor one range claim standing on
        its own, or lies outside (0, 20,000] km. A range is one range: more
        than one claim, or words that negate or qualify it (``"not 300 km"``,
        ``"minus 300 km"``, ``"1/2 km"``, ``"xyz 300 km zzz"``), are refused
        with the accepted forms (see :func:`rangemap.claims.parse_claim`).
    """
    if isinstance(text, int | float):
        range_km = float(text)
    else:
        try:
            range_km = parse_distance_km(text)
        except InputError as not_a_distance:
            if "unknown unit" in str(not_a_distance) or len(text) > 200:
                raise
            from rangemap.claims import parse_claim

            try:
                claim = parse_claim(text)
            except InputError:
                shown = " ".join(text.split())[:60]
                raise InputError(
                    f"{shown!r} is not a range; give a number with an optional unit "
                    "(km, m, mi, nmi) such as 300km or '190 mi', or a claim such as "
                    "'165-300 km', 'up to 190 miles' or 'several hundred kilometers'"
                ) from None
            return claim_spec(claim)
    check_range_km(range_km)
    unit = _stated_unit(text)
    # The user's unit is kept: "190 mi (306 km)".
    return RangeSpec.single(range_km, label=_in_unit(range_km, unit or "km"))


def _stated_unit(text: str | float) -> str | None:
    """Return the unit written in a ``--range`` value (canonical), or None for a bare number."""
    if isinstance(text, int | float):
        return None
    match = re.match(r"^\s*[+-]?[\d_,.]+(?:e[+-]?\d+)?\s*([a-z][a-z ]*?)\s*$", text, re.I)
    if match is None:
        return None
    try:
        return normalise_unit(match.group(1))
    except InputError:
        return None


def _in_unit(value_km: float, unit: str) -> str:
    """Return ``"190 mi (306 km)"`` for a length stated in miles, ``"300 km"`` in km."""
    if unit == "km":
        return format_km(value_km)
    stated = value_km / KM_PER_UNIT[unit]
    km = f"{round(value_km):,} km" if value_km >= 100 else format_km(value_km)
    return f"{stated:,.6g} {unit} ({km})"


def claim_spec(claim: RangeClaim) -> RangeSpec:
    """Turn a range claim into what is drawn: a band, or a ring at its nominal range.

    Parameters
    ----------
    claim : RangeClaim
        A claim from :func:`rangemap.claims.parse_claims`.

    Returns
    -------
    RangeSpec
        A band from ``low_km`` to ``high_km`` labelled with the phrase and its
        reading, or a single ring at ``nominal_km``; a claim with an open
        bound is a ring at the stated bound labelled ``"up to 300 km"`` or
        ``"at least 300 km"``.
    """
    phrase = " ".join(claim.phrase.split())
    low, high = claim.low_km, claim.high_km
    if low is not None and high is not None and low != high:
        spec = RangeSpec(low, high, weapon=claim.weapon)
        return RangeSpec(
            low,
            high,
            label=f"{phrase} → {spec.label}",
            detail=f"read as {claim.interpretation()}",
            weapon=claim.weapon,
        )
    # An open bound ("up to 300 km", "more than 300 km") is one ring at the
    # stated bound, labelled with the side that is open.
    label = _in_unit(claim.nominal_km, claim.unit)
    if low is None:
        label = f"up to {label}"
    elif high is None:
        label = f"at least {label}"
    return RangeSpec(
        claim.nominal_km,
        claim.nominal_km,
        label=label,
        detail=f"read as {claim.interpretation()}",
        weapon=claim.weapon,
    )


def weapon_specs(name: str | Weapon, *, side: str | None = None) -> list[RangeSpec]:
    """Return one ring per distinct maximum range of a weapon's variants.

    Parameters
    ----------
    name : str or Weapon
        A weapon or variant name, id or alias (``"ATACMS"``, ``"M39A1"``,
        ``"storm shadow"``), or a catalogue weapon.
    side : str, optional
        The launch side (``"UA"``, ``"RU"``). A ring none of whose variants
        the side operates names the operators in its weapon label
        (``"Kh-101 (RU)"``) and detail (``"operated by RU"``).

    Returns
    -------
    list of RangeSpec
        Rings labelled with the weapon and variant, their sources in the detail.
        Variants with the same maximum range share one ring; a variant whose
        published figures disagree (:attr:`Variant.spread`) is a band over
        that spread instead.

    Raises
    ------
    UnknownNameError
        If the catalogue has no such weapon; close names are suggested.
    """
    if isinstance(name, Weapon):
        weapon, variants = name, name.variants
    else:
        weapon, variants = find_weapon_variants(name)
    by_range: dict[float, list[Variant]] = {}
    for variant in variants:
        by_range.setdefault(variant.max_range_km, []).append(variant)
    specs = []
    # Colours are keyed by the weapon and the ring's place among all its
    # variants' ranges, so a variant keeps its colour on every map.
    every_range = sorted({v.max_range_km for v in _catalogue_variants(weapon)} | set(by_range))
    for range_km, group in sorted(by_range.items()):
        color_key = f"{weapon.name}#{every_range.index(range_km)}"
        names = " / ".join(v.name for v in group)
        if len(weapon.variants) == 1:
            who = weapon.name
        elif names.casefold().startswith(weapon.name.casefold()):
            who = names
        else:
            who = f"{weapon.name} {names}"
        sources = "; ".join(f"{v.name}: {v.source}" if len(group) > 1 else v.source for v in group)
        operated = "" if side is None else _not_operated(group, side)
        if operated:
            who = f"{who} ({operated})"
            sources = f"operated by {operated}, not by the launch side {side}. {sources}"
        spread = group[0].spread if len(group) == 1 else None
        if spread is not None:
            # Sources disagree by more than 10%: a band over the published spread.
            low, high = spread
            specs.append(
                RangeSpec(
                    low,
                    high,
                    detail=(
                        f"published maximum ranges disagree: {format_km(low)} to "
                        f"{format_km(high)} (nominal {format_km(range_km)}). Sources: {sources}"
                    ),
                    weapon=who,
                    color_key=color_key,
                )
            )
            continue
        specs.append(
            RangeSpec(
                range_km,
                range_km,
                label=format_km(range_km),
                detail=f"published maximum range. Source: {sources}",
                weapon=who,
                color_key=color_key,
            )
        )
    return specs


def _catalogue_variants(weapon: Weapon) -> tuple[Variant, ...]:
    """All catalogued variants of ``weapon`` (its own, if it is not in the catalogue)."""
    from rangemap.catalogue import find_weapon

    try:
        return find_weapon(weapon.id).variants
    except InputError:
        return weapon.variants


def _not_operated(variants: Sequence[Variant], side: str) -> str:
    """Return the operators of variants none of which `side` operates, else ``""``."""
    if any(v.operated_by(side) for v in variants):
        return ""
    operators = dict.fromkeys(code for v in variants for code in v.operators)
    return ", ".join(operators) or "no catalogued operator"


def _weapon_warnings(weapon: Weapon, variants: Sequence[Variant], side: str) -> list[str]:
    """Say which drawn rings show variants the launch side does not operate.

    Variants sharing a ring (one maximum range) count as operated when the
    side operates one of them, as :func:`weapon_specs` labels them.
    """
    by_range: dict[float, list[Variant]] = {}
    for variant in variants:
        by_range.setdefault(variant.max_range_km, []).append(variant)
    foreign = [v for group in by_range.values() if _not_operated(group, side) for v in group]
    if not foreign:
        return []
    operators = ", ".join(dict.fromkeys(c for v in foreign for c in v.operators)) or "nobody"
    what = weapon.name if len(foreign) == len(variants) else " / ".join(v.name for v in foreign)
    return [
        f"{what} is operated by {operators}, not by the launch side {side}; drawn anyway, "
        "labelled with its operator"
    ]


def _as_of_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"--as-of {str(value)[:40]!r}: give a date as YYYY-MM-DD") from None


def _control_data(
    control: str | os.PathLike[str] | ControlData | None, as_of: str | dt.date | None
) -> ControlData:
    """Return the control data a map uses: the bundled default, or a user's file."""
    from rangemap.places import ControlData, default_control, load_control

    date = _as_of_date(as_of)
    if isinstance(control, ControlData):
        return control if date is None else dataclasses.replace(control, as_of=date)
    if control is None:
        if date is not None:
            default = default_control()
            stated = default.as_of.isoformat() if default.as_of else "not stated"
            raise InputError(
                f"--as-of dates a --control file; the bundled control data are as of {stated}"
            )
        return default_control()
    return load_control(Path(control), user_file=True, as_of=date)


def _launch_places(
    launch: str | Place | Sequence[str | Place], control: ControlData
) -> list[Place]:
    """Resolve launch places; ``front:UA`` is the front line under the control data."""
    return [
        p
        if isinstance(p, Place)
        else resolve_front(p, control=control)
        if is_front(p)
        else resolve_launch(p)
        for p in _as_list(launch)
    ]


def _as_list(value: str | Place | Iterable[str | Place] | None) -> list[str | Place]:
    if value is None:
        return []
    if isinstance(value, str | Place):
        return [value]
    return list(value)


class RangeMap:
    """A computed range map, ready to be written in any output format.

    Parameters
    ----------
    scene : Scene
        What the map shows.
    tiles : str, xyzservices.TileProvider or None, optional
        Basemap of the HTML map: ``"light"`` (default; Esri's light grey
        canvas with English labels), ``"osm"``, an xyzservices provider name,
        a URL template ``https://.../{z}/{x}/{y}.png``, or None for none (see
        :func:`rangemap.render.assets.resolve_tiles`).
    offline : bool, optional
        Insist on self-contained HTML (the default; refused with ``cdn``).
    cdn : bool, optional
        Link Leaflet from a CDN instead of inlining it from the
        ``xstatic-leaflet`` package: a smaller page that needs the network.
        An attribute; set it before writing.
    assets_dir : str or path-like, optional
        Inline Leaflet from this folder (``leaflet.js``, ``leaflet.css``,
        ``images/``) instead of the packaged copy.
    claims : sequence of RangeClaim, optional
        The range claims the map was drawn from, for reports.
    weapons : sequence of Weapon, optional
        The catalogue weapons drawn (with the variants drawn), for reports.
    sites : sequence of Site, optional
        The user's sites, for coverage.

    Notes
    -----
    In Jupyter the object renders itself inline (``_repr_html_``), isolated in
    an iframe like :meth:`to_fragment`.
    """

    def __init__(
        self,
        scene: Scene,
        *,
        tiles: object = "light",
        offline: bool = False,
        cdn: bool = False,
        assets_dir: str | os.PathLike[str] | None = None,
        claims: Sequence[RangeClaim] = (),
        weapons: Sequence[Weapon] = (),
        sites: Sequence[Site] = (),
    ) -> None:
        self.scene = scene
        self.tiles = tiles
        self.offline = offline
        self.cdn = cdn
        self.assets_dir = assets_dir
        self.claims = tuple(claims)
        self.weapons = tuple(weapons)
        self.sites = tuple(sites)

    @property
    def title(self) -> str:
        """The map's title."""
        return self.scene.title

    def to_html(self) -> str:
        """Return the map as a standalone interactive HTML page."""
        from rangemap.render.html import to_html

        return to_html(self.scene, **self._page_options())

    def to_fragment(self) -> str:
        """Return an HTML snippet to paste into a host page or CMS.

        The map lives in an ``iframe`` (its page in ``srcdoc``), so any
        number of fragments can share a host page without their ids, scripts
        or styles meeting.
        """
        from rangemap.render.html import to_fragment

        return to_fragment(self.scene, **self._page_options())

    def _page_options(self) -> dict[str, Any]:
        """Keyword arguments of the HTML writers: basemap and how Leaflet is included."""
        return {
            "tiles": self.tiles,
            "offline": self.offline,
            "cdn": self.cdn,
            "assets_dir": self.assets_dir,
        }

    def to_geojson(self) -> str:
        """Return the map's layers as a GeoJSON FeatureCollection."""
        from rangemap.render.export import to_geojson

        return to_geojson(self.scene)

    def to_kml(self) -> str:
        """Return the map's layers as a KML 2.2 document."""
        from rangemap.render.kml import to_kml

        return to_kml(self.scene)

    def to_image(
        self, fmt: str = "png", *, width: int = 1600, height: int = 1000, dpi: int = 150
    ) -> bytes:
        """Return a static image of the map, rendered with matplotlib without network.

        Parameters
        ----------
        fmt : {"png", "svg"}, optional
            Image format.
        width, height : int, optional
            Size in pixels (200 to 8,000).
        dpi : int, optional
            Resolution (50 to 600); sets the size of text and lines.

        Returns
        -------
        bytes
            The encoded image.
        """
        from rangemap.render.static import render_static

        return render_static(self.scene, fmt=fmt, width_px=width, height_px=height, dpi=dpi)

    def render(
        self, fmt: str, *, width: int = 1600, height: int = 1000, dpi: int = 150
    ) -> str | bytes:
        """Return the map in format ``fmt``.

        Parameters
        ----------
        fmt : {"html", "fragment", "geojson", "kml", "png", "svg"}
            Output format.
        width, height, dpi : int, optional
            Image size and resolution, for ``png`` and ``svg``.

        Returns
        -------
        str or bytes
            Text for html, fragment, geojson, kml and svg; bytes for png.

        Raises
        ------
        InputError
            If the format is unknown.
        """
        if fmt in ("png", "svg"):
            image = self.to_image(fmt, width=width, height=height, dpi=dpi)
            return image.decode("utf-8") if fmt == "svg" else image
        renderers = {
            "html": self.to_html,
            "fragment": self.to_fragment,
            "geojson": self.to_geojson,
            "kml": self.to_kml,
        }
        if fmt not in renderers:
            raise InputError(f"unknown format {fmt!r}; must be one of {', '.join(FORMAT_NAMES)}")
        return renderers[fmt]()

    def save(
        self,
        path: str | os.PathLike[str],
        *,
        fmt: str | None = None,
        width: int = 1600,
        height: int = 1000,
        dpi: int = 150,
    ) -> Path:
        """Write the map to ``path`` atomically (see :mod:`rangemap.render.files`).

        The path is checked before the map is drawn. A symbolic link is
        followed and its target replaced; a device or FIFO is written
        through, never replaced; ``-`` is standard output.

        Parameters
        ----------
        path : str or path-like
            Output file; its suffix names the format unless ``fmt`` is given
            (``.html``, ``.geojson``, ``.kml``, ``.png``, ``.svg``), or ``-``
            for standard output (default format ``html``).
        fmt : str, optional
            Output format, overriding the suffix (``"fragment"`` needs it).
        width, height, dpi : int, optional
            Image size and resolution, for ``png`` and ``svg``.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        fmt = output_format(path, fmt)
        check_writable(path, fmt)
        return write_atomic(path, self.render(fmt, width=width, height=height, dpi=dpi))

    def coverage(self, *, all_sides: bool = False) -> Coverage:
        """Return what lies within the outermost range, cities included.

        Parameters
        ----------
        all_sides : bool, optional
            List the launch side's own places (and third countries) with the
            targets. By default only the other side's places are listed.
        """
        return scene_coverage(self.scene, sites=self.sites, all_sides=all_sides)

    def save_report(
        self,
        directory: str | os.PathLike[str],
        *,
        width: int = 1600,
        height: int = 1000,
        dpi: int = 150,
        all_sides: bool = False,
    ) -> Path:
        """Write a report bundle (see :mod:`rangemap.render.report`) into ``directory``.

        Parameters
        ----------
        directory : str or path-like
            A new or empty folder, or a previous report, which is replaced.
        width, height, dpi : int, optional
            Size and resolution of ``map.png``.
        all_sides : bool, optional
            List own-side places in the tables too (by default only the
            other side's places, the targets, are listed).

        Returns
        -------
        pathlib.Path
            The report folder.
        """
        from rangemap.render.report import check_report_folder, write_report

        check_report_folder(directory)  # before the coverage, which takes seconds
        # One coverage, cities included, serves the tables and the map's shading.
        coverage = self.coverage(all_sides=all_sides)
        return write_report(
            dataclasses.replace(self.scene, coverage=coverage),
            directory,
            coverage=coverage,
            claims=self.claims,
            weapons=self.weapons,
            **self._page_options(),
            width=width,
            height=height,
            dpi=dpi,
        )

    def _repr_html_(self) -> str:
        return self.to_fragment()


def make_map(
    launch: str | Place | Sequence[str | Place],
    ranges: str | float | Sequence[str | float | RangeSpec] = (),
    *,
    weapons: str | Sequence[str] = (),
    highlight: str | Place | Sequence[str | Place] | None = None,
    title: str | None = None,
    standoff: str | float | None = None,
    sites: str | os.PathLike[str] | Sequence[Site] | None = None,
    coverage: bool = True,
    tiles: object = "light",
    offline: bool = False,
    cdn: bool = False,
    assets_dir: str | os.PathLike[str] | None = None,
    claims: Sequence[RangeClaim] = (),
    extra_weapons: Sequence[Weapon] = (),
    side: str | None = None,
    control: str | os.PathLike[str] | ControlData | None = None,
    as_of: str | dt.date | None = None,
) -> RangeMap:
    """Build a range map.

    Parameters
    ----------
    launch : str, Place or sequence of them
        Where the ranges are measured from: ``"LAT,LON"``, a city, a region,
        a country, ``"border:UA-RU"``, ``"front:UA"`` (the front line inside
        Ukraine under the control data) or a GeoJSON file (see
        :func:`rangemap.places.resolve_launch`). Several places are combined
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
    tiles, offline, cdn, assets_dir : optional
        The HTML page's basemap and Leaflet (see :class:`RangeMap`): by
        default a light basemap with English labels, Leaflet inlined.
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

    Returns
    -------
    RangeMap
        The computed map.

    Raises
    ------
    rangemap.errors.RangemapError
        For an unknown place, a bad range or a bad option.
    """
    from rangemap.render.assets import resolve_tiles

    resolve_tiles(tiles)  # a bad basemap fails before any work
    if offline and cdn:
        raise InputError("--offline and --cdn exclude each other")
    data = _control_data(control, as_of)
    launches = _launch_places(launch, data)
    range_values: list[str | float | RangeSpec]
    range_values = [ranges] if isinstance(ranges, str | int | float) else list(ranges)
    specs = [r if isinstance(r, RangeSpec) else parse_range(r) for r in range_values]
    drawn_weapons = []
    for name in [weapons] if isinstance(weapons, str) else weapons:
        weapon, variants = find_weapon_variants(name)
        drawn_weapons.append((name, dataclasses.replace(weapon, variants=variants)))
    areas = [resolve_area(p) for p in _as_list(highlight)]
    user_sites = _load_user_sites(sites)
    standoff_km = None if standoff is None else _distance_km(standoff, "--standoff")
    combined = combine_launches(launches, standoff_km=standoff_km, side=side, control=data)
    warnings = []
    for name, weapon in drawn_weapons:
        specs.extend(weapon_specs(name, side=combined.side))
        warnings += _weapon_warnings(weapon, weapon.variants, combined.side)
    for weapon in extra_weapons:
        warnings += _weapon_warnings(weapon, weapon.variants, combined.side)
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
        tiles=tiles,
        offline=offline,
        cdn=cdn,
        assets_dir=assets_dir,
        claims=[*claims, *_claims_of(range_values)],
        weapons=[*extra_weapons, *(weapon for _, weapon in drawn_weapons)],
        sites=user_sites,
    )


def _claims_of(values: Sequence[str | float | RangeSpec]) -> list[RangeClaim]:
    """Return the range values that read as claims ("300 km", "several hundred km")."""
    from rangemap.claims import parse_claim

    found = []
    for value in values:
        if isinstance(value, str):
            try:
                found.append(parse_claim(value))
            except InputError:
                continue
    return found


def _distance_km(value: str | float, what: str) -> float:
    distance = float(value) if isinstance(value, int | float) else parse_distance_km(value)
    if not distance > 0 or distance > MAX_RANGE_KM:
        raise InputError(
            f"{what} {value!r}: give a distance above 0 and at most {MAX_RANGE_KM:,.0f} km"
        )
    return distance


def _load_user_sites(sites: str | os.PathLike[str] | Sequence[Site] | None) -> list[Site]:
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


def article_map(
    text: str,
    *,
    launch: str | Place | Sequence[str | Place] = "border:UA-RU",
    title: str | None = None,
    standoff: str | float | None = None,
    sites: str | os.PathLike[str] | Sequence[Site] | None = None,
    extra_ranges: Sequence[RangeSpec] = (),
    extra_highlights: Sequence[str | Place] = (),
    coverage: bool = True,
    tiles: object = "light",
    offline: bool = False,
    assets_dir: str | os.PathLike[str] | None = None,
    side: str | None = None,
    control: str | os.PathLike[str] | ControlData | None = None,
    as_of: str | dt.date | None = None,
) -> tuple[RangeMap, ArticleReading]:
    """Build the map a news text describes.

    Parameters
    ----------
    text : str
        News prose.
    launch : str, Place or sequence of them, optional
        Where the ranges are measured from; the Ukraine–Russia border by default.
    title : str, optional
        Map title; by default built from what the text names.
    tiles : str, xyzservices.TileProvider or None, optional
        Basemap of the HTML map (see :class:`RangeMap`).
    standoff, sites, coverage, offline, assets_dir, side, control, as_of : optional
        As for :func:`make_map`.
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
    data = _control_data(control, as_of)
    launches = _launch_places(launch, data)
    # The side labels the weapons it does not operate (make_map warns about them).
    launch_side = side or combine_launches(launches, control=data).side
    weapon_layers, notes, reach_weapons = _article_weapon_specs(reading, launch_side)
    specs.extend(weapon_layers)
    specs.extend(extra_ranges)
    # A title for readers: what the claims (in the text's words) and weapons
    # drawn can reach; without claims drawn, the map's own (rangemap.scene).
    if title is None and drawn_claims:
        named = [f"“{' '.join(c.phrase.split())}”" for c in drawn_claims]
        named += [w.name for w in reach_weapons]
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        where = ", ".join(p.name for p in launches)
        title = f"What {listed} can reach from {where}"
    rmap = make_map(
        launches,
        specs,
        highlight=[*reading.highlights, *extra_highlights],
        title=title,
        standoff=standoff,
        sites=sites,
        coverage=coverage,
        tiles=tiles,
        offline=offline,
        assets_dir=assets_dir,
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


def _article_weapon_specs(
    reading: ArticleReading, side: str
) -> tuple[list[RangeSpec], list[str], list[Weapon]]:
    """Return the rings of the weapons a text names, notes, and the weapons drawn as reaches.

    A weapon a claim is tied to carries the claim's reading in its rings'
    details and in a note; a weapon the text says was not supplied is a
    comparison layer (:attr:`RangeSpec.comparison`), labelled without the
    launch side's operator warning.
    """
    from rangemap.article import comparison_reason, tie_note

    specs: list[RangeSpec] = []
    notes: list[str] = []
    reach_weapons: list[Weapon] = []
    for weapon in reading.drawn_weapons:
        ties = [
            tie_note(group.claim, weapon)
            for group in reading.tied_groups
            if (tied := reading.weapon_of(group.claim)) is not None and tied.id == weapon.id
        ]
        notes.extend(f"The text's {tie}" for tie in ties)
        said = "".join(f"The text's {tie}. " for tie in ties)
        reason = comparison_reason(reading, weapon, side)
        if reason is None:
            reach_weapons.append(weapon)
            specs.extend(
                dataclasses.replace(spec, detail=said + spec.detail[:1].upper() + spec.detail[1:])
                for spec in weapon_specs(weapon, side=side)
            )
            continue
        operators = ", ".join(weapon.operators) or "no catalogued operator"
        fielded = "" if weapon.operated_by(side) else f"; operated by {operators}, not by {side}"
        specs.extend(
            dataclasses.replace(
                spec,
                comparison=reason,
                detail=(
                    f"Shown for comparison only: the text says {weapon.name} was {reason}"
                    f"{fielded}. {said}{spec.detail}"
                ),
            )
            for spec in weapon_specs(weapon)
        )
    return specs, notes, reach_weapons


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
    reaching: list[tuple[str, str, float, float, tuple[str, ...]]]
    short: list[tuple[str, str, float, float, tuple[str, ...]]]
    side: str = "UA"
    side_inferred: bool = True
    any_operator: bool = False

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dictionary."""

        def rows(
            items: list[tuple[str, str, float, float, tuple[str, ...]]],
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
        As for :func:`make_map`.
    standoff, side, control, as_of : optional
        As for :func:`make_map`; the launch stands on the ground its side holds.
    any_operator : bool, optional
        List the strike weapons of every operator, not only the launch side's.

    Returns
    -------
    RangeNeeded
        The distance and the weapons with their margins and operators.
    """
    from rangemap.catalogue import strike_weapons, weapons_for_side

    goal = target if isinstance(target, Place) else _resolve_target(target)
    data = _control_data(control, as_of)
    places = _launch_places(launch, data)
    standoff_km = None if standoff is None else _distance_km(standoff, "--standoff")
    combined = combine_launches(places, standoff_km=standoff_km, side=side, control=data)
    distance = distance_between_km(combined.geometry, goal.geometry)
    reaching: list[tuple[str, str, float, float, tuple[str, ...]]] = []
    short: list[tuple[str, str, float, float, tuple[str, ...]]] = []
    # Air-defence systems are umbrellas around where they stand: never a way to reach a target.
    # Belarus launches are the Russian side (see rangemap.launch): Russia's weapons.
    fielded = (
        [(w, w.variants) for w in strike_weapons()]
        if any_operator
        else weapons_for_side("RU" if combined.side == "BY" else combined.side)
    )
    for weapon, variants in fielded:
        for variant in variants:
            margin = variant.max_range_km - distance
            row = (weapon.name, variant.name, variant.max_range_km, margin, variant.operators)
            (reaching if margin >= 0 else short).append(row)
    reaching.sort(key=lambda r: r[3])
    short.sort(key=lambda r: -r[3])
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
