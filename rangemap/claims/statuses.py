"""What a text says happened to a weapon: authorised or used, requested, refused.

This module reads what a news text says was decided about each weapon it
names or refers to, over the weapon mentions of a text (:class:`Mention`,
by default the catalogue's, :func:`catalogue_mentions`, both of
:mod:`rangemap.claims.links`). It is pure Python (:mod:`re`, :mod:`bisect`,
:mod:`dataclasses`) and never imports folium, numpy or shapely. Sentences
are the parser's sentences.

What the text says happened to a weapon
---------------------------------------
:func:`weapon_statuses` gives, for each weapon the text names, one of
:data:`STATUSES`: ``"authorised or used"``, ``"requested"``, ``"refused or not
supplied"`` or ``"unknown"``. Cue words (:data:`STATUS_CUES`, matched as
word stems, any case) are looked for in every sentence that names a weapon or
refers to one (an anaphor as in rule 3 above); each cue counts for the
weapon mentioned nearest to it in its sentence, so "Germany refuses Taurus
while the US supplied ATACMS" gives each weapon its own status.

========================  ==================================================
status                    cue words
========================  ==================================================
authorised or used        authorise/authorize, approve, allow, permit, green
                          light, use, fire, launch, strike/struck, hit,
                          deliver/
                          delivery, supply, provide, send/sent, transfer,
                          receive
requested                 request, ask(ed) for, seek/sought, call(ed) for
refused or not supplied   refuse/refusal, reject, rule(d) out, decline,
                          block, veto, withhold
========================  ==================================================

Negation: an "authorised or used" cue with a negation or a refusal cue up to
:data:`NEGATION_WINDOW` words before it, in its clause, ("has not supplied", "will not
supply", "never delivered", "refuses to provide", "ruled out sending") counts
as "refused or not supplied"; a negated request or refusal ("did not
request") counts for nothing.

A weapon's status is the last decision the text states (the last
"authorised or used" or "refused or not supplied" cue, in text order),
else "requested" when only a request is stated, else "unknown"; every cue
found is kept (:attr:`WeaponStatus.cues`), so "refused by Germany, requested
by Ukraine" can be said together. Who decided is the actor named after
"by" just after the cue ("requested by Kyiv"), else the first actor named in
the sentence before the cue, its subject in most news sentences ("German
Chancellor Olaf Scholz ... refuses"); actors are the governments of
:data:`ACTORS` by country, demonym, capital or leader.

Known limits: cues are read per sentence, without parsing clauses; a
hypothetical ("would allow") counts as stated; a status said of "long-range
missiles" in general, without a weapon named or referred to, is not
attributed.

Examples
--------
>>> [s.describe() for s in weapon_statuses("Berlin ruled out sending Taurus missiles.")]
['Taurus KEPD 350: refused or not supplied (refused by Germany)']
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rangemap.claims.links import _ANAPHOR_RE, Mention, _Text, catalogue_mentions

AUTHORISED = "authorised or used"
REQUESTED = "requested"
REFUSED = "refused or not supplied"
UNKNOWN = "unknown"

#: What a text can say happened to a weapon.
STATUSES = (AUTHORISED, REQUESTED, REFUSED, UNKNOWN)

# What was done, as a reason says it ("refused by Germany").
_VERBS = {AUTHORISED: "authorised or used", REQUESTED: "requested", REFUSED: "refused"}

#: Cue words, as regular expressions over lower-case words: (status, pattern).
STATUS_CUES: tuple[tuple[str, str], ...] = (
    (AUTHORISED, r"authori[sz](?:e|es|ed|ing|ation)"),
    (AUTHORISED, r"approv(?:e|es|ed|ing|al)"),
    (AUTHORISED, r"allow(?:s|ed|ing)?"),
    (AUTHORISED, r"permit(?:s|ted|ting)?"),
    (AUTHORISED, r"green[- ]light(?:s|ed)?"),
    (AUTHORISED, r"us(?:e|es|ed|ing)"),
    (AUTHORISED, r"fir(?:e|es|ed|ing)"),
    (AUTHORISED, r"launch(?:es|ed|ing)?"),
    (AUTHORISED, r"str(?:ike|ikes|iking|uck)"),
    (AUTHORISED, r"hit(?:s|ting)?"),
    (AUTHORISED, r"deliver(?:s|ed|ing|y|ies)?"),
    (AUTHORISED, r"suppl(?:y|ies|ied|ying)"),
    (AUTHORISED, r"provid(?:e|es|ed|ing)"),
    (AUTHORISED, r"(?:send|sends|sending|sent)"),
    (AUTHORISED, r"transfer(?:s|red|ring)?"),
    (AUTHORISED, r"receiv(?:e|es|ed|ing)"),
    (REQUESTED, r"request(?:s|ed|ing)?"),
    (REQUESTED, r"ask(?:s|ed|ing)?\s+for"),
    (REQUESTED, r"(?:seek|seeks|seeking|sought)"),
    (REQUESTED, r"call(?:s|ed|ing)?\s+for"),
    (REFUSED, r"refus(?:e|es|ed|ing|al)"),
    (REFUSED, r"reject(?:s|ed|ing|ion)?"),
    (REFUSED, r"rul(?:e|es|ed|ing)\s+out"),
    (REFUSED, r"declin(?:e|es|ed|ing)"),
    (REFUSED, r"block(?:s|ed|ing)?"),
    (REFUSED, r"veto(?:es|ed|ing)?"),
    (REFUSED, r"withh(?:old|olds|olding|eld)"),
)

#: Words before an "authorised or used" cue within which a negation flips it.
NEGATION_WINDOW = 4

#: Governments that decide about weapons: (pattern, name). Patterns are
#: matched ignoring case, except the upper-case codes in the last row.
ACTORS: tuple[tuple[str, str], ...] = (
    (r"german(?:y|s)?|berlin|scholz", "Germany"),
    (
        r"united states|american?s?|washington|biden|pentagon|white house|trump",
        "the United States",
    ),
    (r"ukrain(?:e|ian|ians)|kyiv|kiev|zelensk(?:y|yy|iy)", "Ukraine"),
    (r"britain|british|united kingdom|london", "the United Kingdom"),
    (r"france|french|paris|macron", "France"),
    (r"russian?s?|moscow|kremlin|putin", "Russia"),
)
_CODE_ACTORS = {"US": "the United States", "U.S.": "the United States", "USA": "the United States"}
_CODE_ACTORS |= {"UK": "the United Kingdom"}

_CUE_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(STATUS_CUES)) + r")\b",
    re.IGNORECASE,
)
_NEGATION_RE = re.compile(
    r"\b(?:not|never|no|without|cannot|unwilling|reluctant)\b|n't\b|"
    r"\brefus\w*|\breject\w*|\bdeclin\w*|\brul\w*\s+out\b",
    re.IGNORECASE,
)
_ACTOR_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(ACTORS)) + r")(?![\w])",
    re.IGNORECASE,
)
_CODE_ACTOR_RE = re.compile(r"(?<![\w.])(U\.S\.|USA|US|UK)(?![\w])")
_CLAUSE_BREAK_RE = re.compile(r"[,;:()]|\b(?:while|whereas|but|although|though)\b", re.I)
_BY_RE = re.compile(r"\s+by\s+(?:the\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class StatusCue:
    """One cue word that says what happened to a weapon.

    Attributes
    ----------
    status : str
        One of :data:`STATUSES` (never ``"unknown"``).
    cue : str
        The cue as written, e.g. ``"refuses"``, ``"not supplied"``.
    actor : str or None
        Who decided or asked (``"Germany"``), when the sentence names one.
    start, end : int
        Offsets of the cue word in the text.
    """

    status: str
    cue: str
    actor: str | None
    start: int
    end: int

    def describe(self) -> str:
        """``"refused by Germany"``, ``"requested by Ukraine"``, ``"authorised or used"``."""
        return _VERBS[self.status] + (f" by {self.actor}" if self.actor else "")


@dataclass(frozen=True)
class WeaponStatus:
    """What a text says happened to one weapon.

    Attributes
    ----------
    key : str
        The weapon's key (catalogue id).
    name : str
        Its display name.
    status : str
        One of :data:`STATUSES`: the last decision stated, else
        ``"requested"``, else ``"unknown"``.
    cues : tuple of StatusCue
        Every cue found for the weapon, in text order.
    """

    key: str
    name: str
    status: str
    cues: tuple[StatusCue, ...] = ()

    @property
    def statuses(self) -> tuple[str, ...]:
        """Every status the text states for the weapon, in order of first statement."""
        return tuple(dict.fromkeys(c.status for c in self.cues)) or (UNKNOWN,)

    def actors(self, status: str) -> tuple[str, ...]:
        """Who the text says did ``status`` (e.g. refused), in order, without repeats."""
        return tuple(dict.fromkeys(c.actor for c in self.cues if c.status == status and c.actor))

    def reasons(self) -> list[str]:
        """Short phrases, the status first: ``["refused by Germany", "requested by Ukraine"]``."""
        order = [self.status, *(s for s in self.statuses if s != self.status)]
        out = []
        for status in order:
            if status == UNKNOWN:
                continue
            who = self.actors(status)
            out.append(_VERBS[status] + (f" by {' and '.join(who)}" if who else ""))
        return out

    def describe(self) -> str:
        """One line: ``"Taurus KEPD 350: refused or not supplied (refused by Germany; ...)"``."""
        reasons = [r for r in self.reasons() if r not in _VERBS.values()]
        return f"{self.name}: {self.status}" + (f" ({'; '.join(reasons)})" if reasons else "")

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary: weapon, name, status, statuses and cues."""
        # Not dataclasses.asdict of the whole record: the JSON names the key
        # "weapon" and adds the derived "statuses"; each cue is asdict's.
        return {
            "weapon": self.key,
            "name": self.name,
            "status": self.status,
            "statuses": list(self.statuses),
            "cues": [dataclasses.asdict(c) for c in self.cues],
        }


