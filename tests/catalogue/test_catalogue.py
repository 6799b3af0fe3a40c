"""Tests for rangemap.catalogue: the bundled catalogue, name lookup and text search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rangemap.catalogue import (
    WEAPON_ROLES,
    WEAPON_TYPES,
    Variant,
    Weapon,
    find_weapon,
    find_weapon_variants,
    find_weapons_in_text,
    load_catalogue,
    strike_weapons,
    weapon_names,
    weapons_for_side,
)
from rangemap.errors import DataFileError, InputError, RangemapError, UnknownNameError
from tests.conftest import REPO, run_python

ROOT = REPO
SEED = ROOT / "seeds" / "atacms_kursk_authorisation_2024-11.txt"

ALL_VARIANTS = [(w, v) for w in load_catalogue() for v in w.variants]

#: Half the WGS84 meridian is about 20,004 km: no surface range can exceed it.
HALF_MERIDIAN_KM = 20_004.0


# ---------------------------------------------------------------------------
# The bundled file
# ---------------------------------------------------------------------------


def test_catalogue_loads_and_is_cached() -> None:
    weapons = load_catalogue()
    assert weapons
    assert all(isinstance(w, Weapon) for w in weapons)
    assert all(isinstance(v, Variant) for w in weapons for v in w.variants)
    assert load_catalogue() is weapons


def test_ids_are_unique() -> None:
    weapon_ids = [w.id for w in load_catalogue()]
    variant_ids = [v.id for _, v in ALL_VARIANTS]
    assert len(set(weapon_ids)) == len(weapon_ids)
    assert len(set(variant_ids)) == len(variant_ids)


@pytest.mark.parametrize(("weapon", "variant"), ALL_VARIANTS, ids=lambda x: x.id)
def test_every_variant_is_sourced_and_sane(weapon: Weapon, variant: Variant) -> None:
    assert weapon.type in WEAPON_TYPES
    assert weapon.country.strip()
    # publisher, title and year (or "n.d."), and what the number means
    assert re.search(r"\b(19|20)\d\d\b|\bn\.d\.", variant.source), variant.source
    assert re.search(r"maximum|range", variant.source), variant.source
    assert 0 < variant.max_range_km < HALF_MERIDIAN_KM
    if variant.min_range_km is not None:
        assert 0 <= variant.min_range_km < variant.max_range_km
    if variant.url is not None:
        assert variant.url.startswith("https://")


# ---------------------------------------------------------------------------
# Operators: who fields each variant
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("weapon", "variant"), ALL_VARIANTS, ids=lambda x: x.id)
def test_every_variant_names_its_operators_with_a_source(weapon: Weapon, variant: Variant) -> None:
    assert variant.operators
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in variant.operators)
    assert len(set(variant.operators)) == len(variant.operators)
    assert variant.operators_source
    # a publication with a date, as the range sources are given
    assert re.search(r"\b(19|20)\d\d\b|\bn\.d\.", variant.operators_source)
    assert "UK" not in variant.operators  # ISO 3166-1 has GB for the United Kingdom


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("ATACMS M39A1", {"UA", "US"}, set()),
        ("ATACMS M39", {"UA", "US"}, set()),
        ("GMLRS M31", {"UA", "US"}, set()),
        ("Storm Shadow", {"GB", "FR", "UA"}, {"RU"}),
        ("Taurus", {"DE"}, {"UA", "RU"}),
        ("standard Neptune", {"UA"}, {"RU"}),
        ("Long Neptune", {"UA"}, {"RU"}),
        ("Kh-101", {"RU"}, {"UA"}),
        ("Kalibr", {"RU"}, {"UA"}),
        ("KN-23", {"RU", "KP"}, {"UA"}),
    ],
)
def test_published_operators(query: str, present: set[str], absent: set[str]) -> None:
    _, variants = find_weapon_variants(query)
    for variant in variants:
        assert present <= set(variant.operators), variant.operators
        assert not absent & set(variant.operators), variant.operators


def test_iskander_m_is_fielded_by_russia_only() -> None:
    (variant,) = find_weapon("Iskander-M").variants
    assert variant.operators == ("RU",)


def test_taurus_is_not_a_ukrainian_weapon() -> None:
    taurus = find_weapon("Taurus")
    assert not taurus.operated_by("UA")
    assert "UA" not in taurus.operators
    # the catalogue says why: Germany refused to supply it
    assert "refused" in (taurus.variants[0].note or "")


def test_operated_by_accepts_any_case_and_rejects_non_codes() -> None:
    atacms = find_weapon("ATACMS")
    assert atacms.operated_by("ua") and atacms.operated_by(" UA ")
    assert not atacms.operated_by("RU")
    for bad in ("", "UKR", "U1", "Ukraine"):
        with pytest.raises(InputError, match="alpha-2"):
            atacms.operated_by(bad)


def test_weapons_for_side() -> None:
    ukraine = {w.id: [v.id for v in vs] for w, vs in weapons_for_side("UA")}
    russia = {w.id: [v.id for v in vs] for w, vs in weapons_for_side("RU")}
    assert ukraine["atacms"] == ["m39", "m39a1"]
    assert {"storm-shadow", "neptune", "gmlrs", "glsdb"} <= set(ukraine)
    assert "taurus" not in ukraine and "iskander-m" not in ukraine
    assert {"iskander-m", "kh-101", "kalibr", "kn-23", "kinzhal", "shahed-136", "umpk"} <= set(
        russia
    )
    # air defences are not what a side strikes with
    assert "s-400" not in russia and "mim-104" not in ukraine
    # Tochka-U is the one weapon both sides are recorded as firing
    assert set(ukraine) & set(russia) == {"tochka-u"}
    assert weapons_for_side("NZ") == ()
    # the pairs keep the catalogue's own objects
    for weapon, variants in weapons_for_side("RU"):
        assert weapon is find_weapon(weapon.id)
        assert all(v.operated_by("RU") for v in variants)


def test_weapons_json_carries_operators() -> None:
    from click.testing import CliRunner

    from rangemap.cli import cli

    result = CliRunner().invoke(cli, ["weapons", "--json"])
    assert result.exit_code == 0, result.output
    data = {w["id"]: w for w in json.loads(result.output)}
    m39a1 = next(v for v in data["atacms"]["variants"] if v["id"] == "m39a1")
    assert set(m39a1["operators"]) == {"UA", "US"}
    assert m39a1["operators_source"]
    assert data["iskander-m"]["variants"][0]["operators"] == ["RU"]
    assert all(v["operators"] for w in data.values() for v in w["variants"])


def test_weapons_table_shows_operators() -> None:
    from click.testing import CliRunner

    from rangemap.cli import cli

    result = CliRunner().invoke(cli, ["weapons"])
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert "operators" in header
    assert any("ATACMS" in row and "US, UA" in row for row in rows)
    assert any("Iskander" in row and re.search(r"\bRU\b", row) for row in rows)


@pytest.mark.parametrize(
    ("query", "weapon_id", "max_km"),
    [
        ("ATACMS M39", "atacms", 165),
        ("ATACMS M39A1", "atacms", 300),
        ("ATACMS M48", "atacms", 300),
        ("ATACMS M57", "atacms", 300),
        ("GMLRS M31", "gmlrs", 70),
        ("ER GMLRS", "gmlrs", 150),
        ("GLSDB", "glsdb", 150),
        ("PrSM Increment 1", "prsm", 499),
        ("Storm Shadow", "storm-shadow", 250),
        ("standard Neptune", "neptune", 280),
        ("Long Neptune", "neptune", 1000),
        ("Iskander-M", "iskander-m", 500),
        ("Kh-101", "kh-101", 4500),
        ("Kalibr", "kalibr", 2500),
        ("KN-23", "kn-23", 690),
    ],
)
def test_required_weapons_have_published_ranges(query: str, weapon_id: str, max_km: float) -> None:
    weapon, variants = find_weapon_variants(query)
    assert weapon.id == weapon_id
    assert len(variants) == 1
    assert variants[0].max_range_km == pytest.approx(max_km)


def test_taurus_reaches_at_least_500_km() -> None:
    assert find_weapon("Taurus KEPD 350").max_range_km >= 500


def test_published_minimum_ranges() -> None:
    assert find_weapon_variants("PrSM")[1][0].min_range_km == pytest.approx(60)
    assert find_weapon_variants("GMLRS M30")[1][0].min_range_km == pytest.approx(15)
    assert find_weapon_variants("ATACMS M39A1")[1][0].min_range_km is None


@pytest.mark.parametrize(
    ("weapon_id", "kind"),
    [
        ("atacms", "ballistic missile"),
        ("gmlrs", "rocket"),
        ("glsdb", "glide bomb"),
        ("storm-shadow", "cruise missile"),
        ("kn-23", "ballistic missile"),
    ],
)
def test_weapon_types(weapon_id: str, kind: str) -> None:
    assert find_weapon(weapon_id).type == kind


def test_sources_that_disagree_carry_a_note() -> None:
    for query in ("Storm Shadow", "Kalibr", "KN-23", "Kh-101", "Long Neptune"):
        _, (variant,) = find_weapon_variants(query)
        assert variant.note, query


def test_to_dict_is_json_ready() -> None:
    for weapon in load_catalogue():
        data = json.loads(json.dumps(weapon.to_dict()))
        assert data["id"] == weapon.id
        assert data["aliases"] == list(weapon.aliases)
        assert [v["max_range_km"] for v in data["variants"]] == [
            v.max_range_km for v in weapon.variants
        ]


# ---------------------------------------------------------------------------
# Lookup
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "weapon_id"),
    [
        ("atacms", "atacms"),
        ("ATACMS", "atacms"),
        ("MGM-140", "atacms"),
        ("mgm 168", "atacms"),
        ("Army Tactical Missile System", "atacms"),
        ("storm shadow", "storm-shadow"),
        ("Storm-Shadow", "storm-shadow"),
        ("STORM_SHADOW", "storm-shadow"),
        ("SCALP-EG", "storm-shadow"),
        ("scalp eg", "storm-shadow"),
        ("kn23", "kn-23"),
        ("KN 23", "kn-23"),
        ("Hwasong-11", "kn-23"),
        ("taurus", "taurus"),
        ("KEPD-350", "taurus"),
        ("r-360", "neptune"),
        ("3M-14", "kalibr"),
        ("Iskander", "iskander-m"),
        ("  glsdb  ", "glsdb"),
    ],
)
def test_find_weapon_by_id_name_or_alias(name: str, weapon_id: str) -> None:
    assert find_weapon(name).id == weapon_id


def test_find_weapon_does_not_take_variant_names() -> None:
    with pytest.raises(UnknownNameError):
        find_weapon("M39A1")


@pytest.mark.parametrize(
    ("name", "weapon_id", "variant_ids"),
    [
        ("ATACMS", "atacms", ["m39", "m39a1", "m48-m57"]),
        ("M39A1", "atacms", ["m39a1"]),
        ("ATACMS M39A1", "atacms", ["m39a1"]),
        ("atacms block ia", "atacms", ["m39a1"]),
        ("MGM-140A", "atacms", ["m39"]),
        ("TACMS 2000", "atacms", ["m48-m57"]),
        ("GMLRS", "gmlrs", ["m30-m31", "er-gmlrs"]),
        ("er-gmlrs", "gmlrs", ["er-gmlrs"]),
        ("Neptune", "neptune", ["neptune-standard", "long-neptune"]),
        ("long neptune", "neptune", ["long-neptune"]),
        ("Kh-101", "kh-101", ["kh-101"]),
    ],
)
def test_find_weapon_variants(name: str, weapon_id: str, variant_ids: list[str]) -> None:
    weapon, variants = find_weapon_variants(name)
    assert weapon.id == weapon_id
    assert [v.id for v in variants] == variant_ids
    assert all(v in weapon.variants for v in variants)


@pytest.mark.parametrize("lookup", [find_weapon, find_weapon_variants])
def test_unknown_name_suggests_close_names(lookup: object) -> None:
    assert callable(lookup)
    with pytest.raises(UnknownNameError) as info:
        lookup("atacm")
    error = info.value
    assert isinstance(error, LookupError)
    assert isinstance(error, RangemapError)
    assert "ATACMS" in error.suggestions
    assert len(error.suggestions) <= 5
    message = str(error)
    assert "unknown weapon 'atacm'" in message
    assert "'rangemap weapons'" in message
    assert "did you mean: ATACMS" in message


def test_unknown_name_without_close_match_has_no_suggestions() -> None:
    with pytest.raises(UnknownNameError) as info:
        find_weapon("zzqqxxvv")
    assert info.value.suggestions == []


def test_weapon_names_lists_ids_names_and_aliases_longest_first() -> None:
    names = weapon_names()
    for expected in ("atacms", "ATACMS", "Army Tactical Missile System", "Storm Shadow", "Taurus"):
        assert expected in names
    assert len(names) == len(set(names))
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)
    assert "M39A1 (Block IA)" not in names  # variant names are not weapon names


# ---------------------------------------------------------------------------
# Finding weapons in text
# ---------------------------------------------------------------------------


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(weapon.id, matched) for weapon, _, _, matched in find_weapons_in_text(text)]


def test_seed_article_mentions_atacms_and_taurus_only() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = find_weapons_in_text(text)
    assert [(w.id, m) for w, _, _, m in found] == [("atacms", "ATACMS"), ("taurus", "Taurus")]
    for _, start, end, matched in found:
        assert text[start:end] == matched


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Storm Shadow/SCALP missiles",
            [("storm-shadow", "Storm Shadow"), ("storm-shadow", "SCALP")],
        ),
        ("a scalp wound", []),
        ("long-range missiles and several hundred kilometres", []),
        ("Russia fired Kalibrs and Kh-101s", [("kalibr", "Kalibr"), ("kh-101", "Kh-101")]),
        ("the ATACMS's warhead", [("atacms", "ATACMS")]),
        ("an ATACMS M39A1 strike", [("atacms", "ATACMS M39A1")]),
        ("a Long Neptune hit", [("neptune", "Long Neptune")]),
        ("KN 23 and kn23 and KN-23", [("kn-23", "KN 23"), ("kn-23", "kn23"), ("kn-23", "KN-23")]),
        ("3M-14 Kalibr", [("kalibr", "3M-14 Kalibr")]),
        ("XATACMS ATACMSX taurusx", []),
        (
            "Taurus KEPD 350 and Storm-Shadow",
            [("taurus", "Taurus KEPD 350"), ("storm-shadow", "Storm-Shadow")],
        ),
        ("ER GMLRS rockets", [("gmlrs", "ER GMLRS")]),
    ],
)
def test_find_weapons_in_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert _mentions(text) == expected


@given(st.text(alphabet=st.sampled_from(list("ATCMS KN-23 Storm Shadow taurus\n/'s")), max_size=80))
def test_text_mentions_are_ordered_and_disjoint(text: str) -> None:
    found = find_weapons_in_text(text)
    previous_end = 0
    for _, start, end, matched in found:
        assert previous_end <= start < end
        assert text[start:end] == matched
        previous_end = end


# ---------------------------------------------------------------------------
# Loading other files and rejecting broken ones
# ---------------------------------------------------------------------------

VALID = """\
schema = 1

