"""Catalogue weapons as range specs: one ring (or spread band) per distinct published range.

:func:`weapon_specs` gives one ring per distinct maximum range of a catalogue
weapon's variants, labelled with the operators when the launch side does not
field them; :func:`weapon_layers` does it for the weapons a map is given, and
:func:`article_weapon_specs` for those a text names, with the claims tied to
them.

A weapon name is looked up in the catalogue once (:func:`catalogue_weapons`)
into a :class:`WeaponChoice`, the catalogue's entry and the variants the
name selects, which the rings are made of without looking it up again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rangemap.catalogue import Variant, Weapon, find_weapon_variants
from rangemap.errors import InputError
from rangemap.spec import RangeSpec
from rangemap.units import format_km

if TYPE_CHECKING:
    from rangemap.article import ArticleReading

__all__ = [
    "WeaponChoice",
    "article_weapon_specs",
    "catalogue_weapons",
    "weapon_layers",
    "weapon_specs",
]


@dataclass(frozen=True)
class WeaponChoice:
    """A catalogue weapon as looked up once: its entry, and the variants a name selects.

    Attributes
    ----------
    weapon : Weapon
        The catalogue's entry, with every variant (which keys the colours).
    variants : tuple of Variant
        The variants drawn, in catalogue order.
    name : str
        The name it was looked up by (``"ATACMS M39"``); the weapon's name
        when it was not looked up by one.
    """

    weapon: Weapon
    variants: tuple[Variant, ...]
    name: str = ""

    @classmethod
    def lookup(cls, name: str) -> WeaponChoice:
        """Look ``name`` up in the catalogue (:func:`rangemap.catalogue.find_weapon_variants`)."""
        weapon, variants = find_weapon_variants(name)
        return cls(weapon, variants, name)

    @classmethod
    def whole(cls, weapon: Weapon) -> WeaponChoice:
        """Return a catalogue entry with all its variants, not looked up again."""
        return cls(weapon, weapon.variants, weapon.name)

    @property
    def drawn(self) -> Weapon:
        """The weapon with the variants drawn only, for reports."""
        if self.variants == self.weapon.variants:
            return self.weapon
        return dataclasses.replace(self.weapon, variants=self.variants)


def catalogue_weapons(weapons: str | Sequence[str]) -> list[WeaponChoice]:
    """Look each weapon name given up in the catalogue, once.

    Raises
    ------
    UnknownNameError
        If the catalogue has no such weapon; close names are suggested.
    """
    names = [weapons] if isinstance(weapons, str) else weapons
    return [WeaponChoice.lookup(name) for name in names]


def weapon_specs(
    name: str | Weapon | WeaponChoice, *, side: str | None = None
) -> list[RangeSpec]:
    """Return one ring per distinct maximum range of a weapon's variants.

    Parameters
    ----------
    name : str, Weapon or WeaponChoice
        A weapon or variant name, id or alias (``"ATACMS"``, ``"M39A1"``,
        ``"storm shadow"``), looked up here; a weapon (its variants drawn,
        its entry in the catalogue looked up by id for the colours); or a
        weapon looked up already, not looked up again.
    side : str, optional
        The launch side (``"UA"``, ``"RU"``). A ring none of whose variants
        the side operates names the operators in its weapon label
        (``"Kh-101 (RU)"``) and detail (``"operated by RU"``).

    Returns
    -------
    list of RangeSpec
        Rings labelled with the weapon and variant, their sources in the detail.
        Variants with the same maximum range share one ring; a variant whose
        published figures disagree (:attr:`Variant.spread`) is a band over
        that spread instead.

    Raises
    ------
    UnknownNameError
        If the catalogue has no such weapon; close names are suggested.
    """
    if isinstance(name, str):
        choice = WeaponChoice.lookup(name)
    elif isinstance(name, Weapon):
        choice = WeaponChoice(_catalogue_entry(name), name.variants, name.name)
    else:
        choice = name
    # A weapon given is labelled as given (its own variants), coloured as catalogued.
    weapon = name if isinstance(name, Weapon) else choice.weapon
    variants = choice.variants
    by_range: dict[float, list[Variant]] = {}
    for variant in variants:
        by_range.setdefault(variant.max_range_km, []).append(variant)
    # Colours are keyed by the weapon and the ring's place among all its
    # variants' ranges, so a variant keeps its colour on every map.
    every_range = sorted({v.max_range_km for v in choice.weapon.variants} | set(by_range))
    return [
        _variant_ring(weapon, range_km, group, f"{weapon.name}#{every_range.index(range_km)}", side)
        for range_km, group in sorted(by_range.items())
    ]


def _variant_ring(
    weapon: Weapon, range_km: float, group: Sequence[Variant], color_key: str, side: str | None
) -> RangeSpec:
    """Return the ring (or band) of a weapon's variants that share one maximum range."""
    names = " / ".join(v.name for v in group)
    if len(weapon.variants) == 1:
        who = weapon.name
    elif names.casefold().startswith(weapon.name.casefold()):
        who = names
    else:
        who = f"{weapon.name} {names}"
    sources = "; ".join(f"{v.name}: {v.source}" if len(group) > 1 else v.source for v in group)
    operated = "" if side is None else _not_operated(group, side)
    if operated:
        who = f"{who} ({operated})"
        sources = f"operated by {operated}, not by the launch side {side}. {sources}"
    spread = group[0].spread if len(group) == 1 else None
    if spread is not None:
        # Sources disagree by more than 10%: a band over the published spread.
        low, high = spread
        return RangeSpec(
            low,
            high,
            detail=(
                f"published maximum ranges disagree: {format_km(low)} to "
                f"{format_km(high)} (nominal {format_km(range_km)}). Sources: {sources}"
            ),
            weapon=who,
            color_key=color_key,
        )
    return RangeSpec(
        range_km,
        range_km,
        label=format_km(range_km),
        detail=f"published maximum range. Source: {sources}",
        weapon=who,
        color_key=color_key,
    )


