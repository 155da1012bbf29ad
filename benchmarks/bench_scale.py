"""Benchmark: how load, validation, the derived views and the notebooks scale with the data (prints figures only).

Usage: .venv/bin/python benchmarks/bench_scale.py [--sizes 1,10,100,1000] [--repeats 3] [--skip-notebooks]

For each size N it writes an N-times dataset to a scratch folder: every row of events, casualty_reports,
reactions, citations and wordings N times, each copy with new ids (ev001 -> ev001, ev1001, ev2001, ...;
happenings and wording topics get a suffix, protest_aktau -> protest_aktau_r1) and every reference
renumbered the same way, so the copy
validates. places and sources stay single (no key needs them copied). It then prints, per size:

  * rows per table;
  * load + validate time (``qantar.load``, source texts checked when QANTAR_TEXTS_DIR is set), three ways:
    uncached (``use_cache=False``: validate and type every table), cold (the load cache is empty: the same
    plus hashing the inputs and storing the entry) and warm (the entry is there: hash the inputs, read it);
    then the 1000x (largest size) warm time over the 1x uncached and over the 1x warm time (issue 21: <= 5);
  * each derived view's time, its ratio to the 1x time, and that ratio over the row ratio (1.0 = linear);
  * each notebook's papermill time against that dataset (the report runner's private kernel, report mode),
    and the time to turn the executed notebook into the report fragment.

Times are the median of --repeats runs (notebooks: --nb-repeats). The machine may be shared: read
ratios near 1-2 as linear, not as measurements to the percent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from qantar import settings
from qantar.tables import read_csv, write_rows

COPIED = ("events", "casualty_reports", "reactions", "citations", "wordings")
ID_COLUMNS = {"events": "event_id", "casualty_reports": "report_id", "reactions": "reaction_id"}
_ID = re.compile(r"([a-z]+)([0-9]+)")
NOTEBOOK_RUNS = (
    ("01_overview_timeline.ipynb", {}),
    ("02_protest_city_map.ipynb", {}),
    ("03_casualties_over_time.ipynb", {}),
    ("04_reaction_summaries.ipynb", {}),
)


def renumber(value: str, copy: int) -> str:
    """The id of the ``copy``-th replica of ``value`` (copy 0 keeps it): ev001 -> ev1001, ev2001, ..."""
    if copy == 0:
        return value
    m = _ID.fullmatch(value)
    if m is None:
        raise ValueError(f"not a prefixed numeric id: {value!r}")
    prefix, digits = m.groups()
    stride = 10 ** max(3, len(digits))
    return f"{prefix}{int(digits) + copy * stride:0{len(digits)}d}"


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A shipped table through the lib's one CSV reader (it must be clean: the copies are made from it)."""
    header, rows, problems = read_csv(path)
    if problems:
        raise SystemExit(f"{path}: {problems[0]}")
    return header, rows


