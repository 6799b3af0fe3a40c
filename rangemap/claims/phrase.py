"""Around a core: bound words, a second unit, an added upper bound, numbers without a unit.

A core (:mod:`rangemap.claims.grammar`) becomes a statement with the words
around it that belong to it:

Bound words and approximations
    See *Kinds and the band drawn* in :mod:`rangemap.claims.model`; they may
    be chained (``a maximum range of up to 300 km``), the word nearest the
    number decides.
One value in two units
    ``300 kilometers (186 miles)``, ``186 miles (300 km)``, ``300km/186mi``,
    ``300 km, or 186 miles``, ``300 km - 186 miles -`` is one claim: the
    phrase spans both, the first unit is kept, and the two values must agree
    within 15 %.
Numbers without a unit
    A number right after a range word and its bound words ("a range of up
    to 2,000", "its reach is about 500") is read in the unit of the range
    stated with a unit nearest to it in the same text, and its ``note`` says
    so; in a text with no such range it is not read.
An upper bound added to a lower one
    "ranges above 300 km (and up to 1,000 km)" is one interval, 300-1,000 km.

The bound words are the tables of :mod:`rangemap.claims.lexicon`.
"""

from __future__ import annotations

from rangemap.claims.grammar import _Core, _core, _Found, _read
from rangemap.claims.lexicon import (
    _BARE_AFTER,
    _BARE_BEFORE,
    _DOMINANT_PREFIXES,
    _PREFIX_RE,
    _PREFIX_SPECS,
    _SUFFIX_FIRST,
    _SUFFIX_RE,
    _SUFFIX_SPECS,
    _Spec,
)
from rangemap.claims.numbers import _number
from rangemap.claims.text import _Sentence

# How far the two values of one length in two units may differ (15 %).
_DUAL_TOLERANCE = 0.15
# Most tokens one bound phrase before a number may span ("a maximum range of").
_QUALIFIER_WINDOW = 8


def _prefix(s: _Sentence, lo: int, hi: int) -> tuple[int, _Spec | None]:
    """Bound words ending at token ``hi``; return (first token, deciding spec).

    The innermost bound phrase decides, except "minimum range of", which
    decides wherever it stands in the chain.
    """
    first = hi
    innermost: _Spec | None = None
    for _ in range(3):
        window_lo = max(lo, first - _QUALIFIER_WINDOW)
        if window_lo >= first:
            break
        joined, offsets = s.joined(window_lo, first)
        m = _PREFIX_RE.search(joined)
        if m is None or m.lastindex is None or m.start(m.lastindex) not in offsets:
            break
        first = window_lo + offsets.index(m.start(m.lastindex))
        if innermost is None or m.lastindex - 1 in _DOMINANT_PREFIXES:
            innermost = _PREFIX_SPECS[m.lastindex - 1]
    return first, innermost


def _suffix(s: _Sentence, j: int) -> tuple[int, _Spec | None]:
    if s.word(j) not in _SUFFIX_FIRST:
        return j, None
    hi = min(len(s.toks), j + 3)
    joined, offsets = s.joined(j, hi)
    m = _SUFFIX_RE.match(joined)
    if m is None or m.lastindex is None:
        return j, None
    count = sum(1 for o in offsets if o < m.end(m.lastindex))
    if s.word(j + count) == "than":
        return j, None  # "300 km and more than ...": a new bound, not a suffix
    return j + count, _SUFFIX_SPECS[m.lastindex - 1]


def _inner_claim(s: _Sentence, k: int) -> _Core | None:
    """Find a core at ``k`` or after bound words starting at ``k``."""
    for m in range(k, min(k + 5, len(s.toks))):
        core = _core(s, m)
        if core is None:
            continue
        if m == k or _prefix(s, k, m)[0] == k:
            return core
        return None
    return None


