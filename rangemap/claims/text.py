"""Text as the claims parser reads it: normalisation, tokens and sentences.

Text may use any case, non-breaking and thin spaces, hyphens, en and em
dashes, minus signs and curly quotes; offsets always refer to the text as
given.

Normalisation (:func:`_normalise`) keeps the length of the text: dashes
become ``-``, odd spaces a space and curly quotes straight ones, so an offset
in the normalised text is the same offset in the text as given. A sentence
is read as tokens (:class:`_Token`: numbers, words and single punctuation
marks) held by a :class:`_Sentence`, which the grammar
(:mod:`rangemap.claims.grammar`) reads.

Sentences end at ``.``, ``!`` or ``?`` followed by a space and a character
that is not a lower-case letter (not after common abbreviations such as
"approx.", "U.S." or initials), at blank lines, and at line ends after
sentence punctuation or after a short line such as a heading.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from rangemap.claims.lexicon import _CURRENCY_SIGNS, _MONEY_WORDS
from rangemap.claims.numbers import _Number, _token_value

# Words after which a full stop ends no sentence ("approx. 300 km", "Gen. Smith").
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "prof", "gen", "lt", "col", "sgt", "capt", "maj",
     "adm", "sen", "rep", "gov", "pres", "approx", "ca", "est", "vs", "etc", "e.g", "i.e",
     "max", "min", "fig", "vol", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
     "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos"}
)  # fmt: skip

# How far past its last token a sentence's lookups may be read (see _Sentence).
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

_T = TypeVar("_T")

_TOKEN_RE = re.compile(
    r"(?P<num>(?<![^\W\d_])(?<![^\W\d_]-)[0-9]{1,3}(?:[, ][0-9]{3}(?![0-9]))+(?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>\S)"
)
_SENTENCE_END_RE = re.compile(r"(?<![.!?])[.!?]+['\")\]]*(?= )")
_NEXT_CHAR_RE = re.compile(r" *(\S)")


def _normalise(text: str) -> str:
    """Return ``text`` with the same length, dashes, spaces and quotes unified."""
    norm = text.translate(_NORMALISE)
    return norm.replace("\r\n", " \n").replace("\r", "\n")


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


class _Sentence:
    """The tokens of one sentence, with the lookups the grammar reads them by."""

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
        weapon_starts = [w[0] for w in weapons]
        toks: list[_Token] = []
        words: list[str | None] = []
        puncts: list[str | None] = []
        money = False
        # The hot loop of a long text: names bound locally, tuples built directly.
        new, add_tok, add_word, add_punct = tuple.__new__, toks.append, words.append, puncts.append
        number_value = _token_value
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
                value = number_value(toks, low, a, weapons, weapon_starts)
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
        # Readings kept by token index (rangemap.claims.grammar._connected_unit and
        # rangemap.claims.numbers._number): several readings ask about the same tokens.
        self.units_at: dict[int, tuple[str, int, str] | None] = {}
        self.numbers_at: dict[int, _Number | None] = {}
        # Per-index lookups, padded so that reading a little past the end
        # needs no bounds test (the grammar looks at most a few tokens ahead).
        pad: list[None] = [None] * _LOOKAHEAD_PAD
        self._tok: list[_Token | None] = [*toks, *pad]
        self._word: list[str | None] = [*words, *pad]
        self._punct: list[str | None] = [*puncts, *pad]

    def tok(self, i: int) -> _Token | None:
        return _at(self._tok, i)

    def word(self, i: int) -> str | None:
        return _at(self._word, i)

    def punct(self, i: int) -> str | None:
        return _at(self._punct, i)

    def kept(self, table: dict[int, _T], i: int, read: Callable[[_Sentence, int], _T]) -> _T:
        """Return ``read(self, i)``, read once: ``table`` keeps it by token index."""
        try:
            return table[i]
        except KeyError:
            found = table[i] = read(self, i)
            return found

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


def _at(items: list[_T | None], i: int) -> _T | None:
    """Return ``items[i]``, None before the start or past the end."""
    if i < 0:
        return None
    try:
        return items[i]
    except IndexError:
        return None
