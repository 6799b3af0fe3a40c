"""Coverage as plain text for a terminal and as Markdown; the layers compared.

- :func:`coverage_table`: with a launch side, first a line saying what is
  listed (:meth:`rangemap.coverage.Coverage.filter_note`); then titled
  sections of space-aligned columns, names cut to 40 characters.
- :func:`coverage_markdown`: the same tables as GitHub-flavoured Markdown,
  every cell backslash-escaped.
- :func:`compare_table`: per layer, what it reaches and what it adds to the
  next shorter one.

Examples
--------
>>> from rangemap.coverage import Coverage
>>> print(coverage_table(Coverage((), (), (), ())).splitlines()[0])
Regions in reach (0)
>>> coverage_markdown(Coverage((), (), (), ())).splitlines()[:3]
['## Regions in reach', '', '*None.*']
"""

from __future__ import annotations

from rangemap.coverage import Coverage
from rangemap.render.tables.cells import (
    format_people,
    markdown_cell,
    markdown_row,
    one_line,
    plural,
    sections,
    terminal_text,
)
from rangemap.render.tables.listings import aligned_lines

__all__ = ["compare_table", "coverage_markdown", "coverage_table"]

#: Widest name shown in :func:`coverage_table` (longer names are cut).
_TABLE_NAME_WIDTH = 40


def coverage_table(cov: Coverage) -> str:
    """Return a coverage as plain text for a terminal.

    Parameters
    ----------
    cov : Coverage
        What lies within a reach.

    Returns
    -------
    str
        With a launch side, first a line saying what is listed
        (:meth:`Coverage.filter_note`); then titled sections of space-aligned
        columns (numbers formatted as in :func:`coverage_markdown`). Control
        characters in names (line breaks, terminal escape sequences)
        become spaces and names longer than 40 characters are cut with
        an ellipsis.
    """
    out: list[str] = []
    note = cov.filter_note()
    if note:
        out.extend([" ".join(one_line(note).split()), ""])
    for title, headers, align, rows in sections(cov):
        out.append(f"{title} ({len(rows)})")
        if not rows:
            out.append("  none")
            out.append("")
            continue
        cells = [[terminal_text(cell, _TABLE_NAME_WIDTH) for cell in row] for row in rows]
        out.extend("  " + line for line in aligned_lines(headers, cells, align))
        out.append("")
    return "\n".join(out)


def coverage_markdown(cov: Coverage) -> str:
    """Return a coverage as Markdown tables, one section per kind.

    Parameters
    ----------
    cov : Coverage
        What lies within a reach.

    Returns
    -------
    str
        With a launch side, first a paragraph saying what is listed
        (:meth:`Coverage.filter_note`). Then four ``##`` sections (regions,
        countries, sites, cities), each a GitHub-flavoured Markdown
        table or *None.* when empty, and, for third countries reached,
        sections titled ``Third countries: ...``. Areas are whole km²
        with thousands separators, shares percentages with one decimal,
        distances km with one decimal. Text from the data is made safe:
        line breaks and control characters become spaces, and Markdown
        and HTML punctuation (``| < > & * _`` ...) is backslash-escaped,
        so a name cannot break the table or inject markup.
    """
    out: list[str] = []
    note = cov.filter_note()
    if note:
        out.extend([markdown_cell(note), ""])
    for title, headers, align, rows in sections(cov):
        out.append(f"## {title}")
        out.append("")
        if not rows:
            out.append("*None.*")
        else:
            rule = ["---:" if a == "r" else "---" for a in align]
            out.append(markdown_row(headers))
            out.append("| " + " | ".join(rule) + " |")
            out.extend(markdown_row(row) for row in rows)
        out.append("")
    return "\n".join(out)


def compare_table(cov: Coverage) -> str:
    """Say per layer what it reaches and what it adds to the next shorter one.

    Parameters
    ----------
    cov : Coverage
        What lies within a reach, with the map's layers.

    Returns
    -------
    str
        One paragraph per layer, shortest range first: ``"Storm Shadow
        (250 km) reaches 14 sites (12 airbases, 2 heliports), 30 cities
        (about 2.1 million people)"``, then ``"adding Millerovo, ..."``
        for every layer after the first. Names are made one line.
    """
    lines: list[str] = []
    for k, row in enumerate(cov.by_layer()):
        counts = row["counts"]
        kinds = [
            plural(v, key)
            for key, v in counts.items()
            if key not in ("sites", "cities", "population")
        ]
        text = one_line(row["label"])
        if not text.endswith(" km"):
            text += f" ({row['range_km']:,.0f} km)"
        text += " reaches "
        text += plural(counts["sites"], "site")
        if kinds:
            text += f" ({', '.join(kinds)})"
        if counts["cities"] is not None:
            text += f", {plural(counts['cities'], 'city')} ({format_people(counts['population'])})"
        if k:
            adds = [one_line(n) for n in row["adds"]]
            text += "; adding " + (", ".join(adds) if adds else "no site")
        lines.append(text + ".")
    return "\n".join(lines)
