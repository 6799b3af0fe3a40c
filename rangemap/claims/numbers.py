"""Numbers in text: digits, scale words and number words.

Numbers
    Digits with thousands separators (``1,000``, ``1 000``, also with a
    non-breaking or thin space), decimals (``1.5``), a scale word after digits
    (``1.5 thousand``), and number words (``fifty``, ``three hundred``,
    ``one thousand five hundred``, ``a thousand``, ``twenty-five``).
    A number glued to letters (``Su-34``, ``M39A1``) or inside a weapon name
    (``S-300``, ``KEPD 350``) is a designator, not a quantity; a number after a
    currency sign is money.

A number token's value is read once, when the sentence is cut into tokens
(:func:`_token_value`); a number with a scale word or in words is read by
:func:`_number` when the grammar asks for one at a token.
"""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING, NamedTuple

from rangemap.claims.lexicon import _CURRENCY_CODES, _CURRENCY_SIGNS

if TYPE_CHECKING:
    from rangemap.claims.text import _Sentence, _Token

_SMALL_NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000}

_MAX_NUMBER_DIGITS = 15


class _Number(NamedTuple):
    value: float
    end: int  # token index after the number
    counted: float | None  # for "<count> <scale>" numbers: the count
    scale: int | None


def _token_value(
    toks: list[_Token],
    low: str,
    start: int,
    weapons: list[tuple[int, int]],
    weapon_starts: list[int],
) -> float | None:
    """Return the usable value of a number token at ``start`` after ``toks``, or None."""
    if len(low) > _MAX_NUMBER_DIGITS and sum(ch.isdigit() for ch in low) > _MAX_NUMBER_DIGITS:
        return None
    # Weapon matches do not overlap and are sorted: the only one that can
    # hold this number is the last one starting at or before it.
    at = bisect.bisect_right(weapon_starts, start) - 1
    if at >= 0 and start < weapons[at][1]:
        return None
    if toks:
        prev = toks[-1]
        glued = prev.end == start
        if glued and prev.kind in ("word", "num"):
            return None  # designator such as M39 or part of "1.2.3"
        if glued and prev.low == "-" and len(toks) > 1:
            before = toks[-2]
            if before.kind == "word" and before.end == prev.start:
                return None  # designator such as Kh-101
        if prev.kind == "punct" and prev.raw in _CURRENCY_SIGNS:
            return None
        if prev.low in _CURRENCY_CODES and glued:
            return None
        if glued and prev.low == ".":
            return None  # ".5" or version numbers
    value = float(low.replace(",", "").replace(" ", ""))
    return value if math.isfinite(value) else None


def _number(s: _Sentence, i: int) -> _Number | None:
    return s.kept(s.numbers_at, i, _number_at)


def _number_at(s: _Sentence, i: int) -> _Number | None:
    t = s.tok(i)
    if t is None:
        return None
    if t.kind == "num":
        if t.value is None:
            return None
        scale_word = s.word(i + 1)
        if scale_word in _SCALES:
            scale = _SCALES[scale_word]
            return _Number(t.value * scale, i + 2, t.value, scale)
        return _Number(t.value, i + 1, None, None)
    if t.kind == "word":
        return _number_words(s, i)
    return None


def _number_words(s: _Sentence, i: int) -> _Number | None:
    j = i
    total = 0
    current = 0
    last = ""  # "small", "tens", "hundred", "thousand"
    words: list[str] = []
    end = i
    if s.word(i) == "a" and s.word(i + 1) in _SCALES:
        current, last, j = 1, "small", i + 1
        words.append("one")
    while True:
        w = s.word(j)
        if w is None:
            break
        if w in _SMALL_NUMBERS:
            v = _SMALL_NUMBERS[w]
            if last == "small" or (last == "tens" and v >= 10):
                break
            current += v
            last = "small"
        elif w in _TENS:
            if last in ("small", "tens"):
                break
            current += _TENS[w]
            last = "tens"
        elif w == "hundred":
            if last not in ("small", "tens") or current >= 100:
                break
            current *= 100
            last = "hundred"
        elif w == "thousand":
            if last not in ("small", "tens", "hundred") or total:
                break
            total += current * 1000
            current = 0
            last = "thousand"
        else:
            break
        words.append(w)
        j += 1
        end = j
        # Connectors: "twenty-five", "three-hundred", "one hundred and fifty".
        nxt = s.tok(j)
        if nxt is None:
            break
        hyphen = nxt.low == "-" and s.glued(j) and s.glued(j + 1)
        if hyphen and _is_number_word(s, j + 1):
            j += 1
        elif nxt.low == "and" and last in ("hundred", "thousand"):
            j += 1 if _and_continues(s, j + 1) else 0
    if end == i:
        return None
    value = float(total + current)
    count: float | None = None
    scale: int | None = None
    if words[-1] in _SCALES and not any(w in _SCALES for w in words[:-1]):
        scale = _SCALES[words[-1]]
        count = value / scale
    return _Number(value, end, count, scale)


def _is_number_word(s: _Sentence, i: int) -> bool:
    w = s.word(i)
    return w is not None and (w in _SMALL_NUMBERS or w in _TENS or w in _SCALES)


def _and_continues(s: _Sentence, i: int) -> bool:
    """Whether "and" at ``i - 1`` joins a sub-hundred part to the number."""
    j = i
    seen = False
    while True:
        w = s.word(j)
        if w is not None and (w in _SMALL_NUMBERS or w in _TENS):
            seen = True
            j += 1
        elif seen and s.punct(j) == "-" and _is_number_word(s, j + 1):
            j += 1
        else:
            break
    return seen and s.word(j) not in _SCALES
