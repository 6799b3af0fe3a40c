"""Tests for rangemap.claims: text -> RangeClaim."""

from __future__ import annotations

import doctest
import json
import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rangemap.claims
from rangemap.claims import (
    KINDS,
    TYPES,
    VAGUE_MAGNITUDES,
    RangeClaim,
    parse_claim,
    parse_claims,
    parse_statements,
)
from rangemap.errors import InputError, RangemapError
from tests.conftest import REPO

ROOT = REPO
SEED = ROOT / "seeds" / "atacms_kursk_authorisation_2024-11.txt"
MI = 1.609344
NMI = 1.852

# (sentence, [(low_km, high_km, kind), ...]); an empty list means "no claim".
# Open bounds are None: "up to 300 km" is (None, 300), "more than 300 km" (300, None).
CASES: list[tuple[str, list[tuple[float | None, float | None, str]]]] = [
    # plain numbers and units
    ("The missile flies 300 km.", [(300, 300, "exact")]),
    ("It has a range of 300km.", [(300, 300, "exact")]),
    ("A range of 300 kilometres.", [(300, 300, "exact")]),
    ("A range of 300 kilometers.", [(300, 300, "exact")]),
    ("A range of 300 KM.", [(300, 300, "exact")]),
    ("It reaches 300 kms.", [(300, 300, "exact")]),
    ("It can travel 190 miles.", [(190 * MI, 190 * MI, "exact")]),
    ("It flies 190 mi.", [(190 * MI, 190 * MI, "exact")]),
    ("A cruise missile with 300 nautical miles of reach.", [(300 * NMI, 300 * NMI, "exact")]),
    ("Its reach is 300 nmi.", [(300 * NMI, 300 * NMI, "exact")]),
    ("Its reach is 300 statute miles.", [(300 * MI, 300 * MI, "exact")]),
    ("A range of 500 metres.", [(0.5, 0.5, "exact")]),
    ("Its effective range is under 800 meters.", [(None, 0.8, "at most")]),
    ("It can hit targets 500 m away.", [(0.5, 0.5, "exact")]),
    ("A range of 1,000 km.", [(1000, 1000, "exact")]),
    ("A range of 1 000 km.", [(1000, 1000, "exact")]),
    ("A range of 1\u00a0000\u00a0km.", [(1000, 1000, "exact")]),
    ("A range of 2,500 kilometres.", [(2500, 2500, "exact")]),
    ("A range of 1.5 km.", [(1.5, 1.5, "exact")]),
    ("A range of 1.5 thousand km.", [(1500, 1500, "exact")]),
    # number words
    ("A range of three hundred kilometres.", [(300, 300, "exact")]),
    ("A range of one thousand five hundred km.", [(1500, 1500, "exact")]),
    ("A range of fifteen hundred kilometres.", [(1500, 1500, "exact")]),
    ("It flies fifty miles.", [(50 * MI, 50 * MI, "exact")]),
    ("It flies twenty-five kilometres.", [(25, 25, "exact")]),
    ("It flies one hundred and fifty km.", [(150, 150, "exact")]),
    ("It can fly a thousand kilometres.", [(1000, 1000, "exact")]),
    ("A three-hundred-kilometre range.", [(300, 300, "exact")]),
    # hyphenated adjectives
    ("A 300-km range.", [(300, 300, "exact")]),
    ("The 500-kilometer-range Taurus.", [(500, 500, "exact")]),
    ("A 190-mile missile.", [(190 * MI, 190 * MI, "exact")]),
    ("A 300-km long-range missile.", [(300, 300, "exact")]),
    # at most
    ("It has a range of up to 300 km.", [(None, 300, "at most")]),
    ("Up to 300 km.", [(None, 300, "at most")]),
    ("A maximum range of 300 km.", [(None, 300, "at most")]),
    ("Max range 300 km.", [(None, 300, "at most")]),
    ("Max. range: 300 km.", [(None, 300, "at most")]),
    ("A maximum range of up to 300 km.", [(None, 300, "at most")]),
    ("It strikes as far as 300 km.", [(None, 300, "at most")]),
    ("It flies less than 300 km.", [(None, 300, "at most")]),
    ("It flies under 300 km.", [(None, 300, "at most")]),
    ("Targets within 300 km of the border.", [(None, 300, "at most")]),
    ("No more than 300 km.", [(None, 300, "at most")]),
    ("It flies 300 km at most.", [(None, 300, "at most")]),
    ("It flies 300 km or less.", [(None, 300, "at most")]),
    # at least
    ("A range of more than 300 km.", [(300, None, "at least")]),
    ("A range of over 300 km.", [(300, None, "at least")]),
    ("Targets beyond 300 km.", [(300, None, "at least")]),
    ("At least 300 km.", [(300, None, "at least")]),
    ("In excess of 300 km.", [(300, None, "at least")]),
    ("It flies 300 km or more.", [(300, None, "at least")]),
    ("A 300+ km range.", [(300, None, "at least")]),
    ("A 300-plus-kilometre range.", [(300, None, "at least")]),
    ("More than a thousand kilometres.", [(1000, None, "at least")]),
    # approximate
    ("About 300 km.", [(270, 330, "approximate")]),
    ("Around 300 km.", [(270, 330, "approximate")]),
    ("Roughly 300 km.", [(270, 330, "approximate")]),
    ("Some 300 km.", [(270, 330, "approximate")]),
    ("Approximately 300 km.", [(270, 330, "approximate")]),
    ("It flies approx. 300 km.", [(270, 330, "approximate")]),
    ("It flies ~300 km.", [(270, 330, "approximate")]),
    ("It flies 300 km or so.", [(270, 330, "approximate")]),
    ("Nearly 300 km.", [(270, 300, "approximate")]),
    ("Almost 300 km.", [(270, 300, "approximate")]),
    ("Just over 300 km.", [(300, 330, "approximate")]),
    ("A 300-odd km flight.", [(300, 330, "approximate")]),
    ("Up to about 300 km.", [(270, 330, "approximate")]),
    # intervals
    ("Between 165 and 300 km.", [(165, 300, "interval")]),
    ("A range of 165-300 km.", [(165, 300, "interval")]),
    ("A range of 165\u2013300 km.", [(165, 300, "interval")]),
    ("A range of 165 - 300 km.", [(165, 300, "interval")]),
    ("A range of 165 to 300 km.", [(165, 300, "interval")]),
    ("Ranges from 165 to 300 kilometres.", [(165, 300, "interval")]),
    ("Between 165 km and 300 km.", [(165, 300, "interval")]),
    ("Between 100 and 190 miles.", [(100 * MI, 190 * MI, "interval")]),
    ("Two to three hundred kilometres.", [(200, 300, "interval")]),
    ("A 300-165 km range.", [(165, 300, "interval")]),
    # vague magnitudes
    ("Several hundred kilometers.", [(300, 900, "vague")]),
    ("A few hundred kilometres.", [(200, 500, "vague")]),
    ("Hundreds of kilometres.", [(200, 900, "vague")]),
    ("Tens of kilometers.", [(20, 90, "vague")]),
    ("Dozens of miles.", [(24 * MI, 96 * MI, "vague")]),
    ("Several thousand kilometres.", [(3000, 9000, "vague")]),
    ("Thousands of kilometres.", [(2000, 9000, "vague")]),
    ("A few thousand km.", [(2000, 5000, "vague")]),
    ("Several hundred miles.", [(300 * MI, 900 * MI, "vague")]),
    ("A couple of hundred km.", [(200, 300, "vague")]),
    ("Several hundreds of kilometres.", [(300, 900, "vague")]),
    ("A several-hundred-kilometre range.", [(300, 900, "vague")]),
    ("A maximum range of several hundred kilometers.", [(300, 900, "vague")]),
    ("Up to several hundred kilometers.", [(300, 900, "vague")]),
    ("Some hundreds of kilometres.", [(200, 900, "vague")]),
    # two units, one claim
    ("300 kilometers (186 miles).", [(300, 300, "exact")]),
    ("186 miles (300 km).", [(186 * MI, 186 * MI, "exact")]),
    ("300km/186mi.", [(300, 300, "exact")]),
    ("300 km, or 186 miles, away.", [(300, 300, "exact")]),
    ("Up to 300 km (about 186 miles).", [(None, 300, "at most")]),
    ("165-300 km (100-190 miles).", [(165, 300, "interval")]),
    # unicode and case
    ("UP TO 300\u00a0KM.", [(None, 300, "at most")]),
    ("It flies \u201cup to 300\u202fkm\u201d.", [(None, 300, "at most")]),
    ("Between 165\u2014300 km.", [(165, 300, "interval")]),
    # several claims
    ("Taurus flies 500 km; Storm Shadow 250 km.", [(500, 500, "exact"), (250, 250, "exact")]),
    ("From 300 km to 500 km.", [(300, 500, "interval")]),
    ("Two ranges: 300 km - 500 km.", [(300, 500, "interval")]),
    ("Ranging from 70 km to 300 km by variant.", [(70, 300, "interval")]),
    ("A range of 2,500-2,800 km.", [(2500, 2800, "interval")]),
    # not ranges
    ("There are around 50,000 soldiers.", []),
    ("About 9.2 billion dollars remain.", []),
    ("A $300 million package.", []),
    ("A $300m package.", []),
    ("Aid worth 300m euros.", []),
    ("300m people live there.", []),
    ("A 300 M budget.", []),
    ("On January 20, he takes office.", []),
    ("In 2022 the war began.", []),
    ("The year 2024.", []),
    ("It flies at 300 km/h.", []),
    ("It flies at 300 km / h.", []),
    ("It flies at 5 km/s.", []),
    ("It flies at 900 kph.", []),
    ("It flies at 500 mph.", []),
    ("It flies at 300 kilometers per hour.", []),
    ("It flies at 300 miles an hour.", []),
    ("It flies at Mach 5.", []),
    ("Troops advance 10 km a day.", []),
    ("An area of 29,997 km\u00b2.", []),
    ("An area of 29,997 km2.", []),
    ("An area of 300 km^2.", []),
    ("An area of 300 sq km.", []),
    ("An area of 300 sq. km.", []),
    ("An area of 300 square kilometres.", []),
    ("An area of 300 square miles.", []),
    ("Support rose 50 percent.", []),
    ("Support rose 50%.", []),
    ("A 450 kg warhead.", []),
    ("It carries 2 tonnes.", []),
    ("It flies at an altitude of 10 km.", []),
    ("At altitudes of up to 25 km.", []),
    ("A 40-km-long convoy.", []),
    ("A zone 20 km wide.", []),
    ("The crater is 1 km in diameter.", []),
    ("It has 300 of them.", []),
    # lengths that are not weapon ranges (issue 10; they were read as ranges)
    ("A 500 metre radius.", []),
    ("Within 800 meters of the line.", []),
    ("The drone landed 500 m away.", []),
    ("It flew fifty miles.", []),
    ("The count was 300.", []),
    ("The S-300 and Kh-101 and Su-34 were used.", []),
    ("The M39A1 variant.", []),
    ("Several countries refused.", []),
    ("Tens of billions of dollars.", []),
    ("Hundreds of soldiers.", []),
    ("", []),
]


