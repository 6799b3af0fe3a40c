"""Run the ``rangemap`` command line in-process, in a given folder (click's CliRunner)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from rangemap.cli import main


@contextmanager
def in_folder(folder: Path) -> Iterator[None]:
    """Make ``folder`` the working folder for the duration of the block."""
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(cwd)


def run(args: list[str], folder: Path, stdin: str | None = None) -> tuple[int | None, str, str]:
    """Run ``rangemap ARGS`` in-process in ``folder``; return status, stdout, stderr."""
    runner = CliRunner()
    with in_folder(folder), runner.isolation(input=stdin) as (out, err, _):
        code: int | None
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) or exc.code is None else 1
        else:
            code = 0
        return (
            code,
            out.getvalue().decode("utf-8", "backslashreplace"),
            err.getvalue().decode("utf-8", "backslashreplace"),
        )
