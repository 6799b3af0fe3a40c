"""The weapons catalogue: published ranges of named weapons.

rangemap ships a small catalogue, ``data/weapons.toml``, of the missiles,
rockets and glide bombs that news about Ukraine and Russia names. Each
:class:`Weapon` has one or more :class:`Variant` records, and each variant has
a published range in kilometres with the source it was taken from.

The package, by concern:

- :mod:`~rangemap.catalogue.model`: :class:`Weapon` and :class:`Variant`, and
  what a range, a spread, a role and an operator mean;
- :mod:`~rangemap.catalogue.schema`: reading and validating the catalogue
  file (TOML to the model);
- :mod:`~rangemap.catalogue.index`: names and aliases, lookup by name
  (:func:`find_weapon`, :func:`find_weapon_variants`), suggestions for an
  unknown name, and the weapons a side fields (:func:`weapons_for_side`);
- :mod:`~rangemap.catalogue.mentions`: finding weapon names in text
  (:func:`find_weapons_in_text`).

The catalogue is read on first use and cached; nothing is read at import time.

Examples
--------
>>> weapon, variants = find_weapon_variants("ATACMS M39A1")
>>> weapon.name, [v.max_range_km for v in variants]
('ATACMS', [300.0])
>>> [v.id for v in find_weapon("storm-shadow").variants]
['storm-shadow']
>>> [(w.id, text) for w, _, _, text in find_weapons_in_text("Taurus, not ATACMS")]
[('taurus', 'Taurus'), ('atacms', 'ATACMS')]
>>> find_weapon("taurus").operated_by("UA")
False

"""

from __future__ import annotations

from rangemap.catalogue.index import (
    find_weapon,
    find_weapon_variants,
    load_catalogue,
    strike_weapons,
    weapon_names,
    weapons_for_side,
)
from rangemap.catalogue.mentions import find_weapons_in_text
from rangemap.catalogue.model import DEFAULT_ROLE, WEAPON_ROLES, WEAPON_TYPES, Variant, Weapon
from rangemap.catalogue.schema import CATALOGUE_FILE

__all__ = [
    "CATALOGUE_FILE",
    "DEFAULT_ROLE",
    "WEAPON_ROLES",
    "WEAPON_TYPES",
    "Variant",
    "Weapon",
    "find_weapon",
    "find_weapon_variants",
    "find_weapons_in_text",
    "load_catalogue",
    "strike_weapons",
    "weapon_names",
    "weapons_for_side",
]
