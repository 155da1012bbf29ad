"""Source texts: reading, hashing and verbatim evidence lookup."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from qantar.problems import Problem

_WS = re.compile(r"\s+")


def normalise_ws(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_texts(folder: Path) -> tuple[dict[str, str] | None, list[Problem]]:
    """Read every ``*.txt`` in ``folder`` as UTF-8, keyed by file stem (the document id), with the problems met.

    Returns None for the texts when the folder itself is missing; a single unreadable or
    non-UTF-8 text is a problem naming its file and line, and is left out.
    """
    try:
        if not folder.is_dir():
            return None, [
                Problem(
                    str(folder),
                    None,
                    None,
                    None,
                    "source-texts folder not found (set QANTAR_TEXTS_DIR or pass --texts-dir)",
                )
            ]
        paths = sorted(folder.glob("*.txt"))
    except OSError as exc:
        return None, [Problem(str(folder), None, None, None, f"cannot read the source-texts folder: {exc.strerror}")]
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for path in paths:
        if not path.is_file():  # a FIFO or a device would block or never end
            problems.append(Problem(str(path), None, None, None, "not a regular file"))
            continue
        try:
            data = path.read_bytes()
            texts[path.stem] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    None,
                    f"encoding: byte 0x{data[exc.start : exc.start + 1].hex().upper()} on line {line} "
                    "is not UTF-8; source texts must be UTF-8",
                )
            )
        except OSError as exc:
            problems.append(Problem(str(path), None, None, None, f"cannot read text: {exc.strerror or exc}"))
    return texts, problems
