"""The packed copy of the bundled full-resolution boundaries: writing and reading.

``data/countries.npz`` and ``data/regions.npz`` hold the geometry of
``countries.geojson`` and ``regions.geojson``, feature by feature, as
shapely's ragged arrays (:func:`shapely.to_ragged_array`) of MultiPolygons:

- ``coords``: every vertex as whole units of 1e-5 degree (int32). The
  GeoJSON files carry 5 decimals, so ``coords / 1e5`` (a correctly rounded
  division) is exactly the double the GeoJSON number parses to;
- ``rings``, ``parts``, ``geoms``: the offsets of the rings, the polygons
  and the features;
- ``single``: the features that are one Polygon (read back as such).

Reading it takes milliseconds where gunzipping WKB took ~40 ms and parsing
the GeoJSON ~0.1 s; the file is no larger than the gzipped WKB was. The
build (``scripts/build_data.py``) writes it with :func:`pack`, and
:func:`rangemap.places.boundaries` reads it with :func:`unpack`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

__all__ = ["SCALE", "pack", "unpack"]

#: Units of a stored coordinate per degree: the GeoJSON files' 5 decimals.
SCALE = 1e5


def pack(geoms: Sequence[BaseGeometry]) -> bytes:
    """Return (Multi)Polygons as the bytes of an uncompressed ``.npz`` file.

    Parameters
    ----------
    geoms : sequence of shapely Polygon or MultiPolygon
        Lon/lat, every coordinate a multiple of 1e-5 degree.

    Returns
    -------
    bytes
        The file; :func:`unpack` gives back equal geometries, of the same type.

    Raises
    ------
    ValueError
        If a geometry is not polygonal or a coordinate is off the 1e-5° grid.
    """
    array = np.array(geoms, dtype=object)
    types = shapely.get_type_id(array)
    if not np.isin(types, (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)).all():
        raise ValueError("only Polygons and MultiPolygons can be packed")
    single = types == shapely.GeometryType.POLYGON
    multi = array.copy()
    multi[single] = shapely.multipolygons(array[single][:, np.newaxis])
    _, coords, (rings, parts, features) = shapely.to_ragged_array(multi)
    units = np.round(coords * SCALE)
    if not np.array_equal(units / SCALE, coords) or np.abs(units).max() >= 2**31:
        raise ValueError("a coordinate is not a whole multiple of 1e-5 degree")
    out = io.BytesIO()
    np.savez(
        out,
        coords=units.astype(np.int32),
        rings=rings.astype(np.int32),
        parts=parts.astype(np.int32),
        geoms=features.astype(np.int32),
        single=single,
    )
    return out.getvalue()


def unpack(source: io.BufferedIOBase | bytes) -> npt.NDArray[np.object_]:
    """Return the geometries :func:`pack` stored, in order.

    Parameters
    ----------
    source : bytes or binary file
        The ``.npz`` file or its bytes.

    Returns
    -------
    numpy.ndarray of shapely geometries
        Polygons and MultiPolygons, lon/lat.

    Raises
    ------
    ValueError
        If the file is not such a packed file.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with np.load(stream, allow_pickle=False) as z:
            coords = z["coords"] / SCALE
            offsets = tuple(z[name].astype(np.int64) for name in ("rings", "parts", "geoms"))
            single = z["single"]
    except (KeyError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise ValueError(f"not a packed boundary file ({exc})") from None
    geoms: npt.NDArray[np.object_] = shapely.from_ragged_array(
        shapely.GeometryType.MULTIPOLYGON, coords, offsets
    )
    if single.shape != geoms.shape:
        raise ValueError("not a packed boundary file (its feature flags do not match)")
    geoms[single] = shapely.get_geometry(geoms[single], 0)
    return geoms
