"""Static PNG and SVG maps drawn with matplotlib, offline.

The map is drawn from the bundled, display-simplified Natural Earth
boundaries (``data/display/``): no tiles and no network. The figure is built
with :class:`matplotlib.figure.Figure` and the Agg canvas directly, never with
``pyplot``, so rendering leaves no global state behind, needs no display and
does not change the user's matplotlib backend.

Projection
----------
Everything is drawn in the azimuthal equidistant projection on the WGS84
ellipsoid, centred on the launch: a launch point itself, else the centroid of
the launch places in an equal-area sense (the centroid, in the Lambert
azimuthal equal-area projection centred on the middle of the launch places'
extent, of their areas, lines or points, whichever is of the highest
dimension; mapped back to lon/lat). Only a scene with no launch is centred on
the middle of its extent. A ring that encloses a pole is thus drawn around its
launch, with the pole in view, and distances from the launch are true. Range
rings look as round as they are on the ground (exactly round around the
centre), instead of the
squashed ovals of plate carrée or the inflated circles of Web Mercator. Away
from the centre the scale perpendicular to the direction of the centre grows
as ``(d/R) / sin(d/R)`` at distance ``d``: by less than 1% within 1,400 km. Geometry split at the
antimeridian is projected part by part and joined again in the plane.

Scale bar
---------
The bar is measured in projected metres, so it is exact at the projection
centre (in every direction) and along lines through it; elsewhere it is off by
the scale error above.

Labels
------
Each distinct range has one short label (``"ATACMS M39A1 · 300 km"``; rings of
equal range share one, a band has one at each edge; see
:meth:`rangemap.scene.Scene.map_labels`) on its ring: at the first bearing
from the north-east round the ring where it overlaps no other label. Countries
in view, the target airbases in reach and the largest target cities are named
where they hide no ring label. Colours are keyed by weapon variant or range
(:mod:`rangemap.render.style`), as in the HTML map and KML. A point
launch is drawn as a dot; a line or an area launch is drawn whole, since a
reach is measured from its nearest point.

Text
----
Titles, labels and legend entries are drawn literally: a ``$`` never starts
matplotlib mathtext, TeX is never used, control characters are dropped, and
the SVG writer XML-escapes everything. SVG text stays text (``svg.fonttype``
``none``) so it can be searched and edited.
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from typing import Any, Literal

import matplotlib
import numpy as np
import numpy.typing as npt
import pyproj
import shapely
import shapely.affinity
import shapely.errors
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch, PathPatch, Rectangle
from matplotlib.path import Path
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from rangemap._paths import data_path
from rangemap.errors import InputError
from rangemap.places import Place
from rangemap.render import style
from rangemap.render.safe import clean_text
from rangemap.scene import RangeLayer, Scene, format_km

__all__ = ["FORMATS", "render_static"]

#: Formats :func:`render_static` writes.
FORMATS: tuple[str, ...] = ("png", "svg")

_SIZE_PX = (200, 8000)
_DPI = (50, 600)
_MARGIN = 0.08  # of the scene's projected extent, on every side
_EARTH_M = 6_371_008.8
# Vertices nearer than this to the antipode of the centre are dropped: there the
# azimuthal projection tears and would smear a polygon across the map.
_MAX_RADIUS_M = 0.85 * math.pi * _EARTH_M
_NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)
_RC: dict[Any, Any] = {
    "text.usetex": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "rangemap",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "hatch.linewidth": 0.6,
    "path.simplify": True,
}
_FloatArray = npt.NDArray[np.float64]
_Corner = Literal["lower left", "upper left", "lower right", "upper right"]
_MOVETO, _LINETO, _CLOSEPOLY = int(Path.MOVETO), int(Path.LINETO), int(Path.CLOSEPOLY)
_LABEL_PT = 8.0  # ring labels
_AREA_PT = 7.5  # names of highlighted areas


def render_static(
    scene: Scene,
    *,
    fmt: str = "png",
    width_px: int = 1600,
    height_px: int = 1000,
    dpi: int = 150,
) -> bytes:
    """Draw a scene as a static PNG or SVG map.

    Countries, regions, the Ukraine–Russia and Ukraine–Belarus borders,
    highlighted areas, launch places, rings and bands with labels, a legend,
    a scale bar, the title and a source line, in an azimuthal equidistant
    projection centred on the scene (see the module docstring). The scale bar
    is exact at the projection centre.

    Parameters
    ----------
    scene : Scene
        What to draw.
    fmt : {"png", "svg"}, optional
        Output format.
    width_px, height_px : int, optional
        Image size in pixels, 200 to 8000 each. An SVG is
        ``width_px / dpi`` by ``height_px / dpi`` inches.
    dpi : int, optional
        Dots per inch, 50 to 600. Text sizes are in points, so at the same
        pixel size a higher dpi draws larger text.

    Returns
    -------
    bytes
        The PNG or SVG (UTF-8) document. The same scene and options give the
        same bytes.

    Raises
    ------
    InputError
        If ``fmt``, a size or ``dpi`` is not one of the accepted values.

    Examples
    --------
    >>> from rangemap.api import make_map
    >>> png = render_static(make_map("Sumy", "300km").scene, width_px=400, height_px=300)
    >>> png.startswith(bytes([0x89]) + b"PNG")
    True
    """
    fmt = _check_options(fmt, width_px, height_px, dpi)
    # Comparison layers (a weapon the text says was not supplied) are left
    # out of a static image, which cannot switch them off; the legend names them.
    scene = scene.without_comparison()
    with matplotlib.rc_context(_RC):
        fig = _draw(scene, width_px=width_px, height_px=height_px, dpi=dpi)
        buffer = BytesIO()
        metadata: dict[str, str | None]
        if fmt == "png":
            metadata = {"Software": None}
        else:
            metadata = {"Date": None, "Creator": "rangemap", "Title": _clean(scene.title)}
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def _check_options(fmt: object, width_px: object, height_px: object, dpi: object) -> str:
    if not isinstance(fmt, str) or fmt.strip().lower() not in FORMATS:
        raise InputError(f"unknown static format {fmt!r}; must be one of {', '.join(FORMATS)}")
    for name, value, (low, high) in (
        ("width_px", width_px, _SIZE_PX),
        ("height_px", height_px, _SIZE_PX),
        ("dpi", dpi, _DPI),
    ):
        if isinstance(value, bool) or not isinstance(value, int | np.integer):
            raise InputError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
        if not low <= value <= high:
            raise InputError(f"{name} must be from {low} to {high}, got {value}")
    return fmt.strip().lower()


# --------------------------------------------------------------------------- text


def _clean(text: str) -> str:
    """Drop the characters XML does not allow (see :mod:`rangemap.render.safe`)."""
    return clean_text(text)


def _literal(text: str) -> str:
    """Return ``text`` so that matplotlib draws it as is (no mathtext)."""
    return _clean(text).replace("$", r"\$")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(_clean(text), max(width, 12), break_on_hyphens=False))


def _legend_text(text: str) -> str:
    # Legend drops entries whose label starts with "_"; a leading space keeps them.
    text = _literal(text)
    return " " + text if text.startswith("_") else text


# ----------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class _Layer:
    """A display layer: lon/lat geometries and their properties."""

    geoms: npt.NDArray[np.object_]
    props: tuple[dict[str, Any], ...]


@cache
def _display_layer(name: str) -> _Layer:
    with data_path(f"display/{name}.geojson").open(encoding="utf-8") as fh:
        data = json.load(fh)
    features = data["features"]
    geoms = np.array([shape(f["geometry"]) for f in features], dtype=object)
    return _Layer(geoms=geoms, props=tuple(f["properties"] for f in features))


@cache
def _seam() -> BaseGeometry:
    """Thin strips along the antimeridian, where data are cut rather than bounded."""
    return shapely.union(
        shapely.box(180.0 - 1e-5, -91.0, 181.0, 91.0),
        shapely.box(-181.0, -91.0, -180.0 + 1e-5, 91.0),
    )


def _without_seam(lines: Any) -> Any:
    """Lines (lon/lat) without their parts along the antimeridian."""
    return shapely.difference(lines, _seam())


def _edges(geoms: Any) -> Any:
    """Outlines of polygons without the cuts at the antimeridian (lon/lat)."""
    return _without_seam(shapely.boundary(geoms))


@cache
def _display_edges(name: str) -> npt.NDArray[np.object_]:
    edges: npt.NDArray[np.object_] = _edges(_display_layer(name).geoms)
    return edges


class _Projection:
    """Azimuthal equidistant projection centred on ``(lon0, lat0)``, metres."""

    def __init__(self, lon0: float, lat0: float) -> None:
        self.lon0 = lon0
        self.lat0 = lat0
        crs = pyproj.CRS.from_dict(
            {"proj": "aeqd", "lat_0": lat0, "lon_0": lon0, "datum": "WGS84", "units": "m"}
        )
        self._fwd = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)

    def points(self, lons: Any, lats: Any) -> tuple[_FloatArray, _FloatArray]:
        x, y = self._fwd.transform(np.asarray(lons, float), np.asarray(lats, float))
        x = np.asarray(x, float)
        y = np.asarray(y, float)
        bad = ~np.isfinite(x) | ~np.isfinite(y) | (np.hypot(x, y) > _MAX_RADIUS_M)
        x[bad] = np.nan
        y[bad] = np.nan
        return x, y

    def _coords(self, coords: _FloatArray) -> _FloatArray:
        if len(coords) == 0:
            return coords
        x, y = self._fwd.transform(coords[:, 0], coords[:, 1])
        out = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
        out[~np.isfinite(out)] = 1e15  # far outside any view; NaN would open closed rings
        return out

    def geometries(self, geoms: Any) -> Any:
        """Project shapely geometries; any that reach near the antipode become empty."""
        projected = shapely.transform(geoms, self._coords)
        coords, index = shapely.get_coordinates(projected, return_index=True)
        bad = np.unique(index[np.hypot(coords[:, 0], coords[:, 1]) > _MAX_RADIUS_M])
        empty = shapely.from_wkt("GEOMETRYCOLLECTION EMPTY")
        if np.ndim(projected) == 0:
            return empty if len(bad) else projected
        projected = np.array(projected, dtype=object)
        projected[bad] = empty
        return projected

    def geometry(self, geom: BaseGeometry) -> BaseGeometry:
        """Project one geometry part by part, then join parts split at the antimeridian."""
        parts = shapely.get_parts(geom)
        projected = [p for p in self.geometries(parts) if not p.is_empty]
        if not projected:
            return shapely.from_wkt("GEOMETRYCOLLECTION EMPTY")
        if len(projected) == 1:
            return projected[0]
        dim = shapely.get_dimensions(projected[0])
        try:
            if dim == 2:
                return shapely.union_all(projected, grid_size=1.0)
            if dim == 1:
                return shapely.line_merge(shapely.union_all(projected, grid_size=1.0))
        except shapely.errors.GEOSException:
            pass
        return shapely.geometrycollections(projected)


def _middle(coords: _FloatArray) -> tuple[float, float]:
    """Middle of the extent of (lon, lat) coordinates, across the antimeridian if shorter."""
    lats = coords[:, 1]
    lons = np.sort(np.mod(coords[:, 0] + 180.0, 360.0) - 180.0)
    gaps = np.diff(np.concatenate([lons, [lons[0] + 360.0]]))
    widest = int(np.argmax(gaps))
    start = lons[(widest + 1) % len(lons)]
    span = 360.0 - gaps[widest]
    lon0 = (start + span / 2.0 + 180.0) % 360.0 - 180.0
    lat0 = (float(lats.min()) + float(lats.max())) / 2.0
    return float(lon0), float(np.clip(lat0, -89.0, 89.0))


def _centre(scene: Scene) -> tuple[float, float]:
    """Projection centre: the launch point, or the launch places' equal-area centroid.

    See the module docstring. A scene without launches is centred on the
    middle of its extent (rings and bands).
    """
    launches = [place.geometry for place in scene.launches if not place.geometry.is_empty]
    if not launches:
        geoms = [g for layer in scene.layers for g in layer.outlines]
        return _middle(shapely.get_coordinates(geoms))
    parts = list(shapely.get_parts(launches))
    dim = max(int(shapely.get_dimensions(p)) for p in parts)
    parts = [p for p in parts if int(shapely.get_dimensions(p)) == dim]
    if dim == 0 and len(parts) == 1:
        point = parts[0]
        return float(point.x), float(np.clip(point.y, -89.0, 89.0))
    lon_a, lat_a = _middle(shapely.get_coordinates(parts))
    laea = pyproj.CRS.from_dict(
        {"proj": "laea", "lat_0": lat_a, "lon_0": lon_a, "datum": "WGS84", "units": "m"}
    )
    fwd = pyproj.Transformer.from_crs("EPSG:4326", laea, always_xy=True)
    flat = [
        shapely.transform(p, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
        for p in parts
    ]
    centroid = shapely.geometrycollections(flat).centroid
    if centroid.is_empty or not np.isfinite([centroid.x, centroid.y]).all():
        return lon_a, lat_a
    lon, lat = fwd.transform(centroid.x, centroid.y, direction="INVERSE")
    return float(lon), float(np.clip(lat, -89.0, 89.0))


def _ring_path(coords: _FloatArray, *, exterior: bool) -> tuple[_FloatArray, list[int]]:
    x, y = coords[:, 0], coords[:, 1]
    area2 = float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    if (area2 > 0) != exterior:  # exteriors counter-clockwise, holes clockwise
        coords = coords[::-1]
    codes = [_LINETO] * len(coords)
    codes[0] = _MOVETO
    codes[-1] = _CLOSEPOLY
    return coords, codes


def _to_path(geoms: Iterable[BaseGeometry]) -> Path | None:
    """Join polygons and lines into one matplotlib path (holes kept)."""
    vertices: list[_FloatArray] = []
    codes: list[int] = []
    for geom in geoms:
        for part in shapely.get_parts(geom):
            if part.is_empty:
                continue
            kind = part.geom_type
            if kind == "Polygon":
                rings = [(part.exterior, True)] + [(r, False) for r in part.interiors]
                for ring, exterior in rings:
                    coords = np.asarray(ring.coords, float)[:, :2]
                    if len(coords) < 4:
                        continue
                    coords, ring_codes = _ring_path(coords, exterior=exterior)
                    vertices.append(coords)
                    codes += ring_codes
            elif kind in ("LineString", "LinearRing"):
                coords = np.asarray(part.coords, float)[:, :2]
                if len(coords) < 2:
                    continue
                vertices.append(coords)
                codes += [_MOVETO] + [_LINETO] * (len(coords) - 1)
            elif kind == "GeometryCollection":
                sub = _to_path(shapely.get_parts(part))
                if sub is not None:
                    vertices.append(np.asarray(sub.vertices, float))
                    codes += [int(c) for c in np.asarray(sub.codes)]
    if not vertices:
        return None
    return Path(np.concatenate(vertices), codes)


# -------------------------------------------------------------------------- view


@dataclass(frozen=True)
class _View:
    """Projected map extent (metres) and the figure layout (inches)."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float
    axes_rect: tuple[float, float, float, float]  # figure fraction
    m_per_pt: float

    @property
    def width(self) -> float:
        return self.xmax - self.xmin

    @property
    def height(self) -> float:
        return self.ymax - self.ymin

    @property
    def box(self) -> BaseGeometry:
        return shapely.box(self.xmin, self.ymin, self.xmax, self.ymax)

    def frac(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.xmin) / self.width, (y - self.ymin) / self.height)


