"""The library API: build a range map and write it in any format.

>>> import rangemap
>>> m = rangemap.map("Sumy", ["300km", "165 km"], highlight=["Kursk"])  # doctest: +SKIP
>>> m.save("sumy.html")  # doctest: +SKIP

The command line (:mod:`rangemap.cli`) is a thin layer over this module.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rangemap.errors import InputError
from rangemap.geodesy import check_range_km
from rangemap.places import Place, resolve_area, resolve_launch
from rangemap.render.files import (
    FORMAT_NAMES,
    check_format,
    check_writable,
    format_for_path,
    write_atomic,
)
from rangemap.scene import RangeSpec, Scene, build_scene, format_km
from rangemap.units import parse_distance_km
from rangemap.weapons import Variant, Weapon, find_weapon_variants

if TYPE_CHECKING:
    from rangemap.article import ArticleReading
    from rangemap.claims import RangeClaim

__all__ = [
    "RangeMap",
    "article_map",
    "claim_spec",
    "make_map",
    "parse_range",
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
        If the value is neither a distance nor a range claim, or lies outside
        (0, 20,000] km.
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
    return RangeSpec.single(range_km)


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
        reading, or a single ring at ``nominal_km``.
    """
    phrase = " ".join(claim.phrase.split())
    if claim.is_band:
        spec = RangeSpec(claim.low_km, claim.high_km, weapon=claim.weapon)
        return RangeSpec(
            claim.low_km,
            claim.high_km,
            label=f"{phrase} → {spec.label}",
            detail=f"read as {claim.interpretation()}",
            weapon=claim.weapon,
        )
    return RangeSpec(
        claim.nominal_km,
        claim.nominal_km,
        label=format_km(claim.nominal_km),
        detail=f"read as {claim.interpretation()}",
        weapon=claim.weapon,
    )


