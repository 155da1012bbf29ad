"""Load cache: validated tables kept by a content hash of every input, so a second load skips validation.

The key is a SHA-256 over the code that validates and types the tables, the library versions that
shape the frames, datapackage.json, every table file it names and (when the texts are checked) every
source text, each by its bytes. Touching a file changes nothing; changing one byte of any input is a
new key, so a changed file is always validated again: the cache never hides a problem. Only a dataset
that validated cleanly is stored, so every error message comes from a full validation.

An entry is one file in :func:`qantar.settings.cache_dir` (outside the repository), written atomically.
It starts with a header naming its key and the SHA-256 of its payload; an entry whose header, digest or
contents do not check out is ignored (and replaced by the next store), never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from qantar import settings

# Bump when what an entry holds changes shape (the code's own bytes are hashed as well).
FORMAT = 1
MAGIC = b"QANTAR-LOAD-CACHE"
KEEP = 8  # entries kept; the least recently used beyond these are removed when one is stored


def _digest(path: Path) -> str | None:
    """SHA-256 of a regular file's bytes; None when it is missing, not a regular file or unreadable."""
    try:
        if not path.is_file():  # a FIFO or device would block: leave it to validation to report
            return None
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A digest of the validating code and the versions of what builds the frames.

    Once per process: the code that runs is what was imported, so a module edited later (on disk) does not change
    what this process validates with; the next process hashes the new files.
    """
    import numpy
    import pandas

    here = Path(__file__).resolve().parent
    parts = [f"format {FORMAT}", sys.version, pandas.__version__, numpy.__version__]
    # Every module of the package, not a list to keep up to date: a change anywhere only costs one cold load.
    for path in sorted(here.glob("*.py")):
        parts.append(f"{path.name} {_digest(path)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def key(data_dir: Path, texts_dir: Path | None) -> str | None:
    """The content key of a dataset (and its texts), or None when an input cannot be hashed (then no cache).

    None also when the folder holds an interrupted write's journal: validation must report it every time.
    """
    desc_path = data_dir / "datapackage.json"
    desc_digest = _digest(desc_path)
    if desc_digest is None or (data_dir / settings.JOURNAL_NAME).exists():
        return None
    try:
        descriptor = json.loads(desc_path.read_bytes())
        paths = sorted({str(r["path"]) for r in descriptor["resources"]})
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    if any("/" in rel or "\\" in rel or rel.startswith(".") for rel in paths):
        return None  # not a plain file name: validation refuses it
    named = [(f"table {rel}", data_dir / rel) for rel in paths]
    if texts_dir is not None:
        try:
            if not texts_dir.is_dir():
                return None
            named += [(f"text {path.name}", path) for path in sorted(texts_dir.glob("*.txt"))]
        except OSError:
            return None
    # hashlib lets go of the GIL on large buffers: the tables hash side by side, which counts at 1000x.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        digests = list(pool.map(_digest, [path for _, path in named]))
    if any(d is None for d in digests):
        return None
    parts = [_code_version(), f"datapackage.json {desc_digest}", f"texts checked {texts_dir is not None}"]
    parts += [f"{label} {digest}" for (label, _), digest in zip(named, digests, strict=True)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _entry(folder: Path, digest: str) -> Path:
    return folder / f"load-{digest}.pkl"


def get(digest: str, folder: Path | None = None) -> Any | None:
    """The payload stored under ``digest``, or None when there is none or it does not check out."""
    folder = folder if folder is not None else settings.cache_dir()
    if folder is None:
        return None
    path = _entry(folder, digest)
    try:
        with open(path, "rb") as fh:
            header = fh.readline()
            body = fh.read()
    except OSError:
        return None
    parts = header.rstrip(b"\n").split(b" ")
    if len(parts) != 3 or parts[0] != MAGIC or parts[1].decode("ascii", "replace") != digest:
        return None
    if hashlib.sha256(body).hexdigest().encode() != parts[2]:
        return None  # truncated or altered: rebuilt by the caller
    try:
        payload = pickle.loads(body)
    except Exception:  # noqa: BLE001 - any unpickling failure means an unusable entry, never a failed load
        return None
    try:
        os.utime(path)  # recently used: kept by the pruning
    except OSError:
        pass
    return payload


def put(digest: str, payload: Any, folder: Path | None = None) -> Path | None:
    """Store ``payload`` under ``digest`` atomically; None (and nothing stored) when the folder is not writable."""
    from qantar.atomic import atomic_write

    folder = folder if folder is not None else settings.cache_dir()
    if folder is None:
        return None
    body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    header = b" ".join([MAGIC, digest.encode(), hashlib.sha256(body).hexdigest().encode()]) + b"\n"

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            fh.write(header)
            fh.write(body)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = atomic_write(_entry(folder, digest), write)
    except OSError:
        return None  # a read-only or full disk costs speed, not correctness
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    """Remove the least recently used entries beyond :data:`KEEP`."""
    try:
        entries = sorted(folder.glob("load-*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned the same entry first
