"""Catalogue weapons as range specs: a weapon looked up once, its rings made of what was found."""

from __future__ import annotations

from typing import Any

import pytest

import rangemap.catalogue.index
import rangemap.weapon_specs
from rangemap.catalogue import find_weapon
from rangemap.weapon_specs import WeaponChoice, catalogue_weapons, weapon_specs


def test_a_choice_holds_the_entry_and_the_variants_named() -> None:
    (choice,) = catalogue_weapons("ATACMS M39")
    assert choice.weapon == find_weapon("ATACMS") and choice.name == "ATACMS M39"
    assert [v.id for v in choice.variants] == ["m39"]
    assert [v.id for v in choice.drawn.variants] == ["m39"]
    assert WeaponChoice.whole(choice.weapon).drawn is choice.weapon


def test_rings_of_a_choice_need_no_second_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    (choice,) = catalogue_weapons("ATACMS M39")
    expected = weapon_specs("ATACMS M39", side="UA")
    lookups: list[Any] = []
    for name in ("find_weapon", "find_weapon_variants"):
        real = getattr(rangemap.catalogue.index, name)

        def counted(*args: Any, _real: Any = real) -> Any:
            lookups.append(args)
            return _real(*args)

        monkeypatch.setattr(rangemap.catalogue, name, counted)
        monkeypatch.setattr(rangemap.weapon_specs, name, counted, raising=False)
    assert weapon_specs(choice, side="UA") == expected  # coloured as catalogued: "ATACMS#0"
    assert [s.color_key for s in expected] == ["ATACMS#0"]
    assert lookups == []
