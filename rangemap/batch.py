"""Batches: many scenarios from one TOML file, run on every core, with an index and a summary.

A batch file holds

- top-level keys and a ``[defaults]`` table: keys of a scenario file (see
  :mod:`rangemap.scenario`) applied to every scenario (``[defaults]`` wins
  over the top level);
- ``[[scenario]]`` tables: one scenario each, its keys winning over the
  defaults; ``name`` names it;
- a ``[product]`` table: every key a list (a single value is a list of
  one), and one scenario per combination of their values (the cartesian
  product, in the order the keys and values are written), over the
  defaults. A value that is itself a list gives a repeatable option all its
  values at once (``range = [["300km", "165km"], "500km"]`` is two
  scenarios).

Both kinds may be in one file: the ``[[scenario]]`` tables come first.

Each scenario writes one file into the output folder: its ``output`` key (a
file name inside the folder), or else a name built from its launch places,
ranges and weapons, with the suffix of its ``format`` (html by default).
Names are unique in the batch: a repeated name gets ``-2``, ``-3``, ... in
the batch's order, so a batch run again writes the same names. Other paths
(``sites``, ``control``, ``from`` files) are relative to the batch file's
folder.

:func:`run_batch` runs the scenarios in worker processes, each loading the
bundled data once (:func:`warm_up`); a scenario that fails is named in its
:class:`Result` and the others go on.
:func:`rangemap.render.batch_index.write_summary` writes ``index.html`` (a
table linking every map) and ``summary.csv``.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import logging
import os
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rangemap._names import slug
from rangemap.errors import InputError, RangemapError
from rangemap.recording import record
from rangemap.scenario import Key, build, check_table

if TYPE_CHECKING:
    from rangemap.output import RangeMap
    from rangemap.render.files import OutputTarget

__all__ = ["Job", "Result", "expand_batch", "read_batch", "run_batch", "run_job", "warm_up"]

#: Tables of a batch file that are not scenario keys.
_TABLES = ("scenario", "product", "defaults")
_SUFFIX = {"html": ".html", "fragment": ".html", "geojson": ".geojson", "kml": ".kml"}
_SUFFIX |= {"png": ".png", "svg": ".svg"}


@dataclass(frozen=True)
class Job:
    """One scenario of a batch, checked: its name, its options, or why it cannot run.

    Attributes
    ----------
    name : str
        The scenario's name (its output file name without the suffix).
    output : str
        The file it writes, relative to the output folder.
    options : dict
        Its options by parameter name (see :func:`rangemap.scenario.check_table`).
    error : str or None
        Why the scenario cannot run (a bad key or value); None when it can.
    """

    name: str
    output: str
    options: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class Result:
    """What one scenario of a batch made: a row of ``summary.csv`` (its fields, in order)."""

    name: str
    status: str
    error: str
    output: str
    launch: str
    ranges: str
    weapons: str
    target_regions_in_reach: int | None = None
    reachable_area_km2: float | None = None
    sites_in_reach: int | None = None
    population_in_reach: int | None = None


def read_batch(path: str | os.PathLike[str], keys: Mapping[str, Key]) -> list[Job]:
    """Read a batch file and return its scenarios, checked.

    Parameters
    ----------
    path : str or path-like
        The TOML batch file.
    keys : mapping of str to Key
        The scenario keys (:func:`rangemap.scenario.scenario_keys` of ``rangemap map``).

    Returns
    -------
    list of Job
        One per scenario, in the batch's order; a scenario with a bad key or
        value is a job with its ``error`` set.

    Raises
    ------
    InputError
        If the file cannot be read, is not TOML, or holds no scenario.
    """
    from rangemap.render.files import shorten

    source = Path(path)
    shown = shorten(source)
    try:
        table = tomllib.loads(source.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise InputError(f"batch {shown!r}: no such file") from None
    except OSError as exc:
        raise InputError(f"batch {shown!r}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"batch {shown!r}: not valid TOML ({exc})") from None
    jobs = expand_batch(table, keys, where=f"batch {shown!r}", folder=source.parent)
    if not jobs:
        raise InputError(
            f"batch {shown!r} holds no scenario: give [[scenario]] tables or a [product] table"
        )
    return jobs


def _tables(
    table: Mapping[str, Any], where: str
) -> tuple[dict[str, Any], list[Any], dict[str, Any]]:
    """Split a batch into its defaults, its ``[[scenario]]`` tables and its ``[product]``."""
    defaults = {k: v for k, v in table.items() if k not in _TABLES}
    given = table.get("defaults", {})
    scenarios = table.get("scenario", [])
    product = table.get("product", {})
    if not isinstance(given, dict) or not isinstance(product, dict):
        raise InputError(f"{where}: [defaults] and [product] must be tables")
    if not isinstance(scenarios, list) or not all(isinstance(s, dict) for s in scenarios):
        raise InputError(f"{where}: 'scenario' must be [[scenario]] tables")
    return {**defaults, **given}, scenarios, product


def expand_batch(
    table: Mapping[str, Any], keys: Mapping[str, Key], *, where: str, folder: Path
) -> list[Job]:
    """Return the scenarios of a batch table: its ``[[scenario]]`` tables, then its product.

    Parameters
    ----------
    table : mapping
        The batch file's TOML table.
    keys : mapping of str to Key
        The scenario keys.
    where : str
        What messages name (``"batch 'b.toml'"``).
    folder : pathlib.Path
        The folder relative paths are relative to.

    Returns
    -------
    list of Job
        Named uniquely, in order.
    """
    defaults, scenarios, product = _tables(table, where)
    raw: list[dict[str, Any]] = [_over(defaults, s) for s in scenarios]
    if product:
        columns = [[v] if not isinstance(v, list) else v for v in product.values()]
        for combination in itertools.product(*columns):
            raw.append(_over(defaults, dict(zip(product, combination, strict=True))))
    jobs: list[Job] = []
    taken: set[str] = set()
    for number, scenario in enumerate(raw, 1):
        jobs.append(_job(scenario, keys, f"{where}, scenario {number}", folder, taken))
    return jobs


def _over(defaults: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """Put a scenario's keys over the defaults; its ``output``'s suffix beats a default format."""
    merged = {**defaults, **own}
    if "output" in own and "format" not in own:
        merged.pop("format", None)
    return merged


def _job(
    scenario: dict[str, Any], keys: Mapping[str, Key], where: str, folder: Path, taken: set[str]
) -> Job:
    """Check one scenario and give it a file name no other scenario has."""
    scenario = dict(scenario)
    name = scenario.pop("name", None)
    output = scenario.pop("output", None)
    fmt = scenario.get("format")
    suffix = _SUFFIX.get(fmt, ".html") if isinstance(fmt, str) else ".html"
    if isinstance(output, str) and _plain_name(output):
        base, ext = os.path.splitext(output)
        suffix = ext or suffix
    else:
        base = _slug(str(name) if name is not None else _describe(scenario))
    unique = base
    for n in itertools.count(2):
        if (unique + suffix).lower() not in taken:
            break
        unique = f"{base}-{n}"
    taken.add((unique + suffix).lower())
    label = str(name) if name is not None else unique
    error = None
    options: dict[str, Any] = {}
    try:
        if output is not None and not (isinstance(output, str) and _plain_name(output)):
            raise InputError(f"{where}: key 'output' must be a file name inside the batch folder")
        options = check_table(scenario, keys, where=f"{where} ({label})", folder=folder)
    except InputError as exc:
        error = str(exc)
    return Job(label, unique + suffix, options, error)


def _plain_name(output: str) -> bool:
    """Whether ``output`` is a file name inside the batch folder (no folder, not hidden)."""
    return bool(output) and os.path.basename(output) == output and not output.startswith(".")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _describe(scenario: Mapping[str, Any]) -> str:
    """Launch places, ranges and weapons of a raw scenario, for its name."""
    parts = [*_as_list(scenario.get("from")), *_as_list(scenario.get("range"))]
    parts += _as_list(scenario.get("weapon"))
    return "-".join(str(p) for p in parts) or "map"


def _slug(text: str) -> str:
    """Return a file name of ``text``: ASCII letters, digits and ``-``, at most 80 characters."""
    return slug(text)[:80].strip("-") or "map"


def _start_worker() -> None:
    """Load the bundled data once in a worker process, and keep its log quiet."""
    logging.getLogger("rangemap").setLevel(logging.ERROR)
    warm_up()


def warm_up() -> None:
    """Load everything a map needs (data, catalogue, Leaflet) by making one small map."""
    from rangemap.api import make_map

    make_map("50.0,36.2", "10km").to_html()


def run_job(job: Job, folder: str, keys: Mapping[str, Key]) -> Result:
    """Make and write one scenario's map into ``folder``; a failure becomes the result's error.

    The map records its scenario (:func:`rangemap.scenario.record` with ``keys``).
    """
    options = job.options
    launch, ranges, weapons = (
        "; ".join(map(str, options.get(dest, ()))) for dest in ("from_", "ranges", "weapons")
    )

    def failed(error: str) -> Result:
        return Result(job.name, "failed", error, "", launch, ranges, weapons)

    if job.error is not None:
        return failed(job.error)
    try:
        rmap, target = build({**options, "output": Path(folder) / job.output}, keys=keys)
        rmap.scenario = record(save_options(options, target), keys, folder=folder)
        rmap.save(target)  # checked by build, before the map was made
    except RangemapError as exc:
        return failed(" ".join(str(exc).split()))
    except Exception as exc:  # a bug in one scenario must not stop the batch
        return failed(" ".join(f"{type(exc).__name__}: {exc}".split()))
    return Result(job.name, "ok", "", job.output, launch, ranges, weapons, **_numbers(rmap))


def save_options(options: Mapping[str, Any], target: OutputTarget) -> dict[str, Any]:
    """Return the options to record: a scenario's, with where it was written."""
    return {**options, "output": target.path, "fmt": options.get("fmt")}


