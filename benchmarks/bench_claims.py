"""How well and how fast the claims parser reads lengths (issue 10).

Reads the table of sentences ``tests/data/range_sentences.tsv`` (the one copy,
also run by tests/test_claims.py; this script reads it as data and imports
nothing from tests) and reports:

* per type of length (range, distance, movement, speed, altitude, size,
  accuracy): precision and recall of the type given to each sentence's first
  statement (a sentence with no statement counts as "none");
* the share of range sentences read right (type, both bounds as stated within
  0.1 % and the weapon) and the share of non-range lengths not read as a range
  (goal: at least 90 % each);
* the time to read a 100 kB article: the bundled seed article and the table's
  sentences repeated to 100 kB, read by ``parse_claims`` and by
  ``parse_statements`` (median of several runs, in this process).

Run it from the repository with the package installed::

    python benchmarks/bench_claims.py
"""

from __future__ import annotations

import math
import statistics
import time
from collections import Counter
from pathlib import Path

from rangemap.claims import TYPES, parse_claims, parse_statements

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "range_sentences.tsv"
SEED = ROOT / "seeds" / "atacms_kursk_authorisation_2024-11.txt"
GOAL = 0.90
ARTICLE_BYTES = 100_000
RUNS = 5

Row = tuple[str, str, float | None, float | None, str]


def read_table(path: Path = TABLE) -> list[Row]:
    """Return (sentence, type, low_km, high_km, weapon) rows; empty bounds are None."""
    rows: list[Row] = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    for line in lines[1:]:
        sentence, type_, low, high, weapon = line.split("\t")
        rows.append(
            (sentence, type_, float(low) if low else None, float(high) if high else None, weapon)
        )
    return rows


def _same(expected: float | None, got: float | None) -> bool:
    if expected is None or got is None:
        return expected is got
    return math.isclose(expected, got, rel_tol=1e-3)


def evaluate(rows: list[Row]) -> tuple[dict[str, tuple[float, float, int]], float, float]:
    """Return per-type (precision, recall, support), range accuracy, non-range rejection."""
    truth: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    ranges_right = ranges = others_kept_out = others = 0
    for sentence, type_, low, high, weapon in rows:
        statements = parse_statements(sentence)
        first = statements[0] if statements else None
        got = first.type if first is not None else "none"
        truth[type_] += 1
        predicted[got] += 1
        hits[type_] += got == type_
        if type_ == "range":
            ranges += 1
            ranges_right += (
                first is not None
                and got == "range"
                and _same(low, first.low_km)
                and _same(high, first.high_km)
                and (first.weapon or "") == weapon
            )
        else:
            others += 1
            others_kept_out += not any(s.type == "range" for s in statements)
    per_type = {}
    for t in TYPES:
        precision = hits[t] / predicted[t] if predicted[t] else float("nan")
        recall = hits[t] / truth[t] if truth[t] else float("nan")
        per_type[t] = (precision, recall, truth[t])
    return per_type, ranges_right / max(ranges, 1), others_kept_out / max(others, 1)


def article_text(rows: list[Row], size: int = ARTICLE_BYTES) -> str:
    """A ~``size``-byte news-like text: the seed article and the table's sentences."""
    block = SEED.read_text(encoding="utf-8") + "\n\n" + " ".join(r[0] for r in rows) + "\n\n"
    text = block * (size // len(block.encode("utf-8")) + 1)
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def time_parse(text: str) -> dict[str, float]:
    """Median seconds for parse_claims and parse_statements on ``text``."""
    out = {}
    for name, func in (("parse_claims", parse_claims), ("parse_statements", parse_statements)):
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            func(text)
            times.append(time.perf_counter() - start)
        out[name] = statistics.median(times)
    return out


def main() -> None:
    rows = read_table()
    per_type, range_share, other_share = evaluate(rows)
    print(f"table: {TABLE.relative_to(ROOT)}, {len(rows)} sentences\n")
    print(f"{'type':<10}{'n':>5}{'precision':>11}{'recall':>9}")
    for t, (precision, recall, n) in per_type.items():
        print(f"{t:<10}{n:>5}{precision:>11.1%}{recall:>9.1%}")
    print()
    ok = "ok" if range_share >= GOAL else "BELOW GOAL"
    print(f"range sentences read right (type, bounds, weapon): {range_share:.1%}  [{ok}]")
    ok = "ok" if other_share >= GOAL else "BELOW GOAL"
    print(f"non-range lengths not read as ranges:              {other_share:.1%}  [{ok}]")
    text = article_text(rows)
    timings = time_parse(text)
    n_statements = len(parse_statements(text))
    print(
        f"\n{len(text.encode('utf-8')) / 1000:.0f} kB article ({n_statements:,} lengths), "
        f"median of {RUNS}:"
    )
    for name, seconds in timings.items():
        print(f"  {name:<17}{seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
