"""The ``rangemap`` command line: a thin layer over :mod:`rangemap.api`.

Every :class:`rangemap.errors.RangemapError`, every usage error and any
other error of the operating system (a name too long, a folder that cannot
be read) becomes one line on standard error, cut to about 200 characters,
and exit status 2, with nothing written. SIGINT and SIGTERM end a run with
one line and status 130 and 143 (128 + the signal's number), after the
temporary files and folders of an interrupted write are removed.

``-o -`` writes the map to standard output, in the format of ``--format``
(default html); ``png`` goes to standard output only when it is not a
terminal.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rangemap.errors import InputError, ParameterError, RangemapError
from rangemap.render.assets import DEFAULT_TILES, resolve_tiles
from rangemap.render.files import (
    FORMAT_NAMES,
    check_report_folder,
    output_format,
    plan_output,
    shorten,
)

if TYPE_CHECKING:
    from rangemap.output import RangeMap

__all__ = ["cli", "main"]

log = logging.getLogger("rangemap")

DEFAULT_OUTPUT = Path("output") / "rangemap.html"

_FROM_HELP = (
    "Launch place: LAT,LON, a city, a region (Kursk, RU-KRS), a country (UA), "
    "border:UA-RU or front:UA (the front line). Prefix city:/region:/country: to force a "
    "reading. Repeatable. The launch stands on the ground its side holds."
)
_OUTPUT_HELP = (
    "Output file; its suffix names the format: .html (interactive map), .geojson, .kml, "
    ".png, .svg. Default output/rangemap.html. '-' is standard output (format from --format, "
    "default html; png only when standard output is not a terminal). A symbolic link is "
    "followed; a device or named pipe is written, never replaced."
)


#: Longest error line printed (characters after "rangemap: error: ").
_ERROR_WIDTH = 200


#: Library parameters that open an error message, and the CLI flags they are given with.
_FLAGS = {"highlight": "--highlight", "standoff": "--standoff", "as_of": "--as-of"}
#: The CLI flag of every library parameter a :class:`ParameterError` names.
_PARAMETER_FLAGS = _FLAGS | {"control": "--control", "offline": "--offline", "cdn": "--cdn"}


def _fail(message: str) -> None:
    """Print ``message`` as one error line, cut in the middle to about 200 characters.

    A message that opens with a library parameter's name (``highlight takes
    ...``) names the command-line flag instead.
    """
    one_line = " ".join(str(message).split())
    first, sep, rest = one_line.partition(" ")
    if first in _FLAGS:
        one_line = _FLAGS[first] + sep + rest
    one_line = shorten(one_line, _ERROR_WIDTH)
    click.echo(f"rangemap: error: {one_line}", err=True)


_SUFFIX = {"html": ".html", "fragment": ".html", "geojson": ".geojson", "kml": ".kml"}
_SUFFIX |= {"png": ".png", "svg": ".svg"}


def _output_options(func: Any) -> Any:
    """Add the options shared by every command that writes a map file."""
    options = [
        click.option(
            "-o", "--output", type=click.Path(path_type=Path), default=None, help=_OUTPUT_HELP
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
    for option in reversed(options):
        func = option(func)
    return _page_options(func)


def _page_options(func: Any) -> Any:
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
    for option in reversed(options):
        func = option(func)
    return func


@dataclass(frozen=True)
class _Output:
    """Where and how a command writes its map, checked before any work."""

    path: Path
    fmt: str
    width: int
    height: int
    dpi: int
    tiles: str | None
    offline: bool
    assets_dir: Path | None
    cdn: bool = False
    to_stdout: bool = False

    @property
    def map_options(self) -> dict[str, Any]:
        """Keyword arguments of :func:`rangemap.api.make_map` for the page's assets."""
        return {"tiles": self.tiles, "offline": self.offline, "assets_dir": self.assets_dir}

    def page(self, rmap: RangeMap) -> RangeMap:
        """Set the options that only change how the HTML is written (``--cdn``)."""
        rmap.cdn = self.cdn
        return rmap

    @classmethod
    def check(
        cls,
        output: Path | None,
        fmt: str | None,
        width: int,
        height: int,
        dpi: int,
        tiles: str | None,
        offline: bool,
        assets_dir: Path | None,
        cdn: bool = False,
    ) -> _Output:
        if output is None:
            output = DEFAULT_OUTPUT.with_suffix(_SUFFIX[fmt or "html"])
        fmt = output_format(output, fmt)
        checked = cls.options(width, height, dpi, tiles, offline, assets_dir, cdn)
        target = plan_output(output, fmt)  # nothing is created before the map is written
        return dataclasses.replace(checked, path=output, fmt=fmt, to_stdout=target.to_stdout)

    @classmethod
    def options(
        cls,
        width: int,
        height: int,
        dpi: int,
        tiles: str | None,
        offline: bool,
        assets_dir: Path | None,
        cdn: bool = False,
    ) -> _Output:
        """Check the image and page options; the path is left for the caller."""
        if not 200 <= width <= 8000 or not 200 <= height <= 8000:
            raise InputError(f"image size {width}x{height} px: width and height must be 200..8000")
        if not 50 <= dpi <= 600:
            raise InputError(f"--dpi {dpi}: must be 50..600")
        if cdn and (offline or assets_dir is not None):
            other = "--offline" if offline else "--assets"
            raise InputError(f"--cdn links Leaflet from a CDN; it excludes {other}")
        if assets_dir is not None:
            try:
                is_folder = assets_dir.is_dir()
            except OSError as exc:  # a name too long, a loop of links
                raise InputError(
                    f"--assets {shorten(assets_dir)!r}: {exc.strerror or exc}"
                ) from None
            if not is_folder:
                raise InputError(f"--assets {shorten(assets_dir)!r} is not a folder")
            for name in ("leaflet.js", "leaflet.css"):
                if not (assets_dir / name).is_file():
                    raise InputError(f"--assets folder {shorten(assets_dir)!r} has no {name}")
        if tiles is None:
            tiles = "none" if offline else DEFAULT_TILES
        resolve_tiles(tiles)  # a bad --tiles fails before any work
        tile_layer = None if tiles.strip().lower() == "none" else tiles
        return cls(Path(), "html", width, height, dpi, tile_layer, offline, assets_dir, cdn)

    def write(self, rmap: RangeMap) -> Path:
        """Write the map; print the path written unless the map went to standard output."""
        written = self.page(rmap).save(
            self.path, fmt=self.fmt, width=self.width, height=self.height, dpi=self.dpi
        )
        if not self.to_stdout:
            click.echo(str(written))
        return written


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rangemap", prog_name="rangemap")
@click.option("-v", "--verbose", count=True, help="More log messages on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Draw what a missile range reaches, exactly, on an interactive map.

    Without a command, rangemap runs its default job: `rangemap article` on
    the bundled news article (ATACMS over Kursk, Taurus refused), written to
    output/rangemap.html, with an account of what it drew and why.
    """
    level = logging.WARNING
    if quiet:
        level = logging.ERROR
    elif verbose:
        level = logging.DEBUG if verbose > 1 else logging.INFO
    _log_to_stderr(level)
    if ctx.invoked_subcommand is None:
        from rangemap._paths import seed_path

        ctx.invoke(article_command, source=str(seed_path()))  # click fills the defaults


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Log lines to whatever ``sys.stderr`` is when each is written.

    A run inside another program (a test, a notebook) may swap
    ``sys.stderr`` between runs; a handler bound to the stream of the first
    run would write later runs' lines there.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("rangemap: %(levelname)s: %(message)s"))

    @property
    def stream(self) -> Any:
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _log_to_stderr(level: int) -> None:
    """Send rangemap's log lines at ``level`` and above to standard error, once per process."""
    logger = logging.getLogger("rangemap")
    logger.setLevel(level)
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        logger.addHandler(_StderrHandler())


def _scene_options(func: Any) -> Any:
    """Add the options that say what a map shows (shared by map and coverage)."""
    options = [
        click.option(
            "--from", "from_", multiple=True, required=True, metavar="PLACE", help=_FROM_HELP
        ),
        click.option(
            "--range",
            "ranges",
            multiple=True,
            metavar="DIST",
            help="Range: 300, 300km, '300 km', 190mi, 100nmi, 300000m (default unit km), or a "
            "claim such as 'several hundred kilometers' or '165-300 km' (a band). Repeatable.",
        ),
        click.option(
            "--weapon",
            "weapons",
            multiple=True,
            metavar="NAME",
            help="Catalogue weapon or variant (see 'rangemap weapons'): one ring per variant's "
            "published maximum range. Repeatable.",
        ),
        click.option(
            "--highlight",
            multiple=True,
            metavar="AREA",
            help="Region or country to highlight (Kursk means Kursk oblast). Repeatable.",
        ),
        click.option("--title", default=None, help="Map title; default built from the inputs."),
        _standoff_option,
        _sites_option,
    ]
    for option in reversed(options):
        func = option(func)
    return _side_options(func)


def _side_options(func: Any) -> Any:
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
    for option in reversed(options):
        func = option(func)
    return func


_standoff_option = click.option(
    "--standoff",
    default=None,
    metavar="DIST",
    help="Keep launchers this far behind the land border on their side (e.g. 30km: a border "
    "launch becomes the line 30 km inside Ukraine).",
)
_sites_option = click.option(
    "--sites",
    "sites",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE.csv",
    help="Your points of interest (CSV columns name, lat, lon, optional kind), added to the "
    "bundled airbases.",
)


def _build_map(
    from_: Sequence[str],
    ranges: Sequence[str],
    weapons: Sequence[str],
    highlight: Sequence[str],
    title: str | None,
    standoff: str | None,
    sites: Path | None,
    side: str | None = None,
    control: Path | None = None,
    as_of: str | None = None,
    **map_options: Any,
) -> RangeMap:
    from rangemap.api import make_map

    if not ranges and not weapons:
        raise InputError("give at least one --range (e.g. --range 300km) or --weapon (e.g. ATACMS)")
    return make_map(
        list(from_),
        list(ranges),
        weapons=list(weapons),
        highlight=list(highlight),
        title=title,
        standoff=standoff,
        sites=sites,
        side=side.upper() if side else None,
        control=control,
        as_of=as_of,
        **map_options,
    )


@cli.command("map")
@_scene_options
@_output_options
def map_command(**options: Any) -> None:
    """Draw geodesic rings or reach envelopes from launch places and write a map."""
    output_keys: tuple[str, ...] = ("output", "fmt", "width", "height", "dpi", "tiles")
    output_keys += ("offline", "cdn", "assets_dir")
    out = _Output.check(**{key: options.pop(key) for key in output_keys})
    rmap = _build_map(**options, **out.map_options)
    log.info("rendering %s as %s", rmap.title, out.fmt)
    out.write(rmap)


@cli.command("report")
@click.option(
    "--article",
    "article",
    default=None,
    metavar="FILE|-",
    help="News text to read claims, weapons and regions from (then --from defaults to the "
    "Ukraine–Russia border and --range/--weapon add to what the text names).",
)
@click.option("--from", "from_", multiple=True, metavar="PLACE", help=_FROM_HELP)
@click.option(
    "--range", "ranges", multiple=True, metavar="DIST", help="Range or claim; repeatable."
)
@click.option("--weapon", "weapons", multiple=True, metavar="NAME", help="Catalogue weapon.")
@click.option("--highlight", multiple=True, metavar="AREA", help="Region or country to highlight.")
@click.option("--title", default=None, help="Report and map title.")
@_standoff_option
@_sites_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("output") / "report",
    show_default=True,
    help="Report folder: new, empty (filled), or a previous report (replaced). A symbolic "
    "link is followed.",
)
@_page_options
@_side_options
def report_command(
    article: str | None,
    from_: Sequence[str],
    ranges: Sequence[str],
    weapons: Sequence[str],
    highlight: Sequence[str],
    title: str | None,
    standoff: str | None,
    sites: Path | None,
    output: Path,
    width: int,
    height: int,
    dpi: int,
    tiles: str | None,
    offline: bool,
    cdn: bool,
    assets_dir: Path | None,
    side: str | None,
    control: Path | None,
    as_of: str | None,
) -> None:
    """Write a report folder: index.html, map.png, coverage.csv, claims.json, layers.geojson."""
    check_report_folder(output)  # before any work; nothing is created until it is written
    from rangemap.api import article_map
    from rangemap.article import describe_reading, read_text_file
    from rangemap.spec import parse_range, weapon_specs

    out = _Output.options(width, height, dpi, tiles, offline, assets_dir, cdn)
    if article is not None:
        extra = [parse_range(r) for r in ranges]
        for name in weapons:
            extra.extend(weapon_specs(name))
        rmap, reading = article_map(
            read_text_file(article),
            launch=list(from_) or "border:UA-RU",
            title=title,
            standoff=standoff,
            sites=sites,
            extra_ranges=extra,
            extra_highlights=list(highlight),
            coverage=False,  # the report computes it once, with cities
            side=side.upper() if side else None,
            control=control,
            as_of=as_of,
            **out.map_options,
        )
        for line in describe_reading(reading):
            click.echo(line)
    else:
        if not from_:
            raise InputError("give --from PLACE (or --article FILE to read one from text)")
        rmap = _build_map(
            from_,
            ranges,
            weapons,
            highlight,
            title,
            standoff,
            sites,
            side=side,
            control=control,
            as_of=as_of,
            coverage=False,  # the report computes it once, with cities
            **out.map_options,
        )
    report = out.page(rmap).save_report(output, width=width, height=height, dpi=dpi)
    click.echo(str(report))


