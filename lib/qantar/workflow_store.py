"""The workflow's store: one writer at a time (a lock), all-or-nothing writes (a journal), the tables it reads.

Split out of :mod:`qantar.workflow` (which re-exports these names).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from qantar import atomic, display, settings
from qantar.problems import QantarError
from qantar.tables import read_table, rows_text


_TMP_TAG = ".wf-"  # temporary files of a workflow write: .<name>.wf-XXXX.tmp beside their target


class WorkflowError(QantarError):
    """A refused add-text or accept: the message says why; nothing was written."""


@contextlib.contextmanager
def locked(data_dir: Path, wait: float | None = None) -> Iterator[list[str]]:
    """Hold the data folder's writer lock (waiting up to ``wait`` seconds), finishing any interrupted write first.

    Yields the files that interrupted write renamed (usually none).
    """
    wait = settings.LOCK_WAIT_S if wait is None else wait
    path = data_dir / settings.LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                    raise WorkflowError(
                        f"another add-text or accept is writing to {data_dir} (lock {path.name}"
                        f"{', held by process ' + holder if holder else ''}); waited {wait:g} s: try again when "
                        "it has finished"
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield recover(data_dir, _locked=True)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def recover(data_dir: Path | None = None, _locked: bool = False) -> list[str]:
    """Finish a write interrupted between its renames (roll forward from the journal); the files renamed.

    Temporary files of a write that stopped before its journal was written are removed: that write never began.
    """
    ddir = settings.data_dir(data_dir)
    if not _locked:
        with locked(ddir) as done:
            return done
    journal = ddir / settings.JOURNAL_NAME
    done = []  # list[str], as locked() yields
    if journal.exists():
        entries = json.loads(journal.read_text(encoding="utf-8"))["renames"]
        for tmp, final in entries:
            if Path(tmp).exists():
                os.replace(tmp, final)
                done.append(final)
        for folder in {Path(final).parent for _, final in entries}:
            atomic.fsync_dir(folder)
        journal.unlink()
        atomic.fsync_dir(ddir)
    for stale in ddir.glob(f".*{_TMP_TAG}*.tmp"):
        stale.unlink(missing_ok=True)
    return done


def _stage_file(final: Path, data: bytes) -> Path:
    """Write ``data`` to a synced temporary file beside ``final`` with the mode ``final`` has or would get."""
    return atomic.stage(final, lambda tmp: None if tmp.write_bytes(data) else None, sync=True, tag=_TMP_TAG)


def _rename(tmp: Path, final: Path) -> None:
    """One step of a commit (a function of its own so a test can stop the process between two steps)."""
    os.replace(tmp, final)


def _commit(data_dir: Path, files: dict[Path, bytes]) -> None:
    """Replace every file in ``files`` with its new bytes, all or nothing (under the lock).

    Temporary files first; then the journal of renames (written atomically); then the renames; then the journal
    goes. A crash before the journal leaves only temporary files (removed by :func:`recover`); after it,
    :func:`recover` finishes the renames.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for final, data in files.items():
            staged.append((_stage_file(final, data), final))
        journal = data_dir / settings.JOURNAL_NAME
        body = json.dumps({"renames": [[str(t), str(f)] for t, f in staged]}, indent=1).encode()
        _rename(_stage_file(journal, body), journal)
        atomic.fsync_dir(data_dir)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        _rename(tmp, final)
    for folder in {f.parent for _, f in staged}:
        atomic.fsync_dir(folder)
    journal.unlink()
    atomic.fsync_dir(data_dir)


@dataclass
class _Table:
    name: str
    path: Path
    header: list[str]
    rows: list[dict[str, str]]
    fields: list[dict[str, Any]]
    new: list[dict[str, str]] = field(default_factory=list)
    origin: list[str] = field(default_factory=list)  # the candidate_id each new row comes from

    def csv_bytes(self) -> bytes:
        """The table with its new rows, as CSV bytes (values exactly as given: the validator judges them)."""
        # Not neutralised: a cell that starts a formula is refused by the validator rather than silently changed.
        rows = ({k: row.get(k, "") for k in self.header} for row in [*self.rows, *self.new])
        return rows_text(self.header, rows, safe=False).encode("utf-8")


def _descriptor(data_dir: Path) -> dict[str, Any]:
    path = data_dir / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkflowError(f"{path}: not found: is {data_dir} a Qantar data folder?") from None
    except ValueError as exc:
        raise WorkflowError(f"{path}: cannot read the descriptor ({exc}); run qantar validate") from None


def _read_tables(data_dir: Path, names: tuple[str, ...]) -> dict[str, _Table]:
    """Read the named tables as the descriptor declares them; an unreadable one stops the write."""
    resources = {r["name"]: r for r in _descriptor(data_dir).get("resources", []) if isinstance(r, dict)}
    out: dict[str, _Table] = {}
    for name in names:
        res = resources.get(name)
        if res is None:
            raise WorkflowError(f"datapackage.json declares no '{name}' table; this data folder predates issue 18")
        path = data_dir / res["path"]
        header, rows, problems, _ = read_table(path, res["path"])
        if problems or not path.is_file():
            detail = "; ".join(map(str, problems)) or "file missing"
            raise WorkflowError(f"{res['path']}: {detail}; run qantar validate")
        out[name] = _Table(name, path, header, rows, res["schema"]["fields"])
    return out


def _next_id(prefix: str, taken: list[str]) -> str:
    numbers = [int(t[len(prefix) :]) for t in taken if t.startswith(prefix) and t[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _now() -> str:
    return datetime.now(timezone.utc).strftime(display.ISO_STAMP)
