"""From a new text to cited records: register a text, accept reviewed candidates, log every decision (issue 18).

Placeholder: the interface that ``qantar add-text``, ``qantar accept`` and the review app share; the
implementation is written in issue 18. A person decides every candidate; nothing here decides for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

DECISIONS = ("accepted", "edited", "rejected", "added")  # review_log.decision: as proposed, changed, refused, by hand


@dataclass(frozen=True)
class Decision:
    """One reviewer decision on one candidate (a row of the review log)."""

    doc_id: str
    table: str
    candidate_id: str
    decision: str  # one of DECISIONS
    reviewer: str
    seconds: float
    reason: str = ""  # required for rejected
    record_id: str = ""  # the row written or cited (accepted, edited, added)
    rule: str = ""  # the extractor rule that proposed it ("" for added)


@dataclass
class AcceptResult:
    """What an accept wrote: new rows per table, citations added to existing rows, decisions logged."""

    new_rows: dict[str, list[str]] = field(default_factory=dict)
    citations: list[str] = field(default_factory=list)
    logged: int = 0


def register_text(
    path: Path,
    published: date,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    data_dir: Path | None = None,
    texts_dir: Path | None = None,
) -> str:
    """Copy a text into the texts folder under its content-derived doc id and add its sources.csv row; the doc id."""
    raise NotImplementedError("issue 18: qantar add-text")


def accept(
    candidates: dict[str, list[dict[str, Any]]],
    reviewer: str,
    data_dir: Path | None = None,
    texts_dir: Path | None = None,
) -> AcceptResult:
    """Write every candidate marked accept/edit as a new row (or a citation of the row it duplicates), log every
    decision, all or nothing; a candidate file with an undecided or invalid candidate is refused whole."""
    raise NotImplementedError("issue 18: qantar accept")
