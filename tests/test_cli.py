"""The `qantar validate` command prints counts per table and records per document."""

from __future__ import annotations

from pathlib import Path

from cli import run_qantar


def test_validate_prints_summary() -> None:
    out = run_qantar("validate")
    assert out.returncode == 0, out.stderr
    for table in ("places", "events", "casualty_reports", "reactions", "citations", "wordings"):
        assert table in out.stdout
    assert "Records citing each document" in out.stdout and "004_5fd3b595c2b22735" in out.stdout
    assert "Disagreements between documents" in out.stdout
    assert "Tensions within one document (not disagreements)" in out.stdout


def test_validate_says_whether_evidence_was_checked(texts_dir: Path) -> None:
    checked = run_qantar("validate", "--texts-dir", str(texts_dir))
    assert "Evidence and hashes checked against 5 texts" in checked.stdout
    env = {"PATH": "/usr/bin:/bin"}
    unchecked = run_qantar("validate", env=env)
    assert "NOT checked" in unchecked.stdout


def test_gazetteer_search_finds_oral() -> None:
    out = run_qantar("gazetteer", "--search", "Uralsk", "--country", "KZ")
    assert out.returncode == 0 and out.stdout.startswith("608668\tOral")


def test_in_process_runs_show_warnings_on_stderr(monkeypatch) -> None:
    """run_qantar prints warnings as the interpreter would, so 'one line on stderr' tests see any extra line."""
    import warnings

    import qantar.cli

    def noisy(argv: list[str]) -> int:
        warnings.warn("probe warning", UserWarning, stacklevel=1)
        return 0

    monkeypatch.setattr(qantar.cli, "main", noisy)
    assert "probe warning" in run_qantar("validate").stderr
