"""Where the bundled data files live.

In an installed wheel the repository's ``data/`` folder ships as
``rangemap/data/``; in a source checkout it sits beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rangemap.errors import RangemapError

__all__ = ["data_dir", "data_path"]


@cache
def data_dir() -> Path:
    """Return the folder holding the bundled data.

    Returns
    -------
    pathlib.Path
        ``rangemap/data`` inside an installed package, else ``data/`` of the
        source checkout.

    Raises
    ------
    RangemapError
        If neither folder exists (a broken installation).
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "countries.geojson").is_file():
            return candidate
    raise RangemapError("the bundled data folder is missing; reinstall rangemap")


def data_path(name: str) -> Path:
    """Return the path of one bundled data file.

    Parameters
    ----------
    name : str
        File name relative to the data folder, e.g. ``"regions.geojson"``.

    Returns
    -------
    pathlib.Path
        The file's path (not checked for existence).
    """
    return data_dir() / name
