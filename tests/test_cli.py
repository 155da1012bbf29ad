"""The `qantar validate` command prints counts per table and records per document."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_validate_prints_summary() -> None:
    out = subprocess.run([sys.executable, "-m", "qantar.cli", "validate"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    for table in ("places", "events", "casualty_reports", "reactions", "citations"):
        assert table in out.stdout
    assert "Records citing each document" in out.stdout and "004_5fd3b595c2b22735" in out.stdout
    assert "Disagreements between documents" in out.stdout


def test_validate_says_whether_evidence_was_checked(texts_dir: Path) -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "validate", "--texts-dir", str(texts_dir)], capture_output=True, text=True
    )
    assert "Evidence and hashes checked against 5 texts" in checked.stdout
    env = {"PATH": "/usr/bin:/bin"}
    unchecked = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "validate"], capture_output=True, text=True, env=env
    )
    assert "NOT checked" in unchecked.stdout


def test_gazetteer_search_finds_oral() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "gazetteer", "--search", "Uralsk", "--country", "KZ"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and out.stdout.startswith("608668\tOral")
