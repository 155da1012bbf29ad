"""Qantar: load, validate and derive views from the source-cited January 2022 Kazakhstan dataset.

Importing the package is cheap and has no side effects; pandas and geopandas are
imported by the functions that need them.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

# Public names resolved lazily so `import qantar` stays fast (papermill floor, CLI start-up).
_LAZY = {
    "load": ("qantar.dataset", "load"),
    "Dataset": ("qantar.dataset", "Dataset"),
    "DataValidationError": ("qantar.problems", "DataValidationError"),
    "Problem": ("qantar.problems", "Problem"),
    "validate": ("qantar.validation", "validate"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    """Import public objects on first use."""
    if name in _LAZY:
        import importlib

        module_name, attr = _LAZY[name]
        return getattr(importlib.import_module(module_name), attr)
    raise AttributeError(f"module 'qantar' has no attribute {name!r}")
