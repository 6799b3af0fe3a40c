"""File output: format selection by suffix, checks before work, atomic writes.

A regular file is written atomically: a temporary file in the destination's
folder, then a rename over it, so a failed or interrupted run leaves the old
file whole and no temporary behind. What the rename must not replace is
written through instead:

- ``-`` is standard output (text formats; ``png`` only when standard output
  is not a terminal);
- a symbolic link is followed: the file it points to is replaced atomically
  and the link stays a link;
- a character device or a FIFO (``/dev/null``, ``/dev/full``, ``/dev/stdout``,
  a named pipe) is opened and written, never replaced; a write error such as
  a full disk is an :class:`~rangemap.errors.OutputError`;
- anything else (a folder, a socket, a block device) is refused.

Every check (name lengths, the folder, permissions, what is there now) runs in
:func:`check_writable`, before any work; folders are created only when the
file is written.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rangemap.errors import InputError, OutputError

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "REPORT_MARKER",
    "STDOUT",
    "OutputTarget",
    "check_folder",
    "check_format",
    "check_names",
    "check_report_folder",
    "check_writable",
    "fill_in_place",
    "format_for_path",
    "make_folders",
    "output_format",
    "plan_output",
    "remove_folders",
    "resolve_links",
    "shorten",
    "signals_blocked",
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

#: The output path that means standard output.
STDOUT = "-"

#: The file that marks a folder as a rangemap report (which may be replaced).
REPORT_MARKER = ".rangemap-report"

_BINARY_FORMATS = frozenset({"png"})
_MAX_LINKS = 40
# /proc/self/fd/N, /proc/<pid>/fd/N, /dev/fd/N: an open file of a process.
_FD_LINK = re.compile(r"^/(?:proc/(self|\d+)|dev)/fd/(\d+)$")


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
    """

    path: Path
    destination: Path
    mode: str
    fd: int = -1

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


def check_report_folder(directory: str | os.PathLike[str]) -> Path:
    """Check, before any work, that a report can be written to ``directory``.

    Nothing is created.

    Parameters
    ----------
    directory : str or path-like
        The report folder: new, empty, or a previous report. A symbolic link
        is followed.

    Returns
    -------
    pathlib.Path
        The absolute folder that will be written (links followed).

    Raises
    ------
    OutputError
        If a name is too long, the folder is a file or holds something other
        than a rangemap report, or it cannot be created or written to.
    """
    if str(directory) == STDOUT:
        raise OutputError("a report is a folder of files; give -o FOLDER, not -")
    shown = shorten(directory)
    check_names(directory, what="write the report to")
    destination, _ = resolve_links(Path(os.path.abspath(directory)))
    destination = Path(os.path.abspath(destination))
    check_names(destination, what="write the report to")
    # the temporary folder beside it: ".<name>.XXXXXXXX" (name cut to 40 characters)
    if not os.path.lexists(destination):
        check_folder(destination.parent, shown)
        return destination
    if not destination.is_dir():
        raise OutputError(f"cannot write the report to {shown!r}: it is a file; give a folder")
    try:
        entries = os.listdir(destination)
    except OSError as exc:
        raise OutputError(f"cannot write the report to {shown!r}: {exc.strerror or exc}") from None
    if entries and REPORT_MARKER not in entries:
        raise OutputError(
            f"{shown!r} exists and is not a rangemap report; give a new or empty folder"
        )
    writable = destination if fill_in_place(destination, entries) else destination.parent
    if not os.access(writable, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write the report to {shown!r}: permission denied on {shorten(writable)!r}"
        )
    return destination


def fill_in_place(destination: Path, entries: Sequence[str]) -> bool:
    """Return whether to write into a report folder rather than replace it.

    An empty folder is filled; so is the current folder (or one holding it),
    which a rename would leave the shell standing in a deleted folder.
    """
    if not entries:
        return True
    cwd = Path.cwd().resolve()
    return cwd == destination.resolve() or destination.resolve() in cwd.parents


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


@contextlib.contextmanager
def signals_blocked() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while a step that must finish runs.

    A signal that arrives meanwhile is delivered when the block ends.
    """
    mask = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, mask)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, outermost first.

    Raises
    ------
    OutputError
        If a folder cannot be created (those made are removed again).
    """
    missing: list[Path] = []
    probe = Path(os.path.abspath(folder))
    while not os.path.lexists(probe) and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    created: list[Path] = []
    try:
        for each in reversed(missing):
            os.mkdir(each)
            created.append(each)
    except OSError as exc:
        remove_folders(created)
        raise OutputError(
            f"cannot create folder {shorten(folder)!r}: {exc.strerror or exc}"
        ) from None
    return created


def remove_folders(created: list[Path]) -> None:
    """Remove folders :func:`make_folders` created, if still empty."""
    for each in reversed(created):
        with contextlib.suppress(OSError):
            os.rmdir(each)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path``: atomically if it is a file, else through.

    A regular file is written through a temporary file and a rename: a failure
    leaves no partial file and never truncates an existing one. A symbolic
    link is followed, and its target replaced. A device or FIFO is opened
    and written; ``-`` is standard output.

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
    target = plan_output(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.mode == "fd":
        _write_fd(target, payload)
    elif target.mode == "through":
        _write_through(target, payload)
    else:
        _write_replacing(target, payload)
    return target.path


def _write_fd(target: OutputTarget, payload: bytes) -> None:
    stream = sys.stdout if target.fd == 1 else sys.stderr if target.fd == 2 else None
    try:
        if stream is not None:
            binary = getattr(stream, "buffer", None)
            stream.flush()
            if binary is not None:
                binary.write(payload)
                binary.flush()
            else:  # a text stream without bytes under it (a test's capture)
                stream.write(payload.decode("utf-8", errors="replace"))
                stream.flush()
        else:
            _write_all(target.fd, payload)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {shorten(target.path)!r}: {exc.strerror or exc}") from None


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_through(target: OutputTarget, payload: bytes) -> None:
    try:
        fd = os.open(target.path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise OutputError(f"cannot write {shorten(target.path)!r}: {exc.strerror or exc}") from None
    try:
        _write_all(fd, payload)
    except BrokenPipeError:
        raise OutputError(
            f"cannot write {shorten(target.path)!r}: the reader closed the pipe"
        ) from None
    except OSError as exc:
        raise OutputError(f"cannot write {shorten(target.path)!r}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _write_replacing(target: OutputTarget, payload: bytes) -> None:
    destination = target.destination
    try:
        mode = stat.S_IMODE(os.stat(destination).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    created = make_folders(destination.parent)
    tmp_name: str | None = None
    done = False
    try:
        with signals_blocked():
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{destination.name[:40]}.", suffix=".tmp", dir=destination.parent
            )
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        with signals_blocked():
            os.replace(tmp_name, destination)
            done = True
    except OSError as exc:
        raise OutputError(f"cannot write {shorten(target.path)!r}: {exc.strerror or exc}") from None
    finally:
        if not done:
            with signals_blocked():
                if tmp_name is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(tmp_name)
                remove_folders(created)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
