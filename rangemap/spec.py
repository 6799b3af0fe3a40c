"""Range specs: a range, a band or a weapon variant, parsed once.

A :class:`~rangemap.scene.RangeSpec` is what one layer of a map draws. This
module makes them from what users and texts give:

- :func:`parse_range` reads one range value: a number of kilometres, a
  number with a unit (``"190 mi"``), or a range claim as news text states it
  (``"165-300 km"``, ``"several hundred kilometers"``);
- :func:`claim_spec` turns a range claim into a band or a ring;
- :func:`weapon_specs` gives one ring per distinct maximum range of a
  catalogue weapon's variants, labelled with the operators when the launch
  side does not field them.

>>> from rangemap.spec import parse_range
>>> parse_range("190 mi").label
'190 mi (306 km)'
>>> band = parse_range("165-300 km")
>>> band.low_km, band.high_km, band.is_band
(165.0, 300.0, True)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rangemap.catalogue import Variant, Weapon, find_weapon_variants
from rangemap.claims import RangeClaim
from rangemap.errors import InputError, UnknownUnitError
from rangemap.geodesy import check_range_km
from rangemap.scene import RangeSpec
from rangemap.units import KM_PER_UNIT, format_km, normalise_unit, parse_distance_km

if TYPE_CHECKING:
    from rangemap.article import ArticleReading

__all__ = [
    "article_weapon_specs",
    "claim_spec",
    "parse_range",
    "weapon_layers",
    "weapon_specs",
]


def parse_range(text: str | float) -> RangeSpec:
    """Parse one range value.

    Parameters
    ----------
    text : str or float
        A number of kilometres, a number with a unit (``300``, ``300km``,
        ``"300 km"``, ``190mi``, ``100nmi``, ``300000m``), or a range claim
        as news text states it (``"up to 190 miles"``, ``"165-300 km"``,
        ``"several hundred kilometers"``).

    Returns
    -------
    RangeSpec
        A single range, or a band when the claim allows a band of distances.

    Raises
    ------
    InputError
        If the value is neither a distance nor one range claim standing on
        its own, or lies outside (0, 20,000] km. A range is one range: more
        than one claim, or words that negate or qualify it (``"not 300 km"``,
        ``"minus 300 km"``, ``"1/2 km"``, ``"xyz 300 km zzz"``), are refused
        with the accepted forms (see :func:`rangemap.claims.parse_claim`).

    Examples
    --------
    >>> parse_range(300).label, parse_range("300000m").label
    ('300 km', '300,000 m (300 km)')
    """
    if isinstance(text, int | float):
        range_km = float(text)
    else:
        try:
            range_km = parse_distance_km(text)
        except UnknownUnitError:
            raise  # a distance in a unit rangemap does not know: "300 furlongs"
        except InputError:
            if len(text) > 200:
                raise
            return _claim_range(text)
    check_range_km(range_km)
    unit = _stated_unit(text)
    # The user's unit is kept: "190 mi (306 km)".
    return RangeSpec.single(range_km, label=_in_unit(range_km, unit or "km"))


def _claim_range(text: str) -> RangeSpec:
    """Read a range value that is not a distance as one range claim."""
    from rangemap.claims import parse_claim

    try:
        claim = parse_claim(text)
    except InputError:
        shown = " ".join(text.split())[:60]
        raise InputError(
            f"{shown!r} is not a range; give a number with an optional unit "
            "(km, m, mi, nmi) such as 300km or '190 mi', or a claim such as "
            "'165-300 km', 'up to 190 miles' or 'several hundred kilometers'"
        ) from None
    return claim_spec(claim)


def _stated_unit(text: str | float) -> str | None:
    """Return the unit written in a range value (canonical), or None for a bare number."""
    if isinstance(text, int | float):
        return None
    match = re.match(r"^\s*[+-]?[\d_,.]+(?:e[+-]?\d+)?\s*([a-z][a-z ]*?)\s*$", text, re.I)
    if match is None:
        return None
    try:
        return normalise_unit(match.group(1))
    except InputError:
        return None


def _in_unit(value_km: float, unit: str) -> str:
    """Return ``"190 mi (306 km)"`` for a length stated in miles, ``"300 km"`` in km."""
    if unit == "km":
        return format_km(value_km)
    stated = value_km / KM_PER_UNIT[unit]
    km = f"{round(value_km):,} km" if value_km >= 100 else format_km(value_km)
    return f"{stated:,.6g} {unit} ({km})"


def claim_spec(claim: RangeClaim) -> RangeSpec:
    """Turn a range claim into what is drawn: a band, or a ring at its nominal range.

    Parameters
    ----------
    claim : RangeClaim
        A claim from :func:`rangemap.claims.parse_claims`.

    Returns
    -------
    RangeSpec
        A band from ``low_km`` to ``high_km`` labelled with the phrase and its
        reading, or a single ring at ``nominal_km``; a claim with an open
        bound is a ring at the stated bound labelled ``"up to 300 km"`` or
        ``"at least 300 km"``.
    """
    phrase = " ".join(claim.phrase.split())
    low, high = claim.low_km, claim.high_km
    if low is not None and high is not None and low != high:
        spec = RangeSpec(low, high, weapon=claim.weapon)
        return RangeSpec(
            low,
            high,
            label=f"{phrase} → {spec.label}",
            detail=f"read as {claim.interpretation()}",
            weapon=claim.weapon,
        )
    # An open bound ("up to 300 km", "more than 300 km") is one ring at the
    # stated bound, labelled with the side that is open.
    label = _in_unit(claim.nominal_km, claim.unit)
    if low is None:
        label = f"up to {label}"
    elif high is None:
        label = f"at least {label}"
    return RangeSpec(
        claim.nominal_km,
        claim.nominal_km,
        label=label,
        detail=f"read as {claim.interpretation()}",
        weapon=claim.weapon,
    )


def weapon_specs(name: str | Weapon, *, side: str | None = None) -> list[RangeSpec]:
    """Return one ring per distinct maximum range of a weapon's variants.

    Parameters
    ----------
    name : str or Weapon
        A weapon or variant name, id or alias (``"ATACMS"``, ``"M39A1"``,
        ``"storm shadow"``), or a catalogue weapon.
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
    if isinstance(name, Weapon):
        weapon, variants = name, name.variants
    else:
        weapon, variants = find_weapon_variants(name)
    by_range: dict[float, list[Variant]] = {}
    for variant in variants:
        by_range.setdefault(variant.max_range_km, []).append(variant)
    # Colours are keyed by the weapon and the ring's place among all its
    # variants' ranges, so a variant keeps its colour on every map.
    every_range = sorted({v.max_range_km for v in _catalogue_variants(weapon)} | set(by_range))
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


def _catalogue_variants(weapon: Weapon) -> tuple[Variant, ...]:
    """All catalogued variants of ``weapon`` (its own, if it is not in the catalogue)."""
    from rangemap.catalogue import find_weapon

    try:
        return find_weapon(weapon.id).variants
    except InputError:
        return weapon.variants


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
    drawn: Sequence[tuple[str, Weapon]], extra: Sequence[Weapon], side: str
) -> tuple[list[RangeSpec], list[str]]:
    """Return the rings of weapons drawn from the launch side, and warnings about them.

    Parameters
    ----------
    drawn : sequence of (str, Weapon)
        Names and weapons (with the variants named) drawn here.
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
    for name, weapon in drawn:
        specs.extend(weapon_specs(name, side=side))
        warnings += _weapon_warnings(weapon, weapon.variants, side)
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
                for spec in weapon_specs(weapon, side=side)
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
            for spec in weapon_specs(weapon)
        )
    return specs, notes, reach_weapons
