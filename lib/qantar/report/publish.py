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

The swap replaces a whole folder, a different job from replacing one file: files are written atomically by
:func:`qantar.atomic.atomic_write` (the kit's one implementation); the marker files here are written inside
the staging folder, which no reader sees before the swap.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from qantar import display
from qantar.problems import QantarError
from qantar.report.config import RUN_NAME

MARKER = ".qantar-report-set"
STAGING_MARKER = ".qantar-staging"
MANIFEST = "manifest.json"
# What a published set holds besides one folder per run (the site's pages, shared assets, the dataset download).
SET_FILES = (MARKER, MANIFEST, "index.html", "assets", "dataset")
RUN_FIELDS = {"name", "notebook", "parameters", "title", "ok", "seconds"}  # what the manifest keeps of each run


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


def _marker(folder: Path, name: str) -> dict[str, object] | None:
    """The JSON of a marker file in ``folder`` (None when absent, unreadable, or not a regular file)."""
    path = folder / name
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > 4096:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else {}


def set_problem(folder: Path) -> str | None:
    """Why ``folder`` is not provably a report set this runner made, or None when it is.

    Proof: a manifest of the runner's shape (a non-empty list of runs, each with a run name, notebook and
    outcome), the marker file (or, for sets built before the marker, the runner's plotly.min.js), and
    nothing in the folder but what a set holds: the shared files and one folder per listed run.
    """
    manifest = folder / MANIFEST
    try:
        if manifest.is_symlink() or not manifest.is_file():  # a FIFO or a device would never end
            return f"it has no {MANIFEST} of its own"
        if manifest.stat().st_size > 10_000_000:
            return f"its {MANIFEST} is too large to be the runner's"
        runs = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        return f"its {MANIFEST} cannot be read ({str(exc)[:80] or type(exc).__name__})"
    if not (
        isinstance(runs, list)
        and runs
        and all(
            isinstance(r, dict)
            and RUN_FIELDS <= set(r)
            and isinstance(r["name"], str)
            and RUN_NAME.fullmatch(r["name"])
            and isinstance(r["notebook"], str)
            for r in runs
        )
    ):
        return f"its {MANIFEST} does not list the runs of a set the runner built"
    try:
        if _marker(folder, MARKER) is None and not (folder / "assets" / "plotly.min.js").is_file():
            return f"it has no {MARKER} file"
        expected = {*SET_FILES, *(r["name"] for r in runs)}
        foreign = sorted(p.name for p in folder.iterdir() if p.name not in expected)
    except OSError as exc:
        return f"it cannot be listed ({exc.strerror})"
    if foreign:
        more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        return f"it holds {', '.join(foreign[:5])}{more}, which the runner did not make"
    return None


def is_report_set(folder: Path) -> bool:
    """True for a folder this runner published and nobody added to (see :func:`set_problem`)."""
    return set_problem(folder) is None


def _owned(folder: Path, target: Target, marker: str) -> bool:
    """True when ``folder`` carries ``marker`` naming this target (so a look-alike name never matches)."""
    data = _marker(folder, marker)
    return data is not None and data.get("target") in (str(target.path), target_id(target.path))


def target_id(path: Path) -> str:
    """How a published set's marker names its folder: a digest, so the set never shows the builder's paths."""
    import hashlib

    return "sha256:" + hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()


def _protected() -> list[Path]:
    """Folders a report set may never be published into: the project's notebooks, data and sources."""
    from qantar import settings

    return [
        settings.notebooks_dir().resolve(),
        settings.data_dir().resolve(),
        settings.seeds_dir().resolve(),
        (settings.project_root() / "lib").resolve(),
    ]


def check_target(given: Path, real: Path) -> None:
    """Refuse a target that is not a new folder, an empty one, or a report set this runner made (exit 2)."""
    if real.is_symlink() or (given.is_symlink() and not real.exists()):
        raise PublishError(
            f"{given} is a symlink to {real}, which does not exist (or loops); create that folder or "
            "point the link at an existing one"
        )
    if real.exists() and not real.is_dir():
        raise PublishError(
            f"{given} is a file, not a folder; choose a folder for the report set"
            if real.is_file()
            else f"{given} is not a folder; choose a folder for the report set"
        )
    if real.is_dir():
        if os.path.ismount(real):
            raise PublishError(
                f"{given} is a mount point; the runner replaces the whole folder when it publishes, "
                f"so publish into a folder inside it, e.g. --reports-dir {given / 'reports'}"
            )
        problem = set_problem(real) if any(real.iterdir()) else None
        if problem is not None:
            raise PublishError(
                f"{given} exists and is not a Qantar report set ({problem}); the runner only replaces "
                "folders it made. Choose a new or empty folder, or move this one away."
            )


def resolve_target(path: str | os.PathLike[str]) -> Target:
    """Check a target folder before anything is built; raise PublishError naming it when it cannot be used."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise PublishError(f"{text!r} is not a valid UTF-8 path; choose a folder name in UTF-8") from None
    given = Path(os.path.abspath(os.path.expanduser(text)))
    try:
        real = Path(os.path.realpath(given))
        for p in (given, real):
            if p == Path(p.anchor):
                raise PublishError(f"refusing to publish into {p}: a filesystem root cannot be a report folder")
        for inside in _protected():
            if real == inside or inside in real.parents:
                raise PublishError(
                    f"refusing to publish into {given}: it is inside the project's {inside.name}/ folder, "
                    "which holds sources, not outputs"
                )
        check_target(given, real)
    except OSError as exc:
        raise PublishError(
            f"cannot use {given} as the report folder: {exc.strerror} ({exc.filename or given})"
        ) from None
    return Target(real, given)


@contextmanager
def build_lock(target: Target) -> Iterator[None]:
    """Hold the target's lock for a whole build; a second build into the same folder is refused.

    The lock file is opened without following symlinks and only ever holds a pid, so a lock path
    that someone pointed elsewhere is refused instead of overwritten.
    """
    import fcntl

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0), 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PublishError(
                f"{target.lock_path} is a symlink; the runner's lock file must be a plain file (remove the link)"
            ) from None
        raise PublishFailed(
            f"cannot write beside {target.path}: {exc.strerror} ({exc.filename or target.parent}); nothing was changed"
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > 64 or info.st_nlink > 1:
            raise PublishError(
                f"{target.lock_path} is not the runner's lock file (not a small, plain file); remove it and run again"
            )
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise PublishError(
                f"another `qantar report` (pid {holder}) is building into {target.path}; "
                "wait for it to finish, or stop it"
            ) from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError as exc:
            raise PublishFailed(
                f"cannot write beside {target.path}: {exc.strerror}; the previous set was left as it was"
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock; the file stays for the next build


def clean_stale(target: Target) -> list[Path]:
    """Under the lock: restore a set a crash left aside, then remove staging folders of dead builds.

    Only folders whose marker names this very target are touched, so another target whose name
    starts the same way ("reports-old") and a user's look-alike folders are never affected.
    """
    removed: list[Path] = []
    staging = re.compile(re.escape(target.sibling("staging")) + r"[0-9]+-[A-Za-z0-9_]+")
    aside = re.compile(re.escape(target.sibling("old")) + r"[0-9]+")
    candidates = [p for p in target.parent.iterdir() if p.is_dir() and not p.is_symlink()]
    if not target.path.exists():
        left = sorted(
            (p for p in candidates if aside.fullmatch(p.name) and _owned(p, target, MARKER)),
            key=lambda p: p.stat().st_mtime,
        )
        if left:
            os.rename(left[-1], target.path)
            candidates.remove(left[-1])
    for p in candidates:
        if (staging.fullmatch(p.name) and (_owned(p, target, STAGING_MARKER) or _owned(p, target, MARKER))) or (
            aside.fullmatch(p.name) and _owned(p, target, MARKER)
        ):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


def make_staging(target: Target) -> Path:
    """Create this build's staging folder beside the target (absolute path, readable like any folder)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{target.sibling('staging')}{os.getpid()}-", dir=target.parent))
        # mkdtemp makes it private (0700); the published folder gets the mode mkdir would give it (0777 & ~umask).
        from qantar.atomic import umask

        staging.chmod(0o777 & ~umask())
        (staging / STAGING_MARKER).write_text(json.dumps({"target": str(target.path)}) + "\n", encoding="utf-8")
    except OSError as exc:
        raise PublishFailed(
            f"cannot create a staging folder in {target.parent}: {exc.strerror}; the previous set was left as it was"
        ) from None
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
    """Swap a complete staging folder in as the target; afterwards the previous set is removed.

    The target is checked again right before the exchange (someone may have put a folder there during
    the build), and Ctrl-C is held off while swapping so that "interrupted" always means "not published".
    """
    import signal

    check_target(target.given, target.path)
    (staging / MARKER).write_text(
        json.dumps(
            {
                "tool": "qantar report",
                "target": target_id(target.path),
                "built_at": datetime.now(timezone.utc).strftime(display.ISO_STAMP),
            }
        )
        + "\n",
        encoding="utf-8",
    )
    (staging / STAGING_MARKER).unlink()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
    try:
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
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
