"""Dependencies: pyproject declares them, the lock pins everything, environment.yml does not drift from it."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import yaml

from qantar import settings

ROOT = settings.project_root()
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
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project["dependencies"], *(d for extra in project["optional-dependencies"].values() for d in extra)]
    return {_canon(re.split(r"[<>=!~\[; ]", s)[0]) for s in specs}


def imported_modules(roots: list[Path], local: set[str]) -> dict[str, set[str]]:
    """Top-level module -> the files that import it, for every absolute import in the .py files under ``roots``.

    Imports inside functions and under ``if TYPE_CHECKING:`` count (they run, or the type check needs them);
    the standard library and ``local`` names (the project's own modules) are left out.
    """
    out: dict[str, set[str]] = {}
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    names = [node.module]
                else:
                    continue
                for top in {n.split(".")[0] for n in names} - local:
                    if top not in sys.stdlib_module_names:
                        out.setdefault(top, set()).add(path.relative_to(root.parent).as_posix())
    return out


def undeclared(imports: dict[str, set[str]], declared: set[str]) -> list[str]:
    """One line per imported module whose distribution pyproject.toml does not declare (or that is not installed)."""
    dists = importlib.metadata.packages_distributions()  # import name -> distributions that provide it
    out = []
    for module, files in sorted(imports.items()):
        where = ", ".join(sorted(files)[:3]) + (" ..." if len(files) > 3 else "")
        provided_by = {_canon(d) for d in dists.get(module, [])}
        if not provided_by:
            out.append(f"{module} (imported in {where}): no installed distribution provides it")
        elif not provided_by & declared:
            out.append(f"{module} (imported in {where}): add {' or '.join(sorted(provided_by))} to pyproject.toml")
    return out


def test_the_import_check_finds_an_undeclared_module(tmp_path: Path) -> None:
    """The check itself: an undeclared, installed module and a module nothing provides are both named."""
    pkg = tmp_path / "lib"
    pkg.mkdir()
    (pkg / "a.py").write_text(
        "import os\nimport yaml\nfrom b import x\n\ndef f():\n    from numpy.linalg import norm\n"
    )
    (pkg / "b.py").write_text("import qantar_no_such_module_x\n")
    imports = imported_modules([pkg], local={"b"})
    assert imports == {"yaml": {"lib/a.py"}, "numpy": {"lib/a.py"}, "qantar_no_such_module_x": {"lib/b.py"}}
    problems = undeclared(imports, declared={"pyyaml"})
    assert [p.split(" ")[0] for p in problems] == ["numpy", "qantar_no_such_module_x"]
    assert "add numpy to pyproject.toml" in problems[0] and "no installed distribution" in problems[1]


def test_every_imported_module_is_declared() -> None:
    """Each third-party module that lib/, tests/ or benchmarks/ imports comes from a distribution pyproject.toml
    declares (core or an extra), not only from something else's dependency."""
    roots = [ROOT / "lib", ROOT / "tests", ROOT / "benchmarks"]
    local = {"qantar", "tests", *(p.stem for r in roots for p in r.rglob("*.py"))}  # tests' helpers: procs, pw...
    imports = imported_modules(roots, local)
    assert {"pandas", "yaml", "pytest"} <= set(imports)  # the walk saw the code
    problems = undeclared(imports, _direct())
    assert problems == [], "imported but not declared:\n" + "\n".join(problems)


def test_lock_pins_required_stack() -> None:
    assert REQUIRED <= set(_lock())


def test_lock_is_generated_by_make_lock() -> None:
    head = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# This file was autogenerated by uv via the following command:", "#    make lock"]


def test_direct_dependencies_are_locked() -> None:
    assert _direct() <= set(_lock())


def test_environment_yml_matches_lock() -> None:
    lock, env = _lock(), _environment_pins()
    assert set(env) == _direct(), "environment.yml must list exactly the direct dependencies in pyproject.toml"
    drift = {name: (version, lock.get(name)) for name, version in env.items() if lock.get(name) != version}
    assert drift == {}, f"environment.yml vs requirements.lock: {drift}"


def test_lint_runs_the_type_check_on_the_package() -> None:
    """`make lint` runs mypy, configured for lib/qantar with no module's errors switched off wholesale."""
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", make, re.MULTILINE)
    assert recipe and "$(BIN)/mypy" in recipe.group(1), "the lint target must run $(BIN)/mypy"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = pyproject["tool"]["mypy"]
    assert mypy["files"] == ["lib/qantar"] and mypy["check_untyped_defs"] is True
    sections = [mypy, *mypy.get("overrides", [])]
    assert not any(s.get("ignore_errors") or s.get("disable_error_code") for s in sections)
    assert any(
        _canon(re.split(r"[<>=!~\[; ]", d)[0]) == "mypy" for d in pyproject["project"]["optional-dependencies"]["dev"]
    )