[[weapons]]
id = "alpha"
name = "Alpha"
aliases = ["A-1"]
type = "cruise missile"
country = "Nowhere"

[[weapons.variants]]
id = "alpha-1"
name = "Alpha Mk 1"
min_range_km = 10
max_range_km = 100
source = "Maker, 'Alpha' data sheet, 2020: published maximum 100 km"
operators = ["XA", "XB"]
operators_source = "Ministry, 'Alpha in service' statement, 2021"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "weapons.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_catalogue_from_path_is_read_afresh(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID)
    (weapon,) = load_catalogue(path)
    assert weapon.id == "alpha"
    assert weapon.variants[0].min_range_km == 10.0
    assert weapon.variants[0].url is None
    assert weapon.variants[0].operators == ("XA", "XB")
    assert weapon.operators == ("XA", "XB")
    path.write_text(VALID.replace("max_range_km = 100", "max_range_km = 120"), encoding="utf-8")
    assert load_catalogue(str(path))[0].variants[0].max_range_km == 120.0


def _second_weapon(weapon_id: str = "beta", alias: str = "B-1", variant_id: str = "beta-1") -> str:
    return f"""
[[weapons]]
id = "{weapon_id}"
name = "Beta"
aliases = ["{alias}"]
type = "rocket"
country = "Nowhere"

[[weapons.variants]]
id = "{variant_id}"
name = "Beta Mk 1"
max_range_km = 50
source = "Maker, 'Beta' data sheet, 2020: published maximum 50 km"
operators = ["XA"]
operators_source = "Ministry, 'Beta in service' statement, 2021"
"""


