"""Source texts: reading, hashing and verbatim evidence lookup."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

_WS = re.compile(r"\s+")


def normalise_ws(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_texts(folder: Path) -> dict[str, str]:
    """Read every ``*.txt`` in ``folder`` as UTF-8, keyed by file stem (the document id)."""
    if not folder.is_dir():
        raise FileNotFoundError(f"source-texts folder not found: {folder} (set QANTAR_TEXTS_DIR or pass texts_dir)")
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def snippet_in_text(snippet: str, text: str) -> bool:
    """True if ``snippet`` occurs verbatim in ``text`` once whitespace is normalised in both."""
    return normalise_ws(snippet) in normalise_ws(text)
