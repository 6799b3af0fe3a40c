"""The index and summary of a batch: ``index.html`` linking every map, and ``summary.csv``.

``summary.csv`` has one row per scenario (:data:`SUMMARY_COLUMNS`, the
fields of :class:`rangemap.batch.Result`); a text a spreadsheet would run as
a formula gets a leading quote. ``index.html`` comes from the Jinja2
template ``templates/batch_index.html.j2`` with autoescape on, every value
escaped (:func:`rangemap.render.safe.escape_html`), as the report page is.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rangemap.batch import Result
from rangemap.render.files import write_atomic
from rangemap.render.tables.cells import csv_text
from rangemap.render.templating import render

__all__ = ["SUMMARY_COLUMNS", "index_html", "summary_csv", "write_summary"]

#: Columns of ``summary.csv``, in order (the fields of :class:`Result`).
SUMMARY_COLUMNS = (
    "name",
    "status",
    "error",
    "output",
    "launch",
    "ranges",
    "weapons",
    "target_regions_in_reach",
    "reachable_area_km2",
    "sites_in_reach",
    "population_in_reach",
)


def summary_csv(results: Iterable[Result]) -> str:
    """Return ``summary.csv``: one row per scenario (:data:`SUMMARY_COLUMNS`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for result in results:
        row = [getattr(result, f.name) for f in fields(result)]
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Return a CSV cell: text a spreadsheet would run as a formula is neutralised."""
    return "" if value is None else csv_text(value) if isinstance(value, str) else value


def write_summary(results: Sequence[Result], folder: str | os.PathLike[str], title: str) -> Path:
    """Write ``index.html`` and ``summary.csv`` of a batch into ``folder``; return the index."""
    out = Path(folder)
    write_atomic(out / "summary.csv", summary_csv(results))
    return write_atomic(out / "index.html", index_html(results, title))


def index_html(results: Sequence[Result], title: str) -> str:
    """Return the batch's ``index.html``: a table linking every map, with its numbers.

    Every name links to its map's file, relative to the index.
    """
    rows = [
        {
            "result": r,
            "href": quote(r.output) if r.output else "",
            "area": "" if r.reachable_area_km2 is None else f"{r.reachable_area_km2:,.0f}",
            "people": "" if r.population_in_reach is None else f"{r.population_in_reach:,}",
        }
        for r in results
    ]
    failed = sum(1 for r in results if r.status != "ok")
    context = {"title": title, "rows": rows, "failed": failed, "total": len(rows)}
    return str(render("batch_index.html.j2", **context))
