"""Benchmark of :func:`rangemap.coverage.compute_coverage`.

Run with the package installed::

    python benchmarks/bench_coverage.py [--repeat N]

The case is the reach of 300 km around Ukraine (the whole country as the
launch area). The reach polygon is computed once, outside the timing. Three
figures are printed separately:

* ``load_s``: reading and indexing the bundled regions, countries, sites and
  GeoNames cities (:func:`rangemap.coverage.load_coverage_data`), once per
  process;
* ``first_s``: the first ``compute_coverage`` call, which also computes and
  caches the geodesic area of every region and country it touches;
* ``compute_s``: the median of ``--repeat`` further calls (goal: under 1 s).
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

RANGE_KM = 300.0


def run(repeat: int = 5) -> dict[str, Any]:
    """Time loading and ``compute_coverage`` for the reach of 300 km around Ukraine."""
    from rangemap.coverage import compute_coverage, load_coverage_data
    from rangemap.geodesy import reach
    from rangemap.places import countries

    start = time.perf_counter()
    load_coverage_data()
    ukraine = next(p for p in countries() if p.code == "UA").geometry
    load_s = time.perf_counter() - start

    start = time.perf_counter()
    area = reach(ukraine, RANGE_KM)
    reach_s = time.perf_counter() - start

    start = time.perf_counter()
    cov = compute_coverage(area, ukraine, range_km=RANGE_KM)
    first_s = time.perf_counter() - start

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        compute_coverage(area, ukraine, range_km=RANGE_KM)
        times.append(time.perf_counter() - start)
    return {
        "load_s": load_s,
        "reach_s": reach_s,
        "first_s": first_s,
        "compute_s": statistics.median(times),
        "regions": len(cov.region_rows),
        "countries": len(cov.country_rows),
        "sites_in_reach": sum(s.in_reach for s in cov.site_rows),
        "cities": len(cov.city_rows),
    }


def main() -> None:
    """Print the benchmark's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs after the first")
    args = parser.parse_args()
    result = run(max(1, args.repeat))
    print(f"coverage of reach(Ukraine, {RANGE_KM:g} km)")
    print(f"  data load (once per process):  {result['load_s']:.3f} s")
    print(f"  reach polygon (not timed):     {result['reach_s']:.3f} s")
    print(f"  first compute (caches areas):  {result['first_s']:.3f} s")
    print(f"  compute, median:               {result['compute_s']:.3f} s  (goal < 1 s)")
    print(
        f"  {result['regions']} regions, {result['countries']} countries, "
        f"{result['sites_in_reach']} sites in reach, {result['cities']} cities"
    )


if __name__ == "__main__":
    main()