BROKEN = {
    "not toml": ("weapons = [", "is not valid TOML"),
    "no schema": (VALID.replace("schema = 1\n", ""), "'schema' must be 1"),
    "no weapons": ("schema = 1\n", "at least one [[weapons]]"),
    "zero max": (VALID.replace("max_range_km = 100", "max_range_km = 0"), "greater than 0"),
    "negative max": (VALID.replace("max_range_km = 100", "max_range_km = -5"), "greater than 0"),
    "text max": (VALID.replace("max_range_km = 100", 'max_range_km = "100"'), "finite number"),
    "bool max": (VALID.replace("max_range_km = 100", "max_range_km = true"), "finite number"),
    "nan max": (VALID.replace("max_range_km = 100", "max_range_km = nan"), "finite number"),
    "no max": (VALID.replace("max_range_km = 100\n", ""), "'max_range_km' is missing"),
    "min above max": (VALID.replace("min_range_km = 10", "min_range_km = 200"), "must not exceed"),
    "negative min": (
        VALID.replace("min_range_km = 10", "min_range_km = -1"),
        "must not be negative",
    ),
    "no source": (re.sub(r"(?m)^source = .*\n", "", VALID), "'source' is missing"),
    "empty source": (
        re.sub(r"(?m)^source = .*\n", 'source = "  "\n', VALID),
        "'source' must be a non-empty",
    ),
    "bad url": (VALID + 'url = "example.org"\n', "'url' must be an http(s) address"),
    "no operators": (re.sub(r"operators = .*\n", "", VALID), "'operators' must be a non-empty"),
    "empty operators": (
        re.sub(r"operators = .*\n", "operators = []\n", VALID),
        "'operators' must be a non-empty",
    ),
    "lower-case operator": (
        VALID.replace('["XA", "XB"]', '["xa"]'),
        "two upper-case letters",
    ),
    "three-letter operator": (VALID.replace('["XA", "XB"]', '["UKR"]'), "alpha-2"),
    "operators not list": (VALID.replace('["XA", "XB"]', '"XA"'), "'operators' must be"),
    "repeated operator": (VALID.replace('["XA", "XB"]', '["XA", "XA"]'), "lists a country twice"),
    "no operators source": (
        re.sub(r"operators_source = .*\n", "", VALID),
        "'operators_source' is missing",
    ),
    "typo key": (VALID.replace("max_range_km", "max_range", 1), "unknown key(s) 'max_range'"),
    "bad type": (VALID.replace('"cruise missile"', '"drone"'), "'type' must be one of"),
    "bad role": (
        VALID.replace('country = "Nowhere"', 'role = "defence"\ncountry = "Nowhere"'),
        "'role' must be one of",
    ),
    "spread without high": (
        VALID.replace("max_range_km = 100", "max_range_km = 100\nrange_km_low = 80"),
        "must be given together",
    ),
    "spread reversed": (
        VALID.replace(
            "max_range_km = 100", "max_range_km = 100\nrange_km_low = 120\nrange_km_high = 90"
        ),
        "must not exceed 'range_km_high'",
    ),
    "max outside spread": (
        VALID.replace(
            "max_range_km = 100", "max_range_km = 100\nrange_km_low = 20\nrange_km_high = 90"
        ),
        "must lie within the spread",
    ),
    "zero spread low": (
        VALID.replace(
            "max_range_km = 100", "max_range_km = 100\nrange_km_low = 0\nrange_km_high = 190"
        ),
        "'range_km_low' must be greater than 0",
    ),
    "bad id": (VALID.replace('id = "alpha"', 'id = "Alpha One"'), "lowercase slug"),
    "no variants": (
        VALID.split("[[weapons.variants]]", maxsplit=1)[0],
        "at least one [[weapons.variants]]",
    ),
    "aliases not list": (
        VALID.replace('aliases = ["A-1"]', 'aliases = "A-1"'),
        "list of non-empty strings",
    ),
    "duplicate weapon id": (
        VALID + _second_weapon(weapon_id="alpha"),
        "weapon id 'alpha' is used twice",
    ),
    "duplicate variant id": (VALID + _second_weapon(variant_id="alpha-1"), "variant id 'alpha-1'"),
    "alias clash": (VALID + _second_weapon(alias="a 1"), "also names weapon 'alpha'"),
    "variant named like weapon": (
        VALID
        + VALID.split('country = "Nowhere"\n')[1]
        .replace('"alpha-1"', '"alpha-2"')
        .replace('"Alpha Mk 1"', '"Alpha"'),
        "selects every variant",
    ),
}


