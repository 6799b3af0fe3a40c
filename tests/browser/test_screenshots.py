"""Screenshots a reader would see, saved as test artefacts (issue 12, item 9).

The default map, an ATACMS map and a band map at desktop size, a fragment
in a 760 px host page, and the default map on a 400 px phone. Each is saved
under ``$RANGEMAP_ARTEFACTS`` (default: ``screenshots/`` in pytest's base
temporary folder, kept for the last three runs) for a person to look at, and
checked here for being drawn: the map's paths are there and the picture is
not blank.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.pixels import colour_counts, decode_png

from .harness import LABELS_PLACED, OpenMap, write_map

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the screenshots are saved in."""
    given = os.environ.get("RANGEMAP_ARTEFACTS")
    folder = Path(given) if given else tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save(page: object, path: Path, *, drawn: bool = True) -> None:
    """Screenshot ``page`` into ``path`` once its map has drawn; check it is not blank."""
    if drawn:
        page.wait_for_function(LABELS_PLACED)  # type: ignore[attr-defined]
    data = page.screenshot()  # type: ignore[attr-defined]
    path.write_bytes(data)
    rgb = decode_png(data)
    assert rgb.shape[0] > 300 and rgb.shape[1] > 300
    assert len(colour_counts(rgb)[1]) > 100, f"{path.name} looks blank"


@pytest.mark.parametrize(
    ("name", "size"),
    [("default-desktop", (1400, 900)), ("default-phone", (400, 800))],
)
def test_default_map_screenshot(
    open_map: OpenMap, default_page: Path, artefacts: Path, name: str, size: tuple[int, int]
) -> None:
    # Loaded at its size, as a phone would: the page decides then whether the
    # legend starts open.
    opened = open_map(default_page, viewport={"width": size[0], "height": size[1]})
    assert opened.page.locator("path.rangemap-reach").count() >= 2  # the two ATACMS reaches
    _save(opened.page, artefacts / f"{name}.png")
    opened.assert_clean()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        (
            "atacms-desktop",
            ("--from", "border:UA-RU", "--weapon", "ATACMS", "--highlight", "Kursk"),
        ),
        ("band-desktop", ("--from", "Sumy", "--range", "several hundred kilometers")),
    ],
)
def test_map_screenshot(
    open_map: OpenMap, tmp_path: Path, artefacts: Path, name: str, args: tuple[str, ...]
) -> None:
    opened = open_map(
        write_map(tmp_path / f"{name}.html", *args), viewport={"width": 1400, "height": 900}
    )
    assert opened.page.locator(
        "path.rangemap-ring, path.rangemap-reach, path.rangemap-band"
    ).count()
    _save(opened.page, artefacts / f"{name}.png")
    opened.assert_clean()


def test_fragment_in_a_760px_column_screenshot(
    open_map: OpenMap, tmp_path: Path, artefacts: Path
) -> None:
    fragment = write_map(
        tmp_path / "fragment.html", "--from", "Sumy", "--range", "300km", "--format", "fragment"
    ).read_text(encoding="utf-8")
    host = tmp_path / "host.html"
    host.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Column</title>"
        "<style>body{width:760px;margin:0 auto;font:16px serif}</style></head><body>"
        f"<h1>An article</h1><p>Text before the map.</p>{fragment}<p>Text after.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    opened = open_map(host, viewport={"width": 900, "height": 900})
    page = opened.page
    frame_element = page.locator("iframe").first
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    frame.wait_for_function(LABELS_PLACED)
    assert frame.locator("path.rangemap-ring").count() == 1
    _save(page, artefacts / "fragment-760.png", drawn=False)
    opened.assert_clean()
