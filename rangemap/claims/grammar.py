"""The readings of a length: a single figure, an interval or a vague magnitude, with its unit.

The *core* of a statement is its number or numbers and their unit
(:class:`_Core`, in km); :func:`_core` tries, at a token, a vague magnitude,
then an interval, then a single figure. The words around a core (bound
words, a second unit) are read by :mod:`rangemap.claims.phrase`, the type
of length by :mod:`rangemap.claims.statement`.

Units
    ``km``, ``kms``, kilometre(s)/kilometer(s); ``mi``, mile(s), statute
    miles; ``nmi``, ``nm``, nautical mile(s); metre(s)/meter(s). The bare
    symbol ``m`` counts only in lower case, in a sentence that does not talk
    about money (``$300m``) and not before a counted noun (``300m people``).
    Units may be glued (``300km``) or hyphenated (``a 300-km range``,
    ``the 500-kilometer-range Taurus``, ``a 190-mile missile``).
Intervals
    ``between 165 and 300 km``, ``165-300 km`` (hyphen or en dash),
    ``165 to 300 km``, ``from 165 to 300 kilometres``, ``165 km to 300 km``,
    ``two to three hundred kilometres`` (= 200-300 km).
Vague magnitudes
    ``several hundred kilometers``, ``hundreds of miles`` and the other rows
    of the table in :mod:`rangemap.claims.lexicon`, also with bound words in
    front (``a maximum range of several hundred kilometers`` is one vague
    claim).
"""

from __future__ import annotations

from typing import NamedTuple

from rangemap.claims.lexicon import (
    _ABOVE,
    _AT_LEAST,
    _COUNTED_NOUNS,
    _SPEED_UNITS,
    _UNIT_SYMBOLS,
    _UNIT_WORDS,
    VAGUE_MAGNITUDES,
    _Spec,
)
from rangemap.claims.numbers import _number
from rangemap.claims.text import _EM_DASHES, _Sentence
from rangemap.units import KM_PER_UNIT


class _Found(NamedTuple):
    """A statement read from a sentence, before its weapon is known (a named tuple: cheap)."""

    start: int  # character offsets
    end: int
    kind: str
    low: float | None  # km, or the bare number's value when unit is ""
    high: float | None
    nominal: float
    unit: str  # "" for a number written without a unit
    type: str
    note: str | None
    place: str | None
    reference: str | None


class _Core(NamedTuple):
    """The number or numbers of a statement and their unit, in km."""

    kind: str  # "exact", "plus", "odd", "area", "interval" or "vague"
    low: float  # km
    high: float
    nominal: float
    unit: str
    first: int  # token indices [first, last)
    last: int


def _unit(s: _Sentence, j: int) -> tuple[str, int] | None:
    """Parse a unit at token ``j``; return (canonical unit, index after)."""
    w = s.word(j)
    if w is None:
        return None
    if w in ("nautical", "statute"):
        k = j + 1
        if s.punct(k) == "-" and s.glued(k):
            k += 1
        if s.word(k) in ("mile", "miles", "mi"):
            return ("nmi" if w == "nautical" else "mi"), k + 1
        return None
    if w in _SPEED_UNITS:
        return _SPEED_UNITS[w], j + 1
    if w not in _UNIT_WORDS:
        return None
    if w == "m":
        t = s.toks[j]
        if t.raw != "m" or s.money or s.word(j + 1) in _COUNTED_NOUNS:
            return None
    return _UNIT_SYMBOLS[w], j + 1


def _connected_unit(s: _Sentence, j: int) -> tuple[str, int, str] | None:
    """Parse what may follow a number: a marker, a hyphen, a unit.

    Returns (canonical unit, index after, marker) where the marker is
    ``"plus"`` for ``300+``/``300-plus``/``300 plus``, ``"odd"`` for
    ``300-odd``/``300 odd`` and ``""`` otherwise. Results are kept: the
    interval and the single readings ask about the same tokens.
    """
    return s.kept(s.units_at, j, _find_connected_unit)


def _find_connected_unit(s: _Sentence, j: int) -> tuple[str, int, str] | None:
    if s.word(j) is None and (s.punct(j) not in ("+", "-") or s.word(j + 1) is None):
        return None  # a unit is a word, after at most a "+" or a hyphen
    mark = ""
    if s.punct(j) == "+":
        mark, j = "plus", j + 1
    elif s.punct(j) == "-" and s.glued(j) and s.word(j + 1) in ("plus", "odd") and s.glued(j + 1):
        mark, j = s.word(j + 1) or "", j + 2
    elif s.word(j) in ("plus", "odd") and _unit(s, j + 1) is not None:
        mark, j = s.word(j) or "", j + 1
    if s.punct(j) == "-" and s.glued(j) and s.glued(j + 1):
        j += 1
    if s.word(j) in ("sq", "square"):
        mark, j = "area", j + 1
        if s.punct(j) == ".":
            j += 1
    w = s.word(j)
    if w is not None and w[-1:] in ("²", "³") and w[:-1] in _UNIT_WORDS:
        return _UNIT_SYMBOLS[w[:-1]], j + 1, "area"  # "km²" is one word token
    found = _unit(s, j)
    if found is None:
        return None
    return found[0], found[1], mark


