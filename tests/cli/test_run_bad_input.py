"""The bad-input matrix: every invocation here must be refused cleanly.

README: "Bad input (an unknown place, a bad range, a broken file, an unwritable
output path) prints one line on stderr and exits with status 2, writing
nothing." Each case runs :func:`rangemap.cli.main` in-process in a fresh
working folder (``tmp_path``) that holds the case's input files and an existing
output ``keep.html``, and checks that

- the exit status is 2 (or the one the case states);
- stderr is exactly one non-empty line, ``rangemap: error: ...``, of at most
  250 characters, with no traceback (and, where stated, without echoing the
  content of the file it was given);
- nothing is created, removed or changed in the working folder: no file, no
  folder, no temporary file, and an existing output keeps its content.

A handful of the cases also run the installed console script in a
subprocess. Titles are not bad input, so no hostile title is here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from rangemap.cli import main
from tests.conftest import RunCli

MAX_LINE = 250
KEEP = "keep.html"
KEEP_CONTENT = b"<!DOCTYPE html><p>an earlier map, to be left alone</p>\n"
LONG_NAME = "n" * 300  # one path component longer than NAME_MAX (255)
FULL = "{full}"  # replaced by a character device that behaves as /dev/full

_POINT = {"type": "Point", "coordinates": [36.2, 51.7]}


def _geojson(geometry: object) -> bytes:
    feature = {"type": "Feature", "properties": {}, "geometry": geometry}
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


#: Input files every working folder holds (path relative to the folder -> bytes,
#: or None for a folder).
FILES: dict[str, bytes | None] = {
    KEEP: KEEP_CONTENT,
    "folder.html": None,
    "folder.geojson": None,
    "folder.csv": None,
    "folder.txt": None,
    "assets": None,
    "notreport": None,
    "notreport/notes.txt": b"someone's notes, not a report\n",
    "empty.geojson": b"",
    "blank.geojson": b"  \n\t\n",
    "binary.geojson": bytes(range(256)) * 8,
    "nul.geojson": b'{"type": "Point",\x00 "coordinates": [36.2, 51.7]}',
    "invalid.geojson": b'{"type": "FeatureCollection", "features": [',
    "notgeo.geojson": b'{"hello": "world"}',
    "list.json": b"[1, 2, 3]",
    "string.geojson": b'"Sumy"',
    "nofeatures.geojson": b'{"type": "FeatureCollection", "features": []}',
    "nullgeom.geojson": b'{"type": "Feature", "properties": {}, "geometry": null}',
    "lat95.geojson": _geojson({"type": "Point", "coordinates": [36.2, 95.0]}),
    "lon200.geojson": _geojson({"type": "Point", "coordinates": [200.0, 51.7]}),
    "nan.geojson": b'{"type": "Point", "coordinates": [NaN, 51.7]}',
    "inf.geojson": b'{"type": "Point", "coordinates": [Infinity, 51.7]}',
    "badtype.geojson": b'{"type": "Circle", "coordinates": [36.2, 51.7]}',
    "onecoord.geojson": b'{"type": "Point", "coordinates": [36.2]}',
    "strcoords.geojson": b'{"type": "Point", "coordinates": ["36.2", "51.7"]}',
    "p3d.geojson": _geojson({"type": "Point", "coordinates": [36.2, 51.7, 100.0]}),
    "utf16.geojson": json.dumps(_POINT).encode("utf-16-le"),
    "nocols.csv": b"title,x,y\nSomewhere,51.7,36.2\n",
    "badlat.csv": b"name,lat,lon\nSomewhere,95,36.2\n",
    "badlon.csv": b"name,lat,lon\nSomewhere,51.7,200\n",
    "textlat.csv": b"name,lat,lon\nSomewhere,north,36.2\n",
    "nanlat.csv": b"name,lat,lon\nSomewhere,nan,36.2\n",
    "emptylat.csv": b"name,lat,lon\nSomewhere,,36.2\n",
    "short.csv": b"name,lat,lon\nSomewhere,51.7\n",
    "noname.csv": b"name,lat,lon\n,51.7,36.2\n",
    "header-only.csv": b"name,lat,lon\n",
    "empty.csv": b"",
    "binary.csv": bytes(range(256)) * 8,
    "nul.csv": b"name,lat,lon\nSome\x00where,51.7,36.2\n",
    "sites.geojson": _geojson(_POINT),
    "empty.txt": b"",
    "blank.txt": b"   \n\n\t \n",
    "binary.txt": bytes(range(256)) * 8,
    "utf16.txt": (
        "The ATACMS missile has a range of up to 300 km and was used against Kursk.\n"
    ).encode("utf-16-le"),
    "latin1.txt": "Le missile a une portée de 300 km, dit-il à Koursk.\n".encode("latin-1"),
}


@dataclass(frozen=True)
class Case:
    """One refused invocation: its arguments and what else to check."""

    id: str
    args: tuple[str, ...]
    code: int = 2
    not_echoed: tuple[str, ...] = field(default=())


def _map(
    *extra: str, frm: str | None = "Sumy", rng: str | None = "300km", out: str = KEEP
) -> tuple[str, ...]:
    args = ["map"]
    if frm is not None:
        args += ["--from", frm]
    if rng is not None:
        args += ["--range", rng]
    return (*args, "-o", out, *extra)


def _cov(*extra: str, frm: str = "Sumy", rng: str = "300km") -> tuple[str, ...]:
    return ("coverage", "--from", frm, "--range", rng, *extra)


BIG_DIGITS = "9" * 100_000
BIG_NAME = "Xyzzyvil" * 12_500  # 100,000 characters

COORDINATES = [
    Case("coord-lat-95", _map(frm="95,36.2")),
    Case("coord-lat-minus-95", _map(frm="-95,36.2")),
    Case("coord-lon-200", _map(frm="51.7,200")),
    Case("coord-lon-minus-181", _map(frm="51.7,-181")),
    Case("coord-nan-nan", _map(frm="nan,nan")),
    Case("coord-inf-0", _map(frm="inf,0")),
    Case("coord-0-minus-inf", _map(frm="0,-inf")),
    Case("coord-trailing-comma", _map(frm="51.7,")),
    Case("coord-leading-comma", _map(frm=",36.2")),
    Case("coord-three-numbers", _map(frm="51.7,36.2,5")),
    Case("coord-double-comma", _map(frm="51.7,,36.2")),
    Case("coord-huge-digits", _map(frm=f"{BIG_DIGITS},36.2")),
    Case("coord-huge-decimals", _map(frm=f"51.{BIG_DIGITS},36.2")),
    Case("coord-1e400", _map(frm="1e400,0")),
    Case("coord-hex", _map(frm="0x33,0x24")),
    Case("coord-arabic-indic-digits", _map(frm="٥١.٧,٣٦.٢")),
    Case("coord-fullwidth-digits", _map(frm="５１.７,３６.２")),
    Case("coord-unicode-minus", _map(frm="51.7,\u221236.2")),
    Case("coord-empty", _map(frm="")),
    Case("coord-blank", _map(frm="   ")),
    Case("coord-comma-only", _map(frm=",")),
    Case("coord-degrees-text", _map(frm="51°N 36°E junk")),
    Case("coord-nul", _map(frm="51.7,\x0036.2")),
    Case("coord-need-to-lat-95", ("need", "--to", "95,36.2", "--from", "Sumy")),
    Case("coord-need-from-lon-200", ("need", "--to", "Engels-2", "--from", "51.7,200")),
    Case("coord-coverage-nan", _cov(frm="nan,36.2")),
]

RANGES = [
    Case("range-0", _map(rng="0")),
    Case("range-0km", _map(rng="0km")),
    Case("range-minus-5", _map(rng="-5")),
    Case("range-minus-300km", _map(rng="-300km")),
    Case("range-20001km", _map(rng="20001km")),
    Case("range-12500mi", _map(rng="12500mi")),
    Case("range-1e400", _map(rng="1e400")),
    Case("range-1e-400", _map(rng="1e-400")),
    Case("range-nan", _map(rng="nan")),
    Case("range-nan-km", _map(rng="nan km")),
    Case("range-inf", _map(rng="inf")),
    Case("range-infinity-km", _map(rng="infinity km")),
    Case("range-300-parsecs", _map(rng="300 parsecs")),
    Case("range-300kmkm", _map(rng="300kmkm")),
    Case("range-empty", _map(rng="")),
    Case("range-space", _map(rng=" ")),
    Case("range-unit-only", _map(rng="km")),
    Case("range-100k-digits", _map(rng=BIG_DIGITS)),
    Case("range-100k-digits-km", _map(rng=f"{BIG_DIGITS} km")),
    Case("range-not-300-km", _map(rng="not 300 km")),
    Case("range-minus-word-300-km", _map(rng="minus 300 km")),
    Case("range-xyz-300-km-zzz", _map(rng="xyz 300 km zzz")),
    Case("range-half-fraction", _map(rng="1/2 km")),
    Case("range-two-ranges", _map(rng="300 km and 500 km")),
    Case("range-bell", _map(rng="300\x07km")),
    Case("range-escape", _map(rng="300\x1b[31mkm")),
    Case("range-del", _map(rng="300\x7fkm")),
    Case("range-nul", _map(rng="300\x00km")),
    Case("range-template-dollar", _map(rng="${7*7}")),
    Case("range-template-braces", _map(rng="{{7*7}}")),
    Case("range-hex", _map(rng="0x12c")),
    Case("range-words-only", _map(rng="very far")),
    Case("range-coverage-parsecs", _cov(rng="300 parsecs")),
    Case("range-coverage-100k-digits", _cov(rng=BIG_DIGITS)),
    Case("range-none-given", _map(rng=None)),
    Case("range-coverage-none-given", ("coverage", "--from", "Sumy")),
    Case("range-report-bad", ("report", "--from", "Sumy", "--range", "300 parsecs", "-o", "rep")),
    Case("range-default-output", ("map", "--from", "Sumy", "--range", "300 parsecs")),
    Case("range-new-folder-output", _map(rng="300 parsecs", out="new/sub/map.html")),
]

PLACES = [
    Case("place-unknown-city", _map(frm="Xyzzyville")),
    Case("place-unknown-region-code", _map(frm="RU-XXX")),
    Case("place-unknown-border", _map(frm="border:UA-XX")),
    Case("place-border-empty", _map(frm="border:")),
    Case("place-border-one-country", _map(frm="border:UA")),
    Case("place-city-empty", _map(frm="city:")),
    Case("place-city-unknown", _map(frm="city:Xyzzyville")),
    Case("place-region-unknown", _map(frm="region:Nowhere")),
    Case("place-region-empty", _map(frm="region:")),
    Case("place-country-zz", _map(frm="country:ZZ")),
    Case("place-country-empty", _map(frm="country:")),
    Case("place-100k-name", _map(frm=BIG_NAME)),
    Case("place-bell", _map(frm="Sumy\x07")),
    Case("place-escape", _map(frm="\x1b[31mSumy")),
    Case("place-nul", _map(frm="Su\x00my")),
    Case("place-newline-junk", _map(frm="Sumy\nrm -rf /")),
    Case("place-template", _map(frm="{{7*7}}")),
    Case("place-html", _map(frm="<script>alert(1)</script>")),
    Case("place-second-from-unknown", _map("--from", "Xyzzyville")),
    Case("place-new-folder-output", _map(frm="Xyzzyville", out="new/sub/map.html")),
    Case("place-default-output", ("map", "--from", "Xyzzyville", "--range", "300km")),
    Case("place-coverage-unknown", _cov(frm="Xyzzyville")),
    Case("place-report-unknown", ("report", "--from", "Xyzzyville", "--range", "300", "-o", "rep")),
    Case("highlight-unknown", _map("--highlight", "Xyzzyville")),
    Case("highlight-empty", _map("--highlight", "")),
    Case("highlight-point", _map("--highlight", "51.7,36.2")),
    Case("highlight-city-prefix", _map("--highlight", "city:Sumy")),
    Case("highlight-border", _map("--highlight", "border:UA-RU")),
    Case("highlight-region-code-unknown", _map("--highlight", "RU-XXX")),
    Case("highlight-100k-name", _map("--highlight", BIG_NAME)),
    Case("highlight-coverage-unknown", _cov("--highlight", "Xyzzyville")),
    Case("need-to-unknown", ("need", "--to", "Xyzzyville", "--from", "border:UA-RU")),
    Case("need-to-empty", ("need", "--to", "", "--from", "border:UA-RU")),
    Case("need-to-100k-name", ("need", "--to", BIG_NAME, "--from", "Sumy")),
    Case("need-from-unknown", ("need", "--to", "Engels-2", "--from", "Xyzzyville")),
    Case("need-missing-to", ("need", "--from", "Sumy")),
    Case("need-missing-from", ("need", "--to", "Engels-2")),
]

FILE_CASES = [
    Case("file-missing-geojson", _map(frm="missing.geojson")),
    Case("file-empty-geojson", _map(frm="empty.geojson")),
    Case("file-blank-geojson", _map(frm="blank.geojson")),
    Case("file-binary-geojson", _map(frm="binary.geojson")),
    Case("file-nul-geojson", _map(frm="nul.geojson")),
    Case("file-invalid-json", _map(frm="invalid.geojson")),
    Case("file-json-not-geojson", _map(frm="notgeo.geojson")),
    Case("file-json-list", _map(frm="list.json")),
    Case("file-json-string", _map(frm="string.geojson")),
    Case("file-no-features", _map(frm="nofeatures.geojson")),
    Case("file-null-geometry", _map(frm="nullgeom.geojson")),
    Case("file-geojson-lat-95", _map(frm="lat95.geojson")),
    Case("file-geojson-lon-200", _map(frm="lon200.geojson")),
    Case("file-geojson-nan", _map(frm="nan.geojson")),
    Case("file-geojson-infinity", _map(frm="inf.geojson")),
    Case("file-geojson-unknown-type", _map(frm="badtype.geojson")),
    Case("file-geojson-one-coordinate", _map(frm="onecoord.geojson")),
    Case("file-geojson-string-coordinates", _map(frm="strcoords.geojson")),
    Case("file-geojson-3d", _map(frm="p3d.geojson")),
    Case("file-geojson-utf16", _map(frm="utf16.geojson")),
    Case("file-geojson-folder", _map(frm="folder.geojson")),
    Case("file-geojson-name-too-long", _map(frm=f"{LONG_NAME}.geojson")),
    Case("file-geojson-path-too-long", _map(frm="/".join(["d" * 200] * 25) + ".geojson")),
    Case("file-geojson-missing-coverage", _cov(frm="missing.geojson")),
    Case("file-geojson-broken-new-folder", _map(frm="invalid.geojson", out="new/map.html")),
    Case("sites-etc-passwd", _map("--sites", "/etc/passwd"), not_echoed=("root:",)),
    Case("sites-etc-passwd-coverage", _cov("--sites", "/etc/passwd"), not_echoed=("root:",)),
    Case("sites-missing", _map("--sites", "missing.csv")),
    Case("sites-missing-columns", _map("--sites", "nocols.csv")),
    Case("sites-bad-lat", _map("--sites", "badlat.csv")),
    Case("sites-bad-lon", _map("--sites", "badlon.csv")),
    Case("sites-text-lat", _map("--sites", "textlat.csv")),
    Case("sites-nan-lat", _map("--sites", "nanlat.csv")),
    Case("sites-empty-lat", _map("--sites", "emptylat.csv")),
    Case("sites-short-row", _map("--sites", "short.csv")),
    Case("sites-empty-name", _map("--sites", "noname.csv")),
    Case("sites-header-only", _map("--sites", "header-only.csv")),
    Case("sites-empty-file", _map("--sites", "empty.csv")),
    Case("sites-binary", _map("--sites", "binary.csv")),
    Case("sites-nul", _map("--sites", "nul.csv")),
    Case("sites-geojson-not-csv", _map("--sites", "sites.geojson")),
    Case("sites-folder", _map("--sites", "folder.csv")),
    Case("sites-name-too-long", _map("--sites", f"{LONG_NAME}.csv")),
    Case("sites-nul-in-path", _map("--sites", "sit\x00es.csv")),
    Case("sites-coverage-bad-lat", _cov("--sites", "badlat.csv")),
    Case("article-missing", ("article", "missing.txt", "-o", KEEP)),
    Case("article-empty", ("article", "empty.txt", "-o", KEEP)),
    Case("article-blank", ("article", "blank.txt", "-o", KEEP)),
    Case("article-binary", ("article", "binary.txt", "-o", KEEP)),
    Case("article-utf16-no-bom", ("article", "utf16.txt", "-o", KEEP)),
    Case("article-latin1", ("article", "latin1.txt", "-o", KEEP)),
    Case("article-folder", ("article", "folder.txt", "-o", KEEP)),
    Case("article-name-too-long", ("article", f"{LONG_NAME}.txt", "-o", KEEP)),
    Case("article-nul-in-path", ("article", "art\x00icle.txt", "-o", KEEP)),
    Case("article-missing-default-output", ("article", "missing.txt")),
    Case("article-missing-argument", ("article",)),
    Case("parse-missing", ("parse", "missing.txt")),
    Case("parse-empty", ("parse", "empty.txt")),
    Case("parse-binary", ("parse", "binary.txt")),
    Case("parse-utf16-no-bom", ("parse", "utf16.txt", "--json")),
    Case("parse-folder", ("parse", "folder.txt")),
    Case("parse-name-too-long", ("parse", f"{LONG_NAME}.txt")),
    Case("parse-missing-argument", ("parse",)),
    Case("report-article-missing", ("report", "--article", "missing.txt", "-o", "rep")),
    Case("report-article-binary", ("report", "--article", "binary.txt", "-o", "rep")),
    Case(
        "report-sites-etc-passwd",
        ("report", "--from", "Sumy", "--range", "300", "--sites", "/etc/passwd", "-o", "rep"),
        not_echoed=("root:",),
    ),
]

OUTPUTS = [
    Case("out-unknown-suffix", _map(out="map.xyz")),
    Case("out-no-suffix", _map(out="map")),
    Case("out-pdf", _map(out="map.pdf")),
    Case("out-folder", _map(out="folder.html")),
    Case("out-cwd", _map(out=".")),
    Case("out-empty", _map(out="")),
    Case("out-under-regular-file", _map(out=f"{KEEP}/x.html")),
    Case("out-deep-under-regular-file", _map(out=f"{KEEP}/a/b/x.html")),
    Case("out-name-too-long", _map(out=f"{LONG_NAME}.html")),
    Case("out-folder-name-too-long", _map(out=f"{LONG_NAME}/map.html")),
    Case("out-nul-in-path", _map(out="ma\x00p.html")),
    Case("out-dev-full-html", _map("--format", "html", out=FULL)),
    Case("out-dev-full-geojson", _map("--format", "geojson", out=FULL)),
    Case("out-dev-full-png", _map("--format", "png", out=FULL)),
    Case("out-format-bogus", _map("--format", "bogus")),
    Case("out-format-empty", _map("--format", "")),
    Case("out-format-pdf", _map("--format", "pdf")),
    Case("out-width-0", _map("--width", "0")),
    Case("out-width-minus-1", _map("--width", "-1")),
    Case("out-width-1e9", _map("--width", "1e9")),
    Case("out-width-1000000000", _map("--width", "1000000000")),
    Case("out-width-text", _map("--width", "wide")),
    Case("out-height-0", _map("--height", "0")),
    Case("out-height-huge", _map("--height", "99999999999999999999")),
    Case("out-dpi-0", _map("--dpi", "0")),
    Case("out-dpi-minus-1", _map("--dpi", "-1")),
    Case("out-dpi-100000", _map("--dpi", "100000")),
    Case("out-png-width-0", _map("--width", "0", out="map.png")),
    Case("out-svg-dpi-0", _map("--dpi", "0", out="map.svg")),
    Case("out-article-unknown-suffix", ("article", "missing.txt", "-o", "map.xyz")),
    Case(
        "report-onto-foreign-folder",
        ("report", "--from", "Sumy", "--range", "300", "-o", "notreport"),
    ),
    Case("report-onto-regular-file", ("report", "--from", "Sumy", "--range", "300", "-o", KEEP)),
    Case(
        "report-under-regular-file",
        ("report", "--from", "Sumy", "--range", "300", "-o", f"{KEEP}/rep"),
    ),
    Case("report-article-onto-file", ("report", "--article", "missing.txt", "-o", KEEP)),
    Case(
        "report-width-0",
        ("report", "--from", "Sumy", "--range", "300", "--width", "0", "-o", "rep"),
    ),
]

OPTIONS = [
    Case("opt-unknown-option", _map("--bogus")),
    Case("opt-unknown-option-value", _map("--colour", "red")),
    Case("opt-unknown-command", ("bogus-command",)),
    Case("opt-unknown-global-option", ("--bogus", "weapons")),
    Case("opt-weapons-unknown-option", ("weapons", "--bogus")),
    Case("opt-map-no-from", ("map", "--range", "300km", "-o", KEEP)),
    Case("opt-from-without-value", ("map", "--range", "300km", "-o", KEEP, "--from")),
    Case("opt-side-xx", _map("--side", "XX")),
    Case("standoff-minus-5km", _map("--standoff", "-5km", frm="border:UA-RU")),
    Case("standoff-0", _map("--standoff", "0", frm="border:UA-RU")),
    Case("standoff-nan", _map("--standoff", "nan", frm="border:UA-RU")),
    Case("standoff-parsecs", _map("--standoff", "30 parsecs", frm="border:UA-RU")),
    Case("standoff-empty", _map("--standoff", "", frm="border:UA-RU")),
    # Sudzha, about 8 km from the border: nothing of a point so close lies 30 km back.
    Case("standoff-on-point-near-border", _map("--standoff", "30km", frm="51.19,35.27")),
    Case("standoff-on-city", _map("--standoff", "30km", frm="Sumy")),
    Case("standoff-10000km", _map("--standoff", "10000km", frm="border:UA-RU")),
    Case("standoff-outside-region", _map("--standoff", "30km", frm="country:FR")),
    Case(
        "standoff-need-minus",
        ("need", "--to", "Engels-2", "--from", "border:UA-RU", "--standoff", "-5km"),
    ),
    Case("weapon-unknown", _map("--weapon", "Unobtainium", rng=None)),
    Case("weapon-empty", _map("--weapon", "", rng=None)),
    Case("weapon-blank", _map("--weapon", "   ", rng=None)),
    Case("weapon-nul", _map("--weapon", "ATA\x00CMS", rng=None)),
    Case("weapon-100k-name", _map("--weapon", BIG_NAME, rng=None)),
    Case("weapon-unknown-with-range", _map("--weapon", "Unobtainium")),
    Case("weapon-coverage-unknown", ("coverage", "--from", "Sumy", "--weapon", "Unobtainium")),
    Case(
        "weapon-report-unknown",
        ("report", "--from", "Sumy", "--weapon", "Unobtainium", "-o", "rep"),
    ),
    Case("tiles-bogus", _map("--tiles", "bogus")),
    Case("tiles-empty", _map("--tiles", "")),
    Case("offline-assets-missing", _map("--offline", "--assets", "/nonexistent")),
    Case("offline-assets-empty-folder", _map("--offline", "--assets", "assets")),
    Case("assets-without-offline", _map("--assets", "assets")),
    Case("coverage-format-bogus", _cov("--format", "bogus")),
    Case("coverage-format-html", _cov("--format", "html")),
    Case("need-json-with-value", ("need", "--to", "Engels-2", "--from", "Sumy", "--json", "x")),
    Case("report-no-from", ("report", "--range", "300", "-o", "rep")),
    Case("article-extra-argument", ("article", "missing.txt", "extra.txt", "-o", KEEP)),
]

CASES = COORDINATES + RANGES + PLACES + FILE_CASES + OUTPUTS + OPTIONS

#: The few cases also run through the installed console script.
SUBPROCESS_IDS = [
    "range-300-parsecs",
    "range-not-300-km",
    "place-unknown-city",
    "file-invalid-json",
    "sites-etc-passwd",
    "out-under-regular-file",
    "out-dev-full-html",
]


@dataclass(frozen=True)
class Outcome:
    """What a refused run did."""

    code: int | None
    stdout: str
    stderr: str


def _populate(folder: Path) -> None:
    for name, content in FILES.items():
        path = folder / name
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def _full_device(folder: Path) -> str:
    """A path that behaves as /dev/full: writes to it fail with ENOSPC.

    As root, a rename over ``/dev/full`` itself would replace the machine's
    device node, so root gets its own node (character device 1:7) in ``folder``.
    """
    if os.geteuid() != 0:
        return "/dev/full"
    node = folder / "full"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    return str(node)


def _snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: kind and content hash (files) or device number."""
    tree: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            info = path.lstat()
            rel = str(path.relative_to(folder))
            if stat.S_ISREG(info.st_mode):
                tree[rel] = "file " + hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISDIR(info.st_mode):
                tree[rel] = "folder"
            else:
                tree[rel] = f"special {stat.S_IFMT(info.st_mode):o} {info.st_rdev}"
    return tree