def _fit_view(
    extent: tuple[float, float, float, float], axes_w_in: float, axes_h_in: float
) -> tuple[float, float, float, float]:
    """Grow the extent by the margin, then to the axes' aspect ratio."""
    x0, y0, x1, y1 = extent
    w = max(x1 - x0, 1000.0)
    h = max(y1 - y0, 1000.0)
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    w *= 1.0 + 2.0 * _MARGIN
    h *= 1.0 + 2.0 * _MARGIN
    aspect = axes_w_in / axes_h_in
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return (cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0)


# ---------------------------------------------------------------------- drawing


@dataclass
class _Ctx:
    """What the drawing steps share."""

    fig: Figure
    ax: Any
    proj: _Projection
    view: _View
    scale: float  # text and line scale for the figure size
    borders_visible: bool = False


def _draw(scene: Scene, *, width_px: int, height_px: int, dpi: int) -> Figure:
    w_in, h_in = width_px / dpi, height_px / dpi
    # Text and lines grow with the figure (1 at the default 1600 x 1000 px at 150 dpi),
    # but never below about 10 px for 7.5 pt text, so small images stay legible.
    scale = float(np.clip(math.sqrt(w_in * h_in / (1600 / 150 * 1000 / 150)), 0.6, 1.6))
    scale = max(scale, min(96.0 / dpi, 2.0))
    fig = Figure(figsize=(w_in, h_in), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)

    # Header (title, notes) and footer (source line) heights, in inches.
    pad_in = 0.14 * scale
    side_in = pad_in
    line_pt = (w_in - 2 * side_in) * 72
    title_pt, note_pt, foot_pt = 13.0 * scale, 7.5 * scale, 6.5 * scale
    # Small images keep room for the map: fewer title and note lines.
    roomy = h_in * 72 / scale > 450
    title = _fit_lines(fig, scene.title, title_pt, line_pt, max_lines=3 if roomy else 1, bold=True)
    notes = _fit_lines(fig, "\n".join(scene.notes), note_pt, line_pt, max_lines=3 if roomy else 0)
    n_title = title.count("\n") + 1
    n_notes = notes.count("\n") + 1 if notes else 0
    header_in = pad_in + (n_title * 1.25 * title_pt + n_notes * 1.35 * note_pt) / 72 + pad_in
    lon0, lat0 = _centre(scene)
    lon_text = f"{abs(lon0):.1f}°" + ("" if round(abs(lon0), 1) in (0.0, 180.0) else "EW"[lon0 < 0])
    lat_text = f"{abs(lat0):.1f}°" + ("" if round(lat0, 1) == 0.0 else "NS"[lat0 < 0])
    projection_line = f"Azimuthal equidistant projection centred on {lat_text} {lon_text}"
    source_w = _text_size_pt(fig, style.CREDIT_LINE, foot_pt)[0]
    projection_w = _text_size_pt(fig, projection_line, foot_pt)[0]
    one_footer_line = source_w + projection_w + 12 * scale < line_pt
    footer = [style.CREDIT_LINE, projection_line]
    if not one_footer_line:
        footer = [_fit_lines(fig, line, foot_pt, line_pt, max_lines=2) for line in footer]
        if not roomy:
            footer = footer[:1]
    n_footer = 1 if one_footer_line else sum(line.count("\n") + 1 for line in footer)
    footer_in = pad_in * 0.6 + (0.5 + 1.3 * n_footer) * foot_pt / 72
    axes_w_in = w_in - 2 * side_in
    axes_h_in = max(h_in - header_in - footer_in, 0.25 * h_in)
    rect = (side_in / w_in, footer_in / h_in, axes_w_in / w_in, axes_h_in / h_in)

    proj = _Projection(lon0, lat0)
    extent_geoms = [proj.geometry(layer.area) for layer in scene.layers]
    extent_geoms += [proj.geometry(place.geometry) for place in scene.launches]
    extent = shapely.total_bounds([g for g in extent_geoms if not g.is_empty])
    if not np.all(np.isfinite(extent)):
        extent = np.array([-1e5, -1e5, 1e5, 1e5])
    x0, y0, x1, y1 = _fit_view(
        (float(extent[0]), float(extent[1]), float(extent[2]), float(extent[3])),
        axes_w_in,
        axes_h_in,
    )
    view = _View(x0, y0, x1, y1, rect, (x1 - x0) / (axes_w_in * 72))

    ax = fig.add_axes(rect)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor(style.BACKGROUND)
    for spine in ax.spines.values():
        spine.set_edgecolor("#9a9a9a")
        spine.set_linewidth(0.8 * scale)
    ctx = _Ctx(fig=fig, ax=ax, proj=proj, view=view, scale=scale)
    colors = scene.colors  # keyed by weapon variant or range: the same in every format

    _draw_boundaries(ctx)
    _draw_graticule(ctx)
    labels = _ring_labels(ctx, scene, colors)
    _draw_highlights(ctx, scene.highlights, labels)
    _draw_places(ctx, scene, labels)
    for layer, color in zip(scene.layers, colors, strict=True):
        _draw_layer(ctx, layer, color)
    _draw_launches(ctx, scene.launches)
    _draw_labels(ctx, labels)
    legend_box = _draw_legend(ctx, scene, colors, labels)
    _draw_scale_bar(ctx, legend_box)

    top = 1.0 - pad_in / h_in
    left = side_in / w_in
    text_kw: dict[str, Any] = {"ha": "left", "va": "top"}
    fig.text(
        left,
        top,
        _literal(title),
        fontsize=title_pt,
        fontweight="bold",
        color=style.TEXT_COLOR,
        linespacing=1.15,
        **text_kw,
    )
    if notes:
        fig.text(
            left,
            top - n_title * 1.25 * title_pt / 72 / h_in,
            _literal(notes),
            fontsize=note_pt,
            color=style.TEXT_MUTED,
            linespacing=1.25,
            **text_kw,
        )
    foot_top = (footer_in - pad_in * 0.6) / h_in
    foot_kw: dict[str, Any] = {"fontsize": foot_pt, "color": style.TEXT_MUTED, "va": "top"}
    if one_footer_line:
        fig.text(left, foot_top, footer[0], ha="left", **foot_kw)
        fig.text(1.0 - left, foot_top, footer[1], ha="right", **foot_kw)
    else:
        fig.text(left, foot_top, "\n".join(footer), ha="left", linespacing=1.2, **foot_kw)
    return fig