def _core(s: _Sentence, i: int) -> _Core | None:
    """Read a core at token ``i``: a vague magnitude, else an interval, else a single figure."""
    return _vague(s, i) or _interval(s, i) or _single(s, i)


def _vague(s: _Sentence, i: int) -> _Core | None:
    words: list[str] = []
    ends: list[int] = []
    j = i
    while len(words) < 6:
        w = s.word(j)
        if w is None:
            break
        words.append(w)
        j += 1
        ends.append(j)
        if s.punct(j) == "-" and s.glued(j) and s.glued(j + 1) and s.word(j + 1):
            j += 1
    for n in range(len(words), 0, -1):
        key = _vague_key(words[:n])
        if key is None:
            continue
        found = _connected_unit(s, ends[n - 1])
        if found is None or found[2]:
            continue
        unit, after, _ = found
        factor = KM_PER_UNIT[unit]
        low, high, nominal = VAGUE_MAGNITUDES[key]
        return _Core("vague", low * factor, high * factor, nominal * factor, unit, i, after)
    return None


def _interval(s: _Sentence, i: int) -> _Core | None:
    w = s.word(i)
    if w == "between":
        joiners: tuple[str, ...] = ("and", "-")
        a_at = i + 1
    elif w == "from":
        joiners = ("to", "-", "~")
        a_at = i + 1
    else:
        joiners = ("to", "-", "~")
        a_at = i
    a = _number(s, a_at)
    if a is None:
        return None
    j = a.end
    unit_a: str | None = None
    found_a = _connected_unit(s, j)
    if found_a is not None and not found_a[2]:
        unit_a, j = found_a[0], found_a[1]
    sep = s.tok(j)
    if sep is None or sep.low not in joiners:
        return None
    if sep.low == "-" and sep.raw in _EM_DASHES and not (s.glued(j) and s.glued(j + 1)):
        return None
    b = _number(s, j + 1)
    if b is None:
        return None
    found_b = _connected_unit(s, b.end)
    if found_b is None or found_b[2]:
        return None
    unit_b, after, _ = found_b
    if unit_a is not None and unit_a != unit_b:
        return None  # "300 km - 186 miles" is one value in two units
    a_value = a.value
    counted = b.counted
    if a.scale is None and b.scale is not None and counted is not None and a_value < counted:
        a_value *= b.scale  # "two to three hundred"
    low = a_value * KM_PER_UNIT[unit_a or unit_b]
    high = b.value * KM_PER_UNIT[unit_b]
    if low > high:
        low, high = high, low
    if high <= 0:
        return None
    return _Core("interval", low, high, low + (high - low) / 2, unit_a or unit_b, i, after)


def _single(s: _Sentence, i: int) -> _Core | None:
    n = _number(s, i)
    if n is None or n.value <= 0:
        return None
    found = _connected_unit(s, n.end)
    if found is None:
        return None
    unit, after, mark = found
    km = n.value * KM_PER_UNIT[unit]
    return _Core(mark or "exact", km, km, km, unit, i, after)


def _vague_key(words: list[str]) -> str | None:
    ws = list(words)
    if len(ws) > 1 and ws[-1] == "of":
        ws.pop()
    key = " ".join(ws).replace("couple of ", "couple ")
    if key in VAGUE_MAGNITUDES:
        return key
    if len(ws) > 1 and ws[-1] in ("hundreds", "thousands"):
        key = key[:-1]  # "several hundreds (of)"
        if key in VAGUE_MAGNITUDES:
            return key
    return None


def _read(core: _Core, spec: _Spec | None) -> tuple[str, float | None, float | None, float]:
    """Kind and bounds (km; None where open) of a core read with its bound words."""
    if core.kind in ("vague", "interval"):
        return core.kind, core.low, core.high, core.nominal
    if spec is None and core.kind == "plus":
        spec = _AT_LEAST
    if spec is None and core.kind == "odd":
        spec = _ABOVE
    if spec is None:
        return "exact", core.low, core.high, core.nominal
    kind, low_factor, high_factor = spec
    x = core.nominal
    low = None if low_factor is None else x * low_factor
    high = None if high_factor is None else x * high_factor
    return kind, low, high, x
