"""Point sites: the bundled airbases and sites from a user's CSV file.

A *site* is a named point on the WGS84 ellipsoid: an airbase, a launch area,
a depot. rangemap bundles a curated table of the airbases named in public
reporting of the Russia–Ukraine war (``data/sites.csv``), and reads the same
kind of table from a user's file so that a reporter can add their own points.

Model and conventions
---------------------
- Coordinates are geodetic latitude and longitude in decimal degrees on
  WGS84 (EPSG:4326). The CSV columns are named ``lat`` and ``lon``; in code
  :attr:`Site.lonlat` gives the project's usual ``(lon, lat)`` order.
- A site's position is one point (for an airfield, roughly the runway
  centre). Positions of military fields are taken from public sources and are
  good to about a kilometre, some only to about two or three (the bundled
  ``source`` column says where each comes from and how sure it is); that is
  far below the resolution of a missile-range map.
- ``country`` is the ISO 3166-1 alpha-2 code of the territory the site lies
  in, following the international view: Crimea is Ukraine (``UA``) and its
  bases are flagged ``occupied``.
- Names are kept verbatim as text. Nothing here escapes them; whatever draws
  them (HTML, SVG) must.

The CSV format of both, and the reading, are in :mod:`rangemap.places.sites_file`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Site"]


@dataclass(frozen=True)
class Site:
    """One named point site.

    Parameters
    ----------
    id : str
        Short unique identifier (a slug such as ``"engels-2"``).
    name : str
        Display name, kept verbatim (escape it before drawing it in HTML).
    kind : str
        What the site is, e.g. ``"airbase"``; ``"site"`` when not given.
    country : str or None
        ISO 3166-1 alpha-2 code of the territory (Crimea is ``"UA"``).
    lat : float
        Geodetic latitude in decimal degrees, WGS84, in [-90, 90].
    lon : float
        Longitude in decimal degrees, WGS84, in [-180, 180].
    icao : str or None
        ICAO location indicator, where one exists.
    role : str or None
        What the site is for: a short category (``"fighter base"``).
    source : str or None
        Where the position (and, in the bundled table, the role) come from.
    occupied : bool
        True for sites in territory under military occupation.
    side : str or None
        ISO 3166-1 alpha-2 code of who holds the site, where recorded; None
        means "from its position under the control data in use".
    role_source : str or None
        Who published the role, and when.
    aircraft : str or None
        What is reported to operate from the site (units, types).
    """

    id: str
    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    icao: str | None = None
    role: str | None = None
    source: str | None = None
    occupied: bool = False
    side: str | None = None
    role_source: str | None = None
    aircraft: str | None = None

    @property
    def lonlat(self) -> tuple[float, float]:
        """Return the position as ``(lon, lat)`` in degrees, the project's order.

        Returns
        -------
        tuple of float
            Longitude and latitude in decimal degrees (WGS84).

        Examples
        --------
        >>> Site("x", "X", "site", None, lat=50.0, lon=30.0).lonlat
        (30.0, 50.0)
        """
        return (self.lon, self.lat)
