"""Reading control files: the bundled default and a user's ``--control`` file.

See :func:`load_control` for the format and the rules.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.geometry
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from rangemap._userfile import Wording, check_user_file, decode_user_text, read_user_bytes
from rangemap.errors import DataFileError
from rangemap.places.control_data import _CODE, ControlArea, ControlData
from rangemap.places.vector_file import read_vector

__all__ = [
    "MAX_CONTROL_BYTES",
    "MAX_CONTROL_VERTICES",
    "load_control",
]


def _fail(path: Path, where: str, problem: str) -> DataFileError:
    place = f"{where}: " if where else ""
    return DataFileError(f"control file {path}: {place}{problem}")


def _date(path: Path, where: str, value: object) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail(path, where, f"'as_of' must be a date as YYYY-MM-DD, got {value!r}")


def _text(path: Path, where: str, props: dict[str, Any], key: str) -> str | None:
    value = props.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, f"{key!r} must be a non-empty string, got {value!r}")
    return value.strip()


def _area(
    path: Path, i: int, feature: object, *, default_holder: str | None = None
) -> tuple[ControlArea, dt.date | None]:
    where = f"feature {i}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise _fail(path, where, "is not a GeoJSON Feature")
    props = feature.get("properties")
    if props is None and default_holder is not None:
        props = {}
    if not isinstance(props, dict):
        raise _fail(path, where, "has no properties")
    held = props.get("held_by")
    if held is None and default_holder is not None:
        held = default_holder
    if not isinstance(held, str) or not _CODE.fullmatch(held):
        raise _fail(
            path,
            where,
            f"'held_by' must be an ISO 3166-1 alpha-2 code such as RU or UA, got {held!r}",
        )
    try:
        geom = shape(feature["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException):
        raise _fail(path, where, "has no readable geometry") from None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        raise _fail(
            path, where, f"geometry must be a Polygon or MultiPolygon, not {geom.geom_type}"
        )
    if not shapely.is_valid_input(geom) or not np.isfinite(shapely.get_coordinates(geom)).all():
        raise _fail(path, where, "has coordinates that are not finite numbers")
    lon, lat = shapely.get_coordinates(geom).T
    if lon.min() < -180 or lon.max() > 180 or lat.min() < -90 or lat.max() > 90:
        raise _fail(
            path, where, "has coordinates outside lon -180..180, lat -90..90 (not lon/lat degrees)"
        )
    if not geom.is_valid:
        geom = _polygonal(shapely.make_valid(geom))
        if geom.is_empty:
            raise _fail(path, where, "has an invalid polygon that cannot be repaired")
    since = props.get("since")
    if since is not None and (isinstance(since, bool) or not isinstance(since, int | str)):
        raise _fail(path, where, f"'since' must be a year or a date, got {since!r}")
    as_of = _date(path, where, props["as_of"]) if "as_of" in props else None
    name = _text(path, where, props, "name") or f"area {i}"
    area = ControlArea(
        name=name,
        held_by=held,
        geometry=geom,
        since=since,
        code=_text(path, where, props, "iso_3166_2"),
        source=_text(path, where, props, "source"),
        note=_text(path, where, props, "note"),
    )
    return area, as_of


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.MultiPolygon()


#: Largest control file read, bytes.
MAX_CONTROL_BYTES = 100 * 1024 * 1024
#: Most vertices in a control file: launch ground is cut out of the country with them.
MAX_CONTROL_VERTICES = 500_000
#: Suffixes read as GeoJSON text; anything else goes through pyogrio (GDAL).
_JSON_SUFFIXES = (".geojson", ".json")


_WORDING = Wording(
    missing="control file {name}: file not found",
    folder="control file {name}: is a folder, not a file",
    too_big="control file {name}: is {size:,} bytes; at most {limit:,} are read",
    unreadable="control file {name}: cannot be read ({error})",
    empty="control file {name}: is empty; give a GeoJSON FeatureCollection of polygons",
    binary="control file {name}: is a binary file, not GeoJSON text",
    not_utf8="control file {name}: is not UTF-8 text (byte {start}); save it as UTF-8",
    utf16="control file {name}: is UTF-16 text; save it as UTF-8",
)


def _check_file(path: Path) -> None:
    if path.suffix.lower() == ".gdb" and path.is_dir():  # an Esri file geodatabase
        return
    check_user_file(path, _WORDING, name=str(path), max_bytes=MAX_CONTROL_BYTES)


def _ogr_payload(path: Path) -> dict[str, Any]:
    """Read a GeoPackage, Shapefile, KML, ... through the one vector reader, as GeoJSON."""
    frame = read_vector(
        path, what="control file", max_bytes=MAX_CONTROL_BYTES, max_vertices=MAX_CONTROL_VERTICES
    )
    features = []
    names = [c for c in frame.columns if c != frame.geometry.name]
    for row, geom in zip(frame[names].itertuples(index=False), frame.geometry, strict=True):
        props = {
            key: (value.isoformat() if isinstance(value, dt.date) else value)
            for key, value in zip(names, row, strict=True)
            if value is not None and value == value  # drop None and NaN
        }
        if "as_of" in props and not isinstance(props["as_of"], str):
            props["as_of"] = str(props["as_of"])[:10]
        features.append(
            {"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(geom)}
        )
    return {"type": "FeatureCollection", "features": features}


def load_control(
    path: str | Path, *, user_file: bool = False, as_of: dt.date | str | None = None
) -> ControlData:
    """Read and check a control file.

    Parameters
    ----------
    path : str or pathlib.Path
        A GeoJSON FeatureCollection of (Multi)Polygon features, each with
        ``held_by`` (ISO 3166-1 alpha-2) and optionally ``name``, ``since``,
        ``source``, ``note``, ``iso_3166_2``. The date the data describe is
        the collection's ``as_of`` (``YYYY-MM-DD``), or else the ``as_of``
        every feature gives (they must agree).
    user_file : bool, optional
        Read a user's file (``--control``), more leniently: besides GeoJSON,
        any vector format :func:`rangemap.places.vector_file.read_vector`
        reads (GeoPackage, Shapefile, KML, ...), reprojected to lon/lat from
        its stated CRS (a file without CRS must already hold lon/lat
        degrees), with that reader's checks; a feature without ``held_by`` is
        **Russian-held** (an export of a public front-line map holds the
        areas under Russian control); and no date is needed (``as_of`` is
        then None, shown as "as of: not stated"). Null and empty geometries
        are skipped; invalid polygons are repaired with
        :func:`shapely.make_valid`.
    as_of : datetime.date or str, optional
        The date the data describe (ISO ``YYYY-MM-DD``), overriding the file's.

    Returns
    -------
    ControlData

    Raises
    ------
    rangemap.errors.DataFileError
        If the file is missing, too large (:data:`MAX_CONTROL_BYTES`, or more
        than :data:`MAX_CONTROL_VERTICES` vertices), unreadable, without CRS
        and not in lon/lat, has no polygon, has no date (unless
        ``user_file`` or ``as_of``), or a feature breaks a rule above.

    """
    path = Path(path)
    if user_file:
        _check_file(path)
    given = _given_date(path, as_of)
    payload = _read_payload(path, user_file=user_file)
    raw = _features(path, payload, user_file=user_file)
    holder = "RU" if user_file else None
    read = [_area(path, i, feature, default_holder=holder) for i, feature in enumerate(raw)]
    as_of_date = given
    if as_of_date is None:
        as_of_date = _collection_date(path, payload, {d for _, d in read}, user_file=user_file)
    notes = _notes(path, payload)
    source = payload.get("source")
    return ControlData(
        as_of=as_of_date,
        areas=tuple(area for area, _ in read),
        source=source if isinstance(source, str) else None,
        notes=notes,
        path=path,
    )


def _given_date(path: Path, as_of: dt.date | str | None) -> dt.date | None:
    """Return the ``as_of`` given by the caller (``--as-of``) as a date, checked."""
    return (
        None
        if as_of is None
        else _date(path, "--as-of", as_of if isinstance(as_of, str) else as_of.isoformat())
    )


def _notes(path: Path, payload: dict[str, Any]) -> tuple[str, ...]:
    """Return the collection's ``notes``, checked to be a list of strings."""
    notes = payload.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise _fail(path, "top level", "'notes' must be a list of strings")
    return tuple(notes)