def replicate(src: Path, dest: Path, factor: int) -> dict[str, int]:
    """Write ``factor`` renumbered copies of the dataset in ``src`` to ``dest``; return rows per table."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / "datapackage.json", dest / "datapackage.json")
    descriptor = json.loads((src / "datapackage.json").read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for res in descriptor["resources"]:
        name, path = res["name"], res["path"]
        header, rows = _read(src / path)
        if name not in COPIED:
            shutil.copy2(src / path, dest / path)
            counts[name] = len(rows)
            continue
        out: list[dict[str, str]] = []
        for copy in range(factor):
            for row in rows:
                if name == "citations" and copy and row["table"] not in ID_COLUMNS:
                    continue  # a citation of a place: places are not copied, so one citation of it is enough
                new = dict(row)
                if name in ID_COLUMNS:
                    new[ID_COLUMNS[name]] = renumber(row[ID_COLUMNS[name]], copy)
                if name == "events" and copy:
                    new["happening_id"] = f"{row['happening_id']}_r{copy}"
                if name in ("citations", "wordings"):  # rows pointing at a row of another table
                    own_id = "citation_id" if name == "citations" else "wording_id"
                    new[own_id] = renumber(row[own_id], copy)
                    if row["table"] in ID_COLUMNS:  # places are not copied: their ids stay
                        new["record_id"] = renumber(row["record_id"], copy)
                if name == "wordings" and copy:
                    new["topic"] = f"{row['topic']}_r{copy}"
                out.append(new)
        write_rows(dest / path, header, out, safe=False)  # the data as it is: validation judges it
        counts[name] = len(out)
    return counts


def _median(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Median wall time of ``fn`` over ``repeats`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _cached_loads(data: Path, texts: Path | None, folder: Path, repeats: int) -> tuple[float, float]:
    """Median load time with an empty load cache (cold: validate, then store) and with its entry (warm)."""
    from qantar import load

    previous = os.environ.get(settings.CACHE_ENV)
    os.environ[settings.CACHE_ENV] = str(folder)
    try:
        cold: list[float] = []
        for _ in range(repeats):
            shutil.rmtree(folder, ignore_errors=True)
            start = time.perf_counter()
            load(data_dir=data, texts_dir=texts)
            cold.append(time.perf_counter() - start)
        t_warm, ds = _median(lambda: load(data_dir=data, texts_dir=texts), repeats)
        if isinstance(ds.report.tables, dict):  # a validated load holds its rows; a cached one reads them on demand
            raise SystemExit("the warm load did not come from the cache")
    finally:
        if previous is None:
            os.environ.pop(settings.CACHE_ENV, None)
        else:
            os.environ[settings.CACHE_ENV] = previous
    return statistics.median(cold), t_warm


def views(ds: Any) -> dict[str, Callable[[], Any]]:
    """Every public frame-returning function of qantar.derive and qantar.disagree (and qantar.records)."""
    from qantar import derive, disagree, records, settings

    start, end = settings.DEFAULT_START, settings.DEFAULT_END
    days = [start.fromordinal(start.toordinal() + i) for i in range((end - start).days + 1)]
    events = derive.events_in_window(ds, start, end)
    city_ev = derive.city_events(ds, start, end)
    claims = derive.casualty_claims(ds, start=start, end=end)
    series = derive.casualty_series(claims)
    rv = derive.reactions_view(ds, start=start, end=end)
    graph = derive.call_network(rv)
    long = derive.coverage(ds, start, end)
    matrix = derive.coverage_matrix(ds, start, end)
    dis = disagree.disagreements(ds)
    labels = {f: f for f in long["fact"]}
    return {
        "city_of_place": lambda: derive.city_of_place(ds),
        "events_by_city": lambda: derive.events_by_city(ds),
        "events_in_window": lambda: derive.events_in_window(ds, start, end),
        "city_events": lambda: derive.city_events(ds, start, end),
        "summarise_cities": lambda: derive.summarise_cities(city_ev, start),
        "city_summary": lambda: derive.city_summary(ds, start, end),
        "city_frames": lambda: derive.city_frames(ds, days),
        "first_unrest_day": lambda: derive.first_unrest_day(ds),
        "casualty_claims": lambda: derive.casualty_claims(ds, start=start, end=end),
        "casualty_series": lambda: derive.casualty_series(claims),
        "disagreements": lambda: disagree.disagreements(ds),
        "tensions": lambda: disagree.tensions(ds),
        "records_per_document": lambda: derive.records_per_document(ds),
        "daily_counts": lambda: derive.daily_counts(events, start, end),
        "key_events": lambda: derive.key_events(events),
        "coverage": lambda: derive.coverage(ds, start, end),
        "coverage_matrix": lambda: derive.coverage_matrix(ds, start, end),
        "reactions_view": lambda: derive.reactions_view(ds, start=start, end=end),
        "stance_counts": lambda: derive.stance_counts(rv),
        "call_network": lambda: derive.call_network(rv),
        "call_edges": lambda: derive.call_edges(graph),
        "records.events": lambda: records.events(events),
        "records.claims": lambda: records.claims(claims),
        "records.series": lambda: records.series(series),
        "records.reactions": lambda: records.reactions(rv),
        "records.coverage": lambda: records.coverage(long, labels),
        "records.coverage_data": lambda: records.coverage_data(matrix, labels),
        "records.disagreements": lambda: records.disagreements(dis),
    }


def run_notebook(
    notebook: str, parameters: dict[str, Any], data_dir: Path, work: Path, kernel: str, timeout: int
) -> float:
    """Papermill time of one notebook against ``data_dir``, as the report runner runs it (and its fragment)."""
    import papermill as pm

    out_dir = work / f"{Path(notebook).stem}"
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    pm.execute_notebook(
        str(settings.notebooks_dir() / notebook),
        str(out_dir / "out.ipynb"),
        parameters={**parameters, "data_dir": str(data_dir), "output_dir": str(out_dir / "figures")},
        kernel_name=kernel,
        cwd=str(settings.notebooks_dir()),
        progress_bar=False,
        log_output=False,
        execution_timeout=timeout,
        start_timeout=60,
    )
    return time.perf_counter() - start


def _fragment(work: Path, notebook: str) -> float:
    from qantar.report.pages import write_fragment

    out_dir = work / f"{Path(notebook).stem}"
    start = time.perf_counter()
    write_fragment(out_dir / "out.ipynb", out_dir)
    return time.perf_counter() - start


def _fmt_ratio(t: float, base: float | None, rows: float) -> str:
    if base is None or base <= 0:
        return f"{t:9.4f} s"
    ratio = t / base
    return f"{t:9.4f} s  x{ratio:8.1f}  /rows {ratio / rows:6.2f}"


def main() -> int:
    """Generate the scaled datasets and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100,1000", help="comma-separated replication factors")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per measurement (median is printed)")
    parser.add_argument("--nb-repeats", type=int, default=1, help="timed runs per notebook (median is printed)")
    parser.add_argument("--skip-notebooks", action="store_true", help="time load and the views only")
    parser.add_argument(
        "--nb-timeout", type=int, default=600, help="seconds a notebook cell may run before it is given up"
    )
    parser.add_argument("--only", default="", help="comma-separated view names to time (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    only = {s.strip() for s in args.only.split(",") if s.strip()}

    from qantar import load
    from qantar.report.execute import KERNEL, private_kernelspec

    texts = settings.texts_dir()
    work = Path(tempfile.mkdtemp(prefix="qantar-scale-"))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; scratch {work}")
    print(f"source texts: {texts or 'not set (evidence and hash checks skipped)'}; median of {args.repeats} runs")
    base_rows: dict[str, int] = {}
    base_load: float | None = None
    base_views: dict[str, float] = {}
    base_nb: dict[str, float] = {}
    base_cold: float | None = None
    base_warm: float | None = None
    warm_by_size: dict[int, float] = {}
    # Warm-up, untimed: imports and first-call set-up are paid once, not by the 1x row.
    warm = load(texts_dir=texts)
    for fn in views(warm).values():
        fn()
    try:
        with private_kernelspec(work) as jupyter_data:
            os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [jupyter_data, os.environ.get("JUPYTER_PATH")]))
            os.environ[settings.REPORT_ENV] = "1"  # as the report runner: figures linked, plotly as divs
            for size in sizes:
                data = work / f"data_x{size}"
                counts = replicate(settings.project_root() / "data", data, size)
                base_rows = base_rows or {k: v / size for k, v in counts.items()}
                row_ratio = counts["events"] / base_rows["events"]
                print(f"\n=== {size}x: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
                t_load, ds = _median(
                    lambda data=data: load(data_dir=data, texts_dir=texts, use_cache=False), args.repeats
                )
                print(f"  {'load + validate':<24}{_fmt_ratio(t_load, base_load, row_ratio)}   (uncached)")
                base_load = base_load or t_load
                t_cold, t_warm = _cached_loads(data, texts, work / "cache", args.repeats)
                print(f"  {'  cold cache':<24}{_fmt_ratio(t_cold, base_cold, row_ratio)}")
                print(f"  {'  warm cache':<24}{_fmt_ratio(t_warm, base_warm, row_ratio)}")
                base_cold, base_warm = base_cold or t_cold, base_warm or t_warm
                warm_by_size[size] = t_warm
                for name, fn in views(ds).items():
                    if only and name not in only:
                        continue
                    t, _ = _median(fn, args.repeats)
                    print(f"  {name:<24}{_fmt_ratio(t, base_views.get(name), row_ratio)}")
                    base_views.setdefault(name, t)
                if args.skip_notebooks:
                    continue
                for notebook, params in NOTEBOOK_RUNS:
                    nb_work = work / f"nb_x{size}"
                    try:
                        t, _ = _median(
                            lambda nb=notebook, p=params, w=nb_work, d=data: run_notebook(
                                nb, p, d, w, KERNEL, args.nb_timeout
                            ),
                            args.nb_repeats,
                        )
                        t_frag = _fragment(nb_work, notebook)
                    except Exception as exc:  # noqa: BLE001 - a notebook that fails or times out is a result too
                        last = (str(exc).strip().splitlines() or [""])[-1][:160]
                        print(f"  {notebook:<30}FAILED: {type(exc).__name__}: {last}")
                        continue
                    print(
                        f"  {notebook:<30}{_fmt_ratio(t, base_nb.get(notebook), row_ratio)}   fragment {t_frag:6.2f} s"
                    )
                    base_nb.setdefault(notebook, t)
        if base_load and base_warm and len(warm_by_size) > 1:
            top = max(warm_by_size)
            warm = warm_by_size[top]
            print(
                f"\nload at {top}x, warm cache: {warm:.4f} s = x{warm / base_load:.2f} the 1x uncached load "
                f"({base_load:.4f} s), x{warm / base_warm:.2f} the 1x warm load ({base_warm:.4f} s); goal <= x5"
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
