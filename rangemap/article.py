"""From news text to what a map should show.

:func:`read_article` finds in a text

* the range claims (:func:`rangemap.claims.parse_claims`), each drawn as a
  ring or, when it allows a band of distances, as a shaded band;
* the catalogue weapons it names (:func:`rangemap.catalogue.find_weapons_in_text`),
  each drawn at every variant's published maximum range;
* the weapon each claim is about and what the text says happened to each
  weapon (authorised or used, requested, refused or not supplied), read by
  :mod:`rangemap.claims.links` and :mod:`rangemap.claims.statuses`;
* the regions (oblasts, krais, republics of Ukraine, Russia and Belarus) it
  names, which are highlighted, and the countries it names.

How names are read is said in :mod:`rangemap.named_places`.
Countries are highlighted only when the text names no region, so that a
text about Kursk does not paint all of Russia.

How claims are drawn: a claim tied to a catalogue weapon ("These missiles,
with a maximum range of several hundred kilometers" beside "ATACMS") is
drawn as that weapon's rings, its published ranges, with the claim's own
reading set beside them in the tooltips and a note ("“maximum range of
several hundred kilometers” (read 300–900 km) — ATACMS published maximum
300 km (M39A1 (Block IA))"); a free-standing band or ring is drawn only for
a claim tied to no catalogue weapon. A weapon the text says was refused or
not supplied, or only requested by a launch side that does not field it, is
shown for comparison only (:func:`comparison_reason`): a layer off by
default, never a reach beside the others.

Claims with the same reading (kind, band and weapon, e.g.
"300 km" said three times) are one :class:`ClaimGroup`, drawn once and
listing every place (character offsets) where the text states it. At most
:data:`MAX_ARTICLE_RINGS` rings or bands are drawn for a text: the claim
groups first, in order of first appearance, then the rings of the catalogue
weapons named, a weapon with all its variants or not at all. What is left
out is named in a warning (logging, on stderr from the command line), so a
text that repeats or lists hundreds of ranges still makes a small, readable
map.

Text files are read by :func:`rangemap._userfile.read_text_file`; what
was read and drawn is told in words by :mod:`rangemap.render.account`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rangemap.catalogue import Weapon, find_weapons_in_text, weapon_names
from rangemap.claims import (
    REFUSED,
    REQUESTED,
    ClaimLink,
    Mention,
    RangeClaim,
    WeaponStatus,
    link_details,
    parse_claims,
    weapon_statuses,
)
from rangemap.named_places import named_countries, named_regions
from rangemap.places import Place

if TYPE_CHECKING:
    pass

__all__ = [
    "MAX_ARTICLE_RINGS",
    "ArticleReading",
    "ClaimGroup",
    "claim_reading",
    "comparison_reason",
    "read_article",
    "tie_note",
]

#: Most rings and bands drawn for one text: distinct claim readings first,
#: then the catalogue weapons named (a weapon's variants count one each).
MAX_ARTICLE_RINGS = 12

log = logging.getLogger("rangemap")


@dataclass(frozen=True)
class ClaimGroup:
    """Claims of a text that read the same, drawn as one ring or band.

    Attributes
    ----------
    claim : RangeClaim
        The first claim with this reading; its phrase labels the ring.
    places : tuple of (int, int)
        ``(start, end)`` character offsets of every claim with this reading,
        in order of appearance (the first is ``claim``'s).
    """

    claim: RangeClaim
    places: tuple[tuple[int, int], ...]

    @property
    def count(self) -> int:
        """How many times the text states this reading."""
        return len(self.places)


_Key = tuple[str, float | None, float | None, float, str | None]


def _reading_key(claim: RangeClaim, weapon: str | None = None) -> _Key:
    return (claim.kind, claim.low_km, claim.high_km, claim.nominal_km, weapon)


def claim_reading(claim: RangeClaim) -> str:
    """Say what distances a claim is read as: ``"300–900 km"``, ``"300 km"``, ``"up to 300 km"``.

    Examples
    --------
    >>> from rangemap.claims import parse_claim
    >>> claim_reading(parse_claim("several hundred kilometers"))
    '300–900 km'
    """
    from rangemap.units import format_km

    low, high = claim.low_km, claim.high_km
    if low is not None and high is not None and low != high:
        return f"{format_km(low)[:-3]}–{format_km(high)}"
    if low is None:
        return f"up to {format_km(claim.nominal_km)}"
    if high is None:
        return f"at least {format_km(claim.nominal_km)}"
    return format_km(claim.nominal_km)


@dataclass(frozen=True)
class ArticleReading:
    """What a text says that a map can show.

    Attributes
    ----------
    claims : tuple of RangeClaim
        Range claims in order of appearance.
    weapons : tuple of Weapon
        Catalogue weapons named, in order of first mention, without repeats.
    regions : tuple of Place
        Regions named, in order of first mention.
    countries : tuple of Place
        Countries named (of the bundled theatre), in order of first mention.
    links : tuple of ClaimLink
        For each claim (same order), the weapon it is about and by which
        rule (:func:`rangemap.claims.links.link_details`).
    statuses : tuple of WeaponStatus
        What the text says happened to each weapon it names
        (:func:`rangemap.claims.statuses.weapon_statuses`).
    """

    claims: tuple[RangeClaim, ...]
    weapons: tuple[Weapon, ...]
    regions: tuple[Place, ...]
    countries: tuple[Place, ...]
    links: tuple[ClaimLink, ...] = ()
    statuses: tuple[WeaponStatus, ...] = ()

    @cached_property
    def _links_by_claim(self) -> dict[int, ClaimLink]:
        # Keyed by identity: the claims are held in ``claims`` (a text may hold many).
        return {id(link.claim): link for link in self.links}

    @cached_property
    def _weapons_by_id(self) -> dict[str, Weapon]:
        return {w.id: w for w in self.weapons}

    def weapon_of(self, claim: RangeClaim) -> Weapon | None:
        """Return the catalogue weapon a claim is tied to, or None."""
        link = self._links_by_claim.get(id(claim))
        if link is None or link.key is None or link.claim is not claim:
            return None
        return self._weapons_by_id.get(link.key)

    def link_of(self, claim: RangeClaim) -> ClaimLink | None:
        """Return how a claim was tied to its weapon, or None."""
        link = self._links_by_claim.get(id(claim))
        return link if link is not None and link.claim is claim else None

    def status_of(self, weapon: Weapon) -> WeaponStatus | None:
        """Return what the text says happened to a weapon, or None if it is not named."""
        return next((s for s in self.statuses if s.key == weapon.id), None)

    @cached_property
    def tied_groups(self) -> tuple[ClaimGroup, ...]:
        """The claim groups tied to a catalogue weapon: drawn as that weapon's rings."""
        return tuple(g for g in self.groups if self.weapon_of(g.claim) is not None)

    @cached_property
    def free_groups(self) -> tuple[ClaimGroup, ...]:
        """The claim groups tied to no catalogue weapon: drawn as their own ring or band."""
        return tuple(g for g in self.groups if self.weapon_of(g.claim) is None)

    @property
    def highlights(self) -> tuple[Place, ...]:
        """The areas to highlight: the regions named, else the countries named."""
        return self.regions if self.regions else self.countries

    @property
    def is_empty(self) -> bool:
        """True when the text gives nothing to draw: no claim and no weapon."""
        return not self.claims and not self.weapons

    @cached_property
    def groups(self) -> tuple[ClaimGroup, ...]:
        """The claims merged by reading, in order of first appearance."""
        places: dict[_Key, list[tuple[int, int]]] = {}
        first: dict[_Key, RangeClaim] = {}
        for claim in self.claims:
            weapon = self.weapon_of(claim)
            key = _reading_key(claim, None if weapon is None else weapon.id)
            if key not in first:
                first[key] = claim
                places[key] = []
            places[key].append((claim.start, claim.end))
        return tuple(ClaimGroup(first[k], tuple(places[k])) for k in first)

    @cached_property
    def drawn_groups(self) -> tuple[ClaimGroup, ...]:
        """The free claim groups drawn as a ring or band: the first :data:`MAX_ARTICLE_RINGS`.

        Groups tied to a catalogue weapon are drawn as the weapon's rings
        (:attr:`tied_groups`, :attr:`drawn_weapons`).
        """
        return self.free_groups[:MAX_ARTICLE_RINGS]

    @cached_property
    def drawn_weapons(self) -> tuple[Weapon, ...]:
        """The weapons drawn: those whose rings fit after the free claim groups.

        Weapons a claim is tied to come first, then the others in order of
        first mention, a weapon with all its rings or not at all; they are
        returned in order of first mention.
        """
        room = MAX_ARTICLE_RINGS - len(self.drawn_groups)
        tied = {w.id for g in self.tied_groups if (w := self.weapon_of(g.claim)) is not None}
        ordered = sorted(self.weapons, key=lambda w: w.id not in tied)
        drawn: set[str] = set()
        for weapon in ordered:
            rings = max(1, len({v.max_range_km for v in weapon.variants}))  # one per range
            if rings > room:
                break
            drawn.add(weapon.id)
            room -= rings
        return tuple(w for w in self.weapons if w.id in drawn)

    def warn_left_out(self) -> str | None:
        """Log, and return, a warning naming what is not drawn (None if all is).

        Returns
        -------
        str or None
            The warning, e.g. ``"the text states 40 different ranges and
            names 2 weapons; drawing 12 rings (MAX_ARTICLE_RINGS), leaving
            out 28 ranges and 2 weapons"``.
        """
        ranges = len(self.free_groups) - len(self.drawn_groups)
        weapons = len(self.weapons) - len(self.drawn_weapons)
        if not ranges and not weapons:
            return None
        left = []
        if ranges:
            left.append(f"{ranges} range reading(s)")
        if weapons:
            names = ", ".join(w.name for w in self.weapons[len(self.drawn_weapons) :][:5])
            left.append(f"{weapons} weapon(s) ({names}{', …' if weapons > 5 else ''})")
        message = (
            f"the text states {len(self.groups)} different range reading(s) and names "
            f"{len(self.weapons)} catalogue weapon(s); a map draws at most "
            f"{MAX_ARTICLE_RINGS} rings, so {' and '.join(left)} are left out"
        )
        log.warning("%s", message)
        return message


def read_article(text: str) -> ArticleReading:
    """Find the range claims, weapons, regions and countries a text names.

    Parameters
    ----------
    text : str
        News prose.

    Returns
    -------
    ArticleReading
        What the text gives to draw.
    """
    weapons: list[Weapon] = []
    mentions = []
    for weapon, start, end, matched in find_weapons_in_text(text):
        mentions.append(Mention(weapon.id, weapon.name, start, end, matched))
        if weapon not in weapons:
            weapons.append(weapon)
    links = link_details(text, parse_claims(text, weapon_names=weapon_names()), mentions)
    return ArticleReading(
        claims=tuple(link.claim for link in links),
        weapons=tuple(weapons),
        regions=tuple(named_regions(text)),
        countries=tuple(named_countries(text)),
        links=tuple(links),
        statuses=tuple(weapon_statuses(text, mentions)),
    )


def comparison_reason(reading: ArticleReading, weapon: Weapon, side: str | None) -> str | None:
    """Say why a weapon is shown for comparison only, or None when it is drawn as a reach.

    A weapon is shown for comparison only when the text says it was refused
    or not supplied, or when the text only says it was requested and the
    launch side does not field it (in the catalogue).

    Parameters
    ----------
    reading : ArticleReading
        What the text says.
    weapon : Weapon
        A weapon the text names.
    side : str or None
        The launch side (``"UA"``, ``"RU"``).

    Returns
    -------
    str or None
        E.g. ``"refused by Germany"`` or ``"requested by Ukraine, not supplied"``.
    """
    status = reading.status_of(weapon)
    if status is None:
        return None
    if status.status == REFUSED:
        return status.reasons()[0]
    if status.status == REQUESTED and (side is None or not weapon.operated_by(side)):
        return f"{status.reasons()[0]}, not supplied"
    return None


def _phrase(claim: RangeClaim) -> str:
    return "“" + " ".join(claim.phrase.split()) + "”"


def _published_max(weapon: Weapon) -> str:
    """``"300 km (M39A1 (Block IA))"``: the largest published range and its first variant."""
    from rangemap.units import format_km

    top = max(weapon.variants, key=lambda v: v.max_range_km)
    which = f" ({top.name})" if len(weapon.variants) > 1 else ""
    return f"{format_km(top.max_range_km)}{which}"


def tie_note(claim: RangeClaim, weapon: Weapon) -> str:
    """Set a claim tied to a catalogue weapon beside the weapon's published range.

    Returns
    -------
    str
        E.g. ``"“maximum range of several hundred kilometers” (read 300–900
        km) — ATACMS published maximum 300 km (M39A1 (Block IA))"``.
    """
    return (
        f"{_phrase(claim)} (read {claim_reading(claim)}) — "
        f"{weapon.name} published maximum {_published_max(weapon)}"
    )
