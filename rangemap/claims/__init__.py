"""Range claims, and the other lengths, in news text.

This package finds the statements of a length in prose ("a maximum range of
several hundred kilometers", "up to 300 km (186 miles)", "between 165 and 300
km", "Belgorod, which lies about 40 km behind the border") and turns each into
a :class:`RangeClaim`: the bounds ``low_km`` and ``high_km`` as stated (None
where the text leaves one open) with a ``nominal_km``, the kind of bound, the
*type* of length (a weapon's range, a distance between places, a movement, a
speed, an altitude, a size or an accuracy), the exact span of text it came
from, its sentence and the weapon it is most likely about. It is pure Python
(:mod:`re` and :mod:`dataclasses`); it reads no files and touches no network.

:func:`parse_statements` returns every length with its type;
:func:`parse_claims` only the weapon ranges (``type == "range"``), which is
what a map draws. :mod:`rangemap.checks` checks the distances.

Which weapon a claim is about, and what a text says happened to a weapon,
are read over the parser's output by :func:`link_claims` and
:func:`weapon_statuses`.

The package is laid out by concern; each module documents its part:

==================================  ==========================================
module                              what it reads or holds
==================================  ==========================================
:mod:`rangemap.claims.model`        :class:`RangeClaim`; kinds and the band
                                    drawn
:mod:`rangemap.claims.text`         normalisation, tokens, sentences
:mod:`rangemap.claims.lexicon`      the word tables; vague magnitudes
:mod:`rangemap.claims.numbers`      digits, scale words, number words
:mod:`rangemap.claims.grammar`      units, single figures, intervals, vague
                                    magnitudes
:mod:`rangemap.claims.phrase`       bound words, one value in two units,
                                    numbers without a unit
:mod:`rangemap.claims.statement`    kinds of statement: range, distance,
                                    movement, speed, altitude, size, accuracy
:mod:`rangemap.claims.reader`       one sentence, statement by statement
:mod:`rangemap.claims.parse`        the entry points; cost and known limits
:mod:`rangemap.claims.links`        which weapon a claim is about
:mod:`rangemap.claims.statuses`     what a text says happened to a weapon
==================================  ==========================================

Examples
--------
>>> claims = parse_claims("Its maximum range of several hundred kilometers worries Moscow.")
>>> [(c.kind, c.low_km, c.high_km, c.nominal_km) for c in claims]
[('vague', 300.0, 900.0, 500.0)]
>>> claims[0].phrase
'maximum range of several hundred kilometers'
>>> parse_claim("up to 300 km (186 miles)").interpretation()
'up to 300 km (186 miles) → 300 km (at most)'
>>> c = parse_claim("165–300 km")
>>> c.kind, c.low_km, c.high_km, c.nominal_km
('interval', 165.0, 300.0, 232.5)
>>> parse_claims("ATACMS can hit targets some 190 miles away.")[0].weapon
'ATACMS'
>>> parse_claims("There are around 50,000 soldiers and $300 million in aid.")
[]
"""

from __future__ import annotations

from rangemap.claims.lexicon import VAGUE_MAGNITUDES
from rangemap.claims.links import (
    DEFAULT_WEAPON_NAMES,
    ClaimLink,
    Mention,
    catalogue_mentions,
    link_claims,
    link_details,
)
from rangemap.claims.model import KINDS, TYPES, RangeClaim
from rangemap.claims.parse import MAX_CLAIMS, parse_claim, parse_claims, parse_statements
from rangemap.claims.statuses import (
    ACTORS,
    AUTHORISED,
    NEGATION_WINDOW,
    REFUSED,
    REQUESTED,
    STATUS_CUES,
    STATUSES,
    UNKNOWN,
    StatusCue,
    WeaponStatus,
    weapon_statuses,
)

__all__ = [
    "ACTORS",
    "AUTHORISED",
    "DEFAULT_WEAPON_NAMES",
    "KINDS",
    "MAX_CLAIMS",
    "NEGATION_WINDOW",
    "REFUSED",
    "REQUESTED",
    "STATUSES",
    "STATUS_CUES",
    "TYPES",
    "UNKNOWN",
    "VAGUE_MAGNITUDES",
    "ClaimLink",
    "Mention",
    "RangeClaim",
    "StatusCue",
    "WeaponStatus",
    "catalogue_mentions",
    "link_claims",
    "link_details",
    "parse_claim",
    "parse_claims",
    "parse_statements",
    "weapon_statuses",
]
