"""Notebook execution for the report runner: a small pool of worker processes running papermill.

Workers are spawned processes that ignore Ctrl-C (the runner handles it once), die with the
runner (``PR_SET_PDEATHSIG`` on Linux, and a watchdog thread everywhere) and start their kernels
from a private kernelspec that points at the runner's own Python, so the installed package, not
whatever "python3" kernel the machine has, runs the notebooks. Each cell has a timeout.
"""

from __future__ import annotations

import errno
import json
import os
import queue
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from qantar import settings
from qantar.report.processes import _die_with_parent, _kill_tree, _quiet_resource_tracker

KERNEL = "qantar-runner"
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


@dataclass(frozen=True)
class Job:
    """One notebook run as a worker sees it: absolute paths only (workers run with another cwd)."""

    name: str
    notebook: str
    notebook_path: str
    parameters: dict[str, Any]
    title: str
    run_dir: str
    data_dir: str | None
    timeout: int
    publish: bool = False  # a report run: the executed notebook is published, so it names no path of this machine
    in_place: bool = False  # `qantar notebooks`: default parameters, outputs written back into notebook_path


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
    disk_full: bool = False


@contextmanager
def private_kernelspec(parent: Path | None = None) -> Iterator[str]:
    """A temporary Jupyter data folder holding a kernelspec that runs this interpreter; yields the folder.

    It lives in ``parent`` (the build's staging folder) when given, so a build killed by SIGKILL leaves
    nothing in /tmp: the next build removes the whole staging folder.
    """
    with tempfile.TemporaryDirectory(prefix=".qantar-kernel-", dir=parent) as tmp:
        spec_dir = Path(tmp) / "kernels" / KERNEL
        spec_dir.mkdir(parents=True)
        # log_level=ERROR: ipykernel 7 warns on every start that loopback TCP is unencrypted (noise for a batch run).
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"]
        (spec_dir / "kernel.json").write_text(
            json.dumps({"argv": argv, "display_name": "qantar (report runner)", "language": "python"}), encoding="utf-8"
        )
        yield tmp


