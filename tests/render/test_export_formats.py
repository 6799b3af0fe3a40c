"""Output formats: GeoJSON and KML read back with GDAL (pyogrio), KML against the OGC schema,
the HTML fragment, and the Python API object."""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path

import pyogrio
import pytest
from lxml import etree
from shapely.geometry import Point

import rangemap
from rangemap.errors import InputError
from tests.conftest import RunCli

KML_SCHEMA = resources.files("fastkml") / "schema" / "ogckml22.xsd"


@pytest.fixture(scope="module")
def kml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(KML_SCHEMA)))


def test_kml_is_schema_valid_and_reads_back(run_cli: RunCli, tmp_path: Path, kml_schema) -> None:
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
        "<b>A & B</b>",
        "-o",
        "m.kml",
    )
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "m.kml"
    doc = etree.parse(str(path))
    assert kml_schema.validate(doc), kml_schema.error_log
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    assert doc.findtext("k:Document/k:name", namespaces=ns) == "<b>A & B</b>"
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"Launch places", "Range rings", "Range bands", "Highlighted areas", "Sites"}
    sites = pyogrio.read_dataframe(path, layer="Sites")
    assert len(sites) >= 25 and (sites.geometry.geom_type == "Point").all()
    rings = pyogrio.read_dataframe(path, layer="Range rings")
    assert len(rings) == 1 and rings.geometry.iloc[0].geom_type == "Polygon"
    assert rings.geometry.iloc[0].contains(Point(34.799, 50.917))
    band = pyogrio.read_dataframe(path, layer="Range bands").geometry.iloc[0]
    assert not band.contains(Point(34.799, 50.917))  # the band's hole
    launch = pyogrio.read_dataframe(path, layer="Launch places")
    assert launch.geometry.iloc[0].geom_type == "Point"
    assert "range_km" in doc.getroot().xpath("string(//k:Data/@name)", namespaces=ns) or (
        doc.getroot().xpath("//k:Data[@name='range_km']", namespaces=ns)
    )


def test_antimeridian_ring_in_kml_and_geojson(run_cli: RunCli, tmp_path: Path, kml_schema) -> None:
    for name in ("am.kml", "am.geojson"):
        proc = run_cli("map", "--from", "65,179", "--range", "500km", "-o", name)
        assert proc.returncode == 0, proc.stderr
    assert kml_schema.validate(etree.parse(str(tmp_path / "am.kml")))
    frame = pyogrio.read_dataframe(tmp_path / "am.geojson")
    ring = frame[frame["role"] == "ring"].geometry.iloc[0]
    assert ring.geom_type == "MultiPolygon" and len(ring.geoms) == 2
    assert ring.bounds[0] >= -180 and ring.bounds[2] <= 180


def test_geojson_reads_back_with_gdal(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("map", "--from", "Kyiv", "--weapon", "atacms", "-o", "w.geojson")
    assert proc.returncode == 0, proc.stderr
    frame = pyogrio.read_dataframe(tmp_path / "w.geojson")
    rings = frame[frame["role"] == "ring"]
    assert sorted(rings["range_km"]) == [165.0, 300.0]
    assert rings["weapon"].str.startswith("ATACMS").all()
    assert frame.crs.to_epsg() == 4326


def test_fragment_is_an_isolated_snippet(run_cli: RunCli, tmp_path: Path) -> None:
    hostile = '"><script>alert(1)</script>'
    proc = run_cli(
        "map",
        "--from",
        "Sumy",
        "--range",
        "300",
        "--title",
        hostile,
        "--format",
        "fragment",
        "-o",
        "frag.html",
    )
    assert proc.returncode == 0, proc.stderr
    snippet = (tmp_path / "frag.html").read_text(encoding="utf-8")
    assert snippet.startswith('<figure class="rangemap-fragment"')
    assert snippet.count("<iframe") == 1 and "<script" not in snippet.replace("&lt;script", "")
    assert 'loading="lazy"' in snippet
    page = html.unescape(snippet.split('srcdoc="', 1)[1].split('"', 1)[0])
    assert page.startswith("<!DOCTYPE html>") and "L.map(" in page
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "Invalid value for '--format'"),
        (["-o", "x.docx"], "cannot tell the output format"),
        (["-o", "x.png", "--width", "10"], "200..8000"),
        (["-o", "x.png", "--dpi", "5000"], "50..600"),
    ],
)
def test_bad_format_options(run_cli: RunCli, tmp_path: Path, args: list[str], message: str) -> None:
    proc = run_cli("map", "--from", "Sumy", "--range", "300", *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())


