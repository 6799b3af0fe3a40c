"""Writing outputs: atomic replacement, writes through devices and FIFOs, folders made."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rangemap.errors import OutputError
from rangemap.render.files.formats import shorten
from rangemap.render.files.targets import OutputTarget, plan_output

__all__ = [
    "Staged",
    "make_folders",
    "remove_folders",
    "signals_blocked",
    "staged",
    "umask",
    "write_atomic",
]


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


def write_atomic(path: str | os.PathLike[str] | OutputTarget, data: str | bytes) -> Path:
    """Write ``data`` to ``path``: atomically if it is a file, else through.

    A regular file is written through a temporary file and a rename: a failure
    leaves no partial file and never truncates an existing one. A symbolic
    link is followed, and its target replaced. A device or FIFO is opened
    and written; ``-`` is standard output.

    Parameters
    ----------
    path : str, path-like or OutputTarget
        Destination file, or the target it was checked as
        (:func:`~rangemap.render.files.check_output`), written without
        checking it again.
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
    target = path if isinstance(path, OutputTarget) else plan_output(path)
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
        raise _write_error(target, exc) from None


def _write_error(target: OutputTarget, reason: OSError | str) -> OutputError:
    """Return the error of a write to ``target`` that failed for ``reason``."""
    why = reason if isinstance(reason, str) else reason.strerror or str(reason)
    return OutputError(f"cannot write {shorten(target.path)!r}: {why}")


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_through(target: OutputTarget, payload: bytes) -> None:
    try:
        fd = os.open(target.path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _write_error(target, exc) from None
    try:
        _write_all(fd, payload)
    except BrokenPipeError:
        raise _write_error(target, "the reader closed the pipe") from None
    except OSError as exc:
        raise _write_error(target, exc) from None
    finally:
        os.close(fd)


def _write_replacing(target: OutputTarget, payload: bytes) -> None:
    destination = target.destination
    try:
        mode = stat.S_IMODE(os.stat(destination).st_mode)
    except OSError:
        mode = 0o666 & ~umask()
    failure = f"cannot write {shorten(target.path)!r}"
    with staged(destination.parent, destination.name, failure) as stage:
        with open(stage.path, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(stage.path, mode)
        with signals_blocked():
            os.replace(stage.path, destination)
            stage.done = True


@dataclass
class Staged:
    """A temporary file or folder, written beside where it is to be put.

    Attributes
    ----------
    path : pathlib.Path
        The temporary file or folder.
    done : bool
        Whether it has been put in place; set it in the same
        :func:`signals_blocked` block as the rename that does it.
    """

    path: Path
    done: bool = False


@contextlib.contextmanager
def staged(workdir: Path, name: str, failure: str, *, folder: bool = False) -> Iterator[Staged]:
    """Stage a write in a temporary file (or folder) in ``workdir``, removed unless put in place.

    ``workdir`` and its missing parents are created first. If the block
    fails (an error, SIGINT, SIGTERM) before it marks the temporary done,
    the temporary and the folders created are removed. An ``OSError`` in
    the block becomes an :class:`~rangemap.errors.OutputError` saying
    ``"{failure}: {reason}"``.

    Parameters
    ----------
    workdir : pathlib.Path
        The folder to stage in (that of the destination).
    name : str
        The destination's name, which the temporary's name starts with.
    failure : str
        What could not be done, for the error message.
    folder : bool, optional
        Stage a folder instead of a file.

    Yields
    ------
    Staged
        The temporary, empty.
    """
    created = make_folders(workdir)
    stage: Staged | None = None
    try:
        with signals_blocked():
            prefix = f".{name[:40]}."
            if folder:
                stage = Staged(Path(tempfile.mkdtemp(prefix=prefix, dir=workdir)))
            else:
                fd, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=workdir)
                os.close(fd)
                stage = Staged(Path(temporary))
        yield stage
    except OSError as exc:
        raise OutputError(f"{failure}: {exc.strerror or exc}") from None
    finally:
        if stage is None or not stage.done:
            with signals_blocked():
                if stage is not None and folder:
                    shutil.rmtree(stage.path, ignore_errors=True)
                elif stage is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(stage.path)
                remove_folders(created)


def umask() -> int:
    """Return the process's file mode creation mask (without changing it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