def _visible(ctx: _Ctx, geoms: Any) -> list[BaseGeometry]:
    """Projected geometries meeting the view, clipped a little outside it."""
    projected = ctx.proj.geometries(geoms)
    v = ctx.view
    pad_x, pad_y = 0.02 * v.width, 0.02 * v.height
    box = (v.xmin - pad_x, v.ymin - pad_y, v.xmax + pad_x, v.ymax + pad_y)
    hits = shapely.intersects(projected, shapely.box(*box))
    out = []
    for geom in np.asarray(projected, dtype=object)[hits]:
        try:
            clipped = shapely.clip_by_rect(geom, *box)
        except shapely.errors.GEOSException:
            clipped = geom
        if not clipped.is_empty:
            out.append(clipped)
    return out


def _add_path(ctx: _Ctx, geoms: Sequence[BaseGeometry], **style_kw: Any) -> None:
    # Vertices closer than a fifth of a point on the page are not drawn (smaller SVG).
    tolerance = 0.2 * ctx.view.m_per_pt
    path = _to_path(shapely.simplify(list(geoms), tolerance, preserve_topology=True))
    if path is not None:
        # add_artist, not add_patch: the limits are fixed, and updating them is slow.
        ctx.ax.add_artist(PathPatch(path, **style_kw))


