"""Find absolute paths of this machine (the clone, temp folders, home, the texts) in a published or committed file."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from qantar import settings


def _prefixes() -> list[str]:
    """The machine's own folders, longest first, as they would appear in a file (plain and JSON-escaped)."""
    folders = {settings.project_root().resolve(), Path(tempfile.gettempdir()).resolve(), Path.home().resolve()}
    texts = settings.texts_dir()
    if texts is not None:
        folders.add(texts.resolve())
    found = set()
    for folder in folders:
        if folder != Path(folder.anchor):
            found |= {str(folder), str(folder).replace("/", "\\/"), folder.as_uri()}
    return sorted(found, key=len, reverse=True)


def local_paths(path: Path) -> list[str]:
    """Each place in ``path`` (a text file; binary files give none) naming one of the machine's folders."""
    if not path.is_file() or path.is_symlink():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return []
    pattern = re.compile("|".join(re.escape(p) + r"(?![A-Za-z0-9_.-])" for p in _prefixes()))
    return [text[max(0, m.start() - 40) : m.end() + 40] for m in pattern.finditer(text)][:5]


def _main() -> None:  # pragma: no cover - a manual check: python tests/paths_check.py FOLDER
    import sys

    for root in sys.argv[1:]:
        for p in sorted(Path(root).rglob("*")):
            for hit in local_paths(p):
                print(f"{p}: {hit!r}")


if __name__ == "__main__":  # pragma: no cover
    _main()
