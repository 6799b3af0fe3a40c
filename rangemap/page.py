"""Page and image options: the basemap, how Leaflet is included, image sizes: :class:`PageOptions`.

A map's page options say how it is written, not what it shows: the HTML
page's basemap (``tiles``), whether Leaflet is inlined (the default, from
``xstatic-leaflet`` or ``assets_dir``) or linked from a CDN (``cdn``), and the
size and resolution of PNG and SVG images. They are checked once, when a
:class:`PageOptions` is made, and travel as that one value:
:func:`rangemap.api.make_map` makes it of its keyword arguments (or takes one
as ``page``), :class:`rangemap.output.RangeMap` keeps it, and the renderers
read it.

>>> from rangemap.page import PageOptions
>>> PageOptions(tiles=None, width=800, height=600).image_options
{'width_px': 800, 'height_px': 600, 'dpi': 150}
>>> PageOptions(dpi=5000)
Traceback (most recent call last):
...
rangemap.errors.ParameterError: dpi 5000: give a whole number from 50 to 600
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict, Unpack

from rangemap.errors import ParameterError
from rangemap.render.assets import DEFAULT_TILES, resolve_tiles
from rangemap.render.files import shorten

__all__ = ["DPI_RANGE", "IMAGE_SIZE_RANGE", "PageKeywords", "PageOptions", "page_options"]

#: The widths and heights, in pixels, a PNG or SVG image may have (inclusive).
IMAGE_SIZE_RANGE = (200, 8000)
#: The resolutions, in dots per inch, a PNG or SVG image may have (inclusive).
DPI_RANGE = (50, 600)


@dataclass(frozen=True)
class PageOptions:
    """How a map's pages and images are written, checked when made.

    Parameters
    ----------
    tiles : str, xyzservices.TileProvider or None, optional
        Basemap of the HTML map: ``"light"`` (default; Esri's light grey
        canvas with English labels), ``"osm"``, an xyzservices provider name,
        a URL template ``https://.../{z}/{x}/{y}.png``, or None (or
        ``"none"``) for none (see :func:`rangemap.render.assets.resolve_tiles`).
    offline : bool, optional
        Insist on self-contained HTML (the default; refused with ``cdn``).
        With no network at all, also give ``tiles=None``.
    cdn : bool, optional
        Link Leaflet from a CDN instead of inlining it: a smaller page that
        needs the network to draw.
    assets_dir : str or path-like, optional
        Inline Leaflet from this folder (``leaflet.js``, ``leaflet.css``,
        ``images/``: Leaflet's ``dist/``) instead of the packaged copy; kept
        as a :class:`pathlib.Path`.
    width, height : int, optional
        Size of PNG and SVG images in pixels (:data:`IMAGE_SIZE_RANGE`).
    dpi : int, optional
        Resolution of PNG and SVG images (:data:`DPI_RANGE`); sets the size
        of text and lines.

    Raises
    ------
    ParameterError
        If a size is not a whole number in its range, ``cdn`` is given with
        ``offline`` or ``assets_dir``, or ``assets_dir`` is not a folder
        holding Leaflet.
    rangemap.errors.InputError
        If ``tiles`` names no basemap.
    """

    tiles: object = DEFAULT_TILES
    offline: bool = False
    cdn: bool = False
    assets_dir: str | os.PathLike[str] | None = None
    width: int = 1600
    height: int = 1000
    dpi: int = 150

    def __post_init__(self) -> None:
        for name, (low, high) in (
            ("width", IMAGE_SIZE_RANGE),
            ("height", IMAGE_SIZE_RANGE),
            ("dpi", DPI_RANGE),
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ParameterError(
                    f"{{{name}}} {{value!r}}: give a whole number from {low} to {high}",
                    value=value,
                )
        if self.cdn and (self.offline or self.assets_dir is not None):
            other = "offline" if self.offline else "assets_dir"
            raise ParameterError(f"{{{other}}} and {{cdn}} exclude each other")
        if self.assets_dir is not None:
            object.__setattr__(self, "assets_dir", _leaflet_folder(self.assets_dir))
        resolve_tiles(self.tiles)  # a bad basemap fails before any work

    @property
    def html_options(self) -> dict[str, Any]:
        """Keyword arguments of the HTML writers (:func:`rangemap.render.html.to_html`)."""
        return {
            "tiles": self.tiles,
            "offline": self.offline,
            "cdn": self.cdn,
            "assets_dir": self.assets_dir,
        }

    @property
    def image_options(self) -> dict[str, int]:
        """Keyword arguments of :func:`rangemap.render.static.render_static` for the size."""
        return {"width_px": self.width, "height_px": self.height, "dpi": self.dpi}

    def sized(
        self, width: int | None = None, height: int | None = None, dpi: int | None = None
    ) -> PageOptions:
        """Return these options with the image size and resolution given (checked) instead.

        Parameters
        ----------
        width, height, dpi : int, optional
            What to change; None keeps the value of these options.
        """
        if width is None and height is None and dpi is None:
            return self
        return dataclasses.replace(
            self,
            width=self.width if width is None else width,
            height=self.height if height is None else height,
            dpi=self.dpi if dpi is None else dpi,
        )


def _leaflet_folder(assets_dir: str | os.PathLike[str]) -> Path:
    """Return ``assets_dir`` as a path, once it is known to hold Leaflet's script and style."""
    folder = Path(assets_dir)
    shown = shorten(folder)
    try:
        is_folder = folder.is_dir()
    except OSError as exc:  # a name too long, a loop of links
        raise ParameterError(
            "{assets_dir} {value!r}: {reason}", value=shown, reason=exc.strerror or str(exc)
        ) from None
    if not is_folder:
        raise ParameterError("{assets_dir} {value!r} is not a folder", value=shown)
    for name in ("leaflet.js", "leaflet.css"):
        if not (folder / name).is_file():
            raise ParameterError(
                "{assets_dir} folder {value!r} has no {name}", value=shown, name=name
            )
    return folder


class PageKeywords(TypedDict, total=False):
    """The fields of :class:`PageOptions` as keyword arguments, each optional (``tiles=``, ...)."""

    tiles: object
    offline: bool
    cdn: bool
    assets_dir: str | os.PathLike[str] | None
    width: int
    height: int
    dpi: int


def page_options(page: PageOptions | None = None, **given: Unpack[PageKeywords]) -> PageOptions:
    """Return ``page``, or the page options the keyword arguments give.

    :func:`rangemap.api.make_map` and :func:`rangemap.api.article_map` take
    the page options one by one (``tiles=``, ``cdn=``, ...) or as one
    ``page``; this reads either.

    Parameters
    ----------
    page : PageOptions, optional
        The options as one value.
    **given
        The options one by one, as :class:`PageOptions` takes them.

    Returns
    -------
    PageOptions
        The options, checked.

    Raises
    ------
    ParameterError
        If ``page`` is given with an option beside it, or an option is bad
        (see :class:`PageOptions`).
    TypeError
        If a keyword is no page option.
    """
    unknown = sorted(set(given) - PageKeywords.__optional_keys__)
    if unknown:  # a caller's **kwargs end here: name the word as Python would
        raise TypeError(f"got an unexpected keyword argument {unknown[0]!r}")
    if page is None:
        return PageOptions(**given)
    if given:
        raise ParameterError(f"give {{{next(iter(given))}}} inside {{page}}, not beside it")
    return page
