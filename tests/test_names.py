"""Tests of rangemap._names: suggestions from an indexed pool are those of difflib."""

from __future__ import annotations

import difflib
import random

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


CUTOFFS = (0.5, 0.6, 0.8)


def _difflib_ranking(key: str, names: list[str]) -> list[tuple[float, str]]:
    """Every name difflib finds for ``key`` at the lowest cutoff, with its score, best first.

    :func:`difflib.get_close_matches` ranks by (score, name), highest first, so
    its answer at a higher cutoff is the first ``n`` of these whose score
    reaches that cutoff: one scoring of all names serves every cutoff.
    """
    ranked = difflib.get_close_matches(key, names, n=len(names), cutoff=min(CUTOFFS))
    return [(difflib.SequenceMatcher(None, name, key).ratio(), name) for name in ranked]


def test_pool_suggests_what_difflib_finds_among_all_names() -> None:
    pool = _suggestion_pool(KINDS)
    names = dict(pool.names)
    known = list(names)
    keys = [*_misspelt(known, 40), "", "x", "sumyy", "kurskk", "москва", "zzzzzzzz"]
    for index, key in enumerate(keys):
        ranking = _difflib_ranking(key, known)
        for cutoff in CUTOFFS:
            # the reference: difflib itself over all names, at this cutoff
            expected = [name for score, name in ranking if score >= cutoff][:5]
            shown = list(dict.fromkeys(names[m] for m in expected))
            assert suggest(key, pool, cutoff=cutoff) == shown, (key, cutoff)
            if index % 8 == 0 and cutoff == 0.6:  # a plain mapping: scored whole
                assert suggest(key, names) == shown, key


def test_pool_candidates_keep_every_name_that_can_pass() -> None:
    pool = NamePool({"kursk": "Kursk", "kyiv": "Kyiv", "": "(none)", "sumy": "Sumy"})
    assert pool.candidates("kursx", 0.6) == ["kursk"]
    assert pool.candidates("", 0.6) == [""]
    assert pool.candidates("yvik", 1.0) == ["kyiv"]  # same letters, any order
    assert suggest("kursx", pool) == ["Kursk"]
