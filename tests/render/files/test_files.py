"""Where outputs go: standard output, devices, FIFOs, links, long names, signals.

In-process runs (``main`` or click's ``CliRunner``); the real subprocesses
(signals during a run, ``/dev/stdout`` as a real fd 1) are in ``tests/e2e/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import stat
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import rangemap.render.files as files
import rangemap.render.files.targets as targets
import rangemap.render.files.write as writes
from rangemap.cli import cli, main
from tests.conftest import RunCli

SUMY = ["map", "--from", "Sumy", "--range", "300"]
SMALL = ["--width", "400", "--height", "300"]
LONG = "a" * 300


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``rangemap ARGS`` in this process; return (status, stdout, stderr)."""
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rangemap: error: "), err
    assert "Traceback" not in err
    return lines[0]


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if p.name != ".rangemap-report")


# -- standard output ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        (None, b"<!DOCTYPE html"),
        ("html", b"<!DOCTYPE html"),
        ("fragment", b"<"),
        ("geojson", b'{"type":"FeatureCollection"'),
        ("kml", b"<?xml"),
        ("svg", b"<?xml"),
        ("png", b"\x89PNG"),
    ],
)
def test_dash_writes_the_map_to_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str | None, start: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    args = [*SUMY, *SMALL, "-o", "-"] + (["--format", fmt] if fmt else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.lstrip().startswith(start)
    if fmt == "geojson":
        assert json.loads(result.stdout_bytes)["type"] == "FeatureCollection"
    if fmt in (None, "html"):
        assert result.stdout_bytes.rstrip().endswith(b"</html>")  # the map only, no path after
    assert list(tmp_path.iterdir()) == []


def test_png_to_a_terminal_is_refused_before_work(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(targets, "_isatty", lambda fd: True)
    monkeypatch.setattr("rangemap.scenario.scene_map", _no_work)
    code, out, err = run_main(capsys, *SUMY, "-o", "-", "--format", "png")
    assert code == 2 and out == ""
    assert "terminal" in one_error_line(err)


def test_article_lines_go_to_stderr_with_dash(tmp_path: Path, run_cli: RunCli) -> None:
    proc = run_cli("article", "-", "-o", "-", "--format", "geojson", stdin="ATACMS, 300 km.")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["type"] == "FeatureCollection"


def _no_work(*args: object, **kwargs: object) -> None:
    raise AssertionError("the map was built before the output was checked")


# -- devices, FIFOs, sockets ----------------------------------------------------------------


def test_dev_null_stays_a_device(run_cli: RunCli) -> None:
    before = os.stat("/dev/null")
    proc = run_cli(*SUMY, "-o", "/dev/null")
    assert proc.returncode == 0, proc.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_full_is_a_one_line_error(run_cli: RunCli) -> None:
    proc = run_cli(*SUMY, "-o", "/dev/full", "--format", "geojson")
    assert proc.returncode == 2
    assert "No space left on device" in one_error_line(proc.stderr)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_fifo_is_written_through(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.geojson"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(
        target=lambda: received.append(fifo.read_bytes()), daemon=True, name="fifo-reader"
    )
    reader.start()
    try:
        code, _, err = run_main(capsys, *SUMY, "-o", str(fifo))
    finally:
        reader.join(5)  # a reader that got the data ends now; one still waiting never did
        if reader.is_alive():  # release the reader if the run never opened the pipe
            # ENXIO: the reader was ending, so no one is left to release
            flags = os.O_WRONLY | os.O_NONBLOCK
            with contextlib.suppress(OSError), open(os.open(fifo, flags), "wb"):
                pass
        reader.join(30)
    assert code == 0, err
    assert json.loads(received[0])["type"] == "FeatureCollection"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.geojson"]


def test_socket_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "s.html"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        code, _, err = run_main(capsys, *SUMY, "-o", str(path))
    assert code == 2
    assert "not a file" in one_error_line(err)
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


# -- symbolic links -------------------------------------------------------------------------


def test_symlinked_output_is_written_through_to_its_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "map.geojson"
    target.write_text("old")
    link = tmp_path / "link.geojson"
    link.symlink_to(Path("real") / "map.geojson")  # relative, as people make them
    code, out, err = run_main(capsys, *SUMY, "-o", str(link))
    assert code == 0, err
    assert out.strip() == str(link)
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "map.geojson")
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["link.geojson", "map.geojson", "real"]


def test_dangling_symlink_creates_its_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "link.kml"
    link.symlink_to(tmp_path / "made.kml")
    code, _, err = run_main(capsys, *SUMY, "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and (tmp_path / "made.kml").read_text().startswith("<?xml")


def test_symlink_loop_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.html").symlink_to(tmp_path / "b.html")
    (tmp_path / "b.html").symlink_to(tmp_path / "a.html")
    code, _, err = run_main(capsys, *SUMY, "-o", str(tmp_path / "a.html"))
    assert code == 2
    assert "symbolic links" in one_error_line(err)


# -- checks before any work; nothing created by a failing run --------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [*SUMY, "-o", f"{LONG}.html"],
        [*SUMY, "-o", f"sub/{LONG}/x.html"],
        [*SUMY, "--sites", f"{LONG}.csv", "-o", "x.html"],
        [*SUMY, "--offline", "--assets", LONG, "-o", "x.html"],
        ["report", "--from", "Sumy", "--range", "300", "-o", LONG],
        ["report", "--from", "Sumy", "--range", "300", "-o", f"{LONG}/rep"],
        ["parse", f"{LONG}.txt"],
    ],
)
def test_names_too_long_are_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main(capsys, *args)
    assert code == 2
    line = one_error_line(err)
    assert "too long" in line.lower()
    assert len(line) < 240
    assert list(tmp_path.iterdir()) == []


