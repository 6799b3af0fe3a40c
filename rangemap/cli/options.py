"""The command line's options, each declared once and shared by every command that takes it.

A decorator here adds one option or a group of them; the commands in
:mod:`rangemap.cli.commands` stack them. Values are checked by click's own
types where click has one (``Choice``, ``Path``); ranges, places and page
sizes are checked by the library, so that a Python caller gets the same
checks and messages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from rangemap.render.files import FORMAT_NAMES

__all__ = [
    "from_option",
    "highlight_option",
    "json_option",
    "output_options",
    "page_options",
    "range_option",
    "scene_options",
    "side_options",
    "sites_option",
    "standoff_option",
    "title_option",
    "weapon_option",
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


range_option = click.option(
    "--range",
    "ranges",
    multiple=True,
    metavar="DIST",
    help="Range: 300, 300km, '300 km', 190mi, 100nmi, 300000m (default unit km), or a "
    "claim such as 'several hundred kilometers' or '165-300 km' (a band). Repeatable.",
)
weapon_option = click.option(
    "--weapon",
    "weapons",
    multiple=True,
    metavar="NAME",
    help="Catalogue weapon or variant (see 'rangemap weapons'): one ring per variant's "
    "published maximum range. Repeatable.",
)
highlight_option = click.option(
    "--highlight",
    multiple=True,
    metavar="AREA",
    help="Region or country to highlight (Kursk means Kursk oblast). Repeatable.",
)


def title_option(help: str) -> _Decorator:
    """``--title``, with what the default title is for this command."""
    return click.option("--title", default=None, help=help)


def json_option(help: str) -> _Decorator:
    """``--json``: print JSON instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def scene_options(func: Any) -> Any:
    """Add the options that say what a map shows (shared by map and coverage)."""
    return side_options(
        _stack(
            func,
            [
                from_option(required=True),
                range_option,
                weapon_option,
                highlight_option,
                title_option("Map title; default built from the inputs."),
                standoff_option,
                sites_option,
            ],
        )
    )


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
        click.option(
            "--control",
            type=click.Path(path_type=Path),
            default=None,
            metavar="FILE",
            help="Your control-of-terrain file: polygons under Russian control (GeoJSON, "
            "GeoPackage, Shapefile, KML; a 'held_by' property overrides RU). Default: the "
            "bundled, dated data (whole regions).",
        ),
        click.option(
            "--as-of",
            "as_of",
            default=None,
            metavar="DATE",
            help="The date (YYYY-MM-DD) the --control file describes, shown on every output.",
        ),
    ]
    return _stack(func, options)


standoff_option = click.option(
    "--standoff",
    default=None,
    metavar="DIST",
    help="Keep launchers this far behind the land border on their side (e.g. 30km: a border "
    "launch becomes the line 30 km inside Ukraine).",
)
sites_option = click.option(
    "--sites",
    "sites",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Your points of interest (CSV columns name, lat, lon, optional kind; or named points "
    "in any GIS file), added to the bundled airbases.",
)


def output_options(func: Any) -> Any:
    """Add the options shared by every command that writes a map file."""
    options = [
        click.option(
            "-o", "--output", type=click.Path(path_type=Path), default=None, help=OUTPUT_HELP
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(list(FORMAT_NAMES)),
            default=None,
            help="Output format; default from the suffix of -o. 'fragment' is an HTML snippet "
            "to paste into a page.",
        ),
    ]
    return page_options(_stack(func, options))


def page_options(func: Any) -> Any:
    """Add the options of the pages and images a command writes."""
    options = [
        click.option(
            "--width", type=int, default=1600, show_default=True, help="PNG/SVG width, px."
        ),
        click.option(
            "--height", type=int, default=1000, show_default=True, help="PNG/SVG height, px."
        ),
        click.option("--dpi", type=int, default=150, show_default=True, help="PNG/SVG resolution."),
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
        click.option(
            "--assets",
            "assets_dir",
            type=click.Path(path_type=Path),
            default=None,
            metavar="DIR",
            help="Inline Leaflet from DIR (leaflet.js, leaflet.css, images/: Leaflet's dist/ "
            "folder) instead of the copy installed with rangemap (xstatic-leaflet).",
        ),
    ]
    return _stack(func, options)