@pytest.mark.parametrize(("text", "fragment"), BROKEN.values(), ids=list(BROKEN))
def test_broken_catalogue_is_rejected_with_a_clear_message(
    tmp_path: Path, text: str, fragment: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(DataFileError) as info:
        load_catalogue(path)
    assert isinstance(info.value, RangemapError)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert fragment in message
    assert str(path) in message


def test_missing_catalogue_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        load_catalogue(tmp_path / "absent.toml")


def test_non_utf8_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "weapons.toml"
    path.write_bytes(b"schema = 1\nname = '\xff'\n")
    with pytest.raises(DataFileError, match="not UTF-8"):
        load_catalogue(path)


# ---------------------------------------------------------------------------
# Import stays light and lazy
# ---------------------------------------------------------------------------


def test_import_reads_nothing_and_pulls_in_no_map_libraries() -> None:
    # The package's own __init__ may import what it likes; importing the
    # catalogue package on top of it must add no map library and read no file.
    code = (
        "import sys, rangemap\n"
        "before = set(sys.modules)\n"
        "import rangemap.catalogue.index as w\n"
        "assert w._default_catalogue.cache_info().currsize == 0\n"
        "added = {name.split('.')[0] for name in set(sys.modules) - before}\n"
        "heavy = {'folium', 'geopandas', 'shapely', 'pyproj', 'matplotlib'} & added\n"
        "assert not heavy, heavy\n"
    )
    result = run_python(code, ROOT)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------
# Roles, spreads and the systems added for issue 13
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("weapon", "variant"), ALL_VARIANTS, ids=lambda x: x.id)
def test_every_variant_has_a_range_operators_a_source_and_a_valid_role(
    weapon: Weapon, variant: Variant
) -> None:
    assert weapon.role in WEAPON_ROLES
    assert variant.max_range_km > 0
    assert variant.operators and variant.operators_source
    assert variant.source.strip()
    spread = variant.spread
    if spread is not None:
        low, high = spread
        assert 0 < low <= variant.max_range_km <= high
        # the source states the figure at each end of the spread
        for end in (low, high):
            assert re.search(rf"\b({end:,.0f}|{end:.0f})\b", variant.source), (end, variant.source)


