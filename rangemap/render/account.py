"""What rangemap read in a text and what it drew, in plain words for a terminal.

:func:`describe_reading` lists what was found (claims with their readings
and places in the text, weapons, regions, countries, weapon statuses);
:func:`account` says what was drawn and why, in a few sentences.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rangemap.article import (
    MAX_ARTICLE_RINGS,
    ArticleReading,
    _phrase,
    _published_max,
    claim_reading,
    comparison_reason,
)
from rangemap.catalogue import Weapon

if TYPE_CHECKING:
    from rangemap.scene import Scene

__all__ = ["account", "describe_reading"]

#: Places listed per claim group in :func:`describe_reading`.
_SHOWN_PLACES = 5


def describe_reading(reading: ArticleReading, *, side: str | None = None) -> list[str]:
    """Say in short lines what was found in a text and how each claim is read.

    Parameters
    ----------
    reading : ArticleReading
        The result of :func:`read_article`.
    side : str, optional
        The launch side, which decides whether a weapon only requested is
        shown for comparison (:func:`comparison_reason`).

    Returns
    -------
    list of str
        One line per claim reading (with the weapon it is about and where the
        text states it), weapon drawn, weapon status and highlighted area,
        after a count line.
    """
    distinct = len(reading.groups)
    readings = f" ({distinct} different reading(s))" if distinct != len(reading.claims) else ""
    lines = [
        f"found {len(reading.claims)} range claim(s){readings}, "
        f"{len(reading.weapons)} catalogue weapon(s), "
        f"{len(reading.regions)} region(s), {len(reading.countries)} country name(s)"
    ]
    drawn = {g.claim for g in reading.drawn_groups}
    for group in reading.groups:
        claim = group.claim
        weapon = reading.weapon_of(claim)
        if weapon is None and claim not in drawn:
            continue
        link = reading.link_of(claim)
        how = f", {link.how}" if link is not None and link.how not in ("none", "parser") else ""
        about = f" [about {claim.weapon}{how}]" if claim.weapon else ""
        where = ""
        if group.count > 1:
            shown = ", ".join(f"{a}–{b}" for a, b in group.places[:_SHOWN_PLACES])
            more = ", …" if group.count > _SHOWN_PLACES else ""
            where = f"; stated {group.count} times, at characters {shown}{more}"
        if weapon is not None:
            drawn_as = (
                f"drawn as {weapon.name}'s published ranges (maximum {_published_max(weapon)}), "
                "its reading in the tooltips"
            )
        else:
            drawn_as = f"drawn as a {'band' if claim.is_band else 'ring'}"
        lines.append(f"  claim: {claim.interpretation()}{about} — {drawn_as}{where}")
    if len(reading.free_groups) > len(reading.drawn_groups):
        lines.append(
            f"  not drawn: {len(reading.free_groups) - len(reading.drawn_groups)} more range "
            f"reading(s) (at most {MAX_ARTICLE_RINGS} rings)"
        )
    if not reading.claims:
        lines.append("  no range claim in the text; drawing the weapons it names")
    for weapon in reading.drawn_weapons:
        ranges = ", ".join(
            f"{v.max_range_km:g} km"
            if len(weapon.variants) == 1
            else f"{v.name} {v.max_range_km:g} km"
            for v in weapon.variants
        )
        reason = comparison_reason(reading, weapon, side)
        shown = "" if reason is None else f" — for comparison only, off by default ({reason})"
        lines.append(f"  weapon: {weapon.name} — {ranges}{shown}")
    if len(reading.weapons) > len(reading.drawn_weapons):
        lines.append(
            f"  not drawn: {len(reading.weapons) - len(reading.drawn_weapons)} more weapon(s) "
            f"(at most {MAX_ARTICLE_RINGS} rings)"
        )
    for status in reading.statuses:
        lines.append(f"  status: {status.describe()}")
    for place in reading.highlights:
        lines.append(f"  highlight: {place.name}" + (f" ({place.code})" if place.code else ""))
    return lines


def _short_variant(name: str) -> str:
    """``"M39A1 (Block IA)"`` -> ``"M39A1"``."""
    return name.split(" (")[0].strip() or name


def _weapon_rings(weapon: Weapon) -> str:
    """``"ATACMS M39 (165 km) and M39A1 (300 km)"``: one entry per distinct range."""
    from rangemap.units import format_km

    if len(weapon.variants) == 1:
        return f"{weapon.name} ({format_km(weapon.variants[0].max_range_km)})"
    by_range: dict[float, str] = {}
    for variant in weapon.variants:
        by_range.setdefault(variant.max_range_km, _short_variant(variant.name))
    parts = [f"{name} ({format_km(km)})" for km, name in sorted(by_range.items())]
    return f"{weapon.name} " + _and(parts)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


_HELD_NOTE = re.compile(r"^(?P<name>.+?): the (?P<km>[\d,.]+ km) (?P<who>\w+) holds")


def _launch_words(scene: Scene) -> str:
    """Name the launch: ``"the 805 km of the Ukraine–Russia border Ukraine holds"``."""
    for note in scene.notes:
        match = _HELD_NOTE.match(note)
        if match is not None:
            return f"the {match['km']} of the {match['name']} {match['who']} holds"
    return _and([p.name for p in scene.launches]) if scene.launches else "the launch"


def _where_named(how: str) -> str:
    """Say where the weapon a claim is tied to is named, from :attr:`ClaimLink.how`."""
    if how == "its range":
        return " (its range, named before)"
    for where in ("next sentence", "previous sentence"):
        if how.endswith(where):
            return f" (named in the {where})"
    if how.endswith("sentences before"):
        return f" (named {how.rsplit(', ', 1)[-1]})"
    return ""


def account(reading: ArticleReading, scene: Scene) -> str:
    """Say in plain words what the map of a text draws, and why.

    Parameters
    ----------
    reading : ArticleReading
        What the text says (:func:`read_article`).
    scene : Scene
        The map drawn from it (:func:`rangemap.api.article_map`), with its
        coverage when computed.

    Returns
    -------
    str
        A short paragraph: the rings drawn and from where, the highlighted
        areas, how each claim is read and which weapon it is about, the
        weapons shown for comparison only and why, and the other side's
        airbases within the outermost range.
    """
    from rangemap.units import format_km

    side = scene.launch_side
    comparison = [w for w in reading.drawn_weapons if comparison_reason(reading, w, side)]
    reach_weapons = [w for w in reading.drawn_weapons if w not in comparison]
    drawn = [_weapon_rings(w) for w in reach_weapons]
    drawn += [f"{_phrase(g.claim)} as {claim_reading(g.claim)}" for g in reading.drawn_groups]
    # With nothing else to draw, comparison layers are shown (still labelled so).
    hidden = bool(scene.comparison_layers)
    if not hidden:
        drawn += [f"{_weapon_rings(w)}, for comparison only" for w in comparison]
    where = _launch_words(scene)
    sentences = [f"Drew {_and(drawn) if drawn else 'the ranges'} from {where}"]
    if scene.highlights:
        names = _and([p.name for p in scene.highlights])
        sentences[0] += f", {names} highlighted"
    sentences[0] += "."
    for group in reading.tied_groups:
        weapon = reading.weapon_of(group.claim)
        assert weapon is not None
        link = reading.link_of(group.claim)
        how = "" if link is None else _where_named(link.how)
        if weapon in comparison:
            drawn_as = f"so it is shown with {weapon.name}, for comparison only"
        else:
            drawn_as = f"so the map draws {weapon.name}'s published ranges, not a band of its own"
        sentences.append(
            f"The article's {_phrase(group.claim)} is read as {claim_reading(group.claim)}; "
            f"it is about {weapon.name}{how}, whose published maximum is "
            f"{_published_max(weapon)}, {drawn_as}."
        )
    for weapon in comparison:
        reason = comparison_reason(reading, weapon, side)
        status = reading.status_of(weapon)
        also = [r for r in (status.reasons()[1:] if status else []) if r != reason]
        extra = f" ({'; '.join(also)})" if also else ""
        layer = "in a layer off by default" if hidden else "the only weapon drawn"
        sentences.append(
            f"{weapon.name} ({format_km(weapon.max_range_km)}) is shown for comparison only, "
            f"{layer}: the article says it was {reason}{extra}."
        )
    coverage = scene.coverage
    if coverage is not None:
        outer = format_km(scene.outer_layer.spec.high_km)
        held = "/".join(coverage.target_sides)
        whose = {"RU": "Russian-held", "UA": "Ukrainian-held"}.get(held, f"{held}-held")
        bases = [
            s for s in coverage.site_rows if s.target and s.in_reach and "air" in s.kind.lower()
        ]
        if bases:
            names = ", ".join(
                s.display_name + (f" ({s.role})" if s.role else "") for s in bases[:8]
            )
            more = f" and {len(bases) - 8} more" if len(bases) > 8 else ""
            sentences.append(f"Within {outer}: {len(bases)} {whose} airbase(s): {names}{more}.")
        else:
            sentences.append(f"Within {outer}: no {whose} airbase.")
    return " ".join(sentences)