def weapon_statuses(text: str, mentions: Sequence[Mention] | None = None) -> list[WeaponStatus]:
    """Say what the text states happened to each weapon it names (see the module notes).

    Parameters
    ----------
    text : str
        News prose.
    mentions : sequence of Mention, optional
        The weapons named in the text; by default the catalogue's.

    Returns
    -------
    list of WeaponStatus
        One per weapon named, in order of first mention.

    Examples
    --------
    >>> [s.status for s in weapon_statuses("Washington approved the delivery of ATACMS.")]
    ['authorised or used']
    >>> weapon_statuses("Kyiv has asked for Taurus.")[0].reasons()
    ['requested by Ukraine']
    """
    found = _Text(text, catalogue_mentions(text) if mentions is None else mentions)
    names: dict[str, str] = {}
    for mention in found.mentions:
        names.setdefault(mention.key, mention.name)
    cues: dict[str, list[StatusCue]] = {key: [] for key in names}
    for index, (start, end) in enumerate(found.spans):
        points = _points(found, index, start)
        if not points:
            continue
        sentence = text[start:end]
        parts = _Parts(sentence)
        middles = [(a + b) / 2 for _, a, b in points]
        for match in _CUE_RE.finditer(sentence):
            cue = _cue(match, parts, start)
            if cue is None:
                continue
            # The weapon mentioned nearest to the cue (points are in text order).
            middle = (cue.start + cue.end) / 2
            at = bisect.bisect_left(middles, middle)
            near = [i for i in (at - 1, at) if 0 <= i < len(points)]
            nearest = min(near, key=lambda i: abs(middles[i] - middle))
            cues[points[nearest][0]].append(cue)
    return [WeaponStatus(key, names[key], _status(cues[key]), tuple(cues[key])) for key in names]