def _args(case: Case, full: str) -> list[str]:
    return [full if a == FULL else a for a in case.args]


def _run_in_process(args: list[str], caplog: pytest.LogCaptureFixture) -> Outcome:
    """Run :func:`rangemap.cli.main` with stdout and stderr captured apart.

    An exception escaping ``main`` is what a user would see as a traceback
    (status 1); its text is added to stderr. Log records of level WARNING and
    up, the CLI's default level, are added to stderr as the CLI prints them.
    """
    runner = CliRunner()
    code: int | None
    with caplog.at_level(logging.WARNING, logger="rangemap"), runner.isolation() as streams:
        out, err, _ = streams
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) or exc.code is None else 1
        except BaseException:
            code = 1
            print(traceback.format_exc(), file=sys.stderr, end="")
        else:
            code = 0
        sys.stdout.flush()
        sys.stderr.flush()
        stdout = out.getvalue().decode("utf-8", "backslashreplace")
        stderr = err.getvalue().decode("utf-8", "backslashreplace")
    logged = [
        f"rangemap: {r.levelname}: {r.getMessage()}\n"
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("rangemap")
    ]
    return Outcome(code, stdout, "".join(logged) + stderr)


def _check(case: Case, outcome: Outcome, before: dict[str, str], after: dict[str, str]) -> None:
    problems: list[str] = []
    if outcome.code != case.code:
        problems.append(f"exit status {outcome.code}, expected {case.code}")
    lines = [line for line in outcome.stderr.splitlines() if line.strip()]
    if "Traceback" in outcome.stderr:
        problems.append("a traceback on stderr")
    if len(lines) != 1:
        problems.append(f"{len(lines)} non-empty stderr lines, expected 1")
    if lines and not lines[-1].startswith("rangemap: error: "):
        problems.append("the stderr line does not start with 'rangemap: error: '")
    if lines and len(lines[-1]) > MAX_LINE:
        problems.append(f"stderr line of {len(lines[-1])} characters (at most {MAX_LINE})")
    for secret in case.not_echoed:
        if secret in outcome.stderr or secret in outcome.stdout:
            problems.append(f"echoes {secret!r} from the file it was given")
    created = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    if created:
        problems.append(f"created {created[:5]}")
    if removed:
        problems.append(f"removed {removed[:5]}")
    if changed:
        problems.append(f"changed {changed[:5]}")
    if problems:
        err = outcome.stderr
        shown = err if len(err) < 1600 else f"{err[:300]}…{err[-1200:]}"
        pytest.fail(
            f"{case.id}: " + "; ".join(problems) + f"\nstderr: {shown!r}"
            f"\nstdout: {outcome.stdout[:500]!r}",
            pytrace=False,
        )


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A fresh working folder holding the input files; returns it and the full device."""
    _populate(tmp_path)
    full = _full_device(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path, full


def test_matrix_is_large_and_ids_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 150
    assert set(SUBPROCESS_IDS) <= set(ids)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_refused_in_process(
    case: Case, workdir: tuple[Path, str], caplog: pytest.LogCaptureFixture
) -> None:
    folder, full = workdir
    before = _snapshot(folder)
    outcome = _run_in_process(_args(case, full), caplog)
    after = _snapshot(folder)
    _check(case, outcome, before, after)
    if KEEP in case.args:
        assert (folder / KEEP).read_bytes() == KEEP_CONTENT


_BY_ID: dict[str, Case] = {case.id: case for case in CASES}


@pytest.mark.parametrize("case_id", SUBPROCESS_IDS)
def test_refused_by_console_script(
    case_id: str, workdir: tuple[Path, str], run_cli: RunCli
) -> None:
    case = _BY_ID[case_id]
    folder, full = workdir
    before = _snapshot(folder)
    proc = run_cli(*_args(case, full), cwd=folder, timeout=120)
    after = _snapshot(folder)
    _check(case, Outcome(proc.returncode, proc.stdout, proc.stderr), before, after)
