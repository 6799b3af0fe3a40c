"""Where an output goes, checked before any work: names, folders, links, devices.

:func:`check_output` runs every check of an output path before any work,
creates nothing, and returns the checked :class:`OutputTarget` the writers
take: a path is checked once, and :meth:`rangemap.output.RangeMap.save` and
:func:`~rangemap.render.files.write_atomic` write a target as it was
checked. :func:`plan_output` says how a path is written (atomically, or
through a device, FIFO or standard output). Report folders are checked in
:mod:`~rangemap.render.files.folders`.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from rangemap.errors import InputError, OutputError
from rangemap.render.files.formats import STDOUT, output_format, shorten

__all__ = [
    "OutputTarget",
    "check_folder",
    "check_names",
    "check_output",
    "check_writable",
    "plan_output",
    "resolve_links",
]

_BINARY_FORMATS = frozenset({"png", "gpkg"})
_MAX_LINKS = 40
# /proc/self/fd/N, /proc/<pid>/fd/N, /dev/fd/N: an open file of a process.
_FD_LINK = re.compile(r"^/(?:proc/(self|\d+)|dev)/fd/(\d+)$")


@dataclass(frozen=True)
class OutputTarget:
    """Where an output goes, decided before any work.

    Attributes
    ----------
    path : pathlib.Path
        The path as given.
    destination : pathlib.Path
        The file written: ``path`` with its symbolic links followed.
    mode : str
        ``"atomic"`` (temporary file and rename), ``"through"`` (opened and
        written: a device or a FIFO) or ``"fd"`` (an open file descriptor:
        ``-``, ``/dev/stdout``).
    fd : int
        The descriptor, for mode ``"fd"``; else -1.
    fmt : str or None
        The format the output is written in, when checked with one
        (:func:`check_output`); None from :func:`plan_output` without one.
    """

    path: Path
    destination: Path
    mode: str
    fd: int = -1
    fmt: str | None = None

    @property
    def to_stdout(self) -> bool:
        """Whether the output goes to standard output."""
        return self.mode == "fd" and self.fd == 1


def _name_max(folder: Path) -> tuple[int, int]:
    """Name and path length limits of the filesystem holding ``folder``."""
    probe = folder
    while True:
        try:
            return os.pathconf(probe, "PC_NAME_MAX"), os.pathconf(probe, "PC_PATH_MAX")
        except (OSError, ValueError):
            if probe.parent == probe:
                return 255, 4096
            probe = probe.parent


def check_names(path: str | os.PathLike[str], *, what: str = "write") -> None:
    """Raise :class:`OutputError` if a name in ``path`` is too long for its filesystem.

    Parameters
    ----------
    path : str or path-like
        A path to be created or written.
    what : str, optional
        The verb of the message (``"write"``).
    """
    absolute = Path(os.path.abspath(path))
    name_max, path_max = _name_max(absolute.parent)
    size = len(os.fsencode(str(absolute)))
    if size >= path_max:
        raise OutputError(
            f"cannot {what} {shorten(path, 60)!r}: the path is too long ({size} bytes; "
            f"this system allows {path_max - 1})"
        )
    for part in absolute.parts[1:]:
        length = len(os.fsencode(part))
        if length > name_max:
            raise OutputError(
                f"cannot {what} {shorten(path, 60)!r}: the name {shorten(part, 40)!r} is "
                f"too long ({length} bytes; this filesystem allows {name_max})"
            )


def resolve_links(path: Path) -> tuple[Path, list[str]]:
    """Follow the symbolic links of ``path`` (the last name only, repeatedly).

    Returns
    -------
    tuple
        The path the links lead to, and each link target on the way.

    Raises
    ------
    OutputError
        If the links loop.
    """
    hops: list[str] = []
    current = path
    for _ in range(_MAX_LINKS):
        try:
            link = os.readlink(current)
        except OSError:
            return current, hops
        hops.append(link)
        current = Path(os.path.join(os.path.dirname(current), link))
    raise OutputError(f"cannot write {shorten(path)!r}: too many levels of symbolic links")


def _fd_of(hops: list[str]) -> int:
    """Return the descriptor of this process a link chain names (``/dev/stdout``), or -1."""
    for hop in hops:
        match = _FD_LINK.match(hop)
        if match and match.group(1) in (None, "self", str(os.getpid())):
            return int(match.group(2))
    return -1


def _existing_ancestor(folder: Path) -> Path:
    probe = Path(os.path.abspath(folder))
    while not os.path.lexists(probe) and probe.parent != probe:
        probe = probe.parent
    return probe


def check_folder(folder: Path, shown: str) -> None:
    """Check that ``folder`` exists or can be created, and can be written to."""
    ancestor = _existing_ancestor(folder)
    if not ancestor.is_dir():
        raise OutputError(f"cannot write {shown!r}: {shorten(ancestor)!r} is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to folder {shorten(ancestor)!r}: permission denied")


def check_output(
    path: str | os.PathLike[str] | OutputTarget, fmt: str | None = None
) -> OutputTarget:
    """Check, before any work, that ``path`` can be written in ``fmt``; nothing is created.

    Parameters
    ----------
    path : str, path-like or OutputTarget
        The output file, ``-`` for standard output. A target already checked
        with its format is returned as it is.
    fmt : str, optional
        The format; by default the one the suffix names (``html`` for
        standard output, a device or a FIFO).

    Returns
    -------
    OutputTarget
        Where and how the output goes, and its format: what
        :meth:`rangemap.output.RangeMap.save` writes without checking again.

    Raises
    ------
    InputError
        If the format is unknown or the suffix names none, or differs from
        that of a checked target.
    OutputError
        If the path cannot be written (see :func:`plan_output`).
    """
    if isinstance(path, OutputTarget) and path.fmt is not None:
        if fmt is not None and fmt != path.fmt:
            raise InputError(
                f"{shorten(path.path)!r} was checked as {path.fmt}, not {fmt}; "
                "check it with the format it is written in"
            )
        return path
    if isinstance(path, OutputTarget):
        path = path.path
    fmt = output_format(path, fmt)
    return dataclasses.replace(plan_output(path, fmt), fmt=fmt)


def plan_output(path: str | os.PathLike[str], fmt: str | None = None) -> OutputTarget:
    """Decide, before any work, how ``path`` is written; nothing is created.

    Parameters
    ----------
    path : str or path-like
        The output file, ``-`` for standard output.
    fmt : str, optional
        The format; ``png`` to a terminal is refused.

    Returns
    -------
    OutputTarget
        Where and how the output goes.

    Raises
    ------
    OutputError
        If the path cannot be written.
    """
    given = Path(path)
    if str(path) == STDOUT:
        target = OutputTarget(given, given, "fd", 1)
    else:
        check_names(given)
        destination, hops = resolve_links(given)
        fd = _fd_of([os.path.abspath(given), *hops])
        if fd >= 0:
            target = OutputTarget(given, destination, "fd", fd)
        else:
            if destination != given:
                check_names(destination)
            target = OutputTarget(given, destination, _mode_of(given, destination))
    if target.mode == "fd" and fmt in _BINARY_FORMATS and _isatty(target.fd):
        raise OutputError(
            f"will not write {fmt} to a terminal; redirect standard output (> map.{fmt}) "
            f"or give -o map.{fmt}"
        )
    return target


def _mode_of(given: Path, destination: Path) -> str:
    shown = shorten(given)
    try:
        info = os.stat(destination)
    except (FileNotFoundError, NotADirectoryError):
        check_folder(destination.parent, shown)
        return "atomic"
    except OSError as exc:
        raise OutputError(f"cannot write {shown!r}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(
            f"cannot write {shown!r}: it is a folder; give a file name such as map.html"
        )
    if stat.S_ISREG(info.st_mode):
        if not os.access(destination, os.W_OK):
            raise OutputError(f"cannot overwrite {shown!r}: permission denied")
        check_folder(destination.parent, shown)
        return "atomic"
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        if not os.access(destination, os.W_OK):
            raise OutputError(f"cannot write {shown!r}: permission denied")
        return "through"
    kind = "a block device" if stat.S_ISBLK(info.st_mode) else "not a file"
    raise OutputError(
        f"cannot write {shown!r}: it is {kind}; rangemap writes files, character devices "
        "and named pipes"
    )


def _isatty(fd: int) -> bool:
    stream = sys.stdout if fd == 1 else sys.stderr if fd == 2 else None
    try:
        return stream.isatty() if stream is not None else os.isatty(fd)
    except (OSError, ValueError, AttributeError):
        return False


def check_writable(path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Check, before any work is done, that ``path`` can be written.

    Nothing is created: missing folders are made when the file is written.

    Parameters
    ----------
    path : str or path-like
        The output file (``-`` for standard output).
    fmt : str, optional
        The format; ``png`` to a terminal is refused.

    Returns
    -------
    pathlib.Path
        The path.

    Raises
    ------
    OutputError
        If a name is too long, the folder cannot be created or written to,
        or the path is a folder or something else that cannot be written.
    """
    return plan_output(path, fmt).path
