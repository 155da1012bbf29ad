"""Report runner: execute the notebooks with papermill from a YAML config and publish an offline HTML report set.

The set is built in a staging folder beside ``reports/`` and swapped in only when every run
succeeded; a failure leaves the previous ``reports/`` untouched and keeps the staging folder.
"""
from __future__ import annotations

import html
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Iterable

from qantar import paths
from qantar.figures.style import PLOTLYJS_ENV, REPORT_ENV

KERNEL = "qantar"
ASSETS = "assets"
PLOTLYJS = "plotly.min.js"


class ConfigError(ValueError):
    """The report config is malformed; the message names the run and the problem."""


@dataclass(frozen=True)
class RunSpec:
    """One notebook run: a unique name, the notebook file, its parameters and a display title."""

    name: str
    notebook: str
    parameters: dict[str, Any] = field(default_factory=dict)
    title: str = ""


@dataclass
class RunResult:
    """Outcome of one run."""

    name: str
    notebook: str
    parameters: dict[str, Any]
    title: str
    ok: bool
    seconds: float
    outputs: list[str] = field(default_factory=list)
    error: str = ""


def default_config() -> Path:
    """The shipped config listing the default report set."""
    return paths.project_root() / "reports.yml"


def notebooks_dir() -> Path:
    """Folder holding the notebooks the config names."""
    return paths.project_root() / "notebooks"


def load_config(path: str | Path) -> list[RunSpec]:
    """Read and check a report config: unique slug names, existing notebooks, known parameters."""
    import re

    import papermill as pm
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("runs"), list) or not raw["runs"]:
        raise ConfigError(f"{path}: expected a mapping with a non-empty 'runs' list")
    specs, seen, known_params = [], set(), {}
    for i, item in enumerate(raw["runs"], start=1):
        where = f"{path}, run {i}"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: expected a mapping with name, notebook and parameters")
        unknown_keys = set(item) - {"name", "notebook", "parameters", "title"}
        if unknown_keys:
            raise ConfigError(f"{where}: unknown key(s) {sorted(unknown_keys)}; valid: name, notebook, parameters, title")
        name, notebook = str(item.get("name", "")), str(item.get("notebook", ""))
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
            raise ConfigError(f"{where}: name {name!r} must be a lower-case slug (a-z, 0-9, _ or -)")
        if name in seen:
            raise ConfigError(f"{where}: duplicate run name {name!r}")
        seen.add(name)
        nb_path = notebooks_dir() / notebook
        if not nb_path.is_file():
            valid = ", ".join(sorted(p.name for p in notebooks_dir().glob("*.ipynb")))
            raise ConfigError(f"{where} ({name}): notebook {notebook!r} not found; valid: {valid}")
        params = item.get("parameters") or {}
        if not isinstance(params, dict):
            raise ConfigError(f"{where} ({name}): parameters must be a mapping")
        if notebook not in known_params:
            known_params[notebook] = list(pm.inspect_notebook(str(nb_path)))
        for key in params:
            if key not in known_params[notebook] or key in ("output_dir",):
                valid = ", ".join(k for k in known_params[notebook] if k != "output_dir")
                raise ConfigError(f"{where} ({name}): unknown parameter {key!r} for {notebook}; valid: {valid}")
        specs.append(RunSpec(name, notebook, dict(params), str(item.get("title") or name)))
    return specs


def _execute(spec: RunSpec, staging: Path, data_dir: str | None) -> RunResult:
    """Run one notebook with papermill into ``staging/<name>/`` and render its page (worker process)."""
    import papermill as pm

    os.environ[REPORT_ENV] = "1"
    # Figures written by save_html sit in <run>/figures/ and load the set's single plotly.js.
    os.environ[PLOTLYJS_ENV] = f"../../{ASSETS}/{PLOTLYJS}"
    run_dir = staging / spec.name
    fig_dir = run_dir / "figures"
    run_dir.mkdir(parents=True, exist_ok=True)
    params = {**spec.parameters, "output_dir": str(fig_dir)}
    if data_dir is not None:
        params["data_dir"] = data_dir
    out_nb = run_dir / f"{spec.name}.ipynb"
    start = time.perf_counter()
    try:
        pm.execute_notebook(str(notebooks_dir() / spec.notebook), str(out_nb), parameters=params, kernel_name=KERNEL,
                            cwd=str(notebooks_dir()), progress_bar=False, log_output=False)
    except pm.PapermillExecutionError as exc:
        source = (exc.source or "").strip().splitlines()
        first = next((line for line in source if not line.startswith("#")), source[0] if source else "")
        error = (f"cell {exc.cell_index} (execution {exc.exec_count}: {first!r}) raised "
                 f"{exc.ename}: {exc.evalue}")
        return RunResult(spec.name, spec.notebook, spec.parameters, spec.title, False, time.perf_counter() - start, error=error)
    except Exception as exc:  # noqa: BLE001 - any kernel/start-up failure must be reported, not crash the pool
        return RunResult(spec.name, spec.notebook, spec.parameters, spec.title, False, time.perf_counter() - start,
                         error=f"{type(exc).__name__}: {exc}")
    render_page(out_nb, spec, run_dir / "index.html")
    outputs = sorted(str(p.relative_to(run_dir)) for p in fig_dir.rglob("*") if p.is_file()) if fig_dir.exists() else []
    return RunResult(spec.name, spec.notebook, spec.parameters, spec.title, True, time.perf_counter() - start, outputs)


def _params_html(params: dict[str, Any]) -> str:
    if not params:
        return "<em>defaults</em>"
    return "<br>".join(f"<code>{html.escape(k)}</code> = <code>{html.escape(json.dumps(v, ensure_ascii=False))}</code>"
                       for k, v in params.items())