@cli.command("coverage")
@_scene_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "md"]),
    default="table",
    show_default=True,
    help="How to print what lies within reach.",
)
@click.option(
    "--all-sides",
    is_flag=True,
    default=False,
    help="List the launch side's own regions, cities and sites too (by default only the "
    "other side's, the targets; third countries such as Belarus are listed apart).",
)
@click.option(
    "--compare",
    is_flag=True,
    default=False,
    help="Compare the map's ranges and weapons: per layer, how many of the other side's "
    "sites of each kind and cities lie in reach, and which sites it adds to the next "
    "shorter one (JSON: the by_layer list).",
)
def coverage_command(fmt: str, all_sides: bool, compare: bool, **options: Any) -> None:
    """Print what lies within reach of the other side: regions, countries, sites and cities."""
    if compare and fmt == "csv":
        raise click.UsageError("--compare prints --format table, md or json, not csv")
    from rangemap.render.tables import (
        compare_table,
        coverage_csv,
        coverage_markdown,
        coverage_table,
    )

    rmap = _build_map(**options, coverage=False)
    # The map holds the user's sites as read once by make_map.
    result = rmap.coverage(all_sides=all_sides)
    outer = rmap.scene.outer_layer
    if compare:
        if fmt == "json":
            click.echo(json.dumps(result.by_layer(), ensure_ascii=False, indent=2))
        else:
            click.echo(f"By layer, from {outer.launch.name}:\n")
            click.echo(compare_table(result))
    elif fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(coverage_csv(result), nl=False)
    elif fmt == "md":
        click.echo(f"# Within {outer.spec.high_km:,.0f} km of {outer.launch.name}\n")
        click.echo(coverage_markdown(result))
    else:
        click.echo(f"Within {outer.spec.high_km:,.0f} km of {outer.launch.name}:\n")
        click.echo(coverage_table(result))