def _dual(s: _Sentence, core: _Core, j: int) -> int:
    """Extend a claim over the same value given in another unit."""
    k = j + 1 if s.punct(j) == "," else j
    opener = s.punct(k)
    closers = {"(": ")", "[": "]"}
    inner: _Core | None = None
    end = j
    if opener in closers:
        inner = _inner_claim(s, k + 1)
        if inner is None or s.punct(inner.last) != closers[opener]:
            return j
        end = inner.last + 1
    elif s.punct(j) == "/":
        inner = _core(s, j + 1)
        end = inner.last if inner else j
    elif s.word(k) == "or":
        inner = _inner_claim(s, k + 1)
        end = inner.last if inner else j
    elif s.punct(j) == "-" and not s.glued(j) and not s.glued(j + 1):
        inner = _inner_claim(s, j + 1)  # "2,500 km - some 1,550 miles - ..."
        end = inner.last if inner else j
    if inner is None or inner.unit == core.unit or not _agree(core, inner):
        return j
    return end


def _agree(a: _Core, b: _Core) -> bool:
    if a.kind == "vague" or b.kind == "vague":
        return a.low <= b.high and b.low <= a.high
    pairs: tuple[tuple[float, float], ...] = ((a.nominal, b.nominal),)
    if a.kind == b.kind == "interval":
        pairs = ((a.low, b.low), (a.high, b.high))
    return all(abs(x - y) <= _DUAL_TOLERANCE * max(x, y) for x, y in pairs)


def _upper_bound(s: _Sentence, j: int) -> tuple[float, int] | None:
    """Read an upper bound added to a lower one: "above 300 km (and up to 1,000 km)".

    Returns (upper figure in km, token after) or None.
    """
    k = j
    closer: str | None = None
    if s.punct(k) == "(":
        closer, k = ")", k + 1
    elif s.punct(k) == ",":
        k += 1
    if s.word(k) not in ("and", "but"):
        return None
    k += 1
    for m in range(k + 1, min(k + 5, len(s.toks))):
        core = _core(s, m)
        if core is None:
            continue
        f, spec = _prefix(s, k, m)
        if f != k or spec is None or spec[0] != "at most" or core.kind != "exact":
            return None
        end = core.last
        if closer is not None:
            if s.punct(end) != closer:
                return None
            end += 1
        return core.nominal, end
    return None


def _bare(s: _Sentence, i: int, lo: int) -> tuple[_Found, int] | None:
    """Read a number without a unit right after a range word ("a range of up to 2,000").

    The figure is kept in no unit (``unit == ""``): the caller reads it
    in the unit of the nearest range stated with one.
    """
    prev = s.tok(i - 1)
    if prev is None or prev.low not in _BARE_BEFORE:
        return None
    n = _number(s, i)
    if n is None or n.value <= 0:
        return None
    nxt = s.tok(n.end)
    glued = nxt is not None and nxt.start == s.toks[n.end - 1].end
    if glued and nxt is not None and nxt.low not in (".", ",", ";", ")"):
        return None  # glued to something: "2,000%", "2,000-strong"
    if nxt is not None and nxt.kind == "num":
        return None
    if nxt is not None and nxt.kind == "word" and nxt.low not in _BARE_AFTER:
        return None
    if nxt is not None and nxt.kind == "punct" and nxt.low not in ".,;)!?":
        return None
    first, spec = _prefix(s, lo, i)
    k = first - 1
    if s.word(k) in ("of", "is") or s.punct(k) in (":", "="):
        k -= 1
    cue = s.word(k) in ("range", "ranges", "reach")
    if not cue and not any(s.word(m) in ("range", "reach") for m in range(first, i)):
        return None
    core = _Core("exact", n.value, n.value, n.value, "", i, n.end)
    kind, low, high, nominal = _read(core, spec)
    start, end = s.toks[first].start, s.toks[n.end - 1].end
    return _Found(start, end, kind, low, high, nominal, "", "range", None, None, None), n.end
