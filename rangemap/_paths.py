"""Where the bundled data files live.

In an installed wheel the repository's ``data/`` and ``seeds/`` folders ship
as ``rangemap/data/`` and ``rangemap/seeds/``; in a source checkout they sit
beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rangemap.errors import RangemapError

__all__ = ["DEFAULT_ARTICLE", "data_dir", "data_path", "seed_path"]

#: The article the default job reads (bundled under ``seeds/``).
DEFAULT_ARTICLE = "atacms_kursk_authorisation_2024-11.txt"


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


def seed_path(name: str = DEFAULT_ARTICLE) -> Path:
    """Return the path of a bundled source article.

    Parameters
    ----------
    name : str, optional
        File name in ``seeds/``; the default job's article by default.

    Returns
    -------
    pathlib.Path
        ``rangemap/seeds/NAME`` in an installed package, else ``seeds/NAME``
        of the source checkout.
    """
    here = Path(__file__).resolve().parent
    for folder in (here / "seeds", here.parent / "seeds"):
        if (folder / name).is_file():
            return folder / name
    return here.parent / "seeds" / name
