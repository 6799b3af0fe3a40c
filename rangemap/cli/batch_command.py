"""``rangemap batch FILE.toml -o DIR``: many maps from one file, on every core.

The command reads and checks the batch (:func:`rangemap.batch.read_batch`)
with the keys of ``rangemap map``, runs it (:func:`rangemap.batch.run_batch`)
and writes ``DIR/index.html`` and ``DIR/summary.csv``. A progress bar shows
on a terminal (standard error) only; a scenario that fails is named in one
line on standard error, and the exit status is 2 when any failed.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click

from rangemap.cli.run import fail

__all__ = ["batch_command"]

_HELP = """Make many maps from one TOML file, on every core, into DIR.

\b
A batch file holds:
  key = value        top-level keys: options for every scenario
  [defaults]         the same (wins over the top level)
  [[scenario]]       one map each: the keys of `map --scenario`, and name
  [product]          lists to combine: one map per combination
\b
Example:
  format = "html"
  [product]
  from = ["Sumy", "Kharkiv", "RU-KRS", "border:UA-RU"]
  weapon = ["ATACMS", "Storm Shadow"]
\b
Each map is written to DIR under its output key (a file name) or a name
made of its launch, ranges and weapons; DIR/index.html links every map and
DIR/summary.csv has one row per scenario with its key coverage numbers.
Paths in the file are relative to its folder. A failed scenario is named on
stderr and in the summary; the others go on; the exit status is then 2.
"""


@click.command("batch", help=_HELP)
@click.argument("source", metavar="FILE.toml", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("output") / "batch",
    show_default=True,
    metavar="DIR",
    help="Folder to write the maps, index.html and summary.csv into.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes (default: one per core).",
)
def batch_command(source: Path, output: Path, jobs: int | None) -> None:
    """Make many maps from one TOML file, on every core."""
    from rangemap.batch import read_batch, run_batch
    from rangemap.cli.commands import map_command
    from rangemap.render.batch_index import write_summary
    from rangemap.scenario import scenario_keys

    # The console script runs without the cyclic garbage collector (one map
    # per process, see rangemap.cli.run.main); a batch makes many maps in
    # this process and in its workers, whose trees of folium elements are cycles.
    gc.enable()
    keys = scenario_keys(map_command)
    scenarios = read_batch(source, keys)
    workers = jobs or os.cpu_count() or 1
    if sys.stderr.isatty():
        with click.progressbar(length=len(scenarios), label="maps", file=sys.stderr) as bar:
            results = run_batch(
                scenarios, output, keys, workers=workers, on_result=lambda _: bar.update(1)
            )
    else:
        results = run_batch(scenarios, output, keys, workers=workers)
    index = write_summary(results, output, title=f"rangemap batch: {source.name}")
    failed = [r for r in results if r.status != "ok"]
    for result in failed:
        fail(f"scenario {result.name!r} failed: {result.error}")
    click.echo(str(index))
    if failed:
        sys.exit(2)
