"""Evidence spans: verbatim, at most 160 characters, and on one line (found in the seeds' rebuild: a quote's
speaker named on the next line gave a two-line snippet that the validator refused)."""

from __future__ import annotations

from datetime import date

from qantar.extract.core import EVIDENCE_MAX, Doc, evidence_span


def test_a_match_across_lines_is_cut_at_the_line_end() -> None:
    text = '"We are following events closely," one diplomat wrote\nin a note, the ministry said.'
    doc = Doc(text, date(2022, 1, 7))
    a, b = evidence_span(doc, 0, len(text))
    assert "\n" not in text[a:b] and text[a:b].startswith('"We are') and b - a <= EVIDENCE_MAX


def test_a_long_line_still_gives_at_most_the_limit() -> None:
    text = "word " * 80 + "\nnext line"
    doc = Doc(text, date(2022, 1, 7))
    a, b = evidence_span(doc, 100, 300)
    assert b - a <= EVIDENCE_MAX and "\n" not in text[a:b]
