"""Derived views: bounds, the conservative casualty series, first day of unrest (disagreements: test_disagree)."""

from __future__ import annotations

import pandas as pd
import pytest

from qantar import derive
from qantar.derive import casualty_claims, casualty_series, first_unrest_day, records_per_document
from qantar.display import claim_text
from qantar.qualifiers import acled_figure, bounds


@pytest.mark.parametrize(
    "qualifier,value,expected",
    [
        ("exact", 317, (317, 317)),
        ("at_least", 8, (8, None)),
        ("more_than", 3000, (3001, None)),
        ("about", 5000, (4500, 5500)),
        ("some", 190, (171, 209)),
        ("almost", 8000, (7200, 7999)),
        ("almost", 1, (0, 0)),
        ("up_to", 50, (0, 50)),
        ("dozens", None, (12, 99)),
        ("hundreds", None, (100, 999)),
        ("thousands", None, (1000, 9999)),
        ("unquantified", None, (None, None)),
    ],
)
def test_bounds(qualifier: str, value: int | None, expected: tuple) -> None:
    assert bounds(qualifier, value) == expected


def test_bounds_reject_inconsistent_input() -> None:
    with pytest.raises(ValueError, match="needs a value"):
        bounds("exact", None)
    with pytest.raises(ValueError, match="takes no value"):
        bounds("dozens", 24)
    with pytest.raises(ValueError, match="valid: exact"):
        bounds("roughly", 5)


def test_claim_text() -> None:
    assert claim_text("more_than", 3000) == "more than 3,000"
    assert claim_text("dozens", pd.NA) == "dozens"
    assert claim_text("exact", 8) == "8"
    assert claim_text("almost", 8000) == "almost 8,000"
    assert claim_text("up_to", 50) == "up to 50"


@pytest.mark.parametrize(
    "qualifier,value,expected",
    [
        ("exact", 317, 317),
        ("at_least", 8, 8),
        ("more_than", 3000, 3000),
        ("about", 5000, 5000),
        ("some", 190, 190),
        ("almost", 8000, 8000),
        ("up_to", 50, 50),
        ("dozens", None, 12),
        ("hundreds", None, 100),
        ("thousands", None, 1000),
        ("unquantified", None, None),
    ],
)
def test_acled_figure_is_the_most_conservative_reported_figure(qualifier: str, value, expected) -> None:
    """ACLED codes the lowest *reported* figure: 'some 190' is 190 and 'more than 3,000' is 3,000, not 171 or 3,001."""
    assert acled_figure(qualifier, value) == expected