def test_air_defence_systems_are_typed_and_left_out_of_strike_lists() -> None:
    defences = {w.id for w in load_catalogue() if w.role == "air defence"}
    assert defences == {"s-400", "mim-104"}
    assert all(find_weapon(i).type == "surface-to-air missile" for i in defences)
    assert not defences & {w.id for w in strike_weapons()}
    assert [w.id for w, _ in weapons_for_side("RU", role="air defence")] == ["s-400"]
    assert "mim-104" in [w.id for w, _ in weapons_for_side("UA", role=None)]
    with pytest.raises(InputError, match="role must be one of"):
        weapons_for_side("UA", role="defence")


def test_need_never_lists_air_defence() -> None:
    from rangemap.need import range_needed

    answer = range_needed("Kursk", "Sumy", any_operator=True)
    named = {row[0] for row in (*answer.reaching, *answer.short)}
    assert "Patriot" not in named and "S-400 Triumf" not in named
    assert "ATACMS" in named and "Kh-101" in named


def test_role_and_spread_are_validated_on_the_model() -> None:
    variant = find_weapon_variants("ATACMS M39")[1][0]
    with pytest.raises(InputError, match="role must be one of"):
        Weapon("x", "X", (), "rocket", "Nowhere", (variant,), role="defence")
    with pytest.raises(InputError, match="low <= high"):
        Variant("x", "X", None, 100.0, "s", range_km_low=120.0, range_km_high=90.0)
    with pytest.raises(InputError, match="together"):
        Variant("x", "X", None, 100.0, "s", range_km_low=90.0)


