"""Shared files of a report set: one plotly.min.js for every page and figure, and the stylesheet."""

from __future__ import annotations

import shutil
from pathlib import Path

ASSETS = "assets"
PLOTLYJS = "plotly.min.js"
SOURCE = Path(__file__).parent / "assets"


def write_assets(root: Path) -> Path:
    """Write ``<root>/assets/`` (plotly.js from the installed plotly package, the stylesheet); return the folder."""
    from plotly.offline import get_plotlyjs

    folder = root / ASSETS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / PLOTLYJS).write_text(get_plotlyjs(), encoding="utf-8")
    for item in SOURCE.iterdir():
        if item.is_file():
            shutil.copyfile(item, folder / item.name)  # contents only: a new file's mode comes from the umask
    return folder
