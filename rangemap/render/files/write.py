"""Writing outputs: atomic replacement, writes through devices and FIFOs, folders made."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from rangemap.errors import OutputError
from rangemap.render.files.formats import shorten
from rangemap.render.files.targets import OutputTarget, plan_output

__all__ = ["make_folders", "remove_folders", "signals_blocked", "write_atomic"]



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