@cli.command("need")
@click.option(
    "--to",
    "target",
    required=True,
    metavar="TARGET",
    help="A site (e.g. Engels-2), city, region, or LAT,LON.",
)
@click.option("--from", "from_", multiple=True, required=True, metavar="PLACE", help=_FROM_HELP)
@_standoff_option
@_side_options
@click.option(
    "--any-operator",
    "any_operator",
    is_flag=True,
    help="List the strike weapons of every operator, not only those the launch side fields.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def need_command(
    target: str,
    from_: Sequence[str],
    standoff: str | None,
    side: str | None,
    control: Path | None,
    as_of: str | None,
    any_operator: bool,
    as_json: bool,
) -> None:
    """Print the range needed to reach TARGET, and which of the launch side's weapons reach it."""
    from rangemap.need import range_needed

    answer = range_needed(
        target,
        list(from_),
        standoff=standoff,
        side=side.upper() if side else None,
        control=control,
        as_of=as_of,
        any_operator=any_operator,
    )
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{answer.target} is {answer.distance_km:,.1f} km from the nearest point of "
        f"{answer.launch} (geodesic, WGS84)."
    )
    whose = "any operator's" if answer.any_operator else f"{answer.side}'s"
    if answer.reaching:
        click.echo(f"Reached by ({whose} strike weapons):")
        rows = [(w, v, f"{r:g}", f"{m:+,.1f}", ", ".join(o)) for w, v, r, m, o in answer.reaching]
        click.echo(_table(("weapon", "variant", "max km", "margin km", "operators"), rows))
    else:
        click.echo(f"None of {whose} catalogued strike weapons reaches it.")
    if answer.short:
        w, v, r, m, o = answer.short[0]
        click.echo(
            f"Nearest short of it: {w} {v} ({r:g} km, {-m:,.1f} km short; "
            f"operated by {', '.join(o)})."
        )
    if not answer.any_operator:
        click.echo("Only weapons the launch side operates; --any-operator lists all.")


