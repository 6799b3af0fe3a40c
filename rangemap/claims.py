"""Range claims, and the other lengths, in news text.

This module finds the statements of a length in prose ("a maximum range of
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

What is understood
------------------
Numbers
    Digits with thousands separators (``1,000``, ``1 000``, also with a
    non-breaking or thin space), decimals (``1.5``), a scale word after digits
    (``1.5 thousand``), and number words (``fifty``, ``three hundred``,
    ``one thousand five hundred``, ``a thousand``, ``twenty-five``).
    A number glued to letters (``Su-34``, ``M39A1``) or inside a weapon name
    (``S-300``, ``KEPD 350``) is a designator, not a quantity; a number after a
    currency sign is money.
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
Bound words and approximations
    See *Kinds and the band drawn* below; they may be chained (``a maximum range of up
    to 300 km``), the word nearest the number decides.
Vague magnitudes
    ``several hundred kilometers``, ``hundreds of miles`` and the other rows
    of the table below, also with bound words in front (``a maximum range of
    several hundred kilometers`` is one vague claim).
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
word). The lists are :data:`_BEFORE_CUES` and the ``_..._AFTER`` sets of this
module.

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

Text may use any case, non-breaking and thin spaces, hyphens, en and em
dashes, minus signs and curly quotes; offsets always refer to the text as
given.

Kinds and the band drawn
------------------------
``X`` is the stated figure. ``nominal_km`` is the stated figure, the
midpoint of an interval, or the table's nominal for a vague magnitude.

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
vague         ``several hundred km`` etc.           table below    table below
============  ====================================  =============  ==========

Why these choices:

* Bounds are kept as stated: "up to 300 km" states an upper bound only, so
  ``low_km`` is None; "more than 300 km" states a lower bound only, so
  ``high_km`` is None (no upper figure is invented). Drawing is the
  renderer's job: :func:`rangemap.api.claim_spec` draws an open bound as one
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

Vague magnitudes
----------------
A vague magnitude is a count word times a magnitude (ten, dozen, hundred,
thousand). The count words are read with their ordinary dictionary sense and
two conventions stated here:

* "a couple (of)": two, used loosely for two or three: 2-3, nominal 2.
* "a few": a small number, more than one: 2-5, nominal 3.
* "several": "more than two but fewer than many" (Merriam-Webster's
  definition of *several*): 3-9, nominal 5.
* a bare plural ("hundreds of", "tens of", "thousands of", "dozens of"): at
  least two of the magnitude, since the plural is used: 2-9, nominal 4.

The upper count stops below the next magnitude word: ten hundred is "a
thousand", so a writer with a figure of 1,000 km or more says so. For the same
reason dozens stop at 8 (9 dozen is past "a hundred"). The nominal is the
geometric mean of the count bounds rounded to a whole count (sqrt(3 x 9) =
5.2 -> 5, sqrt(2 x 5) = 3.2 -> 3, sqrt(2 x 9) = 4.2 -> 4, sqrt(2 x 3) = 2.4
-> 2), because magnitude words are judged on a ratio scale. The figures are
in the unit that follows the phrase: "several hundred miles" is 300-900 mi.

=========================  ======  ======  =======
phrase                     low     high    nominal
=========================  ======  ======  =======
tens of                        20      90       40
a few tens of                  20      50       30
several tens of                30      90       50
dozens of                      24      96       48
a few dozen                    24      60       36
several dozen                  36      96       60
a couple (of) hundred         200     300      200
a few hundred                 200     500      300
several hundred               300     900      500
hundreds of                   200     900      400
a couple (of) thousand      2,000   3,000    2,000
a few thousand              2,000   5,000    3,000
several thousand            3,000   9,000    5,000
thousands of                2,000   9,000    4,000
tens of thousands of       20,000  90,000   40,000
=========================  ======  ======  =======

The table is :data:`VAGUE_MAGNITUDES`; "several hundreds of" is read as
"several hundred".

Weapons
-------
A claim's weapon is the weapon name nearest before it in the same sentence,
else the first one after it in the same sentence, else the last one in the
previous sentence, else ``None``. Names come from ``weapon_names`` (a
catalogue passes its aliases) and a small built-in list
(:data:`DEFAULT_WEAPON_NAMES`); spaces and hyphens inside a name are optional
("Iskander M" matches "Iskander-M").

Sentences end at ``.``, ``!`` or ``?`` followed by a space and a character
that is not a lower-case letter (not after common abbreviations such as
"approx.", "U.S." or initials), at blank lines, and at line ends after
sentence punctuation or after a short line such as a heading.

Cost and limits: reading is linear in the text. Weapon names are matched
once per text and looked up by position, never rescanned per number; the
claims of one sentence share one sentence string, and
:meth:`RangeClaim.to_dict` gives a sentence by its offsets
(``sentence_start``, ``sentence_end``), so output grows with the number of
claims, not with claims times sentence length. A text with more than
:data:`MAX_CLAIMS` claims is refused. :func:`parse_claim`, for a range given
on its own, takes one range expression only: words around it that are not
part of it ("not", "minus", a fraction such as ``1/2``, stray words) are
refused rather than ignored.

Known limits: types are decided by nearby words only, so a distance
stated without a cue word ("Kursk is 100 km") reads as a range, and a range
written after a distance cue with no range cue in the clause reads as a
distance; European decimal commas and dot separators (``1.000 km``) are
not understood; a change ("increased from 165 to 300 km") reads as an
interval; a vague magnitude paired with a number ("several hundred to a
thousand km") yields only the number; lists ("300, 500 and 1,000 km") yield
only the last figure.

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

import bisect
import dataclasses
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from rangemap.errors import InputError
from rangemap.units import KM_PER_UNIT, normalise_unit

__all__ = [
    "DEFAULT_WEAPON_NAMES",
    "KINDS",
    "MAX_CLAIMS",
    "TYPES",
    "VAGUE_MAGNITUDES",
    "RangeClaim",
    "parse_claim",
    "parse_claims",
    "parse_statements",
]

#: The kinds of claim, in the order of :class:`RangeClaim` documentation.
KINDS: tuple[str, ...] = ("exact", "approximate", "at most", "at least", "interval", "vague")

#: What a length stated in text is (see *Kinds of statement*); only ``"range"``
#: statements are range claims (:func:`parse_claims`).
TYPES: tuple[str, ...] = ("range", "distance", "movement", "speed", "altitude", "size", "accuracy")

#: How vague magnitudes are read: phrase -> (low, high, nominal), in the unit
#: that follows the phrase. See the module documentation for the reasoning.
VAGUE_MAGNITUDES: dict[str, tuple[float, float, float]] = {
    "tens": (20.0, 90.0, 40.0),
    "a few tens": (20.0, 50.0, 30.0),
    "several tens": (30.0, 90.0, 50.0),
    "dozens": (24.0, 96.0, 48.0),
    "a few dozen": (24.0, 60.0, 36.0),
    "several dozen": (36.0, 96.0, 60.0),
    "a couple hundred": (200.0, 300.0, 200.0),
    "a few hundred": (200.0, 500.0, 300.0),
    "several hundred": (300.0, 900.0, 500.0),
    "hundreds": (200.0, 900.0, 400.0),
    "a couple thousand": (2000.0, 3000.0, 2000.0),
    "a few thousand": (2000.0, 5000.0, 3000.0),
    "several thousand": (3000.0, 9000.0, 5000.0),
    "thousands": (2000.0, 9000.0, 4000.0),
    "tens of thousands": (20000.0, 90000.0, 40000.0),
}

#: Most range claims read from one text. A news article states a handful; a
#: text with more is a list or a hostile input, refused (InputError) as soon as
#: the count is passed so that its cost stays bounded (50,000 claims are read
#: in about a second).
MAX_CLAIMS = 50_000

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

# ---------------------------------------------------------------------------
# Interpretation of bound words: regular expression over the lower-cased
# tokens joined by single spaces -> (kind, low factor, high factor).
# ---------------------------------------------------------------------------
# A factor of None leaves that bound open (None in the claim).
_Spec = tuple[str, float | None, float | None]
_AT_MOST: _Spec = ("at most", None, 1.0)
_AT_LEAST: _Spec = ("at least", 1.0, None)
_ABOUT: _Spec = ("approximate", 0.9, 1.1)
_BELOW: _Spec = ("approximate", 0.9, 1.0)
_ABOVE: _Spec = ("approximate", 1.0, 1.1)

# "a minimum range of about 500 km" is a lower bound: this phrase decides the
# reading even when nearer bound words ("about") stand between it and the number.
_MINIMUM_RANGE = (
    r"(?:an? )?minimum (?:effective |operational |strike |flight |firing )?"
    r"(?:range|reach|distance)(?: (?:of|is|:|=|-|at))?"
)

_PREFIX_WORDS: dict[str, _Spec] = {
    _MINIMUM_RANGE: _AT_LEAST,
    r"up to": _AT_MOST,
    r"(?:maximum|max(?: \.)?)(?: (?:effective |operational |strike |flight |firing )?"
    r"(?:range|reach|distance|radius))?(?: (?:of|is|:|=|-|at|reaching))?": _AT_MOST,
    r"a maximum of": _AT_MOST,
    r"as far as": _AT_MOST,
    r"as much as": _AT_MOST,
    r"out to": _AT_MOST,
    r"(?:no|not) (?:more|farther|further|longer) than": _AT_MOST,
    r"at (?:the )?most": _AT_MOST,
    r"less than": _AT_MOST,
    r"under": _AT_MOST,
    r"below": _AT_MOST,
    r"within": _AT_MOST,
    r"within (?:a |the |its )?(?:radius|range|distance) of": _AT_MOST,
    r"more than": _AT_LEAST,
    r"(?:well )?(?:over|beyond|above)": _AT_LEAST,
    r"at least": _AT_LEAST,
    r"(?:well )?in excess of": _AT_LEAST,
    r"exceeding": _AT_LEAST,
    r"(?:greater|longer|farther|further) than": _AT_LEAST,
    r"upwards? of": _AT_LEAST,
    r"(?:no|not) less than": _AT_LEAST,
    r"a minimum of": _AT_LEAST,
    r"about": _ABOUT,
    r"around": _ABOUT,
    r"roughly": _ABOUT,
    r"some": _ABOUT,
    r"approximately": _ABOUT,
    r"(?:an )?approximate": _ABOUT,
    r"approx(?: \.)?": _ABOUT,
    r"circa": _ABOUT,
    r"ca \.": _ABOUT,
    r"c \.": _ABOUT,
    r"~": _ABOUT,
    r"≈": _ABOUT,
    r"(?:an )?estimated": _ABOUT,
    r"est \.": _ABOUT,
    r"close to": _ABOUT,
    r"(?:in the region|on the order|of the order) of": _ABOUT,
    r"something like": _ABOUT,
    r"nearly": _BELOW,
    r"almost": _BELOW,
    r"(?:just|slightly|a little) (?:under|below|less than|short of|shy of)": _BELOW,
    r"(?:just|slightly|a little) (?:over|above|more than|beyond)": _ABOVE,
}

_SUFFIX_WORDS: dict[str, _Spec] = {
    r"or so": _ABOUT,
    r"or thereabouts": _ABOUT,
    r"(?:or|and) (?:more|longer|further|farther|above|beyond|over|greater|up)": _AT_LEAST,
    r"plus": _AT_LEAST,
    r"or (?:less|under)": _AT_MOST,
    r"at (?:the )?most": _AT_MOST,
    r"at least": _AT_LEAST,
}

# One alternation each; pattern k is capturing group k + 1. A search anchored
# at the end finds the leftmost, hence longest, bound phrase.
_PREFIX_RE = re.compile("(?:^| )(?:" + "|".join(f"({p})" for p in _PREFIX_WORDS) + ")$")
_PREFIX_SPECS = list(_PREFIX_WORDS.values())
_DOMINANT_PREFIXES = frozenset({list(_PREFIX_WORDS).index(_MINIMUM_RANGE)})
_SUFFIX_RE = re.compile("^(?:" + "|".join(f"({p})" for p in _SUFFIX_WORDS) + ")(?: |$)")
_SUFFIX_SPECS = list(_SUFFIX_WORDS.values())
# The words a suffix can start with: any other word needs no regex search.
_SUFFIX_FIRST = frozenset(
    w.strip()
    for p in _SUFFIX_WORDS
    for w in re.sub(r"[()?:]", " ", p.split(" ")[0]).split("|")
    if w.strip()
)

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
# Words that can start a claim's core: a number word, a vague magnitude's
# first word, or a word that opens an interval.
_CORE_START_WORDS = frozenset(
    {*_SMALL_NUMBERS, *_TENS, *_SCALES, "a", "between", "from"}
    | {key.split(" ")[0] for key in VAGUE_MAGNITUDES}
)

_UNIT_WORDS = frozenset(
    {"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers",
     "mi", "mile", "miles", "nmi", "nm",
     "m", "metre", "metres", "meter", "meters"}
)  # fmt: skip
_UNIT_SYMBOLS = {word: normalise_unit(word) for word in _UNIT_WORDS}
# The words a unit can start with.
# Speed units read as "<length unit> per hour" (the statement's type is speed).
_SPEED_UNITS = {"kph": "km", "kmh": "km", "kmph": "km", "mph": "mi", "knots": "nmi"}
_UNIT_LEADS = (
    _UNIT_WORDS
    | {"nautical", "statute", "sq", "square"}
    | set(_SPEED_UNITS)
    | {w + "²" for w in _UNIT_WORDS}
)
_CURRENCY_SIGNS = frozenset("$£€¥₽₴₹")
_CURRENCY_CODES = frozenset({"usd", "eur", "gbp", "rub", "uah", "us"})
_MONEY_WORDS = frozenset(
    {"dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling", "rouble",
     "roubles", "ruble", "rubles", "hryvnia", "hryvnias", "yuan", "usd", "eur", "gbp",
     "budget", "funding", "fund", "aid", "worth", "cost", "costs", "price", "contract"}
)  # fmt: skip
_COUNTED_NOUNS = frozenset(
    {"people", "persons", "users", "residents", "inhabitants", "soldiers", "troops",
     "viewers", "visitors", "doses", "shells", "rounds", "barrels", "tonnes", "tons",
     "votes", "followers", "refugees", "children", "civilians", "views", "subscribers"}
)  # fmt: skip
# ---------------------------------------------------------------------------
# The lexicon of statement types (see "Kinds of statement" in the module
# notes): which words around a length say what the length is.
# ---------------------------------------------------------------------------
_SPEED_TIME = frozenset(
    {"h", "hr", "hrs", "hour", "hours", "s", "sec", "second", "seconds",
     "min", "minute", "minutes"}
)  # fmt: skip
_RATE_TIME = frozenset(
    {"day", "days", "week", "weeks", "month", "months", "year", "years", "night", "fortnight"}
)
_SPEED_BEFORE = frozenset({"speed", "speeds", "velocity", "velocities", "mach"})
_ALTITUDE_BEFORE = frozenset(
    {"altitude", "altitudes", "height", "heights", "ceiling", "elevation", "apogee",
     "orbit", "orbits"}
)  # fmt: skip
_ALTITUDE_AFTER = frozenset({"high", "altitude", "up", "overhead", "aloft"})
_ACCURACY_BEFORE = frozenset(
    {"cep", "accuracy", "accurate", "error", "errors", "precision", "deviation", "miss",
     "precise", "deviate", "deviates"}
)  # fmt: skip
_ACCURACY_AFTER = frozenset({"cep", "accuracy", "precision"})
_SIZE_BEFORE = frozenset(
    {"diameter", "width", "length", "wingspan", "span", "depth", "size", "area",
     "perimeter", "circumference", "crater", "thickness", "measuring",
     "measures", "caliber", "calibre"}
)  # fmt: skip
_SIZE_AFTER = frozenset({"wide", "tall", "thick", "long", "across", "deep", "broad", "in"})
_BLAST_WORDS = frozenset({"blast", "kill", "lethal", "damage", "destruction", "fragmentation"})
_MOVEMENT_BEFORE = frozenset(
    {"advanced", "advance", "advances", "advancing", "gained", "gain", "gains", "gaining",
     "pushed", "push", "moved", "marched", "drove", "driven", "retreated", "retreat",
     "withdrew", "withdrawn", "penetrated", "progressed", "progress", "flew", "flown",
     "travelled", "traveled", "covered", "walked", "swam", "sailed", "crossed", "captured",
     "seized", "liberated", "broke", "breakthrough", "deeper", "drifted", "fell", "crawled"}
)  # fmt: skip
_DISTANCE_BEFORE = frozenset(
    {"located", "lies", "lie", "lying", "situated", "sits", "sit", "based", "stationed",
     "distance", "positioned", "deployed", "stands", "town", "village", "city", "lay"}
)  # fmt: skip
# After the unit: the word that introduces what a distance is measured to.
_DISTANCE_AFTER = frozenset(
    {"from", "behind", "inside", "into", "beyond", "outside", "off", "past", "across",
     "short", "downstream", "upstream", "inland", "offshore", "south", "north", "east",
     "west", "northeast", "northwest", "southeast", "southwest", "northeastern"}
)  # fmt: skip
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west"}
)  # fmt: skip
# Words that say the length is a weapon's reach: with one of these in the
# clause before it, a length "from the border" or "away" stays a range.
_RANGE_CUES = frozenset(
    {"range", "ranges", "ranged", "reach", "reaches", "reaching", "reachable", "target",
     "targets", "capable", "able", "can", "could", "striking", "hitting", "strike-range",
     "radius", "engage", "engaging", "intercept", "intercepts", "firing", "fly", "flies",
     "flying", "travel", "travels"}
)  # fmt: skip
# Words that stop the look-back for cues: a new clause begins.
_CLAUSE_WORDS = frozenset({"which", "where", "who", "whose", "while", "whereas", "that"})
_CLAUSE_PUNCT = frozenset({",", ";", "(", ":", ")", '"'})
_CUE_WINDOW = 8
# Words a reference may not contain ("from the front line was hit": "the
# front line"); a reference is at most _REFERENCE_WORDS words.
_REFERENCE_STOP = frozenset(
    {"was", "were", "is", "are", "be", "been", "and", "or", "but", "which", "that", "where",
     "when", "while", "on", "in", "at", "by", "with", "to", "as", "for", "after", "before",
     "since", "has", "have", "had", "said", "according", "if", "it", "its", "this",
     "hit", "struck", "came", "during", "overnight", "yesterday", "today", "last", "near",
     "than", "because", "so", "not"}
)  # fmt: skip
_REFERENCE_WORDS = 5
_PLACE_STOP = frozenset(
    {"the", "a", "an", "it", "its", "in", "on", "at", "by", "from", "this", "that", "these",
     "those", "he", "she", "they", "we", "i", "according", "but", "and", "some", "about",
     "around", "more", "nearly", "up", "there", "their", "his", "her", "our", "when",
     "after", "before", "since", "located", "situated", "lying", "ukrainian", "russian",
     "russia's", "ukraine's", "belarusian", "officials", "monday", "tuesday", "wednesday",
     "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
     "may", "june", "july", "august", "september", "october", "november", "december",
     "mr", "mrs", "ms", "gen", "president", "minister", "kremlin", "pentagon", "nato"}
)  # fmt: skip
_PLACE_LOOKBACK = 16
_AREA_NOTE = "an area (square units), not a length: figures in km²"
_TIME_NAMES = {
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "hours": "hour",
    "s": "second",
    "sec": "second",
    "seconds": "second",
    "min": "minute",
    "minutes": "minute",
}
_SIZE_IN = frozenset(
    {
        "diameter",
        "length",
        "width",
        "height",
        "depth",
        "size",
        "radius",
        "circumference",
        "area",
        "span",
    }
)
_RANGE_NOUNS = frozenset({"range", "ranges", "reach", "radius"})
_PAST_STRIKES = frozenset({"struck", "attacked", "destroyed", "bombed", "shelled", "hit"})
_SINGLE_KINDS = frozenset({"exact", "plus", "odd", "area"})
# Cue words before a length: word -> (type, how many words back it counts).
# The nearest one decides (see *Kinds of statement*).
_BEFORE_CUES: dict[str, tuple[str, int]] = {
    **{w: ("range", _CUE_WINDOW) for w in _RANGE_CUES},
    **{w: ("distance", 5) for w in _DISTANCE_BEFORE},
    **{w: ("movement", 6) for w in _MOVEMENT_BEFORE},
    **{w: ("size", 4) for w in _SIZE_BEFORE},
    **{w: ("altitude", 5) for w in _ALTITUDE_BEFORE},
    **{w: ("accuracy", 5) for w in _ACCURACY_BEFORE},
    **{w: ("speed", 5) for w in _SPEED_BEFORE},
    **{w: ("range", 5) for w in _RANGE_NOUNS},
}
# Words before a bare number that may make it a range in the unit used nearby.
_BARE_BEFORE = frozenset(
    {"of", "to", "is", "range", "reach", "than", "over", "about", "around", "some",
     "nearly", "almost", "approximately", "roughly", "least", "most", ":", "=", "beyond",
     "exceeding", "above", "under", "within", "~"}
)  # fmt: skip
# What may follow a bare number read as a range.
_BARE_AFTER = frozenset(
    {"and", "or", "but", "while", "which", "for", "in", "when", "with", "according", "so",
     "though", "although", "whereas", "than"}
)  # fmt: skip
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "prof", "gen", "lt", "col", "sgt", "capt", "maj",
     "adm", "sen", "rep", "gov", "pres", "approx", "ca", "est", "vs", "etc", "e.g", "i.e",
     "max", "min", "fig", "vol", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
     "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos"}
)  # fmt: skip

_MAX_NUMBER_DIGITS = 15
_DUAL_TOLERANCE = 0.15
_QUALIFIER_WINDOW = 8
# Most tokens from a claim's first token to its unit word: "between one
# thousand five hundred and two thousand five hundred kilometres" is 11; the
# grammar's longest readings stay well inside this.
_CORE_SPAN = 32
_LOOKAHEAD_PAD = 32

# Length-preserving normalisation: dashes to "-", odd spaces to " ", quotes.
_NORMALISE = str.maketrans(
    {
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
        **{
            c: " "
            for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
            "\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff\t\x0b\x0c"
        },
        **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032"},
        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
        **{c: "\n" for c in "\u2028\u2029\x85\x1c\x1d\x1e"},
    }
)
_EM_DASHES = frozenset("\u2014\u2015")

_TOKEN_RE = re.compile(
    r"(?P<num>(?<![^\W\d_])(?<![^\W\d_]-)[0-9]{1,3}(?:[, ][0-9]{3}(?![0-9]))+(?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>\S)"
)
_SENTENCE_END_RE = re.compile(r"(?<![.!?])[.!?]+['\")\]]*(?= )")
_NEXT_CHAR_RE = re.compile(r" *(\S)")


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
        ``"size"`` or ``"accuracy"``; see *Kinds of statement*.
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
        data: dict[str, Any] = {
            "type": self.type,
            "low_km": self.low_km,
            "high_km": self.high_km,
            "nominal_km": self.nominal_km,
            "kind": self.kind,
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "unit": self.unit,
            "weapon": self.weapon,
            "note": self.note,
        }
        if self.type == "distance":
            data["place"] = self.place
            data["reference"] = self.reference
        return data


def parse_claims(text: str, *, weapon_names: Iterable[str] | None = None) -> list[RangeClaim]:
    """Find every weapon range claim in a text.

    Parameters
    ----------
    text : str
        Any text; news prose is what it is made for.
    weapon_names : iterable of str, optional
        Extra weapon names to attribute claims to (a catalogue's aliases),
        searched case-insensitively together with
        :data:`DEFAULT_WEAPON_NAMES`.

    Returns
    -------
    list of RangeClaim
        The statements of :func:`parse_statements` whose type is
        ``"range"``, in order of appearance; none overlap.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    InputError
        If the text states more than :data:`MAX_CLAIMS` lengths.

    Examples
    --------
    >>> [c.phrase for c in parse_claims("A 300-km range, 50,000 troops, a 2024 deal.")]
    ['300-km']
    >>> parse_claims("Belgorod lies about 40 km from the border.")
    []
    """
    return [c for c in parse_statements(text, weapon_names=weapon_names) if c.type == "range"]


def parse_statements(text: str, *, weapon_names: Iterable[str] | None = None) -> list[RangeClaim]:
    """Find every length a text states, each with its type (range, distance, speed, ...).

    Parameters
    ----------
    text : str
        Any text.
    weapon_names : iterable of str, optional
        As for :func:`parse_claims`.

    Returns
    -------
    list of RangeClaim
        Every statement in order of appearance, ranges and the other
        :data:`TYPES` (see *Kinds of statement* in the module notes).

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    InputError
        If the text states more than :data:`MAX_CLAIMS` lengths.

    Examples
    --------
    >>> [(s.type, s.low_km, s.high_km, s.place, s.reference) for s in parse_statements(
    ...     "Belgorod, which lies about 40 km behind the border, was hit.")]
    [('distance', 36.0, 44.0, 'Belgorod', 'the border')]
    >>> [(s.type, s.low_km, s.high_km) for s in parse_statements("It flies more than 250 km.")]
    [('range', 250.0, None)]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    norm = _normalise(text)
    if isinstance(weapon_names, str):
        weapon_names = [weapon_names]
    names = tuple(weapon_names) if weapon_names is not None else ()
    weapon_re = _weapon_regex(tuple(sorted({str(n) for n in names})))
    weapons = [(m.start(), m.end()) for m in weapon_re.finditer(norm)]
    spans = _sentence_spans(norm)

    claims: list[RangeClaim] = []
    # Numbers written without a unit after a range word ("a range of up to
    # 2,000"), kept until the units of the text's ranges are known.
    bare: list[tuple[_Found, str, int, int, str | None]] = []
    weapon_index = 0
    previous_weapon: tuple[int, int] | None = None
    for s_start, s_end in spans:
        in_sentence = []
        while weapon_index < len(weapons) and weapons[weapon_index][0] < s_end:
            if weapons[weapon_index][0] >= s_start:
                in_sentence.append(weapons[weapon_index])
            weapon_index += 1
        raw = text[s_start:s_end]
        lead = len(raw) - len(raw.lstrip())
        sentence = raw.strip()
        sentence_start = s_start + lead
        sentence_end = sentence_start + len(sentence)
        reader = _Sentence(text, norm, s_start, s_end, in_sentence)
        found = reader.claims(MAX_CLAIMS - len(claims))
        if len(claims) + len(found) > MAX_CLAIMS:
            raise InputError(
                f"the text states more than {MAX_CLAIMS:,} range claims; that is no news "
                "text: give the article itself, or split a collection into files"
            )
        starts = [w[0] for w in in_sentence]
        for f in found:
            weapon = _attribute(f.start, f.end, in_sentence, starts, previous_weapon)
            weapon_text = None if weapon is None else text[weapon[0] : weapon[1]]
            if f.unit == "":
                bare.append((f, sentence, sentence_start, sentence_end, weapon_text))
                continue
            claims.append(
                RangeClaim(
                    low_km=f.low,
                    high_km=f.high,
                    nominal_km=f.nominal,
                    kind=f.kind,
                    phrase=text[f.start : f.end],
                    start=f.start,
                    end=f.end,
                    sentence=sentence,
                    unit=f.unit,
                    weapon=weapon_text,
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                    type=f.type,
                    note=f.note,
                    place=f.place,
                    reference=f.reference,
                )
            )
        previous_weapon = in_sentence[-1] if in_sentence else None
    if bare:
        claims = _read_bare_numbers(text, claims, bare)
    return claims


def _read_bare_numbers(
    text: str,
    claims: list[RangeClaim],
    bare: list[tuple[_Found, str, int, int, str | None]],
) -> list[RangeClaim]:
    """Read numbers without a unit in the unit of the nearest range stated with one."""
    ranges = [c for c in claims if c.type == "range"]
    if not ranges:
        return claims
    starts = [c.start for c in ranges]
    added: list[RangeClaim] = []
    for f, sentence, sentence_start, sentence_end, weapon in bare:
        at = bisect.bisect_left(starts, f.start)
        near = [ranges[k] for k in (at - 1, at) if 0 <= k < len(ranges)]
        ref = min(near, key=lambda c: min(abs(c.start - f.end), abs(f.start - c.end)))
        factor = KM_PER_UNIT[ref.unit]
        low = None if f.low is None else f.low * factor
        high = None if f.high is None else f.high * factor
        shown = " ".join(ref.phrase.split())[:60]
        added.append(
            RangeClaim(
                low_km=low,
                high_km=high,
                nominal_km=f.nominal * factor,
                kind=f.kind,
                phrase=text[f.start : f.end],
                start=f.start,
                end=f.end,
                sentence=sentence,
                unit=ref.unit,
                weapon=weapon,
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                type="range",
                note=f"no unit given: read in {ref.unit}, the unit of the range "
                f"{shown!r} stated nearby",
            )
        )
    return sorted([*claims, *added], key=lambda c: c.start)


def parse_claim(phrase: str) -> RangeClaim:
    """Parse one range claim given on its own, e.g. on a command line.

    Parameters
    ----------
    phrase : str
        A distance with a unit, optionally with bound words or a vague
        magnitude: ``"300 km"``, ``"up to 190 miles"``, ``"165-300 km"``,
        ``"several hundred kilometers"``.

    Returns
    -------
    RangeClaim
        The claim; its sentence is the stripped phrase.

    Raises
    ------
    InputError
        If the phrase holds no range claim, more than one, or words around
        the claim that are not part of it (``"not 300 km"``, ``"minus 300
        km"``, ``"1/2 km"``, ``"xyz 300 km zzz"``): a range given on its own
        is one range expression. Only an article in front (``"a"``, ``"an"``,
        ``"the"``), the word ``range`` after, quotes and a final full stop
        may surround it.

    Examples
    --------
    >>> c = parse_claim("a few hundred miles")
    >>> round(c.low_km, 1), round(c.high_km, 1), c.unit
    (321.9, 804.7, 'mi')
    """
    claims = [
        c if c.type == "range" else dataclasses.replace(c, type="range", place=None, reference=None)
        for c in parse_statements(phrase)
        if c.type != "speed" and c.note != _AREA_NOTE
    ]
    accepted = (
        "give a distance with a unit, e.g. '300 km', 'up to 190 miles', "
        "'165-300 km' or 'several hundred kilometers'"
    )
    shown = phrase if len(phrase) <= 60 else phrase[:57] + "..."
    shown = " ".join(shown.split())
    if not claims:
        raise InputError(f"no range claim in {shown!r}; {accepted}")
    if len(claims) > 1:
        raise InputError(f"{len(claims)} range claims in {shown!r}; {accepted}")
    claim = claims[0]
    extra = _stray_words(_normalise(phrase[: claim.start]), _normalise(phrase[claim.end :]))
    if extra:
        listed = ", ".join(repr(w if len(w) <= 20 else w[:19] + "…") for w in extra[:3])
        more = f" and {len(extra) - 3} more" if len(extra) > 3 else ""
        raise InputError(
            f"{shown!r} is not one range: {listed}{more} "
            f"{'is' if len(extra) == 1 else 'are'} not part of the range "
            f"{' '.join(claim.phrase.split())!r}; {accepted}"
        )
    return claim


# Around a claim given on its own (parse_claim) only these may stand.
_LEAD_WORDS = frozenset({"a", "an", "the"})
_TAIL_WORDS = frozenset({"range"})
_FRAME_PUNCT = frozenset({'"', "'"})


def _stray_words(before: str, after: str) -> list[str]:
    """Return the tokens around a lone claim that are not allowed framing."""
    stray: list[str] = []
    lead = [m.group() for m in _TOKEN_RE.finditer(before)]
    tail = [m.group() for m in _TOKEN_RE.finditer(after)]
    if tail and tail[-1] == ".":
        tail.pop()
    for tokens, words in ((lead, _LEAD_WORDS), (tail, _TAIL_WORDS)):
        for tok in tokens:
            if tok.lower() not in words and tok not in _FRAME_PUNCT:
                stray.append(tok)
    return stray


# ---------------------------------------------------------------------------
# Implementation
# ---------------------------------------------------------------------------


def _format_km(value: float) -> str:
    if value < 10:
        return f"{value:.3g}"  # metres and short ranges keep three figures
    rounded = round(value, 1)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.1f}"


