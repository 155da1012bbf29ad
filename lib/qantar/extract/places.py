"""Extraction rules for places: placeholder until its rules are written (issue 18)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qantar.extract.core import Candidate, Doc

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset


def find(doc: Doc, dataset: "Dataset | None" = None) -> list[Candidate]:
    """No rules yet: nothing is proposed."""
    return []
