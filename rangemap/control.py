"""Who holds what: control data for the sides of the war.

A map answers "what can this side strike from the ground it holds". Which
ground a side holds comes from *control data*: polygons, each held by a
country (ISO 3166-1 alpha-2 code), dated. Everywhere a control polygon does
not cover, a point is held by the bundled country it lies in.

The default
-----------
rangemap bundles a dated default, ``data/control.geojson``, built by
``scripts/build_data.py control`` from the bundled Natural Earth regions. The
bundled boundaries hold no front line, so the default can only mark whole
regions:

* Crimea (UA-43) and Sevastopol (UA-40), held by Russia since 2014;
* Luhansk (UA-09) and Donetsk (UA-14) oblasts, marked Russian-held as whole
  oblasts so that the Ukraine–Russia border along them, held by Russia since
  2014 (all of the Luhansk stretch since 2022), counts as Russian-held.

**Assumption.** Marking all of Donetsk oblast Russian-held over-states Russian
control: Ukraine holds the oblast's north-west (Kramatorsk, Sloviansk), which
this default counts as Russian-held. The front line inside Donetsk,
Zaporizhzhia, Kherson and Kharkiv oblasts, Russian-held strips along the
border in Sumy and Kharkiv oblasts and Ukraine's Kursk salient are not
represented: Zaporizhzhia, Kherson, Kharkiv and Sumy oblasts count as held by
Ukraine, and all of Russia as held by Russia. :attr:`ControlData.as_of` is the
date the data were checked; they say nothing about later changes. A control
file of the same format (a GeoJSON FeatureCollection whose polygon features
carry ``held_by`` and ``as_of``) gives a real front line.

Geometry is lon/lat (EPSG:4326) at full resolution; lengths are geodesic on
WGS84 (:data:`rangemap.geodesy.GEOD`). Data are read on first use and cached;
nothing is read at import.

Examples
--------
>>> default_control().as_of.isoformat()
'2025-07-01'
>>> held_by(34.80, 50.92), held_by(36.18, 51.73), held_by(34.11, 44.96)  # Sumy, Kursk, Simferopol
('UA', 'RU', 'RU')
>>> round(geodesic_length_km(held_border_stretch("UA-RU", "UA")))
805

"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.geometry
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from rangemap._paths import data_path
from rangemap.errors import DataFileError, InputError, UnknownNameError
from rangemap.geodesy import GEOD, check_lonlat
from rangemap.places import borders, countries

__all__ = [
    "CONTROL_FILE",
    "ControlArea",
    "ControlData",
    "default_control",
    "front_line",
    "geodesic_length_km",
    "held_border_stretch",
    "held_by",
    "held_territory",
    "load_control",
    "ukraine_held",
]

#: File name of the bundled default control data inside the data folder.
CONTROL_FILE = "control.geojson"

_CODE = re.compile(r"[A-Z]{2}")
#: Pieces of a held border stretch shorter than this (km) are numerical slivers.
_SLIVER_KM = 0.05
#: Control-area vertices and edges this close (degrees, about 20 m) to a border
#: are snapped onto its vertices before the border is cut, so that a control
#: file drawn along the border (not from the same vertices) still matches it.
#: A topological tolerance, not a range: no distance is measured in degrees.
_SNAP_DEG = 2e-4


@dataclass(frozen=True)
class ControlArea:
    """One polygon of control data.

    Attributes
    ----------
    name : str
        Display name, e.g. ``"Luhansk Oblast"``.
    held_by : str
        ISO 3166-1 alpha-2 code of who holds it, e.g. ``"RU"``.
    geometry : shapely geometry
        (Multi)Polygon, lon/lat.
    since : int or str or None
        Year (or ISO date) since which it has been held, where stated.
    code : str or None
        ISO 3166-2 code of the region it stands for, where it is one.
    source : str or None
        Publications that say who holds it.
    note : str or None
        What the area stands for; where it over- or under-states control.

    """

    name: str
    held_by: str
    geometry: BaseGeometry = field(repr=False)
    since: int | str | None = None
    code: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ControlData:
    """A dated set of held areas.

    Attributes
    ----------
    as_of : datetime.date or None
        The date the data describe; nothing later is reflected. None for a
        user's file that states no date (see :func:`load_control`).
    areas : tuple of ControlArea
        In file order.
    source : str or None
        Where the data as a whole come from.
    notes : tuple of str
        Assumptions and what the data cannot represent.
    path : pathlib.Path or None
        The file read.

    """

    as_of: dt.date | None
    areas: tuple[ControlArea, ...]
    source: str | None = None
    notes: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        """One line naming the data and their date, for every output.

        ``"Control of terrain: <source>, as of <date>"``; ``"as of: not
        stated"`` when the data give no date.

        Examples
        --------
        >>> default_control().label.endswith("as of 2025-07-01")
        True
        """
        if self.path is not None and self.path == data_path(CONTROL_FILE):
            what = "rangemap bundled default (whole regions; no front line)"
        elif self.source:
            source = " ".join(self.source.split())
            what = source if len(source) <= 120 else source[:119] + "…"
        elif self.path is not None:
            what = self.path.name
        else:
            what = "control data"
        when = f"as of {self.as_of.isoformat()}" if self.as_of else "as of: not stated"
        return f"Control of terrain: {what}, {when}"

    def held_by_side(self, side: str) -> BaseGeometry:
        """Return the union of the areas `side` holds (possibly empty).

        Parameters
        ----------
        side : str
            ISO 3166-1 alpha-2 code, any case.

        Returns
        -------
        shapely geometry

        """
        code = _side(side)
        return _union(tuple(a.geometry for a in self.areas if a.held_by == code))

    @cached_property
    def _tree(self) -> shapely.STRtree:
        return shapely.STRtree([a.geometry for a in self.areas])

    def area_at(self, lon: float, lat: float) -> ControlArea | None:
        """Return the first area (in file order) that covers a point, or None.

        Parameters
        ----------
        lon, lat : float
            Degrees.

        Returns
        -------
        ControlArea or None

        """
        hits = self._tree.query(shapely.Point(lon, lat), predicate="intersects")
        return self.areas[int(min(hits))] if len(hits) else None


def _side(side: str) -> str:
    code = side.strip().upper() if isinstance(side, str) else ""
    if not _CODE.fullmatch(code):
        raise InputError(
            f"side must be an ISO 3166-1 alpha-2 country code such as UA or RU, got {side!r}"
        )
    return code


def _union(geoms: tuple[BaseGeometry, ...]) -> BaseGeometry:
    return shapely.union_all(geoms) if geoms else shapely.MultiPolygon()


def geodesic_length_km(geom: BaseGeometry) -> float:
    """Return the geodesic length of a (multi)line on WGS84, in km.

    Parameters
    ----------
    geom : shapely geometry
        LineString or MultiLineString, lon/lat.

    Returns
    -------
    float

    """
    return float(GEOD.geometry_length(geom)) / 1000.0


# ---------------------------------------------------------------------------
# Reading control files
# ---------------------------------------------------------------------------


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


def _check_file(path: Path) -> None:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _fail(path, "", "file not found") from None
    except OSError as exc:
        raise _fail(path, "", f"cannot be read ({exc.strerror or exc})") from None
    if path.is_dir() and path.suffix.lower() != ".gdb":
        raise _fail(path, "", "is a folder, not a file")
    if info.st_size > MAX_CONTROL_BYTES:
        raise _fail(path, "", f"is {info.st_size:,} bytes; at most {MAX_CONTROL_BYTES:,} are read")


def _ogr_payload(path: Path) -> dict[str, Any]:
    """Read a GeoPackage, Shapefile, KML, ... with pyogrio as a GeoJSON-like collection."""
    import pyogrio
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        with warnings.catch_warnings():  # GDAL's remarks would break the one error line
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(path)
    except Exception as exc:  # GDAL reports unreadable files in many ways
        first = " ".join(str(exc).split())[:120]
        raise _fail(
            path, "", f"is not a readable GeoJSON, GeoPackage, Shapefile or KML file ({first})"
        ) from None
    if len(frame) == 0:
        raise _fail(path, "", "has no features")
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise _fail(
                path,
                "",
                "states no coordinate reference system and its coordinates are not lon/lat "
                "degrees; save it with its CRS (or in EPSG:4326)",
            )
    else:
        try:
            crs = CRS.from_user_input(frame.crs)
        except CRSError:
            raise _fail(
                path, "", f"has an unknown coordinate reference system {frame.crs}"
            ) from None
        if not crs.equals(CRS.from_epsg(4326), ignore_axis_order=True):
            try:
                frame = frame.to_crs(4326)
            except Exception as exc:
                raise _fail(path, "", f"cannot be reprojected to lon/lat ({exc})") from None
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
            {
                "type": "Feature",
                "properties": props,
                "geometry": None if geom is None else shapely.geometry.mapping(geom),
            }
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
        any vector format pyogrio (GDAL) reads (GeoPackage, Shapefile, KML,
        ...), reprojected to lon/lat from its stated CRS (a file without CRS
        must already hold lon/lat degrees); a feature without ``held_by`` is
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
    given = (
        None
        if as_of is None
        else _date(path, "--as-of", as_of if isinstance(as_of, str) else as_of.isoformat())
    )
    if not user_file or path.suffix.lower() in _JSON_SUFFIXES:
        try:
            payload = json.loads(path.read_text(encoding="utf-8-sig" if user_file else "utf-8"))
        except FileNotFoundError:
            raise _fail(path, "", "file not found") from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            first = " ".join(str(exc).split())[:120]
            raise _fail(path, "", f"is not readable GeoJSON ({first})") from None
    else:
        payload = _ogr_payload(path)
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
    holder = "RU" if user_file else None
    read = [_area(path, i, feature, default_holder=holder) for i, feature in enumerate(raw)]
    date: dt.date | None
    if given is not None:
        date = given
    elif "as_of" in payload:
        date = _date(path, "top level", payload["as_of"])
    else:
        dates = {d for _, d in read}
        if len(dates) == 1 and None not in dates:
            (date,) = dates
        elif user_file and dates == {None}:
            date = None
        else:
            raise _fail(
                path,
                "",
                "must state the date it describes: 'as_of' (YYYY-MM-DD) on the "
                "collection, or the same 'as_of' on every feature",
            )
    as_of_date = date
    notes = payload.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise _fail(path, "top level", "'notes' must be a list of strings")
    source = payload.get("source")
    return ControlData(
        as_of=as_of_date,
        areas=tuple(area for area, _ in read),
        source=source if isinstance(source, str) else None,
        notes=tuple(notes),
        path=path,
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


@cache
def default_control() -> ControlData:
    """Return the bundled default control data, read once per process.

    Returns
    -------
    ControlData
        ``data/control.geojson``; see the module notes for what it assumes.

    """
    return load_control(data_path(CONTROL_FILE))


def _control(control: ControlData | None) -> ControlData:
    return default_control() if control is None else control


# ---------------------------------------------------------------------------
# Who holds what
# ---------------------------------------------------------------------------


@cache
def _country_tree() -> tuple[shapely.STRtree, tuple[str, ...]]:
    places = countries()
    return shapely.STRtree([p.geometry for p in places]), tuple(str(p.code) for p in places)


def _country_geometry(code: str) -> BaseGeometry | None:
    for place in countries():
        if place.code == code:
            return place.geometry
    return None


def held_by(lon: float, lat: float, *, control: ControlData | None = None) -> str | None:
    """Return who holds a point.

    Parameters
    ----------
    lon, lat : float
        Degrees (lon first, as everywhere in rangemap).
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    str or None
        The ``held_by`` of the first control area covering the point, else
        the ISO 3166-1 alpha-2 code of the bundled country it lies in
        (``"UA"``, ``"RU"``, ``"BY"``, ``"PL"``, ...), else None (sea, or
        outside the bundled countries). A point on a border line counts for
        the first country in code order.

    Examples
    --------
    >>> held_by(27.567, 53.900)  # Minsk
    'BY'
    >>> held_by(39.306, 48.568)  # Luhansk city, Russian-held under the default
    'RU'

    """
    check_lonlat(lon, lat)
    area = _control(control).area_at(lon, lat)
    if area is not None:
        return area.held_by
    tree, codes = _country_tree()
    hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
    return min(codes[int(i)] for i in hits) if len(hits) else None


@cache
def _default_held(side: str) -> BaseGeometry:
    return _held_territory(side, default_control())


def _held_territory(code: str, control: ControlData) -> BaseGeometry:
    own = _country_geometry(code)
    others = _union(tuple(a.geometry for a in control.areas if a.held_by != code))
    held = control.held_by_side(code)
    ground = shapely.MultiPolygon() if own is None else shapely.difference(own, others)
    return ground if held.is_empty else shapely.union(ground, held)


def held_territory(side: str, *, control: ControlData | None = None) -> BaseGeometry:
    """Return the ground a side holds: its country minus areas others hold, plus its own areas.

    Parameters
    ----------
    side : str
        ISO 3166-1 alpha-2 code, any case (``"UA"``, ``"RU"``).
    control : ControlData, optional
        Control data; the bundled default by default (then the result is
        cached).

    Returns
    -------
    shapely geometry
        (Multi)Polygon, lon/lat; empty for a side that holds nothing bundled.

    Raises
    ------
    rangemap.errors.InputError
        If `side` is not a two-letter code.

    """
    code = _side(side)
    return _default_held(code) if control is None else _held_territory(code, control)


def ukraine_held(*, control: ControlData | None = None) -> BaseGeometry:
    """Return the ground Ukraine holds: Ukraine minus the areas others hold.

    Parameters
    ----------
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    shapely geometry
        (Multi)Polygon, lon/lat.

    """
    return held_territory("UA", control=control)


def held_border_stretch(
    border_code: str = "UA-RU", side: str = "UA", *, control: ControlData | None = None
) -> BaseGeometry:
    """Return the part of a bundled land border a side holds.

    A side holds a stretch of the border where it holds the ground on at
    least one side of it: along its own country, except where control areas
    held by others lie on its side, and along the areas it holds. Control
    areas are snapped onto the border's vertices within about 20 m first, so
    an area drawn along the border matches it.

    Parameters
    ----------
    border_code : str, optional
        A bundled border id, ``"UA-RU"`` (default) or ``"UA-BY"``.
    side : str, optional
        ISO 3166-1 alpha-2 code, any case; ``"UA"`` by default.
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    shapely geometry
        (Multi)LineString, lon/lat, possibly empty. Measure it with
        :func:`geodesic_length_km`.

    Raises
    ------
    rangemap.errors.UnknownNameError
        If there is no bundled border with that id.
    rangemap.errors.InputError
        If `side` is not a two-letter code.

    Examples
    --------
    >>> round(geodesic_length_km(held_border_stretch("UA-RU", "RU")))  # all of it
    1524

    """
    code = _side(side)
    data = _control(control)
    wanted = border_code.strip().upper()
    place = next((b for b in borders() if b.code == wanted), None)
    if place is None:
        known = [str(b.code) for b in borders()]
        raise UnknownNameError(
            f"unknown border {border_code!r}; must be one of {', '.join(known)}", known
        )
    line = place.geometry
    pair = [str(c) for c in place.properties.get("countries", [])]
    pieces: list[BaseGeometry] = []
    own = _country_geometry(code) if code in pair else None
    if own is not None:
        lost = tuple(
            shapely.snap(a.geometry, line, _SNAP_DEG)
            for a in data.areas
            if a.held_by != code and own.contains(a.geometry.representative_point())
        )
        pieces.append(shapely.difference(line, _union(lost)) if lost else line)
    held = _union(
        tuple(shapely.snap(a.geometry, line, _SNAP_DEG) for a in data.areas if a.held_by == code)
    )
    if not held.is_empty:
        # the line inside the held areas, as pieces of the line itself
        pieces.append(shapely.difference(line, shapely.difference(line, held)))
    merged = shapely.line_merge(shapely.union_all(pieces)) if pieces else shapely.MultiLineString()
    parts = [
        p
        for p in shapely.get_parts(merged)
        if p.geom_type == "LineString" and geodesic_length_km(p) >= _SLIVER_KM
    ]
    if not parts:
        return shapely.MultiLineString()
    return parts[0] if len(parts) == 1 else shapely.MultiLineString(parts)


#: Distance (degrees, about 1 m) within which the front line is taken to run
#: along the country's own boundary (border or coast) and is dropped there. A
#: topological tolerance, not a range.
_EDGE_DEG = 1e-5


def front_line(country: str = "UA", *, control: ControlData | None = None) -> BaseGeometry:
    """Return the front line inside a country: where ground it holds meets ground others hold.

    The line is the edge of the control areas held by others inside the
    country, without the stretches along the country's own boundary (its
    international borders and coast). Under the bundled default, which marks
    whole regions, it follows the edges of Luhansk and Donetsk oblasts and
    of Crimea (see the module notes): a region boundary, not the front.

    Parameters
    ----------
    country : str, optional
        ISO 3166-1 alpha-2 code of the country, ``"UA"`` by default.
    control : ControlData, optional
        Control data; the bundled default by default.

    Returns
    -------
    shapely geometry
        (Multi)LineString, lon/lat; empty where nobody else holds ground in it.

    Examples
    --------
    >>> round(geodesic_length_km(front_line("UA")))
    771

    """
    code = _side(country)
    own = _country_geometry(code)
    data = _control(control)
    if own is None:
        return shapely.MultiLineString()
    others = _union(tuple(a.geometry for a in data.areas if a.held_by != code))
    lost = shapely.intersection(own, others)
    if lost.is_empty:
        return shapely.MultiLineString()
    front = shapely.difference(lost.boundary, shapely.buffer(own.boundary, _EDGE_DEG))
    merged = shapely.line_merge(front) if not front.is_empty else front
    parts = [
        p
        for p in shapely.get_parts(merged)
        if p.geom_type == "LineString" and geodesic_length_km(p) >= _SLIVER_KM
    ]
    if not parts:
        return shapely.MultiLineString()
    return parts[0] if len(parts) == 1 else shapely.MultiLineString(parts)
