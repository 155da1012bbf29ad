"""The shipped data passes the lib's schema validation and `frictionless validate`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qantar import settings, validate

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def test_lib_validation_passes_on_shipped_data() -> None:
    report = validate()
    assert report.problems == []
    assert set(report.tables) == {
        "sources",
        "places",
        "events",
        "casualty_reports",
        "reactions",
        "citations",
        "wordings",
        "review_log",
    }
    # The review log starts empty (every shipped row was typed by hand before issue 18); every other table has rows.
    assert all(len(rows) > 0 for name, rows in report.tables.items() if name != "review_log")


@pytest.mark.slow
def test_frictionless_validate_passes() -> None:
    out = subprocess.run(
        [str(FRICTIONLESS), "validate", "data/datapackage.json"],
        cwd=settings.project_root(),
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "VALID" in out.stdout and "INVALID" not in out.stdout


@pytest.mark.slow
def test_frictionless_catches_a_broken_foreign_key(data_copy: Path) -> None:
    """Guards against a descriptor that frictionless reads but does not enforce."""
    events = data_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",zhanaozen,", ",atlantis,", 1), encoding="utf-8")
    out = subprocess.run(
        [str(FRICTIONLESS), "validate", str(data_copy / "datapackage.json")], capture_output=True, text=True
    )
    assert out.returncode != 0
    assert "foreign-key" in out.stdout


def test_descriptor_documents_every_field_and_licence() -> None:
    desc = json.loads((settings.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["licenses"] and desc["sources"]
    for res in desc["resources"]:
        assert res["schema"]["primaryKey"], res["name"]
        for field in res["schema"]["fields"]:
            assert field.get("description"), f"{res['name']}.{field['name']} has no description"


def test_docs_data_dictionary_matches_descriptor() -> None:
    from qantar.datadict import BEGIN, END, render

    page = (settings.project_root() / "docs" / "data.md").read_text(encoding="utf-8")
    assert BEGIN in page and END in page
    section = page[page.index(BEGIN) : page.index(END) + len(END)]
    assert section == render(), "docs/data.md data dictionary is stale: regenerate it with `make docs`"
