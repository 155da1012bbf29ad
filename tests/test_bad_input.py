"""Bad input is rejected with messages that name file, row, column, value and rule; nothing is written."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import snapshot
from qantar import DataValidationError, load, validate


def _set(filename: str, row: int, column: str, value: str):
    def mutate(header, rows):
        rows[row - 1][column] = value
    return filename, mutate


def _drop_column(filename: str, column: str):
    def mutate(header, rows):
        return [h for h in header if h != column]
    return filename, mutate


def _duplicate_id(filename: str, column: str):
    def mutate(header, rows):
        rows[4][column] = rows[2][column]
    return filename, mutate


CASES = {
    # name: (edit, expected file, row, column, rule fragment)
    "missing column": (_drop_column("events.csv", "geo_precision"), "events.csv", None, "geo_precision", "missing column"),
    "malformed date": (_set("events.csv", 3, "date_start", "2022-13-45"), "events.csv", 3, "date_start", "type: expected a date"),
    "malformed date text": (_set("casualty_reports.csv", 2, "as_of_date", "5 Jan 2022"), "casualty_reports.csv", 2, "as_of_date", "type: expected a date"),
    "unknown place id": (_set("events.csv", 7, "place_id", "atlantis"), "events.csv", 7, "place_id", "foreign key"),
    "negative count": (_set("casualty_reports.csv", 1, "value", "-317"), "casualty_reports.csv", 1, "value", "negative count"),
    "duplicate id": (_duplicate_id("reactions.csv", "reaction_id"), "reactions.csv", 5, "reaction_id", "duplicate id"),
    "unknown enum value": (_set("casualty_reports.csv", 4, "group", "aliens"), "casualty_reports.csv", 4, "group", "enum"),
    "snippet not in document": (_set("events.csv", 2, "evidence", "Crowds marched on the moon on January 2"), "events.csv", 2, "evidence", "snippet not in its document"),
    "snippet over 160 characters": (_set("reactions.csv", 1, "evidence", "x" * 161), "reactions.csv", 1, "evidence", "maxLength"),
    "wrong derived bound": (_set("casualty_reports.csv", 1, "low", "300"), "casualty_reports.csv", 1, "low", "bounds"),
    "unknown citation target": (_set("citations.csv", 1, "record_id", "ev999"), "citations.csv", 1, "record_id", "foreign key"),
    "unknown CAMEO code": (_set("reactions.csv", 2, "cameo_code", "999"), "reactions.csv", 2, "cameo_code", "CAMEO"),
    "end before start": (_set("reactions.csv", 10, "date_end", "2021-01-01"), "reactions.csv", 10, "date_end", "date order"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_rejected_with_location(case: str, edit_table, request: pytest.FixtureRequest) -> None:
    (filename, mutate), file_, row, column, rule = CASES[case]
    # Only the verbatim-snippet rule needs the texts; the others run without them.
    texts_dir = request.getfixturevalue("texts_dir") if "snippet not in" in case else None
    data = edit_table(filename, mutate)
    before = snapshot(data)
    with pytest.raises(DataValidationError) as err:
        load(data_dir=data, texts_dir=texts_dir)
    matching = [p for p in err.value.problems if p.file == file_ and p.column == column and rule in p.rule]
    assert matching, f"no problem naming {file_}/{column}/{rule!r} in:\n{err.value}"
    problem = matching[0]
    assert problem.row == row
    text = str(problem)
    assert file_ in text and f"column '{column}'" in text and (row is None or f"row {row} " in text)
    assert snapshot(data) == before  # a failed load changes no file


def test_every_problem_is_reported_not_just_the_first(edit_table) -> None:
    def mutate(header, rows):
        rows[0]["date_start"] = "yesterday"
        rows[1]["place_id"] = "nowhere"
        rows[2]["event_type"] = "Picnic"
    data = edit_table("events.csv", mutate)
    report = validate(data)
    found = {(p.row, p.column) for p in report.problems}
    assert {(1, "date_start"), (2, "place_id"), (3, "event_type")} <= found
    message = str(DataValidationError(report.problems))
    assert message.startswith(f"{len(report.problems)} problem(s)")
    assert "yesterday" in message and "nowhere" in message and "Picnic" in message


def test_enum_message_lists_valid_values(edit_table) -> None:
    data = edit_table(*_set("casualty_reports.csv", 4, "measure", "wounded"))
    (problem,) = [p for p in validate(data).problems if p.column == "measure"]
    assert "killed" in problem.rule and "injured" in problem.rule and problem.value == "wounded"


def test_hash_mismatch_is_reported(tmp_path: Path, texts_dir: Path) -> None:
    copy = tmp_path / "texts"
    copy.mkdir()
    for p in texts_dir.glob("*.txt"):
        (copy / p.name).write_bytes(p.read_bytes())
    victim = sorted(copy.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nAppended line.", encoding="utf-8")
    problems = validate(texts_dir=copy).problems
    assert any(p.column == "sha256" and "hash mismatch" in p.rule and victim.name in p.rule for p in problems)


def test_cli_exits_nonzero_listing_every_error(edit_table) -> None:
    def mutate(header, rows):
        rows[0]["value"] = "-1"
        rows[1]["qualifier"] = "roughly"
    data = edit_table("casualty_reports.csv", mutate)
    out = subprocess.run([sys.executable, "-m", "qantar.cli", "validate", "--data-dir", str(data)],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert "casualty_reports.csv, row 1" in out.stderr and "casualty_reports.csv, row 2" in out.stderr
    assert "'roughly'" in out.stderr
