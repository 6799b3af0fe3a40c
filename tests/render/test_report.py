"""Report bundles and static images, end to end through the console script."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE, RunCli

#: One xdist worker runs this module: its tests share expensive results (see pyproject.toml).
pytestmark = pytest.mark.xdist_group("report")

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


class _Rows(HTMLParser):
    """Table rows of a page, inside and outside <details>, and where sections start."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.visible_rows = 0
        self.folded_rows = 0
        self.order: list[str] = []
        self.summaries: list[str] = []
        self._details = 0
        self._in_summary = False
        self._tbody = 0
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "details":
            self._details += 1
        elif tag == "summary":
            self._in_summary = True
            self.summaries.append("")
        elif tag == "tbody":
            self._tbody += 1
        elif tag == "tr" and self._tbody:
            if self._details:
                self.folded_rows += 1
            else:
                self.visible_rows += 1
        if tag == "section" and values.get("id"):
            self.order.append(f"section:{values['id']}")
        if tag in {"iframe", "img"}:
            self.order.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self._details -= 1
        elif tag == "summary":
            self._in_summary = False
        elif tag == "tbody":
            self._tbody -= 1

    def handle_data(self, data: str) -> None:
        if self._in_summary:
            self.summaries[-1] += data


@pytest.fixture(scope="module")
def band_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report whose 900 km band reaches dozens of Russian-held regions."""
    import rangemap

    folder = tmp_path_factory.mktemp("band") / "rep"
    rmap = rangemap.map(
        "Sumy", ["300km", "several hundred kilometers"], highlight=["Kursk"], coverage=False
    )
    rmap.save_report(folder, width=600, height=400, dpi=60)
    return folder


def test_report_leads_with_findings_and_folds_long_tables(band_report: Path) -> None:
    index = (band_report / "index.html").read_text(encoding="utf-8")
    rows = _Rows(index)
    # A page-height proxy: a few visible rows; every other row is one click away.
    assert rows.visible_rows <= 12, rows.visible_rows
    regions = [
        r
        for r in csv.DictReader(
            io.StringIO((band_report / "coverage.csv").read_text(encoding="utf-8"))
        )
        if r["section"] == "region" and r["listed_as"] == "target"
    ]
    assert len(regions) > 20
    assert any(s.startswith(f"All {len(regions)} regions") for s in rows.summaries)
    assert rows.folded_rows >= len(regions)
    # The findings come first, then the map (interactive, then the static image).
    assert rows.order[:4] == ["section:findings", "section:map", "iframe", "img"]
    findings_html = index[index.index('id="findings"') : index.index('id="map"')]
    assert "Russian-held airbases within 900 km" in findings_html
    assert "Kursk Oblast" in findings_html and "People within reach" in findings_html
    assert "not a census" in findings_html
    # Each layer once, in one line.
    drawn = index[index.index('id="drawn"') : index.index('id="claims"')]
    assert drawn.count("several hundred kilometers") == 1
    assert "→" not in drawn and findings_html.count("several hundred kilometers") == 1


def test_report_prints_to_a4(band_report: Path) -> None:
    index = (band_report / "index.html").read_text(encoding="utf-8")
    style = index[index.index("<style>") : index.index("</style>")]
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", style)
    assert "@media print" in style
    printed = style[style.index("@media print") :]
    assert re.search(r"\.interactive-map[^{]*\{[^}]*display:\s*none", printed)
    assert re.search(r"\.static-map\s*\{[^}]*display:\s*block", printed)
    assert "break-inside: avoid" in printed and "table-header-group" in printed