def _draw_boundaries(ctx: _Ctx) -> None:
    s = ctx.scale
    countries = _visible(ctx, _display_layer("countries").geoms)
    country_edges = _visible(ctx, _display_edges("countries"))
    regions = _visible(ctx, _display_edges("regions"))
    borders = _visible(ctx, _display_layer("borders").geoms)
    ctx.borders_visible = any(g.intersects(ctx.view.box) for g in borders)
    _add_path(ctx, countries, facecolor=style.COUNTRY_FILL, edgecolor="none", zorder=1)
    _add_path(
        ctx, regions, facecolor="none", edgecolor=style.REGION_EDGE, linewidth=0.35 * s, zorder=2
    )
    _add_path(
        ctx,
        country_edges,
        facecolor="none",
        edgecolor=style.COUNTRY_EDGE,
        linewidth=0.7 * s,
        joinstyle="round",
        zorder=3,
    )
    _add_path(
        ctx,
        borders,
        facecolor="none",
        edgecolor=style.BORDER_COLOR,
        linewidth=1.5 * s,
        linestyle=(0, (4, 2.5)),
        zorder=6,
    )


def _draw_graticule(ctx: _Ctx) -> None:
    """Meridians and parallels, faint, every 1 to 10 degrees."""
    span_km = max(ctx.view.width, ctx.view.height) / 1000.0
    step = 1 if span_km < 600 else 2 if span_km < 1500 else 5 if span_km < 5000 else 10
    lons: list[_FloatArray] = []
    lats: list[_FloatArray] = []
    nan = np.array([np.nan])
    for lon in range(-180, 180, step):
        # Only every 90th meridian runs into the pole, where the others would crowd.
        top = 90.0 if lon % 90 == 0 else 90.0 - step
        fine = np.linspace(-top, top, int(top * 8) + 1)
        lons += [np.full_like(fine, lon), nan]
        lats += [fine, nan]
    around = np.linspace(-180.0, 180.0, 1441)
    for lat in range(-90 + step, 90, step):
        lons += [around, nan]
        lats += [np.full_like(around, lat), nan]
    lon_all, lat_all = np.concatenate(lons), np.concatenate(lats)
    x, y = ctx.proj.points(lon_all, lat_all)
    v = ctx.view
    outside = (x < v.xmin - v.width) | (x > v.xmax + v.width)
    outside |= (y < v.ymin - v.height) | (y > v.ymax + v.height)
    x[outside] = np.nan
    y[outside] = np.nan
    ctx.ax.add_artist(
        Line2D(x, y, color="#7a8a99", alpha=0.35, linewidth=0.4 * ctx.scale, zorder=1.5)
    )


def _place_geometry(place: Place) -> BaseGeometry:
    """Return the place's geometry as drawn: its display-simplified copy where one exists."""
    layer_name = {"region": "regions", "country": "countries", "border": "borders"}.get(place.kind)
    # A launch place moved behind a border (a stand-off) no longer matches the bundled copy.
    if layer_name is not None and "standoff_km" not in place.properties:
        key = {"region": "iso_3166_2", "country": "iso_a2", "border": "id"}[place.kind]
        layer = _display_layer(layer_name)
        for geom, props in zip(layer.geoms, layer.props, strict=True):
            if props.get(key) == place.code:
                found: BaseGeometry = geom
                return found
    if place.is_point or shapely.get_dimensions(place.geometry) == 0:
        return place.geometry
    simple: BaseGeometry = shapely.simplify(place.geometry, 0.005, preserve_topology=True)
    return simple


