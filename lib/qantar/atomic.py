"""Atomic file writes: the kit's one way to replace a file so that no reader ever sees half of it.

Every writer of a single file (CSV tables, exports, pages, notebooks, the load cache) goes through
:func:`atomic_write`; the workflow's all-or-nothing commit of several files stages each with :func:`stage`
and renames them itself, under its journal. (Publishing a report set swaps whole folders: that is
:mod:`qantar.report.publish`'s job, not a file write.)
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Callable

__all__ = ["atomic_write", "atomic_write_text", "file_mode", "fsync_dir", "special_kind", "stage", "umask"]


def umask() -> int:
    """The process's file-mode creation mask, read without changing it (Linux), else by setting it back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: the only portable read is a write; put it back at once
    os.umask(mask)
    return mask


def file_mode(path: Path) -> int:
    """Permission bits for a file written at ``path``: those of the regular file it replaces, else 0o666 & ~umask."""
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    except OSError:
        pass
    return 0o666 & ~umask()


def stage(path: Path, write: Callable[[Path], None], sync: bool = False, tag: str = "") -> Path:
    """Run ``write(tmp)`` on a new temporary file beside ``path`` and give it ``path``'s mode; return the file.

    The file is named ``.<name><tag>XXXX.tmp`` in the same folder (so a rename onto ``path`` is atomic). It gets
    the mode any ordinary tool would give ``path`` (see :func:`file_mode`), not mkstemp's private 0600. With
    ``sync`` its bytes reach the disk before it is returned (a journaled write renames it later). On any
    failure the temporary file is removed.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}{tag or '.'}", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if sync:
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        os.chmod(tmp, file_mode(path))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def atomic_write(path: Path, write: Callable[[Path], None], sync: bool = False) -> Path:
    """Run ``write(tmp)`` on a temporary file in ``path``'s folder (see :func:`stage`), then rename it onto ``path``.

    A reader never sees half a file. Only a regular file or nothing is ever replaced: a symlink, FIFO,
    device or socket that appeared at ``path`` is left alone and the write is refused. With ``sync`` the
    file and the folder's new entry are flushed to disk before it returns.
    """
    path = Path(path)
    tmp = stage(path, write, sync=sync)
    try:
        kind = special_kind(path)
        if kind is not None:
            raise FileExistsError(errno.EEXIST, f"not a regular file ({kind}); refusing to replace it", str(path))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync:
        fsync_dir(path.parent)
    return path


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it exists and is not a regular file ('a folder', 'a symbolic link', ...), else None."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "a special file"


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write`)."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    return atomic_write(path, write)
