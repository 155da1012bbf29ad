"""The extractor's shared parts: a document with its sentences, a candidate row, and verbatim evidence.

Every rule module (places, dates, figures, events, reactions) reads a :class:`Doc` and returns
:class:`Candidate` rows. A candidate carries the target table's columns as far as the text fills them,
the character offsets of what was found in the text as given, a verbatim evidence span of at most
:data:`EVIDENCE_MAX` characters around it (the same limit the validator applies), the name of the rule
that found it and a confidence between 0 and 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from qantar.contract import EVIDENCE_MAX, EVIDENCE_MIN

TABLES = ("places", "events", "casualty_reports", "reactions")  # the candidate file's top-level keys, in order
# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before whitespace, or at a line break.
# Abbreviations that end in a full stop inside a sentence ("U.S.", "Jan.", "Gen.") do not end it.
_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|St|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|vs|etc)\.)$")
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n+")


@dataclass(frozen=True)
class Doc:
    """A text to extract from: the text as given, its publication date and (when registered) its doc id."""

    text: str
    published: date
    doc_id: str = ""

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans as (start, end) offsets into ``text``, leading and trailing whitespace excluded."""
        spans: list[tuple[int, int]] = []
        start = 0
        for m in _END.finditer(self.text):
            if m.group().startswith(".") and _ABBREV.search(self.text[start : m.start() + 1]):
                continue
            spans.append((start, m.end()))
            start = m.end()
        spans.append((start, len(self.text)))
        out = []
        for a, b in spans:
            chunk = self.text[a:b]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            if b - trail > a + lead:
                out.append((a + lead, b - trail))
        return out

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding offset ``pos`` (the whole text when there is none)."""
        for a, b in self.sentences:
            if a <= pos < b:
                return a, b
        return 0, len(self.text)


def evidence_span(doc: Doc, start: int, end: int, limit: int = EVIDENCE_MAX) -> tuple[int, int]:
    """Offsets of a verbatim evidence span of at most ``limit`` characters covering [start, end).

    The whole sentence when it fits; otherwise the match widened word by word, evenly on both
    sides, within its sentence. A match longer than ``limit`` is cut to its first ``limit`` characters.
    """
    # evidence is one line of the text (the validator's rule): a match running past its line is cut at the line end
    text = doc.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    end = max(start + 1, min(end, line_end))
    if end - start >= limit:
        return start, start + limit
    s_start, s_end = doc.sentence_of(start)
    s_start, s_end = max(s_start, line_start), min(max(s_end, end), line_end)
    if s_end - s_start <= limit:
        return s_start, s_end
    a, b = start, end
    while True:
        grew = False
        if a > s_start:
            na = text.rfind(" ", s_start, a - 1)
            na = s_start if na < 0 else na + 1
            if b - na <= limit:
                a, grew = na, True
        if b < s_end:
            nb = text.find(" ", b + 1, s_end)
            nb = s_end if nb < 0 else nb
            if nb - a <= limit:
                b, grew = nb, True
        if not grew:
            break
    return a, b


@dataclass
class Candidate:
    """One proposed row: the target table's columns as far as known, where it was found, by which rule, how sure."""

    table: str
    row: dict[str, Any]
    start: int
    end: int
    rule: str
    confidence: float
    evidence: str = ""
    notes: list[str] = field(default_factory=list)  # what the rule could not decide, for the reviewer

    def with_evidence(self, doc: Doc) -> "Candidate":
        """Fill ``evidence`` with a verbatim span around the match (and the row's evidence column with it)."""
        a, b = evidence_span(doc, self.start, self.end)
        self.evidence = doc.text[a:b]
        if len(self.evidence.strip()) < EVIDENCE_MIN:
            self.evidence = doc.text[self.start : self.end]
        self.row["evidence"] = self.evidence
        if doc.doc_id:
            self.row["doc_id"] = doc.doc_id
        return self

    def to_json(self) -> dict[str, Any]:
        """The candidate as the candidate file holds it: the row's columns, then the extraction's own fields."""
        return {
            **self.row,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
            "rule": self.rule,
            "confidence": round(float(self.confidence), 2),
            **({"review_notes": "; ".join(self.notes)} if self.notes else {}),
        }
