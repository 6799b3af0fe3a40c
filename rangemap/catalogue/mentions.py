r"""Finding weapon names in text: the one weapon-name matcher.

:func:`find_weapons_in_text` finds every mention of a catalogued weapon in
running text, such as a news article. A mention is a weapon's id, name or
alias, or a variant's name after the weapon's name (``"ATACMS M39A1"``) or
one that contains it (``"Long Neptune"``), as whole words.
:func:`find_names_in_text` finds any list of names by the same rules: the
claims parser (:mod:`rangemap.claims`) uses it for the weapon names it is
given, so a name is found, or not, the same way on both paths.

Matching
--------
A run of letters and digits is one token. A change between letters and
digits inside a token may carry a hyphen (``"3M14"`` ~ ``"3M-14"``), and
tokens may be separated by up to three spaces, hyphens, dashes, underscores
or slashes (``"Storm Shadow"`` ~ ``"Storm-Shadow"`` ~ ``"Storm_Shadow"``,
``"KN-23"`` ~ ``"KN 23"`` ~ ``"KN23"``). Case is ignored, except for the
names the catalogue lists as ``text_case_sensitive`` because they are also
ordinary words (``"SCALP"``, ``"Patriot"``, ``"Triumph"``): those match
only with that capitalisation, whoever asks for them. A trailing plural or
possessive ``s`` may follow a mention but is not part of it
(``"Kalibrs"``, ``"ATACMS's"``, ``"Tomahawks"``). Where names overlap the
longest wins, and mentions do not overlap.

Underscores
-----------
In a regular expression an underscore is a word character (``\w``, ``\b``),
so ``"Storm_Shadow"`` would be one word. In prose it is punctuation: it
stands for a space in tags, file names and addresses (``"#Storm_Shadow"``)
and marks emphasis in Markdown (``"_ATACMS_"``). Here an underscore is
treated as a hyphen is: it may separate the tokens of a name, and a mention
starts and ends where the letters and digits around it stop, so a letter or
digit next to a name stops it (``"XATACMS"``, ``"ATACMS2"``) and an
underscore does not.

Only the names whose letters and digits occur in the text are compiled
into the pattern for it (a few, not hundreds); patterns are cached by the
set of names they cover.

"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Generic, TypeVar

from rangemap._names import fold_alnum
from rangemap.catalogue.index import _default_catalogue, _variant_labels, _weapon_labels
from rangemap.catalogue.model import Weapon

__all__ = ["find_names_in_text", "find_weapons_in_text"]

_T = TypeVar("_T")

# A run of letters and digits is one token; a change between letters and
# digits inside a token may carry a hyphen ("3M14" ~ "3M-14"), and tokens may be
# separated by up to three spaces, hyphens, dashes, underscores or slashes
# ("Storm Shadow" ~ "Storm-Shadow", "KN-23" ~ "KN 23" ~ "KN23"). The dashes and
# spaces are the ones the claims parser reads as "-" and " "
# (:func:`rangemap.claims.text._normalise`), so a name is found the same in a
# text and in its normalised form.
_TOKEN = re.compile(r"[^\W_]+")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_DASHES = "\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
_SEP_INNER = f"[{_DASHES}]?"
_SEP_OUTER = rf"[\s\u200b\ufeff_/{_DASHES}]{{0,3}}"
# A mention starts where no letter or digit stands before it, and ends where
# none follows, optionally after a plural or possessive ending that is not
# part of the match ("Kalibrs", "ATACMS's"). An underscore is no letter.
_MENTION_START = r"(?<![^\W_])"
_MENTION_END = r"(?=(?:s|['\u2019]s)?(?![^\W_]))"
# How many patterns (one per set of names present in a text) a matcher keeps.
_PATTERNS_KEPT = 256


def find_weapons_in_text(text: str) -> list[tuple[Weapon, int, int, str]]:
    """Find every mention of a catalogued weapon in `text`.

    A mention is a weapon's id, name or alias, or a variant name that contains
    one of those (``"Long Neptune"``, ``"ATACMS M39A1"``), as whole words,
    ignoring case (except the weapon's ``text_case_sensitive`` aliases) and
    allowing spaces, hyphens, dashes or underscores between parts
    (``"KN 23"``, ``"Storm-Shadow"``); see *Matching* in the module notes. A
    trailing plural or possessive ``s`` may follow but is not part of the
    match. Where names overlap the longest wins; mentions do not overlap.

    Parameters
    ----------
    text : str
        Any text, e.g. a news article.

    Returns
    -------
    list of tuple
        ``(weapon, start, end, matched_text)`` for each mention in text
        order, where ``text[start:end] == matched_text``.

    Examples
    --------
    >>> [(w.id, s, e, m) for w, s, e, m in find_weapons_in_text("Two Storm-Shadows hit")]
    [('storm-shadow', 4, 16, 'Storm-Shadow')]

    """
    return _catalogue_matcher().find(text)


def find_names_in_text(text: str, names: Iterable[str]) -> list[tuple[str, int, int, str]]:
    """Find every mention of any of `names` in `text`, by the catalogue's rules.

    The names are matched as :func:`find_weapons_in_text` matches the
    catalogue's (see *Matching* in the module notes): ignoring case, except
    the names the catalogue lists as ``text_case_sensitive``, which match only
    as written there.

    Parameters
    ----------
    text : str
        Any text.
    names : iterable of str
        The names to find; names without a letter or digit are ignored.

    Returns
    -------
    list of tuple
        ``(name, start, end, matched_text)`` for each mention in text order,
        where ``name`` is the name of `names` that was found; the longest name
        wins where names overlap, and mentions do not overlap.

    Examples
    --------
    >>> names = ["Hrim-2", "SCALP", "Storm Shadow"]
    >>> find_names_in_text("Hrim_2 and Storm Shadows, not a scalp", names)
    [('Hrim-2', 0, 6, 'Hrim_2'), ('Storm Shadow', 11, 23, 'Storm Shadow')]

    """
    return _names_matcher(tuple(sorted(set(names)))).find(text)


class _Matcher(Generic[_T]):
    """Finds a fixed list of names in running text.

    Parameters
    ----------
    labels : sequence of (str, value, bool)
        Each name to find, what it stands for, and whether it must match with
        its exact capitalisation.

    """

    def __init__(self, labels: Sequence[tuple[str, _T, bool]]) -> None:
        keyed = [(item, fold_alnum(item[0])) for item in labels]
        self._labels = tuple(item for item, key in keyed if key)
        self._keys = tuple(key for _, key in keyed if key)
        self._patterns = lru_cache(maxsize=_PATTERNS_KEPT)(self._pattern)

    def find(self, text: str) -> list[tuple[_T, int, int, str]]:
        """Return ``(value, start, end, matched_text)`` for each mention in `text`, in order."""
        # A name can only match where its letters and digits stand in a row
        # (the separators it allows are neither), so the pattern is built over
        # the names whose folded form occurs in the folded text.
        folded = fold_alnum(text)
        present = tuple(i for i, key in enumerate(self._keys) if key in folded)
        if not present:
            return []
        pattern, groups = self._patterns(present)
        found: list[tuple[_T, int, int, str]] = []
        for match in pattern.finditer(text):
            group = match.lastgroup
            assert group is not None
            found.append((groups[group], match.start(), match.end(), match.group()))
        return found

    def _pattern(self, present: tuple[int, ...]) -> tuple[re.Pattern[str], dict[str, _T]]:
        """Return the pattern over the names with these indexes."""
        return _text_matcher([self._labels[i] for i in present])


def _text_regex(label: str, *, case_sensitive: bool) -> str:
    """Return a regular expression matching `label` in running text."""
    tokens = [
        _SEP_INNER.join(re.escape(part) for part in _LETTER_DIGIT.split(token))
        for token in _TOKEN.findall(label)
    ]
    body = _SEP_OUTER.join(tokens)
    return f"(?-i:{body})" if case_sensitive else body


def _text_matcher(
    labels: Iterable[tuple[str, _T, bool]],
) -> tuple[re.Pattern[str], dict[str, _T]]:
    """Compile one pattern that finds every label in running text.

    Parameters
    ----------
    labels : iterable of (str, value, bool)
        Each name to find, what it stands for, and whether it must match
        with its exact capitalisation.

    Returns
    -------
    tuple
        The pattern and a map from its group names to values.

    Notes
    -----
    Within each group of names sharing a first character the longest comes
    first, so at any one place the longest name wins. The groups are
    dispatched on that first character, so at a word start only the names
    that can match there are tried.

    """
    ordered = sorted(labels, key=lambda item: (-len(fold_alnum(item[0])), -len(item[0])))
    groups: dict[str, _T] = {}
    by_initial: dict[str, list[str]] = {}
    seen: set[str] = set()
    for label, value, case_sensitive in ordered:
        regex = _text_regex(label, case_sensitive=case_sensitive)
        if regex in seen:
            continue
        seen.add(regex)
        group = f"g{len(groups)}"
        groups[group] = value
        initial = fold_alnum(label)[0]
        by_initial.setdefault(initial, []).append(f"(?P<{group}>{regex})")
    branches = [
        f"(?={re.escape(initial)}){'(?:' + '|'.join(alternatives) + ')'}"
        for initial, alternatives in by_initial.items()
    ]
    pattern = re.compile(
        rf"{_MENTION_START}(?:{'|'.join(branches)}){_MENTION_END}", re.IGNORECASE
    )
    return pattern, groups


@cache
def _text_labels() -> tuple[tuple[str, Weapon, bool], ...]:
    """Return every name the default catalogue spots in text.

    Returns
    -------
    tuple of (str, Weapon, bool)
        Each name, the weapon it stands for, and whether it must match with
        its exact capitalisation: every id, name and alias of each weapon,
        then for each variant its names that contain a name of the weapon and
        each of its names after each of the weapon's names. The pattern over
        them is compiled per text, for the names the text can contain.

    """
    weapons = _default_catalogue().weapons
    labels: list[tuple[str, Weapon, bool]] = []
    for weapon in weapons:
        for label in _weapon_labels(weapon):
            labels.append((label, weapon, label in weapon.text_case_sensitive))
    for weapon in weapons:
        own_keys = [fold_alnum(label) for label in _weapon_labels(weapon)]
        for variant in weapon.variants:
            for label in _variant_labels(variant):
                key = fold_alnum(label)
                if any(own in key for own in own_keys):
                    labels.append((label, weapon, False))
                for weapon_label in _weapon_labels(weapon):
                    labels.append((f"{weapon_label} {label}", weapon, False))
    return tuple(labels)


@cache
def _catalogue_matcher() -> _Matcher[Weapon]:
    """Return the matcher over every name the default catalogue spots in text."""
    return _Matcher(_text_labels())


@cache
def _case_sensitive_names() -> frozenset[str]:
    """Return the names the default catalogue matches only with their capitalisation."""
    weapons = _default_catalogue().weapons
    return frozenset(name for weapon in weapons for name in weapon.text_case_sensitive)


@lru_cache(maxsize=16)
def _names_matcher(names: tuple[str, ...]) -> _Matcher[str]:
    """Return the matcher over `names` (case-sensitive where the catalogue says so)."""
    case_sensitive = _case_sensitive_names()
    return _Matcher([(name, name, name in case_sensitive) for name in names])
