"""Hostile inputs: each runs as a whole ``rangemap`` process against a 5 s / 500 MB goal.

Every case is an input of at most about 1 MB that once made rangemap slow,
huge or killed (issue 8): many repeated claims, many weapon names, a sites
file at its row limit, a launch polygon with many vertices, and range strings
that are not one range. A case passes when the process finishes (or refuses
the input in one line, exit 2) within :data:`GOAL_SECONDS` and
:data:`GOAL_MB` of peak resident memory.

Run it from the repository with the package installed::

    python benchmarks/bench_hostile.py            # every case
    python benchmarks/bench_hostile.py parse-1km  # cases whose name contains this

Each case runs in its own subprocess under ``ulimit -v`` (:data:`LIMIT_MB`)
and a wall-clock timeout (:data:`TIMEOUT_SECONDS`), so that a regression is
reported as a failure rather than taking the machine down. Peak RSS is the
child's ``ru_maxrss`` (resource.getrusage(RUSAGE_CHILDREN) taken around each
run; each case runs in a fresh wrapper process so the figure is its own).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GOAL_SECONDS = 5.0
GOAL_MB = 500.0
LIMIT_MB = 3000  # address-space cap for each run (ulimit -v), well above the goal
TIMEOUT_SECONDS = float(os.environ.get("BENCH_HOSTILE_TIMEOUT", "60"))

RANGEMAP = str(Path(sys.executable).parent / "rangemap")

# The wrapper runs one command with limits and prints its wall time, peak RSS
# and exit status as JSON: a fresh process so that RUSAGE_CHILDREN is this run's.
_WRAPPER = r"""
import json, resource, subprocess, sys, time
limit = int(sys.argv[1]) * 1024 * 1024
timeout = float(sys.argv[2])
stdin_path = sys.argv[3]
cmd = sys.argv[4:]
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
start = time.perf_counter()
status = "ok"
with open(stdin_path, "rb") if stdin_path != "-" else open("/dev/null", "rb") as stdin:
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=cap)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        status = "timeout"
wall = time.perf_counter() - start
rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
lines = err.decode("utf-8", "replace").strip().splitlines()
print(json.dumps({"wall": wall, "rss_mb": rss_kb / 1024, "rc": proc.returncode,
                  "status": status, "stdout_bytes": len(out),
                  "stderr_lines": len(lines), "stderr_last": lines[-1] if lines else ""}))
