r"""Coverage as tables: plain text, Markdown, CSV and the report's HTML tables.

A :class:`rangemap.coverage.Coverage` is drawn as a table here, and only
here:

- :func:`coverage_table`: titled sections of space-aligned columns for a
  terminal (``rangemap coverage``; :mod:`~rangemap.render.tables.text`);
- :func:`coverage_markdown`: GitHub-flavoured Markdown tables
  (``--format md``);
- :func:`compare_table`: per layer, what it reaches and what it adds to the
  next shorter one (``--compare``);
- :func:`coverage_csv`: one CSV table (``--format csv``, the report's
  ``coverage.csv``; :mod:`~rangemap.render.tables.csvtable`);
- :func:`coverage_html_tables`: the report's tables, as data for its Jinja2
  template, which escapes every cell (:mod:`~rangemap.render.tables.html`;
  :func:`html_table` makes one, also for the report's claims and weapons).

The cells are made in :mod:`~rangemap.render.tables.cells`. Numbers are
formatted once, in :mod:`rangemap.units`: shares
(:func:`~rangemap.units.format_share`: one decimal, never rounded to 0 % or
100 %, so a region not wholly in reach reads ``>99.9%`` in every table),
areas (:func:`~rangemap.units.format_km2`) and distances
(:func:`~rangemap.units.format_distance_km`).

Text from the data is made safe for each format: line breaks and control
characters become spaces; Markdown and HTML punctuation is
backslash-escaped in Markdown; a CSV text field that a spreadsheet would
read as a formula gets a leading single quote; terminal cells are cut to
40 characters.

Examples
--------
>>> from rangemap.coverage import Coverage, RegionCoverage
>>> row = RegionCoverage("RU-KRS", "Kursk Oblast", "RU", 0.9996, 30_115.0, 30_127.0, "RU")
>>> print(coverage_table(Coverage((row,), (), (), ())).splitlines()[3])
  Kursk Oblast  RU-KRS      RU       RU              30,115    30,127  >99.9%
"""

from __future__ import annotations

from rangemap.render.tables.cells import format_people
from rangemap.render.tables.csvtable import CSV_COLUMNS, coverage_csv
from rangemap.render.tables.html import TOP_ROWS, coverage_html_tables, html_table
from rangemap.render.tables.text import compare_table, coverage_markdown, coverage_table

__all__ = [
    "CSV_COLUMNS",
    "TOP_ROWS",
    "compare_table",
    "coverage_csv",
    "coverage_html_tables",
    "coverage_markdown",
    "coverage_table",
    "format_people",
    "html_table",
]
