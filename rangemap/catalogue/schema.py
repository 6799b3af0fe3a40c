"""Reading the catalogue file: TOML to :mod:`~rangemap.catalogue.model` records.

The bundled catalogue is ``data/weapons.toml`` (:data:`CATALOGUE_FILE`): a
``schema = 1`` line and one ``[[weapons]]`` table per weapon, each with one
or more ``[[weapons.variants]]`` tables. Every value is checked as it is
read: a weapon has an id (a lowercase slug), name, type (one of
:data:`~rangemap.catalogue.model.WEAPON_TYPES`), country and at least one
variant; a variant has an id, name, non-empty ``source``, ``max_range_km``
> 0, ``operators`` and ``operators_source``, and any minimum range or spread
agrees with its maximum. Unknown keys are refused rather than ignored.

A file that breaks a rule raises :class:`~rangemap.errors.DataFileError`
naming the file and the entry (``weapons[0] (atacms) variants[1] (m39a1)``),
so the line to fix can be found. Names are checked for clashes afterwards, when
:mod:`rangemap.catalogue.index` builds its lookup tables.

"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rangemap._names import COUNTRY_CODE
from rangemap._paths import data_path
from rangemap.catalogue.model import (
    DEFAULT_ROLE,
    VARIANT_KEYS,
    WEAPON_KEYS,
    WEAPON_ROLES,
    WEAPON_TYPES,
    Variant,
    Weapon,
)
from rangemap.errors import DataFileError

__all__ = ["CATALOGUE_FILE"]

#: File name of the bundled catalogue inside the data folder.
CATALOGUE_FILE = "weapons.toml"

_SCHEMA = 1
_WEAPON_KEYS = frozenset(WEAPON_KEYS)
_VARIANT_KEYS = frozenset(VARIANT_KEYS)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _catalogue_path() -> Path:
    """Return the path of the bundled catalogue.

    Returns
    -------
    pathlib.Path
        ``weapons.toml`` in the data folder (``data/`` of a source checkout,
        ``rangemap/data/`` of an installed wheel).

    """
    return data_path(CATALOGUE_FILE)


class _Reader:
    """Checks one catalogue's raw values, naming the file and entry on error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> DataFileError:
        """Return the error to raise for `problem` at `where`."""
        place = f"{where}: " if where else ""
        return DataFileError(f"weapons catalogue {self.path}: {place}{problem}")

    def table(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"must be a table, got {type(value).__name__}")
        return value

    def keys(self, table: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
        allowed = frozenset(allowed)
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(
                where,
                f"unknown key(s) {', '.join(map(repr, unknown))}; "
                f"must be one of {', '.join(sorted(allowed))}",
            )

    def entry(
        self, raw: object, allowed: Iterable[str], where: str
    ) -> tuple[dict[str, Any], str, str]:
        """Open one weapon or variant table: the table, its id, and ``where`` with the id."""
        table = self.table(raw, where)
        self.keys(table, allowed, where)
        entry_id = self.slug(table, where)
        return table, entry_id, f"{where} ({entry_id})"

    def required(self, table: Mapping[str, Any], key: str, where: str) -> str:
        """Return a text that must be given."""
        value = self.text(table, key, where, required=True)
        assert value is not None
        return value

    def text(self, table: Mapping[str, Any], key: str, where: str, *, required: bool) -> str | None:
        if key not in table:
            if required:
                raise self.fail(where, f"{key!r} is missing")
            return None
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{key!r} must be a non-empty string, got {value!r}")
        return value.strip()

    def slug(self, table: Mapping[str, Any], where: str) -> str:
        value = self.required(table, "id", where)
        if not _SLUG.fullmatch(value):
            raise self.fail(
                where, f"'id' must be a lowercase slug (a-z, 0-9, single hyphens), got {value!r}"
            )
        return value

    def texts(self, table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            raise self.fail(where, f"{key!r} must be a list of non-empty strings, got {value!r}")
        return tuple(item.strip() for item in value)

    def countries(self, table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(item, str) and COUNTRY_CODE.fullmatch(item) for item in value)
        ):
            raise self.fail(
                where,
                f"{key!r} must be a non-empty list of ISO 3166-1 alpha-2 codes "
                f'(two upper-case letters, e.g. "UA"), got {value!r}',
            )
        if len(set(value)) != len(value):
            raise self.fail(where, f"{key!r} lists a country twice: {value!r}")
        return tuple(value)

    def number(self, table: Mapping[str, Any], key: str, where: str) -> float | None:
        if key not in table:
            return None
        value = table[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.fail(where, f"{key!r} must be a finite number of kilometres, got {value!r}")
        return float(value)


def _read_variant(reader: _Reader, raw: object, where: str) -> Variant:
    """Read and check one ``[[weapons.variants]]`` table."""
    table, variant_id, where = reader.entry(raw, _VARIANT_KEYS, where)
    name = reader.required(table, "name", where)
    source = reader.required(table, "source", where)
    url = reader.text(table, "url", where, required=False)
    note = reader.text(table, "note", where, required=False)
    aliases = reader.texts(table, "aliases", where)
    operators = reader.countries(table, "operators", where)
    operators_source = reader.required(table, "operators_source", where)
    min_km, max_km = _read_range(reader, table, where)
    low_km, high_km = _read_spread(reader, table, where, max_km)
    if url is not None and not url.startswith(("https://", "http://")):
        raise reader.fail(where, f"'url' must be an http(s) address, got {url!r}")
    return Variant(
        id=variant_id,
        name=name,
        min_range_km=min_km,
        max_range_km=max_km,
        source=source,
        url=url,
        note=note,
        aliases=aliases,
        operators=operators,
        operators_source=operators_source,
        range_km_low=low_km,
        range_km_high=high_km,
    )


def _read_range(
    reader: _Reader, table: Mapping[str, Any], where: str
) -> tuple[float | None, float]:
    """Read a variant's ``min_range_km`` and ``max_range_km`` and check them together."""
    max_km = reader.number(table, "max_range_km", where)
    min_km = reader.number(table, "min_range_km", where)
    if max_km is None:
        raise reader.fail(where, "'max_range_km' is missing")
    if max_km <= 0:
        raise reader.fail(where, f"'max_range_km' must be greater than 0, got {max_km:g}")
    if min_km is not None:
        if min_km < 0:
            raise reader.fail(where, f"'min_range_km' must not be negative, got {min_km:g}")
        if min_km > max_km:
            raise reader.fail(
                where,
                f"'min_range_km' ({min_km:g}) must not exceed 'max_range_km' ({max_km:g})",
            )
    return min_km, max_km


def _read_spread(
    reader: _Reader, table: Mapping[str, Any], where: str, max_km: float
) -> tuple[float | None, float | None]:
    """Read a variant's spread, ``range_km_low`` to ``range_km_high``, if it has one."""
    low_km = reader.number(table, "range_km_low", where)
    high_km = reader.number(table, "range_km_high", where)
    if (low_km is None) != (high_km is None):
        raise reader.fail(where, "'range_km_low' and 'range_km_high' must be given together")
    if low_km is not None and high_km is not None:
        if low_km <= 0:
            raise reader.fail(where, f"'range_km_low' must be greater than 0, got {low_km:g}")
        if low_km > high_km:
            raise reader.fail(
                where,
                f"'range_km_low' ({low_km:g}) must not exceed 'range_km_high' ({high_km:g})",
            )
        if not low_km <= max_km <= high_km:
            raise reader.fail(
                where,
                f"'max_range_km' ({max_km:g}) must lie within the spread {low_km:g}-{high_km:g} km",
            )
    return low_km, high_km


def _read_weapon(reader: _Reader, raw: object, where: str) -> Weapon:
    """Read and check one ``[[weapons]]`` table and its variants."""
    table, weapon_id, where = reader.entry(raw, _WEAPON_KEYS, where)
    name = reader.required(table, "name", where)
    kind = reader.required(table, "type", where)
    country = reader.required(table, "country", where)
    note = reader.text(table, "note", where, required=False)
    aliases = reader.texts(table, "aliases", where)
    case_sensitive = reader.texts(table, "text_case_sensitive", where)
    role = reader.text(table, "role", where, required=False) or DEFAULT_ROLE
    if kind not in WEAPON_TYPES:
        raise reader.fail(where, f"'type' must be one of {', '.join(WEAPON_TYPES)}; got {kind!r}")
    if role not in WEAPON_ROLES:
        raise reader.fail(where, f"'role' must be one of {', '.join(WEAPON_ROLES)}; got {role!r}")
    for alias in case_sensitive:
        if alias not in (weapon_id, name, *aliases):
            raise reader.fail(
                where, f"'text_case_sensitive' entry {alias!r} is not the weapon's name or alias"
            )
    raw_variants = table.get("variants")
    if not isinstance(raw_variants, list) or not raw_variants:
        raise reader.fail(where, "needs at least one [[weapons.variants]] entry")
    variants = tuple(
        _read_variant(reader, item, f"{where} variants[{j}]") for j, item in enumerate(raw_variants)
    )
    return Weapon(
        id=weapon_id,
        name=name,
        aliases=aliases,
        type=kind,
        country=country,
        variants=variants,
        note=note,
        text_case_sensitive=case_sensitive,
        role=role,
    )


def _read_weapons(reader: _Reader) -> tuple[Weapon, ...]:
    """Read and check the weapons of the catalogue file at ``reader.path`` (uncached).

    Parameters
    ----------
    reader : _Reader
        The reader for the file, which names it in every error.

    Returns
    -------
    tuple of Weapon
        In file order. Names are not yet checked for clashes: that is
        :func:`rangemap.catalogue.index._index`.

    Raises
    ------
    rangemap.errors.DataFileError
        If the file cannot be read, is not UTF-8 TOML or breaks a rule.

    """
    path = reader.path
    try:
        raw_text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise reader.fail("", "file not found") from None
    except OSError as exc:
        raise reader.fail("", f"cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise reader.fail("", f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise reader.fail("", f"is not valid TOML ({exc})") from None

    reader.keys(data, {"schema", "weapons"}, "top level")
    if data.get("schema") != _SCHEMA:
        raise reader.fail("top level", f"'schema' must be {_SCHEMA}, got {data.get('schema')!r}")
    raw_weapons = data.get("weapons")
    if not isinstance(raw_weapons, list) or not raw_weapons:
        raise reader.fail("top level", "needs at least one [[weapons]] entry")
    return tuple(_read_weapon(reader, item, f"weapons[{i}]") for i, item in enumerate(raw_weapons))
