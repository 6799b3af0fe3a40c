"""The ``rangemap`` commands: one click group, each command a few lines over the library.

Every command reads its options (declared once, in
:mod:`rangemap.cli.options`, which also hand a command that writes a map its
checked output and page options as one :class:`rangemap.cli.output.Output`,
before any work), calls the library and prints what it returns
(:mod:`rangemap.cli.output`); the listings are formatted in
:mod:`rangemap.render.tables`. What the options of ``map`` (and the scene
options of ``coverage`` and ``report``) mean has one home,
:func:`rangemap.scenario.build` and :func:`rangemap.scenario.scene_map`,
which scenario files and batches use too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rangemap.cli.logs import log_to_stderr
from rangemap.cli.options import (
    FROM_HELP,
    article_option,
    control_option,
    from_option,
    json_option,
    map_output_options,
    output_options,
    page_options,
    report_folder_option,
    scene_options,
    side_options,
    sites_option,
    source_argument,
    standoff_option,
    title_option,
    what_options,
)
from rangemap.cli.output import Output, echo_coverage, echo_reading
from rangemap.cli.scenarios import record_options, scenario_option
from rangemap.errors import InputError
from rangemap.render.files import plan_report
from rangemap.scenario import build, scene_map

if TYPE_CHECKING:
    from rangemap.output import RangeMap
    from rangemap.page import PageOptions

__all__ = ["cli"]

log = logging.getLogger("rangemap")


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
    log_to_stderr(level)
    if ctx.invoked_subcommand is None:
        from rangemap._paths import seed_path

        ctx.invoke(article_command, source=str(seed_path()))  # click fills the defaults


@cli.command("map")
@scenario_option
@scene_options
@map_output_options
def map_command(**options: Any) -> None:
    """Draw geodesic rings or reach envelopes from launch places and write a map."""
    rmap, target = build(options)  # the page options and the output checked first
    rmap.scenario = record_options(click.get_current_context().params)  # the scenario it came from
    log.info("rendering %s as %s", rmap.title, target.fmt)
    Output(target, rmap.page).write(rmap)


@cli.command("report")
@article_option
@what_options(required=False, title="Report and map title.")
@report_folder_option
@page_options
@side_options
def report_command(article: str | None, output: Path, page: PageOptions, **options: Any) -> None:
    """Write a report folder: index.html, map.png, coverage.csv, claims.json, layers.geojson."""
    folder = plan_report(output)  # before any work; nothing is created until it is written
    if article is not None:
        rmap = _report_article_map(article, page=page, **options)
    elif not options["from_"]:
        raise InputError("give --from PLACE (or --article FILE to read one from text)")
    else:
        rmap = scene_map(options, coverage=False, page=page)
        # written as scenario.toml, beside index.html
        params = click.get_current_context().params  # -o is the report's folder, not a map's
        rmap.scenario = record_options(
            {k: v for k, v in params.items() if k != "output"}, folder=output
        )
    click.echo(str(rmap.save_report(folder)))


def _report_article_map(
    article: str,
    *,
    from_: Sequence[str],
    ranges: Sequence[str],
    weapons: Sequence[str],
    highlight: Sequence[str],
    **options: Any,
) -> RangeMap:
    """Make the report's map of a news text, with the ranges and weapons given beside it."""
    from rangemap._userfile import read_text_file
    from rangemap.api import article_map
    from rangemap.spec import parse_range
    from rangemap.weapon_specs import weapon_specs

    extra = [parse_range(r) for r in ranges]
    for name in weapons:
        extra.extend(weapon_specs(name))
    rmap, reading = article_map(
        read_text_file(article),
        launch=list(from_) or "border:UA-RU",
        extra_ranges=extra,
        extra_highlights=list(highlight),
        coverage=False,  # the report computes it once, with cities
        **options,
    )
    echo_reading(reading)
    return rmap


@cli.command("coverage")
@scene_options
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
    rmap = scene_map(options, coverage=False)
    # The map holds the user's sites as read once by make_map.
    echo_coverage(rmap.coverage(all_sides=all_sides), rmap, fmt, compare=compare)