@cli.command("article")
@click.argument("source", metavar="FILE|-")
@click.option(
    "--from",
    "from_",
    multiple=True,
    metavar="PLACE",
    help="Launch place (default: the Ukraine–Russia border). " + _FROM_HELP,
)
@click.option("--title", default=None, help="Map title; default built from the text.")
@_standoff_option
@_sites_option
@_side_options
@_output_options
def article_command(
    source: str,
    from_: Sequence[str],
    title: str | None,
    standoff: str | None,
    sites: Path | None,
    side: str | None,
    control: Path | None,
    as_of: str | None,
    **output_options: Any,
) -> None:
    """Build the map a news text describes: its range claims, weapons and regions."""
    from rangemap.api import article_map
    from rangemap.article import account, describe_reading, read_text_file

    out = _Output.check(**output_options)
    text = read_text_file(source)
    rmap, reading = article_map(
        text,
        launch=list(from_) or "border:UA-RU",
        title=title,
        standoff=standoff,
        sites=sites,
        side=side.upper() if side else None,
        control=control,
        as_of=as_of,
        **out.map_options,
    )
    for line in describe_reading(reading, side=rmap.scene.launch_side):
        click.echo(line, err=out.to_stdout)  # with -o -, standard output is the map's
    for note in (*rmap.scene.legend_notes, *rmap.scene.notes):
        click.echo(f"  note: {note}", err=out.to_stdout)
    # What was drawn and why, in plain words; the path written stays the last line.
    click.echo(account(reading, rmap.scene), err=out.to_stdout)
    out.write(rmap)


