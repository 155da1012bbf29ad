"""casualty_reports.status (data 0.3.0): a claim that was withdrawn or disputed keeps its row and says so."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from qantar import display, settings, workflow
from qantar.validation import validate


def test_a_candidate_without_status_is_filled_as_stated() -> None:
    row = {"qualifier": "exact", "value": "164"}
    assert "status" in workflow.fill_derived("casualty_reports", row)
    assert row["status"] == "stated"


def test_a_reviewers_status_is_never_overwritten() -> None:
    row = {"qualifier": "exact", "value": "164", "status": "withdrawn"}
    assert "status" not in workflow.fill_derived("casualty_reports", row)
    assert row["status"] == "withdrawn"


def test_every_status_has_a_label_and_the_descriptor_lists_the_same() -> None:
    import json

    desc = json.loads((settings.data_dir() / "datapackage.json").read_text())
    res = next(r for r in desc["resources"] if r["name"] == "casualty_reports")
    field = next(f for f in res["schema"]["fields"] if f["name"] == "status")
    assert field["constraints"]["enum"] == list(display.CLAIM_STATUS_LABELS)


@pytest.mark.parametrize("value", ["retracted", "", "Withdrawn"])
def test_a_status_outside_the_vocabulary_is_refused(tmp_path: Path, value: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(settings.data_dir(), data)
    path = data / "casualty_reports.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0])
    rows[0]["status"] = value
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, header)
        w.writeheader()
        w.writerows(rows)
    problems = [str(p) for p in validate(data, texts_dir=None).problems]
    assert any("status" in p and "casualty_reports" in p for p in problems), problems


def test_a_withdrawn_or_disputed_figure_without_a_note_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(settings.data_dir(), data)
    path = data / "casualty_reports.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0])
    withdrawn = next(i for i, r in enumerate(rows) if r["status"] == "withdrawn")
    rows[withdrawn]["notes"] = ""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, header)
        w.writeheader()
        w.writerows(rows)
    problems = [str(p) for p in validate(data, texts_dir=None).problems]
    assert any("status 'withdrawn' needs a note" in p and f"row {withdrawn + 1}" in p for p in problems), problems
