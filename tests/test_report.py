"""Report bundles and static images, end to end through the console script."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE, RunCli

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_report_bundle_from_article(run_cli: RunCli, tmp_path: Path) -> None:
    hostile = "<script>alert('t')</script> & Co"
    proc = run_cli(
        "report",
        "--article",
        str(SEED_ARTICLE),
        "--title",
        hostile,
        "--width",
        "800",
        "--height",
        "600",
        "-o",
        "rep",
    )
    assert proc.returncode == 0, proc.stderr
    folder = tmp_path / "rep"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "claims.json",
        "coverage.csv",
        "index.html",
        "layers.geojson",
        "map.png",
    ]
    png = (folder / "map.png").read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    import matplotlib.image

    assert matplotlib.image.imread(folder / "map.png").shape[:2] == (600, 800)
    claims = json.loads((folder / "claims.json").read_text(encoding="utf-8"))
    assert len(claims) == 1 and claims[0]["kind"] == "vague" and claims[0]["low_km"] == 300
    rows = list(csv.DictReader(io.StringIO((folder / "coverage.csv").read_text(encoding="utf-8"))))
    assert {"region", "country", "site", "city"} <= {r["section"] for r in rows}
    layers = json.loads((folder / "layers.geojson").read_text(encoding="utf-8"))
    # The claim is about ATACMS: drawn as ATACMS's reaches, not as a band (issue 10).
    assert {"launch", "reach", "highlight"} <= {f["properties"]["role"] for f in layers["features"]}
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in index
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; &amp; Co" in index
    for section in (
        "Range claims and how they were read",
        "Weapons and sources",
        "What lies within reach",
        "Sources and method",
        "map.png",
    ):
        assert section in index
    assert "several hundred kilometers" in index and "Kursk Oblast" in index
    assert "CSIS Missile Defense Project" in index


def test_report_replaces_previous_report_only(run_cli: RunCli, tmp_path: Path) -> None:
    first = run_cli(
        "report",
        "--from",
        "Sumy",
        "--range",
        "300",
        "-o",
        "rep",
        "--width",
        "400",
        "--height",
        "300",
    )
    assert first.returncode == 0, first.stderr
    again = run_cli(
        "report",
        "--from",
        "Kyiv",
        "--range",
        "165km",
        "-o",
        "rep",
        "--width",
        "400",
        "--height",
        "300",
    )
    assert again.returncode == 0, again.stderr
    assert "165 km from Kyiv" in (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    refused = run_cli("report", "--from", "Sumy", "--range", "300", "-o", "mine")
    assert refused.returncode == 2 and "not a rangemap report" in refused.stderr
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["notes.txt"]
    bad = run_cli("report", "--from", "Atlantis-Nowhere", "--range", "300", "-o", "newrep")
    assert bad.returncode == 2 and not (tmp_path / "newrep").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_static_image_outputs(run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    proc = run_cli(
        "map",
        "--from",
        "Sumy",
        "--range",
        "300km",
        "--range",
        "several hundred kilometers",
        "--highlight",
        "Kursk",
        "--title",
        "Sumy $x$ <b>",
        "--width",
        "900",
        "--height",
        "600",
        "-o",
        f"m.{fmt}",
    )
    assert proc.returncode == 0, proc.stderr
    data = (tmp_path / f"m.{fmt}").read_bytes()
    if fmt == "png":
        assert data.startswith(PNG_SIGNATURE)
    else:
        root = ET.fromstring(data)
        text = " ".join(t for t in root.itertext())
        assert "Sumy $x$ <b>" in text and "300 km" in text and "Natural Earth" in text
        assert not root.findall(".//{http://www.w3.org/2000/svg}script")
