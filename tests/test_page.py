"""Page options: checked once when made, carried as one value from the API to the files."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

import rangemap
from rangemap.api import article_map
from rangemap.errors import ParameterError, UnknownNameError
from rangemap.page import PageOptions


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"width": 199}, r"^width 199: give a whole number from 200 to 8000$"),
        ({"height": 8001}, r"^height 8001: give a whole number from 200 to 8000$"),
        ({"dpi": 5000}, r"^dpi 5000: give a whole number from 50 to 600$"),
        ({"dpi": 150.0}, r"^dpi 150.0: give a whole number from 50 to 600$"),
        ({"width": True}, r"^width True: give a whole number"),
        ({"offline": True, "cdn": True}, r"^offline and cdn exclude each other$"),
    ],
)
def test_bad_options_are_refused_when_made(options: dict[str, object], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        PageOptions(**options)  # type: ignore[arg-type]


def test_leaflet_folder_is_checked_when_made(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"^assets_dir and cdn exclude each other$"):
        PageOptions(cdn=True, assets_dir=tmp_path)
    with pytest.raises(ParameterError, match=r"has no leaflet\.js$") as info:
        PageOptions(assets_dir=tmp_path)
    assert info.value.naming({"assets_dir": "--assets"}).startswith("--assets folder ")
    with pytest.raises(ParameterError, match=r"is not a folder$"):
        PageOptions(assets_dir=tmp_path / "missing")
    (tmp_path / "leaflet.js").write_text("/* js */", encoding="utf-8")
    (tmp_path / "leaflet.css").write_text("/* css */", encoding="utf-8")
    assert PageOptions(assets_dir=str(tmp_path)).assets_dir == tmp_path


def test_basemap_is_checked_when_made() -> None:
    with pytest.raises(UnknownNameError, match="unknown basemap"):
        PageOptions(tiles="no such basemap")


def test_sized_checks_what_it_changes() -> None:
    page = PageOptions(tiles=None)
    assert page.sized() is page
    smaller = page.sized(width=400, dpi=60)
    assert (smaller.width, smaller.height, smaller.dpi, smaller.tiles) == (400, 1000, 60, None)
    with pytest.raises(ParameterError, match=r"^height 10: "):
        page.sized(height=10)


def test_make_map_carries_one_page(tmp_path: Path) -> None:
    page = PageOptions(tiles=None, width=400, height=300, dpi=50)
    m = rangemap.map("Sumy", "300km", coverage=False, page=page)
    assert m.page is page
    assert (m.tiles, m.offline, m.cdn, m.assets_dir, m.width) == (None, False, False, None, 400)
    assert _png_size(m.save(tmp_path / "map.png").read_bytes()) == (400, 300)
    assert _png_size(m.to_image(width=500)) == (500, 300)  # a size given wins for that image
    assert "L.tileLayer(" not in m.to_html()
    m.cdn = True  # an attribute set is a new, checked page
    assert m.page == PageOptions(tiles=None, cdn=True, width=400, height=300, dpi=50)
    with pytest.raises(ParameterError, match=r"^offline and cdn exclude each other$"):
        m.offline = True
    assert m.page.cdn and not m.page.offline


def test_page_or_loose_options_not_both() -> None:
    page = PageOptions(tiles=None)
    with pytest.raises(ParameterError, match=r"^give cdn inside page, not beside it$"):
        rangemap.map("Sumy", "300km", coverage=False, page=page, cdn=True)
    loose = rangemap.map("Sumy", "300km", coverage=False, tiles=None, cdn=True)
    assert loose.page == PageOptions(tiles=None, cdn=True)


def test_article_map_carries_the_page() -> None:
    page = PageOptions(tiles="osm", cdn=True)
    rmap, _ = article_map("ATACMS has a range of 300 km.", coverage=False, page=page)
    assert rmap.page is page
    rmap, _ = article_map("ATACMS has a range of 300 km.", coverage=False, cdn=True)
    assert rmap.cdn and rmap.tiles == "light"


def test_a_word_that_is_no_option_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'highlights'"):
        rangemap.map("Sumy", "300km", coverage=False, highlights=["Kursk"])  # type: ignore[call-arg]
