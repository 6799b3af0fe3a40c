"""What an HTML page loads: Leaflet inlined by default (or linked with --cdn) and its basemap.

In-process: pages are built with the library and the click command, and read as text.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import folium
import pytest
import xstatic.pkg.leaflet as xstatic_leaflet  # type: ignore[import-untyped]

import rangemap
from rangemap.cli import main
from rangemap.errors import InputError, UnknownNameError
from rangemap.render.assets import DRAWN_JS, resolve_tiles

#: One xdist worker runs this module: its tests share expensive results (see pyproject.toml).
pytestmark = pytest.mark.xdist_group("assets")

LEAFLET = Path(xstatic_leaflet.BASE_DIR)
REMOTE_SCRIPT = re.compile(r"<script[^>]*\ssrc=[\"']?https?:", re.I)
REMOTE_STYLESHEET = re.compile(r"<link[^>]*\shref=[\"']?https?:", re.I)


@dataclass
class Result:
    exit_code: int
    output: str


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    """Run ``rangemap ARGS`` in-process (rangemap.cli.main) in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    errors = [line for line in err.getvalue().splitlines() if "error" in line]
    return Result(code, "\n".join(errors))


def _map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Result, str]:
    out = tmp_path / "m.html"
    result = _run(
        tmp_path, monkeypatch, "map", "--from", "Sumy", "--range", "300km", *args, "-o", str(out)
    )
    return result, out.read_text(encoding="utf-8") if out.exists() else ""


@pytest.fixture(scope="module")
def sumy_page() -> str:
    return rangemap.map("Sumy", "300km", coverage=False).to_html()


def test_packaged_leaflet_is_the_one_folium_links() -> None:
    # folium 0.20 links Leaflet 1.9.3; the inlined copy must be that release.
    assert xstatic_leaflet.VERSION == "1.9.3"
    assert f"leaflet@{xstatic_leaflet.VERSION}/" in dict(folium.Map.default_js)["leaflet"]
    assert "Leaflet 1.9.3" in (LEAFLET / "leaflet.js").read_text(encoding="utf-8")[:200]


def test_default_page_is_self_contained(sumy_page: str) -> None:
    assert not REMOTE_SCRIPT.search(sumy_page)
    assert not REMOTE_STYLESHEET.search(sumy_page)
    assert "<script src=" not in sumy_page and 'rel="stylesheet"' not in sumy_page
    code = (LEAFLET / "leaflet.js").read_text(encoding="utf-8")
    assert code[:2000] in sumy_page  # Leaflet's own code, inline
    assert "sourceMappingURL" not in sumy_page  # nothing to look for beside the page
    assert ".leaflet-control-layers-toggle" in sumy_page
    # The stylesheet's images are data: URIs, none a relative URL.
    assert "url(images/" not in sumy_page
    assert sumy_page.count("url(data:image/png;base64,") >= 3
    # The only URLs the page's scripts use are tile templates.
    tile_urls = re.findall(r'L\.tileLayer\(\s*"([^"]+)"', sumy_page)
    assert len(tile_urls) == 2 and all("server.arcgisonline.com" in u for u in tile_urls)


def test_default_page_says_so_when_scripts_cannot_run(sumy_page: str) -> None:
    noscript = re.findall(r"<noscript>(.*?)</noscript>", sumy_page, re.S)
    assert any("needs JavaScript" in block for block in noscript)
    assert "rangemap-fallback-script" in sumy_page and "could not be drawn" in sumy_page
    # The mark that hides the Leaflet message is the map's last script.
    assert sumy_page.rindex(DRAWN_JS) > sumy_page.rindex(".fitBounds(")
    assert sumy_page.rindex(DRAWN_JS) > sumy_page.rindex("L.control.layers(")


def test_default_basemap_is_light_with_english_labels(sumy_page: str) -> None:
    layers = resolve_tiles("light")
    assert [layer.overlay for layer in layers] == [False, True]
    assert "World_Light_Gray_Base" in layers[0].url
    assert "World_Light_Gray_Reference" in layers[1].url
    assert "Esri" in layers[0].attribution and layers[1].attribution == layers[0].attribution
    assert '"pane": "rangemap-labels"' in sumy_page  # labels above the vector layers
    assert "Tiles \\u0026copy; Esri" in sumy_page


def test_cdn_page_links_leaflet_and_is_smaller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sumy_page: str
) -> None:
    result, page = _map(tmp_path, monkeypatch, "--cdn")
    assert result.exit_code == 0, result.output
    page = rangemap.map("Sumy", "300km", coverage=False, cdn=True).to_html()
    js, css = dict(folium.Map.default_js)["leaflet"], dict(folium.Map.default_css)["leaflet_css"]
    assert re.match(r"https://(cdn\.jsdelivr\.net|unpkg\.com)/", js)
    assert f'<script src="{js}"></script>' in page
    assert f'<link rel="stylesheet" href="{css}"/>' in page
    code = (LEAFLET / "leaflet.js").read_text(encoding="utf-8")
    assert code[200:2000] not in page
    # Leaflet's script and stylesheet (about 160 kB) are what the CDN spares.
    assert len(page.encode()) < len(sumy_page.encode()) - 150_000