def _halo() -> dict[str, Any]:
    # A soft box, not a stroke path effect: path effects turn SVG text into outlines.
    return {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.72}


def _draw_highlights(ctx: _Ctx, places: Sequence[Place], avoid: Sequence[_Label]) -> None:
    """Fill highlighted areas and name them where no ring label sits."""
    s = ctx.scale
    taken = [label.box for label in avoid]
    for place in places:
        geom = ctx.proj.geometry(_place_geometry(place))
        if geom.is_empty:
            continue
        _add_path(
            ctx,
            [geom],
            facecolor=style.HIGHLIGHT_FILL,
            edgecolor="none",
            alpha=0.55,
            zorder=4,
        )
        _add_path(
            ctx,
            [geom],
            facecolor="none",
            edgecolor=style.HIGHLIGHT_EDGE,
            linewidth=1.3 * s,
            zorder=4.1,
        )
        visible = geom.intersection(ctx.view.box)
        if visible.is_empty or visible.area < 0.002 * ctx.view.box.area:
            continue
        text = _wrap(place.name, 18)
        w_pt, h_pt = _text_size_pt(ctx.fig, text, _AREA_PT * s)
        half = (w_pt / 2 * ctx.view.m_per_pt, h_pt / 2 * ctx.view.m_per_pt)
        x, y = _label_spot(visible, half, taken)
        taken.append(shapely.box(x - half[0], y - half[1], x + half[0], y + half[1]))
        ctx.ax.text(
            x,
            y,
            _literal(text),
            ha="center",
            va="center",
            fontsize=_AREA_PT * s,
            fontstyle="italic",
            color="#8a3a00",
            zorder=8.5,
            bbox=_halo(),
        )


def _label_spot(
    area: BaseGeometry, half: tuple[float, float], taken: Sequence[BaseGeometry]
) -> tuple[float, float]:
    """Return a point deep inside ``area`` where a label box of ``half`` size hides nothing."""
    x0, y0, x1, y1 = area.bounds
    gx, gy = np.meshgrid(np.linspace(x0, x1, 17)[1:-1], np.linspace(y0, y1, 17)[1:-1])
    xy = np.column_stack([gx.ravel(), gy.ravel()])
    inside = shapely.contains_xy(area, xy[:, 0], xy[:, 1])
    surface = area.point_on_surface()
    xy = np.vstack([xy[inside], [[surface.x, surface.y]]])
    boxes = shapely.box(
        xy[:, 0] - half[0], xy[:, 1] - half[1], xy[:, 0] + half[0], xy[:, 1] + half[1]
    )
    score = shapely.distance(shapely.points(xy), area.boundary)
    if taken:
        blocked = shapely.union_all(list(taken))
        overlap = shapely.area(shapely.intersection(boxes, blocked)) / shapely.area(boxes)
        score = score - overlap * 1e9
    best = int(np.argmax(score))
    return float(xy[best, 0]), float(xy[best, 1])


def _draw_layer(ctx: _Ctx, layer: RangeLayer, color: str) -> None:
    s = ctx.scale
    area = ctx.proj.geometry(layer.area)
    if layer.spec.is_band:
        # Surely in reach (inside the low edge): filled more strongly than the band,
        # which is reached only if the longer reading holds (lighter, hatched).
        inner = ctx.proj.geometry(layer.full_area.difference(layer.area))
        _add_path(ctx, [inner], facecolor=color, edgecolor="none", alpha=0.14, zorder=5)
        _add_path(ctx, [area], facecolor=color, edgecolor="none", alpha=0.06, zorder=5)
        _add_path(
            ctx,
            [area],
            facecolor="none",
            edgecolor=color,
            hatch="///",
            linewidth=0.0,
            alpha=0.28,
            zorder=5.1,
        )
    else:
        _add_path(ctx, [area], facecolor=color, edgecolor="none", alpha=0.05, zorder=5)
    # Reach outlines are polygon boundaries: drop their cuts along the antimeridian.
    outlines = [ctx.proj.geometry(_without_seam(line)) for line in layer.outlines]
    # A band's low edge is solid (surely reached), its high edge dashed.
    for i, outline in enumerate(outlines):
        dashed = layer.spec.is_band and i == len(outlines) - 1
        _add_path(
            ctx,
            [outline],
            facecolor="none",
            edgecolor=color,
            linewidth=1.7 * s,
            linestyle=(0, (6, 2)) if dashed else "solid",
            capstyle="round",
            joinstyle="round",
            zorder=7,
        )


def _launch_dimension(place: Place) -> int:
    """0 for points, 1 for lines (borders), 2 for areas."""
    return 0 if place.is_point else int(shapely.get_dimensions(place.geometry))


def _draw_launches(ctx: _Ctx, places: Sequence[Place]) -> None:
    """Draw launch points as dots and launch lines and areas as they are.

    A point launch is where its rings are measured from. Lines and areas are
    drawn whole: a reach is measured from their nearest point.
    """
    s = ctx.scale
    for place in places:
        parts = shapely.get_parts(_place_geometry(place))
        lines = [p for p in parts if shapely.get_dimensions(p) == 1]
        areas = [p for p in parts if shapely.get_dimensions(p) == 2]
        points = [p for p in parts if shapely.get_dimensions(p) == 0]
        if lines:
            _add_path(
                ctx,
                [ctx.proj.geometry(shapely.union_all(lines))],
                facecolor="none",
                edgecolor=style.LAUNCH_EDGE,
                linewidth=4.5 * s,
                alpha=0.3,
                capstyle="round",
                joinstyle="round",
                zorder=5.8,
            )
        if areas:
            area = ctx.proj.geometry(shapely.union_all(areas))
            _add_path(
                ctx, [area], facecolor=style.LAUNCH_EDGE, edgecolor="none", alpha=0.06, zorder=5.8
            )
            _add_path(
                ctx,
                [area],
                facecolor="none",
                edgecolor=style.LAUNCH_EDGE,
                linewidth=1.4 * s,
                zorder=5.9,
            )
        if points:
            coords = shapely.get_coordinates(points)
            x, y = ctx.proj.points(coords[:, 0], coords[:, 1])
            ctx.ax.add_artist(
                Line2D(
                    x,
                    y,
                    marker="o",
                    markersize=6.5 * s,
                    markerfacecolor=style.LAUNCH_FILL,
                    markeredgecolor=style.LAUNCH_EDGE,
                    markeredgewidth=1.6 * s,
                    linestyle="none",
                    zorder=9,
                )
            )
        xs, ys = ctx.proj.points([place.anchor[0]], [place.anchor[1]])
        if not np.isfinite(xs[0]):
            continue
        at_point = _launch_dimension(place) == 0
        ctx.ax.annotate(
            _literal(_wrap(place.name, 28)),
            (float(xs[0]), float(ys[0])),
            xytext=(6 * s, -6 * s) if at_point else (0, 0),
            textcoords="offset points",
            ha="left" if at_point else "center",
            va="top" if at_point else "center",
            fontsize=7.5 * s,
            fontweight="bold",
            color=style.TEXT_COLOR,
            zorder=9.5,
            bbox=_halo(),
            annotation_clip=True,
        )


