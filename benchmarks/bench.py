"""Whole-process benchmarks of rangemap beside baselines measured in the same run.

Run from anywhere with the package installed::

    python benchmarks/bench.py [--repeat N]

1. The default job (``rangemap`` with no arguments: the bundled article read,
   reach envelopes and a band from the whole Ukraine–Russia border, coverage,
   the HTML map written) as a whole process, and two rings from Sumy
   (``rangemap map``), each beside a minimal folium script that draws one
   ``folium.Circle`` and saves. It prints each median wall time, the ratios
   (goal: <= 1.5) and the HTML sizes; and the median CPU time (user + system)
   of each process, which other jobs on a shared machine disturb less. The
   three commands take turns in every round, and each ratio is the median of
   the rounds' ratios, so that a machine whose speed drifts during the run
   weighs on a job and its baseline alike.
2. The reach of Ukraine (the country polygon) at 300 km beside a
   straightforward reference (``bench_reach.py``): times and worst boundary
   errors.
3. The full coverage computation for that reach (``bench_coverage.py``).

Timings are medians over ``--repeat`` runs after one warm-up run each.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource  # CPU time of child processes (POSIX)
except ImportError:  # Windows: CPU times are reported as nan
    resource = None  # type: ignore[assignment]

HERE = Path(__file__).resolve().parent

#: Two rings from a city with a region highlighted: the first version's default job.
RING_JOB = ["map", "--from", "Sumy", "--range", "165km", "--range", "300km", "--highlight", "Kursk"]

MINIMAL_FOLIUM = """
import folium
m = folium.Map(location=[51.7, 36.2], zoom_start=6)
folium.Circle([51.7, 36.2], radius=300_000).add_to(m)
m.save("baseline.html")
"""


def _time_processes(
    cmds: dict[str, list[str]], cwd: Path, repeat: int
) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU times (user + system), in seconds, of each command per round.

    After one warm-up run each, every round runs the commands one after the
    other, so that a machine that speeds up or slows down during the run
    (other jobs, CPU clocks) weighs on a job and its baseline alike.
    """
    for cmd in cmds.values():
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)  # warm-up
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            before = _children_cpu()
            start = time.perf_counter()
            subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
            times[name][0].append(time.perf_counter() - start)
            times[name][1].append(_children_cpu() - before)
    return times


def _children_cpu() -> float:
    """User + system CPU time of the finished child processes so far (nan without it)."""
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_default_job(repeat: int) -> dict[str, float]:
    """Time the default job, the two-ring map and the minimal folium baseline, interleaved.

    The ratios are medians of the per-round ratios (each job over the
    baseline run just before it).
    """
    rangemap_exe = str(Path(sys.executable).parent / "rangemap")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "baseline.py").write_text(MINIMAL_FOLIUM, encoding="utf-8")
        runs = _time_processes(
            {
                "baseline": [sys.executable, "baseline.py"],
                "job": [rangemap_exe],
                "rings": [rangemap_exe, *RING_JOB, "-o", "rings.html"],
            },
            work,
            repeat,
        )
        base, job, rings = runs["baseline"], runs["job"], runs["rings"]
        median = statistics.median
        return {
            "default_job_s": median(job[0]),
            "baseline_s": median(base[0]),
            "ratio": median(j / b for j, b in zip(job[0], base[0], strict=True)),
            "ring_job_s": median(rings[0]),
            "ring_ratio": median(r / b for r, b in zip(rings[0], base[0], strict=True)),
            "default_job_cpu_s": median(job[1]),
            "baseline_cpu_s": median(base[1]),
            "ring_job_cpu_s": median(rings[1]),
            "html_bytes": (work / "output" / "rangemap.html").stat().st_size,
            "baseline_html_bytes": (work / "baseline.html").stat().st_size,
        }


def main() -> None:
    """Run the benchmarks and print their results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command")
    args = parser.parse_args()
    result = bench_default_job(args.repeat)
    print(f"default job (rangemap)        {result['default_job_s']:.3f} s")
    print(f"minimal folium.Circle script  {result['baseline_s']:.3f} s")
    print(f"ratio                         {result['ratio']:.2f}  (goal <= 1.5)")
    print(
        f"two rings from Sumy (map)     {result['ring_job_s']:.3f} s, "
        f"ratio {result['ring_ratio']:.2f}  (goal <= 1.5)"
    )
    print(
        f"CPU time (user + system)      default {result['default_job_cpu_s']:.3f} s "
        f"({result['default_job_cpu_s'] / result['baseline_cpu_s']:.2f}x), rings "
        f"{result['ring_job_cpu_s']:.3f} s "
        f"({result['ring_job_cpu_s'] / result['baseline_cpu_s']:.2f}x), baseline "
        f"{result['baseline_cpu_s']:.3f} s"
    )
    print(
        f"HTML size                     {result['html_bytes'] / 1e6:.2f} MB (baseline "
        f"{result['baseline_html_bytes'] / 1e3:.0f} kB; goal < 1.5 MB)"
    )
    sys.path.insert(0, str(HERE))
    import bench_coverage
    import bench_reach

    print()
    bench_reach.main()
    print()
    bench_coverage.main()


if __name__ == "__main__":
    main()