def _summary(text: str) -> list[tuple[float | None, float | None, str]]:
    return [(c.low_km, c.high_km, c.kind) for c in parse_claims(text)]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_table(text: str, expected: list[tuple[float | None, float | None, str]]) -> None:
    got = _summary(text)
    assert len(got) == len(expected), got
    for (low, high, kind), (elow, ehigh, ekind) in zip(got, expected, strict=True):
        assert kind == ekind
        assert (low is None, high is None) == (elow is None, ehigh is None), (low, high)
        if elow is not None:
            assert low == pytest.approx(elow, rel=1e-9)
        if ehigh is not None:
            assert high == pytest.approx(ehigh, rel=1e-9)


def test_table_is_big() -> None:
    assert len(CASES) >= 60
    assert sum(1 for _, e in CASES if not e) >= 20


@pytest.mark.parametrize(
    ("text", "nominal"),
    [
        ("several hundred kilometers", 500),
        ("a few hundred kilometres", 300),
        ("hundreds of km", 400),
        ("165-300 km", 232.5),
        ("up to 300 km", 300),
        ("more than 300 km", 300),
        ("about 300 km", 300),
        ("nearly 300 km", 300),
    ],
)
def test_nominal(text: str, nominal: float) -> None:
    claim = parse_claim(text)
    assert claim.nominal_km == pytest.approx(nominal)
    assert (claim.low_km or 0) <= claim.nominal_km <= (claim.high_km or math.inf)