def _catalogue_entry(weapon: Weapon) -> Weapon:
    """Return the catalogue's entry of ``weapon``, every variant (``weapon`` if not catalogued)."""
    from rangemap.catalogue import find_weapon

    try:
        return find_weapon(weapon.id)
    except InputError:
        return weapon


def _not_operated(variants: Sequence[Variant], side: str) -> str:
    """Return the operators of variants none of which `side` operates, else ``""``."""
    if any(v.operated_by(side) for v in variants):
        return ""
    operators = dict.fromkeys(code for v in variants for code in v.operators)
    return ", ".join(operators) or "no catalogued operator"


def _weapon_warnings(weapon: Weapon, variants: Sequence[Variant], side: str) -> list[str]:
    """Say which drawn rings show variants the launch side does not operate.

    Variants sharing a ring (one maximum range) count as operated when the
    side operates one of them, as :func:`weapon_specs` labels them.
    """
    by_range: dict[float, list[Variant]] = {}
    for variant in variants:
        by_range.setdefault(variant.max_range_km, []).append(variant)
    foreign = [v for group in by_range.values() if _not_operated(group, side) for v in group]
    if not foreign:
        return []
    operators = ", ".join(dict.fromkeys(c for v in foreign for c in v.operators)) or "nobody"
    what = weapon.name if len(foreign) == len(variants) else " / ".join(v.name for v in foreign)
    return [
        f"{what} is operated by {operators}, not by the launch side {side}; drawn anyway, "
        "labelled with its operator"
    ]


def weapon_layers(
    drawn: Sequence[WeaponChoice], extra: Sequence[Weapon], side: str
) -> tuple[list[RangeSpec], list[str]]:
    """Return the rings of weapons drawn from the launch side, and warnings about them.

    Parameters
    ----------
    drawn : sequence of WeaponChoice
        The weapons drawn here, as looked up (:func:`catalogue_weapons`).
    extra : sequence of Weapon
        Weapons already drawn elsewhere (as :func:`rangemap.api.article_map`
        draws them), only warned about.
    side : str
        The launch side.

    Returns
    -------
    list of RangeSpec
        The rings of the ``drawn`` weapons (:func:`weapon_specs`).
    list of str
        What the launch side does not operate, one warning per weapon.
    """
    specs: list[RangeSpec] = []
    warnings: list[str] = []
    for choice in drawn:
        specs.extend(weapon_specs(choice, side=side))
        warnings += _weapon_warnings(choice.drawn, choice.variants, side)
    for weapon in extra:
        warnings += _weapon_warnings(weapon, weapon.variants, side)
    return specs, warnings


def article_weapon_specs(
    reading: ArticleReading, side: str
) -> tuple[list[RangeSpec], list[str], list[Weapon]]:
    """Return the rings of the weapons a text names, notes, and the weapons drawn as reaches.

    A weapon a claim is tied to carries the claim's reading in its rings' details and in
    a note; a weapon the text says was not supplied is a comparison layer
    (:attr:`RangeSpec.comparison`), labelled without the launch side's operator warning.

    Parameters
    ----------
    reading : ArticleReading
        What :func:`rangemap.article.read_article` found in the text.
    side : str
        The launch side, whose operators label the rings.

    Returns
    -------
    list of RangeSpec
        The rings of :attr:`ArticleReading.drawn_weapons`.
    list of str
        One note per claim tied to a weapon drawn.
    list of Weapon
        The weapons drawn as reaches, not for comparison.
    """
    from rangemap.article import comparison_reason, tie_note

    specs: list[RangeSpec] = []
    notes: list[str] = []
    reach_weapons: list[Weapon] = []
    for weapon in reading.drawn_weapons:
        ties = [
            tie_note(group.claim, weapon)
            for group in reading.tied_groups
            if (tied := reading.weapon_of(group.claim)) is not None and tied.id == weapon.id
        ]
        notes.extend(f"The text's {tie}" for tie in ties)
        said = "".join(f"The text's {tie}. " for tie in ties)
        reason = comparison_reason(reading, weapon, side)
        if reason is None:
            reach_weapons.append(weapon)
            specs.extend(
                dataclasses.replace(spec, detail=said + spec.detail[:1].upper() + spec.detail[1:])
                for spec in weapon_specs(WeaponChoice.whole(weapon), side=side)
            )
            continue
        operators = ", ".join(weapon.operators) or "no catalogued operator"
        fielded = "" if weapon.operated_by(side) else f"; operated by {operators}, not by {side}"
        specs.extend(
            dataclasses.replace(
                spec,
                comparison=reason,
                detail=(
                    f"Shown for comparison only: the text says {weapon.name} was {reason}"
                    f"{fielded}. {said}{spec.detail}"
                ),
            )
            for spec in weapon_specs(WeaponChoice.whole(weapon))
        )
    return specs, notes, reach_weapons