def _worker(tasks: Any, results: Any, parent_pid: int, env: dict[str, str]) -> None:
    """Worker process: take jobs until a None arrives; report 'start' and the result of each."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the runner's to handle, once
    _die_with_parent(parent_pid)
    os.environ.update(env)
    if not settings.debug():
        # Kernels inherit this stderr; their shutdown chatter is not the user's business (failures come back
        # through papermill). QANTAR_DEBUG=1 keeps it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    while True:
        job = tasks.get()
        if job is None:
            return
        results.put(("start", job.name, os.getpid()))
        results.put(("done", job.name, run_job(job)))


def _cell_error(exc: Any) -> str:
    source = (exc.source or "").strip().splitlines()
    first = next((line for line in source if not line.startswith("#")), source[0] if source else "")
    return f"cell {exc.cell_index} (execution {exc.exec_count}: {first!r}) raised {exc.ename}: {exc.evalue}"


def _cell_in(message: str, out_nb: Path) -> str:
    """Name the cell whose source nbclient quoted in ``message`` (index as in the executed notebook)."""
    try:
        nb = json.loads(out_nb.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "a cell"
    for index, cell in enumerate(nb.get("cells", [])):
        source = "".join(cell.get("source", "")).strip()
        if cell.get("cell_type") == "code" and source and source.splitlines()[-1] in message:
            lines = source.splitlines()
            first = next((line for line in lines if not line.startswith("#")), lines[0])
            return f"cell {index} ({first!r})"
    return "a cell"


def _papermill(notebook: str, out_nb: Path, params: dict[str, Any], timeout: int, **client: Any) -> None:
    """The one way notebooks are executed: papermill on the runner's kernelspec, a fresh kernel per notebook.

    ``client`` passes options on to nbclient's NotebookClient.
    """
    import papermill as pm

    pm.execute_notebook(
        notebook,
        str(out_nb),
        parameters=params,
        kernel_name=KERNEL,
        cwd=str(Path(notebook).parent),
        progress_bar=False,
        log_output=False,
        execution_timeout=timeout,
        start_timeout=60,
        store_widget_state=False,  # widget state is only useful with a live kernel, and large
        **client,
    )


def run_job(job: Job) -> RunResult:
    """Execute one notebook with papermill into ``job.run_dir`` and render its page; never raises."""
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from qantar.report.pages import write_fragment

    run_dir = Path(job.run_dir)
    out_nb = run_dir / f"{job.name}.ipynb"
    params = {**job.parameters, "output_dir": str(run_dir / "figures")}
    if job.data_dir is not None:
        params["data_dir"] = job.data_dir
    source = job.notebook_path
    if job.in_place:
        out_nb, params = run_dir / f".{job.name}.ipynb.tmp", {}
    start = time.perf_counter()

    def failed(message: str, disk_full: bool = False) -> RunResult:
        return RunResult(
            job.name,
            job.notebook,
            job.parameters,
            job.title,
            False,
            time.perf_counter() - start,
            error=message,
            disk_full=disk_full,
        )

    try:
        run_dir.mkdir(parents=True, exist_ok=True)
        try:
            # A committed notebook shows each cell's printed lines as one output, as Jupyter does.
            extra = {"coalesce_streams": True} if job.in_place else {}
            if job.in_place:
                source = _with_spec_parameters(Path(job.notebook_path), run_dir / f".{job.name}.in.ipynb.tmp")
            _papermill(source, out_nb, params, job.timeout, **extra)
            if job.in_place:
                _write_back(out_nb, Path(job.notebook_path))
                return RunResult(
                    job.name, job.notebook, {}, job.title, True, time.perf_counter() - start, [job.notebook_path]
                )
        finally:
            if job.in_place:
                out_nb.unlink(missing_ok=True)
                if source != job.notebook_path:
                    Path(source).unlink(missing_ok=True)
        if job.publish:
            _publishable(out_nb, job)
        write_fragment(out_nb, run_dir)
    except pm.PapermillExecutionError as exc:
        return failed(_cell_error(exc), disk_full=exc.ename == "OSError" and "No space left" in str(exc.evalue))
    except CellTimeoutError as exc:
        return failed(
            f"{_cell_in(str(exc), out_nb)} did not finish within the {job.timeout} s cell timeout "
            "(raise it with --timeout or `timeout:` in the config)"
        )
    except DeadKernelError as exc:
        return failed(f"the kernel died: {exc}")
    except OSError as exc:
        return failed(f"{type(exc).__name__}: {exc}", disk_full=exc.errno in DISK_FULL)
    except Exception as exc:  # noqa: BLE001 - any failure of one run is reported with the others, not raised
        return failed(f"{type(exc).__name__}: {exc}")
    fig_dir = run_dir / "figures"
    outputs = sorted(str(p.relative_to(run_dir)) for p in fig_dir.rglob("*") if p.is_file()) if fig_dir.exists() else []
    return RunResult(job.name, job.notebook, job.parameters, job.title, True, time.perf_counter() - start, outputs)


def _with_spec_parameters(notebook: Path, tmp: Path) -> str:
    """The notebook to execute in place: itself, or a copy beside it whose parameters cell is its spec's."""
    import nbformat

    from qantar.params import SPECS, set_parameters_cell

    if notebook.stem not in SPECS:  # a notebook with no spec (a test's probe) runs as it is
        return str(notebook)
    nb = nbformat.read(notebook, as_version=4)
    if not set_parameters_cell(nb, notebook.stem):
        return str(notebook)
    nbformat.write(nb, tmp)
    return str(tmp)


