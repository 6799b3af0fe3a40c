"""What a length is: a range, distance, movement, speed, altitude, size or accuracy.

What is not a length
    People and things counted without a length unit (``50,000 soldiers``),
    money (``9.2 billion dollars``, ``$300 million``), dates and years,
    percentages, weights (``kg``, ``tonnes``), other bare numbers, and Mach
    numbers are not statements at all. Lengths that are not weapon ranges
    are statements of another type: see the next section.

Kinds of statement
------------------
Every length gets a type from the words around it, in three steps: words
right after the unit, then the nearest cue word before the number, then a
distance cue after it. "Before" means the words of the same clause before
the number (its bound words included), at most 8 tokens back, not past a
comma, semicolon, parenthesis or a word opening a relative clause
(``which``, ``where``, ``that``, ...), and not past the previous statement;
a cue counts only within the number of words given ("5 back"). "After" means
the words right after the unit (and after a second unit or a suffix bound
word). The lists are :data:`_BEFORE_CUES` and the ``_..._AFTER`` sets of
:mod:`rangemap.claims.lexicon`.

=========  ==================================================================
type       cue
=========  ==================================================================
*After the unit (first match wins)*
size       an area: ``km²``, ``km2``, ``sq km``, ``square miles``,
           ``squared`` (``note`` says it is an area)
speed      ``/h``, ``per hour``, ``km. per hour``, ``an hour``, ``/s``; the
           units ``kph``, ``kmh``, ``mph``, ``knots`` (``note``: per hour)
movement   ``a day``, ``per week``, ``in a day`` (a rate)
range      ``range``, ``reach`` (``a 300 km range``, ``300-km-range``),
           ``radius`` with a unit other than metres
accuracy   ``CEP``, ``accuracy``; metres ``of the target``
altitude   ``high``, ``altitude``, ``above sea level``/``the ground``
size       ``long`` (not ``long-range``), ``wide``, ``tall``, ``thick``,
           ``across``, ``deep`` (not ``deep into``), ``in diameter``, ``in
           length``, ...
*The nearest word before the number*
range      (8 back) ``range``-words and reach cues: ``range``, ``reach``,
           ``target(s)``, ``capable``, ``able``, ``can``, ``could``,
           ``striking``, ``hitting``, ``fly``/``flies``, ``travel``,
           ``firing``, ``engage``, ``intercept``; (5 back) ``range``,
           ``ranges``, ``reach``, ``radius`` (``blast radius``: size;
           ``error radius`` or a radius in metres: accuracy)
distance   (5 back) ``located``, ``lies``, ``situated``, ``based``,
           ``stationed``, ``positioned``, ``deployed``, ``distance``
movement   (6 back) ``advanced``, ``gained``, ``pushed``, ``moved``,
           ``drove``, ``retreated``, ``penetrated``, ``flew``,
           ``travelled``, ``covered``, ``captured``, ...
size       (4 back) ``diameter``, ``width``, ``length``, ``wingspan``,
           ``depth``, ``size``, ``area``, ``crater``, ``measuring``
altitude   (5 back) ``altitude``, ``height``, ``ceiling``, ``elevation``,
           ``apogee``, ``orbit``; ``at`` right before a length in metres
accuracy   (5 back) ``CEP``, ``accuracy``, ``error``, ``precision``,
           ``deviation``, ``miss``
speed      (5 back) ``speed``, ``velocity``, ``Mach``; ``cruises at``
*Otherwise*
distance   after: ``from``, ``behind``, ``inside``, ``into``, ``beyond``,
           ``outside``, ``off``, ``past``, ``across``, ``short of``, ``deep
           into``, ``away``, a direction (``east of``, ``north-west of``,
           ``to the south of``), ``inland``, and ``of`` in ``within ... of
           the/a/<Name>``; but a bare "up to 1,500 km away" (an upper bound,
           no place) is a range: nothing lies "up to" some distance away
size       a length in metres
range      anything else: a length with a unit and no other cue
=========  ==================================================================

So "a strike 30 km behind the front line" is a distance ("strike" as a noun
is no range cue), "Belgorod, which lies about 40 km behind the border" a
distance, "the drone cruises at 800 km. per hour" a speed, "troops gained up
to 3 km in a day" a movement, and "ATACMS can hit targets some 190 miles
away" a range. A distance also records, as written, the place it is measured
from (``place``: the nearest capitalised name before the number in the
sentence, else the first after what it is measured to) and what it is
measured to (``reference``: the words after ``from``/``behind``/``of``...,
at most five, up to a verb or a preposition: "the front line", "Ukraine").
"""

