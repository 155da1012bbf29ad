"""Candidate files: their problems, their rows as a table's cells, the derived columns accept fills in.

Split out of :mod:`qantar.workflow` (which re-exports these names).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qantar import contract
from qantar.workflow_store import WorkflowError, _Table


DECISIONS = contract.REVIEW_DECISIONS  # review_log.decision: as proposed, changed, refused, by hand


# What a candidate file's "decision" may say, and the review-log word for it (the log's own words are accepted too).
FILE_DECISIONS = {"accept": "accepted", "edit": "edited", "reject": "rejected", "add": "added"}
FILE_DECISIONS.update({d: d for d in DECISIONS})


CANDIDATE_TABLES = contract.RECORD_TABLES  # the candidate file's top-level keys


# Keys of a candidate that are not columns of its table: where and how it was found, and what the reviewer decided.
META_KEYS = frozenset(
    {
        "candidate_id",
        "start",
        "end",
        "rule",
        "confidence",
        "review_notes",
        "notes",
        "decision",
        "reason",
        "duplicate_of",
        "seconds",
    }
)


# Columns that hold the id of another record: a candidate may give a candidate_id of the same file instead.
REFERENCE_COLUMNS = {
    "places": ("parent_id",),
    "events": ("place_id",),
    "casualty_reports": ("scope_place_id", "event_id"),
    "reactions": ("actor_for", "counterpart_for"),
}


@dataclass(frozen=True)
class CandidateProblem:
    """One broken rule in a candidate file: where (file, table, candidate, column), what value, which rule."""

    file: str
    table: str | None
    candidate_id: str | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.table:
            where += f", table {self.table}"
        if self.candidate_id:
            where += f", candidate {self.candidate_id!r}"
        if self.column:
            where += f", column '{self.column}'"
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            where += f", value {shown!r}"
        return f"{where}: {self.rule}"


class CandidateFileError(WorkflowError):
    """A candidate file that cannot be accepted; carries every problem found (nothing was written)."""

    def __init__(self, problems: list[CandidateProblem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s); nothing was written:\n{lines}")


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
    notes: list[str] = field(default_factory=list)  # what accept filled in or left alone, for the person


def _cell(value: Any) -> str | None:
    """A JSON value as a CSV cell (None when it cannot be one)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    return None


def slug(name: str) -> str:
    """A place id from a name: ASCII, lower case, words joined by underscores ("Almaty Region" -> almaty_region)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:64]
    return out if out[:1].isalpha() else f"p_{out}"[:64]


def fill_derived(table: str, row: dict[str, str]) -> list[str]:
    """Fill, where left empty, the columns accept derives from others; the names filled.

    A figure's ``low``/``high`` from its qualifier and value (both empty only: given bounds are the reviewer's),
    a reaction's ``cameo_label`` from its code, and a figure's ``status`` as ``stated`` (candidate files written
    before data 0.3.0 have no status; withdrawn and disputed are a reviewer's decision, never a default).
    The review app's live check fills the same (one definition).
    """
    filled: list[str] = []
    if table == "casualty_reports" and not row.get("status"):
        row["status"] = "stated"
        filled.append("status")
    if table == "casualty_reports" and not row.get("low") and not row.get("high"):
        from qantar.qualifiers import NUMERIC, WORD_ONLY, bounds

        q, value = row.get("qualifier", ""), row.get("value", "")
        if q in WORD_ONLY or (q in NUMERIC and re.fullmatch(r"[0-9]{1,18}", value)):
            low, high = bounds(q, int(value) if value else None)
            row["low"], row["high"] = _cell(low) or "", _cell(high) or ""  # an int or None is always a cell
            filled += [k for k in ("low", "high") if row[k]]
    if table == "reactions" and row.get("cameo_code") and not row.get("cameo_label"):
        from qantar.cameo import cameo_codes

        label = cameo_codes().get(row["cameo_code"], "")
        if label:
            row["cameo_label"] = label
            filled.append("cameo_label")
    return filled


def load_candidates(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read a candidate file (JSON), or raise a CandidateFileError naming the file and what is wrong with it."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CandidateFileError(
            [CandidateProblem(name, None, None, None, None, f"cannot read: {exc.strerror}")]
        ) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CandidateFileError(
            [CandidateProblem(name, None, None, None, None, f"encoding: not UTF-8 (byte {exc.start})")]
        ) from None
    except (ValueError, RecursionError) as exc:
        raise CandidateFileError([CandidateProblem(name, None, None, None, None, f"bad JSON: {exc}")]) from None
    return data


ID_PREFIXES = {"events": "ev", "casualty_reports": "cr", "reactions": "re", "citations": "ci", "review_log": "lg"}


def _row_problems(table: _Table, row: dict[str, str], fname: str) -> list[str]:
    """The schema problems of one new row (the validator's own field check)."""
    from qantar.validation import _check_field

    out: list = []
    for fdef in table.fields:
        _check_field(fname, len(table.rows) + 1, fdef, row.get(fdef["name"], ""), out)
    return [str(p) for p in out]
