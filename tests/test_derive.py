"""Derived views: bounds, the conservative casualty series, first day of unrest, disagreements."""
from __future__ import annotations

import pandas as pd
import pytest

from qantar.derive import casualty_claims, conservative_series, disagreements, first_unrest_day, format_claim, records_per_document
from qantar.qualifiers import bounds


@pytest.mark.parametrize("qualifier,value,expected", [
    ("exact", 317, (317, 317)), ("at_least", 8, (8, None)), ("more_than", 3000, (3001, None)),
    ("about", 5000, (4500, 5500)), ("some", 190, (171, 209)), ("dozens", None, (12, 99)),
    ("hundreds", None, (100, 999)), ("thousands", None, (1000, 9999)), ("unquantified", None, (None, None)),
])
def test_bounds(qualifier: str, value: int | None, expected: tuple) -> None:
    assert bounds(qualifier, value) == expected


def test_bounds_reject_inconsistent_input() -> None:
    with pytest.raises(ValueError, match="needs a value"):
        bounds("exact", None)
    with pytest.raises(ValueError, match="takes no value"):
        bounds("dozens", 24)
    with pytest.raises(ValueError, match="valid: exact"):
        bounds("roughly", 5)


def test_format_claim() -> None:
    assert format_claim("more_than", 3000) == "more than 3,000"
    assert format_claim("dozens", pd.NA) == "dozens"
    assert format_claim("exact", 8) == "8"


def _claims(rows: list[tuple]) -> pd.DataFrame:
    cols = ["report_id", "doc_id", "scope_place_id", "group", "measure", "as_of_date", "low", "high"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["as_of_date"] = pd.to_datetime(frame["as_of_date"])
    frame["low"] = frame["low"].astype("Int64")
    return frame


def test_conservative_series_takes_lowest_figure_per_key() -> None:
    claims = _claims([
        ("a", "d1", "kz", "security_forces", "killed", "2022-01-05", 8, 8),
        ("b", "d2", "kz", "security_forces", "killed", "2022-01-05", 10, None),
        ("c", "d3", "kz", "security_forces", "killed", "2022-01-07", 18, 18),
        ("d", "d3", "almaty", "security_forces", "killed", "2022-01-05", 12, 12),
        ("e", "d1", "kz", "civilians", "casualties", "2022-01-05", None, None),
    ])
    series = conservative_series(claims)
    assert len(series) == 3  # the unquantified claim has no lower bound and is left out
    row = series[(series.scope_place_id == "kz") & (series.as_of_date == "2022-01-05")].iloc[0]
    assert (row.conservative, row.highest_low, row.report_id, row.n_claims, row.n_docs) == (8, 10, "a", 2, 2)
    assert series[series.scope_place_id == "almaty"].conservative.tolist() == [12]


def test_conservative_series_on_shipped_data(dataset) -> None:
    claims = casualty_claims(dataset, measures=["killed"], groups=["security_forces"], scopes=["kz"])
    assert set(claims["doc_id"].astype(str)) == {"000_0ab9f91eede0ad35", "001_2dc413502671f7d2", "002_3bbce40942cfe172", "004_5fd3b595c2b22735"}
    series = conservative_series(claims).set_index("as_of_date")
    # Three documents report eight dead as of 5 January (one exact, two "at least"); the lowest figure is 8.
    assert series.loc["2022-01-05", "conservative"] == 8 and series.loc["2022-01-05", "n_claims"] == 3
    assert series.loc["2022-01-07", "conservative"] == 18
    everything = conservative_series(casualty_claims(dataset))
    dozens = everything[(everything.group == "unspecified") & (everything.measure == "killed")]
    assert dozens.conservative.tolist() == [12]  # ACLED: "dozens" counts as 12


def test_claims_filters_and_never_merges(dataset) -> None:
    all_claims = casualty_claims(dataset)
    assert len(all_claims) == len(dataset.casualty_reports)
    injured_317 = all_claims[(all_claims["value"] == 317)]
    assert len(injured_317) == 2  # the same figure from two documents stays two claims
    window = casualty_claims(dataset, start="2022-01-06", end="2022-01-06")
    assert set(window["as_of_date"].dt.strftime("%Y-%m-%d")) == {"2022-01-06"}


def test_first_unrest_day(dataset) -> None:
    first = first_unrest_day(dataset).set_index("city_id")
    assert first.loc["zhanaozen", "first_date"] == pd.Timestamp("2022-01-02")
    assert first.loc["aktau", "first_date"] == pd.Timestamp("2022-01-02")
    for city in ("almaty", "atyrau", "aktobe", "uralsk", "taraz", "shymkent", "kyzylorda", "karaganda", "nur_sultan"):
        assert first.loc[city, "first_date"] == pd.Timestamp("2022-01-04"), city
    assert first.loc["taldykorgan", "date_precision"] == "range"
    assert "moscow" not in first.index and "brussels" not in first.index
    # Almaty's airport and square events fold into the city.
    assert first.loc["almaty", "n_happenings"] >= 10


def test_disagreements(dataset) -> None:
    dis = disagreements(dataset)
    soe = dis[dis.subject == "state_of_emergency"].iloc[0]
    assert soe.kind == "event_date" and soe.doc_ids.count("_") == 4  # four documents, four versions
    assert set(dis[dis.kind == "event_date"].subject) >= {"state_of_emergency", "csto_request"}
    assert {"battle_almaty", "government_resignation"} <= set(dis.subject)
    part = dis[dis.kind == "part_exceeds_total"]
    assert len(part) == 2 and all("some 190" in d for d in part.detail)
    assert (dis.kind == "figure_wording").sum() == 2


def test_records_per_document_counts_every_document(dataset) -> None:
    table = records_per_document(dataset)
    assert len(table) == 5 and (table["total"] > 0).all()
    assert table["total"].sum() >= len(dataset.events)
