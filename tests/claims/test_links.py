"""Claims tied to their weapon, and what a text says happened to a weapon (rangemap.claims)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from rangemap.article import read_article
from rangemap.claims import (
    AUTHORISED,
    REFUSED,
    REQUESTED,
    UNKNOWN,
    Mention,
    link_claims,
    link_details,
    parse_claims,
    weapon_statuses,
)
from tests.conftest import SEED_ARTICLE, RunCli

SEED = SEED_ARTICLE.read_text(encoding="utf-8")


def _weapons(text: str) -> list[str | None]:
    return [c.weapon for c in link_claims(text, parse_claims(text))]


def _hows(text: str) -> list[str]:
    return [link.how for link in link_details(text, parse_claims(text))]


# ------------------------------------------------------------------ claim ties


def test_same_sentence() -> None:
    text = "Ukraine fired ATACMS, which fly up to 300 km, at Kursk."
    assert _weapons(text) == ["ATACMS"]
    assert _hows(text) == ["same sentence"]


def test_same_sentence_prefers_the_weapon_before_the_claim() -> None:
    text = "ATACMS fly 300 km, while Taurus is not supplied."
    assert _weapons(text) == ["ATACMS"]


def test_these_missiles_from_the_next_sentence() -> None:
    text = (
        "These missiles, with a maximum range of several hundred kilometers, worry Moscow. "
        "The US-supplied ATACMS missiles will be used in Kursk."
    )
    assert _weapons(text) == ["ATACMS"]
    assert _hows(text) == ["anaphor: 'these missiles', next sentence"]


def test_these_missiles_from_the_previous_sentence() -> None:
    text = "Kyiv received Storm Shadow. The missiles can fly about 250 km."
    assert _weapons(text) == ["Storm Shadow"]
    assert _hows(text) == ["anaphor: 'the missiles', previous sentence"]


def test_anaphor_looks_past_a_heading() -> None:
    text = "Germany refuses Taurus.\nWhy?\nThe weapon reaches 500 km."
    assert _weapons(text) == ["Taurus"]


def test_its_range_after_a_weapon_was_named() -> None:
    text = "ATACMS is made by Lockheed Martin. It is old. Officials agree that its range is 300 km."
    assert _weapons(text) == ["ATACMS"]
    assert _hows(text) == ["its range"]


def test_they_refer_to_the_weapon_named_before() -> None:
    assert _weapons("Kyiv wants ATACMS. They can fly 300 km.") == ["ATACMS"]


def test_no_tie_when_no_weapon_is_near() -> None:
    text = (
        "Ukraine received ATACMS last year. Officials met in Brussels. "
        "The talks lasted long. A new system flies 500 km."
    )
    assert _weapons(text) == [None]
    assert _hows(text) == ["none"]
    assert _weapons("Its maker says a new missile has a range of 500 km.") == [None]


def test_seed_claim_is_tied_to_atacms() -> None:
    (link,) = link_details(SEED, parse_claims(SEED))
    assert link.claim.weapon == "ATACMS" and link.key == "atacms"
    assert "next sentence" in link.how


def test_explicit_mentions_are_used() -> None:
    text = "The Foo-9 is new. These missiles fly 700 km."
    mentions = [Mention("foo-9", "Foo-9", 4, 9, "Foo-9")]
    assert [c.weapon for c in link_claims(text, parse_claims(text), mentions)] == ["Foo-9"]


def test_offsets_and_other_fields_are_kept() -> None:
    claims = parse_claims(SEED)
    (linked,) = link_claims(SEED, claims)
    assert (linked.start, linked.end, linked.low_km, linked.high_km) == (
        claims[0].start,
        claims[0].end,
        300.0,
        900.0,
    )


def test_parse_json_shows_the_weapon(run_cli: RunCli) -> None:
    proc = run_cli("parse", "--json", str(SEED_ARTICLE))
    assert proc.returncode == 0, proc.stderr
    (claim,) = json.loads(proc.stdout)
    assert claim["weapon"] == "ATACMS"


# -------------------------------------------------------------------- statuses


def _status(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {s.key: (s.status, s.statuses) for s in weapon_statuses(text)}


def test_seed_statuses() -> None:
    statuses = {s.key: s for s in weapon_statuses(SEED)}
    assert statuses["atacms"].status == AUTHORISED  # "authorize Ukraine to use these missiles"
    assert any(c.cue == "authorize" for c in statuses["atacms"].cues)
    taurus = statuses["taurus"]
    assert taurus.status == REFUSED
    assert set(taurus.statuses) == {REFUSED, REQUESTED}
    assert taurus.actors(REFUSED) == ("Germany",)
    assert taurus.actors(REQUESTED) == ("Ukraine",)  # "requested by kyiv"
    assert taurus.reasons() == ["refused by Germany", "requested by Ukraine"]


@pytest.mark.parametrize(
    ("text", "key", "status", "actor"),
    [
        ("Washington approved the delivery of ATACMS to Kyiv.", "atacms", AUTHORISED, None),
        ("Berlin ruled out sending Taurus missiles.", "taurus", REFUSED, "Germany"),
        ("Kyiv has asked for Taurus cruise missiles.", "taurus", REQUESTED, "Ukraine"),
        ("Storm Shadow missiles were used to strike Crimea.", "storm-shadow", AUTHORISED, None),
        ("Germany has not supplied Taurus so far.", "taurus", REFUSED, "Germany"),
        ("Germany will not supply Taurus.", "taurus", REFUSED, "Germany"),
        ("Scholz refuses to provide Taurus.", "taurus", REFUSED, "Germany"),
        ("The UK did not request more Storm Shadow.", "storm-shadow", UNKNOWN, None),
        ("ATACMS is a ballistic missile.", "atacms", UNKNOWN, None),
    ],
)
def test_statuses(text: str, key: str, status: str, actor: str | None) -> None:
    (found,) = weapon_statuses(text)
    assert found.key == key and found.status == status
    if actor is not None:
        assert actor in found.actors(status)


def test_washington_approved_names_the_united_states() -> None:
    (found,) = weapon_statuses("Washington approved the delivery of ATACMS.")
    assert found.actors(AUTHORISED) == ("the United States",)


def test_each_cue_counts_for_the_nearest_weapon() -> None:
    statuses = _status("Germany will not supply Taurus, while the US supplied ATACMS.")
    assert statuses["taurus"][0] == REFUSED
    assert statuses["atacms"] == (AUTHORISED, (AUTHORISED,))


def test_the_last_decision_wins_and_a_later_request_does_not_undo_it() -> None:
    text = "The US long refused ATACMS. In November it authorised their use."
    assert _status(text)["atacms"][0] == AUTHORISED
    text = "Berlin refused Taurus. Kyiv asked for Taurus again."
    assert _status(text)["taurus"] == (REFUSED, (REFUSED, REQUESTED))


def test_anaphor_carries_the_status() -> None:
    text = "Ukraine wants ATACMS.\nWhy?\nWashington will authorize Ukraine to use these missiles."
    assert _status(text)["atacms"][0] == AUTHORISED


def test_reading_records_statuses_and_ties() -> None:
    reading = read_article(SEED)
    assert [s.key for s in reading.statuses] == ["atacms", "taurus"]
    (claim,) = reading.claims
    weapon = reading.weapon_of(claim)
    assert weapon is not None and weapon.id == "atacms"
    assert reading.free_groups == () and len(reading.tied_groups) == 1


def test_links_imports_no_drawing_library() -> None:
    code = (
        "import sys, rangemap.claims as l; l.weapon_statuses('Berlin refused Taurus.'); "
        "print(sorted(m for m in ('folium', 'numpy', 'shapely') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
