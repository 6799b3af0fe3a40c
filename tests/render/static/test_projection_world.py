"""The world beyond the theatre: long ranges see every country, static maps centre on the launch.

Countries are bundled for the whole world (``data/SOURCES.md``), so a
2,500 km Kalibr ring from Sevastopol reaches Türkiye and Iran, on land, and
static maps are drawn in the azimuthal equidistant projection centred on the
launch, so a ring that encloses the pole is drawn around its launch with the
pole in view.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import matplotlib
import matplotlib.image
import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.colors import to_rgb

from rangemap.api import make_map
from rangemap.cli import cli
from rangemap.output import RangeMap
from rangemap.places import resolve_area
from rangemap.render import static, style
from rangemap.render.display import display_countries
from rangemap.scene import Scene

ANKARA = (32.85, 39.93)  # (lon, lat)
TEHRAN = (51.39, 35.69)
BLACK_SEA = (34.0, 43.2)
CASPIAN_SOUTH = (51.0, 38.5)
KAPUSTIN_YAR = (45.72, 48.58)
SIZE = {"width": 1600, "height": 1000, "dpi": 150}
CENTRE_RE = re.compile(
    r"Azimuthal equidistant projection centred on (\d+(?:\.\d+)?)°([NS]?) (\d+(?:\.\d+)?)°([EW]?)"
)


@cache
def _sevastopol_kalibr() -> RangeMap:
    return make_map("Sevastopol", weapons="Kalibr", side="RU")


@cache
def _sevastopol_2500() -> RangeMap:
    return make_map("Sevastopol", "2500km", side="RU")


def _svg_centre(svg: bytes) -> tuple[float, float]:
    """Return the (lon, lat) an SVG's footer says the projection is centred on."""
    match = CENTRE_RE.search(svg.decode("utf-8"))
    assert match, "the SVG states no projection centre"
    lat = float(match.group(1)) * (-1 if match.group(2) == "S" else 1)
    lon = float(match.group(3)) * (-1 if match.group(4) == "W" else 1)
    return lon, lat


def _frame(scene: Scene) -> tuple[static._Projection, object]:
    """Return the projection and the map axes of a scene drawn as render_static draws it."""
    scene = scene.without_comparison()
    with matplotlib.rc_context(static._RC):
        fig = static._draw(scene, width_px=SIZE["width"], height_px=SIZE["height"], dpi=SIZE["dpi"])
    return static._Projection(*static._centre(scene)), fig.axes[0]


def _pixel(scene: Scene, lon: float, lat: float) -> tuple[int, int]:
    """Return the (column, row) of a place in the PNG of a scene (row 0 at the top)."""
    proj, ax = _frame(scene)
    xs, ys = proj.points([lon], [lat])
    px, py = ax.transData.transform((float(xs[0]), float(ys[0])))  # type: ignore[attr-defined]
    return round(float(px)), round(SIZE["height"] - float(py))


def _colour_near(png: bytes, column: int, row: int) -> np.ndarray:
    """Median RGB of the 9 x 9 pixels around a pixel (hatching and lines averaged out)."""
    image = matplotlib.image.imread(io.BytesIO(png), format="png")[:, :, :3]
    patch = image[row - 4 : row + 5, column - 4 : column + 5].reshape(-1, 3)
    return np.median(patch, axis=0)


def _is_land(colour: np.ndarray, layers: int = 3) -> bool:
    """Whether a colour is nearer land than sea, bare or under a range fill.

    Rings are filled with their colour at alpha 0.05 and bands at 0.10 (see
    rangemap.render.static), over land or sea alike.
    """
    bare = {"land": np.array(to_rgb(style.COUNTRY_FILL)), "sea": np.array(to_rgb(style.BACKGROUND))}
    nearest = {}
    for kind, base in bare.items():
        variants = [base]
        for i in range(layers):
            tint = np.array(to_rgb(style.layer_color(i)))
            variants += [(1 - alpha) * base + alpha * tint for alpha in (0.05, 0.10)]
        nearest[kind] = min(float(np.linalg.norm(colour - v)) for v in variants)
    return nearest["land"] < nearest["sea"]


# ------------------------------------------------------------------ coverage


def test_sevastopol_2500_km_reaches_turkiye_and_iran() -> None:
    coverage = _sevastopol_2500().coverage(all_sides=True)
    codes = [c.iso_a2 for c in coverage.country_rows]
    assert {"TR", "IR", "IQ", "SY", "EG", "SA"} <= set(codes)
    # Iran and Türkiye lie largely within 2,500 km of Sevastopol.
    shares = {c.iso_a2: c.share for c in coverage.country_rows}
    assert shares["TR"] > 0.99 and shares["IR"] > 0.3


def test_sevastopol_2500_km_lists_turkiye_and_iran_as_third_countries() -> None:
    coverage = _sevastopol_2500().coverage()
    third = {c.iso_a2 for c in coverage.third_countries.countries}
    assert {"TR", "IR"} <= third