from __future__ import annotations

from rangemap.claims.grammar import _Core
from rangemap.claims.lexicon import (
    _ACCURACY_AFTER,
    _ACCURACY_BEFORE,
    _AREA_NOTE,
    _BEFORE_CUES,
    _BLAST_WORDS,
    _CLAUSE_PUNCT,
    _CLAUSE_WORDS,
    _CUE_WINDOW,
    _DIRECTIONS,
    _DISTANCE_AFTER,
    _PAST_STRIKES,
    _PLACE_LOOKBACK,
    _PLACE_STOP,
    _RANGE_CUES,
    _RATE_TIME,
    _REFERENCE_STOP,
    _REFERENCE_WORDS,
    _SIZE_AFTER,
    _SIZE_IN,
    _SPEED_TIME,
    _SPEED_UNITS,
    _TIME_NAMES,
)
from rangemap.claims.text import _Sentence


def _clause_words(s: _Sentence, first: int, lo: int) -> list[str]:
    """Return the words before token ``first`` in its clause, nearest first.

    At most :data:`_CUE_WINDOW` tokens, not before ``lo`` (the end of the
    previous statement), stopping at clause punctuation and at the words
    that open a relative clause ("Belgorod, which lies ...").
    """
    out: list[str] = []
    k = first - 1
    stop = max(lo, first - _CUE_WINDOW, 0)
    while k >= stop:
        t = s.toks[k]
        if t.kind == "punct" and t.low in _CLAUSE_PUNCT:
            break
        if t.kind == "word":
            if t.low in _CLAUSE_WORDS:
                break
            out.append(t.low)
        k -= 1
    return out


def _distance_after(s: _Sentence, j: int, first: int) -> tuple[bool, bool, int | None]:
    """Whether the words from token ``j`` make a length a distance.

    Returns (cue found, "away" written, first token of what the distance
    is measured to or None).
    """
    k = j
    away = s.word(k) == "away"
    if away:
        k += 1
    if s.word(k) == "to" and s.word(k + 1) == "the" and s.word(k + 2) in _DIRECTIONS:
        k += 2
    w = s.word(k)
    if w in _DIRECTIONS:
        k += 1
        if s.punct(k) == "-" and s.word(k + 1) in ("east", "west") and s.glued(k + 1):
            k += 2
        if s.word(k) in ("of", "from"):
            return True, away, k + 1
        return True, away, None
    if w in _DISTANCE_AFTER:
        if w == "short":
            return (True, away, k + 2) if s.word(k + 1) == "of" else (away, away, None)
        if w in ("inland", "offshore", "downstream", "upstream"):
            return True, away, None
        if w in ("northeastern",):
            return away, away, None
        return True, away, k + 1
    if w == "deep" and s.word(k + 1) in ("into", "inside", "behind", "in"):
        return True, away, k + 2
    if w == "of" and s.word(first) == "within":
        nxt = s.tok(k + 1)
        if nxt is not None and (nxt.low in ("the", "a", "an") or nxt.raw[:1].isupper()):
            return True, away, k + 1
    return away, away, None


# What a length is: (type, note, reference token), as _statement_type returns it.
_Type = tuple[str, str | None, int | None]