@dataclass(frozen=True)
class _Label:
    """A ring label: anchor (projected metres), text, colour and its box on the map."""

    x: float
    y: float
    text: str
    color: str
    dy_pt: float
    box: BaseGeometry


def _text_size_pt(
    fig: Figure, text: str, size_pt: float, *, bold: bool = False
) -> tuple[float, float]:
    """Width and height of one-line or multi-line ``text`` in points, as drawn."""
    prop = FontProperties(size=size_pt, weight="bold" if bold else "normal")
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    lines = text.split("\n")
    widths = [renderer.get_text_width_height_descent(ln, prop, ismath=False)[0] for ln in lines]
    return max(widths) * 72.0 / fig.dpi, len(lines) * 1.2 * size_pt


def _fit_lines(
    fig: Figure, text: str, size_pt: float, width_pt: float, *, max_lines: int, bold: bool = False
) -> str:
    """Wrap ``text`` to lines narrower than ``width_pt``; cut with "…" after ``max_lines``."""
    text = _clean(text)
    if not text.strip() or max_lines < 1:
        return ""
    chars = max(int(width_pt / (0.5 * size_pt)), 10)
    while True:
        lines = []
        for paragraph in text.splitlines() or [""]:
            lines += textwrap.wrap(paragraph, chars, break_on_hyphens=False) or [""]
        if len(lines) > max_lines:
            lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip(" .,;:") + " …"]
            while (
                _text_size_pt(fig, lines[-1], size_pt, bold=bold)[0] > width_pt
                and len(lines[-1]) > 3
            ):
                lines[-1] = lines[-1][:-3].rstrip() + " …"
        widest = max(_text_size_pt(fig, ln, size_pt, bold=bold)[0] for ln in lines)
        if widest <= width_pt or chars <= 10:
            return "\n".join(lines)
        chars = max(int(chars * min(0.95, width_pt / widest)), 10)


#: Bearings (clockwise from north) a ring label may sit at, first choice first:
#: the north-east edge, then around the ring (as on the interactive map).
_LABEL_BEARINGS = (45, 65, 25, 85, 5, 105, 125, 335, 315, 145, 295, 165, 275, 185, 255, 215)


def _ring_labels(ctx: _Ctx, scene: Scene, colors: Sequence[str]) -> list[_Label]:
    """Place one label per distinct range (two per band) on its ring, clear of the others.

    Each label takes the first bearing of :data:`_LABEL_BEARINGS` where its
    box lies inside the map and overlaps no label placed before it.
    """
    s, pt = ctx.scale, ctx.view.m_per_pt
    labels: list[_Label] = []
    for label in scene.map_labels():
        layer = scene.layers[label.layers[0]]
        if layer.spec.comparison is not None and layer not in scene.reach_layers:
            continue
        color = colors[label.layers[0]]
        text = label.text
        w_pt, h_pt = _text_size_pt(ctx.fig, text, _LABEL_PT * s, bold=True)
        half_w, half_h = (w_pt / 2 + 3 * s) * pt, (h_pt / 2 + 2 * s) * pt
        edge = min(label.edge, len(layer.outlines) - 1)
        first: _Label | None = None
        for bearing in _LABEL_BEARINGS:
            lon2, lat2 = layer.edge_point(bearing, edge)
            xs, ys = ctx.proj.points([lon2], [lat2])
            x, y = float(xs[0]), float(ys[0])
            box = shapely.box(x - half_w, y - half_h, x + half_w, y + half_h)
            if not (np.isfinite(x) and np.isfinite(y)) or not ctx.view.box.contains(box):
                continue
            candidate = _Label(x, y, text, color, 0.0, box)
            first = first or candidate
            if not any(box.intersects(other.box) for other in labels):
                labels.append(candidate)
                break
        else:
            if first is not None:
                labels.append(first)
    return labels


#: How many airbases in reach and large cities a static map names.
_TOP_SITES = 8
_TOP_CITIES = 6
_TOP_REGIONS = 4


