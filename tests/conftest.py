"""Shared fixtures: run the command line in-process, or the installed console script.

``run_cli(*args)`` runs ``rangemap ARGS`` in-process (click's CliRunner, see
``tests/cli_run.py``): most CLI tests pay no interpreter start-up and data
loading. ``run_cli(*args, e2e=True)`` runs the installed console script in a
subprocess, for the tests that need a real process (signals, exit on a
closed pipe, ``python -m rangemap``); ``module=True`` implies it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_run import run as in_process

REPO = Path(__file__).resolve().parents[1]
SEED_ARTICLE = REPO / "seeds" / "atacms_kursk_authorisation_2024-11.txt"


def rangemap_executable() -> str:
    """The ``rangemap`` console script installed beside this interpreter."""
    exe = Path(sys.executable).parent / "rangemap"
    if not exe.exists():
        pytest.fail(
            f"console script {exe} is missing: install the package (pip install -e '.[test]')"
        )
    return str(exe)


def run_python(code: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run ``python -c code`` in a fresh interpreter (this one's) in ``cwd``; capture its text."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """Run ``rangemap ARGS`` in ``tmp_path`` and return the completed process."""

    def run(
        *args: str,
        module: bool = False,
        e2e: bool = False,
        stdin: str | None = None,
        cwd: Path | None = None,
        timeout: float = 240,
    ) -> subprocess.CompletedProcess[str]:
        folder = cwd or tmp_path
        if not (e2e or module):
            code, out, err = in_process(list(args), folder, stdin=stdin)
            return subprocess.CompletedProcess(["rangemap", *args], code or 0, out, err)
        cmd = (
            [sys.executable, "-m", "rangemap", *args] if module else [rangemap_executable(), *args]
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        return subprocess.run(
            cmd,
            cwd=folder,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )

    return run