def test_world_countries_resolve_by_name_and_code() -> None:
    assert resolve_area("Iran").code == "IR"
    assert resolve_area("country:TR").code == "TR"
    assert resolve_area("IRN").code == "IR"


# ------------------------------------------------------------------ static maps


def test_kalibr_png_draws_ankara_and_tehran_on_land() -> None:
    rangemap_map = _sevastopol_kalibr()
    png = rangemap_map.to_image("png", **SIZE)
    for lon, lat in (ANKARA, TEHRAN):
        column, row = _pixel(rangemap_map.scene, lon, lat)
        assert 4 <= column < SIZE["width"] - 4 and 4 <= row < SIZE["height"] - 4
        assert _is_land(_colour_near(png, column, row)), (lon, lat)
    for lon, lat in (BLACK_SEA, CASPIAN_SOUTH):  # sea outside and inside the band
        column, row = _pixel(rangemap_map.scene, lon, lat)
        assert not _is_land(_colour_near(png, column, row)), (lon, lat)


def test_kalibr_map_is_centred_on_sevastopol() -> None:
    lon, lat = _svg_centre(_sevastopol_kalibr().to_image("svg", **SIZE))
    assert lon == pytest.approx(33.5, abs=0.1) and lat == pytest.approx(44.6, abs=0.1)


def test_kapustin_yar_5500_km_is_centred_on_the_launch() -> None:
    lon, lat = KAPUSTIN_YAR
    svg = make_map(f"{lat},{lon}", "5500km").to_image("svg", **SIZE)
    centre = _svg_centre(svg)
    assert abs(centre[0] - lon) <= 1.0 and abs(centre[1] - lat) <= 1.0


@pytest.mark.parametrize(("launch", "range_km"), [((45.0, 70.0), 3000), (KAPUSTIN_YAR, 5500)])
def test_a_ring_enclosing_the_pole_shows_the_pole(
    launch: tuple[float, float], range_km: int
) -> None:
    lon, lat = launch
    scene = make_map(f"{lat},{lon}", f"{range_km}km").scene
    assert static._centre(scene) == pytest.approx(launch)
    proj, ax = _frame(scene)
    xs, ys = proj.points([0.0], [90.0])
    x0, x1 = ax.get_xlim()  # type: ignore[attr-defined]
    y0, y1 = ax.get_ylim()  # type: ignore[attr-defined]
    assert x0 < float(xs[0]) < x1 and y0 < float(ys[0]) < y1
    # The pole lies straight up from the launch: north is up, Russia is upright.
    assert abs(float(xs[0])) < 1.0 and float(ys[0]) > 0


def test_an_area_launch_is_centred_on_its_centroid() -> None:
    kursk = resolve_area("RU-KRS")
    centroid = kursk.geometry.centroid  # planar is close enough for a check within 0.2°
    scene = make_map("region:Kursk", "300km", side="RU").scene
    lon, lat = static._centre(scene)
    assert lon == pytest.approx(centroid.x, abs=0.2) and lat == pytest.approx(centroid.y, abs=0.2)


def test_cli_draws_kalibr_from_sevastopol(tmp_path: Path) -> None:
    out = tmp_path / "k.png"
    result = CliRunner().invoke(
        cli, ["map", "--from", "Sevastopol", "--weapon", "Kalibr", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    png = out.read_bytes()
    assert png.startswith(b"\x89PNG")
    column, row = _pixel(_sevastopol_kalibr().scene, *TEHRAN)
    assert _is_land(_colour_near(png, column, row))


# ------------------------------------------------------------------ display layer


def test_display_countries_cut_to_the_bounds() -> None:
    everything = display_countries()["features"]
    assert len(everything) > 230
    near_kursk = {
        f["properties"]["iso_a2"] for f in display_countries((34, 50, 39, 53))["features"]
    }
    assert {"UA", "RU", "BY", "TR"} <= near_kursk
    assert not {"US", "BR", "AU", "JP"} & near_kursk
    wide = display_countries(_sevastopol_2500().scene.bounds())["features"]
    assert {"TR", "IR"} <= {f["properties"]["iso_a2"] for f in wide}
    assert len(wide) < len(everything)


def test_display_countries_wrap_across_the_antimeridian() -> None:
    codes = {
        f["properties"]["iso_a2"]
        for f in display_countries((170.0, 50.0, 179.0, 60.0), margin_deg=5.0)["features"]
    }
    assert "RU" in codes and "US" in codes  # Chukotka; the Aleutians beyond 180°


def test_display_countries_refuse_bad_bounds() -> None:
    from rangemap.errors import InputError

    with pytest.raises(InputError):
        display_countries((10.0, 50.0, 5.0, 60.0))
    with pytest.raises(InputError):
        display_countries((0.0, 0.0, 1.0, 1.0), margin_deg=float("nan"))
