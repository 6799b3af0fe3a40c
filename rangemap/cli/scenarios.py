"""Scenario files on the command line: ``map --scenario FILE.toml`` and ``rangemap scenario``.

``--scenario`` is read before every other option (an eager option) and
becomes click's ``default_map`` of the command: an option given on the
command line wins over the file, the file wins over the option's default.
The file's keys and checks are those of :mod:`rangemap.scenario`, derived
from the command's own options.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from rangemap.recording import read_recorded, record, to_toml
from rangemap.scenario import DEFAULT_OUTPUT, read_scenario, scenario_keys

__all__ = ["record_options", "scenario_command", "scenario_option"]


def _load(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is None:
        return
    options = read_scenario(value, scenario_keys(ctx.command))
    ctx.default_map = {**(ctx.default_map or {}), **options}


scenario_option = click.option(
    "--scenario",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE.toml",
    is_eager=True,
    expose_value=False,
    callback=_load,
    help="Read the options from a TOML file: keys are the long option names (from, range, "
    "weapon, title, output, ...), lists for repeatable ones; paths in it are relative to "
    "its folder. An option given here wins over the file.",
)


def record_options(options: Mapping[str, Any], *, folder: Path | None = None) -> dict[str, Any]:
    """Return the recording of the current ``map`` (or ``report``) run's options.

    Parameters
    ----------
    options : mapping
        The options by parameter name, as the command got them.
    folder : pathlib.Path, optional
        The folder paths are recorded relative to; by default the output's.
    """
    from rangemap.cli.commands import map_command

    if folder is None:
        output = options.get("output") or DEFAULT_OUTPUT
        folder = Path() if str(output) == "-" else Path(output).parent
    return record(options, scenario_keys(map_command), folder=folder)


@click.command("scenario")
@click.argument("source", metavar="FILE", type=click.Path(path_type=Path))
def scenario_command(source: Path) -> None:
    """Print the scenario a map recorded (FILE.html, .geojson, .kml or .gpkg) as a scenario file.

    Save it beside the map and run `rangemap map --scenario FILE.toml` to
    make the same map again (paths in it are relative to the map's folder).
    """
    click.echo(to_toml(read_recorded(source)), nl=False)
