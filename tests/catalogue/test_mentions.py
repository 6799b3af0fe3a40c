"""The one weapon-name matcher (rangemap.catalogue.mentions), on both of its paths.

The catalogue path is :func:`find_weapons_in_text`; the claims path is the
parser's weapon pass (:func:`rangemap.claims.parse_claims`, given the
catalogue's names as ``rangemap.article`` gives them) and the ties of
:func:`rangemap.claims.link_claims`. The same text must name the same
weapons on both.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rangemap.catalogue import find_weapon_variants, find_weapons_in_text, weapon_names
from rangemap.catalogue.mentions import find_names_in_text
from rangemap.claims import link_claims, parse_claims
from rangemap.claims.text import _normalise


def _catalogue_path(text: str) -> list[tuple[str, str]]:
    return [(weapon.id, matched) for weapon, _, _, matched in find_weapons_in_text(text)]


def _parsed(text: str) -> list[str | None]:
    return [c.weapon for c in parse_claims(text, weapon_names=weapon_names())]


def _linked(text: str) -> list[str | None]:
    return [c.weapon for c in link_claims(text, parse_claims(text, weapon_names=weapon_names()))]


def _weapon_id(name: str | None) -> str | None:
    return None if name is None else find_weapon_variants(name)[0].id


# Each spelling, and the weapon (id, as written) both paths must find in it.
SPELLINGS = [
    ("Storm Shadow", ("storm-shadow", "Storm Shadow")),
    ("Storm_Shadow", ("storm-shadow", "Storm_Shadow")),
    ("Storm-Shadow", ("storm-shadow", "Storm-Shadow")),
    ("Storm\u2013Shadow", ("storm-shadow", "Storm\u2013Shadow")),
    ("Storm\u00a0Shadow", ("storm-shadow", "Storm\u00a0Shadow")),
    ("STORM SHADOW", ("storm-shadow", "STORM SHADOW")),
    ("#Storm_Shadow", ("storm-shadow", "Storm_Shadow")),
    ("_ATACMS_", ("atacms", "ATACMS")),
    ("ATACMS's", ("atacms", "ATACMS")),
    ("ATACMS\u2019s", ("atacms", "ATACMS")),
    ("Taurus KEPD-350", ("taurus", "Taurus KEPD-350")),
    ("Taurus KEPD_350", ("taurus", "Taurus KEPD_350")),
    ("Tomahawks", ("tomahawk", "Tomahawk")),
    ("Kh\u2212101", ("kh-101", "Kh\u2212101")),
    ("Kh101", ("kh-101", "Kh101")),
    ("KN 23", ("kn-23", "KN 23")),
    ("SCALP", ("storm-shadow", "SCALP")),
    ("scalp", None),
    ("triumph", None),
    ("patriot", None),
    ("Patriot", ("mim-104", "Patriot")),
    ("XATACMS", None),
    ("ATACMS2", None),
]


@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_both_paths_find_the_same_weapon(
    spelling: str, expected: tuple[str, str] | None
) -> None:
    text = f"The {spelling} has a range of 300 km."
    assert _catalogue_path(text) == ([expected] if expected else [])
    want = None if expected is None else expected[1]
    assert _linked(text) == [want]
    # The parser's own pass, before the catalogue's ties, finds it too.
    assert _parsed(text) == [want]


@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_the_parser_default_names_follow_the_same_rules(
    spelling: str, expected: tuple[str, str] | None
) -> None:
    # Without the catalogue's names, the parser's built-in list is matched by
    # the same matcher: where the list has the name, it is found the same way.
    text = f"The {spelling} has a range of 300 km."
    (claim,) = parse_claims(text)
    if expected is None:
        assert claim.weapon is None
    elif claim.weapon is not None:
        assert claim.weapon == expected[1]


def test_find_names_in_text_uses_the_catalogue_rules() -> None:
    text = "Hrim_2, HRIM-2s and a scalp; SCALP and Storm  /  Shadow"
    found = find_names_in_text(text, ["Hrim-2", "SCALP", "Storm Shadow"])
    assert [(name, matched) for name, _, _, matched in found] == [
        ("Hrim-2", "Hrim_2"),
        ("Hrim-2", "HRIM-2"),
        ("SCALP", "SCALP"),
    ]
    for _, start, end, matched in found:
        assert text[start:end] == matched


def test_names_without_letters_or_digits_are_ignored() -> None:
    assert find_names_in_text("a - b", ["-", "", " "]) == []


_WORDS = [
    "ATACMS", "atacms", "Storm", "Shadow", "SHADOW", "Taurus", "KEPD", "350", "Tomahawk",
    "Kh", "101", "KN", "23", "SCALP", "scalp", "Kalibr", "the", "X", "s", "'s",
]  # fmt: skip
_SEPARATORS = [" ", "-", "_", "/", "  ", "\u2013", "\u2212", "\u00a0", "\u200b", ", ", "__"]


@st.composite
def _prose(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8))
    seps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


@given(_prose())
def test_both_paths_agree_on_any_mix_of_names(prefix: str) -> None:
    text = f"{prefix} has a range of 300 km."
    mentions = find_weapons_in_text(text)
    # The claim's weapon is the catalogue mention nearest before it.
    want = mentions[-1][3] if mentions else None
    (linked,) = _linked(text)
    assert linked == want
    (parsed,) = _parsed(text)
    assert _weapon_id(parsed) == (mentions[-1][0].id if mentions else None)


@given(_prose())
@example("Storm\u200bShadow, Kh\u2212101, KN\uff0d23 and Iskander\ufe63M")
def test_a_text_and_its_normalised_form_name_the_same_weapons(text: str) -> None:
    # The parser reads normalised text (dashes to "-", odd spaces to " "), the
    # catalogue path the text as given: the matcher must not tell them apart.
    found = [(w.id, s, e) for w, s, e, _ in find_weapons_in_text(text)]
    assert found == [(w.id, s, e) for w, s, e, _ in find_weapons_in_text(_normalise(text))]
