r"""Plain-text listings for a terminal: claims, checked distances, the catalogue, ``need``.

Each function returns the text ``rangemap`` prints; the command line only
echoes it. Columns are space-aligned (:func:`plain_table`) and the last,
free-text column is cut to a width. :func:`json_array` writes one JSON
object a line, so that output grows with the number of items, not with
items times sentence length.

>>> print(plain_table(("a", "note"), [("1", "x" * 5)], width=3))
a  note
-  ----
1  xx…
>>> stated_km(165.0, 300.0, 300.0), stated_km(None, 300.0, 300.0)
('165–300', 'up to 300')
>>> json_array([{"a": 1}, {"b": "ü"}])
'[\n{"a": 1},\n{"b": "ü"}\n]'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "aligned_lines",
    "catalogue_table",
    "checks_table",
    "claims_table",
    "json_array",
    "need_text",
    "plain_table",
    "stated_km",
]


def plain_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, width: int = 70) -> str:
    """Format rows as a plain-text table, truncating the last column to ``width``.

    Parameters
    ----------
    header : sequence of str
        Column names.
    rows : sequence of sequence of str
        The cells, as many per row as there are columns.
    width : int
        Longest last cell shown; longer ones end in "…".

    Returns
    -------
    str
        The header, a rule and the rows, trailing spaces removed.
    """
    cut = [
        [*row[:-1], row[-1] if len(row[-1]) <= width else row[-1][: width - 1] + "…"]
        for row in rows
    ]
    return "\n".join(aligned_lines(header, cut))


def aligned_lines(
    header: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None
) -> list[str]:
    """Lay out a table in space-aligned columns: the header, a rule of dashes, the rows.

    Parameters
    ----------
    header : sequence of str
        Column names.
    rows : sequence of sequence of str
        The cells, as many per row as there are columns, shown whole.
    align : str, optional
        ``l`` (left, the default) or ``r`` (right) per column.

    Returns
    -------
    list of str
        One line each, columns two spaces apart, trailing spaces removed.
    """
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    sides = align or "l" * len(header)

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).rjust(w) if a == "r" else str(c).ljust(w)
            for c, w, a in zip(cells, widths, sides, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def stated_km(low: float | None, high: float | None, nominal: float) -> str:
    """Bounds as stated: ``300``, ``165–300``, ``up to 300``, ``at least 300``.

    Parameters
    ----------
    low, high : float or None
        The stated bounds, km (None where the text gives none).
    nominal : float
        The figure the text states, km.

    Returns
    -------
    str
        The bounds in words.
    """
    if low is None:
        return f"up to {nominal:,.0f}"
    if high is None:
        return f"at least {nominal:,.0f}"
    return f"{low:,.0f}–{high:,.0f}" if low != high else f"{nominal:,.0f}"


def json_array(items: Iterable[Mapping[str, Any]]) -> str:
    """Return a JSON array with one object a line (``[]`` when empty).

    Parameters
    ----------
    items : iterable of mapping
        JSON-ready objects.

    Returns
    -------
    str
        The array's text.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    body = ",\n".join(encode(item) for item in items)
    return f"[\n{body}\n]" if body else "[]"


def _sentence(text: str) -> str:
    """Return a sentence cell: its first 200 characters on one line (the table cuts it)."""
    return " ".join(text[:200].split())


def claims_table(claims: Sequence[Any], *, show_all: bool) -> str:
    """Return the claims ``rangemap parse`` found as a table.

    Parameters
    ----------
    claims : sequence of rangemap.claims.RangeClaim (or statements)
        What the text states, each with its phrase, kind, bounds, weapon and
        sentence.
    show_all : bool
        Whether the claims are every length (a type column first).

    Returns
    -------
    str
        The table.
    """
    rows = [
        (
            *((c.type,) if show_all else ()),
            " ".join(c.phrase.split()),
            c.kind,
            stated_km(c.low_km, c.high_km, c.nominal_km),
            c.weapon or "",
            _sentence(c.sentence),
        )
        for c in claims
    ]
    header = ("phrase", "kind", "km", "weapon", "sentence")
    return plain_table((("type", *header) if show_all else header), rows)


def checks_table(checks: Sequence[Any]) -> str:
    """Return the distances ``rangemap check`` checked as a table.

    Parameters
    ----------
    checks : sequence of rangemap.checks.DistanceCheck
        Each stated distance with the places it joins, the computed
        distance and the verdict.

    Returns
    -------
    str
        The table.
    """
    rows = [
        (
            " ".join(c.statement.phrase.split()),
            c.place_name or c.statement.place or "?",
            c.reference_name or c.statement.reference or "?",
            stated_km(c.statement.low_km, c.statement.high_km, c.statement.nominal_km),
            "" if c.computed_km is None else f"{c.computed_km:,.1f}",
            c.verdict,
            c.reason or _sentence(c.statement.sentence),
        )
        for c in checks
    ]
    header = ("phrase", "place", "to", "stated km", "computed km", "verdict", "reason or sentence")
    return plain_table(header, rows)


def catalogue_table(catalogue: Sequence[Any]) -> str:
    """Return the weapon catalogue as a table, one row per variant.

    Parameters
    ----------
    catalogue : sequence of rangemap.catalogue.Weapon
        The catalogue (``load_catalogue()``).

    Returns
    -------
    str
        The table, sources cut to 50 characters.
    """
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
    header = ("id", "weapon", "variant", "role", "min km", "max km", "spread km", "operators")
    return plain_table((*header, "source"), rows, width=50)


def need_text(answer: Any) -> str:
    """Return what ``rangemap need`` prints: the distance, and the weapons that reach.

    Parameters
    ----------
    answer : rangemap need result
        The answer of ``range_needed``.

    Returns
    -------
    str
        Lines of text.
    """
    lines = [
        f"{answer.target} is {answer.distance_km:,.1f} km from the nearest point of "
        f"{answer.launch} (geodesic, WGS84)."
    ]
    whose = "any operator's" if answer.any_operator else f"{answer.side}'s"
    if answer.reaching:
        lines.append(f"Reached by ({whose} strike weapons):")
        rows = [(w, v, f"{r:g}", f"{m:+,.1f}", ", ".join(o)) for w, v, r, m, o in answer.reaching]
        lines.append(plain_table(("weapon", "variant", "max km", "margin km", "operators"), rows))
    else:
        lines.append(f"None of {whose} catalogued strike weapons reaches it.")
    if answer.short:
        w, v, r, m, o = answer.short[0]
        lines.append(
            f"Nearest short of it: {w} {v} ({r:g} km, {-m:,.1f} km short; "
            f"operated by {', '.join(o)})."
        )
    if not answer.any_operator:
        lines.append("Only weapons the launch side operates; --any-operator lists all.")
    return "\n".join(lines)
