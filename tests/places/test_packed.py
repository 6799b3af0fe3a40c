"""Tests of rangemap.places.packed: the packed copy of the full-resolution boundaries."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon, box

from rangemap.places.packed import pack, unpack


def test_polygons_and_multipolygons_come_back_equal_and_of_their_type() -> None:
    square = Polygon(
        [(20.30541, 40.71483), (20.4, 40.71483), (20.4, 40.8), (20.30541, 40.8)],
        holes=[[(20.33, 40.73), (20.35, 40.73), (20.35, 40.75)]],
    )
    two = MultiPolygon([box(-179.99999, -10.0, -170.0, 10.0), box(170.0, -10.0, 179.99999, 10.0)])
    back = unpack(pack([square, two, square]))
    assert [g.geom_type for g in back] == ["Polygon", "MultiPolygon", "Polygon"]
    assert all(shapely.equals_exact(back, np.array([square, two, square]), tolerance=0))


def test_coordinates_off_the_grid_are_refused() -> None:
    with pytest.raises(ValueError, match="1e-5 degree"):
        pack([box(30.0, 50.0, 30.123456, 50.1)])


def test_lines_are_refused() -> None:
    with pytest.raises(ValueError, match="Polygons"):
        pack([LineString([(0, 0), (1, 1)])])


def test_a_file_that_is_not_packed_is_refused() -> None:
    with pytest.raises(ValueError, match="not a packed boundary file"):
        unpack(b"PK\x03\x04 not a zip file")
