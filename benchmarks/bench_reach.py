"""Benchmark: the reach of Ukraine at 300 km, beside a straightforward reference.

The reference is what one would write first: a geodesic disc (128 vertices,
``Geod.fwd``) around every boundary vertex of Ukraine densified to 5 km
spacing, and the union of all of them with the country. Both are timed in
the same run (best of a few, each from a cold cache) and both boundaries are
measured the same way as in ``tests/test_reach.py``: the exact distance from
every boundary vertex and every edge midpoint to the densified country,
minus the range.

Run from the repository root::

    python benchmarks/bench_reach.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from truth import boundary_errors_m, boundary_points  # noqa: E402

from rangemap.geodesy import GEOD, reach  # noqa: E402
from rangemap.geodesy.distance import _prepared  # noqa: E402
from rangemap.places import resolve_launch  # noqa: E402

RANGE_KM = 300.0
SPACING_M = 5_000.0
DISC_VERTICES = 128
REPEAT = 3
#: Boundary points measured per result (all of them when there are fewer).
SAMPLE = 6_000


def reference_reach(geometry: BaseGeometry, range_km: float) -> BaseGeometry:
    """Union of 128-vertex geodesic discs around the boundary densified to 5 km."""
    points = []
    for poly in shapely.get_parts(geometry):
        for ring in (poly.exterior, *poly.interiors):
            c = shapely.get_coordinates(ring)
            _, _, length = GEOD.inv(c[:-1, 0], c[:-1, 1], c[1:, 0], c[1:, 1])
            count = np.maximum(np.ceil(np.asarray(length) / SPACING_M), 1).astype(int)
            for i, n in enumerate(count):
                t = np.arange(n)[:, None] / n
                points.append(c[i] + t * (c[i + 1] - c[i]))
    centres = np.vstack(points)
    n = centres.shape[0]
    az = np.linspace(0.0, -360.0, DISC_VERTICES, endpoint=False)
    lon, lat, _ = GEOD.fwd(
        np.repeat(centres[:, 0], DISC_VERTICES),
        np.repeat(centres[:, 1], DISC_VERTICES),
        np.tile(az, n),
        np.full(n * DISC_VERTICES, range_km * 1000.0),
    )
    rings = np.stack([np.asarray(lon), np.asarray(lat)], axis=-1).reshape(n, DISC_VERTICES, 2)
    return shapely.union_all([*shapely.polygons(rings), geometry])


def ours(geometry: BaseGeometry, range_km: float) -> BaseGeometry:
    _prepared.cache_clear()
    return reach(geometry, range_km)


def _best_time(build: Callable[[], BaseGeometry]) -> tuple[float, BaseGeometry]:
    best = float("inf")
    result: BaseGeometry | None = None
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = build()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def run() -> list[dict[str, Any]]:
    """Time both methods and measure their boundaries.

    Returns
    -------
    list of dict
        One row per method: ``method``, ``seconds`` (best of ``REPEAT``),
        ``vertices``, ``checked`` (boundary points measured),
        ``worst_error_m`` (largest |distance - range|), ``mean_error_m``,
        ``worst_inside_m`` and ``worst_outside_m``.
    """
    ukraine = resolve_launch("UA").geometry
    rows = []
    for method, build in (
        ("rangemap.geodesy.reach", lambda: ours(ukraine, RANGE_KM)),
        ("reference: union of discs", lambda: reference_reach(ukraine, RANGE_KM)),
    ):
        seconds, result = _best_time(build)
        checked = min(boundary_points(result)[0].size, SAMPLE)
        errors = boundary_errors_m(ukraine, result, RANGE_KM, sample=SAMPLE)
        rows.append(
            {
                "method": method,
                "seconds": seconds,
                "vertices": int(shapely.get_num_coordinates(result)),
                "checked": checked,
                "worst_error_m": float(np.abs(errors).max()),
                "mean_error_m": float(np.abs(errors).mean()),
                "worst_inside_m": float(-errors.min()),
                "worst_outside_m": float(errors.max()),
            }
        )
    return rows


def main() -> None:
    rows = run()
    print(f"Reach of Ukraine (Natural Earth 1:10m) at {RANGE_KM:g} km")
    header = (
        f"{'method':<28}{'time s':>9}{'vertices':>10}{'checked':>9}{'worst m':>10}{'mean m':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['method']:<28}{r['seconds']:>9.3f}{r['vertices']:>10}{r['checked']:>9}"
            f"{r['worst_error_m']:>10.2f}{r['mean_error_m']:>9.2f}"
        )
    ours_row, ref_row = rows
    print(
        f"speed-up {ref_row['seconds'] / ours_row['seconds']:.1f}x, "
        f"worst error {ref_row['worst_error_m'] / ours_row['worst_error_m']:.1f}x smaller"
    )


if __name__ == "__main__":
    main()