def _points(found: _Text, index: int, offset: int) -> list[tuple[str, int, int]]:
    """Where a sentence names or refers to a weapon: ``(key, start, end)`` in the text."""
    named = found.in_sentence(index)
    if named:
        return [(m.key, m.start, m.end) for m in named]
    referent = found.referent(index) if found.anaphor(index) is not None else None
    if referent is None:
        return []
    return [
        (referent[0].key, offset + a.start(), offset + a.end())
        for a in _ANAPHOR_RE.finditer(found.sentence(index))
    ]


# How far before a cue its negation is looked for, in characters (bounds the
# work per cue; NEGATION_WINDOW words fit well within it).
_WINDOW_CHARS = 80


class _Parts:
    """A sentence's actors and clause breaks, found once and looked up by position."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        found = [m for p in (_ACTOR_RE, _CODE_ACTOR_RE) for m in p.finditer(sentence)]
        self.actors = sorted(found, key=lambda m: m.start())
        self.actor_starts = [m.start() for m in self.actors]
        self.breaks = [m.end() for m in _CLAUSE_BREAK_RE.finditer(sentence)]

    def clause_start(self, at: int) -> int:
        """Return where the clause holding position ``at`` starts."""
        i = bisect.bisect_right(self.breaks, at) - 1
        return self.breaks[i] if i >= 0 else 0


def _cue(match: re.Match[str], parts: _Parts, offset: int) -> StatusCue | None:
    sentence = parts.sentence
    group = match.lastgroup
    assert group is not None
    status = STATUS_CUES[int(group[1:])][0]
    start = match.start()
    # The window: the last NEGATION_WINDOW words before the cue, within its
    # clause ("not supply Taurus, while the US supplied" does not negate).
    lead = max(0, start - _WINDOW_CHARS)
    words = list(re.finditer(r"\S+", sentence[lead:start]))[-NEGATION_WINDOW:]
    window = max(lead + words[0].start() if words else start, parts.clause_start(start))
    negation = _NEGATION_RE.search(sentence, window, start)
    if negation is not None:
        if status != AUTHORISED:
            return None
        status, start = REFUSED, negation.start()
    return StatusCue(
        status=status,
        cue=" ".join(sentence[start : match.end()].split()),
        actor=_actor(parts, match),
        start=offset + start,
        end=offset + match.end(),
    )


def _actor(parts: _Parts, cue: re.Match[str]) -> str | None:
    """Who the cue is about: ``by X`` just after it, else the actor of its clause.

    The actor of its clause is the last actor named between the cue and the
    comma, semicolon or conjunction before it ("while the US supplied"), else
    the first actor of the sentence, its subject ("German Chancellor Olaf
    Scholz, whose country ..., refuses").
    """
    sentence = parts.sentence
    by = _BY_RE.match(sentence, cue.end())
    if by is not None:
        i = bisect.bisect_left(parts.actor_starts, by.end())
        if i < len(parts.actors) and parts.actor_starts[i] == by.end():
            return _actor_name(parts.actors[i])
    before = bisect.bisect_left(parts.actor_starts, cue.start())
    if not before:
        return None
    last = parts.actors[before - 1]
    if last.start() >= parts.clause_start(cue.start()) and last.end() <= cue.start():
        return _actor_name(last)
    return _actor_name(parts.actors[0])


def _actor_name(match: re.Match[str]) -> str:
    group = match.lastgroup
    if group is not None and group.startswith("a"):
        return ACTORS[int(group[1:])][1]
    return _CODE_ACTORS[match.group()]


def _status(cues: Sequence[StatusCue]) -> str:
    """Return the last decision stated, else a request, else unknown."""
    decisions = [c.status for c in cues if c.status in (AUTHORISED, REFUSED)]
    if decisions:
        return decisions[-1]
    if any(c.status == REQUESTED for c in cues):
        return REQUESTED
    return UNKNOWN
