"""Report folders, checked before any work: new, empty, or a previous report to replace.

:func:`plan_report` runs every check of a report folder before any work,
creates nothing, and returns the checked :class:`ReportTarget` that
:func:`rangemap.render.report.write_report` writes without checking again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rangemap.errors import OutputError
from rangemap.render.files.formats import STDOUT, shorten
from rangemap.render.files.targets import check_folder, check_names, resolve_links

__all__ = ["REPORT_MARKER", "ReportTarget", "check_report_folder", "fill_in_place", "plan_report"]

#: The file that marks a folder as a rangemap report (which may be replaced).
REPORT_MARKER = ".rangemap-report"


@dataclass(frozen=True)
class ReportTarget:
    """A report folder, checked before any work (:func:`plan_report`).

    Attributes
    ----------
    path : pathlib.Path
        The folder as given.
    destination : pathlib.Path
        The absolute folder written (links followed).
    shown : str
        The folder as messages show it.
    """

    path: Path
    destination: Path
    shown: str


def plan_report(directory: str | os.PathLike[str] | ReportTarget) -> ReportTarget:
    """Check, before any work, that a report can be written to ``directory``; create nothing.

    Parameters
    ----------
    directory : str, path-like or ReportTarget
        The report folder: new, empty, or a previous report. A target
        already checked is returned as it is.

    Returns
    -------
    ReportTarget
        The folder as checked, which :func:`rangemap.render.report.write_report`
        writes without checking again.

    Raises
    ------
    OutputError
        As :func:`check_report_folder`.
    """
    if isinstance(directory, ReportTarget):
        return directory
    destination = _checked_report_folder(directory)
    return ReportTarget(Path(directory), destination, shorten(directory))


def check_report_folder(directory: str | os.PathLike[str]) -> Path:
    """Check, before any work, that a report can be written to ``directory``.

    Nothing is created; :func:`plan_report` returns the checked folder as a
    target to write.

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
    return plan_report(directory).destination


def _checked_report_folder(directory: str | os.PathLike[str]) -> Path:
    """Run the checks of :func:`check_report_folder`; return the folder written."""
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
