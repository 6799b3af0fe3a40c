"""Which weapon a range claim is about.

This module ties a claim to the weapon it is about, in two passes. The
parser's pass gives each statement the weapon named nearest it (*Weapons*,
below). :func:`link_claims` then works over the parser's output
(:func:`rangemap.claims.parse_claims`: claims with their offsets) and the
weapon mentions of a text (:class:`Mention`, by
default the catalogue's, :func:`catalogue_mentions`). It is pure Python
(:mod:`re`, :mod:`bisect`, :mod:`dataclasses`) and never imports folium,
numpy or shapely. Sentences are the parser's sentences.

Weapons
-------
A claim's weapon is the weapon name nearest before it in the same sentence,
else the first one after it in the same sentence, else the last one in the
previous sentence, else ``None``. Names come from ``weapon_names`` (a
catalogue passes its aliases) and a small built-in list
(:data:`DEFAULT_WEAPON_NAMES`), and are found by the catalogue's weapon-name
matcher (:func:`rangemap.catalogue.mentions.find_names_in_text`, the one
matcher), so the parser and the catalogue find a name the same way: spaces,
hyphens and underscores inside a name are optional ("Iskander M" matches
"Iskander-M" and "Storm_Shadow" matches "Storm Shadow"), a plural ``s`` may
follow ("Tomahawks"), and the names that are also ordinary words match only
as the catalogue capitalises them ("SCALP", not "scalp").

Claims tied to their weapon
---------------------------
:func:`link_claims` gives each range claim the weapon it is about, by the
first of these rules that applies:

1. *same sentence*: a weapon named in the claim's sentence, the nearest
   before the claim, else the first after it ("ATACMS can hit targets some
   190 miles away");
2. *its range*: "its range" or "their range" in the claim's sentence refers
   to the last weapon named before it anywhere in the text, else to the first
   weapon of the next sentence;
3. *anaphor*: the claim's sentence refers to a weapon without naming it:
   "these/those/the/such missiles" (or weapons, rockets, systems; singular
   too), "the weapon", "they", "them", "their use" (or its use, delivery,
   supply, transfer, deployment). It is the last weapon named in the previous
   sentence, or in the one before it (a short heading between them does not
   break the reference), else the first weapon named in the next sentence:
   "These missiles, with a maximum range of several hundred kilometers, ...
   The US-supplied ATACMS missiles ..." ties the range to ATACMS;
4. *previous sentence*: the last weapon named in the previous sentence (the
   parser's own rule, kept);
5. else the claim keeps the weapon the parser gave it (a name outside the
   catalogue), or none: a weapon named further away is not tied.


What the text says happened to a weapon is read by
:mod:`rangemap.claims.statuses`.

Examples
--------
>>> text = "These missiles reach several hundred kilometers. Kyiv fired ATACMS."
>>> from rangemap.claims import parse_claims
>>> [c.weapon for c in link_claims(text, parse_claims(text))]
['ATACMS']
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rangemap.catalogue.mentions import find_names_in_text, find_weapons_in_text
from rangemap.claims.model import RangeClaim
from rangemap.claims.text import _normalise, _sentence_spans

_NOUNS = r"(?:missiles?|weapons?|rockets?|systems?)"
# An anaphor: a weapon referred to without its name.
_ANAPHOR_RE = re.compile(
    rf"\b(?:(?:these|those|the|such|this|that)\s+{_NOUNS}|they|them|"
    r"(?:its|their)\s+(?:use|delivery|supply|transfer|deployment))\b",
    re.IGNORECASE,
)
_ITS_RANGE_RE = re.compile(r"\b(?:its|their)\s+(?:\w+\s+)?range\b", re.IGNORECASE)

# How far back an anaphor looks, in sentences (a heading may stand between).
_LOOK_BACK = 2

#: Weapon names recognised when no catalogue is passed (and in addition to one).
DEFAULT_WEAPON_NAMES: tuple[str, ...] = (
    "ATACMS", "MGM-140", "PrSM", "GMLRS", "HIMARS", "M270", "M142",
    "Storm Shadow", "SCALP-EG", "SCALP", "Taurus KEPD 350", "Taurus", "KEPD 350",
    "JASSM-ER", "JASSM",
    "Tomahawk", "Harpoon", "Brimstone", "Patriot",
    "Neptune", "R-360", "Hrim-2", "Grim-2", "Palianytsia", "Vilkha",
    "Iskander-M", "Iskander-K", "Iskander", "9M723", "9M728", "9M729",
    "Kinzhal", "Kh-47M2", "Kh-101", "Kh-555", "Kh-55", "Kh-59", "Kh-22", "Kh-32",
    "Kalibr", "3M-14", "Zircon", "Tsirkon", "Oreshnik", "Oniks", "P-800", "Bastion",
    "Tochka-U", "Tochka", "Smerch", "Tornado-S", "Scud",
    "S-300", "S-400", "S-500", "Shahed-136", "Shahed", "Geran-2",
    "KN-23", "KN-24", "KN-25", "Hwasong-11", "Hwasong",
    "Fateh-110", "Fateh-313", "Fateh-360", "Zolfaghar",
)  # fmt: skip


class Mention(NamedTuple):
    """A weapon named in a text.

    Attributes
    ----------
    key : str
        The weapon's identity (a catalogue id such as ``"atacms"``).
    name : str
        Its display name (``"ATACMS"``, ``"Taurus KEPD 350"``).
    start, end : int
        Offsets of the mention in the text.
    text : str
        The mention as written (``text[start:end]``).
    """

    key: str
    name: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ClaimLink:
    """A claim and the weapon it is about.

    Attributes
    ----------
    claim : RangeClaim
        The claim, its ``weapon`` set to the weapon as written where a weapon
        was tied.
    mention : Mention or None
        The weapon mention the claim is tied to, or None.
    how : str
        Which rule tied it: ``"same sentence"``, ``"its range"``,
        ``"anaphor: 'these missiles', next sentence"``, ``"previous
        sentence"``, ``"parser"`` (a name outside the mentions given) or
        ``"none"``.
    """

    claim: RangeClaim
    mention: Mention | None
    how: str

    @property
    def key(self) -> str | None:
        """The tied weapon's key (catalogue id), or None."""
        return None if self.mention is None else self.mention.key


