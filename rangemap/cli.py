"""The ``rangemap`` command line: a thin layer over :mod:`rangemap.api`.

Every :class:`rangemap.errors.RangemapError` and every usage error becomes
one line on standard error and exit status 2, with nothing written.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from rangemap import __version__
from rangemap.api import make_map
from rangemap.errors import RangemapError
from rangemap.render.files import check_writable, format_for_path

__all__ = ["cli", "main"]

log = logging.getLogger("rangemap")

DEFAULT_OUTPUT = Path("output") / "rangemap.html"


def _fail(message: str) -> None:
    one_line = " ".join(str(message).split())
    click.echo(f"rangemap: error: {one_line}", err=True)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rangemap")
@click.option("-v", "--verbose", count=True, help="More log messages on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Draw what a missile range reaches, exactly, on an interactive map.

    Without a command, rangemap runs its default job: 165 km and 300 km
    rings (ATACMS M39 and M39A1) from Sumy with Kursk oblast highlighted,
    written to output/rangemap.html.
    """
    level = (
        logging.ERROR
        if quiet
        else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    )
    logging.basicConfig(
        level=level, format="rangemap: %(levelname)s: %(message)s", stream=sys.stderr
    )
    if ctx.invoked_subcommand is None:
        ctx.invoke(
            map_command,
            from_=("Sumy",),
            ranges=("165km", "300km"),
            highlight=("Kursk",),
            title="ATACMS M39 (165 km) and M39A1 (300 km) from Sumy, Kursk oblast highlighted",
            output=DEFAULT_OUTPUT,
            tiles="osm",
        )


@cli.command("map")
@click.option(
    "--from",
    "from_",
    multiple=True,
    required=True,
    metavar="PLACE",
    help="Launch place: LAT,LON, a city, a region (Kursk, RU-KRS), a country (UA) or "
    "border:UA-RU. Prefix city:/region:/country: to force a reading. Repeatable.",
)
@click.option(
    "--range",
    "ranges",
    multiple=True,
    required=True,
    metavar="DIST",
    help="Range: 300, 300km, '300 km', 190mi, 100nmi, 300000m (default unit km). Repeatable.",
)
@click.option(
    "--highlight",
    multiple=True,
    metavar="AREA",
    help="Region or country to highlight (Kursk means Kursk oblast). Repeatable.",
)
@click.option("--title", default=None, help="Map title; default built from the inputs.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file: .html (interactive map) or .geojson. Default output/<name>.html.",
)
@click.option(
    "--tiles",
    type=click.Choice(["osm", "none"]),
    default="osm",
    show_default=True,
    help="Base map tiles of the HTML map.",
)
def map_command(
    from_: Sequence[str],
    ranges: Sequence[str],
    highlight: Sequence[str],
    title: str | None,
    output: Path | None,
    tiles: str,
) -> None:
    """Draw geodesic range rings from launch places and write a map."""
    path = output if output is not None else DEFAULT_OUTPUT
    fmt = format_for_path(path)
    check_writable(path)
    rmap = make_map(
        list(from_),
        list(ranges),
        highlight=list(highlight),
        title=title,
        tiles=None if tiles == "none" else tiles,
    )
    log.info("rendering %s as %s", rmap.title, fmt)
    written = rmap.save(path)
    click.echo(str(written))


def main(argv: Sequence[str] | None = None) -> Any:
    """Run the command line and exit with its status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments; ``sys.argv[1:]`` by default.
    """
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="rangemap",
            standalone_mode=False,
        )
    except RangemapError as exc:
        _fail(str(exc))
        sys.exit(2)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
        sys.exit(2)
    except click.ClickException as exc:
        _fail(exc.format_message())
        sys.exit(2)
    except click.exceptions.Abort:
        _fail("aborted")
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted")
        sys.exit(130)
    sys.exit(0)
