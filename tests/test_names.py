"""Tests of rangemap._names: suggestions from an indexed pool are those of difflib."""

from __future__ import annotations

import difflib
import random

import pytest

from rangemap._names import NamePool, suggest
from rangemap.places.resolve import _suggestion_pool

KINDS = ("city", "region", "country", "border")


def _misspelt(names: list[str], count: int) -> list[str]:
    """Names with up to three letters dropped, added or changed (seeded)."""
    rng = random.Random(11)
    out = []
    for _ in range(count):
        chars = list(rng.choice(names))
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(chars) + 1)
            edit = rng.random()
            if edit < 0.3 and at < len(chars):
                del chars[at]
            elif edit < 0.6:
                chars.insert(at, rng.choice("abcdeghkmnorsuvyz "))
            elif at < len(chars):
                chars[at] = rng.choice("aeiouxyz")
        out.append("".join(chars))
    return out


@pytest.mark.parametrize("cutoff", [0.5, 0.6, 0.8])
def test_pool_suggests_what_difflib_finds_among_all_names(cutoff: float) -> None:
    pool = _suggestion_pool(KINDS)
    names = dict(pool.names)
    keys = [*_misspelt(list(names), 40), "", "x", "sumyy", "kurskk", "москва", "zzzzzzzz"]
    for key in keys:
        expected = difflib.get_close_matches(key, list(names), n=5, cutoff=cutoff)
        shown = list(dict.fromkeys(names[m] for m in expected))
        assert suggest(key, pool, cutoff=cutoff) == shown, key
        assert suggest(key, names, cutoff=cutoff) == shown, key


def test_pool_candidates_keep_every_name_that_can_pass() -> None:
    pool = NamePool({"kursk": "Kursk", "kyiv": "Kyiv", "": "(none)", "sumy": "Sumy"})
    assert pool.candidates("kursx", 0.6) == ["kursk"]
    assert pool.candidates("", 0.6) == [""]
    assert pool.candidates("yvik", 1.0) == ["kyiv"]  # same letters, any order
    assert suggest("kursx", pool) == ["Kursk"]
