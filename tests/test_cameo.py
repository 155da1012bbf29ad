"""CAMEO codes and labels are checked against the vendored GDELT code list (qantar/reference)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import read_rows
from qantar import settings, validate
from qantar.cameo import CODES_FILE, cameo_codes, cameo_label


def test_vendored_list_is_complete_and_has_provenance() -> None:
    codes = cameo_codes()
    assert len(codes) == 316
    assert codes["0252"] == "Appeal for easing of popular dissent"  # GDELT's wording, not the manual's "political"
    assert codes["138"] == "Threaten to use military force, not specified below"
    assert codes["137"] == "Threaten with violent repression"
    assert codes["041"] == "Discuss by telephone" and codes["1724"].startswith("Impose state of emergency")
    provenance = (CODES_FILE.parent / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "a7e3917cff6a5d308203e4e6cc2f060baad9fb67" in provenance and "AlifCor/media-focus" in provenance
    assert "How to refresh" in provenance
    with pytest.raises(KeyError, match="999"):
        cameo_label("999")


def test_list_is_read_on_first_use_not_at_import() -> None:
    tree = ast.parse(Path(settings.project_root() / "lib" / "qantar" / "cameo.py").read_text(encoding="utf-8"))
    top_level_calls = [n for n in tree.body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)]
    assigned_calls = [
        n
        for n in tree.body
        if isinstance(n, ast.Assign)
        and isinstance(n.value, ast.Call)
        and not (isinstance(n.value.func, ast.Attribute) and n.value.func.attr == "resolve")
    ]
    assert top_level_calls == [] and assigned_calls == []


def test_every_reaction_code_and_label_equal_the_vendored_list() -> None:
    """Fails on any shipped reactions row whose code is unknown or whose label is not GDELT's wording."""
    codes = cameo_codes()
    _, rows = read_rows(settings.data_dir() / "reactions.csv")
    wrong = [
        (r["reaction_id"], r["cameo_code"], r["cameo_label"], codes.get(r["cameo_code"]))
        for r in rows
        if codes.get(r["cameo_code"]) != r["cameo_label"]
    ]
    assert wrong == [], f"(row, code, label, expected label): {wrong}"


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("cameo_label", "Appeal for easing of political dissent", "must be 'Appeal for easing of popular dissent'"),
        ("cameo_code", "0259", "code not in the vendored CAMEO list"),
    ],
)
def test_wrong_label_and_unknown_code_are_reported(edit_table, column: str, value: str, expected: str) -> None:
    def mutate(header, rows):
        row = next(r for r in rows if r["cameo_code"] == "0252") if column == "cameo_label" else rows[1]
        row[column] = value
        mutate.row = rows.index(row) + 1  # type: ignore[attr-defined]

    data = edit_table("reactions.csv", mutate)
    problems = [p for p in validate(data).problems if p.column == column and "CAMEO" in p.rule]
    assert len(problems) == 1, problems
    p = problems[0]
    assert p.file == "reactions.csv" and p.row == mutate.row and p.value == value  # type: ignore[attr-defined]
    assert expected in p.rule
    text = str(p)
    assert f"row {p.row} " in text and f"column '{column}'" in text and value in text
