"""The regions and countries a news text names.

How names are read: a region name with a region word ("Kursk oblast", "the
border region of Kursk") is that region. A bare name such as "Kursk" also
means the oblast, except after "city of" or "town of", before another
capitalised word (a person: "Vladimir Putin"), and for capitals and federal
cities (Moscow, Kyiv, Minsk), which news text uses for governments ("Moscow
has not yet reacted"). A country is named by its name or its English name,
as a whole word.

>>> [p.code for p in named_regions("Strikes in the Kursk region and on Belgorod.")]
['RU-KRS', 'RU-BEL']
"""

from __future__ import annotations

import re
from functools import cache

from rangemap.places import Place, countries, regions

__all__ = ["named_countries", "named_regions"]

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


def named_regions(text: str) -> list[Place]:
    """Return the regions a text names, in order of first mention (see the module notes).

    Parameters
    ----------
    text : str
        News prose.

    Returns
    -------
    list of Place
        Each region once.
    """
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


def named_countries(text: str) -> list[Place]:
    """Return the countries a text names as whole words, in order of first mention.

    Parameters
    ----------
    text : str
        News prose.

    Returns
    -------
    list of Place
        Each country once.
    """
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
