"""Geodesic range rings on the WGS84 ellipsoid.

The model
---------
A *range ring* of radius ``range_km`` around a centre is the set of points
whose shortest geodesic distance from the centre is exactly ``range_km``; its
*disc* is the set of points at most that far away. Coordinates are
``(lon, lat)`` in degrees (EPSG:4326) everywhere; the public API takes
kilometres, the internals work in metres.

How a ring is drawn
-------------------
Each vertex is computed with ``Geod.fwd`` at exactly the range, so every
vertex lies on the true circle (to about a micrometre). GeoJSON, shapely and
Leaflet join vertices by *straight lines in longitude/latitude*; geodesic
tools (GeographicLib's polygon areas, great-circle drawing) join them by the
*geodesic* between them. Both cut inside the circle, by different amounts (the
geodesic bows towards the pole, so on the side of the ring facing the equator
it sags more than the lon/lat line; around a pole the lon/lat line follows the
parallel and only the geodesic sags). :func:`ring_coords` therefore densifies
adaptively: it checks the quarter points and the midpoint of every straight
lon/lat edge *and* the midpoint of the geodesic between its two vertices
against the exact distance, and splits any edge whose points lie more than
``0.9 * tolerance_m`` (9 m for the default 10 m) from the circle, inside *or*
outside, until no edge does. The 10 % margin absorbs what the checks cannot
see (a point between the samples) and the rounding of exported coordinates
(6 decimals move a vertex by up to about 0.1 m), so that a ring read back
from a file still has no edge more than ``tolerance_m`` from the circle. An
edge that fails is split into as many equal azimuth steps as its error needs
(the sag grows with the square of the edge's length), not blindly halved.
Inside is what matters for a range claim (an edge inside the circle would
under-state what is in reach); the bound is kept both ways.

Antimeridian and poles
----------------------
:func:`ring_polygon` and :func:`ring_line` return valid RFC 7946 geometry:
longitudes in [-180, 180], split at the antimeridian with the ``antimeridian``
package. A disc that contains a pole is closed along the map edge at
latitude +90 or -90. A near-antipodal disc that contains both poles (the whole
Earth minus a cap around the antipode) is the world rectangle minus that cap.

Beyond about 19,970 km the straight geodesic along some azimuths overshoots
the antipodal cut locus and stops being the shortest path; there the ring
follows the points that really are at the range, so the disc keeps its
meaning ("everything within the range").

Examples
--------
>>> from rangemap.geodesy import geometry_area_km2
>>> ring = ring_polygon(36.1873, 51.7373, 300)
>>> ring.geom_type, ring.is_valid
('Polygon', True)
>>> round(geometry_area_km2(ring) / 1000)  # thousand km² (pi * 300**2 is 282.7)
283

"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon

from rangemap.geodesy._checks import _check_ring_tolerance, check_lonlat, check_range_km
from rangemap.geodesy._circle import _densified_ring, _edge_dlon, _pole_turns
from rangemap.geodesy._ellipsoid import _FloatArray
from rangemap.geodesy.seams import _fix_seams, _polygonal, _split_line

__all__ = ["ring_coords", "ring_line", "ring_polygon"]


def ring_coords(
    lon: float, lat: float, range_km: float, *, tolerance_m: float = 10.0
) -> npt.NDArray[np.float64]:
    """Vertices of the geodesic circle of ``range_km`` around a centre.

    Parameters
    ----------
    lon, lat : float
        Centre, degrees.
    range_km : float
        Radius of the circle, km, in (0, 20,000].
    tolerance_m : float, optional
        Largest distance, in metres, that any point of an edge between two
        consecutive vertices may lie from the true circle (inside or
        outside), whether the edge is drawn as a straight lon/lat line or as
        the geodesic between them. The ring is densified to 90 % of it, so
        it holds after coordinates are rounded to 6 decimals. At least
        0.01 m.

    Returns
    -------
    numpy.ndarray
        Array of shape (N, 2) of (lon, lat) degrees, closed (the last row
        repeats the first), starting due north of the centre and running
        counter-clockwise around it. Every vertex is at exactly the range
        (``Geod.fwd``). Longitudes are wrapped to [-180, 180), so where the
        ring crosses the antimeridian consecutive longitudes jump by about
        360; unwrap them (steps are always below 90 degrees, apart from the
        immediate vicinity of a pole) or use :func:`ring_line` and
        :func:`ring_polygon` for drawing.

    Raises
    ------
    InputError
        If the centre, range or tolerance is not accepted.

    Examples
    --------
    >>> coords = ring_coords(36.19, 51.73, 300)
    >>> coords.shape[1], bool((coords[0] == coords[-1]).all())
    (2, True)

    """
    lons, lats, _ = _ring_vertices(lon, lat, range_km, tolerance_m)
    coords = np.column_stack([lons, lats])
    return np.vstack([coords, coords[:1]])


def _ring_vertices(
    lon: float, lat: float, range_km: float, tolerance_m: float
) -> tuple[_FloatArray, _FloatArray, int]:
    """Check a ring's arguments; return its open vertices (lon wrapped) and its turns."""
    check_lonlat(lon, lat)
    check_range_km(range_km)
    tol = _check_ring_tolerance(tolerance_m)
    return _wrapped_vertices(float(lon), float(lat), float(range_km) * 1000.0, tol)