def _write_back(executed: Path, notebook: Path) -> None:
    """Replace ``notebook`` atomically with its executed copy, as `jupyter nbconvert --execute --inplace` would.

    papermill's own records (run times, paths, per-cell status, empty tag lists) are dropped so that a
    re-run changes only what the cells print and when; the kernelspec stays the notebook's own, not the
    runner's private one.
    """
    import nbformat

    original = nbformat.read(notebook, as_version=4)
    nb = nbformat.read(executed, as_version=4)
    nb.metadata.pop("papermill", None)
    if "kernelspec" in original.metadata:
        nb.metadata["kernelspec"] = original.metadata["kernelspec"]
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        if cell.metadata.get("tags") == []:  # papermill gives every cell a tags list
            del cell.metadata["tags"]
    from qantar.tables import atomic_write

    atomic_write(notebook, lambda tmp: nbformat.write(nb, tmp))  # keeps the notebook's mode


def run_notebooks(
    notebooks: list[Path],
    workers: int | None = None,
    timeout: int = settings.NOTEBOOKS_CELL_TIMEOUT_S,
    on_result: Callable[[RunResult], None] | None = None,
) -> list[RunResult]:
    """Execute committed notebooks with their default parameters and write each back in place (`qantar notebooks`).

    The same executor as the reports (papermill, private kernelspec, worker pool), but
    outside report mode: figures are embedded in the notebook, and plotly figures use the
    plotly_mimetype renderer so the committed outputs stay small. A failed notebook is left unchanged.
    """
    work = [
        Job(
            nb.stem,
            nb.name,
            str(nb.resolve()),
            {},
            nb.stem,
            str(nb.resolve().parent),
            None,
            timeout,
            in_place=True,
        )
        for nb in notebooks
    ]
    env = {"PLOTLY_RENDERER": "plotly_mimetype"}
    return run_jobs(work, workers or os.cpu_count() or 1, on_result, report=False, kernel_env=env)


def _publishable(notebook: Path, job: Job) -> None:
    """Make an executed notebook name no path of this machine: it is published, read and re-run elsewhere.

    papermill records the run's paths in the injected parameters cell and in ``metadata.papermill``: the
    output folder becomes "figures" (it sits beside the notebook in the set, where Jupyter starts), data_dir
    None when it is the project's dataset (what None means in every clone) and else the folder's name, and
    the input and output paths the notebook's place in the project and its file name. Any other mention of
    the run folder, the project, the data or texts folder, the temporary folder or the home folder in a
    cell's output is shortened the same way.
    """
    import nbformat
    from papermill.translators import PythonTranslator

    run_dir = Path(job.run_dir)
    root = settings.project_root().resolve()
    data = Path(job.data_dir).resolve() if job.data_dir else None
    public_data = None if data is None or data == (root / "data").resolve() else data.name
    values: dict[str, str | None] = {str(run_dir / "figures"): "figures"}
    if job.data_dir:
        values[job.data_dir] = public_data
    texts = settings.texts_dir()
    prefixes = [(str(run_dir / "figures"), "figures"), (str(run_dir), "."), (str(run_dir.parent), "..")]
    if data is not None:
        prefixes.append((str(data), "<data>" if public_data else "data"))
    if texts is not None:
        prefixes.append((str(texts.resolve()), "<texts>"))
    prefixes += [(str(root), "<project>"), (str(Path(tempfile.gettempdir()).resolve()), "<tmp>")]
    prefixes.append((str(Path.home().resolve()), "~"))
    prefixes = sorted({(a, b) for a, b in prefixes if Path(a) != Path(Path(a).anchor)}, key=lambda x: -len(x[0]))

    def shorten(text: str) -> str:
        for path, short in prefixes:
            text = text.replace(path, short)
        return text

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            return shorten(value)
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            source = cell.source
            for value, public in values.items():
                source = source.replace(PythonTranslator.translate(value), PythonTranslator.translate(public))
            cell.source = shorten(source)
        for output in cell.get("outputs", []):
            for key in ("text", "evalue", "traceback"):
                if key in output:
                    output[key] = scrub(output[key])
            for mime in ("text/plain", "text/html", "text/markdown", "text/latex"):
                if mime in output.get("data", {}):
                    output["data"][mime] = scrub(output["data"][mime])
    papermill = nb.metadata.get("papermill")
    if papermill:
        info = dict(papermill)
        source = Path(info.get("input_path") or job.notebook_path).resolve()
        info["input_path"] = str(source.relative_to(root)) if source.is_relative_to(root) else source.name
        info["output_path"] = notebook.name
        params = {k: values.get(v, v) if isinstance(v, str) else v for k, v in (info.get("parameters") or {}).items()}
        info["parameters"] = scrub(params)
        nb.metadata["papermill"] = nbformat.from_dict(scrub(info))
    nbformat.write(nb, notebook)