def _numbers(rmap: RangeMap) -> dict[str, Any]:
    """Return the key coverage numbers of a map (its own coverage: targets, cities included)."""
    coverage = rmap.scene.coverage
    if coverage is None:
        return {}
    regions = [r for r in coverage.region_rows if r.target]
    return {
        "target_regions_in_reach": len(regions),
        "reachable_area_km2": round(sum(r.reachable_km2 for r in regions), 1),
        "sites_in_reach": sum(1 for s in coverage.site_rows if s.in_reach and s.target),
        "population_in_reach": coverage.population_in_reach,
    }


def run_batch(
    jobs: Sequence[Job],
    folder: str | os.PathLike[str],
    keys: Mapping[str, Key],
    *,
    workers: int | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run every job, writing its map into ``folder``, on ``workers`` processes.

    Parameters
    ----------
    jobs : sequence of Job
        The scenarios (:func:`read_batch`).
    folder : str or path-like
        The output folder (created if missing).
    keys : mapping of str to Key
        The scenario keys, for what each map records.
    workers : int, optional
        Worker processes; ``os.cpu_count()`` by default. With 1 the jobs
        run in this process.
    on_result : callable, optional
        Called with each result as it comes (for a progress bar).

    Returns
    -------
    list of Result
        One per job, in the jobs' order.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    results: dict[int, Result] = {}

    def done(index: int, result: Result) -> None:
        results[index] = result
        if on_result is not None:
            on_result(result)

    runnable = [i for i, job in enumerate(jobs) if job.error is None]
    for i, job in enumerate(jobs):
        if job.error is not None:
            done(i, run_job(job, str(out), keys))
    if count == 1 or len(runnable) <= 1:
        for i in runnable:
            done(i, run_job(jobs[i], str(out), keys))
        return [results[i] for i in range(len(jobs))]
    with concurrent.futures.ProcessPoolExecutor(count, initializer=_start_worker) as pool:
        futures = {pool.submit(run_job, jobs[i], str(out), keys): i for i in runnable}
        for future in concurrent.futures.as_completed(futures):
            i = futures[future]
            try:
                done(i, future.result())
            except Exception as exc:  # a worker died (killed, out of memory)
                job = jobs[i]
                done(i, Result(job.name, "failed", f"worker failed: {exc}", "", "", "", ""))
    return [results[i] for i in range(len(jobs))]
