"""Range specs: a range value read once, for what it draws and the claim it states."""

from __future__ import annotations

from typing import Any

import pytest

import rangemap.claims
from rangemap.spec import RangeSpec, parse_range, read_range, read_ranges


def test_a_distance_is_read_with_the_claim_it_states() -> None:
    spec, claim = read_range("190 mi")
    assert spec == parse_range("190 mi") and spec.label == "190 mi (306 km)"
    assert claim is not None and claim.phrase == "190 mi"


def test_a_number_states_no_claim() -> None:
    spec, claim = read_range(300)
    assert (spec.high_km, spec.label, claim) == (300.0, "300 km", None)


def test_a_claim_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    real = rangemap.claims.parse_claim
    calls: list[str] = []

    def counted(text: str) -> Any:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(rangemap.claims, "parse_claim", counted)
    specs, claims = read_ranges(["several hundred kilometers", RangeSpec.single(50), 120])
    assert calls == ["several hundred kilometers"]  # before: parsed again for the report
    assert [s.is_band for s in specs] == [True, False, False]
    assert [c.phrase for c in claims] == ["several hundred kilometers"]
    assert specs[1] == RangeSpec.single(50)  # a spec is kept as it is