def render_page(executed: Path, spec: RunSpec, target: Path) -> None:
    """Write an HTML page for an executed notebook: code hidden, outputs kept, plotly.js from the set's assets."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    # The "basic" template emits only the cells; the page shell below is ours, so no CDN script or font sneaks in.
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(spec.title)} · Qantar reports</title>
<link rel="stylesheet" href="../{ASSETS}/report.css">
<script src="../{ASSETS}/{PLOTLYJS}"></script>
</head><body>
<nav><a href="../index.html">← All reports</a> · <a href="{html.escape(executed.name)}">executed notebook</a></nav>
<p class="params"><strong>{html.escape(spec.name)}</strong> — {html.escape(spec.notebook)}<br>{_params_html(spec.parameters)}</p>
{body}
<footer>Built by <code>qantar report</code>. Every figure traces back to document ids in the Qantar dataset.</footer>
</body></html>
"""
    target.write_text(page, encoding="utf-8")


def render_index(results: list[RunResult], target: Path, built_at: str) -> None:
    """Write index.html listing every run with its parameters, status, time and links."""
    rows = []
    for r in results:
        status = '<span class="status-ok">ok</span>' if r.ok else '<span class="status-failed">failed</span>'
        link = f'<a href="{html.escape(r.name)}/index.html">{html.escape(r.title)}</a>' if r.ok else html.escape(r.title)
        outs = " ".join(f'<a href="{html.escape(r.name)}/{html.escape(o)}">{html.escape(Path(o).name)}</a>'
                        for o in r.outputs if not o.endswith(".js"))
        rows.append(f"<tr><td>{link}</td><td><code>{html.escape(r.notebook)}</code></td><td>{_params_html(r.parameters)}</td>"
                    f"<td>{status}</td><td>{r.seconds:.1f} s</td><td>{outs}</td></tr>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Qantar reports</title><link rel="stylesheet" href="{ASSETS}/report.css"></head><body>
<h1>Qantar reports — January 2022 unrest in Kazakhstan</h1>
<p>{len(results)} run(s), built {html.escape(built_at)}. Each page is an executed notebook with its code hidden;
the interactive figures work offline (one shared <code>{PLOTLYJS}</code>).</p>
<table><thead><tr><th>report</th><th>notebook</th><th>parameters</th><th>status</th><th>time</th><th>outputs</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<footer>Source: Qantar dataset (five news texts published 6–8 January 2022). Built by <code>qantar report</code>.</footer>
</body></html>
"""
    target.write_text(page, encoding="utf-8")


def _write_assets(staging: Path) -> None:
    from plotly.offline import get_plotlyjs

    assets = staging / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    (assets / PLOTLYJS).write_text(get_plotlyjs(), encoding="utf-8")
    shutil.copy(Path(__file__).parent / "report_assets" / "report.css", assets / "report.css")


def _swap_in(staging: Path, reports: Path) -> None:
    """Replace ``reports`` by ``staging`` with two renames on the same filesystem."""
    old = None
    if reports.exists():
        old = reports.with_name(f".{reports.name}.old-{os.getpid()}")
        os.replace(reports, old)
    os.replace(staging, reports)
    if old is not None:
        shutil.rmtree(old)


def build(config: str | Path | None = None, reports_dir: str | Path | None = None, only: Iterable[str] | None = None,
          jobs: int | None = None, data_dir: str | Path | None = None, progress: bool = True) -> tuple[list[RunResult], Path | None]:
    """Build the report set; return the results and, on failure, the staging folder kept for inspection."""
    specs = load_config(config or default_config())
    order = [s.name for s in specs]
    if only:
        wanted = list(only)
        unknown = [n for n in wanted if n not in {s.name for s in specs}]
        if unknown:
            raise ConfigError(f"--only: unknown run(s) {unknown}; valid: {', '.join(s.name for s in specs)}")
        specs = [s for s in specs if s.name in wanted]
    reports = Path(reports_dir) if reports_dir else paths.project_root() / "reports"
    reports.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{reports.name}-staging-", dir=reports.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable like any other
    previous = _previous_results(reports)
    if only and reports.exists():
        # Keep the runs that are not rebuilt, so --only refreshes part of the set without losing the rest.
        for r in previous:
            if r.name not in {s.name for s in specs} and (reports / r.name).is_dir():
                shutil.copytree(reports / r.name, staging / r.name)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(specs)))
    data = None if data_dir is None else str(Path(data_dir).resolve())
    results: dict[str, RunResult] = {}
    bar = _progress(len(specs), progress)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(_execute, s, staging, data): s for s in specs}
        for fut in as_completed(futures):
            res = fut.result()
            results[res.name] = res
            bar.update(1)
            bar.set_postfix_str(f"{res.name} {'ok' if res.ok else 'FAILED'}")
    bar.close()
    ordered = [results[s.name] for s in specs]
    if not all(r.ok for r in ordered):
        return ordered, staging
    kept = [r for r in previous if r.name not in results and (staging / r.name).is_dir()]
    all_results = sorted(ordered + kept, key=lambda r: order.index(r.name) if r.name in order else len(order))
    _write_assets(staging)
    (staging / "manifest.json").write_text(json.dumps([asdict(r) for r in all_results], indent=2, ensure_ascii=False),
                                           encoding="utf-8")
    render_index(all_results, staging / "index.html", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    _swap_in(staging, reports)
    return all_results, None


def _previous_results(reports: Path) -> list[RunResult]:
    manifest = reports / "manifest.json"
    if not manifest.is_file():
        return []
    try:
        return [RunResult(**r) for r in json.loads(manifest.read_text(encoding="utf-8"))]
    except (ValueError, TypeError):
        return []


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc="reports", unit="run", disable=not enabled, file=sys.stderr)