# -- the bundled article -----------------------------------------------------


def test_seed_article_has_exactly_one_vague_claim() -> None:
    text = SEED.read_text(encoding="utf-8")
    claims = parse_claims(text)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.kind == "vague"
    assert claim.is_band
    assert claim.phrase.endswith("several hundred kilometers")
    assert claim.phrase in (
        "several hundred kilometers",
        "maximum range of several hundred kilometers",
    )
    assert text[claim.start : claim.end] == claim.phrase
    assert (claim.low_km, claim.high_km, claim.nominal_km) == (300.0, 900.0, 500.0)
    assert claim.unit == "km"
    assert claim.sentence.startswith("These missiles with a maximum range")
    assert claim.sentence.endswith("bombers take off.")
    assert claim.weapon is None  # ATACMS is named only in the next sentence
    assert "300–900 km" in claim.interpretation()


def test_seed_article_with_catalogue_names() -> None:
    text = SEED.read_text(encoding="utf-8")
    claims = parse_claims(text, weapon_names=["ATACMS", "MGM-140", "Taurus", "Storm Shadow"])
    assert [c.kind for c in claims] == ["vague"]


# -- phrases, offsets, dedup of two units -------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "unit"),
    [
        ("It has 300 kilometers (186 miles) of reach.", "300 kilometers (186 miles)", "km"),
        ("It has 186 miles (300 km) of reach.", "186 miles (300 km)", "mi"),
        ("It has 300km/186mi of reach.", "300km/186mi", "km"),
        ("It flies up to 300 km (186 miles).", "up to 300 km (186 miles)", "km"),
        ("A 300-kilometre (186-mile) range.", "300-kilometre (186-mile)", "km"),
        ("It reaches 300 km, or 186 miles, inland.", "300 km, or 186 miles", "km"),
        ("It reaches 300 km [186 mi].", "300 km [186 mi]", "km"),
        (
            "It flies 2,500 kilometres - some 1,550 miles - away.",
            "2,500 kilometres - some 1,550 miles",
            "km",
        ),
        ("It flies 300 km — 186 miles — away.", "300 km — 186 miles", "km"),
    ],
)
def test_two_units_are_one_claim(text: str, phrase: str, unit: str) -> None:
    claims = parse_claims(text)
    assert len(claims) == 1
    assert claims[0].phrase == phrase
    assert claims[0].unit == unit
    assert text[claims[0].start : claims[0].end] == phrase


