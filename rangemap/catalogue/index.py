"""The catalogue's index: names, aliases, lookup by name and suggestions.

Names
-----
Names are matched ignoring case and any punctuation or spacing, so
``"storm shadow"``, ``"Storm-Shadow"`` and ``"STORMSHADOW"`` are the same, as
are ``"KN-23"`` and ``"kn23"``. :func:`find_weapon` takes a weapon's id, name or
alias; :func:`find_weapon_variants` also takes a variant's id, name or alias,
alone or after the weapon's name (``"ATACMS M39A1"``). An unknown name raises
:class:`~rangemap.errors.UnknownNameError` (a ``LookupError``) with close
suggestions.

The index is built when the catalogue is read: every id, name and alias of
a weapon, and every id, name and alias of a variant alone and after each of
its weapon's names, is folded (:func:`rangemap._names.fold_alnum`) and
checked not to name two different weapons or variants.

The bundled catalogue is read on first use and cached; nothing is read at
import time.

"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rangemap._names import country_code, fold_alnum, suggest
from rangemap.catalogue.model import WEAPON_ROLES, Variant, Weapon
from rangemap.catalogue.schema import _catalogue_path, _read_weapons, _Reader
from rangemap.errors import InputError, UnknownNameError

__all__ = [
    "find_weapon",
    "find_weapon_variants",
    "load_catalogue",
    "strike_weapons",
    "weapon_names",
    "weapons_for_side",
]

_MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class _Catalogue:
    """A validated catalogue with its lookup tables (private)."""

    weapons: tuple[Weapon, ...]
    # normalised key -> weapon, for ids, names and aliases of weapons
    weapon_keys: Mapping[str, Weapon]
    # normalised key -> (weapon, variant), for variant ids, names, aliases and
    # each of those after a weapon key ("atacmsm39a1")
    variant_keys: Mapping[str, tuple[Weapon, Variant]]
    # normalised key -> display string, for suggestions
    weapon_display: Mapping[str, str]
    variant_display: Mapping[str, str]


def _weapon_labels(weapon: Weapon) -> tuple[str, ...]:
    """Display names of a weapon, best first: name, aliases, id."""
    return (weapon.name, *weapon.aliases, weapon.id)


def _variant_labels(variant: Variant) -> tuple[str, ...]:
    """Display names of a variant, best first: name, aliases, id."""
    return (variant.name, *variant.aliases, variant.id)


def _index(reader: _Reader, weapons: tuple[Weapon, ...]) -> _Catalogue:
    """Check names for clashes and build the lookup tables."""
    weapon_keys, weapon_display = _index_weapons(reader, weapons)
    variant_keys, variant_display = _index_variants(reader, weapons, weapon_keys)
    return _Catalogue(
        weapons=weapons,
        weapon_keys=weapon_keys,
        variant_keys=variant_keys,
        weapon_display=weapon_display,
        variant_display=variant_display,
    )


def _index_weapons(
    reader: _Reader, weapons: tuple[Weapon, ...]
) -> tuple[dict[str, Weapon], dict[str, str]]:
    """Return the weapon keys and their display names, checking ids and names."""
    weapon_keys: dict[str, Weapon] = {}
    weapon_display: dict[str, str] = {}
    for weapon in weapons:
        if weapon.id in (w.id for w in weapon_keys.values()):
            raise reader.fail("", f"weapon id {weapon.id!r} is used twice")
        for label in _weapon_labels(weapon):
            key = fold_alnum(label)
            if not key:
                raise reader.fail(weapon.id, f"name {label!r} has no letters or digits")
            other = weapon_keys.get(key)
            if other is not None and other is not weapon:
                raise reader.fail(weapon.id, f"name {label!r} also names weapon {other.id!r}")
            weapon_keys[key] = weapon
            weapon_display.setdefault(key, label)
    return weapon_keys, weapon_display


def _index_variants(
    reader: _Reader, weapons: tuple[Weapon, ...], weapon_keys: Mapping[str, Weapon]
) -> tuple[dict[str, tuple[Weapon, Variant]], dict[str, str]]:
    """Return the variant keys and their display names, checking ids and names."""
    variant_keys: dict[str, tuple[Weapon, Variant]] = {}
    variant_display: dict[str, str] = {}
    variant_ids: dict[str, str] = {}
    for weapon in weapons:
        own_keys = [fold_alnum(label) for label in _weapon_labels(weapon)]
        for variant in weapon.variants:
            where = f"{weapon.id} variant {variant.id}"
            if variant.id in variant_ids:
                raise reader.fail(
                    where, f"variant id {variant.id!r} is also used by {variant_ids[variant.id]!r}"
                )
            variant_ids[variant.id] = weapon.id
            for label in _variant_labels(variant):
                key = fold_alnum(label)
                if not key:
                    raise reader.fail(where, f"name {label!r} has no letters or digits")
                owner = weapon_keys.get(key)
                if owner is not None and owner is not weapon:
                    raise reader.fail(where, f"name {label!r} also names weapon {owner.id!r}")
                if owner is weapon and len(weapon.variants) > 1:
                    raise reader.fail(
                        where,
                        f"name {label!r} is also the weapon's name, which selects every variant",
                    )
                variant_display.setdefault(key, label)
                candidates = [key, *(own + key for own in own_keys)]
                for candidate in candidates:
                    other_weapon = weapon_keys.get(candidate)
                    if other_weapon is not None and other_weapon is not weapon:
                        raise reader.fail(
                            where, f"name {label!r} after the weapon's name names another weapon"
                        )
                    seen = variant_keys.get(candidate)
                    if seen is not None and seen[1] is not variant:
                        raise reader.fail(
                            where, f"name {label!r} also names variant {seen[1].id!r}"
                        )
                    variant_keys[candidate] = (weapon, variant)
    return variant_keys, variant_display


def _read_catalogue(path: Path) -> _Catalogue:
    """Read, validate and index the catalogue at `path` (uncached)."""
    reader = _Reader(path)
    return _index(reader, _read_weapons(reader))


@cache
def _default_catalogue() -> _Catalogue:
    """Return the bundled catalogue, read once per process."""
    return _read_catalogue(_catalogue_path())


def _catalogue(path: str | Path | None) -> _Catalogue:
    """Return the catalogue at `path`, or the bundled one for None."""
    return _default_catalogue() if path is None else _read_catalogue(Path(path))


def load_catalogue(path: str | Path | None = None) -> tuple[Weapon, ...]:
    """Load and validate the weapons catalogue.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A catalogue file in the format of the bundled ``weapons.toml``. By
        default the bundled catalogue, which is read once and cached; a given
        path is read afresh on every call.

    Returns
    -------
    tuple of Weapon
        The weapons in file order.

    Raises
    ------
    rangemap.errors.DataFileError
        If the file is missing, not TOML, or breaks a rule: every weapon has an
        id (a lowercase slug), name, type (one of
        :data:`~rangemap.catalogue.model.WEAPON_TYPES`),
        country and at least one variant; every variant has an id,
        name, non-empty ``source`` and ``max_range_km`` > 0, and
        ``0 <= min_range_km <= max_range_km`` where given,
        ``0 < range_km_low <= max_range_km <= range_km_high`` where a spread
        is given (both ends or neither), a ``role`` (if given) one of
        :data:`~rangemap.catalogue.model.WEAPON_ROLES`, and ``operators``
        (a non-empty list of distinct two-letter upper-case ISO 3166-1
        codes) with a non-empty ``operators_source``; ids are unique and
        no name means two different weapons or variants.

    Examples
    --------
    >>> weapons = load_catalogue()
    >>> "atacms" in [w.id for w in weapons]
    True

    """
    return _catalogue(path).weapons


def _unknown(name: str, display: Mapping[str, str]) -> UnknownNameError:
    """Return the error for an unknown weapon `name` with close suggestions."""
    suggestions = suggest(fold_alnum(name), display, n=_MAX_SUGGESTIONS * 2)
    return UnknownNameError(
        f"unknown weapon {name!r}; see 'rangemap weapons' for the list",
        suggestions[:_MAX_SUGGESTIONS],
    )


def find_weapon(name: str) -> Weapon:
    """Return the weapon with id, name or alias `name`.

    Parameters
    ----------
    name : str
        Matched ignoring case, spaces, hyphens, underscores and other
        punctuation (``"Storm-Shadow"``, ``"kn23"``). Variant names are not
        accepted here; see :func:`find_weapon_variants`.

    Returns
    -------
    Weapon

    Raises
    ------
    rangemap.errors.UnknownNameError
        If no weapon has that name; ``suggestions`` holds up to five close
        names.

    Examples
    --------
    >>> find_weapon("storm shadow").id
    'storm-shadow'
    >>> find_weapon("Army Tactical Missile System").name
    'ATACMS'

    """
    catalogue = _default_catalogue()
    weapon = catalogue.weapon_keys.get(fold_alnum(name))
    if weapon is None:
        raise _unknown(name, catalogue.weapon_display)
    return weapon


def find_weapon_variants(name: str) -> tuple[Weapon, tuple[Variant, ...]]:
    """Return a weapon and the variants that `name` selects.

    Parameters
    ----------
    name : str
        A weapon's id, name or alias selects all of its variants; a variant's
        id, name or alias, alone or after a name of its weapon (``"M39A1"``,
        ``"ATACMS M39A1"``, ``"ATACMS Block IA"``), selects that variant only.
        Matched ignoring case and punctuation as in :func:`find_weapon`.

    Returns
    -------
    tuple
        ``(weapon, variants)``, the variants in catalogue order.

    Raises
    ------
    rangemap.errors.UnknownNameError
        If nothing has that name; ``suggestions`` holds up to five close
        weapon or variant names.

    Examples
    --------
    >>> weapon, variants = find_weapon_variants("atacms")
    >>> [v.id for v in variants]
    ['m39', 'm39a1', 'm48-m57']
    >>> find_weapon_variants("M39")[1][0].max_range_km
    165.0

    """
    catalogue = _default_catalogue()
    key = fold_alnum(name)
    weapon = catalogue.weapon_keys.get(key)
    if weapon is not None:
        return weapon, weapon.variants
    found = catalogue.variant_keys.get(key)
    if found is not None:
        return found[0], (found[1],)
    # A weapon's own spelling wins over a variant's for the same key.
    raise _unknown(name, {**catalogue.variant_display, **catalogue.weapon_display})


def weapon_names() -> list[str]:
    """Return every id, name and alias of every weapon.

    Returns
    -------
    list of str
        Without duplicates, longest first (then alphabetical), ready to build a
        matcher that prefers the longest name.

    Examples
    --------
    >>> "Storm Shadow" in weapon_names()
    True

    """
    names = {label for weapon in _default_catalogue().weapons for label in _weapon_labels(weapon)}
    return sorted(names, key=lambda label: (-len(label), label.casefold(), label))


def strike_weapons() -> tuple[Weapon, ...]:
    """Return the catalogue's strike weapons, without air-defence systems.

    Returns
    -------
    tuple of Weapon
        In catalogue order, every weapon whose ``role`` is ``"strike"``: the
        ones whose range says what they can hit. Air-defence systems (S-400,
        Patriot) are left out; their range is an umbrella around where they
        stand.

    Examples
    --------
    >>> "mim-104" in [w.id for w in strike_weapons()]
    False
    >>> "atacms" in [w.id for w in strike_weapons()]
    True

    """
    return tuple(w for w in _default_catalogue().weapons if w.is_strike)


def weapons_for_side(
    side: str, *, role: str | None = "strike"
) -> tuple[tuple[Weapon, tuple[Variant, ...]], ...]:
    """Return the catalogued weapons a country fields, with the variants it fields.

    Parameters
    ----------
    side : str
        ISO 3166-1 alpha-2 code, any case (``"UA"``, ``"RU"``).
    role : str or None, default "strike"
        Keep only weapons with this role (one of
        :data:`~rangemap.catalogue.model.WEAPON_ROLES`), or
        every weapon for None. By default strike weapons only, so that what a
        side can strike never lists its air defences.

    Returns
    -------
    tuple of (Weapon, tuple of Variant)
        In catalogue order, only weapons with at least one variant the side
        fields, each with those variants (the shape of
        :func:`find_weapon_variants`). Empty for a country that fields none.

    Raises
    ------
    rangemap.errors.InputError
        If `side` is not a two-letter code, or `role` is not a known role.

    Examples
    --------
    >>> [w.id for w, _ in weapons_for_side("RU")][:4]
    ['iskander-m', 'kh-101', 'kalibr', 'kn-23']
    >>> "s-400" in [w.id for w, _ in weapons_for_side("RU")]
    False
    >>> [w.id for w, _ in weapons_for_side("RU", role="air defence")]
    ['s-400']
    >>> "taurus" in [w.id for w, _ in weapons_for_side("UA")]
    False

    """
    code = country_code(side)
    if role is not None and role not in WEAPON_ROLES:
        raise InputError(f"role must be one of {', '.join(WEAPON_ROLES)} or None; got {role!r}")
    found = []
    for weapon in _default_catalogue().weapons:
        if role is not None and weapon.role != role:
            continue
        variants = weapon.variants_for(code)
        if variants:
            found.append((weapon, variants))
    return tuple(found)