def weapon_specs(name: str | Weapon) -> list[RangeSpec]:
    """Return one ring per distinct maximum range of a weapon's variants.

    Parameters
    ----------
    name : str or Weapon
        A weapon or variant name, id or alias (``"ATACMS"``, ``"M39A1"``,
        ``"storm shadow"``), or a catalogue weapon.

    Returns
    -------
    list of RangeSpec
        Rings labelled with the weapon and variant, their sources in the detail.
        Variants with the same maximum range share one ring.

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
    for range_km, group in sorted(by_range.items()):
        names = " / ".join(v.name for v in group)
        if len(weapon.variants) == 1:
            who = weapon.name
        elif names.casefold().startswith(weapon.name.casefold()):
            who = names
        else:
            who = f"{weapon.name} {names}"
        sources = "; ".join(f"{v.name}: {v.source}" if len(group) > 1 else v.source for v in group)
        specs.append(
            RangeSpec(
                range_km,
                range_km,
                label=format_km(range_km),
                detail=f"published maximum range. Source: {sources}",
                weapon=who,
            )
        )
    return specs


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
    tiles : {"osm"} or None, optional
        Base tiles of the HTML map; None for none.
    offline : bool, optional
        Write HTML that draws without network: scripts and stylesheets inlined
        (see :mod:`rangemap.render.assets`).
    assets_dir : str or path-like, optional
        With ``offline``, the folder holding ``leaflet.js`` and ``leaflet.css``.

    Notes
    -----
    In Jupyter the object renders itself inline (``_repr_html_``), isolated in
    an iframe like :meth:`to_fragment`.
    """

    def __init__(
        self,
        scene: Scene,
        *,
        tiles: str | None = "osm",
        offline: bool = False,
        assets_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self.scene = scene
        self.tiles = tiles
        self.offline = offline
        self.assets_dir = assets_dir

    @property
    def title(self) -> str:
        """The map's title."""
        return self.scene.title

    def to_html(self) -> str:
        """Return the map as a standalone interactive HTML page."""
        from rangemap.render.html import to_html

        return to_html(
            self.scene, tiles=self.tiles, offline=self.offline, assets_dir=self.assets_dir
        )

    def to_fragment(self) -> str:
        """Return an HTML snippet to paste into a host page or CMS.

        The map lives in an ``iframe`` (its page in ``srcdoc``), so any
        number of fragments can share a host page without their ids, scripts
        or styles meeting.
        """
        from rangemap.render.html import to_fragment

        return to_fragment(
            self.scene, tiles=self.tiles, offline=self.offline, assets_dir=self.assets_dir
        )

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
        """Write the map to ``path`` atomically.

        Parameters
        ----------
        path : str or path-like
            Output file; its suffix names the format unless ``fmt`` is given
            (``.html``, ``.geojson``, ``.kml``, ``.png``, ``.svg``).
        fmt : str, optional
            Output format, overriding the suffix (``"fragment"`` needs it).
        width, height, dpi : int, optional
            Image size and resolution, for ``png`` and ``svg``.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        fmt = check_format(fmt) if fmt else format_for_path(path)
        check_writable(path)
        return write_atomic(path, self.render(fmt, width=width, height=height, dpi=dpi))

    def _repr_html_(self) -> str:
        return self.to_fragment()


def make_map(
    launch: str | Place | Sequence[str | Place],
    ranges: str | float | Sequence[str | float | RangeSpec] = (),
    *,
    weapons: str | Sequence[str] = (),
    highlight: str | Place | Sequence[str | Place] | None = None,
    title: str | None = None,
    tiles: str | None = "osm",
    offline: bool = False,
    assets_dir: str | os.PathLike[str] | None = None,
) -> RangeMap:
    """Build a range map.

    Parameters
    ----------
    launch : str, Place or sequence of them
        Where the ranges are measured from: ``"LAT,LON"``, a city, a region,
        a country or ``"border:UA-RU"`` (see :func:`rangemap.places.resolve_launch`).
    ranges : str, float or sequence of them
        Ranges such as ``"300km"``, ``"190 mi"`` or ``300`` (km), claims
        such as ``"several hundred kilometers"``, or :class:`RangeSpec` objects.
    weapons : str or sequence of str, optional
        Catalogue weapons (``"ATACMS"``, ``"Taurus"``, ``"M39A1"``): one ring
        per variant's published maximum range.
    highlight : str, Place or sequence of them, optional
        Regions or countries to highlight (``"Kursk"`` is Kursk oblast).
    title : str, optional
        Map title; by default built from the inputs.
    tiles : {"osm"} or None, optional
        Base tiles of the HTML map.
    offline : bool, optional
        Inline the page's scripts and stylesheets (see :class:`RangeMap`).
    assets_dir : str or path-like, optional
        With ``offline``, the folder holding ``leaflet.js`` and ``leaflet.css``.

    Returns
    -------
    RangeMap
        The computed map.

    Raises
    ------
    rangemap.errors.RangemapError
        For an unknown place, a bad range or a bad option.
    """
    if tiles is not None and tiles != "osm":
        raise InputError(f"unknown tiles {tiles!r}; must be one of osm, none")
    launches = [p if isinstance(p, Place) else resolve_launch(p) for p in _as_list(launch)]
    range_values: list[str | float | RangeSpec]
    range_values = [ranges] if isinstance(ranges, str | int | float) else list(ranges)
    specs = [r if isinstance(r, RangeSpec) else parse_range(r) for r in range_values]
    for name in [weapons] if isinstance(weapons, str) else weapons:
        specs.extend(weapon_specs(name))
    areas = [p if isinstance(p, Place) else resolve_area(p) for p in _as_list(highlight)]
    scene = build_scene(launches, specs, highlights=areas, title=title)
    return RangeMap(scene, tiles=tiles, offline=offline, assets_dir=assets_dir)


def article_map(
    text: str,
    *,
    launch: str | Place | Sequence[str | Place] = "border:UA-RU",
    title: str | None = None,
    tiles: str | None = "osm",
    offline: bool = False,
    assets_dir: str | os.PathLike[str] | None = None,
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
    tiles : {"osm"} or None, optional
        Base tiles of the HTML map.
    offline, assets_dir : optional
        As for :func:`make_map`.

    Returns
    -------
    RangeMap
        Bands and rings for the claims, rings for the weapons named, the
        regions named highlighted (see :mod:`rangemap.article`).
    ArticleReading
        What was found in the text, to report alongside the map.

    Raises
    ------
    InputError
        If the text holds no range claim and names no catalogue weapon.
    """
    from rangemap.article import read_article

    reading = read_article(text)
    if reading.is_empty:
        raise InputError(
            "the text states no range (such as '300 km' or 'several hundred kilometers') "
            "and names no catalogue weapon (see 'rangemap weapons'); nothing to draw"
        )
    specs = [claim_spec(claim) for claim in reading.claims]
    for weapon in reading.weapons:
        specs.extend(weapon_specs(weapon))
    launches = [p if isinstance(p, Place) else resolve_launch(p) for p in _as_list(launch)]
    if title is None:
        named = [f"“{' '.join(c.phrase.split())}”" for c in reading.claims]
        named += [w.name for w in reading.weapons]
        where = ", ".join(p.name for p in launches)
        title = f"What {', '.join(named)} reach from {where}"
    rmap = make_map(
        launches,
        specs,
        highlight=list(reading.highlights),
        title=title,
        tiles=tiles,
        offline=offline,
        assets_dir=assets_dir,
    )
    return rmap, reading