def _claims(rows: list[tuple]) -> pd.DataFrame:
    cols = ["report_id", "doc_id", "scope_place_id", "group", "measure", "as_of_date", "period", "acled"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["as_of_date"] = pd.to_datetime(frame["as_of_date"])
    frame["acled"] = frame["acled"].astype("Int64")
    # casualty_claims' frames carry the wording too; the series words its points with it
    frame["qualifier"] = ["unquantified" if pd.isna(a) else "exact" for a in frame["acled"]]
    frame["value"] = frame["acled"]
    return frame


def test_series_takes_the_highest_figure_of_each_day() -> None:
    series = casualty_series(
        _claims(
            [
                ("a", "d1", "kz", "security_forces", "killed", "2022-01-05", "cumulative", 8),
                ("b", "d2", "kz", "security_forces", "killed", "2022-01-05", "cumulative", 10),
                ("c", "d3", "kz", "security_forces", "killed", "2022-01-07", "cumulative", 18),
                ("d", "d3", "almaty", "security_forces", "killed", "2022-01-05", "cumulative", 12),
                ("e", "d1", "kz", "civilians", "casualties", "2022-01-05", "cumulative", None),
            ]
        )
    )
    assert len(series) == 3  # the unquantified claim has no figure and is left out
    row = series[(series.scope_place_id == "kz") & (series.as_of_date == "2022-01-05")].iloc[0]
    assert (row.day_figure, row.series, row.report_id, row.n_claims, row.n_docs) == (10, 10, "b", 2, 2)
    assert series[series.scope_place_id == "almaty"].series.tolist() == [12]


def test_a_cumulative_series_never_steps_down() -> None:
    """'more than 3,000' detained on 7 January, then 'thousands' (1,000) on 8 January: the series stays at 3,000."""
    series = casualty_series(
        _claims(
            [
                ("a", "d4", "kz", "protesters", "detained", "2022-01-07", "cumulative", 3000),
                ("b", "d4", "kz", "protesters", "detained", "2022-01-08", "cumulative", 1000),
                ("c", "d4", "kz", "protesters", "detained", "2022-01-09", "cumulative", 4000),
            ]
        )
    )
    assert series.series.tolist() == [3000, 3000, 4000]
    assert series.day_figure.tolist() == [3000, 1000, 4000] and series.carried.tolist() == [False, True, False]


def test_other_years_and_single_days_never_join_a_january_2022_series() -> None:
    series = casualty_series(
        _claims(
            [
                ("a", "d1", "kz", "protesters", "detained", "2019-01-01", "unspecified", 100),
                ("b", "d2", "almaty", "protesters", "participants", "2022-01-04", "single_day", 5000),
                ("c", "d4", "kz", "protesters", "detained", "2022-01-08", "cumulative", 1000),
            ]
        )
    )
    assert series.report_id.tolist() == ["c"]


def test_series_on_shipped_data(dataset) -> None:
    claims = casualty_claims(dataset, measures=["killed"], groups=["security_forces"], scopes=["kz"])
    assert set(claims["doc_id"].astype(str)) == {
        "000_0ab9f91eede0ad35",
        "001_2dc413502671f7d2",
        "002_3bbce40942cfe172",
        "004_5fd3b595c2b22735",
        # Later texts (data 0.3.0): the 19 police and servicemen among the 225 (AP 15 Jan) and the 230 (Interfax);
        # AFP's recap of the 18 security officers acknowledged before 15 January.
        "007_8adc17d0be31669f",
        "008_d9bfbe12220f3310",
        "012_4563bcee05567d43",
    }
    series = casualty_series(claims).set_index("as_of_date")
    # 000 reports eight dead as of 5 January; 001 and 002 ("at least eight", undated) are as of their 6 January
    # publication (data 0.2.0, issue 10). The lowest figure stays 8.
    assert series.loc["2022-01-05", "series"] == 8 and series.loc["2022-01-05", "n_claims"] == 1
    assert series.loc["2022-01-06", "series"] == 8 and series.loc["2022-01-06", "n_claims"] == 2
    assert series.loc["2022-01-07", "series"] == 18
    everything = casualty_series(casualty_claims(dataset))
    dozens = everything[
        (everything.group == "unspecified") & (everything.measure == "killed") & (everything.scope_place_id == "kz")
    ]
    assert dozens.series.tolist()[0] == 12  # ACLED: "dozens" counts as 12 (later tolls follow from 15 January)
    detained = everything[(everything.group == "protesters") & (everything.measure == "detained")]
    assert detained.series.tolist() == [3000, 3000]  # never 3,001, never down to 1,000, and no 2019 figure
    assert not (everything["as_of_date"].dt.year < 2022).any()  # later tolls of the same dead do join


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
    assert not first.loc["taldykorgan", "first_date_certain"]
    assert "moscow" not in first.index and "brussels" not in first.index
    # Almaty's airport and square events fold into the city.
    assert first.loc["almaty", "n_events"] >= 10


def test_records_per_document_counts_every_document(dataset) -> None:
    table = records_per_document(dataset)
    assert len(table) == len(dataset.sources) and (table["total"] > 0).all()
    assert table["total"].sum() >= len(dataset.events)


def test_one_first_day_rule_for_every_map(dataset) -> None:
    """Within 5–10 January, Almaty's first day is 5 January and certain: the storming dated 4–6 January is clipped."""
    from qantar.derive import city_frames, city_summary
    from qantar.params import Window

    late = city_summary(dataset, "2022-01-05", "2022-01-10").set_index("city")
    assert late.loc["Almaty", "first_date"] == pd.Timestamp("2022-01-05") and late.loc["Almaty", "first_date_certain"]
    assert not late.loc["Taldykorgan", "first_date_certain"]
    days = Window(pd.Timestamp("2022-01-02").date(), pd.Timestamp("2022-01-10").date()).days
    frames = city_frames(dataset, days)
    last = frames[frames["day"] == pd.Timestamp("2022-01-10")].drop(columns="day").reset_index(drop=True)
    pd.testing.assert_frame_equal(last, city_summary(dataset, days[0], days[-1]))  # the animation's end = the map
    day2 = frames[frames["day"] == pd.Timestamp("2022-01-02")]
    assert set(day2[day2["first_date_certain"]]["city"]) == {"Zhanaozen", "Aktau"}
    assert set(day2[~day2["first_date_certain"]]["city"]) == {"Taldykorgan"}  # may have happened by then: white


def test_key_event_is_pinned_to_a_day_a_text_gives(dataset) -> None:
    """The state of emergency, dated differently by the texts, is marked on the earliest day a text states (4 Jan),
    not on the first day of 004's undated range (2 Jan, ev068)."""
    from qantar import dating

    events = derive.events_in_window(dataset, "2022-01-02", "2022-01-10")
    found = dating.happenings(events, "2022-01-02", "2022-01-10", dataset.events)
    keys = derive.key_events(events, found).set_index("event_kind")
    soe = keys.loc["state_of_emergency"]
    assert (str(soe.date_start.date()), soe.date_precision) == ("2022-01-04", "disputed")
