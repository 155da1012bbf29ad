"""Publishing a report set: whose folder it is, one build at a time, staging beside it, an atomic swap.

Rules, each with its reason:

* The runner replaces only a folder it made (it carries ``.qantar-report-set``) or an empty one;
  anything else is refused, so a mistyped ``--reports-dir`` can never delete a user's files.
* A symlinked target is published where the link points; the link itself is left alone.
* A lock file beside the target keeps two builds into one folder from overlapping.
* The new set is built in a staging folder beside the target (same filesystem, absolute path)
  and swapped in with one ``renameat2(RENAME_EXCHANGE)`` on Linux, so at every instant the target
  holds either the complete previous set or the complete new one. Where the exchange is not
  available, two renames with a rollback are used, and the next build restores a set a crash
  left aside.
* Staging and set-aside folders left by dead builds are removed by the next build (under the lock).
"""
from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from qantar.problems import QantarError

MARKER = ".qantar-report-set"
STAGING_MARKER = ".qantar-staging"


class PublishError(QantarError):
    """The target cannot be used (not ours, a file, the root, locked by another build): nothing was touched."""

    exit_code = 2


class PublishFailed(QantarError):
    """The filesystem failed the build (full, read-only, no permission); the previous set is intact."""

    exit_code = 1


@dataclass(frozen=True)
class Target:
    """Where a report set goes: ``path`` with symlinks resolved, ``given`` as the user wrote it (absolute)."""

    path: Path
    given: Path

    @property
    def parent(self) -> Path:
        """Folder holding the set, its staging folders and its lock file."""
        return self.path.parent

    def sibling(self, kind: str) -> str:
        """Name prefix of this target's staging ('staging') or set-aside ('old') folders."""
        return f".{self.path.name}-{kind}-"

    @property
    def lock_path(self) -> Path:
        """The lock file that keeps two builds into this target apart."""
        return self.parent / f".{self.path.name}.lock"


def is_report_set(folder: Path) -> bool:
    """True for a folder this runner published (marker file), including sets built before the marker existed."""
    if (folder / MARKER).is_file():
        return True
    try:  # sets from before the marker: a manifest listing runs, and the shared plotly.js
        runs = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return (folder / "assets" / "plotly.min.js").is_file() and isinstance(runs, list) and all(
            isinstance(r, dict) and {"name", "notebook", "ok"} <= set(r) for r in runs)
    except (OSError, ValueError):
        return False


def resolve_target(path: str | os.PathLike[str]) -> Target:
    """Check a target folder before anything is built; raise PublishError naming it when it cannot be used."""
    given = Path(os.path.abspath(os.path.expanduser(str(path))))
    real = Path(os.path.realpath(given))
    for p in (given, real):
        if p == Path(p.anchor):
            raise PublishError(f"refusing to publish into {p}: a filesystem root cannot be a report folder")
    if given.is_symlink() and not real.exists():
        raise PublishError(f"{given} is a symlink to {real}, which does not exist; create that folder or "
                           "point the link at an existing one")
    if real.exists() and not real.is_dir():
        raise PublishError(f"{given} is a file, not a folder; choose a folder for the report set")
    if real.is_dir() and not is_report_set(real) and any(real.iterdir()):
        raise PublishError(f"{given} exists and is not a Qantar report set (it has no {MARKER} file); the runner "
                           "only replaces folders it made. Choose a new or empty folder, or move this one away.")
    return Target(real, given)


@contextmanager
def build_lock(target: Target) -> Iterator[None]:
    """Hold the target's lock for a whole build; a second build into the same folder is refused."""
    import fcntl

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise PublishFailed(f"cannot write beside {target.path}: {exc.strerror} ({exc.filename or target.parent}); "
                            "nothing was changed") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise PublishError(f"another `qantar report` (pid {holder}) is building into {target.path}; "
                               "wait for it to finish, or stop it") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock; the file stays for the next build


def clean_stale(target: Target) -> list[Path]:
    """Under the lock: restore a set a crash left aside, then remove staging folders of dead builds."""
    removed: list[Path] = []
    if not target.path.exists():
        aside = sorted((p for p in target.parent.glob(target.sibling("old") + "*") if is_report_set(p)),
                       key=lambda p: p.stat().st_mtime)
        if aside:
            os.rename(aside[-1], target.path)
    for prefix in (target.sibling("staging"), target.sibling("old")):
        for p in target.parent.glob(prefix + "*"):
            if p.is_dir() and not p.is_symlink() and ((p / STAGING_MARKER).is_file() or is_report_set(p)):
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p)
    return removed


def make_staging(target: Target) -> Path:
    """Create this build's staging folder beside the target (absolute path, readable like any folder)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{target.sibling('staging')}{os.getpid()}-", dir=target.parent))
        staging.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable like any other
        (staging / STAGING_MARKER).write_text("staging folder of a qantar report build\n", encoding="utf-8")
    except OSError as exc:
        raise PublishFailed(f"cannot create a staging folder in {target.parent}: {exc.strerror}; "
                            "the previous set was left as it was") from None
    return staging


def _exchange(a: Path, b: Path) -> None:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); OSError(ENOSYS) where unsupported."""
    if not sys.platform.startswith("linux"):
        raise OSError(errno.ENOSYS, "renameat2 is Linux-only")
    fn = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if fn is None:
        raise OSError(errno.ENOSYS, "renameat2 not in this C library")
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def _rename_with_rollback(staging: Path, target: Target) -> None:
    """Fallback swap: set the old set aside, move the new one in, and put the old one back on failure."""
    aside = target.parent / f"{target.sibling('old')}{os.getpid()}"
    os.rename(target.path, aside)
    try:
        os.rename(staging, target.path)
    except BaseException:
        os.rename(aside, target.path)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def swap_in(staging: Path, target: Target) -> None:
    """Swap a complete staging folder in as the target; afterwards the previous set is removed."""
    (staging / MARKER).write_text(json.dumps({"tool": "qantar report", "built_at": datetime.now(timezone.utc)
                                              .strftime("%Y-%m-%dT%H:%M:%SZ")}) + "\n", encoding="utf-8")
    (staging / STAGING_MARKER).unlink()
    if not target.path.exists():
        os.rename(staging, target.path)
        return
    try:
        _exchange(staging, target.path)
    except OSError as exc:
        if exc.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        _rename_with_rollback(staging, target)
        return
    shutil.rmtree(staging, ignore_errors=True)  # after the exchange it holds the previous set