def test_two_units_that_disagree_are_two_claims() -> None:
    claims = parse_claims("It flies 300 km (500 miles for the new one).")
    assert [c.unit for c in claims] == ["km", "mi"]


def test_same_unit_in_parentheses_is_two_claims() -> None:
    claims = parse_claims("It flies 300 km (250 km over sea).")
    assert [c.nominal_km for c in claims] == [300, 250]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("It has a maximum range of up to 300 km.", "maximum range of up to 300 km"),
        ("It flies some 190 miles.", "some 190 miles"),
        ("The 500-kilometer-range Taurus.", "500-kilometer"),
        ("Between 165 and 300 km away.", "between 165 and 300 km"),
        ("It flies approx. 300 km.", "approx. 300 km"),
        ("It flies 300 km or so, they say.", "300 km or so"),
    ],
)
def test_phrase(text: str, phrase: str) -> None:
    (claim,) = parse_statements(text)  # the phrase, whatever the type of length
    assert claim.phrase.lower() == phrase.lower()


def test_offsets_with_unicode_prefix() -> None:
    text = "\u201cİİ\u00a0\u2014 The missile\u2019s range is 300\u00a0km.\u201d"
    (claim,) = parse_claims(text)
    assert text[claim.start : claim.end] == claim.phrase == "300\u00a0km"


# -- sentences and weapons -----------------------------------------------------


def test_weapon_same_sentence_before() -> None:
    (claim,) = parse_claims("The ATACMS has a range of up to 300 km.")
    assert claim.weapon == "ATACMS"


def test_weapon_same_sentence_after() -> None:
    (claim,) = parse_claims("The 500-kilometer-range Taurus is German.")
    assert claim.weapon == "Taurus"


