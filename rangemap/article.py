"""From news text to what a map should show.

:func:`read_article` finds in a text

* the range claims (:func:`rangemap.claims.parse_claims`), each drawn as a
  ring or, when it allows a band of distances, as a shaded band;
* the catalogue weapons it names (:func:`rangemap.weapons.find_weapons_in_text`),
  each drawn at every variant's published maximum range;
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

How claims are drawn: claims with the same reading (kind and band, e.g.
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

from rangemap.claims import RangeClaim, parse_claims
from rangemap.errors import DataFileError
from rangemap.places import Place, countries, regions
from rangemap.weapons import Weapon, find_weapons_in_text, weapon_names

__all__ = [
    "MAX_ARTICLE_RINGS",
    "MAX_TEXT_BYTES",
    "ArticleReading",
    "ClaimGroup",
    "describe_reading",
    "read_article",
    "read_text_file",
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


def _reading_key(claim: RangeClaim) -> tuple[str, float | None, float | None, float]:
    return (claim.kind, claim.low_km, claim.high_km, claim.nominal_km)


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
    """

    claims: tuple[RangeClaim, ...]
    weapons: tuple[Weapon, ...]
    regions: tuple[Place, ...]
    countries: tuple[Place, ...]

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
        places: dict[tuple[str, float | None, float | None, float], list[tuple[int, int]]] = {}
        first: dict[tuple[str, float | None, float | None, float], RangeClaim] = {}
        for claim in self.claims:
            key = _reading_key(claim)
            if key not in first:
                first[key] = claim
                places[key] = []
            places[key].append((claim.start, claim.end))
        return tuple(ClaimGroup(first[k], tuple(places[k])) for k in first)

    @cached_property
    def drawn_groups(self) -> tuple[ClaimGroup, ...]:
        """The claim groups drawn: the first :data:`MAX_ARTICLE_RINGS`."""
        return self.groups[:MAX_ARTICLE_RINGS]

    @cached_property
    def drawn_weapons(self) -> tuple[Weapon, ...]:
        """The weapons drawn: those whose rings fit after the claim groups."""
        room = MAX_ARTICLE_RINGS - len(self.drawn_groups)
        drawn: list[Weapon] = []
        for weapon in self.weapons:
            rings = max(1, len({v.max_range_km for v in weapon.variants}))  # one per range
            if rings > room:
                break
            drawn.append(weapon)
            room -= rings
        return tuple(drawn)

    def warn_left_out(self) -> str | None:
        """Log, and return, a warning naming what is not drawn (None if all is).

        Returns
        -------
        str or None
            The warning, e.g. ``"the text states 40 different ranges and
            names 2 weapons; drawing 12 rings (MAX_ARTICLE_RINGS), leaving
            out 28 ranges and 2 weapons"``.
        """
        ranges = len(self.groups) - len(self.drawn_groups)
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
        alternation = "|".join(re.escape(n) for n in names)
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
    claims = parse_claims(text, weapon_names=weapon_names())
    weapons: list[Weapon] = []
    for weapon, _start, _end, _matched in find_weapons_in_text(text):
        if weapon not in weapons:
            weapons.append(weapon)
    return ArticleReading(
        claims=tuple(claims),
        weapons=tuple(weapons),
        regions=tuple(_named_regions(text)),
        countries=tuple(_named_countries(text)),
    )


def describe_reading(reading: ArticleReading) -> list[str]:
    """Say in short lines what was found in a text and how each claim is read.

    Parameters
    ----------
    reading : ArticleReading
        The result of :func:`read_article`.

    Returns
    -------
    list of str
        One line per claim reading drawn (with where the text states it),
        weapon and highlighted area, after a count line.
    """
    distinct = len(reading.groups)
    readings = f" ({distinct} different reading(s))" if distinct != len(reading.claims) else ""
    lines = [
        f"found {len(reading.claims)} range claim(s){readings}, "
        f"{len(reading.weapons)} catalogue weapon(s), "
        f"{len(reading.regions)} region(s), {len(reading.countries)} country name(s)"
    ]
    for group in reading.drawn_groups:
        claim = group.claim
        about = f" [about {claim.weapon}]" if claim.weapon else ""
        shape = "band" if claim.is_band else "ring"
        where = ""
        if group.count > 1:
            shown = ", ".join(f"{a}–{b}" for a, b in group.places[:_SHOWN_PLACES])
            more = ", …" if group.count > _SHOWN_PLACES else ""
            where = f"; stated {group.count} times, at characters {shown}{more}"
        lines.append(f"  claim: {claim.interpretation()} — drawn as a {shape}{about}{where}")
    if distinct > len(reading.drawn_groups):
        lines.append(
            f"  not drawn: {distinct - len(reading.drawn_groups)} more range reading(s) "
            f"(at most {MAX_ARTICLE_RINGS} rings)"
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
        lines.append(f"  weapon: {weapon.name} — {ranges}")
    if len(reading.weapons) > len(reading.drawn_weapons):
        lines.append(
            f"  not drawn: {len(reading.weapons) - len(reading.drawn_weapons)} more weapon(s) "
            f"(at most {MAX_ARTICLE_RINGS} rings)"
        )
    for place in reading.highlights:
        lines.append(f"  highlight: {place.name}" + (f" ({place.code})" if place.code else ""))
    return lines