def catalogue_mentions(text: str) -> list[Mention]:
    """Return the catalogue weapons a text names (:func:`rangemap.catalogue.find_weapons_in_text`).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of Mention
        In text order; ``key`` is the catalogue id, ``name`` the display name.
    """
    return [Mention(w.id, w.name, s, e, m) for w, s, e, m in find_weapons_in_text(text)]


class _Text:
    """A text's sentences and mentions, looked up by offset."""

    def __init__(self, text: str, mentions: Sequence[Mention]) -> None:
        self.text = text
        self.spans = _sentence_spans(_normalise(text)) or [(0, len(text))]
        self.starts = [s for s, _ in self.spans]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self._anaphors: dict[int, re.Match[str] | None] = {}
        self._its_range: dict[int, bool] = {}

    def anaphor(self, index: int) -> re.Match[str] | None:
        """Return the first anaphor of sentence ``index`` (each sentence is searched once)."""
        if index not in self._anaphors:
            self._anaphors[index] = _ANAPHOR_RE.search(self.sentence(index))
        return self._anaphors[index]

    def its_range(self, index: int) -> bool:
        """Return whether sentence ``index`` says "its range" (searched once)."""
        if index not in self._its_range:
            self._its_range[index] = _ITS_RANGE_RE.search(self.sentence(index)) is not None
        return self._its_range[index]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def in_sentence(self, index: int) -> list[Mention]:
        if not 0 <= index < len(self.spans):
            return []
        start, end = self.spans[index]
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return self.mentions[lo:hi]

    def sentence(self, index: int) -> str:
        start, end = self.spans[index]
        return self.text[start:end]

    def referent(self, index: int) -> tuple[Mention, str] | None:
        """Return the weapon an anaphor in sentence ``index`` refers to, and where it was found."""
        for back in range(1, _LOOK_BACK + 1):
            found = self.in_sentence(index - back)
            if found:
                return found[-1], "previous sentence" if back == 1 else f"{back} sentences before"
        found = self.in_sentence(index + 1)
        if found:
            return found[0], "next sentence"
        return None


