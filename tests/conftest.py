"""Shared fixtures: the source texts, the loaded dataset, and editable copies of the data."""

from __future__ import annotations

import csv
import fcntl
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterator

import pytest

from qantar import settings

NO_TEXTS = (
    "source texts not available: set QANTAR_TEXTS_DIR to the folder holding the five "
    "documents (make test and .ci/run use ../shared/seeds)"
)


# The caller's shell may set the kit's own variables (a debug flag, another dataset, a report kernel's flag) or
# Jupyter's (another "qantar" kernel first on the path); the suite tests this clone with its defaults, so they go.
# The texts folder stays: it is how the suite finds the source texts. Tests that need a variable set their own.
IGNORED_ENV = (
    settings.DATA_ENV,
    settings.DEBUG_ENV,
    settings.REPORT_ENV,
    settings.APP_URL_ENV,
    settings.APP_STEPS_ENV,
    settings.VOILA_PREHEAT_ENV,
    settings.QUERY_STRING_ENV,
    settings.SOURCE_DATE_ENV,
    "JUPYTER_PATH",
    "JUPYTER_PREFER_ENV_PATH",
)


SERIAL_PASSES = ("all", "parallel", "serial")


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--pass``: `make test` runs all but the ``serial`` tests on two workers, then the ``serial`` ones alone."""
    parser.addoption(
        "--pass",
        dest="qantar_pass",
        choices=SERIAL_PASSES,
        default="all",
        help="all (default): every selected test; parallel: all but the serial ones (timing tests); serial: only those",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Drop the caller's kit and Jupyter settings (listed in the report header), so every machine runs one suite."""
    config._qantar_ignored_env = sorted(name for name in IGNORED_ENV if os.environ.pop(name, None) is not None)
    # The venv's own kernelspec ("qantar", installed by make venv) wins over a user-wide one of the same name.
    os.environ["JUPYTER_PREFER_ENV_PATH"] = "1"
    # One load cache per test run, shared by xdist workers and the processes tests start (they inherit the
    # variable; a caller's own setting is replaced), removed at the end: a run never writes to ~/.cache/qantar.
    if "PYTEST_XDIST_WORKER" not in os.environ:
        config._qantar_cache = tempfile.mkdtemp(prefix="qantar-test-cache-")
        os.environ[settings.CACHE_ENV] = config._qantar_cache


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the run's load cache (made by the controller, not by a worker)."""
    folder = getattr(config, "_qantar_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_report_header(config: pytest.Config) -> str | None:
    """Say which of the caller's variables the suite ignores."""
    ignored = getattr(config, "_qantar_ignored_env", [])
    return f"ignored from the environment: {', '.join(ignored)}" if ignored else None


@pytest.fixture(scope="session")
def texts_dir() -> Path:
    """Folder of the source texts; skips (with the reason) when it is not configured."""
    folder = settings.texts_dir()
    if folder is None or not any(folder.glob("*.txt")):
        if os.environ.get("CI") == "true":
            pytest.fail(f"in CI the texts must be present; {NO_TEXTS}")
        pytest.skip(NO_TEXTS)
    return folder


def fingerprint(ds) -> dict[str, str]:
    """A hash of every table of a loaded dataset (values and column order), to prove no test changed it."""
    import hashlib

    import pandas as pd

    from qantar.dataset import TABLES

    return {
        name: hashlib.sha256(
            pd.util.hash_pandas_object(getattr(ds, name).astype(str), index=True).values.tobytes()
            + "|".join(f"{c}:{t}" for c, t in getattr(ds, name).dtypes.items()).encode()
        ).hexdigest()
        for name in TABLES
    }


@pytest.fixture(scope="session")
def dataset():
    """The shipped dataset, loaded once through the lib; tests read it and must not change it (checked at the end)."""
    from qantar import load

    ds = load()
    before = fingerprint(ds)
    yield ds
    assert fingerprint(ds) == before, "a test changed the shared dataset in place (copy the frame first)"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    dst = tmp_path / "data"
    shutil.copytree(settings.data_dir(), dst)
    return dst


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder``, keyed by relative path (to prove nothing changed)."""
    import hashlib

    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Read a CSV as header and row dicts."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write a CSV from header and row dicts."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def edit_table(data_copy: Path) -> Callable[[str, Callable[[list[str], list[dict[str, str]]], list[str] | None]], Path]:
    """Apply ``mutate(header, rows)`` to one CSV of the copy; a returned list replaces the header."""

    def _edit(filename: str, mutate: Callable[[list[str], list[dict[str, str]]], list[str] | None]) -> Path:
        path = data_copy / filename
        header, rows = read_rows(path)
        new_header = mutate(header, rows) or header
        write_rows(path, new_header, [{k: r.get(k, "") for k in new_header} for r in rows])
        return data_copy

    return _edit


@pytest.fixture(scope="session")
def report_set(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The default report set (reports.yml), built once per test run and shared by every reader.

    Under pytest-xdist the workers share one build (the first builds it under a lock, the others wait).
    Tests that change a set work on a copy: at the end the set must be byte-identical to what was built.
    """
    from qantar.report import build

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, common to all workers
    reports = root / "shared-report-set" / "reports"
    with open(root / "shared-report-set.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (reports / "manifest.json").is_file():
            outcome = build(reports_dir=reports)
            assert outcome.ok, [r.error for r in outcome.results]
        fcntl.flock(lock, fcntl.LOCK_UN)
    before = snapshot(reports)
    yield reports
    assert snapshot(reports) == before, "a test changed the shared report set in place (work on a copy)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tiers, one rule: browser tests, nbval's notebook cells and users of the built report set are ``slow``.

    ``serial`` tests (they time processes, wait on timeouts or kernel culling) go to one xdist group, so that under
    ``-n`` one worker runs them one after the other; ``--pass`` deselects them (parallel) or all the others (serial).
    """
    for item in items:
        if (
            item.get_closest_marker("browser")
            or item.path.suffix == ".ipynb"
            or "report_set" in getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("serial"):
            item.add_marker(pytest.mark.xdist_group("serial"))
    which = config.getoption("qantar_pass")
    if which == "all":
        return
    keep = [item for item in items if bool(item.get_closest_marker("serial")) == (which == "serial")]
    dropped = [item for item in items if item not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)  # counted as "deselected" in the summary, never skipped
        items[:] = keep


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A pass of `make test` that the caller's own selection (PYTEST_ARGS) left empty is not a failure."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and session.config.getoption("qantar_pass") != "all":
        session.exitstatus = pytest.ExitCode.OK


# --- figures: fixtures the figure tests share ----------------------------------------------------------------


@pytest.fixture(scope="module")
def boundaries():
    """The map's admin-1 regions and countries (qantar.geo), loaded once per test module."""
    from qantar import geo

    return geo.load_regions(), geo.load_countries()


@pytest.fixture
def _close_figures() -> Iterator[None]:
    """Close every matplotlib figure a test drew (a figure module uses it: pytestmark = usefixtures)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