def test_weapon_nearest_before_wins() -> None:
    claims = parse_claims("Taurus flies 500 km, Storm Shadow flies 250 km.")
    assert [c.weapon for c in claims] == ["Taurus", "Storm Shadow"]


def test_weapon_before_preferred_to_after() -> None:
    (claim,) = parse_claims("Iskander missiles fly 500 km, more than ATACMS.")
    assert claim.weapon == "Iskander"


def test_weapon_previous_sentence() -> None:
    text = "Kyiv asked for Storm Shadow missiles. They fly about 250 km."
    (claim,) = parse_claims(text)
    assert claim.weapon == "Storm Shadow"
    assert claim.sentence == "They fly about 250 km."


def test_weapon_not_from_two_sentences_back() -> None:
    text = "Kyiv asked for Storm Shadow missiles. Nothing came. They fly about 250 km."
    (claim,) = parse_claims(text)
    assert claim.weapon is None


def test_weapon_none() -> None:
    (claim,) = parse_claims("These missiles fly 300 km.")
    assert claim.weapon is None


def test_weapon_next_sentence_is_not_used() -> None:
    (claim,) = parse_claims("They fly 300 km. ATACMS is American.")
    assert claim.weapon is None


def test_weapon_as_written_and_variants() -> None:
    (claim,) = parse_claims("The iskander M reaches 500 km.")
    assert claim.weapon == "iskander M"


def test_weapon_names_argument() -> None:
    text = "The Hrim-3 reaches 700 km."
    assert parse_claims(text)[0].weapon is None
    assert parse_claims(text, weapon_names=["Hrim-3"])[0].weapon == "Hrim-3"
    assert parse_claims(text, weapon_names="Hrim-3")[0].weapon == "Hrim-3"


def test_weapon_name_with_number_is_not_a_quantity() -> None:
    (claim,) = parse_claims("The Taurus KEPD 350 km-class missile flies 500 km.")
    assert claim.nominal_km == 500
    assert claim.weapon == "Taurus KEPD 350"


def test_sentence_splitting() -> None:
    text = (
        "Headline\nThe U.S. officials said approx. 300 km. Mr. Smith said 200 km!\n\n"
        "Hard-wrapped lines of a long paragraph keep going on and on and on beyond sixty\n"
        "chars, and the range of 100 km stays in the paragraph."
    )
    sentences = [c.sentence for c in parse_claims(text)]
    assert sentences == [
        "The U.S. officials said approx. 300 km.",
        "Mr. Smith said 200 km!",
        "Hard-wrapped lines of a long paragraph keep going on and on and on beyond sixty\n"
        "chars, and the range of 100 km stays in the paragraph.",
    ]


def test_claim_does_not_cross_sentences() -> None:
    claims = parse_claims("He said up to. 300 km is the range.")
    assert [(c.kind, c.phrase) for c in claims] == [("exact", "300 km")]


# -- RangeClaim ---------------------------------------------------------------


def test_to_dict_is_json_ready() -> None:
    claim = parse_claims("ATACMS flies up to 300 km.")[0]
    data = claim.to_dict()
    assert set(data) == {
        "type",
        "note",
        "low_km",
        "high_km",
        "nominal_km",
        "kind",
        "phrase",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "unit",
        "weapon",
    }
    assert json.loads(json.dumps(data)) == data
    assert data["weapon"] == "ATACMS"
    assert data["kind"] == "at most"
    assert data["type"] == "range"
    assert data["low_km"] is None and data["high_km"] == 300


def test_is_band() -> None:
    assert parse_claim("several hundred km").is_band
    assert parse_claim("about 300 km").is_band
    assert not parse_claim("up to 300 km").is_band
    assert not parse_claim("300 km").is_band


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("several hundred kilometers", "several hundred kilometers → 300–900 km"),
        ("300 km", "300 km → 300 km"),
        ("190 miles", "190 miles → 305.8 km"),
        ("20 m", "20 m → 0.02 km"),
        ("1.5 km", "1.5 km → 1.5 km"),
        ("up to 300 km", "up to 300 km → 300 km (at most)"),
        ("about 1,000 km", "about 1,000 km → 900–1,100 km (approximate, nominal 1,000 km)"),
    ],
)
def test_interpretation(phrase: str, text: str) -> None:
    assert parse_claim(phrase).interpretation().startswith(text)


