"""Signals end to end: the installed console script, stopped while it writes.

Real subprocesses of ``rangemap`` (the only way to deliver a signal while a
run is under way): an interrupted run leaves nothing behind and exits with
128 + the signal's number.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import rangemap_executable
from tests.render.files.test_files import SMALL, SUMY, hidden, one_error_line


def _start(cwd: Path, args: list[str]) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.Popen(
        [rangemap_executable(), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _handlers_installed(proc: subprocess.Popen[str]) -> None:
    """Return once ``proc`` catches SIGTERM (its handlers are in place) or has ended.

    The console script installs its SIGINT and SIGTERM handlers together, at
    the start of a run: from then on a signal must stop the run cleanly.
    Before, the process is still starting Python and the signal kills it
    outright. Linux shows the caught signals in ``/proc/PID/status``.
    """
    bit = 1 << (signal.SIGTERM - 1)
    deadline = time.monotonic() + 120
    while proc.poll() is None:
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
        except OSError:  # ended between poll() and the read
            return
        caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & bit:
            return
        assert time.monotonic() < deadline, "the run never installed its signal handlers"
        time.sleep(0.005)


def _signal_run(cwd: Path, args: list[str], signum: int, delay: float) -> tuple[int, str]:
    """Start a run, signal it ``delay`` seconds after its handlers are in place, and wait."""
    proc = _start(cwd, args)
    _handlers_installed(proc)
    time.sleep(delay)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signals_during_report_leave_nothing_behind(tmp_path: Path, signum: int) -> None:
    args = ["report", "--from", "Sumy", "--range", "300", *SMALL, "-o", "out/rep"]
    # Three runs at once, each in its own folder and signalled at its own
    # delay after its handlers are in place: early in the run, while it
    # computes the map, and later. On a loaded machine a run may already be
    # done; every outcome is checked below, and at least one run must be
    # interrupted.
    started = []
    for n, delay in enumerate((0.0, 0.4, 0.8)):
        cwd = tmp_path / f"run{n}"
        cwd.mkdir()
        started.append((cwd, _start(cwd, args), delay))
    for _, proc, _delay in started:
        _handlers_installed(proc)
    start = time.monotonic()
    for _, proc, delay in started:
        time.sleep(max(0.0, start + delay - time.monotonic()))
        proc.send_signal(signum)
    runs = [(cwd, proc, proc.communicate(timeout=120)[1]) for cwd, proc, _ in started]
    stopped = 0
    for cwd, proc, err in runs:
        code = proc.returncode
        rep = cwd / "out" / "rep"
        if code == 0:  # finished before the signal: a whole report
            assert (rep / "index.html").is_file() and (rep / "map.png").is_file()
        elif code == -signum:  # a loaded machine: still importing, before the handlers
            assert list(cwd.iterdir()) == []
        else:
            assert code == 128 + signum, err
            expected = "interrupted" if signum == signal.SIGINT else "stopped by SIGTERM"
            assert expected in one_error_line(err)
            assert list(cwd.iterdir()) == [], "an interrupted run creates nothing"
            stopped += 1
        assert hidden(cwd) == []
    assert stopped, "no run was interrupted: the delays are too long for this machine"


def test_sigterm_during_report_over_previous_report_keeps_it(tmp_path: Path) -> None:
    rep = tmp_path / "rep"
    rep.mkdir()
    (rep / ".rangemap-report").write_text("previous")
    (rep / "index.html").write_text("old report")
    args = ["report", "--from", "Sumy", "--range", "300", *SMALL, "-o", "rep"]
    code, err = _signal_run(tmp_path, args, signal.SIGTERM, 0.3)
    assert code in (0, 143), err
    if code == 143:
        assert (rep / "index.html").read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]
    assert hidden(tmp_path) == []


def test_sigterm_during_map_exits_143(tmp_path: Path) -> None:
    code, err = _signal_run(tmp_path, [*SUMY, "-o", "out/x.html"], signal.SIGTERM, 0.2)
    if code != 0:
        assert code == 143, err
        assert "SIGTERM" in one_error_line(err)
        assert list(tmp_path.iterdir()) == []
