"""The workflow from a new text to cited records: add-text, accept, the review log, missing texts (issue 18).

Every test works on a private copy of data/ and a private texts folder; the project's data/ is never written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli import run_qantar


@pytest.fixture
def texts_copy(tmp_path: Path, texts_dir: Path) -> Path:
    """A private copy of the source texts that a test may add to or remove from."""
    dst = tmp_path / "texts"
    shutil.copytree(texts_dir, dst)
    return dst


def test_missing_texts_are_reported_per_source_not_as_failure(data_copy: Path, texts_copy: Path) -> None:
    """Three texts absent: validate passes, says how many records cite them, names them, checks the other two."""
    gone = sorted(p.stem for p in texts_copy.glob("*.txt"))[:3]
    for doc in gone:
        (texts_copy / f"{doc}.txt").unlink()
    result = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert result.returncode == 0, result.stderr
    from qantar.validation import validate

    report = validate(data_copy, texts_copy)
    assert report.ok and report.missing_texts == gone
    n = sum(report.cites_missing.values())
    assert n > 0
    assert f"{n} records cite 3 texts not present here; their evidence was not re-checked" in result.stdout
    for doc in gone:
        assert doc in result.stdout


def test_evidence_still_checked_for_texts_that_are_present(data_copy: Path, texts_copy: Path, edit_table) -> None:
    """With some texts missing, a wrong snippet citing a present text still fails."""
    present = sorted(p.stem for p in texts_copy.glob("*.txt"))
    (texts_copy / f"{present[0]}.txt").unlink()

    def spoil(header: list[str], rows: list[dict[str, str]]) -> None:
        row = next(r for r in rows if r["doc_id"] == present[-1])
        row["evidence"] = "words that are in no text at all"

    edit_table("events.csv", spoil)
    from qantar.validation import validate

    report = validate(data_copy, texts_copy)
    assert [p.rule for p in report.problems] == [f"snippet not in its document: not found verbatim in {present[-1]}"]
