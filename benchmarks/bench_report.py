"""Benchmark: the report runner against a plain sequential loop of papermill calls (prints figures, asserts nothing).

Usage: .venv/bin/python benchmarks/bench_report.py [--jobs N] [--floor-repeats K]

Prints, for the default config (reports.yml):
  * the floor: a papermill run of a notebook that only imports the lib (kernel start + papermill overhead);
  * each run's time in the plain loop and its time over the floor;
  * the plain sequential loop's total, the runner's total, and their ratio (goal: <= 0.6 on 2 cores).
"""

from __future__ import annotations

import argparse
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=None, help="runner jobs (default: cores)")
    parser.add_argument("--floor-repeats", type=int, default=3)
    args = parser.parse_args()
    specs = load_config(settings.default_config())
    work = Path(tempfile.mkdtemp(prefix="qantar-bench-"))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; {len(specs)} runs; scratch {work}")

    floor_nb = work / "floor.ipynb"
    book = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": settings.KERNEL_NAME, "display_name": "qantar", "language": "python"}}
    )
    book.cells.append(nbformat.v4.new_code_cell("import qantar"))
    nbformat.write(book, floor_nb)
    floors = [_papermill(floor_nb, work / f"floor_out_{i}.ipynb", {}) for i in range(args.floor_repeats)]
    floor = statistics.median(floors)
    print(
        f"\nfloor (papermill, notebook that only imports qantar): median {floor:.2f} s"
        f" of {', '.join(f'{f:.2f}' for f in floors)}"
    )

    print("\nplain sequential loop of papermill calls:")
    loop_start = time.perf_counter()
    for spec in specs:
        out_dir = work / "loop" / spec.name
        out_dir.mkdir(parents=True)
        t = _papermill(
            settings.notebooks_dir() / spec.notebook,
            out_dir / "out.ipynb",
            {**spec.parameters, "output_dir": str(out_dir / "figures")},
        )
        print(f"  {spec.name:<28} {t:6.2f} s   over floor {t - floor:6.2f} s   ({spec.notebook})")
    loop_total = time.perf_counter() - loop_start

    start = time.perf_counter()
    outcome = build(reports_dir=work / "reports", jobs=args.jobs)
    runner_total = time.perf_counter() - start
    if not outcome.ok:
        print("runner failed:", [r.error for r in outcome.results if not r.ok])
        return 1
    jobs = args.jobs or os.cpu_count()
    print(f"\nplain loop total:          {loop_total:7.2f} s")
    print(f"runner total (jobs={jobs}):   {runner_total:7.2f} s   (includes HTML pages, index and assets)")
    print(f"ratio runner / plain loop: {runner_total / loop_total:7.2f}   (goal <= 0.60)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