def test_cdn_excludes_offline_and_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, page = _map(tmp_path, monkeypatch, "--cdn", "--offline")
    assert result.exit_code == 2 and "--cdn" in result.output and page == ""
    with pytest.raises(InputError, match="offline and cdn exclude each other"):
        rangemap.map("Sumy", "300km", coverage=False, offline=True, cdn=True)


def test_offline_is_self_contained_without_tiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, page = _map(tmp_path, monkeypatch, "--offline")
    assert result.exit_code == 0, result.output
    assert "L.tileLayer(" not in page and not REMOTE_SCRIPT.search(page)
    result, page = _map(tmp_path, monkeypatch, "--offline", "--tiles", "osm")
    assert result.exit_code == 0 and "tile.openstreetmap.org" in page


def test_tiles_none_has_no_tile_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, page = _map(tmp_path, monkeypatch, "--tiles", "none")
    assert result.exit_code == 0, result.output
    assert "L.tileLayer(" not in page and "L.geoJson(" in page
    assert "rangemap-ring" in page


@pytest.mark.parametrize(
    ("name", "host"),
    [
        ("OpenStreetMap.Mapnik", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
        ("osm", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
        ("openstreetmap mapnik", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
        ("OpenTopoMap", "tile.opentopomap.org/{z}/{x}/{y}.png"),
        ("Esri.WorldGrayCanvas", "World_Light_Gray_Base/MapServer/tile/{z}/{y}/{x}"),
    ],
)
def test_tiles_by_provider_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, host: str
) -> None:
    result, page = _map(tmp_path, monkeypatch, "--tiles", name)
    assert result.exit_code == 0, result.output
    assert host in page
    assert page.count("L.tileLayer(") == 1  # a provider named alone: no labels layer added


def test_tiles_provider_that_needs_a_key_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CARTO's basemaps need an API key in current xyzservices.
    result, page = _map(tmp_path, monkeypatch, "--tiles", "CartoDB.Positron")
    assert result.exit_code == 2 and page == ""
    assert "API key" in result.output and len(result.output.strip().splitlines()) == 1


def test_tiles_url_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://tiles.example.org/light/{z}/{x}/{y}.png"
    result, page = _map(tmp_path, monkeypatch, "--tiles", url)
    assert result.exit_code == 0, result.output
    assert f'"{url}"' in page
    assert '"attribution": "Tiles: tiles.example.org"' in page


def test_tiles_url_template_is_data_not_code() -> None:
    url = "https://x.example/{z}/{x}/{y}.png?a=</script><script>alert(1)</script>{{7*7}}"
    page = rangemap.map("Sumy", "300km", coverage=False, tiles=url).to_html()
    assert "<script>alert(1)" not in page
    assert "{{7*7}}" in page  # not compiled as a template


def test_tiles_provider_object_keeps_its_attribution() -> None:
    from xyzservices import TileProvider

    provider = TileProvider(
        name="Mine", url="https://t.example/{z}/{x}/{y}.png", attribution="(C) Me"
    )
    page = rangemap.map("Sumy", "300km", coverage=False, tiles=provider).to_html()
    assert "https://t.example/{z}/{x}/{y}.png" in page and '"attribution": "(C) Me"' in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ftp://tiles.example.org/{z}/{x}/{y}.png", "must start with https:// or http://"),
        ("https://tiles.example.org/{z}/{x}.png", "missing {y}"),
        ("https://tiles.example.org/tiles.png", "needs {z}, {x} and {y}"),
    ],
)
def test_bad_url_templates_are_one_line_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    result, page = _map(tmp_path, monkeypatch, "--tiles", value)
    assert result.exit_code == 2 and page == ""
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_unknown_provider_suggests_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, page = _map(tmp_path, monkeypatch, "--tiles", "OpenStreetMap.Mapnk")
    assert result.exit_code == 2 and page == ""
    assert "did you mean: OpenStreetMap.Mapnik" in result.output
    assert len(result.output.strip().splitlines()) == 1
    with pytest.raises(UnknownNameError):
        rangemap.map("Sumy", "300km", coverage=False, tiles="Esri.WorldGreyCanvas")


def test_default_job_page_is_under_1_5_mb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    page = tmp_path / "output" / "rangemap.html"
    size = page.stat().st_size
    assert size < 1_500_000, f"default page is {size:,} bytes"
    text = page.read_text(encoding="utf-8")
    assert not REMOTE_SCRIPT.search(text) and not REMOTE_STYLESHEET.search(text)


def test_fragment_and_report_are_self_contained(tmp_path: Path) -> None:
    m = rangemap.map("Sumy", "300km", coverage=False, tiles=None)
    fragment = m.to_fragment()
    assert "srcdoc=" in fragment and "&lt;script src=" not in fragment
    assert "Leaflet 1.9.3" in fragment
    report = m.save_report(tmp_path / "rep", width=400, height=300)
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "Leaflet 1.9.3" in index
    assert not REMOTE_SCRIPT.search(index) and not REMOTE_STYLESHEET.search(index)
    assert "&lt;script src=" not in index
