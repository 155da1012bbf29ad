"""Pinned dependencies: the lock pins everything and environment.yml does not drift from it."""
from __future__ import annotations

import re

import yaml

from qantar import paths

ROOT = paths.project_root()
REQUIRED = {"jupyterlab", "pandas", "matplotlib", "plotly", "geopandas", "papermill", "pytest", "nbval", "ipykernel"}


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line), f"not pinned: {line}"
        name, version = line.split("==")
        pins[_canon(name)] = version
    return pins


def _environment_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "python=3.11" in env["dependencies"]
    return {_canon(p.split("==")[0]): p.split("==")[1] for p in pip}


def _direct() -> set[str]:
    lines = (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
    return {_canon(line.strip()) for line in lines if line.strip() and not line.startswith("#")}


def test_lock_pins_required_stack() -> None:
    assert REQUIRED <= set(_lock())


def test_direct_dependencies_are_locked() -> None:
    assert _direct() <= set(_lock())


def test_environment_yml_matches_lock() -> None:
    lock, env = _lock(), _environment_pins()
    assert set(env) == _direct(), "environment.yml must list exactly the direct dependencies in requirements.in"
    drift = {name: (version, lock.get(name)) for name, version in env.items() if lock.get(name) != version}
    assert drift == {}, f"environment.yml vs requirements.lock: {drift}"