@cli.command("need")
@click.option(
    "--to",
    "target",
    required=True,
    metavar="TARGET",
    help="A site (e.g. Engels-2), city, region, or LAT,LON.",
)
@from_option(required=True)
@standoff_option
@side_options
@click.option(
    "--any-operator",
    "any_operator",
    is_flag=True,
    help="List the strike weapons of every operator, not only those the launch side fields.",
)
@json_option("Print one JSON object.")
def need_command(target: str, from_: Sequence[str], as_json: bool, **options: Any) -> None:
    """Print the range needed to reach TARGET, and which of the launch side's weapons reach it."""
    from rangemap.need import range_needed
    from rangemap.render.tables.listings import need_text

    answer = range_needed(target, list(from_), **options)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(need_text(answer))


@cli.command("article")
@source_argument
@from_option(required=False, help="Launch place (default: the Ukraine–Russia border). " + FROM_HELP)
@title_option(help="Map title; default built from the text.")
@standoff_option
@sites_option
@side_options
@output_options
def article_command(source: str, from_: Sequence[str], out: Output, **options: Any) -> None:
    """Build the map a news text describes: its range claims, weapons and regions."""
    from rangemap._userfile import read_text_file
    from rangemap.api import article_map
    from rangemap.render.account import account

    rmap, reading = article_map(
        read_text_file(source), launch=list(from_) or "border:UA-RU", page=out.page, **options
    )
    # With -o -, standard output is the map's: the account goes to stderr.
    echo_reading(reading, side=rmap.scene.launch_side, err=out.to_stdout)
    for note in (*rmap.scene.legend_notes, *rmap.scene.notes):
        click.echo(f"  note: {note}", err=out.to_stdout)
    # What was drawn and why, in plain words; the path written stays the last line.
    click.echo(account(reading, rmap.scene), err=out.to_stdout)
    out.write(rmap)


@cli.command("parse")
@source_argument
@json_option("Print a JSON array, one object per claim.")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Every length in the text, each with its type (range, distance, movement, speed, "
    "altitude, size, accuracy); distances are checked against the bundled geography.",
)
def parse_command(source: str, as_json: bool, show_all: bool) -> None:
    """Print the range claims found in a text (FILE, or - for stdin)."""
    from rangemap._userfile import read_text_file
    from rangemap.checks import read_lengths
    from rangemap.render.tables.listings import claims_table, json_array

    claims, checked = read_lengths(read_text_file(source), every_length=show_all)
    if as_json:
        # Each claim gives its sentence by offsets (sentence_start, sentence_end).
        click.echo(json_array(checked.get(c.start) or c.to_dict() for c in claims))
    elif not claims:
        click.echo("no lengths found" if show_all else "no range claims found", err=True)
    else:
        click.echo(claims_table(claims, show_all=show_all))


@cli.command("check")
@source_argument
@json_option("Print a JSON array, one object per distance.")
@control_option(
    "A control-of-terrain file whose front line 'the front line' is measured to "
    "(the bundled data mark whole regions, so without it such distances are unresolved)."
)
def check_command(source: str, as_json: bool, control: Path | None) -> None:
    """Check the distances between places a text states (FILE, or - for stdin)."""
    from rangemap._userfile import read_text_file
    from rangemap.catalogue import weapon_names
    from rangemap.checks import check_text
    from rangemap.render.tables.listings import checks_table, json_array

    checks = check_text(read_text_file(source), control=control, weapon_names=weapon_names())
    if as_json:
        click.echo(json_array(c.to_dict() for c in checks))
    elif not checks:
        click.echo("no distances between places found", err=True)
    else:
        click.echo(checks_table(checks))


@cli.command("weapons")
@json_option("Print the catalogue as JSON.")
def weapons_command(as_json: bool) -> None:
    """List the weapon catalogue: variants, ranges, operators and sources."""
    from rangemap.catalogue import load_catalogue
    from rangemap.render.tables.listings import catalogue_table

    catalogue = load_catalogue()
    if as_json:
        click.echo(json.dumps([w.to_dict() for w in catalogue], ensure_ascii=False, indent=2))
    else:
        click.echo(catalogue_table(catalogue))