def link_details(
    text: str, claims: Sequence[RangeClaim], mentions: Sequence[Mention] | None = None
) -> list[ClaimLink]:
    """Tie each claim to the weapon it is about (see the module notes).

    Parameters
    ----------
    text : str
        The text the claims were read from (their offsets refer to it).
    claims : sequence of RangeClaim
        Claims from :func:`rangemap.claims.parse_claims` on ``text``.
    mentions : sequence of Mention, optional
        The weapons named in the text; by default the catalogue's
        (:func:`catalogue_mentions`).

    Returns
    -------
    list of ClaimLink
        One per claim, in the same order.
    """
    if not claims:
        return []
    found = _Text(text, catalogue_mentions(text) if mentions is None else mentions)
    links = []
    for claim in claims:
        if claim.type != "range":  # a distance or a speed is no weapon's range
            links.append(ClaimLink(claim, None, "parser" if claim.weapon else "none"))
            continue
        mention, how = _tie(found, claim)
        if mention is None:
            links.append(ClaimLink(claim, None, "parser" if claim.weapon else "none"))
            continue
        links.append(ClaimLink(dataclasses.replace(claim, weapon=mention.text), mention, how))
    return links


def link_claims(
    text: str, claims: Sequence[RangeClaim], mentions: Sequence[Mention] | None = None
) -> list[RangeClaim]:
    """Return the claims with ``weapon`` set to the weapon each is about.

    Parameters
    ----------
    text, claims, mentions
        As for :func:`link_details`.

    Returns
    -------
    list of RangeClaim
        The claims, in order; a claim tied to no weapon is returned as it is.
    """
    return [link.claim for link in link_details(text, claims, mentions)]


def _tie(found: _Text, claim: RangeClaim) -> tuple[Mention | None, str]:
    index = found.sentence_of(claim.start)
    start, end = found.spans[index]
    lo = bisect.bisect_left(found.mention_starts, start)
    hi = bisect.bisect_left(found.mention_starts, end)
    if lo < hi:
        before = bisect.bisect_left(found.mention_starts, claim.start, lo, hi)
        return found.mentions[before - 1 if before > lo else lo], "same sentence"
    if found.its_range(index):
        if lo:
            return found.mentions[lo - 1], "its range"
        after = found.in_sentence(index + 1)
        if after:
            return after[0], "its range, next sentence"
    anaphor = found.anaphor(index)
    if anaphor is not None:
        referent = found.referent(index)
        if referent is not None:
            words = " ".join(anaphor.group().lower().split())
            return referent[0], f"anaphor: {words!r}, {referent[1]}"
    previous = found.in_sentence(index - 1)
    if previous:
        return previous[-1], "previous sentence"
    return None, "none"


def _weapon_spans(norm: str, weapon_names: Iterable[str] | None) -> list[tuple[int, int]]:
    """Return where weapons are named in normalised text: (start, end), in text order.

    ``weapon_names`` (one name or several) are looked for with
    :data:`DEFAULT_WEAPON_NAMES`, by the catalogue's weapon-name matcher
    (:func:`rangemap.catalogue.mentions.find_names_in_text`).
    """
    if isinstance(weapon_names, str):
        weapon_names = [weapon_names]
    names = {str(n) for n in weapon_names} if weapon_names is not None else set()
    names.update(DEFAULT_WEAPON_NAMES)
    return [(start, end) for _, start, end, _ in find_names_in_text(norm, names)]


def _attribute(
    start: int,
    end: int,
    weapons: list[tuple[int, int]],
    starts: list[int],
    previous: tuple[int, int] | None,
) -> tuple[int, int] | None:
    """Return the weapon a claim at ``start:end`` is about (``starts``: sorted weapon starts)."""
    before = bisect.bisect_left(starts, start)
    if before:
        return weapons[before - 1]
    after = bisect.bisect_left(starts, end)
    if after < len(weapons):
        return weapons[after]
    return previous
