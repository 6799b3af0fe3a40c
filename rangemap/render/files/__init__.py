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

Every check (name lengths, the folder, permissions, what is there now) runs
once, before any work, in :func:`check_output` (a report folder's in
:func:`plan_report`), which returns the checked target the writers take;
folders are created only when the file is written.


The package: :mod:`~rangemap.render.files.formats` (formats by suffix),
:mod:`~rangemap.render.files.targets` (the checks before work),
:mod:`~rangemap.render.files.folders` (those of report folders) and
:mod:`~rangemap.render.files.write` (the writes).
"""

from rangemap.errors import OutputError
from rangemap.render.files.folders import (
    REPORT_MARKER,
    ReportTarget,
    check_report_folder,
    fill_in_place,
    plan_report,
)
from rangemap.render.files.formats import (
    FORMAT_NAMES,
    FORMATS,
    STDOUT,
    SUFFIXES,
    check_format,
    format_for_path,
    output_format,
    shorten,
)
from rangemap.render.files.targets import (
    OutputTarget,
    check_folder,
    check_names,
    check_output,
    check_writable,
    plan_output,
    resolve_links,
)
from rangemap.render.files.write import (
    Staged,
    make_folders,
    remove_folders,
    signals_blocked,
    staged,
    umask,
    write_atomic,
)

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "REPORT_MARKER",
    "STDOUT",
    "SUFFIXES",
    "OutputError",
    "OutputTarget",
    "ReportTarget",
    "Staged",
    "check_folder",
    "check_format",
    "check_names",
    "check_output",
    "check_report_folder",
    "check_writable",
    "fill_in_place",
    "format_for_path",
    "make_folders",
    "output_format",
    "plan_output",
    "plan_report",
    "remove_folders",
    "resolve_links",
    "shorten",
    "signals_blocked",
    "staged",
    "umask",
    "write_atomic",
]
