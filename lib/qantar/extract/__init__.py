"""Candidate rows from a news text: rules you can read, a gazetteer, no statistical model, fully offline.

``extract(text, published)`` returns the candidate file: one key per target table (``places``,
``events``, ``casualty_reports``, ``reactions``), each a list of candidates. A candidate holds the
table's columns as far as the text fills them (ids are left for ``qantar accept`` to assign), the
``start``/``end`` offsets of what was found, a verbatim ``evidence`` span of at most 160 characters,
the ``rule`` that found it and a ``confidence``. A person reviews every candidate (``qantar review``
or an edited file and ``qantar accept``) before anything reaches the dataset.

The rule modules, each a set of small named functions with the phrases they handle in their docstrings:
:mod:`.places` (gazetteer, metonyms, false friends), :mod:`.dates` (relative dates against the
publication date), :mod:`.figures` (killed, injured, detained, arrested; qualifiers, number words,
who stated and relayed), :mod:`.events` (ACLED types and sub-types, happening hints) and
:mod:`.reactions` (actors, channels, CAMEO codes from a verb lexicon).
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from qantar.extract.core import TABLES, Candidate, Doc

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset

__all__ = ["TABLES", "Candidate", "Doc", "extract", "extract_doc", "to_json", "to_table"]


def extract_doc(doc: Doc, dataset: "Dataset | None" = None) -> dict[str, list[Candidate]]:
    """Run every rule module on ``doc``; ``dataset`` (optional) lets candidates point at existing records."""
    from qantar.extract import events, figures, places, reactions

    found: dict[str, list[Candidate]] = {
        "places": places.find(doc, dataset),
        "events": events.find(doc, dataset),
        "casualty_reports": figures.find(doc, dataset),
        "reactions": reactions.find(doc, dataset),
    }
    for table, cands in found.items():
        for c in cands:
            c.with_evidence(doc)
        cands.sort(key=lambda c: (c.start, c.end, c.rule))
        for i, c in enumerate(cands, start=1):
            c.row.setdefault("candidate_id", f"{table}:{i}")
    return found


def extract(
    text: str, published: date, doc_id: str = "", dataset: "Dataset | None" = None
) -> dict[str, list[dict[str, Any]]]:
    """The candidate file for ``text`` published on ``published``: one key per table, candidates as plain dicts."""
    found = extract_doc(Doc(text, published, doc_id), dataset)
    return {table: [c.to_json() for c in found[table]] for table in TABLES}


def to_json(candidates: dict[str, list[dict[str, Any]]]) -> str:
    """The candidate file as JSON text (UTF-8, one key per table, stable key order)."""
    return json.dumps(candidates, ensure_ascii=False, indent=2) + "\n"


def to_table(candidates: dict[str, list[dict[str, Any]]]) -> str:
    """The candidates as a plain-text table for reading in a terminal: table, rule, confidence, evidence."""
    lines = []
    for table in TABLES:
        rows = candidates.get(table, [])
        lines.append(f"{table} ({len(rows)})")
        for c in rows:
            key = {
                "places": lambda r: r.get("name", ""),
                "events": lambda r: f"{r.get('date_start', '')} {r.get('event_type', '')}/{r.get('event_kind', '')}",
                "casualty_reports": lambda r: (
                    f"{r.get('measure', '')} {r.get('qualifier', '')} {r.get('value', '') or ''} {r.get('group', '')}"
                ),
                "reactions": lambda r: f"{r.get('actor', '')} {r.get('cameo_code', '')}",
            }[table](c)
            lines.append(
                f"  {c['start']:>6}-{c['end']:<6} {c['confidence']:.2f} {c['rule']:<28} {key} | {c['evidence']}"
            )
    return "\n".join(lines) + "\n"