def _normalise(text: str) -> str:
    """Return ``text`` with the same length, dashes, spaces and quotes unified."""
    norm = text.translate(_NORMALISE)
    return norm.replace("\r\n", " \n").replace("\r", "\n")


@lru_cache(maxsize=16)
def _weapon_regex(extra: tuple[str, ...]) -> re.Pattern[str]:
    patterns: dict[str, str] = {}
    for name in (*extra, *DEFAULT_WEAPON_NAMES):
        parts = [p for p in re.split(r"[\s\-\u2010-\u2015\u2212]+", name.strip()) if p]
        if not parts or not any(ch.isalnum() for ch in name):
            continue
        key = " ".join(parts).lower()
        patterns.setdefault(key, r"[ -]?".join(re.escape(p) for p in parts))
    ordered = sorted(patterns.items(), key=lambda kv: (-len(kv[0]), kv[0]))
    alternatives = "|".join(p for _, p in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


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


def _sentence_spans(norm: str) -> list[tuple[int, int]]:
    """Split normalised text into (start, end) spans of sentences."""
    cuts = {0, len(norm)}
    # Line ends.
    lines = norm.split("\n")
    offset = 0
    for index, line in enumerate(lines[:-1]):
        offset += len(line)
        stripped = line.strip()
        following = lines[index + 1].lstrip()
        if (
            not stripped
            or not following
            or stripped[-1] in ".!?:;'\")]"
            or (len(stripped) < 60 and not following[0].islower())
        ):
            cuts.add(offset)
        offset += 1
    # Sentence punctuation within lines.
    for match in _SENTENCE_END_RE.finditer(norm):
        after = _NEXT_CHAR_RE.match(norm, match.end())
        if after is not None and after.group(1).islower():
            continue
        if "." in match.group() and not any(c in match.group() for c in "!?"):
            before = norm[max(0, match.start() - 40) : match.start()]
            word = before[before.rfind(" ") + 1 :].split("\n")[-1].lstrip("'\"([").lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word):
                continue
        cuts.add(match.end())
    ordered = sorted(cuts)
    spans = []
    for start, end in itertools.pairwise(ordered):
        if norm[start:end].strip():
            spans.append((start, end))
    return spans