@cli.command("parse")
@click.argument("source", metavar="FILE|-")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per claim.")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Every length in the text, each with its type (range, distance, movement, speed, "
    "altitude, size, accuracy); distances are checked against the bundled geography.",
)
def parse_command(source: str, as_json: bool, show_all: bool) -> None:
    """Print the range claims found in a text (FILE, or - for stdin)."""
    from rangemap.article import read_text_file
    from rangemap.claims import parse_claims, parse_statements
    from rangemap.links import link_claims
    from rangemap.weapons import weapon_names

    text = read_text_file(source)
    read = parse_statements if show_all else parse_claims
    # Each range claim names the weapon it is about (rangemap.links).
    claims = link_claims(text, read(text, weapon_names=weapon_names()))
    checked: dict[int, dict[str, Any]] = {}
    if show_all and any(c.type == "distance" for c in claims):
        from rangemap.checks import check_statements

        checked = {c.statement.start: c.to_dict() for c in check_statements(claims, text=text)}
    if as_json:
        # One object per line; each claim gives its sentence by offsets
        # (sentence_start, sentence_end), so the output grows with the number
        # of claims, not with claims times sentence length.
        encode = json.JSONEncoder(ensure_ascii=False).encode
        body = ",\n".join(encode(checked.get(c.start) or c.to_dict()) for c in claims)
        click.echo(f"[\n{body}\n]" if body else "[]")
        return
    if not claims:
        click.echo("no lengths found" if show_all else "no range claims found", err=True)
        return
    # The sentence column is cut to 70 characters: fold only its start, not
    # the whole sentence once per claim.
    rows = [
        (
            *((c.type,) if show_all else ()),
            " ".join(c.phrase.split()),
            c.kind,
            _stated_km(c.low_km, c.high_km, c.nominal_km),
            c.weapon or "",
            " ".join(c.sentence[:200].split()),
        )
        for c in claims
    ]
    header = ("phrase", "kind", "km", "weapon", "sentence")
    click.echo(_table((("type", *header) if show_all else header), rows))


