"""From text to map: article reading, text-file checks, and the article/parse/weapons commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rangemap._userfile import read_text_file
from rangemap.article import read_article
from rangemap.errors import DataFileError
from tests.cli.test_commands import embedded_properties
from tests.conftest import SEED_ARTICLE, RunCli


def test_bundled_article_reading() -> None:
    reading = read_article(SEED_ARTICLE.read_text(encoding="utf-8"))
    assert len(reading.claims) == 1
    claim = reading.claims[0]
    assert claim.kind == "vague" and claim.is_band
    assert "several hundred kilometers" in claim.phrase
    assert [w.id for w in reading.weapons] == ["atacms", "taurus"]
    assert [p.code for p in reading.regions] == ["RU-KRS"]
    assert [p.code for p in reading.highlights] == ["RU-KRS"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Strikes hit the Belgorod region overnight.", ["RU-BEL"]),
        ("Explosions in the city of Kursk.", []),
        ("Vladimir Putin warned the West.", []),
        ("Moscow has not reacted; Kyiv welcomed it.", []),
        ("Drones reached Crimea and Bryansk oblast.", ["UA-43", "RU-BRY"]),
        ("Удари по Курській області.", []),
        ("Курская область under fire", ["RU-KRS"]),
    ],
)
def test_regions_named_in_text(text: str, codes: list[str]) -> None:
    assert [p.code for p in read_article(text).regions] == codes


def test_countries_highlighted_only_without_regions() -> None:
    reading = read_article("Poland welcomed the decision.")
    assert [p.code for p in reading.highlights] == ["PL"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 300 km", "not valid UTF-8"),
        (b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
    ],
)
def test_bad_text_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(DataFileError, match=message):
        read_text_file(path)


def test_text_file_missing_and_bom(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="does not exist"):
        read_text_file(tmp_path / "nope.txt")
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffATACMS reach 300 km.".encode())
    assert read_text_file(path) == "ATACMS reach 300 km."


def test_default_job_is_the_bundled_article(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli()
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "output" / "rangemap.html"
    assert proc.stdout.strip().splitlines()[-1] == str(Path("output") / "rangemap.html")
    assert "several hundred kilometers → 300–900 km" in proc.stdout
    assert "ATACMS" in proc.stdout and "Taurus" in proc.stdout
    assert "Kursk Oblast (RU-KRS)" in proc.stdout
    page = out.read_text(encoding="utf-8")
    props = embedded_properties(page)
    bands = [p for p in props if p.get("role") == "band"]
    # Launched from the Ukrainian-held border: reach envelopes, not rings. The
    # claim is about ATACMS, so it is drawn as ATACMS's rings, not as a band;
    # Taurus (500 km) is a comparison layer (tests/test_default_job.py).
    reaches = sorted(p["range_km"] for p in props if p.get("role") == "reach")
    assert bands == []
    assert reaches == [165.0, 300.0, 500.0]
    assert {"role": "highlight"} in props
    assert "Highlighted: Kursk Oblast" in page
    assert out.stat().st_size < 1_500_000


def test_article_from_stdin_to_geojson(run_cli: RunCli, tmp_path: Path) -> None:
    text = "Storm Shadow missiles, with a range of about 250 km, hit Crimea."
    proc = run_cli("article", "-", "--from", "Kyiv", "-o", "a.geojson", stdin=text)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "a.geojson").read_text(encoding="utf-8"))
    roles = [f["properties"]["role"] for f in data["features"]]
    # "about 250 km" (225-275 km) is about Storm Shadow, named in its sentence:
    # drawn as Storm Shadow's published 250 km ring, its reading in the detail.
    assert roles.count("band") == 0
    assert roles.count("ring") == 1
    ring = next(f for f in data["features"] if f["properties"]["role"] == "ring")
    assert ring["properties"]["range_km"] == pytest.approx(250)
    assert "“about 250 km” (read 225–275 km)" in ring["properties"]["detail"]
    highlight = next(f for f in data["features"] if f["properties"]["role"] == "highlight")
    assert highlight["properties"]["code"] == "UA-43"


def test_article_weapons_only(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("article", "-", "-o", "w.html", stdin="Ukraine received more ATACMS.")
    assert proc.returncode == 0, proc.stderr
    assert "no range claim" in proc.stdout
    assert (tmp_path / "w.html").exists()


@pytest.mark.parametrize(
    ("stdin", "content", "message"),
    [
        ("The weather was fine and 50,000 people attended.", None, "nothing to draw"),
        (None, b"", "empty"),
        (None, b"\x00\x01\x02binary", "binary"),
        (None, b"\xff\xfe\xfa bad bytes 300 km", "UTF-8"),
    ],
)
def test_article_bad_input(
    run_cli: RunCli, tmp_path: Path, stdin: str | None, content: bytes | None, message: str
) -> None:
    args = ["article", "-"] if content is None else ["article", "in.txt"]
    if content is not None:
        (tmp_path / "in.txt").write_bytes(content)
    proc = run_cli(*args, "-o", "out.html", stdin=stdin)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.html").exists()


def test_article_huge_file(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"ATACMS 300 km. " * 400_000)
    proc = run_cli("article", "big.txt", "-o", "out.html")
    assert proc.returncode == 2
    assert "5 MB" in proc.stderr
    assert not (tmp_path / "out.html").exists()


def test_parse_table_and_json(run_cli: RunCli, tmp_path: Path) -> None:
    text = (
        "The ATACMS has a range of up to 300 kilometers (186 miles). "
        "Officials said 50,000 soldiers were deployed in 2024. "
        "Its successor flies between 60 and 499 km."
    )
    proc = run_cli("parse", "--json", "-", stdin=text)
    assert proc.returncode == 0, proc.stderr
    claims = json.loads(proc.stdout)
    assert [(c["low_km"], c["high_km"], c["kind"]) for c in claims] == [
        (None, 300.0, "at most"),  # "up to": no low bound stated (issue 10)
        (60.0, 499.0, "interval"),
    ]
    assert set(claims[0]) == {
        "type",
        "note",
        "low_km",
        "high_km",
        "nominal_km",
        "kind",
        "phrase",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "unit",
        "weapon",
    }
    assert text[claims[0]["start"] : claims[0]["end"]] == claims[0]["phrase"]
    assert claims[0]["weapon"] == "ATACMS"
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    table = run_cli("parse", "t.txt")
    assert table.returncode == 0
    assert "at most" in table.stdout and "60–499" in table.stdout


def test_parse_bundled_article(run_cli: RunCli) -> None:
    proc = run_cli("parse", "--json", str(SEED_ARTICLE))
    claims = json.loads(proc.stdout)
    assert len(claims) == 1 and claims[0]["kind"] == "vague"


def test_weapons_listing(run_cli: RunCli) -> None:
    proc = run_cli("weapons", "--json")
    assert proc.returncode == 0, proc.stderr
    catalogue = json.loads(proc.stdout)
    ids = {w["id"] for w in catalogue}
    assert {"atacms", "taurus", "storm-shadow", "iskander-m", "kn-23"} <= ids or len(ids) >= 12
    table = run_cli("weapons")
    assert "ATACMS" in table.stdout and "Taurus" in table.stdout


def test_map_with_weapon_and_claim_band(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli(
        "map",
        "--from",
        "Sumy",
        "--weapon",
        "atacms",
        "--weapon",
        "Storm-Shadow",
        "--range",
        "several hundred kilometers",
        "-o",
        "w.html",
    )
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "w.html").read_text(encoding="utf-8")
    props = embedded_properties(page)
    assert sorted(p["range_km"] for p in props if p.get("role") == "ring") == [165.0, 250.0, 300.0]
    assert [p["range_km"] for p in props if p.get("role") == "band"] == [900.0]
    assert "several hundred kilometers → 300–900 km" in page
    assert "ATACMS M39 (Block I): 165 km" in page
    assert "Source: CSIS" in page


def test_unknown_weapon_suggests(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("map", "--from", "Sumy", "--weapon", "atacm", "-o", "x.html")
    assert proc.returncode == 2
    assert "unknown weapon" in proc.stderr and "ATACMS" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_map_needs_range_or_weapon(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("map", "--from", "Sumy", "-o", "x.html")
    assert proc.returncode == 2
    assert "--range" in proc.stderr and "--weapon" in proc.stderr
