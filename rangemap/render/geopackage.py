"""A scene as a GeoDataFrame (:attr:`RangeMap.layers`) and as a GeoPackage, one layer per role.

:func:`scene_layers` is the GeoJSON export's features
(:func:`rangemap.render.export.scene_features`) as one GeoDataFrame in
EPSG:4326: one row per feature drawn (launch places, rings, reaches and
bands, sites, highlighted areas), its columns ``role``, ``range_km``,
``label``, ``weapon``, ``variant`` and ``source`` first, then every other
property the export gives. ``label`` is a range layer's label, else the
place's or site's name; a column a row has no value for is null.

:func:`to_gpkg` writes those rows as a GeoPackage (OGC GeoPackage 1.2,
through pyogrio and GDAL), one layer per role (``launch``, ``ring``,
``reach``, ``band``, ``site``, ``highlight``; a role the map has no feature
of has no layer), each with the columns its rows have values for. It is
built in a temporary folder and returned as bytes, so that
:func:`rangemap.render.files.write_atomic` writes it as it writes every
other format: a temporary file renamed over the target.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rangemap.recording import RECORD_ITEM
from rangemap.render.export import scene_features
from rangemap.scene import Scene

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["LAYER_COLUMNS", "scene_layers", "to_gpkg"]

#: The columns every frame of layers begins with.
LAYER_COLUMNS = ("role", "range_km", "label", "weapon", "variant", "source")

_CRS = "EPSG:4326"
_KEPT = frozenset({*LAYER_COLUMNS, "geometry"})


def scene_layers(scene: Scene) -> gpd.GeoDataFrame:
    """Return the features a scene draws as a GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    scene : Scene
        The scene.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per feature, in the GeoJSON export's order (launches, range
        layers, sites, highlights), columns :data:`LAYER_COLUMNS` first.
    """
    import geopandas as gpd

    features = scene_features(scene)
    frame = gpd.GeoDataFrame.from_features(features, crs=_CRS)
    for column in LAYER_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    if "name" in frame.columns:
        frame["label"] = frame["label"].where(frame["label"].notna(), frame["name"])
    rest = [c for c in frame.columns if c not in LAYER_COLUMNS and c != "geometry"]
    frame = frame[[*LAYER_COLUMNS, *rest, "geometry"]]
    return frame.set_geometry("geometry").set_crs(_CRS, allow_override=True)


def to_gpkg(scene: Scene, *, scenario: Mapping[str, Any] | None = None) -> bytes:
    """Return a scene as a GeoPackage file, one layer per role.

    Parameters
    ----------
    scene : Scene
        The scene.
    scenario : mapping, optional
        The scenario that made the map (:func:`rangemap.recording.record`),
        recorded as the dataset's metadata item ``rangemap-scenario`` (JSON).

    Returns
    -------
    bytes
        The GeoPackage (an SQLite database file).
    """
    import pyogrio

    frame = scene_layers(scene)
    with tempfile.TemporaryDirectory(prefix="rangemap-gpkg-") as folder:
        path = Path(folder) / "map.gpkg"
        metadata = None if scenario is None else {RECORD_ITEM: json.dumps(scenario)}
        for role in dict.fromkeys(frame["role"]):
            rows = frame[frame["role"] == role]
            kept = [c for c in rows.columns if c in _KEPT or rows[c].notna().any()]
            layer = rows[kept].infer_objects().reset_index(drop=True)
            pyogrio.write_dataframe(
                layer, path, layer=str(role), driver="GPKG", dataset_metadata=metadata
            )
            metadata = None  # set when the file is made, with its first layer
        return path.read_bytes()
