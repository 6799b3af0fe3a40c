"""Finding weapon names in text: the one weapon-name matcher.

:func:`find_weapons_in_text` finds every mention of a catalogued weapon in
running text, such as a news article. A mention is a weapon's id, name or
alias, or a variant's name after the weapon's name (``"ATACMS M39A1"``) or
one that contains it (``"Long Neptune"``), as whole words.

Matching
--------
A run of letters and digits is one token. A change between letters and
digits inside a token may carry a hyphen (``"3M14"`` ~ ``"3M-14"``), and
tokens may be separated by up to three spaces, hyphens, dashes, underscores
or slashes (``"Storm Shadow"`` ~ ``"Storm-Shadow"``, ``"KN-23"`` ~
``"KN 23"`` ~ ``"KN23"``). Case is ignored except for a weapon's
``text_case_sensitive`` aliases, which are also ordinary words
(``"SCALP"``). A trailing plural or possessive ``s`` may follow a mention
but is not part of it (``"Kalibrs"``, ``"ATACMS's"``). Where names overlap
the longest wins, and mentions do not overlap.

Only the names whose letters and digits occur in the text are compiled
into the pattern for it (a few, not hundreds); patterns are cached by the
set of names they cover.

"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from rangemap._names import fold_alnum
from rangemap.catalogue.index import _default_catalogue, _variant_labels, _weapon_labels
from rangemap.catalogue.model import Weapon

__all__ = ["find_weapons_in_text"]

# Text matching: a run of letters and digits is one token; a change between
# letters and digits inside a token may carry a hyphen ("3M14" ~ "3M-14"), and
# tokens may be separated by up to three spaces, hyphens, dashes, underscores or
# slashes ("Storm Shadow" ~ "Storm-Shadow", "KN-23" ~ "KN 23" ~ "KN23").
_TOKEN = re.compile(r"[^\W_]+")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_SEP_INNER = r"[\-\u2010-\u2015]?"
_SEP_OUTER = r"[\s_/\-\u2010-\u2015]{0,3}"
# A mention ends at a word boundary, optionally after a plural or possessive
# ending that is not part of the match ("Kalibrs", "ATACMS's").
_MENTION_END = r"(?=(?:s|['\u2019]s)?(?!\w))"


def find_weapons_in_text(text: str) -> list[tuple[Weapon, int, int, str]]:
    """Find every mention of a catalogued weapon in `text`.

    A mention is a weapon's id, name or alias, or a variant name that contains
    one of those (``"Long Neptune"``, ``"ATACMS M39A1"``), as whole words,
    ignoring case (except the weapon's ``text_case_sensitive`` aliases) and
    allowing spaces, hyphens or dashes between parts (``"KN 23"``,
    ``"Storm-Shadow"``). A trailing plural or possessive ``s`` may follow but
    is not part of the match. Where names overlap the longest wins; mentions
    do not overlap.

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
    # A name can only match where its letters and digits stand in a row (the
    # separators it allows are neither), so the pattern is built over the
    # names whose folded form occurs in the folded text: a few, not hundreds.
    folded = _NOT_ALNUM.sub("", text.casefold())
    present = tuple(i for i, key in enumerate(_label_keys()) if key in folded)
    if not present:
        return []
    pattern, groups = _matcher_for(present)
    found: list[tuple[Weapon, int, int, str]] = []
    for match in pattern.finditer(text):
        group = match.lastgroup
        assert group is not None
        found.append((groups[group], match.start(), match.end(), match.group()))
    return found


_NOT_ALNUM = re.compile(r"[\W_]+")


def _text_regex(label: str, *, case_sensitive: bool) -> str:
    """Return a regular expression matching `label` in running text."""
    tokens = [
        _SEP_INNER.join(re.escape(part) for part in _LETTER_DIGIT.split(token))
        for token in _TOKEN.findall(label)
    ]
    body = _SEP_OUTER.join(tokens)
    return f"(?-i:{body})" if case_sensitive else body


def _text_matcher(
    labels: Iterable[tuple[str, Weapon, bool]],
) -> tuple[re.Pattern[str], dict[str, Weapon]]:
    """Compile one pattern that finds every label in running text.

    Parameters
    ----------
    labels : iterable of (str, Weapon, bool)
        Each name to find, the weapon it stands for, and whether it must match
        with its exact capitalisation.

    Returns
    -------
    tuple
        The pattern and a map from its group names to weapons.

    Notes
    -----
    Within each group of names sharing a first character the longest comes
    first, so at any one place the longest name wins. The groups are
    dispatched on that first character, so at a word start only the names
    that can match there are tried.

    """
    ordered = sorted(labels, key=lambda item: (-len(fold_alnum(item[0])), -len(item[0])))
    groups: dict[str, Weapon] = {}
    by_initial: dict[str, list[str]] = {}
    seen: set[str] = set()
    for label, weapon, case_sensitive in ordered:
        regex = _text_regex(label, case_sensitive=case_sensitive)
        if regex in seen:
            continue
        seen.add(regex)
        group = f"g{len(groups)}"
        groups[group] = weapon
        initial = fold_alnum(label)[0]
        by_initial.setdefault(initial, []).append(f"(?P<{group}>{regex})")
    branches = [
        f"(?={re.escape(initial)}){'(?:' + '|'.join(alternatives) + ')'}"
        for initial, alternatives in by_initial.items()
    ]
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(branches)}){_MENTION_END}", re.IGNORECASE)
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
def _label_keys() -> tuple[str, ...]:
    """Return the folded form of every name the default catalogue spots in text."""
    return tuple(fold_alnum(label) for label, _, _ in _text_labels())


@cache
def _matcher_for(present: tuple[int, ...]) -> tuple[re.Pattern[str], dict[str, Weapon]]:
    """Return the text pattern over the default catalogue's names with these indexes."""
    labels = _text_labels()
    return _text_matcher(labels[i] for i in present)
