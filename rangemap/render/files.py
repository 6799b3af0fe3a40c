"""Atomic file output and format selection by suffix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from rangemap.errors import InputError, OutputError

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "check_format",
    "check_writable",
    "format_for_path",
    "write_atomic",
]

#: Output formats by file suffix.
FORMATS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".geojson": "geojson",
    ".json": "geojson",
    ".kml": "kml",
    ".png": "png",
    ".svg": "svg",
}

#: Every output format, including those no suffix names.
FORMAT_NAMES: tuple[str, ...] = ("html", "fragment", "geojson", "kml", "png", "svg")


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
        shown = suffix or "no suffix"
        raise InputError(
            f"cannot tell the output format from {shown!r}; accepted suffixes: {accepted}"
        ) from None


def check_writable(path: str | os.PathLike[str]) -> Path:
    """Check, before any work is done, that ``path`` can be written.

    Parameters
    ----------
    path : str or path-like
        The output file; its folder is created if missing.

    Returns
    -------
    pathlib.Path
        The path.

    Raises
    ------
    OutputError
        If the folder cannot be created or written to, or the path is a folder.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(
            f"cannot write {str(target)!r}: it is a folder; give a file name such as map.html"
        )
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create folder {str(folder)!r}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to folder {str(folder)!r}: permission denied")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"cannot overwrite {str(target)!r}: permission denied")
    return target


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A failure leaves no partial file and never truncates an existing one.

    Parameters
    ----------
    path : str or path-like
        Destination file.
    data : str or bytes
        The content; text is written as UTF-8.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        If the file cannot be written.
    """
    target = check_writable(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise OutputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
