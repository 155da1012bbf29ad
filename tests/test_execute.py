"""The notebook executor: every run gets a fresh kernel (no run sees another's state), and in-place execution."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from qantar.report.execute import Job, run_jobs, run_notebooks

# Fails if anything of a previous run is visible: a module attribute, a builtin, or a reused process.
PROBE = """\
import builtins, os, qantar
assert not hasattr(qantar, "_probe_leak"), "module state of another run"
assert not hasattr(builtins, "_probe_leak"), "builtins of another run"
qantar._probe_leak = builtins._probe_leak = True
print("pid", os.getpid())
"""


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "qantar", "display_name": "Python (qantar)", "language": "python"}}
    )
    nb.cells = [nbformat.v4.new_markdown_cell("# probe"), *(nbformat.v4.new_code_cell(s) for s in sources)]
    nbformat.write(nb, path)
    return path


def _printed(nb: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.slow
def test_each_run_gets_a_fresh_kernel(tmp_path: Path) -> None:
    probe = _notebook(tmp_path / "probe.ipynb", PROBE)
    jobs = [
        Job(f"run{i}", "probe.ipynb", str(probe), {}, "probe", str(tmp_path / f"run{i}"), None, 60, in_place=False)
        for i in range(3)
    ]
    # One worker, so the three runs follow each other where a reused kernel would show.
    results = run_jobs(jobs, 1, report=False)
    assert [r.error for r in results] == ["", "", ""]
    lines = [_printed(nbformat.read(tmp_path / f"run{i}" / f"run{i}.ipynb", as_version=4)) for i in range(3)]
    pids = {line.split()[1] for line in lines}
    assert len(pids) == 3


@pytest.mark.slow
def test_run_notebooks_writes_back_in_place(tmp_path: Path) -> None:
    nb_path = _notebook(tmp_path / "01_probe.ipynb", "x = 6 * 7", "print(x)")
    results = run_notebooks([nb_path], workers=1, timeout=60)
    assert results[0].ok, results[0].error
    nb = nbformat.read(nb_path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2]
    assert _printed(nb) == "42\n"
    assert nb.metadata.kernelspec.name == "qantar"  # not the runner's private kernelspec
    assert "papermill" not in nb.metadata and all("papermill" not in c.metadata for c in nb.cells)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01_probe.ipynb"]  # no temporary file left


@pytest.mark.slow
def test_run_notebooks_leaves_a_failing_notebook_unchanged(tmp_path: Path) -> None:
    nb_path = _notebook(tmp_path / "02_broken.ipynb", "print('before')", "raise ValueError('broken on purpose')")
    before = nb_path.read_bytes()
    results = run_notebooks([nb_path], workers=1, timeout=60)
    assert not results[0].ok and "broken on purpose" in results[0].error
    assert nb_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["02_broken.ipynb"]


@pytest.mark.slow
@pytest.mark.serial  # waits on the tracker for 2-5 s
@pytest.mark.parametrize("quiet", [False, True])
def test_the_resource_tracker_reports_no_leaks_after_an_interrupted_build(tmp_path: Path, quiet: bool) -> None:
    """A build stopped hard leaves its queue semaphores to the tracker: with the runner's set-up it says nothing."""
    import subprocess
    import sys

    script = tmp_path / "leak.py"
    script.write_text(
        "import os, multiprocessing\n"
        "from qantar.report import execute\n"
        f"if {quiet}:\n"
        "    execute._quiet_resource_tracker()\n"
        "q = multiprocessing.get_context('spawn').Queue()\n"
        "os._exit(0)  # as a killed runner: no clean-up\n",
        encoding="utf-8",
    )
    err = tmp_path / "err.txt"
    with err.open("w") as fh:
        subprocess.run([sys.executable, str(script)], stderr=fh, check=True)
    for _ in range(20 if quiet else 50):  # the tracker writes after its parent is gone
        time.sleep(0.1)
        if not quiet and "leaked semaphore" in err.read_text():
            break
    assert ("leaked semaphore" in err.read_text()) is not quiet
