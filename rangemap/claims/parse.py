"""The entry points: text -> statements (:func:`parse_statements`, :func:`parse_claims`).

:func:`parse_statements` returns every length a text states, with its type;
:func:`parse_claims` only the weapon ranges; :func:`parse_claim` reads one
range given on its own, e.g. on a command line. Each sentence
(:mod:`rangemap.claims.text`) is read by :mod:`rangemap.claims.reader`, and
each statement gets the weapon named nearest it (:mod:`rangemap.claims.links`).

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
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from rangemap.claims.grammar import _Found
from rangemap.claims.lexicon import _AREA_NOTE
from rangemap.claims.links import _attribute, _weapon_spans
from rangemap.claims.model import RangeClaim
from rangemap.claims.reader import _read_sentence
from rangemap.claims.text import _TOKEN_RE, _normalise, _Sentence, _sentence_spans
from rangemap.errors import InputError
from rangemap.units import KM_PER_UNIT

#: Most range claims read from one text. A news article states a handful; a
#: text with more is a list or a hostile input, refused (InputError) as soon as
#: the count is passed so that its cost stays bounded (50,000 claims are read
#: in about a second).
MAX_CLAIMS = 50_000


def parse_claims(text: str, *, weapon_names: Iterable[str] | None = None) -> list[RangeClaim]:
    """Find every weapon range claim in a text.

    Parameters
    ----------
    text : str
        Any text; news prose is what it is made for.
    weapon_names : iterable of str, optional
        Extra weapon names to attribute claims to (a catalogue's aliases),
        searched together with :data:`DEFAULT_WEAPON_NAMES` by the
        catalogue's weapon-name matcher: ignoring case, except the names
        the catalogue matches only as capitalised (``"SCALP"``).

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
        :data:`TYPES` (see *Kinds of statement* in :mod:`rangemap.claims.statement`).

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
    weapons = _weapon_spans(norm, weapon_names)
    claims, bare = _read_text(text, norm, weapons)
    if bare:
        claims = _read_bare_numbers(text, claims, bare)
    return claims


# A number read without a unit, kept with its sentence (the stripped sentence
# and its offsets) and its weapon as written until the text's units are known.
_Bare = tuple[_Found, str, int, int, str | None]


def _read_text(
    text: str, norm: str, weapons: list[tuple[int, int]]
) -> tuple[list[RangeClaim], list[_Bare]]:
    """Read every sentence: the statements with a unit, and the bare numbers kept for later.

    Raises InputError as soon as the text states more than :data:`MAX_CLAIMS` lengths.
    """
    claims: list[RangeClaim] = []
    # Numbers written without a unit after a range word ("a range of up to
    # 2,000"), kept until the units of the text's ranges are known.
    bare: list[_Bare] = []
    weapon_index = 0
    previous_weapon: tuple[int, int] | None = None
    for s_start, s_end in _sentence_spans(norm):
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
        found = _read_sentence(reader, MAX_CLAIMS - len(claims))
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
            claims.append(_claim(text, f, (sentence, sentence_start, sentence_end), weapon_text))
        previous_weapon = in_sentence[-1] if in_sentence else None
    return claims, bare


def _claim(text: str, f: _Found, sentence: tuple[str, int, int], weapon: str | None) -> RangeClaim:
    """Return the claim of a statement read with a unit (``sentence``: text, start, end)."""
    return RangeClaim(
        low_km=f.low,
        high_km=f.high,
        nominal_km=f.nominal,
        kind=f.kind,
        phrase=text[f.start : f.end],
        start=f.start,
        end=f.end,
        sentence=sentence[0],
        unit=f.unit,
        weapon=weapon,
        sentence_start=sentence[1],
        sentence_end=sentence[2],
        type=f.type,
        note=f.note,
        place=f.place,
        reference=f.reference,
    )


def _read_bare_numbers(
    text: str,
    claims: list[RangeClaim],
    bare: list[_Bare],
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
    _refuse_stray_words(phrase, claim, shown, accepted)
    return claim


def _refuse_stray_words(phrase: str, claim: RangeClaim, shown: str, accepted: str) -> None:
    """Raise InputError if words around the lone claim in ``phrase`` are not part of it."""
    extra = _stray_words(_normalise(phrase[: claim.start]), _normalise(phrase[claim.end :]))
    if extra:
        listed = ", ".join(repr(w if len(w) <= 20 else w[:19] + "…") for w in extra[:3])
        more = f" and {len(extra) - 3} more" if len(extra) > 3 else ""
        raise InputError(
            f"{shown!r} is not one range: {listed}{more} "
            f"{'is' if len(extra) == 1 else 'are'} not part of the range "
            f"{' '.join(claim.phrase.split())!r}; {accepted}"
        )


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
