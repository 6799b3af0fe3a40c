"""Whole-process benchmarks of rangemap beside baselines measured in the same run.

Run from anywhere with the package installed::

    python benchmarks/bench.py [--repeat N]

1. The default job (``rangemap`` with no arguments: the bundled article read,
   reach envelopes and a band from the whole Ukraine–Russia border, coverage,
   the HTML map written) as a whole process, and two rings from Sumy
   (``rangemap map``), each beside a minimal folium script that draws one
   ``folium.Circle`` and saves. It prints each median wall time, the ratios
   (goal: <= 1.5) and the HTML sizes; and the median CPU time (user + system)
   of each process, which other jobs on a shared machine disturb less.
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


def _time_process(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of ``cmd``, in seconds."""
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)  # warm-up
    times, cpu = [], []
    for _ in range(repeat):
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - before)
    return statistics.median(times), statistics.median(cpu)


def _children_cpu() -> float:
    """User + system CPU time of the finished child processes so far (nan without it)."""
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_default_job(repeat: int) -> dict[str, float]:
    """Time the default job and the minimal folium baseline in the same run."""
    rangemap_exe = str(Path(sys.executable).parent / "rangemap")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "baseline.py").write_text(MINIMAL_FOLIUM, encoding="utf-8")
        baseline, baseline_cpu = _time_process([sys.executable, "baseline.py"], work, repeat)
        job, job_cpu = _time_process([rangemap_exe], work, repeat)
        rings, rings_cpu = _time_process(
            [rangemap_exe, *RING_JOB, "-o", "rings.html"], work, repeat
        )
        return {
            "default_job_s": job,
            "baseline_s": baseline,
            "ratio": job / baseline,
            "ring_job_s": rings,
            "ring_ratio": rings / baseline,
            "default_job_cpu_s": job_cpu,
            "baseline_cpu_s": baseline_cpu,
            "ring_job_cpu_s": rings_cpu,
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