def test_output_checked_before_work(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("rangemap.scenario.scene_map", _no_work)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir.html").mkdir()
    for target, expected in [
        (tmp_path / "afile" / "x.html", "not a folder"),
        (tmp_path / "adir.html", "it is a folder"),
        (Path(f"/dev/null/{LONG}.html"), "too long"),
    ]:
        code, _, err = run_main(capsys, *SUMY, "-o", str(target))
        assert code == 2
        assert expected in one_error_line(err)


def test_permission_refused_before_work(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As root, access(2) grants everything: pretend the folder is read-only.
    monkeypatch.setattr(targets.os, "access", lambda path, mode: False)
    monkeypatch.setattr("rangemap.scenario.scene_map", _no_work)
    code, _, err = run_main(capsys, *SUMY, "-o", str(tmp_path / "new" / "x.html"))
    assert code == 2
    assert "permission denied" in one_error_line(err)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["map", "report"])
def test_failing_run_creates_no_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    out = tmp_path / "new" / "sub" / ("x.html" if command == "map" else "rep")
    code, _, err = run_main(capsys, command, "--from", "Sumy", "--range", "abc", "-o", str(out))
    assert code == 2
    assert "not a range" in one_error_line(err)
    assert list(tmp_path.iterdir()) == []


def test_write_failure_removes_the_folders_it_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writes.tempfile, "mkstemp", full)
    with pytest.raises(files.OutputError, match="No space left"):
        files.write_atomic(tmp_path / "a" / "b" / "x.html", "<p>map</p>")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("linked", [False, True])
def test_existing_output_intact_after_failing_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, linked: bool
) -> None:
    keep = tmp_path / "keep.html"
    keep.write_text("previous map")
    out = keep
    if linked:
        out = tmp_path / "link.html"
        out.symlink_to(keep)
    code, _, _ = run_main(
        capsys, "map", "--from", "Nowhere-Xyzzy", "--range", "300", "-o", str(out)
    )
    assert code == 2
    assert keep.read_text() == "previous map"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({keep.name, out.name})


def test_error_lines_are_cut(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_main(capsys, *SUMY[:3], "--range", "9" * 100_000, "-o", str(tmp_path / "x"))
    assert code == 2
    line = one_error_line(err)
    assert len(line) <= len("rangemap: error: ") + 200


def test_keyboard_interrupt_exits_130(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("rangemap.scenario.scene_map", interrupted)
    code, _, err = run_main(capsys, *SUMY, "-o", str(tmp_path / "x.html"))
    assert code == 130
    assert "interrupted" in one_error_line(err)
    assert list(tmp_path.iterdir()) == []


# -- reports ------------------------------------------------------------------------------


def test_report_into_empty_current_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main(capsys, "report", "--from", "Sumy", "--range", "300", *SMALL, "-o", ".")
    assert code == 0, err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [
            ".rangemap-report",
            "claims.json",
            "coverage.csv",
            "index.html",
            "layers.geojson",
            "map.png",
            "scenario.toml",  # the scenario that made it (issue 14)
        ]
    )
    assert Path.cwd() == tmp_path and tmp_path.is_dir()


def test_report_into_current_folder_holding_a_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rep = tmp_path / "rep"
    rep.mkdir()
    (rep / ".rangemap-report").write_text("previous")
    (rep / "index.html").write_text("old report")
    monkeypatch.chdir(rep)
    code, _, err = run_main(capsys, "report", "--from", "Kyiv", "--range", "165", *SMALL, "-o", ".")
    assert code == 0, err
    # filled in place: the shell's current folder is still the report folder
    assert os.path.samefile(Path.cwd(), rep)
    assert "165 km from Kyiv" in (rep / "index.html").read_text(encoding="utf-8")
    assert hidden(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]


def test_report_refusals_come_before_work(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("rangemap.cli.commands.scene_map", _no_work)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    (tmp_path / "afile").write_text("x")
    for target, expected in [
        ("mine", "not a rangemap report"),
        ("afile", "it is a file"),
        ("-", "not -"),
    ]:
        code, _, err = run_main(capsys, "report", "--from", "Sumy", "--range", "300", "-o", target)
        assert code == 2
        assert expected in one_error_line(err)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "mine"]


def test_report_over_symlinked_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    real = tmp_path / "real"
    real.mkdir()
    (real / ".rangemap-report").write_text("previous")
    (real / "index.html").write_text("old report")
    (tmp_path / "rep").symlink_to("real")
    code, _, err = run_main(
        capsys, "report", "--from", "Kyiv", "--range", "165", *SMALL, "-o", "rep"
    )
    assert code == 0, err
    assert (tmp_path / "rep").is_symlink()
    assert "165 km from Kyiv" in (real / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real", "rep"]
    assert hidden(tmp_path) == []


def test_python_sees_no_handlers_left_after_main(capsys: pytest.CaptureFixture[str]) -> None:
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    run_main(capsys, "weapons", "--json")
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
    assert sys.stdout is not None
