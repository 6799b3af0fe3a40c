"""Hostile inputs stay cheap, and a range is a range (issue 8).

No test here times anything. Cost is measured as work that does not depend on
the machine: the number of lines of rangemap code executed (``sys.settrace``),
the size of what is written, the number of rings drawn. The old behaviour
failed each of these: it rescanned every weapon name for every number, copied
a claim's whole sentence into every claim's JSON, drew one ring per repeated
claim, and tried earlier suffixes one by one for every repeated site name.
Wall-clock figures for the full-size inputs are in benchmarks/bench_hostile.py.
"""

from __future__ import annotations

import json
import logging
import math
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from rangemap._userfile import read_text_file
from rangemap.article import MAX_ARTICLE_RINGS, read_article
from rangemap.claims import MAX_CLAIMS, parse_claim, parse_claims
from rangemap.errors import DataFileError, InputError
from rangemap.places import MAX_LAUNCH_VERTICES, MAX_ROWS, load_launch_geojson, load_sites
from rangemap.spec import parse_range
from tests.cli_run import run
from tests.conftest import REPO, RunCli

PACKAGE = str(REPO / "rangemap")


# --- helpers -----------------------------------------------------------------


def lines_run(fn: Callable[[], Any]) -> int:
    """How many lines of rangemap code run while calling ``fn`` (a measure of work)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename.startswith(PACKAGE):
            return local
        return None

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def grows_linearly(make: Callable[[int], Callable[[], Any]], n: int = 300) -> float:
    """Ratio of work at 4n to work at n: about 4 when linear, about 16 when quadratic."""
    small = lines_run(make(n))
    large = lines_run(make(4 * n))
    return large / small


def assert_refused(code: int | None, err: str, *fragments: str) -> None:
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


# --- parsing is linear in the text -------------------------------------------


def test_repeated_weapon_names_cost_linear_work() -> None:
    # Before: every number scanned every weapon match of its sentence.
    ratio = grows_linearly(lambda n: lambda: parse_claims("S-300 " * n + "300 km"))
    assert ratio < 5, ratio


def test_repeated_claims_cost_linear_work() -> None:
    ratio = grows_linearly(lambda n: lambda: parse_claims("S-300 300 km " * n), n=200)
    assert ratio < 5, ratio


def test_weapon_attribution_over_many_names() -> None:
    text = "Kh-101 " * 300 + "300 km and ATACMS " + "S-400 " * 300 + "40 km."
    claims = parse_claims(text)
    assert [(c.phrase, c.weapon) for c in claims] == [("300 km", "Kh-101"), ("40 km", "S-400")]


def test_number_inside_weapon_name_among_many() -> None:
    claims = parse_claims("S-300 " * 500 + "and a 150 km range")
    assert [c.phrase for c in claims] == ["150 km"]


# --- parse --json gives sentences by offset, once ----------------------------


def test_parse_json_size_grows_per_claim_not_per_sentence(tmp_path: Path) -> None:
    sizes = {}
    for n in (200, 2000):
        code, out, err = run(["parse", "--json", "-"], tmp_path, stdin="1 km " * n)
        assert code == 0, err
        claims = json.loads(out)
        assert len(claims) == n
        sizes[n] = len(out.encode())
    per_claim = sizes[2000] / 2000
    assert per_claim < 400, per_claim  # before: each claim held the 10 KB sentence
    assert sizes[2000] < 11 * sizes[200]


def test_more_than_max_claims_refused_in_one_line(tmp_path: Path) -> None:
    code, out, err = run(["parse", "--json", "-"], tmp_path, stdin="1 km. " * (MAX_CLAIMS + 1))
    assert_refused(code, err, f"more than {MAX_CLAIMS:,} range claims")
    assert out == ""


def test_parse_json_sentence_offsets(tmp_path: Path) -> None:
    text = "  ATACMS flies up to 300 km.  Then it\nturns. Storm Shadow: 250 km!"
    code, out, err = run(["parse", "--json", "-"], tmp_path, stdin=text)
    assert code == 0, err
    claims = json.loads(out)
    assert "sentence" not in claims[0]
    sentences = [text[c["sentence_start"] : c["sentence_end"]] for c in claims]
    assert sentences == ["ATACMS flies up to 300 km.", "Storm Shadow: 250 km!"]
    assert [text[c["start"] : c["end"]] for c in claims] == [c["phrase"] for c in claims]
    library = parse_claims(text)
    assert [c.sentence for c in library] == sentences


def test_parse_table_rows_stay_short(tmp_path: Path) -> None:
    code, out, err = run(["parse", "-"], tmp_path, stdin="1 km " * 2000)
    assert code == 0, err
    rows = out.splitlines()
    assert len(rows) == 2002  # header, rule, one row per claim
    assert max(len(r) for r in rows) < 120


# --- the article draws each reading once, and at most MAX_ARTICLE_RINGS ------


def test_repeated_claims_are_one_group() -> None:
    reading = read_article("1 km " * 500)
    assert len(reading.claims) == 500
    assert len(reading.groups) == 1
    group = reading.groups[0]
    assert group.count == 500
    assert group.places[:2] == ((0, 4), (5, 9))


def test_article_of_500_repeated_claims_draws_one_ring(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("1 km " * 500, encoding="utf-8")
    code, out, err = run(["article", "a.txt", "--from", "Sumy", "-o", "a.html"], tmp_path)
    assert code == 0, err
    assert "stated 500 times" in out
    page = tmp_path / "a.html"
    assert page.stat().st_size < 2_000_000  # before: 35 MB, one ring per claim
    code, out, err = run(["article", "a.txt", "--from", "Sumy", "-o", "a.geojson"], tmp_path)
    assert code == 0, err
    features = json.loads((tmp_path / "a.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["range_km"] for f in features if f["properties"]["role"] == "ring"] == [
        1.0
    ]


def test_article_draws_at_most_max_rings_and_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = " ".join(f"It flies {10 * i} km." for i in range(1, 41))
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="rangemap"):
        code, out, err = run(["article", "a.txt", "--from", "Sumy", "-o", "a.geojson"], tmp_path)
    assert code == 0, err
    features = json.loads((tmp_path / "a.geojson").read_text(encoding="utf-8"))["features"]
    drawn = [f for f in features if f["properties"]["role"] in ("ring", "band", "reach")]
    assert len(drawn) == MAX_ARTICLE_RINGS
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any(f"{40 - MAX_ARTICLE_RINGS} range reading(s)" in w for w in warnings), warnings
    assert f"not drawn: {40 - MAX_ARTICLE_RINGS} more range reading(s)" in out


# --- a range is a range ------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "not 300 km",
        "minus 300 km",
        "xyz 300 km zzz",
        "1/2 km",
        "300 km 500",
        "300 km and 500 km",
        "3/4 of 300 km",
    ],
)
def test_range_that_is_not_one_range_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(InputError) as info:
        parse_range(value)
    assert "300km" in str(info.value) and "several hundred kilometers" in str(info.value)
    code, _, err = run(["map", "--from", "Sumy", "--range", value, "-o", "x.geojson"], tmp_path)
    assert_refused(code, err, "not a range")
    assert not (tmp_path / "x.geojson").exists()


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        ("300", 300, 300),
        ("300km", 300, 300),
        ("300 km", 300, 300),
        ("190mi", 305.775, 305.775),
        ("100nmi", 185.2, 185.2),
        ("300000m", 300, 300),
        ("up to 190 miles", 305.775, 305.775),
        ("165-300 km", 165, 300),
        ("several hundred kilometers", 300, 900),
        ("a 300 km range", 300, 300),
        ("300 km.", 300, 300),
        ("no more than 300 km", 300, 300),
        ("300 km (186 miles)", 300, 300),
    ],
)
def test_accepted_range_forms(value: str, low: float, high: float) -> None:
    spec = parse_range(value)
    assert (spec.low_km, spec.high_km) == pytest.approx((low, high), rel=1e-3)


@pytest.mark.parametrize(
    ("phrase", "stray"),
    [("not 300 km", "'not'"), ("xyz 300 km zzz", "'xyz', 'zzz' are"), ("1/2 km", "'1'")],
)
def test_parse_claim_names_the_stray_words(phrase: str, stray: str) -> None:
    with pytest.raises(InputError) as info:
        parse_claim(phrase)
    message = str(info.value)
    assert stray in message and "is not one range" in message
    assert "'up to 190 miles'" in message  # the accepted forms


# --- errors never echo a file's content --------------------------------------


def test_sites_etc_passwd_is_not_echoed(tmp_path: Path) -> None:
    code, _, err = run(
        ["coverage", "--from", "Sumy", "--range", "300", "--sites", "/etc/passwd"], tmp_path
    )
    assert_refused(code, err, "name, lat, lon")
    assert "root:" not in err


@pytest.mark.parametrize(
    "first_line",
    ["SECRET-token:abc123/xyz", "token=SECRET,other=SECRET", "SECRET,SECRET"],
)
def test_sites_header_that_is_content_is_not_echoed(tmp_path: Path, first_line: str) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(f"{first_line}\nmore,lines\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_sites(path)
    assert "SECRET" not in str(info.value).replace(str(tmp_path), "")


def test_sites_header_of_column_names_is_shown(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("name,latitude,longitude\nA,1,2\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="found: 'name', 'latitude', 'longitude'"):
        load_sites(path)


@pytest.mark.parametrize(
    "doc",
    [
        {"type": "service_account", "private_key": "SECRET"},
        {"type": "SECRET-KEY-123"},
        {"type": "Feature", "crs": {"type": "name", "properties": {"name": "SECRET:9"}}},
    ],
)
def test_geojson_content_is_not_echoed(tmp_path: Path, doc: dict[str, Any]) -> None:
    path = tmp_path / "x.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_launch_geojson(path)
    message = str(info.value)
    assert "SECRET" not in message and "service_account" not in message
    assert "\n" not in message


def test_text_file_errors_do_not_echo(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"SECRET\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10)
    with pytest.raises(DataFileError) as info:
        read_text_file(path)
    assert "SECRET" not in str(info.value)


# --- big user files: limits refused in one line, repeated names cheap --------


def test_many_sites_with_one_name_cost_linear_work(tmp_path: Path) -> None:
    def make(n: int) -> Callable[[], Any]:
        path = tmp_path / f"s{n}.csv"
        path.write_text(
            "name,lat,lon\n" + "".join(f"Depot,{i % 80},{i % 170}\n" for i in range(n)),
            encoding="utf-8",
        )
        return lambda: load_sites(path)

    ratio = grows_linearly(make, n=250)
    assert ratio < 5, ratio
    sites = load_sites(tmp_path / "s1000.csv")
    assert [s.id for s in sites[:3]] == ["depot", "depot-2", "depot-3"]
    assert sites[-1].id == "depot-1000"
    assert len({s.id for s in sites}) == 1000


def test_sites_beyond_the_row_limit_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        "name,lat,lon\n" + "".join(f"S{i},{i % 80},{i % 170}\n" for i in range(MAX_ROWS + 1)),
        encoding="utf-8",
    )
    code, _, err = run(
        ["coverage", "--from", "Sumy", "--range", "300", "--sites", str(path)], tmp_path
    )
    assert_refused(code, err, f"more than {MAX_ROWS:,} data rows")


def _polygon_file(folder: Path, n: int) -> Path:
    ring = [
        [34.8 + 0.3 * math.cos(2 * math.pi * k / n), 50.9 + 0.2 * math.sin(2 * math.pi * k / n)]
        for k in range(n)
    ]
    ring.append(ring[0])
    path = folder / f"p{n}.geojson"
    path.write_text(json.dumps({"type": "Polygon", "coordinates": [ring]}), encoding="utf-8")
    return path


def test_launch_file_vertex_limit(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as info:
        load_launch_geojson(_polygon_file(tmp_path, MAX_LAUNCH_VERTICES))  # + closing vertex
    message = str(info.value)
    assert f"at most {MAX_LAUNCH_VERTICES:,} vertices" in message and "simplify" in message
    assert "\n" not in message
    loaded = load_launch_geojson(_polygon_file(tmp_path, MAX_LAUNCH_VERTICES - 1))
    assert loaded.geometry.geom_type == "Polygon"


def test_launch_points_count_toward_the_limit(tmp_path: Path) -> None:
    features = [
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Point", "coordinates": [30, 50]},
        }
    ] * (MAX_LAUNCH_VERTICES + 1)
    path = tmp_path / "points.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    with pytest.raises(DataFileError, match="vertices"):
        load_launch_geojson(path)


# --- true subprocess runs ----------------------------------------------------


def test_subprocess_parse_json_of_repeated_claims(run_cli: RunCli) -> None:
    proc = run_cli("parse", "--json", "-", stdin="1 km " * 2000)
    assert proc.returncode == 0, proc.stderr
    claims = json.loads(proc.stdout)
    assert len(claims) == 2000
    assert len(proc.stdout) < 400 * 2000
    assert {(c["sentence_start"], c["sentence_end"]) for c in claims} == {(0, 9999)}


def test_subprocess_range_refused(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("map", "--from", "Sumy", "--range", "not 300 km", "-o", "x.html")
    assert_refused(proc.returncode, proc.stderr, "not a range", "several hundred kilometers")
    assert not (tmp_path / "x.html").exists()
