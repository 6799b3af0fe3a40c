"""Name resolution: what a ``--from`` or highlight value names.

A launch place is coordinates ``LAT,LON``, a city, a region, a country, a
land border or a file of geometries (:func:`resolve_launch`); a highlight is a
region or a country (:func:`resolve_area`). A name that is both a city and
a region (Sumy, Kursk) means the city when launching and the region when
highlighting; the prefixes ``city:``, ``region:`` and ``country:`` force
either reading.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from types import MappingProxyType

from shapely.geometry import Point

from rangemap._names import NamePool, fold_place, quoted, suggest
from rangemap.errors import InputError, UnknownNameError
from rangemap.geodesy import check_lonlat
from rangemap.places.boundaries import Place, borders, countries, regions
from rangemap.places.cities import _match_city
from rangemap.places.city_table import city_table
from rangemap.places.geofile import load_launch_file, looks_like_launch_path

__all__ = [
    "parse_lat_lon",
    "resolve_area",
    "resolve_launch",
]


log = logging.getLogger("rangemap")

_PREFIXES = ("city", "region", "country", "border")
_COORD_RE = re.compile(
    r"^\s*([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*[,;\s]\s*([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*$",
    # ASCII digits only: float() would also take Arabic-Indic or full-width digits.
    re.ASCII,
)
_ACCEPTED = (  # short enough that the one error line keeps it whole beside suggestions
    "accepted: LAT,LON, a city, a region (Kursk, RU-KRS), a country (UA), "
    "border:UA-RU, front:UA or a GIS file"
)
_ACCEPTED_AREA = "accepted: a region name or ISO 3166-2 code (Kursk, RU-KRS) or a country (UA)"
_HIGHLIGHT_TAKES = "highlight takes a region or a country (Kursk, RU-KRS, UA)"
#: Names resolved per process and remembered (a batch resolves the same few
#: launch names for hundreds of maps).
_RESOLVED = 512
#: Longest place name read at all, in characters.
_MAX_NAME = 200
#: Characters of a name compared with known names for suggestions: more than
#: the longest known name (40), and difflib's time grows with the lengths.
_SUGGEST_CHARS = 60
#: Characters of a name (as its escaped repr) echoed in a message.
_SHOWN_CHARS = 40
# Words that name the kind of region rather than the region itself.
_REGION_WORDS = re.compile(
    r"\b(oblast|oblast'|oblast’|region|province|krai|kray|raion|republic of|republic|"
    r"autonomous okrug|autonomous|okrug|voivodeship|county|governorate|"
    r"область|обл|край|республика|республіка|автономна|автономный)\b\.?",
)


def _short(text: str) -> str:
    """Normalised name with region-kind words removed ("Kursk Oblast" -> "kursk")."""
    return " ".join(_REGION_WORDS.sub(" ", fold_place(text)).split())


def parse_lat_lon(text: str) -> tuple[float, float] | None:
    """Parse ``"LAT,LON"`` in decimal degrees.

    Parameters
    ----------
    text : str
        Two numbers separated by a comma (or semicolon or space), latitude first.

    Returns
    -------
    tuple of float or None
        ``(lon, lat)``, or None when ``text`` is not a coordinate pair.

    Raises
    ------
    InputError
        If the pair is numeric but outside -90..90 / -180..180.

    Examples
    --------
    >>> parse_lat_lon("51.73,36.19")
    (36.19, 51.73)
    """
    match = _COORD_RE.match(text)
    if match is None:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    check_lonlat(lon, lat)
    return (lon, lat)


def _split_prefix(text: str) -> tuple[str | None, str]:
    head, sep, rest = text.partition(":")
    if sep and head.strip().lower() in _PREFIXES:
        return head.strip().lower(), rest.strip()
    return None, text.strip()


def _find_border(name: str) -> Place:
    key = name.upper().replace("_", "-").replace(" ", "")
    for place in borders():
        a, b = place.code.split("-") if place.code else ("", "")
        if key in (f"{a}-{b}", f"{b}-{a}"):
            return place
    raise UnknownNameError(
        f"unknown border {name!r}; accepted: " + ", ".join(f"border:{p.code}" for p in borders())
    )


def _match_code(places: Iterable[Place], text: str) -> Place | None:
    key = text.strip().upper()
    for place in places:
        if place.code and place.code.upper() == key:
            return place
        if place.kind == "country" and str(place.properties.get("iso_a3", "")).upper() == key:
            return place
    return None


def _area_names(place: Place) -> set[str]:
    props = place.properties
    names = {
        place.name,
        *(str(props[k]) for k in ("name", "name_en", "name_uk", "name_ru") if props.get(k)),
    }
    keys = {fold_place(n) for n in names} | {_short(n) for n in names}
    keys.discard("")
    return keys


@cache
def _area_index(kind: str) -> dict[str, tuple[Place, ...]]:
    source = regions() if kind == "region" else countries()
    index: dict[str, list[Place]] = {}
    for place in source:
        for key in _area_names(place):
            index.setdefault(key, []).append(place)
    return {k: tuple(v) for k, v in index.items()}


def _match_area(kind: str, text: str) -> Place | None:
    index = _area_index(kind)
    for key in (fold_place(text), _short(text)):
        found = index.get(key)
        if found:
            # Prefer Ukraine and Russia, the theatre's subject, on ambiguous names.
            return sorted(found, key=lambda p: p.country not in ("UA", "RU"))[0]
    return None


def _shown(text: str) -> str:
    """Return a name for a message: escaped (one line, no control characters) and short."""
    return quoted(text, _SHOWN_CHARS)


def _suggest(text: str, kinds: Iterable[str]) -> list[str]:
    key = fold_place(text[: 2 * _SUGGEST_CHARS])[:_SUGGEST_CHARS]
    if not key:
        return []
    return suggest(key, _suggestion_pool(tuple(kinds)), n=5)


@cache
def _suggestion_pool(kinds: tuple[str, ...]) -> NamePool:
    """Folded known name -> the name to show, for places of these kinds (built once)."""
    pool: dict[str, str] = {}
    for kind in kinds:
        if kind == "city":
            table = city_table()
            for name, people in zip(table.names, table.population.tolist(), strict=True):
                if people >= 50_000:
                    pool.setdefault(fold_place(name), name)
        elif kind == "border":
            for place in borders():
                pool[fold_place(f"border {place.code}")] = f"border:{place.code}"
        else:
            for place in regions() if kind == "region" else countries():
                pool.setdefault(_short(place.name), place.name)
                if place.code:
                    pool.setdefault(fold_place(place.code), place.code)
    return NamePool(MappingProxyType(pool))


def _unknown(text: str, kinds: Iterable[str], accepted: str = _ACCEPTED) -> UnknownNameError:
    kinds = list(kinds)
    return UnknownNameError(f"unknown place {_shown(text)} ({accepted})", _suggest(text, kinds))


def resolve_launch(text: str) -> Place:
    """Resolve a ``--from`` value to a place.

    Parameters
    ----------
    text : str
        Coordinates, a city, a region, a country or a border, optionally with
        a ``city:``, ``region:``, ``country:`` or ``border:`` prefix, or a
        file (GeoJSON, GeoPackage, Shapefile, KML/KMZ, FlatGeobuf, CSV;
        ``FILE:LAYER`` for a layer; see :mod:`rangemap.places.geofile`).
        A bare name is tried as a city first, then as a region, then as a
        country.

    Returns
    -------
    Place
        The place; a point for coordinates and cities.

    Raises
    ------
    InputError
        If coordinates are out of range or the text is empty.
    UnknownNameError
        If no place has that name; up to 5 close names are suggested.
    """
    if looks_like_launch_path(text):
        path = text.strip()
        launch = load_launch_file(path)
        for warning in launch.warnings:
            log.warning("%s", warning)
        return Place(
            name=launch.name,
            kind="file",
            geom=launch.geometry,
            properties={"path": path, "warnings": launch.warnings},
        )
    return _resolve(text, ("city", "region", "country"))


def resolve_area(text: str | Place) -> Place:
    """Resolve a ``highlight`` value to a region or country.

    Parameters
    ----------
    text : str or Place
        A region or country name or code, or a ``region:``/``country:``
        prefixed name. A bare name is tried as a region first (so ``Kursk``
        is Kursk oblast, ``Sumy`` Sumy oblast), then as a country. A Place
        is checked to be an area (a region, a country or a polygonal file).

    Returns
    -------
    Place
        The region or country (or the polygonal file place given).

    Raises
    ------
    InputError
        If ``text`` is empty or too long, coordinates, or a ``city:`` or
        ``border:`` name: a highlight is an area.
    UnknownNameError
        If no region or country has that name (the message says so when it
        is a city's name); up to 5 close names are suggested.

    Examples
    --------
    >>> resolve_area("Sumy").code  # the region, not the city
    'UA-59'
    >>> resolve_area("51.7,36.2")
    Traceback (most recent call last):
    ...
    rangemap.errors.InputError: highlight takes a region or a country (Kursk, RU-KRS, UA), \
not coordinates ('51.7,36.2')
    """
    if isinstance(text, Place):
        return _check_area(text)
    _check_name(text, _ACCEPTED_AREA)
    prefix, name = _split_prefix(text)
    if prefix is None and _COORD_RE.match(name):
        raise InputError(f"{_HIGHLIGHT_TAKES}, not coordinates ({_shown(name)})")
    if prefix in ("city", "border"):
        raise InputError(f"{_HIGHLIGHT_TAKES}, not a {prefix} ({_shown(text)})")
    try:
        return _resolve(text, ("region", "country"), _ACCEPTED_AREA)
    except UnknownNameError as exc:
        city = _match_city(name) if prefix is None else None
        if city is None:
            raise
        where = f" in {city.country}" if city.country else ""
        message = f"{_HIGHLIGHT_TAKES}, not a city ({_shown(name)} is a city{where})"
        raise UnknownNameError(message, exc.suggestions) from None


def _check_area(place: Place) -> Place:
    """Return ``place`` if it is an area a map can highlight, else refuse it."""
    if place.kind in ("region", "country"):
        return place
    if place.kind == "file" and place.geometry.geom_type in ("Polygon", "MultiPolygon"):
        return place
    kind = {"point": "a point", "file": "a point or line file"}.get(place.kind, f"a {place.kind}")
    raise InputError(f"{_HIGHLIGHT_TAKES}, not {kind} ({_shown(place.name)})")


def _check_name(text: str, accepted: str) -> None:
    """Refuse an empty or overlong name before any matching."""
    if not text or not text.strip():
        raise InputError(f"empty place name ({accepted})")
    if len(text) > _MAX_NAME:
        raise InputError(f"place name is too long ({len(text):,} characters; at most {_MAX_NAME})")


@lru_cache(maxsize=_RESOLVED)
def _resolve(text: str, order: tuple[str, ...], accepted: str = _ACCEPTED) -> Place:
    """Resolve a name (not a file) to a place of one of the kinds in ``order``.

    Remembered per name: the bundled places never change in a process, and a
    :class:`Place` is immutable. An unknown name raises each time.
    """
    _check_name(text, accepted)
    prefix, name = _split_prefix(text)
    if prefix is None:
        lonlat = parse_lat_lon(name)
        if lonlat is not None:
            lon, lat = lonlat
            return Place(name=f"{lat:.4f}, {lon:.4f}", kind="point", geom=Point(lon, lat))
    if prefix == "border":
        return _find_border(name)
    kinds = (prefix,) if prefix else order
    if prefix is None or prefix in ("region", "country"):
        candidates = regions() if "region" in kinds else ()
        code_hit = _match_code(candidates, name) or (
            _match_code(countries(), name) if "country" in kinds else None
        )
        if code_hit is not None:
            return code_hit
    for kind in kinds:
        hit = _match_city(name) if kind == "city" else _match_area(kind, name)
        if hit is not None:
            return hit
    raise _unknown(name, kinds, accepted)
