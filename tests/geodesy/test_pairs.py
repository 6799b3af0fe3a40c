"""pair_distances_km: exact for every pair within the limit, inf only for pairs beyond it."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from rangemap.geodesy import GEOD, may_be_within_km, pair_distances_km

Array = npt.NDArray[np.float64]


def _exact_km(lon1: Array, lat1: Array, lon2: Array, lat2: Array) -> Array:
    """Every pair measured with Geod.inv, shape (len(lon1), len(lon2))."""
    n, m = len(lon1), len(lon2)
    first = np.repeat(lon1, m), np.repeat(lat1, m)
    _, _, dist = GEOD.inv(*first, np.tile(lon2, n), np.tile(lat2, n))
    return np.asarray(dist, dtype=float).reshape(n, m) / 1000.0


@pytest.mark.parametrize("within_km", [0.5, 5.0, 120.0])
def test_pairs_within_the_limit_are_exact_and_the_others_are_beyond_it(within_km: float) -> None:
    rng = np.random.default_rng(7)
    # Clusters of points a few km apart, near the poles and the antimeridian too.
    centres = np.array([[36.0, 50.0], [179.99, 0.0], [-179.99, 0.01], [10.0, 89.99], [0.0, -60.0]])
    lon1 = np.concatenate([c[0] + rng.normal(0, 0.05, 40) for c in centres])
    lat1 = np.concatenate([np.clip(c[1] + rng.normal(0, 0.03, 40), -90, 90) for c in centres])
    lon2 = np.concatenate([c[0] + rng.normal(0, 0.05, 30) for c in centres])
    lat2 = np.concatenate([np.clip(c[1] + rng.normal(0, 0.03, 30), -90, 90) for c in centres])
    lon1, lon2 = (lon1 + 180.0) % 360.0 - 180.0, (lon2 + 180.0) % 360.0 - 180.0
    got = pair_distances_km(lon1, lat1, lon2, lat2, within_km=within_km)
    exact = _exact_km(lon1, lat1, lon2, lat2)
    assert got.shape == (lon1.size, lon2.size)
    close = exact <= within_km
    assert close.any() and (~close).any()
    np.testing.assert_array_equal(got[close], exact[close])
    measured = np.isfinite(got)
    np.testing.assert_array_equal(got[measured], exact[measured])
    assert (exact[~measured] > within_km).all()


def test_a_point_against_itself_is_zero_and_empty_sets_give_empty_arrays() -> None:
    assert pair_distances_km([30.0], [50.0], [30.0], [50.0], within_km=1.0)[0, 0] == 0.0
    assert pair_distances_km([], [], [30.0], [50.0], within_km=1.0).shape == (0, 1)
    assert pair_distances_km([30.0], [50.0], [], [], within_km=1.0).shape == (1, 0)


def test_may_be_within_marks_every_point_within_and_only_points_beyond_are_left_out() -> None:
    rng = np.random.default_rng(11)
    lons, lats = rng.uniform(-180, 180, 20000), rng.uniform(-90, 90, 20000)
    for lon0, lat0, km in [(34.8, 50.9, 800.0), (0.0, 89.9, 3000.0), (179.9, -10.0, 1500.0)]:
        marked = may_be_within_km(lon0, lat0, lons, lats, km)
        _, _, dist = GEOD.inv(np.full(lons.size, lon0), np.full(lons.size, lat0), lons, lats)
        dist_km = np.asarray(dist) / 1000.0
        assert marked[dist_km <= km].all()
        assert not marked[dist_km > km * 1.05].any()  # a chord is near the arc for these
    assert not may_be_within_km(30.0, 50.0, [np.nan], [50.0], 100.0).any()
