"""What a map shows, independent of how it is drawn.

A :class:`Scene` holds the launch places, the range layers (a *ring* for one
range, a *band* between a low and a high range), the highlighted areas and
the title. Renderers (``rangemap.render``) turn a scene into HTML, GeoJSON and
other formats; they never compute geometry themselves.

Model: from a launch point, a *ring* is the geodesic circle on the WGS84
ellipsoid at the given range (:mod:`rangemap.geodesy`). From a launch area or
line (a region, a country, a border, a GeoJSON file, or several places
together), the *reach* is every place whose geodesic distance to the nearest
point of the launch geometry is at most the range (:mod:`rangemap.geodesy.reach`). A
*band* is the reach at its high range minus the reach at its low range.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from rangemap.coverage import Coverage
from rangemap.errors import InputError
from rangemap.geodesy import ring_line, ring_polygon
from rangemap.launch import Launch
from rangemap.map_labels import MapLabel, ring_labels
from rangemap.places import ControlData, Place
from rangemap.spec import RangeSpec, short_name
from rangemap.units import format_km

__all__ = ["MapLabel", "RangeLayer", "Scene", "build_scene"]


@dataclass(frozen=True)
class RangeLayer:
    """A range drawn from one launch place.

    Attributes
    ----------
    spec : RangeSpec
        What range it is.
    launch : Place
        Where it is measured from.
    origin : tuple of float
        ``(lon, lat)`` of the point the range is measured from.
    area : shapely geometry
        The reached area: the disc at ``high_km``, minus the disc at
        ``low_km`` for a band. Valid RFC 7946 lon/lat geometry.
    outlines : tuple of shapely geometry
        The edges as lines split at the antimeridian: one for a ring or a
        reach, low and high for a band.
    full_area : shapely geometry
        Everything within ``high_km``: ``area`` plus, for a band, the part
        within ``low_km``.
    """

    spec: RangeSpec
    launch: Place
    origin: tuple[float, float]
    area: BaseGeometry
    outlines: tuple[BaseGeometry, ...]
    full_area: BaseGeometry

    @property
    def kind(self) -> str:
        """``"band"``, ``"ring"`` (from a point) or ``"reach"`` (from an area or line)."""
        if self.spec.is_band:
            return "band"
        return "ring" if self.launch.is_point else "reach"

    def edge_point(self, bearing_deg: float, edge: int = -1) -> tuple[float, float]:
        """``(lon, lat)`` of the outline vertex farthest along ``bearing_deg`` from the origin.

        The bearing is measured clockwise from north in a local flat frame
        around the origin (good enough to put a label on the ring's north-east
        side). ``edge`` picks the outline: 0 the first (a band's low edge),
        -1 the last (the outer one).
        """
        lon0, lat0 = self.origin
        k = math.cos(math.radians(lat0))
        ux, uy = math.sin(math.radians(bearing_deg)), math.cos(math.radians(bearing_deg))
        xy = self._outline_xy[edge]
        dx, dy = (xy[:, 0] - lon0) * k, xy[:, 1] - lat0
        d = np.hypot(dx, dy)
        with np.errstate(divide="ignore", invalid="ignore"):
            approx = np.where(d == 0, -np.inf, (dx * ux + dy * uy) / d * 1e6 + d)
        if not approx.size or np.isneginf(approx.max()):
            return lon0, lat0
        # numpy's hypot may differ from math's in the last bit: the vertices
        # near the best by numpy are scored again as before, in their order.
        top = float(approx.max())
        near = np.flatnonzero(approx >= top - 1e-6 * max(1.0, abs(top)))
        best, score = (lon0, lat0), -math.inf
        for x, y in xy[near].tolist():
            dxx, dyy = (x - lon0) * k, y - lat0
            dist = math.hypot(dxx, dyy)
            if dist == 0:
                continue
            s = (dxx * ux + dyy * uy) / dist * 1e6 + dist
            if s > score:
                best, score = (x, y), s
        return best

    @cached_property
    def _outline_xy(self) -> tuple[npt.NDArray[np.float64], ...]:
        """The vertices of each outline, ``(n, 2)`` lon/lat, all its lines in order."""
        return tuple(shapely.get_coordinates(outline) for outline in self.outlines)

    @property
    def legend(self) -> str:
        """Short text for a legend entry: weapon and label.

        A comparison layer says so: ``"Comparison (not supplied): Taurus KEPD
        350 · 500 km — refused by Germany"``.
        """
        spec = self.spec
        if spec.comparison is not None:
            what = f"{spec.weapon} · {spec.label}" if spec.weapon else spec.label
            return f"Comparison (not supplied): {what} — {spec.comparison}"
        text = f"{spec.weapon}: {spec.label}" if spec.weapon else spec.label
        return f"{text} (band)" if spec.is_band else text

    @property
    def tooltip(self) -> str:
        """Plain text for a tooltip: label, origin and detail."""
        parts = [f"{self.spec.label} from {self.launch.name}"]
        if self.spec.weapon and self.spec.weapon not in self.spec.label:
            parts.insert(0, self.spec.weapon)
        if self.spec.detail:
            parts.append(self.spec.detail)
        return " — ".join(parts)


@dataclass(frozen=True)
class Scene:
    """Everything one map shows.

    Attributes
    ----------
    title : str
        The map's title.
    launches : tuple of Place
        Launch places.
    layers : tuple of RangeLayer
        Rings and bands, one per range and launch place.
    highlights : tuple of Place
        Regions or countries to highlight.
    notes : tuple of str
        Short remarks to show with the map (a stand-off, ...).
    launch_geometry : shapely geometry or None
        The combined launch geometry the ranges are measured from.
    coverage : Coverage or None
        What lies within the outermost range, when computed.
    launch_side : str or None
        Who launches (``"UA"``, ``"RU"``), from the launch.
    control : ControlData or None
        The control data the launch ground was taken from.
    legend_notes : tuple of str
        Lines every renderer adds to its legend: a claim set beside the
        published range of the weapon it is about, or a comparison layer
        left out of a drawing that cannot switch a layer off
        (:meth:`without_comparison`).
    """

    title: str
    launches: tuple[Place, ...]
    layers: tuple[RangeLayer, ...]
    highlights: tuple[Place, ...] = ()
    notes: tuple[str, ...] = field(default=())
    launch_geometry: BaseGeometry | None = None
    coverage: Coverage | None = None
    launch_side: str | None = None
    control: ControlData | None = None
    legend_notes: tuple[str, ...] = ()

    @property
    def reach_layers(self) -> tuple[RangeLayer, ...]:
        """The layers drawn as reaches: all but comparison layers (all if every one is)."""
        drawn = tuple(layer for layer in self.layers if layer.spec.comparison is None)
        return drawn or self.layers

    @property
    def comparison_layers(self) -> tuple[RangeLayer, ...]:
        """The layers shown for comparison only (:attr:`RangeSpec.comparison`)."""
        return tuple(layer for layer in self.layers if layer not in self.reach_layers)

    @property
    def outer_layer(self) -> RangeLayer:
        """The reach layer reaching farthest (largest high range), comparison layers aside."""
        return max(self.reach_layers, key=lambda layer: layer.spec.high_km)

    @property
    def surely_reached(self) -> tuple[float, RangeLayer]:
        """The farthest range surely in reach, and its layer.

        A ring or a reach is surely in reach out to its range; a band only out
        to its low edge (beyond it, only if the longer reading holds). Maps
        shade regions and count sites at this range: for a plain band map,
        ``--range "several hundred kilometers"`` (300–900 km), that is 300 km.
        """

        def sure(layer: RangeLayer) -> float:
            return layer.spec.low_km if layer.spec.is_band else layer.spec.high_km

        best = max(self.reach_layers, key=sure)
        return sure(best), best

    def without_comparison(self) -> Scene:
        """Return the scene without its comparison layers, each named in :attr:`legend_notes`."""
        left_out = self.comparison_layers
        if not left_out:
            return self
        lines = [
            f"Not drawn here — {layer.legend} (a layer off by default in the HTML map)"
            for layer in left_out
        ]
        return replace(self, layers=self.reach_layers, legend_notes=(*self.legend_notes, *lines))

    @property
    def colors(self) -> list[str]:
        """One colour per layer, keyed by what the range is (see :mod:`rangemap.render.style`)."""
        from rangemap.render.style import range_colors

        return range_colors([layer.spec.key for layer in self.layers])

    def map_labels(self) -> list[MapLabel]:
        """Return the ring labels: one per distinct range, two per band.

        Rings or reaches of equal range from one launch share one label naming
        them all (``"ATACMS M39A1, Storm Shadow · 300 km"``); comparison layers
        are labelled apart, since they can be switched off. A band is labelled
        at both edges, with its low and high reading.
        """
        return ring_labels(self.layers)

    def bounds(self) -> tuple[float, float, float, float]:
        """Return ``(min_lon, min_lat, max_lon, max_lat)`` of the reach layers and launches."""
        boxes = [layer.area.bounds for layer in self.reach_layers]
        boxes += [place.geometry.bounds for place in self.launches]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _base_weapon(weapon: str) -> str:
    """``"ATACMS"`` of ``"ATACMS M39A1 (Block IA)"``: the name before a variant's."""
    short = short_name(weapon)
    head = short.split(" ")[0]
    return head if re.search(r"[A-Z]{3,}", head) and len(head) >= 3 else short


def _where(launch: Launch) -> str:
    name = launch.name
    held = ", Ukrainian-held stretch"
    if name.endswith(held):
        return "the Ukrainian-held " + name.removesuffix(held)
    if name.endswith(", Russian-held stretch"):
        return "the Russian-held " + name.removesuffix(", Russian-held stretch")
    return name


def _default_title(launch: Launch, specs: Sequence[RangeSpec]) -> str:
    """Return a title for readers.

    Weapons: ``"What ATACMS can reach from the Ukrainian-held Ukraine–Russia
    border (165 and 300 km)"``. A claim's band: ``"What “several hundred
    kilometers” (300–900 km) reaches from Sumy"``. Plain ranges: ``"300 km
    and 165 km from Sumy"``. Comparison layers are not named.
    """
    drawn = [s for s in specs if s.comparison is None] or list(specs)
    where = _where(launch)
    weapons = list(dict.fromkeys(_base_weapon(s.weapon) for s in drawn if s.weapon))
    claims = [s for s in drawn if not s.weapon and s.is_band and " → " in s.label]
    plain = [s for s in drawn if not s.weapon and s not in claims]
    if weapons and not plain:
        kms = sorted({s.high_km for s in drawn if s.weapon})
        numbers = [format_km(km).removesuffix(" km") for km in kms]
        figures = _and(numbers) + " km"
        others = list(dict.fromkeys(s.name or s.label for s in drawn if not s.weapon))
        if others:
            return f"What {_and(weapons)} and {_and(others)} can reach from {where}"
        return f"What {_and(weapons)} can reach from {where} ({figures})"
    if claims and len(drawn) == 1:
        phrase, reading = claims[0].label.split(" → ", 1)
        return f"What “{phrase}” ({reading}) reaches from {where}"
    return f"{_and(list(dict.fromkeys(s.label for s in drawn)))} from {where}"


def _layer(
    launch: Launch, spec: RangeSpec, reach_at: Callable[[float], BaseGeometry]
) -> RangeLayer:
    place = launch.place
    origin = place.anchor
    if launch.is_point:
        lon, lat = origin
        full = area = ring_polygon(lon, lat, spec.high_km)
        outlines = [ring_line(lon, lat, spec.high_km)]
        if spec.is_band:
            area = full.difference(ring_polygon(lon, lat, spec.low_km))
            outlines.insert(0, ring_line(lon, lat, spec.low_km))
    else:
        full = area = reach_at(spec.high_km)
        outlines = [full.boundary]
        if spec.is_band:
            inner = reach_at(spec.low_km)
            area = full.difference(inner)
            outlines.insert(0, inner.boundary)
    return RangeLayer(
        spec=spec,
        launch=place,
        origin=origin,
        area=area,
        outlines=tuple(outlines),
        full_area=full,
    )


def build_scene(
    launch: Launch,
    ranges: Sequence[RangeSpec],
    *,
    highlights: Sequence[Place] = (),
    title: str | None = None,
    control: ControlData | None = None,
) -> Scene:
    """Compute the ring, reach or band of every range from the launch.

    Parameters
    ----------
    launch : Launch
        The combined launch (see :func:`rangemap.launch.combine_launches`).
    ranges : sequence of RangeSpec
        At least one range.
    highlights : sequence of Place, optional
        Regions or countries to highlight.
    title : str, optional
        The map title; by default built from the ranges and launch names.
    control : ControlData, optional
        The control data the launch ground was taken from, recorded in the
        scene and named, with its date, in the notes.

    Returns
    -------
    Scene
        The scene, with geometry computed and no coverage yet.

    Raises
    ------
    InputError
        If no range is given.
    """
    if not ranges:
        raise InputError("no range given; use --range (e.g. --range 300km) or --weapon")
    from rangemap.geodesy import reach

    # A band's inner edge often equals another range (300–900 km beside 300 km).
    reach_at = cache(lambda range_km: reach(launch.geometry, range_km))
    notes = []
    if launch.standoff_km is not None:
        notes.append(
            f"Launchers kept {launch.standoff_km:g} km behind the land border on their side."
        )
    if not launch.is_point:
        notes.append(f"Reach measured from the nearest point of {launch.name}.")
    notes.extend(launch.notes)
    if control is not None:
        notes.append(control.label)
    return Scene(
        title=title if title and title.strip() else _default_title(launch, ranges),
        launches=launch.places,
        layers=tuple(_layer(launch, spec, reach_at) for spec in ranges),
        highlights=tuple(highlights),
        notes=tuple(notes),
        launch_geometry=launch.geometry,
        launch_side=launch.side,
        control=control,
    )