"""


@dataclass(frozen=True)
class Case:
    """One hostile input: a name, how to make its files, and the command."""

    name: str
    make: Callable[[Path], tuple[list[str], str]]  # folder -> (rangemap args, stdin file or "-")
    note: str
    expect: str = "run"  # "run" (exit 0), "refuse" (one line, exit 2) or "either"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _parse(text: str, *extra: str) -> Callable[[Path], tuple[list[str], str]]:
    def make(folder: Path) -> tuple[list[str], str]:
        return ["parse", *extra, "-"], str(_write(folder, "in.txt", text))

    return make


def _article(text: str) -> Callable[[Path], tuple[list[str], str]]:
    def make(folder: Path) -> tuple[list[str], str]:
        src = _write(folder, "article.txt", text)
        args = ["article", str(src), "--from", "Sumy", "-o", str(folder / "a.html")]
        return args, "-"

    return make


def _sites(
    rows: int, *, same_name: bool = False, command: str = "coverage"
) -> Callable[[Path], tuple[list[str], str]]:
    def make(folder: Path) -> tuple[list[str], str]:
        lines = [
            f"{'Depot' if same_name else f'Site {i}'},"
            f"{50 + (i % 1000) / 500:.4f},{33 + (i // 1000) / 50:.4f}"
            for i in range(rows)
        ]
        src = _write(folder, "sites.csv", "name,lat,lon\n" + "\n".join(lines) + "\n")
        args = [command, "--from", "Sumy", "--range", "300", "--sites", str(src)]
        if command == "map":
            args += ["-o", str(folder / "s.html")]
        if command == "report":
            args += ["-o", str(folder / "report")]
        return args, "-"

    return make


def _report_baseline(folder: Path) -> tuple[list[str], str]:
    return ["report", "--from", "Sumy", "--range", "300", "-o", str(folder / "report")], "-"


def _polygon(n: int) -> Callable[[Path], tuple[list[str], str]]:
    return lambda folder: _polygon_file(folder, n)


def _polygon_file(folder: Path, n: int) -> tuple[list[str], str]:
    ring = [
        [round(34.8 + 0.3 * math.cos(2 * math.pi * k / n), 7),
         round(50.9 + 0.2 * math.sin(2 * math.pi * k / n), 7)]
        for k in range(n)
    ]  # fmt: skip
    ring.append(ring[0])
    doc = {"type": "Feature", "properties": {"name": "many vertices"},
           "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip
    src = _write(folder, "launch.geojson", json.dumps(doc))
    args = ["map", "--from", str(src), "--range", "300", "-o", str(folder / "p.html")]
    return args, "-"


def _range(value: str) -> Callable[[Path], tuple[list[str], str]]:
    def make(folder: Path) -> tuple[list[str], str]:
        return ["map", "--from", "Sumy", "--range", value, "-o", str(folder / "r.html")], "-"

    return make


def _passwd(folder: Path) -> tuple[list[str], str]:
    return ["coverage", "--from", "Sumy", "--range", "300", "--sites", "/etc/passwd"], "-"


ONE_MB = 1_000_000
CASES: tuple[Case, ...] = (
    Case("parse-json-1km-x50k", _parse("1 km " * 50_000, "--json"), "250 KB, 50,000 claims"),
    Case(
        "parse-json-1km-1MB",
        _parse("1 km " * (ONE_MB // 5), "--json"),
        "1 MB, 200,000 claims",
        expect="either",
    ),
    Case("parse-table-1km-x50k", _parse("1 km " * 50_000), "table output"),
    Case("parse-S300-x100k", _parse("S-300 " * 100_000), "600 KB of weapon names"),
    Case("parse-numbers-1MB", _parse("1-2-3-4-5-" * 100_000), "1 MB of bare numbers"),
    Case("parse-sentences-900KB", _parse("A. " * 300_000), "300,000 sentences"),
    Case(
        "parse-S300-300km-mix",
        _parse("S-300 300 km " * 70_000),
        "910 KB, names and claims",
        expect="either",
    ),
    Case("article-1km-x8000", _article("1 km " * 8_000), "40 KB, 8,000 equal claims"),
    Case(
        "article-S300-x100k",
        _article("S-300 " * 100_000),
        "600 KB of weapon names",
        expect="either",
    ),
    Case("article-1km-x50k", _article("1 km " * 50_000), "250 KB, 50,000 equal claims"),
    Case(
        "article-distinct-x2000",
        _article(" ".join(f"{i} km" for i in range(1, 2001))),
        "2,000 different claims",
    ),
    Case("sites-100k-coverage", _sites(100_000), "100,000-row sites CSV", expect="either"),
    Case(
        "sites-100k-same-name",
        _sites(100_000, same_name=True),
        "100,000 rows, one name",
        expect="either",
    ),
    Case("sites-2k-coverage", _sites(2_000), "2,000 rows (the limit)"),
    Case("sites-2k-same-name-map", _sites(2_000, same_name=True, command="map"), "2,000, map"),
    Case("sites-2k-report", _sites(2_000, command="report"), "2,000, report"),
    Case("report-baseline", _report_baseline, "report, no --sites (ref.)"),
    Case("launch-polygon-100k", _polygon(100_000), "100,000-vertex polygon", expect="either"),
    Case("launch-polygon-20k", _polygon(20_000), "20,000 vertices", expect="either"),
    Case("launch-polygon-5k", _polygon(5_000 - 1), "5,000 vertices (the limit)"),
    Case("range-not-300-km", _range("not 300 km"), "to refuse", expect="refuse"),
    Case("range-minus-300-km", _range("minus 300 km"), "to refuse", expect="refuse"),
    Case("range-xyz-300-km-zzz", _range("xyz 300 km zzz"), "to refuse", expect="refuse"),
    Case("range-1/2-km", _range("1/2 km"), "to refuse", expect="refuse"),
    Case("range-300km-x15k", _range("300 km " * 15_000), "105 KB --range", expect="refuse"),
    Case("sites-etc-passwd", _passwd, "to refuse, not echo", expect="refuse"),
)


def run_case(case: Case) -> dict[str, object]:
    """Run one case in a fresh wrapper process; return its measurements."""
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        folder = Path(tmp)
        args, stdin = case.make(folder)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        wrapper = [sys.executable, "-c", _WRAPPER, str(LIMIT_MB), str(TIMEOUT_SECONDS), stdin]
        proc = subprocess.run(
            [*wrapper, RANGEMAP, *args],
            capture_output=True,
            text=True,
            cwd=folder,
            env=env,
            check=True,
        )
        result: dict[str, object] = json.loads(proc.stdout)
        pages = [p.stat().st_size for p in folder.glob("*.html")]
        result["page_bytes"] = max(pages, default=0)
    return result


def main(argv: list[str]) -> int:
    """Run the cases named in ``argv`` (all by default) and print a table."""
    chosen = [c for c in CASES if not argv or any(a in c.name for a in argv)]
    header = (
        f"{'case':26} {'note':28} {'wall s':>7} {'peak MB':>8} {'rc':>3} "
        f"{'out KB':>8} {'page KB':>8}  verdict"
    )
    print(header)
    print("-" * len(header))
    failed = 0
    for case in chosen:
        r = run_case(case)
        wall, rss, rc = float(str(r["wall"])), float(str(r["rss_mb"])), r["rc"]
        refused_cleanly = rc == 2 and r["stderr_lines"] == 1
        ok = r["status"] == "ok" and wall <= GOAL_SECONDS and rss <= GOAL_MB
        allowed = {"run": rc == 0, "refuse": refused_cleanly, "either": rc == 0 or refused_cleanly}
        ok = ok and allowed[case.expect]
        if case.name == "sites-etc-passwd" and "root:" in str(r["stderr_last"]):
            ok = False
        verdict = "ok" if ok else f"FAIL ({r['status']}, rc {rc})"
        if refused_cleanly:
            verdict += f": {str(r['stderr_last'])[:70]}"
        failed += not ok
        out_kb = int(str(r["stdout_bytes"])) / 1024
        page_kb = int(str(r["page_bytes"])) / 1024
        print(
            f"{case.name:26} {case.note:28} {wall:7.2f} {rss:8.0f} {rc!s:>3} "
            f"{out_kb:8.0f} {page_kb:8.0f}  {verdict}"
        )
        sys.stdout.flush()
    print(f"goal: each at most {GOAL_SECONDS:g} s and {GOAL_MB:g} MB peak, or refused in one line")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
