"""Date rules: calendar dates and relative expressions resolved against the publication date (issue 18).

Placeholder: the interface the other modules use; the rules are written in issue 18.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from qantar.extract.core import Doc


@dataclass(frozen=True)
class DateRef:
    """A date expression found in a text: where, the days it allows, its precision and how it was resolved."""

    start: int
    end: int
    date_start: date
    date_end: date
    precision: str  # events.date_precision: day, range, month, year, before
    basis: str  # events.date_basis: stated, weekday_resolved, relative_resolved, announcement, context, document_date
    rule: str


def dates_in(doc: Doc, start: int = 0, end: int | None = None) -> list[DateRef]:
    """Every date expression in doc.text[start:end], in text order."""
    return []


def date_for(doc: Doc, pos: int) -> DateRef:
    """The date governing the statement at offset ``pos``: its sentence's date expression, else the publication day
    as a range from the unrest's start (basis document_date)."""
    from qantar import settings

    return DateRef(pos, pos, settings.DEFAULT_START, doc.published, "range", "document_date", "document_date")