def _draw_places(ctx: _Ctx, scene: Scene, taken_labels: Sequence[_Label]) -> None:
    """Name the countries in view, the target airbases in reach and the largest target cities.

    A name is drawn only where it hides no ring label and no other name.
    """
    s, pt = ctx.scale, ctx.view.m_per_pt
    taken = [label.box for label in taken_labels]
    view = ctx.view.box

    def free(x: float, y: float, text: str, size: float, dx_pt: float = 0.0) -> bool:
        w_pt, h_pt = _text_size_pt(ctx.fig, text, size)
        x0 = x + dx_pt * pt
        box = shapely.box(x0 - 1 * pt, y - h_pt / 2 * pt, x0 + (w_pt + 1) * pt, y + h_pt / 2 * pt)
        if dx_pt == 0.0:
            box = shapely.affinity.translate(box, -w_pt / 2 * pt)
        if not view.contains(box) or any(box.intersects(t) for t in taken):
            return False
        taken.append(box)
        return True

    # Countries: their name at a point well inside the part in view.
    layer = _display_layer("countries")
    projected = ctx.proj.geometries(layer.geoms)
    for geom, props in zip(projected, layer.props, strict=True):
        if geom is None or geom.is_empty:
            continue
        if not geom.is_valid:
            # Far from the projection's centre a projected outline can cross itself.
            geom = shapely.make_valid(geom)
        if not geom.intersects(view):
            continue
        part = geom.intersection(view)
        if part.area < 0.01 * view.area:
            continue
        name = str(props.get("name_en") or props.get("iso_a2") or "")
        size = 8.5 * s
        w_pt, h_pt = _text_size_pt(ctx.fig, name.upper(), size)
        x, y = _label_spot(part, (w_pt / 2 * pt, h_pt / 2 * pt), taken)
        if not free(x, y, name.upper(), size):
            continue
        ctx.ax.text(
            x,
            y,
            _literal(name.upper()),
            ha="center",
            va="center",
            fontsize=size,
            color="#6f6f6f",
            zorder=3.5,
        )
    coverage = scene.coverage
    if coverage is None:
        return
    sites = sorted(
        (site for site in coverage.sites if site.target and site.in_reach),
        key=lambda site: site.distance_km,
    )
    cities = sorted(
        (city for city in coverage.cities if city.target), key=lambda city: -city.population
    )[:_TOP_CITIES]
    site_entries = [
        (site.display_name, site.lon, site.lat, "site", i < _TOP_SITES)
        for i, site in enumerate(sites)
    ]
    city_entries = [(city.name, city.lon, city.lat, "city", True) for city in cities]

    def mark(entries: list[tuple[str, float, float, str, bool]]) -> None:
        for name, lon, lat, kind, to_name in entries:
            xs, ys = ctx.proj.points([lon], [lat])
            x, y = float(xs[0]), float(ys[0])
            if not (np.isfinite(x) and view.contains(shapely.Point(x, y))):
                continue
            site = kind == "site"
            size = (7.0 if site else 6.8) * s
            # A site in reach is always marked; a city only with its name.
            labelled = to_name and free(x, y, name, size, dx_pt=5.0 * s)
            if not (site or labelled):
                continue
            ctx.ax.add_artist(
                Line2D(
                    [x],
                    [y],
                    marker="o",
                    markersize=(4.5 if site else 3.2) * s,
                    markerfacecolor="#d7191c" if site else "#333333",
                    markeredgecolor="white",
                    markeredgewidth=0.8 * s,
                    linestyle="none",
                    zorder=8.6,
                )
            )
            if labelled:
                ctx.ax.annotate(
                    _literal(name),
                    (x, y),
                    xytext=(5.0 * s, 0),
                    textcoords="offset points",
                    ha="left",
                    va="center",
                    fontsize=size,
                    fontweight="bold" if site else "normal",
                    color="#8b0000" if site else style.TEXT_COLOR,
                    zorder=8.7,
                    bbox=_halo(),
                )

    mark(site_entries)
    # The target regions most in reach (the highlighted ones are named already).
    named = {p.code for p in scene.highlights}
    regions = sorted(
        (r for r in coverage.regions if r.target and r.share >= 0.5 and r.iso_3166_2 not in named),
        key=lambda r: -r.reachable_km2,
    )[:_TOP_REGIONS]
    shapes = _display_layer("regions")
    by_code = {
        str(props.get("iso_3166_2")): g for g, props in zip(shapes.geoms, shapes.props, strict=True)
    }
    for region in regions:
        shape_ = by_code.get(region.iso_3166_2)
        if shape_ is None:
            continue
        part = ctx.proj.geometry(shape_).intersection(view)
        if part.is_empty or part.area < 0.004 * view.area:
            continue
        text = _wrap(region.name, 18)
        w_pt, h_pt = _text_size_pt(ctx.fig, text, _AREA_PT * s)
        x, y = _label_spot(part, (w_pt / 2 * pt, h_pt / 2 * pt), taken)
        if free(x, y, text, _AREA_PT * s):
            ctx.ax.text(
                x,
                y,
                _literal(text),
                ha="center",
                va="center",
                fontsize=_AREA_PT * s,
                fontstyle="italic",
                color="#555555",
                zorder=8.4,
            )
    mark(city_entries)


def _draw_labels(ctx: _Ctx, labels: Sequence[_Label]) -> None:
    s = ctx.scale
    for label in labels:
        ctx.ax.annotate(
            _literal(label.text),
            (label.x, label.y),
            xytext=(0, label.dy_pt),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=_LABEL_PT * s,
            fontweight="bold",
            color=label.color,
            zorder=10,
            bbox={
                "boxstyle": "round,pad=0.25",
                "facecolor": "white",
                "edgecolor": label.color,
                "linewidth": 0.6 * s,
                "alpha": 0.92,
            },
        )


def _legend_entries(
    scene: Scene, colors: Sequence[str], scale: float, *, borders: bool
) -> tuple[list[Any], list[str]]:
    """Legend handles (artists, or tuples of artists drawn on top of each other) and texts."""
    s = scale
    handles: list[Any] = []
    labels: list[str] = []
    for layer, color in zip(scene.layers, colors, strict=True):
        if layer.spec.is_band:
            handles.append(
                Patch(
                    facecolor=matplotlib.colors.to_rgba(color, 0.2),
                    edgecolor=color,
                    hatch="///",
                    linewidth=1.2 * s,
                    linestyle=(0, (3, 1)),
                )
            )
        else:
            handles.append(
                Patch(
                    facecolor=matplotlib.colors.to_rgba(color, 0.08),
                    edgecolor=color,
                    linewidth=1.6 * s,
                )
            )
        text = layer.legend
        if layer.spec.is_band:
            text += (
                f": solid, within {format_km(layer.spec.low_km)}, surely reached; hatched, "
                "reached if the longer reading holds"
            )
        if len({lay.launch.name for lay in scene.layers}) > 1:
            text += f" from {layer.launch.name}"
        labels.append(_legend_text(_wrap(text, 52)))
    for place in scene.launches:
        dimension = _launch_dimension(place)
        if dimension == 0:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    markersize=6 * s,
                    markerfacecolor=style.LAUNCH_FILL,
                    markeredgecolor=style.LAUNCH_EDGE,
                    markeredgewidth=1.4 * s,
                    linestyle="none",
                )
            )
        elif dimension == 1:
            handles.append(
                Line2D(
                    [], [], color=matplotlib.colors.to_rgba(style.LAUNCH_EDGE, 0.3), linewidth=4 * s
                )
            )
        else:
            handles.append(
                Patch(
                    facecolor=matplotlib.colors.to_rgba(style.LAUNCH_EDGE, 0.06),
                    edgecolor=style.LAUNCH_EDGE,
                    linewidth=1.2 * s,
                )
            )
        text = f"Launch: {place.name}"
        labels.append(_legend_text(_wrap(text, 52)))
    if scene.highlights:
        handles.append(
            Patch(
                facecolor=matplotlib.colors.to_rgba(style.HIGHLIGHT_FILL, 0.6),
                edgecolor=style.HIGHLIGHT_EDGE,
                linewidth=1.2 * s,
            )
        )
        names = ", ".join(p.name for p in scene.highlights)
        labels.append(_legend_text(_wrap(f"Highlighted: {names}", 52)))
    coverage = scene.coverage
    if coverage is not None and any(site.target and site.in_reach for site in coverage.sites):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                markersize=4.5 * s,
                markerfacecolor="#d7191c",
                markeredgecolor="white",
                linestyle="none",
            )
        )
        labels.append("Airbase in reach (the other side's)")
    if borders:
        handles.append(
            Line2D([], [], color=style.BORDER_COLOR, linewidth=1.5 * s, linestyle=(0, (4, 2.5)))
        )
        labels.append("Ukraine–Russia / Ukraine–Belarus land border")
    for line in scene.legend_notes:  # a claim's reading, a comparison layer left out
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(_legend_text(_wrap(line, 52)))
    return handles, labels