def test_range_claim_validates() -> None:
    args = {"phrase": "x", "start": 0, "end": 1, "sentence": "x", "unit": "km", "weapon": None}
    with pytest.raises(InputError):
        RangeClaim(low_km=5, high_km=4, nominal_km=4.5, kind="exact", **args)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        RangeClaim(low_km=1, high_km=1, nominal_km=1, kind="roughly", **args)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        RangeClaim(low_km=float("nan"), high_km=1, nominal_km=1, kind="exact", **args)  # type: ignore[arg-type]


def test_vague_table_is_consistent() -> None:
    assert len(VAGUE_MAGNITUDES) >= 8
    for key, (low, high, nominal) in VAGUE_MAGNITUDES.items():
        assert 0 < low <= nominal <= high, key
        assert parse_claim(f"{key} km").kind == "vague"


# -- parse_claim ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "low", "high", "kind"),
    [
        ("several hundred kilometers", 300, 900, "vague"),
        ("up to 300 km", None, 300, "at most"),
        ("165-300 km", 165, 300, "interval"),
        ("300km", 300, 300, "exact"),
        ("190 mi", 190 * MI, 190 * MI, "exact"),
        ("  about 300 km  ", 270, 330, "approximate"),
        ("more than 500 kilometres", 500, None, "at least"),
        ("a few hundred miles", 200 * MI, 500 * MI, "vague"),
    ],
)
def test_parse_claim(phrase: str, low: float | None, high: float | None, kind: str) -> None:
    claim = parse_claim(phrase)
    assert claim.kind == kind
    assert claim.low_km == (None if low is None else pytest.approx(low))
    assert claim.high_km == (None if high is None else pytest.approx(high))


@pytest.mark.parametrize(
    "phrase", ["", "   ", "300", "several hundred", "ATACMS", "50,000 soldiers", "300 km/h"]
)
def test_parse_claim_rejects(phrase: str) -> None:
    with pytest.raises(InputError) as info:
        parse_claim(phrase)
    message = str(info.value)
    assert "\n" not in message
    assert "300 km" in message  # says what is accepted
    assert isinstance(info.value, RangemapError)
    assert isinstance(info.value, ValueError)


def test_parse_claim_rejects_two_claims() -> None:
    with pytest.raises(InputError, match="2 range claims"):
        parse_claim("300 km and 500 km")


def test_parse_claims_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        parse_claims(b"300 km")  # type: ignore[arg-type]


# -- properties ----------------------------------------------------------------

FRAGMENTS = [
    "300", "1,000", "1 000", "1.5", "165", "-", "\u2013", "\u2014", " to ", " and ", "between ",
    "from ", "km", " km", "kilometres", " kilometers", " miles", "mi", " nautical miles", " m",
    "m", " metres", "up to ", "maximum range of ", "more than ", "over ", "about ", "nearly ",
    "some ", "several ", "a few ", "hundred", "hundreds of ", "thousands of ", "tens of ",
    "dozens of ", "three ", "hundred ", "and ", "fifty", "-", "(", ")", "/", "h", "\u00b2", "2",
    "per hour", " or so", " or more", "+", "plus", "odd", ". ", "! ", "\n", "\n\n", "\u00a0",
    " ", "$", "%", "ATACMS", "Storm Shadow", "S-300", "Kh-101", "altitude of ", " long",
    "\u201c", "\u201d", "U.S. ", "approx. ", "~", "a ", "the ", "İ", "ß", "\ufeff", "\u200b",
]  # fmt: skip

fragment_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40
).map("".join)


def _check_invariants(text: str) -> None:
    claims = parse_statements(text, weapon_names=["Taurus", "ATA"])
    assert [c for c in claims if c.type == "range"] == parse_claims(
        text, weapon_names=["Taurus", "ATA"]
    )
    previous_end = -1
    for c in claims:
        assert c.kind in KINDS
        assert c.type in TYPES
        assert 0 <= (c.low_km or 0) <= c.nominal_km <= (c.high_km or math.inf)
        assert text[c.start : c.end] == c.phrase
        assert c.phrase
        assert c.phrase in c.sentence
        assert c.start >= previous_end
        previous_end = c.end
        assert c.weapon is None or c.weapon in text
        c.interpretation()
        json.dumps(c.to_dict())


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(fragment_text)
def test_never_raises_on_claim_like_text(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["km", "kilometres", "miles"]))
def test_any_number_with_unit_is_found(value: int, unit: str) -> None:
    text = f"It flies {value:,} {unit}."
    (claim,) = parse_claims(text)
    assert claim.kind == "exact"
    assert claim.phrase == f"{value:,} {unit}"