def _stated_km(low: float | None, high: float | None, nominal: float) -> str:
    """Bounds as stated: ``300``, ``165–300``, ``up to 300``, ``at least 300``."""
    if low is None:
        return f"up to {nominal:,.0f}"
    if high is None:
        return f"at least {nominal:,.0f}"
    return f"{low:,.0f}–{high:,.0f}" if low != high else f"{nominal:,.0f}"


@cli.command("check")
@click.argument("source", metavar="FILE|-")
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON array, one object per distance."
)
@click.option(
    "--control",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="A control-of-terrain file whose front line 'the front line' is measured to "
    "(the bundled data mark whole regions, so without it such distances are unresolved).",
)
def check_command(source: str, as_json: bool, control: Path | None) -> None:
    """Check the distances between places a text states (FILE, or - for stdin)."""
    from rangemap.article import read_text_file
    from rangemap.checks import check_text
    from rangemap.weapons import weapon_names

    checks = check_text(read_text_file(source), control=control, weapon_names=weapon_names())
    if as_json:
        encode = json.JSONEncoder(ensure_ascii=False).encode
        body = ",\n".join(encode(c.to_dict()) for c in checks)
        click.echo(f"[\n{body}\n]" if body else "[]")
        return
    if not checks:
        click.echo("no distances between places found", err=True)
        return
    rows = [
        (
            " ".join(c.statement.phrase.split()),
            c.place_name or c.statement.place or "?",
            c.reference_name or c.statement.reference or "?",
            _stated_km(c.statement.low_km, c.statement.high_km, c.statement.nominal_km),
            "" if c.computed_km is None else f"{c.computed_km:,.1f}",
            c.verdict,
            c.reason or " ".join(c.statement.sentence[:200].split()),
        )
        for c in checks
    ]
    header = ("phrase", "place", "to", "stated km", "computed km", "verdict", "reason or sentence")
    click.echo(_table(header, rows))


