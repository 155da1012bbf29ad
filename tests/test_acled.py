"""The ACLED export follows the codebook: fatalities, aggregation, dates, places, notes and actor names (issue 17 D)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import pytest
from conftest import read_rows
from qantar import acled
from qantar.problems import DataValidationError

TIMESTAMP = 1700000000
Edit = Callable[[str, Callable[[list[str], list[dict[str, str]]], list[str] | None]], Path]


def _export(ds: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ACLED rows and the companion rows (every events row, what became of it and why)."""
    return acled.frames(ds, TIMESTAMP)


@pytest.fixture(scope="module")
def export(dataset: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _export(dataset)


def _event_of(export: tuple[pd.DataFrame, pd.DataFrame], event_id: str) -> pd.Series:
    """The exported ACLED row that an events row went into."""
    rows, side = export
    cnty = side.set_index("event_id").loc[event_id, "event_id_cnty"]
    assert cnty, f"{event_id} is in no exported event: {side.set_index('event_id').loc[event_id].to_dict()}"
    (row,) = [r for _, r in rows.iterrows() if r["event_id_cnty"] == cnty]
    return row


def _load(folder: Path) -> Any:
    from qantar import load

    return load(folder)


# ---------------------------------------------------------------- fatalities


def test_fatalities_of_the_almaty_clashes(export: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    # 004: "dozens of protesters killed" on 6 January (cr018) -> ACLED's 12 on that day's Almaty violence;
    # 003: 12 law-enforcement members killed in the clashes with protesters in Almaty (cr014) -> the Almaty clashes.
    assert _event_of(export, "ev036")["fatalities"] == 12
    assert _event_of(export, "ev013")["fatalities"] == 12
    rows, side = export
    basis = side.set_index("event_id_cnty").loc[_event_of(export, "ev036")["event_id_cnty"]]
    basis = basis[basis["status"] == "exported"]["basis"].iloc[0]
    assert "cr018" in basis and acled.Q_WORDS in basis


def test_every_exported_event_has_a_fatalities_rule(export: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    rows, side = export
    exported = side[side["status"] == "exported"].set_index("event_id_cnty")
    assert set(exported.index) == set(rows["event_id_cnty"])
    for _, r in rows.iterrows():
        basis = exported.loc[r["event_id_cnty"], "basis"]
        assert f"fatalities {r['fatalities']}:" in basis, basis
        if r["fatalities"] == 0:
            assert "No information on fatalities is recorded as 0 reported fatalities" in basis


def test_conflicting_figures_give_the_lowest_and_the_notes_say_so(edit_table: Edit) -> None:
    def add_reports(header: list[str], rows: list[dict[str, str]]) -> None:
        base = next(r for r in rows if r["report_id"] == "cr014")
        rows.append({**base, "report_id": "cr901", "qualifier": "exact", "value": "15", "low": "15", "high": "15"})
        rows.append({**base, "report_id": "cr902", "measure": "casualties", "qualifier": "unquantified", "value": ""})
        for k in ("low", "high"):
            rows[-1][k] = ""

    folder = edit_table("casualty_reports.csv", add_reports)
    event = _event_of(_export(_load(folder)), "ev013")
    assert event["fatalities"] == 12  # 12 (cr014) and 15 (cr901): the lowest; 'casualties' are no fatalities
    assert "cr901" in event["notes"] and "15" in event["notes"]


def test_groups_add_up_and_an_unspecified_toll_is_not_added_again(edit_table: Edit) -> None:
    def add_reports(header: list[str], rows: list[dict[str, str]]) -> None:
        base = next(r for r in rows if r["report_id"] == "cr014")
        rows.append({**base, "report_id": "cr903", "group": "protesters", "value": "5", "low": "5", "high": "5"})
        rows.append({**base, "report_id": "cr904", "group": "unspecified", "value": "14", "low": "14", "high": "14"})

    folder = edit_table("casualty_reports.csv", add_reports)
    # ACLED does not attribute deaths to groups: 12 security forces + 5 protesters = 17; "14 killed" is
    # taken to be part of the same dead (the conservative reading), so 17 stays.
    assert _event_of(_export(_load(folder)), "ev013")["fatalities"] == 17


def test_without_the_link_column_the_dataset_is_refused(edit_table: Edit) -> None:
    """The export reads casualty_reports.event_id: a descriptor that drops it is refused, naming the column."""

    def drop(header: list[str], rows: list[dict[str, str]]) -> list[str]:
        return [h for h in header if h != "event_id"]

    folder = edit_table("casualty_reports.csv", drop)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    (table,) = [r for r in descriptor["resources"] if r["name"] == "casualty_reports"]
    table["schema"]["fields"] = [f for f in table["schema"]["fields"] if f["name"] != "event_id"]
    table["schema"]["foreignKeys"] = [k for k in table["schema"]["foreignKeys"] if k["fields"] != ["event_id"]]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        _load(folder)
    assert "event_id" in str(err.value)


# ---------------------------------------------------------------- aggregation


@pytest.mark.parametrize(
    "group",
    [("ev016", "ev017", "ev018", "ev019", "ev031"), ("ev021", "ev024"), ("ev003", "ev004")],
    ids=["riots-almaty-5-jan", "battle-almaty-5-jan", "protest-almaty-4-jan"],
)
def test_same_day_place_actors_and_type_is_one_event(export: tuple[pd.DataFrame, pd.DataFrame], group: tuple) -> None:
    rows, side = export
    ids = side.set_index("event_id").loc[list(group), "event_id_cnty"]
    assert ids.nunique() == 1 and ids.iloc[0] in set(rows["event_id_cnty"]), ids.to_dict()
    statuses = side.set_index("event_id").loc[list(group), "status"]
    assert set(statuses) <= {"exported", "merged", "aggregated"}


def test_no_two_rows_share_day_place_type_and_actors(export: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    rows, _ = export
    keys = rows.apply(
        lambda r: (r["event_date"], r["location"], r["event_type"], frozenset({r["actor1"], r["actor2"]})), axis=1
    )
    dupes = rows[keys.duplicated(keep=False)]
    assert dupes.empty, dupes[["event_id_cnty", "event_date", "location", "event_type", "actor1", "actor2"]]


def test_check_reports_rows_that_should_have_been_aggregated(export: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    rows, _ = export
    records = rows.to_dict("records")
    assert acled.check(records) == []
    twin = {**records[0], "event_id_cnty": "KAZQ999"}
    problems = acled.check([*records, twin])
    assert any("KAZQ999" in p and "aggregated" in p for p in problems), problems


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("event_id", "day", "precision"),
    [
        ("ev047", "2022-01-05", 1),  # CSTO request: 000 'by 5 January' and 002 '5 or 6 January' share only the 5th
        ("ev045", "2022-01-05", 1),  # acting PM: only the Wednesday 5 January statement is dated
        ("ev051", "2022-01-07", 1),  # kill order: only Friday's address is dated
        ("ev052", "2022-01-08", 1),  # Massimov: only the Saturday announcement is dated
        ("ev055", "2022-01-04", 2),  # statue: 'earlier this week' names a week: its middle, precision 2
    ],
)
def test_event_dates_follow_acleds_time_precision_rules(
    export: tuple[pd.DataFrame, pd.DataFrame], event_id: str, day: str, precision: int
) -> None:
    row = _event_of(export, event_id)
    assert (row["event_date"], row["time_precision"]) == (day, precision)


def test_acting_prime_minister_is_not_dated_before_the_resignation(export: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    assert _event_of(export, "ev045")["event_date"] >= _event_of(export, "ev043")["event_date"]


# ---------------------------------------------------------------- places


def test_one_place_rule_for_country_level_rows(dataset: Any, export: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    rows, side = export
    side = side.set_index("event_id")
    kinds = dataset.places.set_index("place_id")["kind"].astype(str)
    country_level = dataset.events[dataset.events["place_id"].map(kinds) == "country"]
    assert len(country_level) > 10
    for _, ev in country_level.iterrows():
        status, cnty = side.loc[ev["event_id"], "status"], side.loc[ev["event_id"], "event_id_cnty"]
        if status == "excluded":
            continue
        (row,) = [r for _, r in rows.iterrows() if r["event_id_cnty"] == cnty]
        assert row["event_type"] == "Strategic developments" and row["geo_precision"] == 3, row.to_dict()
        assert acled.national_authority(str(ev["actor1"])), ev.to_dict()
    # The arms depots seized, the special operation and the security vehicles seized are alike: activity on
    # the ground reported only for the whole country; none is exported, all for the same reason.
    reasons = {e: side.loc[e, "reason"] for e in ("ev027", "ev028", "ev063")}
    assert all(side.loc[e, "status"] == "excluded" for e in reasons), reasons
    assert all("single countrywide event" in r for r in reasons.values()), reasons


# ---------------------------------------------------------------- notes


def test_notes_give_every_version_of_a_disputed_happening(
    dataset: Any, export: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    versions = dataset.events[dataset.events["happening_id"] == "state_of_emergency"]
    assert len(versions) == 5  # 000, 001, 002, 003 and (since data 0.2.1) 004's undated ev068
    notes = _event_of(export, "ev039")["notes"]
    for note in versions["variant_note"]:
        assert str(note) in notes


def test_the_beheading_is_noted_under_the_clash_its_exclusion_points_to(
    dataset: Any, export: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    rows, side = export
    beheading = dataset.events.set_index("event_id").loc["ev035"]
    clash = _event_of(export, "ev013")
    assert str(beheading["description"]) in clash["notes"]
    assert side.set_index("event_id").loc["ev035", "event_id_cnty"] == clash["event_id_cnty"]
    assert side.set_index("event_id").loc["ev035", "status"] == "excluded"


def test_notes_are_built_from_the_data(edit_table: Edit) -> None:
    def reword(header: list[str], rows: list[dict[str, str]]) -> None:
        for r in rows:
            if r["event_id"] == "ev013":
                r["description"] = "Reworded description of the Almaty clashes for a test."

    folder = edit_table("events.csv", reword)
    notes = _event_of(_export(_load(folder)), "ev013")["notes"]
    assert "Reworded description of the Almaty clashes for a test." in notes


# ---------------------------------------------------------------- actors


def test_actor_names_take_acleds_form(export: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    rows, _ = export
    names = set(rows["actor1"]) | set(rows["actor2"])
    assert "Police Forces of Kazakhstan (2019-)" in names and "Military Forces of Kazakhstan (2019-)" in names
    assert "Government of Kazakhstan (2019-)" in names
    assert not {n for n in names if n.startswith(("Police (", "Military forces", "Government of Kazakhstan"))} - {
        "Government of Kazakhstan (2019-)"
    }


def test_companion_maps_every_events_row(dataset: Any, export: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    rows, side = export
    assert sorted(side["event_id"]) == sorted(dataset.events["event_id"].astype(str))
    assert set(side["status"]) <= {"exported", "merged", "aggregated", "excluded"}
    inside = side[side["status"] != "excluded"]
    assert set(inside["event_id_cnty"]) == set(rows["event_id_cnty"])
    for _, r in rows.iterrows():
        ids = inside[inside["event_id_cnty"] == r["event_id_cnty"]]["event_id"]
        assert all(i in r["notes"] for i in ids), (r["event_id_cnty"], list(ids), r["notes"])


def test_export_command_writes_the_companion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qantar.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(TIMESTAMP))
    out = tmp_path / "acled.csv"
    assert main(["export", "--format", "acled", "--out", str(out)]) == 0
    header, side = read_rows(tmp_path / "acled.excluded.csv")
    assert header == acled.EXCLUDED_COLUMNS and {r["status"] for r in side} >= {"exported", "excluded"}
