"""Benchmark: the report runner against a plain sequential loop of papermill calls (prints figures, asserts nothing).

Usage: .venv/bin/python benchmarks/bench_report.py [--jobs N] [--floor-repeats K]

Prints, for the default config (reports.yml):
  * floor (issue 12): a papermill run of a notebook that only imports qantar (kernel start + papermill);
  * floor with libraries: the same notebook also importing pandas, matplotlib.pyplot, plotly and geopandas,
    which every report notebook needs (shown because the issue's floor leaves that cost out);
  * each run alone in the plain loop (a new kernel each), its ratio to both floors and its cell times;
  * the plain loop's total, the runner's total and their ratio.
Goals from issue 12: runner <= 0.40 x the loop in the same run; each notebook <= 2.5 x the floor.
Timings on a shared machine are noisy: run it several times and compare medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill as pm

from qantar import settings
from qantar.report import build, load_config

GOAL_RUNNER_RATIO = 0.40
GOAL_FLOOR_RATIO = 2.5
LIBRARIES = "import pandas, matplotlib.pyplot, plotly.graph_objects, geopandas"


def _papermill(nb: Path, out: Path, parameters: dict) -> float:
    start = time.perf_counter()
    pm.execute_notebook(
        str(nb),
        str(out),
        parameters=parameters,
        kernel_name=settings.KERNEL_NAME,
        cwd=str(settings.notebooks_dir()),
        progress_bar=False,
        log_output=False,
    )
    return time.perf_counter() - start


def _floor(work: Path, name: str, code: str, repeats: int) -> tuple[float, list[float]]:
    """Median papermill time of a one-cell notebook running ``code``."""
    book = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": settings.KERNEL_NAME, "display_name": "qantar", "language": "python"}}
    )
    book.cells.append(nbformat.v4.new_code_cell(code))
    nb = work / f"{name}.ipynb"
    nbformat.write(book, nb)
    times = [_papermill(nb, work / f"{name}_out_{i}.ipynb", {}) for i in range(repeats)]
    return statistics.median(times), times


def _cells(out_nb: Path, top: int = 3) -> str:
    """The slowest cells of an executed notebook, from papermill's per-cell durations."""
    nb = json.loads(out_nb.read_text(encoding="utf-8"))
    timed = []
    for i, cell in enumerate(nb["cells"]):
        seconds = cell.get("metadata", {}).get("papermill", {}).get("duration")
        if cell["cell_type"] == "code" and seconds is not None:
            timed.append((seconds, i))
    return ", ".join(f"cell {i} {s:.1f}" for s, i in sorted(timed, reverse=True)[:top])


def _runner(work: Path, name: str, jobs: int | None) -> float | None:
    start = time.perf_counter()
    outcome = build(reports_dir=work / name, jobs=jobs)
    seconds = time.perf_counter() - start
    if not outcome.ok:
        print(f"runner ({name}) failed:", [r.error for r in outcome.results if not r.ok])
        return None
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=None, help="runner jobs (default: cores)")
    parser.add_argument("--floor-repeats", type=int, default=3)
    args = parser.parse_args()
    specs = load_config(settings.default_config())
    work = Path(tempfile.mkdtemp(prefix="qantar-bench-"))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {os.cpu_count()} cores, load average {load:.2f} at start, Python {sys.version.split()[0]}; "
        f"{len(specs)} runs; scratch {work}"
    )

    floor, floors = _floor(work, "floor", "import qantar", args.floor_repeats)
    floor_libs, floors_libs = _floor(work, "floor_libs", f"import qantar\n{LIBRARIES}", args.floor_repeats)
    print(
        f"\nfloor (issue 12: kernel start + papermill, `import qantar`): median {floor:5.2f} s"
        f"  of {', '.join(f'{f:.2f}' for f in floors)}"
    )
    print(
        f"floor with libraries (+ `{LIBRARIES}`): median {floor_libs:5.2f} s"
        f"  of {', '.join(f'{f:.2f}' for f in floors_libs)}"
    )

    print("\nplain sequential loop of papermill calls (each run alone, a new kernel each):")
    print(f"  {'run':<28} {'time':>7}  {'x floor':>7}  {'x floor+libs':>12}  slowest cells (s)")
    loop_start = time.perf_counter()
    ratios = []
    for spec in specs:
        out_dir = work / "loop" / spec.name
        out_dir.mkdir(parents=True)
        t = _papermill(
            settings.notebooks_dir() / spec.notebook,
            out_dir / "out.ipynb",
            {**spec.parameters, "output_dir": str(out_dir / "figures")},
        )
        ratios.append(t / floor)
        print(
            f"  {spec.name:<28} {t:6.2f}s  {t / floor:6.2f}x  {t / floor_libs:11.2f}x  {_cells(out_dir / 'out.ipynb')}"
        )
    loop_total = time.perf_counter() - loop_start

    runner_total = _runner(work, "reports", args.jobs)
    if runner_total is None:
        return 1
    jobs = args.jobs or os.cpu_count()
    print(f"\nplain loop total:                      {loop_total:7.2f} s")
    print(f"runner total (jobs={jobs}):              {runner_total:7.2f} s   (includes HTML pages, index and assets)")
    ok_runner = runner_total / loop_total <= GOAL_RUNNER_RATIO
    print(
        f"ratio runner / plain loop:             {runner_total / loop_total:7.2f}"
        f"   goal <= {GOAL_RUNNER_RATIO:.2f}: {'met' if ok_runner else 'NOT met'}"
    )
    worst = max(ratios)
    print(
        f"worst notebook / floor:                {worst:7.2f}"
        f"   goal <= {GOAL_FLOOR_RATIO:.1f}: {'met' if worst <= GOAL_FLOOR_RATIO else 'NOT met'}"
        f" ({sum(r <= GOAL_FLOOR_RATIO for r in ratios)} of {len(ratios)} runs within it)"
    )
    print(f"worst notebook / floor with libraries: {max(ratios) * floor / floor_libs:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
