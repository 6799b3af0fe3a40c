"""Statements of a length: :class:`RangeClaim`, its kinds and its types.

A :class:`RangeClaim` is one statement of a length read from text (see
:func:`rangemap.claims.parse_statements`): its bounds as stated, the figure
to draw, the kind of bound (:data:`KINDS`, below), the type of length
(:data:`TYPES`, see *Kinds of statement* in :mod:`rangemap.claims.statement`)
and where in the text it was written.

Kinds and the band drawn
------------------------
``X`` is the stated figure. ``nominal_km`` is the stated figure, the
midpoint of an interval, or the table's nominal for a vague magnitude (the
table of :mod:`rangemap.claims.lexicon`).

============  ====================================  =============  ==========
kind          written as                            low - high     nominal
============  ====================================  =============  ==========
exact         ``300 km``                            X - X          X
at most       ``up to``, ``maximum range of``,      None - X       X
              ``as far as``, ``less than``,
              ``under``, ``within``, ``or less``,
              ``no more than``
at least      ``more than``, ``over``, ``beyond``,  X - None       X
              ``at least``, ``300+ km``,
              ``or more``, ``and more``,
              ``minimum range of``
approximate   ``about``, ``around``, ``roughly``,   0.9 X - 1.1 X  X
              ``some``, ``approximately``, ``~``,
              ``or so``
approximate   ``nearly``, ``almost``,               0.9 X - X      X
              ``just under``
approximate   ``just over``, ``300-odd km``,        X - 1.1 X      X
              ``slightly more than``
interval      ``165-300 km``, ``between ... and``,  A - B          (A + B) / 2
              ``165 to 300 km``, ``500~1,000km``,
              ``above A km (and up to B km)``
vague         ``several hundred km`` etc.           lexicon table  lexicon table
============  ====================================  =============  ==========

Why these choices:

* Bounds are kept as stated: "up to 300 km" states an upper bound only, so
  ``low_km`` is None; "more than 300 km" states a lower bound only, so
  ``high_km`` is None (no upper figure is invented). Drawing is the
  renderer's job: :func:`rangemap.spec.claim_spec` draws an open bound as one
  ring at the stated figure, labelled "up to 300 km" or "at least 300 km".
* "A minimum range of about 500 km" is a lower bound: "minimum range"
  decides even with "about" nearer the number.
* A lower bound followed by an upper one, "ranges above 300 km (and up to
  1,000 km)", is one interval, 300-1,000 km.
* "About", "around" and their kin are read as +/-10 %, the precision a
  round figure in a news report usually carries; "nearly" and "just over"
  keep only the side they state.
* Bound words in front of a vague magnitude or an interval are kept in the
  phrase but do not change the band: the vagueness dominates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from rangemap._records import record_dict
from rangemap.errors import InputError
from rangemap.units import KM_PER_UNIT

#: The kinds of claim, in the order of :class:`RangeClaim` documentation.
KINDS: tuple[str, ...] = ("exact", "approximate", "at most", "at least", "interval", "vague")

#: What a length stated in text is (see *Kinds of statement* in
#: :mod:`rangemap.claims.statement`); only ``"range"`` statements are range
#: claims (:func:`rangemap.claims.parse_claims`).
TYPES: tuple[str, ...] = ("range", "distance", "movement", "speed", "altitude", "size", "accuracy")

# The JSON keys of a claim (``rangemap parse --json``), in their printed order;
# a distance adds ``place`` and ``reference``. ``sentence`` is left out: the
# offsets give it.
_JSON_KEYS = (
    "type",
    "low_km",
    "high_km",
    "nominal_km",
    "kind",
    "phrase",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "unit",
    "weapon",
    "note",
)


@dataclass(frozen=True)
class RangeClaim:
    """One statement of a length found in text: a weapon range or another kind.

    Parameters
    ----------
    low_km, high_km : float or None
        The bounds the statement gives, in kilometres, as stated: equal for
        a single figure; ``low_km`` is None for an upper bound only ("up to
        300 km"), ``high_km`` is None for a lower bound only ("more than 300
        km"). For a speed, the distance per the stated time unit.
    nominal_km : float
        The figure to draw when one is needed, in kilometres: the stated
        figure, the midpoint of an interval or the table's nominal for a vague
        magnitude; within the bounds that are given.
    kind : str
        One of :data:`KINDS`: ``"exact"``, ``"approximate"``, ``"at most"``,
        ``"at least"``, ``"interval"`` or ``"vague"``.
    phrase : str
        The words of the claim exactly as written: ``text[start:end]``.
    start, end : int
        Character offsets of ``phrase`` in the text.
    sentence : str
        The sentence containing the claim, stripped. Claims of one sentence
        share one string object, so many claims in a long sentence cost no
        copies.
    unit : str
        Canonical symbol of the unit written first: ``"km"``, ``"mi"``,
        ``"nmi"`` or ``"m"`` (for a number written without a unit, the unit
        it was read in; see ``note``).
    weapon : str or None
        The weapon the claim is about, as written in the text, when one is
        named in the same or the previous sentence.
    sentence_start, sentence_end : int
        Character offsets of ``sentence`` in the text
        (``text[sentence_start:sentence_end] == sentence``); ``-1`` when the
        claim was not read from a text.
    type : str
        What the length is, one of :data:`TYPES`: ``"range"`` (a weapon's
        range), ``"distance"``, ``"movement"``, ``"speed"``, ``"altitude"``,
        ``"size"`` or ``"accuracy"``; see *Kinds of statement* in
        :mod:`rangemap.claims.statement`.
    note : str or None
        How the reading went beyond the words, e.g. a unit taken from a range
        stated nearby, or that a size is an area.
    place, reference : str or None
        For a distance: the place it is measured from and the place, border
        or line it is measured to, as written ("Belgorod", "the border"),
        when the sentence names them.

    Raises
    ------
    InputError
        If the figures are not finite, negative, out of order, a bound is
        missing where the kind needs it, or the kind, type or unit is unknown.
    """

    low_km: float | None
    high_km: float | None
    nominal_km: float
    kind: str
    phrase: str
    start: int
    end: int
    sentence: str
    unit: str
    weapon: str | None = None
    sentence_start: int = -1
    sentence_end: int = -1
    type: str = "range"
    note: str | None = None
    place: str | None = None
    reference: str | None = None

    def __post_init__(self) -> None:
        low, high, nominal = self.low_km, self.high_km, self.nominal_km
        values = (low, nominal, high)
        # NaN fails every comparison; with every figure >= 0 and finite all are.
        for value in (nominal, low, high):
            if value is not None and not (value >= 0 and math.isfinite(value)):
                raise InputError(f"range claim figures must be finite and not negative: {values}")
        if (low is not None and nominal < low) or (high is not None and nominal > high):
            raise InputError(f"range claim needs low <= nominal <= high, got {values}")
        if (low is None and self.kind != "at most") or (high is None and self.kind != "at least"):
            raise InputError(
                f"only an 'at most' claim may lack a low bound and only an 'at least' "
                f"claim a high bound; got {self.kind!r} with {values}"
            )
        if self.kind not in KINDS:
            raise InputError(f"kind must be one of {', '.join(KINDS)}; got {self.kind!r}")
        if self.type not in TYPES:
            raise InputError(f"type must be one of {', '.join(TYPES)}; got {self.type!r}")
        if self.unit not in KM_PER_UNIT:
            raise InputError(f"unit must be one of {', '.join(KM_PER_UNIT)}; got {self.unit!r}")

    @property
    def is_band(self) -> bool:
        """Whether the claim states both bounds and they differ (a band to shade)."""
        return self.low_km is not None and self.high_km is not None and self.low_km != self.high_km

    @property
    def is_open(self) -> bool:
        """Whether one bound is left open ("up to 300 km", "more than 300 km")."""
        return self.low_km is None or self.high_km is None

    def interpretation(self) -> str:
        """Say in one line how the claim is read.

        Returns
        -------
        str
            The phrase, an arrow and the kilometres drawn, with the kind and
            nominal figure when they add something.

        Examples
        --------
        >>> from rangemap.claims import parse_claim
        >>> parse_claim("several hundred kilometers").interpretation()
        'several hundred kilometers → 300–900 km (vague, nominal 500 km)'
        >>> parse_claim("190 miles").interpretation()
        '190 miles → 305.8 km'
        >>> parse_claim("more than 250 km").interpretation()
        'more than 250 km → 250 km (at least)'
        """
        phrase = " ".join(self.phrase.split())
        if self.is_band and self.low_km is not None and self.high_km is not None:
            drawn = f"{_format_km(self.low_km)}–{_format_km(self.high_km)} km"
            return f"{phrase} → {drawn} ({self.kind}, nominal {_format_km(self.nominal_km)} km)"
        drawn = f"{_format_km(self.nominal_km)} km"
        if self.kind == "exact":
            return f"{phrase} → {drawn}"
        return f"{phrase} → {drawn} ({self.kind})"

    def to_dict(self) -> dict[str, Any]:
        """Return the claim as a JSON-ready dictionary.

        Returns
        -------
        dict
            Keys ``type``, ``low_km``, ``high_km`` (None where a bound is
            open), ``nominal_km``, ``kind``, ``phrase``, ``start``, ``end``,
            ``sentence_start``, ``sentence_end``, ``unit``, ``weapon`` and
            ``note``; a distance adds ``place`` and ``reference``. The
            sentence is given by its offsets in the text, not repeated: a text
            of many claims in one long sentence would otherwise print that
            sentence once per claim.
        """
        keys = _JSON_KEYS + (("place", "reference") if self.type == "distance" else ())
        return record_dict(self, keys)


def _format_km(value: float) -> str:
    if value < 10:
        return f"{value:.3g}"  # metres and short ranges keep three figures
    rounded = round(value, 1)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.1f}"
