"""The installed console script end to end: ``rangemap`` and ``python -m rangemap`` in a subprocess.

A handful of real runs, each paying the interpreter's start and the data's
loading (``run_cli(..., e2e=True)`` or ``module=True``); every other CLI test
runs in-process with click's CliRunner.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.cli.test_commands import _ring_features
from tests.conftest import RunCli, run_python
from tests.render.files.test_files import SUMY
from tests.test_article_default_job import PAGE, _text


def test_default_job_by_the_console_script(run_cli: RunCli, tmp_path: Path) -> None:
    """One run of ``rangemap`` with no arguments: the default map, and what it says it drew."""
    proc = run_cli(e2e=True)  # the installed script, in its own process
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "output" / "rangemap.html"
    assert proc.stdout.strip().endswith(str(Path("output") / "rangemap.html"))
    page = out.read_text(encoding="utf-8")
    assert "Kursk Oblast" in page
    assert out.stat().st_size < 1_500_000
    lines = proc.stdout.strip().splitlines()
    assert lines[-1] == str(PAGE)
    assert any(line.startswith("Drew ATACMS") and "refuse" in line for line in lines)
    assert (tmp_path / PAGE) == out
    assert "Comparison (not supplied): Taurus KEPD 350" in _text(page)


def test_python_dash_m(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "m.geojson"
    proc = run_cli("map", "--from", "Kyiv", "--range", "300000m", "-o", str(out), module=True)
    assert proc.returncode == 0, proc.stderr
    assert _ring_features(out)[0]["properties"]["range_km"] == 300.0


def test_dev_stdout_writes_to_stdout(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli(*SUMY, "-o", "/dev/stdout", "--format", "geojson", e2e=True)  # a real fd 1
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["type"] == "FeatureCollection"
    assert os.path.islink("/dev/stdout")
    assert list(tmp_path.iterdir()) == []


def test_the_console_script_runs_without_the_cyclic_garbage_collector(tmp_path: Path) -> None:
    """main() as the installed script calls it (no argv): one map per process, no cycle passes."""
    probe = (  # the weapons command's catalogue read, watched
        "import gc, sys\n"
        "import rangemap.catalogue.index as index\n"
        "from rangemap.cli import main\n"
        "read = index._read_catalogue\n"
        "def watched(*args):\n"
        "    print('collector', gc.isenabled(), file=sys.stderr)\n"
        "    return read(*args)\n"
        "index._read_catalogue = watched\n"
        "sys.argv = ['rangemap', 'weapons']\n"
        "main()\n"
    )
    proc = run_python(probe, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "ATACMS" in proc.stdout
    assert "collector False" in proc.stderr