def _corner_box(
    loc: _Corner, size: tuple[float, float], pad: tuple[float, float]
) -> tuple[float, float, float, float]:
    """Box of a legend of ``size`` in corner ``loc``, in axes fractions."""
    w, h = size
    x0 = pad[0] if "left" in loc else 1.0 - pad[0] - w
    y0 = pad[1] if "lower" in loc else 1.0 - pad[1] - h
    return (x0, y0, x0 + w, y0 + h)


def _draw_legend(
    ctx: _Ctx, scene: Scene, colors: Sequence[str], ring_labels: Sequence[_Label]
) -> tuple[_Corner, tuple[float, float, float, float]] | None:
    """Put the legend in the corner that hides the least of the rings, labels and launches.

    Returns the corner and the legend's box in axes fractions, or None when no
    legend fits the map.
    """
    handles, labels = _legend_entries(scene, colors, ctx.scale, borders=ctx.borders_visible)
    options: dict[str, Any] = {
        "fontsize": 7.5 * ctx.scale,
        "frameon": True,
        "framealpha": 0.92,
        "edgecolor": "#9a9a9a",
        "fancybox": False,
        "borderpad": 0.7,
        "labelspacing": 0.55,
        "handlelength": 2.2,
        "borderaxespad": 0.6,
    }
    renderer = ctx.fig.canvas.get_renderer()  # type: ignore[attr-defined]
    axes_extent = ctx.ax.get_window_extent(renderer)
    for _ in range(3):
        extent = Legend(ctx.ax, handles, labels, **options).get_window_extent(renderer)
        size = (extent.width / axes_extent.width, extent.height / axes_extent.height)
        shrink = min(0.96 / size[0], 0.7 / size[1])
        if shrink >= 1.0:
            break
        # Too big for a small map: smaller text, down to about 6 px, else no legend.
        options["fontsize"] *= shrink * 0.97
        if options["fontsize"] * ctx.fig.dpi / 72 < 6.0:
            return None
    else:
        return None
    pad_px = options["borderaxespad"] * options["fontsize"] / 72 * ctx.fig.dpi
    pad = (pad_px / axes_extent.width, pad_px / axes_extent.height)

    view = ctx.view
    rings = [ctx.proj.geometry(line) for layer in scene.layers for line in layer.outlines]
    anchors = [
        shapely.Point(*ctx.proj.points([p.anchor[0]], [p.anchor[1]])) for p in scene.launches
    ]
    best: tuple[float, _Corner, tuple[float, float, float, float]] | None = None
    corners: tuple[_Corner, ...] = ("lower left", "upper left", "lower right", "upper right")
    for loc in corners:
        fx0, fy0, fx1, fy1 = _corner_box(loc, size, pad)
        box = shapely.box(
            view.xmin + fx0 * view.width,
            view.ymin + fy0 * view.height,
            view.xmin + fx1 * view.width,
            view.ymin + fy1 * view.height,
        )
        hidden = sum(float(shapely.length(shapely.intersection(g, box))) for g in rings)
        score = hidden / (size[0] * view.width + size[1] * view.height)
        # A ring label fully hidden costs 3, a launch point 10.
        score += 3.0 * sum(
            float(shapely.area(shapely.intersection(lb.box, box))) / lb.box.area
            for lb in ring_labels
        )
        score += 10.0 * sum(bool(box.contains(point)) for point in anchors)
        if best is None or score < best[0] - 1e-9:
            best = (score, loc, (fx0, fy0, fx1, fy1))
    assert best is not None
    _, loc, box_coords = best
    legend = Legend(ctx.ax, handles, labels, loc=loc, **options)
    legend.set_zorder(20)
    ctx.ax.add_artist(legend)
    return loc, box_coords


def _nice_length_km(max_km: float) -> float:
    fitting = [v for v in _NICE_KM if v <= max_km]
    return float(fitting[-1]) if fitting else float(_NICE_KM[0])


def _draw_scale_bar(
    ctx: _Ctx, legend: tuple[_Corner, tuple[float, float, float, float]] | None
) -> None:
    """Alternating black and white bar in projected metres (exact at the projection centre)."""
    view, s = ctx.view, ctx.scale
    length_km = _nice_length_km(0.2 * view.width / 1000.0)
    length_m = length_km * 1000.0
    frac_w = length_m / view.width
    centre = 0.5
    margin = 0.04
    loc, (lx0, _, lx1, _) = legend or ("upper left", (0.0, 0.0, 0.0, 0.0))
    if loc == "lower left" and lx1 + margin > centre - frac_w / 2:
        centre = (lx1 + 1.0) / 2.0
    elif loc == "lower right" and lx0 - margin < centre + frac_w / 2:
        centre = lx0 / 2.0
    km_room = 14 * s * view.m_per_pt / view.width  # the "km" after the bar
    centre = min(max(centre, frac_w / 2 + margin), 1.0 - frac_w / 2 - km_room - margin)
    x_start = view.xmin + (centre - frac_w / 2) * view.width
    pt = view.m_per_pt
    bar_h = 3.2 * s * pt
    font = 6.8 * s
    y_bar = view.ymin + 10 * s * pt + font * pt * 1.4
    pieces = 4
    piece = length_m / pieces

    text_h = font * pt * 1.3
    box_pad = 5 * s * pt
    ctx.ax.add_artist(
        FancyBboxPatch(
            (x_start - box_pad, y_bar - text_h - 2 * s * pt),
            length_m + 2 * box_pad + 0.6 * font * pt * 3,
            bar_h + text_h + 2 * s * pt,
            boxstyle=f"round,pad={box_pad:.3f},rounding_size={2.5 * s * pt:.3f}",
            facecolor="white",
            edgecolor="#9a9a9a",
            linewidth=0.5 * s,
            alpha=0.88,
            zorder=19,
        )
    )
    for i in range(pieces):
        ctx.ax.add_artist(
            Rectangle(
                (x_start + i * piece, y_bar),
                piece,
                bar_h,
                facecolor="#222222" if i % 2 == 0 else "white",
                edgecolor="#222222",
                linewidth=0.6 * s,
                zorder=19.5,
            )
        )
    half = length_km / 2
    for dx, value in ((0.0, 0.0), (length_m / 2, half), (length_m, length_km)):
        ctx.ax.text(
            x_start + dx,
            y_bar - 1.5 * s * pt,
            format_km(value)[:-3],
            ha="center",
            va="top",
            fontsize=font,
            color=style.TEXT_COLOR,
            zorder=19.6,
        )
    ctx.ax.text(
        x_start + length_m + 4 * s * pt,
        y_bar + bar_h / 2,
        "km",
        ha="left",
        va="center",
        fontsize=font,
        color=style.TEXT_COLOR,
        zorder=19.6,
    )
