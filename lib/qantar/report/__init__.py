"""Report runner: execute the notebooks with papermill from a YAML config and publish an offline HTML report set.

The jobs are split by module: :mod:`.config` checks the run list, :mod:`.execute` runs the
notebooks, :mod:`.pages` renders HTML, :mod:`.assets` writes the shared files and
:mod:`.publish` owns the target folder (marker, lock, staging, atomic swap).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from qantar import display, settings
from qantar.report.config import ConfigError, RunSpec, load_config
from qantar.report.execute import DISK_FULL, Job, RunResult, run_jobs
from qantar.report.publish import (
    MANIFEST,
    PublishError,
    PublishFailed,
    build_lock,
    clean_stale,
    make_staging,
    swap_in,
    resolve_target,
)

if TYPE_CHECKING:  # pragma: no cover
    from qantar.dataset import Dataset

__all__ = [
    "BuildResult",
    "ConfigError",
    "PublishError",
    "PublishFailed",
    "RunResult",
    "RunSpec",
    "build",
    "load_config",
]


@dataclass
class BuildResult:
    """What a build did: every run's result, where the set is, and the staging folder kept after a failure."""

    results: list[RunResult]
    target: Path
    staging: Path | None = None
    kept: list[str] = field(default_factory=list)  # runs copied unchanged from the previous set (--only)

    @property
    def ok(self) -> bool:
        """True when every run succeeded and the set was published."""
        return all(r.ok for r in self.results) and self.staging is None


def _previous(target: Path, needed: bool) -> list[RunResult]:
    """The runs of the published set (for --only); a manifest that cannot be read is an error, not []."""
    manifest = target / MANIFEST
    if not manifest.is_file():
        if needed and target.is_dir() and any(target.iterdir()):
            raise PublishError(
                f"--only keeps the other runs of {target}, but it has no {MANIFEST}; "
                "run without --only to rebuild the whole set"
            )
        return []
    try:
        return [RunResult(**r) for r in json.loads(manifest.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError) as exc:
        raise PublishError(
            f"--only keeps the other runs of {target}, but its {MANIFEST} cannot be read ({exc}); "
            "run without --only to rebuild the whole set"
        ) from None


def build(
    config: str | Path | None = None,
    reports_dir: str | Path | None = None,
    only: Iterable[str] | None = None,
    jobs: int | None = None,
    data_dir: str | Path | None = None,
    timeout: int | None = None,
    notebooks_dir: Path | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[RunResult], None] | None = None,
) -> BuildResult:
    """Build the report set and publish it atomically; on a failed run keep the staging folder and publish nothing.

    Raises ConfigError or PublishError (exit 2) before anything is built, PublishFailed (exit 1)
    when the filesystem fails the build; the previous set is intact in every case.
    """
    from qantar.dataset import load

    if jobs is not None and jobs < 1:
        raise ConfigError(f"--jobs {jobs}: must be 1 or more")
    ds = load(data_dir=data_dir)
    specs = load_config(config or settings.default_config(), ds=ds, notebooks_dir=notebooks_dir, timeout=timeout)
    order = [s.name for s in specs]
    wanted = list(only or [])
    unknown = [n for n in wanted if n not in order]
    if unknown:
        shown = [n if len(n) < 70 else n[:67] + "..." for n in unknown[:5]]
        raise ConfigError(f"--only: unknown run(s) {shown}; valid: {', '.join(order)}")
    if wanted:
        specs = [s for s in specs if s.name in wanted]
    target = resolve_target(reports_dir or settings.default_reports_dir())
    nb_dir = (notebooks_dir or settings.notebooks_dir()).resolve()
    # Absolute, because the kernels run in notebooks/: a relative QANTAR_DATA_DIR would point elsewhere there.
    data = str(ds.report.data_dir.resolve())
    texts = None if ds.report.texts_dir is None else str(ds.report.texts_dir.resolve())
    with build_lock(target):
        clean_stale(target)
        previous = _previous(target.path, needed=bool(wanted))
        staging = make_staging(target)
        try:
            if wanted:  # keep the runs that are not rebuilt, so --only refreshes part of the set
                for r in previous:
                    folder = target.path / r.name
                    if r.name not in wanted and r.name in order and folder.is_dir():
                        if folder.is_symlink():  # never publish what a link points to as a "kept" run
                            raise PublishError(
                                f"run folder {folder} is a symlink; rebuild the whole set without --only"
                            )
                        shutil.copytree(folder, staging / r.name, symlinks=True)
            work = [
                Job(
                    s.name,
                    s.notebook,
                    str(nb_dir / s.notebook),
                    s.parameters,
                    s.title,
                    str(staging / s.name),
                    data,
                    s.timeout,
                    publish=True,
                )
                for s in specs
            ]
            if on_start:
                on_start(len(work))
            results = run_jobs(work, jobs or os.cpu_count() or 1, on_result, staging, texts)
            if any(r.disk_full for r in results):
                raise OSError(DISK_FULL[0], os.strerror(DISK_FULL[0]), str(staging))
            if not all(r.ok for r in results):
                return BuildResult(results, target.path, staging)
            rebuilt = {r.name for r in results}
            kept = [
                r
                for r in previous
                if wanted and r.name not in rebuilt and r.name in order and (staging / r.name).is_dir()
            ]
            all_results = sorted(results + kept, key=lambda r: order.index(r.name))
            _finish(staging, all_results, ds, rebuilt)
            swap_in(staging, target)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise PublishFailed(
                f"cannot write the report set for {target.given}: {exc.strerror or exc}"
                f"{f' ({exc.filename})' if exc.filename else ''}; the previous set was left as it "
                "was"
            ) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)  # Ctrl-C or a bug: nothing half-built stays behind
            raise
    return BuildResult(all_results, target.path, kept=[r.name for r in kept])


def _finish(staging: Path, results: list[RunResult], ds: "Dataset", rebuilt: set[str]) -> None:
    """Write the shared assets, the dataset download, the manifest and every page of a set whose runs all succeeded."""
    from qantar.landing import card_findings, headline_findings
    from qantar.prose import site_intro
    from qantar.report.assets import write_assets
    from qantar.report.pages import dataset_page, dataset_zip, render_site
    from qantar.tables import atomic_write_text

    built_at = datetime.now(timezone.utc).strftime(display.BUILT_STAMP)
    write_assets(staging)
    descriptor = ds.report.descriptor
    dataset_zip(
        staging, ds.report.data_dir, [r["path"] for r in descriptor["resources"]], date.fromisoformat(built_at[:10])
    )
    dataset_page(staging, descriptor, built_at)
    atomic_write_text(staging / MANIFEST, json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False))
    runs = [(r.name, r.notebook, r.parameters) for r in results]
    render_site(
        staging,
        results,
        built_at,
        site_intro(ds),
        rebuilt,
        version=ds.version,
        headlines=headline_findings(ds, runs),
        cards=card_findings(ds, runs),
    )