def _read_payload(path: Path, *, user_file: bool) -> Any:
    """Return the parsed file: GeoJSON text, or any vector format for a user's file."""
    if user_file and path.suffix.lower() in _JSON_SUFFIXES:
        data = read_user_bytes(path, _WORDING, name=str(path), max_bytes=MAX_CONTROL_BYTES)
        text = decode_user_text(data, _WORDING, name=str(path))
        try:
            return json.loads(text)
        except (ValueError, RecursionError) as exc:
            first = " ".join(str(exc).split())[:120]
            raise _fail(path, "", f"is not readable GeoJSON ({first})") from None
    if not user_file:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise _fail(path, "", "file not found") from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            first = " ".join(str(exc).split())[:120]
            raise _fail(path, "", f"is not readable GeoJSON ({first})") from None
    return _ogr_payload(path)


def _features(path: Path, payload: Any, *, user_file: bool) -> list[Any]:
    """Return the collection's features, checked; a user's empty geometries are dropped."""
    if not isinstance(payload, dict) or payload.get("type") != "FeatureCollection":
        raise _fail(path, "", "must be a GeoJSON FeatureCollection")
    raw = payload.get("features")
    if user_file and isinstance(raw, list):
        raw = [f for f in raw if not (isinstance(f, dict) and _empty_geometry(f.get("geometry")))]
    if not isinstance(raw, list) or not raw:
        raise _fail(path, "", "has no features" if not user_file else "has no polygon features")
    if user_file:
        vertices = sum(_count_positions(f.get("geometry")) for f in raw if isinstance(f, dict))
        if vertices > MAX_CONTROL_VERTICES:
            raise _fail(
                path,
                "",
                f"has {vertices:,} vertices; at most {MAX_CONTROL_VERTICES:,} are read "
                "(simplify it first, e.g. with ogr2ogr -simplify)",
            )
    return raw


