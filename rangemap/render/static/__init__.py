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

Modules
-------
:mod:`~rangemap.render.static.projection` (the projection, its centre and the
view), :mod:`~rangemap.render.static.geometry` (the bundled display layers,
shapes as paths), :mod:`~rangemap.render.static.canvas` (what the drawing steps
share), :mod:`~rangemap.render.static.layout` (the figure: title, notes,
footer, the map axes), :mod:`~rangemap.render.static.layers` (boundaries,
graticule, highlights, rings and bands), :mod:`~rangemap.render.static.labels`
(ring labels), :mod:`~rangemap.render.static.places` (launches and place
names), :mod:`~rangemap.render.static.legend`,
:mod:`~rangemap.render.static.scalebar` and
:mod:`~rangemap.render.static.text`. matplotlib is imported only in this
package.
"""

from __future__ import annotations

from io import BytesIO

import matplotlib
import numpy as np

from rangemap.errors import InputError
from rangemap.page import DPI_RANGE, IMAGE_SIZE_RANGE

# Imported "as" themselves, so re-exported: tests/test_world.py draws a scene's frame
# as render_static does, with _RC, _draw, _centre and _Projection.
from rangemap.render.static.layout import _RC as _RC
from rangemap.render.static.layout import _draw as _draw
from rangemap.render.static.projection import _centre as _centre
from rangemap.render.static.projection import _Projection as _Projection
from rangemap.render.static.text import _clean
from rangemap.scene import Scene

__all__ = ["FORMATS", "render_static"]

#: Formats :func:`render_static` writes.
FORMATS: tuple[str, ...] = ("png", "svg")

_SIZE_PX = IMAGE_SIZE_RANGE  # the limits' one home is rangemap.page
_DPI = DPI_RANGE


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
