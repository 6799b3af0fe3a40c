"""Control data: dated areas, each held by a country (the model).

What control data are and what the bundled default assumes is told in
:mod:`rangemap.places.control`; files are read by
:mod:`rangemap.places.control_file`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import shapely
import shapely.geometry
from shapely.geometry.base import BaseGeometry

from rangemap._names import COUNTRY_CODE, country_code
from rangemap._paths import data_path
from rangemap.geodesy import GEOD

__all__ = [
    "CONTROL_FILE",
    "ControlArea",
    "ControlData",
    "geodesic_length_km",
]


#: File name of the bundled default control data inside the data folder.
CONTROL_FILE = "control.geojson"

_CODE = COUNTRY_CODE  # the name control_file checks held_by with


@dataclass(frozen=True)
class ControlArea:
    """One polygon of control data.

    Attributes
    ----------
    name : str
        Display name, e.g. ``"Luhansk Oblast"``.
    held_by : str
        ISO 3166-1 alpha-2 code of who holds it, e.g. ``"RU"``.
    geometry : shapely geometry
        (Multi)Polygon, lon/lat.
    since : int or str or None
        Year (or ISO date) since which it has been held, where stated.
    code : str or None
        ISO 3166-2 code of the region it stands for, where it is one.
    source : str or None
        Publications that say who holds it.
    note : str or None
        What the area stands for; where it over- or under-states control.

    """

    name: str
    held_by: str
    geometry: BaseGeometry = field(repr=False)
    since: int | str | None = None
    code: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ControlData:
    """A dated set of held areas.

    Attributes
    ----------
    as_of : datetime.date or None
        The date the data describe; nothing later is reflected. None for a
        user's file that states no date (see :func:`load_control`).
    areas : tuple of ControlArea
        In file order.
    source : str or None
        Where the data as a whole come from.
    notes : tuple of str
        Assumptions and what the data cannot represent.
    path : pathlib.Path or None
        The file read.

    """

    as_of: dt.date | None
    areas: tuple[ControlArea, ...]
    source: str | None = None
    notes: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        """One line naming the data and their date, for every output.

        ``"Control of terrain: <source>, as of <date>"``; ``"as of: not
        stated"`` when the data give no date.

        Examples
        --------
        >>> from rangemap.places.control import default_control
        >>> default_control().label.endswith("as of 2025-07-01")
        True
        """
        if self.path is not None and self.path == data_path(CONTROL_FILE):
            what = "rangemap bundled default (whole regions; no front line)"
        elif self.source:
            source = " ".join(self.source.split())
            what = source if len(source) <= 120 else source[:119] + "…"
        elif self.path is not None:
            what = self.path.name
        else:
            what = "control data"
        when = f"as of {self.as_of.isoformat()}" if self.as_of else "as of: not stated"
        return f"Control of terrain: {what}, {when}"

    def held_by_side(self, side: str) -> BaseGeometry:
        """Return the union of the areas `side` holds (possibly empty).

        Parameters
        ----------
        side : str
            ISO 3166-1 alpha-2 code, any case.

        Returns
        -------
        shapely geometry

        """
        code = country_code(side)
        return _union(tuple(a.geometry for a in self.areas if a.held_by == code))

    @cached_property
    def _tree(self) -> shapely.STRtree:
        return shapely.STRtree([a.geometry for a in self.areas])

    def area_at(self, lon: float, lat: float) -> ControlArea | None:
        """Return the first area (in file order) that covers a point, or None.

        Parameters
        ----------
        lon, lat : float
            Degrees.

        Returns
        -------
        ControlArea or None

        """
        hits = self._tree.query(shapely.Point(lon, lat), predicate="intersects")
        return self.areas[int(min(hits))] if len(hits) else None


def _union(geoms: tuple[BaseGeometry, ...]) -> BaseGeometry:
    return shapely.union_all(geoms) if geoms else shapely.MultiPolygon()


def geodesic_length_km(geom: BaseGeometry) -> float:
    """Return the geodesic length of a (multi)line on WGS84, in km.

    Parameters
    ----------
    geom : shapely geometry
        LineString or MultiLineString, lon/lat.

    Returns
    -------
    float

    """
    return float(GEOD.geometry_length(geom)) / 1000.0