def test_corrected_figures() -> None:
    kh101 = find_weapon_variants("Kh-101")[1][0]
    assert kh101.spread == (2500.0, 5500.0)
    assert "Putin" in kh101.source and "Ihnat" in kh101.source and "CSIS" in kh101.source
    neptune = find_weapon_variants("standard Neptune")[1][0]
    assert neptune.max_range_km == 280
    assert "2018" in neptune.source and "NSDC" in neptune.source
    assert "Ministry of Defence statement, 2021" not in neptune.source


@pytest.mark.parametrize(
    ("name", "weapon_id"),
    [
        ("HIMARS", "gmlrs"),
        ("M142 HIMARS", "gmlrs"),
        ("Geran-2", "shahed-136"),
        ("Tomahawk", "tomahawk"),
        ("Kinzhal", "kinzhal"),
        ("Kh-47M2", "kinzhal"),
        ("Zircon", "zircon"),
        ("Tsirkon", "zircon"),
        ("3M22", "zircon"),
        ("Oniks", "oniks"),
        ("Yakhont", "oniks"),
        ("SSC-8", "9m729"),
        ("Hwasong-11", "kn-23"),
        ("Hwasong-11B", "kn-24"),
        ("SCALP-EG", "storm-shadow"),
        ("JASSM-ER", "jassm"),
        ("ERAM", "eram"),
        ("ER GMLRS", "gmlrs"),
        ("Kh-22", "kh-22"),
        ("Kh-32", "kh-32"),
        ("Kh-59", "kh-59"),
        ("Kh-69", "kh-69"),
        ("Iskander-K", "iskander-k"),
        ("9M729", "9m729"),
        ("Oreshnik", "oreshnik"),
        ("KN-24", "kn-24"),
        ("Tochka-U", "tochka-u"),
        ("Shahed-136", "shahed-136"),
        ("Lyutyi", "lyutyi"),
        ("FP-5 Flamingo", "fp-5-flamingo"),
        ("Flamingo", "fp-5-flamingo"),
        ("Peklo", "peklo"),
        ("Palianytsia", "palianytsia"),
        ("Hrim-2", "hrim-2"),
        ("UMPK", "umpk"),
        ("S-400", "s-400"),
        ("Patriot", "mim-104"),
        ("PAC-3", "mim-104"),
    ],
)
def test_added_names_resolve(name: str, weapon_id: str) -> None:
    weapon, variants = find_weapon_variants(name)
    assert weapon.id == weapon_id
    assert variants


