r"""Reading a user's vector file, in any format GDAL reads: the one reader of them.

:func:`read_vector` reads a launch file (``--from``), a sites file
(``--sites``) or a control file (``--control``) through pyogrio (GDAL) and
returns a :class:`geopandas.GeoDataFrame` in lon/lat (EPSG:4326), checked.

What is accepted
----------------
* GeoJSON (``.geojson``, ``.json``), GeoPackage (``.gpkg``), Shapefile
  (``.shp`` with its ``.dbf``, ``.shx`` and ``.prj``, or all of them in a
  ``.zip``; ``/vsizip/archive.zip/inner.shp`` names one shapefile in an
  archive), KML and KMZ (``.kml``, ``.kmz``), FlatGeobuf (``.fgb``), and CSV
  (``.csv``) with a latitude column (``lat``, ``latitude`` or ``y``) and a
  longitude column (``lon``, ``lng``, ``long``, ``longitude`` or ``x``), any
  case, read as WGS84 degrees.
* ``FILE:LAYER`` chooses a layer of a file that has several (a GeoPackage, a
  KML with folders). A file of several layers given without one is read when
  only one of them has features; otherwise it is refused in one line that
  lists the layers. A value that names an existing file is that file, even
  when it holds a ``:``; a Windows drive (``C:\\maps\\x.gpkg``) is part of
  the path.
* Text formats (GeoJSON, CSV) must be UTF-8 (a byte-order mark is
  accepted); the size limit is the caller's (checked before reading).
* Coordinates are reprojected to lon/lat with pyproj from the CRS the file
  states. A file that states none (a shapefile without ``.prj``, a CSV) must
  already hold lon/lat degrees: one whose coordinates are not is refused. A
  GeoJSON ``crs`` member may name an EPSG code (reprojected from); any other
  is refused (see :mod:`rangemap.places.geojson_doc`, which also checks a
  GeoJSON document's outline before GDAL reads it).
* Altitudes: a file whose altitudes are all 0 (a KML drawn in Google Earth
  writes ``lon,lat,0``) is read as 2-D; any other altitude is refused, as a
  range map is drawn on the ground and an altitude is a sign of a 3-D survey
  or of a third number that is not an altitude.
* NaN or infinite coordinates, coordinates outside -180..180 / -90..90 (a
  swap of latitude and longitude is named when it explains them, a projected
  file without CRS too) and more vertices than the caller's limit are
  refused. Invalid geometries are repaired with :func:`shapely.make_valid`,
  keeping their dimension, and unclosed rings are closed, each with a
  warning. Null and empty geometries are dropped; at least one must remain.

GDAL's own warnings never reach standard error: what they report is checked
here and said in rangemap's words. Every problem raises
:class:`rangemap.errors.DataFileError` (also a ``ValueError``) with one line
that names the file, what is wrong and what is accepted.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rangemap._names import quoted
from rangemap._userfile import Wording, check_user_file, decode_user_text, read_user_bytes
from rangemap.errors import DataFileError
from rangemap.places import vector_checks as checks
from rangemap.places.geojson_doc import GeoJSONDoc, check_geojson

if TYPE_CHECKING:
    import geopandas

__all__ = [
    "FORMATS",
    "VECTOR_SUFFIXES",
    "looks_like_vector_path",
    "read_vector",
    "show_path",
    "split_layer",
]

#: File name endings read as vector files.
VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip", ".kml", ".kmz", ".fgb", ".csv")
#: The formats, as messages name them.
FORMATS = "GeoJSON, GeoPackage, Shapefile, KML/KMZ, FlatGeobuf, CSV"
_TEXT_SUFFIXES = (".geojson", ".json", ".csv")
# The formats whose GDAL driver takes a path after a "DRIVER:" prefix.
_PREFIXED = {".geojson": "GeoJSON", ".json": "GeoJSON", ".csv": "CSV", ".gpkg": "GPKG"}
_LON_NAMES = "lon,lng,long,longitude,x"
_LAT_NAMES = "lat,latitude,y"
_MAX_SHOWN_CHARS = 80
_MAX_NAME_CHARS = 80


def show_path(path: str | os.PathLike[str]) -> str:
    """Show a path in messages: one line, at most 80 characters, quoted."""
    try:
        text: str | bytes = os.fspath(path)
    except TypeError:
        text = repr(path)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = checks.CONTROL.sub("?", text)
    if len(text) > _MAX_SHOWN_CHARS:
        text = "…" + text[-(_MAX_SHOWN_CHARS - 1) :]
    return f"'{text}'"


def split_layer(text: str) -> tuple[str, str | None]:
    r"""Split ``FILE:LAYER`` into the file and the layer (None when none is named).

    A value that names an existing path is a path, whatever it holds; else the
    text after the last ``:`` is a layer when the text before it ends in a
    vector suffix (so ``C:\\maps\\x.gpkg`` is a path and ``x.gpkg:roads`` a layer).
    """
    value = text.strip()
    try:
        if os.path.lexists(value):
            return value, None
    except (ValueError, OSError):
        return value, None
    head, sep, layer = value.rpartition(":")
    if sep and layer and not {"/", "\\"} & set(layer) and head.lower().endswith(VECTOR_SUFFIXES):
        return head, layer
    return value, None


def looks_like_vector_path(text: str | os.PathLike[str]) -> bool:
    """Tell whether a value names a vector file (see :data:`VECTOR_SUFFIXES`), existing or not."""
    try:
        value = os.fspath(text)
    except TypeError:
        return False
    if not isinstance(value, str) or not value.strip():
        return False
    path, _ = split_layer(value)
    return path.lower().endswith(VECTOR_SUFFIXES) or path.lower().startswith("/vsizip/")


def _wording(what: str) -> Wording:
    return Wording(
        missing=f"{what} {{name}} not found; give the path to an existing file",
        folder=f"{{name}} is a folder, not a {what}; give the path to a file",
        not_regular=f"{{name}} is not a regular file; give the path to a {what}",
        too_big=(
            f"{what} {{name}} is {{mib:.1f}} MB; at most {{limit_mib:.0f}} MB is accepted "
            "(simplify or subset it first)"
        ),
        unreadable=f"cannot read {what} {{name}}: {{error}}",
        empty=f"{what} {{name}} is empty; accepted: {FORMATS}",
        binary=f"{{name}} is a binary file, not text; accepted: {FORMATS}",
        not_utf8=(
            "{name} is not UTF-8 text (bad byte at offset {start}); save it as UTF-8"
        ),
        utf16="{name} is UTF-16 text; save it as UTF-8",
        compressed="{name} is {kind}, not text; unzip it, or name a zipped shapefile .zip",
    )


def read_vector(
    path: str | os.PathLike[str],
    *,
    what: str = "file",
    max_bytes: int,
    max_vertices: int | None = None,
    layer: str | None = None,
) -> geopandas.GeoDataFrame:
    """Read a user's vector file as a checked GeoDataFrame in lon/lat (EPSG:4326).

    Parameters
    ----------
    path : str or path-like
        The file, optionally as ``FILE:LAYER``; see the module notes.
    what : str, optional
        What the file is, for messages (``"launch file"``).
    max_bytes : int
        The largest file accepted, in bytes.
    max_vertices : int, optional
        The most positions accepted in all features together.
    layer : str, optional
        The layer to read, if not given in ``path``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per feature with a non-empty geometry, indexed by the
        feature's position in the layer (from 0), its attributes as columns.
        ``attrs`` holds ``"warnings"`` (one line per repair), ``"name"`` (the
        first feature's short ``name``, else the file's stem), ``"where"``
        (names a row in messages) and ``"shown"`` (the file in messages).

    Raises
    ------
    DataFileError
        For every problem the module notes list.
    """
    text = os.fspath(path)
    if layer is None:
        text, layer = split_layer(text)
    shown = show_path(text)
    suffix = Path(text).suffix.lower()
    doc = _check_bytes(text, suffix, shown, what, max_bytes)
    source = _gdal_path(text, suffix, shown)
    chosen = _choose_layer(source, layer, shown) if suffix not in _TEXT_SUFFIXES else layer
    meta, wkb, fields = _gdal_read(source, chosen, suffix, shown, doc)
    fc = doc is None or doc.kind == "FeatureCollection"

    def where(i: int) -> str:
        return f"feature {i + 1}" if fc else ""

    geoms, repairs = checks.read_wkb(wkb, shown, where)
    checks.check_vertices(geoms, shown, max_vertices, f"a {what}")
    checks.check_finite(geoms, shown, where)
    geoms = checks.flatten_z(geoms, shown, where)
    geoms = checks.to_lonlat(geoms, meta.get("crs"), shown)
    hint = "there is no crs member to say so" if doc else "its CRS says lon/lat degrees"
    checks.check_lonlat(geoms, shown, where, projected_hint=hint)
    geoms, fixed = checks.repair(geoms, shown, where)
    frame = _frame(geoms, [str(n) for n in meta["fields"]], fields, shown, doc, chosen)
    frame.attrs.update(
        warnings=repairs + fixed, name=_display_name(meta, fields, text), where=where, shown=shown
    )
    return frame


def _check_bytes(
    text: str, suffix: str, shown: str, what: str, max_bytes: int
) -> GeoJSONDoc | None:
    """Check the file (and a text format's bytes); return a GeoJSON document's outline."""
    wording = _wording(what)
    local = Path(_archive(text))
    if suffix == ".gdb" and local.is_dir():  # an Esri file geodatabase is a folder
        return None
    if suffix not in _TEXT_SUFFIXES or local != Path(text):
        check_user_file(local, wording, name=shown, max_bytes=max_bytes)
        return None
    data = read_user_bytes(local, wording, name=shown, max_bytes=max_bytes)
    decoded = decode_user_text(data, wording, name=shown)
    return check_geojson(decoded, shown) if suffix != ".csv" else None


def _archive(text: str) -> str:
    """Return the local file a ``/vsizip/`` path reads from (the path itself otherwise)."""
    if not text.lower().startswith("/vsizip/"):
        return text
    inner = text[len("/vsizip/") :]
    end = inner.lower().find(".zip")
    return inner[: end + 4] if end >= 0 else inner


def _gdal_path(text: str, suffix: str, shown: str) -> str:
    """Return the path as GDAL is to be given it: absolute, and past pyogrio's URL parsing.

    pyogrio parses a path as a URL: a relative path that starts like a URL
    scheme (``s3:``) would be read from the network, and a ``;`` ends the
    path. An absolute path has no scheme; a path with a ``;`` is given with
    its driver's prefix, which pyogrio passes on as it is.
    """
    if text.lower().startswith("/vsizip/"):
        return text
    full = os.path.abspath(text)
    if ";" not in full:
        return full
    if suffix == ".zip":
        return f"/vsizip/{full}"
    if suffix in _PREFIXED:
        return f"{_PREFIXED[suffix]}:{full}"
    raise DataFileError(f"{shown}: a ';' in the path of a {suffix} file cannot be read; rename it")


def _quiet(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Call pyogrio with GDAL's warnings silenced: what they report is checked here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args, **kwargs)


def _choose_layer(text: str, layer: str | None, shown: str) -> str | None:
    """Return the layer to read: the one named, or the only one with features."""
    import pyogrio

    try:
        layers = _quiet(pyogrio.list_layers, text)
        names = [str(row[0]) for row in layers]
        if layer is None and len(names) > 1:
            full = [n for n in names if _quiet(pyogrio.read_info, text, layer=n)["features"]]
            if len(full) == 1:
                return full[0]
    except Exception as exc:  # GDAL reports unreadable files in many ways
        raise DataFileError(_gdal_problem(exc, shown, None, text)) from None
    if layer is not None and layer not in names:
        raise DataFileError(
            f"{shown} has no layer {_short(layer)}; its layers: {_names(names)}"
        )
    if layer is None and len(names) > 1:
        raise DataFileError(
            f"{shown} holds {len(names)} layers ({_names(names)}); name one as FILE:LAYER"
        )
    return layer if layer is not None or not names else names[0]


def _short(text: str) -> str:
    return quoted(checks.CONTROL.sub("?", text), 42)


def _names(names: list[str]) -> str:
    shown = ", ".join(_short(n) for n in names[:5])
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def _gdal_read(
    text: str, layer: str | None, suffix: str, shown: str, doc: GeoJSONDoc | None
) -> tuple[dict[str, Any], Any, list[Any]]:
    """Read a layer with pyogrio: its metadata, WKB geometries and attribute columns."""
    from pyogrio.raw import read

    options: dict[str, str] = {}
    if suffix == ".csv":
        options = {
            "X_POSSIBLE_NAMES": _LON_NAMES,
            "Y_POSSIBLE_NAMES": _LAT_NAMES,
            "KEEP_GEOM_COLUMNS": "NO",
        }
    try:
        meta, _, wkb, fields = _quiet(read, text, layer=layer, **options)
    except Exception as exc:  # GDAL reports unreadable files in many ways
        raise DataFileError(_gdal_problem(exc, shown, doc, text)) from None
    if wkb is None:
        columns = "a lat (or latitude, y) and a lon (or lng, long, longitude, x) column"
        raise DataFileError(f"{shown} has no geometry; a CSV needs {columns}")
    return meta, wkb, list(fields)


def _gdal_problem(exc: Exception, shown: str, doc: GeoJSONDoc | None, source: str) -> str:
    """One line for an error GDAL raised, in words a user can act on."""
    text = " ".join(str(exc).split())
    if doc is not None:  # the outline is GeoJSON: what GDAL refused is a position
        if "Expected double" in text:
            cause = "a position holds a non-number"
        elif "Expected array" in text:
            cause = "a position is not an array of two numbers"
        else:
            cause = "a position is malformed or holds a non-number"
        return f"{shown}: {cause}; each position needs two numbers [lon, lat] in degrees"
    if "not recognized as" in text:
        first = "GDAL does not recognise its format"
    else:  # GDAL's words, without the path they repeat
        first = checks.CONTROL.sub(" ", text.replace(source, "the file"))[:48]
    return f"{shown} is not a readable vector file ({first}); accepted: {FORMATS}"


def _frame(
    geoms: Any,
    names: list[str],
    fields: list[Any],
    shown: str,
    doc: GeoJSONDoc | None,
    layer: str | None,
) -> geopandas.GeoDataFrame:
    """Keep the rows whose geometry is not null or empty; refuse a layer without one."""
    import geopandas
    import shapely

    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not keep.any():
        raise DataFileError(f"{shown}: {_no_geometry(len(geoms), doc, layer)}")
    index = np.flatnonzero(keep)
    data = {name: np.asarray(column)[index] for name, column in zip(names, fields, strict=True)}
    return geopandas.GeoDataFrame(data, geometry=geoms[index], crs="EPSG:4326", index=index)


def _no_geometry(rows: int, doc: GeoJSONDoc | None, layer: str | None) -> str:
    if rows == 0:
        where = f"layer {_short(layer)}" if layer else "the file"
        return f"{where} has no features; at least one feature with a geometry is needed"
    if doc is not None and doc.kind == "Feature":
        return "the Feature's geometry is null or empty; a geometry is needed"
    if doc is not None and doc.kind != "FeatureCollection":
        return f"the {doc.kind} is empty; a geometry with coordinates is needed"
    every = "the only feature has" if rows == 1 else f"all {rows} features have"
    return f"{every} a null or empty geometry; at least one geometry is needed"


def _display_name(meta: dict[str, Any], fields: list[Any], text: str) -> str:
    """Return the first feature's short single-line ``name``, else the file's stem."""
    names = [str(n) for n in meta["fields"]]
    for key in ("name", "Name", "NAME"):
        if key in names:
            column = fields[names.index(key)]
            value = column[0] if len(column) else None
            if isinstance(value, str):
                name = value.strip()
                if name and len(name) <= _MAX_NAME_CHARS and not checks.CONTROL.search(name):
                    return name
            break
    path = Path(_archive(text))
    return path.stem or path.name