def _statement_type(s: _Sentence, core: _Core, first: int, last: int, lo: int, kind: str) -> _Type:
    """Decide what a length is (see *Kinds of statement*): (type, note, reference token).

    The steps are tried in order and the first that decides wins.
    """
    metres = core.unit == "m"
    # 1-2. Areas; speeds and rates of movement, by what follows the unit.
    found = _unit_type(s, core)
    if found is not None:
        return found
    # 3. Other words right after the length.
    found = _word_after_type(s, last, metres)
    if found is not None:
        return found
    cue, away, reference = _distance_after(s, last, first)
    if _is_size_after(s, last, cue):
        return "size", None, None
    # 4. The nearest cue word before the length decides.
    found = _cue_before_type(_clause_words(s, core.first, lo), metres, cue, reference)
    if found is not None:
        return found
    # 5. A distance cue after it, with no cue before.
    if cue:
        if away and reference is None and kind == "at most":
            return "range", None, None  # "up to 1,500 km away": a reach
        return "distance", None, reference
    # 6. A length in metres with nothing saying it is a reach is a size.
    if metres:
        return "size", None, None
    return "range", None, None


def _unit_type(s: _Sentence, core: _Core) -> _Type | None:
    """Read steps 1 and 2: an area, a speed or a rate, by what follows the unit; else None."""
    j = core.last
    nxt = s.tok(j)
    # 1. Areas.
    if core.kind == "area" or s.word(j) in ("squared", "cubed"):
        return "size", _AREA_NOTE, None
    if (
        nxt is not None
        and s.glued(j)
        and (nxt.low in ("²", "³", "^") or (nxt.kind == "num" and nxt.low in ("2", "3")))
    ):
        return "size", _AREA_NOTE, None
    # 2. Speeds and rates of movement, by what follows the unit.
    if s.word(j - 1) in _SPEED_UNITS:
        return "speed", "per hour", None
    k = j + 1 if s.punct(j) == "." and s.word(j + 1) == "per" else j
    w, t = s.word(k), s.word(k + 1)
    if w in ("per", "a", "an", "each", "every") or s.punct(k) == "/":
        if t in _SPEED_TIME:
            return "speed", f"per {_TIME_NAMES.get(t, t)}", None
        if t in _RATE_TIME:
            return "movement", f"per {t.rstrip('s')}", None
    if w == "in" and _RATE_TIME.intersection((t, s.word(k + 2), s.word(k + 3))):
        return "movement", None, None
    return None


def _word_after_type(s: _Sentence, last: int, metres: bool) -> _Type | None:
    """Read step 3: a range, accuracy or altitude said right after the length; else None."""
    after = s.word(last)
    k = last + 1 if s.punct(last) == "-" and s.glued(last) else last
    w = s.word(k)
    if w in ("range", "ranges", "reach") or (w == "radius" and not metres):
        return "range", None, None  # "a 300 km range", "300-km-range"
    if after in _ACCURACY_AFTER:
        return "accuracy", None, None
    if (
        metres
        and after == "of"
        and s.word(last + 1) in ("the", "its", "their")
        and s.word(last + 2) in ("target", "targets", "aim", "aiming", "impact")
    ):
        return "accuracy", None, None
    if after in ("high", "altitude") or (
        after == "above" and s.word(last + 1) in ("sea", "ground", "the")
    ):
        return "altitude", None, None
    return None


def _is_size_after(s: _Sentence, last: int, cue: bool) -> bool:
    """Return whether a size word follows the length ("long", "in diameter"): step 3, last."""
    k = last + 1 if s.punct(last) == "-" and s.glued(last) else last
    w = s.word(k)
    if w not in _SIZE_AFTER:
        return False
    if w == "in":
        return s.word(k + 1) in _SIZE_IN
    return not (w == "long" and "range" in (s.word(k + 1), s.word(k + 2))) and (
        w not in ("deep", "across") or not cue or s.word(k + 1) is None
    )


