"""What a command writes and prints: its map (``-o``, ``--format``), its coverage and readings.

``-o -`` writes the map to standard output, in the format of ``--format``
(default html); ``png`` goes to standard output only when it is not a
terminal. Every check of the output path (and, in
:class:`~rangemap.page.PageOptions`, of the page options) runs before any
work, and nothing is created until the map is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rangemap.page import PageOptions
from rangemap.render.files import OutputTarget
from rangemap.scenario import output_of

if TYPE_CHECKING:
    from rangemap.article import ArticleReading
    from rangemap.coverage import Coverage
    from rangemap.output import RangeMap

__all__ = ["Output", "echo_coverage", "echo_reading"]


@dataclass(frozen=True)
class Output:
    """Where and how a command writes its map, checked before any work.

    Attributes
    ----------
    target : OutputTarget
        The file (``-`` for standard output) and its format, checked
        (:func:`rangemap.scenario.output_of`); written without checking again.
    page : PageOptions
        The page and image options the map is made with.
    """

    target: OutputTarget
    page: PageOptions

    @classmethod
    def check(cls, output: Path | None, fmt: str | None, page: PageOptions) -> Output:
        """Check ``-o`` and ``--format`` before any work (nothing is created)."""
        return cls(output_of(output, fmt), page)

    @property
    def to_stdout(self) -> bool:
        """Whether the map goes to standard output (so the command's other lines go to stderr)."""
        return self.target.to_stdout

    def write(self, rmap: RangeMap) -> Path:
        """Write the map; print the path written unless the map went to standard output."""
        written = rmap.save(self.target)
        if not self.to_stdout:
            click.echo(str(written))
        return written


def echo_reading(reading: ArticleReading, *, side: str | None = None, err: bool = False) -> None:
    """Print what was read in a text: its claims, weapons and regions, one line each."""
    from rangemap.render.account import describe_reading

    for line in describe_reading(reading, side=side):
        click.echo(line, err=err)


def echo_coverage(result: Coverage, rmap: RangeMap, fmt: str, *, compare: bool) -> None:
    """Print a coverage as ``rangemap coverage`` does, in ``fmt`` (table, csv, json or md).

    With ``compare``, the map's layers compared (table, md or json).
    """
    from rangemap.render.tables import (
        compare_table,
        coverage_csv,
        coverage_markdown,
        coverage_table,
    )

    outer = rmap.scene.outer_layer
    within = f"{outer.spec.high_km:,.0f} km of {outer.launch.name}"
    if fmt == "json":
        data = result.by_layer() if compare else result.to_dict()
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif compare:
        click.echo(f"By layer, from {outer.launch.name}:\n\n{compare_table(result)}")
    elif fmt == "csv":
        click.echo(coverage_csv(result), nl=False)
    elif fmt == "md":
        click.echo(f"# Within {within}\n\n{coverage_markdown(result)}")
    else:
        click.echo(f"Within {within}:\n\n{coverage_table(result)}")
