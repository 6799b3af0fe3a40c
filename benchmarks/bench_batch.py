"""Benchmark of ``rangemap batch`` beside one ``rangemap map`` process, in the same run.

Run with the package installed::

    python benchmarks/bench_batch.py [--maps 1000] [--jobs 2]

It times

* ``single_s``: one ``rangemap map --from Sumy --range 300km -o x.html``
  process (start-up, data loading and one map);
* ``batch_s``: one ``rangemap batch`` process making ``--maps`` HTML maps
  (default 1,000) on ``--jobs`` workers (default 2): launch places mixed
  (cities, ``LAT,LON`` points, regions such as RU-KRS, ``border:UA-RU``),
  ranges and weapons, from a ``[product]`` table and ``[[scenario]]`` tables.

The goal is 1,000 maps in under 100 s on 2 cores. It prints both times,
the time per map of the batch (wall time divided by the maps, and that
times the workers: the CPU time one map costs) and how it compares with one
process. Both commands run as processes (``python -m rangemap``).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

GOAL_S = 100.0

CITIES = ["Sumy", "Kharkiv", "Kyiv", "Chernihiv", "Poltava", "Dnipro", "Zaporizhzhia", "Odesa"]
POINTS = ["50.5,36.0", "51.2,33.9", "49.9,36.3", "48.5,35.0", "50.9,34.8", "47.9,33.4"]
REGIONS = ["RU-KRS", "RU-BEL", "RU-BRY", "UA-59"]
BORDERS = ["border:UA-RU"]
WEAPONS = ["ATACMS", "Storm Shadow", "HIMARS", "Taurus"]


def batch_file(maps: int) -> str:
    """A batch of ``maps`` scenarios: launches x ranges (a product), then single scenarios."""
    launches = CITIES + POINTS + REGIONS + BORDERS
    weapon_maps = [(launch, weapon) for launch in launches for weapon in WEAPONS]
    weapon_maps = weapon_maps[: maps // 10]
    n_ranges = max(1, (maps - len(weapon_maps)) // len(launches))
    ranges = [f"{50 + i * 450 // max(1, n_ranges - 1)}km" for i in range(n_ranges)]
    extra = maps - len(weapon_maps) - n_ranges * len(launches)
    lines = ['format = "html"', "", "[product]"]
    lines.append("from = [" + ", ".join(f'"{p}"' for p in launches) + "]")
    lines.append("range = [" + ", ".join(f'"{r}"' for r in ranges) + "]")
    for launch, weapon in weapon_maps:
        lines += ["", "[[scenario]]", f'from = "{launch}"', f'weapon = "{weapon}"']
    for i in range(max(0, extra)):
        lines += ["", "[[scenario]]", f'from = "{launches[i]}"', f'range = "{275 + i}km"']
    return "\n".join(lines) + "\n"


def _rangemap(*args: str, cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "rangemap", "-q", *args], cwd=cwd, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 2):
        raise SystemExit(f"rangemap {' '.join(args)} failed: {proc.stderr.strip()}")
    return elapsed


def run(maps: int = 1000, jobs: int = 2) -> dict[str, Any]:
    """Time one ``rangemap map`` process, then a batch of ``maps`` maps on ``jobs`` workers."""
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp)
        single = ("map", "--from", "Sumy", "--range", "300km", "-o", "x.html")
        single_s = _rangemap(*single, cwd=folder)
        (folder / "batch.toml").write_text(batch_file(maps), encoding="utf-8")
        batch_s = _rangemap("batch", "batch.toml", "-o", "out", "-j", str(jobs), cwd=folder)
        with open(folder / "out" / "summary.csv", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        pages = list((folder / "out").glob("*.html"))
        page_kb = sum(p.stat().st_size for p in pages) / max(1, len(pages)) / 1024
    ok = sum(1 for r in rows if r["status"] == "ok")
    per_map = batch_s / max(1, len(rows))
    return {
        "single_s": single_s,
        "batch_s": batch_s,
        "maps": len(rows),
        "ok": ok,
        "failed": [r["name"] for r in rows if r["status"] != "ok"],
        "per_map_s": per_map,
        "per_map_cpu_s": per_map * jobs,
        "page_kb": page_kb,
        "jobs": jobs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    r = run(args.maps, args.jobs)
    print(f"one rangemap map process:    {r['single_s']:.2f} s")
    print(
        f"rangemap batch, {r['maps']} maps, -j {r['jobs']}: {r['batch_s']:.1f} s "
        f"({r['ok']} ok; goal under {GOAL_S:.0f} s for 1,000: "
        f"{'met' if r['batch_s'] < GOAL_S * r['maps'] / 1000 else 'NOT met'})"
    )
    print(
        f"per map: {r['per_map_s']:.3f} s wall, {r['per_map_cpu_s']:.3f} s of one worker; "
        f"one process per map would take {r['single_s'] / r['per_map_s']:.0f}x as long "
        f"({r['single_s'] * r['maps'] / r['jobs']:.0f} s on {r['jobs']} cores)"
    )
    print(f"HTML pages: {r['page_kb']:.0f} KB each on average (Leaflet inlined, about 165 KB)")
    if r["failed"]:
        print(f"failed: {', '.join(r['failed'][:10])}")


if __name__ == "__main__":
    main()