def run_jobs(
    jobs: list[Job],
    workers: int,
    on_result: Callable[[RunResult], None] | None = None,
    scratch: Path | None = None,
    texts_dir: str | None = None,
    report: bool = True,
    kernel_env: dict[str, str] | None = None,
) -> list[RunResult]:
    """Run every job on ``workers`` processes; return results in job order.

    ``report`` sets the report runner's environment for the kernels (figures linked, the texts folder);
    ``kernel_env`` adds variables. Each run gets a new kernel. On any exception
    in the runner (Ctrl-C included) every worker and kernel is killed before the exception propagates,
    so no process outlives the command.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    _quiet_resource_tracker()
    tasks, results = ctx.Queue(), ctx.Queue()
    for job in jobs:
        tasks.put(job)
    n = max(1, min(workers, len(jobs)))
    for _ in range(n):
        tasks.put(None)
    done: dict[str, RunResult] = {}
    running: dict[int, str] = {}
    with private_kernelspec(scratch) as jupyter_data:
        env = {
            "JUPYTER_PATH": os.pathsep.join(filter(None, [jupyter_data, os.environ.get("JUPYTER_PATH")])),
            **(kernel_env or {}),
        }
        if report:
            env.update({settings.REPORT_ENV: "1", settings.TEXTS_ENV: texts_dir or ""})
        procs = [
            ctx.Process(target=_worker, args=(tasks, results, os.getpid(), env), name=f"qantar-worker-{i}")
            for i in range(n)
        ]
        try:
            for p in procs:
                p.start()
            while len(done) < len(jobs):
                try:
                    kind, name, payload = results.get(timeout=0.25)
                except queue.Empty:
                    _reap(procs, running, done, jobs, on_result)
                    continue
                if kind == "start":
                    running[payload] = name
                else:
                    done[name] = payload
                    running = {pid: n_ for pid, n_ in running.items() if n_ != name}
                    if on_result:
                        on_result(payload)
            for p in procs:
                p.join(timeout=5)
        finally:
            for p in procs:
                if p.pid is not None and p.exitcode is None:
                    _kill_tree(p.pid)
            for p in procs:
                if p.pid is not None:
                    p.join(timeout=2)
            tasks.cancel_join_thread()
            results.cancel_join_thread()
    return [done[j.name] for j in jobs]


def _reap(
    procs: list[Any],
    running: dict[int, str],
    done: dict[str, RunResult],
    jobs: list[Job],
    on_result: Callable[[RunResult], None] | None,
) -> None:
    """Fail the jobs of workers that died (killed, out of memory) instead of waiting for them forever."""
    by_name = {j.name: j for j in jobs}
    for p in procs:
        if p.exitcode is None or p.exitcode == 0:
            continue
        name = running.pop(p.pid, None)
        if name is not None and name not in done:
            job = by_name[name]
            res = RunResult(
                job.name,
                job.notebook,
                job.parameters,
                job.title,
                False,
                0.0,
                error=f"worker process {p.pid} died (exit code {p.exitcode}) while running it",
            )
            done[name] = res
            if on_result:
                on_result(res)
    if all(p.exitcode is not None for p in procs):
        for job in jobs:
            if job.name not in done:
                done[job.name] = RunResult(
                    job.name,
                    job.notebook,
                    job.parameters,
                    job.title,
                    False,
                    0.0,
                    error="not run: every worker process had stopped",
                )
                if on_result:
                    on_result(done[job.name])
