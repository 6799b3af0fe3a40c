"""Output formats: the format a path's suffix names, and paths shortened for messages."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from rangemap.errors import InputError

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "STDOUT",
    "SUFFIXES",
    "check_format",
    "format_for_path",
    "output_format",
    "shorten",
]

#: Output formats by file suffix.
FORMATS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".geojson": "geojson",
    ".json": "geojson",
    ".kml": "kml",
    ".gpkg": "gpkg",
    ".png": "png",
    ".svg": "svg",
}

#: Every output format, including those no suffix names.
FORMAT_NAMES: tuple[str, ...] = ("html", "fragment", "geojson", "kml", "gpkg", "png", "svg")

#: The suffix a file of each format is given by default.
SUFFIXES: dict[str, str] = {name: f".{name}" for name in FORMAT_NAMES} | {"fragment": ".html"}

#: The output path that means standard output.
STDOUT = "-"


def check_format(fmt: str) -> str:
    """Return ``fmt`` if it is an output format.

    Parameters
    ----------
    fmt : str
        A format name.

    Returns
    -------
    str
        The same name.

    Raises
    ------
    InputError
        If the name is not one of :data:`FORMAT_NAMES`.
    """
    if fmt not in FORMAT_NAMES:
        raise InputError(f"unknown format {fmt!r}; must be one of {', '.join(FORMAT_NAMES)}")
    return fmt


def format_for_path(path: str | os.PathLike[str]) -> str:
    """Return the output format named by a file's suffix.

    Parameters
    ----------
    path : str or path-like
        The output file.

    Returns
    -------
    str
        ``"html"`` or ``"geojson"``.

    Raises
    ------
    InputError
        If the suffix is not one of :data:`FORMATS`.
    """
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        accepted = ", ".join(sorted(set(FORMATS)))
        shown = shorten(suffix) if suffix else "no suffix"
        raise InputError(
            f"cannot tell the output format from {shown!r}; accepted suffixes: {accepted}"
        ) from None


def output_format(path: str | os.PathLike[str], fmt: str | None) -> str:
    """Return the format to write: ``fmt`` if given, else from the suffix.

    Standard output (``-``), a device and a FIFO (``/dev/stdout``, a named
    pipe) need no suffix: their default format is ``html``.

    Parameters
    ----------
    path : str or path-like
        The output file, or ``-``.
    fmt : str, optional
        A format name.

    Returns
    -------
    str
        One of :data:`FORMAT_NAMES`.
    """
    if fmt:
        return check_format(fmt)
    if str(path) == STDOUT or (not Path(path).suffix and _is_special(path)):
        return "html"
    return format_for_path(path)


def _is_special(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an existing file other than a regular file or a folder."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def shorten(text: str | os.PathLike[str], limit: int = 80) -> str:
    """Return ``text`` cut in the middle to at most ``limit`` characters.

    >>> shorten("a" * 100, 11)
    'aaaaa…aaaaa'
    """
    text = str(text)
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return f"{text[:head]}…{text[len(text) - (limit - 1 - head) :]}"
