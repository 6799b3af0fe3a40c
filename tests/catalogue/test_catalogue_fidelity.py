"""The weapons catalogue against published figures gathered separately.

``tests/data/published_ranges.csv`` lists range figures as publications state
them (with publication, date and address), collected apart from
``data/weapons.toml``. Each must fit the catalogue: lie within the variant's
published spread, or within 10% of its nominal ``max_range_km`` where the
catalogue records no spread. A figure that fits neither means the catalogue
is wrong or is missing a spread.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import pytest

from rangemap.catalogue import Variant, find_weapon_variants, load_catalogue
from tests.conftest import REPO

TABLE = REPO / "tests" / "data" / "published_ranges.csv"

#: How far a published figure may lie from a catalogue figure without a spread.
TOLERANCE = 0.10

COLUMNS = (
    "system",
    "variant",
    "range_km",
    "range_km_low",
    "range_km_high",
    "publication",
    "date",
    "address",
)
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|n\.d\.")


@dataclass(frozen=True)
class Published:
    """One published figure: a single range or the publication's own spread."""

    system: str
    variant: str
    low_km: float
    high_km: float
    publication: str
    date: str
    address: str

    @property
    def lookup(self) -> str:
        return self.variant or self.system

    def __str__(self) -> str:
        figure = (
            f"{self.low_km:g} km"
            if self.low_km == self.high_km
            else f"{self.low_km:g}-{self.high_km:g} km"
        )
        return f"{self.lookup}: {figure} ({self.publication}, {self.date})"


def _read_table() -> list[Published]:
    lines = [
        line
        for line in TABLE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    reader = csv.DictReader(lines)
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = []
    for raw in reader:
        single, low, high = raw["range_km"], raw["range_km_low"], raw["range_km_high"]
        if single:
            assert not low and not high, raw
            low_km = high_km = float(single)
        else:
            low_km, high_km = float(low), float(high)
        rows.append(
            Published(
                system=raw["system"],
                variant=raw["variant"],
                low_km=low_km,
                high_km=high_km,
                publication=raw["publication"],
                date=raw["date"],
                address=raw["address"],
            )
        )
    return rows


ROWS = _read_table()


def _fits(figure_km: float, variant: Variant) -> bool:
    """Whether one published figure fits the catalogue variant."""
    spread = variant.spread
    if spread is not None:
        low, high = spread
        return low <= figure_km <= high
    return abs(figure_km - variant.max_range_km) <= TOLERANCE * variant.max_range_km


def test_the_table_is_large_enough_and_well_formed() -> None:
    assert len(ROWS) >= 20
    assert len({row.lookup for row in ROWS}) >= 20
    for row in ROWS:
        assert 0 < row.low_km <= row.high_km, row
        assert row.publication.strip(), row
        assert _DATE.fullmatch(row.date), row
        assert row.address.startswith(("https://", "http://")), row


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_published_figure_fits_the_catalogue(row: Published) -> None:
    weapon, variants = find_weapon_variants(row.lookup)
    assert len(variants) == 1, f"{row.lookup!r} must select one variant of {weapon.id}"
    (variant,) = variants
    for figure in {row.low_km, row.high_km}:
        assert _fits(figure, variant), (
            f"{row} does not fit {weapon.id}/{variant.id}: catalogue "
            f"{variant.max_range_km:g} km, spread {variant.spread}"
        )


def test_corrected_kh101_spans_both_official_statements() -> None:
    kh101 = [row for row in ROWS if row.lookup == "Kh-101"]
    figures = {row.low_km for row in kh101}
    assert {4500.0, 5500.0} <= figures
    (variant,) = find_weapon_variants("Kh-101")[1]
    assert variant.spread is not None
    assert variant.spread[0] <= min(figures) and max(figures) <= variant.spread[1]


def test_neptune_figure_comes_from_the_2018_nsdc_test() -> None:
    rows = [row for row in ROWS if row.lookup == "standard Neptune"]
    assert rows and all(row.date.startswith("2018") for row in rows)
    assert all("Turchynov" in row.publication for row in rows)


def test_every_system_in_the_table_is_in_the_catalogue() -> None:
    ids = {weapon.id for weapon in load_catalogue()}
    for row in ROWS:
        weapon, _ = find_weapon_variants(row.lookup)
        assert weapon.id in ids


def test_published_spreads_are_recorded_where_figures_disagree() -> None:
    """Where the table's figures for a variant differ by more than 10%, so does the catalogue."""
    by_variant: dict[str, list[Published]] = {}
    for row in ROWS:
        _, (variant,) = find_weapon_variants(row.lookup)
        by_variant.setdefault(variant.id, []).append(row)
    for variant_id, rows in by_variant.items():
        low = min(row.low_km for row in rows)
        high = max(row.high_km for row in rows)
        if high > low * (1 + TOLERANCE):
            _, (variant,) = find_weapon_variants(rows[0].lookup)
            assert variant.spread is not None, (variant_id, low, high)