# -- structure and robustness --------------------------------------------------


def test_import_does_not_load_mapping_libraries() -> None:
    code = (
        "import rangemap.claims, sys; "
        "assert 'folium' not in sys.modules and 'pyproj' not in sys.modules; "
        "assert 'geopandas' not in sys.modules and 'shapely' not in sys.modules; "
        "assert 'numpy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


PATHOLOGICAL = {
    "digits and spaces": "".join("1234567890 "[(i * 7) % 11] for i in range(100_000)),
    "digits": "9" * 100_000,
    "digit groups": "123 " * 25_000,
    "comma groups": "1" + ",000" * 25_000,
    "punctuation": "!?." * 33_000,
    "dots and spaces": ". " * 50_000,
    "dashes": "1-" * 50_000,
    "claims": "up to 300 km (186 miles). " * 2_000,
    "words": "several hundred hundreds of tens between from " * 2_000,
}


def test_no_catastrophic_backtracking() -> None:
    # Run in a subprocess so a regression fails by timeout instead of hanging.
    code = (
        "import sys, json\n"
        "from rangemap.claims import parse_claims\n"
        "texts = json.loads(sys.stdin.read())\n"
        "print(json.dumps({k: len(parse_claims(v)) for k, v in texts.items()}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(PATHOLOGICAL),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    counts = json.loads(result.stdout)
    assert counts["claims"] == 2_000
    assert counts["digits and spaces"] == 0


def test_doctests() -> None:
    failures, tested = doctest.testmod(rangemap.claims, optionflags=doctest.ELLIPSIS)
    assert tested > 0
    assert failures == 0


# -- the table of sentences (issue 10): every length gets its type -------------

SENTENCES = ROOT / "tests" / "data" / "range_sentences.tsv"


def _sentence_rows() -> list[tuple[str, str, float | None, float | None, str]]:
    rows = []
    lines = [
        line
        for line in SENTENCES.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines[0].split("\t") == ["sentence", "type", "low_km", "high_km", "weapon"]
    for line in lines[1:]:
        sentence, type_, low, high, weapon = line.split("\t")
        rows.append(
            (sentence, type_, float(low) if low else None, float(high) if high else None, weapon)
        )
    return rows


SENTENCE_ROWS = _sentence_rows()


@pytest.mark.parametrize(
    ("sentence", "type_", "low", "high", "weapon"),
    SENTENCE_ROWS,
    ids=[r[0][:60] for r in SENTENCE_ROWS],
)
def test_sentence_table(
    sentence: str, type_: str, low: float | None, high: float | None, weapon: str
) -> None:
    statements = parse_statements(sentence)
    assert statements, "no length read"
    first = statements[0]
    assert first.type == type_, [(s.type, s.phrase) for s in statements]
    assert first.low_km == (None if low is None else pytest.approx(low, rel=1e-3))
    assert first.high_km == (None if high is None else pytest.approx(high, rel=1e-3))
    if type_ == "range":
        assert (first.weapon or "") == weapon
        assert parse_claims(sentence)[0] == first
    else:
        assert not any(s.type == "range" for s in statements)
        assert parse_claims(sentence) == []


def test_sentence_table_covers_every_kind() -> None:
    types = [r[1] for r in SENTENCE_ROWS]
    assert len(SENTENCE_ROWS) >= 150
    assert types.count("range") >= 60
    assert len(types) - types.count("range") >= 60
    assert set(types) == set(TYPES)
    for kind in TYPES:
        assert types.count(kind) >= 5, kind
    assert len({r[0] for r in SENTENCE_ROWS}) == len(SENTENCE_ROWS)


# -- bounds as stated, and the statements of the issue --------------------------


@pytest.mark.parametrize(
    ("text", "type_", "low", "high", "kind"),
    [
        ("It flies up to 300 km.", "range", None, 300, "at most"),
        ("It flies no more than 300 km.", "range", None, 300, "at most"),
        ("Targets within 300 km can be hit.", "range", None, 300, "at most"),
        ("It flies more than 250 km.", "range", 250, None, "at least"),
        ("It flies over 250 km.", "range", 250, None, "at least"),
        ("It flies at least 250 km.", "range", 250, None, "at least"),
        ("It flies 400 km and more.", "range", 400, None, "at least"),
        ("It flies 400+ km.", "range", 400, None, "at least"),
        ("It has a minimum range of about 500 km.", "range", 500, None, "at least"),
        ("It has a range of 500~1,000km.", "range", 500, 1000, "interval"),
        ("It has a range of between 2,000 and 2,500 km.", "range", 2000, 2500, "interval"),
        ("It has a range of 165 to 300 km.", "range", 165, 300, "interval"),
        ("It has ranges above 300 km (and up to 1,000 km).", "range", 300, 1000, "interval"),
        (
            "A depot more than 250 km from the front line was hit.",
            "distance",
            250,
            None,
            "at least",
        ),
    ],
)
def test_bounds_as_stated(
    text: str, type_: str, low: float | None, high: float | None, kind: str
) -> None:
    (s,) = parse_statements(text)
    assert (s.type, s.low_km, s.high_km, s.kind) == (type_, low, high, kind)


def test_more_than_invents_no_upper_bound() -> None:
    (claim,) = parse_claims("The missile flies more than 250 km.")
    assert claim.high_km is None
    assert claim.to_dict()["high_km"] is None
    assert json.loads(json.dumps(claim.to_dict()))["high_km"] is None


def test_bare_number_takes_the_unit_of_a_range_nearby() -> None:
    text = "The missile has a range of up to 2,000. Its older version flies 1,500 km."
    first, second = parse_claims(text)
    assert (first.low_km, first.high_km, first.unit) == (None, 2000.0, "km")
    assert first.note is not None and "no unit given" in first.note and "km" in first.note
    assert second.note is None
    miles = parse_claims("Its reach is about 300. A cousin flies 200 miles.")
    assert miles[0].unit == "mi" and miles[0].nominal_km == pytest.approx(300 * MI)


def test_bare_number_without_a_range_nearby_is_not_read() -> None:
    assert parse_statements("The missile has a range of up to 2,000.") == []
    assert parse_claims("It has a range of 2,000 soldiers and 300 km of road.")[0].phrase == (
        "300 km"
    )


def test_distance_records_its_ends() -> None:
    (s,) = parse_statements("Belgorod, which lies about 40 km behind the border, was hit.")
    assert (s.type, s.place, s.reference) == ("distance", "Belgorod", "the border")
    assert s.to_dict()["place"] == "Belgorod" and s.to_dict()["reference"] == "the border"
    (s,) = parse_statements("A depot in Voronezh, more than 250 km from the front line was hit.")
    assert (s.place, s.reference) == ("Voronezh", "the front line")
    assert "place" not in parse_claims("ATACMS flies 300 km.")[0].to_dict()


def test_speed_and_area_notes() -> None:
    (s,) = parse_statements("The drone cruises at 800 km. per hour.")
    assert (s.type, s.note) == ("speed", "per hour")
    (s,) = parse_statements("An area of 300 square miles.")
    assert s.type == "size" and s.note is not None and "area" in s.note
    assert s.nominal_km == pytest.approx(300 * MI * MI)


def test_parse_claim_reads_any_length_alone_but_not_speeds() -> None:
    assert parse_claim("20 m").type == "range"
    assert parse_claim("up to 500 metres").high_km == pytest.approx(0.5)  # a size in text
    with pytest.raises(InputError):
        parse_claim("300 km/h")
    with pytest.raises(InputError):
        parse_claim("300 km²")


def test_open_bound_is_drawn_as_one_labelled_ring() -> None:
    from rangemap.spec import claim_spec

    up_to = claim_spec(parse_claim("up to 300 km"))
    assert (up_to.low_km, up_to.high_km, up_to.label) == (300, 300, "up to 300 km")
    at_least = claim_spec(parse_claim("more than 250 km"))
    assert (at_least.low_km, at_least.high_km, at_least.label) == (250, 250, "at least 250 km")
    band = claim_spec(parse_claim("165-300 km"))
    assert (band.low_km, band.high_km) == (165, 300)