def _collection_date(
    path: Path, payload: dict[str, Any], dates: set[dt.date | None], *, user_file: bool
) -> dt.date | None:
    """Return the date the file describes: the collection's, else the one all features give."""
    if "as_of" in payload:
        return _date(path, "top level", payload["as_of"])
    if len(dates) == 1 and None not in dates:
        (date,) = dates
        return date
    if user_file and dates == {None}:
        return None
    raise _fail(
        path,
        "",
        "must state the date it describes: 'as_of' (YYYY-MM-DD) on the "
        "collection, or the same 'as_of' on every feature",
    )


def _empty_geometry(geometry: object) -> bool:
    if geometry is None:
        return True
    if isinstance(geometry, dict):
        coords = geometry.get("coordinates")
        if geometry.get("type") == "GeometryCollection":
            return not geometry.get("geometries")
        return isinstance(coords, list) and not coords
    return False


def _count_positions(geometry: object) -> int:
    if not isinstance(geometry, dict):
        return 0
    stack: list[object] = [geometry.get("coordinates")]
    stack += (
        list(geometry.get("geometries") or [])
        if geometry.get("type") == "GeometryCollection"
        else []
    )
    count = 0
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.append(item.get("coordinates"))
        elif isinstance(item, list):
            if item and all(isinstance(v, int | float) for v in item):
                count += 1
            else:
                stack.extend(item)
    return count