def test_python_api_object(tmp_path: Path) -> None:
    m = rangemap.map("Sumy", ["300km", "165 km"], highlight="Kursk", weapons=["Taurus"])
    assert m.title == "300 km, 165 km and 500 km from Sumy"
    assert m.to_html().startswith("<!DOCTYPE html>")
    assert m._repr_html_().startswith('<figure class="rangemap-fragment"')
    geo = json.loads(m.to_geojson())
    assert sorted(
        f["properties"]["range_km"] for f in geo["features"] if f["properties"]["role"] == "ring"
    ) == [
        165.0,
        300.0,
        500.0,
    ]
    assert m.to_kml().startswith("<?xml")
    written = m.save(tmp_path / "api.geojson")
    assert json.loads(written.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    m.save(tmp_path / "snippet.txt", fmt="fragment")
    assert (tmp_path / "snippet.txt").read_text(encoding="utf-8").startswith("<figure")
    with pytest.raises(InputError):
        m.save(tmp_path / "x.html", fmt="pdf")
    with pytest.raises(InputError):
        m.save(tmp_path / "x.doc")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["api.geojson", "snippet.txt"]


def test_offline_and_assets_inline_leaflet_without_network(tmp_path: Path) -> None:
    import xstatic.pkg.leaflet as xstatic_leaflet  # type: ignore[import-untyped]

    dist = Path(xstatic_leaflet.BASE_DIR)
    m = rangemap.map("Sumy", "300km", offline=True, tiles=None, coverage=False)
    page = m.to_html()
    assert "<script src=" not in page and "L.map(" in page
    assert (dist / "leaflet.js").read_text(encoding="utf-8")[:200] in page
    # A folder of the user's own is inlined instead; one lacking leaflet.js is refused.
    own = tmp_path / "own"
    own.mkdir()
    (own / "leaflet.js").write_text("/* my leaflet */", encoding="utf-8")
    (own / "leaflet.css").write_text(".my-leaflet{}", encoding="utf-8")
    mine = rangemap.map("Sumy", "300km", tiles=None, coverage=False, assets_dir=own).to_html()
    assert "/* my leaflet */" in mine and ".my-leaflet{}" in mine
    with pytest.raises(InputError, match=r"has no leaflet\.js"):
        rangemap.map("Sumy", "300km", coverage=False, assets_dir=tmp_path).to_html()


def test_assets_folder_is_checked_before_work(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli(
        "map", "--from", "Sumy", "--range", "300", "--assets", str(tmp_path), "-o", "x.html"
    )
    assert proc.returncode == 2 and "has no leaflet.js" in proc.stderr


def test_package_level_reach_and_coverage_functions() -> None:
    from shapely.geometry import Point

    import rangemap.coverage
    import rangemap.geodesy.reach

    sumy = Point(34.799, 50.917)
    area = rangemap.reach(sumy, 300)
    assert area.contains(Point(36.19, 51.73))
    assert rangemap.band(sumy, 100, 300).contains(Point(36.19, 51.73))
    cov = rangemap.coverage(area, sumy, range_km=300)
    assert "RU-KRS" in set(cov.regions["iso_3166_2"])
    assert json.loads(json.dumps(cov.to_dict()))["sites"]
    # Importing the modules does not hide the functions of the same names.
    assert callable(rangemap.reach) and callable(rangemap.coverage)
    assert rangemap.parse_claims("a range of 300 km")[0].high_km == 300