@lru_cache(maxsize=32)
def _wrapped_vertices(
    lon: float, lat: float, range_m: float, tolerance_m: float
) -> tuple[_FloatArray, _FloatArray, int]:
    """Densify a checked ring once: a map draws each ring as a polygon *and* a line.

    The arrays are made read-only, since every caller shares the cached ones.
    """
    lons, lats, _, turns = _densified_ring(lon, lat, range_m, tolerance_m)
    wrapped = (lons + 180.0) % 360.0 - 180.0
    wrapped.setflags(write=False)
    lats.setflags(write=False)
    return wrapped, lats, turns


def _wrapped_ring(
    lon: float, lat: float, range_km: float, tolerance_m: float
) -> tuple[list[tuple[float, float]], bool, bool, bool]:
    """Return the closed ring (wrapped lon), whether it crosses 180° and the poles it holds."""
    lons, lats, turns = _ring_vertices(lon, lat, range_km, tolerance_m)
    north, south, _ = _pole_turns(float(lon), float(lat), float(range_km) * 1000.0)
    dlon = _edge_dlon(lons, turns)
    unwrapped = lons[0] + np.concatenate([[0.0], np.cumsum(dlon)])
    crosses = bool(turns != 0 or unwrapped.min() < -180.0 or unwrapped.max() > 180.0)
    coords = list(zip(lons.tolist(), lats.tolist(), strict=True))
    coords.append(coords[0])
    return coords, crosses, north, south


def ring_polygon(
    lon: float, lat: float, range_km: float, *, tolerance_m: float = 10.0
) -> Polygon | MultiPolygon:
    """Return the disc within ``range_km`` of a centre, as RFC 7946 geometry.

    Parameters
    ----------
    lon, lat : float
        Centre, degrees.
    range_km : float
        Radius, km, in (0, 20,000].
    tolerance_m : float, optional
        Densification tolerance in metres, see :func:`ring_coords`.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        A valid geometry with longitudes in [-180, 180]:

        * a plain polygon when the disc neither crosses the antimeridian nor
          holds a pole;
        * two polygons, one each side, when it crosses the antimeridian;
        * a polygon closed along the map edge at latitude +90 (or -90) when
          it holds the north (or south) pole;
        * the world rectangle with the cap around the antipode cut out (as
          a hole, or as notches at ±180°) when it holds both poles.

    Raises
    ------
    InputError
        If the centre, range or tolerance is not accepted.

    Examples
    --------
    >>> import shapely
    >>> ring_polygon(179.5, 0.0, 300).geom_type  # crosses the antimeridian
    'MultiPolygon'
    >>> ring_polygon(0.0, 85.0, 1000).contains(shapely.Point(120, 89.99))
    True

    """
    coords, crosses, north, south = _wrapped_ring(lon, lat, range_km, tolerance_m)
    if not crosses and not (north or south):
        return _polygonal(Polygon(coords))
    return _polygonal(_fix_seams(coords, north, south))


def ring_line(
    lon: float, lat: float, range_km: float, *, tolerance_m: float = 10.0
) -> LineString | MultiLineString:
    """Return the circle of ``range_km`` around a centre, as a line for drawing.

    Parameters
    ----------
    lon, lat : float
        Centre, degrees.
    range_km : float
        Radius, km, in (0, 20,000].
    tolerance_m : float, optional
        Densification tolerance in metres, see :func:`ring_coords`.

    Returns
    -------
    shapely.LineString or shapely.MultiLineString
        The closed circle when it does not cross the antimeridian; otherwise
        its pieces, split at ±180° so that no segment spans the map.

    Raises
    ------
    InputError
        If the centre, range or tolerance is not accepted.

    Examples
    --------
    >>> ring_line(36.19, 51.73, 300).is_ring
    True
    >>> len(ring_line(-179.9, 10.0, 165).geoms)
    2

    """
    coords, crosses, _, _ = _wrapped_ring(lon, lat, range_km, tolerance_m)
    if not crosses:
        return LineString(coords)
    return _split_line(coords)