# Named tuples, not dataclasses: a long text makes millions of these, and a
# tuple is several times cheaper to build than a frozen dataclass.
class _Token(NamedTuple):
    kind: str  # "num", "word" or "punct"
    low: str  # lower-cased normalised text
    start: int
    end: int
    raw: str  # text as given
    value: float | None = None  # usable numeric value of a "num" token


class _Number(NamedTuple):
    value: float
    end: int  # token index after the number
    counted: float | None  # for "<count> <scale>" numbers: the count
    scale: int | None


class _Found(NamedTuple):
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
    kind: str  # "exact", "plus", "odd", "area", "interval" or "vague"
    low: float  # km
    high: float
    nominal: float
    unit: str
    first: int  # token indices [first, last)
    last: int


class _Sentence:
    """The tokens of one sentence and the grammar that reads them."""

    def __init__(
        self,
        text: str,
        norm: str,
        start: int,
        end: int,
        weapons: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.norm = norm
        self._weapon_starts = [w[0] for w in weapons]
        toks: list[_Token] = []
        words: list[str | None] = []
        puncts: list[str | None] = []
        money = False
        # The hot loop of a long text: names bound locally, tuples built directly.
        new, add_tok, add_word, add_punct = tuple.__new__, toks.append, words.append, puncts.append
        number_value = self._number_value
        for m in _TOKEN_RE.finditer(norm, start, end):
            a, b = m.span()
            kind = m.lastgroup or "punct"
            low = m.group().lower()
            raw = text[a:b]
            if kind == "word":
                add_tok(new(_Token, (kind, low, a, b, raw, None)))
                add_word(low)
                add_punct(None)
                if not money and low in _MONEY_WORDS:
                    money = True
            elif kind == "num":
                value = number_value(toks, low, a, weapons)
                add_tok(new(_Token, (kind, low, a, b, raw, value)))
                add_word(None)
                add_punct(None)
            else:
                add_tok(new(_Token, (kind, low, a, b, raw, None)))
                add_word(None)
                add_punct(low)
                if not money and raw in _CURRENCY_SIGNS:
                    money = True
        self.toks = toks
        self.money = money
        self._units_at: dict[int, tuple[str, int, str] | None] = {}
        self._numbers_at: dict[int, _Number | None] = {}
        # Per-index lookups, padded so that reading a little past the end
        # needs no bounds test (the grammar looks at most a few tokens ahead).
        pad: list[None] = [None] * _LOOKAHEAD_PAD
        self._tok: list[_Token | None] = [*toks, *pad]
        self._word: list[str | None] = [*words, *pad]
        self._punct: list[str | None] = [*puncts, *pad]

    # -- token helpers -------------------------------------------------
    def _number_value(
        self, toks: list[_Token], low: str, start: int, weapons: list[tuple[int, int]]
    ) -> float | None:
        """Return the usable value of a number token at ``start`` after ``toks``, or None."""
        if len(low) > _MAX_NUMBER_DIGITS and sum(ch.isdigit() for ch in low) > _MAX_NUMBER_DIGITS:
            return None
        # Weapon matches do not overlap and are sorted: the only one that can
        # hold this number is the last one starting at or before it.
        at = bisect.bisect_right(self._weapon_starts, start) - 1
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

    def tok(self, i: int) -> _Token | None:
        if i < 0:
            return None
        try:
            return self._tok[i]
        except IndexError:
            return None

    def word(self, i: int) -> str | None:
        if i < 0:
            return None
        try:
            return self._word[i]
        except IndexError:
            return None

    def punct(self, i: int) -> str | None:
        if i < 0:
            return None
        try:
            return self._punct[i]
        except IndexError:
            return None

    def glued(self, i: int) -> bool:
        """Whether token ``i`` touches token ``i - 1``."""
        a, b = self.tok(i - 1), self.tok(i)
        return a is not None and b is not None and a.end == b.start

    def joined(self, lo: int, hi: int) -> tuple[str, list[int]]:
        """Join tokens ``lo:hi`` with single spaces; return offsets of each token."""
        parts: list[str] = []
        offsets: list[int] = []
        pos = 0
        for t in self.toks[lo:hi]:
            offsets.append(pos)
            parts.append(t.low)
            pos += len(t.low) + 1
        return " ".join(parts), offsets

    # -- numbers and units ---------------------------------------------
    def number(self, i: int) -> _Number | None:
        try:
            return self._numbers_at[i]
        except KeyError:
            found = self._number(i)
            self._numbers_at[i] = found
            return found

    def _number(self, i: int) -> _Number | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "num":
            if t.value is None:
                return None
            scale_word = self.word(i + 1)
            if scale_word in _SCALES:
                scale = _SCALES[scale_word]
                return _Number(t.value * scale, i + 2, t.value, scale)
            return _Number(t.value, i + 1, None, None)
        if t.kind == "word":
            return self._number_words(i)
        return None

    def _number_words(self, i: int) -> _Number | None:
        j = i
        total = 0
        current = 0
        last = ""  # "small", "tens", "hundred", "thousand"
        words: list[str] = []
        end = i
        if self.word(i) == "a" and self.word(i + 1) in _SCALES:
            current, last, j = 1, "small", i + 1
            words.append("one")
        while True:
            w = self.word(j)
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
            nxt = self.tok(j)
            if nxt is None:
                break
            hyphen = nxt.low == "-" and self.glued(j) and self.glued(j + 1)
            if hyphen and self._is_number_word(j + 1):
                j += 1
            elif nxt.low == "and" and last in ("hundred", "thousand"):
                j += 1 if self._and_continues(j + 1) else 0
        if end == i:
            return None
        value = float(total + current)
        count: float | None = None
        scale: int | None = None
        if words[-1] in _SCALES and not any(w in _SCALES for w in words[:-1]):
            scale = _SCALES[words[-1]]
            count = value / scale
        return _Number(value, end, count, scale)

    def _is_number_word(self, i: int) -> bool:
        w = self.word(i)
        return w is not None and (w in _SMALL_NUMBERS or w in _TENS or w in _SCALES)

    def _and_continues(self, i: int) -> bool:
        """Whether "and" at ``i - 1`` joins a sub-hundred part to the number."""
        j = i
        seen = False
        while True:
            w = self.word(j)
            if w is not None and (w in _SMALL_NUMBERS or w in _TENS):
                seen = True
                j += 1
            elif seen and self.punct(j) == "-" and self._is_number_word(j + 1):
                j += 1
            else:
                break
        return seen and self.word(j) not in _SCALES

    def unit(self, j: int) -> tuple[str, int] | None:
        """Parse a unit at token ``j``; return (canonical unit, index after)."""
        w = self.word(j)
        if w is None:
            return None
        if w in ("nautical", "statute"):
            k = j + 1
            if self.punct(k) == "-" and self.glued(k):
                k += 1
            if self.word(k) in ("mile", "miles", "mi"):
                return ("nmi" if w == "nautical" else "mi"), k + 1
            return None
        if w in _SPEED_UNITS:
            return _SPEED_UNITS[w], j + 1
        if w not in _UNIT_WORDS:
            return None
        if w == "m":
            t = self.toks[j]
            if t.raw != "m" or self.money or self.word(j + 1) in _COUNTED_NOUNS:
                return None
        return _UNIT_SYMBOLS[w], j + 1

    def connected_unit(self, j: int) -> tuple[str, int, str] | None:
        """Parse what may follow a number: a marker, a hyphen, a unit.

        Returns (canonical unit, index after, marker) where the marker is
        ``"plus"`` for ``300+``/``300-plus``/``300 plus``, ``"odd"`` for
        ``300-odd``/``300 odd`` and ``""`` otherwise. Results are kept: the
        interval and the single readings ask about the same tokens.
        """
        try:
            return self._units_at[j]
        except KeyError:
            found = self._connected_unit(j)
            self._units_at[j] = found
            return found

    def _connected_unit(self, j: int) -> tuple[str, int, str] | None:
        if self.word(j) is None and (self.punct(j) not in ("+", "-") or self.word(j + 1) is None):
            return None  # a unit is a word, after at most a "+" or a hyphen
        mark = ""
        if self.punct(j) == "+":
            mark, j = "plus", j + 1
        elif (
            self.punct(j) == "-"
            and self.glued(j)
            and self.word(j + 1) in ("plus", "odd")
            and self.glued(j + 1)
        ):
            mark, j = self.word(j + 1) or "", j + 2
        elif self.word(j) in ("plus", "odd") and self.unit(j + 1) is not None:
            mark, j = self.word(j) or "", j + 1
        if self.punct(j) == "-" and self.glued(j) and self.glued(j + 1):
            j += 1
        if self.word(j) in ("sq", "square"):
            mark, j = "area", j + 1
            if self.punct(j) == ".":
                j += 1
        w = self.word(j)
        if w is not None and w[-1:] in ("²", "³") and w[:-1] in _UNIT_WORDS:
            return _UNIT_SYMBOLS[w[:-1]], j + 1, "area"  # "km²" is one word token
        found = self.unit(j)
        if found is None:
            return None
        return found[0], found[1], mark

    # -- cores -----------------------------------------------------------
    def core(self, i: int) -> _Core | None:
        return self._vague(i) or self._interval(i) or self._single(i)

    def _vague(self, i: int) -> _Core | None:
        words: list[str] = []
        ends: list[int] = []
        j = i
        while len(words) < 6:
            w = self.word(j)
            if w is None:
                break
            words.append(w)
            j += 1
            ends.append(j)
            if self.punct(j) == "-" and self.glued(j) and self.glued(j + 1) and self.word(j + 1):
                j += 1
        for n in range(len(words), 0, -1):
            key = _vague_key(words[:n])
            if key is None:
                continue
            found = self.connected_unit(ends[n - 1])
            if found is None or found[2]:
                continue
            unit, after, _ = found
            factor = KM_PER_UNIT[unit]
            low, high, nominal = VAGUE_MAGNITUDES[key]
            return _Core("vague", low * factor, high * factor, nominal * factor, unit, i, after)
        return None

    def _interval(self, i: int) -> _Core | None:
        w = self.word(i)
        if w == "between":
            joiners: tuple[str, ...] = ("and", "-")
            a_at = i + 1
        elif w == "from":
            joiners = ("to", "-", "~")
            a_at = i + 1
        else:
            joiners = ("to", "-", "~")
            a_at = i
        a = self.number(a_at)
        if a is None:
            return None
        j = a.end
        unit_a: str | None = None
        found_a = self.connected_unit(j)
        if found_a is not None and not found_a[2]:
            unit_a, j = found_a[0], found_a[1]
        sep = self.tok(j)
        if sep is None or sep.low not in joiners:
            return None
        if sep.low == "-" and sep.raw in _EM_DASHES and not (self.glued(j) and self.glued(j + 1)):
            return None
        b = self.number(j + 1)
        if b is None:
            return None
        found_b = self.connected_unit(b.end)
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

    def _single(self, i: int) -> _Core | None:
        n = self.number(i)
        if n is None or n.value <= 0:
            return None
        found = self.connected_unit(n.end)
        if found is None:
            return None
        unit, after, mark = found
        km = n.value * KM_PER_UNIT[unit]
        return _Core(mark or "exact", km, km, km, unit, i, after)

    def bare(self, i: int, lo: int) -> tuple[_Found, int] | None:
        """Read a number without a unit right after a range word ("a range of up to 2,000").

        The figure is kept in no unit (``unit == ""``): the caller reads it
        in the unit of the nearest range stated with one.
        """
        prev = self.tok(i - 1)
        if prev is None or prev.low not in _BARE_BEFORE:
            return None
        n = self.number(i)
        if n is None or n.value <= 0:
            return None
        nxt = self.tok(n.end)
        glued = nxt is not None and nxt.start == self.toks[n.end - 1].end
        if glued and nxt is not None and nxt.low not in (".", ",", ";", ")"):
            return None  # glued to something: "2,000%", "2,000-strong"
        if nxt is not None and nxt.kind == "num":
            return None
        if nxt is not None and nxt.kind == "word" and nxt.low not in _BARE_AFTER:
            return None
        if nxt is not None and nxt.kind == "punct" and nxt.low not in ".,;)!?":
            return None
        first, spec = self.prefix(lo, i)
        k = first - 1
        if self.word(k) in ("of", "is") or self.punct(k) in (":", "="):
            k -= 1
        cue = self.word(k) in ("range", "ranges", "reach")
        if not cue and not any(self.word(m) in ("range", "reach") for m in range(first, i)):
            return None
        core = _Core("exact", n.value, n.value, n.value, "", i, n.end)
        kind, low, high, nominal = _read(core, spec)
        start, end = self.toks[first].start, self.toks[n.end - 1].end
        return _Found(start, end, kind, low, high, nominal, "", "range", None, None, None), n.end

    # -- around a core -------------------------------------------------
    def prefix(self, lo: int, hi: int) -> tuple[int, _Spec | None]:
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
            joined, offsets = self.joined(window_lo, first)
            m = _PREFIX_RE.search(joined)
            if m is None or m.lastindex is None or m.start(m.lastindex) not in offsets:
                break
            first = window_lo + offsets.index(m.start(m.lastindex))
            if innermost is None or m.lastindex - 1 in _DOMINANT_PREFIXES:
                innermost = _PREFIX_SPECS[m.lastindex - 1]
        return first, innermost

    def suffix(self, j: int) -> tuple[int, _Spec | None]:
        if self.word(j) not in _SUFFIX_FIRST:
            return j, None
        hi = min(len(self.toks), j + 3)
        joined, offsets = self.joined(j, hi)
        m = _SUFFIX_RE.match(joined)
        if m is None or m.lastindex is None:
            return j, None
        count = sum(1 for o in offsets if o < m.end(m.lastindex))
        if self.word(j + count) == "than":
            return j, None  # "300 km and more than ...": a new bound, not a suffix
        return j + count, _SUFFIX_SPECS[m.lastindex - 1]

    def inner_claim(self, k: int) -> _Core | None:
        """Find a core at ``k`` or after bound words starting at ``k``."""
        for m in range(k, min(k + 5, len(self.toks))):
            core = self.core(m)
            if core is None:
                continue
            if m == k or self.prefix(k, m)[0] == k:
                return core
            return None
        return None

    def dual(self, core: _Core, j: int) -> int:
        """Extend a claim over the same value given in another unit."""
        k = j + 1 if self.punct(j) == "," else j
        opener = self.punct(k)
        closers = {"(": ")", "[": "]"}
        inner: _Core | None = None
        end = j
        if opener in closers:
            inner = self.inner_claim(k + 1)
            if inner is None or self.punct(inner.last) != closers[opener]:
                return j
            end = inner.last + 1
        elif self.punct(j) == "/":
            inner = self.core(j + 1)
            end = inner.last if inner else j
        elif self.word(k) == "or":
            inner = self.inner_claim(k + 1)
            end = inner.last if inner else j
        elif self.punct(j) == "-" and not self.glued(j) and not self.glued(j + 1):
            inner = self.inner_claim(j + 1)  # "2,500 km - some 1,550 miles - ..."
            end = inner.last if inner else j
        if inner is None or inner.unit == core.unit or not _agree(core, inner):
            return j
        return end

    # -- what a length is ----------------------------------------------
    def clause_words(self, first: int, lo: int) -> list[str]:
        """Return the words before token ``first`` in its clause, nearest first.

        At most :data:`_CUE_WINDOW` tokens, not before ``lo`` (the end of the
        previous statement), stopping at clause punctuation and at the words
        that open a relative clause ("Belgorod, which lies ...").
        """
        out: list[str] = []
        k = first - 1
        stop = max(lo, first - _CUE_WINDOW, 0)
        while k >= stop:
            t = self.toks[k]
            if t.kind == "punct" and t.low in _CLAUSE_PUNCT:
                break
            if t.kind == "word":
                if t.low in _CLAUSE_WORDS:
                    break
                out.append(t.low)
            k -= 1
        return out

    def distance_after(self, j: int, first: int) -> tuple[bool, bool, int | None]:
        """Whether the words from token ``j`` make a length a distance.

        Returns (cue found, "away" written, first token of what the distance
        is measured to or None).
        """
        k = j
        away = self.word(k) == "away"
        if away:
            k += 1
        if self.word(k) == "to" and self.word(k + 1) == "the" and self.word(k + 2) in _DIRECTIONS:
            k += 2
        w = self.word(k)
        if w in _DIRECTIONS:
            k += 1
            if self.punct(k) == "-" and self.word(k + 1) in ("east", "west") and self.glued(k + 1):
                k += 2
            if self.word(k) in ("of", "from"):
                return True, away, k + 1
            return True, away, None
        if w in _DISTANCE_AFTER:
            if w == "short":
                return (True, away, k + 2) if self.word(k + 1) == "of" else (away, away, None)
            if w in ("inland", "offshore", "downstream", "upstream"):
                return True, away, None
            if w in ("northeastern",):
                return away, away, None
            return True, away, k + 1
        if w == "deep" and self.word(k + 1) in ("into", "inside", "behind", "in"):
            return True, away, k + 2
        if w == "of" and self.word(first) == "within":
            nxt = self.tok(k + 1)
            if nxt is not None and (nxt.low in ("the", "a", "an") or nxt.raw[:1].isupper()):
                return True, away, k + 1
        return away, away, None

    def statement_type(
        self, core: _Core, first: int, last: int, lo: int, kind: str
    ) -> tuple[str, str | None, int | None]:
        """Decide what a length is (see *Kinds of statement*): (type, note, reference token)."""
        j = core.last
        nxt = self.tok(j)
        metres = core.unit == "m"
        # 1. Areas.
        if core.kind == "area" or self.word(j) in ("squared", "cubed"):
            return "size", _AREA_NOTE, None
        if (
            nxt is not None
            and self.glued(j)
            and (nxt.low in ("²", "³", "^") or (nxt.kind == "num" and nxt.low in ("2", "3")))
        ):
            return "size", _AREA_NOTE, None
        # 2. Speeds and rates of movement, by what follows the unit.
        if self.word(j - 1) in _SPEED_UNITS:
            return "speed", "per hour", None
        k = j + 1 if self.punct(j) == "." and self.word(j + 1) == "per" else j
        w, t = self.word(k), self.word(k + 1)
        if w in ("per", "a", "an", "each", "every") or self.punct(k) == "/":
            if t in _SPEED_TIME:
                return "speed", f"per {_TIME_NAMES.get(t, t)}", None
            if t in _RATE_TIME:
                return "movement", f"per {t.rstrip('s')}", None
        if w == "in" and _RATE_TIME.intersection((t, self.word(k + 2), self.word(k + 3))):
            return "movement", None, None
        # 3. Other words right after the length.
        after = self.word(last)
        k = last + 1 if self.punct(last) == "-" and self.glued(last) else last
        w = self.word(k)
        if w in ("range", "ranges", "reach") or (w == "radius" and not metres):
            return "range", None, None  # "a 300 km range", "300-km-range"
        if after in _ACCURACY_AFTER:
            return "accuracy", None, None
        if (
            metres
            and after == "of"
            and self.word(last + 1) in ("the", "its", "their")
            and self.word(last + 2) in ("target", "targets", "aim", "aiming", "impact")
        ):
            return "accuracy", None, None
        if after in ("high", "altitude") or (
            after == "above" and self.word(last + 1) in ("sea", "ground", "the")
        ):
            return "altitude", None, None
        cue, away, reference = self.distance_after(last, first)
        if w in _SIZE_AFTER:
            if w == "in":
                if self.word(k + 1) in _SIZE_IN:
                    return "size", None, None
            elif not (w == "long" and "range" in (self.word(k + 1), self.word(k + 2))) and (
                w not in ("deep", "across") or not cue or self.word(k + 1) is None
            ):
                return "size", None, None
        # 4. The nearest cue word before the length decides.
        before = self.clause_words(core.first, lo)
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
        # 5. A distance cue after it, with no cue before.
        if cue:
            if away and reference is None and kind == "at most":
                return "range", None, None  # "up to 1,500 km away": a reach
            return "distance", None, reference
        # 6. A length in metres with nothing saying it is a reach is a size.
        if metres:
            return "size", None, None
        return "range", None, None

    def reference_text(self, k: int | None) -> tuple[str | None, int]:
        """Return what a distance is measured to, from token ``k``, and the token after it."""
        if k is None:
            return None, -1
        words = 0
        end = k
        m = k
        while words < _REFERENCE_WORDS:
            t = self.tok(m)
            if t is None:
                break
            if t.kind == "word":
                if t.low in _REFERENCE_STOP and not (m == k and t.low in ("the", "a")):
                    break
                words += 1
                m += 1
                end = m
            elif t.low in ("-", "'") and self.glued(m) and self.glued(m + 1) and self.word(m + 1):
                m += 1
            else:
                break
        if end == k or (end == k + 1 and self.word(k) in ("the", "a", "an")):
            return None, -1
        return self.text[self.toks[k].start : self.toks[end - 1].end], end

    def place_run(self, k: int) -> tuple[int, int] | None:
        """Return the capitalised name ending at token ``k`` (inclusive): (first, last + 1)."""
        t = self.toks[k]
        if t.kind != "word" or not t.raw[:1].isupper() or t.low in _PLACE_STOP:
            return None
        first = k
        while first > 0:
            prev = self.toks[first - 1]
            if prev.kind == "word" and prev.raw[:1].isupper() and prev.low not in _PLACE_STOP:
                first -= 1
            elif (
                prev.low == "-"
                and self.glued(first)
                and first >= 2
                and self.glued(first - 1)
                and self.toks[first - 2].kind == "word"
            ):
                first -= 2  # "Rostov-on-Don", "Nizhny-Novgorod"
            else:
                break
        return first, k + 1

    def place_text(self, first: int, after: int) -> str | None:
        """Return the place a distance is measured from: the nearest name before, else after."""
        for k in range(first - 1, max(-1, first - _PLACE_LOOKBACK - 1), -1):
            run = self.place_run(k)
            if run is not None:
                return self.text[self.toks[run[0]].start : self.toks[run[1] - 1].end]
        if after < 0:
            return None
        for k in range(after, min(len(self.toks), after + 8)):
            run = self.place_run(k)
            if run is not None:
                end = run[1]
                while end < len(self.toks) and self.place_run(end) is not None:
                    end += 1
                return self.text[self.toks[run[0]].start : self.toks[end - 1].end]
        return None

    def upper_bound(self, j: int) -> tuple[float, int] | None:
        """Read an upper bound added to a lower one: "above 300 km (and up to 1,000 km)".

        Returns (upper figure in km, token after) or None.
        """
        k = j
        closer: str | None = None
        if self.punct(k) == "(":
            closer, k = ")", k + 1
        elif self.punct(k) == ",":
            k += 1
        if self.word(k) not in ("and", "but"):
            return None
        k += 1
        for m in range(k + 1, min(k + 5, len(self.toks))):
            core = self.core(m)
            if core is None:
                continue
            f, spec = self.prefix(k, m)
            if f != k or spec is None or spec[0] != "at most" or core.kind != "exact":
                return None
            end = core.last
            if closer is not None:
                if self.punct(end) != closer:
                    return None
                end += 1
            return core.nominal, end
        return None

    def claims(self, limit: int) -> list[_Found]:
        """Return every length statement of the sentence, in order.

        Stops after ``limit + 1`` statements: the caller refuses the text then.
        """
        found: list[_Found] = []
        lo = 0
        i = 0
        n = len(self.toks)
        toks = self.toks
        # Only a usable number or one of a few words can start a claim, and
        # only with a unit word at most _CORE_SPAN tokens on: skip the other
        # tokens without trying the grammar on them (a long list of bare
        # numbers costs one pass).
        may_start = [False] * n
        unit_at = n + _CORE_SPAN + 1
        for k in range(n - 1, -1, -1):
            t = toks[k]
            if t.low in _UNIT_LEADS and t.kind == "word":
                unit_at = k
            may_start[k] = unit_at - k <= _CORE_SPAN and (
                (t.kind == "num" and t.value is not None) or t.low in _CORE_START_WORDS
            )
        while i < n:
            core = self.core(i) if may_start[i] else None
            if core is None:
                # A number without a unit after a range word: one look at
                # the token before it for most numbers.
                if toks[i].kind == "num" and i and toks[i - 1].low in _BARE_BEFORE:
                    bare = self.bare(i, lo)
                    if bare is not None:
                        found.append(bare[0])
                        lo = i = bare[1]
                        if len(found) > limit:
                            break
                        continue
                i += 1
                continue
            first, spec = self.prefix(lo, core.first)
            last = self.dual(core, core.last)
            after_suffix, suffix_spec = self.suffix(last)
            if core.kind in _SINGLE_KINDS and spec is None and suffix_spec is not None:
                spec, last = suffix_spec, after_suffix
            kind, low, high, nominal = _read(core, spec)
            if kind == "at least" and low is not None:
                upper = self.upper_bound(last)
                if upper is not None and upper[0] > low:
                    kind, high, last = "interval", upper[0], upper[1]
                    nominal = low + (high - low) / 2
            type_, note, ref = self.statement_type(core, first, last, lo, kind)
            if note == _AREA_NOTE and core.unit != "km":
                # An area's figures are in km²: "300 sq mi" is 777 km².
                f = KM_PER_UNIT[core.unit]
                low = None if low is None else low * f
                high = None if high is None else high * f
                nominal *= f
            place = reference = None
            if type_ == "distance":
                reference, ref_end = self.reference_text(ref)
                place = self.place_text(first, ref_end)
            found.append(
                _Found(
                    toks[first].start,
                    toks[last - 1].end,
                    kind,
                    low,
                    high,
                    nominal,
                    core.unit,
                    type_,
                    note,
                    place,
                    reference,
                )
            )
            lo = i = last
            if len(found) > limit:
                break
        return found


def _past_strike(words: list[str]) -> bool:
    """Whether ``words`` (nearest first) before "targets" report a strike that happened."""
    if not words or words[0] not in _PAST_STRIKES:
        return False
    return words[0] != "hit" or words[1:2] not in (["to"], ["can"], ["could"], ["will"], ["would"])


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


def _agree(a: _Core, b: _Core) -> bool:
    if a.kind == "vague" or b.kind == "vague":
        return a.low <= b.high and b.low <= a.high
    pairs: tuple[tuple[float, float], ...] = ((a.nominal, b.nominal),)
    if a.kind == b.kind == "interval":
        pairs = ((a.low, b.low), (a.high, b.high))
    return all(abs(x - y) <= _DUAL_TOLERANCE * max(x, y) for x, y in pairs)


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
