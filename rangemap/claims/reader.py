"""Reading one sentence: every statement of a length in it, in order.

:func:`_read_sentence` walks the tokens of a sentence (:mod:`rangemap.claims.text`).
At a token that may start one it reads a core (:mod:`rangemap.claims.grammar`),
then the words around it (:mod:`rangemap.claims.phrase`), then decides the
type of length (:mod:`rangemap.claims.statement`); the next statement is
looked for after the end of this one, so statements never overlap.
"""

from __future__ import annotations

from rangemap.claims.grammar import _Core, _core, _Found, _read
from rangemap.claims.lexicon import _AREA_NOTE, _BARE_BEFORE, _UNIT_LEADS, VAGUE_MAGNITUDES
from rangemap.claims.numbers import _SCALES, _SMALL_NUMBERS, _TENS
from rangemap.claims.phrase import _bare, _dual, _prefix, _suffix, _upper_bound
from rangemap.claims.statement import _place_text, _reference_text, _statement_type
from rangemap.claims.text import _Sentence, _Token
from rangemap.units import KM_PER_UNIT

# Words that can start a claim's core: a number word, a vague magnitude's
# first word, or a word that opens an interval.
_CORE_START_WORDS = frozenset(
    {*_SMALL_NUMBERS, *_TENS, *_SCALES, "a", "between", "from"}
    | {key.split(" ")[0] for key in VAGUE_MAGNITUDES}
)
_SINGLE_KINDS = frozenset({"exact", "plus", "odd", "area"})
# Most tokens from a claim's first token to its unit word: "between one
# thousand five hundred and two thousand five hundred kilometres" is 11; the
# grammar's longest readings stay well inside this.
_CORE_SPAN = 32


def _read_sentence(s: _Sentence, limit: int) -> list[_Found]:
    """Return every length statement of the sentence, in order.

    Stops after ``limit + 1`` statements: the caller refuses the text then.
    """
    found: list[_Found] = []
    lo = 0
    i = 0
    n = len(s.toks)
    toks = s.toks
    may_start = _may_start(toks)
    while i < n:
        core = _core(s, i) if may_start[i] else None
        if core is None:
            # A number without a unit after a range word: one look at
            # the token before it for most numbers.
            if toks[i].kind == "num" and i and toks[i - 1].low in _BARE_BEFORE:
                bare = _bare(s, i, lo)
                if bare is not None:
                    found.append(bare[0])
                    lo = i = bare[1]
                    if len(found) > limit:
                        break
                    continue
            i += 1
            continue
        statement, last = _read_statement(s, core, lo)
        found.append(statement)
        lo = i = last
        if len(found) > limit:
            break
    return found


def _may_start(toks: list[_Token]) -> list[bool]:
    """Mark the tokens at which a claim may start.

    Only a usable number or one of a few words can start a claim, and only
    with a unit word at most _CORE_SPAN tokens on: the other tokens are
    skipped without trying the grammar on them (a long list of bare numbers
    costs one pass).
    """
    n = len(toks)
    may_start = [False] * n
    unit_at = n + _CORE_SPAN + 1
    for k in range(n - 1, -1, -1):
        t = toks[k]
        if t.low in _UNIT_LEADS and t.kind == "word":
            unit_at = k
        may_start[k] = unit_at - k <= _CORE_SPAN and (
            (t.kind == "num" and t.value is not None) or t.low in _CORE_START_WORDS
        )
    return may_start


def _read_statement(s: _Sentence, core: _Core, lo: int) -> tuple[_Found, int]:
    """Read the statement around ``core``; return it and the token after it.

    ``lo`` is the token after the previous statement: bound words and cue
    words are not looked for before it.
    """
    toks = s.toks
    first, spec = _prefix(s, lo, core.first)
    last = _dual(s, core, core.last)
    after_suffix, suffix_spec = _suffix(s, last)
    if core.kind in _SINGLE_KINDS and spec is None and suffix_spec is not None:
        spec, last = suffix_spec, after_suffix
    kind, low, high, nominal = _read(core, spec)
    if kind == "at least" and low is not None:
        upper = _upper_bound(s, last)
        if upper is not None and upper[0] > low:
            kind, high, last = "interval", upper[0], upper[1]
            nominal = low + (high - low) / 2
    type_, note, ref = _statement_type(s, core, first, last, lo, kind)
    if note == _AREA_NOTE and core.unit != "km":
        # An area's figures are in km²: "300 sq mi" is 777 km².
        f = KM_PER_UNIT[core.unit]
        low = None if low is None else low * f
        high = None if high is None else high * f
        nominal *= f
    place = reference = None
    if type_ == "distance":
        reference, ref_end = _reference_text(s, ref)
        place = _place_text(s, first, ref_end)
    statement = _Found(
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
    return statement, last
