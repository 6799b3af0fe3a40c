"""The word tables of the claims parser.

Every word the readings look for is listed here, each table with a comment
on what it is for: the bound words and what they make of a figure (see
*Kinds and the band drawn* in :mod:`rangemap.claims.model`), the vague
magnitudes, the units, the words that make a number money or a count, and
the cue words of each type of statement (see *Kinds of statement* in
:mod:`rangemap.claims.statement`). They are read by
:mod:`rangemap.claims.grammar`, :mod:`rangemap.claims.phrase` and
:mod:`rangemap.claims.statement`.

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
"""

from __future__ import annotations

import re

from rangemap.units import normalise_unit

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
# The lexicon of statement types (see "Kinds of statement" in
# rangemap.claims.statement): which words around a length say what it is.
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
# Cue words before a length: word -> (type, how many words back it counts).
# The nearest one decides (see *Kinds of statement* in rangemap.claims.statement).
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