def test_tomahawk_is_found_not_suggested_as_storm_shadow() -> None:
    weapon, (variant,) = find_weapon_variants("Tomahawk")
    assert weapon.id == "tomahawk" and variant.max_range_km >= 1000
    assert "UA" not in weapon.operators  # requested, not supplied


@pytest.mark.parametrize(
    ("text", "weapon_id", "matched"),
    [
        ("Ukraine fired HIMARS at a bridge.", "gmlrs", "HIMARS"),
        ("Overnight, 40 Geran-2 drones were launched.", "shahed-136", "Geran-2"),
        ("A Kinzhal was shot down over Kyiv.", "kinzhal", "Kinzhal"),
        ("Zircon missiles hit Kyiv.", "zircon", "Zircon"),
        ("a 9M729 (SSC-8) cruise missile", "9m729", "9M729"),
        ("The new FP-5 Flamingo missile", "fp-5-flamingo", "FP-5 Flamingo"),
        ("Patriot systems intercepted them.", "mim-104", "Patriot"),
    ],
)
def test_article_text_names_are_found(text: str, weapon_id: str, matched: str) -> None:
    found = [(w.id, m) for w, _, _, m in find_weapons_in_text(text)]
    assert (weapon_id, matched) in found


def test_ordinary_words_are_not_weapons() -> None:
    text = "A flamingo, a patriot and a triumph of hope."
    assert find_weapons_in_text(text) == []


