"""Paths: where the dataset, the source register and the source texts live.

Data paths come from the package location (the repository the package was installed
from in editable mode), never from the working directory. The source texts are not in
the repository; their folder is a setting: an explicit argument, else the environment
variable ``QANTAR_TEXTS_DIR``.
"""
from __future__ import annotations

import os
from pathlib import Path

TEXTS_ENV = "QANTAR_TEXTS_DIR"
DATA_ENV = "QANTAR_DATA_DIR"


def project_root() -> Path:
    """Return the repository root (the folder holding data/, seeds/ and lib/)."""
    return Path(__file__).resolve().parents[2]


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the dataset folder: the argument, else $QANTAR_DATA_DIR, else <root>/data."""
    if override is not None:
        return Path(override)
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else project_root() / "data"


def seeds_dir() -> Path:
    """Return the folder holding the source register (seeds/sources.csv)."""
    return project_root() / "seeds"


def register_path() -> Path:
    """Return the path of the machine-readable source register."""
    return seeds_dir() / "sources.csv"


def geo_dir() -> Path:
    """Return the folder holding the project's derived geo files."""
    return project_root() / "data" / "geo"


def texts_dir(override: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the source-texts folder from the argument or $QANTAR_TEXTS_DIR, or None if neither is set."""
    if override is not None:
        return Path(override)
    env = os.environ.get(TEXTS_ENV)
    return Path(env) if env else None
