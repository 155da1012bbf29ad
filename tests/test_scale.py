"""Scale: a replicated dataset validates and its derived counts scale with it; the fast paths change no result.

The replication is the one benchmarks/bench_scale.py times (every copy renumbered, places and sources
single). Nothing here is timed.
"""

from __future__ import annotations

import re

import csv
import importlib.util
import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from qantar import derive, disagree, settings, validation
from qantar.tables import read_csv

FACTOR = 3
CASUALTY_KINDS = {
    "figure_conflict",
    "part_exceeds_whole",
    "label",
    "toll_conflict",
    "status",
}  # compare figures: identical copies merge


def _bench():
    path = settings.project_root() / "benchmarks" / "bench_scale.py"
    spec = importlib.util.spec_from_file_location("bench_scale", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def tripled(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("x3") / "data"
    _bench().replicate(settings.project_root() / "data", folder, FACTOR)
    return folder


@pytest.fixture(scope="module")
def big(tripled):
    from qantar import load

    return load(data_dir=tripled)


def test_renumber_keeps_the_id_patterns() -> None:
    renumber = _bench().renumber
    assert renumber("ev001", 0) == "ev001"
    assert renumber("ev001", 1) == "ev1001" and renumber("cr024", 999) == "cr999024"
    assert renumber("ev1234", 2) == "ev21234"  # four digits: the stride grows, ids stay distinct


def test_replicated_dataset_validates_with_every_row_copied(dataset, big) -> None:
    assert big.report.ok
    for name in ("events", "casualty_reports", "reactions", "wordings"):
        assert len(big.table(name)) == FACTOR * len(dataset.table(name)), name
    # Citations of places are kept once (places are not copied); every other citation is copied.
    of_places = int((dataset.citations["table"] == "places").sum())
    assert len(big.citations) == FACTOR * (len(dataset.citations) - of_places) + of_places
    for name in ("places", "sources"):
        assert len(big.table(name)) == len(dataset.table(name)), name
    assert big.events["event_id"].is_unique and big.citations["citation_id"].is_unique


def test_derived_counts_scale_with_the_copies(dataset, big) -> None:
    start, end = settings.DEFAULT_START, settings.DEFAULT_END
    one, three = derive.records_per_document(dataset), derive.records_per_document(big)
    places = one.get("places", 0)  # places are not copied
    pd.testing.assert_series_equal(three["total"] - places, FACTOR * (one["total"] - places))

    small_cities = derive.city_summary(dataset, start, end).set_index("city_id")
    big_cities = derive.city_summary(big, start, end).set_index("city_id")
    assert list(big_cities.index) == list(small_cities.index)
    assert (big_cities["n_reports"] == FACTOR * small_cities["n_reports"]).all()
    assert (big_cities["n_events"] == FACTOR * small_cities["n_events"]).all()  # happenings are copied too
    assert (big_cities["first_date"] == small_cities["first_date"]).all()

    counts_one, ranged_one = derive.daily_counts(derive.events_in_window(dataset, start, end), start, end)
    counts_big, ranged_big = derive.daily_counts(derive.events_in_window(big, start, end), start, end)
    pd.testing.assert_frame_equal(counts_big, FACTOR * counts_one)
    assert ranged_big == FACTOR * ranged_one

    rv_one, rv_big = derive.reactions_view(dataset), derive.reactions_view(big)
    pd.testing.assert_frame_equal(derive.stance_counts(rv_big), FACTOR * derive.stance_counts(rv_one))
    assert len(derive.coverage(big, start, end)) == FACTOR * len(derive.coverage(dataset, start, end))
    claims_one, claims_big = derive.casualty_claims(dataset), derive.casualty_claims(big)
    assert len(claims_big) == FACTOR * len(claims_one)
    series = ["as_of_date", "day_figure", "series", "carried", "n_claims"]
    one_series, big_series = derive.casualty_series(claims_one), derive.casualty_series(claims_big)
    assert (big_series["n_claims"] == FACTOR * one_series["n_claims"]).all()
    pd.testing.assert_frame_equal(big_series[series[:-1]], one_series[series[:-1]])


@pytest.mark.parametrize("finder", [disagree.disagreements, disagree.tensions], ids=["between", "within"])
def test_disagreements_of_copies_grow_with_the_rows(dataset, big, finder) -> None:
    """Copied happenings and wordings disagree once per copy; a copied figure is one claim naming all its ids."""
    one, three = finder(dataset), finder(big)
    assert len(one) > 0
    events_one, events_big = one[~one.kind.isin(CASUALTY_KINDS)], three[~three.kind.isin(CASUALTY_KINDS)]
    assert len(events_big) == FACTOR * len(events_one)
    figures_one = one[one.kind.isin(CASUALTY_KINDS)].reset_index(drop=True)
    figures_big = three[three.kind.isin(CASUALTY_KINDS)].reset_index(drop=True)
    assert list(figures_big.kind) == list(figures_one.kind) and list(figures_big.subject) == list(figures_one.subject)
    renumber = _bench().renumber
    for small, large in zip(figures_one.record_ids, figures_big.record_ids, strict=True):
        ids = small.split(", ")
        assert large.split(", ") == [renumber(i, c) for i in ids for c in range(FACTOR)]
    # a copied figure is one version naming every copy's id (the sentence names it once, by its outlet)
    for versions in figures_big.versions:
        assert all(len(v["record_ids"]) == FACTOR for v in versions)


def _edit(folder: Path, filename: str, row: int, column: str, value: str) -> None:
    path = folder / filename
    header, rows, problems = read_csv(path)
    assert not problems
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


EDITS = [
    ("events.csv", 4, "event_id", "ev001"),  # duplicate id
    ("events.csv", 3, "description", "=HYPERLINK()"),
    ("events.csv", 2, "geo_precision", "4"),
    ("events.csv", 1, "event_type", "Parade"),
    ("events.csv", 5, "description", "x" * 401),
    ("events.csv", 2, "happening_id", " protest_x"),
    ("events.csv", 6, "place_id", "nowhere"),
    ("events.csv", 7, "evidence", "a sentence that is in no document"),
    ("events.csv", 8, "date_end", "2021-12-31"),
    ("events.csv", 9, "date_start", "2022-13-01"),
    ("casualty_reports.csv", 1, "value", "-3"),
    ("casualty_reports.csv", 2, "low", "99999"),
    ("casualty_reports.csv", 3, "qualifier", "exact"),
    ("reactions.csv", 1, "cameo_label", "Something else"),
    ("reactions.csv", 2, "cameo_code", "9999"),
    ("reactions.csv", 3, "actor_for", "atlantis"),
    ("citations.csv", 1, "record_id", "ev999"),
    ("citations.csv", 2, "evidence", ""),
    ("places.csv", 13, "latitude", ""),  # a city without coordinates
    ("sources.csv", 1, "n_chars", "0"),
]


@pytest.mark.parametrize(("filename", "row", "column", "value"), EDITS, ids=[f"{e[0]}-{e[2]}" for e in EDITS])
def test_fast_paths_report_what_the_row_by_row_checks_report(
    texts_dir, tmp_path, monkeypatch, filename, row, column, value
) -> None:
    """Validation with the column-at-a-time shortcuts gives the same problems, in order, as row by row."""
    folder = tmp_path / "data"
    shutil.copytree(settings.project_root() / "data", folder, ignore=shutil.ignore_patterns("geo"))
    _edit(folder, filename, row, column, value)
    fast = validation.validate(folder, texts_dir).problems
    assert fast, "the edit must break a rule"
    # Without columns, every table, key and snippet is checked row by row; the rules likewise.
    monkeypatch.setattr(validation, "read_table", lambda path, name: (*read_csv(path, name), None))
    monkeypatch.setattr(validation, "_check_rules", validation._check_rules_rows)
    assert validation.validate(folder, texts_dir).problems == fast


def test_short_and_long_rows_are_still_named(tmp_path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(settings.project_root() / "data", folder, ignore=shutil.ignore_patterns("geo"))
    with (folder / "events.csv").open("a", encoding="utf-8") as fh:
        fh.write("ev999,protest_x\n")
    rules = {(p.row, p.column, p.rule) for p in validation.validate(folder).problems}
    n_rows = len(pd.read_csv(settings.project_root() / "data" / "events.csv"))
    assert (n_rows + 1, "date_start", "row has fewer cells than the header") in rules


def test_long_tables_show_a_page_of_rows_and_link_the_full_csv(dataset, tmp_path, monkeypatch) -> None:
    from qantar import page as page_mod

    shown: list[str] = []
    monkeypatch.setattr(page_mod.Page, "_show", lambda self, html, text: shown.append(html))
    run = SimpleNamespace(ds=dataset, out_dir=tmp_path)
    page = page_mod.Page(run)  # type: ignore[arg-type]
    n = page_mod.TABLE_ROWS_MAX + 100
    records = pd.DataFrame({"record": [f"r{i}" for i in range(n)], "doc_id": dataset.sources["doc_id"].iloc[0]})
    page.table("many", title="Many", caption="Lots of rows.", records=records, noun="row")
    html = shown[-1]
    assert len(re.findall(r"<tr[ >]", html)) == page_mod.TABLE_ROWS_MAX + 1  # header and the first rows
    assert f"the first {page_mod.TABLE_ROWS_MAX} of {n} rows" in html and 'href="' in html and "many.csv" in html
    assert len(pd.read_csv(tmp_path / "many.csv")) == n  # the CSV keeps every row
    page.figure("few", title="Few", caption="c", alt="a", data=records.head(3), records=records.head(3), noun="row")
    assert "3 rows behind this figure" in shown[-1] and "the first" not in shown[-1]