def test_cli_lists_every_added_system() -> None:
    from click.testing import CliRunner

    from rangemap.cli import cli

    expected = {
        "gmlrs", "storm-shadow", "tomahawk", "jassm", "eram", "kh-22", "kh-32", "kh-59",
        "kh-69", "kinzhal", "zircon", "oniks", "iskander-k", "9m729", "oreshnik", "kn-24",
        "tochka-u", "shahed-136", "lyutyi", "fp-5-flamingo", "peklo", "palianytsia",
        "hrim-2", "umpk", "s-400", "mim-104",
    }  # fmt: skip
    runner = CliRunner()
    as_json = runner.invoke(cli, ["weapons", "--json"])
    assert as_json.exit_code == 0, as_json.output
    data = {w["id"]: w for w in json.loads(as_json.output)}
    assert expected <= set(data)
    assert data["s-400"]["role"] == "air defence" and data["tomahawk"]["role"] == "strike"
    kh101 = data["kh-101"]["variants"][0]
    assert (kh101["range_km_low"], kh101["range_km_high"]) == (2500.0, 5500.0)
    table = runner.invoke(cli, ["weapons"])
    assert table.exit_code == 0, table.output
    header, _rule, *rows = table.output.splitlines()
    assert "role" in header and "spread km" in header
    ids = {row.split()[0] for row in rows}
    assert expected <= ids
    assert any(row.startswith("s-400") and "air defence" in row for row in rows)
    assert any(row.startswith("kh-101") and "2500–5500" in row for row in rows)
    # the table stays one line per variant and no wider than before the new columns
    assert len(rows) == sum(len(w.variants) for w in load_catalogue())
    assert max(len(line) for line in table.output.splitlines()) <= 200


def test_weapon_specs_draw_a_spread_as_a_band() -> None:
    from rangemap.weapon_specs import weapon_specs

    (band,) = weapon_specs("Kh-101")
    assert band.is_band and (band.low_km, band.high_km) == (2500.0, 5500.0)
    assert "nominal 4,500 km" in band.detail
    (ring,) = weapon_specs("ATACMS M39")
    assert not ring.is_band and ring.high_km == 165
