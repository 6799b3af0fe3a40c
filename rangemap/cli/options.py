"""The command line's options, each declared once and shared by every command that takes it.

A decorator here adds one option or a group of them; the commands in
:mod:`rangemap.cli.commands` stack them. Values are checked by click's own
types: :class:`Bounded` (an ``IntRange``) for sizes, ``Choice`` for closed
sets (formats, sides), ``Path`` for files. Ranges, places and basemaps are
checked by the library, so that a Python caller gets the same checks and
messages.

The page options reach a command as one checked
:class:`~rangemap.page.PageOptions` (its ``page`` argument,
:func:`page_options`); ``-o`` and ``--format`` join them as one
:class:`~rangemap.cli.output.Output` (its ``out`` argument,
:func:`output_options`), checked before any work.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from rangemap.cli.output import Output
from rangemap.page import DPI_RANGE, IMAGE_SIZE_RANGE, PageOptions
from rangemap.render.files import FORMAT_NAMES
from rangemap.scenario import PAGE_FIELDS, page_of

__all__ = [
    "FROM_HELP",
    "Bounded",
    "article_option",
    "control_option",
    "from_option",
    "json_option",
    "map_output_options",
    "output_options",
    "page_options",
    "report_folder_option",
    "scene_options",
    "side_options",
    "sites_option",
    "source_argument",
    "standoff_option",
    "title_option",
    "what_options",
]

_Decorator = Callable[[Any], Any]

FROM_HELP = (
    "Launch place: LAT,LON, a city, a region (Kursk, RU-KRS), a country (UA), "
    "border:UA-RU or front:UA (the front line), or a GIS file (GeoJSON, GeoPackage, "
    "Shapefile, KML/KMZ, FlatGeobuf, CSV; FILE:LAYER for a layer). Prefix "
    "city:/region:/country: to force a reading. Repeatable. The launch stands on the ground "
    "its side holds."
)
OUTPUT_HELP = (
    "Output file; its suffix names the format: .html (interactive map), .geojson, .kml, "
    ".png, .svg. Default output/rangemap.html. '-' is standard output (format from --format, "
    "default html; png only when standard output is not a terminal). A symbolic link is "
    "followed; a device or named pipe is written, never replaced."
)
CONTROL_HELP = (
    "Your control-of-terrain file: polygons under Russian control (GeoJSON, GeoPackage, "
    "Shapefile, KML; a 'held_by' property overrides RU). Default: the bundled, dated data "
    "(whole regions)."
)


class Bounded(click.IntRange):
    """A whole number from ``low`` to ``high`` (included), as ``low..high`` in help and errors.

    >>> Bounded((50, 600)).convert("5000", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 5000 is not in the range 50..600.
    """

    name = "integer"  # the metavar: INTEGER

    def __init__(self, bounds: tuple[int, int]) -> None:
        super().__init__(*bounds)

    def _describe_range(self) -> str:
        return f"{self.min}..{self.max}"


#: A file an option or argument names: its checks are the library's, so the
#: messages are the same from Python (an output is written, so need not be readable).
_FILE = click.Path(path_type=Path, readable=False)
#: A text to read: a file, or ``-`` for standard input (read by :mod:`rangemap._userfile`).
_TEXT = click.Path(path_type=str, allow_dash=True, readable=False)


def _stack(func: Any, options: list[_Decorator]) -> Any:
    """Apply ``options`` so that they show in ``--help`` in the order given."""
    for option in reversed(options):
        func = option(func)
    return func


def from_option(*, required: bool, help: str = "") -> _Decorator:
    """``--from PLACE`` (repeatable): the launch places."""
    return click.option(
        "--from", "from_", multiple=True, required=required, metavar="PLACE",
        help=help or FROM_HELP,
    )  # fmt: skip


def _text_option(flag: str, dest: str, metavar: str, help: str) -> _Decorator:
    """Return a repeatable option of text, such as ``--range``."""
    return click.option(flag, dest, multiple=True, metavar=metavar, help=help)


def _file_option(flag: str, dest: str, metavar: str, help: str) -> _Decorator:
    """Return an option naming a file or folder (None when not given)."""
    return click.option(flag, dest, type=_FILE, default=None, metavar=metavar, help=help)


def control_option(help: str = CONTROL_HELP) -> _Decorator:
    """``--control FILE``: a control-of-terrain file, with what a command does with it."""
    return _file_option("--control", "control", "FILE", help)


def json_option(help: str) -> _Decorator:
    """``--json``: print JSON instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def source_argument(func: Any) -> Any:
    """``FILE|-``: the text a command reads (``-`` for standard input)."""
    return click.argument("source", metavar="FILE|-", type=_TEXT)(func)


article_option = click.option(
    "--article",
    "article",
    type=_TEXT,
    default=None,
    metavar="FILE|-",
    help="News text to read claims, weapons and regions from (then --from defaults to the "
    "Ukraine–Russia border and --range/--weapon add to what the text names).",
)
title_option = functools.partial(click.option, "--title", default=None)
standoff_option = click.option(
    "--standoff",
    default=None,
    metavar="DIST",
    help="Keep launchers this far behind the land border on their side (e.g. 30km: a border "
    "launch becomes the line 30 km inside Ukraine).",
)
sites_option = _file_option(
    "--sites",
    "sites",
    "FILE",
    "Your points of interest (CSV columns name, lat, lon, optional kind; or named points "
    "in any GIS file), added to the bundled airbases.",
)


def what_options(*, required: bool, title: str) -> _Decorator:
    """Add the options that say what a map shows: launches, ranges, weapons, areas, sites.

    Parameters
    ----------
    required : bool
        Whether ``--from`` must be given.
    title : str
        The help of ``--title``: what the default title is for this command.
    """
    options = [
        from_option(required=required),
        _text_option(
            "--range",
            "ranges",
            "DIST",
            "Range: 300, 300km, '300 km', 190mi, 100nmi, 300000m (default unit km), or a "
            "claim such as 'several hundred kilometers' or '165-300 km' (a band). Repeatable.",
        ),
        _text_option(
            "--weapon",
            "weapons",
            "NAME",
            "Catalogue weapon or variant (see 'rangemap weapons'): one ring per variant's "
            "published maximum range. Repeatable.",
        ),
        _text_option(
            "--highlight",
            "highlight",
            "AREA",
            "Region or country to highlight (Kursk means Kursk oblast). Repeatable.",
        ),
        title_option(help=title),
        standoff_option,
        sites_option,
    ]
    return lambda func: _stack(func, options)


def side_options(func: Any) -> Any:
    """Add --side, --control and --as-of: who launches, and who holds what."""
    options = [
        click.option(
            "--side",
            type=click.Choice(["UA", "RU"], case_sensitive=False),
            default=None,
            help="Who launches. Default: inferred from who holds the launch ground (a shared "
            "border or the front is UA; Belarus is RU), logged on stderr.",
        ),
        control_option(),
        click.option(
            "--as-of",
            "as_of",
            default=None,
            metavar="DATE",
            help="The date (YYYY-MM-DD) the --control file describes, shown on every output.",
        ),
    ]
    return _stack(func, options)


def scene_options(func: Any) -> Any:
    """Add the options of what a map shows and who launches (shared by map and coverage)."""
    return side_options(what_options(required=True, title=_MAP_TITLE)(func))


_MAP_TITLE = "Map title; default built from the inputs."

def _image_option(flag: str, bounds: tuple[int, int], help: str) -> _Decorator:
    """Return an option of the images' size, with its bounds and the page options' default."""
    default = _PAGE_DEFAULTS[flag.removeprefix("--")]
    return click.option(flag, type=Bounded(bounds), default=default, show_default=True, help=help)


_PAGE_DEFAULTS = {field.name: field.default for field in dataclasses.fields(PageOptions)}

#: The page options' flags, each setting the :class:`~rangemap.page.PageOptions` field
#: of its name (``--assets`` sets ``assets_dir``).
_PAGE_OPTIONS = [
    _image_option("--width", IMAGE_SIZE_RANGE, "PNG/SVG width, px."),
    _image_option("--height", IMAGE_SIZE_RANGE, "PNG/SVG height, px."),
    _image_option("--dpi", DPI_RANGE, "PNG/SVG resolution."),
    click.option(
        "--tiles",
        default=None,
        metavar="NAME|URL|none",
        help="Basemap of the HTML map: light (default: light grey, English labels, Esri), "
        "osm, any xyzservices provider name (e.g. OpenStreetMap.Mapnik), a URL template "
        "https://.../{z}/{x}/{y}.png, or none for the vector layers alone (the default "
        "with --offline).",
    ),
    click.option(
        "--offline",
        is_flag=True,
        help="HTML that needs no network at all: self-contained (as by default) and "
        "without basemap tiles unless --tiles is given.",
    ),
    click.option(
        "--cdn",
        is_flag=True,
        help="Link Leaflet from a CDN instead of inlining it: a smaller page that needs "
        "the network to draw.",
    ),
    _file_option(
        "--assets",
        "assets_dir",
        "DIR",
        "Inline Leaflet from DIR (leaflet.js, leaflet.css, images/: Leaflet's dist/ "
        "folder) instead of the copy installed with rangemap (xstatic-leaflet).",
    ),
]


def page_options(func: Any) -> Any:
    """Add the options of the pages and images a command writes, given to it as ``page``.

    Without ``--tiles``, the page has the default basemap, or none with
    ``--offline`` (:func:`rangemap.scenario.page_of`).
    """

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        flags = {name: kwargs.pop(name) for name in PAGE_FIELDS}
        return func(*args, page=page_of(flags), **kwargs)

    return _stack(command, _PAGE_OPTIONS)


_OUTPUT_OPTIONS = [
    click.option("-o", "--output", type=_FILE, default=None, help=OUTPUT_HELP),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(list(FORMAT_NAMES)),
        default=None,
        help="Output format; default from the suffix of -o. 'fragment' is an HTML snippet "
        "to paste into a page.",
    ),
]


def output_options(func: Any) -> Any:
    """Add ``-o``, ``--format`` and the page options, given to the command as one ``out``."""

    @functools.wraps(func)
    def command(
        *args: Any, output: Path | None, fmt: str | None, page: PageOptions, **kwargs: Any
    ) -> Any:
        return func(*args, out=Output.check(output, fmt, page), **kwargs)

    return page_options(_stack(command, _OUTPUT_OPTIONS))


def map_output_options(func: Any) -> Any:
    """Add the options of :func:`output_options`, given to the command one by one.

    For ``rangemap map``, whose options go to :func:`rangemap.scenario.build`
    as a scenario's do; it checks them as :func:`output_options` does.
    """
    return _stack(_stack(func, _OUTPUT_OPTIONS), _PAGE_OPTIONS)


report_folder_option = click.option(
    "-o",
    "--output",
    type=_FILE,
    default=Path("output") / "report",
    show_default=True,
    help="Report folder: new, empty (filled), or a previous report (replaced). A symbolic "
    "link is followed.",
)
