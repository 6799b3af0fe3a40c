"""Where and how a command writes its map: ``-o``, ``--format`` and the page options, checked first.

``-o -`` writes the map to standard output, in the format of ``--format``
(default html); ``png`` goes to standard output only when it is not a
terminal. Every check of the output path and of the page options runs
before any work, and nothing is created until the map is written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rangemap.errors import InputError
from rangemap.render.assets import DEFAULT_TILES, resolve_tiles
from rangemap.render.files import output_format, plan_output, shorten

if TYPE_CHECKING:
    from rangemap.output import RangeMap

__all__ = ["DEFAULT_OUTPUT", "Output"]

DEFAULT_OUTPUT = Path("output") / "rangemap.html"

_SUFFIX = {"html": ".html", "fragment": ".html", "geojson": ".geojson", "kml": ".kml"}
_SUFFIX |= {"gpkg": ".gpkg", "png": ".png", "svg": ".svg"}


@dataclass(frozen=True)
class Output:
    """Where and how a command writes its map, checked before any work."""

    path: Path
    fmt: str
    width: int
    height: int
    dpi: int
    tiles: str | None
    offline: bool
    assets_dir: Path | None
    cdn: bool = False
    to_stdout: bool = False

    @property
    def map_options(self) -> dict[str, Any]:
        """Keyword arguments of :func:`rangemap.api.make_map` for the page's assets."""
        return {"tiles": self.tiles, "offline": self.offline, "assets_dir": self.assets_dir}

    def page(self, rmap: RangeMap) -> RangeMap:
        """Set the options that only change how the HTML is written (``--cdn``)."""
        rmap.cdn = self.cdn
        return rmap

    @classmethod
    def check(
        cls,
        output: Path | None,
        fmt: str | None,
        width: int,
        height: int,
        dpi: int,
        tiles: str | None,
        offline: bool,
        assets_dir: Path | None,
        cdn: bool = False,
    ) -> Output:
        """Check ``-o``, ``--format`` and the page options before any work (nothing is created)."""
        if output is None:
            output = DEFAULT_OUTPUT.with_suffix(_SUFFIX[fmt or "html"])
        fmt = output_format(output, fmt)
        checked = cls.options(width, height, dpi, tiles, offline, assets_dir, cdn)
        target = plan_output(output, fmt)  # nothing is created before the map is written
        return dataclasses.replace(checked, path=output, fmt=fmt, to_stdout=target.to_stdout)

    @classmethod
    def options(
        cls,
        width: int,
        height: int,
        dpi: int,
        tiles: str | None,
        offline: bool,
        assets_dir: Path | None,
        cdn: bool = False,
    ) -> Output:
        """Check the image and page options; the path is left for the caller."""
        if not 200 <= width <= 8000 or not 200 <= height <= 8000:
            raise InputError(f"image size {width}x{height} px: width and height must be 200..8000")
        if not 50 <= dpi <= 600:
            raise InputError(f"--dpi {dpi}: must be 50..600")
        if cdn and (offline or assets_dir is not None):
            other = "--offline" if offline else "--assets"
            raise InputError(f"--cdn links Leaflet from a CDN; it excludes {other}")
        if assets_dir is not None:
            try:
                is_folder = assets_dir.is_dir()
            except OSError as exc:  # a name too long, a loop of links
                raise InputError(
                    f"--assets {shorten(assets_dir)!r}: {exc.strerror or exc}"
                ) from None
            if not is_folder:
                raise InputError(f"--assets {shorten(assets_dir)!r} is not a folder")
            for name in ("leaflet.js", "leaflet.css"):
                if not (assets_dir / name).is_file():
                    raise InputError(f"--assets folder {shorten(assets_dir)!r} has no {name}")
        if tiles is None:
            tiles = "none" if offline else DEFAULT_TILES
        resolve_tiles(tiles)  # a bad --tiles fails before any work
        tile_layer = None if tiles.strip().lower() == "none" else tiles
        return cls(Path(), "html", width, height, dpi, tile_layer, offline, assets_dir, cdn)

    def write(self, rmap: RangeMap) -> Path:
        """Write the map; print the path written unless the map went to standard output."""
        written = self.page(rmap).save(
            self.path, fmt=self.fmt, width=self.width, height=self.height, dpi=self.dpi
        )
        if not self.to_stdout:
            click.echo(str(written))
        return written