def _cue_before_type(
    before: list[str], metres: bool, cue: bool, reference: int | None
) -> _Type | None:
    """Return step 4: the type the nearest cue word before the length gives, or None.

    ``before`` are the words of the clause before the length, nearest first
    (:func:`_clause_words`).
    """
    for d, b in enumerate(before):
        found = _BEFORE_CUES.get(b)
        if d == 0 and b == "at":
            if before[1:2] in (["cruises"], ["cruising"], ["travels"]):
                return "speed", None, None
            if metres and not cue:
                return "altitude", None, None
            continue
        if found is None or d >= found[1]:
            continue
        type_ = found[0]
        if b in ("target", "targets") and _past_strike(before[d + 1 : d + 3]):
            continue  # "struck targets 1,200 km away": where they were, not a reach
        if b in ("distance", "distances") and _RANGE_CUES.intersection(before[d + 1 :]):
            return "range", None, None  # "can hit targets at a distance of 300 km"
        if b == "radius":
            prior = before[d + 1] if d + 1 < len(before) else ""
            if prior in _BLAST_WORDS:
                return "size", None, None
            if prior in _ACCURACY_BEFORE or metres:
                return "accuracy", None, None
            return "range", None, None
        if type_ == "distance":
            return "distance", None, reference
        return type_, None, None
    return None


def _reference_text(s: _Sentence, k: int | None) -> tuple[str | None, int]:
    """Return what a distance is measured to, from token ``k``, and the token after it."""
    if k is None:
        return None, -1
    words = 0
    end = k
    m = k
    while words < _REFERENCE_WORDS:
        t = s.tok(m)
        if t is None:
            break
        if t.kind == "word":
            if t.low in _REFERENCE_STOP and not (m == k and t.low in ("the", "a")):
                break
            words += 1
            m += 1
            end = m
        elif t.low in ("-", "'") and s.glued(m) and s.glued(m + 1) and s.word(m + 1):
            m += 1
        else:
            break
    if end == k or (end == k + 1 and s.word(k) in ("the", "a", "an")):
        return None, -1
    return s.text[s.toks[k].start : s.toks[end - 1].end], end


def _place_run(s: _Sentence, k: int) -> tuple[int, int] | None:
    """Return the capitalised name ending at token ``k`` (inclusive): (first, last + 1)."""
    t = s.toks[k]
    if t.kind != "word" or not t.raw[:1].isupper() or t.low in _PLACE_STOP:
        return None
    first = k
    while first > 0:
        prev = s.toks[first - 1]
        if prev.kind == "word" and prev.raw[:1].isupper() and prev.low not in _PLACE_STOP:
            first -= 1
        elif (
            prev.low == "-"
            and s.glued(first)
            and first >= 2
            and s.glued(first - 1)
            and s.toks[first - 2].kind == "word"
        ):
            first -= 2  # "Rostov-on-Don", "Nizhny-Novgorod"
        else:
            break
    return first, k + 1


def _place_text(s: _Sentence, first: int, after: int) -> str | None:
    """Return the place a distance is measured from: the nearest name before, else after."""
    for k in range(first - 1, max(-1, first - _PLACE_LOOKBACK - 1), -1):
        run = _place_run(s, k)
        if run is not None:
            return s.text[s.toks[run[0]].start : s.toks[run[1] - 1].end]
    if after < 0:
        return None
    for k in range(after, min(len(s.toks), after + 8)):
        run = _place_run(s, k)
        if run is not None:
            end = run[1]
            while end < len(s.toks) and _place_run(s, end) is not None:
                end += 1
            return s.text[s.toks[run[0]].start : s.toks[end - 1].end]
    return None


def _past_strike(words: list[str]) -> bool:
    """Whether ``words`` (nearest first) before "targets" report a strike that happened."""
    if not words or words[0] not in _PAST_STRIKES:
        return False
    return words[0] != "hit" or words[1:2] not in (["to"], ["can"], ["could"], ["will"], ["would"])
