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

How names are read: a region name with a region word ("Kursk oblast", "the
border region of Kursk") is that region. A bare name such as "Kursk" also
means the oblast, except after "city of" or "town of", before another
capitalised word (a person: "Vladimir Putin"), and for capitals and federal
cities (Moscow, Kyiv, Minsk), which news text uses for governments ("Moscow
has not yet reacted").
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

Text files are read as UTF-8 (a BOM is accepted) and must be non-empty text
of at most 5 MB.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
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
from rangemap.errors import DataFileError
from rangemap.places import Place, countries, regions

if TYPE_CHECKING:
    from rangemap.scene import Scene

__all__ = [
    "MAX_ARTICLE_RINGS",
    "MAX_TEXT_BYTES",
    "ArticleReading",
    "ClaimGroup",
    "account",
    "claim_reading",
    "comparison_reason",
    "describe_reading",
    "read_article",
    "read_text_file",
    "tie_note",
]

#: Largest text accepted, in bytes.
MAX_TEXT_BYTES = 5 * 1024 * 1024

#: Most rings and bands drawn for one text: distinct claim readings first,
#: then the catalogue weapons named (a weapon's variants count one each).
MAX_ARTICLE_RINGS = 12

#: Places listed per claim group in :func:`describe_reading`.
_SHOWN_PLACES = 5

log = logging.getLogger("rangemap")

_SKIPPED_REGION_TYPES = {"Federal City", "Municipality"}
_CITY_BEFORE = re.compile(r"(?:city|town|village)\s+of\s+$", re.IGNORECASE)
_REGION_SUFFIX = re.compile(r"\s+(?:oblast|region|province|krai|republic)\b", re.IGNORECASE)
_REGION_WORDS = ("oblast", "region", "province", "krai", "область", "обл.")
_REGION_OF = re.compile(r"(?:oblast|region|province|krai)\s+of\s+$")
# A capitalised word after a name makes it a person's name ("Vladimir Putin").
_NEXT_CAPITAL = re.compile(r"\s+[A-ZА-ЯІЇЄҐ]")
# Capitals stand for governments in news text ("Moscow has not reacted").
_CAPITALS = frozenset(
    {"moscow", "москва", "kyiv", "kiev", "київ", "киев", "minsk", "мінск", "минск"}
)


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
    from rangemap.scene import format_km

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


def read_text_file(source: str | Path) -> str:
    """Read a text file, or standard input for ``"-"``, with the checks users need.

    Parameters
    ----------
    source : str or path-like
        A file path, or ``"-"`` for standard input.

    Returns
    -------
    str
        The decoded text.

    Raises
    ------
    DataFileError
        If the file is missing, empty, larger than 5 MB, binary, or not UTF-8.
    """
    name = "standard input" if str(source) == "-" else repr(str(source))
    try:
        if str(source) == "-":
            raw = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        else:
            path = Path(source)
            if path.is_dir():
                raise DataFileError(f"{name} is a folder; give a text file (UTF-8) or - for stdin")
            with path.open("rb") as fh:
                raw = fh.read(MAX_TEXT_BYTES + 1)
    except FileNotFoundError:
        raise DataFileError(
            f"{name} does not exist; give a text file (UTF-8) or - for stdin"
        ) from None
    except OSError as exc:
        raise DataFileError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(raw) > MAX_TEXT_BYTES:
        raise DataFileError(f"{name} is larger than 5 MB; give a news text of at most 5 MB")
    if not raw.strip():
        raise DataFileError(f"{name} is empty; give a text that states a range or names a weapon")
    if b"\x00" in raw:
        raise DataFileError(f"{name} is a binary file, not text; give a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"{name} is not valid UTF-8 (byte {exc.start}); save the text as UTF-8"
        ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 100):
        raise DataFileError(f"{name} looks binary (control characters); give a UTF-8 text file")
    return text


@cache
def _region_names() -> tuple[tuple[Place, tuple[tuple[str, bool], ...]], ...]:
    """Each region with its lower-case names, and whether each may stand bare."""
    table = []
    for place in regions():
        if place.country not in ("UA", "RU", "BY"):
            continue
        if place.properties.get("type_en") in _SKIPPED_REGION_TYPES:
            continue
        props = place.properties
        names = {
            str(props[key]) for key in ("name_en", "name", "name_uk", "name_ru") if props.get(key)
        }
        names.add(place.name)
        names |= {_REGION_SUFFIX.split(n)[0] for n in names}
        lowered = {n.lower() for n in names if len(n) > 3}
        table.append((place, tuple((n, n not in _CAPITALS) for n in sorted(lowered, key=len))))
    return tuple(table)


def _word_at(low: str, start: int, end: int) -> bool:
    """Whether ``low[start:end]`` is a whole word (no letter or digit either side)."""
    return (start == 0 or not low[start - 1].isalnum()) and (
        end == len(low) or not low[end].isalnum()
    )


def _named_regions(text: str) -> list[Place]:
    # str.lower keeps offsets for the Latin and Cyrillic text this reads; where
    # it would not, fall back to lowering character by character.
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    found: list[tuple[int, Place]] = []
    for place, names in _region_names():
        explicit_at: int | None = None
        bare_at: int | None = None
        for name, bare_ok in names:
            start = low.find(name)
            while start != -1:
                end = start + len(name)
                if _word_at(low, start, end):
                    after = low[end : end + 12].lstrip()
                    before = low[max(0, start - 24) : start]
                    if after.startswith(_REGION_WORDS) or _REGION_OF.search(before):
                        explicit_at = start if explicit_at is None else min(explicit_at, start)
                    elif (
                        bare_ok
                        and not _CITY_BEFORE.search(before)
                        and not _NEXT_CAPITAL.match(text, end)
                    ):
                        bare_at = start if bare_at is None else min(bare_at, start)
                start = low.find(name, start + 1)
        at = explicit_at if explicit_at is not None else bare_at
        if at is not None:
            found.append((at, place))
    return _unique_in_order(found)


def _named_countries(text: str) -> list[Place]:
    found: list[tuple[int, Place]] = []
    for place in countries():
        names = {place.name, str(place.properties.get("name_en") or "")}
        names.discard("")
        names = {n for n in names if n in text}  # a plain scan first: most names are absent
        if not names:
            continue
        alternation = "|".join(re.escape(n) for n in sorted(names))
        match = re.search(rf"(?<!\w)(?:{alternation})(?!\w)", text)
        if match:
            found.append((match.start(), place))
    return _unique_in_order(found)


def _unique_in_order(found: list[tuple[int, Place]]) -> list[Place]:
    seen: set[str | None] = set()
    ordered = []
    for _, place in sorted(found, key=lambda item: item[0]):
        if place.code not in seen:
            seen.add(place.code)
            ordered.append(place)
    return ordered


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
        regions=tuple(_named_regions(text)),
        countries=tuple(_named_countries(text)),
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
    from rangemap.scene import format_km

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
    from rangemap.scene import format_km

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
    from rangemap.scene import format_km

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
        bases = [s for s in coverage.sites if s.target and s.in_reach and "air" in s.kind.lower()]
        if bases:
            names = ", ".join(
                s.display_name + (f" ({s.role})" if s.role else "") for s in bases[:8]
            )
            more = f" and {len(bases) - 8} more" if len(bases) > 8 else ""
            sentences.append(f"Within {outer}: {len(bases)} {whose} airbase(s): {names}{more}.")
        else:
            sentences.append(f"Within {outer}: no {whose} airbase.")
    return " ".join(sentences)