@cli.command("weapons")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
def weapons_command(as_json: bool) -> None:
    """List the weapon catalogue: variants, ranges, operators and sources."""
    from rangemap.weapons import load_catalogue

    catalogue = load_catalogue()
    if as_json:
        click.echo(json.dumps([w.to_dict() for w in catalogue], ensure_ascii=False, indent=2))
        return
    rows = []
    for weapon in catalogue:
        for variant in weapon.variants:
            low = f"{variant.min_range_km:g}" if variant.min_range_km is not None else ""
            spread = variant.spread
            rows.append(
                (
                    weapon.id,
                    weapon.name,
                    variant.name,
                    weapon.role,
                    low,
                    f"{variant.max_range_km:g}",
                    f"{spread[0]:g}–{spread[1]:g}" if spread else "",
                    ", ".join(variant.operators),
                    variant.source,
                )
            )
    header = (
        "id",
        "weapon",
        "variant",
        "role",
        "min km",
        "max km",
        "spread km",
        "operators",
        "source",
    )
    click.echo(_table(header, rows, width=50))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], *, width: int = 70) -> str:
    """Format rows as a plain-text table, truncating the last column to ``width``."""
    cut = [
        [*row[:-1], row[-1] if len(row[-1]) <= width else row[-1][: width - 1] + "…"]
        for row in rows
    ]
    widths = [max(len(str(r[i])) for r in [header, *cut]) for i in range(len(header))]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cut
    ]
    return "\n".join(lines)


class _Signalled(BaseException):
    """SIGINT or SIGTERM, raised where the program stands so cleanup code runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    # One signal is enough: a second one must not cut the cleanup short.
    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, signal.SIG_IGN)
    raise _Signalled(signum)


def _install_signal_handlers() -> dict[int, Any]:
    """Turn SIGINT and SIGTERM into :class:`_Signalled`; return the handlers replaced."""
    previous: dict[int, Any] = {}
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, _on_signal)
    except ValueError:  # not the main thread: leave signals alone
        pass
    return previous


def _exit_signalled(signum: int) -> None:
    _fail("interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}")
    sys.exit(128 + signum)


def main(argv: Sequence[str] | None = None) -> Any:
    """Run the command line and exit with its status.

    SIGINT and SIGTERM become one error line and exit status 130 or 143,
    after the cleanup of an interrupted write. Run as the console script
    (``argv`` not given), a signal that arrives once the outcome is decided,
    while the interpreter shuts down, is ignored; called with ``argv``, the
    previous handlers are restored.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments; ``sys.argv[1:]`` by default.
    """
    previous = _install_signal_handlers()
    try:
        _run(argv)
    except _Signalled as exc:
        _exit_signalled(exc.signum)
    except Exception as exc:
        # Python wraps what a class body raises (an import under way, e.g.
        # matplotlib's __set_name__) in a RuntimeError: find the signal inside.
        signalled = _signal_cause(exc)
        if signalled is None:
            raise
        _exit_signalled(signalled.signum)
    finally:
        for signum, handler in previous.items():
            # The interpreter's shutdown puts back the default handlers, which
            # kill; an ignored signal stays ignored until the process has exited.
            signal.signal(signum, handler if argv is not None else signal.SIG_IGN)


def _signal_cause(exc: BaseException) -> _Signalled | None:
    """Return the :class:`_Signalled` that ``exc`` was raised from, if any."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, _Signalled):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _run(argv: Sequence[str] | None) -> None:
    from rangemap.launch import deferred_notices

    args = list(argv) if argv is not None else None
    if args is not None and any("\x00" in arg for arg in args):
        # An exec'd argv cannot hold NUL; a caller's list can, and paths would fail in os.stat.
        _fail("an argument contains a NUL character; give names, numbers and paths without it")
        sys.exit(2)
    try:
        # What a run assumed (the launch side, ...) is logged once it succeeds.
        with deferred_notices():
            cli.main(
                args=args,
                prog_name="rangemap",
                standalone_mode=False,
            )
    except RangemapError as exc:
        _fail(exc.naming(_PARAMETER_FLAGS) if isinstance(exc, ParameterError) else str(exc))
        sys.exit(2)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
        sys.exit(2)
    except click.ClickException as exc:
        _fail(exc.format_message())
        sys.exit(2)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # SIGINT before our handler
            _exit_signalled(signal.SIGINT)
        _fail("aborted")
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _exit_signalled(signal.SIGINT)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # the last resort at the edge: one line, not a traceback
        name = f" {shorten(exc.filename)!r}" if exc.filename else ""
        _fail(f"cannot use{name}: {exc.strerror or exc}")
        sys.exit(2)
    sys.exit(0)
